//! STUB (API only)
use crate::source::{OffsetMap, Span};
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScalarStyle { Plain, SingleQuoted, DoubleQuoted, Literal, Folded }
#[derive(Clone, Debug)]
pub struct Scalar { pub value: String, pub style: ScalarStyle, pub span: Span, pub map: OffsetMap, pub tag: Option<String> }
#[derive(Clone, Debug)]
pub enum NodeKind { Scalar(Scalar), Map(Vec<Entry>), Seq(Vec<Node>), Alias(String), Invalid }
#[derive(Clone, Debug)]
pub struct Entry { pub key: Node, pub value: Node }
#[derive(Clone, Debug)]
pub struct Node { pub kind: NodeKind, pub span: Span }
impl Node {
  pub fn get(&self, _key: &str) -> Option<&Node> { None }
  pub fn entry(&self, _key: &str) -> Option<&Entry> { None }
  pub fn entries(&self) -> &[Entry] { &[] }
  pub fn items(&self) -> &[Node] { &[] }
  pub fn scalar(&self) -> Option<&Scalar> { None }
  pub fn as_str(&self) -> Option<&str> { None }
  pub fn as_bool(&self) -> Option<bool> { None }
  pub fn is_null(&self) -> bool { false }
  pub fn as_i64(&self) -> Option<i64> { None }
  pub fn type_name(&self) -> &'static str { "" }
}
#[derive(Clone, Debug)]
pub enum YamlErrorKind { Syntax, DuplicateKey { first: Span }, TooDeep, AliasExpansion, TooLarge }
#[derive(Clone, Debug)]
pub struct YamlError { pub kind: YamlErrorKind, pub span: Span, pub message: String }
#[derive(Clone, Debug)]
pub struct Document { pub root: Option<Node>, pub errors: Vec<YamlError> }
pub fn parse(_text: &str) -> Document { Document { root: None, errors: vec![] } }
