//! The ADK's reading of a variant attribute value as its declared kind: `parse_attribute_value`
//! and `_value_matches_kind` of polyai-adk 0.73.2 (`resources/variant_attributes.py`), over the
//! YAML type and text that the model keeps of each value.
//!
//! A string is stripped first; `""` and null mean "unset" and suit every kind. A `number` is a
//! number or a string Python's `float()` reads as a finite one (not a boolean); a `boolean` is a
//! boolean or the string `true`/`false` in any case; an `object` is a mapping, a list, or a
//! string holding JSON of one; an `enum` value is a string (numbers and booleans are turned
//! into one as Python prints them) among the enum's values; a `string` is anything but a
//! mapping or a list.

use crate::model::YamlType;

/// A variant attribute's declared type (`AttributeKind`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    String,
    Number,
    Boolean,
    Enum,
    Object,
}

impl Kind {
    pub const NAMES: [&'static str; 5] = ["string", "number", "boolean", "enum", "object"];

    /// The kind a `kind:` string names, as the ADK reads it: stripped and lower-cased.
    pub fn parse(s: &str) -> Option<Kind> {
        match py_strip(s).to_lowercase().as_str() {
            "string" => Some(Kind::String),
            "number" => Some(Kind::Number),
            "boolean" => Some(Kind::Boolean),
            "enum" => Some(Kind::Enum),
            "object" => Some(Kind::Object),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::String => "string",
            Kind::Number => "number",
            Kind::Boolean => "boolean",
            Kind::Enum => "enum",
            Kind::Object => "object",
        }
    }
}

/// Python's `str.strip()`: Unicode white space, and the four separators `\x1c`–`\x1f` that
/// Python counts as space too.
pub fn py_strip(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace() || ('\x1c'..='\x1f').contains(&c))
}

/// Whether a value of YAML type `ty` and text `text` is valid for `kind` once the ADK has read
/// it; `enum_values` are the values of an `enum`. A value whose content is not known (an alias)
/// is taken as valid.
pub fn matches(kind: Kind, ty: YamlType, text: &str, enum_values: &[&str]) -> bool {
    let v = py_strip(text);
    match ty {
        YamlType::Null | YamlType::Other => return true,
        YamlType::Str if v.is_empty() => return true,
        _ => {}
    }
    let collection = matches!(ty, YamlType::Map(_) | YamlType::Seq(_));
    match kind {
        Kind::String => !collection,
        Kind::Number => match ty {
            YamlType::Int => true,
            YamlType::Float => yaml_float(text).is_finite(),
            // Python's `float()` reads the decimal digits of every script; those are left be.
            YamlType::Str if v.chars().any(|c| !c.is_ascii() && c.is_numeric()) => true,
            YamlType::Str => python_float(v).is_some_and(f64::is_finite),
            _ => false,
        },
        Kind::Boolean => match ty {
            YamlType::Bool => true,
            YamlType::Str => matches!(v.to_lowercase().as_str(), "true" | "false"),
            _ => false,
        },
        Kind::Object => match ty {
            YamlType::Map(_) | YamlType::Seq(_) => true,
            YamlType::Str => is_json_container(v),
            _ => false,
        },
        Kind::Enum => {
            let s = match ty {
                YamlType::Str => v.to_string(),
                YamlType::Bool => text.to_ascii_lowercase(),
                YamlType::Int => py_int_str(text),
                YamlType::Float => py_float_repr(yaml_float(text)),
                _ => return false,
            };
            enum_values.contains(&s.as_str())
        }
    }
}

/// The value of a YAML 1.2 float (`.inf`, `-.Inf`, `.nan` included).
fn yaml_float(text: &str) -> f64 {
    let (neg, body) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let f = match body {
        ".inf" | ".Inf" | ".INF" => f64::INFINITY,
        ".nan" | ".NaN" | ".NAN" => f64::NAN,
        _ => body.parse::<f64>().unwrap_or(f64::NAN),
    };
    if neg { -f } else { f }
}

/// Python's `float(s)` for an already stripped ASCII `s`: `None` where it raises `ValueError`.
/// Underscores may stand between digits (`1_000`); `inf`, `infinity` and `nan` in any case.
pub fn python_float(s: &str) -> Option<f64> {
    let body = s.strip_prefix(['+', '-']).unwrap_or(s);
    if matches!(
        body.to_ascii_lowercase().as_str(),
        "inf" | "infinity" | "nan"
    ) {
        return s
            .to_ascii_lowercase()
            .replace("infinity", "inf")
            .parse()
            .ok();
    }
    let b = body.as_bytes();
    let mut i = 0;
    let int_digits = digit_part(b, &mut i);
    let mut frac_digits = 0;
    if b.get(i) == Some(&b'.') {
        i += 1;
        frac_digits = digit_part(b, &mut i);
    }
    if int_digits + frac_digits == 0 {
        return None;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if digit_part(b, &mut i) == 0 {
            return None;
        }
    }
    if i != b.len() {
        return None;
    }
    s.replace('_', "").parse().ok()
}

/// Digits with single underscores between them, from `b[*i]`: how many digits were read.
fn digit_part(b: &[u8], i: &mut usize) -> usize {
    let mut n = 0;
    while let Some(&c) = b.get(*i) {
        if c.is_ascii_digit() {
            n += 1;
            *i += 1;
        } else if c == b'_' && n > 0 && b.get(*i + 1).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        } else {
            break;
        }
    }
    n
}

/// Python's `str()` of a YAML 1.2 integer (`0x1F` → `31`, `007` → `7`, `+5` → `5`).
fn py_int_str(text: &str) -> String {
    let radix = |rest: &str, r: u32| i128::from_str_radix(rest, r).map(|n| n.to_string()).ok();
    if let Some(rest) = text.strip_prefix("0x") {
        return radix(rest, 16).unwrap_or_else(|| text.to_string());
    }
    if let Some(rest) = text.strip_prefix("0o") {
        return radix(rest, 8).unwrap_or_else(|| text.to_string());
    }
    let (neg, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let digits = digits.trim_start_matches('0');
    match (digits.is_empty(), neg) {
        (true, _) => "0".to_string(),
        (false, true) => format!("-{digits}"),
        (false, false) => digits.to_string(),
    }
}

/// Python's `repr()` of a float: the shortest digits that read back, fixed notation for
/// exponents from -4 to 15 (`1000.0`, `0.0001`), scientific otherwise (`1e+16`, `1.5e-05`).
pub fn py_float_repr(f: f64) -> String {
    if f.is_nan() {
        return "nan".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf" } else { "-inf" }.into();
    }
    let sign = if f.is_sign_negative() { "-" } else { "" };
    if f == 0.0 {
        return format!("{sign}0.0");
    }
    let sci = format!("{:e}", f.abs());
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    if !(-4..16).contains(&exp) {
        let (first, rest) = digits.split_at(1);
        let m = if rest.is_empty() {
            first.to_string()
        } else {
            format!("{first}.{rest}")
        };
        let es = if exp < 0 { '-' } else { '+' };
        format!("{sign}{m}e{es}{:02}", exp.abs())
    } else if exp >= 0 {
        let point = exp as usize + 1;
        if digits.len() <= point {
            format!("{sign}{digits}{}.0", "0".repeat(point - digits.len()))
        } else {
            format!("{sign}{}.{}", &digits[..point], &digits[point..])
        }
    } else {
        format!("{sign}0.{}{digits}", "0".repeat((-exp - 1) as usize))
    }
}

/// Whether Python's `json.loads(s)` reads `s` as an object or an array (its extensions `NaN`,
/// `Infinity` and `-Infinity` included; control characters in strings refused).
pub fn is_json_container(s: &str) -> bool {
    let mut j = Json {
        b: s.as_bytes(),
        i: 0,
    };
    j.ws();
    if !matches!(j.peek(), Some(b'{' | b'[')) || !j.value(0) {
        return false;
    }
    j.ws();
    j.i == j.b.len()
}

/// A JSON syntax checker over bytes.
struct Json<'a> {
    b: &'a [u8],
    i: usize,
}

/// Deeper than this, Python's decoder runs out of stack (a `RecursionError`): not read.
const MAX_JSON_DEPTH: usize = 900;

impl Json<'_> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.i += 1;
        }
    }

    fn eat(&mut self, word: &str) -> bool {
        if self.b[self.i..].starts_with(word.as_bytes()) {
            self.i += word.len();
            true
        } else {
            false
        }
    }

    fn value(&mut self, depth: usize) -> bool {
        if depth > MAX_JSON_DEPTH {
            return false;
        }
        match self.peek() {
            Some(b'{') => self.container(depth, b'}', true),
            Some(b'[') => self.container(depth, b']', false),
            Some(b'"') => self.string(),
            Some(b't') => self.eat("true"),
            Some(b'f') => self.eat("false"),
            Some(b'n') => self.eat("null"),
            Some(b'N') => self.eat("NaN"),
            Some(b'I') => self.eat("Infinity"),
            Some(b'-') if self.b[self.i..].starts_with(b"-Infinity") => self.eat("-Infinity"),
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ => false,
        }
    }

    /// An object (`{"k": v, ...}`) or an array (`[v, ...]`), from its opening bracket.
    fn container(&mut self, depth: usize, close: u8, object: bool) -> bool {
        self.i += 1;
        self.ws();
        if self.peek() == Some(close) {
            self.i += 1;
            return true;
        }
        loop {
            if object {
                if self.peek() != Some(b'"') || !self.string() {
                    return false;
                }
                self.ws();
                if self.peek() != Some(b':') {
                    return false;
                }
                self.i += 1;
                self.ws();
            }
            if !self.value(depth + 1) {
                return false;
            }
            self.ws();
            match self.peek() {
                Some(b',') => {
                    self.i += 1;
                    self.ws();
                }
                Some(c) if c == close => {
                    self.i += 1;
                    return true;
                }
                _ => return false,
            }
        }
    }

    fn string(&mut self) -> bool {
        self.i += 1;
        while let Some(c) = self.peek() {
            self.i += 1;
            match c {
                b'"' => return true,
                b'\\' => match self.peek() {
                    Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => self.i += 1,
                    Some(b'u') => {
                        let hex = self.b.get(self.i + 1..self.i + 5);
                        if !hex.is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit)) {
                            return false;
                        }
                        self.i += 5;
                    }
                    _ => return false,
                },
                0..=0x1f => return false,
                _ => {}
            }
        }
        false
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?`
    fn number(&mut self) -> bool {
        let digits = |j: &mut Self| {
            let start = j.i;
            while j.peek().is_some_and(|c| c.is_ascii_digit()) {
                j.i += 1;
            }
            j.i - start
        };
        if self.peek() == Some(b'-') {
            self.i += 1;
        }
        if self.peek() == Some(b'0') {
            self.i += 1;
        } else if digits(self) == 0 {
            return false;
        }
        if self.peek() == Some(b'.') {
            let at = self.i;
            self.i += 1;
            if digits(self) == 0 {
                // `1.` is the number `1` followed by a stray `.`: the caller then fails on it.
                self.i = at;
                return true;
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            let at = self.i;
            self.i += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.i += 1;
            }
            if digits(self) == 0 {
                self.i = at;
            }
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_are_read_stripped_and_case_insensitively() {
        assert_eq!(Kind::parse(" Number "), Some(Kind::Number));
        assert_eq!(Kind::parse("ENUM"), Some(Kind::Enum));
        assert_eq!(Kind::parse("integer"), None);
        assert_eq!(Kind::parse("null"), None);
    }

    #[test]
    fn python_float_grammar() {
        for ok in [
            "12",
            "1_000",
            "1.",
            ".5",
            "-1e3",
            "+2.5E-2",
            "1_0.0_1",
            "inf",
            "-Infinity",
        ] {
            assert!(python_float(ok).is_some(), "{ok}");
        }
        for bad in [
            "", "lots", "0x1F", "_1", "1_", "1__0", "1e", ".", "1.2.3", "e5", "1 2",
        ] {
            assert!(python_float(bad).is_none(), "{bad}");
        }
        assert_eq!(python_float("1_000"), Some(1000.0));
        assert!(!python_float("1e400").unwrap().is_finite());
    }

    #[test]
    fn python_reprs() {
        assert_eq!(py_float_repr(1000.0), "1000.0");
        assert_eq!(py_float_repr(12.5), "12.5");
        assert_eq!(py_float_repr(0.0001), "0.0001");
        assert_eq!(py_float_repr(0.00001), "1e-05");
        assert_eq!(py_float_repr(1.5e-5), "1.5e-05");
        assert_eq!(py_float_repr(1e16), "1e+16");
        assert_eq!(
            py_float_repr(123456789012345678.0),
            "1.2345678901234568e+17"
        );
        assert_eq!(py_float_repr(-0.5), "-0.5");
        assert_eq!(py_float_repr(0.1), "0.1");
        assert_eq!(py_float_repr(-0.0), "-0.0");
        assert_eq!(py_int_str("0x1F"), "31");
        assert_eq!(py_int_str("0o17"), "15");
        assert_eq!(py_int_str("007"), "7");
        assert_eq!(py_int_str("+5"), "5");
        assert_eq!(py_int_str("-0"), "0");
        assert_eq!(py_int_str("-012"), "-12");
    }

    #[test]
    fn json_containers() {
        for ok in [
            "{}",
            "[]",
            " [1, 2] ",
            "[NaN, Infinity, -Infinity]",
            r#"{"a": {"b": [1.5e3, -0, true, null, "x\u00e9\n"]}}"#,
        ] {
            assert!(is_json_container(ok), "{ok}");
        }
        for bad in [
            "42",
            "\"x\"",
            "not json",
            "[1,]",
            "{'a': 1}",
            "[01]",
            "[1.]",
            "{\"a\" 1}",
            "[\"a\tb\"]",
            "[1] x",
            "",
        ] {
            assert!(!is_json_container(bad), "{bad}");
        }
    }

    #[test]
    fn values_against_kinds() {
        use YamlType::*;
        let m = |k, ty, t| matches(k, ty, t, &["gold", "1000.0", "7", "true"]);
        assert!(m(Kind::Number, Str, " 12 "));
        assert!(m(Kind::Number, Str, "1_000"));
        assert!(!m(Kind::Number, Str, "0x1F"));
        assert!(m(Kind::Number, Int, "0x1F"));
        assert!(!m(Kind::Number, Float, ".inf"));
        assert!(!m(Kind::Number, Float, "1e400"));
        assert!(!m(Kind::Number, Bool, "true"));
        assert!(m(Kind::Number, Str, "١٢"));
        assert!(m(Kind::Boolean, Str, " TRUE "));
        assert!(!m(Kind::Boolean, Str, "yes"));
        assert!(!m(Kind::Boolean, Int, "1"));
        assert!(m(Kind::String, Int, "42"));
        assert!(m(Kind::String, Bool, "true"));
        assert!(!m(Kind::String, Seq(1), "[1]"));
        assert!(m(Kind::String, Str, "   "));
        assert!(m(Kind::Object, Str, " [1, 2] "));
        assert!(!m(Kind::Object, Str, "42"));
        assert!(!m(Kind::Object, Int, "42"));
        assert!(m(Kind::Object, Map(0), "{}"));
        assert!(m(Kind::Enum, Float, "1e3"));
        assert!(m(Kind::Enum, Int, "007"));
        assert!(m(Kind::Enum, Bool, "True"));
        assert!(m(Kind::Enum, Str, " gold "));
        assert!(!m(Kind::Enum, Str, "platinum"));
        for k in [
            Kind::String,
            Kind::Number,
            Kind::Boolean,
            Kind::Enum,
            Kind::Object,
        ] {
            assert!(m(k, Null, "~"), "{k:?}");
            assert!(m(k, Str, ""), "{k:?}");
        }
    }
}
