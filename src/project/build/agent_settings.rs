//! Building the agent settings: the rules and the persona text.

use super::Builder;
use crate::model::{FieldKind, Owner};
use crate::source::Span;

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
}
