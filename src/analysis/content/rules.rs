//! The SB45x/SB46x rules (the knowledge base's child topics, the test suite, the languages and
//! the translations) as declared: each rule's code, name, default severity, summary and
//! documentation. SB450 is found by the topic builder (`src/project/build/topics.rs`) as it reads
//! a child topic; the others are checked in this family's `mod.rs`.

crate::diagnostics::declare_rules! {
    SB450 {
        name: "child-topic-tags",
        severity: Error,
        summary: "a child topic with `tags`",
        what: "Reports the `tags` key of a child topic (`child_topics/<variant>/<topic>.yaml`) \
               whose value is not empty. An empty list (`tags: []`) or a null value is not \
               reported: the ADK reads it as no tags.",
        why: "The platform has no tags on a child topic, so the ADK refuses to read the file \
              (\"Child topic … has tags, but child topics don't support them\"), and `poly \
              validate` and `poly push` stop there.",
        example: r#"# config/variant_attributes.yaml
variants:
  - name: Canary Wharf
    is_default: true
attributes: []

# child_topics/canary_wharf/parking.yaml
name: Parking
enabled: true
tags:
  - location
example_queries:
  - Where can I park?
content: |
  The Canary Wharf branch has no car park; the nearest is at Cabot Place.
actions: |
  Answer from the content.
"#,
        fix: "Remove the `tags` key; tag the base topic in `topics/` instead. The automatic \
              fix removes the key and its value.",
        clean: r#"# config/variant_attributes.yaml
variants:
  - name: Canary Wharf
    is_default: true
attributes: []

# child_topics/canary_wharf/parking.yaml
name: Parking
enabled: true
example_queries:
  - Where can I park?
content: |
  The Canary Wharf branch has no car park; the nearest is at Cabot Place.
actions: |
  Answer from the content.
"#,
    }

    SB451 {
        name: "unknown-child-topic-variant",
        severity: Error,
        summary: "a child topic in a folder that names no variant",
        what: "Reports a child topic whose folder, `child_topics/<folder>/`, is not the clean \
               name of a variant of `config/variant_attributes.yaml`. The ADK compares clean \
               names: the folder of the variant `Canary Wharf` is `canary_wharf`. Without any \
               variant every child topic is reported.",
        why: "A child topic applies only while its variant is active; the ADK finds the \
              variant from the folder and rejects the topic when there is none (\"Child topic \
              … is not inside a known variant folder\"), so `poly push` fails.",
        example: r#"# config/variant_attributes.yaml
variants:
  - name: Canary Wharf
    is_default: true
attributes: []

# child_topics/canary_warf/parking.yaml
name: Parking
enabled: true
example_queries:
  - Where can I park?
content: |
  The Canary Wharf branch has no car park; the nearest is at Cabot Place.
actions: |
  Answer from the content.
"#,
        fix: "Move the file into the folder of an existing variant (the clean form of its \
              name), or add the variant to `config/variant_attributes.yaml`.",
        clean: r#"# config/variant_attributes.yaml
variants:
  - name: Canary Wharf
    is_default: true
attributes: []

# child_topics/canary_wharf/parking.yaml
name: Parking
enabled: true
example_queries:
  - Where can I park?
content: |
  The Canary Wharf branch has no car park; the nearest is at Cabot Place.
actions: |
  Answer from the content.
"#,
    }

    SB452 {
        name: "duplicate-child-topic-name",
        severity: Error,
        summary: "a child topic named like another topic or child topic",
        what: "Reports a child topic whose name has the same clean form (lower case, `_` \
               between words) as the name of a topic of `topics/` or of another child topic, \
               in the same variant or in any other. The clash is labelled. Two topics of \
               `topics/` with one name are SB411.",
        why: "The platform keeps topic names unique across the base topics and every child \
              topic of every variant; the ADK rejects the child topic (\"Topic names must be \
              unique across all topics and child topics, including across variants\"), so \
              `poly push` fails. A variant's version of a base topic is a child topic with its \
              own name.",
        example: r#"# config/variant_attributes.yaml
variants:
  - name: Canary Wharf
    is_default: true
attributes: []

# topics/parking.yaml
name: Parking
enabled: true
example_queries:
  - Where can I park?
content: |
  Most branches have a car park behind the building.
actions: |
  Answer from the content.

# child_topics/canary_wharf/parking.yaml
name: Parking
enabled: true
example_queries:
  - Where can I park at Canary Wharf?
content: |
  The Canary Wharf branch has no car park; the nearest is at Cabot Place.
actions: |
  Answer from the content.
"#,
        fix: "Give the child topic a name of its own (and rename its file to match).",
        clean: r#"# config/variant_attributes.yaml
variants:
  - name: Canary Wharf
    is_default: true
attributes: []

# topics/parking.yaml
name: Parking
enabled: true
example_queries:
  - Where can I park?
content: |
  Most branches have a car park behind the building.
actions: |
  Answer from the content.

# child_topics/canary_wharf/canary_wharf_parking.yaml
name: Canary Wharf Parking
enabled: true
example_queries:
  - Where can I park at Canary Wharf?
content: |
  The Canary Wharf branch has no car park; the nearest is at Cabot Place.
actions: |
  Answer from the content.
"#,
    }
}
