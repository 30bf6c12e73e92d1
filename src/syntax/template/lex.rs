//! The template lexer: a hand-written byte lexer over a handful of token classes, with its byte
//! classes.

use std::ops::Range;

/// The token classes. A `logos` lexer over these patterns came first; the hand-written one below
/// gives the same tokens (a test in this module compares them on random text) and took a third
/// of the instructions: a reference costs five or six tokens, and the generated lexer's set-up
/// per token outweighed its matching.
///
/// | token | pattern |
/// |---|---|
/// | `LBraces` / `RBraces` | `\{+` / `\}+` |
/// | `LAngles` / `RAngles` | `<+` / `>+` |
/// | `Dollar`, `Dot`, `LParen`, `RParen` | `$`, `.`, `(`, `)` |
/// | `Newline` | `\r\n`, `\n` or `\r` |
/// | `Ident` | `[A-Za-z_][A-Za-z0-9_]*` |
/// | `Text` | `[^{}<>$.()\r\nA-Za-z_]+` (digits and every non-ASCII character included) |
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Tok {
    LBraces,
    RBraces,
    LAngles,
    RAngles,
    Dollar,
    Dot,
    LParen,
    RParen,
    Newline,
    Ident,
    Text,
}

/// Byte classes for the lexer's runs: a byte that ends a `Text` token (the other tokens' first
/// bytes, all ASCII, so a `Text` token always ends on a char boundary), and a byte that continues
/// an identifier.
const ENDS_TEXT: u8 = 1;
const IDENT: u8 = 2;
const CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        let alpha = b.is_ascii_alphabetic() || b == b'_';
        if alpha
            || matches!(
                b,
                b'{' | b'}' | b'<' | b'>' | b'$' | b'.' | b'(' | b')' | b'\r' | b'\n'
            )
        {
            t[c] |= ENDS_TEXT;
        }
        if alpha || b.is_ascii_digit() {
            t[c] |= IDENT;
        }
        c += 1;
    }
    t
};

/// The end of the run of bytes from `from` that `keep` accepts.
#[inline]
fn run_end(b: &[u8], from: usize, keep: impl Fn(u8) -> bool) -> usize {
    let mut e = from;
    while e < b.len() && keep(b[e]) {
        e += 1;
    }
    e
}

/// The token starting at byte `pos` (which is always a char boundary: the start of the text or
/// the end of a previous token), with its range in `text`.
pub(super) fn tok_at(text: &str, pos: usize) -> Option<(Tok, Range<usize>)> {
    if !text.is_char_boundary(pos) {
        return None;
    }
    let b = text.as_bytes();
    let &c = b.get(pos)?;
    let next = pos + 1;
    let (tok, end) = match c {
        b'{' => (Tok::LBraces, run_end(b, next, |x| x == b'{')),
        b'}' => (Tok::RBraces, run_end(b, next, |x| x == b'}')),
        b'<' => (Tok::LAngles, run_end(b, next, |x| x == b'<')),
        b'>' => (Tok::RAngles, run_end(b, next, |x| x == b'>')),
        b'$' => (Tok::Dollar, next),
        b'.' => (Tok::Dot, next),
        b'(' => (Tok::LParen, next),
        b')' => (Tok::RParen, next),
        b'\n' => (Tok::Newline, next),
        b'\r' if b.get(next) == Some(&b'\n') => (Tok::Newline, pos + 2),
        b'\r' => (Tok::Newline, next),
        c if c.is_ascii_alphabetic() || c == b'_' => (
            Tok::Ident,
            run_end(b, next, |x| CLASS[x as usize] & IDENT != 0),
        ),
        _ => (
            Tok::Text,
            run_end(b, next, |x| CLASS[x as usize] & ENDS_TEXT == 0),
        ),
    };
    Some((tok, pos..end))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The `logos` lexer the hand-written one replaced, as the reference for its tokens.
    #[derive(logos::Logos, Clone, Copy, Debug, PartialEq, Eq)]
    enum LogosTok {
        #[regex(r"\{+")]
        LBraces,
        #[regex(r"\}+")]
        RBraces,
        #[regex(r"<+")]
        LAngles,
        #[regex(r">+")]
        RAngles,
        #[token("$")]
        Dollar,
        #[token(".")]
        Dot,
        #[token("(")]
        LParen,
        #[token(")")]
        RParen,
        #[regex(r"\r\n|\n|\r")]
        Newline,
        #[regex(r"[A-Za-z_][A-Za-z0-9_]*")]
        Ident,
        #[regex(r"[^{}<>$.()\r\nA-Za-z_]+")]
        Text,
    }

    fn logos_tokens(text: &str) -> Vec<(Tok, Range<usize>)> {
        use logos::Logos;
        let mut lex = LogosTok::lexer(text);
        let mut out = Vec::new();
        while let Some(t) = lex.next() {
            let tok = match t.expect("every character is some token") {
                LogosTok::LBraces => Tok::LBraces,
                LogosTok::RBraces => Tok::RBraces,
                LogosTok::LAngles => Tok::LAngles,
                LogosTok::RAngles => Tok::RAngles,
                LogosTok::Dollar => Tok::Dollar,
                LogosTok::Dot => Tok::Dot,
                LogosTok::LParen => Tok::LParen,
                LogosTok::RParen => Tok::RParen,
                LogosTok::Newline => Tok::Newline,
                LogosTok::Ident => Tok::Ident,
                LogosTok::Text => Tok::Text,
            };
            out.push((tok, lex.span()));
        }
        out
    }

    fn hand_tokens(text: &str) -> Vec<(Tok, Range<usize>)> {
        let mut out = Vec::new();
        let mut pos = 0;
        while let Some((tok, r)) = tok_at(text, pos) {
            assert!(r.start == pos && r.end > pos, "{text:?} at {pos}: {r:?}");
            pos = r.end;
            out.push((tok, r));
        }
        assert_eq!(pos, text.len(), "{text:?}");
        out
    }

    use proptest::strategy::Strategy;

    proptest::proptest! {
        #[test]
        fn the_hand_written_lexer_gives_the_logos_tokens(
            text in proptest::collection::vec(
                proptest::sample::select(vec![
                    "{", "}", "<", ">", "$", ".", "(", ")", "\r", "\n", "\r\n", "a", "Z", "_",
                    "q9", "7", " ", ":", "-", "\u{a0}", "\u{200b}", "é", "😀", "{{", "}}", "\t",
                ]),
                0..40,
            ).prop_map(|parts: Vec<&str>| parts.concat())
        ) {
            proptest::prop_assert_eq!(hand_tokens(&text), logos_tokens(&text));
        }
    }

    #[test]
    fn tokens_of_a_reference_line() {
        let text = "Call {{ho:billing}} or $caller_id.\r\n<<fn:x>>(1)";
        let toks: Vec<(Tok, &str)> = hand_tokens(text)
            .into_iter()
            .map(|(t, r)| (t, &text[r]))
            .collect();
        use Tok::*;
        assert_eq!(
            toks,
            vec![
                (Ident, "Call"),
                (Text, " "),
                (LBraces, "{{"),
                (Ident, "ho"),
                (Text, ":"),
                (Ident, "billing"),
                (RBraces, "}}"),
                (Text, " "),
                (Ident, "or"),
                (Text, " "),
                (Dollar, "$"),
                (Ident, "caller_id"),
                (Dot, "."),
                (Newline, "\r\n"),
                (LAngles, "<<"),
                (Ident, "fn"),
                (Text, ":"),
                (Ident, "x"),
                (RAngles, ">>"),
                (LParen, "("),
                (Text, "1"),
                (RParen, ")"),
            ]
        );
        // Not on a char boundary, or at the end: no token.
        assert_eq!(tok_at("é", 1), None);
        assert_eq!(tok_at("ab", 2), None);
    }
}
