//! Building topics: a `topics/*.yaml` file's topic, its example queries, content and actions.

use super::{Builder, value_span};
use crate::model::{FieldKind, Owner, Spanned, Topic};
use crate::syntax::yaml::Node;

impl Builder<'_> {
    pub(super) fn topic(&mut self, root: &Node) {
        let Some(m) = self.root_map(root) else { return };
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
            "a topic",
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
        if let Some(items) = self.list(m, "tags") {
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
        });
    }
}
