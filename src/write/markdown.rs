//! Markdown: the model written back in the Markdown the parser reads, for debugging templates.
//!
//! What this writes parses back to the same document, with two limits that
//! Markdown sets: emphasis whose text starts or ends with a space or touches
//! punctuation on the outside may not read back as emphasis, and empty
//! paragraphs and lines at the edges of a lines block are lost.

use super::{WriteError, WriteOptions, Writer};
use crate::document::escape::escape_markdown;
use crate::document::{Align, Block, Document, Inline, LinesRole, Table};

/// The Markdown writer, registered as `md`.
pub struct Markdown;

impl Writer for Markdown {
    fn name(&self) -> &'static str {
        "md"
    }

    fn extension(&self) -> &'static str {
        "md"
    }

    fn write(&self, doc: &Document, _opts: &WriteOptions) -> Result<Vec<u8>, WriteError> {
        Ok(markdown(doc).into_bytes())
    }
}

/// The document as Markdown (metadata is not written).
pub fn markdown(doc: &Document) -> String {
    let mut out = blocks(&doc.blocks);
    for (i, note) in doc.footnotes.iter().enumerate() {
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(&indent(
            &blocks(&note.blocks),
            &format!("[^{}]: ", i + 1),
            "    ",
        ));
    }
    if !out.is_empty() {
        out.push('\n');
    }
    out
}

fn blocks(blocks: &[Block]) -> String {
    let mut parts: Vec<String> = Vec::with_capacity(blocks.len());
    for (i, b) in blocks.iter().enumerate() {
        // Two lists in a row would merge into one.
        if i > 0 && matches!(b, Block::List { .. }) && matches!(blocks[i - 1], Block::List { .. }) {
            parts.push("<!-- -->".into());
        }
        parts.push(block(b));
    }
    parts.join("\n\n")
}

fn block(b: &Block) -> String {
    match b {
        Block::Heading { level: 0, content } => div("title", &inlines(content, Where::Line)),
        Block::Heading { level, content } => {
            format!(
                "{} {}",
                "#".repeat(usize::from((*level).clamp(1, 3))),
                inlines(content, Where::Line)
            )
        }
        Block::Paragraph { content, align } => {
            let text = inlines(content, Where::Paragraph);
            match align_class(*align, Align::Justify) {
                Some(class) => div(class, &text),
                None => text,
            }
        }
        Block::Lines { lines, align, role } => {
            let mut class = match role {
                LinesRole::Plain => "lines",
                LinesRole::Address => "address",
                LinesRole::Signature => "signature",
            }
            .to_string();
            if let Some(a) = align_class(*align, Align::Start) {
                class.push(' ');
                class.push_str(a);
            }
            // Inside a lines block each source line is a line; an empty line
            // separates paragraphs.
            let body: Vec<String> = lines.iter().map(|l| inlines(l, Where::Line)).collect();
            div(&class, &body.join("\n").replace("\n\n\n", "\n\n"))
        }
        Block::List { start, items } => {
            let mut out = Vec::new();
            for (i, item) in items.iter().enumerate() {
                let marker = match start {
                    Some(n) => format!("{}. ", n + i as u64),
                    None => "- ".to_string(),
                };
                let body = blocks(item);
                if body.is_empty() {
                    out.push(marker.trim_end().to_string());
                } else {
                    out.push(indent(&body, &marker, &" ".repeat(marker.len())));
                }
            }
            out.join("\n\n")
        }
        Block::Table(t) => table(t),
        Block::Quote(inner) => indent(&blocks(inner), "> ", "> ")
            .lines()
            .map(|l| if l == "> " { ">" } else { l })
            .collect::<Vec<_>>()
            .join("\n"),
        Block::Keep {
            blocks: inner,
            with_next,
        } => div(
            if *with_next { "keep-with-next" } else { "keep" },
            &blocks(inner),
        ),
        Block::Styled {
            style,
            blocks: inner,
        } => {
            let q = if style.contains('"') { '\'' } else { '"' };
            format!(
                "<div custom-style={q}{style}{q}>\n\n{}\n\n</div>",
                blocks(inner)
            )
        }
        Block::Rule => "---".into(),
        Block::PageBreak => "<div class=\"page-break\"></div>".into(),
        // The numbers as the table they came from, which reads back as the chart.
        Block::Chart(c) => {
            let caption = inlines(&c.caption, Where::Paragraph);
            let table = table(&c.table());
            if caption.is_empty() {
                div("chart", &table)
            } else {
                div("chart", &format!("{caption}\n\n{table}"))
            }
        }
    }
}

fn div(class: &str, body: &str) -> String {
    format!("<div class=\"{class}\">\n\n{body}\n\n</div>")
}

fn align_class(align: Align, default: Align) -> Option<&'static str> {
    if align == default {
        return None;
    }
    Some(match align {
        Align::Start => "left",
        Align::End => "right",
        Align::Center => "center",
        Align::Justify => "justify",
    })
}

fn table(t: &Table) -> String {
    let n = t.columns.len().max(t.header.len());
    let row = |cells: &[Vec<Inline>]| {
        let mut s = String::from("|");
        for i in 0..n {
            let cell = cells
                .get(i)
                .map(|c| inlines(c, Where::Line))
                .unwrap_or_default();
            s.push(' ');
            s.push_str(&cell);
            s.push_str(" |");
        }
        s
    };
    let mut lines = vec![row(&t.header)];
    let mut delim = String::from("|");
    for i in 0..n {
        delim.push_str(match t.columns.get(i).map(|c| c.align) {
            Some(Align::End) => "--:|",
            Some(Align::Center) => ":-:|",
            _ => "---|",
        });
    }
    lines.push(delim);
    lines.extend(t.rows.iter().map(|r| row(r)));
    lines.join("\n")
}

/// Where inline content stands: a paragraph may break lines with a
/// backslash; a heading, cell or line must stay on one line.
#[derive(Clone, Copy, PartialEq)]
enum Where {
    Paragraph,
    Line,
}

fn inlines(content: &[Inline], at: Where) -> String {
    let mut out = String::new();
    for (i, inline) in content.iter().enumerate() {
        let last = i + 1 == content.len();
        match inline {
            Inline::Text(t) => {
                // A space at the text's edge is kept as written where
                // Markdown keeps it (between two inlines), and escaped
                // where it would be dropped (at a line's edges).
                let edge = |j: Option<usize>| {
                    j.and_then(|j| content.get(j))
                        .is_none_or(|n| matches!(n, Inline::LineBreak))
                };
                out.push_str(&plain_spaces(
                    &escape_markdown(t),
                    !edge(i.checked_sub(1)),
                    !edge(Some(i + 1)),
                ));
            }
            Inline::Emphasis(c) => out.push_str(&format!("*{}*", inlines(c, at))),
            Inline::Strong(c) => out.push_str(&format!("**{}**", inlines(c, at))),
            Inline::Underline(c) => out.push_str(&format!("<u>{}</u>", inlines(c, at))),
            Inline::Link { url, content } => {
                let autolink = matches!(content.as_slice(), [Inline::Text(t)] if t == url)
                    && url.contains(':')
                    && !url.contains(|c: char| c.is_whitespace() || c == '<' || c == '>');
                if autolink {
                    out.push_str(&format!("<{url}>"));
                } else {
                    let dest: String = url
                        .chars()
                        .flat_map(|c| match c {
                            '<' | '>' | '\\' => vec!['\\', c],
                            c => vec![c],
                        })
                        .collect();
                    out.push_str(&format!("[{}](<{dest}>)", inlines(content, at)));
                }
            }
            Inline::FootnoteRef(n) => out.push_str(&format!("[^{}]", n + 1)),
            Inline::LineBreak if at == Where::Paragraph && !last => out.push_str("\\\n"),
            Inline::LineBreak => out.push_str("<br>"),
            Inline::Anchor(name) => out.push_str(&format!("<a id=\"{name}\"></a>")),
            Inline::PageRef { target, label } if label.is_empty() => out.push_str(&format!(
                "<span class=\"pageref\" data-target=\"{target}\"></span>"
            )),
            Inline::PageRef { target, label } => out.push_str(&format!(
                "<span class=\"pageref\" data-target=\"{target}\" data-label=\"{label}\"></span>"
            )),
            Inline::Mark { .. } => {}
        }
    }
    out
}

/// `escaped` with the escaped spaces at its start (when `lead`) and its end
/// (when `trail`) written as spaces.
fn plain_spaces(escaped: &str, lead: bool, trail: bool) -> String {
    const SPACE: &str = "&#32;";
    if escaped.is_empty() || escaped.replace(SPACE, "").is_empty() {
        // Spaces alone are dropped at either edge of a line.
        return if lead && trail {
            " ".repeat(escaped.len() / SPACE.len())
        } else {
            escaped.to_string()
        };
    }
    let mut body = escaped;
    let mut leading = 0;
    while lead && body.starts_with(SPACE) {
        body = &body[SPACE.len()..];
        leading += 1;
    }
    let mut trailing = 0;
    while trail && body.ends_with(SPACE) {
        body = &body[..body.len() - SPACE.len()];
        trailing += 1;
    }
    format!("{}{body}{}", " ".repeat(leading), " ".repeat(trailing))
}

/// Prefix the first line with `first` and the others with `rest` (blank
/// lines stay blank).
fn indent(text: &str, first: &str, rest: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if i == 0 {
            out.push_str(first);
        } else if !line.is_empty() || rest.trim() == ">" {
            out.push_str(rest);
        }
        out.push_str(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::parse;

    #[test]
    fn round_trips_small_documents() {
        for md in [
            "# H\n\ntext *em* **st** <u>u</u> [l](http://x.org) <http://y.org>\n",
            "1. a\n\n   - b\n\n     more\n2. c\n\n- x\n\n<!-- -->\n\n- y\n",
            "> quote\n>\n> | a | b |\n> |---|--:|\n> | 1 | 2 |\n",
            "<div class=\"address right\">\n\nA\nB\n\nC\n\n</div>\n\nline\\\nbreak<br>\n",
            "x[^1]\n\n[^1]: note\n\n    second para\n",
            "x[^1] after *em* and [l](http://x.org) tail<br> next\\\n line\n\n[^1]: note\n",
            "| a | b |\n|---|---|\n| x *y* z | [^1] w |\n\n[^1]: note\n",
        ] {
            let doc = parse(md).unwrap();
            let written = markdown(&doc);
            assert_eq!(parse(&written).unwrap(), doc, "{md}\n---\n{written}");
        }
    }

    #[test]
    fn spaces_between_inlines_are_written_plain() {
        let doc = parse("Council.[^1] On the occasion, *we* note.\n\n[^1]: A note.\n").unwrap();
        let written = markdown(&doc);
        assert!(
            written.starts_with("Council.[^1] On the occasion, *we* note."),
            "{written}"
        );
        assert!(!written.contains("&#32;"), "{written}");
        // Where Markdown would drop a space, it stays escaped.
        let doc = parse("&#32;edge *x*&#32;\n").unwrap();
        assert_eq!(markdown(&doc), "&#32;edge *x*&#32;\n");
    }
}
