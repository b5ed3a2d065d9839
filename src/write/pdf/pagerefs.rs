//! Page references put in after layout, where that gives the same pages as laying out again.
//!
//! A page reference needs the page its anchor lands on, which only layout
//! finds. When every reference stands alone in its paragraph or table cell
//! (an index's page column), the number's width moves nothing else: the
//! document is laid out once with placeholders as wide as the widest page
//! number can be, the pages holding references are encoded at once with
//! the numbers left out and kept back while the others are written, and
//! once every anchor's page is known the numbers take the placeholders'
//! places, shifted as the line's alignment wants. What a held page keeps
//! is its content stream and the runs that wait (`emit::HeldPage`), not
//! its drawing.
//! Otherwise (a reference inside running text, a number wider than its
//! placeholder) the document is laid out again with the pages found.

use std::collections::HashMap;

use crate::document::{refers_to_pages, Block, Document, Inline};

use super::boxes::{Draw, TextRun};
use super::fonts::FontSet;
use super::layout::Page;

/// How many page references the document has, if every one is alone in
/// its paragraph, heading, line or body cell; `None` if any is not.
pub(super) fn alone(doc: &Document) -> Option<usize> {
    let mut count = 0;
    let ok = doc.footnotes.iter().all(|f| !refers(&f.blocks)) && blocks(&doc.blocks, &mut count);
    ok.then_some(count)
}

fn blocks(bs: &[Block], count: &mut usize) -> bool {
    bs.iter().all(|b| match b {
        Block::Heading { content, .. } | Block::Paragraph { content, .. } => {
            container(content, count)
        }
        Block::Lines { lines, .. } => lines.iter().all(|l| container(l, count)),
        Block::List { items, .. } => items.iter().all(|i| blocks(i, count)),
        // A header row repeats on every page of the table: not counted once.
        Block::Table(t) => {
            t.header.iter().all(|c| !refers_to_pages(c))
                && t.rows.iter().flatten().all(|c| container(c, count))
        }
        Block::Quote(q) | Block::Keep { blocks: q, .. } | Block::Styled { blocks: q, .. } => {
            blocks(q, count)
        }
        Block::Chart(c) => container(&c.caption, count),
        Block::Rule | Block::PageBreak => true,
    })
}

/// Whether `content` has no page reference, or is one alone.
fn container(content: &[Inline], count: &mut usize) -> bool {
    match content {
        [Inline::PageRef { .. }] => {
            *count += 1;
            true
        }
        _ => !refers_to_pages(content),
    }
}

fn refers(bs: &[Block]) -> bool {
    let mut count = 0;
    !blocks(bs, &mut count) || count > 0
}

/// How many references wait for their number on `page`.
pub(super) fn waiting(page: &Page) -> usize {
    page.draws
        .iter()
        .filter(|d| matches!(d, Draw::Text(t) if t.page_ref.is_some()))
        .count()
}

/// The runs of `page` that wait for their number, taken out of it: all a
/// pass needs of a page held back, whose drawing is done with.
pub(super) fn take_waiting(page: Page) -> Vec<TextRun> {
    page.draws
        .into_iter()
        .filter_map(|d| match d {
            Draw::Text(t) if t.page_ref.is_some() => Some(t),
            _ => None,
        })
        .collect()
}

/// Put the number of its anchor in a waiting run's placeholder, shifted as
/// its line's alignment wants; false if the number is wider than the
/// placeholder, which would need the lines set again.
pub(super) fn fill_run(run: &mut TextRun, anchors: &HashMap<String, u32>, fonts: &FontSet) -> bool {
    let Some(slot) = run.page_ref.take() else {
        return true;
    };
    // As a second layout would show an anchor that is nowhere.
    let number = anchors
        .get(&slot.name)
        .map_or_else(|| "?".to_string(), u32::to_string);
    let number = format!("{}{number}", slot.label);
    let width = fonts.width(run.face, run.size, &number);
    if width > slot.shown + 0.01 {
        return false;
    }
    run.x += (slot.shown - width) * slot.shift;
    run.text = number;
    true
}

#[cfg(test)]
mod tests {
    use super::alone;
    use crate::document::{Align, Block, Document, Inline};

    fn para(content: Vec<Inline>) -> Block {
        Block::Paragraph {
            content,
            align: Align::Start,
        }
    }

    #[test]
    fn references_alone_are_counted_others_refuse() {
        let r = || Inline::PageRef {
            target: "a".into(),
            label: String::new(),
        };
        let doc = |blocks| Document {
            blocks,
            ..Document::default()
        };
        assert_eq!(alone(&doc(vec![para(vec![r()]), para(vec![r()])])), Some(2));
        assert_eq!(
            alone(&doc(vec![para(vec![Inline::Text("x".into())])])),
            Some(0)
        );
        assert_eq!(
            alone(&doc(vec![para(vec![
                Inline::Text("see page ".into()),
                r()
            ])])),
            None
        );
        assert_eq!(
            alone(&doc(vec![para(vec![Inline::Strong(vec![r()])])])),
            None
        );
    }
}
