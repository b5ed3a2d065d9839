//! footnotes.xml: the separators Word expects, then the notes in the order the
//! text refers to them.
//!
//! Note `k` (from 1) is the k-th note the text refers to, matching the ids the
//! converter gave the references. Each note's first paragraph starts with its
//! number (`<w:footnoteRef/>`).

use super::body::{Converter, PPr, Part, Scope};
use super::package::story_root;
use super::styles;
use super::xml::Xml;
use crate::write::WriteError;

/// The separator line above the notes and its continuation form, which Word
/// expects as notes -1 and 0 (settings.xml names them).
const SEPARATORS: &str = concat!(
    r#"<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>"#,
    r#"<w:r><w:separator/></w:r></w:p></w:footnote>"#,
    r#"<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>"#,
    r#"<w:r><w:continuationSeparator/></w:r></w:p></w:footnote>"#
);

/// The footnotes part for the notes the body referred to, or `None` if it
/// referred to none. Call after converting the body.
pub(super) fn footnotes_xml(c: &mut Converter) -> Result<Option<String>, WriteError> {
    if c.notes.is_empty() {
        return Ok(None);
    }
    let mut x = Xml::with_capacity(4096 + 1024 * c.notes.len());
    x.raw(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#);
    x.raw(&story_root("footnotes"));
    x.raw(SEPARATORS);
    let body = c.set_part(Part::Notes, x);
    // Converting the notes cannot add more (a note referring to a note the
    // text does not refer to is an error).
    for k in 0..c.notes.len() {
        c.x.raw(r#"<w:footnote w:id=""#);
        c.x.int(k as i64 + 1);
        c.x.raw(r#"">"#);
        c.start_story(true);
        let index = c.notes[k];
        if let Some(note) = c.doc.footnotes.get(index) {
            c.blocks(&note.blocks, Scope::new(styles::FOOTNOTE_TEXT))?;
        }
        if c.story_is_empty() {
            // Word wants at least one paragraph in a note.
            c.paragraph(PPr::new(styles::FOOTNOTE_TEXT), true, &[])?;
        }
        c.end_story();
        c.x.raw("</w:footnote>");
    }
    c.x.raw("</w:footnotes>");
    Ok(Some(c.set_part(Part::Body, body).into_string()))
}
