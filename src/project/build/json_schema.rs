//! Checking `agent_settings/experimental_config.json` against the schema the ADK ships
//! (`experimental_config_schema.yaml` beside this file, from polyai-adk 0.73.2), as the ADK's
//! `jsonschema.Draft202012Validator` does: the keywords that schema uses (`$ref`, `type`,
//! `enum`, `const`, `properties`, `additionalProperties`, `required`, `dependentRequired`,
//! `propertyNames`, `items`, `minItems`, `minLength`, `pattern`, `minimum`, `maximum`, `allOf`,
//! `anyOf`, `oneOf`, `not`, `if`/`then`/`else`), each failure with the span of the value.
//! The schema is parsed once, the first time a project has the file; it is vendored in block
//! style (`scripts/vendor-experimental-schema.py`) so that the block-YAML loader reads it.

use super::typed::yaml_number;
use crate::source::Span;
use crate::syntax::json::{Json, JsonKind};
use crate::syntax::yaml::{self, Node, NodeKind};
use std::sync::OnceLock;

const SCHEMA_TEXT: &str = include_str!("experimental_config_schema.yaml");
/// The schema the ADK validates the file with.
const ENTRY: &str = "#/components/schemas/additional_features";
/// `$ref` chains followed at most (the schema has no cycle; this bounds a broken one).
const MAX_DEPTH: usize = 64;

fn schema_root() -> Option<&'static Node> {
    static ROOT: OnceLock<Option<Node>> = OnceLock::new();
    ROOT.get_or_init(|| yaml::parse(SCHEMA_TEXT).root).as_ref()
}

/// One way the file does not match: where, and what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Mismatch {
    pub span: Span,
    pub message: String,
}

/// Every mismatch of `doc` with the ADK's schema, in document order.
pub(super) fn validate(doc: &Json) -> Vec<Mismatch> {
    let Some(root) = schema_root() else {
        return Vec::new();
    };
    let Some(entry) = resolve(root, ENTRY) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let v = Validator { root };
    v.check(entry, doc, "", 0, &mut out);
    out.sort_by_key(|m| (m.span.start, m.span.end));
    out.dedup();
    out
}

/// The node a local `$ref` (`#/a/b`) names.
fn resolve<'n>(root: &'n Node, r: &str) -> Option<&'n Node> {
    let path = r.strip_prefix("#/")?;
    let mut n = root;
    for seg in path.split('/') {
        n = n.get(seg)?;
    }
    Some(n)
}

struct Validator<'s> {
    root: &'s Node,
}

/// Python's `re.search` for a schema `pattern`, with Python's `$`, which also matches
/// before a final line break.
fn pattern_matches(pattern: &str, s: &str) -> bool {
    /// Each pattern seen, compiled once (`None` when it does not compile).
    type Compiled = Vec<(String, Option<regex::Regex>)>;
    static CACHE: OnceLock<std::sync::Mutex<Compiled>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let Ok(mut c) = cache.lock() else {
        return true;
    };
    let re = match c.iter().find(|(p, _)| p == pattern) {
        Some((_, re)) => re.clone(),
        None => {
            let re = regex::Regex::new(pattern).ok();
            c.push((pattern.to_string(), re.clone()));
            re
        }
    };
    // A pattern this reader cannot compile is not held against the file.
    let Some(re) = re else { return true };
    re.is_match(s)
        || (pattern.ends_with('$') && s.strip_suffix('\n').is_some_and(|t| re.is_match(t)))
}

/// How a value is shown in a message: short scalars as written, collections by their type.
fn shown(j: &Json) -> String {
    match &j.kind {
        JsonKind::Str(s) if s.chars().count() <= 40 => format!("string `\"{s}\"`"),
        JsonKind::Str(_) => "a string".into(),
        JsonKind::Number { value, int } => {
            if *int {
                format!("`{value}`")
            } else if value.is_nan() {
                "`NaN`".into()
            } else {
                format!("`{value}`")
            }
        }
        JsonKind::Bool(b) => format!("`{b}`"),
        JsonKind::Null => "`null`".into(),
        JsonKind::Array(_) => "an array".into(),
        JsonKind::Object(_) => "an object".into(),
    }
}

/// The allowed values of an `enum`, as a message lists them.
fn listed(items: &[Node]) -> String {
    items
        .iter()
        .map(|i| match i.scalar() {
            Some(s) if i.type_name() == "string" => format!("`{}`", s.value),
            Some(s) => format!("`{}`", s.value),
            None => i.type_name().to_string(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// JSON Schema equality of an instance and a schema value (a number equals a number of the same
/// value, never a boolean).
fn equal(j: &Json, n: &Node) -> bool {
    match (&j.kind, n.type_name()) {
        (JsonKind::Null, "null") => true,
        (JsonKind::Bool(b), "boolean") => n.as_bool() == Some(*b),
        (JsonKind::Number { value, .. }, "integer" | "float") => yaml_number(n) == Some(*value),
        (JsonKind::Str(s), "string") => n.scalar().is_some_and(|x| &x.value == s),
        _ => false,
    }
}

fn type_matches(j: &Json, t: &str) -> bool {
    match (t, &j.kind) {
        ("object", JsonKind::Object(_))
        | ("array", JsonKind::Array(_))
        | ("string", JsonKind::Str(_))
        | ("boolean", JsonKind::Bool(_))
        | ("null", JsonKind::Null)
        | ("number", JsonKind::Number { .. }) => true,
        // A float with an integral value is an integer too.
        ("integer", JsonKind::Number { value, int }) => {
            *int || (value.is_finite() && value.fract() == 0.0)
        }
        _ => false,
    }
}

fn at(path: &str) -> String {
    if path.is_empty() {
        "the experimental config".into()
    } else {
        format!("`{path}`")
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

impl<'s> Validator<'s> {
    /// Whether `j` matches `s`, without reporting.
    fn valid(&self, s: &'s Node, j: &Json, path: &str, depth: usize) -> bool {
        let mut e = Vec::new();
        self.check(s, j, path, depth, &mut e);
        e.is_empty()
    }

    fn check(&self, s: &'s Node, j: &Json, path: &str, depth: usize, out: &mut Vec<Mismatch>) {
        if depth > MAX_DEPTH {
            return;
        }
        let err = |out: &mut Vec<Mismatch>, span: Span, message: String| {
            out.push(Mismatch { span, message })
        };
        match s.as_bool() {
            Some(true) => return,
            Some(false) => {
                err(out, j.span, format!("{} is not allowed", at(path)));
                return;
            }
            None => {}
        }
        if !matches!(s.kind, NodeKind::Map(_)) {
            return;
        }
        if let Some(r) = s.get("$ref").and_then(Node::as_str)
            && let Some(target) = resolve(self.root, r)
        {
            self.check(target, j, path, depth + 1, out);
        }
        if let Some(t) = s.get("type") {
            let types: Vec<&str> = match &t.kind {
                NodeKind::Seq(items) => items.iter().filter_map(Node::as_str).collect(),
                _ => t.as_str().into_iter().collect(),
            };
            if !types.is_empty() && !types.iter().any(|t| type_matches(j, t)) {
                err(
                    out,
                    j.span,
                    format!(
                        "{} must be of type {}, found {}",
                        at(path),
                        types.join(" or "),
                        shown(j)
                    ),
                );
                return;
            }
        }
        if let Some(items) = s.get("enum").map(Node::items)
            && !items.iter().any(|i| equal(j, i))
        {
            err(
                out,
                j.span,
                format!("{} is {}, not one of {}", at(path), shown(j), listed(items)),
            );
        }
        if let Some(c) = s.get("const")
            && !equal(j, c)
        {
            err(
                out,
                j.span,
                format!("{} must be {}", at(path), listed(std::slice::from_ref(c))),
            );
        }
        self.check_scalar(s, j, path, out);
        match &j.kind {
            JsonKind::Array(items) => {
                if let Some(n) = s.get("minItems").and_then(Node::as_i64)
                    && (items.len() as i64) < n
                {
                    err(
                        out,
                        j.span,
                        format!(
                            "{} needs at least {n} item{}",
                            at(path),
                            if n == 1 { "" } else { "s" }
                        ),
                    );
                }
                if let Some(is) = s.get("items") {
                    for (i, item) in items.iter().enumerate() {
                        self.check(is, item, &format!("{path}[{i}]"), depth + 1, out);
                    }
                }
            }
            JsonKind::Object(_) => self.check_object(s, j, path, depth, out),
            _ => {}
        }
        for key in ["allOf", "anyOf", "oneOf"] {
            let Some(subs) = s.get(key).map(Node::items) else {
                continue;
            };
            match key {
                "allOf" => {
                    for sub in subs {
                        self.check(sub, j, path, depth + 1, out);
                    }
                }
                "anyOf" => {
                    if !subs.iter().any(|sub| self.valid(sub, j, path, depth + 1)) {
                        err(
                            out,
                            j.span,
                            format!("{} matches none of the shapes the schema allows", at(path)),
                        );
                    }
                }
                _ => {
                    let n = subs
                        .iter()
                        .filter(|sub| self.valid(sub, j, path, depth + 1))
                        .count();
                    if n != 1 {
                        err(
                            out,
                            j.span,
                            format!(
                                "{} must match exactly one of the shapes the schema allows, matches {n}",
                                at(path)
                            ),
                        );
                    }
                }
            }
        }
        if let Some(not) = s.get("not")
            && self.valid(not, j, path, depth + 1)
        {
            let what = if not
                .get("anyOf")
                .is_some_and(|a| a.items().iter().all(|x| x.get("required").is_some()))
            {
                let combos: Vec<String> = not
                    .get("anyOf")
                    .map(Node::items)
                    .unwrap_or_default()
                    .iter()
                    .map(|x| {
                        listed(x.get("required").map(Node::items).unwrap_or_default())
                            .replace(", ", " and ")
                    })
                    .collect();
                format!("{} may not combine {}", at(path), combos.join(", nor "))
            } else {
                format!("{} has a shape the schema forbids", at(path))
            };
            err(out, j.span, what);
        }
        if let Some(cond) = s.get("if") {
            let branch = if self.valid(cond, j, path, depth + 1) {
                s.get("then")
            } else {
                s.get("else")
            };
            if let Some(b) = branch {
                self.check(b, j, path, depth + 1, out);
            }
        }
    }

    fn check_scalar(&self, s: &Node, j: &Json, path: &str, out: &mut Vec<Mismatch>) {
        let mut err = |span: Span, message: String| out.push(Mismatch { span, message });
        match &j.kind {
            JsonKind::Str(text) => {
                let len = text.chars().count() as i64;
                if let Some(n) = s.get("minLength").and_then(Node::as_i64)
                    && len < n
                {
                    err(
                        j.span,
                        format!(
                            "{} must be at least {n} character{} long",
                            at(path),
                            if n == 1 { "" } else { "s" }
                        ),
                    );
                }
                if let Some(n) = s.get("maxLength").and_then(Node::as_i64)
                    && len > n
                {
                    err(
                        j.span,
                        format!("{} must be at most {n} characters long", at(path)),
                    );
                }
                if let Some(p) = s.get("pattern").and_then(Node::as_str)
                    && !pattern_matches(p, text)
                {
                    err(
                        j.span,
                        format!("{} is {}, which does not match `{p}`", at(path), shown(j)),
                    );
                }
            }
            JsonKind::Number { value, .. } => {
                let bound = |k: &str| s.get(k).and_then(yaml_number);
                if let Some(m) = bound("minimum")
                    && *value < m
                {
                    err(
                        j.span,
                        format!("{} is {}, less than the minimum of {m}", at(path), shown(j)),
                    );
                }
                if let Some(m) = bound("maximum")
                    && *value > m
                {
                    err(
                        j.span,
                        format!("{} is {}, more than the maximum of {m}", at(path), shown(j)),
                    );
                }
                if let Some(m) = bound("exclusiveMinimum")
                    && *value <= m
                {
                    err(j.span, format!("{} must be more than {m}", at(path)));
                }
                if let Some(m) = bound("exclusiveMaximum")
                    && *value >= m
                {
                    err(j.span, format!("{} must be less than {m}", at(path)));
                }
            }
            _ => {}
        }
    }

    fn check_object(
        &self,
        s: &'s Node,
        j: &Json,
        path: &str,
        depth: usize,
        out: &mut Vec<Mismatch>,
    ) {
        let members = j.members();
        let has = |k: &str| members.iter().any(|m| m.key == k);
        if let Some(req) = s.get("required").map(Node::items) {
            for r in req.iter().filter_map(Node::as_str) {
                if !has(r) {
                    out.push(Mismatch {
                        span: j.span,
                        message: format!("{} is missing the required key `{r}`", at(path)),
                    });
                }
            }
        }
        if let Some(dep) = s.get("dependentRequired") {
            for e in dep.entries() {
                let Some(k) = e.key.as_str() else { continue };
                if !has(k) {
                    continue;
                }
                for r in e.value.items().iter().filter_map(Node::as_str) {
                    if !has(r) {
                        out.push(Mismatch {
                            span: j.span,
                            message: format!("{} has `{k}`, which needs `{r}` beside it", at(path)),
                        });
                    }
                }
            }
        }
        let props = s.get("properties");
        let additional = s.get("additionalProperties");
        let names = s.get("propertyNames");
        for m in &members {
            let sub = join(path, &m.key);
            if let Some(names) = names {
                let key = Json {
                    span: m.key_span,
                    kind: JsonKind::Str(m.key.clone()),
                };
                let mut e = Vec::new();
                self.check(names, &key, &sub, depth + 1, &mut e);
                if !e.is_empty() {
                    out.push(Mismatch {
                        span: m.key_span,
                        message: format!("`{}` is not a key allowed in {}", m.key, at(path)),
                    });
                }
            }
            match props.and_then(|p| p.get(&m.key)) {
                Some(ps) => self.check(ps, &m.value, &sub, depth + 1, out),
                None => match additional {
                    Some(a) if a.as_bool() == Some(false) => {
                        let known: Vec<String> = props
                            .map(|p| {
                                p.entries()
                                    .iter()
                                    .filter_map(|e| e.key.as_str().map(str::to_string))
                                    .collect()
                            })
                            .unwrap_or_default();
                        let hint =
                            crate::text::did_you_mean(&m.key, known.iter().map(String::as_str))
                                .map(|s| format!(" (did you mean `{s}`?)"))
                                .unwrap_or_default();
                        out.push(Mismatch {
                            span: m.key_span,
                            message: format!("unknown key `{}` in {}{hint}", m.key, at(path)),
                        });
                    }
                    Some(a) => self.check(a, &m.value, &sub, depth + 1, out),
                    None => {}
                },
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_vendored_schema_loads_on_the_block_yaml_path() {
        // Written in block style (scripts/vendor-experimental-schema.py) so that the first check
        // of a project with the file does not pay for the event parser (BENCHMARKS.md).
        let fast = crate::syntax::yaml::parse_fast(SCHEMA_TEXT).expect("block-style subset");
        assert!(fast.errors.is_empty(), "{:?}", fast.errors);
        assert!(fast.root.is_some_and(|r| resolve(&r, ENTRY).is_some()));
    }

    fn check(text: &str) -> Vec<(u32, String)> {
        let doc = crate::syntax::json::parse(text).unwrap();
        validate(&doc)
            .into_iter()
            .map(|m| (m.span.start, m.message))
            .collect()
    }

    #[test]
    fn the_vendored_schema_parses_whole() {
        let doc = yaml::parse(SCHEMA_TEXT);
        assert!(doc.errors.is_empty(), "{:?}", doc.errors);
        let root = doc.root.unwrap();
        assert!(
            resolve(&root, ENTRY)
                .and_then(|e| e.get("properties"))
                .is_some()
        );
        // Every pattern in it compiles.
        fn patterns<'a>(n: &'a Node, out: &mut Vec<&'a str>) {
            if let Some(p) = n.get("pattern").and_then(Node::as_str) {
                out.push(p);
            }
            for e in n.entries() {
                patterns(&e.value, out);
            }
            for i in n.items() {
                patterns(i, out);
            }
        }
        let mut ps = Vec::new();
        patterns(&root, &mut ps);
        assert!(ps.len() >= 2);
        for p in ps {
            assert!(regex::Regex::new(p).is_ok(), "{p}");
        }
    }

    #[test]
    fn what_the_adk_accepts_and_refuses() {
        // The example projects' shapes: valid.
        assert_eq!(
            check(
                r#"{"asr": {"eager_final": true, "model": "poly-latency", "provider": "default", "use_asr_lib": true},
                     "smart_vad": {"is_enabled": true, "max_extension_duration": "1s", "max_extensions": 5},
                     "conversation_control": {"min_chunk_size": 1.0}, "eot": {"threshold": NaN}}"#
            ),
            Vec::<(u32, String)>::new()
        );
        let e = check(r#"{"smart_vad": {"is_enabled": "yes"}}"#);
        assert_eq!(
            e,
            [(
                29,
                "`smart_vad.is_enabled` must be of type boolean, found string `\"yes\"`"
                    .to_string()
            )]
        );
        let e = check(r#"{"foo": 1}"#);
        assert_eq!(
            e,
            [(
                1,
                "unknown key `foo` in the experimental config".to_string()
            )]
        );
        let e = check(r#"{"asr": {"provider": "default"}}"#);
        assert_eq!(
            e,
            [(
                8,
                "`asr` has `provider`, which needs `model` beside it".to_string()
            )]
        );
        let e = check(r#"{"smart_vad": {"max_extension_duration": "1m"}}"#);
        assert_eq!(e.len(), 1);
        assert!(e[0].1.contains("does not match"), "{e:?}");
        assert_eq!(check("[]").len(), 1);
        let e = check(r#"{"conversation_control": {"min_chunk_size": true}}"#);
        assert_eq!(e.len(), 1, "{e:?}");
        let e = check(r#"{"asr": {"provider": "nope", "model": "x"}}"#);
        assert!(e[0].1.contains("not one of `default`"), "{e:?}");
        // Python's `$` matches before a final line break.
        assert_eq!(
            check(r#"{"smart_vad": {"max_extension_duration": "1s\n"}}"#),
            Vec::<(u32, String)>::new()
        );
    }
}
