//! Building topics: a `topics/*.yaml` file's topic, or a child topic of
//! `child_topics/<variant>/*.yaml` (a topic scoped to one variant), with its example queries,
//! content and actions.

use super::{Builder, value_span};
use crate::diagnostics::{Code, Diagnostic};
use crate::model::{FieldKind, Owner, Spanned, Topic};
use crate::source::Span;
use crate::syntax::yaml::Node;

impl Builder<'_> {
    /// The topic of a `topics/` file (`variant` is `None`) or the child topic of a
    /// `child_topics/<variant>/` file.
    pub(super) fn topic(&mut self, root: &Node, variant: Option<&str>) {
        let Some(m) = self.root_map(root) else { return };
        let what = if variant.is_some() {
            "a child topic"
        } else {
            "a topic"
        };
        self.check_keys(
            m,
            &[
                "name",
                "enabled",
                "example_queries",
                "content",
                "actions",
                "tags",
            ],
            what,
        );
        let idx = self.p.topics.len();
        // A topic without `name` is named after its file when the ADK loads it.
        let name = self.str_field(m, "name");
        let enabled = self.boolean(m, "enabled").map(|b| b.value);
        let mut queries = Vec::new();
        let queries_span = m.get("example_queries").map(|n| n.span);
        if let Some(items) = self.list(m, "example_queries") {
            for q in items {
                self.not_a_string(q, "an example query");
                if let Some(s) = q.scalar() {
                    queries.push(Spanned::new(s.value.clone(), q.span));
                }
            }
        }
        let mut tags = Vec::new();
        if variant.is_some() {
            self.child_topic_tags(m, name.as_ref());
        } else if let Some(items) = self.list(m, "tags") {
            for t in items {
                match t.scalar() {
                    Some(s) if t.type_name() == "string" => {
                        tags.push(Spanned::new(s.value.clone(), value_span(s)))
                    }
                    _ if self.not_a_string(t, "a tag") => {}
                    _ => self.wrong_type(t, "a tag", "a string"),
                }
            }
        }
        if let Some(c) = m.get("content") {
            self.text_scalar(c, FieldKind::TopicContent, Owner::Topic(idx));
        }
        if let Some(a) = m.get("actions") {
            self.text_scalar(a, FieldKind::TopicActions, Owner::Topic(idx));
        }
        self.p.topics.push(Topic {
            file: self.file,
            name,
            enabled,
            example_queries: queries,
            example_queries_span: queries_span,
            tags,
            variant: variant.map(str::to_string),
        });
    }

    /// SB450: a child topic with tags (a `tags` value Python finds true: the ADK refuses to
    /// read the file, since the platform has no tags on child topics).
    fn child_topic_tags(&mut self, m: &Node, name: Option<&Spanned<String>>) {
        let Some(e) = m.entries().iter().find(|e| e.key.as_str() == Some("tags")) else {
            return;
        };
        if !self.yaml_value(&e.value).is_truthy() {
            return;
        }
        let name = name.map_or_else(
            || crate::project::stem(&self.p.files[0].rel).to_string(),
            |n| n.value.clone(),
        );
        // The fix removes the key's lines: from the start of its line (when only indentation
        // is before it) through the line break after its value.
        let text = &self.p.files[0].text;
        let key_start = e.key.span.start as usize;
        let line_start = text[..key_start].rfind('\n').map_or(0, |i| i + 1);
        let start = if text[line_start..key_start].trim().is_empty() {
            line_start
        } else {
            key_start
        };
        let mut end = (e.value.span.end.max(e.key.span.end) as usize).min(text.len());
        let rest = &text[end..];
        let line_end = rest.find('\n').map_or(rest.len(), |i| i + 1);
        if rest[..line_end].trim().is_empty() || rest[..line_end].trim_start().starts_with('#') {
            end += line_end;
        }
        let cut = Span::new(start as u32, end as u32);
        let d = Diagnostic::new(
            Code::SB450,
            self.file,
            e.key.span,
            format!("child topic `{name}` has tags, but child topics cannot have any"),
        )
        .help("remove the `tags` key")
        .note("the platform has no tags on a child topic; `poly` refuses to read the file")
        .replace_fix("remove the tags", cut, "", false);
        self.diag(d);
    }
}
