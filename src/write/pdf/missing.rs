//! What of a document the PDF cannot show as written, and where: characters no font has, and scripts it cannot shape.
//!
//! The PDF is set in Liberation Serif (Latin, Greek, Cyrillic, Hebrew) and,
//! for a character it lacks, in a font found on the machine (`fallback`).
//! A character no font has (an emoji, on most machines) is drawn as the
//! replacement mark. Text of a script whose letters join or reorder
//! (Arabic, Hebrew, the scripts of India) is drawn letter by letter, left
//! to right, without shaping. Both are losses a reader of the PDF sees and
//! the writer cannot undo, so neither is silent: [`missing_glyphs`] finds
//! them with the text and heading they are under, for the command to warn
//! about.

use crate::document::{Block, Document, Inline};

use super::fallback;
use super::fonts::{Face, FontSet};

/// How many places are named in a warning.
const PLACES: usize = 3;

/// What the PDF cannot show as written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MissingGlyphs {
    /// Each character no font has, once, in the order first met.
    pub chars: Vec<char>,
    /// Where the first few of them are (each place once).
    pub places: Vec<Place>,
    /// Each script drawn without the shaping or direction it needs, with
    /// where it is first met.
    pub unshaped: Vec<(&'static str, Place)>,
}

/// A text of the document, cut to about 80 characters around what is
/// reported, and the heading it is under (or "before the first heading",
/// "footnote 3").
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Place {
    /// The text.
    pub text: String,
    /// Where it is.
    pub under: String,
}

impl Place {
    fn describe(&self) -> String {
        format!("\"{}\" ({})", self.text, self.under)
    }
}

impl MissingGlyphs {
    /// One sentence for the user per problem: which characters, where, and
    /// what the other formats do with them. Empty when the PDF shows
    /// everything as written.
    pub fn messages(&self) -> Vec<String> {
        let mut out = Vec::new();
        if !self.chars.is_empty() {
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
            let places: Vec<String> = self.places.iter().map(Place::describe).collect();
            out.push(format!(
                "the PDF's fonts have no glyph for {}{more}, so the PDF shows each as a \
                 replacement mark, in {}; the DOCX and HTML show them as written; install a \
                 font that has them, or name its folder in HRDRAFT_FONT_DIRS",
                listed.join(", "),
                places.join(", ")
            ));
        }
        for (script, place) in &self.unshaped {
            out.push(format!(
                "{script} text is drawn in the PDF letter by letter, left to right, without \
                 the joining, mark placement or right-to-left order it needs, in {}; the DOCX \
                 and HTML show it as written",
                place.describe()
            ));
        }
        out
    }
}

/// Walks the document's text, knowing the heading above it.
struct Walk<'f> {
    face: &'f super::fonts::Metrics,
    found: MissingGlyphs,
    under: String,
    /// The texts places were taken from, so that each is named once.
    named: Vec<String>,
}

impl Walk<'_> {
    fn check(&mut self, text: &str) {
        for (at, c) in text.char_indices() {
            // Latin, Greek and Cyrillic: all in Liberation Serif, nothing to shape.
            if c < '\u{590}' && (self.face.has(c) || dropped(c)) {
                continue;
            }
            if let Some(script) = needs_shaping(c) {
                if !self.found.unshaped.iter().any(|(s, _)| *s == script) {
                    let place = self.place(text, at);
                    self.found.unshaped.push((script, place));
                }
            }
            if dropped(c) || self.face.has(c) || self.found.chars.contains(&c) {
                continue;
            }
            if fallback::face_for(c).is_some() {
                continue;
            }
            self.found.chars.push(c);
            if self.found.places.len() < PLACES && !self.named.iter().any(|t| t == text) {
                self.named.push(text.to_string());
                let place = self.place(text, at);
                self.found.places.push(place);
            }
        }
    }

    /// The text around byte `at` of `text`, and the heading it is under.
    fn place(&self, text: &str, at: usize) -> Place {
        let before: Vec<char> = text[..at].chars().rev().take(31).collect();
        let mut shown = String::new();
        if before.len() > 30 {
            shown.push('…');
        }
        shown.extend(before.iter().take(30).rev());
        shown.push_str(&cut(&text[at..], 50));
        Place {
            text: shown.trim().to_string(),
            under: self.under.clone(),
        }
    }

    fn block(&mut self, b: &Block) {
        match b {
            Block::Heading { content, .. } => {
                let mut title = String::new();
                plain(content, &mut title);
                self.under = format!("under the heading \"{}\"", cut(&title, 80));
                self.inlines(content);
            }
            Block::Paragraph { content, .. } => self.inlines(content),
            Block::Lines { lines, .. } => {
                for l in lines {
                    self.inlines(l);
                }
            }
            Block::List { items, .. } => {
                for item in items {
                    for b in item {
                        self.block(b);
                    }
                }
            }
            Block::Table(t) => {
                for cell in t.header.iter().chain(t.rows.iter().flatten()) {
                    self.inlines(cell);
                }
            }
            Block::Quote(blocks) | Block::Keep { blocks, .. } | Block::Styled { blocks, .. } => {
                for b in blocks {
                    self.block(b);
                }
            }
            Block::Chart(c) => {
                self.inlines(&c.caption);
                for s in c.label_headers.iter().chain(&c.series) {
                    self.check(s);
                }
                for b in &c.bars {
                    self.check(&b.group);
                    self.check(&b.label);
                }
            }
            Block::Rule | Block::PageBreak => {}
        }
    }

    fn inlines(&mut self, content: &[Inline]) {
        for i in content {
            match i {
                Inline::Text(t) => self.check(t),
                Inline::Emphasis(c) | Inline::Strong(c) | Inline::Underline(c) => self.inlines(c),
                Inline::Link { content, .. } => self.inlines(content),
                Inline::FootnoteRef(_)
                | Inline::LineBreak
                | Inline::Anchor(_)
                | Inline::PageRef { .. }
                | Inline::Mark { .. } => {}
            }
        }
    }
}

/// Every character of `doc` no font of the PDF can show, leaving out those
/// the PDF leaves out on purpose (controls, line breaks, invisible format
/// characters), and every script it draws without shaping. Fonts on the
/// machine are looked at only for a character Liberation Serif lacks.
pub fn missing_glyphs(doc: &Document) -> MissingGlyphs {
    let Ok(fonts) = FontSet::load() else {
        return MissingGlyphs::default();
    };
    // The title in the file's properties is not set in a font: the
    // title page's heading is, and is walked with the rest.
    let mut walk = Walk {
        face: fonts.face(Face::Regular),
        found: MissingGlyphs::default(),
        under: "before the first heading".into(),
        named: Vec::new(),
    };
    for b in &doc.blocks {
        walk.block(b);
    }
    for (n, f) in doc.footnotes.iter().enumerate() {
        walk.under = format!("footnote {}", n + 1);
        for b in &f.blocks {
            walk.block(b);
        }
    }
    walk.found
}

/// The text of inline content, without marks.
fn plain(content: &[Inline], out: &mut String) {
    for i in content {
        match i {
            Inline::Text(t) => out.push_str(t),
            Inline::Emphasis(c) | Inline::Strong(c) | Inline::Underline(c) => plain(c, out),
            Inline::Link { content, .. } => plain(content, out),
            Inline::LineBreak => out.push(' '),
            Inline::FootnoteRef(_)
            | Inline::Anchor(_)
            | Inline::PageRef { .. }
            | Inline::Mark { .. } => {}
        }
    }
}

/// `text` cut to `n` characters.
fn cut(text: &str, n: usize) -> String {
    if text.chars().nth(n).is_some() {
        format!("{}…", text.chars().take(n).collect::<String>())
    } else {
        text.to_string()
    }
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

/// The script of `c` when its text needs more than drawing each character's
/// glyph in a row: letters that join or change form, marks placed by the
/// font's rules, or right-to-left order. The PDF writer does none of that.
pub(crate) fn needs_shaping(c: char) -> Option<&'static str> {
    Some(match u32::from(c) {
        0x0590..=0x05FF | 0xFB1D..=0xFB4F => "Hebrew",
        0x0600..=0x06FF | 0x0750..=0x077F | 0x0870..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => {
            "Arabic"
        }
        0x0700..=0x074F => "Syriac",
        0x0780..=0x07BF => "Thaana",
        0x07C0..=0x07FF => "N'Ko",
        0x0800..=0x085F => "Samaritan or Mandaic",
        0x0900..=0x097F => "Devanagari",
        0x0980..=0x09FF => "Bengali",
        0x0A00..=0x0A7F => "Gurmukhi",
        0x0A80..=0x0AFF => "Gujarati",
        0x0B00..=0x0B7F => "Oriya",
        0x0B80..=0x0BFF => "Tamil",
        0x0C00..=0x0C7F => "Telugu",
        0x0C80..=0x0CFF => "Kannada",
        0x0D00..=0x0D7F => "Malayalam",
        0x0D80..=0x0DFF => "Sinhala",
        0x0E00..=0x0E7F => "Thai",
        0x0E80..=0x0EFF => "Lao",
        0x0F00..=0x0FFF => "Tibetan",
        0x1000..=0x109F => "Myanmar",
        0x1100..=0x11FF => "Hangul jamo",
        0x1780..=0x17FF => "Khmer",
        0x1800..=0x18AF => "Mongolian",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Document, Inline};

    fn doc_with(blocks: Vec<Block>) -> Document {
        Document {
            blocks,
            ..Document::default()
        }
    }

    #[test]
    fn latin_cyrillic_and_greek_need_nothing() {
        let doc = doc_with(vec![Block::Paragraph {
            content: vec![Inline::Text(
                "Қазақстан, Ελλάδα, Côte d’Ivoire — “fine”".into(),
            )],
            align: Default::default(),
        }]);
        let found = missing_glyphs(&doc);
        assert_eq!(found, MissingGlyphs::default());
        assert!(found.messages().is_empty());
    }

    #[test]
    fn arabic_and_hebrew_are_named_with_their_place() {
        let doc = doc_with(vec![
            Block::Heading {
                level: 1,
                content: vec![Inline::Text("Recommending States".into())],
            },
            Block::Paragraph {
                content: vec![Inline::Text("Mexico العربية".into())],
                align: Default::default(),
            },
            Block::Paragraph {
                content: vec![Inline::Text("Israel עברית".into())],
                align: Default::default(),
            },
        ]);
        let found = missing_glyphs(&doc);
        let scripts: Vec<&str> = found.unshaped.iter().map(|(s, _)| *s).collect();
        assert_eq!(scripts, ["Arabic", "Hebrew"]);
        let messages = found.messages();
        let arabic = messages
            .iter()
            .find(|m| m.starts_with("Arabic text"))
            .expect("an Arabic warning");
        assert!(
            arabic.contains("in \"Mexico العربية\" (under the heading \"Recommending States\")"),
            "{arabic}"
        );
    }
}
