//! Building the agent settings: the rules, the persona (text or YAML) and the channel settings
//! (`voice/` and `chat/` configuration).

use super::Builder;
use crate::model::{FieldKind, Owner};
use crate::source::Span;
use crate::syntax::yaml::Node;

impl Builder<'_> {
    pub(super) fn rules(&mut self) {
        self.plain_text(FieldKind::Rules, Owner::Rules);
        let src = &self.p.files[0];
        let mut heads = Vec::new();
        for line in 0..src.lines.line_count() {
            let r = src.lines.line_range(&src.text, line);
            let l = src.text[r.clone()].trim_start();
            let hashes = l.bytes().take_while(|b| *b == b'#').count();
            if (1..=6).contains(&hashes) && l[hashes..].starts_with([' ', '\t']) {
                heads.push(r.start as u32);
            }
        }
        let len = src.text.len() as u32;
        let mut sections = Vec::new();
        let mut start = 0;
        for h in heads {
            if h > start && !src.text[start as usize..h as usize].trim().is_empty() {
                sections.push(Span::new(start, h));
            }
            start = h;
        }
        if start < len || sections.is_empty() {
            sections.push(Span::new(start, len));
        }
        if let Some(t) = self.p.texts.last_mut() {
            t.sections = sections;
        }
    }

    /// `agent_settings/persona.txt`: the whole file is the persona.
    pub(super) fn persona_text(&mut self) {
        self.plain_text(FieldKind::Persona, Owner::Persona);
    }

    /// `voice/configuration.yaml` / `chat/configuration.yaml`: greeting, disclaimer, style prompt,
    /// wherever they sit in the file.
    pub(super) fn channel(&mut self, node: &Node, path: &[&str]) {
        if path.len() > 8 {
            return;
        }
        for e in node.entries() {
            let Some(k) = e.key.as_str() else { continue };
            let parent = path.last().copied().unwrap_or("");
            let field = match k {
                "welcome_message" => Some(FieldKind::Greeting),
                "message" if parent.contains("disclaimer") => Some(FieldKind::Disclaimer),
                "prompt" if parent == "style_prompt" => Some(FieldKind::StylePrompt),
                _ => None,
            };
            match field {
                Some(f) if e.value.scalar().is_some() => {
                    self.text_scalar(&e.value, f, Owner::Channel);
                }
                _ => {
                    let mut p = path.to_vec();
                    p.push(k);
                    self.channel(&e.value, &p);
                    for item in e.value.items() {
                        self.channel(item, &p);
                    }
                }
            }
        }
    }
}
