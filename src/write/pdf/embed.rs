//! The subset fonts: each face the pages use, embedded as a Type 0 font with a ToUnicode map.

use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
use pdf_writer::{Finish, Name, Rect, Ref, Str};

use super::out::Out;
use subsetter::GlyphRemapper;

use crate::write::WriteError;

use super::emit::{backend, write_stream, Refs};
use super::fallback;
use super::fonts::{Face, Metrics};

/// One face as it is used in this document: its object numbers and the glyphs kept.
pub(super) struct UsedFace {
    pub(super) face: Face,
    pub(super) metrics: &'static Metrics,
    pub(super) glyphs: GlyphRemapper,
    /// The character each new glyph id stands for, by new id.
    pub(super) chars: Vec<Option<char>>,
    /// The code of each character below [`KNOWN`] met so far, by character:
    /// the remapper's hash lookup once a character, not once an occurrence.
    pub(super) known: Vec<u16>,
}

/// Characters below this are looked up in [`UsedFace::known`] once met:
/// Latin, Greek, Cyrillic and the general punctuation.
const KNOWN: usize = 0x2100;

/// Not yet met.
const UNSET: u16 = u16::MAX;

impl UsedFace {
    /// The code (new glyph id) of each character of `text`, appended to `out`.
    pub(super) fn encode(&mut self, text: &str, out: &mut Vec<u16>) {
        for c in text.chars() {
            let slot = c as usize;
            if let Some(&new) = self.known.get(slot).filter(|&&n| n != UNSET) {
                out.push(new);
                continue;
            }
            let new = self.glyphs.remap(self.metrics.glyph_id(c));
            let at = usize::from(new);
            if self.chars.len() <= at {
                self.chars.resize(at + 1, None);
            }
            // A glyph shared by two characters (a space and a no-break space) reads
            // as the first one met.
            self.chars[at].get_or_insert(c);
            if slot < KNOWN {
                if self.known.is_empty() {
                    self.known = vec![UNSET; KNOWN];
                }
                self.known[slot] = new;
            }
            out.push(new);
        }
    }
}

/// Embed a face as Type 0 font `type0` over a CID-keyed subset: TrueType
/// outlines as a CIDFontType2 with `FontFile2`, CFF outlines (most CJK
/// fonts) as a CIDFontType0 with the OpenType file in `FontFile3`.
pub(super) fn write_font(
    pdf: &mut Out,
    refs: &mut Refs,
    used: &UsedFace,
    type0: Ref,
) -> Result<(), WriteError> {
    let d = &used.metrics.descriptor;
    let cid = refs.next();
    let descriptor = refs.next();
    let file = refs.next();
    let cmap = refs.next();
    let base = format!("{}+{}", used.face.resource_name(), d.postscript_name);
    let base = Name(base.as_bytes());

    let (data, index) = used.face.file();
    let cff = match used.face {
        Face::Fallback(n) => fallback::get(n).is_some_and(|f| f.cff),
        _ => false,
    };
    let subset = subsetter::subset(data, index, &used.glyphs).map_err(|e| {
        backend(format!(
            "the font {} cannot be subset: {e}",
            d.postscript_name
        ))
    })?;

    pdf.type0_font(type0)
        .base_font(base)
        .encoding_predefined(Name(b"Identity-H"))
        .descendant_font(cid)
        .to_unicode(cmap);

    let system_info = SystemInfo {
        registry: Str(b"Adobe"),
        ordering: Str(b"Identity"),
        supplement: 0,
    };
    let widths: Vec<f32> = used
        .glyphs
        .remapped_gids()
        .map(|old| (used.metrics.glyph_advance(old) * 1000.0).round())
        .collect();
    let mut font = pdf.cid_font(cid);
    font.subtype(if cff {
        CidFontType::Type0
    } else {
        CidFontType::Type2
    })
    .base_font(base)
    .system_info(system_info)
    .font_descriptor(descriptor)
    .default_width(0.0);
    if !cff {
        font.cid_to_gid_map_predefined(Name(b"Identity"));
    }
    font.widths().consecutive(0, widths);
    font.finish();

    let mut flags = FontFlags::NON_SYMBOLIC;
    if !matches!(used.face, Face::Fallback(_)) {
        flags |= FontFlags::SERIF;
    }
    if d.italic {
        flags |= FontFlags::ITALIC;
    }
    let [x0, y0, x1, y1] = d.bbox;
    let mut fd = pdf.font_descriptor(descriptor);
    fd.name(base)
        .family(Str(d.family.as_bytes()))
        .flags(flags)
        .bbox(Rect::new(x0, y0, x1, y1))
        .italic_angle(d.italic_angle)
        .ascent(d.ascent)
        .descent(d.descent)
        .cap_height(d.cap_height)
        // The stem width is not in the font; this estimate from the weight is what
        // PDF readers expect when the real value is unknown.
        .stem_v(10.0 + 0.244 * (f32::from(d.weight) - 50.0));
    if cff {
        fd.font_file3(file);
    } else {
        fd.font_file2(file);
    }
    fd.finish();

    let length = i32::try_from(subset.len()).unwrap_or(i32::MAX);
    write_stream(pdf, file, &subset, |s| {
        if cff {
            s.pair(Name(b"Subtype"), Name(b"OpenType"));
        } else {
            s.pair(Name(b"Length1"), length);
        }
    });

    let mut map = UnicodeCmap::new(
        Name(b"Custom"),
        SystemInfo {
            registry: Str(b"Adobe"),
            ordering: Str(b"UCS"),
            supplement: 0,
        },
    );
    for (new, c) in used.chars.iter().enumerate() {
        if let (Ok(new), Some(c)) = (u16::try_from(new), c) {
            map.pair(new, *c);
        }
    }
    let map = map.finish();
    write_stream(pdf, cmap, &map, |_| {});
    Ok(())
}
