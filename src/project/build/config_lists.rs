//! Building the named config lists: `config/entities.yaml`'s entities and
//! `config/translations.yaml`'s translations.

use super::{Builder, value_span};
use crate::model::{Named, Spanned};
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
                    match self.string(m, "name") {
                        Some(name) => out.push(Named {
                            file: self.file,
                            span: item.span,
                            name,
                        }),
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
                        });
                    }
                }
            }
            _ if v.is_null() => {}
            _ => self.wrong_type(v, key, "a list"),
        }
        if entities {
            self.p.entities.extend(out);
        } else {
            self.p.translations.extend(out);
        }
    }
}
