//! SB2xx: references in text fields. The rules are declared, with their documentation, in
//! `rules.rs` (beside this file); their checks are here (SB207 for the entity names that steps list is checked in
//! [`super::names`]).

use super::Symbols;
use super::symbols::Candidates;
use crate::diagnostics::{Code, Diagnostic, Severity};
use crate::model::{FieldKind, Owner, Project, TextField, TextRef};
use crate::source::FileId;
use crate::syntax::template::{MalformedKind, RefKind, RefSyntax};
use rustc_hash::FxHashMap as HashMap;

pub fn check(p: &Project, s: &Symbols, out: &mut Vec<Diagnostic>) {
    let mut capped = Capped {
        out,
        counts: HashMap::default(),
    };
    for t in &p.texts {
        check_field(p, s, t, &mut capped);
    }
    capped.finish();
}

/// Keeps at most [`super::MAX_PER_FILE_AND_RULE`] findings per rule and file as they are
/// produced, so a file with a million broken references costs bounded memory; the last one kept
/// says how many more there were.
struct Capped<'a> {
    out: &'a mut Vec<Diagnostic>,
    /// Per rule and file: findings kept, findings dropped, index in `out` of the last kept.
    counts: HashMap<(FileId, Code), (usize, usize, usize)>,
}

impl Capped<'_> {
    fn push(&mut self, d: Diagnostic) {
        let (kept, dropped, last) = self.counts.entry((d.file, d.code)).or_default();
        if *kept < super::MAX_PER_FILE_AND_RULE {
            *kept += 1;
            *last = self.out.len();
            self.out.push(d);
        } else {
            *dropped += 1;
        }
    }

    fn is_full(&self, file: FileId, code: Code) -> bool {
        self.counts
            .get(&(file, code))
            .is_some_and(|c| c.0 >= super::MAX_PER_FILE_AND_RULE)
    }

    fn count_dropped(&mut self, file: FileId, code: Code) {
        self.counts.entry((file, code)).or_default().1 += 1;
    }

    fn finish(self) {
        for ((_, code), (_, dropped, last)) in self.counts {
            if dropped == 0 {
                continue;
            }
            // Something was kept (the cap is not zero), and `out` only grew since: the last kept
            // finding is the last of its rule and file in `out`.
            if let Some(last) = self.out.get_mut(last) {
                last.notes.push(format!(
                    "… and {dropped} more {} in this file",
                    code.as_str()
                ));
            }
        }
    }
}

fn check_field(p: &Project, s: &Symbols, t: &TextField, out: &mut Capped) {
    let python = t.field == FieldKind::PythonString;
    if !python {
        for m in &t.problems {
            let code = match m.kind {
                MalformedKind::UnknownKind { .. } => Code::SB209,
                _ => Code::SB210,
            };
            let mut d = Diagnostic::new(code, t.file, m.span, m.message.clone());
            if let Some((span, text)) = &m.fix {
                let title = if span.is_empty() {
                    format!("insert `{text}`")
                } else {
                    format!("replace with `{text}`")
                };
                d = d.replace_fix(title, *span, text.clone(), true);
            }
            if code == Code::SB210 {
                d = d.note("the official validator silently ignores malformed references: this one would reach the model as plain text");
            }
            out.push(d);
        }
    }
    for r in &t.refs {
        if t.field == FieldKind::HeaderValue {
            // Header `$variables` are checked with the handoff (SB114).
            if !matches!(r.syntax, RefSyntax::Dollar | RefSyntax::DollarBrace) {
                not_allowed(t, r, out);
            }
            continue;
        }
        if python {
            if matches!(r.syntax, RefSyntax::Braces | RefSyntax::Angle)
                && let Err(e) = resolve(p, s, t, r)
            {
                let why = e.message;
                out.push(
                    Diagnostic::new(
                        Code::SB216,
                        t.file,
                        r.span,
                        format!("reference in a string returned to the model: {why}"),
                    )
                    .severity(Severity::Warning),
                );
            }
            continue;
        }
        if r.syntax == RefSyntax::Angle {
            let canonical = format!("{{{{ho:{}}}}}", r.name);
            out.push(
                Diagnostic::new(
                    Code::SB213,
                    t.file,
                    r.span,
                    format!("`<<ho:{}>>` is the alternate handoff spelling", r.name),
                )
                .help(format!("the canonical form is `{canonical}`"))
                .replace_fix(
                    format!("rewrite as `{canonical}`"),
                    r.span,
                    canonical,
                    true,
                ),
            );
        }
        if !t.field.allowed().contains(&r.kind) && !sms_variant(t, r) {
            not_allowed(t, r, out);
            continue;
        }
        if t.field == FieldKind::TopicContent
            && matches!(r.kind, RefKind::Fn | RefKind::Ho | RefKind::TwilioSms)
        {
            out.push(
                Diagnostic::new(
                    Code::SB215,
                    t.file,
                    r.span,
                    format!("{} reference in topic `content`", r.kind.describe()),
                )
                .help("`content` is retrieved as facts; behaviour (functions, handoffs, SMS) belongs in `actions`"),
            );
        }
        if let Some(m) = &r.member {
            out.push(
                Diagnostic::new(
                    Code::SB214,
                    t.file,
                    r.span.cover(m.span),
                    format!("`${}` is followed by an attribute access `{}`", r.name, m.text),
                )
                .help(format!("templates substitute the whole value: store the field you need in its own variable, e.g. `conv.state.{}_{} = ...`", r.name, m.text.trim_start_matches('.'))),
            );
        }
        if resolves(s, t, r) {
            continue;
        }
        // Past the cap only the count matters: no message is built.
        if out.is_full(t.file, unresolved_code(r.kind)) {
            out.count_dropped(t.file, unresolved_code(r.kind));
            continue;
        }
        if let Err(e) = resolve(p, s, t, r) {
            debug_assert_eq!(e.code, unresolved_code(r.kind));
            let mut d =
                Diagnostic::new(e.code, t.file, r.name_span, e.message).help_opt(e.help.clone());
            if let Some(sev) = e.severity {
                d = d.severity(sev);
            }
            if sms_variant(t, r) {
                // The platform accepts the template and sends the text as written.
                d = d.severity(Severity::Warning).note(format!(
                    "the platform accepts this template, and the message goes out with `${{variant_{}}}` in it as written",
                    r.name
                ));
            }
            for n in e.notes {
                d = d.note(n);
            }
            for (f, sp, msg) in e.labels {
                d = d.label(f, sp, msg);
            }
            if let Some(h) = e.suggestion {
                d = d.replace_fix(format!("replace with `{h}`"), r.name_span, h, false);
            }
            out.push(d);
        }
    }
}

/// `${variant_x}` in an SMS template text: the platform fills in the variant attribute `x` when
/// it sends the message (the official validator leaves `${…}` alone), so it is allowed there and
/// resolved like any attribute reference. `{{attr:x}}` in an SMS text stays not allowed.
fn sms_variant(t: &TextField, r: &TextRef) -> bool {
    t.field == FieldKind::SmsText && r.kind == RefKind::Attr && r.syntax == RefSyntax::DollarBrace
}

fn not_allowed(t: &TextField, r: &TextRef, out: &mut Capped) {
    let allowed: Vec<&str> = t.field.allowed().iter().map(|k| k.as_str()).collect();
    if t.field == FieldKind::DefaultStepPrompt && matches!(r.kind, RefKind::Fn | RefKind::Ft) {
        out.push(
            Diagnostic::new(Code::SB212, t.file, r.span, format!("`{{{{{}:{}}}}}` in a default step prompt", r.kind.as_str(), r.name))
                .help("default steps cannot call functions; make this an `advanced_step` or move the call to a step that can"),
        );
        return;
    }
    let list = if allowed.is_empty() {
        "no references".to_string()
    } else {
        allowed.join(", ")
    };
    out.push(
        Diagnostic::new(
            Code::SB211,
            t.file,
            r.span,
            format!(
                "{} reference is not allowed in {}",
                r.kind.describe(),
                t.field.describe()
            ),
        )
        .note(format!("{} may hold: {list}", t.field.describe())),
    );
}

/// Why a reference does not resolve.
pub struct Unresolved {
    pub code: Code,
    pub message: String,
    pub help: Option<String>,
    pub suggestion: Option<String>,
    pub notes: Vec<String>,
    pub labels: Vec<(crate::source::FileId, crate::source::Span, String)>,
    pub severity: Option<Severity>,
}

fn unresolved(
    code: Code,
    message: String,
    name: &str,
    s: &Symbols,
    candidates: Option<Candidates>,
) -> Unresolved {
    let suggestion = candidates
        .and_then(|c| s.suggest(c, name))
        .map(str::to_string);
    Unresolved {
        code,
        message,
        help: suggestion.as_ref().map(|s| format!("did you mean `{s}`?")),
        suggestion,
        notes: Vec::new(),
        labels: Vec::new(),
        severity: None,
    }
}

/// The flow a text field belongs to, for `{{ft:...}}`.
pub fn flow_of(t: &TextField) -> Option<usize> {
    match t.owner {
        Owner::Step { flow, .. } => Some(flow),
        _ => None,
    }
}

/// Whether a reference resolves: the cheap test, without building any explanation.
pub fn resolves(s: &Symbols, t: &TextField, r: &TextRef) -> bool {
    let name = r.name.as_str();
    match r.kind {
        RefKind::Ho => s.handoffs.contains_key(name),
        RefKind::Fn => s.global_fns.contains_key(name),
        RefKind::Ft => flow_of(t).is_some_and(|fl| s.flow_fns[fl].contains_key(name)),
        RefKind::Attr => s.attributes.contains_key(name),
        RefKind::Vrbl => s.is_builtin(name) || s.is_written(name),
        RefKind::TwilioSms => s.sms.contains_key(name),
        RefKind::Entity => s.entities.contains_key(name),
        RefKind::Tn => s.translations.contains_key(name),
    }
}

/// The rule an unresolved reference of a kind breaks.
pub fn unresolved_code(kind: RefKind) -> Code {
    match kind {
        RefKind::Ho => Code::SB201,
        RefKind::Fn => Code::SB202,
        RefKind::Ft => Code::SB203,
        RefKind::Attr => Code::SB204,
        RefKind::Vrbl => Code::SB205,
        RefKind::TwilioSms => Code::SB206,
        RefKind::Entity => Code::SB207,
        RefKind::Tn => Code::SB208,
    }
}

/// Resolve one reference against the symbol tables.
pub fn resolve(
    p: &Project,
    s: &Symbols,
    t: &TextField,
    r: &TextRef,
) -> Result<(), Box<Unresolved>> {
    if resolves(s, t, r) {
        return Ok(());
    }
    let name = r.name.as_str();
    match r.kind {
        RefKind::Ho => {
            let mut u = unresolved(
                Code::SB201,
                format!("unknown handoff `{name}`"),
                name,
                s,
                Some(Candidates::Handoffs),
            );
            if p.handoffs_file.is_none() {
                u.notes
                    .push("this project has no config/handoffs.yaml".into());
            }
            Err(Box::new(u))
        }
        RefKind::Fn => {
            let mut u = unresolved(
                Code::SB202,
                format!("unknown function `{name}`"),
                name,
                s,
                Some(Candidates::GlobalFns),
            );
            if s.lifecycle_fns.contains_key(name) {
                u.notes.push(format!("`{name}` is a start/end function: the platform runs it, it cannot be referenced"));
            } else if let Some(&fl) = s.transition_flows.get(name).and_then(|v| v.first())
                && let Some(&fi) = s.flow_fns[fl].get(name)
            {
                u.notes.push(format!(
                    "`{name}` is a transition function of flow `{}`: reference it as `{{{{ft:{name}}}}}` from that flow's steps",
                    p.flows[fl].display_name()
                ));
                u.labels.push((
                    p.functions[fi].file,
                    crate::source::Span::default(),
                    "defined here".into(),
                ));
            }
            Err(Box::new(u))
        }
        RefKind::Ft => {
            let flow = flow_of(t);
            let mut u = unresolved(
                Code::SB203,
                format!("unknown flow function `{name}`"),
                name,
                s,
                flow.map(Candidates::FlowFns),
            );
            if let Some(fl) = flow {
                u.message = format!(
                    "unknown flow function `{name}` in flow `{}`",
                    p.flows[fl].display_name()
                );
            }
            if let Some(other) = s
                .transition_flows
                .get(name)
                .and_then(|v| v.iter().find(|&&i| Some(i) != flow))
            {
                u.notes.push(format!(
                    "`{name}` exists in flow `{}`: transition functions are visible only inside their own flow",
                    p.flows[*other].display_name()
                ));
            } else if s.global_fns.contains_key(name) {
                u.notes.push(format!(
                    "`{name}` is a global function: reference it as `{{{{fn:{name}}}}}`"
                ));
            }
            Err(Box::new(u))
        }
        RefKind::Attr => Err(Box::new(unresolved(
            Code::SB204,
            format!("unknown variant attribute `{name}`"),
            name,
            s,
            Some(Candidates::Attributes),
        ))),
        RefKind::Vrbl => {
            let shown = if r.syntax == RefSyntax::Braces {
                format!("{{{{vrbl:{name}}}}}")
            } else {
                format!("${name}")
            };
            let mut u = unresolved(
                Code::SB205,
                format!("unknown variable `{shown}`: no code sets `conv.state.{name}`"),
                name,
                s,
                Some(Candidates::WrittenVariables),
            );
            if r.syntax != RefSyntax::Braces {
                u.severity = Some(Severity::Warning);
            }
            if let Some(v) = s.variables.get(name)
                && let Some((f, sp)) = v.reads.first()
            {
                u.message = format!("variable `{shown}` is read in code but never written");
                u.severity = Some(Severity::Info);
                u.labels.push((*f, *sp, "read here".into()));
            }
            Err(Box::new(u))
        }
        RefKind::TwilioSms => Err(Box::new(unresolved(
            Code::SB206,
            format!("unknown SMS template `{name}`"),
            name,
            s,
            Some(Candidates::Sms),
        ))),
        RefKind::Entity => Err(Box::new(unresolved(
            Code::SB207,
            format!("unknown entity `{name}`"),
            name,
            s,
            Some(Candidates::Entities),
        ))),
        RefKind::Tn => Err(Box::new(unresolved(
            Code::SB208,
            format!("unknown translation `{name}`"),
            name,
            s,
            Some(Candidates::Translations),
        ))),
    }
}
