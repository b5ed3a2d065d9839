//! comments.xml: the review copy's notes, one Word comment per review mark.
//!
//! A mark's range is written where its milestones are (`commentRangeStart`,
//! `commentRangeEnd` and a run holding the `commentReference`, which is
//! where Word and LibreOffice anchor the comment); its note, the lines of
//! [`Mark::lines`], is a comment of one paragraph per line.

use super::body::Converter;
use super::package::w3c_date;
use super::xml::Xml;
use crate::document::{Document, Mark};

/// The Word id of mark `id`'s comment: past every footnote and bookmark id
/// the document can have, since LibreOffice (7.4) attaches the text of a
/// footnote to the wrong reference when a comment shares its id.
pub(super) fn comment_id(doc: &Document, anchors: usize, id: usize) -> i64 {
    (2 * doc.footnotes.len() + anchors + 1 + id) as i64
}

/// The author Word shows for each comment.
const AUTHOR: &str = "hrdraft review";

impl Converter<'_> {
    /// A mark's start or end in the text being written.
    pub(super) fn comment_edge(&mut self, id: usize, end: bool) {
        if self.doc.marks.get(id).is_none() {
            return;
        }
        let word_id = comment_id(self.doc, self.anchors.len(), id);
        if !end {
            if self.open_comments.insert(id) {
                self.x.raw(r#"<w:commentRangeStart w:id=""#);
                self.x.int(word_id);
                self.x.raw(r#""/>"#);
            }
            return;
        }
        if !self.open_comments.remove(&id) {
            return;
        }
        self.x.raw(r#"<w:commentRangeEnd w:id=""#);
        self.x.int(word_id);
        self.x.raw(r#""/><w:r><w:commentReference w:id=""#);
        self.x.int(word_id);
        self.x.raw(r#""/></w:r>"#);
        self.commented.push(id);
    }
}

/// comments.xml for the marks written as comments; `None` when there are none.
pub(super) fn comments_xml(doc: &Document, anchors: usize, commented: &[usize]) -> Option<String> {
    if commented.is_empty() {
        return None;
    }
    let mut ids = commented.to_vec();
    ids.sort_unstable();
    let date = w3c_date(doc.meta.created);
    let mut x = Xml::with_capacity(512 * ids.len() + 512);
    x.raw(concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        r#"<w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#
    ));
    for id in ids {
        let Some(mark) = doc.marks.get(id) else {
            continue;
        };
        comment(&mut x, comment_id(doc, anchors, id), mark, &date);
    }
    x.raw("</w:comments>");
    Some(x.into_string())
}

fn comment(x: &mut Xml, id: i64, mark: &Mark, date: &str) {
    x.raw(r#"<w:comment w:id=""#);
    x.int(id);
    x.raw(r#"" w:author=""#);
    x.text(AUTHOR);
    x.raw(r#"" w:date=""#);
    x.text(date);
    x.raw(r#"" w:initials="hd">"#);
    for line in mark.lines() {
        x.raw(r#"<w:p><w:r><w:t xml:space="preserve">"#);
        x.text(&line);
        x.raw("</w:t></w:r></w:p>");
    }
    x.raw("</w:comment>");
}
