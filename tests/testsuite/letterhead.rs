//! The letterhead: a dataset's `[letterhead]` (logo, sender block, running
//! footer) and a reference DOCX (`--reference-docx`), read back from the
//! DOCX's parts and the PDF's pages.
//!
//! The reference DOCX is built here, a zip written by the test with a
//! header holding a PNG the test makes, so that its logo's size is known
//! and can be looked for in both formats.

use std::io::{Read, Write};
use std::path::Path;

use crate::bad_input::copy_dir;
use crate::documents::read::pdf_pages;
use crate::support::{root, run, squash};

/// A PNG of `width` × `height` pixels, a colour gradient with a transparent
/// corner, so that it carries an alpha channel.
fn png(width: u32, height: u32) -> Vec<u8> {
    let mut rgba = Vec::new();
    for y in 0..height {
        for x in 0..width {
            let alpha = if x < 4 && y < 4 { 0 } else { 255 };
            rgba.extend_from_slice(&[(x * 2) as u8, (y * 5) as u8, 120, alpha]);
        }
    }
    let mut out = Vec::new();
    let mut enc = png::Encoder::new(&mut out, width, height);
    enc.set_color(png::ColorType::Rgba);
    enc.set_depth(png::BitDepth::Eight);
    let mut w = enc.write_header().expect("PNG header");
    w.write_image_data(&rgba).expect("PNG data");
    w.finish().expect("PNG end");
    out
}

/// The logo's size in the reference: distinct enough not to be met by chance.
const LOGO: (u32, u32) = (97, 31);

const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// A reference DOCX as a team keeps its letterhead: a styles.xml with its
/// own font and a style of its own, and a default header holding the logo.
fn reference_docx(logo: &[u8]) -> Vec<u8> {
    reference_docx_with(logo, None)
}

/// [`reference_docx`], with `later` the text of a usual header of its own
/// when given: the logo's header is then the first page's (`w:titlePg`).
fn reference_docx_with(logo: &[u8], later: Option<&str>) -> Vec<u8> {
    reference_docx_pictured(logo, later, None)
}

/// [`reference_docx_with`], the usual header also drawing `picture`, 36 pt
/// wide, above its text.
fn reference_docx_pictured(logo: &[u8], later: Option<&str>, picture: Option<&[u8]>) -> Vec<u8> {
    let mut parts: Vec<(&str, String)> = vec![
        (
            "[Content_Types].xml",
            concat!(
                r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#,
                r#"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#,
                r#"<Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/>"#,
                r#"<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>"#,
                r#"<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>"#,
                r#"<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>"#,
                "</Types>"
            )
            .to_string(),
        ),
        (
            "_rels/.rels",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{REL}/officeDocument" Target="word/document.xml"/></Relationships>"#
            ),
        ),
        (
            "word/_rels/document.xml.rels",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{REL}/styles" Target="styles.xml"/><Relationship Id="rId7" Type="{REL}/header" Target="header1.xml"/></Relationships>"#
            ),
        ),
        (
            "word/document.xml",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body><w:p><w:r><w:t>Letterhead</w:t></w:r></w:p><w:sectPr><w:headerReference w:type="default" r:id="rId7"/><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>"#
            ),
        ),
        (
            "word/styles.xml",
            format!(
                concat!(
                    r#"<?xml version="1.0" encoding="UTF-8"?><w:styles xmlns:w="{}">"#,
                    r#"<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Reference Sans" w:hAnsi="Reference Sans"/></w:rPr></w:rPrDefault></w:docDefaults>"#,
                    r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:rPr><w:color w:val="1F3864"/></w:rPr></w:style>"#,
                    r#"<w:style w:type="paragraph" w:styleId="OrgBrand"><w:name w:val="Org Brand"/></w:style>"#,
                    "</w:styles>"
                ),
                W_NS
            ),
        ),
        (
            "word/header1.xml",
            format!(
                concat!(
                    r#"<?xml version="1.0" encoding="UTF-8"?><w:hdr xmlns:w="{w}" xmlns:r="{r}" "#,
                    r#"xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" "#,
                    r#"xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" "#,
                    r#"xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture">"#,
                    r#"<w:p><w:r><w:drawing><wp:inline><wp:extent cx="1231900" cy="393700"/>"#,
                    r#"<wp:docPr id="1" name="Picture 1" descr="Reference organisation logo"/>"#,
                    r#"<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">"#,
                    r#"<pic:pic><pic:nvPicPr><pic:cNvPr id="0" name="logo"/><pic:cNvPicPr/></pic:nvPicPr>"#,
                    r#"<pic:blipFill><a:blip r:embed="rIdImg"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>"#,
                    r#"<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="1231900" cy="393700"/></a:xfrm><a:prstGeom prst="rect"/></pic:spPr>"#,
                    r#"</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"#,
                    r#"<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t>Reference Organisation · 1 Example Street</w:t></w:r>"#,
                    r#"<w:r><w:br/><w:t>Geneva &amp; New York</w:t></w:r></w:p></w:hdr>"#
                ),
                w = W_NS,
                r = R_NS
            ),
        ),
        (
            "word/_rels/header1.xml.rels",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdImg" Type="{REL}/image" Target="media/image1.png"/></Relationships>"#
            ),
        ),
    ];
    if let Some(later) = later {
        for (name, text) in &mut parts {
            *text = match *name {
                "[Content_Types].xml" => text.replace(
                    "</Types>",
                    r#"<Override PartName="/word/header2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/></Types>"#,
                ),
                "word/_rels/document.xml.rels" => text.replace(
                    "</Relationships>",
                    &format!(r#"<Relationship Id="rId8" Type="{REL}/header" Target="header2.xml"/></Relationships>"#),
                ),
                "word/document.xml" => text
                    .replace(
                        r#"<w:headerReference w:type="default" r:id="rId7"/>"#,
                        r#"<w:headerReference w:type="first" r:id="rId7"/><w:headerReference w:type="default" r:id="rId8"/>"#,
                    )
                    .replace("</w:sectPr>", "<w:titlePg/></w:sectPr>"),
                _ => text.clone(),
            };
        }
        let drawn = if picture.is_some() {
            concat!(
                r#"<w:p><w:r><w:drawing><wp:inline><wp:extent cx="457200" cy="228600"/>"#,
                r#"<wp:docPr id="2" name="Picture 2" descr="Continuation mark"/>"#,
                r#"<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">"#,
                r#"<pic:pic><pic:nvPicPr><pic:cNvPr id="0" name="mark"/><pic:cNvPicPr/></pic:nvPicPr>"#,
                r#"<pic:blipFill><a:blip r:embed="rIdImg2"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>"#,
                r#"<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="457200" cy="228600"/></a:xfrm><a:prstGeom prst="rect"/></pic:spPr>"#,
                r#"</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"#
            )
        } else {
            ""
        };
        parts.push((
            "word/header2.xml",
            format!(
                concat!(
                    r#"<?xml version="1.0" encoding="UTF-8"?><w:hdr xmlns:w="{w}" xmlns:r="{r}" "#,
                    r#"xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" "#,
                    r#"xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" "#,
                    r#"xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture">{drawn}"#,
                    r#"<w:p><w:pPr><w:jc w:val="right"/></w:pPr><w:r><w:t>{later}</w:t></w:r></w:p></w:hdr>"#
                ),
                w = W_NS,
                r = R_NS,
                drawn = drawn,
                later = later
            ),
        ));
        if picture.is_some() {
            parts.push((
                "word/_rels/header2.xml.rels",
                format!(
                    r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdImg2" Type="{REL}/image" Target="media/image2.png"/></Relationships>"#
                ),
            ));
        }
    }
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    for (name, text) in &parts {
        zip.start_file(*name, options).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.start_file("word/media/image1.png", options).unwrap();
    zip.write_all(logo).unwrap();
    if let Some(picture) = picture {
        zip.start_file("word/media/image2.png", options).unwrap();
        zip.write_all(picture).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// Every part of a DOCX, by name.
fn unzip(path: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let mut out = std::collections::BTreeMap::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let mut b = Vec::new();
        f.read_to_end(&mut b).unwrap();
        out.insert(f.name().to_string(), b);
    }
    out
}

fn text(parts: &std::collections::BTreeMap<String, Vec<u8>>, name: &str) -> String {
    let bytes = parts
        .get(name)
        .unwrap_or_else(|| panic!("no {name} in {:?}", parts.keys().collect::<Vec<_>>()));
    String::from_utf8(bytes.clone()).expect("UTF-8")
}

/// The relationship targets of a rels part, by id.
fn rels(xml: &str) -> Vec<(String, String, String)> {
    let doc = roxmltree::Document::parse(xml).expect("rels parse");
    doc.descendants()
        .filter(|n| n.has_tag_name("Relationship"))
        .map(|n| {
            (
                n.attribute("Id").unwrap_or_default().to_string(),
                n.attribute("Type").unwrap_or_default().to_string(),
                n.attribute("Target").unwrap_or_default().to_string(),
            )
        })
        .collect()
}

/// Each page's image XObjects as `(width, height)`, read with lopdf.
fn page_images(pdf: &Path) -> Vec<Vec<(i64, i64)>> {
    let doc = lopdf::Document::load(pdf).expect("lopdf reads the PDF");
    let mut out = Vec::new();
    for (_, page) in doc.get_pages() {
        let mut found = Vec::new();
        let (res, ids) = doc.get_page_resources(page).expect("resources");
        let mut dicts: Vec<&lopdf::Dictionary> = res.into_iter().collect();
        for id in ids {
            if let Ok(d) = doc.get_dictionary(id) {
                dicts.push(d);
            }
        }
        for d in dicts {
            let Ok(xobjects) = d.get(b"XObject") else {
                continue;
            };
            let xobjects = match xobjects {
                lopdf::Object::Reference(r) => doc.get_dictionary(*r).expect("XObject dict"),
                lopdf::Object::Dictionary(d) => d,
                _ => continue,
            };
            for (_, obj) in xobjects.iter() {
                let stream = doc
                    .get_object(obj.as_reference().expect("a reference"))
                    .and_then(lopdf::Object::as_stream)
                    .expect("an XObject stream");
                let dict = &stream.dict;
                if dict.get(b"Subtype").and_then(lopdf::Object::as_name).ok() == Some(b"Image") {
                    found.push((
                        dict.get(b"Width").unwrap().as_i64().unwrap(),
                        dict.get(b"Height").unwrap().as_i64().unwrap(),
                    ));
                }
            }
        }
        out.push(found);
    }
    out
}

/// The content stream of page `n` (from 1), decoded.
fn page_content(pdf: &Path, n: u32) -> String {
    let doc = lopdf::Document::load(pdf).expect("lopdf reads the PDF");
    let id = doc.get_pages()[&n];
    String::from_utf8_lossy(&doc.get_page_content(id).expect("content")).into_owned()
}

fn ok(o: &std::process::Output) {
    assert!(
        o.status.success(),
        "hrdraft failed: {}\n{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn a_reference_docx_header_is_in_the_docx_and_on_every_pdf_page_as_word_shows_it() {
    let tmp = tempfile::tempdir().unwrap();
    let logo = png(LOGO.0, LOGO.1);
    let reference = tmp.path().join("letterhead.docx");
    std::fs::write(&reference, reference_docx(&logo)).unwrap();
    let out = tmp.path().join("out");
    let dataset = root().join("examples/kazakhstan");
    ok(&run(&[
        "render",
        dataset.to_str().unwrap(),
        "-t",
        "open-letter",
        "-o",
        out.to_str().unwrap(),
        "--reference-docx",
        reference.to_str().unwrap(),
    ]));
    let docx = out.join("kazakhstan/open-letter.docx");
    let pdf = out.join("kazakhstan/open-letter.pdf");

    // The DOCX holds the logo and a header whose picture is it.
    let parts = unzip(&docx);
    assert_eq!(parts.get("word/media/image1.png"), Some(&logo));
    let doc_rels = rels(&text(&parts, "word/_rels/document.xml.rels"));
    let headers: Vec<&(String, String, String)> = doc_rels
        .iter()
        .filter(|r| r.1.ends_with("/header"))
        .collect();
    assert_eq!(headers.len(), 1, "{doc_rels:?}");
    let (header_id, _, header_name) = headers[0];
    let header = text(&parts, &format!("word/{header_name}"));
    let header_rels = rels(&text(&parts, &format!("word/_rels/{header_name}.rels")));
    let embed = roxmltree::Document::parse(&header)
        .unwrap()
        .descendants()
        .find(|n| n.has_tag_name("blip"))
        .and_then(|n| n.attribute((R_NS, "embed")))
        .map(str::to_string)
        .expect("a picture in the header");
    assert!(
        header_rels
            .iter()
            .any(|(id, _, target)| *id == embed && target == "media/image1.png"),
        "{header_rels:?}"
    );
    // The section refers to the header on every page, the first included
    // (a letter's first page has a footer of its own, without a number).
    let document = text(&parts, "word/document.xml");
    let sect = roxmltree::Document::parse(&document).unwrap();
    let refs: Vec<(String, String)> = sect
        .descendants()
        .filter(|n| n.has_tag_name("headerReference"))
        .map(|n| {
            (
                n.attribute((W_NS, "type")).unwrap().to_string(),
                n.attribute((R_NS, "id")).unwrap().to_string(),
            )
        })
        .collect();
    assert!(
        refs.contains(&("default".into(), header_id.clone())),
        "{refs:?}"
    );
    assert!(
        refs.contains(&("first".into(), header_id.clone())),
        "{refs:?}"
    );
    assert!(sect.descendants().any(|n| n.has_tag_name("titlePg")));
    let content_types = text(&parts, "[Content_Types].xml");
    assert!(content_types.contains(r#"Extension="png" ContentType="image/png""#));
    assert!(content_types.contains(&format!(r#"PartName="/word/{header_name}""#)));
    // The reference's styles, with ours added where it lacks them.
    let styles = text(&parts, "word/styles.xml");
    assert!(styles.contains("Reference Sans"));
    assert!(styles.contains(r#"w:styleId="OrgBrand""#));
    assert!(styles.contains(r#"w:styleId="Signature""#));
    assert_eq!(styles.matches(r#"w:styleId="Normal""#).count(), 1);

    // The header has no first page of its own (no `w:titlePg`): Word
    // shows it on every page, and so does the PDF, logo at its pixel size
    // and text, centred as in the header.
    let images = page_images(&pdf);
    assert!(images.len() >= 2, "{images:?}");
    for page in &images {
        assert_eq!(page, &vec![(i64::from(LOGO.0), i64::from(LOGO.1))]);
    }
    let pages = pdf_pages(&pdf);
    for line in [
        "Reference Organisation · 1 Example Street",
        "Geneva & New York",
    ] {
        for page in &pages {
            assert!(page.contains(&squash(line)), "{line}: {page}");
        }
    }
    let bytes = std::fs::read(&pdf).unwrap();
    let glyphs = crate::support::glyphs(&bytes);
    let top = glyphs
        .iter()
        .filter(|g| g.page == 1)
        .map(|g| g.y)
        .fold(f64::MIN, f64::max);
    let first_line: Vec<_> = glyphs
        .iter()
        .filter(|g| g.page == 1 && (g.y - top).abs() < 0.5)
        .collect();
    let left = first_line.iter().map(|g| g.x).fold(f64::MAX, f64::min);
    let right = first_line.iter().map(|g| g.x + g.adv).fold(0.0, f64::max);
    let middle = first_line[0].page_width / 2.0;
    assert!(
        ((left + right) / 2.0 - middle).abs() < 1.0,
        "{left}..{right} about {middle}"
    );
    // The first line, bold in the header, is bold in the PDF, the second
    // regular: an "n" of the bold face is wider than the regular one's.
    let second_top = glyphs
        .iter()
        .filter(|g| g.page == 1 && g.y < top - 0.5)
        .map(|g| g.y)
        .fold(f64::MIN, f64::max);
    let advance_of_n = |y: f64| {
        glyphs
            .iter()
            .find(|g| g.page == 1 && (g.y - y).abs() < 0.5 && g.ch == "n")
            .map(|g| g.adv / g.size)
            .expect("an n on the line")
    };
    let (bold, regular) = (advance_of_n(top), advance_of_n(second_top));
    assert!(bold > regular * 1.05, "bold n {bold}, regular n {regular}");
    // As an artifact: furniture outside the structure tree.
    let content = page_content(&pdf, 1);
    let at = content.find("/Logo Do").expect("the logo is drawn");
    assert!(
        content[..at].contains("/Artifact BMC"),
        "{}",
        &content[..at.min(200)]
    );
}

#[test]
fn a_letters_first_page_has_no_number_and_later_pages_the_running_footer() {
    let tmp = tempfile::tempdir().unwrap();
    let dataset = root().join("examples/brevonia");
    // Brevonia records no assessment round: its MIA is drafted only when
    // asked for by name.
    ok(&run(&[
        "draft",
        dataset.to_str().unwrap(),
        "-t",
        "open-letter",
        "-t",
        "mia-report",
        "-o",
        tmp.path().to_str().unwrap(),
    ]));
    let dir = tmp.path().join("brevonia");
    let footer = squash("Brevonian Committee for Civic Freedoms · BCCF/UN/2021/11");

    let letter = pdf_pages(&dir.join("open-letter.pdf"));
    assert!(letter.len() >= 2, "{letter:?}");
    // Page 1 ends with its last footnote, not a number; the sender block
    // is at its top.
    assert!(!letter[0].contains(&footer), "{}", letter[0]);
    assert!(letter[0].starts_with(&squash("Brevonian Committee for Civic Freedoms")));
    assert!(!letter[0].ends_with('1'), "{}", letter[0]);
    for (i, page) in letter.iter().enumerate().skip(1) {
        assert!(
            page.ends_with(&format!("{footer}{}", i + 1)),
            "page {}: {page}",
            i + 1
        );
    }
    // The letter's logo is the dataset's, on page 1 only.
    let logo = std::fs::read(dataset.join("logo.png")).unwrap();
    let images = page_images(&dir.join("open-letter.pdf"));
    assert_eq!(images[0], vec![(360, 120)]);
    assert!(images[1..].iter().all(Vec::is_empty));

    // A report numbers its first page.
    let report = pdf_pages(&dir.join("mia-report.pdf"));
    assert!(report[0].ends_with('1'), "{}", report[0]);

    // The DOCX: the first page's header holds the logo, its footer no number;
    // the other pages' footer has the running text and the number.
    let parts = unzip(&dir.join("open-letter.docx"));
    assert_eq!(parts.get("word/media/hrdraft-logo.png"), Some(&logo));
    let document = text(&parts, "word/document.xml");
    let sect = roxmltree::Document::parse(&document).unwrap();
    assert!(sect.descendants().any(|n| n.has_tag_name("titlePg")));
    let doc_rels = rels(&text(&parts, "word/_rels/document.xml.rels"));
    let target = |kind: &str, tag: &str| -> String {
        let id = sect
            .descendants()
            .find(|n| n.has_tag_name(tag) && n.attribute((W_NS, "type")) == Some(kind))
            .and_then(|n| n.attribute((R_NS, "id")))
            .unwrap_or_else(|| panic!("no {kind} {tag}"));
        let (_, _, t) = doc_rels
            .iter()
            .find(|r| r.0 == id)
            .expect("its relationship");
        text(&parts, &format!("word/{t}"))
    };
    let first_header = target("first", "headerReference");
    assert!(first_header.contains("<a:blip r:embed="), "{first_header}");
    assert!(first_header.contains("Strada Fântânii 23, 010412 Stravin"));
    let first_footer = target("first", "footerReference");
    assert!(!first_footer.contains("PAGE"), "{first_footer}");
    let footer_xml = target("default", "footerReference");
    assert!(footer_xml.contains("PAGE"), "{footer_xml}");
    assert!(footer_xml.contains("Brevonian Committee for Civic Freedoms · BCCF/UN/2021/11"));
}

/// `paper = "letter"` (the United States office's letters) prints the
/// PDF and the DOCX on US Letter; a dataset without it keeps the
/// template's A4.
#[test]
fn the_letterheads_paper_sets_the_page_size() {
    let tmp = tempfile::tempdir().unwrap();
    for name in ["federated-isles", "brevonia"] {
        let dataset = root().join("examples").join(name);
        ok(&run(&[
            "draft",
            dataset.to_str().unwrap(),
            "-t",
            "open-letter",
            "-f",
            "pdf",
            "-f",
            "docx",
            "-o",
            tmp.path().to_str().unwrap(),
        ]));
    }
    let size = |name: &str| {
        let pdf = tmp.path().join(name).join("open-letter.pdf");
        let doc = lopdf::Document::load(&pdf).expect("lopdf reads the PDF");
        let pages = doc.get_pages();
        let page = doc.get_dictionary(pages[&1]).unwrap();
        let media: Vec<f32> = page
            .get(b"MediaBox")
            .and_then(|o| o.as_array())
            .expect("MediaBox")
            .iter()
            .map(|o| o.as_float().expect("a number"))
            .collect();
        let parts = unzip(&tmp.path().join(name).join("open-letter.docx"));
        let document = text(&parts, "word/document.xml");
        let start = document.find("<w:pgSz").expect("pgSz");
        let end = start + document[start..].find("/>").unwrap();
        (media, document[start..end].to_string())
    };
    let (letter, letter_docx) = size("federated-isles");
    assert_eq!(letter, [0.0, 0.0, 612.0, 792.0]);
    assert_eq!(letter_docx, r#"<w:pgSz w:w="12240" w:h="15840""#);
    let (a4, a4_docx) = size("brevonia");
    assert!(
        (a4[2] - 595.28).abs() < 0.01 && (a4[3] - 841.89).abs() < 0.01,
        "{a4:?}"
    );
    assert_eq!(a4_docx, r#"<w:pgSz w:w="11906" w:h="16838""#);
}

/// `[letterhead]` of brevonia with `logo` in place of its own.
fn with_logo(tmp: &Path, logo: &str) -> std::path::PathBuf {
    let dir = tmp.join("brevonia");
    copy_dir(&root().join("examples/brevonia"), &dir);
    let toml = std::fs::read_to_string(dir.join("documents.toml")).unwrap();
    let changed = toml.replace(r#"logo = "logo.png""#, &format!("logo = \"{logo}\""));
    assert_ne!(toml, changed);
    std::fs::write(dir.join("documents.toml"), changed).unwrap();
    dir
}

/// The line of `documents.toml` in `dir` that names the logo.
fn logo_line(dir: &Path) -> usize {
    let toml = std::fs::read_to_string(dir.join("documents.toml")).unwrap();
    toml.lines()
        .position(|l| l.starts_with("logo = "))
        .expect("a logo line")
        + 1
}

#[test]
fn a_missing_or_undecodable_logo_is_an_error_naming_the_file_line_and_field() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = with_logo(tmp.path(), "missing.png");
    let o = run(&[
        "render",
        dir.to_str().unwrap(),
        "-t",
        "open-letter",
        "--json",
    ]);
    assert_eq!(o.status.code(), Some(1), "{o:?}");
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    let line = logo_line(&dir);
    let finding = &report["findings"][0];
    assert_eq!(finding["field"], "letterhead.logo", "{report}");
    assert_eq!(finding["line"], line, "{report}");
    assert!(finding["file"]
        .as_str()
        .unwrap()
        .ends_with("brevonia/documents.toml"));
    assert!(finding["message"].as_str().unwrap().contains("missing.png"));

    // A file of that name that is not an image.
    let tmp = tempfile::tempdir().unwrap();
    let dir = with_logo(tmp.path(), "notes.png");
    std::fs::write(dir.join("notes.png"), "minutes of the board meeting").unwrap();
    let o = run(&["check", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{o:?}");
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("notes.png"), "{stderr}");
    assert!(stderr.contains("neither a PNG nor a JPEG"), "{stderr}");
    assert!(
        stderr.contains(&format!("documents.toml:{line}")),
        "{stderr}"
    );

    // An SVG drawing with text in it is refused with the way out.
    std::fs::write(
        dir.join("notes.png"),
        concat!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">"#,
            "\n<rect width=\"4\" height=\"4\"/><text x=\"1\" y=\"9\">ACME</text></svg>"
        ),
    )
    .unwrap();
    let o = run(&["check", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{o:?}");
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("SVG drawing holds text"), "{stderr}");
    assert!(stderr.contains("line 2"), "{stderr}");
    assert!(stderr.contains("outlines"), "{stderr}");
    assert!(
        stderr.contains(&format!("documents.toml:{line}")),
        "{stderr}"
    );
}

/// The emblem of Kestria's example, an SVG drawing of filled and stroked
/// shapes.
const KESTRIA_LOGO: &str = "examples/kestria/logo.svg";

#[test]
fn an_svg_logo_is_paths_in_the_pdf_and_a_drawing_with_a_png_in_the_docx() {
    let tmp = tempfile::tempdir().unwrap();
    let dataset = root().join("examples/kestria");
    ok(&run(&[
        "render",
        dataset.to_str().unwrap(),
        "-t",
        "open-letter",
        "-f",
        "pdf",
        "-f",
        "docx",
        "-f",
        "html",
        "-o",
        tmp.path().to_str().unwrap(),
    ]));
    let dir = tmp.path().join("kestria");
    let svg = std::fs::read(root().join(KESTRIA_LOGO)).unwrap();

    // The PDF draws it on page 1 as a form of paths, no picture anywhere.
    let pdf = lopdf::Document::load(dir.join("open-letter.pdf")).unwrap();
    let pages = pdf.get_pages();
    let first = pdf.get_page_resources(pages[&1]).unwrap();
    let resources = match first {
        (Some(dict), _) => dict.clone(),
        (None, ids) => pdf.get_dictionary(ids[0]).unwrap().clone(),
    };
    let xobjects = resources.get(b"XObject").unwrap();
    let xobjects = match xobjects {
        lopdf::Object::Reference(id) => pdf.get_dictionary(*id).unwrap(),
        o => o.as_dict().unwrap(),
    };
    let logo = xobjects.get(b"Logo").unwrap().as_reference().unwrap();
    let lopdf::Object::Stream(form) = pdf.get_object(logo).unwrap() else {
        panic!("the logo is not a stream");
    };
    assert_eq!(
        form.dict.get(b"Subtype").unwrap().as_name().unwrap(),
        b"Form"
    );
    let content = lopdf::content::Content::decode(&form.decompressed_content().unwrap()).unwrap();
    let ops: Vec<&str> = content
        .operations
        .iter()
        .map(|o| o.operator.as_str())
        .collect();
    // Its shapes: the globe's disc and the three bars filled, the meridians
    // and the arc stroked, in the emblem's navy and orange.
    assert!(ops.iter().filter(|o| **o == "f").count() >= 4, "{ops:?}");
    assert!(ops.iter().filter(|o| **o == "S").count() >= 4, "{ops:?}");
    let colours: Vec<Vec<f32>> = content
        .operations
        .iter()
        .filter(|o| o.operator == "rg")
        .map(|o| o.operands.iter().map(|v| v.as_float().unwrap()).collect())
        .collect();
    let navy = [
        0x12 as f32 / 255.0,
        0x35 as f32 / 255.0,
        0x5b as f32 / 255.0,
    ];
    assert!(
        colours
            .iter()
            .any(|c| c.iter().zip(navy).all(|(a, b)| (a - b).abs() < 0.01)),
        "{colours:?}"
    );
    let images = page_images(&dir.join("open-letter.pdf"));
    assert_eq!(images.len(), pages.len());
    assert!(images.iter().all(Vec::is_empty), "{images:?}");

    // The DOCX holds the drawing and a PNG rendered from it, the picture
    // showing the PNG with the drawing in Word's SVG extension.
    let parts = unzip(&dir.join("open-letter.docx"));
    assert_eq!(parts.get("word/media/hrdraft-logo.svg"), Some(&svg));
    let png = parts
        .get("word/media/hrdraft-logo.png")
        .expect("the PNG beside it");
    let decoder = png::Decoder::new(std::io::Cursor::new(png.as_slice()));
    let info = decoder.read_info().expect("a PNG").info().clone();
    // 3.5 cm at 300 pixels to the inch, twice as wide as high.
    assert_eq!((info.width, info.height), (414, 207));
    let header = text(&parts, "word/header1.xml");
    assert!(
        header.contains(r#"<a:blip r:embed="rIdLogo"><a:extLst>"#),
        "{header}"
    );
    assert!(
        header.contains(r#"<asvg:svgBlip "#) && header.contains(r#"r:embed="rIdLogoSvg""#),
        "{header}"
    );
    let header_rels = rels(&text(&parts, "word/_rels/header1.xml.rels"));
    assert!(header_rels
        .iter()
        .any(|r| r.0 == "rIdLogoSvg" && r.2 == "media/hrdraft-logo.svg"));
    assert!(header_rels
        .iter()
        .any(|r| r.0 == "rIdLogo" && r.2 == "media/hrdraft-logo.png"));
    assert!(text(&parts, "[Content_Types].xml")
        .contains(r#"Extension="svg" ContentType="image/svg+xml""#));

    // The HTML page carries the drawing itself.
    let html = std::fs::read_to_string(dir.join("open-letter.html")).unwrap();
    assert!(
        html.contains("src=\"data:image/svg+xml;base64,"),
        "no SVG logo"
    );
}

#[test]
fn an_svg_logo_paths_cannot_say_is_printed_from_an_image_rendered_from_it() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = with_logo(tmp.path(), "gradient.svg");
    std::fs::write(
        dir.join("gradient.svg"),
        concat!(
            r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 100">"##,
            r##"<linearGradient id="g"><stop offset="0" stop-color="#900"/><stop offset="1" stop-color="#fc0"/></linearGradient>"##,
            r##"<rect width="300" height="100" fill="url(#g)"/></svg>"##
        ),
    )
    .unwrap();
    ok(&run(&[
        "render",
        dir.to_str().unwrap(),
        "-t",
        "open-letter",
        "-f",
        "pdf",
        "-o",
        tmp.path().join("out").to_str().unwrap(),
    ]));
    // Brevonia's logo is 4.5 cm wide: 532 pixels at 300 to the inch.
    let images = page_images(&tmp.path().join("out/brevonia/open-letter.pdf"));
    assert_eq!(images[0], vec![(532, 177)]);
}

#[test]
fn a_reference_that_is_not_a_docx_is_refused_naming_it() {
    let tmp = tempfile::tempdir().unwrap();
    let notes = tmp.path().join("letterhead-notes.docx");
    std::fs::write(&notes, "not a zip at all").unwrap();
    let dataset = root().join("examples/kazakhstan");
    let o = run(&[
        "render",
        dataset.to_str().unwrap(),
        "-t",
        "open-letter",
        "-o",
        tmp.path().join("out").to_str().unwrap(),
        "--reference-docx",
        notes.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1), "{o:?}");
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("letterhead-notes.docx"), "{stderr}");
    assert!(stderr.contains("not a DOCX"), "{stderr}");
    assert!(!tmp.path().join("out").exists(), "nothing is written");

    // A zip without a Word document in it.
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file("readme.txt", zip::write::SimpleFileOptions::default())
        .unwrap();
    zip.write_all(b"hello").unwrap();
    std::fs::write(&notes, zip.finish().unwrap().into_inner()).unwrap();
    let o = run(&[
        "draft",
        dataset.to_str().unwrap(),
        "-o",
        tmp.path().join("out").to_str().unwrap(),
        "--reference-docx",
        notes.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1), "{o:?}");
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("letterhead-notes.docx"), "{stderr}");
    assert!(stderr.contains("word/document.xml"), "{stderr}");
}

/// The second line of Brevonia's sender block, as its documents.toml writes it.
const SECOND_SENDER_LINE: &str = r#"    "Strada Fântânii 23, 010412 Stravin","#;

/// A copy of Brevonia in `tmp` with `from` in its documents.toml replaced by `to`.
fn brevonia_with(tmp: &Path, from: &str, to: &str) -> std::path::PathBuf {
    let dataset = tmp.join("brevonia");
    copy_dir(&root().join("examples/brevonia"), &dataset);
    let toml = std::fs::read_to_string(dataset.join("documents.toml")).unwrap();
    assert!(toml.contains(from), "{from}");
    std::fs::write(dataset.join("documents.toml"), toml.replace(from, to)).unwrap();
    dataset
}

/// The Kazakhstan open letter's PDF drawn over the reference DOCX
/// `reference`, both in `tmp`.
fn kazakhstan_over(tmp: &Path, reference: &[u8]) -> std::path::PathBuf {
    let path = tmp.join("letterhead.docx");
    std::fs::write(&path, reference).unwrap();
    let out = tmp.join("out");
    ok(&letter_pdf(
        &root().join("examples/kazakhstan"),
        &out,
        &["--reference-docx", path.to_str().unwrap()],
    ));
    out.join("kazakhstan/open-letter.pdf")
}

/// `render` of a dataset's open letter as PDF into `out`, with `extra` arguments.
fn letter_pdf(dataset: &Path, out: &Path, extra: &[&str]) -> std::process::Output {
    letter_pdf_by("render", dataset, out, extra)
}

/// [`letter_pdf`] through `command` (`render` or `draft`).
fn letter_pdf_by(
    command: &str,
    dataset: &Path,
    out: &Path,
    extra: &[&str],
) -> std::process::Output {
    let mut args = vec![
        command,
        dataset.to_str().unwrap(),
        "-t",
        "open-letter",
        "-f",
        "pdf",
        "-o",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    run(&args)
}

#[test]
fn a_running_footer_too_long_for_its_line_rises_in_lines_and_loses_no_word() {
    let tmp = tempfile::tempdir().unwrap();
    let long = "Brevonian Committee for Civic Freedoms, registered association \
                no. 4411, 12 Harbour Street, Port Brevis, Brevonia; telephone \
                +000 555 0101; correspondence to the Secretariat, attention of \
                the Advocacy Coordinator";
    let dataset = brevonia_with(
        tmp.path(),
        r#"footer = "Brevonian Committee for Civic Freedoms{{#if reference}} · {{reference}}{{/if}}""#,
        &format!("footer = \"{long}\""),
    );
    let out = tmp.path().join("out");
    ok(&letter_pdf(&dataset, &out, &[]));
    let pdf = std::fs::read(out.join("brevonia/open-letter.pdf")).unwrap();
    let page2: Vec<_> = crate::support::glyphs(&pdf)
        .into_iter()
        .filter(|g| g.page == 2)
        .collect();
    // The body's justified lines end at the right margin.
    let body_bottom = 72.0;
    let right = page2
        .iter()
        .filter(|g| g.y > body_bottom)
        .map(|g| g.x + g.adv)
        .fold(0.0, f64::max);
    let foot: Vec<_> = page2.iter().filter(|g| g.y < body_bottom).collect();
    let mut baselines: Vec<i64> = foot.iter().map(|g| g.y.round() as i64).collect();
    baselines.sort_unstable();
    baselines.dedup();
    assert!(
        baselines.len() >= 2,
        "the footer takes one line: {baselines:?}"
    );
    // Read top line first, each line left to right.
    let mut ordered = foot.clone();
    ordered.sort_by(|a, b| (b.y.round(), a.x).partial_cmp(&(a.y.round(), b.x)).unwrap());
    let text: String = ordered.iter().map(|g| g.ch.as_str()).collect();
    assert_eq!(squash(&text), format!("{}2", squash(long)));
    for g in &foot {
        assert!(g.x + g.adv <= right + 0.3, "{g:?} past {right}");
    }
    // The number stands alone at the end of the last line.
    let number = foot
        .iter()
        .find(|g| g.ch == "2" && g.x + g.adv > right - 1.0)
        .unwrap();
    let last = foot.iter().map(|g| g.y).fold(f64::MAX, f64::min);
    assert!((number.y - last).abs() < 0.5);
    for g in foot
        .iter()
        .filter(|g| (g.y - number.y).abs() < 0.5 && g.x < number.x)
    {
        assert!(g.x + g.adv <= number.x - 1.0, "{g:?} runs into the number");
    }
}

#[test]
fn a_sender_line_wider_than_the_page_is_broken_and_stays_between_the_margins() {
    let tmp = tempfile::tempdir().unwrap();
    let long = "Strada Fântânii 23, 010412 Stravin, Brevonia · telephone +000 555 0101 \
                · fax +000 555 0102 · office@civicfreedoms.example · civicfreedoms.example \
                · registered association no. 4411";
    let dataset = brevonia_with(tmp.path(), SECOND_SENDER_LINE, &format!("    \"{long}\","));
    let out = tmp.path().join("out");
    ok(&letter_pdf(&dataset, &out, &[]));
    let pdf = std::fs::read(out.join("brevonia/open-letter.pdf")).unwrap();
    let glyphs = crate::support::glyphs(&pdf);
    let page1: Vec<_> = glyphs.iter().filter(|g| g.page == 1).collect();
    // The second page, with no letterhead, gives the margins.
    let page2 = glyphs.iter().filter(|g| g.page == 2);
    let left = page2.clone().map(|g| g.x).fold(f64::MAX, f64::min);
    let right = page2.map(|g| g.x + g.adv).fold(0.0, f64::max);
    for g in &page1 {
        assert!(
            g.x >= left - 0.3 && g.x + g.adv <= right + 0.3,
            "{g:?} outside {left}..{right}"
        );
    }
    // Every word of the line is there, in order, whatever lines it took.
    let text = squash(&page1.iter().map(|g| g.ch.as_str()).collect::<String>());
    let mut at = 0;
    for word in long.split(' ').filter(|w| !w.is_empty()) {
        let word = squash(word);
        let i = text[at..]
            .find(&word)
            .unwrap_or_else(|| panic!("{word} lost: {text}"));
        at += i + word.len();
    }
}

#[test]
fn a_sender_block_longer_than_the_page_is_a_warning_not_a_silent_loss() {
    let tmp = tempfile::tempdir().unwrap();
    let lines: Vec<String> = (1..=90).map(|i| format!("    \"Office {i}\",")).collect();
    let dataset = brevonia_with(tmp.path(), SECOND_SENDER_LINE, &lines.join("\n"));
    let o = letter_pdf(&dataset, &tmp.path().join("out"), &[]);
    ok(&o);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains("open-letter.pdf: the letterhead's sender block is 92 lines long"),
        "{stderr}"
    );
    assert!(stderr.contains("shorten `sender` under [letterhead] in documents.toml"));
    // `--deny-warnings` counts a loss as it counts any warning: nothing is written.
    let strict_out = tmp.path().join("strict");
    let o = letter_pdf(&dataset, &strict_out, &["--deny-warnings"]);
    assert!(!o.status.success());
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("sender block is 92 lines long"), "{stderr}");
    assert!(
        stderr.contains("--deny-warnings: nothing was written"),
        "{stderr}"
    );
    assert!(!strict_out.join("brevonia/open-letter.pdf").exists());
    // The PDF, written beside its final path as it was made, is removed
    // with the rest: no temporary file is left either.
    let left = files_in(&strict_out.join("brevonia"));
    assert!(left.is_empty(), "{left:?}");
    // `draft` writes its PDFs the same way, and refuses the same way.
    let batch_out = tmp.path().join("batch");
    let o = letter_pdf_by("draft", &dataset, &batch_out, &["--deny-warnings"]);
    assert!(!o.status.success());
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains("sender block is 92 lines long")
            && stderr.contains("nothing was written for brevonia/open-letter"),
        "{stderr}"
    );
    let left = files_in(&batch_out.join("brevonia"));
    assert!(left.is_empty(), "{left:?}");
    // Without the denial both write the letter, and nothing else.
    for command in ["render", "draft"] {
        let out = tmp.path().join(command);
        ok(&letter_pdf_by(command, &dataset, &out, &[]));
        let names = files_in(&out.join("brevonia"));
        assert_eq!(names, ["open-letter.pdf"], "{command}");
        let pdf = std::fs::read(out.join("brevonia/open-letter.pdf")).unwrap();
        assert!(
            pdf.starts_with(b"%PDF-1.7") && pdf.ends_with(b"%%EOF"),
            "{command}"
        );
    }
}

#[test]
fn the_sender_block_and_the_running_footer_take_curly_quotes_as_the_letter_does() {
    let tmp = tempfile::tempdir().unwrap();
    let dataset = brevonia_with(
        tmp.path(),
        r#"    "Brevonian Committee for Civic Freedoms","#,
        r#"    "Brevonia's \"Civic\" Committee","#,
    );
    let toml = dataset.join("documents.toml");
    let written = std::fs::read_to_string(&toml).unwrap();
    let footer = r#"footer = "Brevonian Committee for Civic Freedoms{{"#;
    assert!(written.contains(footer));
    std::fs::write(
        &toml,
        written.replace(footer, r#"footer = "Brevonia's Committee{{"#),
    )
    .unwrap();
    let out = tmp.path().join("out");
    ok(&letter_pdf(&dataset, &out, &["-f", "docx"]));
    let pdf = std::fs::read(out.join("brevonia/open-letter.pdf")).unwrap();
    let glyphs = crate::support::glyphs(&pdf);
    let page = |n: u32| {
        squash(
            &glyphs
                .iter()
                .filter(|g| g.page == n)
                .map(|g| g.ch.as_str())
                .collect::<String>(),
        )
    };
    assert!(
        page(1).contains(&squash("Brevonia’s “Civic” Committee")),
        "{}",
        page(1)
    );
    assert!(
        page(2).contains(&squash("Brevonia’s Committee")),
        "{}",
        page(2)
    );
    assert!(!page(1).contains('\'') && !page(2).contains('\''));
    let parts = unzip(&out.join("brevonia/open-letter.docx"));
    let headers: String = parts
        .keys()
        .filter(|k| k.starts_with("word/header") || k.starts_with("word/footer"))
        .map(|k| text(&parts, k))
        .collect();
    assert!(
        headers.contains("Brevonia’s “Civic” Committee"),
        "{headers}"
    );
    assert!(headers.contains("Brevonia’s Committee"), "{headers}");
}

#[test]
fn a_reference_with_a_first_page_header_has_its_usual_header_on_the_later_pages() {
    let tmp = tempfile::tempdir().unwrap();
    let logo = png(LOGO.0, LOGO.1);
    let later = "Reference Organisation · continued";
    let pdf = kazakhstan_over(tmp.path(), &reference_docx_with(&logo, Some(later)));
    let images = page_images(&pdf);
    assert!(images.len() >= 2, "{images:?}");
    assert_eq!(images[0], vec![(i64::from(LOGO.0), i64::from(LOGO.1))]);
    assert!(images[1..].iter().all(Vec::is_empty), "{images:?}");
    let pages = pdf_pages(&pdf);
    let first = squash("Reference Organisation · 1 Example Street");
    assert!(pages[0].contains(&first) && !pages[0].contains(&squash(later)));
    for page in &pages[1..] {
        assert!(
            page.contains(&squash(later)) && !page.contains(&first),
            "{page}"
        );
    }
    // At the top of the later pages, right-aligned as its paragraph is,
    // with the text below it.
    let bytes = std::fs::read(&pdf).unwrap();
    let glyphs = crate::support::glyphs(&bytes);
    let page2: Vec<_> = glyphs.iter().filter(|g| g.page == 2).collect();
    let top = page2.iter().map(|g| g.y).fold(f64::MIN, f64::max);
    let head: String = page2
        .iter()
        .filter(|g| (g.y - top).abs() < 0.5)
        .map(|g| g.ch.as_str())
        .collect();
    assert_eq!(squash(&head), squash(later));
    let right = page2.iter().map(|g| g.x + g.adv).fold(0.0, f64::max);
    let head_right = page2
        .iter()
        .filter(|g| (g.y - top).abs() < 0.5)
        .map(|g| g.x + g.adv)
        .fold(0.0, f64::max);
    assert!(
        (right - head_right).abs() < 1.0,
        "{head_right} against {right}"
    );
}

#[test]
fn a_later_pages_header_taller_than_half_the_page_is_cut_there_with_a_warning() {
    let tmp = tempfile::tempdir().unwrap();
    let logo = png(LOGO.0, LOGO.1);
    let reference = tmp.path().join("letterhead.docx");
    let later = "Reference Organisation, a header far too long for a page. ".repeat(60);
    std::fs::write(&reference, reference_docx_with(&logo, Some(later.trim()))).unwrap();
    let out = tmp.path().join("out");
    let dataset = root().join("examples/kazakhstan");
    let o = letter_pdf(
        &dataset,
        &out,
        &["--reference-docx", reference.to_str().unwrap()],
    );
    ok(&o);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains("would take more than half of each page")
            && stderr.contains("lines are left out there"),
        "{stderr}"
    );
    // The letter keeps its length: its text has half of every later page.
    let pages = pdf_pages(&out.join("kazakhstan/open-letter.pdf"));
    assert!((3..=8).contains(&pages.len()), "{} pages", pages.len());
    let refused = letter_pdf(
        &dataset,
        &tmp.path().join("denied"),
        &[
            "--reference-docx",
            reference.to_str().unwrap(),
            "--deny-warnings",
        ],
    );
    assert_eq!(refused.status.code(), Some(1));
    assert!(!tmp
        .path()
        .join("denied/kazakhstan/open-letter.pdf")
        .exists());
}

/// The HTML page opens with the letterhead the PDF's first page has: the
/// logo, held in the page itself, at its printed size, and the sender
/// block; a dataset without one has none.
#[test]
fn the_html_page_opens_with_the_logo_and_the_sender_block() {
    use base64::Engine as _;
    let tmp = tempfile::tempdir().unwrap();
    for name in ["brevonia", "kazakhstan"] {
        let dataset = root().join("examples").join(name);
        let out = tmp.path().join(name);
        let o = run(&[
            "render",
            dataset.to_str().unwrap(),
            "-t",
            "open-letter",
            "-f",
            "html",
            "-o",
            out.to_str().unwrap(),
        ]);
        ok(&o);
    }
    let read = |name: &str| {
        std::fs::read_to_string(tmp.path().join(name).join(name).join("open-letter.html")).unwrap()
    };
    let page = scraper::Html::parse_document(&read("brevonia"));
    let select = |css: &str| scraper::Selector::parse(css).unwrap();
    let header = page
        .select(&select("body > header.letterhead"))
        .next()
        .expect("a letterhead before the text");
    // Before the text, not in it.
    let first = page.select(&select("body > *")).next().unwrap();
    assert_eq!(first.id(), header.id());
    let img = header.select(&select("img")).next().expect("the logo");
    let src = img.value().attr("src").unwrap();
    let data = src
        .strip_prefix("data:image/png;base64,")
        .unwrap_or_else(|| panic!("{}", &src[..40.min(src.len())]));
    let logo = base64::engine::general_purpose::STANDARD
        .decode(data)
        .unwrap();
    assert_eq!(
        logo,
        std::fs::read(root().join("examples/brevonia/logo.png")).unwrap()
    );
    assert_eq!(
        img.value().attr("alt"),
        Some("Brevonian Committee for Civic Freedoms: a torch in a circle")
    );
    // logo_width_cm = 4.5: 127.6 pt, 170 CSS pixels; the PNG is 3:1.
    assert_eq!(img.value().attr("width"), Some("170"));
    assert_eq!(img.value().attr("height"), Some("57"));
    let sender = header
        .select(&select("p.sender"))
        .next()
        .expect("the sender block");
    let text: String = sender.text().collect();
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    assert_eq!(
        lines,
        [
            "Brevonian Committee for Civic Freedoms",
            "Strada Fântânii 23, 010412 Stravin",
            "office@civicfreedoms.example · civicfreedoms.example",
        ]
    );
    assert!(sender.value().classes().any(|c| c == "end"));
    // Its e-mail address and website open as links; the rest is text.
    let links: Vec<(String, String)> = sender
        .select(&select("a"))
        .map(|a| {
            (
                a.value().attr("href").unwrap_or_default().to_string(),
                a.text().collect(),
            )
        })
        .collect();
    assert_eq!(
        links,
        BREVONIA_SENDER_LINKS.map(|(u, t)| (u.to_string(), t.to_string()))
    );
    let plain = read("kazakhstan");
    assert!(
        !plain.contains("letterhead"),
        "a page without a letterhead has none"
    );
}

/// A reference whose usual header draws a picture of its own (a smaller
/// mark for the continuation pages) has the PDF's later pages draw that
/// picture, at the size the header gives it, where the first page draws
/// the logo; each is written once.
#[test]
fn a_later_pages_header_with_a_picture_of_its_own_draws_it_on_those_pages() {
    let tmp = tempfile::tempdir().unwrap();
    let logo = png(LOGO.0, LOGO.1);
    let mark = png(48, 24);
    let later = "Reference Organisation · continued";
    let pdf = kazakhstan_over(
        tmp.path(),
        &reference_docx_pictured(&logo, Some(later), Some(&mark)),
    );
    let images = page_images(&pdf);
    assert!(images.len() >= 2, "{images:?}");
    assert_eq!(images[0], vec![(i64::from(LOGO.0), i64::from(LOGO.1))]);
    for page in &images[1..] {
        assert_eq!(page, &vec![(48, 24)], "{images:?}");
    }
    // Drawn 36 pt wide and 18 pt high (457,200 by 228,600 EMU): `w 0 0 h x y cm`.
    let content = page_content(&pdf, 2);
    assert!(content.contains("36 0 0 18 "), "{content}");
    // Two pictures in the file, each written once (each with its soft
    // mask, the test's PNGs having an alpha channel).
    let doc = lopdf::Document::load(&pdf).unwrap();
    let written = doc
        .objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .filter(|s| s.dict.get(b"SMask").is_ok())
        .count();
    assert_eq!(written, 2);
}

/// Brevonia's sender block's links: (target, text shown).
const BREVONIA_SENDER_LINKS: [(&str, &str); 2] = [
    (
        "mailto:office@civicfreedoms.example",
        "office@civicfreedoms.example",
    ),
    ("https://civicfreedoms.example", "civicfreedoms.example"),
];

/// The sender block's e-mail address and website open as links in the PDF
/// (an annotation over each, on the first page only) and in the DOCX's
/// first-page header (hyperlinks whose targets its relationships give).
#[test]
fn the_sender_blocks_addresses_are_links_in_the_pdf_and_the_docx() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    ok(&run(&[
        "render",
        root().join("examples/brevonia").to_str().unwrap(),
        "-t",
        "open-letter",
        "-f",
        "pdf",
        "-f",
        "docx",
        "-o",
        out.to_str().unwrap(),
    ]));
    let pdf = out.join("brevonia/open-letter.pdf");
    let doc = lopdf::Document::load(&pdf).expect("lopdf reads the PDF");
    let mut by_page: Vec<Vec<(String, f32)>> = Vec::new();
    for (_, id) in doc.get_pages() {
        let page = doc.get_dictionary(id).unwrap();
        let mut uris = Vec::new();
        if let Ok(annots) = page.get(b"Annots").and_then(lopdf::Object::as_array) {
            for a in annots {
                let a = doc.get_dictionary(a.as_reference().unwrap()).unwrap();
                let action = a.get(b"A").unwrap().as_dict().unwrap();
                let uri = action.get(b"URI").unwrap().as_str().unwrap();
                let rect = a.get(b"Rect").unwrap().as_array().unwrap();
                let top = rect[3].as_float().unwrap();
                uris.push((String::from_utf8_lossy(uri).into_owned(), top));
            }
        }
        by_page.push(uris);
    }
    let height = 841.89;
    // The sender block sits in the top margin of the first page.
    let head: Vec<&str> = by_page[0]
        .iter()
        .filter(|(_, top)| *top > height - 100.0)
        .map(|(u, _)| u.as_str())
        .collect();
    assert_eq!(
        head,
        [
            "mailto:office@civicfreedoms.example",
            "https://civicfreedoms.example"
        ]
    );
    for later in &by_page[1..] {
        assert!(
            later.iter().all(|(u, _)| !u.contains("civicfreedoms")),
            "{later:?}"
        );
    }
    let parts = unzip(&out.join("brevonia/open-letter.docx"));
    let header = text(&parts, "word/header1.xml");
    let targets = rels(&text(&parts, "word/_rels/header1.xml.rels"));
    let doc = roxmltree::Document::parse(&header).unwrap();
    let links: Vec<(String, String)> = doc
        .descendants()
        .filter(|n| n.has_tag_name("hyperlink"))
        .map(|n| {
            let id = n
                .attributes()
                .find(|a| a.name() == "id")
                .map(|a| a.value().to_string())
                .unwrap_or_default();
            let target = targets
                .iter()
                .find(|(i, kind, _)| *i == id && kind.ends_with("/hyperlink"))
                .map(|(_, _, t)| t.clone())
                .unwrap_or_default();
            let shown: String = n
                .descendants()
                .filter(|t| t.is_text())
                .filter_map(|t| t.text())
                .collect();
            (target, shown)
        })
        .collect();
    assert_eq!(
        links,
        BREVONIA_SENDER_LINKS.map(|(u, t)| (u.to_string(), t.to_string()))
    );
    // The logo keeps its relationship beside them.
    assert!(targets.iter().any(|(_, kind, _)| kind.ends_with("/image")));
}

/// The names of the files in `dir`; none when it does not exist.
fn files_in(dir: &Path) -> Vec<std::ffi::OsString> {
    std::fs::read_dir(dir)
        .map(|d| d.flatten().map(|e| e.file_name()).collect())
        .unwrap_or_default()
}
