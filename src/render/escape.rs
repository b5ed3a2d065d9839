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
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 4);
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
                // Infallible: writing to a String.
                let _ = write!(out, "&#{};", u32::from(c));
            }
            c => out.push(c),
        }
        prev = Some(c);
    }
    out
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
        .map(|p| escape_markdown(p.trim()))
        .collect::<Vec<_>>()
        .join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

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
