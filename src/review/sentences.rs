//! The sentences of a document drafted for review, each with the marks on
//! it: what `hrdraft explain` searches.

use crate::document::{Block, Document, Inline};

/// One sentence of the body and the review marks on any part of it.
#[derive(Debug, Clone, PartialEq)]
pub struct Sentence {
    /// Its text, footnote references left out.
    pub text: String,
    /// The footnotes it refers to (indices into `Document::footnotes`).
    pub footnotes: Vec<usize>,
    /// The marks on it (indices into `Document::marks`), in order.
    pub marks: Vec<usize>,
}

/// Every sentence of the body of `doc`, paragraph by paragraph (headings,
/// lines, list items, table cells and captions too).
pub fn sentences(doc: &Document) -> Vec<Sentence> {
    let mut out = Vec::new();
    blocks(&doc.blocks, &mut out);
    out
}

fn blocks(bs: &[Block], out: &mut Vec<Sentence>) {
    for b in bs {
        match b {
            Block::Heading { content, .. } | Block::Paragraph { content, .. } => {
                split(content, out)
            }
            Block::Lines { lines, .. } => lines.iter().for_each(|l| split(l, out)),
            Block::List { items, .. } => items.iter().for_each(|i| blocks(i, out)),
            Block::Table(t) => t
                .header
                .iter()
                .chain(t.rows.iter().flatten())
                .for_each(|c| split(c, out)),
            Block::Quote(q) | Block::Keep { blocks: q, .. } | Block::Styled { blocks: q, .. } => {
                blocks(q, out)
            }
            Block::Chart(c) => split(&c.caption, out),
            Block::Rule | Block::PageBreak => {}
        }
    }
}

/// What happens at a byte of a run's plain text.
enum At {
    Start(usize),
    End(usize),
    Note(usize),
}

fn flatten(xs: &[Inline], text: &mut String, at: &mut Vec<(usize, At)>) {
    for i in xs {
        match i {
            Inline::Text(t) => text.push_str(t),
            Inline::Emphasis(c) | Inline::Strong(c) | Inline::Underline(c) => flatten(c, text, at),
            Inline::Link { content, .. } => flatten(content, text, at),
            Inline::LineBreak => text.push(' '),
            Inline::FootnoteRef(n) => at.push((text.len(), At::Note(*n))),
            Inline::Mark { id, end: false } => at.push((text.len(), At::Start(*id))),
            Inline::Mark { id, end: true } => at.push((text.len(), At::End(*id))),
            Inline::Anchor(_) | Inline::PageRef { .. } => {}
        }
    }
}

/// Split one run of inlines into sentences: a sentence ends at `.`, `?`
/// or `!` (closing quotes and brackets after it included) before white space.
fn split(xs: &[Inline], out: &mut Vec<Sentence>) {
    let mut text = String::new();
    let mut at = Vec::new();
    flatten(xs, &mut text, &mut at);
    let mut bounds = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for k in 1..chars.len() {
        if !chars[k].1.is_whitespace() || chars[k - 1].1.is_whitespace() {
            continue;
        }
        let mut p = k;
        while p > 0 && matches!(chars[p - 1].1, '”' | '’' | '"' | '\'' | ')' | ']') {
            p -= 1;
        }
        if p > 0 && matches!(chars[p - 1].1, '.' | '?' | '!') {
            bounds.push(chars[k].0);
        }
    }
    bounds.push(text.len());
    let mut from = 0;
    // Marks open where the sentence starts.
    let mut open: Vec<usize> = Vec::new();
    let mut events = at.iter().peekable();
    for to in bounds {
        let mut marks = open.clone();
        let mut footnotes = Vec::new();
        // Events up to the end of the sentence belong to it; a footnote
        // reference right after its full stop does too.
        while let Some((pos, e)) = events.peek() {
            if *pos > to || (*pos == to && matches!(e, At::Start(_)) && to < text.len()) {
                break;
            }
            match e {
                At::Start(id) => {
                    open.push(*id);
                    if !marks.contains(id) {
                        marks.push(*id);
                    }
                }
                At::End(id) => open.retain(|x| x != id),
                At::Note(n) => footnotes.push(*n),
            }
            events.next();
        }
        let sentence = text[from..to].trim();
        if !sentence.is_empty() {
            out.push(Sentence {
                text: sentence.to_string(),
                footnotes,
                marks,
            });
        }
        from = to;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_and_notes_go_with_their_sentences() {
        let t = |s: &str| Inline::Text(s.into());
        let doc = Document {
            blocks: vec![Block::Paragraph {
                content: vec![
                    t("One. "),
                    Inline::Mark { id: 0, end: false },
                    t("Two is "),
                    Inline::Strong(vec![t("bold")]),
                    t("."),
                    Inline::FootnoteRef(0),
                    Inline::Mark { id: 0, end: true },
                    t(" Three?"),
                ],
                align: Default::default(),
            }],
            ..Document::default()
        };
        let s = sentences(&doc);
        assert_eq!(s.len(), 3);
        assert_eq!((s[0].text.as_str(), s[0].marks.len()), ("One.", 0));
        assert_eq!(s[1].text, "Two is bold.");
        assert_eq!(
            (s[1].marks.clone(), s[1].footnotes.clone()),
            (vec![0], vec![0])
        );
        assert!(s[2].marks.is_empty());
    }
}
