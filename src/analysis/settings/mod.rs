//! The settings checks that span files (SB475: the web chat settings go together; SB485: a
//! legacy keyphrase file beside the current one is not read). The checks
//! of one settings file are made by its builder as it reads the file; the rules of this family
//! are declared in `rules.rs` beside this file (a module of the registry).

use crate::diagnostics::{Code, Diagnostic};
use crate::model::Project;
use crate::settings::Channel;
use crate::source::{FileId, Span};

/// The legacy keyphrase file, which the ADK reads only when the current one is absent.
pub const LEGACY_KEYPHRASES: &str = "speech_recognition/keyphrase_boosting.yaml";
/// The current keyphrase file.
pub const KEYPHRASES: &str = "voice/speech_recognition/keyphrase_boosting.yaml";

/// Both keyphrase files: the legacy one is not read, so its own findings are dropped and it gets
/// one SB485 warning.
pub fn legacy_keyphrases(p: &Project, out: &mut Vec<Diagnostic>) {
    let find = |rel: &str| p.files.iter().find(|f| f.rel == rel).map(|f| f.id);
    let (Some(legacy), Some(_)) = (find(LEGACY_KEYPHRASES), find(KEYPHRASES)) else {
        return;
    };
    out.retain(|d| d.file != legacy || d.code.as_str().starts_with("SB00"));
    out.push(
        Diagnostic::new(
            Code::SB485,
            legacy,
            Span::new(0, 0),
            format!("the ADK reads `{KEYPHRASES}` and skips this legacy keyphrase file"),
        )
        .help(format!(
            "move its keyphrases into `{KEYPHRASES}` and delete this file"
        )),
    );
}

/// SB475: the web chat greeting, style prompt and safety filters must all be present, or none.
/// Each present part is reported with the names of the missing ones, as the ADK reports them.
pub fn check(p: &Project, out: &mut Vec<Diagnostic>) {
    let chat = p
        .settings
        .channels
        .iter()
        .find(|c| c.channel == Channel::Chat);
    let greeting = chat.and_then(|c| c.greeting.as_ref().map(|g| (c.file, g.span)));
    let style = chat.and_then(|c| c.style_prompt.as_ref().map(|s| (c.file, s.span)));
    let safety = p
        .settings
        .safety_filters
        .iter()
        .find(|s| s.channel == Some(Channel::Chat))
        .map(|s| (s.file, Span::new(0, 0)));
    let parts: [(&str, Option<(FileId, Span)>); 3] = [
        ("the `greeting` of `chat/configuration.yaml`", greeting),
        ("the `style_prompt` of `chat/configuration.yaml`", style),
        ("`chat/safety_filters.yaml`", safety),
    ];
    let missing: Vec<&str> = parts
        .iter()
        .filter(|(_, at)| at.is_none())
        .map(|(n, _)| *n)
        .collect();
    if missing.is_empty() || missing.len() == parts.len() {
        return;
    }
    for (name, at) in parts {
        let Some((file, span)) = at else { continue };
        out.push(
            Diagnostic::new(
                Code::SB475,
                file,
                span,
                format!(
                    "web chat settings are incomplete: {name} is set but {} {} not",
                    missing.join(" and "),
                    if missing.len() == 1 { "is" } else { "are" }
                ),
            )
            .help("web chat needs its greeting, style prompt and safety filters together: add the missing parts or remove this one"),
        );
    }
}
