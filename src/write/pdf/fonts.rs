//! The four embedded Liberation Serif faces, and the system faces found for what they lack: metrics for line breaking and what the PDF font dictionaries say.
//!
//! Each face is parsed once per process (`OnceLock`): layout needs only advance
//! widths, which are copied into flat tables so that measuring a character is two
//! array reads; the emitter needs glyph ids, the face's names and its descriptor
//! values, and the font file itself, which it subsets.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::fallback;

/// One of the embedded faces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Face {
    Regular,
    Bold,
    Italic,
    BoldItalic,
    /// A system face found for characters the four lack, by its place in
    /// the order they are tried (see `fallback`). Fixed for a given set of
    /// installed fonts, so two renders give the same bytes.
    Fallback(u16),
}

impl Face {
    pub(crate) fn index(self) -> usize {
        match self {
            Face::Regular => 0,
            Face::Bold => 1,
            Face::Italic => 2,
            Face::BoldItalic => 3,
            Face::Fallback(n) => 4 + usize::from(n),
        }
    }

    /// The face with bold added.
    pub(crate) fn bold(self) -> Face {
        match self {
            Face::Regular | Face::Bold => Face::Bold,
            Face::Italic | Face::BoldItalic => Face::BoldItalic,
            // A system face is used in the one weight and slant it was found in.
            f @ Face::Fallback(_) => f,
        }
    }

    /// The face with italic added.
    pub(crate) fn italic(self) -> Face {
        match self {
            Face::Regular | Face::Italic => Face::Italic,
            Face::Bold | Face::BoldItalic => Face::BoldItalic,
            f @ Face::Fallback(_) => f,
        }
    }

    /// The PDF resource name, also the six-letter subset tag put before the font
    /// name; fixed so that two renders give the same bytes.
    pub(crate) fn resource_name(self) -> &'static str {
        match self {
            Face::Regular => "HRDFTR",
            Face::Bold => "HRDFTB",
            Face::Italic => "HRDFTI",
            Face::BoldItalic => "HRDFTJ",
            Face::Fallback(n) => fallback::get(n).map_or("HRDFTX", |f| f.tag.as_str()),
        }
    }

    /// The font file, and the face's index in it (for a collection).
    pub(crate) fn file(self) -> (&'static [u8], u32) {
        match self {
            Face::Fallback(n) => fallback::get(n).map_or((&[][..], 0), |f| (&f.data[..], f.index)),
            base => (base.bytes(), 0),
        }
    }

    /// The font file of an embedded face.
    fn bytes(self) -> &'static [u8] {
        match self {
            Face::Regular => include_bytes!("../../../fonts/LiberationSerif-Regular.ttf"),
            Face::Bold => include_bytes!("../../../fonts/LiberationSerif-Bold.ttf"),
            Face::Italic => include_bytes!("../../../fonts/LiberationSerif-Italic.ttf"),
            Face::BoldItalic | Face::Fallback(_) => {
                include_bytes!("../../../fonts/LiberationSerif-BoldItalic.ttf")
            }
        }
    }
}

/// Advance widths of one face, indexed by character.
pub(crate) struct Metrics {
    /// Glyph id + 1 for each code point of the Basic Multilingual Plane; 0
    /// where the face has no glyph.
    glyph: Vec<u16>,
    /// Glyph ids of the characters beyond it (emoji, rare Chinese
    /// characters); Liberation Serif has none.
    astral: HashMap<u32, u16>,
    /// Advance of each glyph in em.
    advance: Vec<f32>,
    /// Pair kerning from the face's `kern` table, by left glyph: the pairs
    /// of glyph `g` are `kern_pairs[kern_start[g]..kern_start[g + 1]]`,
    /// sorted by right glyph, with the adjustment in em.
    kern_start: Vec<u32>,
    kern_pairs: Vec<(u16, f32)>,
    /// Ascender in em (positive).
    pub(crate) ascent: f32,
    /// Descender in em (positive).
    pub(crate) descent: f32,
    /// What the PDF font descriptor says of the face.
    pub(crate) descriptor: Descriptor,
}

/// The facts of a face a PDF font descriptor carries, in thousandths of an em.
#[derive(Debug, Clone)]
pub(crate) struct Descriptor {
    /// PostScript name, as `LiberationSerif-Bold`.
    pub(crate) postscript_name: String,
    /// Family name, as `Liberation Serif`.
    pub(crate) family: String,
    /// Bounding box of all glyphs: left, bottom, right, top.
    pub(crate) bbox: [f32; 4],
    pub(crate) italic_angle: f32,
    pub(crate) ascent: f32,
    pub(crate) descent: f32,
    pub(crate) cap_height: f32,
    /// Weight class, 400 regular and 700 bold.
    pub(crate) weight: u16,
    pub(crate) italic: bool,
}

impl Metrics {
    pub(crate) fn parse(data: &[u8], index: u32) -> Result<Metrics, String> {
        let face = ttf_parser::Face::parse(data, index).map_err(|e| e.to_string())?;
        let upm = f32::from(face.units_per_em().max(1));
        let advance = (0..face.number_of_glyphs())
            .map(|g| f32::from(face.glyph_hor_advance(ttf_parser::GlyphId(g)).unwrap_or(0)) / upm)
            .collect();
        let mut glyph = vec![0u16; 0x1_0000];
        let mut astral = HashMap::new();
        if let Some(cmap) = face.tables().cmap {
            for sub in cmap.subtables.into_iter().filter(|s| s.is_unicode()) {
                sub.codepoints(|cp| {
                    let Some(g) = sub.glyph_index(cp).filter(|g| g.0 != 0 && g.0 < u16::MAX) else {
                        return;
                    };
                    match glyph.get_mut(cp as usize) {
                        Some(slot) if *slot == 0 => *slot = g.0 + 1,
                        Some(_) => {}
                        None => {
                            astral.entry(cp).or_insert(g.0);
                        }
                    }
                });
            }
        }
        let milli = |v: i16| f32::from(v) * 1000.0 / upm;
        let name = |id: u16| {
            face.names()
                .into_iter()
                .filter(|n| n.name_id == id)
                .find_map(|n| n.to_string())
        };
        let b = face.global_bounding_box();
        let descriptor = Descriptor {
            postscript_name: name(ttf_parser::name_id::POST_SCRIPT_NAME)
                .unwrap_or_else(|| "LiberationSerif".into()),
            family: name(ttf_parser::name_id::FAMILY).unwrap_or_else(|| "Liberation Serif".into()),
            bbox: [
                milli(b.x_min),
                milli(b.y_min),
                milli(b.x_max),
                milli(b.y_max),
            ],
            italic_angle: face.italic_angle(),
            ascent: milli(face.ascender()),
            descent: milli(face.descender()),
            cap_height: milli(face.capital_height().unwrap_or(face.ascender())),
            weight: face.weight().to_number(),
            italic: face.is_italic(),
        };
        let (kern_start, kern_pairs) = kerning(&face, upm);
        Ok(Metrics {
            glyph,
            astral,
            advance,
            kern_start,
            kern_pairs,
            ascent: f32::from(face.ascender()) / upm,
            descent: -f32::from(face.descender()) / upm,
            descriptor,
        })
    }

    /// The glyph id of `c`, 0 (`.notdef`) where the face has none.
    #[inline]
    pub(crate) fn glyph_id(&self, c: char) -> u16 {
        match self.glyph.get(c as usize) {
            Some(&g) => g.saturating_sub(1),
            None => self.astral_glyph(c),
        }
    }

    /// The glyph id of a character beyond the Basic Multilingual Plane:
    /// out of line, so that measuring the common ones stays two array reads.
    #[cold]
    #[inline(never)]
    fn astral_glyph(&self, c: char) -> u16 {
        self.astral.get(&u32::from(c)).copied().unwrap_or(0)
    }

    /// Advance of a glyph in em.
    pub(crate) fn glyph_advance(&self, glyph: u16) -> f32 {
        self.advance.get(usize::from(glyph)).copied().unwrap_or(0.0)
    }

    /// The kerning between two glyphs set one after the other, in em
    /// (negative: closer).
    #[inline]
    pub(crate) fn kerning(&self, left: u16, right: u16) -> f32 {
        let at = usize::from(left);
        let (Some(&from), Some(&to)) = (self.kern_start.get(at), self.kern_start.get(at + 1))
        else {
            return 0.0;
        };
        if from == to {
            return 0.0;
        }
        let row = &self.kern_pairs[from as usize..to as usize];
        match row.binary_search_by_key(&right, |&(r, _)| r) {
            Ok(i) => row[i].1,
            Err(_) => 0.0,
        }
    }

    /// Width of `text` in em: advances and kerning.
    pub(crate) fn text_width(&self, text: &str) -> f32 {
        // Summed in f64, so that a long text loses nothing on the way.
        let mut prev = None;
        let mut w = 0.0f64;
        for c in text.chars() {
            let g = self.glyph_id(c);
            if let Some(p) = prev {
                w += f64::from(self.kerning(p, g));
            }
            w += f64::from(self.advance(c));
            prev = Some(g);
        }
        w as f32
    }

    /// Whether the face has a glyph for `c`.
    #[inline]
    pub(crate) fn has(&self, c: char) -> bool {
        match self.glyph.get(c as usize) {
            Some(&g) => g != 0,
            None => self.astral_glyph(c) != 0,
        }
    }

    /// Advance of `c` in em; characters without a glyph measure as `.notdef`.
    #[inline]
    pub(crate) fn advance(&self, c: char) -> f32 {
        self.advance_of(self.glyph_id(c))
    }

    /// [`Metrics::advance`] of the character whose glyph is `g`
    /// ([`Metrics::glyph_id`]), for a caller that has looked it up already.
    #[inline]
    pub(crate) fn advance_of(&self, g: u16) -> f32 {
        self.advance.get(usize::from(g)).copied().unwrap_or(0.5)
    }
}

static METRICS: [OnceLock<Result<Metrics, String>>; 4] = [
    OnceLock::new(),
    OnceLock::new(),
    OnceLock::new(),
    OnceLock::new(),
];

/// The metrics of every face, parsed on first use.
pub(crate) struct FontSet {
    faces: [&'static Metrics; 4],
}

impl FontSet {
    /// Load (once per process) the metrics of the four faces.
    pub(crate) fn load() -> Result<FontSet, String> {
        let get = |f: Face| -> Result<&'static Metrics, String> {
            METRICS[f.index()]
                .get_or_init(|| Metrics::parse(f.bytes(), 0))
                .as_ref()
                .map_err(|e| format!("embedded font {f:?} cannot be read: {e}"))
        };
        Ok(FontSet {
            faces: [
                get(Face::Regular)?,
                get(Face::Bold)?,
                get(Face::Italic)?,
                get(Face::BoldItalic)?,
            ],
        })
    }

    /// The metrics of one face.
    #[inline]
    pub(crate) fn face(&self, f: Face) -> &'static Metrics {
        match f {
            Face::Fallback(n) => fallback::get(n).map_or(self.faces[0], |f| &f.metrics),
            base => self.faces[base.index()],
        }
    }

    /// Width of `text` in `face` at `size` points.
    pub(crate) fn width(&self, face: Face, size: f32, text: &str) -> f32 {
        self.face(face).text_width(text) * size
    }
}

/// The horizontal pairs of a face's `kern` table (format 0, as TrueType
/// fonts such as Liberation Serif carry it), by left glyph; the first pair
/// given for two glyphs wins. A face without the table kerns nothing.
fn kerning(face: &ttf_parser::Face<'_>, upm: f32) -> (Vec<u32>, Vec<(u16, f32)>) {
    let mut pairs: Vec<(u16, u16, f32)> = Vec::new();
    if let Some(kern) = face.tables().kern {
        for sub in kern.subtables {
            if !sub.horizontal || sub.variable || sub.has_cross_stream {
                continue;
            }
            if let ttf_parser::kern::Format::Format0(table) = sub.format {
                for p in table.pairs {
                    if p.value != 0 {
                        pairs.push((p.left().0, p.right().0, f32::from(p.value) / upm));
                    }
                }
            }
        }
    }
    pairs.sort_by_key(|&(l, r, _)| (l, r));
    pairs.dedup_by_key(|&mut (l, r, _)| (l, r));
    let glyphs = usize::from(face.number_of_glyphs());
    let mut start = vec![0u32; glyphs + 1];
    for &(l, _, _) in &pairs {
        if let Some(n) = start.get_mut(usize::from(l) + 1) {
            *n += 1;
        }
    }
    for i in 1..start.len() {
        start[i] += start[i - 1];
    }
    let pairs = pairs
        .into_iter()
        .filter(|&(l, _, _)| usize::from(l) < glyphs)
        .map(|(_, r, k)| (r, k))
        .collect();
    (start, pairs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_kern_from_the_fonts_table() {
        let fonts = FontSet::load().expect("fonts load");
        for face in [Face::Regular, Face::Bold, Face::Italic, Face::BoldItalic] {
            let m = fonts.face(face);
            let k = |a, b| m.kerning(m.glyph_id(a), m.glyph_id(b));
            assert!(k('A', 'V') < -0.04, "{face:?}: AV {}", k('A', 'V'));
            assert!(k('T', 'o') < 0.0, "{face:?}: To {}", k('T', 'o'));
            assert_eq!(k('n', 'n'), 0.0);
            let plain = m.advance('A') + m.advance('V');
            assert!((m.text_width("AV") - (plain + k('A', 'V'))).abs() < 1e-6);
        }
    }

    #[test]
    fn faces_cover_kazakh_cyrillic_and_typography() {
        let fonts = FontSet::load().expect("fonts load");
        for face in [Face::Regular, Face::Bold, Face::Italic, Face::BoldItalic] {
            let m = fonts.face(face);
            for c in "ӘҒҚҢӨҰҮҺІәғқңөұүһі Қазақстан éº–—“”‘’…€αβγ\u{a0}?".chars()
            {
                assert!(m.has(c), "{face:?} lacks {c:?}");
            }
            assert!(m.advance('M') > m.advance('i'));
            let d = &m.descriptor;
            assert!(d.postscript_name.starts_with("LiberationSerif"), "{d:?}");
            assert_eq!(d.family, "Liberation Serif");
            assert_eq!(d.italic, matches!(face, Face::Italic | Face::BoldItalic));
            assert!(d.ascent > 800.0 && d.descent < -100.0, "{d:?}");
        }
    }
}
