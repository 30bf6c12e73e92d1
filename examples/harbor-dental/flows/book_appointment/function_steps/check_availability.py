from _gen import *  # <AUTO GENERATED>

# Demo availability. The live agent asks the practice-management system instead.
_OPEN_SLOTS = {
    "morning": ["Tuesday at 9:30 a.m.", "Thursday at 10 a.m."],
    "afternoon": ["Tuesday at 2 p.m.", "Friday at 3:30 p.m."],
}


def check_availability(conv: Conversation, flow: Flow):
    preferred_time = conv.entities.preferred_time
    part_of_day = "afternoon" if preferred_time and preferred_time.value >= "12:00" else "morning"
    slots = _OPEN_SLOTS.get(part_of_day, [])
    if not slots:
        flow.goto_step("Collect Visit Details")
        return "There is nothing free that day. Ask the caller for another day."
    conv.state.offered_slot = slots[0]
    flow.goto_step("Offer Slot")
    return f"The first free slot is {slots[0]}."
