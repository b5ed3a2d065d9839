//! The four embedded Liberation Serif faces: metrics for line breaking and parsed fonts for printpdf.
//!
//! Each face is parsed once per process (`OnceLock`): layout needs only advance
//! widths, which are copied into flat tables so that measuring a character is two
//! array reads; printpdf needs its own parsed font for subsetting and encoding.

use std::sync::OnceLock;

use printpdf::ParsedFont;

/// One of the embedded faces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Face {
    Regular,
    Bold,
    Italic,
    BoldItalic,
}

impl Face {
    pub(crate) const ALL: [Face; 4] = [Face::Regular, Face::Bold, Face::Italic, Face::BoldItalic];

    fn index(self) -> usize {
        match self {
            Face::Regular => 0,
            Face::Bold => 1,
            Face::Italic => 2,
            Face::BoldItalic => 3,
        }
    }

    /// The face with bold added.
    pub(crate) fn bold(self) -> Face {
        match self {
            Face::Regular | Face::Bold => Face::Bold,
            Face::Italic | Face::BoldItalic => Face::BoldItalic,
        }
    }

    /// The face with italic added.
    pub(crate) fn italic(self) -> Face {
        match self {
            Face::Regular | Face::Italic => Face::Italic,
            Face::Bold | Face::BoldItalic => Face::BoldItalic,
        }
    }

    /// The PDF resource name, also the six-letter subset tag printpdf puts before the
    /// font name; fixed so that two renders give the same bytes.
    pub(crate) fn resource_name(self) -> &'static str {
        match self {
            Face::Regular => "HRDFTR",
            Face::Bold => "HRDFTB",
            Face::Italic => "HRDFTI",
            Face::BoldItalic => "HRDFTJ",
        }
    }

    fn bytes(self) -> &'static [u8] {
        match self {
            Face::Regular => include_bytes!("../../../fonts/LiberationSerif-Regular.ttf"),
            Face::Bold => include_bytes!("../../../fonts/LiberationSerif-Bold.ttf"),
            Face::Italic => include_bytes!("../../../fonts/LiberationSerif-Italic.ttf"),
            Face::BoldItalic => include_bytes!("../../../fonts/LiberationSerif-BoldItalic.ttf"),
        }
    }
}

/// Advance widths of one face, indexed by character (Basic Multilingual Plane only:
/// the fonts have nothing outside it).
pub(crate) struct Metrics {
    /// Glyph id + 1 for each BMP code point; 0 where the face has no glyph.
    glyph: Vec<u16>,
    /// Advance of each glyph in em.
    advance: Vec<f32>,
    /// Ascender in em (positive).
    pub(crate) ascent: f32,
    /// Descender in em (positive).
    pub(crate) descent: f32,
}

impl Metrics {
    fn parse(data: &[u8]) -> Result<Metrics, String> {
        let face = ttf_parser::Face::parse(data, 0).map_err(|e| e.to_string())?;
        let upm = f32::from(face.units_per_em().max(1));
        let advance = (0..face.number_of_glyphs())
            .map(|g| f32::from(face.glyph_hor_advance(ttf_parser::GlyphId(g)).unwrap_or(0)) / upm)
            .collect();
        let mut glyph = vec![0u16; 0x1_0000];
        if let Some(cmap) = face.tables().cmap {
            for sub in cmap.subtables.into_iter().filter(|s| s.is_unicode()) {
                sub.codepoints(|cp| {
                    if let (Some(slot), Some(g)) = (glyph.get_mut(cp as usize), sub.glyph_index(cp))
                    {
                        if *slot == 0 && g.0 != 0 && g.0 < u16::MAX {
                            *slot = g.0 + 1;
                        }
                    }
                });
            }
        }
        Ok(Metrics {
            glyph,
            advance,
            ascent: f32::from(face.ascender()) / upm,
            descent: -f32::from(face.descender()) / upm,
        })
    }

    /// Whether the face has a glyph for `c`.
    pub(crate) fn has(&self, c: char) -> bool {
        self.glyph.get(c as usize).is_some_and(|&g| g != 0)
    }

    /// Advance of `c` in em; characters without a glyph measure as `.notdef`.
    pub(crate) fn advance(&self, c: char) -> f32 {
        let g = self
            .glyph
            .get(c as usize)
            .map_or(0, |&g| g.saturating_sub(1));
        self.advance.get(usize::from(g)).copied().unwrap_or(0.5)
    }
}

static METRICS: [OnceLock<Result<Metrics, String>>; 4] = [
    OnceLock::new(),
    OnceLock::new(),
    OnceLock::new(),
    OnceLock::new(),
];
static PARSED: [OnceLock<Option<ParsedFont>>; 4] = [
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
                .get_or_init(|| Metrics::parse(f.bytes()))
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
    pub(crate) fn face(&self, f: Face) -> &'static Metrics {
        self.faces[f.index()]
    }

    /// Width of `text` in `face` at `size` points.
    pub(crate) fn width(&self, face: Face, size: f32, text: &str) -> f32 {
        let m = self.face(face);
        text.chars().map(|c| m.advance(c)).sum::<f32>() * size
    }
}

/// printpdf's parsed form of a face, parsed once per process.
pub(crate) fn parsed(face: Face) -> Result<&'static ParsedFont, String> {
    PARSED[face.index()]
        .get_or_init(|| ParsedFont::from_bytes(face.bytes(), 0, &mut Vec::new()))
        .as_ref()
        .ok_or_else(|| format!("embedded font {face:?} cannot be parsed for PDF output"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn faces_cover_kazakh_cyrillic_and_typography() {
        let fonts = FontSet::load().expect("fonts load");
        for face in Face::ALL {
            let m = fonts.face(face);
            for c in "ӘҒҚҢӨҰҮҺІәғқңөұүһі Қазақстан éº–—“”‘’…€αβγ\u{a0}?".chars()
            {
                assert!(m.has(c), "{face:?} lacks {c:?}");
            }
            assert!(m.advance('M') > m.advance('i'));
            assert!(parsed(face).is_ok());
        }
    }
}
