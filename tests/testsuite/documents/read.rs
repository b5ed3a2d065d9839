//! Independent readers for what hrdraft writes: DOCX by its XML parts, HTML by its DOM.

pub use crate::support::squash;
use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

/// Every XML part of a DOCX, by name.
pub fn docx_parts(path: &Path) -> BTreeMap<String, String> {
    let file = std::fs::File::open(path).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut out = BTreeMap::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let mut s = String::new();
        if f.read_to_string(&mut s).is_ok() {
            out.insert(f.name().to_string(), s);
        }
    }
    out
}

fn is_w(n: roxmltree::Node, name: &str) -> bool {
    n.is_element() && n.tag_name().name() == name
}

/// The text of each body paragraph of document.xml, in order.
pub fn docx_paragraphs(parts: &BTreeMap<String, String>) -> Vec<String> {
    let doc = roxmltree::Document::parse(&parts["word/document.xml"]).unwrap();
    doc.descendants()
        .filter(|n| is_w(*n, "p"))
        .map(|p| {
            p.descendants()
                .filter(|t| is_w(*t, "t"))
                .filter_map(|t| t.text())
                .collect::<String>()
        })
        .collect()
}

/// The text of each body paragraph of document.xml, in order, with a line
/// break (`w:br`) read as a newline.
pub fn docx_lines(parts: &BTreeMap<String, String>) -> Vec<String> {
    let doc = roxmltree::Document::parse(&parts["word/document.xml"]).unwrap();
    doc.descendants()
        .filter(|n| is_w(*n, "p"))
        .map(|p| {
            p.descendants()
                .filter_map(|t| match t.tag_name().name() {
                    "t" if t.is_element() => t.text(),
                    "br" if t.is_element() => Some("\n"),
                    _ => None,
                })
                .collect::<String>()
        })
        .collect()
}

/// The text of each body paragraph in the paragraph style `style`, in order.
pub fn docx_styled(parts: &BTreeMap<String, String>, style: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(&parts["word/document.xml"]).unwrap();
    doc.descendants()
        .filter(|n| is_w(*n, "p"))
        .filter(|p| {
            p.descendants()
                .any(|s| is_w(s, "pStyle") && s.attributes().any(|a| a.value() == style))
        })
        .map(|p| {
            p.descendants()
                .filter(|t| is_w(*t, "t"))
                .filter_map(|t| t.text())
                .collect::<String>()
        })
        .collect()
}

/// The text of each real footnote (separators left out), by id.
pub fn docx_footnotes(parts: &BTreeMap<String, String>) -> BTreeMap<i64, String> {
    let doc = roxmltree::Document::parse(&parts["word/footnotes.xml"]).unwrap();
    doc.descendants()
        .filter(|n| is_w(*n, "footnote"))
        .filter(|n| n.attributes().all(|a| a.name() != "type"))
        .map(|n| {
            let id = n
                .attributes()
                .find(|a| a.name() == "id")
                .and_then(|a| a.value().parse().ok())
                .unwrap();
            let text = n
                .descendants()
                .filter(|t| is_w(*t, "t"))
                .filter_map(|t| t.text())
                .collect::<String>();
            // The space Word puts after the note's number is not the note's text.
            (id, text.trim().to_string())
        })
        .collect()
}

/// The footnote ids referred to from document.xml, in order, each with the
/// style of the run that refers to it.
pub fn docx_footnote_refs(parts: &BTreeMap<String, String>) -> Vec<(i64, String)> {
    let doc = roxmltree::Document::parse(&parts["word/document.xml"]).unwrap();
    doc.descendants()
        .filter(|n| is_w(*n, "footnoteReference"))
        .map(|n| {
            let id = n
                .attributes()
                .find(|a| a.name() == "id")
                .and_then(|a| a.value().parse().ok())
                .unwrap();
            let style = n
                .parent()
                .into_iter()
                .flat_map(|r| r.descendants())
                .find(|s| is_w(*s, "rStyle"))
                .and_then(|s| s.attributes().find(|a| a.name() == "val"))
                .map(|a| a.value().to_string())
                .unwrap_or_default();
            (id, style)
        })
        .collect()
}

/// The HTML document.
pub fn html(path: &Path) -> scraper::Html {
    scraper::Html::parse_document(&std::fs::read_to_string(path).unwrap())
}

/// Text of every element matching `css`.
pub fn html_texts(doc: &scraper::Html, css: &str) -> Vec<String> {
    let sel = scraper::Selector::parse(css).unwrap();
    doc.select(&sel)
        .map(|e| e.text().collect::<String>().trim().to_string())
        .collect()
}

/// Each page's text as pdf-extract reads it, without whitespace (what
/// extraction keeps reliably of justified lines and table cells).
pub fn pdf_pages(path: &Path) -> Vec<String> {
    let bytes = std::fs::read(path).unwrap();
    pdf_extract::extract_text_from_mem_by_pages(&bytes)
        .unwrap()
        .iter()
        .map(|p| squash(p))
        .collect()
}

/// The cached results of the PAGEREF fields in document.xml, by bookmark.
pub fn docx_pagerefs(parts: &BTreeMap<String, String>) -> Vec<(String, String)> {
    // A field is instrText "PAGEREF name \h", then a separate, then the result runs.
    let doc = roxmltree::Document::parse(&parts["word/document.xml"]).unwrap();
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    let mut in_result = false;
    let mut result = String::new();
    for n in doc.descendants() {
        if is_w(n, "instrText") {
            let t = n.text().unwrap_or_default().trim().to_string();
            if let Some(rest) = t.strip_prefix("PAGEREF") {
                current = rest.split_whitespace().next().map(str::to_string);
                result.clear();
            }
        } else if is_w(n, "fldChar") {
            let kind = n
                .attributes()
                .find(|a| a.name() == "fldCharType")
                .map(|a| a.value())
                .unwrap_or_default();
            match kind {
                "separate" => in_result = current.is_some(),
                "end" => {
                    if let Some(name) = current.take() {
                        out.push((name, result.clone()));
                    }
                    in_result = false;
                }
                _ => {}
            }
        } else if is_w(n, "t") && in_result {
            result.push_str(n.text().unwrap_or_default());
        }
    }
    out
}
