from datetime import datetime
from zoneinfo import ZoneInfo

from _gen import *  # <AUTO GENERATED>

# Weekday (Monday = 0) -> opening hours. Both clinics share the same schedule in this demo.
_HOURS = {
    0: "open from 8 a.m. to 6 p.m.",
    1: "open from 8 a.m. to 6 p.m.",
    2: "open from 8 a.m. to 6 p.m.",
    3: "open from 8 a.m. to 6 p.m.",
    4: "open from 8 a.m. to 6 p.m.",
    5: "open from 9 a.m. to 1 p.m.",
}


def start_function(conv: Conversation):
    weekday = datetime.now(ZoneInfo("America/Los_Angeles")).weekday()
    conv.state.clinic_hours_today = _HOURS.get(weekday, "closed")
    conv.state.patient_id = ""
    conv.state.patient_first_name = ""
