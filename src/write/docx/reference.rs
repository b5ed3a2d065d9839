//! A reference DOCX (`--reference-docx`): the organisation's letterhead as
//! Word keeps it. Its styles.xml, its headers and footers with their
//! relationships and pictures go into every DOCX written; the first
//! picture of its first page's header is the document's logo, and that
//! header's text its sender block, in every format.
//!
//! The file is read once, by whoever was given its name; [`ReferenceDocx`]
//! keeps its bytes, checked, and the writer takes the parts from them.

use std::collections::BTreeMap;
use std::io::{Cursor, Read};
use std::sync::Arc;

use quick_xml::events::{BytesStart, Event};

use crate::document::{Align, LaterHead, Letterhead, Logo, SenderLine};

/// The most any one part of a reference DOCX may hold when unpacked.
const MAX_PART_BYTES: u64 = 64 * 1024 * 1024;

/// Why a reference DOCX cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct ReferenceError {
    /// What is wrong.
    pub message: String,
}

fn bad(message: impl Into<String>) -> ReferenceError {
    ReferenceError {
        message: message.into(),
    }
}

/// A reference DOCX, checked: its bytes, and the logo its headers hold.
#[derive(Debug, Clone)]
pub struct ReferenceDocx {
    bytes: Arc<Vec<u8>>,
    logo: Option<Logo>,
    /// The text of its first page's header, a line per paragraph or break.
    sender: Vec<SenderLine>,
    /// How that text is aligned in the header.
    sender_align: Align,
    /// How the paragraph holding its first picture is aligned.
    logo_align: Option<Align>,
    /// What its usual header shows on the pages after the first.
    later: Option<LaterHead>,
}

impl ReferenceDocx {
    /// Check the bytes of a reference DOCX: a zip holding a Word document
    /// with its styles. Its header's first picture, if a PNG or JPEG, is
    /// the logo.
    pub fn read(bytes: Vec<u8>) -> Result<ReferenceDocx, ReferenceError> {
        let parts = Parts::read(&bytes)?;
        let logo = parts.logo();
        let bold = bold_styles(parts.styles.as_bytes());
        let Header {
            lines: sender,
            align: sender_align,
            logo_align,
        } = parts
            .first_header()
            .map(|story| header_text(&story.xml, &bold))
            .unwrap_or_default();
        let later = parts.later_header().map(|story| {
            let header = header_text(&story.xml, &bold);
            LaterHead {
                lines: header.lines,
                align: header.align,
                logo: parts.story_logo(story),
                logo_align: header.logo_align,
            }
        });
        Ok(ReferenceDocx {
            bytes: Arc::new(bytes),
            logo,
            sender,
            sender_align,
            logo_align,
            later,
        })
    }

    /// The logo found in its headers.
    pub fn logo(&self) -> Option<&Logo> {
        self.logo.as_ref()
    }

    /// The text of its first page's header, a line per paragraph.
    pub fn sender(&self) -> &[SenderLine] {
        &self.sender
    }

    /// Make `letterhead` this reference's: the DOCX takes its parts, its
    /// logo replaces the dataset's, and its first page's header text the
    /// dataset's sender block (as the DOCX shows the header, not the
    /// dataset's block, every format shows the same).
    pub fn apply(&self, letterhead: &mut Letterhead) {
        letterhead.reference_docx = Some(self.bytes.clone());
        if let Some(logo) = &self.logo {
            letterhead.logo = Some(logo.clone());
        }
        letterhead.sender = self.sender.clone();
        letterhead.sender_align = Some(self.sender_align);
        letterhead.later_head = self
            .later
            .clone()
            .filter(|h| !h.lines.is_empty() || h.logo.is_some());
        if letterhead.logo.is_some() {
            letterhead.logo_align = self.logo_align;
        }
    }
}

/// A header or footer of the reference, with what it refers to.
#[derive(Debug, Clone)]
pub(super) struct Story {
    /// "default", "first" or "even".
    pub kind: String,
    /// Whether it is a header (else a footer).
    pub header: bool,
    /// Its name in our package: `ref-header1.xml`.
    pub name: String,
    pub xml: Vec<u8>,
    /// Its relationships part, as it is.
    pub rels: Option<Vec<u8>>,
    /// Its relationship targets (images) by id, relative to `word/`.
    pub targets: Vec<(String, String)>,
}

/// The parts of a reference DOCX the writer takes.
#[derive(Debug, Clone, Default)]
pub(super) struct Parts {
    pub styles: String,
    pub stories: Vec<Story>,
    /// Whether its first page has its own header and footer.
    pub title_page: bool,
    /// Pictures and other parts its stories refer to, by path in the zip.
    pub media: BTreeMap<String, Vec<u8>>,
}

fn part(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str) -> Option<Vec<u8>> {
    let entry = zip.by_name(name).ok()?;
    let mut out = Vec::new();
    entry.take(MAX_PART_BYTES).read_to_end(&mut out).ok()?;
    Some(out)
}

/// Every element named `local` (any prefix) in `xml`, as its attributes by local name.
fn elements(xml: &[u8], local: &[u8]) -> Vec<BTreeMap<String, String>> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut out = Vec::new();
    let attrs = |e: &BytesStart<'_>| {
        e.attributes()
            .flatten()
            .map(|a| {
                (
                    String::from_utf8_lossy(a.key.local_name().as_ref()).into_owned(),
                    String::from_utf8_lossy(&a.value).into_owned(),
                )
            })
            .collect()
    };
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Eof) | Err(_) => break,
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == local => {
                out.push(attrs(&e));
            }
            _ => {}
        }
        buf.clear();
    }
    out
}

/// What a header part shows, as the PDF draws it.
#[derive(Debug, PartialEq)]
struct Header {
    /// A line per paragraph with text (and per line break within one),
    /// tabs as spaces, field codes and deleted text left out; strong when
    /// every run of its text is bold.
    lines: Vec<SenderLine>,
    /// The alignment of its first paragraph with text (the end margin's
    /// when there is none).
    align: Align,
    /// The alignment of the paragraph holding its first picture.
    logo_align: Option<Align>,
}

impl Default for Header {
    fn default() -> Header {
        Header {
            lines: Vec::new(),
            align: Align::End,
            logo_align: None,
        }
    }
}

/// Which styles of a styles.xml set their text in bold, by style id: a
/// style's own `w:b`, else the one of the style it is based on. The
/// default paragraph style, which a paragraph without a style of its own
/// takes, is also under the empty id.
fn bold_styles(xml: &[u8]) -> BTreeMap<String, bool> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut buf = Vec::new();
    // Each style's own bold, if it says, and the style it is based on.
    let mut styles: BTreeMap<String, (Option<bool>, Option<String>)> = BTreeMap::new();
    let mut default_paragraph = None;
    let mut current: Option<String> = None;
    let mut in_run_properties = false;
    // The document's default run properties (`w:docDefaults`), under every
    // style: bold there makes bold what no style or run turns off.
    let mut in_defaults = false;
    let mut default_bold = false;
    let val = |e: &BytesStart<'_>| {
        e.attributes()
            .flatten()
            .find(|a| a.key.local_name().as_ref() == b"val")
            .map(|a| String::from_utf8_lossy(&a.value).into_owned())
    };
    loop {
        let event = match reader.read_event_into(&mut buf) {
            Ok(Event::Eof) | Err(_) => break,
            Ok(e) => e,
        };
        match &event {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                b"style" => {
                    let attr = |name: &[u8]| {
                        e.attributes()
                            .flatten()
                            .find(|a| a.key.local_name().as_ref() == name)
                            .map(|a| String::from_utf8_lossy(&a.value).into_owned())
                    };
                    current = attr(b"styleId");
                    let paragraph = attr(b"type").as_deref() == Some("paragraph");
                    if paragraph && matches!(attr(b"default").as_deref(), Some("1" | "true")) {
                        default_paragraph.clone_from(&current);
                    }
                }
                b"rPrDefault" if matches!(event, Event::Start(_)) => in_defaults = true,
                b"rPr" if matches!(event, Event::Start(_)) => in_run_properties = true,
                b"basedOn" => {
                    if let Some(id) = &current {
                        styles.entry(id.clone()).or_default().1 = val(e);
                    }
                }
                b"b" if in_run_properties => {
                    let off = matches!(val(e).as_deref(), Some("0" | "false" | "off"));
                    if let Some(id) = &current {
                        styles.entry(id.clone()).or_default().0 = Some(!off);
                    } else if in_defaults {
                        default_bold = !off;
                    }
                }
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                b"rPr" => in_run_properties = false,
                b"rPrDefault" => in_defaults = false,
                b"style" => current = None,
                _ => {}
            },
            _ => {}
        }
        buf.clear();
    }
    let resolve = |id: &str| {
        let mut id = id.to_string();
        // A chain of `basedOn` is short; a loop in one is cut.
        for _ in 0..16 {
            match styles.get(&id) {
                Some((Some(bold), _)) => return *bold,
                Some((None, Some(parent))) => id = parent.clone(),
                _ => return default_bold,
            }
        }
        default_bold
    };
    let mut bold: BTreeMap<String, bool> =
        styles.keys().map(|id| (id.clone(), resolve(id))).collect();
    let unstyled = default_paragraph.map_or(default_bold, |id| resolve(&id));
    bold.insert(String::new(), unstyled);
    bold
}

/// What the header part `xml` shows, its styles' bold read from `bold`
/// ([`bold_styles`]).
fn header_text(xml: &[u8], bold_style: &BTreeMap<String, bool>) -> Header {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut lines: Vec<SenderLine> = Vec::new();
    let mut align = None;
    let mut logo_align = None;
    // Paragraphs open (a text box's paragraphs sit inside another's), each
    // with its lines so far, its alignment and whether it holds a picture.
    let mut open: Vec<(Vec<SenderLine>, Option<Align>, bool)> = Vec::new();
    let mut in_text = false;
    // Whether the run being read is bold: its own `w:b`, else its
    // character style's, else its paragraph style's.
    let mut run_bold: Option<bool> = None;
    let mut run_style_bold: Option<bool> = None;
    let mut paragraph_bold = bold_style.get("").copied().unwrap_or(false);
    let style_val = |e: &BytesStart<'_>| {
        e.attributes()
            .flatten()
            .find(|a| a.key.local_name().as_ref() == b"val")
            .and_then(|a| bold_style.get(String::from_utf8_lossy(&a.value).as_ref()))
            .copied()
    };
    loop {
        let event = match reader.read_event_into(&mut buf) {
            Ok(Event::Eof) | Err(_) => break,
            Ok(e) => e,
        };
        match &event {
            Event::Start(e) | Event::Empty(e) => {
                let empty = matches!(event, Event::Empty(_));
                match e.local_name().as_ref() {
                    b"p" if !empty => {
                        open.push((vec![new_line()], None, false));
                        paragraph_bold = bold_style.get("").copied().unwrap_or(false);
                    }
                    b"pStyle" => paragraph_bold = style_val(e).unwrap_or(false),
                    b"r" if !empty => {
                        run_bold = None;
                        run_style_bold = None;
                    }
                    b"rStyle" => run_style_bold = style_val(e),
                    b"b" => {
                        run_bold = Some(!e.attributes().flatten().any(|a| {
                            a.key.local_name().as_ref() == b"val"
                                && matches!(a.value.as_ref(), b"0" | b"false" | b"off")
                        }));
                    }
                    b"blip" => {
                        if let Some(p) = open.last_mut() {
                            p.2 = true;
                        }
                    }
                    b"t" if !empty => in_text = true,
                    b"tab" => {
                        if let Some(line) = last_line(&mut open) {
                            line.text.push(' ');
                        }
                    }
                    b"br" | b"cr" => {
                        if let Some(p) = open.last_mut() {
                            p.0.push(new_line());
                        }
                    }
                    b"jc" => {
                        let value = e
                            .attributes()
                            .flatten()
                            .find(|a| a.key.local_name().as_ref() == b"val")
                            .map(|a| a.value.into_owned());
                        if let Some(p) = open.last_mut() {
                            p.1 = match value.as_deref() {
                                Some(b"center") => Some(Align::Center),
                                Some(b"right" | b"end") => Some(Align::End),
                                Some(_) => Some(Align::Start),
                                None => None,
                            };
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(t) if in_text => {
                let text = t.xml_content().unwrap_or_default();
                let bold = run_bold.or(run_style_bold).unwrap_or(paragraph_bold);
                if let Some(line) = last_line(&mut open) {
                    line.text.push_str(&text);
                    line.strong &= bold || text.trim().is_empty();
                }
            }
            Event::GeneralRef(r) if in_text => {
                let name: &[u8] = r;
                let text = match name {
                    b"amp" => Some('&'),
                    b"lt" => Some('<'),
                    b"gt" => Some('>'),
                    b"quot" => Some('"'),
                    b"apos" => Some('\''),
                    _ => r.resolve_char_ref().ok().flatten(),
                };
                let bold = run_bold.or(run_style_bold).unwrap_or(paragraph_bold);
                if let (Some(c), Some(line)) = (text, last_line(&mut open)) {
                    line.text.push(c);
                    line.strong &= bold || c.is_whitespace();
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                b"t" => in_text = false,
                b"p" => {
                    if let Some((own, a, picture)) = open.pop() {
                        if picture && logo_align.is_none() {
                            logo_align = Some(a.unwrap_or(Align::Start));
                        }
                        let own: Vec<SenderLine> = own
                            .into_iter()
                            .map(|l| SenderLine {
                                text: l
                                    .text
                                    .split_ascii_whitespace()
                                    .collect::<Vec<_>>()
                                    .join(" "),
                                strong: l.strong,
                            })
                            .filter(|l| !l.text.is_empty())
                            .collect();
                        if !own.is_empty() && align.is_none() {
                            align = Some(a.unwrap_or(Align::Start));
                        }
                        lines.extend(own);
                    }
                }
                _ => {}
            },
            _ => {}
        }
        buf.clear();
    }
    Header {
        lines,
        align: align.unwrap_or(Align::End),
        logo_align,
    }
}

/// The line being read of the innermost paragraph open.
fn last_line(open: &mut [(Vec<SenderLine>, Option<Align>, bool)]) -> Option<&mut SenderLine> {
    open.last_mut().and_then(|p| p.0.last_mut())
}

/// A line not yet read: strong until a run of its text is not bold.
fn new_line() -> SenderLine {
    SenderLine {
        text: String::new(),
        strong: true,
    }
}

/// `word/` + a relationship target, with `..` and `./` resolved.
fn in_word(target: &str) -> String {
    let mut segs: Vec<&str> = vec!["word"];
    let target = target.strip_prefix('/').map_or(target, |t| {
        segs.clear();
        t
    });
    for s in target.split('/') {
        match s {
            "" | "." => {}
            ".." => {
                segs.pop();
            }
            s => segs.push(s),
        }
    }
    segs.join("/")
}

impl Parts {
    pub(super) fn read(bytes: &[u8]) -> Result<Parts, ReferenceError> {
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| {
            bad("it is not a DOCX file: a DOCX is a zip package, and this is not one")
        })?;
        let document = part(&mut zip, "word/document.xml").ok_or_else(|| {
            bad("it holds no word/document.xml: it is a zip, but not a Word document")
        })?;
        let styles = part(&mut zip, "word/styles.xml").ok_or_else(|| {
            bad("it holds no word/styles.xml: save it again from Word or LibreOffice")
        })?;
        let styles =
            String::from_utf8(styles).map_err(|_| bad("its word/styles.xml is not UTF-8 text"))?;
        if !styles.contains("</w:styles>") {
            return Err(bad("its word/styles.xml has no <w:styles> element"));
        }
        let rels = part(&mut zip, "word/_rels/document.xml.rels").unwrap_or_default();
        let targets: BTreeMap<String, String> = elements(&rels, b"Relationship")
            .into_iter()
            .filter_map(|a| Some((a.get("Id")?.clone(), a.get("Target")?.clone())))
            .collect();
        let mut parts = Parts {
            styles,
            title_page: !elements(&document, b"titlePg").is_empty(),
            ..Parts::default()
        };
        // The section properties closing the body are the last in the
        // file: the references of the last section win.
        let mut seen: BTreeMap<(bool, String), usize> = BTreeMap::new();
        for (header, local) in [(true, &b"headerReference"[..]), (false, b"footerReference")] {
            for a in elements(&document, local) {
                let (Some(kind), Some(id)) = (a.get("type"), a.get("id")) else {
                    continue;
                };
                let Some(target) = targets.get(id) else {
                    continue;
                };
                let path = in_word(target);
                let Some(xml) = part(&mut zip, &path) else {
                    return Err(bad(format!(
                        "its document names the {} part {path}, which it does not hold",
                        if header { "header" } else { "footer" }
                    )));
                };
                let file = path.rsplit('/').next().unwrap_or("part.xml").to_string();
                let rels_path = format!("word/_rels/{file}.rels");
                let rels = part(&mut zip, &rels_path);
                let story_targets: Vec<(String, String)> = rels
                    .as_deref()
                    .map(|r| {
                        elements(r, b"Relationship")
                            .into_iter()
                            .filter(|a| a.get("TargetMode").is_none_or(|m| m != "External"))
                            .filter_map(|a| Some((a.get("Id")?.clone(), a.get("Target")?.clone())))
                            .collect()
                    })
                    .unwrap_or_default();
                for (_, t) in &story_targets {
                    let p = in_word(t);
                    if let std::collections::btree_map::Entry::Vacant(slot) = parts.media.entry(p) {
                        if let Some(b) = part(&mut zip, slot.key()) {
                            slot.insert(b);
                        }
                    }
                }
                let story = Story {
                    kind: kind.clone(),
                    header,
                    name: format!("ref-{file}"),
                    xml,
                    rels,
                    targets: story_targets,
                };
                match seen.get(&(header, kind.clone())) {
                    Some(&i) => parts.stories[i] = story,
                    None => {
                        seen.insert((header, kind.clone()), parts.stories.len());
                        parts.stories.push(story);
                    }
                }
            }
        }
        Ok(parts)
    }

    /// The header of the first page: its own where the section gives it
    /// one, else the default.
    fn first_header(&self) -> Option<&Story> {
        let headers = || self.stories.iter().filter(|s| s.header);
        let own = headers()
            .find(|s| s.kind == "first")
            .filter(|_| self.title_page);
        own.or_else(|| headers().find(|s| s.kind == "default"))
    }

    /// The header of the pages after the first: the usual one.
    fn later_header(&self) -> Option<&Story> {
        self.stories
            .iter()
            .find(|s| s.header && s.kind == "default")
    }

    /// The bytes of every picture `story` draws, in its order.
    fn pictures<'a>(&'a self, story: &'a Story) -> impl Iterator<Item = &'a Vec<u8>> + 'a {
        elements(&story.xml, b"blip")
            .into_iter()
            .filter_map(move |blip| {
                let id = blip.get("embed")?;
                let (_, target) = story.targets.iter().find(|(i, _)| i == id)?;
                self.media.get(&in_word(target))
            })
    }

    /// The first picture of the first page's header (the default header's
    /// when the first page has none of its own), as a logo.
    fn logo(&self) -> Option<Logo> {
        let headers = self.stories.iter().filter(|s| s.header);
        let mut ordered: Vec<&Story> = headers.clone().filter(|s| s.kind == "first").collect();
        ordered.extend(headers.filter(|s| s.kind == "default"));
        ordered.into_iter().find_map(|story| self.story_logo(story))
    }

    /// The first picture of `story` that is a PNG or a JPEG, as a logo at
    /// the width `story` draws it.
    fn story_logo(&self, story: &Story) -> Option<Logo> {
        {
            for bytes in self.pictures(story) {
                let Ok(info) = crate::image::inspect(bytes) else {
                    continue;
                };
                let extent = elements(&story.xml, b"extent");
                // The size it is drawn at in the header, in EMU (12,700 a point).
                let width_pt = extent
                    .first()
                    .and_then(|e| e.get("cx")?.parse::<f64>().ok())
                    .map_or(113.4, |emu| emu / 12_700.0);
                return Some(Logo {
                    format: info.format,
                    data: bytes.clone().into(),
                    width_px: info.width,
                    height_px: info.height,
                    width_cpt: (width_pt * 100.0).round().clamp(100.0, 60_000.0) as u32,
                    alt: elements(&story.xml, b"docPr")
                        .first()
                        .and_then(|d| d.get("descr").or_else(|| d.get("name")).cloned())
                        .unwrap_or_else(|| "Logo".to_string()),
                });
            }
        }
        None
    }

    /// The reference's styles.xml with every style of `ours` it lacks
    /// added, so that each style id the document uses is defined.
    pub(super) fn merged_styles(&self, ours: &str) -> String {
        let mut added = String::new();
        let mut rest = ours;
        while let Some(start) = rest.find("<w:style ") {
            let Some(len) = rest[start..].find("</w:style>") else {
                break;
            };
            let end = start + len + "</w:style>".len();
            let style = &rest[start..end];
            let id = style
                .split("w:styleId=\"")
                .nth(1)
                .and_then(|s| s.split('"').next())
                .unwrap_or_default();
            if !self.styles.contains(&format!("w:styleId=\"{id}\"")) {
                added.push_str(style);
            }
            rest = &rest[end..];
        }
        match self.styles.rfind("</w:styles>") {
            Some(at) => format!("{}{added}{}", &self.styles[..at], &self.styles[at..]),
            None => self.styles.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_headers_text_is_read_a_line_per_paragraph_with_its_alignment() {
        let xml = concat!(
            r#"<w:hdr xmlns:w="w"><w:p><w:r><w:drawing/></w:r></w:p>"#,
            r#"<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:t>Rights &amp; Voices</w:t></w:r>"#,
            r#"<w:r><w:br/><w:t xml:space="preserve">12 Harbour  Street</w:t><w:tab/><w:t>Port&#160;Brevis</w:t></w:r></w:p>"#,
            r#"<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>"#,
            r#"<w:r><w:delText>old</w:delText></w:r></w:p>"#,
            r#"<w:p><w:pPr><w:jc w:val="right"/></w:pPr><w:r><w:t>www.example.org</w:t></w:r></w:p></w:hdr>"#
        );
        let Header {
            lines,
            align,
            logo_align,
        } = header_text(xml.as_bytes(), &BTreeMap::new());
        assert_eq!(logo_align, None);
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Rights & Voices",
                "12 Harbour Street Port\u{a0}Brevis",
                "www.example.org"
            ]
        );
        assert!(lines.iter().all(|l| !l.strong));
        assert_eq!(align, Align::Center);
        assert_eq!(
            header_text(b"<w:hdr/>", &BTreeMap::new()),
            Header::default()
        );
        let centred_picture = concat!(
            r#"<w:hdr xmlns:w="w" xmlns:a="a"><w:p><w:pPr><w:jc w:val="center"/></w:pPr>"#,
            r#"<w:r><w:drawing><a:blip/></w:drawing></w:r></w:p></w:hdr>"#
        );
        assert_eq!(
            header_text(centred_picture.as_bytes(), &BTreeMap::new()).logo_align,
            Some(Align::Center)
        );
    }

    #[test]
    fn a_header_line_bold_by_its_style_is_strong() {
        // "Name" is bold through the style it is based on; "Quiet" is based
        // on it and turns bold off; "Emph" is a bold character style; the
        // default paragraph style ("Base") is not bold.
        let styles = concat!(
            r#"<w:styles xmlns:w="w"><w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="20"/></w:rPr></w:rPrDefault></w:docDefaults>"#,
            r#"<w:style w:type="paragraph" w:default="1" w:styleId="Base"><w:name w:val="Normal"/></w:style>"#,
            r#"<w:style w:type="paragraph" w:styleId="Strong1"><w:rPr><w:b/></w:rPr></w:style>"#,
            r#"<w:style w:type="paragraph" w:styleId="Name"><w:basedOn w:val="Strong1"/></w:style>"#,
            r#"<w:style w:type="paragraph" w:styleId="Quiet"><w:basedOn w:val="Name"/><w:rPr><w:b w:val="0"/></w:rPr></w:style>"#,
            r#"<w:style w:type="character" w:styleId="Emph"><w:rPr><w:b/></w:rPr></w:style>"#,
            r#"<w:style w:type="paragraph" w:styleId="Loop"><w:basedOn w:val="Loop"/></w:style></w:styles>"#
        );
        let bold = bold_styles(styles.as_bytes());
        let xml = concat!(
            r#"<w:hdr xmlns:w="w">"#,
            r#"<w:p><w:pPr><w:pStyle w:val="Name"/></w:pPr><w:r><w:t>Rights Watch</w:t></w:r></w:p>"#,
            r#"<w:p><w:pPr><w:pStyle w:val="Name"/></w:pPr><w:r><w:rPr><w:b w:val="0"/></w:rPr><w:t>Not</w:t></w:r></w:p>"#,
            r#"<w:p><w:pPr><w:pStyle w:val="Quiet"/></w:pPr><w:r><w:t>Quiet line</w:t></w:r></w:p>"#,
            r#"<w:p><w:r><w:rPr><w:rStyle w:val="Emph"/></w:rPr><w:t>By character style</w:t></w:r></w:p>"#,
            r#"<w:p><w:r><w:t>Plain</w:t></w:r></w:p>"#,
            r#"<w:p><w:pPr><w:pStyle w:val="Loop"/></w:pPr><w:r><w:t>Looped</w:t></w:r></w:p></w:hdr>"#
        );
        let lines = header_text(xml.as_bytes(), &bold).lines;
        let read: Vec<(&str, bool)> = lines.iter().map(|l| (l.text.as_str(), l.strong)).collect();
        assert_eq!(
            read,
            [
                ("Rights Watch", true),
                ("Not", false),
                ("Quiet line", false),
                ("By character style", true),
                ("Plain", false),
                ("Looped", false),
            ]
        );
    }

    #[test]
    fn a_header_bold_by_the_documents_defaults_is_strong_unless_turned_off() {
        // The defaults make every run bold; "Light" turns it off.
        let styles = concat!(
            r#"<w:styles xmlns:w="w"><w:docDefaults><w:rPrDefault><w:rPr><w:b/></w:rPr></w:rPrDefault></w:docDefaults>"#,
            r#"<w:style w:type="paragraph" w:default="1" w:styleId="Base"><w:name w:val="Normal"/></w:style>"#,
            r#"<w:style w:type="paragraph" w:styleId="Light"><w:rPr><w:b w:val="0"/></w:rPr></w:style></w:styles>"#
        );
        let bold = bold_styles(styles.as_bytes());
        let xml = concat!(
            r#"<w:hdr xmlns:w="w">"#,
            r#"<w:p><w:r><w:t>Heavy</w:t></w:r></w:p>"#,
            r#"<w:p><w:pPr><w:pStyle w:val="Light"/></w:pPr><w:r><w:t>Light line</w:t></w:r></w:p>"#,
            r#"<w:p><w:r><w:rPr><w:b w:val="false"/></w:rPr><w:t>Run off</w:t></w:r></w:p></w:hdr>"#
        );
        let lines = header_text(xml.as_bytes(), &bold).lines;
        let read: Vec<(&str, bool)> = lines.iter().map(|l| (l.text.as_str(), l.strong)).collect();
        assert_eq!(
            read,
            [("Heavy", true), ("Light line", false), ("Run off", false)]
        );
        // Without a default paragraph style, an unstyled paragraph takes the
        // defaults too.
        let bare = bold_styles(
            br#"<w:styles xmlns:w="w"><w:docDefaults><w:rPrDefault><w:rPr><w:b/></w:rPr></w:rPrDefault></w:docDefaults></w:styles>"#,
        );
        assert_eq!(bare.get(""), Some(&true));
    }

    #[test]
    fn a_header_line_all_in_bold_runs_is_strong() {
        let xml = concat!(
            r#"<w:hdr xmlns:w="w"><w:p><w:pPr><w:rPr><w:b/></w:rPr></w:pPr>"#,
            r#"<w:r><w:rPr><w:b/></w:rPr><w:t>Rights</w:t></w:r><w:r><w:t xml:space="preserve"> </w:t></w:r>"#,
            r#"<w:r><w:rPr><w:b w:val="1"/></w:rPr><w:t>&amp; Voices</w:t></w:r>"#,
            r#"<w:r><w:br/><w:t>12 Harbour Street</w:t></w:r></w:p>"#,
            r#"<w:p><w:pPr><w:rPr><w:b/></w:rPr></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t>Port </w:t></w:r>"#,
            r#"<w:r><w:rPr><w:b w:val="0"/></w:rPr><w:t>Brevis</w:t></w:r></w:p></w:hdr>"#
        );
        let lines = header_text(xml.as_bytes(), &BTreeMap::new()).lines;
        let read: Vec<(&str, bool)> = lines.iter().map(|l| (l.text.as_str(), l.strong)).collect();
        assert_eq!(
            read,
            [
                ("Rights & Voices", true),
                ("12 Harbour Street", false),
                ("Port Brevis", false)
            ]
        );
    }

    #[test]
    fn targets_resolve_under_word() {
        assert_eq!(in_word("media/image1.png"), "word/media/image1.png");
        assert_eq!(in_word("../media/a.png"), "media/a.png");
        assert_eq!(in_word("/word/header1.xml"), "word/header1.xml");
    }

    #[test]
    fn not_a_zip_is_refused() {
        let e = ReferenceDocx::read(b"plain text".to_vec()).expect_err("not a zip");
        assert!(e.message.contains("not a DOCX"), "{}", e.message);
    }

    #[test]
    fn missing_styles_are_added() {
        let parts = Parts {
            styles: r#"<w:styles><w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="Normal"/></w:style></w:styles>"#.into(),
            ..Parts::default()
        };
        let ours = r#"<w:styles><w:style w:type="paragraph" w:styleId="Normal"></w:style><w:style w:type="paragraph" w:styleId="Signature"><w:name w:val="Signature"/></w:style></w:styles>"#;
        let merged = parts.merged_styles(ours);
        assert_eq!(merged.matches("w:styleId=\"Normal\"").count(), 1);
        assert!(merged.contains("w:styleId=\"Signature\""));
        assert!(merged.ends_with("</w:styles>"));
    }
}
