//! Whether a language code is a well-formed BCP 47 tag, as the ADK's `langcodes` parses it
//! (`langcodes.tag_parser.parse_tag`, langcodes 3.5): the syntax only, not the registry. A tag
//! that does not parse is invalid to the ADK; one that parses may still name no registered
//! language (`jp`), which this does not know.

/// The grandfathered tags `parse_tag` takes whole (`EXCEPTIONS`).
const EXCEPTIONS: &[&str] = &[
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

/// Whether `parse_tag` reads `tag` without an error. `_` counts as `-` and case does not
/// matter, as in `langcodes`.
pub fn well_formed(tag: &str) -> bool {
    if !tag.is_ascii() {
        return false;
    }
    let tag = tag.to_ascii_lowercase().replace('_', "-");
    if EXCEPTIONS.contains(&tag.as_str()) {
        return true;
    }
    let subtags: Vec<&str> = tag.split('-').collect();
    if subtags
        .iter()
        .any(|s| s.is_empty() || s.len() > 8 || !s.bytes().all(|b| b.is_ascii_alphanumeric()))
    {
        return false;
    }
    if subtags[0] == "x" {
        return subtags.len() > 1;
    }
    if !(2..=4).contains(&subtags[0].len()) {
        return false;
    }
    rest(&subtags[1..], EXTLANG)
}

fn alpha(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_alphabetic())
}

fn digits(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_digit())
}

/// `parse_subtags`: what follows the language.
fn rest(subtags: &[&str], expect: u8) -> bool {
    let Some(&s) = subtags.first() else {
        return true;
    };
    let kind = match s.len() {
        1 => return extension(subtags),
        2 if alpha(s) => TERRITORY,
        3 if alpha(s) => {
            if expect > EXTLANG {
                return false;
            }
            return extlang(subtags);
        }
        3 if digits(s) => TERRITORY,
        4 if alpha(s) => SCRIPT,
        4 if s.as_bytes()[0].is_ascii_digit() => VARIANT,
        2..=4 => return false,
        _ => VARIANT,
    };
    if kind < expect {
        return false;
    }
    let next = if kind == SCRIPT || kind == TERRITORY {
        kind + 1
    } else {
        kind
    };
    rest(&subtags[1..], next)
}

/// `parse_extlang`: up to three three-letter subtags, then a script or later.
fn extlang(subtags: &[&str]) -> bool {
    let mut i = 0;
    while i < subtags.len() && subtags[i].len() == 3 && i < 3 {
        i += 1;
    }
    rest(&subtags[i..], SCRIPT)
}

/// `parse_extension`: a singleton and what follows it, up to the next singleton.
fn extension(subtags: &[&str]) -> bool {
    if subtags.len() == 1 {
        return false;
    }
    if subtags[0] == "x" {
        return true;
    }
    let mut boundary = 1;
    while boundary < subtags.len() && subtags[boundary].len() != 1 {
        boundary += 1;
    }
    if boundary == 1 {
        return false;
    }
    rest(&subtags[boundary..], EXTENSION)
}

#[cfg(test)]
mod tests {
    use super::well_formed;

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
}
