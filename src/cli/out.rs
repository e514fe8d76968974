//! Output hygiene of the command line: every text output goes through [`Visible`], which
//! writes control and bidirectional characters as visible escapes (line breaks excepted), and
//! JSON is written with [`json_pretty`], which escapes the same characters as `\uXXXX` (so the
//! value a program reads is unchanged).

use crate::model::text::{is_hidden, visible_lines};
use std::io::{self, Write};

/// A writer that shows hidden characters of the text written through it as escapes
/// ([`visible_lines`]): a name in a file cannot send escape sequences to the terminal.
pub struct Visible<'a> {
    inner: &'a mut dyn Write,
    /// The start of a UTF-8 character split between two writes.
    pending: Vec<u8>,
}

impl<'a> Visible<'a> {
    pub fn new(inner: &'a mut dyn Write) -> Visible<'a> {
        Visible {
            inner,
            pending: Vec::new(),
        }
    }
}

impl Write for Visible<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut bytes = std::mem::take(&mut self.pending);
        bytes.extend_from_slice(buf);
        let mut rest: &[u8] = &bytes;
        while !rest.is_empty() {
            match std::str::from_utf8(rest) {
                Ok(s) => {
                    self.inner.write_all(visible_lines(s).as_bytes())?;
                    rest = &[];
                }
                Err(e) => {
                    let (good, bad) = rest.split_at(e.valid_up_to());
                    // valid_up_to is a character boundary
                    let s = std::str::from_utf8(good).unwrap_or_default();
                    self.inner.write_all(visible_lines(s).as_bytes())?;
                    match e.error_len() {
                        // an incomplete character at the end: wait for the rest
                        None => {
                            self.pending = bad.to_vec();
                            rest = &[];
                        }
                        Some(n) => {
                            // not UTF-8 (never produced by this program): shown replaced
                            self.inner.write_all("\u{fffd}".as_bytes())?;
                            rest = &bad[n..];
                        }
                    }
                }
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// serde_json's pretty formatter, but DEL, the C1 controls and the bidirectional characters
/// are written as `\uXXXX` too (serde_json escapes only C0): the JSON decodes to the same
/// strings, and printed on a terminal it cannot reorder or control it.
struct SafeFormatter(serde_json::ser::PrettyFormatter<'static>);

impl serde_json::ser::Formatter for SafeFormatter {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            if is_hidden(c) {
                writer.write_all(&fragment.as_bytes()[start..i])?;
                write!(writer, "\\u{:04x}", c as u32)?;
                start = i + c.len_utf8();
            }
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }

    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
    }
}

/// Writes `value` as pretty JSON with the hidden characters escaped, and a final newline.
pub(crate) fn json_pretty(out: &mut dyn Write, value: &impl serde::Serialize) -> io::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(
        &mut *out,
        SafeFormatter(serde_json::ser::PrettyFormatter::new()),
    );
    value.serialize(&mut ser).map_err(io::Error::other)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_through_the_writer_is_escaped_even_when_a_character_is_split() {
        let mut buf = Vec::new();
        {
            let mut v = Visible::new(&mut buf);
            let s = "zone \u{1b}[2J\u{202e}x\n";
            let bytes = s.as_bytes();
            // split inside the three bytes of U+202E
            let cut = s.find('\u{202e}').unwrap_or(0) + 1;
            v.write_all(&bytes[..cut]).expect("write");
            v.write_all(&bytes[cut..]).expect("write");
        }
        assert_eq!(String::from_utf8_lossy(&buf), "zone \\x1b[2J\\u{202e}x\n");
    }

    #[test]
    fn json_escapes_bidi_and_c1_and_still_decodes_to_the_same_value() {
        let name = "a\u{202e}b\u{9b}c\u{1b}d\u{7f}";
        let mut buf = Vec::new();
        json_pretty(&mut buf, &serde_json::json!({ "name": name })).expect("json");
        let text = String::from_utf8_lossy(&buf).into_owned();
        assert!(
            text.contains("\\u202e") && text.contains("\\u009b"),
            "{text}"
        );
        assert!(text.chars().all(|c| c == '\n' || !is_hidden(c)), "{text}");
        let back: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
        assert_eq!(back["name"], name);
    }
}
