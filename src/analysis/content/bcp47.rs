//! The syntax of a language tag as the ADK's `langcodes` parses it
//! (`langcodes.tag_parser.parse_tag`, langcodes 3.5.1): the subtags of a tag and what each is,
//! or `None` where `parse_tag` raises. Whether the subtags are registered is `langcodes.rs`.

/// A subtag, as `parse_tag` names and writes it: lower case, but a script in title case
/// (`Latn`) and a region in upper case (`GB`). `Language` is the whole tag when it is private
/// use (`x-heptapod`); an extension is its singleton and what follows (`u-co-phonebk`); private
/// use after the language is `x-` and the rest of the tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    Language(String),
    Extlang(String),
    Script(String),
    Territory(String),
    Variant(String),
    Extension(String),
    Private(String),
    /// One of `EXCEPTIONS`, taken whole (lower case).
    Grandfathered(String),
}

/// The grandfathered tags `parse_tag` takes whole (`EXCEPTIONS`).
pub const EXCEPTIONS: &[&str] = &[
    "art-lojban",
    "cel-gaulish",
    "en-gb-oed",
    "i-ami",
    "i-bnn",
    "i-default",
    "i-enochian",
    "i-hak",
    "i-klingon",
    "i-lux",
    "i-mingo",
    "i-navajo",
    "i-pwn",
    "i-tao",
    "i-tay",
    "i-tsu",
    "no-bok",
    "no-nyn",
    "sgn-be-fr",
    "sgn-be-nl",
    "sgn-ch-de",
    "zh-guoyu",
    "zh-hakka",
    "zh-min",
    "zh-min-nan",
    "zh-xiang",
];

/// The order subtags must come in (`EXTLANG, SCRIPT, TERRITORY, VARIANT, EXTENSION`).
const EXTLANG: u8 = 0;
const SCRIPT: u8 = 1;
const TERRITORY: u8 = 2;
const VARIANT: u8 = 3;
const EXTENSION: u8 = 4;

/// `normalize_characters`: lower case, `_` as `-` (ASCII only: `parse` refuses anything else).
pub fn normalize(tag: &str) -> String {
    tag.to_ascii_lowercase().replace('_', "-")
}

/// `parse_tag`: the parts of `tag`, or `None` where `parse_tag` raises `LanguageTagError`.
/// `_` counts as `-` and case does not matter.
pub fn parse(tag: &str) -> Option<Vec<Part>> {
    if !tag.is_ascii() {
        return None;
    }
    let tag = normalize(tag);
    if EXCEPTIONS.contains(&tag.as_str()) {
        return Some(vec![Part::Grandfathered(tag)]);
    }
    let subtags: Vec<&str> = tag.split('-').collect();
    if subtags
        .iter()
        .any(|s| s.is_empty() || s.len() > 8 || !s.bytes().all(|b| b.is_ascii_alphanumeric()))
    {
        return None;
    }
    if subtags[0] == "x" {
        return (subtags.len() > 1).then(|| vec![Part::Language(tag.clone())]);
    }
    if !(2..=4).contains(&subtags[0].len()) {
        return None;
    }
    let mut out = vec![Part::Language(subtags[0].to_string())];
    rest(&subtags[1..], EXTLANG, &mut out)?;
    Some(out)
}

fn alpha(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_alphabetic())
}

fn digits(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_digit())
}

/// `str.title()` of a four-letter script subtag.
fn title(s: &str) -> String {
    let mut t = s.to_string();
    t[..1].make_ascii_uppercase();
    t
}

/// `parse_subtags`: what follows the language.
fn rest(subtags: &[&str], expect: u8, out: &mut Vec<Part>) -> Option<()> {
    let Some(&s) = subtags.first() else {
        return Some(());
    };
    let kind = match s.len() {
        1 => return extension(subtags, out),
        2 if alpha(s) => TERRITORY,
        3 if alpha(s) => {
            if expect > EXTLANG {
                return None;
            }
            return extlang(subtags, out);
        }
        3 if digits(s) => TERRITORY,
        4 if alpha(s) => SCRIPT,
        4 if s.as_bytes()[0].is_ascii_digit() => VARIANT,
        2..=4 => return None,
        _ => VARIANT,
    };
    if kind < expect {
        return None;
    }
    let next = if kind == SCRIPT || kind == TERRITORY {
        kind + 1
    } else {
        kind
    };
    out.push(match kind {
        SCRIPT => Part::Script(title(s)),
        TERRITORY => Part::Territory(s.to_ascii_uppercase()),
        _ => Part::Variant(s.to_string()),
    });
    rest(&subtags[1..], next, out)
}

/// `parse_extlang`: up to three three-letter subtags, then a script or later.
fn extlang(subtags: &[&str], out: &mut Vec<Part>) -> Option<()> {
    let mut i = 0;
    while i < subtags.len() && subtags[i].len() == 3 && i < 3 {
        out.push(Part::Extlang(subtags[i].to_string()));
        i += 1;
    }
    rest(&subtags[i..], SCRIPT, out)
}

/// `parse_extension`: a singleton and what follows it, up to the next singleton; `x` takes
/// the rest of the tag as private use.
fn extension(subtags: &[&str], out: &mut Vec<Part>) -> Option<()> {
    if subtags.len() == 1 {
        return None;
    }
    if subtags[0] == "x" {
        out.push(Part::Private(subtags.join("-")));
        return Some(());
    }
    let mut boundary = 1;
    while boundary < subtags.len() && subtags[boundary].len() != 1 {
        boundary += 1;
    }
    if boundary == 1 {
        return None;
    }
    out.push(Part::Extension(subtags[..boundary].join("-")));
    rest(&subtags[boundary..], EXTENSION, out)
}

#[cfg(test)]
mod tests {
    use super::{Part, parse};

    fn well_formed(tag: &str) -> bool {
        parse(tag).is_some()
    }

    /// The answers of `langcodes.tag_parser.parse_tag` (langcodes 3.5, in polyai-adk 0.73.2's
    /// environment): whether it reads the tag without an error.
    #[test]
    fn as_langcodes_parses() {
        for ok in [
            "en-US",
            "en_US",
            "EN-us",
            "jp",
            "en-USA",
            "x-foo",
            "i-klingon",
            "zh-min-nan",
            "en-Latn-US-x-a",
            "zh-yue-HK",
            "de-1901",
            "es-419",
            "en-a-bbb-c-ddd",
            "sr-Latn-RS",
            "123",
        ] {
            assert!(well_formed(ok), "{ok}");
        }
        for bad in [
            "",
            "en-",
            "en--US",
            "e",
            "en-u",
            "en-a-b",
            "C.UTF-8",
            "english",
            "en-US-Latn",
            "spa-MX-Latn",
            "fr-FR ",
            "ça",
            "x",
            "en-123456789",
        ] {
            assert!(!well_formed(bad), "{bad}");
        }
    }

    /// What `parse_tag` returns, written as it writes the parts.
    #[test]
    fn parts_as_langcodes_names_them() {
        use Part::*;
        let s = |x: &str| x.to_string();
        assert_eq!(
            parse("ZH-hant_tw"),
            Some(vec![
                Language(s("zh")),
                Script(s("Hant")),
                Territory(s("TW"))
            ])
        );
        assert_eq!(
            parse("en-u-co-backward-x-pig-latin"),
            Some(vec![
                Language(s("en")),
                Extension(s("u-co-backward")),
                Private(s("x-pig-latin"))
            ])
        );
        assert_eq!(
            parse("zh-yue-Hant"),
            Some(vec![
                Language(s("zh")),
                Extlang(s("yue")),
                Script(s("Hant"))
            ])
        );
        assert_eq!(parse("X-Dothraki"), Some(vec![Language(s("x-dothraki"))]));
        assert_eq!(
            parse("zh-min-nan"),
            Some(vec![Grandfathered(s("zh-min-nan"))])
        );
        assert_eq!(
            parse("de-DE-1901"),
            Some(vec![
                Language(s("de")),
                Territory(s("DE")),
                Variant(s("1901"))
            ])
        );
    }
}
