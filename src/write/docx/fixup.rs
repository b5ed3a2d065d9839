//! XML-level corrections to the parts docx-rs writes.
//!
//! The part is read into a small element tree (quick-xml), corrected and
//! written back:
//! - `w14:paraId`s are renumbered per document: docx-rs draws them from a
//!   thread-wide counter, so they would differ from one rendering to the next;
//! - header rows get `<w:tblHeader/>` (docx-rs has no API for it);
//! - each footnote's first paragraph starts with the `<w:footnoteRef/>` mark
//!   (docx-rs omits it, and Word then shows no number before the note);
//! - property elements (`pPr`, `rPr`, `tblPr`, …) get their children in schema
//!   order, which docx-rs does not keep and Word may insist on;
//! - empty `<w:rPr/>`s are dropped (docx-rs writes them even where the schema
//!   allows no `rPr`);
//! - `left`/`right` justification and indents become `start`/`end`, and the non-schema
//!   `w:type` on grid columns is dropped.

use quick_xml::events::{BytesStart, BytesText, Event};
use quick_xml::{Reader, Writer};

use super::{backend, styles};
use crate::write::WriteError;

/// An element with its children; anything else is kept as the event it was.
#[derive(Debug)]
enum Node {
    El(El),
    Other(Event<'static>),
}

#[derive(Debug)]
struct El {
    start: BytesStart<'static>,
    children: Vec<Node>,
}

impl El {
    fn new(name: &str) -> Self {
        El {
            start: BytesStart::new(name.to_owned()),
            children: Vec::new(),
        }
    }

    fn attr(mut self, key: &str, value: &str) -> Self {
        self.start.push_attribute((key, value));
        self
    }

    fn child(mut self, node: Node) -> Self {
        self.children.push(node);
        self
    }

    fn name(&self) -> &[u8] {
        self.start.name().into_inner()
    }

    fn is(&self, name: &str) -> bool {
        self.name() == name.as_bytes()
    }

    fn get(&self, key: &str) -> Option<Vec<u8>> {
        self.start
            .attributes()
            .flatten()
            .find(|a| a.key.as_ref() == key.as_bytes())
            .map(|a| a.value.into_owned())
    }

    /// Rebuild the start tag with `f` deciding each attribute's fate
    /// (`None` drops it).
    fn map_attrs(&mut self, f: impl Fn(&[u8], &[u8]) -> Option<Vec<u8>>) {
        let mut start = BytesStart::new(String::from_utf8_lossy(self.name()).into_owned());
        for a in self.start.attributes().flatten() {
            if let Some(v) = f(a.key.as_ref(), &a.value) {
                start.push_attribute((a.key.as_ref(), v.as_slice()));
            }
        }
        self.start = start;
    }

    fn elements_mut(&mut self) -> impl Iterator<Item = &mut El> {
        self.children.iter_mut().filter_map(|n| match n {
            Node::El(e) => Some(e),
            Node::Other(_) => None,
        })
    }
}

/// A parsed part: prolog (declaration) and elements at the top.
pub(super) struct Part {
    nodes: Vec<Node>,
}

impl Part {
    pub(super) fn parse(xml: &[u8]) -> Result<Self, WriteError> {
        let mut reader = Reader::from_reader(xml);
        reader.config_mut().trim_text(false);
        let mut stack: Vec<El> = Vec::new();
        let mut top = Vec::new();
        let bad = |e: &dyn std::fmt::Display| backend(format!("generated XML is malformed: {e}"));
        loop {
            let event = reader.read_event().map_err(|e| bad(&e))?;
            let node = match event {
                Event::Start(s) => {
                    stack.push(El {
                        start: s.into_owned(),
                        children: Vec::new(),
                    });
                    continue;
                }
                Event::End(_) => match stack.pop() {
                    Some(el) => Node::El(el),
                    None => return Err(bad(&"unbalanced end tag")),
                },
                Event::Empty(s) => {
                    let mut el = El {
                        start: s.into_owned(),
                        children: Vec::new(),
                    };
                    // `<a />` may gain children: drop the space before `/>`
                    // so that it does not become `<a >`.
                    if el.start.attributes_raw().ends_with(b" ") {
                        el.map_attrs(|_, v| Some(v.to_vec()));
                    }
                    Node::El(el)
                }
                Event::Eof => break,
                other => Node::Other(other.into_owned()),
            };
            match stack.last_mut() {
                Some(parent) => parent.children.push(node),
                None => top.push(node),
            }
        }
        if !stack.is_empty() {
            return Err(bad(&"unclosed element"));
        }
        Ok(Part { nodes: top })
    }

    pub(super) fn to_bytes(&self) -> Result<Vec<u8>, WriteError> {
        let mut w = Writer::new(Vec::new());
        write_nodes(&mut w, &self.nodes)
            .map_err(|e| backend(format!("could not write XML: {e}")))?;
        Ok(w.into_inner())
    }

    fn walk(&mut self, f: &mut impl FnMut(&mut El)) {
        fn go(nodes: &mut [Node], f: &mut impl FnMut(&mut El)) {
            for n in nodes {
                if let Node::El(e) = n {
                    f(e);
                    go(&mut e.children, f);
                }
            }
        }
        go(&mut self.nodes, f);
    }

    /// Give every `w14:paraId` the next number of `counter`, in document order.
    pub(super) fn renumber_paragraphs(&mut self, counter: &mut u32) {
        self.walk(&mut |e| {
            if e.is("w:p") && e.get("w14:paraId").is_some() {
                *counter += 1;
                // Word wants paraIds below 0x80000000.
                let id = format!("{:08X}", *counter & 0x7FFF_FFFF);
                e.map_attrs(|k, v| {
                    Some(if k == b"w14:paraId" {
                        id.clone().into_bytes()
                    } else {
                        v.to_vec()
                    })
                });
            }
        });
    }

    /// Mark the first row of the tables flagged in `headers` (one flag per
    /// table, in document order) as a header row repeated on each page.
    pub(super) fn mark_header_rows(&mut self, headers: &[bool]) -> Result<(), WriteError> {
        let mut k = 0;
        self.walk(&mut |e| {
            if !e.is("w:tbl") {
                return;
            }
            let flagged = headers.get(k).copied().unwrap_or(false);
            k += 1;
            if !flagged {
                return;
            }
            if let Some(tr) = e.elements_mut().find(|c| c.is("w:tr")) {
                let pos = tr
                    .children
                    .iter()
                    .position(|n| matches!(n, Node::El(c) if c.is("w:trPr")));
                let pos = match pos {
                    Some(p) => p,
                    None => {
                        // trPr comes after tblPrEx, before the cells.
                        let at = usize::from(
                            matches!(tr.children.first(), Some(Node::El(c)) if c.is("w:tblPrEx")),
                        );
                        tr.children.insert(at, Node::El(El::new("w:trPr")));
                        at
                    }
                };
                if let Some(Node::El(trpr)) = tr.children.get_mut(pos) {
                    trpr.children.push(Node::El(El::new("w:tblHeader")));
                }
            }
        });
        if k != headers.len() {
            return Err(backend(format!(
                "expected {} tables in the generated XML, found {k}",
                headers.len()
            )));
        }
        Ok(())
    }

    /// Start the first paragraph of every footnote with the footnote number.
    pub(super) fn add_footnote_marks(&mut self) {
        self.walk(&mut |e| {
            if !e.is("w:footnote") || e.get("w:type").is_some() {
                return;
            }
            if let Some(p) = first_paragraph(e) {
                let at =
                    usize::from(matches!(p.children.first(), Some(Node::El(c)) if c.is("w:pPr")));
                let mark = El::new("w:r")
                    .child(Node::El(El::new("w:rPr").child(Node::El(
                        El::new("w:rStyle").attr("w:val", styles::FOOTNOTE_REFERENCE),
                    ))))
                    .child(Node::El(El::new("w:footnoteRef")));
                let space = El::new("w:r").child(Node::El(
                    El::new("w:t")
                        .attr("xml:space", "preserve")
                        .child(Node::Other(Event::Text(BytesText::new(" ").into_owned()))),
                ));
                p.children.insert(at, Node::El(space));
                p.children.insert(at, Node::El(mark));
            }
        });
    }

    /// Schema order for property children, start/end justification, no
    /// `w:type` on grid columns.
    pub(super) fn normalise(&mut self) {
        self.walk(&mut |e| {
            if let Some(order) = schema_order(e.name()) {
                let rank = |n: &Node| match n {
                    Node::El(c) => order
                        .iter()
                        .position(|o| o.as_bytes() == c.name())
                        .unwrap_or(order.len()),
                    Node::Other(_) => order.len(),
                };
                e.children.sort_by_key(rank);
            }
            // docx-rs writes empty `<w:rPr/>` everywhere, also where the schema
            // allows none (numbering levels' pPr); an empty one means nothing.
            e.children.retain(|c| {
                !matches!(c, Node::El(r) if r.is("w:rPr") && r.children.is_empty() && r.start.attributes_raw().is_empty())
            });
            if e.is("w:jc") {
                e.map_attrs(|k, v| {
                    Some(match (k, v) {
                        (b"w:val", b"left") => b"start".to_vec(),
                        (b"w:val", b"right") => b"end".to_vec(),
                        _ => v.to_vec(),
                    })
                });
            }
            if e.is("w:ind") {
                // Indents from the start and end of the line, not left and right.
                let renamed = |k: &[u8]| -> Option<&'static str> {
                    Some(match k {
                        b"w:left" => "w:start",
                        b"w:right" => "w:end",
                        b"w:leftChars" => "w:startChars",
                        b"w:rightChars" => "w:endChars",
                        _ => return None,
                    })
                };
                let mut start = BytesStart::new("w:ind");
                for a in e.start.attributes().flatten() {
                    let key = renamed(a.key.as_ref()).map_or(a.key.as_ref(), str::as_bytes);
                    start.push_attribute((key, a.value.as_ref()));
                }
                e.start = start;
            }
            if e.is("w:gridCol") {
                e.map_attrs(|k, v| (k != b"w:type").then(|| v.to_vec()));
            }
        });
    }
}

fn first_paragraph(e: &mut El) -> Option<&mut El> {
    for c in e.elements_mut() {
        if c.is("w:p") {
            return Some(c);
        }
        if let Some(p) = first_paragraph(c) {
            return Some(p);
        }
    }
    None
}

fn write_nodes(w: &mut Writer<Vec<u8>>, nodes: &[Node]) -> std::io::Result<()> {
    for n in nodes {
        match n {
            Node::El(e) if e.children.is_empty() => {
                w.write_event(Event::Empty(e.start.borrow()))?
            }
            Node::El(e) => {
                w.write_event(Event::Start(e.start.borrow()))?;
                write_nodes(w, &e.children)?;
                w.write_event(Event::End(e.start.to_end()))?;
            }
            Node::Other(ev) => w.write_event(ev.borrow())?,
        }
    }
    Ok(())
}

/// The order of children the schema (ECMA-376 part 1) requires, for the
/// property elements docx-rs writes in an order of its own.
fn schema_order(name: &[u8]) -> Option<&'static [&'static str]> {
    Some(match name {
        b"w:pPr" => &[
            "w:pStyle",
            "w:keepNext",
            "w:keepLines",
            "w:pageBreakBefore",
            "w:framePr",
            "w:widowControl",
            "w:numPr",
            "w:suppressLineNumbers",
            "w:pBdr",
            "w:shd",
            "w:tabs",
            "w:suppressAutoHyphens",
            "w:kinsoku",
            "w:wordWrap",
            "w:overflowPunct",
            "w:topLinePunct",
            "w:autoSpaceDE",
            "w:autoSpaceDN",
            "w:bidi",
            "w:adjustRightInd",
            "w:snapToGrid",
            "w:spacing",
            "w:ind",
            "w:contextualSpacing",
            "w:mirrorIndents",
            "w:suppressOverlap",
            "w:jc",
            "w:textDirection",
            "w:textAlignment",
            "w:textboxTightWrap",
            "w:outlineLvl",
            "w:divId",
            "w:cnfStyle",
            "w:rPr",
            "w:sectPr",
            "w:pPrChange",
        ],
        b"w:rPr" => &[
            "w:ins",
            "w:del",
            "w:moveFrom",
            "w:moveTo",
            "w:rStyle",
            "w:rFonts",
            "w:b",
            "w:bCs",
            "w:i",
            "w:iCs",
            "w:caps",
            "w:smallCaps",
            "w:strike",
            "w:dstrike",
            "w:outline",
            "w:shadow",
            "w:emboss",
            "w:imprint",
            "w:noProof",
            "w:snapToGrid",
            "w:vanish",
            "w:webHidden",
            "w:color",
            "w:spacing",
            "w:w",
            "w:kern",
            "w:position",
            "w:sz",
            "w:szCs",
            "w:highlight",
            "w:u",
            "w:effect",
            "w:bdr",
            "w:shd",
            "w:fitText",
            "w:vertAlign",
            "w:rtl",
            "w:cs",
            "w:em",
            "w:lang",
            "w:eastAsianLayout",
            "w:specVanish",
            "w:oMath",
            "w:rPrChange",
        ],
        b"w:tblPr" => &[
            "w:tblStyle",
            "w:tblpPr",
            "w:tblOverlap",
            "w:bidiVisual",
            "w:tblStyleRowBandSize",
            "w:tblStyleColBandSize",
            "w:tblW",
            "w:jc",
            "w:tblCellSpacing",
            "w:tblInd",
            "w:tblBorders",
            "w:shd",
            "w:tblLayout",
            "w:tblCellMar",
            "w:tblLook",
            "w:tblCaption",
            "w:tblDescription",
            "w:tblPrChange",
        ],
        b"w:tcPr" => &[
            "w:cnfStyle",
            "w:tcW",
            "w:gridSpan",
            "w:hMerge",
            "w:vMerge",
            "w:tcBorders",
            "w:shd",
            "w:noWrap",
            "w:tcMar",
            "w:textDirection",
            "w:tcFitText",
            "w:vAlign",
            "w:hideMark",
        ],
        b"w:sectPr" => &[
            "w:headerReference",
            "w:footerReference",
            "w:footnotePr",
            "w:endnotePr",
            "w:type",
            "w:pgSz",
            "w:pgMar",
            "w:paperSrc",
            "w:pgBorders",
            "w:lnNumType",
            "w:pgNumType",
            "w:cols",
            "w:formProt",
            "w:vAlign",
            "w:noEndnote",
            "w:titlePg",
            "w:textDirection",
            "w:bidi",
            "w:rtlGutter",
            "w:docGrid",
            "w:printerSettings",
            "w:sectPrChange",
        ],
        b"w:lvl" => &[
            "w:start",
            "w:numFmt",
            "w:lvlRestart",
            "w:pStyle",
            "w:isLgl",
            "w:suff",
            "w:lvlText",
            "w:lvlPicBulletId",
            "w:legacy",
            "w:lvlJc",
            "w:pPr",
            "w:rPr",
        ],
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roundtrip(xml: &str, f: impl FnOnce(&mut Part)) -> String {
        let mut p = Part::parse(xml.as_bytes()).expect("parse");
        f(&mut p);
        String::from_utf8(p.to_bytes().expect("write")).expect("utf8")
    }

    #[test]
    fn header_row_gets_tbl_header() {
        let xml = r#"<w:tbl><w:tr><w:trPr /><w:tc/></w:tr><w:tr><w:tc/></w:tr></w:tbl><w:tbl><w:tr><w:tc/></w:tr></w:tbl>"#;
        let out = roundtrip(xml, |p| p.mark_header_rows(&[true, true]).expect("tables"));
        assert_eq!(
            out,
            r#"<w:tbl><w:tr><w:trPr><w:tblHeader/></w:trPr><w:tc/></w:tr><w:tr><w:tc/></w:tr></w:tbl><w:tbl><w:tr><w:trPr><w:tblHeader/></w:trPr><w:tc/></w:tr></w:tbl>"#
        );
        let mut p = Part::parse(xml.as_bytes()).expect("parse");
        assert!(p.mark_header_rows(&[true]).is_err());
    }

    #[test]
    fn properties_in_schema_order_and_text_kept() {
        let xml = r#"<w:p w14:paraId="00000F00"><w:pPr><w:rPr/><w:jc w:val="left"/><w:ind w:left="5" w:hanging="2"/><w:pStyle w:val="X"/></w:pPr><w:r><w:rPr><w:rStyle w:val="H"/><w:b/></w:rPr><w:t>a &amp; b &lt;é&gt;</w:t></w:r></w:p>"#;
        let mut n = 0;
        let out = roundtrip(xml, |p| {
            p.normalise();
            p.renumber_paragraphs(&mut n);
        });
        assert_eq!(
            out,
            r#"<w:p w14:paraId="00000001"><w:pPr><w:pStyle w:val="X"/><w:ind w:start="5" w:hanging="2"/><w:jc w:val="start"/></w:pPr><w:r><w:rPr><w:rStyle w:val="H"/><w:b/></w:rPr><w:t>a &amp; b &lt;é&gt;</w:t></w:r></w:p>"#
        );
    }
}
