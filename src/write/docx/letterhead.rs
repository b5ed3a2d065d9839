//! Headers and footers: the letterhead on the first page, the running
//! footer and page number on the others.
//!
//! Without a letterhead and with a number on every page, the package has
//! one footer, `footer1.xml`, with the page number. A logo or sender block
//! gives the first page a header of its own (`header1.xml`: the logo
//! beside the sender block) and `w:titlePg`; a template that shows no
//! number on the first page (a letter) gives it an empty footer
//! (`footer2.xml`). A reference DOCX's headers and footers, renamed
//! `ref-*.xml`, take the place of ours where it has them.

use super::body::{Converter, PPr, Part};
use super::reference::Parts;
use super::xml::{escape, Xml};
use super::{backend, fields, package, styles, tables};
use crate::document::{Align, Document, ImageFormat, Logo};
use crate::write::WriteError;

/// A header or footer part.
pub(super) struct StoryPart {
    /// Its relationship id in document.xml.rels.
    pub rid: String,
    /// Its file name under `word/`.
    pub name: String,
    pub header: bool,
    pub xml: Vec<u8>,
    /// Its relationships part, when it refers to pictures.
    pub rels: Option<Vec<u8>>,
}

/// The headers and footers of a document, and how its section refers to them.
#[derive(Default)]
pub(super) struct Stories {
    pub parts: Vec<StoryPart>,
    /// `(header, type, relationship id)` of each reference in the section.
    pub refs: Vec<(bool, &'static str, String)>,
    /// Whether the first page has a header and footer of its own.
    pub title_page: bool,
    /// Pictures, by path in the package (`word/media/…`).
    pub media: Vec<(String, Vec<u8>)>,
}

/// The name of our own logo in the package.
const LOGO_MEDIA: &str = "media/hrdraft-logo";
const LOGO_RID: &str = "rIdLogo";

const HEADER_ROOT: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<w:hdr "#,
    namespaces!(),
    r#"mc:Ignorable="w14 wp14">"#
);

fn kind_name(kind: &str) -> &'static str {
    match kind {
        "first" => "first",
        "even" => "even",
        _ => "default",
    }
}

/// The headers and footers of `doc`, written after the notes so that their
/// paragraph ids follow the notes'.
pub(super) fn stories(
    conv: &mut Converter,
    doc: &Document,
    reference: Option<&Parts>,
) -> Result<Stories, WriteError> {
    let lh = &doc.letterhead;
    let mut s = Stories::default();
    let has = |s: &Stories, header: bool, kind: &str| {
        s.refs.iter().any(|(h, k, _)| *h == header && *k == kind)
    };
    if let Some(r) = reference {
        for (i, story) in r.stories.iter().enumerate() {
            let rid = format!("rIdRef{}", i + 1);
            s.refs
                .push((story.header, kind_name(&story.kind), rid.clone()));
            s.parts.push(StoryPart {
                rid,
                name: story.name.clone(),
                header: story.header,
                xml: story.xml.clone(),
                rels: story.rels.clone(),
            });
        }
        s.media = r
            .media
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        s.title_page = r.title_page;
    } else if lh.logo.is_some() || !lh.sender.is_empty() {
        if let Some(logo) = &lh.logo {
            for (name, bytes) in logo_media(logo)? {
                s.media.push((format!("word/{name}"), bytes));
            }
        }
        let (xml, links) = first_header(conv, doc);
        let rels = header_rels(lh.logo.as_ref(), &links);
        s.parts.push(StoryPart {
            rid: "rIdHeader1".into(),
            name: "header1.xml".into(),
            header: true,
            xml: xml.into_bytes(),
            rels,
        });
        s.refs.push((true, "first", "rIdHeader1".into()));
        s.title_page = true;
    }
    s.title_page |= !doc.page.first_page_number;
    if !has(&s, false, "default") {
        let xml = footer(conv, lh.footer.as_deref(), true);
        s.parts.insert(
            0,
            StoryPart {
                rid: package::FOOTER_RID.into(),
                name: "footer1.xml".into(),
                header: false,
                xml: xml.into_bytes(),
                rels: None,
            },
        );
        s.refs
            .insert(0, (false, "default", package::FOOTER_RID.into()));
    }
    if s.title_page {
        if !has(&s, false, "first") {
            let xml = footer(conv, None, doc.page.first_page_number);
            s.parts.push(StoryPart {
                rid: "rIdFooter2".into(),
                name: "footer2.xml".into(),
                header: false,
                xml: xml.into_bytes(),
                rels: None,
            });
            s.refs.push((false, "first", "rIdFooter2".into()));
        }
        // A reference whose first page has no header of its own shows its
        // usual header there too.
        let default_header = s
            .refs
            .iter()
            .find(|(h, k, _)| *h && *k == "default")
            .map(|(_, _, rid)| rid.clone());
        if let (false, Some(rid)) = (has(&s, true, "first"), default_header) {
            s.refs.push((true, "first", rid));
        }
    }
    if s.parts.iter().any(|p| p.xml.is_empty()) {
        return Err(backend("a header or footer part is empty"));
    }
    Ok(s)
}

/// The name of the picture `rIdLogo` shows: the logo's own file, or for
/// an SVG drawing the PNG rendered from it.
fn media_name(logo: &Logo) -> String {
    match logo.format {
        ImageFormat::Png | ImageFormat::Svg => format!("{LOGO_MEDIA}.png"),
        ImageFormat::Jpeg => format!("{LOGO_MEDIA}.jpeg"),
    }
}

/// The relationship of an SVG logo's drawing, beside its PNG.
const LOGO_SVG_RID: &str = "rIdLogoSvg";

/// The resolution of the PNG that stands for an SVG logo, in pixels to the inch.
const SVG_PNG_DPI: f32 = 300.0;

/// The logo's files in the package, by name under word/: its own file, or
/// for an SVG drawing the drawing and a PNG rendered from it at the
/// printed size. Word 2016 and later draw the SVG, older Word and other
/// readers the PNG, as Word itself writes them.
fn logo_media(logo: &Logo) -> Result<Vec<(String, Vec<u8>)>, WriteError> {
    if logo.format != ImageFormat::Svg {
        return Ok(vec![(media_name(logo), logo.data.to_vec())]);
    }
    let wide = (logo.size_pt().0 / 72.0 * SVG_PNG_DPI).ceil() as u32;
    let png = crate::image::render_svg(&logo.data, wide)
        .and_then(|px| crate::image::encode_png(&px))
        .map_err(|e| backend(format!("the SVG logo could not be rendered: {e}")))?;
    Ok(vec![
        (media_name(logo), png),
        (format!("{LOGO_MEDIA}.svg"), logo.data.to_vec()),
    ])
}

/// The first page's header's relationships: its logo and the addresses
/// its sender block links, `rIdHeaderLink{n}` in order; none without either.
fn header_rels(logo: Option<&Logo>, links: &[String]) -> Option<Vec<u8>> {
    if logo.is_none() && links.is_empty() {
        return None;
    }
    let mut out = String::from(concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    ));
    if let Some(logo) = logo {
        out.push_str(&package::relationship(
            LOGO_RID,
            "image",
            &media_name(logo),
            false,
        ));
        if logo.format == ImageFormat::Svg {
            out.push_str(&package::relationship(
                LOGO_SVG_RID,
                "image",
                &format!("{LOGO_MEDIA}.svg"),
                false,
            ));
        }
    }
    for (i, url) in links.iter().enumerate() {
        let id = format!("{HEADER_LINK_RID}{}", i + 1);
        out.push_str(&package::relationship(&id, "hyperlink", url, true));
    }
    out.push_str("</Relationships>");
    Some(out.into_bytes())
}

/// The relationship id of the first page's header's n-th link, from 1.
const HEADER_LINK_RID: &str = "rIdHeaderLink";

/// EMU (English Metric Units) per point.
const EMU_PER_PT: f32 = 12_700.0;

/// The run drawing the logo inline, at its printed size.
fn logo_run(logo: &Logo) -> String {
    let (w, h) = logo.size_pt();
    let cx = (w * EMU_PER_PT).round() as i64;
    let cy = (h * EMU_PER_PT).round() as i64;
    let alt = escape(&logo.alt);
    // An SVG drawing in Office 2016's extension of the picture, whose
    // picture proper is the PNG rendered from it.
    let svg = if logo.format == ImageFormat::Svg {
        format!(
            concat!(
                r#"<a:extLst><a:ext uri="{{96DAC541-7B7A-43D3-8B79-37D633B846F1}}">"#,
                r#"<asvg:svgBlip xmlns:asvg="http://schemas.microsoft.com/office/drawing/2016/SVG/main" r:embed="{}"/>"#,
                r#"</a:ext></a:extLst>"#
            ),
            LOGO_SVG_RID
        )
    } else {
        String::new()
    };
    format!(
        concat!(
            r#"<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">"#,
            r#"<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>"#,
            r#"<wp:docPr id="4001" name="Logo" descr="{alt}"/>"#,
            r#"<wp:cNvGraphicFramePr><a:graphicFrameLocks xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" noChangeAspect="1"/></wp:cNvGraphicFramePr>"#,
            r#"<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">"#,
            r#"<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">"#,
            r#"<pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture">"#,
            r#"<pic:nvPicPr><pic:cNvPr id="0" name="Logo" descr="{alt}"/><pic:cNvPicPr/></pic:nvPicPr>"#,
            r#"<pic:blipFill>{blip}<a:stretch><a:fillRect/></a:stretch></pic:blipFill>"#,
            r#"<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>"#,
            r#"<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>"#,
            r#"</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"#
        ),
        cx = cx,
        cy = cy,
        alt = alt,
        blip = if svg.is_empty() {
            format!(r#"<a:blip r:embed="{LOGO_RID}"/>"#)
        } else {
            format!(r#"<a:blip r:embed="{LOGO_RID}">{svg}</a:blip>"#)
        }
    )
}

/// header1.xml: the logo at the start and the sender block at the end of
/// a table without borders, as wide as the text; with the addresses its
/// sender block links, in order.
fn first_header(conv: &mut Converter, doc: &Document) -> (String, Vec<String>) {
    let lh = &doc.letterhead;
    let mut x = Xml::with_capacity(4096);
    x.raw(HEADER_ROOT);
    let body = conv.set_part(Part::Body, x);
    conv.start_story(false);
    let page = &doc.page;
    let width = i64::from(tables::twips(
        (page.width - page.margin_start - page.margin_end).max(72.0),
    ));
    let half = width / 2;
    conv.x.raw(concat!(
        r#"<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/>"#,
        r#"<w:tblBorders><w:top w:val="nil"/><w:left w:val="nil"/><w:bottom w:val="nil"/><w:right w:val="nil"/><w:insideH w:val="nil"/><w:insideV w:val="nil"/></w:tblBorders>"#,
        r#"<w:tblLayout w:type="fixed"/><w:tblLook w:val="0000"/></w:tblPr><w:tblGrid>"#
    ));
    for _ in 0..2 {
        conv.x.raw(r#"<w:gridCol w:w=""#);
        conv.x.int(half);
        conv.x.raw(r#""/>"#);
    }
    conv.x.raw("</w:tblGrid><w:tr>");
    let cell = |x: &mut Xml| {
        x.raw(r#"<w:tc><w:tcPr><w:tcW w:w=""#);
        x.int(half);
        x.raw(r#"" w:type="dxa"/></w:tcPr>"#);
    };
    cell(&mut conv.x);
    conv.open_paragraph(PPr::new(styles::FOOTER).align(Align::Start), false);
    if let Some(logo) = &lh.logo {
        conv.x.raw(&logo_run(logo));
    }
    conv.close_paragraph();
    conv.x.raw("</w:tc>");
    cell(&mut conv.x);
    if lh.sender.is_empty() {
        conv.open_paragraph(PPr::new(styles::FOOTER).align(Align::End), false);
        conv.close_paragraph();
    }
    let mut links = Vec::new();
    for line in &lh.sender {
        conv.open_paragraph(PPr::new(styles::FOOTER).align(Align::End), false);
        let run = |x: &mut Xml, text: &str| {
            if line.strong {
                strong_run(x, text);
            } else {
                text_run(x, text);
            }
        };
        // Its e-mail and web addresses as hyperlinks, as in the text.
        let mut at = 0;
        for (range, url) in line.links() {
            run(&mut conv.x, &line.text[at..range.start]);
            links.push(url);
            conv.x.raw(r#"<w:hyperlink r:id=""#);
            conv.x.raw(HEADER_LINK_RID);
            conv.x.int(links.len() as i64);
            // Set as the rest of the line, as the PDF and the HTML page set
            // it: a letterhead, not a page of links (LibreOffice colours
            // and underlines a link unless its run says otherwise).
            conv.x.raw(r#"" w:history="1"><w:r><w:rPr>"#);
            if line.strong {
                conv.x.raw("<w:b/>");
            }
            conv.x
                .raw(r#"<w:color w:val="auto"/><w:u w:val="none"/></w:rPr>"#);
            conv.x.raw(r#"<w:t xml:space="preserve">"#);
            conv.x.text(&line.text[range.clone()]);
            conv.x.raw("</w:t></w:r></w:hyperlink>");
            at = range.end;
        }
        run(&mut conv.x, &line.text[at..]);
        conv.close_paragraph();
    }
    conv.x.raw("</w:tc></w:tr></w:tbl>");
    // A header ends with a paragraph.
    conv.open_paragraph(PPr::new(styles::FOOTER), false);
    conv.close_paragraph();
    conv.x.raw("</w:hdr>");
    (conv.set_part(Part::Body, body).into_string(), links)
}

fn text_run(x: &mut Xml, text: &str) {
    x.raw(r#"<w:r><w:t xml:space="preserve">"#);
    x.text(text);
    x.raw("</w:t></w:r>");
}

/// A run in bold: a letterhead line its source sets so.
fn strong_run(x: &mut Xml, text: &str) {
    x.raw(r#"<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">"#);
    x.text(text);
    x.raw("</w:t></w:r>");
}

/// A footer: the running text, if any, then the page number centred when
/// `number`; an empty paragraph when there is neither.
fn footer(conv: &mut Converter, running: Option<&str>, number: bool) -> String {
    let mut x = Xml::with_capacity(2048);
    x.raw(super::FOOTER_ROOT);
    let body = conv.set_part(Part::Body, x);
    conv.start_story(false);
    if let Some(text) = running {
        // The running text at the start and the number at the end of one
        // line, as the PDF sets them: a right tab stop at the end margin.
        conv.open_paragraph(PPr::new(styles::FOOTER).align(Align::Start), false);
        let tail = r#"<w:jc w:val="left"/></w:pPr>"#;
        if number && conv.x.ends_with(tail) {
            let at = conv.x.len() - tail.len();
            let page = conv.page();
            let end = tables::twips((page.width - page.margin_start - page.margin_end).max(72.0));
            conv.x.insert(
                at,
                &format!(r#"<w:tabs><w:tab w:val="right" w:pos="{end}"/></w:tabs>"#),
            );
        }
        text_run(&mut conv.x, text);
        if number {
            conv.x.raw("<w:r><w:tab/></w:r>");
            fields::page_number(&mut conv.x);
        }
        conv.close_paragraph();
    } else {
        conv.open_paragraph(PPr::new(styles::FOOTER), false);
        if number {
            fields::page_number(&mut conv.x);
        }
        conv.close_paragraph();
    }
    conv.x.raw("</w:ftr>");
    conv.set_part(Part::Body, body).into_string()
}
