from _gen import *  # <AUTO GENERATED>

_ACCEPTED = {"delta dental", "metlife", "cigna", "aetna", "guardian"}


@func_description("Check whether the caller's dental insurance is accepted at the clinic.")
@func_parameter("insurer", "The insurance company, as the caller said it.")
def check_insurance(conv: Conversation, insurer: str):
    if insurer.strip().lower() in _ACCEPTED:
        return f"{insurer} is accepted. Cleanings are usually covered twice a year."
    return (
        f"{insurer} is not on the accepted list. The caller can still be seen as a self-pay "
        "patient; offer the price list."
    )
