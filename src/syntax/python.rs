//! STUB (API only)
use crate::source::{OffsetMap, Span};
#[derive(Clone, Debug)]
pub struct PyString { pub value: String, pub span: Span, pub map: OffsetMap }
#[derive(Clone, Debug)]
pub struct Decorator { pub name: String, pub text: String, pub span: Span, pub string_args: Vec<PyString> }
#[derive(Clone, Debug)]
pub struct PyFunction { pub name: String, pub name_span: Span, pub header_span: Span, pub signature: String, pub params: Vec<String>, pub decorators: Vec<Decorator>, pub description: Option<String>, pub top_level: bool }
#[derive(Clone, Debug)]
pub enum PyValue { Literal(String, Span), Candidates { via: String, values: Vec<(String, Span)>, span: Span }, Dynamic(Span) }
#[derive(Clone, Debug)]
pub struct CallHandoff { pub function: Option<String>, pub span: Span, pub destination: Option<PyValue>, pub reason: Option<PyValue>, pub utterance: Option<PyValue>, pub route: Option<PyValue> }
#[derive(Clone, Debug)]
pub struct ReturnTransfer { pub function: Option<String>, pub span: Span, pub method: Option<(String, Span)>, pub phone_number: Option<PyValue>, pub destination: Option<PyValue>, pub headers: Vec<(String, Span)> }
#[derive(Clone, Debug)]
pub struct TransferCall { pub function: Option<String>, pub span: Span, pub route: Option<PyValue>, pub destination: Option<PyValue> }
#[derive(Clone, Debug)]
pub struct StateAccess { pub name: String, pub span: Span, pub write: bool, pub function: Option<String> }
#[derive(Clone, Debug)]
pub enum CallTarget { Conv(String), Flow(String), Name(String) }
#[derive(Clone, Debug)]
pub struct FnCall { pub function: Option<String>, pub target: CallTarget, pub span: Span }
#[derive(Clone, Debug)]
pub struct Import { pub module: String, pub names: Vec<String>, pub span: Span }
#[derive(Clone, Debug)]
pub struct Goto { pub function: Option<String>, pub value: PyValue, pub span: Span }
#[derive(Clone, Debug)]
pub struct Transition { pub function: Option<String>, pub flow: Option<PyValue>, pub step: Option<PyValue>, pub span: Span }
#[derive(Clone, Debug, Default)]
pub struct PyFacts {
  pub functions: Vec<PyFunction>, pub state: Vec<StateAccess>, pub call_handoffs: Vec<CallHandoff>,
  pub return_transfers: Vec<ReturnTransfer>, pub transfer_calls: Vec<TransferCall>, pub calls: Vec<FnCall>,
  pub imports: Vec<Import>, pub goto_steps: Vec<Goto>, pub goto_flows: Vec<Goto>, pub transitions: Vec<Transition>,
  pub constants: Vec<(String, Vec<(String, Span)>)>,
  pub model_strings: Vec<PyString>,
  pub syntax_errors: Vec<(String, Span)>,
}
pub fn extract(_text: &str) -> PyFacts { PyFacts::default() }
