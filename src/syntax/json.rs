//! A JSON reader with spans, reading what Python's `json.loads` reads (the ADK reads
//! `agent_settings/experimental_config.json` with it): `NaN`, `Infinity` and `-Infinity` are
//! numbers, a repeated key keeps every entry (the last one counts), control characters inside
//! strings and trailing commas are errors, and a byte order mark is refused. No I/O.

use crate::source::Span;

/// Deepest nesting read; Python stops at its recursion limit, well above what any config holds.
const MAX_DEPTH: usize = 256;

/// A JSON value and its span in the text.
#[derive(Clone, Debug, PartialEq)]
pub struct Json {
    pub span: Span,
    pub kind: JsonKind,
}

#[derive(Clone, Debug, PartialEq)]
pub enum JsonKind {
    Null,
    Bool(bool),
    /// A number as written: `int` when it has neither fraction nor exponent (Python's `int`).
    Number {
        value: f64,
        int: bool,
    },
    Str(String),
    Array(Vec<Json>),
    /// Entries in order, repeated keys included; [`Json::get`] finds the last, as Python does.
    Object(Vec<Member>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Member {
    pub key: String,
    pub key_span: Span,
    pub value: Json,
}

/// Where and why reading stopped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonError {
    pub span: Span,
    pub message: String,
}

impl Json {
    /// The value of the last entry named `key` of an object.
    pub fn get(&self, key: &str) -> Option<&Json> {
        match &self.kind {
            JsonKind::Object(m) => m.iter().rev().find(|e| e.key == key).map(|e| &e.value),
            _ => None,
        }
    }
    /// The entries of an object that count (the last of each key), in first-seen order.
    pub fn members(&self) -> Vec<&Member> {
        let JsonKind::Object(m) = &self.kind else {
            return Vec::new();
        };
        // Where each key first stands in `out`: a map, so that an object with many keys costs
        // linear time.
        let mut at: std::collections::HashMap<&str, usize> =
            std::collections::HashMap::with_capacity(m.len());
        let mut out: Vec<&Member> = Vec::with_capacity(m.len());
        for e in m {
            match at.get(e.key.as_str()) {
                Some(&i) => out[i] = e,
                None => {
                    at.insert(e.key.as_str(), out.len());
                    out.push(e);
                }
            }
        }
        out
    }
    /// The JSON type name as JSON Schema names it (`integer` for an integral number).
    pub fn type_name(&self) -> &'static str {
        match &self.kind {
            JsonKind::Null => "null",
            JsonKind::Bool(_) => "boolean",
            JsonKind::Number { int: true, .. } => "integer",
            JsonKind::Number { .. } => "number",
            JsonKind::Str(_) => "string",
            JsonKind::Array(_) => "array",
            JsonKind::Object(_) => "object",
        }
    }
}

/// Read `text` as one JSON document.
pub fn parse(text: &str) -> Result<Json, JsonError> {
    let mut r = Reader {
        b: text.as_bytes(),
        text,
        i: 0,
    };
    if text.starts_with('\u{feff}') {
        return Err(r.error_at(0, 3, "unexpected UTF-8 byte order mark"));
    }
    r.ws();
    let v = r.value(0)?;
    r.ws();
    if r.i < r.b.len() {
        return Err(r.error_at(r.i, r.i + 1, "extra data after the JSON value"));
    }
    Ok(v)
}

struct Reader<'a> {
    b: &'a [u8],
    text: &'a str,
    i: usize,
}

impl Reader<'_> {
    fn error_at(&self, start: usize, end: usize, message: &str) -> JsonError {
        // Whole characters only.
        let mut end = end.min(self.b.len()).max(start);
        while end < self.b.len() && !self.text.is_char_boundary(end) {
            end += 1;
        }
        JsonError {
            span: Span::new(start as u32, end as u32),
            message: message.to_string(),
        }
    }

    fn error(&self, message: &str) -> JsonError {
        self.error_at(self.i, self.i + 1, message)
    }

    fn ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.b.get(self.i) {
            self.i += 1;
        }
    }

    fn value(&mut self, depth: usize) -> Result<Json, JsonError> {
        if depth > MAX_DEPTH {
            return Err(self.error("JSON nested too deeply"));
        }
        let start = self.i;
        let kind = match self.b.get(self.i) {
            None => {
                return Err(self.error_at(
                    self.i,
                    self.i,
                    "expecting a value, found the end of the file",
                ));
            }
            Some(b'{') => return self.object(depth),
            Some(b'[') => return self.array(depth),
            Some(b'"') => JsonKind::Str(self.string()?),
            Some(b'-' | b'0'..=b'9') => {
                if self.b[self.i..].starts_with(b"-Infinity") {
                    self.i += 9;
                    JsonKind::Number {
                        value: f64::NEG_INFINITY,
                        int: false,
                    }
                } else {
                    self.number()?
                }
            }
            Some(_) => {
                let words: [(&[u8], JsonKind); 5] = [
                    (b"null", JsonKind::Null),
                    (b"true", JsonKind::Bool(true)),
                    (b"false", JsonKind::Bool(false)),
                    (
                        b"NaN",
                        JsonKind::Number {
                            value: f64::NAN,
                            int: false,
                        },
                    ),
                    (
                        b"Infinity",
                        JsonKind::Number {
                            value: f64::INFINITY,
                            int: false,
                        },
                    ),
                ];
                let rest = &self.b[self.i..];
                match words.into_iter().find(|(w, _)| rest.starts_with(w)) {
                    Some((w, k)) => {
                        self.i += w.len();
                        k
                    }
                    None => return Err(self.error("expecting a value")),
                }
            }
        };
        Ok(Json {
            span: Span::new(start as u32, self.i as u32),
            kind,
        })
    }

    fn number(&mut self) -> Result<JsonKind, JsonError> {
        let start = self.i;
        let digits = |r: &mut Self| {
            let s = r.i;
            while r.b.get(r.i).is_some_and(u8::is_ascii_digit) {
                r.i += 1;
            }
            r.i - s
        };
        if self.b[self.i] == b'-' {
            self.i += 1;
        }
        match self.b.get(self.i) {
            Some(b'0') => self.i += 1,
            Some(b'1'..=b'9') => {
                digits(self);
            }
            _ => return Err(self.error_at(start, self.i + 1, "expecting a value")),
        }
        let mut int = true;
        // A fraction or exponent without digits ends the number before it (Python reads `1.` as
        // `1` followed by extra data).
        if self.b.get(self.i) == Some(&b'.')
            && self.b.get(self.i + 1).is_some_and(u8::is_ascii_digit)
        {
            self.i += 1;
            digits(self);
            int = false;
        }
        if matches!(self.b.get(self.i), Some(b'e' | b'E')) {
            let save = self.i;
            self.i += 1;
            if matches!(self.b.get(self.i), Some(b'+' | b'-')) {
                self.i += 1;
            }
            if digits(self) == 0 {
                self.i = save;
            } else {
                int = false;
            }
        }
        let text = &self.text[start..self.i];
        let value = text.parse::<f64>().unwrap_or(f64::INFINITY);
        Ok(JsonKind::Number { value, int })
    }

    fn string(&mut self) -> Result<String, JsonError> {
        let open = self.i;
        self.i += 1;
        let mut out = String::new();
        loop {
            // Copy the run up to the next quote, backslash or control character.
            let run = self.i;
            while let Some(&c) = self.b.get(self.i) {
                if c == b'"' || c == b'\\' || c < 0x20 {
                    break;
                }
                self.i += 1;
            }
            out.push_str(&self.text[run..self.i]);
            match self.b.get(self.i) {
                None => return Err(self.error_at(open, open + 1, "unterminated string")),
                Some(b'"') => {
                    self.i += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    let at = self.i;
                    self.i += 1;
                    let c = match self.b.get(self.i) {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            self.i += 1;
                            let hi = self.hex4(at)?;
                            let code = if (0xD800..0xDC00).contains(&hi)
                                && self.b[self.i..].starts_with(b"\\u")
                            {
                                let save = self.i;
                                self.i += 2;
                                let lo = self.hex4(at)?;
                                if (0xDC00..0xE000).contains(&lo) {
                                    0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                                } else {
                                    self.i = save;
                                    hi
                                }
                            } else {
                                hi
                            };
                            // A lone surrogate, which Python keeps, has no UTF-8 form.
                            out.push(char::from_u32(code).unwrap_or('\u{fffd}'));
                            continue;
                        }
                        _ => return Err(self.error_at(at, self.i + 1, "invalid \\escape")),
                    };
                    self.i += 1;
                    out.push(c);
                }
                Some(_) => return Err(self.error("invalid control character in a string")),
            }
        }
    }

    fn hex4(&mut self, esc: usize) -> Result<u32, JsonError> {
        let h = self
            .b
            .get(self.i..self.i + 4)
            .filter(|h| h.iter().all(u8::is_ascii_hexdigit))
            .ok_or_else(|| self.error_at(esc, self.i, "invalid \\uXXXX escape"))?;
        let v = u32::from_str_radix(std::str::from_utf8(h).unwrap_or("0"), 16).unwrap_or(0);
        self.i += 4;
        Ok(v)
    }

    fn array(&mut self, depth: usize) -> Result<Json, JsonError> {
        let start = self.i;
        self.i += 1;
        let mut items = Vec::new();
        self.ws();
        if self.b.get(self.i) == Some(&b']') {
            self.i += 1;
            return Ok(self.done(start, JsonKind::Array(items)));
        }
        loop {
            self.ws();
            items.push(self.value(depth + 1)?);
            self.ws();
            match self.b.get(self.i) {
                Some(b',') => {
                    let comma = self.i;
                    self.i += 1;
                    self.ws();
                    if self.b.get(self.i) == Some(&b']') {
                        return Err(self.error_at(comma, comma + 1, "trailing comma before `]`"));
                    }
                }
                Some(b']') => {
                    self.i += 1;
                    return Ok(self.done(start, JsonKind::Array(items)));
                }
                _ => return Err(self.error("expecting `,` or `]`")),
            }
        }
    }

    fn object(&mut self, depth: usize) -> Result<Json, JsonError> {
        let start = self.i;
        self.i += 1;
        let mut members = Vec::new();
        self.ws();
        if self.b.get(self.i) == Some(&b'}') {
            self.i += 1;
            return Ok(self.done(start, JsonKind::Object(members)));
        }
        loop {
            self.ws();
            if self.b.get(self.i) != Some(&b'"') {
                return Err(self.error("expecting a property name in double quotes"));
            }
            let ks = self.i;
            let key = self.string()?;
            let key_span = Span::new(ks as u32, self.i as u32);
            self.ws();
            if self.b.get(self.i) != Some(&b':') {
                return Err(self.error("expecting `:` after the property name"));
            }
            self.i += 1;
            self.ws();
            let value = self.value(depth + 1)?;
            members.push(Member {
                key,
                key_span,
                value,
            });
            self.ws();
            match self.b.get(self.i) {
                Some(b',') => {
                    let comma = self.i;
                    self.i += 1;
                    self.ws();
                    if self.b.get(self.i) == Some(&b'}') {
                        return Err(self.error_at(comma, comma + 1, "trailing comma before `}`"));
                    }
                }
                Some(b'}') => {
                    self.i += 1;
                    return Ok(self.done(start, JsonKind::Object(members)));
                }
                _ => return Err(self.error("expecting `,` or `}`")),
            }
        }
    }

    fn done(&self, start: usize, kind: JsonKind) -> Json {
        Json {
            span: Span::new(start as u32, self.i as u32),
            kind,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(t: &str) -> (u32, u32, String) {
        let e = parse(t).unwrap_err();
        (e.span.start, e.span.end, e.message)
    }

    #[test]
    fn reads_what_python_reads() {
        let v = parse(" {\"a\": [1, 2.5, -0, 1e3, NaN, -Infinity], \"b\": \"é\\u00e9\\ud83d\\ude00\\n\", \"a\": null} ")
            .unwrap();
        assert_eq!(v.span, Span::new(1, v.span.end));
        assert_eq!(v.get("a").map(Json::type_name), Some("null"));
        assert_eq!(v.members().len(), 2);
        let JsonKind::Object(m) = &v.kind else {
            panic!()
        };
        let JsonKind::Array(items) = &m[0].value.kind else {
            panic!()
        };
        let types: Vec<&str> = items.iter().map(Json::type_name).collect();
        assert_eq!(
            types,
            ["integer", "number", "integer", "number", "number", "number"]
        );
        assert_eq!(
            v.get("b").map(|b| b.kind.clone()),
            Some(JsonKind::Str("éé😀\n".into()))
        );
        assert_eq!(m[0].key_span, Span::new(2, 5));
    }

    #[test]
    fn every_prefix_and_byte_flip_is_read_without_panicking() {
        let doc = "{\"asr\": {\"model\": \"é😀\\u00e9\", \"n\": [1, -2.5e3, NaN, true, null]}, \"k\": \"\\ud83d\"}";
        for (i, _) in doc.char_indices() {
            let _ = parse(&doc[..i]);
            let _ = parse(&doc[i..]);
        }
        let many: String = format!(
            "{{{}}}",
            (0..20_000)
                .map(|i| format!("\"k{}\": {i}", i % 5000))
                .collect::<Vec<_>>()
                .join(",")
        );
        let v = parse(&many).unwrap();
        assert_eq!(v.members().len(), 5000);
        assert_eq!(
            v.get("k7").map(|x| x.kind.clone()),
            Some(JsonKind::Number {
                value: 15007.0,
                int: true
            })
        );
    }

    #[test]
    fn errors_where_python_stops() {
        assert_eq!(err("{\"a\": }").0, 6);
        assert_eq!(
            err("{\"a\": 1,}"),
            (7, 8, "trailing comma before `}`".into())
        );
        assert_eq!(err("[1,]").0, 2);
        assert_eq!(
            err(""),
            (0, 0, "expecting a value, found the end of the file".into())
        );
        assert_eq!(
            err("\u{feff}{}"),
            (0, 3, "unexpected UTF-8 byte order mark".into())
        );
        assert_eq!(err("{'a': 1}").0, 1);
        assert_eq!(err("{\"a\": \"x\ny\"}").0, 8);
        assert_eq!(err("1 2").0, 2);
        assert_eq!(err("{\"é\": tru}").0, 7);
        assert!(parse(&"[".repeat(10_000)).is_err());
        assert_eq!(err("\"\\x\"").0, 1);
        assert_eq!(err("01").0, 1);
    }
}
