//! Composed pages to PDF bytes through printpdf: text, lines, link annotations, metadata.
//!
//! printpdf builds the object graph and subsets the fonts (with a ToUnicode map,
//! so text extracts); the finishing touches are made on its lopdf document:
//! the catalog's language, a document id derived from the content (so two renders
//! are byte-identical), and stream compression at a fast level.

use std::io::Write as _;

use lopdf::{Object, StringFormat};
use printpdf::{
    Actions, BorderArray, Color, FontId, Line, LinePoint, LinkAnnotation, Op, PdfDocument, PdfFont,
    PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, Rect, Rgb, TextItem, TextMatrix,
};

use crate::document::Document;
use crate::write::WriteError;

use super::boxes::{Draw, Ink, TextRun};
use super::fonts::{parsed, Face};
use super::layout::Page;
use super::style::Theme;

fn backend(message: String) -> WriteError {
    WriteError::Backend {
        format: "pdf",
        message,
    }
}

fn color(ink: Ink) -> Color {
    let (r, g, b) = match ink {
        Ink::Black => (0.0, 0.0, 0.0),
        Ink::Link => (0.0, 0.2, 0.6),
    };
    Color::Rgb(Rgb::new(r, g, b, None))
}

/// The TJ items of a run: text, with the justification space after each U+0020.
fn items(run: &TextRun) -> Vec<TextItem> {
    if run.space_extra <= 0.0 || run.size <= 0.0 {
        return vec![TextItem::Text(run.text.clone())];
    }
    // TJ numbers are thousandths of the font size, subtracted from the position.
    let offset = -run.space_extra * 1000.0 / run.size;
    let mut out = Vec::new();
    for seg in run.text.split_inclusive(' ') {
        out.push(TextItem::Text(seg.to_string()));
        if seg.ends_with(' ') {
            out.push(TextItem::Offset(offset));
        }
    }
    out
}

fn page_ops(page: &Page, height: f32) -> Vec<Op> {
    let mut ops = Vec::with_capacity(page.draws.len() * 2 + 8);
    let mut width = -1.0f32;
    let mut stroked = false;
    for d in &page.draws {
        match d {
            Draw::Line {
                x1,
                y1,
                x2,
                y2,
                width: w,
            } => {
                if !stroked {
                    ops.push(Op::SetOutlineColor {
                        col: color(Ink::Black),
                    });
                    stroked = true;
                }
                if *w != width {
                    ops.push(Op::SetOutlineThickness { pt: Pt(*w) });
                    width = *w;
                }
                let p = |x: f32, y: f32| LinePoint {
                    p: Point {
                        x: Pt(x),
                        y: Pt(height - y),
                    },
                    bezier: false,
                };
                ops.push(Op::DrawLine {
                    line: Line {
                        points: vec![p(*x1, *y1), p(*x2, *y2)],
                        is_closed: false,
                    },
                });
            }
            Draw::Link { x, y, w, h, url } => ops.push(Op::LinkAnnotation {
                link: LinkAnnotation::new(
                    Rect::from_xywh(Pt(*x), Pt(height - y - h), Pt(*w), Pt(*h)),
                    Actions::Uri(url.clone()),
                    Some(BorderArray::Solid([0.0, 0.0, 0.0])),
                    None,
                    None,
                ),
            }),
            Draw::Text(_) => {}
        }
    }
    ops.push(Op::StartTextSection);
    let mut font: Option<(Face, f32)> = None;
    let mut ink: Option<Ink> = None;
    for d in &page.draws {
        let Draw::Text(run) = d else { continue };
        if run.text.is_empty() {
            continue;
        }
        if font != Some((run.face, run.size)) {
            ops.push(Op::SetFont {
                font: PdfFontHandle::External(FontId(run.face.resource_name().to_string())),
                size: Pt(run.size),
            });
            font = Some((run.face, run.size));
        }
        if ink != Some(run.ink) {
            ops.push(Op::SetFillColor {
                col: color(run.ink),
            });
            ink = Some(run.ink);
        }
        ops.push(Op::SetTextMatrix {
            matrix: TextMatrix::Translate(Pt(run.x), Pt(height - run.y)),
        });
        ops.push(Op::ShowText { items: items(run) });
    }
    ops.push(Op::EndTextSection);
    ops
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

/// Write the pages as a PDF file.
pub(crate) fn emit(doc: &Document, theme: &Theme, pages: &[Page]) -> Result<Vec<u8>, WriteError> {
    let title = if doc.meta.title.is_empty() {
        "Untitled"
    } else {
        &doc.meta.title
    };
    let mut pdf = PdfDocument::new(title);
    let mut used = [false; 4];
    for d in pages.iter().flat_map(|p| &p.draws) {
        if let Draw::Text(t) = d {
            used[Face::ALL.iter().position(|f| *f == t.face).unwrap_or(0)] = true;
        }
    }
    for (face, _) in Face::ALL.iter().zip(used).filter(|(_, u)| *u) {
        let font = parsed(*face).map_err(backend)?;
        pdf.resources.fonts.map.insert(
            FontId(face.resource_name().to_string()),
            PdfFont::new(font.clone()),
        );
    }
    let (w, h) = (theme.page_width, theme.page_height);
    pdf.pages = pages
        .iter()
        .map(|p| PdfPage {
            media_box: Rect::from_wh(Pt(w), Pt(h)),
            trim_box: Rect::from_wh(Pt(w), Pt(h)),
            crop_box: Rect::from_wh(Pt(w), Pt(h)),
            ops: page_ops(p, h),
        })
        .collect();
    let date = printpdf::OffsetDateTime::from_unix_timestamp(doc.meta.created).map_err(|_| {
        WriteError::Unsupported {
            format: "pdf",
            message: format!(
                "the document date {} (seconds since 1970) is out of range",
                doc.meta.created
            ),
        }
    })?;
    let info = &mut pdf.metadata.info;
    info.author = doc.meta.author.clone();
    info.subject = doc.meta.subject.clone().unwrap_or_default();
    info.creator = "hrdraft".into();
    info.producer = "hrdraft".into();
    info.creation_date = date;
    info.modification_date = date;
    info.metadata_date = date;

    let opts = PdfSaveOptions {
        optimize: false,
        subset_fonts: true,
        secure: true,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let mut lo = pdf.to_lopdf_document(&opts, &mut warnings);
    finish(&mut lo, doc, content_id(doc, pages))?;
    let mut out = Vec::new();
    lo.save_to(&mut out)
        .map_err(|e| backend(format!("cannot serialise the PDF: {e}")))?;
    Ok(out)
}

/// Deflate level of content streams and fonts. Level 2 (zlib-rs's fast
/// strategy) compresses in about a third of the time of level 6, for files
/// a little larger; level 1 (its "quick" strategy) made them 70 % larger
/// (see docs/performance.md).
const STREAM_LEVEL: u32 = 2;

/// Language, id, tidy document info and compression on printpdf's output.
fn finish(lo: &mut lopdf::Document, doc: &Document, id: Vec<u8>) -> Result<(), WriteError> {
    if !doc.meta.language.is_empty() {
        let catalog = lo
            .catalog_mut()
            .map_err(|e| backend(format!("PDF has no catalog: {e}")))?;
        catalog.set("Lang", Object::string_literal(doc.meta.language.as_bytes()));
    }
    let id = Object::String(id, StringFormat::Hexadecimal);
    lo.trailer.set("ID", Object::Array(vec![id.clone(), id]));
    if let Ok(info_id) = lo.trailer.get(b"Info").and_then(Object::as_reference) {
        if let Ok(info) = lo.get_object_mut(info_id).and_then(Object::as_dict_mut) {
            // Fields printpdf always writes, empty or meant for print standards we do not claim.
            for key in ["Keywords", "Identifier", "GTS_PDFXVersion", "Trapped"] {
                info.remove(key.as_bytes());
            }
            if doc.meta.subject.is_none() {
                info.remove(b"Subject");
            }
        }
    }
    for obj in lo.objects.values_mut() {
        if let Object::Stream(s) = obj {
            if !s.allows_compression || s.dict.get(b"Filter").is_ok() || s.content.len() < 64 {
                continue;
            }
            let mut enc =
                flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::new(STREAM_LEVEL));
            if enc.write_all(&s.content).is_ok() {
                if let Ok(z) = enc.finish() {
                    if z.len() < s.content.len() {
                        s.dict.set("Filter", "FlateDecode");
                        s.set_content(z);
                    }
                }
            }
        }
    }
    Ok(())
}
