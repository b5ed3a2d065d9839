//! Composed pages to PDF bytes: content streams, subset fonts, link annotations, metadata.
//!
//! The file is written in one pass over the pages, objects through pdf-writer:
//! each page's content stream is encoded (glyph ids of the subset fonts, two
//! bytes each), compressed and appended as soon as it is built, so no object graph of the
//! whole document is ever held. The glyph ids are handed out while the pages
//! are written; the fonts are subset afterwards, with a ToUnicode map so that
//! text can be copied and searched. Everything written depends only on the
//! document, so two renders give the same bytes.

use std::io::Write as _;

use pdf_writer::types::{ActionType, AnnotationType};
use pdf_writer::{Date, Filter, Finish, Name, Pdf, Rect, Ref, Str, TextStr};
use subsetter::GlyphRemapper;

use crate::document::Document;
use crate::write::WriteError;

use super::boxes::Draw;
use super::content::page_content;
use super::embed::{write_font, UsedFace};
use super::fonts::FontSet;
use super::layout::Page;
use super::style::Theme;

pub(super) fn backend(message: String) -> WriteError {
    WriteError::Backend {
        format: "pdf",
        message,
    }
}

/// Deflate level of content streams and fonts. Level 2 (zlib-rs's fast
/// strategy) compresses in about a third of the time of level 6, for files
/// a little larger; level 1 (its "quick" strategy) made them 70 % larger
/// (see docs/performance.md).
const STREAM_LEVEL: u32 = 2;

/// Streams shorter than this are left uncompressed: the filter costs more than it saves.
const COMPRESS_FROM: usize = 64;

/// `data` deflated, or `None` where compressing does not pay.
pub(super) fn deflate(data: &[u8]) -> Option<Vec<u8>> {
    if data.len() < COMPRESS_FROM {
        return None;
    }
    let mut enc = flate2::write::ZlibEncoder::new(
        Vec::with_capacity(data.len() / 3),
        flate2::Compression::new(STREAM_LEVEL),
    );
    enc.write_all(data).ok()?;
    enc.finish().ok().filter(|z| z.len() < data.len())
}

/// Write `data` as stream `id`, compressed where that pays; `extra` adds entries.
pub(super) fn write_stream(
    pdf: &mut Pdf,
    id: Ref,
    data: &[u8],
    extra: impl FnOnce(&mut pdf_writer::Stream),
) {
    match deflate(data) {
        Some(z) => {
            let mut s = pdf.stream(id, &z);
            s.filter(Filter::FlateDecode);
            extra(&mut s);
        }
        None => {
            let mut s = pdf.stream(id, data);
            extra(&mut s);
        }
    }
}

/// Hands out object numbers in order.
pub(super) struct Refs(i32);

impl Refs {
    pub(super) fn next(&mut self) -> Ref {
        self.0 += 1;
        Ref::new(self.0)
    }
}

/// 64-bit FNV-1a, for a document id that depends only on the content.
struct Fnv(u64);

impl Fnv {
    fn feed(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}

fn content_id(doc: &Document, pages: &[Page]) -> Vec<u8> {
    let mut a = Fnv(0xcbf2_9ce4_8422_2325);
    let mut b = Fnv(0x6c62_272e_07bb_0142);
    let mut feed = |bytes: &[u8]| {
        a.feed(bytes);
        b.feed(bytes);
        b.feed(&[0x5a]);
    };
    let m = &doc.meta;
    for s in [&m.title, &m.author, &m.language] {
        feed(s.as_bytes());
        feed(&[0]);
    }
    feed(&m.created.to_le_bytes());
    for page in pages {
        feed(b"page");
        for d in &page.draws {
            match d {
                Draw::Text(t) => {
                    feed(t.text.as_bytes());
                    feed(&t.x.to_bits().to_le_bytes());
                    feed(&t.y.to_bits().to_le_bytes());
                }
                Draw::Line { x1, y1, .. } => {
                    feed(&x1.to_bits().to_le_bytes());
                    feed(&y1.to_bits().to_le_bytes());
                }
                Draw::Link { url, .. } => feed(url.as_bytes()),
            }
        }
    }
    let mut id = a.0.to_be_bytes().to_vec();
    id.extend_from_slice(&b.0.to_be_bytes());
    id
}

/// The date `seconds` after 1970-01-01 00:00 UTC, as year, month, day, hour, minute, second.
fn civil(seconds: i64) -> Option<(u16, u8, u8, u8, u8, u8)> {
    let date = hrdraft_sdk::Date::from_days_since_epoch(seconds.div_euclid(86_400))?;
    let secs = seconds.rem_euclid(86_400);
    Some((
        date.year,
        date.month?,
        date.day?,
        (secs / 3600) as u8,
        (secs / 60 % 60) as u8,
        (secs % 60) as u8,
    ))
}

fn pdf_date(seconds: i64) -> Result<Date, WriteError> {
    let (y, mo, d, h, mi, s) = civil(seconds).ok_or_else(|| WriteError::Unsupported {
        format: "pdf",
        message: format!("the document date {seconds} (seconds since 1970) is out of range"),
    })?;
    Ok(Date::new(y)
        .month(mo)
        .day(d)
        .hour(h)
        .minute(mi)
        .second(s)
        .utc_offset_hour(0)
        .utc_offset_minute(0))
}

/// Write the pages as a PDF file.
pub(crate) fn emit(doc: &Document, theme: &Theme, pages: &[Page]) -> Result<Vec<u8>, WriteError> {
    let fonts = FontSet::load().map_err(backend)?;
    let mut refs = Refs(0);
    let catalog = refs.next();
    let tree = refs.next();
    let info = refs.next();

    // Only the faces the pages use are embedded.
    let mut faces: [Option<UsedFace>; 4] = [None, None, None, None];
    for d in pages.iter().flat_map(|p| &p.draws) {
        if let Draw::Text(t) = d {
            let slot = &mut faces[t.face.index()];
            if slot.is_none() {
                *slot = Some(UsedFace {
                    face: t.face,
                    metrics: fonts.face(t.face),
                    type0: refs.next(),
                    glyphs: GlyphRemapper::new(),
                    chars: Vec::new(),
                });
            }
        }
    }

    let text_bytes: usize = pages
        .iter()
        .flat_map(|p| &p.draws)
        .map(|d| match d {
            Draw::Text(t) => t.text.len(),
            _ => 0,
        })
        .sum();
    let mut pdf = Pdf::with_capacity(text_bytes + 64 * 1024);
    let (w, h) = (theme.page_width, theme.page_height);
    let mut page_ids = Vec::with_capacity(pages.len().max(1));
    let mut codes = Vec::new();
    let empty = [Page { draws: Vec::new() }];
    let pages = if pages.is_empty() { &empty[..] } else { pages };
    for page in pages {
        let id = refs.next();
        let contents = refs.next();
        page_ids.push(id);
        let (data, links) = page_content(page, h, &mut faces, &mut codes);
        write_stream(&mut pdf, contents, &data, |_| {});
        let annots: Vec<Ref> = links.iter().map(|_| refs.next()).collect();
        for (annot, (rect, url)) in annots.iter().zip(&links) {
            let mut a = pdf.annotation(*annot);
            a.subtype(AnnotationType::Link)
                .rect(*rect)
                .border(0.0, 0.0, 0.0, None);
            a.action()
                .action_type(ActionType::Uri)
                .uri(Str(url.as_bytes()));
        }
        let mut p = pdf.page(id);
        p.parent(tree)
            .media_box(Rect::new(0.0, 0.0, w, h))
            .contents(contents);
        if !annots.is_empty() {
            p.annotations(annots.iter().copied());
        }
        let mut res = p.resources();
        let mut dict = res.fonts();
        for used in faces.iter().flatten() {
            dict.pair(Name(used.face.resource_name().as_bytes()), used.type0);
        }
    }
    pdf.pages(tree)
        .kids(page_ids.iter().copied())
        .count(i32::try_from(page_ids.len()).unwrap_or(i32::MAX));

    for used in faces.iter().flatten() {
        write_font(&mut pdf, &mut refs, used)?;
    }

    let mut cat = pdf.catalog(catalog);
    cat.pages(tree);
    if !doc.meta.language.is_empty() {
        cat.lang(TextStr(&doc.meta.language));
    }
    cat.finish();

    let title = if doc.meta.title.is_empty() {
        "Untitled"
    } else {
        &doc.meta.title
    };
    let date = pdf_date(doc.meta.created)?;
    let mut di = pdf.document_info(info);
    di.title(TextStr(title))
        .author(TextStr(&doc.meta.author))
        .creator(TextStr("hrdraft"))
        .producer(TextStr("hrdraft"))
        .creation_date(date)
        .modified_date(date);
    if let Some(subject) = &doc.meta.subject {
        di.subject(TextStr(subject));
    }
    di.finish();
    let id = content_id(doc, pages);
    pdf.set_file_id((id.clone(), id));
    Ok(pdf.finish())
}

#[cfg(test)]
mod tests {
    use super::civil;

    #[test]
    fn dates_from_seconds() {
        assert_eq!(civil(0), Some((1970, 1, 1, 0, 0, 0)));
        // 18 October 2012, 10:30:05 UTC.
        assert_eq!(civil(1_350_556_205), Some((2012, 10, 18, 10, 30, 5)));
        assert_eq!(civil(951_782_400), Some((2000, 2, 29, 0, 0, 0)));
        assert_eq!(civil(-86_400), Some((1969, 12, 31, 0, 0, 0)));
        assert_eq!(civil(i64::MAX), None);
        assert_eq!(civil(-62_167_219_201), None);
    }
}
