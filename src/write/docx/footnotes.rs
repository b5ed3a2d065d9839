//! footnotes.xml, written here: docx-rs numbers notes from a process-wide
//! counter and writes neither the separators nor the number mark.
//!
//! Note `k` (from 1) is the k-th note the text refers to, matching the ids the
//! converter gave the references. [`super::fixup`] then adds each note's
//! `<w:footnoteRef/>`.

use super::body::Out;
use super::package::story_root;
use super::xml_of;
use crate::write::WriteError;

/// The separator line above the notes and its continuation form, which Word
/// expects as notes -1 and 0 (settings.xml names them).
const SEPARATORS: &str = concat!(
    r#"<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>"#,
    r#"<w:r><w:separator/></w:r></w:p></w:footnote>"#,
    r#"<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>"#,
    r#"<w:r><w:continuationSeparator/></w:r></w:p></w:footnote>"#
);

/// The footnotes part for these note bodies, in reference order.
pub(super) fn footnotes_xml(notes: &[Vec<Out>]) -> Result<Vec<u8>, WriteError> {
    let mut xml = String::from(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#);
    xml.push_str(&story_root("footnotes"));
    xml.push_str(SEPARATORS);
    let mut bytes = xml.into_bytes();
    for (k, blocks) in notes.iter().enumerate() {
        bytes.extend_from_slice(format!(r#"<w:footnote w:id="{}">"#, k + 1).as_bytes());
        for b in blocks {
            bytes.extend(blocks_xml(b)?);
        }
        bytes.extend_from_slice(b"</w:footnote>");
    }
    bytes.extend_from_slice(b"</w:footnotes>");
    Ok(bytes)
}

fn blocks_xml(b: &Out) -> Result<Vec<u8>, WriteError> {
    match b {
        Out::P(p) => xml_of(p),
        Out::T(t) => xml_of(t),
    }
}
