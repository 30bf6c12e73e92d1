from _gen import *  # <AUTO GENERATED>


@func_description("The caller cannot make the offered slot and wants a different day or time.")
def request_different_time(conv: Conversation, flow: Flow):
    conv.state.offered_slot = None
    flow.goto_step("Collect Visit Details")
    return "Ask which other day or time of day would suit them."
