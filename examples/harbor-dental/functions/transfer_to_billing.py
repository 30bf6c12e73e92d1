from _gen import *  # <AUTO GENERATED>


@func_description(
    "Transfer the caller to the billing office for statements, insurance claims and refunds."
)
@func_parameter("topic", "One word for the billing question, e.g. 'claim', 'refund', 'statement'.")
def transfer_to_billing(conv: Conversation, topic: str):
    conv.write_metric("BILLING_TRANSFER", topic)
    conv.state.billing_topic = topic
    conv.call_handoff(
        destination="billing",
        reason="billing_question",
        utterance="Of course. I'll put you through to our billing team now, one moment please.",
    )
