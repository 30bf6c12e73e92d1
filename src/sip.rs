//! The SIP transfer methods: the one vocabulary that both the project model ([`crate::model`])
//! and the project's configuration ([`crate::config`]) speak, kept below both so that neither
//! imports the other for it.

/// How a handoff transfers the call.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Method {
    Invite,
    Refer,
    Bye,
}

impl Method {
    pub fn parse(s: &str) -> Option<Method> {
        match s {
            "invite" => Some(Method::Invite),
            "refer" => Some(Method::Refer),
            "bye" => Some(Method::Bye),
            _ => None,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Invite => "invite",
            Method::Refer => "refer",
            Method::Bye => "bye",
        }
    }
}
