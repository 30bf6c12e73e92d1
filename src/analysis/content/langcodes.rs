//! Whether a language code is valid as the ADK finds it: `langcodes.tag_is_valid` (langcodes
//! 3.5.1), that is `Language.get` (the tag parsed by `bcp47.rs`, then deprecated codes,
//! extended languages and regions replaced) and `Language.is_valid` (each language, script,
//! region and variant subtag registered, at most one extended language, no subtag or extension
//! twice), against the registry data in `langcodes_data.txt` beside this file.

use std::collections::HashMap;
use std::sync::OnceLock;

use regex::Regex;

use super::bcp47::{self, Part};

/// The data file, written by `scripts/update-langcodes-data.py` from the installed package.
const DATA: &str = include_str!("langcodes_data.txt");

/// The registry data of `langcodes.data_dicts`.
struct Data {
    /// `VALIDITY`: the subtags with a meaning assigned (languages lower case, scripts in title
    /// case, regions upper case, variants lower case).
    validity: Regex,
    /// `ALL_SCRIPTS`: scripts valid though `VALIDITY` lacks them (`Cyrs`).
    scripts: Vec<&'static str>,
    /// `tag_parser.EXCEPTIONS`, to check `bcp47.rs` against.
    #[cfg_attr(not(test), allow(dead_code))]
    exceptions: Vec<&'static str>,
    /// `LANGUAGE_REPLACEMENTS`: a whole tag, a language or a language and extended language
    /// (lower case) to the tag it stands for (`iw` → `he`, `sh` → `sr-Latn`).
    languages: HashMap<&'static str, &'static str>,
    /// `TERRITORY_REPLACEMENTS`: a region (lower case) to the region it stands for (`uk` → `GB`).
    territories: HashMap<&'static str, &'static str>,
}

fn data() -> &'static Data {
    static DATA_: OnceLock<Data> = OnceLock::new();
    DATA_.get_or_init(|| {
        let mut section = "";
        let mut validity = "";
        let mut d = Data {
            validity: Regex::new("^$").expect("a pattern"),
            scripts: Vec::new(),
            exceptions: Vec::new(),
            languages: HashMap::new(),
            territories: HashMap::new(),
        };
        for line in DATA.lines() {
            if line.starts_with('#') || line.is_empty() {
                continue;
            }
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                section = name;
                continue;
            }
            let mut pair = line.splitn(2, ' ');
            let (key, value) = (pair.next().unwrap_or(""), pair.next().unwrap_or(""));
            match section {
                "validity" => validity = line,
                "scripts" => d.scripts.extend(line.split(' ')),
                "exceptions" => d.exceptions.extend(line.split(' ')),
                "languages" => {
                    d.languages.insert(key, value);
                }
                "territories" => {
                    d.territories.insert(key, value);
                }
                _ => {}
            }
        }
        // The pattern is Python's, `^(a|b|…)$`; every alternative is letters, digits and
        // classes such as `[a-i]`, which the `regex` crate reads alike. `$` differs only
        // before a final line break, which no subtag holds.
        d.validity = Regex::new(validity).expect("the VALIDITY pattern of langcodes");
        d
    })
}

/// `Language`: the attributes `Language.get` gives a tag.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
struct Language {
    language: Option<String>,
    extlangs: Vec<String>,
    script: Option<String>,
    territory: Option<String>,
    variants: Vec<String>,
    extensions: Vec<String>,
    private: Option<String>,
}

impl Language {
    /// `data.update(other.to_dict())`: every attribute `other` has replaces this one's.
    fn update(&mut self, other: Language) {
        fn set<T>(slot: &mut Option<T>, v: Option<T>) {
            if v.is_some() {
                *slot = v;
            }
        }
        fn set_all(slot: &mut Vec<String>, v: Vec<String>) {
            if !v.is_empty() {
                *slot = v;
            }
        }
        set(&mut self.language, other.language);
        set_all(&mut self.extlangs, other.extlangs);
        set(&mut self.script, other.script);
        set(&mut self.territory, other.territory);
        set_all(&mut self.variants, other.variants);
        set_all(&mut self.extensions, other.extensions);
        set(&mut self.private, other.private);
    }
}

/// Why `tag_is_valid` is false for a tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Invalid {
    /// `parse_tag` raises: the tag is no well-formed BCP 47 tag.
    Syntax,
    /// A subtag (as `Language.get` normalised it) that the registry does not have.
    Unregistered(Kind, String),
    /// More than one extended language subtag (`sgn-ase-bfi`).
    Extlangs(Vec<String>),
    /// A subtag twice, or two extensions of one singleton (then `a-`).
    Twice(String),
}

/// What an unregistered subtag is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Language,
    Script,
    Region,
    Variant,
}

impl Kind {
    pub fn noun(self) -> &'static str {
        match self {
            Kind::Language => "language",
            Kind::Script => "script",
            Kind::Region => "region",
            Kind::Variant => "variant",
        }
    }
}

/// `langcodes.tag_is_valid(tag)`, with the reason when it is false.
pub fn check(tag: &str) -> Result<(), Invalid> {
    let lang = get(tag, 0).ok_or(Invalid::Syntax)?;
    is_valid(&lang)
}

/// `Language.get(tag)` (normalising), or `None` where it raises `LanguageTagError`. `depth`
/// bounds the replacements of replacements (langcodes' data nests one deep: `mol` → `mo` →
/// `ro`).
fn get(tag: &str, depth: u8) -> Option<Language> {
    if depth > 8 {
        return None;
    }
    let d = data();
    // The whole tag may be one to replace (`i-klingon`, `en-gb-oed`), compared lower case as
    // Python lowers it: the one character outside ASCII that lowers into it is the Kelvin sign.
    let replaced = python_lower(tag).and_then(|t| d.languages.get(t.as_str()).copied());
    let parts = bcp47::parse(replaced.unwrap_or(tag))?;
    let mut lang = Language::default();
    for part in parts {
        match part {
            Part::Extlang(v) if lang.language.is_some() => {
                let minitag = format!("{}-{v}", lang.language.as_deref().unwrap_or_default());
                match d.languages.get(bcp47::normalize(&minitag).as_str()) {
                    Some(norm) => lang.update(get(norm, depth + 1)?),
                    None => lang.extlangs.push(v),
                }
            }
            Part::Extlang(v) => lang.extlangs.push(v),
            Part::Variant(v) => lang.variants.push(v),
            Part::Extension(v) => lang.extensions.push(v),
            Part::Language(v) => {
                if v == "und" {
                } else if let Some(r) = d.languages.get(v.as_str()) {
                    lang.update(get(r, depth + 1)?);
                } else {
                    lang.language = Some(v);
                }
            }
            Part::Territory(v) => {
                let r = d.territories.get(v.to_ascii_lowercase().as_str());
                lang.territory = Some(r.map_or(v, |r| r.to_string()));
            }
            Part::Grandfathered(v) => lang.language = Some(v),
            Part::Script(v) => lang.script = Some(v),
            Part::Private(v) => lang.private = Some(v),
        }
    }
    Some(lang)
}

/// `normalize_characters(tag)` (`tag.lower().replace('_', '-')`) where the result is ASCII,
/// as every key of the replacements is; `None` where it cannot be.
fn python_lower(tag: &str) -> Option<String> {
    tag.chars()
        .map(|c| match c {
            '_' => Some('-'),
            '\u{212A}' => Some('k'),
            c if c.is_ascii() => Some(c.to_ascii_lowercase()),
            _ => None,
        })
        .collect()
}

/// `Language.is_valid`.
fn is_valid(lang: &Language) -> Result<(), Invalid> {
    let d = data();
    if lang.extlangs.len() > 1 {
        return Err(Invalid::Extlangs(lang.extlangs.clone()));
    }
    let mut checked: Vec<&str> = Vec::new();
    let subtags = [
        (Kind::Language, lang.language.as_deref()),
        (Kind::Script, lang.script.as_deref()),
        (Kind::Region, lang.territory.as_deref()),
    ]
    .into_iter()
    .chain(
        lang.variants
            .iter()
            .map(|v| (Kind::Variant, Some(v.as_str()))),
    );
    for (kind, subtag) in subtags {
        let Some(s) = subtag else { continue };
        checked.push(s);
        if !s.starts_with("x-") && !d.validity.is_match(s) && !d.scripts.contains(&s) {
            return Err(Invalid::Unregistered(kind, s.to_string()));
        }
    }
    checked.extend(lang.extensions.iter().map(|e| e.get(..2).unwrap_or(e)));
    for (i, s) in checked.iter().enumerate() {
        if checked[..i].contains(s) {
            return Err(Invalid::Twice(s.to_string()));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{Invalid, Kind, check, data};

    /// Every tag of the table `scripts/update-langcodes-data.py --cases` wrote by running
    /// langcodes 3.5.1's `tag_is_valid`, with its answer.
    #[test]
    fn as_langcodes_tag_is_valid() {
        let table = include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/langcodes/tag_is_valid.tsv"
        ));
        let mut wrong = Vec::new();
        let mut rows = 0;
        for line in table.lines().filter(|l| !l.starts_with('#')) {
            let (tag, answer) = line.split_once('\t').expect("a tag and an answer");
            let tag: String = serde_json::from_str(tag).expect("a JSON string");
            let valid = match answer {
                "valid" => true,
                "invalid" => false,
                other => panic!("{other}"),
            };
            rows += 1;
            if check(&tag).is_ok() != valid {
                let why = check(&tag);
                wrong.push((tag, valid, why));
            }
        }
        assert!(rows > 500, "{rows}");
        assert!(wrong.is_empty(), "{wrong:#?}");
    }

    #[test]
    fn reasons() {
        let un = |k, s: &str| Err(Invalid::Unregistered(k, s.to_string()));
        assert_eq!(check("jp"), un(Kind::Language, "jp"));
        assert_eq!(check("jp-JP"), un(Kind::Language, "jp"));
        assert_eq!(check("en-Latx"), un(Kind::Script, "Latx"));
        assert_eq!(check("en-EN"), un(Kind::Region, "EN"));
        assert_eq!(check("en-GB-oxenfree"), un(Kind::Variant, "oxenfree"));
        assert_eq!(check("de-1901-1901"), Err(Invalid::Twice("1901".into())));
        assert_eq!(check("en-a-bbb-a-ddd"), Err(Invalid::Twice("a-".into())));
        assert_eq!(
            check("sgn-ase-bfi"),
            Err(Invalid::Extlangs(vec!["ase".into(), "bfi".into()]))
        );
        assert_eq!(check("en--US"), Err(Invalid::Syntax));
        for ok in [
            "en-UK",
            "eng",
            "iw",
            "mo",
            "sh-QU",
            "und",
            "x-heptapod",
            "zh-min",
        ] {
            assert_eq!(check(ok), Ok(()), "{ok}");
        }
    }

    /// The grandfathered tags `bcp47.rs` takes whole are those of the data file.
    #[test]
    fn the_exceptions_agree() {
        let mut ours = super::bcp47::EXCEPTIONS.to_vec();
        ours.sort_unstable();
        assert_eq!(ours, data().exceptions);
    }
}
