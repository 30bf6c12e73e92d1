//! Building variants: `config/variant_attributes.yaml`'s variants and attributes.

use super::{Builder, value_span};
use crate::model::{Attribute, AttributeValue, Spanned, Variant, snake_case};
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
                let Some(name) = self.str_field(m, "name") else {
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
                // The keys the ADK reads (`VariantAttribute.from_yaml_dict`).
                self.check_keys(m, &["name", "kind", "config", "values"], "an attribute");
                let Some(name) = self.str_field(m, "name") else {
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
                        let v = self.yaml_value(&e.value);
                        values.push(AttributeValue {
                            variant: Spanned::new(ks.value.clone(), value_span(ks)),
                            value: Spanned::new(v.text, v.span),
                            ty: v.ty,
                        });
                    }
                }
                let kind = m.get("kind").map(|k| self.yaml_value(k));
                let config_node = m.get("config");
                let config = config_node.map(|c| self.yaml_value(c));
                let config_fields = config_node.map_or(Vec::new(), |c| self.yaml_fields(c));
                // `config.values`: the ADK snake-cases the keys of `config`, the last one wins.
                let enum_values = config_node
                    .and_then(|c| {
                        c.entries()
                            .iter()
                            .rev()
                            .find(|e| e.key.as_str().is_some_and(|k| snake_case(k) == "values"))
                    })
                    .map_or(Vec::new(), |e| {
                        e.value.items().iter().map(|i| self.yaml_value(i)).collect()
                    });
                self.p.attributes.push(Attribute {
                    file: self.file,
                    name,
                    values,
                    values_span,
                    kind,
                    config,
                    config_fields,
                    enum_values,
                });
            }
        }
    }
}
