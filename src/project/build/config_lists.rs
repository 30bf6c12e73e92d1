//! Building the named config lists: `config/entities.yaml`'s entities and
//! `config/translations.yaml`'s translations (with the languages each is written in).

use super::{Builder, value_span};
use crate::model::{Entity, Named, Spanned};
use crate::syntax::yaml::{Node, NodeKind};

impl Builder<'_> {
    pub(super) fn named_list(&mut self, root: &Node, key: &str, entities: bool) {
        let Some(root) = self.root_map(root) else {
            return;
        };
        let Some(v) = root.get(key) else { return };
        let mut out = Vec::new();
        match &v.kind {
            NodeKind::Seq(items) => {
                for item in items {
                    let Some(m) = self.mapping(item, key) else {
                        continue;
                    };
                    match self.str_field(m, "name") {
                        Some(name) => {
                            if entities {
                                self.entity(m, item, name);
                            } else {
                                let (languages, empty) = self.translation_languages(m);
                                out.push(Named {
                                    file: self.file,
                                    span: item.span,
                                    name,
                                    languages,
                                    empty,
                                });
                            }
                        }
                        None => self.missing(item.span, "name", "this entry"),
                    }
                }
            }
            NodeKind::Map(entries) if !entities => {
                for e in entries {
                    if let Some(s) = e.key.scalar() {
                        out.push(Named {
                            file: self.file,
                            span: e.key.span,
                            name: Spanned::new(s.value.clone(), value_span(s)),
                            languages: Vec::new(),
                            empty: false,
                        });
                    }
                }
            }
            _ if v.is_null() => {}
            _ => self.wrong_type(v, key, "a list"),
        }
        // Entities went to `p.entities` one by one: `out` holds translations only.
        self.p.translations.extend(out);
    }

    /// A translation's `translations` mapping: each language code as written, and whether it
    /// is missing, null or empty.
    fn translation_languages(&mut self, m: &Node) -> (Vec<Spanned<String>>, bool) {
        let Some(t) = m.get("translations") else {
            return (Vec::new(), true);
        };
        match &t.kind {
            NodeKind::Map(entries) => {
                let codes = entries
                    .iter()
                    .filter_map(|e| {
                        let k = e.key.scalar()?;
                        Some(Spanned::new(k.value.clone(), value_span(k)))
                    })
                    .collect();
                (codes, entries.is_empty())
            }
            NodeKind::Alias(_) | NodeKind::Invalid => (Vec::new(), false),
            _ => (Vec::new(), !self.yaml_value(t).is_truthy()),
        }
    }

    /// One entity: its name, `entity_type` and `config` as written.
    fn entity(&mut self, m: &Node, item: &Node, name: Spanned<String>) {
        if let Some(d) = m.get("description") {
            self.not_a_string(d, "`description`");
        }
        let entity_type = m.get("entity_type").map(|t| self.yaml_value(t));
        let config_node = m.get("config");
        let config = config_node.map(|c| self.yaml_value(c));
        let config_fields = config_node.map_or(Vec::new(), |c| self.yaml_fields(c));
        self.p.entities.push(Entity {
            file: self.file,
            span: item.span,
            name,
            entity_type,
            config,
            config_fields,
        });
    }
}
