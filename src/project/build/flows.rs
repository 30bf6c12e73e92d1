//! Building flows: a flow's `flow_config.yaml` and its steps (prompt, child steps, entities).

use super::{Builder, scalar_spanned};
use crate::model::{FieldKind, Owner, Step, StepType};
use crate::syntax::yaml::Node;

impl Builder<'_> {
    pub(super) fn flow_config(&mut self, root: &Node, flow: usize) {
        let Some(m) = self.root_map(root) else { return };
        let name = self.string(m, "name");
        let description = self.string(m, "description").map(|d| d.value);
        let start_step = self.string(m, "start_step");
        let f = &mut self.p.flows[flow];
        f.config = Some(self.file);
        f.name = name;
        f.description = description;
        f.start_step = start_step;
    }

    pub(super) fn step(&mut self, root: &Node, flow: usize) {
        let Some(m) = self.root_map(root) else { return };
        let step_idx = self.p.flows[flow].steps.len();
        let name = self.string(m, "name");
        if name.is_none() {
            self.missing(m.span, "name", "this step");
        }
        let step_type = match self
            .string(m, "step_type")
            .as_ref()
            .map(|s| s.value.as_str())
        {
            Some("advanced_step") => StepType::Advanced,
            Some("default_step") => StepType::Default,
            _ => StepType::Other,
        };
        let field = match step_type {
            StepType::Advanced => FieldKind::AdvancedStepPrompt,
            StepType::Default => FieldKind::DefaultStepPrompt,
            StepType::Other => FieldKind::OtherStepPrompt,
        };
        if let Some(pn) = m.get("prompt") {
            self.text_scalar(
                pn,
                field,
                Owner::Step {
                    flow,
                    step: step_idx,
                },
            );
        }
        let mut child_steps = Vec::new();
        let mut entities = Vec::new();
        for key in ["extracted_entities", "required_entities"] {
            if let Some(items) = self.list(m, key) {
                entities.extend(items.iter().filter_map(scalar_spanned));
            }
        }
        if let Some(conds) = self.list(m, "conditions") {
            for c in conds {
                let Some(cm) = self.mapping(c, "condition") else {
                    continue;
                };
                if let Some(cs) = self.string(cm, "child_step") {
                    child_steps.push(cs);
                }
                if let Some(items) = self.list(cm, "required_entities") {
                    entities.extend(items.iter().filter_map(scalar_spanned));
                }
            }
        }
        self.p.flows[flow].steps.push(Step {
            file: self.file,
            name,
            step_type,
            child_steps,
            entities,
        });
    }
}
