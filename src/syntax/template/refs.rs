//! What a scan finds: references, their kinds and spellings, and malformed references.

use std::ops::Range;

/// What a reference refers to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RefKind {
    /// `{{fn:name}}`: a global function (`functions/name.py`).
    Fn,
    /// `{{ft:name}}`: a transition function of the same flow.
    Ft,
    /// `{{ho:name}}` / `<<ho:name>>`: a handoff.
    Ho,
    /// `{{attr:name}}` / `${variant_name}`: a variant attribute.
    Attr,
    /// `{{vrbl:name}}` / `$name` / `${name}`: a state variable.
    Vrbl,
    /// `{{twilio_sms:name}}`: an SMS template.
    TwilioSms,
    /// `{{entity:name}}`: an entity.
    Entity,
    /// `{{tn:name}}`: a translation.
    Tn,
}

impl RefKind {
    pub const ALL: [RefKind; 8] = [
        RefKind::Fn,
        RefKind::Ft,
        RefKind::Ho,
        RefKind::Attr,
        RefKind::Vrbl,
        RefKind::TwilioSms,
        RefKind::Entity,
        RefKind::Tn,
    ];

    /// The kind as written in a reference (`"fn"`, `"twilio_sms"`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            RefKind::Fn => "fn",
            RefKind::Ft => "ft",
            RefKind::Ho => "ho",
            RefKind::Attr => "attr",
            RefKind::Vrbl => "vrbl",
            RefKind::TwilioSms => "twilio_sms",
            RefKind::Entity => "entity",
            RefKind::Tn => "tn",
        }
    }

    /// Exact, case-sensitive parse of the written kind (`"FN"` is not a kind).
    pub fn parse(s: &str) -> Option<RefKind> {
        RefKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// What the kind refers to, for messages.
    pub fn describe(self) -> &'static str {
        match self {
            RefKind::Fn => "global function",
            RefKind::Ft => "flow function",
            RefKind::Ho => "handoff",
            RefKind::Attr => "variant attribute",
            RefKind::Vrbl => "state variable",
            RefKind::TwilioSms => "SMS template",
            RefKind::Entity => "entity",
            RefKind::Tn => "translation",
        }
    }

    /// Whether a `('arg')` call may follow the reference (`fn` and `ft`).
    pub fn is_function(self) -> bool {
        matches!(self, RefKind::Fn | RefKind::Ft)
    }

    /// The nearest kind to a mistyped one: case-insensitive exact match, a few common long
    /// spellings (`sms`, `handoff`, `var`, ...), then the smallest edit distance (with
    /// transpositions) within 1 for kinds of up to 4 letters and 2 for longer ones. Ties go to the
    /// earlier kind in [`RefKind::ALL`].
    pub fn suggest(written: &str) -> Option<RefKind> {
        if written.is_empty() || written.len() > 40 {
            return None;
        }
        let lower = written.to_ascii_lowercase();
        if let Some(k) = RefKind::parse(&lower) {
            return Some(k);
        }
        let alias = match lower.as_str() {
            "func" | "function" | "fun" | "fnc" => Some(RefKind::Fn),
            "flow_fn" | "flow_function" | "transition" => Some(RefKind::Ft),
            "handoff" | "hand_off" => Some(RefKind::Ho),
            "attribute" | "variant" | "variant_attribute" => Some(RefKind::Attr),
            "var" | "variable" | "state" | "vrb" => Some(RefKind::Vrbl),
            "sms" | "twilio" | "sms_template" | "twiliosms" | "twilio-sms" => {
                Some(RefKind::TwilioSms)
            }
            "entities" | "ent" => Some(RefKind::Entity),
            "translation" | "translate" | "trans" => Some(RefKind::Tn),
            _ => None,
        };
        if alias.is_some() {
            return alias;
        }
        let mut best: Option<(usize, RefKind)> = None;
        for k in RefKind::ALL {
            let cand = k.as_str();
            let d = edit_distance(lower.as_bytes(), cand.as_bytes());
            let limit = if cand.len() <= 4 { 1 } else { 2 };
            if d <= limit && best.is_none_or(|(bd, _)| d < bd) {
                best = Some((d, k));
            }
        }
        best.map(|(_, k)| k)
    }
}

/// How a reference is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RefSyntax {
    /// `{{kind:name}}`
    Braces,
    /// `<<ho:name>>` (handoffs only)
    Angle,
    /// `$name`
    Dollar,
    /// `${variant_name}` (variant attribute `name`) or `${name}` (state variable)
    DollarBrace,
}

/// A reference found in text. All ranges are byte ranges into the scanned text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reference {
    pub kind: RefKind,
    pub syntax: RefSyntax,
    /// The name, with surrounding whitespace removed (`"T1 Skill"` for `{{ho: T1 Skill }}`).
    pub name: String,
    /// The whole reference including its delimiters (`{{ho:x}}`, `$x`, `${x}`). For `$x.y` the
    /// span is `$x`; the `.y` is [`Reference::member`].
    pub span: Range<usize>,
    /// The name alone (for `${variant_name}`: just `name`).
    pub name_span: Range<usize>,
    /// `.attr` (or `.a.b`) right after a `$var`: `$user.name`.
    pub member: Option<Range<usize>>,
    /// `('arg')` right after a function reference: `{{fn:x}}('arg')`.
    pub call: Option<Range<usize>>,
}

impl Reference {
    /// The canonical spelling of this reference: `{{kind:name}}` (or `$name`/`${...}` kept as is
    /// for the dollar forms, `<<ho:name>>` for the angle form).
    pub fn canonical(&self) -> String {
        canonical(self.syntax, self.kind, &self.name)
    }
}

/// What is wrong with a malformed reference.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MalformedKind {
    /// `{{foo:x}}`: not one of the eight kinds (`suggestion`: the nearest kind, if close).
    UnknownKind {
        kind: String,
        suggestion: Option<RefKind>,
    },
    /// `{{ho:x` with no `}}` before the end of the line, the end of the text or the next `{{`
    /// (or `<<ho:x` with no `>>`).
    Unclosed,
    /// `{{ho:}}`, `{{ho: }}`, `{{ho}}`, `${}`, `${variant_}`.
    EmptyName,
    /// `{{ ho : x }}`: whitespace around the kind or the name. The reference is still produced.
    Whitespace,
    /// `{{ho:x}` (or `<<ho:x>`): closed by a single brace. The reference is still produced.
    SingleBrace,
    /// `{{name}}` or `{{:name}}`: no kind.
    MissingKind,
    /// `<<fn:x>>`: a real kind other than `ho` in the angle form, which only handoffs have.
    UnsupportedAngle { kind: RefKind },
}

/// A malformed reference: what is wrong, where, and how to fix it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Malformed {
    pub kind: MalformedKind,
    /// The malformed construct (for `Unclosed`: from the opening delimiter through the name).
    pub span: Range<usize>,
    pub message: String,
    /// A replacement: this byte range of the text becomes this string (an empty range inserts).
    pub fix: Option<(Range<usize>, String)>,
}

/// The result of [`scan`](super::scan): references and problems, each in text order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Scan {
    pub refs: Vec<Reference>,
    pub malformed: Vec<Malformed>,
}

/// Where a scan puts what it finds, in text order.
pub trait Sink {
    fn reference(&mut self, r: Reference);
    fn malformed(&mut self, m: Malformed);
}

impl Sink for Scan {
    fn reference(&mut self, r: Reference) {
        self.refs.push(r);
    }
    fn malformed(&mut self, m: Malformed) {
        self.malformed.push(m);
    }
}
/// The canonical text of a reference written with `syntax`.
pub fn canonical(syntax: RefSyntax, kind: RefKind, name: &str) -> String {
    match syntax {
        RefSyntax::Braces => format!("{{{{{}:{}}}}}", kind.as_str(), name),
        RefSyntax::Angle => format!("<<{}:{}>>", kind.as_str(), name),
        RefSyntax::Dollar => format!("${name}"),
        RefSyntax::DollarBrace => {
            if kind == RefKind::Attr {
                format!("${{variant_{name}}}")
            } else {
                format!("${{{name}}}")
            }
        }
    }
}

/// Optimal string alignment distance (Levenshtein plus adjacent transpositions).
fn edit_distance(a: &[u8], b: &[u8]) -> usize {
    let n = b.len();
    let mut prev2 = vec![0usize; n + 1];
    let mut prev: Vec<usize> = (0..=n).collect();
    let mut cur = vec![0usize; n + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        for j in 1..=n {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(prev2[j - 2] + 1);
            }
            cur[j] = v;
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[n]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::template::scan;
    use crate::syntax::template::test_support::only_ref;

    #[test]
    fn kind_names_round_trip() {
        let strs: Vec<&str> = RefKind::ALL.iter().map(|k| k.as_str()).collect();
        assert_eq!(
            strs,
            [
                "fn",
                "ft",
                "ho",
                "attr",
                "vrbl",
                "twilio_sms",
                "entity",
                "tn"
            ]
        );
        for k in RefKind::ALL {
            assert_eq!(RefKind::parse(k.as_str()), Some(k));
        }
        assert_eq!(RefKind::parse("FN"), None);
        assert_eq!(RefKind::parse(" fn"), None);
        assert_eq!(RefKind::parse(""), None);
        let described: Vec<&str> = RefKind::ALL.iter().map(|k| k.describe()).collect();
        assert_eq!(
            described,
            [
                "global function",
                "flow function",
                "handoff",
                "variant attribute",
                "state variable",
                "SMS template",
                "entity",
                "translation"
            ]
        );
    }

    #[test]
    fn suggestions() {
        assert_eq!(RefKind::suggest("FN"), Some(RefKind::Fn));
        assert_eq!(RefKind::suggest("Ho"), Some(RefKind::Ho));
        assert_eq!(RefKind::suggest("TWILIO_SMS"), Some(RefKind::TwilioSms));
        assert_eq!(RefKind::suggest("hoo"), Some(RefKind::Ho));
        assert_eq!(RefKind::suggest("oh"), Some(RefKind::Ho));
        assert_eq!(RefKind::suggest("sms"), Some(RefKind::TwilioSms));
        assert_eq!(RefKind::suggest("twilio_sm"), Some(RefKind::TwilioSms));
        assert_eq!(RefKind::suggest("twillio_sms"), Some(RefKind::TwilioSms));
        assert_eq!(RefKind::suggest("var"), Some(RefKind::Vrbl));
        assert_eq!(RefKind::suggest("vrble"), Some(RefKind::Vrbl));
        assert_eq!(RefKind::suggest("handoff"), Some(RefKind::Ho));
        assert_eq!(RefKind::suggest("entiy"), Some(RefKind::Entity));
        assert_eq!(RefKind::suggest("attrs"), Some(RefKind::Attr));
        assert_eq!(RefKind::suggest("fn2"), Some(RefKind::Fn));
        // Ties go to the earlier kind: `fm` is one edit from both `fn` and `ft`.
        assert_eq!(RefKind::suggest("fm"), Some(RefKind::Fn));
        assert_eq!(RefKind::suggest("foo"), None);
        assert_eq!(RefKind::suggest("http"), None);
        assert_eq!(RefKind::suggest("key"), None);
        assert_eq!(RefKind::suggest(""), None);
        assert_eq!(RefKind::suggest(&"f".repeat(1000)), None);
    }

    #[test]
    fn edit_distance_values() {
        assert_eq!(edit_distance(b"", b"ho"), 2);
        assert_eq!(edit_distance(b"ho", b"ho"), 0);
        assert_eq!(edit_distance(b"oh", b"ho"), 1);
        assert_eq!(edit_distance(b"kitten", b"sitting"), 3);
        assert_eq!(edit_distance(b"entity", b"entiy"), 1);
    }

    #[test]
    fn canonical_forms() {
        assert_eq!(
            canonical(RefSyntax::Braces, RefKind::Ho, "x y"),
            "{{ho:x y}}"
        );
        assert_eq!(canonical(RefSyntax::Angle, RefKind::Ho, "x"), "<<ho:x>>");
        assert_eq!(canonical(RefSyntax::Dollar, RefKind::Vrbl, "x"), "$x");
        assert_eq!(
            canonical(RefSyntax::DollarBrace, RefKind::Vrbl, "x"),
            "${x}"
        );
        assert_eq!(
            canonical(RefSyntax::DollarBrace, RefKind::Attr, "x"),
            "${variant_x}"
        );
        assert_eq!(scan("a {{ tn : hi }}").refs[0].canonical(), "{{tn:hi}}");
        assert_eq!(only_ref("<<ho:x>>").canonical(), "<<ho:x>>");
    }
}
