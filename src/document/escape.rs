//! Escaping dataset text so that it reads back from Markdown exactly as written.
//!
//! Every `{{value}}` a template prints goes through [`escape_markdown`]. The
//! rule is to escape rather than to guess, with a backslash, which CommonMark
//! allows before any ASCII punctuation:
//!
//! - everywhere: `\` `` ` `` `*` `_` `[` `]` `<` `>` `&` `#` `|` `~`, which
//!   can make markup in the middle of a line;
//! - at the start of the value: `-` `+` `=` `.` `)`, which make lists,
//!   rules and headings at the start of a line — and a value may start a line
//!   whatever the template put before it;
//! - `.` and `)` after a digit, so that `1.` never starts a numbered list.
//!
//! Other punctuation (`, : / ( " '` ...) cannot make markup once brackets
//! are escaped, and stays as it is so that the Markdown stays readable.
//! Characters that a backslash cannot protect become numeric character
//! references:
//!
//! - a line break inside a value becomes `&#10;`, so the value stays inside
//!   its paragraph, table cell or heading; the parser turns that character
//!   into a line break ([`Inline::LineBreak`](crate::document::Inline));
//! - a carriage return, a tab and the other control characters become
//!   references too (a tab at the start of a line would indent);
//! - spaces at the start and the end of the value become `&#32;`, because
//!   Markdown strips them at line edges and two trailing spaces make a break;
//! - NUL, which Markdown cannot carry, becomes U+FFFD (the parser would do
//!   the same).
//!
//! Blank lines in a value therefore do not make paragraphs; a template that
//! wants them uses the `paragraphs` helper.

use std::fmt::Write;

/// Escape text so that Markdown parses it back to exactly this text, with no
/// markup, wherever inline content may stand.
///
/// Only ASCII ever needs escaping, so the text is scanned as bytes and
/// copied in runs between the bytes that do.
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8 + 8);
    escape_markdown_into(&mut out, text);
    out
}

/// The bytes [`escape_markdown`] looks at twice: those that may need
/// escaping somewhere (every other byte is copied as it stands).
const MAY_ESCAPE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = (b as u8).is_ascii_control()
            || matches!(
                b as u8,
                b' ' | b'\\'
                    | b'`'
                    | b'*'
                    | b'_'
                    | b'['
                    | b']'
                    | b'<'
                    | b'>'
                    | b'&'
                    | b'#'
                    | b'|'
                    | b'~'
                    | b'-'
                    | b'+'
                    | b'='
                    | b'.'
                    | b')'
            );
        b += 1;
    }
    table
};

/// [`escape_markdown`], appending to `out`.
pub fn escape_markdown_into(out: &mut String, text: &str) {
    let bytes = text.as_bytes();
    let lead = text.len() - text.trim_start_matches(' ').len();
    let trail_start = text.trim_end_matches(' ').len().max(lead);
    let mut copied = 0;
    for (i, &b) in bytes.iter().enumerate() {
        // Bytes of multi-byte characters are never escaped, nor most ASCII.
        if !MAY_ESCAPE[usize::from(b)] {
            continue;
        }
        // A continuation byte before is not a digit, as the character is not.
        let prev = i.checked_sub(1).map(|p| char::from(bytes[p]));
        let c = char::from(b);
        let escape = match c {
            ' ' if i < lead || i >= trail_start => Escape::As("&#32;"),
            ' ' => continue,
            '\0' => Escape::As("\u{FFFD}"),
            c if needs_backslash(c, i == 0, prev) => Escape::Backslash,
            c if c.is_ascii_control() => Escape::Reference,
            _ => continue,
        };
        out.push_str(&text[copied..i]);
        copied = i + 1;
        match escape {
            Escape::Backslash => {
                out.push('\\');
                out.push(c);
            }
            // Infallible: writing to a String.
            Escape::Reference => drop(write!(out, "&#{};", u32::from(c))),
            Escape::As(s) => out.push_str(s),
        }
    }
    out.push_str(&text[copied..]);
}

/// How a byte of [`escape_markdown`]'s text is written.
enum Escape {
    Backslash,
    /// A numeric character reference.
    Reference,
    As(&'static str),
}

/// Whether `c` needs a backslash, given whether it starts the value and the
/// character before it.
fn needs_backslash(c: char, first: bool, prev: Option<char>) -> bool {
    match c {
        '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '#' | '|' | '~' => true,
        '-' | '+' | '=' => first,
        '.' | ')' => first || prev.is_some_and(|p| p.is_ascii_digit()),
        _ => false,
    }
}

/// Escape a multi-paragraph text: paragraphs are separated by one or more
/// blank lines; a single line break inside a paragraph is kept as a line
/// break. Paragraphs are joined by a blank line, so the result must stand
/// where blocks may (alone on its lines in a template).
pub fn escape_paragraphs(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut emit = |paragraph: &str| {
        // CRLF line ends count as LF; a paragraph without any is escaped as
        // it stands in the text, uncopied.
        let paragraph = if paragraph.contains('\r') {
            std::borrow::Cow::Owned(paragraph.replace("\r\n", "\n"))
        } else {
            std::borrow::Cow::Borrowed(paragraph)
        };
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        escape_markdown_into(&mut out, paragraph.trim());
    };
    // The current paragraph: from the start of its first line to the end of its last.
    let mut current: Option<(usize, usize)> = None;
    let mut at = 0;
    for line in text.split('\n') {
        let start = at;
        at += line.len() + 1;
        let content = line.strip_suffix('\r').unwrap_or(line);
        if content.trim().is_empty() {
            if let Some((s, e)) = current.take() {
                emit(&text[s..e]);
            }
        } else {
            let s = current.map_or(start, |(s, _)| s);
            current = Some((s, start + content.len()));
        }
    }
    if let Some((s, e)) = current {
        emit(&text[s..e]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The rules of `escape_markdown` applied a character at a time.
    fn reference(text: &str) -> String {
        let mut out = String::new();
        let lead = text.len() - text.trim_start_matches(' ').len();
        let trail_start = text.trim_end_matches(' ').len().max(lead);
        let mut prev = None;
        for (i, c) in text.char_indices() {
            match c {
                ' ' if i < lead || i >= trail_start => out.push_str("&#32;"),
                '\0' => out.push('\u{FFFD}'),
                c if needs_backslash(c, i == 0, prev) => {
                    out.push('\\');
                    out.push(c);
                }
                c if c.is_ascii_control() => {
                    let _ = write!(out, "&#{};", u32::from(c));
                }
                c => out.push(c),
            }
            prev = Some(c);
        }
        out
    }

    /// The rules of `escape_paragraphs`, a step at a time.
    fn reference_paragraphs(text: &str) -> String {
        let normalised = text.replace("\r\n", "\n");
        let mut paragraphs = Vec::new();
        let mut current: Vec<&str> = Vec::new();
        for line in normalised.split('\n') {
            if line.trim().is_empty() {
                if !current.is_empty() {
                    paragraphs.push(current.join("\n"));
                    current.clear();
                }
            } else {
                current.push(line);
            }
        }
        if !current.is_empty() {
            paragraphs.push(current.join("\n"));
        }
        paragraphs
            .iter()
            .map(|p| reference(p.trim()))
            .collect::<Vec<_>>()
            .join("\n\n")
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]
        #[test]
        fn paragraphs_in_one_pass_follow_the_rules(text in "[ab .\\r\\n\\t*]{0,30}") {
            prop_assert_eq!(escape_paragraphs(&text), reference_paragraphs(&text));
        }

        #[test]
        fn escaping_by_runs_follows_the_rules(text in "[ -~\\x00-\\x1f\\x7f1-9Қé–“”\\u{1F600}]{0,30}") {
            prop_assert_eq!(escape_markdown(&text), reference(&text));
        }
    }

    #[test]
    fn escapes_punctuation_and_edges() {
        assert_eq!(escape_markdown("*a*"), "\\*a\\*");
        assert_eq!(escape_markdown("  x "), "&#32;&#32;x&#32;");
        assert_eq!(escape_markdown("a\nb"), "a&#10;b");
        assert_eq!(escape_markdown("1. x"), "1\\. x");
        assert_eq!(
            escape_markdown("- a-b, c. (A/67/122)"),
            "\\- a-b, c. (A/67/122\\)"
        );
        assert_eq!(escape_markdown("para 9.42)"), "para 9\\.42\\)");
        assert_eq!(escape_markdown("Қазақстан – “x”"), "Қазақстан – “x”");
        assert_eq!(escape_markdown("   "), "&#32;&#32;&#32;");
        assert_eq!(escape_markdown(""), "");
    }

    #[test]
    fn paragraphs_split_on_blank_lines() {
        assert_eq!(
            escape_paragraphs("a\n\n\n b*\r\n\r\nc\nd"),
            "a\n\nb\\*\n\nc&#10;d"
        );
        assert_eq!(escape_paragraphs("\n\n"), "");
    }
}
