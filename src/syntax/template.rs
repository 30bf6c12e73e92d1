//! STUB (API only)
use std::ops::Range;
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RefKind { Fn, Ft, Ho, Attr, Vrbl, TwilioSms, Entity, Tn }
impl RefKind {
  pub const ALL: [RefKind; 8] = [RefKind::Fn, RefKind::Ft, RefKind::Ho, RefKind::Attr, RefKind::Vrbl, RefKind::TwilioSms, RefKind::Entity, RefKind::Tn];
  pub fn as_str(self) -> &'static str { "" }
  pub fn parse(_s: &str) -> Option<RefKind> { None }
  pub fn describe(self) -> &'static str { "" }
}
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RefSyntax { Braces, Angle, Dollar, DollarBrace }
#[derive(Clone, Debug)]
pub struct Reference { pub kind: RefKind, pub syntax: RefSyntax, pub name: String, pub span: Range<usize>, pub name_span: Range<usize>, pub member: Option<Range<usize>>, pub call: Option<Range<usize>> }
#[derive(Clone, Debug)]
pub enum MalformedKind { UnknownKind { kind: String, suggestion: Option<RefKind> }, Unclosed, EmptyName, Whitespace, SingleBrace, MissingKind }
#[derive(Clone, Debug)]
pub struct Malformed { pub kind: MalformedKind, pub span: Range<usize>, pub message: String, pub fix: Option<(Range<usize>, String)> }
#[derive(Clone, Debug, Default)]
pub struct Scan { pub refs: Vec<Reference>, pub malformed: Vec<Malformed> }
pub fn scan(_text: &str) -> Scan { Scan::default() }
