//! Building handoffs: `config/handoffs.yaml`'s handoffs, their SIP configuration and headers.

use super::Builder;
use crate::model::{FieldKind, Handoff, Owner, SipHeader};
use crate::syntax::yaml::Node;

impl Builder<'_> {
    /// `config/handoffs.yaml`, whose `root` is `None` when it holds no YAML document: it is the
    /// project's handoffs file even then.
    pub(super) fn handoffs(&mut self, root: Option<&Node>) {
        self.p.handoffs_file = Some(self.file);
        let Some(root) = root else { return };
        let Some(items) = self.top_list(root, "handoffs", "handoffs.yaml") else {
            return;
        };
        for item in items {
            let Some(m) = self.mapping(item, "handoff entry") else {
                continue;
            };
            self.check_keys(
                m,
                &[
                    "name",
                    "description",
                    "is_default",
                    "sip_config",
                    "sip_headers",
                ],
                "a handoff",
            );
            let idx = self.p.handoffs.len();
            let mut h = Handoff {
                file: self.file,
                span: item.span,
                name: self.str_field(m, "name"),
                description: self.str_field(m, "description"),
                is_default: self.boolean(m, "is_default"),
                method: None,
                phone_number: None,
                outbound_endpoint: None,
                outbound_encryption: None,
                headers: Vec::new(),
                sip_key_insert: None,
            };
            // Without `sip_config` (or its `method`) the handoff is a `bye`, the ADK's default:
            // nothing is missing.
            if let Some(cfg) = m.get("sip_config")
                && let Some(cfg) = self.mapping(cfg, "sip_config")
            {
                self.check_keys(
                    cfg,
                    &[
                        "method",
                        "phone_number",
                        "outbound_endpoint",
                        "outbound_encryption",
                    ],
                    "sip_config",
                );
                h.method = self.str_field(cfg, "method");
                h.phone_number = self.str_field(cfg, "phone_number");
                h.outbound_endpoint = self.str_field(cfg, "outbound_endpoint");
                h.outbound_encryption = self.str_field(cfg, "outbound_encryption");
                h.sip_key_insert = cfg.entry("method").and_then(|e| self.key_insert(e));
            }
            if let Some(headers) = self.list(m, "sip_headers") {
                for (hi, hn) in headers.iter().enumerate() {
                    let Some(hm) = self.mapping(hn, "sip header") else {
                        continue;
                    };
                    self.check_keys(hm, &["key", "value"], "a SIP header");
                    let Some(key) = self.string(hm, "key") else {
                        self.missing(hn.span, "key", "this SIP header");
                        continue;
                    };
                    let value = self.string(hm, "value");
                    let text = hm.get("value").and_then(|v| {
                        self.text_scalar(
                            v,
                            FieldKind::HeaderValue,
                            Owner::Header {
                                handoff: idx,
                                header: hi,
                            },
                        )
                    });
                    h.headers.push(SipHeader { key, value, text });
                }
            }
            self.p.handoffs.push(h);
        }
    }
}

impl Builder<'_> {
    /// Where a new key can go after the block-mapping entry `e`: the end of its line, and the line
    /// break and indentation to write first (see [`Handoff::sip_key_insert`]). `None` when the
    /// entry does not start its line (a flow mapping).
    fn key_insert(&self, e: &crate::syntax::yaml::Entry) -> Option<(u32, String)> {
        let text = &self.p.files.first()?.text;
        let key = e.key.span.start as usize;
        let line_start = text[..key].rfind(['\n', '\r']).map_or(0, |i| i + 1);
        let indent = &text[line_start..key];
        if !indent.bytes().all(|b| b == b' ') {
            return None;
        }
        let after = e.value.span.end.max(e.key.span.end) as usize;
        let line_end = text[after..]
            .find(['\n', '\r'])
            .map_or(text.len(), |i| after + i);
        let newline = if text[line_end..].starts_with("\r\n") {
            "\r\n"
        } else if text[line_end..].starts_with('\r') {
            "\r"
        } else {
            "\n"
        };
        Some((line_end as u32, format!("{newline}{indent}")))
    }
}
