//! Helpers shared by the unit tests of the Python facts.

use super::PyValue;
use crate::source::Span;

/// Span of the `nth` (0-based) occurrence of `needle` in `text`.
pub(super) fn sp(text: &str, needle: &str, nth: usize) -> Span {
    let start = text
        .match_indices(needle)
        .nth(nth)
        .map(|(i, _)| i)
        .unwrap_or_else(|| panic!("{needle:?} #{nth} not in text"));
    Span::from_range(start..start + needle.len())
}

pub(super) fn lit(text: &str, quoted: &str, value: &str) -> PyValue {
    PyValue::Literal(value.to_string(), sp(text, quoted, 0))
}

pub(super) fn raw(text: &str, s: Span) -> &str {
    &text[s.range()]
}

pub(super) const AGENT: &str = r#"from _gen import *  # <AUTO GENERATED>
from functions.lookup_account import lookup_account

REASON_TO_TARGET = {"billing": "Billing Team", "other": "DEFAULT"}

@func_description(
    "Transfers the caller to the right team"
)
@func_parameter("reason", "Why the caller wants a human")
def transfer_to_agent(
    conv: Conversation,
    reason: str,
):
    conv.state.transfer_reason = reason
    if conv.state.vip:
        conv.functions.log_vip(conv)
    conv.call_handoff(destination=REASON_TO_TARGET.get(reason, "DEFAULT"), reason="needs_human", utterance="One moment")
    return {"handoff": {"refer": {"phone_number": "+15551234567", "sip_headers": {"X-Reason": reason}}}}
"#;
