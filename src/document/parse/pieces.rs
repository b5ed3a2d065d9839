//! Where a long Markdown document may be cut into pieces that parse, each on
//! its own, into exactly the blocks the whole would: so that a long report is
//! parsed on every core, a piece at a time, instead of in one pass that holds
//! every event of the document at once.
//!
//! A cut is made only at the start of a line that closes every block open
//! before it: the line before is blank, the line itself starts at column 0
//! with no list marker, and no layout `<div>` is open. After a blank line
//! such a line ends any list, quotation, footnote body, table or paragraph
//! (CommonMark), so what follows it is read the same whether the text before
//! it is there or not. A document parsed while it is written may also be
//! cut between two body rows of a long table ([`Cut::InTable`]): the piece
//! after the cut is read after the table's header and delimiter rows, and
//! its rows are put back on the table when the pieces are joined.
//!
//! What is read across the whole document rather than block by block makes
//! the document unfit for cutting, and it is then parsed whole:
//! link reference definitions, footnote definitions anywhere but in one run
//! at the end (where the renderer puts them), fenced code, and the HTML
//! blocks that may hold blank lines (comments, `<pre>`, `<script>` …).
//! The footnote definitions at the end become a piece of their own; a piece
//! that refers to them is given a stub definition of each label it uses, so
//! that the parser sees a reference, and the stubs' events are dropped.

use std::collections::HashSet;
use std::ops::Range;

/// How a document is cut.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Plan {
    /// The pieces of the body, in order, as byte ranges of the document.
    pub body: Vec<Range<usize>>,
    /// The run of footnote definitions at the end, if any.
    pub notes: Option<Range<usize>>,
    /// The labels the notes define, lower-cased (labels match regardless of case).
    pub labels: HashSet<String>,
}

/// A piece's text as the parser is given it, and where its own text ends.
pub(super) struct Piece {
    /// The piece, then the stub definitions of the labels it refers to.
    pub text: String,
    /// Bytes of `text` that are the document's; events from there on are stubs'.
    pub own: usize,
    /// Lines of the document before the piece.
    pub line_base: usize,
}

/// The cuts of `src` into pieces of about `target` bytes (at least one cut
/// point apart), or `None` when it must be parsed whole.
pub(super) fn plan(src: &str, target: usize) -> Option<Plan> {
    let mut cuts = vec![0];
    let mut cutter = Cutter::new(target);
    let mut notes: Option<usize> = None;
    let mut labels = HashSet::new();
    let mut offset = 0;
    for line in src.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let text = line.trim_end_matches(['\n', '\r']);
        let trimmed = text.trim_start_matches([' ', '\t']);
        if notes.is_some() {
            if trimmed.is_empty() {
                cutter.previous_blank = true;
                continue;
            }
            // In the run of notes at the end: definitions at column 0 and
            // their indented continuation lines only.
            if let Some(label) = definition_label(text) {
                if !cutter.previous_blank {
                    return None;
                }
                labels.insert(label.to_lowercase());
            } else if !text.starts_with("    ") && !text.starts_with('\t')
                || defines_or_fences(trimmed)
            {
                return None;
            }
            cutter.previous_blank = false;
            continue;
        }
        if let Some(label) = definition_label(text) {
            if !cutter.previous_blank || cutter.depth != 0 {
                return None;
            }
            notes = Some(start);
            labels.insert(label.to_lowercase());
            cutter.previous_blank = false;
            continue;
        }
        if cutter.line(start, text).ok()? == Cut::Here {
            cuts.push(start);
        }
    }
    if cutter.depth != 0 {
        return None;
    }
    let end = notes.unwrap_or(src.len());
    cuts.retain(|&c| c < end);
    let mut body: Vec<Range<usize>> = cuts.windows(2).map(|w| w[0]..w[1]).collect();
    if let Some(&last) = cuts.last() {
        if last < end {
            body.push(last..end);
        }
    }
    Some(Plan {
        body,
        notes: notes.map(|n| n..src.len()),
        labels,
    })
}

/// The text read across blocks that makes a document unfit for cutting
/// (see the module's notes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Unfit;

/// Whether a piece starts at a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Cut {
    No,
    /// Here, where every block before has ended.
    Here,
    /// Here, between two rows of a table: the piece that starts here is
    /// read after the table's header and delimiter rows
    /// ([`Cutter::table_head`]), and its first block is more rows of the
    /// table before.
    InTable,
}

/// Finds the cut points of a document's body line by line, as its text
/// comes: for [`plan`], and for a document parsed while it is written.
#[derive(Debug, Clone)]
pub(super) struct Cutter {
    /// `<div>`s open.
    depth: usize,
    /// Whether the line before was blank (the start counts as blank).
    previous_blank: bool,
    /// Where the last piece starts.
    last_cut: usize,
    /// About how many bytes a piece holds.
    target: usize,
    /// Whether a long table may be cut between its rows.
    rows: bool,
    /// The line before, when it may be a table's header row.
    header: String,
    /// The header and delimiter rows of the table being read, each with
    /// its line break, once its first body row has been read.
    head: Option<String>,
}

impl Cutter {
    pub fn new(target: usize) -> Cutter {
        Cutter {
            depth: 0,
            previous_blank: true,
            last_cut: 0,
            target,
            rows: false,
            header: String::new(),
            head: None,
        }
    }

    /// A cutter that also cuts a long table between its rows ([`Cut::InTable`]).
    pub fn with_rows(target: usize) -> Cutter {
        Cutter {
            rows: true,
            ..Cutter::new(target)
        }
    }

    /// The header and delimiter rows of the table a [`Cut::InTable`] cut.
    pub fn table_head(&self) -> Option<&str> {
        self.head.as_deref()
    }

    /// Follow the rows of a table at the top level (not in a `<div>`):
    /// whether `text`, a line at column 0, is a body row after which the
    /// table may be cut.
    fn table_row(&mut self, text: &str) -> bool {
        let row = self.depth == 0 && text.starts_with('|');
        if !row {
            self.header.clear();
            self.head = None;
            return false;
        }
        if self.head.is_some() {
            return true;
        }
        if !self.header.is_empty() && is_delimiter_row(text) {
            let mut head = std::mem::take(&mut self.header);
            head.push('\n');
            head.push_str(text);
            head.push('\n');
            self.head = Some(head);
        } else {
            self.header.clear();
            self.header.push_str(text);
        }
        false
    }

    /// Read the body's line `text` (without its line break), which starts at
    /// byte `start`: whether a piece starts there. A footnote definition is
    /// not the cutter's to read (its caller decides whether the notes at the
    /// end begin there).
    pub fn line(&mut self, start: usize, text: &str) -> Result<Cut, Unfit> {
        let trimmed = text.trim_start_matches([' ', '\t']);
        if trimmed.is_empty() {
            self.previous_blank = true;
            self.header.clear();
            self.head = None;
            return Ok(Cut::No);
        }
        let indented = trimmed.len() != text.len();
        if defines_or_fences(trimmed) || holds_blank_lines(trimmed) {
            return Err(Unfit);
        }
        let long = start - self.last_cut >= self.target;
        // A table row after a row of the same table is read the same
        // whether the rows before it are there or not, once the header and
        // delimiter rows are put before it.
        let in_table = self.rows && self.table_row(text) && long;
        let cut = if self.previous_blank
            && !indented
            && self.depth == 0
            && !starts_list_item(text)
            && long
        {
            Cut::Here
        } else if in_table {
            Cut::InTable
        } else {
            Cut::No
        };
        if cut != Cut::No {
            self.last_cut = start;
        }
        self.depth = div_depth(text, self.depth).ok_or(Unfit)?;
        self.previous_blank = false;
        Ok(cut)
    }

    /// Whether every `<div>` opened has been closed.
    pub fn balanced(&self) -> bool {
        self.depth == 0
    }
}

impl Plan {
    /// The text a piece of the document is parsed from: the piece and a stub
    /// definition of each note it refers to.
    pub fn piece(&self, src: &str, range: Range<usize>, line_base: usize) -> Piece {
        let (text, own, _) = with_stubs(&src[range], |key| self.labels.contains(key));
        Piece {
            text,
            own,
            line_base,
        }
    }
}

/// Whether `text` is a table's delimiter row (`|--:|---|`).
fn is_delimiter_row(text: &str) -> bool {
    text.contains('-')
        && text
            .chars()
            .all(|c| matches!(c, '|' | ':' | '-' | ' ' | '\t'))
}

/// `own`, then a stub definition of each note it refers to whose label
/// (lower-cased) `defined` accepts; with where `own` ends and the labels
/// stubbed, lower-cased, in order.
pub(super) fn with_stubs(
    own: &str,
    defined: impl Fn(&str) -> bool,
) -> (String, usize, Vec<String>) {
    let mut text = String::with_capacity(own.len() + 64);
    text.push_str(own);
    let len = text.len();
    let mut seen = HashSet::new();
    let mut stubbed = Vec::new();
    let mut from = 0;
    while let Some(i) = own[from..].find("[^") {
        let at = from + i + 2;
        from = at;
        let Some(end) = own[at..].find(']') else {
            break;
        };
        let label = &own[at..at + end];
        if label.is_empty() || label.contains(['\n', '[']) {
            continue;
        }
        let key = label.to_lowercase();
        if defined(&key) && !seen.contains(&key) {
            text.push_str("\n[^");
            text.push_str(label);
            text.push_str("]: stub\n");
            seen.insert(key.clone());
            stubbed.push(key);
        }
    }
    (text, len, stubbed)
}

/// The label of a footnote definition written at column 0, `[^label]: …`.
fn definition_label(line: &str) -> Option<&str> {
    let rest = line.strip_prefix("[^")?;
    let end = rest.find("]:")?;
    let label = &rest[..end];
    (!label.is_empty() && !label.contains(['[', ']'])).then_some(label)
}

/// A link reference definition (or anything that may be one: a definition
/// may follow a list marker or a quotation's `>`, and is read by the whole
/// document), or a code fence, read across blank lines.
fn defines_or_fences(trimmed: &str) -> bool {
    let trimmed = trimmed.trim_start_matches(['>', ' ', '\t']);
    trimmed.contains("]:") || trimmed.starts_with("```") || trimmed.starts_with("~~~")
}

/// The HTML blocks that end at a closing tag rather than a blank line
/// (CommonMark's kinds 1 to 5).
fn holds_blank_lines(trimmed: &str) -> bool {
    let lower = |s: &str| {
        trimmed
            .get(..s.len())
            .is_some_and(|t| t.eq_ignore_ascii_case(s))
    };
    trimmed.starts_with("<!")
        || trimmed.starts_with("<?")
        || ["<pre", "<script", "<style", "<textarea"]
            .iter()
            .any(|t| lower(t))
}

/// A bullet (`-`, `+`, `*`) or ordered (`1.`, `1)`) list marker at the start
/// of the line: after a blank line, it continues the list before.
fn starts_list_item(text: &str) -> bool {
    let b = text.as_bytes();
    let marker_end = match b.first() {
        Some(b'-' | b'+' | b'*') => 1,
        Some(c) if c.is_ascii_digit() => {
            let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
            match b.get(digits) {
                Some(b'.' | b')') => digits + 1,
                _ => return false,
            }
        }
        _ => return false,
    };
    matches!(b.get(marker_end), None | Some(b' ' | b'\t'))
}

/// The number of `<div>`s open after `line`, given `depth` before it; `None`
/// when a `</div>` closes none or the line is too odd to count (a tag in a
/// code span).
fn div_depth(line: &str, mut depth: usize) -> Option<usize> {
    if !line.contains('<') {
        return Some(depth);
    }
    let b = line.as_bytes();
    let mut code = false;
    for (i, &c) in b.iter().enumerate() {
        if c == b'`' {
            code = true;
        }
        if c != b'<' || escaped(b, i) {
            continue;
        }
        let rest = &line[i + 1..];
        let (close, name) = match rest.strip_prefix('/') {
            Some(r) => (true, r),
            None => (false, rest),
        };
        let is_div = name.get(..3).is_some_and(|n| n.eq_ignore_ascii_case("div"))
            && matches!(
                name.as_bytes().get(3),
                None | Some(b' ' | b'\t' | b'>' | b'/' | b'\r')
            );
        if !is_div {
            continue;
        }
        if code {
            return None;
        }
        depth = if close {
            depth.checked_sub(1)?
        } else {
            depth + 1
        };
    }
    Some(depth)
}

/// Whether the byte at `i` follows an odd number of backslashes.
fn escaped(b: &[u8], i: usize) -> bool {
    b[..i].iter().rev().take_while(|&&c| c == b'\\').count() % 2 == 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(src: &str) -> Vec<&str> {
        let plan = plan(src, 1).expect("cuttable");
        plan.body.iter().map(|r| &src[r.clone()]).collect()
    }

    #[test]
    fn cuts_between_top_level_blocks_only() {
        let src = "# A\n\npara\none\n\n- item\n\n- loose item\n\n  more\n\nafter\n";
        assert_eq!(
            cut(src),
            [
                "# A\n\n",
                "para\none\n\n- item\n\n- loose item\n\n  more\n\n",
                "after\n"
            ]
        );
    }

    #[test]
    fn never_cuts_inside_a_div() {
        let src = "<div class=\"keep\">\n\none\n\ntwo\n\n</div>\n\nthree\n";
        assert_eq!(
            cut(src),
            [
                "<div class=\"keep\">\n\none\n\ntwo\n\n</div>\n\n",
                "three\n"
            ]
        );
    }

    #[test]
    fn notes_at_the_end_are_a_piece_of_their_own() {
        let src = "a[^n1]\n\nb\n\n[^n1]: note\n    more\n\n[^n2]: two\n";
        let plan = plan(src, 1).unwrap();
        assert_eq!(
            &src[plan.notes.clone().unwrap()],
            "[^n1]: note\n    more\n\n[^n2]: two\n"
        );
        assert_eq!(plan.body.len(), 2);
        let piece = plan.piece(src, plan.body[0].clone(), 0);
        assert_eq!(piece.text, "a[^n1]\n\n\n[^n1]: stub\n");
        assert_eq!(piece.own, "a[^n1]\n\n".len());
    }

    #[test]
    fn what_is_read_across_blocks_keeps_the_document_whole() {
        for src in [
            "a\n\n[x]: https://example.org\n\nb\n",
            "a\n\n- [x]: https://example.org\n\nb\n",
            "a\n\n1. > [x]: https://example.org\n\nb\n",
            "a\n\n```\nx\n\ny\n```\n\nb\n",
            "a\n\n<!--\n\n-->\n\nb\n",
            "a\n\n[^1]: early note\n\nb\n",
            "[^1]: note\nlazy line\n",
            "a\n\n</div>\n\nb\n",
            "a\n\n<div>\n\nb\n",
            "`<div>`\n\nb\n",
        ] {
            assert_eq!(plan(src, 1), None, "{src:?}");
        }
    }

    #[test]
    fn list_markers_and_escapes_are_read_as_the_parser_reads_them() {
        assert!(starts_list_item("- a"));
        assert!(starts_list_item("12) a"));
        assert!(starts_list_item("*"));
        assert!(!starts_list_item("-a"));
        assert!(starts_list_item("2024. a year"));
        assert_eq!(div_depth("\\<div>", 0), Some(0));
        assert_eq!(div_depth("\\\\<div>", 0), Some(1));
        assert_eq!(div_depth("<DIV class=\"x\"><div>", 0), Some(2));
        assert_eq!(div_depth("<divider>", 0), Some(0));
    }
}
