//! Building variants: `config/variant_attributes.yaml`'s variants and attributes.

use super::{Builder, value_span};
use crate::model::{Attribute, Spanned, Variant};
use crate::syntax::yaml::Node;

impl Builder<'_> {
    pub(super) fn variants(&mut self, root: &Node) {
        let Some(root) = self.root_map(root) else {
            return;
        };
        self.check_keys(root, &["variants", "attributes"], "variant_attributes.yaml");
        if let Some(items) = self.list(root, "variants") {
            for item in items {
                let Some(m) = self.mapping(item, "variant") else {
                    continue;
                };
                let Some(name) = self.string(m, "name") else {
                    self.missing(item.span, "name", "this variant");
                    continue;
                };
                let is_default = self.boolean(m, "is_default");
                self.p.variants.push(Variant {
                    file: self.file,
                    name,
                    is_default,
                });
            }
        }
        if let Some(items) = self.list(root, "attributes") {
            for item in items {
                let Some(m) = self.mapping(item, "attribute") else {
                    continue;
                };
                let Some(name) = self.string(m, "name") else {
                    self.missing(item.span, "name", "this attribute");
                    continue;
                };
                let mut values = Vec::new();
                let mut values_span = None;
                if let Some(v) = m.get("values")
                    && let Some(vm) = self.mapping(v, "values")
                {
                    values_span = Some(vm.span);
                    for e in vm.entries() {
                        let Some(ks) = e.key.scalar() else {
                            continue;
                        };
                        // A mapping or a list is a value too: an `object` attribute's.
                        let value = match e.value.scalar() {
                            Some(vs) => Spanned::new(vs.value.clone(), value_span(vs)),
                            None => Spanned::new(self.source_line(e.value.span), e.value.span),
                        };
                        values.push((Spanned::new(ks.value.clone(), value_span(ks)), value));
                    }
                }
                self.p.attributes.push(Attribute {
                    file: self.file,
                    name,
                    values,
                    values_span,
                });
            }
        }
    }
}
