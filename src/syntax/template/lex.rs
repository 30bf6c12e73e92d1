//! The template lexer: a `logos` lexer over a handful of token classes.

use logos::Logos;
use std::ops::Range;

/// The token classes, with their patterns:
///
/// | token | pattern |
/// |---|---|
/// | `LBraces` / `RBraces` | `\{+` / `\}+` |
/// | `LAngles` / `RAngles` | `<+` / `>+` |
/// | `Dollar`, `Dot`, `LParen`, `RParen` | `$`, `.`, `(`, `)` |
/// | `Newline` | `\r\n`, `\n` or `\r` |
/// | `Ident` | `[A-Za-z_][A-Za-z0-9_]*` |
/// | `Text` | `[^{}<>$.()\r\nA-Za-z_]+` (digits and every non-ASCII character included) |
#[derive(Logos, Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Tok {
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

/// The token starting at byte `pos` (which is always a char boundary: the start of the text or
/// the end of a previous token), with its range in `text`.
pub(super) fn tok_at(text: &str, pos: usize) -> Option<(Tok, Range<usize>)> {
    let rest = text.get(pos..)?;
    if rest.is_empty() {
        return None;
    }
    let mut lex = Tok::lexer(rest);
    let tok = lex.next()?;
    let span = lex.span();
    if span.end <= span.start {
        // Defensive: never stall; treat one char as text.
        let n = rest.chars().next().map_or(1, char::len_utf8);
        return Some((Tok::Text, pos..pos + n));
    }
    Some((tok.unwrap_or(Tok::Text), pos + span.start..pos + span.end))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(text: &str) -> Vec<(Tok, Range<usize>)> {
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

    #[test]
    fn tokens_of_a_reference_line() {
        let text = "Call {{ho:billing}} or $caller_id.\r\n<<fn:x>>(1)";
        let toks: Vec<(Tok, &str)> = tokens(text)
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
