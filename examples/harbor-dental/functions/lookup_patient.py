from _gen import *  # <AUTO GENERATED>

# Demo records. The live agent queries the practice-management system instead.
_PATIENTS_BY_PHONE = {
    "+14155550143": {"id": "HD-10442", "first_name": "Maya", "dob": "1988-03-14"},
    "+14155550178": {"id": "HD-20917", "first_name": "Luis", "dob": "1975-11-02"},
}


@func_description(
    "Look up the caller's patient record. Call this before discussing, booking or "
    "changing an appointment."
)
@func_parameter(
    "date_of_birth",
    "The patient's date of birth as YYYY-MM-DD.",
)
@func_parameter(
    "phone_number",
    "The number the patient registered with, in E.164 format. "
    "Leave empty to use the number the caller is calling from.",
)
@func_latency_control(
    delay_before_responses_start=2,
    silence_after_each_response=3,
    delay_responses=[
        ("One moment while I pull up your record…", 3),
        ("Thanks for bearing with me, nearly there.", 2),
    ],
)
def lookup_patient(
    conv: Conversation,
    date_of_birth: str,
    phone_number: str,
):
    record = _PATIENTS_BY_PHONE.get(phone_number or conv.caller_number)
    if record is None or record["dob"] != date_of_birth:
        conv.write_metric("PATIENT_LOOKUP_FAILED")
        return (
            "No patient matches those details. Ask the caller to check the date of birth once; "
            "if it still does not match, treat them as a new patient."
        )
    conv.state.patient_id = record["id"]
    conv.state.patient_first_name = record["first_name"]
    return f"Patient found: {record['first_name']}. Greet them by first name."
