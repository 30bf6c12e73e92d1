//! `switchboard render`: exactly what one handoff sends — method, target, and every SIP header
//! with its variables substituted from values given on the command line.
//!
//! Header values are compiled with [`super::header_segments`]; every variable a header uses
//! needs a value (built-ins such as `caller_id` too: they are runtime data). Values containing
//! CR, LF or NUL are refused, since they would let a value inject extra SIP headers; a header
//! whose own text holds one is refused for the same reason.

use super::{HeaderSegment, RouteOut, header_segments, route_out};
use crate::analysis::Options;
use crate::model::{Method, Project};
use serde::Serialize;
use std::fmt::Write as _;

/// What a handoff sends.
#[derive(Clone, Debug, Serialize)]
pub struct Rendered {
    pub handoff: String,
    /// The method as written (`refer`, `invite`, `bye`), `null` when missing.
    pub method: Option<String>,
    /// Where the call goes (refer and invite): the route as classified.
    pub target: Option<Target>,
    pub endpoint: Option<String>,
    pub encryption: Option<String>,
    pub headers: Vec<RenderedHeader>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Target {
    pub kind: &'static str,
    pub original: String,
    /// What is dialled or referred to: the normalised route (`null` for an invalid route
    /// without an unambiguous correction).
    pub value: Option<String>,
    pub problem: Option<String>,
}

#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct RenderedHeader {
    pub key: String,
    pub value: String,
}

/// Why a handoff cannot be rendered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RenderError {
    /// No handoff has this name.
    UnknownHandoff {
        name: String,
        suggestion: Option<String>,
    },
    /// Variables the headers use that were given no value, in order of first use:
    /// (name, header key, built-in, written by code).
    MissingVariables {
        handoff: String,
        missing: Vec<Missing>,
    },
    /// A `--var` value holding CR, LF or NUL.
    UnsafeValue { var: String },
    /// A header whose text itself holds CR, LF or NUL.
    UnsafeHeader { key: String },
    /// A `--var` argument without `=` or with an empty name.
    BadVarArgument { arg: String },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Missing {
    pub name: String,
    pub header: String,
    pub builtin: bool,
    pub written: bool,
}

impl std::fmt::Display for RenderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RenderError::UnknownHandoff { name, suggestion } => {
                write!(f, "no handoff named `{name}`")?;
                if let Some(s) = suggestion {
                    write!(f, "; did you mean `{s}`?")?;
                }
                Ok(())
            }
            RenderError::MissingVariables { handoff, missing } => {
                let mut first = true;
                for m in missing {
                    if !first {
                        writeln!(f)?;
                        write!(f, "error: ")?;
                    }
                    first = false;
                    write!(
                        f,
                        "no value for variable `{}` (used in header `{}` of handoff `{handoff}`): pass --var {}=VALUE",
                        m.name, m.header, m.name
                    )?;
                    if m.builtin {
                        write!(
                            f,
                            "\n  note: `{}` is a built-in variable: the platform fills it in at run time, so it still needs a sample value here",
                            m.name
                        )?;
                    } else if !m.written {
                        write!(
                            f,
                            "\n  note: no code sets `{}` and it is not a built-in variable, so at run time the header would carry no value (SB114)",
                            m.name
                        )?;
                    }
                }
                Ok(())
            }
            RenderError::UnsafeValue { var } => write!(
                f,
                "the value of `{var}` contains CR, LF or NUL: refused, since it would inject SIP header lines"
            ),
            RenderError::UnsafeHeader { key } => write!(
                f,
                "header `{key}` contains CR, LF or NUL in its text: refused, since it would inject SIP header lines (SB115)"
            ),
            RenderError::BadVarArgument { arg } => write!(f, "`--var {arg}` is not `name=value`"),
        }
    }
}

/// Split a `name=value` argument (the value may be empty or hold further `=`).
pub fn parse_var(arg: &str) -> Result<(String, String), RenderError> {
    match arg.split_once('=') {
        Some((n, v)) if !n.trim().is_empty() => Ok((n.trim().to_string(), v.to_string())),
        _ => Err(RenderError::BadVarArgument {
            arg: arg.to_string(),
        }),
    }
}

fn unsafe_text(s: &str) -> bool {
    s.contains(['\r', '\n', '\0'])
}

/// Render handoff `name` with `vars` (later values of the same name win).
pub fn render(
    p: &Project,
    options: &Options,
    name: &str,
    vars: &[(String, String)],
) -> Result<Rendered, RenderError> {
    let Some(h) = p.handoffs.iter().find(|h| h.name() == name) else {
        return Err(RenderError::UnknownHandoff {
            name: name.to_string(),
            suggestion: crate::text::did_you_mean(name, p.handoffs.iter().map(|h| h.name()))
                .map(str::to_string),
        });
    };
    for (n, v) in vars {
        if unsafe_text(v) {
            return Err(RenderError::UnsafeValue { var: n.clone() });
        }
    }
    let value_of = |n: &str| {
        vars.iter()
            .rev()
            .find(|(k, _)| k == n)
            .map(|(_, v)| v.as_str())
    };
    let builtin = |n: &str| options.builtin_variables.iter().any(|b| b == n);
    let written = |n: &str| {
        p.functions
            .iter()
            .any(|f| f.facts.state.iter().any(|a| a.write && a.name == n))
    };
    let mut headers = Vec::new();
    let mut missing: Vec<Missing> = Vec::new();
    for x in &h.headers {
        let Some(v) = &x.value else { continue };
        let mut out = String::new();
        for seg in header_segments(&v.value, &builtin, &written) {
            match seg {
                HeaderSegment::Text { text } => out.push_str(&text),
                HeaderSegment::Var {
                    var,
                    builtin,
                    written,
                } => match value_of(&var) {
                    Some(val) => out.push_str(val),
                    None => {
                        if !missing.iter().any(|m| m.name == var) {
                            missing.push(Missing {
                                name: var,
                                header: x.key.value.clone(),
                                builtin,
                                written,
                            });
                        }
                    }
                },
            }
        }
        if unsafe_text(&out) || unsafe_text(&x.key.value) {
            return Err(RenderError::UnsafeHeader {
                key: x.key.value.clone(),
            });
        }
        headers.push(RenderedHeader {
            key: x.key.value.clone(),
            value: out,
        });
    }
    if !missing.is_empty() {
        return Err(RenderError::MissingVariables {
            handoff: name.to_string(),
            missing,
        });
    }
    let method = h.method_kind();
    let target = match method {
        Some(Method::Bye) => None,
        _ => h.phone_number.as_ref().map(|r| {
            let RouteOut {
                kind,
                original,
                normalized,
                problem,
            } = route_out(&r.value);
            Target {
                kind,
                original,
                value: normalized,
                problem,
            }
        }),
    };
    let invite = method == Some(Method::Invite);
    Ok(Rendered {
        handoff: name.to_string(),
        method: Some(h.method_name().to_string()),
        target,
        endpoint: if invite {
            h.outbound_endpoint.as_ref().map(|e| e.value.clone())
        } else {
            None
        },
        // An invite without `outbound_encryption` has none (SB105: the ADK requires one).
        encryption: if invite {
            h.outbound_encryption.as_ref().map(|e| e.value.clone())
        } else {
            None
        },
        headers,
    })
}

impl Rendered {
    /// The text form:
    ///
    /// ```text
    /// handoff     billing
    /// method      REFER
    /// target      +15551234567 (e164)
    /// X-Caller-ID: +14155550199
    /// ```
    pub fn to_text(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(s, "handoff     {}", self.handoff);
        let method = match self.method.as_deref() {
            Some(m) if Method::parse(m).is_some() => m.to_ascii_uppercase(),
            Some(m) => format!("{m} (not one of invite, refer, bye)"),
            None => "(none)".to_string(),
        };
        let _ = writeln!(s, "method      {method}");
        match (&self.target, self.method.as_deref().and_then(Method::parse)) {
            (_, Some(Method::Bye)) => {
                let _ = writeln!(
                    s,
                    "target      (none: bye ends the agent's leg of the call)"
                );
            }
            (Some(t), _) => match (&t.value, &t.problem) {
                (Some(v), None) => {
                    let _ = writeln!(s, "target      {v} ({})", t.kind);
                }
                (fix, Some(problem)) => {
                    let _ = write!(s, "target      {} (invalid: {problem}", t.original);
                    if let Some(f) = fix {
                        let _ = write!(s, "; did you mean {f}?");
                    }
                    let _ = writeln!(s, ")");
                }
                (None, None) => {
                    let _ = writeln!(s, "target      {} ({})", t.original, t.kind);
                }
            },
            (None, _) => {
                let _ = writeln!(s, "target      (none: no phone_number)");
            }
        }
        if let Some(e) = &self.endpoint {
            let _ = writeln!(s, "endpoint    {e}");
        }
        match (&self.encryption, self.method.as_deref()) {
            (Some(e), _) => {
                let _ = writeln!(s, "encryption  {e}");
            }
            (None, Some("invite")) => {
                let _ = writeln!(s, "encryption  (none: no outbound_encryption, SB105)");
            }
            (None, _) => {}
        }
        if self.headers.is_empty() {
            let _ = writeln!(s, "headers     (none)");
        } else {
            let _ = writeln!(s, "headers");
            for h in &self.headers {
                let _ = writeln!(s, "  {}: {}", h.key, h.value);
            }
        }
        s
    }

    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_else(|_| "{}".to_string());
        s.push('\n');
        s
    }
}
