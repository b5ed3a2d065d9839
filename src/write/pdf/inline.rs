//! Inline content flattened into one string with style spans and marks, ready for line breaking.

use std::collections::HashMap;

use crate::document::Inline;

use super::fallback;
use super::fonts::{Face, FontSet};

/// How a span of text is set.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Style {
    pub face: Face,
    pub size: f32,
    /// Raise above the baseline (superscript footnote marks).
    pub rise: f32,
    pub underline: bool,
    /// Index into [`Para::links`].
    pub link: Option<u32>,
}

/// A stretch of [`Para::text`] in one style.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Span {
    pub start: usize,
    pub end: usize,
    pub style: Style,
}

/// Something attached to a position in the text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Mark {
    Note(usize),
    Anchor(String),
    /// A page reference's placeholder, after its `label` ("page\u{a0}",
    /// or nothing), which ends at this byte offset.
    PageRef {
        name: String,
        label: String,
        end: usize,
    },
}

/// A paragraph's text: spans cover `text` end to end, marks are in text order.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Para {
    pub text: String,
    pub spans: Vec<Span>,
    pub marks: Vec<(usize, Mark)>,
    pub links: Vec<String>,
}

/// What `Inline::PageRef` shows.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum PageMap {
    /// A first pass, when no page is known yet: a placeholder of this many
    /// digits, about as wide as the real numbers will be.
    Guess(usize),
    /// The page of each anchor, as the last pass found it.
    Known(HashMap<String, u32>),
}

/// Flattens inline trees into a [`Para`].
pub(crate) struct Flattener<'a> {
    fonts: &'a FontSet,
    pages: &'a PageMap,
    para: Para,
    /// The last thing added was a footnote mark, so a following one needs a separator.
    after_note: bool,
}

impl<'a> Flattener<'a> {
    pub(crate) fn new(fonts: &'a FontSet, pages: &'a PageMap) -> Self {
        Flattener {
            fonts,
            pages,
            para: Para::default(),
            after_note: false,
        }
    }

    /// Add inline content in a base style.
    pub(crate) fn inlines(&mut self, inlines: &[Inline], style: Style) {
        for inline in inlines {
            match inline {
                Inline::Text(t) => self.text(t, style),
                Inline::Emphasis(c) => self.inlines(
                    c,
                    Style {
                        face: style.face.italic(),
                        ..style
                    },
                ),
                Inline::Strong(c) => self.inlines(
                    c,
                    Style {
                        face: style.face.bold(),
                        ..style
                    },
                ),
                Inline::Underline(c) => self.inlines(
                    c,
                    Style {
                        underline: true,
                        ..style
                    },
                ),
                Inline::Link { url, content } => {
                    let idx = u32::try_from(self.para.links.len()).unwrap_or(u32::MAX);
                    self.para.links.push(url.clone());
                    self.inlines(
                        content,
                        Style {
                            link: Some(idx),
                            ..style
                        },
                    );
                }
                Inline::FootnoteRef(i) => {
                    let sup = Style {
                        size: style.size * 0.62,
                        rise: style.size * 0.36,
                        underline: false,
                        ..style
                    };
                    if self.after_note {
                        self.text(",", sup);
                    }
                    self.para.marks.push((self.para.text.len(), Mark::Note(*i)));
                    self.text(&(i + 1).to_string(), sup);
                    self.after_note = true;
                    continue;
                }
                Inline::LineBreak => self.raw('\n', style),
                Inline::Mark { .. } => continue,
                Inline::Anchor(name) => {
                    self.para
                        .marks
                        .push((self.para.text.len(), Mark::Anchor(name.clone())));
                    continue;
                }
                Inline::PageRef {
                    target: name,
                    label,
                } => {
                    // The label and the number kept on one line, in one
                    // run, so that the number can be put in its place later.
                    let label = if label.is_empty() {
                        String::new()
                    } else {
                        format!("{label}\u{a0}")
                    };
                    let start = self.para.text.len();
                    self.text(&label, style);
                    let shown = match self.pages {
                        PageMap::Guess(digits) => "0".repeat((*digits).clamp(1, 12)),
                        PageMap::Known(map) => {
                            map.get(name).map_or("?".to_string(), u32::to_string)
                        }
                    };
                    self.text(&shown, style);
                    if matches!(self.pages, PageMap::Guess(_)) {
                        let end = self.para.text.len();
                        self.para.marks.push((
                            start,
                            Mark::PageRef {
                                name: name.clone(),
                                label,
                                end,
                            },
                        ));
                    }
                }
            }
            self.after_note = false;
        }
    }

    /// Add text in one style; a character the face lacks is set in the
    /// system face found for it, else shown as the replacement mark (which
    /// `missing` reports).
    pub(crate) fn text(&mut self, s: &str, style: Style) {
        let m = self.fonts.face(style.face);
        let mut rest = s;
        while !rest.is_empty() {
            // Most text is shown as it is: whole runs of it are added at once.
            let plain = shown_len(rest, m);
            if plain > 0 {
                self.run(&rest[..plain], style);
                rest = &rest[plain..];
                continue;
            }
            let Some(c) = rest.chars().next() else { break };
            rest = &rest[c.len_utf8()..];
            let c = match c {
                '\t' | '\n' | '\r' | '\u{2028}' | '\u{2029}' => ' ',
                // Invisible characters the font has no glyph for; dropping them
                // changes nothing a reader sees.
                '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{2060}'..='\u{2064}' | '\u{feff}' => {
                    continue
                }
                c if c.is_control() => continue,
                c if m.has(c) => c,
                c => {
                    if let Some(n) = fallback::face_for(c) {
                        let face = Face::Fallback(n);
                        self.raw(c, Style { face, ..style });
                        continue;
                    }
                    if m.has('\u{fffd}') {
                        '\u{fffd}'
                    } else {
                        '?'
                    }
                }
            };
            self.raw(c, style);
        }
    }

    /// Add text shown as it is.
    fn run(&mut self, s: &str, style: Style) {
        let start = self.para.text.len();
        self.para.text.push_str(s);
        let end = self.para.text.len();
        match self.para.spans.last_mut() {
            Some(last) if last.style == style && last.end == start => last.end = end,
            _ => self.para.spans.push(Span { start, end, style }),
        }
    }

    fn raw(&mut self, c: char, style: Style) {
        self.run(c.encode_utf8(&mut [0; 4]), style);
    }

    pub(crate) fn finish(self) -> Para {
        self.para
    }
}

/// How many bytes at the start of `s` are shown as they are
/// ([`shown_as_is`]): a printable ASCII character byte by byte, as most
/// text is, anything else as a character.
fn shown_len(s: &str, m: &super::fonts::Metrics) -> usize {
    let bytes = s.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b.is_ascii() {
            if !(b.is_ascii_graphic() || b == b' ') || !m.has(char::from(b)) {
                return i;
            }
            i += 1;
        } else {
            // `i` follows whole characters, so it is a boundary.
            match s.get(i..).and_then(|r| r.chars().next()) {
                Some(c) if shown_as_is(c, m) => i += c.len_utf8(),
                _ => return i,
            }
        }
    }
    i
}

/// Whether `c` is added as it is: not a control or invisible character,
/// and one the face has.
fn shown_as_is(c: char, m: &super::fonts::Metrics) -> bool {
    !matches!(
        c,
        '\t' | '\n'
            | '\r'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{ad}'
            | '\u{200b}'..='\u{200f}'
            | '\u{2060}'..='\u{2064}'
            | '\u{feff}'
    ) && !c.is_control()
        && m.has(c)
}

/// Cumulative width at each byte offset of the text (`cum[b]` = width of `text[..b]`).
///
/// In f64: a paragraph of millions of characters is kilometres wide, where
/// an f32 can no longer tell one character's width from none (at 10^8
/// points its step is 8), and lines then came out far wider than the page.
pub(crate) fn measure(para: &Para, fonts: &FontSet) -> Vec<f64> {
    let len = para.text.len();
    let mut cum = vec![0.0f64; len + 1];
    let mut acc = 0.0f64;
    for span in &para.spans {
        let m = fonts.face(span.style.face);
        let size = span.style.size;
        let Some(piece) = para.text.get(span.start..span.end) else {
            continue;
        };
        // Kerning between the glyphs of one span (one face and size) goes
        // before the second glyph, as the content stream sets it.
        let mut prev: Option<u16> = None;
        for (i, c) in piece.char_indices() {
            let b = span.start + i;
            let g = m.glyph_id(c);
            if let Some(p) = prev {
                // Most pairs do not kern: nothing is added.
                let k = m.kerning(p, g);
                if k != 0.0 {
                    acc += f64::from(k * size);
                }
            }
            match c.len_utf8() {
                1 => {
                    if let Some(slot) = cum.get_mut(b) {
                        *slot = acc;
                    }
                }
                n => {
                    if let Some(slots) = cum.get_mut(b..b + n) {
                        slots.fill(acc);
                    }
                }
            }
            if c == '\n' {
                prev = None;
            } else {
                acc += f64::from(m.advance_of(g) * size);
                prev = Some(g);
            }
        }
    }
    if let Some(last) = cum.last_mut() {
        *last = acc;
    }
    cum
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        /// Printable ASCII taken byte by byte, the rest character by
        /// character: the same length as asking of every character.
        #[test]
        fn shown_len_stops_where_the_first_character_not_shown_is(
            text in "[a-zA-Z0-9 .,\t\n\r\u{0}\u{7f}\u{ad}\u{200b}\u{feff}\u{2028}éЖ€\u{10348}😀ק]{0,24}",
        ) {
            let fonts = FontSet::load().expect("fonts load");
            for face in [Face::Regular, Face::Bold, Face::Italic, Face::BoldItalic] {
                let m = fonts.face(face);
                let by_chars = text.find(|c: char| !shown_as_is(c, m)).unwrap_or(text.len());
                prop_assert_eq!(shown_len(&text, m), by_chars);
            }
        }

        /// Each byte's width is what adding every character's advance and
        /// kerning, one by one, gives: no pair is skipped and nothing is
        /// added twice.
        #[test]
        fn measure_adds_every_advance_and_kerning_pair(
            text in "[AVTaoy .,\n\u{a0}éЖ€😀]{0,24}",
            cut in 0usize..25,
        ) {
            let fonts = FontSet::load().expect("fonts load");
            let style = |face| Style { face, size: 11.0, rise: 0.0, underline: false, link: None };
            let mut cut = cut.min(text.len());
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            let para = Para {
                text: text.clone(),
                spans: vec![
                    Span { start: 0, end: cut, style: style(Face::Regular) },
                    Span { start: cut, end: text.len(), style: style(Face::Bold) },
                ],
                marks: Vec::new(),
                links: Vec::new(),
            };
            let cum = measure(&para, &fonts);
            let mut want = vec![0.0f64; text.len() + 1];
            let mut acc = 0.0f64;
            for span in &para.spans {
                let m = fonts.face(span.style.face);
                let mut prev = None;
                for (i, c) in text[span.start..span.end].char_indices() {
                    let g = m.glyph_id(c);
                    if let Some(p) = prev {
                        acc += f64::from(m.kerning(p, g) * 11.0);
                    }
                    for slot in &mut want[span.start + i..span.start + i + c.len_utf8()] {
                        *slot = acc;
                    }
                    prev = (c != '\n').then_some(g);
                    if c != '\n' {
                        acc += f64::from(m.advance(c) * 11.0);
                    }
                }
            }
            want[text.len()] = acc;
            prop_assert_eq!(cum, want);
        }
    }
}
