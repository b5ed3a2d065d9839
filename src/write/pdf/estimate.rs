//! A rough page count before layout, so that the first pass shows page references as wide as the real ones.
//!
//! Page references are settled by laying the document out again with the
//! pages the last pass found. The first pass has none yet and shows a
//! placeholder; when the placeholder is narrower than the real numbers (two
//! digits against the five of a 30,000-page report), the next pass moves
//! text and a third is needed. A count of lines from the text's length is
//! close enough to give the number of digits.

use crate::document::{Block, Document, Inline};

use super::style::Theme;

/// Average advance of a character of the body face, in em.
const CHAR_EM: f32 = 0.48;

/// The number of digits the document's page numbers will likely have (at least one).
pub(crate) fn page_digits(doc: &Document, theme: &Theme) -> usize {
    let line = (theme.body_size * theme.leading).max(1.0);
    let per_page = ((theme.page_height - theme.margin_top - theme.margin_bottom) / line).max(1.0);
    let chars_per_line = (theme.text_width / (theme.body_size * CHAR_EM)).max(1.0);
    let notes = doc
        .footnotes
        .iter()
        // Notes are smaller: more of them fit on a line and a page.
        .map(|n| blocks(&n.blocks, chars_per_line * 1.2) / 1.2)
        .sum::<f32>();
    // A page break ends a page however little is on it.
    let mut pages = (notes / per_page).ceil();
    for part in doc.blocks.split(|b| matches!(b, Block::PageBreak)) {
        pages += (blocks(part, chars_per_line) / per_page).ceil().max(1.0);
    }
    let pages = pages.max(1.0);
    // f32 holds page counts exactly far beyond any document.
    (pages as u64).to_string().len()
}

fn text_len(xs: &[Inline]) -> usize {
    xs.iter()
        .map(|i| match i {
            Inline::Text(t) => t.chars().count(),
            Inline::Emphasis(c) | Inline::Strong(c) | Inline::Underline(c) => text_len(c),
            Inline::Link { content, .. } => text_len(content),
            Inline::FootnoteRef(_) | Inline::PageRef { .. } => 2,
            Inline::LineBreak | Inline::Anchor(_) | Inline::Mark { .. } => 0,
        })
        .sum()
}

/// Lines `text` takes at `width` characters a line, with the space after a paragraph.
fn para(chars: usize, width: f32) -> f32 {
    (chars as f32 / width).ceil().max(1.0) + 0.5
}

fn blocks(bs: &[Block], width: f32) -> f32 {
    bs.iter()
        .map(|b| match b {
            Block::Heading { content, .. } | Block::Paragraph { content, .. } => {
                para(text_len(content), width)
            }
            Block::Lines { lines, .. } => lines.len() as f32 + 0.5,
            Block::List { items, .. } => items.iter().map(|i| blocks(i, width * 0.9)).sum(),
            Block::Quote(q) => blocks(q, width * 0.85),
            Block::Keep { blocks: k, .. } | Block::Styled { blocks: k, .. } => blocks(k, width),
            Block::Table(t) => {
                let total: f32 = t.columns.iter().map(|c| c.width.max(0.0)).sum::<f32>();
                let share = |i: usize| match t.columns.get(i) {
                    Some(c) if total > 0.0 => c.width.max(0.0) / total,
                    _ => 1.0 / t.columns.len().max(1) as f32,
                };
                std::iter::once(&t.header)
                    .chain(&t.rows)
                    .filter(|row| !row.is_empty())
                    .map(|row| {
                        // A row is as tall as its fullest cell, plus its padding.
                        row.iter()
                            .enumerate()
                            .map(|(i, cell)| {
                                (text_len(cell) as f32 / (width * share(i)).max(1.0)).ceil()
                            })
                            .fold(1.0, f32::max)
                            + 0.3
                    })
                    .sum()
            }
            Block::Rule => 1.0,
            Block::PageBreak => 0.0,
            // Caption, bars two lines apart, scale and legend.
            Block::Chart(c) => 2.0 * c.bars.len() as f32 + 5.0,
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Align, PageSettings};

    fn doc(paragraphs: usize, chars: usize) -> Document {
        Document {
            blocks: (0..paragraphs)
                .map(|_| Block::Paragraph {
                    content: vec![Inline::Text("word ".repeat(chars / 5))],
                    align: Align::Justify,
                })
                .collect(),
            ..Document::default()
        }
    }

    #[test]
    fn digits_match_the_pages_layout_finds() {
        let theme = Theme::new(&PageSettings::default()).expect("theme");
        // A letter, and a report of some hundred pages.
        for (paragraphs, chars) in [(8, 500), (20, 500), (900, 500)] {
            let d = doc(paragraphs, chars);
            let pages = crate::write::pdf::page_count(&d).expect("layout");
            assert_eq!(
                page_digits(&d, &theme),
                pages.to_string().len(),
                "{paragraphs} paragraphs of {chars} characters: {pages} pages"
            );
        }
        assert_eq!(page_digits(&Document::default(), &theme), 1);
    }
}
