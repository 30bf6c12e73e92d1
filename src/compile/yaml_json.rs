//! A YAML node as a JSON value (YAML 1.2 core schema), for validating project files against the
//! JSON Schemas in `schemas/`.

use crate::syntax::yaml::{Node, NodeKind};
use serde_json::{Map, Number, Value};

/// Convert `node`: core-schema scalars become JSON scalars, mappings objects (keys as their
/// text; a repeated key keeps its last value), sequences arrays; aliases and invalid nodes
/// become `null`.
pub fn to_json(node: &Node) -> Value {
    match &node.kind {
        NodeKind::Scalar(s) => match node.type_name() {
            "null" => Value::Null,
            "boolean" => node.as_bool().map(Value::Bool).unwrap_or(Value::Null),
            "integer" => match node.as_i64() {
                Some(i) => Value::Number(i.into()),
                None => Value::String(s.value.clone()),
            },
            "float" => s
                .value
                .parse::<f64>()
                .ok()
                .and_then(Number::from_f64)
                .map(Value::Number)
                .unwrap_or_else(|| Value::String(s.value.clone())),
            _ => Value::String(s.value.clone()),
        },
        NodeKind::Map(entries) => {
            let mut m = Map::new();
            for e in entries {
                let key = match e.key.as_str() {
                    Some(k) => k.to_string(),
                    None => continue,
                };
                m.insert(key, to_json(&e.value));
            }
            Value::Object(m)
        }
        NodeKind::Seq(items) => Value::Array(items.iter().map(to_json).collect()),
        NodeKind::Alias(_) | NodeKind::Invalid => Value::Null,
    }
}

/// Parse YAML text and convert its first document (`null` when empty or unreadable).
pub fn parse(text: &str) -> Value {
    crate::syntax::yaml::parse(text)
        .root
        .as_ref()
        .map(to_json)
        .unwrap_or(Value::Null)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn core_schema_scalars() {
        let v = parse("a: 1\nb: true\nc: ~\nd: '1'\ne: yes\nf: [x, 2.5]\n");
        assert_eq!(
            v,
            serde_json::json!({"a": 1, "b": true, "c": null, "d": "1", "e": "yes", "f": ["x", 2.5]})
        );
    }
}
