//! Synthetic ADK projects for benchmarks and load tests, deterministic from a seed.
//!
//! The output looks like a real project: topics whose block-scalar actions are full of references,
//! flows with default and advanced steps, transition functions and function steps (with multi-line
//! `def` headers and decorators), handoffs with SIP headers carrying `$variables`, SMS templates,
//! variant attributes and entities. Every name referenced exists, except for a fixed set of planted
//! mistakes (one per [`PLANTED`] entry and per block of the base project), so that every rule family
//! runs at least once.
//!
//! Shared by `examples/gen_project.rs`, `tests/it/generator.rs` and the criterion benches (included
//! with `#[path]`).
#![allow(dead_code)]

use std::fmt::Write as _;
use std::path::Path;

/// How large a project to generate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scale {
    /// `n` copies' worth of the base project (1 ≈ a real project: ~200 files, ~300 KB).
    Times(u32),
    /// The base project with this many topics.
    Topics(u32),
}

impl Scale {
    /// Parse `1`, `10`, `100`, `topics10k` or `topicsN`.
    pub fn parse(s: &str) -> Option<Scale> {
        if let Some(n) = s.strip_prefix("topics") {
            let n = match n.strip_suffix('k') {
                Some(k) => k.parse::<u32>().ok()?.checked_mul(1000)?,
                None => n.parse().ok()?,
            };
            return (n > 0).then_some(Scale::Topics(n));
        }
        let n: u32 = s.strip_suffix('x').unwrap_or(s).parse().ok()?;
        (n > 0).then_some(Scale::Times(n))
    }
}

/// The codes the generator plants, each at least once per block of the base project.
pub const PLANTED: &[&str] = &[
    "SB001", // YAML syntax error in a topic
    "SB008", // unknown field in a topic
    "SB103", // invalid route on a handoff
    "SB114", // header variable nothing assigns
    "SB201", // unknown handoff in topic actions
    "SB202", // unknown function in topic actions
    "SB205", // unknown variable in topic actions
    "SB212", // function in a default step prompt
    "SB213", // `<<ho:x>>` spelling
    "SB301", // topic reaches a UI handoff and a transferring function
    "SB302", // call_handoff destination names no handoff
    "SB401", // start_step names no step
    "SB403", // goto_step names no step
    "SB406", // global function without @func_description
];

/// Counts in the base (1×) project.
const BASE_TOPICS: u32 = 90;
const BASE_FLOWS: u32 = 8;
const BASE_FUNCTIONS: u32 = 20;
const BASE_HANDOFFS: u32 = 10;
const BASE_SMS: u32 = 6;
const BASE_ATTRS: u32 = 8;
const BASE_ENTITIES: u32 = 10;
const STEPS_PER_FLOW: u32 = 5;
const TRANSITIONS_PER_FLOW: u32 = 3;

/// Small deterministic PRNG (SplitMix64).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: u32) -> u32 {
        (self.next() % n.max(1) as u64) as u32
    }
    pub fn range(&mut self, lo: u32, hi: u32) -> u32 {
        lo + self.below(hi - lo + 1)
    }
    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len() as u32) as usize]
    }
    pub fn chance(&mut self, percent: u32) -> bool {
        self.below(100) < percent
    }
}

const SUBJECTS: &[&str] = &[
    "billing",
    "payment",
    "appointment",
    "delivery",
    "refund",
    "account",
    "outage",
    "meter",
    "insurance",
    "renewal",
    "password",
    "order",
    "parcel",
    "claim",
    "contract",
    "tariff",
    "voucher",
    "booking",
    "warranty",
    "address",
];

const ASPECTS: &[&str] = &[
    "questions",
    "status",
    "changes",
    "problems",
    "options",
    "history",
    "limits",
    "deadlines",
    "eligibility",
    "documents",
    "fees",
    "updates",
];

const WORDS: &[&str] = &[
    "the", "caller", "should", "be", "told", "that", "we", "can", "help", "with", "their",
    "request", "today", "and", "if", "they", "ask", "about", "it", "explain", "clearly", "once",
    "never", "promise", "a", "date", "before", "checking", "system", "record", "for", "this",
    "account", "when", "unsure", "offer", "to", "call", "back", "within", "two", "working", "days",
    "keep", "answers", "short", "friendly", "confirm", "details", "read", "numbers", "slowly",
];

const QUERIES: &[&str] = &[
    "I have a question about my {s}",
    "Can you help with {s} {a}?",
    "What are the {s} {a}",
    "I need to sort out my {s}",
    "Why is my {s} like this",
    "Who do I talk to about {s} {a}",
    "Is there a problem with the {s}?",
    "I want to change my {s}",
    "How long does a {s} take?",
    "Tell me about {s} {a}",
];

fn title(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut up = true;
    for c in s.chars() {
        if up {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
        up = c == ' ';
    }
    out
}

fn sentence(rng: &mut Rng, words: u32) -> String {
    let n = rng.range(words / 2 + 1, words);
    let mut s = String::new();
    for i in 0..n {
        if i > 0 {
            s.push(' ');
        }
        s.push_str(rng.pick::<&str>(WORDS));
    }
    let mut s = title_first(&s);
    s.push('.');
    s
}

fn title_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Every name in the project, decided before any file is written so that references resolve.
struct Names {
    topics: Vec<String>,
    flows: Vec<String>,
    /// Step display names per flow.
    steps: Vec<Vec<String>>,
    /// Transition function names per flow.
    transitions: Vec<Vec<String>>,
    /// Function step name per flow.
    function_steps: Vec<String>,
    functions: Vec<String>,
    handoffs: Vec<String>,
    sms: Vec<String>,
    attrs: Vec<String>,
    entities: Vec<String>,
    /// Variables assigned by code (`conv.state.NAME = ...`).
    vars: Vec<String>,
}

/// The clean name, exactly as the checker computes it.
use switchboard::model::clean_name as clean;

impl Names {
    fn new(rng: &mut Rng, counts: &Counts) -> Names {
        let subj = |i: u32| SUBJECTS[i as usize % SUBJECTS.len()];
        let asp = |i: u32| ASPECTS[(i as usize / SUBJECTS.len()) % ASPECTS.len()];
        let topics = (0..counts.topics)
            .map(|i| format!("{} {} {}", title(subj(i)), title(asp(i)), i + 1))
            .collect();
        let flows: Vec<String> = (0..counts.flows)
            .map(|i| format!("Handle {} {}", title(subj(i * 3)), i + 1))
            .collect();
        let step_words = [
            "Collect Details",
            "Confirm Identity",
            "Offer Options",
            "Take Decision",
            "Wrap Up",
        ];
        let steps = (0..counts.flows)
            .map(|f| {
                (0..STEPS_PER_FLOW)
                    .map(|s| format!("{} {}", step_words[s as usize], f + 1))
                    .collect()
            })
            .collect();
        let tr_words = ["confirm_choice", "change_request", "escalate_case"];
        let transitions = (0..counts.flows)
            .map(|f| {
                (0..TRANSITIONS_PER_FLOW)
                    .map(|t| format!("{}_{}", tr_words[t as usize], f + 1))
                    .collect()
            })
            .collect();
        let function_steps = (0..counts.flows)
            .map(|f| format!("lookup_record_{}", f + 1))
            .collect();
        let fn_verbs = [
            "lookup", "verify", "update", "cancel", "schedule", "transfer",
        ];
        let functions = (0..counts.functions)
            .map(|i| {
                // Every fifth function transfers the call; its name says so.
                let verb = if i % 5 == 4 {
                    "transfer"
                } else {
                    fn_verbs[i as usize % 5]
                };
                format!("{verb}_{}_{}", subj(i + 7), i + 1)
            })
            .collect();
        let mut handoffs: Vec<String> = (0..counts.handoffs)
            .map(|i| format!("{}_desk_{}", subj(i + 3), i + 1))
            .collect();
        handoffs[0] = "DEFAULT".to_string();
        let sms = (0..counts.sms)
            .map(|i| format!("{}_{}_{}", subj(i + 5), "summary", i + 1))
            .collect();
        let attrs = (0..counts.attrs)
            .map(|i| {
                let base = [
                    "company_name",
                    "opening_hours",
                    "support_email",
                    "office_address",
                    "late_fee",
                    "website",
                    "service_area",
                    "manager_name",
                ];
                format!(
                    "{}_{}",
                    base[i as usize % base.len()],
                    i / base.len() as u32 + 1
                )
            })
            .collect();
        let entities = (0..counts.entities)
            .map(|i| {
                let base = [
                    "account_number",
                    "postcode",
                    "date_of_birth",
                    "order_reference",
                    "preferred_date",
                ];
                format!(
                    "{}_{}",
                    base[i as usize % base.len()],
                    i / base.len() as u32 + 1
                )
            })
            .collect();
        let vars = (0..counts.functions * 2 + counts.flows * TRANSITIONS_PER_FLOW)
            .map(|i| {
                format!(
                    "{}_{}_{}",
                    subj(i + 11),
                    rng.pick(&["id", "status", "note", "total"]),
                    i + 1
                )
            })
            .collect();
        Names {
            topics,
            flows,
            steps,
            transitions,
            function_steps,
            functions,
            handoffs,
            sms,
            attrs,
            entities,
            vars,
        }
    }

    fn is_transferring(&self, f: usize) -> bool {
        f % 5 == 4
    }

    /// Handoffs a transferring function dials: the `invite` ones (index ≡ 1 mod 3), so no SB303.
    fn invite_handoff(&self, i: usize) -> &str {
        let invites: Vec<usize> = (0..self.handoffs.len()).filter(|h| h % 3 == 1).collect();
        &self.handoffs[invites[i % invites.len()]]
    }
}

struct Counts {
    topics: u32,
    flows: u32,
    functions: u32,
    handoffs: u32,
    sms: u32,
    attrs: u32,
    entities: u32,
}

impl Counts {
    fn of(scale: Scale) -> Counts {
        let (n, topics) = match scale {
            Scale::Times(n) => (n, BASE_TOPICS * n),
            Scale::Topics(t) => (1, t),
        };
        Counts {
            topics,
            flows: BASE_FLOWS * n,
            functions: BASE_FUNCTIONS * n,
            handoffs: BASE_HANDOFFS * n,
            sms: BASE_SMS * n,
            attrs: BASE_ATTRS * n,
            entities: BASE_ENTITIES * n,
        }
    }
}

/// Whether item `i` of a list with base count `base` carries the mistake planted at `offset`.
fn planted(i: usize, base: u32, offset: u32) -> bool {
    i as u32 % base == offset
}

/// Generate a project as (relative path, text) pairs, sorted by path. Includes the generated
/// `_gen/` stub that real projects carry (never checked).
pub fn generate(scale: Scale, seed: u64) -> Vec<(String, String)> {
    let mut rng = Rng::new(seed);
    let counts = Counts::of(scale);
    let n = Names::new(&mut rng, &counts);
    let mut files = Vec::new();
    files.push((
        "project.yaml".to_string(),
        format!("project_id: synthetic-{seed}\naccount_id: synthetic\nregion: us-1\n"),
    ));
    files.push(("_gen/__init__.py".to_string(), gen_stub()));
    files.push(("agent_settings/rules.txt".to_string(), rules(&mut rng, &n)));
    files.push((
        "agent_settings/persona.txt".to_string(),
        format!(
            "Speak like a patient {{{{attr:{}}}}} adviser, calm and efficient.\nUse the caller's name ({{{{vrbl:{}}}}}) once.\nYou are a customer service agent and handle every kind of request.\nYour service area is {{{{attr:{}}}}}.\n",
            n.attrs[0],
            n.vars[0],
            n.attrs[n.attrs.len().min(7) - 1]
        ),
    ));
    files.push((
        "voice/configuration.yaml".to_string(),
        format!(
            "greeting:\n  welcome_message: \"Thanks for calling {{{{attr:{a}}}}}. How can I help?\"\n  language_code: en-US\nstyle_prompt:\n  prompt: |-\n    Calm and steady. Read amounts like $1.50 as \"a dollar fifty\".\ndisclaimer_messages:\n  message: Calls to {{{{attr:{a}}}}} are recorded.\n  enabled: true\n  language_code: en-US\n",
            a = n.attrs[0]
        ),
    ));
    files.push(("config/handoffs.yaml".to_string(), handoffs(&mut rng, &n)));
    files.push(("config/sms_templates.yaml".to_string(), sms(&mut rng, &n)));
    files.push((
        "config/variant_attributes.yaml".to_string(),
        variants(&mut rng, &n),
    ));
    files.push(("config/entities.yaml".to_string(), entities(&mut rng, &n)));
    for i in 0..n.topics.len() {
        files.push((
            format!("topics/{}.yaml", clean(&n.topics[i])),
            topic(&mut rng, &n, i),
        ));
    }
    for i in 0..n.functions.len() {
        files.push((
            format!("functions/{}.py", n.functions[i]),
            function(&mut rng, &n, i),
        ));
    }
    files.push((
        "functions/start_function.py".to_string(),
        start_function(&n),
    ));
    for f in 0..n.flows.len() {
        flow(&mut rng, &n, f, &mut files);
    }
    files.sort();
    files
}

/// Write a generated project under `dir` (created; existing files with the same paths replaced).
pub fn write(files: &[(String, String)], dir: &Path) -> std::io::Result<()> {
    for (rel, text) in files {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(path, text)?;
    }
    Ok(())
}

/// Source bytes excluding the generated `_gen/` stubs.
pub fn source_bytes(files: &[(String, String)]) -> usize {
    files
        .iter()
        .filter(|(rel, _)| !rel.starts_with("_gen/"))
        .map(|(_, t)| t.len())
        .sum()
}

fn gen_stub() -> String {
    let mut s = String::from("# <AUTO GENERATED> stubs for the ADK runtime types. Do not edit.\n");
    s.push_str("from typing import Any, Callable\n\n\n");
    for cls in ["Conversation", "Flow", "State", "Entities"] {
        let _ = writeln!(
            s,
            "class {cls}:\n    def __getattr__(self, name: str) -> Any: ...\n\n"
        );
    }
    for dec in ["func_description", "func_parameter", "func_latency_control"] {
        let _ = writeln!(s, "def {dec}(*args: Any) -> Callable: ...\n\n");
    }
    s
}

fn rules(rng: &mut Rng, n: &Names) -> String {
    let mut s = format!(
        "You are Nova, the phone assistant for {{{{attr:{}}}}}.\nKeep answers short and never argue about a bill.\n",
        n.attrs[0]
    );
    let sections = 6 + n.topics.len() / 90;
    for k in 0..sections {
        let _ = writeln!(s, "\n## {}", title(SUBJECTS[k % SUBJECTS.len()]));
        for _ in 0..3 {
            let _ = writeln!(s, "{}", sentence(rng, 14));
        }
        // Sections alternate between calling functions and naming handoffs, never both.
        if k % 2 == 0 {
            let f = non_transferring(n, rng.below(n.functions.len() as u32) as usize);
            let _ = writeln!(
                s,
                "To check the record, call {{{{fn:{}}}}}. The caller rings from $caller_id.",
                n.functions[f]
            );
        } else {
            let h = &n.handoffs[rng.below(n.handoffs.len() as u32) as usize];
            let _ = writeln!(
                s,
                "If you cannot help after two tries, transfer to {{{{ho:{h}}}}}. Card payments cost $1.50."
            );
        }
    }
    s
}

fn non_transferring(n: &Names, f: usize) -> usize {
    if n.is_transferring(f) { f - 1 } else { f }
}

fn handoffs(rng: &mut Rng, n: &Names) -> String {
    let mut s = String::from("# Call handoffs.\nhandoffs:\n");
    for (i, name) in n.handoffs.iter().enumerate() {
        let method = match i % 3 {
            0 => "refer",
            1 => "invite",
            _ => {
                if i % 6 == 2 {
                    "bye"
                } else {
                    "refer"
                }
            }
        };
        let _ = writeln!(
            s,
            "  - name: {name}\n    description: {}\n    is_default: {}\n    sip_config:\n      method: {method}",
            sentence(rng, 12),
            i == 0
        );
        match method {
            "invite" => {
                let _ = writeln!(
                    s,
                    "      phone_number: \"<sip:+1800555{:04}@10.20.0.15>\"\n      outbound_endpoint: 10.20.0.15:5060\n      outbound_encryption: UDP/RTP",
                    i % 10000
                );
            }
            "refer" => {
                let number = if planted(i, BASE_HANDOFFS, 3) {
                    "+1 (415) 555-0134".to_string()
                } else {
                    format!("+1800555{:04}", i % 10000)
                };
                let _ = writeln!(s, "      phone_number: \"{number}\"");
            }
            _ => continue,
        }
        let _ = writeln!(
            s,
            "    sip_headers:\n      - key: X-Caller-ID\n        value: $caller_id"
        );
        let var = if planted(i, BASE_HANDOFFS, 4) {
            "caler_idd".to_string()
        } else {
            n.vars[rng.below(n.vars.len() as u32) as usize].clone()
        };
        let _ = writeln!(
            s,
            "      - key: X-Context\n        value: \"acct=${var};ani=$caller_id\""
        );
    }
    s
}

fn sms(rng: &mut Rng, n: &Names) -> String {
    let mut s = String::from("sms_templates:\n");
    for name in &n.sms {
        let v1 = rng.pick(&n.vars);
        let v2 = rng.pick(&n.vars);
        let _ = writeln!(
            s,
            "  - name: {name}\n    text: |-\n      Hello from us: here is the summary for {{{{vrbl:{v1}}}}}.\n      Reference ${v2}. Card fee: $1.50. Reply STOP to opt out.\n    env_phone_numbers:\n      sandbox: \"\"\n      pre_release: \"\"\n      live: \"+18005550160\""
        );
    }
    s
}

fn variants(rng: &mut Rng, n: &Names) -> String {
    let vs = ["north", "south", "commercial"];
    let mut s = String::from("variants:\n");
    for (i, v) in vs.iter().enumerate() {
        let _ = writeln!(s, "  - name: {v}\n    is_default: {}", i == 0);
    }
    s.push_str("attributes:\n");
    for a in &n.attrs {
        let _ = writeln!(s, "  - name: {a}\n    values:");
        for v in vs {
            let _ = writeln!(s, "      {v}: \"{}\"", sentence(rng, 6));
        }
    }
    s
}

fn entities(rng: &mut Rng, n: &Names) -> String {
    let mut s = String::from("entities:\n");
    for (i, e) in n.entities.iter().enumerate() {
        let _ = writeln!(s, "  - name: {e}\n    description: {}", sentence(rng, 10));
        match i % 3 {
            0 => s.push_str("    entity_type: alphanumeric\n    config:\n      enabled: true\n"),
            1 => s.push_str(
                "    entity_type: numeric\n    config:\n      has_decimal: true\n      has_range: true\n      min: 1\n      max: 5000\n",
            ),
            _ => s.push_str(
                "    entity_type: enum\n    config:\n      options:\n        - first\n        - second\n        - third\n",
            ),
        }
    }
    s
}

fn topic(rng: &mut Rng, n: &Names, i: usize) -> String {
    let name = &n.topics[i];
    let subj = SUBJECTS[i % SUBJECTS.len()];
    let asp = ASPECTS[(i / SUBJECTS.len()) % ASPECTS.len()];
    let mut s = format!("name: {name}\nenabled: true\n");
    if planted(i, BASE_TOPICS, 11) {
        s.push_str("enabeld: true\n");
    }
    s.push_str("example_queries:\n");
    for _ in 0..rng.range(4, 12) {
        let q = rng.pick(QUERIES).replace("{s}", subj).replace("{a}", asp);
        let _ = writeln!(s, "  - {q}");
    }
    if planted(i, BASE_TOPICS, 13) {
        s.push_str("  - [unclosed\n");
    }
    s.push_str("content: |-\n");
    for _ in 0..rng.range(4, 8) {
        let _ = writeln!(
            s,
            "  {} It costs ${}.",
            sentence(rng, 16),
            rng.range(5, 300)
        );
    }
    let _ = writeln!(
        s,
        "  Details on file: ${} at {{{{attr:{}}}}}.",
        rng.pick(&n.vars),
        rng.pick(&n.attrs)
    );
    s.push_str("actions: |-\n");
    // A topic either names handoffs or calls a transferring function, never both (except the
    // planted SB301).
    let conflict = planted(i, BASE_TOPICS, 17);
    let uses_transfer = i % 4 == 3 || conflict;
    let sections = rng.range(3, 4);
    for k in 0..sections {
        let _ = writeln!(s, "  # {} {}", title(asp), k + 1);
        let _ = writeln!(s, "  {}", sentence(rng, 18));
        let f = non_transferring(n, rng.below(n.functions.len() as u32) as usize);
        let _ = writeln!(
            s,
            "  If the caller asks about their {subj}, call {{{{fn:{}}}}} and read back ${}.",
            n.functions[f],
            rng.pick(&n.vars)
        );
        let _ = writeln!(
            s,
            "  Mention {{{{attr:{}}}}} and offer to text {{{{twilio_sms:{}}}}} (value {{{{vrbl:{}}}}}).",
            rng.pick(&n.attrs),
            rng.pick(&n.sms),
            rng.pick(&n.vars)
        );
        if k == 0 && (!uses_transfer || conflict) {
            // Cycle through every handoff so none is unused.
            // Counting only topics that name handoffs, so every handoff is reached at any scale.
            let h = &n.handoffs[(i - (i + 1) / 4) % n.handoffs.len()];
            if planted(i, BASE_TOPICS, 18) {
                let _ = writeln!(s, "  If they want a person, transfer to <<ho:{h}>>.");
            } else {
                let _ = writeln!(s, "  If they want a person, transfer to {{{{ho:{h}}}}}.");
            }
        }
        if k == 0 && uses_transfer {
            let f = (i / 4) % (n.functions.len() / 5) * 5 + 4;
            let _ = writeln!(
                s,
                "  For anything the team must handle, call {{{{fn:{}}}}}.",
                n.functions[f]
            );
        }
        let _ = writeln!(s, "  {}", sentence(rng, 12));
    }
    if planted(i, BASE_TOPICS, 22) {
        s.push_str("  Escalations go to {{ho:front_dsk}}.\n");
    }
    if planted(i, BASE_TOPICS, 29) {
        s.push_str("  Then call {{fn:lookup_acount}}.\n");
    }
    if planted(i, BASE_TOPICS, 31) {
        s.push_str("  Read back $unassigned_total to the caller.\n");
    }
    s
}

fn decorators(rng: &mut Rng, s: &mut String, params: &[&str]) {
    if rng.chance(50) {
        let _ = writeln!(s, "@func_description(\"{}\")", sentence(rng, 12));
    } else {
        let _ = writeln!(
            s,
            "@func_description(\n    \"{} \"\n    \"{}\"\n)",
            sentence(rng, 10),
            sentence(rng, 10)
        );
    }
    for p in params {
        let _ = writeln!(
            s,
            "@func_parameter(\n    \"{p}\",\n    \"{}\",\n)",
            sentence(rng, 10)
        );
    }
}

fn function(rng: &mut Rng, n: &Names, i: usize) -> String {
    let name = &n.functions[i];
    let mut s = String::from("from _gen import *  # <AUTO GENERATED>\n\n");
    let _ = writeln!(
        s,
        "# Demo records; the live agent queries the back-office API instead.\n_RECORDS = {{\n    \"A-{i:05}\": {{\"status\": \"open\", \"total\": {}}},\n    \"B-{i:05}\": {{\"status\": \"closed\", \"total\": {}}},\n}}\n\n",
        rng.range(1, 900),
        rng.range(1, 900)
    );
    if !planted(i, BASE_FUNCTIONS, 6) {
        decorators(rng, &mut s, &["reference"]);
    } else {
        // Planted: no `@func_description` (SB406); the parameter is still described, as the
        // ADK requires of the header.
        s.push_str("@func_parameter(\"reference\", \"The reference the caller reads out\")\n");
    }
    if rng.chance(50) {
        let _ = writeln!(
            s,
            "def {name}(\n    conv: Conversation,\n    reference: str,\n):"
        );
    } else {
        let _ = writeln!(s, "def {name}(conv: Conversation, reference: str):");
    }
    let v1 = &n.vars[i * 2];
    let v2 = &n.vars[i * 2 + 1];
    let _ = writeln!(
        s,
        "    record = _RECORDS.get(reference)\n    if record is None:\n        conv.write_metric(\"LOOKUP_FAILED\")\n        return \"No record matches. Ask the caller to check the reference once.\"\n    conv.state.{v1} = record[\"status\"]\n    conv.state.{v2} = record[\"total\"]"
    );
    if n.is_transferring(i) {
        let dest = if planted(i, BASE_FUNCTIONS, 9) {
            "no_such_desk".to_string()
        } else {
            n.invite_handoff(i / 5).to_string()
        };
        let _ = writeln!(
            s,
            "    conv.call_handoff(\n        destination=\"{dest}\",\n        reason=\"{}\",\n    )",
            clean(name)
        );
    } else {
        let _ = writeln!(
            s,
            "    return f\"Found {{reference}}: {{record['status']}}. {}\"",
            sentence(rng, 8)
        );
    }
    s
}

fn start_function(n: &Names) -> String {
    let mut s = String::from(
        "from _gen import *  # <AUTO GENERATED>\n\n\ndef start_function(conv: Conversation):\n",
    );
    for v in n.vars.iter().take(8) {
        let _ = writeln!(s, "    conv.state.{v} = \"\"");
    }
    s
}

fn flow(rng: &mut Rng, n: &Names, f: usize, files: &mut Vec<(String, String)>) {
    let dir = format!("flows/{}", clean(&n.flows[f]));
    let steps = &n.steps[f];
    let trs = &n.transitions[f];
    let fstep = &n.function_steps[f];
    let start = if planted(f, BASE_FLOWS, 2) {
        "Collect Detials".to_string()
    } else {
        steps[0].clone()
    };
    files.push((
        format!("{dir}/flow_config.yaml"),
        format!(
            "name: {}\ndescription: {}\nstart_step: {start}\n",
            n.flows[f],
            sentence(rng, 14)
        ),
    ));
    let ents = [
        &n.entities[(f * 2) % n.entities.len()],
        &n.entities[(f * 2 + 1) % n.entities.len()],
    ];
    for (k, step) in steps.iter().enumerate() {
        let mut s;
        if k == 0 {
            s = format!(
                "step_type: default_step\nname: {step}\nconditions:\n  - name: details_collected\n    condition_type: step_condition\n    description: {}\n    required_entities:\n      - {}\n      - {}\n    child_step: {fstep}\n  - name: caller_wants_to_stop\n    condition_type: exit_flow_condition\n    description: The caller no longer wants to continue\n    required_entities: []\nextracted_entities:\n  - {}\n  - {}\nprompt: |-\n  # {}\n",
                sentence(rng, 10),
                ents[0],
                ents[1],
                ents[0],
                ents[1],
                step
            );
            for _ in 0..rng.range(2, 4) {
                let _ = writeln!(s, "  {}", sentence(rng, 16));
            }
            let _ = writeln!(
                s,
                "  So far: {{{{entity:{}}}}} and {{{{entity:{}}}}}; account ${}.\n  If the caller is upset, transfer to {{{{ho:{}}}}}.",
                ents[0],
                ents[1],
                rng.pick(&n.vars),
                n.handoffs[(f * 7) % n.handoffs.len()]
            );
            if planted(f, BASE_FLOWS, 5) {
                let _ = writeln!(
                    s,
                    "  Check it with {{{{fn:{}}}}}.",
                    n.functions[non_transferring(n, f % n.functions.len())]
                );
            }
        } else {
            s = format!("step_type: advanced_step\nname: {step}\nprompt: |-\n  ## {step}\n");
            for _ in 0..rng.range(2, 4) {
                let _ = writeln!(s, "  {}", sentence(rng, 16));
            }
            let _ = writeln!(
                s,
                "\n  - If they accept, call {{{{ft:{}}}}}.\n  - If not, call {{{{ft:{}}}}}.\n  - To escalate, call {{{{ft:{}}}}}.\n\n  Remind them of {{{{attr:{}}}}} and offer {{{{twilio_sms:{}}}}}; the value so far is {{{{entity:{}}}}}.",
                trs[0],
                trs[1],
                trs[2],
                rng.pick(&n.attrs),
                rng.pick(&n.sms),
                ents[k % 2]
            );
            if k == 2 {
                let g = non_transferring(n, (f * 3) % n.functions.len());
                let _ = writeln!(
                    s,
                    "  To look something up, call {{{{fn:{}}}}}.",
                    n.functions[g]
                );
            }
        }
        files.push((format!("{dir}/steps/{}.yaml", clean(step)), s));
    }
    for (t, tr) in trs.iter().enumerate() {
        let mut s = String::from("from _gen import *  # <AUTO GENERATED>\n\n\n");
        decorators(rng, &mut s, &[]);
        let _ = writeln!(s, "def {tr}(\n    conv: Conversation,\n    flow: Flow,\n):");
        let var = &n.vars[n.functions.len() * 2 + f * TRANSITIONS_PER_FLOW as usize + t];
        let target = if planted(f, BASE_FLOWS, 6) && t == 1 {
            "Wrap Upp".to_string()
        } else {
            steps[(t + 2) % steps.len()].clone()
        };
        let _ = writeln!(
            s,
            "    conv.state.{var} = \"{}\"\n    flow.goto_step(\"{target}\")\n    return \"{}\"",
            clean(tr),
            sentence(rng, 10)
        );
        files.push((format!("{dir}/functions/{tr}.py"), s));
    }
    let s = format!(
        "from _gen import *  # <AUTO GENERATED>\n\n\ndef {fstep}(conv: Conversation, flow: Flow):\n    value = conv.entities.{e}.value if conv.entities.{e} else \"\"\n    if not value:\n        flow.goto_step(\"{}\", \"Nothing to look up\")\n        return\n    flow.goto_step(\"{}\", \"Record found\")\n",
        steps[0],
        steps[1],
        e = ents[0]
    );
    files.push((format!("{dir}/function_steps/{fstep}.py"), s));
}
