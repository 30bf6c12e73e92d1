//! Building SMS templates: `config/sms_templates.yaml`'s templates and their texts.

use super::Builder;
use crate::model::{FieldKind, Owner, SmsTemplate, Spanned};
use crate::syntax::yaml::Node;

impl Builder<'_> {
    pub(super) fn sms(&mut self, root: &Node) {
        let Some(items) = self.top_list(root, "sms_templates", "sms_templates.yaml") else {
            return;
        };
        for item in items {
            let Some(m) = self.mapping(item, "SMS template") else {
                continue;
            };
            self.check_keys(m, &["name", "text", "env_phone_numbers"], "an SMS template");
            let Some(name) = self.str_field(m, "name") else {
                self.missing(item.span, "name", "this SMS template");
                continue;
            };
            let idx = self.p.sms_templates.len();
            let mut text = None;
            if let Some(e) = m.entry("text") {
                let t = &e.value;
                self.text_scalar(t, FieldKind::SmsText, Owner::Sms(idx));
                let empty = t.is_null() || t.scalar().is_some_and(|s| s.value.is_empty());
                text = Some(Spanned::new(empty, e.key.span));
            }
            let null_phone_numbers = m
                .entry("env_phone_numbers")
                .filter(|e| e.value.is_null())
                .map(|e| e.key.span);
            if let Some(env) = m.get("env_phone_numbers")
                && let Some(env) = self.mapping(env, "env_phone_numbers")
            {
                self.check_keys(
                    env,
                    &["sandbox", "pre_release", "live"],
                    "env_phone_numbers",
                );
                for key in ["sandbox", "pre_release", "live"] {
                    self.str_field(env, key);
                }
            }
            self.p.sms_templates.push(SmsTemplate {
                file: self.file,
                span: item.span,
                name,
                text,
                null_phone_numbers,
            });
        }
    }
}
