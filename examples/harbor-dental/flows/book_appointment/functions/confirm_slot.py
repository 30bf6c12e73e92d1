from _gen import *  # <AUTO GENERATED>
import random


@func_description("Book the offered slot. Call only after the caller has clearly accepted it.")
def confirm_slot(conv: Conversation, flow: Flow):
    conv.state.appointment_time = conv.state.offered_slot
    conv.state.appointment_id = f"HD-{random.randint(100000, 999999)}"
    conv.write_metric("APPOINTMENT_BOOKED")
    conv.exit_flow()
    return "The appointment is booked. Read back the day and time, then offer a text confirmation."
