//! Typed fields as the ADK checks them after loading (`check_yaml_field_types`: an `int` field
//! takes an integer and no boolean, a `float` field an integer or a float, a `bool` field a
//! boolean, a `list[str]` field a list of strings), strict key sets (SB015), and Python's truth
//! value of a loaded section.

use super::Builder;
use crate::diagnostics::{Code, Diagnostic};
use crate::model::Spanned;
use crate::syntax::yaml::{Node, NodeKind};
use crate::text::did_you_mean;

/// A plain YAML number's value, as the ADK's loader reads it (`_` digit separators, `0x`, `0o`,
/// `0b`, `.inf`, `.nan`). `None` for anything that is not an integer or a float.
pub(super) fn yaml_number(node: &Node) -> Option<f64> {
    match node.type_name() {
        "integer" => match node.as_i64() {
            Some(i) => Some(i as f64),
            // Too large for i64: its decimal digits still read as a float.
            None => node.scalar()?.value.replace('_', "").parse::<f64>().ok(),
        },
        "float" => {
            let v = node.scalar()?.value.replace('_', "");
            let (neg, s) = match v.strip_prefix('-') {
                Some(s) => (true, s),
                None => (false, v.strip_prefix('+').unwrap_or(&v)),
            };
            let x = match s {
                ".inf" | ".Inf" | ".INF" => f64::INFINITY,
                ".nan" | ".NaN" | ".NAN" => f64::NAN,
                _ => s.parse::<f64>().ok()?,
            };
            Some(if neg { -x } else { x })
        }
        _ => None,
    }
}

/// Python's truth value of a loaded node: null, `false`, `0`, `""`, `{}` and `[]` are false.
pub(super) fn truthy(node: &Node) -> bool {
    match &node.kind {
        NodeKind::Scalar(s) => match node.type_name() {
            "null" => false,
            "boolean" => node.as_bool() == Some(true),
            "integer" | "float" => yaml_number(node).is_none_or(|x| x != 0.0),
            _ => !s.value.is_empty(),
        },
        NodeKind::Map(e) => !e.is_empty(),
        NodeKind::Seq(i) => !i.is_empty(),
        NodeKind::Alias(_) | NodeKind::Invalid => true,
    }
}

impl Builder<'_> {
    /// A field the ADK types `float`: an integer or a float. Null and absent give `None`; any
    /// other value gets SB004.
    pub(super) fn float_field(&mut self, map: &Node, key: &str) -> Option<Spanned<f64>> {
        let v = map.get(key)?;
        if v.is_null() || matches!(v.kind, NodeKind::Alias(_) | NodeKind::Invalid) {
            return None;
        }
        match yaml_number(v) {
            Some(x) => Some(Spanned::new(x, v.span)),
            None => {
                self.wrong_type(v, key, "a number");
                None
            }
        }
    }

    /// A field the ADK types `int`: an integer (not a float, not a boolean).
    pub(super) fn int_field(&mut self, map: &Node, key: &str) -> Option<Spanned<i64>> {
        let v = map.get(key)?;
        if v.is_null() || matches!(v.kind, NodeKind::Alias(_) | NodeKind::Invalid) {
            return None;
        }
        match (v.type_name(), v.as_i64()) {
            ("integer", Some(i)) => Some(Spanned::new(i, v.span)),
            // Beyond i64: an integer all the same.
            ("integer", None) => Some(Spanned::new(i64::MAX, v.span)),
            _ => {
                self.wrong_type(v, key, "an integer");
                None
            }
        }
    }

    /// A field the ADK types `list[str]`: `None` when absent or null; SB004 for a value that is
    /// not a list or an item that is a collection, SB013 for an item that loads as a number.
    pub(super) fn str_list(&mut self, map: &Node, key: &str) -> Option<Vec<Spanned<String>>> {
        let items = self.list(map, key)?;
        let mut out = Vec::with_capacity(items.len());
        for item in items {
            match &item.kind {
                NodeKind::Scalar(s) => {
                    if !self.not_a_string(item, &format!("an item of `{key}`")) && !item.is_null() {
                        out.push(Spanned::new(s.value.clone(), super::value_span(s)));
                    }
                }
                NodeKind::Alias(_) | NodeKind::Invalid => {}
                _ => self.wrong_type(item, &format!("an item of `{key}`"), "a string"),
            }
        }
        Some(out)
    }

    /// SB015: the keys of a section the ADK refuses to load with any key it does not define.
    pub(super) fn strict_keys(&mut self, node: &Node, known: &[&str], section: &str) {
        for e in node.entries() {
            let Some(k) = e.key.as_str() else { continue };
            if known.contains(&k) {
                continue;
            }
            let mut d = Diagnostic::new(
                Code::SB015,
                self.file,
                e.key.span,
                format!("unknown key `{k}` in `{section}`: the ADK refuses the file"),
            )
            .note(format!("`{section}` takes: {}", known.join(", ")));
            if let Some(s) = did_you_mean(k, known.iter().copied()) {
                d = d.help(format!("did you mean `{s}`?")).replace_fix(
                    format!("rename to `{s}`"),
                    e.key.span,
                    s,
                    false,
                );
            }
            self.diag(d);
        }
    }
}
