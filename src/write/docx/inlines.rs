//! Inlines of the model as runs, hyperlinks, bookmarks and note references.

use super::body::{Converter, Part};
use super::xml::Xml;
use super::{fields, styles};
use crate::document::Inline;
use crate::write::WriteError;

/// Character formatting in force while walking nested inlines.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Marks {
    /// Character style (links, note numbers).
    style: Option<&'static str>,
    italic: bool,
    bold: bool,
    underline: bool,
}

impl Marks {
    pub(super) fn styled(style: &'static str) -> Self {
        Marks {
            style: Some(style),
            ..Marks::default()
        }
    }

    fn in_link(&self) -> bool {
        self.style == Some(styles::HYPERLINK)
    }

    fn plain(&self) -> bool {
        self.style.is_none() && !self.bold && !self.italic && !self.underline
    }

    /// `<w:rPr>`, children in schema order; nothing for plain text.
    pub(super) fn rpr(&self, x: &mut Xml) {
        if self.plain() {
            return;
        }
        // Bold and italic text takes Word's "Strong" and "Emphasis" styles,
        // so that a reader restyles it everywhere at once; a run may have
        // one style, so a second mark is written directly.
        let (style, bold, italic) = match self.style {
            Some(s) => (Some(s), self.bold, self.italic),
            None if self.bold => (Some(styles::STRONG), false, self.italic),
            None if self.italic => (Some(styles::EMPHASIS), false, false),
            None => (None, false, false),
        };
        x.raw("<w:rPr>");
        if let Some(style) = style {
            x.val("w:rStyle", style);
        }
        if bold {
            x.raw("<w:b/><w:bCs/>");
        }
        if italic {
            x.raw("<w:i/><w:iCs/>");
        }
        if self.underline {
            x.raw(r#"<w:u w:val="single"/>"#);
        }
        x.raw("</w:rPr>");
    }
}

impl Converter<'_> {
    pub(super) fn inlines(&mut self, content: &[Inline], marks: Marks) -> Result<(), WriteError> {
        for inline in content {
            self.inline(inline, marks)?;
        }
        Ok(())
    }

    fn inline(&mut self, inline: &Inline, marks: Marks) -> Result<(), WriteError> {
        match inline {
            Inline::Text(t) => text_run(&mut self.x, t, marks),
            Inline::Emphasis(c) => self.inlines(
                c,
                Marks {
                    italic: true,
                    ..marks
                },
            )?,
            Inline::Strong(c) => self.inlines(
                c,
                Marks {
                    bold: true,
                    ..marks
                },
            )?,
            Inline::Underline(c) => self.inlines(
                c,
                Marks {
                    underline: true,
                    ..marks
                },
            )?,
            Inline::Link { url, content } => self.link(url, content, marks)?,
            Inline::FootnoteRef(i) => self.footnote_ref(*i)?,
            Inline::LineBreak => {
                self.x.raw("<w:r>");
                marks.rpr(&mut self.x);
                self.x.raw(r#"<w:br w:type="textWrapping"/></w:r>"#);
            }
            Inline::Anchor(name) => {
                if self.placed.insert(name.clone()) {
                    let id = self.bookmark_id();
                    self.bookmark(id, &fields::bookmark_name(name), |_| {});
                }
            }
            Inline::Mark { id, end } => {
                if self.opts.comments {
                    self.comment_edge(*id, *end);
                }
            }
            Inline::PageRef {
                target: name,
                label,
            } => {
                if !label.is_empty() {
                    // The label and the number kept on one line.
                    text_run(&mut self.x, &format!("{label}\u{a0}"), marks);
                }
                if !self.anchors.contains(name) {
                    return Err(Self::unsupported(format!(
                        "a page reference points to the anchor `{name}`, which the document does not \
                         have; add the anchor or correct the name"
                    )));
                }
                let page = self.opts.anchor_pages.get(name).copied();
                fields::page_ref(&mut self.x, &fields::bookmark_name(name), page, marks);
            }
        }
        Ok(())
    }

    /// A bookmark named `name` around what `inner` writes.
    fn bookmark(&mut self, id: usize, name: &str, inner: impl FnOnce(&mut Xml)) {
        let x = &mut self.x;
        x.raw(r#"<w:bookmarkStart w:id=""#);
        x.int(id as i64);
        x.raw(r#"" w:name=""#);
        x.text(name);
        x.raw(r#""/>"#);
        inner(x);
        x.raw(r#"<w:bookmarkEnd w:id=""#);
        x.int(id as i64);
        x.raw(r#""/>"#);
    }

    fn link(&mut self, url: &str, content: &[Inline], marks: Marks) -> Result<(), WriteError> {
        let url = url.trim();
        // A link inside a link is not allowed: keep the inner text only.
        if marks.in_link() || url.is_empty() {
            return self.inlines(content, marks);
        }
        if let Some(anchor) = url.strip_prefix('#') {
            if !self.anchors.contains(anchor) {
                return self.inlines(content, marks);
            }
            self.x.raw(r#"<w:hyperlink w:anchor=""#);
            self.x.text(&fields::bookmark_name(anchor));
        } else {
            let links = &mut self.links[self.part as usize];
            links.push(url.to_owned());
            self.x.raw(r#"<w:hyperlink r:id="rIdLink"#);
            self.x.int(links.len() as i64);
        }
        self.x.raw(r#"" w:history="1">"#);
        let open = self.x.len();
        self.inlines(
            content,
            Marks {
                style: Some(styles::HYPERLINK),
                ..marks
            },
        )?;
        self.x.close_at(open, "w:hyperlink");
        Ok(())
    }

    fn footnote_ref(&mut self, index: usize) -> Result<(), WriteError> {
        let count = self.doc.footnotes.len();
        let Some(slot) = self.note_ids.get(index).copied() else {
            return Err(Self::unsupported(format!(
                "the text refers to footnote {} but the document has {count} footnote{}",
                index + 1,
                if count == 1 { "" } else { "s" }
            )));
        };
        match (slot, self.part) {
            // Referred to before: point at the first reference's number.
            (Some(id), _) => fields::note_ref(&mut self.x, &fields::note_bookmark(id), id),
            (None, Part::Body) => {
                self.notes.push(index);
                let id = self.notes.len();
                self.note_ids[index] = Some(id);
                let reference = |x: &mut Xml| {
                    x.raw(r#"<w:r><w:rPr><w:rStyle w:val=""#);
                    x.raw(styles::FOOTNOTE_REFERENCE);
                    x.raw(r#""/></w:rPr><w:footnoteReference w:id=""#);
                    x.int(id as i64);
                    x.raw(r#""/></w:r>"#);
                };
                if self.ref_counts[index] > 1 {
                    let b = self.bookmark_id();
                    self.bookmark(b, &fields::note_bookmark(id), reference);
                } else {
                    reference(&mut self.x);
                }
            }
            (None, Part::Notes) => {
                return Err(Self::unsupported(format!(
                    "a footnote refers to footnote {}, which the text itself never refers to; a \
                     footnote cannot hold another footnote, so refer to it from the text as well",
                    index + 1
                )));
            }
        }
        Ok(())
    }
}

/// A run of text; newlines become line breaks, tabs tabs, and characters XML
/// cannot hold are dropped.
fn text_run(x: &mut Xml, text: &str, marks: Marks) {
    x.raw("<w:r>");
    let open = x.len();
    marks.rpr(x);
    let mut rest = text;
    loop {
        let end = rest.find(['\n', '\t']).unwrap_or(rest.len());
        let (piece, tail) = rest.split_at(end);
        if !piece.is_empty() {
            let at = x.len();
            x.raw(r#"<w:t xml:space="preserve">"#);
            let inner = x.len();
            x.text(piece);
            if x.len() == inner {
                // Nothing XML can hold: no element at all.
                x.truncate(at);
            } else {
                x.raw("</w:t>");
            }
        }
        let mut chars = tail.chars();
        match chars.next() {
            Some('\n') => x.raw(r#"<w:br w:type="textWrapping"/>"#),
            Some(_) => x.raw("<w:tab/>"),
            None => break,
        }
        rest = chars.as_str();
    }
    x.close_at(open, "w:r");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str, marks: Marks) -> String {
        let mut x = Xml::default();
        text_run(&mut x, text, marks);
        x.into_string()
    }

    #[test]
    fn text_runs() {
        assert_eq!(
            run("a\tb\nc & d", Marks::default()),
            concat!(
                r#"<w:r><w:t xml:space="preserve">a</w:t><w:tab/>"#,
                r#"<w:t xml:space="preserve">b</w:t><w:br w:type="textWrapping"/>"#,
                r#"<w:t xml:space="preserve">c &amp; d</w:t></w:r>"#
            )
        );
        // Only characters XML cannot hold: an empty run.
        assert_eq!(run("\u{1}\u{FFFF}", Marks::default()), "<w:r/>");
        let bold = Marks {
            bold: true,
            ..Marks::default()
        };
        assert_eq!(
            run("\u{0}", bold),
            r#"<w:r><w:rPr><w:rStyle w:val="Strong"/></w:rPr></w:r>"#
        );
        // Bold italic: one character style, the other mark direct.
        let both = Marks {
            italic: true,
            ..bold
        };
        assert_eq!(
            run("", both),
            r#"<w:r><w:rPr><w:rStyle w:val="Strong"/><w:i/><w:iCs/></w:rPr></w:r>"#
        );
        assert_eq!(
            run("x\u{1}y", Marks::styled(styles::HYPERLINK)),
            r#"<w:r><w:rPr><w:rStyle w:val="Hyperlink"/></w:rPr><w:t xml:space="preserve">xy</w:t></w:r>"#
        );
    }
}
