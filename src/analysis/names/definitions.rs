//! Config definitions checked against the types the ADK declares for them: a variant attribute's
//! kind and config (SB414) and its values (SB415), the fields an SMS template requires (SB416),
//! and an entity's type and config (SB417), each as polyai-adk 0.73.2 reads them.

use super::coerce::{self, Kind, py_strip};
use crate::diagnostics::{Code, Diagnostic};
use crate::model::{Attribute, Project, YamlType, YamlValue, snake_case};
use crate::source::Span;
use crate::text::did_you_mean;

pub(super) fn check(p: &Project, out: &mut Vec<Diagnostic>) {
    for a in &p.attributes {
        attribute(a, out);
    }
    sms_templates(p, out);
    entities(p, out);
}

/// The kinds, listed for a message.
fn kind_list() -> String {
    Kind::NAMES.map(|k| format!("`{k}`")).join(", ")
}

/// The kind a misspelt or foreign kind name most likely means.
fn guess_kind(written: &str) -> Option<&'static str> {
    let lower = py_strip(written).to_lowercase();
    let by_meaning = match lower.as_str() {
        "int" | "integer" | "float" | "double" | "decimal" | "numeric" | "num" => "number",
        "bool" => "boolean",
        "str" | "text" => "string",
        "json" | "dict" | "map" | "mapping" | "list" | "array" | "obj" => "object",
        _ => "",
    };
    if !by_meaning.is_empty() {
        return Some(by_meaning);
    }
    did_you_mean(&lower, Kind::NAMES)
}

/// What a value is, for a message: `the string `lots``, `a mapping`.
fn found(v: &YamlValue) -> String {
    match v.ty {
        YamlType::Map(_) => "a mapping".into(),
        YamlType::Seq(_) => "a list".into(),
        _ if v.text.chars().count() > 40 => format!("a {}", v.type_name()),
        YamlType::Int | YamlType::Float => format!("the number `{}`", v.text),
        _ => format!("the {} `{}`", v.type_name(), v.text),
    }
}

/// SB414 / SB415: one attribute's kind, config and values.
fn attribute(a: &Attribute, out: &mut Vec<Diagnostic>) {
    let name = &a.name.value;
    // `kind = yaml_dict.get("kind") or "string"`: a false value is a string attribute.
    let kind = match a.kind.as_ref().filter(|k| k.is_truthy()) {
        None => Kind::String,
        Some(k) if k.ty == YamlType::Other => return,
        Some(k) if k.ty == YamlType::Str => match Kind::parse(&k.text) {
            Some(kind) => kind,
            None => {
                let mut d = Diagnostic::new(
                    Code::SB414,
                    a.file,
                    k.span,
                    format!(
                        "unknown attribute kind `{}`: expected one of {}",
                        k.text,
                        kind_list()
                    ),
                );
                if let Some(g) = guess_kind(&k.text) {
                    d = d.help(format!("did you mean `{g}`?")).replace_fix(
                        format!("replace with `{g}`"),
                        k.span,
                        g,
                        false,
                    );
                }
                out.push(d);
                return;
            }
        },
        Some(k) => {
            out.push(
                Diagnostic::new(
                    Code::SB414,
                    a.file,
                    k.span,
                    format!(
                        "attribute kind must be one of {}, found {}",
                        kind_list(),
                        found(k)
                    ),
                )
                .note("the ADK cannot push an attribute whose kind is not one of these names"),
            );
            return;
        }
    };
    let Some(enum_values) = attribute_config(a, kind, out) else {
        return;
    };
    for v in &a.values {
        if coerce::matches(kind, v.ty, &v.value.value, &enum_values) {
            continue;
        }
        let shown = YamlValue {
            span: v.value.span,
            ty: v.ty,
            text: v.value.value.clone(),
        };
        let mut d = Diagnostic::new(
            Code::SB415,
            a.file,
            v.value.span,
            format!(
                "attribute `{name}` is of kind `{}`, but its value for variant `{}` is {}",
                kind.as_str(),
                v.variant.value,
                found(&shown)
            ),
        );
        let stripped = py_strip(&v.value.value);
        match kind {
            Kind::String => {
                d = d.note("a `string` value is text (a number or a boolean is read as text); for a mapping or a list use `kind: object`")
            }
            Kind::Number => {
                d = d.note("a `number` value is a finite number, or a string holding one (`\"12\"`)")
            }
            Kind::Boolean => {
                let fixed = match stripped.to_ascii_lowercase().as_str() {
                    "yes" | "y" | "on" => Some("true"),
                    "no" | "n" | "off" => Some("false"),
                    _ => None,
                };
                d = d.note("a `boolean` value is `true` or `false` (as a string, in any case)");
                if let (Some(f), YamlType::Str) = (fixed, v.ty) {
                    d = d.help(format!("did you mean `{f}`?")).replace_fix(
                        format!("replace with `{f}`"),
                        v.value.span,
                        f,
                        false,
                    );
                }
            }
            Kind::Object => {
                d = d.note("an `object` value is a mapping, a list, or a string holding a JSON object or array")
            }
            Kind::Enum => {
                d = d.note(format!("the values of this enum: {}", enum_values.join(", ")));
                if v.ty == YamlType::Str
                    && let Some(g) = did_you_mean(stripped, enum_values.iter().copied())
                {
                    d = d.help(format!("did you mean `{g}`?")).replace_fix(
                        format!("replace with `{g}`"),
                        v.value.span,
                        g,
                        false,
                    );
                }
            }
        }
        out.push(d);
    }
}

/// SB414: the attribute's `config`. The enum's values when the values can be checked against
/// it (none for another kind), `None` when they cannot.
fn attribute_config<'a>(
    a: &'a Attribute,
    kind: Kind,
    out: &mut Vec<Diagnostic>,
) -> Option<Vec<&'a str>> {
    let name = &a.name.value;
    // `config = yaml_dict.get("config") or {}`, then its keys snake-cased.
    let config = a.config.as_ref().filter(|c| c.is_truthy());
    if let Some(c) = config
        && !matches!(c.ty, YamlType::Map(_) | YamlType::Other)
    {
        out.push(Diagnostic::new(
            Code::SB414,
            a.file,
            c.span,
            format!(
                "`config` of attribute `{name}` must be a mapping, found {}",
                found(c)
            ),
        ));
        return (kind != Kind::Enum).then(Vec::new);
    }
    if kind != Kind::Enum {
        if let Some(c) = config
            && matches!(c.ty, YamlType::Map(_))
        {
            out.push(
                Diagnostic::new(
                    Code::SB414,
                    a.file,
                    c.span,
                    format!(
                        "attribute `{name}` of kind `{}` takes no `config`: only an `enum` has one",
                        kind.as_str()
                    ),
                )
                .help("remove `config`, or make the attribute `kind: enum`"),
            );
        }
        return Some(Vec::new());
    }
    let field = a
        .config_fields
        .iter()
        .rev()
        .find(|(k, _)| snake_case(&k.value) == "values");
    let list = field.filter(|(_, v)| matches!(v.ty, YamlType::Seq(n) if n > 0));
    if list.is_none() {
        if field.is_some_and(|(_, v)| v.ty == YamlType::Other) {
            return None;
        }
        let at = field
            .map(|(_, v)| v.span)
            .or(config.map(|c| c.span))
            .or(a.kind.as_ref().map(|k| k.span))
            .unwrap_or(a.name.span);
        out.push(
            Diagnostic::new(
                Code::SB414,
                a.file,
                at,
                format!("enum attribute `{name}` needs a non-empty `config.values` list"),
            )
            .help("list the values under `config:`, e.g. `values: [gold, silver, bronze]`"),
        );
        return None;
    }
    let mut ok = true;
    let mut seen: Vec<(&str, Span)> = Vec::new();
    for item in &a.enum_values {
        match item.ty {
            YamlType::Str => {}
            YamlType::Other => return None,
            _ => {
                ok = false;
                let mut d = Diagnostic::new(
                    Code::SB414,
                    a.file,
                    item.span,
                    format!(
                        "enum value `{}` of attribute `{name}` must be a string, found {}",
                        item.text,
                        item.type_name()
                    ),
                );
                if matches!(item.ty, YamlType::Int | YamlType::Float | YamlType::Bool) {
                    d = d.help("quote it").replace_fix(
                        "quote it",
                        item.span,
                        format!("\"{}\"", item.text),
                        false,
                    );
                }
                out.push(d);
                continue;
            }
        }
        if let Some((_, first)) = seen.iter().find(|(s, _)| *s == item.text) {
            ok = false;
            out.push(
                Diagnostic::new(
                    Code::SB414,
                    a.file,
                    item.span,
                    format!("duplicate enum value `{}` in attribute `{name}`", item.text),
                )
                .label(a.file, *first, "first given here")
                .help("remove the repeated value"),
            );
            continue;
        }
        seen.push((&item.text, item.span));
    }
    ok.then(|| seen.into_iter().map(|(s, _)| s).collect())
}

/// SB416: the text and the phone numbers an SMS template needs.
fn sms_templates(p: &Project, out: &mut Vec<Diagnostic>) {
    for t in &p.sms_templates {
        let name = &t.name.value;
        match &t.text {
            None => out.push(
                Diagnostic::new(
                    Code::SB416,
                    t.file,
                    t.name.span,
                    format!("SMS template `{name}` has no `text`"),
                )
                .help("add `text:` with the message to send"),
            ),
            Some(e) if e.value => out.push(
                Diagnostic::new(
                    Code::SB416,
                    t.file,
                    e.span,
                    format!("SMS template `{name}` has an empty `text`"),
                )
                .help("write the message to send"),
            ),
            Some(_) => {}
        }
        if let Some(at) = t.null_phone_numbers {
            out.push(
                Diagnostic::new(
                    Code::SB416,
                    t.file,
                    at,
                    format!("`env_phone_numbers` of SMS template `{name}` is null"),
                )
                .help("give the `sandbox`, `pre_release` and `live` numbers, or remove the key (three empty numbers)"),
            );
        }
    }
}

/// The entity types (`EntityType`) and the type of each config field each one checks
/// (`EXPECTED_ENTITY_CONFIG_FIELDS`, `resources/entities.py`).
const ENTITY_TYPES: &[(&str, &[(&str, FieldType)])] = &[
    (
        "numeric",
        &[
            ("has_decimal", FieldType::Bool),
            ("has_range", FieldType::Bool),
            ("min", FieldType::Number),
            ("max", FieldType::Number),
        ],
    ),
    (
        "alphanumeric",
        &[
            ("enabled", FieldType::Bool),
            ("validation_type", FieldType::Str),
            ("regular_expression", FieldType::Str),
        ],
    ),
    ("enum", &[("options", FieldType::List)]),
    ("date", &[("relative_date", FieldType::Bool)]),
    (
        "phone_number",
        &[
            ("enabled", FieldType::Bool),
            ("country_codes", FieldType::List),
        ],
    ),
    (
        "time",
        &[
            ("enabled", FieldType::Bool),
            ("start_time", FieldType::Str),
            ("end_time", FieldType::Str),
        ],
    ),
    ("address", &[]),
    ("free_text", &[]),
    ("name_config", &[]),
];

/// The Python type an entity config field must have.
#[derive(Clone, Copy)]
enum FieldType {
    Bool,
    /// `(float, int)`, which takes a boolean too (`bool` is an `int` in Python).
    Number,
    Str,
    List,
}

impl FieldType {
    fn accepts(self, ty: YamlType) -> bool {
        match self {
            FieldType::Bool => ty == YamlType::Bool,
            FieldType::Number => matches!(ty, YamlType::Int | YamlType::Float | YamlType::Bool),
            FieldType::Str => ty == YamlType::Str,
            FieldType::List => matches!(ty, YamlType::Seq(_)),
        }
    }
    fn describe(self) -> &'static str {
        match self {
            FieldType::Bool => "a boolean (`true` or `false`)",
            FieldType::Number => "a number",
            FieldType::Str => "a string",
            FieldType::List => "a list",
        }
    }
}

/// The entity type a misspelt or foreign type name most likely means.
fn guess_entity_type(written: &str) -> Option<(&'static str, bool)> {
    let lower = written.trim().to_lowercase();
    let names = ENTITY_TYPES.iter().map(|(n, _)| *n);
    if let Some(n) = names.clone().find(|n| *n == lower) {
        // Only case or surrounding spaces differ: the meaning is certain.
        return Some((n, true));
    }
    let by_meaning = match lower.as_str() {
        "name" | "person_name" | "full_name" => "name_config",
        "phone" | "telephone" | "phone number" => "phone_number",
        "number" | "integer" | "int" | "float" | "decimal" => "numeric",
        "text" | "string" | "free text" | "freetext" => "free_text",
        "options" | "choice" | "multiple_options" => "enum",
        _ => "",
    };
    if !by_meaning.is_empty() {
        return Some((by_meaning, false));
    }
    did_you_mean(&lower, names).map(|n| (n, false))
}

/// SB417: each entity's type and config.
fn entities(p: &Project, out: &mut Vec<Diagnostic>) {
    let type_list = || {
        ENTITY_TYPES
            .iter()
            .map(|(n, _)| format!("`{n}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    for e in &p.entities {
        let name = &e.name.value;
        // `EntityType(yaml_data.get("entity_type"))`: exact, case and spaces included.
        let fields = match &e.entity_type {
            Some(t) if t.ty == YamlType::Other => continue,
            Some(t) if t.ty == YamlType::Str => {
                match ENTITY_TYPES.iter().find(|(n, _)| *n == t.text) {
                    Some((_, fields)) => *fields,
                    None => {
                        let mut d = Diagnostic::new(
                            Code::SB417,
                            e.file,
                            t.span,
                            format!(
                                "unknown entity type `{}`: expected one of {}",
                                t.text,
                                type_list()
                            ),
                        );
                        if let Some((g, safe)) = guess_entity_type(&t.text) {
                            d = d.help(format!("did you mean `{g}`?")).replace_fix(
                                format!("replace with `{g}`"),
                                t.span,
                                g,
                                safe,
                            );
                        }
                        out.push(d);
                        continue;
                    }
                }
            }
            Some(t) if t.ty != YamlType::Null => {
                out.push(Diagnostic::new(
                    Code::SB417,
                    e.file,
                    t.span,
                    format!(
                        "`entity_type` of entity `{name}` must be one of {}, found {}",
                        type_list(),
                        found(t)
                    ),
                ));
                continue;
            }
            _ => {
                out.push(
                    Diagnostic::new(
                        Code::SB417,
                        e.file,
                        e.name.span,
                        format!("entity `{name}` has no `entity_type`"),
                    )
                    .help(format!("add `entity_type:`, one of {}", type_list())),
                );
                continue;
            }
        };
        let etype = e.entity_type.as_ref().map_or("", |t| t.text.as_str());
        // `config or {}`, then its keys snake-cased (`hasDecimal` is `has_decimal`).
        match e.config.as_ref().filter(|c| c.is_truthy()) {
            Some(c) if matches!(c.ty, YamlType::Map(_)) => {}
            Some(c) if c.ty != YamlType::Other => {
                out.push(Diagnostic::new(
                    Code::SB417,
                    e.file,
                    c.span,
                    format!(
                        "`config` of entity `{name}` must be a mapping, found {}",
                        found(c)
                    ),
                ));
                continue;
            }
            _ => continue,
        }
        for (field, want) in fields {
            let Some((key, v)) = e
                .config_fields
                .iter()
                .rev()
                .find(|(k, _)| snake_case(&k.value) == *field)
            else {
                continue;
            };
            if v.ty == YamlType::Other || want.accepts(v.ty) {
                continue;
            }
            let mut d = Diagnostic::new(
                Code::SB417,
                e.file,
                v.span,
                format!(
                    "config field `{}` of entity `{name}` must be {} for entity type `{etype}`, found {}",
                    key.value,
                    want.describe(),
                    found(v)
                ),
            );
            let lower = py_strip(&v.text).to_ascii_lowercase();
            match want {
                FieldType::Bool if v.ty == YamlType::Str => {
                    let fixed = match lower.as_str() {
                        "yes" | "y" | "on" | "true" => Some("true"),
                        "no" | "n" | "off" | "false" => Some("false"),
                        _ => None,
                    };
                    if let Some(f) = fixed {
                        d = d.help(format!("write `{f}`, without quotes"));
                    }
                }
                FieldType::Number
                    if v.ty == YamlType::Str
                        && coerce::python_float(&lower).is_some_and(f64::is_finite) =>
                {
                    d = d.help(format!("write `{}` without quotes", py_strip(&v.text)));
                }
                _ => {}
            }
            out.push(d);
        }
    }
}
