//! The rule registry: gathers the rules that each family declares into one table in code order,
//! and looks rules up by code or name.
//!
//! A family declares its rules with `declare_rules!`, once, in its own `rules.rs`: each rule's
//! code, name, default severity, one-line summary and long documentation ([`RuleDoc`]) stand in
//! one entry. The macro emits the `Code::SB201`-style constants and the family's `RULES` table;
//! `FAMILIES` lists those tables, one line per family, and [`RULES`] is their concatenation,
//! built at compile time (a code out of order or declared twice stops the build).
//!
//! The families and their files, each beside the checks of its family:
//! * SB0xx reading files: `src/project/rules.rs` (checked while loading);
//! * SB1xx handoff definitions: `src/analysis/handoffs/rules.rs`;
//! * SB2xx references in text: `src/analysis/references/rules.rs`;
//! * SB3xx transfers: `src/analysis/transfers/rules.rs`;
//! * SB401–SB417 names across the project: `src/analysis/names/rules.rs`;
//! * SB418–SB429 values of steps and functions: `src/analysis/steps/rules.rs`;
//! * SB430–SB449 the controls (guardrails, latency control, phrase filters, MCP servers, API
//!   integrations): `src/analysis/controls/rules.rs`;
//! * SB450–SB469 child topics, the test suite, languages and translations:
//!   `src/analysis/content/rules.rs`;
//! * SB470–SB489 the settings files' shape: `src/analysis/settings/rules.rs`.
//!
//! Those files are modules of this registry (`#[path]`), not of the layers whose folders hold
//! them: a declaration is data that depends on the diagnostics alone, so the registry imports no
//! layer above it and no layer imports the other back.

use super::Severity;
use std::fmt;

/// A stable rule code, `SB201`. See `../shared/spec/RULES.md` and `docs/rules.md`.
///
/// The constants (`Code::SB201`) are declared by the families with `declare_rules!`; codes
/// order by number, which is the order of [`RULES`]. `{:?}` prints the code as written
/// (`SB201`).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Code(u16);

impl Code {
    /// The code written `text` (`"SB201"`), for [`declare_rules!`]: `SB` and three digits, or the
    /// build stops.
    pub(crate) const fn declare(text: &str) -> Code {
        let b = text.as_bytes();
        assert!(
            b.len() == 5 && b[0] == b'S' && b[1] == b'B',
            "a rule code is `SB` and three digits"
        );
        let mut number = 0u16;
        let mut i = 2;
        while i < 5 {
            assert!(
                b[i].is_ascii_digit(),
                "a rule code is `SB` and three digits"
            );
            number = number * 10 + (b[i] - b'0') as u16;
            i += 1;
        }
        Code(number)
    }
    /// The rule's registry entry.
    pub fn meta(self) -> &'static Rule {
        &RULES[self.index()]
    }
    /// The rule's long documentation.
    pub fn doc(self) -> &'static RuleDoc {
        &self.meta().doc
    }
    /// The rule's position in [`RULES`] (SARIF's `ruleIndex`).
    pub fn index(self) -> usize {
        usize::from(POSITIONS[usize::from(self.0)])
    }
    pub fn as_str(self) -> &'static str {
        // Written by the declaration from the constant's own name, so it can never drift.
        self.meta().code_text
    }
    pub fn name(self) -> &'static str {
        self.meta().name
    }
    pub fn default_severity(self) -> Severity {
        self.meta().severity
    }
    /// Look a rule up by code (`SB201`, case-insensitive) or name (`unknown-handoff`).
    pub fn lookup(s: &str) -> Option<Code> {
        let s = s.trim();
        RULES
            .iter()
            .find(|r| r.code.as_str().eq_ignore_ascii_case(s) || r.name.eq_ignore_ascii_case(s))
            .map(|r| r.code)
    }
    pub fn all() -> impl Iterator<Item = Code> {
        RULES.iter().map(|r| r.code)
    }
}

impl fmt::Debug for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SB{:03}", self.0)
    }
}

/// One rule as its family declares it: the registry row and the documentation.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    pub code: Code,
    /// The code as written in the declaration (`"SB201"`), returned by [`Code::as_str`].
    pub(crate) code_text: &'static str,
    pub name: &'static str,
    /// Default severity (users may override it in `switchboard.toml`).
    pub severity: Severity,
    /// One line: when the rule fires.
    pub summary: &'static str,
    /// The long documentation.
    pub doc: RuleDoc,
}

/// The long documentation of one rule. The text conventions the renderers rely on are in
/// [`super::pages`].
#[derive(Debug, Clone, Copy)]
pub struct RuleDoc {
    /// What the rule checks, precisely.
    pub what: &'static str,
    /// What goes wrong at run time (or in review) if the finding is ignored.
    pub why: &'static str,
    /// One or more files from a realistic project that trigger the rule (see [`super::pages`]).
    pub example: &'static str,
    /// How to fix it, including the automatic fix when switchboard offers one.
    pub fix: &'static str,
    /// The example's files after the fix, in the same layout: the rule must not fire on them.
    /// Not rendered; `tests/docs.rs` checks that `example` fires and `clean` does not.
    pub clean: &'static str,
}

/// Declares a family's rules, in code order: the `Code` constants and the family's
/// `pub const RULES: &[Rule]`, which [`FAMILIES`] then lists. Used once per family file:
///
/// ```ignore
/// crate::diagnostics::declare_rules! {
///     SB201 {
///         name: "unknown-handoff",
///         severity: Error,
///         summary: "`{{ho:x}}` / `<<ho:x>>` with no such handoff",
///         what: "Reports a handoff reference ...",
///         why: "...",
///         example: r#"# topics/billing.yaml
/// ...
/// "#,
///         fix: "...",
///         clean: r#"# topics/billing.yaml
/// ...
/// "#,
///     }
/// }
/// ```
macro_rules! declare_rules {
    ($(
        $code:ident {
            name: $name:literal,
            severity: $severity:ident,
            summary: $summary:literal,
            what: $what:literal,
            why: $why:literal,
            example: $example:literal,
            fix: $fix:literal,
            clean: $clean:literal $(,)?
        }
    )*) => {
        impl $crate::diagnostics::Code {
            $(
                #[doc = concat!("`", stringify!($code), "` ", $name, ": ", $summary)]
                pub const $code: $crate::diagnostics::Code =
                    $crate::diagnostics::Code::declare(stringify!($code));
            )*
        }

        /// This family's rules in code order, as declared here; the registry gathers them.
        pub const RULES: &[$crate::diagnostics::Rule] = &[$(
            $crate::diagnostics::Rule {
                code: $crate::diagnostics::Code::$code,
                code_text: stringify!($code),
                name: $name,
                severity: $crate::diagnostics::Severity::$severity,
                summary: $summary,
                doc: $crate::diagnostics::RuleDoc {
                    what: $what,
                    why: $why,
                    example: $example,
                    fix: $fix,
                    clean: $clean,
                },
            },
        )*];
    };
}
pub(crate) use declare_rules;

#[path = "../analysis/content/rules.rs"]
mod content;
#[path = "../analysis/controls/rules.rs"]
mod controls;
#[path = "../analysis/handoffs/rules.rs"]
mod handoffs;
#[path = "../analysis/names/rules.rs"]
mod names;
#[path = "../project/rules.rs"]
mod reading;
#[path = "../analysis/references/rules.rs"]
mod references;
#[path = "../analysis/settings/rules.rs"]
mod settings;
#[path = "../analysis/steps/rules.rs"]
mod steps;
#[path = "../analysis/transfers/rules.rs"]
mod transfers;

/// Every family's table, in code order: one line per family.
const FAMILIES: &[&[Rule]] = &[
    reading::RULES,
    handoffs::RULES,
    references::RULES,
    transfers::RULES,
    names::RULES,
    steps::RULES,
    controls::RULES,
    content::RULES,
    settings::RULES,
];

/// How many rules there are.
const COUNT: usize = {
    let mut n = 0;
    let mut i = 0;
    while i < FAMILIES.len() {
        n += FAMILIES[i].len();
        i += 1;
    }
    n
};

/// The families' tables one after the other; each code must be greater than the one before.
// A `const`, not a `static`: `LAST` and `POSITIONS` are computed from it at compile time; it is
// copied once, into `TABLE`.
#[allow(clippy::large_const_arrays)]
const GATHERED: [Rule; COUNT] = {
    let mut all = [FAMILIES[0][0]; COUNT];
    let mut k = 0;
    let mut i = 0;
    while i < FAMILIES.len() {
        let mut j = 0;
        while j < FAMILIES[i].len() {
            let rule = FAMILIES[i][j];
            assert!(
                k == 0 || all[k - 1].code.0 < rule.code.0,
                "rules must be declared in code order, each code once"
            );
            all[k] = rule;
            k += 1;
            j += 1;
        }
        i += 1;
    }
    all
};

static TABLE: [Rule; COUNT] = GATHERED;

/// Every rule, in code order.
pub static RULES: &[Rule] = &TABLE;

/// The highest code number.
const LAST: usize = GATHERED[COUNT - 1].code.0 as usize;

/// For each code number, the position of its rule in [`RULES`] (`u8::MAX` for no rule).
static POSITIONS: [u8; LAST + 1] = {
    assert!(COUNT < u8::MAX as usize, "positions are bytes");
    let mut positions = [u8::MAX; LAST + 1];
    let mut k = 0;
    while k < COUNT {
        positions[GATHERED[k].code.0 as usize] = k as u8;
        k += 1;
    }
    positions
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registry_is_in_enum_order_and_unique() {
        for (i, r) in RULES.iter().enumerate() {
            assert_eq!(r.code.index(), i);
            assert_eq!(format!("{:?}", r.code), r.code.as_str());
        }
        let mut names: Vec<_> = RULES.iter().map(|r| r.name).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), RULES.len());
        assert_eq!(Code::lookup("unknown-handoff"), Some(Code::SB201));
        assert_eq!(Code::lookup("sb201"), Some(Code::SB201));
        assert_eq!(Code::lookup("nope"), None);
    }

    #[test]
    fn codes_order_by_number_and_match_as_patterns() {
        assert!(Code::SB010 < Code::SB101 && Code::SB101 < Code::SB201);
        assert_eq!(format!("{:?}", Code::SB010), "SB010");
        assert_eq!(Code::SB001.index(), 0);
        assert_eq!(Code::all().count(), RULES.len());
        let family = |c: Code| match c {
            Code::SB001 | Code::SB002 => "reading",
            Code::SB201 => "references",
            _ => "other",
        };
        assert_eq!(family(Code::SB002), "reading");
        assert_eq!(family(Code::SB201), "references");
        assert_eq!(family(Code::SB411), "other");
    }
}
