//! Text from files shown safely: control characters (C0, DEL, C1) and bidirectional
//! formatting characters are replaced by visible escapes, so that a name can neither rewrite a
//! terminal nor reorder what is shown around it. UI-free; used by the command line, the
//! designer and the PDF.

use std::borrow::Cow;

/// Whether `c` is shown as an escape rather than as itself: C0 controls, DEL, C1 controls,
/// the bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), the
/// directional marks (U+200E, U+200F) and the Arabic letter mark (U+061C).
pub fn is_hidden(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{1f}'
        | '\u{7f}'..='\u{9f}'
        | '\u{202a}'..='\u{202e}'
        | '\u{2066}'..='\u{2069}'
        | '\u{200e}'
        | '\u{200f}'
        | '\u{61c}')
}

fn push_escape(out: &mut String, c: char) {
    use std::fmt::Write;
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        c if (c as u32) < 0x80 => {
            let _ = write!(out, "\\x{:02x}", c as u32);
        }
        c => {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        }
    }
}

fn escape_where(s: &str, hide: impl Fn(char) -> bool) -> Cow<'_, str> {
    let Some(first) = s.char_indices().find(|(_, c)| hide(*c)).map(|(i, _)| i) else {
        return Cow::Borrowed(s);
    };
    let mut out = String::with_capacity(s.len() + 8);
    out.push_str(&s[..first]);
    for c in s[first..].chars() {
        if hide(c) {
            push_escape(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `s` with every [hidden](is_hidden) character written as a visible escape: `\n`, `\r`,
/// `\t`, `\x1b` for the other C0 controls and DEL, `\u{9b}` for C1 controls and
/// `\u{202e}` for the bidirectional characters. Borrowed when there is nothing to escape.
/// Backslashes are kept as they are, so escaping twice changes nothing.
pub fn visible(s: &str) -> Cow<'_, str> {
    escape_where(s, is_hidden)
}

/// [`visible`], but line breaks (`\n`) are kept: for multi-line text such as descriptions.
pub(crate) fn visible_lines(s: &str) -> Cow<'_, str> {
    escape_where(s, |c| c != '\n' && is_hidden(c))
}

/// Whether `s` is empty or only whitespace: `s.trim().is_empty()` without the Unicode scan for
/// the usual text that starts with an ASCII letter (the checks of `assess` ask this of every
/// requirement status, characteristic and name).
pub(crate) fn is_blank(s: &str) -> bool {
    match s.as_bytes().first() {
        None => true,
        Some(b) if b.is_ascii() && !b.is_ascii_whitespace() => false,
        _ => s.trim().is_empty(),
    }
}

/// `s` on one line (control characters escaped), at most `max` characters.
pub(crate) fn one_line(s: &str, max: usize) -> String {
    let mut out = String::new();
    for (n, c) in s.chars().enumerate() {
        if n == max {
            out.push('…');
            break;
        }
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

/// At most 60 characters of a name on one line, for messages.
pub(crate) fn short(s: &str) -> String {
    one_line(s, 60)
}

#[cfg(test)]
mod tests {
    #[test]
    fn blank_is_trim_is_empty() {
        for s in [
            "",
            " ",
            "\t\n",
            "\u{a0}",
            "\u{3000}x",
            "x",
            " x ",
            "Ä",
            "\u{a0}\u{2003}",
        ] {
            assert_eq!(super::is_blank(s), s.trim().is_empty(), "{s:?}");
        }
    }

    use super::*;

    #[test]
    fn terminal_escapes_and_bidi_overrides_become_visible() {
        assert_eq!(visible("\u{1b}[2JBPCS"), "\\x1b[2JBPCS");
        assert_eq!(visible("abc\u{202e}fed"), "abc\\u{202e}fed");
        assert_eq!(visible("a\u{7f}b\u{9b}c"), "a\\x7fb\\u{9b}c");
        assert_eq!(visible("a\nb\tc\r"), "a\\nb\\tc\\r");
        for c in [
            '\u{202a}', '\u{202d}', '\u{2066}', '\u{2069}', '\u{200e}', '\u{200f}', '\u{61c}',
        ] {
            let shown = visible(&c.to_string()).into_owned();
            assert_eq!(shown, format!("\\u{{{:x}}}", c as u32));
        }
        assert!(visible("\u{0}").chars().all(|c| !is_hidden(c)));
    }

    #[test]
    fn ordinary_text_is_borrowed_and_escaping_twice_changes_nothing() {
        for s in ["BPCS", "Łódź 東京 Мюнхен — ↔ …", "C:\\plants", ""] {
            assert!(matches!(visible(s), Cow::Borrowed(_)), "{s}");
        }
        let once = visible("\u{1b}]0;owned\u{7}\u{202e}").into_owned();
        assert_eq!(visible(&once), once);
    }

    #[test]
    fn lines_keep_their_breaks() {
        assert_eq!(visible_lines("one\ntwo\u{1b}"), "one\ntwo\\x1b");
    }
}
