//! Building functions: a Python file's function (flow transition, function step, lifecycle hook
//! or global), its model strings and its first direct transfer; and the checks the official ADK
//! makes of the file as text: ADK decorators it leaves in the code (SB424) and the `def` header
//! (SB426).

use super::flows::py_isspace;
use super::{Builder, first_line};
use crate::diagnostics::{Code, Diagnostic};
use crate::model::{FieldKind, Function, FunctionScope, Owner};
use crate::project::kind::stem;
use crate::source::{FileId, Span};
use crate::syntax::python::{Decorator, PyFacts, PyString};

impl Builder<'_> {
    /// A function of `functions/`: `start_function` and `end_function` are the lifecycle hooks,
    /// the others are global.
    pub(super) fn global_function(&mut self, facts: PyFacts) {
        let stem = stem(&self.p.files[0].rel);
        let scope = if stem == "start_function" || stem == "end_function" {
            FunctionScope::Lifecycle
        } else {
            FunctionScope::Global
        };
        self.function(scope, facts);
    }

    pub(super) fn function(&mut self, scope: FunctionScope, mut facts: PyFacts) {
        let name = stem(&self.p.files[0].rel).to_string();
        let idx = self.p.functions.len();
        // The strings live on as text fields; the facts keep no second copy.
        let strings = std::mem::take(&mut facts.model_strings);
        facts.shrink_to_fit();
        for s in &strings {
            self.text(
                &s.value,
                &s.map,
                s.span,
                FieldKind::PythonString,
                Owner::Function(idx),
            );
        }
        if let Some(d) = header_problem(self.file, &self.p.files[0].text, scope, &name, &facts) {
            self.diag(d);
        }
        for d in leftover_decorators(self.file, &self.p.files[0].text, &name, &facts) {
            self.diag(d);
        }
        let latency = self.latency_control(idx, &name, &facts);
        let text = &self.p.files[0].text;
        // The first direct transfer, in this order of shapes.
        let transfer = [
            (facts.call_handoffs.first()).map(|c| (c.span, "conv.call_handoff(...)")),
            (facts.return_transfers.first()).map(|r| (r.span, "a returned handoff")),
            (facts.transfer_calls.first()).map(|t| (t.span, "transfer_call")),
        ]
        .into_iter()
        .flatten()
        .next()
        .map(|(span, how)| (first_line(text, span), how));
        self.p.functions.push(Function {
            file: self.file,
            name,
            scope,
            facts,
            transfer,
            latency,
        });
    }
}

/// The decorators the ADK takes out of a function's code, and looks for in what is left.
const ADK_DECORATORS: [&str; 3] = ["func_description", "func_parameter", "func_latency_control"];

/// SB424: the ADK (`Function._extract_decorators`, then `Function.validate`) takes the lines of
/// the decorators it reads off the function named after the file (`@func_description` called
/// with one argument, `@func_parameter` with two, `@func_latency_control` called at all: bare
/// names, not attributes), then refuses the file when a line left starts, in its first column,
/// with `@` and one of the three names. Comment lines are skipped; strings are not.
fn leftover_decorators(file: FileId, text: &str, name: &str, facts: &PyFacts) -> Vec<Diagnostic> {
    let target = facts
        .functions
        .iter()
        .find(|f| f.top_level && f.name == name)
        .or_else(|| facts.functions.iter().find(|f| f.name == name));
    let read: Vec<Span> = target
        .map(|t| {
            t.decorators
                .iter()
                .filter(|d| {
                    d.call
                        && match d.name.as_str() {
                            "func_description" => d.positional == 1,
                            "func_parameter" => d.positional == 2,
                            "func_latency_control" => true,
                            _ => false,
                        }
                })
                .map(|d| d.span)
                .collect()
        })
        .unwrap_or_default();
    let mut out = Vec::new();
    let mut start = 0usize;
    // The decorators' lines, as the ADK removes them: whole lines from the first to the last.
    let removed = |line: Span| {
        read.iter()
            .any(|d| line.start < d.end.max(d.start + 1) && d.start < line.end)
    };
    for line in text.split_inclusive(['\n', '\r']) {
        let end = start + line.len();
        let here = Span::new(start as u32, end as u32);
        start = end;
        if line == "\n" || line.starts_with('\n') {
            // The `\n` of a `\r\n` pair: no line of its own.
            continue;
        }
        let Some(rest) = line.strip_prefix('@') else {
            continue;
        };
        let Some(found) = ADK_DECORATORS.iter().find(|n| rest.starts_with(**n)) else {
            continue;
        };
        if removed(here) {
            continue;
        }
        let at = Span::new(here.start, here.start + 1 + found.len() as u32);
        out.push(
            Diagnostic::new(
                Code::SB424,
                file,
                at,
                format!("the ADK refuses a line starting with `@{found}` that it does not read as a decorator of `{name}`"),
            )
            .note(format!(
                "the ADK reads `@func_description(\"...\")`, `@func_parameter(\"name\", \"...\")` and `@func_latency_control(...)` only on `def {name}`, and rejects the file when such a line is left"
            ))
            .help("keep these decorators for the function named after the file; describe a helper in a docstring"),
        );
    }
    out
}

/// The Python types a `@func_parameter` may have (the ADK's `PY_TO_SCHEMA`).
const PARAM_TYPES: [&str; 4] = ["str", "int", "float", "bool"];

/// SB426: the ADK (polyai-adk 0.73.2, `Function.validate`) builds the header it expects,
/// `def <stem>(conv: Conversation[, flow: Flow][, p: T]...)` with `flow: Flow` for transition
/// functions and function steps and one `p: T` per `@func_parameter("p", "...")` in decorator
/// order (none for a function step), and looks for it as text in the file after joining the
/// function's header onto one line (`restore_function_def_line`). Its reading of the decorators
/// raises first when a described parameter has no `str`/`int`/`float`/`bool`-style annotation.
///
/// This follows those steps exactly over the file's text and facts, and stays silent where it
/// cannot be sure of the ADK's reading (a syntax error, two functions of that name, a decorator
/// or parameter list of an unusual shape, an exotic line break).
fn header_problem(
    file: crate::source::FileId,
    text: &str,
    scope: FunctionScope,
    name: &str,
    facts: &PyFacts,
) -> Option<Diagnostic> {
    if !facts.syntax_errors.is_empty() {
        return None;
    }
    let mut same = facts.functions.iter().filter(|f| f.name == name);
    let main = same.next().filter(|f| f.top_level)?;
    if same.next().is_some() {
        return None;
    }
    // Python's `splitlines` breaks lines at these too, its parser does not: leave such files be.
    let b = text.as_bytes();
    if memchr::memchr3(0x0b, 0x0c, 0x1c, b).is_some()
        || memchr::memchr2(0x1d, 0x1e, b).is_some()
        || ["\u{85}", "\u{2028}", "\u{2029}"]
            .iter()
            .any(|c| memchr::memmem::find(text.as_bytes(), c.as_bytes()).is_some())
    {
        return None;
    }
    let params = parse_params(&main.signature, name)?;
    let flow_arg = matches!(
        scope,
        FunctionScope::Transition(_) | FunctionScope::FunctionStep(_)
    );
    let function_step = matches!(scope, FunctionScope::FunctionStep(_));
    let mut expected = vec!["conv: Conversation".to_string()];
    if flow_arg {
        expected.push("flow: Flow".to_string());
    }
    let mut notes = Vec::new();
    for d in main
        .decorators
        .iter()
        .filter(|d| d.name == "func_parameter")
    {
        let args = plain_string_args(text, d)?;
        let [arg, _] = args.as_slice() else {
            continue;
        };
        let pname = arg.value.as_str();
        let param_problem = |message: String| {
            Some(
                Diagnostic::new(Code::SB426, file, arg.span, message).note(
                    "the ADK reads each `@func_parameter` from the function's ordinary parameters, annotated `str`, `int`, `float` or `bool`",
                ),
            )
        };
        let Some(p) = params.iter().find(|p| p.ordinary && p.name == pname) else {
            return param_problem(format!(
                "`@func_parameter` describes `{pname}`, which is not an ordinary parameter of `{name}`"
            ));
        };
        let Some(ann) = &p.annotation else {
            return param_problem(format!(
                "parameter `{pname}` has no type annotation: the ADK requires `str`, `int`, `float` or `bool`"
            ));
        };
        let Some(id) = annotation_name(ann) else {
            return param_problem(format!(
                "parameter `{pname}` has the type `{ann}`: the ADK requires `str`, `int`, `float` or `bool`"
            ));
        };
        if function_step {
            notes.push(format!(
                "`{pname}` is left out: a function step takes no parameters"
            ));
        } else if PARAM_TYPES.contains(&id) {
            expected.push(format!("{pname}: {id}"));
        } else {
            notes.push(format!(
                "`{pname}: {ann}` is left out: `@func_parameter` types are `str`, `int`, `float` and `bool`"
            ));
        }
    }
    let expected = format!("def {name}({})", expected.join(", "));
    // The file as the ADK searches it: line breaks as Python reads them, and the header of a
    // (not async) `def` joined onto one line.
    let normal: std::borrow::Cow<str> = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n").into()
    } else {
        text.into()
    };
    let (parts, line) = if main.signature.starts_with("async ") {
        ([&normal[..], "", ""], None)
    } else {
        let at = main.header_span.start as usize;
        let def_start = if normal.len() == text.len() {
            // No carriage returns: the header's line starts after the last line break before it.
            memchr::memrchr(b'\n', &text.as_bytes()[..at.min(text.len())]).map_or(0, |i| i + 1)
        } else {
            line_start(&normal, line_of(text, at))
        };
        restore_def_line(&normal, def_start)
    };
    // `expected` holds no line break, so it is found in the joined file only within one of its
    // parts: the lines before the header, the joined header line, the lines after it.
    // The joined header line first: that is where a right header is.
    let found_in = |needle: &str| {
        line.as_deref()
            .map(|l| l as &str)
            .iter()
            .chain(parts.iter())
            .any(|p| memchr::memmem::find(p.as_bytes(), needle.as_bytes()).is_some())
    };
    if found_in(&expected) {
        return None;
    }
    let found = match &line {
        Some(l) => match l.rfind("):  #") {
            Some(i) => l[..=i].to_string(),
            None => l.strip_suffix(':').unwrap_or(l).to_string(),
        },
        None => main.signature.clone(),
    };
    let help = if parts
        .iter()
        .chain(line.as_deref().map(|l| l as &str).iter())
        .any(|p| p.replace(",)", ")").contains(&expected))
    {
        "remove the comma after the last parameter: the ADK joins the header onto one line and drops that comma only where `):` ends it".to_string()
    } else {
        format!("write the header as `{expected}:` (on one line or over several)")
    };
    let mut d = Diagnostic::new(
        Code::SB426,
        file,
        main.header_span,
        format!("the ADK requires the header `{expected}`; this one reads `{found}`"),
    )
    .help(help);
    for n in notes {
        d = d.note(n);
    }
    Some(d)
}

/// A parameter of a `def`, read from its normalised header.
struct Param {
    name: String,
    annotation: Option<String>,
    /// Neither positional-only (before `/`) nor keyword-only (after `*`), nor `*args`/`**kw`.
    ordinary: bool,
}

/// The parameters of `signature` (`def name(a: int, b=1, *, c) -> T`, as the facts normalise
/// it). `None` for a shape this reading is not sure of (a `lambda` or f-string inside).
fn parse_params(signature: &str, name: &str) -> Option<Vec<Param>> {
    let rest = signature.strip_prefix("async ").unwrap_or(signature);
    let rest = rest.strip_prefix("def ")?.strip_prefix(name)?.trim_start();
    let inner = rest.strip_prefix('(')?;
    let close = scan_to(inner, |c, depth| c == ')' && depth == 0).ok()??;
    let inner = &inner[..close];
    if inner.contains("lambda") {
        return None;
    }
    let mut out: Vec<Param> = Vec::new();
    let mut keyword_only = false;
    let mut start = 0;
    let mut pieces = Vec::new();
    while start <= inner.len() {
        let end = scan_to(&inner[start..], |c, depth| c == ',' && depth == 0)
            .ok()?
            .map_or(inner.len(), |i| start + i);
        pieces.push(inner[start..end].trim());
        start = end + 1;
    }
    for piece in pieces.into_iter().filter(|p| !p.is_empty()) {
        if piece == "/" {
            out.iter_mut().for_each(|p| p.ordinary = false);
            continue;
        }
        if let Some(var) = piece.strip_prefix('*') {
            keyword_only = true;
            let name = var.trim_start_matches('*');
            out.push(Param {
                name: identifier_prefix(name).to_string(),
                annotation: None,
                ordinary: false,
            });
            continue;
        }
        let pname = identifier_prefix(piece);
        if pname.is_empty() {
            return None;
        }
        let after = piece[pname.len()..].trim_start();
        let annotation = match after.strip_prefix(':') {
            Some(ann) => {
                let end = scan_to(ann, |c, depth| c == '=' && depth == 0)
                    .ok()?
                    .unwrap_or(ann.len());
                Some(ann[..end].trim().to_string())
            }
            None if after.is_empty() || after.starts_with('=') => None,
            None => return None,
        };
        out.push(Param {
            name: pname.to_string(),
            annotation,
            ordinary: !keyword_only,
        });
    }
    Some(out)
}

/// A string this reading does not follow (an f-string, whose nested quotes it does not track, or
/// a literal that does not close).
struct Unsure;

/// The byte offset in `s` of the first character for which `hit(c, depth)` holds outside string
/// literals, `depth` counting the brackets open before it (`Ok(None)` when there is none). A `=`
/// that is part of `==`, `<=`, `>=`, `!=` or `:=` is not offered.
fn scan_to(s: &str, hit: impl Fn(char, usize) -> bool) -> Result<Option<usize>, Unsure> {
    let b = s.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if matches!(c, b'\'' | b'"') {
            let f_prefix = s[..i]
                .bytes()
                .rev()
                .take_while(u8::is_ascii_alphabetic)
                .any(|p| matches!(p, b'f' | b'F' | b't' | b'T'));
            if f_prefix {
                return Err(Unsure);
            }
            i = skip_string(b, i).ok_or(Unsure)?;
            continue;
        }
        let comparison = c == b'='
            && (matches!(b.get(i + 1), Some(b'='))
                || (i > 0 && matches!(b[i - 1], b'=' | b'<' | b'>' | b'!' | b':')));
        if c.is_ascii() && !comparison && hit(c as char, depth) {
            return Ok(Some(i));
        }
        match c {
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    Ok(None)
}

/// The index just past the string literal whose quote is at `b[i]` (triple quotes and escapes
/// followed); `None` when it does not close.
fn skip_string(b: &[u8], i: usize) -> Option<usize> {
    let q = b[i];
    let triple = b.get(i + 1) == Some(&q) && b.get(i + 2) == Some(&q);
    let mut j = if triple { i + 3 } else { i + 1 };
    while j < b.len() {
        match b[j] {
            b'\\' => j += 2,
            c if c == q => {
                if !triple {
                    return Some(j + 1);
                }
                if b.get(j + 1) == Some(&q) && b.get(j + 2) == Some(&q) {
                    return Some(j + 3);
                }
                j += 1;
            }
            b'\n' if !triple => return None,
            _ => j += 1,
        }
    }
    None
}

/// The leading Python identifier of `s` (empty if it starts with none).
fn identifier_prefix(s: &str) -> &str {
    let mut end = 0;
    for (i, c) in s.char_indices() {
        let ok = if i == 0 {
            c.is_alphabetic() || c == '_'
        } else {
            c.is_alphanumeric() || c == '_'
        };
        if !ok {
            break;
        }
        end = i + c.len_utf8();
    }
    &s[..end]
}

/// The name an annotation is, when it is a bare name (`str`, `(str)`): what the ADK reads as
/// `annotation.id`. `None`, `True` and `False` are constants, not names.
fn annotation_name(ann: &str) -> Option<&str> {
    let mut a = ann.trim();
    while let Some(inner) = a.strip_prefix('(').and_then(|x| x.strip_suffix(')')) {
        // Only a pair that encloses everything: `(a)` but not `(a) | (b)`.
        if !matches!(scan_to(inner, |c, depth| c == ')' && depth == 0), Ok(None)) {
            break;
        }
        a = inner.trim();
    }
    let id = identifier_prefix(a);
    (!id.is_empty() && id.len() == a.len() && !matches!(id, "None" | "True" | "False"))
        .then_some(id)
}

/// The positional arguments of a `@func_parameter(...)` decorator when they are all plain string
/// literals and there is nothing else (comments and line breaks aside): the ADK reads the
/// decorator only when there are exactly two (`len(decorator.args) == 2`), and then the `.value`
/// of each. `None` for any other shape (a name, an f-string, a keyword argument), where its
/// reading is not certain here.
fn plain_string_args<'d>(text: &str, d: &'d Decorator) -> Option<Vec<&'d PyString>> {
    if matches!(
        without_trivia(&d.text).as_str(),
        "func_parameter" | "func_parameter()"
    ) {
        return Some(Vec::new());
    }
    let raw = |s: Span| text.get(s.start as usize..s.end as usize);
    let first = d.string_args.first()?;
    let last = d.string_args.last()?;
    let mut gaps_ok = without_trivia(raw(Span::new(d.span.start, first.span.start))?)
        == "@func_parameter("
        && matches!(
            without_trivia(raw(Span::new(last.span.end, d.span.end))?).as_str(),
            ")" | ",)"
        );
    for pair in d.string_args.windows(2) {
        gaps_ok &= without_trivia(raw(Span::new(pair[0].span.end, pair[1].span.start))?) == ",";
    }
    for a in &d.string_args {
        gaps_ok &= plain_literal(raw(a.span)?);
    }
    gaps_ok.then(|| d.string_args.iter().collect())
}

/// Whether `raw` is one or more string literals that are neither f-strings nor bytes (the ADK
/// reads their `.value`, which a `JoinedStr` does not have).
fn plain_literal(raw: &str) -> bool {
    let b = raw.as_bytes();
    let mut i = 0;
    let mut parts = 0;
    while i < b.len() {
        match b[i] {
            c if c.is_ascii_whitespace() || c == b'\\' => i += 1,
            b'#' => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            _ => {
                let start = i;
                while i < b.len() && b[i].is_ascii_alphabetic() {
                    i += 1;
                }
                if !matches!(&raw[start..i], "" | "r" | "R" | "u" | "U")
                    || !matches!(b.get(i), Some(b'\'' | b'"'))
                {
                    return false;
                }
                match skip_string(b, i) {
                    Some(j) => i = j,
                    None => return false,
                }
                parts += 1;
            }
        }
    }
    parts > 0
}

/// `s` without comments, whitespace and line continuations.
fn without_trivia(s: &str) -> String {
    let mut out = String::new();
    let mut comment = false;
    for c in s.chars() {
        if comment {
            comment = c != '\n';
            continue;
        }
        match c {
            '#' => comment = true,
            '\\' => {}
            c if py_isspace(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// The 0-based line of byte `offset`, counting `\n`, `\r\n` and `\r` as Python does.
fn line_of(text: &str, offset: usize) -> usize {
    let b = &text.as_bytes()[..offset.min(text.len())];
    let newlines = memchr::memchr_iter(b'\n', b).count();
    if !b.contains(&b'\r') {
        return newlines;
    }
    // A `\r` not followed by `\n` breaks a line too.
    let lone_cr = memchr::memchr_iter(b'\r', b)
        .filter(|&i| b.get(i + 1) != Some(&b'\n'))
        .count();
    newlines + lone_cr
}

/// The byte offset where line `n` (0-based) of `text` starts (`text` has `\n` line breaks only).
fn line_start(text: &str, n: usize) -> usize {
    if n == 0 {
        return 0;
    }
    memchr::memchr_iter(b'\n', text.as_bytes())
        .nth(n - 1)
        .map_or(text.len(), |i| i + 1)
}

/// `text` (with `\n` line breaks) after the ADK's `restore_function_def_line` for a header whose
/// line starts at byte `def_start`: the lines from there to the first one that ends in `:` (a
/// comment allowed after it) joined with spaces and normalised by `_format_def_line`. Returned as
/// the text before the header and the text after it, with the joined line when there was one.
fn restore_def_line(text: &str, def_start: usize) -> ([&str; 3], Option<String>) {
    let mut lines = Vec::new();
    let mut at = def_start;
    let mut end = None;
    while at < text.len() {
        let next = memchr::memchr(b'\n', &text.as_bytes()[at..]).map_or(text.len(), |i| at + i + 1);
        let l = &text[at..next];
        lines.push(l);
        at = next;
        if ends_header(l) {
            end = Some(next);
            break;
        }
    }
    let Some(end) = end else {
        return ([text, "", ""], None);
    };
    let joined = lines
        .iter()
        .map(|l| l.trim_matches(py_isspace))
        .collect::<Vec<_>>()
        .join(" ");
    let line = format_def_line(&joined);
    ([&text[..def_start], &text[end..], ""], Some(line))
}

/// The ADK's `HEADER_END_COLON_RE`, `:\s*(#.*)?\s*$`, searched in one line.
fn ends_header(line: &str) -> bool {
    line.char_indices()
        .filter(|&(_, c)| c == ':')
        .any(|(k, _)| {
            let r = line[k + 1..].trim_start_matches(py_isspace);
            r.is_empty() || r.starts_with('#')
        })
}

/// The ADK's `_format_def_line` (without the final line break): no whitespace just inside
/// parentheses or before a colon, whitespace runs as one space, no comma before a final `):`,
/// two spaces before a comment after `):`.
fn format_def_line(line: &str) -> String {
    let line = line.trim_matches(py_isspace);
    let chars: Vec<char> = line.chars().collect();
    // `\(\s+` -> `(`
    let mut a = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        a.push(chars[i]);
        if chars[i] == '(' {
            while i + 1 < chars.len() && py_isspace(chars[i + 1]) {
                i += 1;
            }
        }
        i += 1;
    }
    // `\s+\)` -> `)`, then `\s+:` -> `:`, then `\s+` -> ` `
    let drop_before = |v: Vec<char>, next: Option<char>| -> Vec<char> {
        let mut out = Vec::with_capacity(v.len());
        let mut i = 0;
        while i < v.len() {
            if py_isspace(v[i]) {
                let mut j = i;
                while j < v.len() && py_isspace(v[j]) {
                    j += 1;
                }
                match next {
                    Some(n) if v.get(j) == Some(&n) => {}
                    Some(_) => out.extend_from_slice(&v[i..j]),
                    None => out.push(' '),
                }
                i = j;
            } else {
                out.push(v[i]);
                i += 1;
            }
        }
        out
    };
    let b = drop_before(a, Some(')'));
    let c = drop_before(b, Some(':'));
    let d = drop_before(c, None);
    let mut s: String = d.into_iter().collect();
    // `,\):$` -> `):`
    if s.ends_with(",):") {
        s.truncate(s.len() - 3);
        s.push_str("):");
    }
    // `\)\s*:\s*#` -> `):  #`
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len() + 2);
    let mut i = 0;
    'outer: while i < chars.len() {
        if chars[i] == ')' {
            let mut j = i + 1;
            while j < chars.len() && py_isspace(chars[j]) {
                j += 1;
            }
            if chars.get(j) == Some(&':') {
                j += 1;
                while j < chars.len() && py_isspace(chars[j]) {
                    j += 1;
                }
                if chars.get(j) == Some(&'#') {
                    out.push_str("):  #");
                    i = j + 1;
                    continue 'outer;
                }
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}
