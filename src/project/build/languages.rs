//! Building the languages: `agent_settings/languages.yaml`'s `default_language` and
//! `additional_languages`, as the ADK reads them (polyai-adk 0.73.2, `resources/languages.py`).

use super::Builder;
use crate::model::Language;
use crate::syntax::yaml::{Node, NodeKind};

impl Builder<'_> {
    pub(super) fn languages(&mut self, root: &Node) {
        let Some(m) = self.root_map(root) else { return };
        self.check_keys(
            m,
            &["default_language", "additional_languages"],
            "languages.yaml",
        );
        // The ADK has a default language only when `default_language` is true to Python.
        if let Some(v) = m.get("default_language") {
            self.not_a_string(v, "`default_language`");
            let code = self.yaml_value(v);
            if code.is_truthy() {
                if matches!(v.kind, NodeKind::Map(_) | NodeKind::Seq(_)) {
                    self.wrong_type(v, "default_language", "a language code");
                } else {
                    self.p.languages.push(Language {
                        file: self.file,
                        code,
                        default: true,
                    });
                }
            }
        }
        if let Some(items) = self.list(m, "additional_languages") {
            for item in items {
                if self.not_a_string(item, "an additional language") {
                    continue;
                }
                if matches!(item.kind, NodeKind::Map(_) | NodeKind::Seq(_)) {
                    self.wrong_type(item, "an additional language", "a language code");
                    continue;
                }
                let code = self.yaml_value(item);
                self.p.languages.push(Language {
                    file: self.file,
                    code,
                    default: false,
                });
            }
        }
    }
}
