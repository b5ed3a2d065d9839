//! Composed pages to PDF bytes: content streams, subset fonts, link annotations, metadata.
//!
//! The file is written in one pass over the pages as layout finishes them,
//! objects through pdf-writer: each page's content stream is encoded (glyph
//! ids of the subset fonts, two bytes each), compressed and appended as soon
//! as it is built, so neither the pages nor an object graph of the whole
//! document is ever held. The glyph ids are handed out while the pages
//! are written; the fonts are subset afterwards, with a ToUnicode map so that
//! text can be copied and searched. Everything written depends only on the
//! document, so two renders give the same bytes.

use pdf_writer::types::{ActionType, AnnotationType, TabOrder};
use pdf_writer::{Date, Filter, Finish, Name, Rect, Ref, Str, TextStr};
use subsetter::GlyphRemapper;

use crate::document::{Document, Logo};
use crate::write::{Fnv, WriteError};

use super::boxes::{Draw, TextRun};
use super::content::{fill_holes, page_content, Hole};
use super::embed::{write_font, UsedFace};
use super::fonts::{Face, FontSet};
use super::layout::{OutlineEntry, Page};
use super::out::{Finished, Out};
use super::structure::{PageTags, StructWriter};
use super::style::Theme;
use super::tags;

pub(super) fn backend(message: String) -> WriteError {
    WriteError::Backend {
        format: "pdf",
        message,
    }
}

/// Deflate level of content streams, fonts and images. libdeflate's level 1
/// compresses page content in 56 % of the time zlib-rs's level 2 took, to
/// files 2 % smaller (see docs/decisions.md).
const STREAM_LEVEL: i32 = 1;

/// Streams shorter than this are left uncompressed: the filter costs more than it saves.
const COMPRESS_FROM: usize = 64;

thread_local! {
    /// One compressor a thread: it holds its tables between streams.
    static COMPRESSOR: std::cell::RefCell<Option<libdeflater::Compressor>> =
        const { std::cell::RefCell::new(None) };
}

/// `data` deflated (zlib format), or `None` where compressing does not pay.
pub(super) fn deflate(data: &[u8]) -> Option<Vec<u8>> {
    if data.len() < COMPRESS_FROM {
        return None;
    }
    COMPRESSOR.with(|c| {
        let mut c = c.borrow_mut();
        let c = c.get_or_insert_with(|| {
            libdeflater::Compressor::new(
                libdeflater::CompressionLvl::new(STREAM_LEVEL)
                    .unwrap_or_else(|_| libdeflater::CompressionLvl::fastest()),
            )
        });
        let mut out = vec![0; c.zlib_compress_bound(data.len())];
        let n = c.zlib_compress(data, &mut out).ok()?;
        out.truncate(n);
        (n < data.len()).then_some(out)
    })
}

/// Write `data` as stream `id`, compressed where that pays; `extra` adds entries.
pub(super) fn write_stream(
    pdf: &mut Out,
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

/// A document id that depends only on the content: two FNV-1a hashes of
/// the metadata and of every page with its number, summed over the pages so
/// that pages may be written in any order.
struct ContentId {
    a: Fnv,
    b: Fnv,
    pages_a: u64,
    pages_b: u64,
}

impl ContentId {
    fn new(doc: &Document) -> ContentId {
        let mut id = ContentId {
            a: Fnv(Fnv::BASIS),
            b: Fnv(0x6c62_272e_07bb_0142),
            pages_a: 0,
            pages_b: 0,
        };
        let m = &doc.meta;
        for s in [&m.title, &m.author, &m.language] {
            id.feed(s.as_bytes());
            id.feed(&[0]);
        }
        id.feed(&m.created.to_le_bytes());
        id
    }

    fn feed(&mut self, bytes: &[u8]) {
        self.a.feed(bytes);
        self.b.feed(bytes);
        self.b.feed(&[0x5a]);
    }

    /// Page `index`: its content stream (every glyph and position) and its links.
    fn page(&mut self, index: usize, content: &[u8], links: &[(Rect, String)]) {
        let mut a = Fnv(self.a.0 ^ index as u64);
        let mut b = Fnv(self.b.0 ^ (index as u64).rotate_left(32));
        a.feed_words(content);
        b.feed_words(content);
        for (_, url) in links {
            a.feed(url.as_bytes());
            b.feed(url.as_bytes());
        }
        self.pages_a = self.pages_a.wrapping_add(a.0);
        self.pages_b = self.pages_b.wrapping_add(b.0);
    }

    fn bytes(&self) -> Vec<u8> {
        let mut a = Fnv(self.a.0);
        a.feed(&self.pages_a.to_le_bytes());
        let mut b = Fnv(self.b.0);
        b.feed(&self.pages_b.to_le_bytes());
        let mut id = a.0.to_be_bytes().to_vec();
        id.extend_from_slice(&b.0.to_be_bytes());
        id
    }
}

fn pdf_date(seconds: i64) -> Result<Date, WriteError> {
    let (y, mo, d, h, mi, s) =
        crate::write::civil(seconds).ok_or_else(|| WriteError::Unsupported {
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

/// Turns pages into content streams: glyph ids handed out in each face's
/// subset as text is met. Runs where layout runs; [`Emitter`] compresses
/// and writes what it makes.
pub(crate) struct Encoder {
    fonts: FontSet,
    height: f32,
    /// The faces used so far, by [`Face::index`]: the four embedded ones,
    /// then the system faces found for what they lack.
    faces: Vec<Option<UsedFace>>,
    codes: Vec<u16>,
}

/// A page as content stream, links and the faces it uses.
pub(crate) struct EncodedPage {
    content: Vec<u8>,
    /// The content stream deflated, when it was compressed ahead of writing
    /// (`Some(None)`: compressing did not pay).
    deflated: Option<Option<Vec<u8>>>,
    links: Vec<(Rect, String)>,
    /// The faces the page uses, in [`Face::index`] order.
    faces: Vec<Face>,
    /// Whether it draws the letterhead's logo.
    logo: bool,
    /// The elements of its marked content and links.
    pub(crate) tags: PageTags,
}

impl EncodedPage {
    /// Compress the content stream now, wherever this runs, so that the
    /// writer only appends it.
    pub(crate) fn compress(&mut self) {
        if self.deflated.is_none() {
            self.deflated = Some(deflate(&self.content));
        }
    }
}

impl Encoder {
    /// The encoder for the pages `emitter` will write.
    pub(crate) fn new(emitter: &Emitter<'_>) -> Result<Encoder, WriteError> {
        Ok(Encoder {
            fonts: FontSet::load().map_err(backend)?,
            height: emitter.height,
            faces: (0..4).map(|_| None).collect(),
            codes: Vec::new(),
        })
    }

    /// Encode one page.
    pub(crate) fn page(&mut self, page: &Page) -> EncodedPage {
        self.encode(page, None)
    }

    /// Encode a page held back for its page numbers, leaving them out: what
    /// is kept until they are known is its content and the runs that wait.
    pub(crate) fn page_held(&mut self, page: &Page) -> HeldPage {
        let mut holes = Vec::new();
        let mut encoded = self.encode(page, Some(&mut holes));
        encoded.content.shrink_to_fit();
        HeldPage { encoded, holes }
    }

    /// A held page with its numbers put in by `fill` (see
    /// [`content::fill_holes`]), or `None` if one does not fit.
    pub(crate) fn fill(
        &mut self,
        held: HeldPage,
        fill: impl FnMut(&mut TextRun) -> bool,
    ) -> Option<EncodedPage> {
        let HeldPage { encoded, holes } = held;
        let content = fill_holes(
            &encoded.content,
            holes,
            self.height,
            &mut self.faces,
            &mut self.codes,
            fill,
        )?;
        Some(EncodedPage { content, ..encoded })
    }

    fn encode(&mut self, page: &Page, holes: Option<&mut Vec<Hole>>) -> EncodedPage {
        let mut on_page: Vec<Face> = Vec::new();
        for d in &page.draws {
            if let Draw::Text(t) = d {
                if on_page.contains(&t.face) {
                    continue;
                }
                on_page.push(t.face);
                let i = t.face.index();
                if self.faces.len() <= i {
                    self.faces.resize_with(i + 1, || None);
                }
                if self.faces[i].is_none() {
                    self.faces[i] = Some(UsedFace {
                        face: t.face,
                        metrics: self.fonts.face(t.face),
                        glyphs: GlyphRemapper::new(),
                        chars: Vec::new(),
                        known: Vec::new(),
                    });
                }
            }
        }
        on_page.sort_by_key(|f| f.index());
        let plan = tags::plan(&page.draws);
        let (content, links) = page_content(
            page,
            &plan,
            self.height,
            &mut self.faces,
            &mut self.codes,
            holes,
        );
        EncodedPage {
            content,
            deflated: None,
            links: links
                .into_iter()
                .map(|(rect, url)| (rect, url.to_string()))
                .collect(),
            faces: on_page,
            logo: page.logo.is_some(),
            tags: PageTags::from(plan),
        }
    }

    /// The faces used, with the glyphs each needs.
    pub(crate) fn finish(self) -> Vec<Option<UsedFace>> {
        self.faces
    }
}

/// A page encoded with its page numbers left out, and the runs that wait
/// for them.
pub(crate) struct HeldPage {
    pub(crate) encoded: EncodedPage,
    holes: Vec<Hole>,
}

/// Writes a PDF a page at a time: each page's content stream is compressed
/// and appended as the page arrives, then dropped.
pub(crate) struct Emitter<'d> {
    doc: &'d Document,
    width: f32,
    height: f32,
    refs: Refs,
    catalog: Ref,
    tree: Ref,
    info: Ref,
    /// The Type 0 font of each embedded face; those no page uses are never written.
    type0: [Ref; 4],
    /// The Type 0 font of each system face, numbered when a page first uses
    /// it (pages are written in order, so the numbers are the same each time).
    fallback_type0: std::collections::BTreeMap<u16, Ref>,
    pdf: Out,
    /// Each page's object and content stream, in page order.
    page_ids: Vec<(Ref, Ref)>,
    /// Pages reserved and not yet written: their link annotations and
    /// parent-tree keys.
    reserved: std::collections::BTreeMap<usize, Reserved>,
    structure: StructWriter,
    id: ContentId,
    /// The letterhead's logo, written once for the pages that draw it.
    logo: Option<Ref>,
    /// The image XObject of the later pages' picture (the logo's own when
    /// they show the same picture).
    later_logo: Option<Ref>,
}

/// What the structure tree gave a page when its place was kept.
struct Reserved {
    annots: Vec<Ref>,
    key: i32,
    annot_keys: Vec<Option<i32>>,
}

impl<'d> Emitter<'d> {
    /// An emitter writing to `pdf` (see [`Out`]).
    pub(crate) fn new(doc: &'d Document, theme: &Theme, mut pdf: Out) -> Emitter<'d> {
        let mut refs = Refs(0);
        let catalog = refs.next();
        let tree = refs.next();
        let info = refs.next();
        let type0 = [refs.next(), refs.next(), refs.next(), refs.next()];
        let structure = StructWriter::new(&mut refs);
        let mut image = |logo: &Logo| {
            let id = refs.next();
            let mut mask = None;
            super::letterhead::write_logo(&mut pdf, id, logo, || *mask.get_or_insert(refs.next()))
                .map(|()| id)
        };
        let first = doc.letterhead.logo.as_ref();
        let logo = first.and_then(&mut image);
        // The later pages' picture: the same image when it is the same
        // picture, written once.
        let later = doc
            .letterhead
            .later_head
            .as_ref()
            .and_then(|h| h.logo.as_ref());
        let later_logo = match (later, first) {
            (Some(l), Some(f)) if l.data == f.data => logo,
            (Some(l), _) => image(l),
            (None, _) => None,
        };
        Emitter {
            doc,
            width: theme.page_width,
            height: theme.page_height,
            refs,
            catalog,
            tree,
            info,
            type0,
            fallback_type0: std::collections::BTreeMap::new(),
            pdf,
            page_ids: Vec::new(),
            reserved: std::collections::BTreeMap::new(),
            structure,
            id: ContentId::new(doc),
            logo,
            later_logo,
        }
    }

    /// Write one page, after those written or reserved so far.
    pub(crate) fn page(&mut self, page: &EncodedPage) {
        let index = self.reserve(&page.tags);
        self.page_at(index, page);
    }

    /// Keep the next page's place, to be written later with
    /// [`Emitter::page_at`]; its content goes into the structure tree now,
    /// in page order.
    pub(crate) fn reserve(&mut self, tags: &PageTags) -> usize {
        let id = self.refs.next();
        let contents = self.refs.next();
        self.page_ids.push((id, contents));
        let annots: Vec<Ref> = tags.links.iter().map(|_| self.refs.next()).collect();
        let (key, annot_keys) =
            self.structure
                .page(&mut self.pdf, &mut self.refs, id, tags, &annots);
        let index = self.page_ids.len() - 1;
        self.reserved.insert(
            index,
            Reserved {
                annots,
                key,
                annot_keys,
            },
        );
        index
    }

    /// Write page `index` (from 0), whose place was reserved.
    pub(crate) fn page_at(&mut self, index: usize, page: &EncodedPage) {
        let Some(&(id, contents)) = self.page_ids.get(index) else {
            return;
        };
        self.id.page(index, &page.content, &page.links);
        match &page.deflated {
            Some(Some(z)) => {
                self.pdf.stream(contents, z).filter(Filter::FlateDecode);
            }
            Some(None) => {
                self.pdf.stream(contents, &page.content);
            }
            None => write_stream(&mut self.pdf, contents, &page.content, |_| {}),
        }
        let fonts: Vec<(Face, Ref)> = page.faces.iter().map(|&f| (f, self.type0_of(f))).collect();
        let Reserved {
            mut annots,
            key,
            annot_keys,
        } = self.reserved.remove(&index).unwrap_or(Reserved {
            annots: Vec::new(),
            key: -1,
            annot_keys: Vec::new(),
        });
        // Filling in page numbers never adds links; should it, they are
        // numbered here, outside the structure tree.
        while annots.len() < page.links.len() {
            annots.push(self.refs.next());
        }
        for (k, (annot, (rect, url))) in annots.iter().zip(&page.links).enumerate() {
            let mut a = self.pdf.annotation(*annot);
            a.subtype(AnnotationType::Link)
                .rect(*rect)
                .border(0.0, 0.0, 0.0, None);
            if let Some(key) = annot_keys.get(k).copied().flatten() {
                a.struct_parent(key);
            }
            a.action()
                .action_type(ActionType::Uri)
                .uri(Str(url.as_bytes()));
        }
        let mut p = self.pdf.page(id);
        p.parent(self.tree)
            .media_box(Rect::new(0.0, 0.0, self.width, self.height))
            .contents(contents)
            .tab_order(TabOrder::StructureOrder);
        if key >= 0 {
            p.struct_parents(key);
        }
        if !page.links.is_empty() {
            p.annotations(annots.iter().take(page.links.len()).copied());
        }
        let mut res = p.resources();
        // The first page's picture, or the later pages', as the same name.
        let xobject = if index == 0 {
            self.logo
        } else {
            self.later_logo
        };
        if let (true, Some(logo)) = (page.logo, xobject) {
            res.x_objects().pair(Name(b"Logo"), logo);
        }
        let mut dict = res.fonts();
        for (face, type0) in fonts {
            dict.pair(Name(face.resource_name().as_bytes()), type0);
        }
    }

    /// The Type 0 font object of `face`, numbered now if it is new.
    fn type0_of(&mut self, face: Face) -> Ref {
        match face {
            Face::Fallback(n) => *self
                .fallback_type0
                .entry(n)
                .or_insert_with(|| self.refs.next()),
            base => self.type0[base.index()],
        }
    }

    /// Write the page tree, the fonts and the document's facts; the file.
    pub(crate) fn finish(
        mut self,
        faces: &[Option<UsedFace>],
        outline: &[OutlineEntry],
    ) -> Result<Finished, WriteError> {
        if self.page_ids.is_empty() {
            self.page(&EncodedPage {
                content: Vec::new(),
                deflated: None,
                links: Vec::new(),
                faces: Vec::new(),
                logo: false,
                tags: PageTags::default(),
            });
        }
        let type0: Vec<Ref> = faces
            .iter()
            .flatten()
            .map(|used| self.type0_of(used.face))
            .collect();
        let mut pdf = self.pdf;
        let root = self.structure.root;
        self.structure.finish(&mut pdf);
        pdf.pages(self.tree)
            .kids(self.page_ids.iter().map(|(id, _)| *id))
            .count(i32::try_from(self.page_ids.len()).unwrap_or(i32::MAX));

        for (used, type0) in faces.iter().flatten().zip(type0) {
            write_font(&mut pdf, &mut self.refs, used, type0)?;
        }

        let outlines = write_outline(
            &mut pdf,
            &mut self.refs,
            &self.page_ids,
            self.height,
            outline,
        );

        let doc = self.doc;
        let mut cat = pdf.catalog(self.catalog);
        cat.pages(self.tree);
        cat.pair(Name(b"StructTreeRoot"), root);
        cat.mark_info().marked(true);
        cat.viewer_preferences().display_doc_title(true);
        if let Some(outlines) = outlines {
            cat.outlines(outlines);
        }
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
        let mut di = pdf.document_info(self.info);
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
        // The cross-reference table as a compressed stream (PDF 1.5): 20
        // bytes an object as a table, a fraction of that compressed; a
        // 100,000-recommendation report has 1.26 million objects.
        let xref = self.refs.next();
        pdf.finish(xref, &self.id.bytes(), deflate)
    }
}

/// The outline (bookmarks) of the headings, nested by level, each opening
/// its page at the heading; `None` when there is no heading.
fn write_outline(
    pdf: &mut Out,
    refs: &mut Refs,
    pages: &[(Ref, Ref)],
    height: f32,
    entries: &[OutlineEntry],
) -> Option<Ref> {
    if entries.is_empty() {
        return None;
    }
    // Each entry's parent: the nearest entry before it of a lower level.
    let mut parent: Vec<Option<usize>> = Vec::with_capacity(entries.len());
    let mut open: Vec<usize> = Vec::new();
    for (i, e) in entries.iter().enumerate() {
        while open.last().is_some_and(|&j| entries[j].level >= e.level) {
            open.pop();
        }
        parent.push(open.last().copied());
        open.push(i);
    }
    // Children of each entry, and of the root (last), in order.
    let mut kids: Vec<Vec<usize>> = vec![Vec::new(); entries.len() + 1];
    for (i, p) in parent.iter().enumerate() {
        kids[p.unwrap_or(entries.len())].push(i);
    }
    let children = |p: Option<usize>| -> &[usize] { &kids[p.unwrap_or(entries.len())] };
    let root = refs.next();
    let ids: Vec<Ref> = entries.iter().map(|_| refs.next()).collect();
    let top = children(None);
    let mut o = pdf.outline(root);
    if let (Some(&first), Some(&last)) = (top.first(), top.last()) {
        o.first(ids[first]).last(ids[last]);
    }
    o.count(i32::try_from(top.len()).unwrap_or(i32::MAX));
    o.finish();
    for (i, e) in entries.iter().enumerate() {
        let siblings = children(parent[i]);
        let at = siblings.iter().position(|&s| s == i).unwrap_or(0);
        let own = children(Some(i));
        let mut item = pdf.outline_item(ids[i]);
        item.title(TextStr(&e.title))
            .parent(parent[i].map_or(root, |p| ids[p]));
        if at > 0 {
            item.prev(ids[siblings[at - 1]]);
        }
        if let Some(&next) = siblings.get(at + 1) {
            item.next(ids[next]);
        }
        if let (Some(&first), Some(&last)) = (own.first(), own.last()) {
            // Negative: shown closed.
            item.first(ids[first])
                .last(ids[last])
                .count(-i32::try_from(own.len()).unwrap_or(i32::MAX));
        }
        let page = (e.page as usize)
            .saturating_sub(1)
            .min(pages.len().saturating_sub(1));
        if let Some(&(page, _)) = pages.get(page) {
            item.dest().page(page).xyz(0.0, height - e.top, None);
        }
    }
    Some(root)
}
