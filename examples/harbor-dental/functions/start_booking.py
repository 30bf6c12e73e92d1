from _gen import *  # <AUTO GENERATED>


@func_description("Start booking an appointment. Call when the caller wants to book a visit.")
def start_booking(conv: Conversation):
    conv.goto_flow("Book Appointment")
