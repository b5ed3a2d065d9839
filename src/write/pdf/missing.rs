//! The characters of a document the PDF's embedded font has no glyph for.
//!
//! The PDF is set in Liberation Serif (Latin, Greek, Cyrillic, Hebrew); a
//! character outside it (an emoji, Chinese, Arabic) is drawn as the
//! replacement mark. That is a loss a reader of the PDF sees and the writer
//! cannot undo, so it is never silent: [`missing_glyphs`] finds every such
//! character and where it first occurs, for the command to warn about.

use crate::document::{Block, Document, Inline};

use super::fonts::{Face, FontSet};

/// Characters the font cannot show, in the order first met, each with the
/// text it was first met in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MissingGlyphs {
    /// Each character, once.
    pub chars: Vec<char>,
    /// The text the first of them is in, cut to 80 characters.
    pub first_in: String,
}

impl MissingGlyphs {
    /// A sentence for the user: which characters, where, and what the other
    /// formats do with them. `None` when nothing is missing.
    pub fn message(&self) -> Option<String> {
        let first = self.chars.first()?;
        let listed: Vec<String> = self
            .chars
            .iter()
            .take(12)
            .map(|c| format!("{c} (U+{:04X})", u32::from(*c)))
            .collect();
        let more = if self.chars.len() > 12 {
            format!(" and {} more", self.chars.len() - 12)
        } else {
            String::new()
        };
        Some(format!(
            "the PDF's font has no glyph for {}{more}, so the PDF shows each as a replacement \
             mark (first {first} in \"{}\"); the DOCX and HTML show them as written",
            listed.join(", "),
            self.first_in
        ))
    }
}

/// Every character of `doc` the PDF's regular face cannot show, leaving
/// out those the PDF leaves out on purpose (controls, line breaks,
/// invisible format characters).
pub fn missing_glyphs(doc: &Document) -> MissingGlyphs {
    let mut found = MissingGlyphs::default();
    let Ok(fonts) = FontSet::load() else {
        return found;
    };
    let face = fonts.face(Face::Regular);
    let mut check = |text: &str| {
        for c in text.chars() {
            if dropped(c) || face.has(c) || found.chars.contains(&c) {
                continue;
            }
            if found.chars.is_empty() {
                let count = text.chars().count();
                found.first_in = if count > 80 {
                    format!("{}…", text.chars().take(80).collect::<String>())
                } else {
                    text.to_string()
                };
            }
            found.chars.push(c);
        }
    };
    check(&doc.meta.title);
    for b in &doc.blocks {
        block(b, &mut check);
    }
    for f in &doc.footnotes {
        for b in &f.blocks {
            block(b, &mut check);
        }
    }
    found
}

/// What the PDF writer drops rather than draws (see `inline.rs`).
fn dropped(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            ' ' | '\u{2028}'
                | '\u{2029}'
                | '\u{ad}'
                | '\u{200b}'..='\u{200f}'
                | '\u{2060}'..='\u{2064}'
                | '\u{feff}'
        )
}

fn block(b: &Block, check: &mut impl FnMut(&str)) {
    match b {
        Block::Heading { content, .. } | Block::Paragraph { content, .. } => {
            inlines(content, check);
        }
        Block::Lines { lines, .. } => {
            for l in lines {
                inlines(l, check);
            }
        }
        Block::List { items, .. } => {
            for item in items {
                for b in item {
                    block(b, check);
                }
            }
        }
        Block::Table(t) => {
            for cell in t.header.iter().chain(t.rows.iter().flatten()) {
                inlines(cell, check);
            }
        }
        Block::Quote(blocks) | Block::Keep { blocks, .. } => {
            for b in blocks {
                block(b, check);
            }
        }
        Block::Chart(c) => {
            inlines(&c.caption, check);
            for s in c.label_headers.iter().chain(&c.series) {
                check(s);
            }
            for b in &c.bars {
                check(&b.group);
                check(&b.label);
            }
        }
        Block::Rule | Block::PageBreak => {}
    }
}

fn inlines(content: &[Inline], check: &mut impl FnMut(&str)) {
    for i in content {
        match i {
            Inline::Text(t) => check(t),
            Inline::Emphasis(c) | Inline::Strong(c) | Inline::Underline(c) => inlines(c, check),
            Inline::Link { content, .. } => inlines(content, check),
            Inline::FootnoteRef(_) | Inline::LineBreak | Inline::Anchor(_) | Inline::PageRef(_) => {
            }
        }
    }
}
