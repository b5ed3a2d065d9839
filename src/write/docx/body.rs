//! Blocks and inlines of the model as docx-rs paragraphs, runs and tables.

use std::collections::BTreeSet;

use docx_rs::{
    AlignmentType, BookmarkEnd, BookmarkStart, BreakType, Footnote, Hyperlink, HyperlinkData,
    IndentLevel, LineSpacing, NumberingId, Paragraph, ParagraphChild, Run, RunProperty,
};

use super::{fields, numbering, styles, DocxOptions, FORMAT};
use crate::document::{Align, Block, Document, Inline, LinesRole};
use crate::write::WriteError;

/// A converted block: what docx-rs puts in a body, a cell or a footnote.
#[derive(Debug)]
pub(super) enum Out {
    P(Box<Paragraph>),
    T(Box<docx_rs::Table>),
}

/// Which package part the content being converted goes to; each has its own
/// relationships (for links) and its own tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Part {
    Body = 0,
    Notes = 1,
}

/// Where a block sits: the paragraph style for plain text and how deep in lists.
#[derive(Debug, Clone, Copy)]
pub(super) struct Scope {
    /// Style of ordinary paragraphs here.
    pub style: &'static str,
    /// Number of enclosing lists.
    pub depth: usize,
    /// Direct start indent (list continuations, quotes outside the body), twips.
    pub indent: i32,
}

impl Scope {
    pub(super) fn new(style: &'static str) -> Self {
        Scope {
            style,
            depth: 0,
            indent: 0,
        }
    }

    /// Body text and quotes get the list styles; notes and cells keep theirs.
    fn list_style(&self, numbered: bool) -> &'static str {
        match (self.style, numbered) {
            (styles::NORMAL | styles::QUOTE, true) => styles::LIST_NUMBER,
            (styles::NORMAL | styles::QUOTE, false) => styles::LIST_BULLET,
            (other, _) => other,
        }
    }
}

/// Character formatting in force while walking nested inlines.
#[derive(Debug, Clone, Copy, Default)]
struct Marks {
    italic: bool,
    bold: bool,
    underline: bool,
    link: bool,
}

impl Marks {
    fn rpr(self) -> RunProperty {
        let mut p = RunProperty::new();
        if self.link {
            p = p.style(styles::HYPERLINK);
        }
        if self.bold {
            p = p.bold();
        }
        if self.italic {
            p = p.italic();
        }
        if self.underline {
            p = p.underline("single");
        }
        p
    }
}

/// Converts the model, collecting what the package parts around the body need.
pub(super) struct Converter<'a> {
    doc: &'a Document,
    opts: &'a DocxOptions,
    part: Part,
    /// External link targets per part, in order; the n-th is `rIdLink{n+1}`.
    pub links: [Vec<String>; 2],
    /// Per part, for each table in document order: does it have a header row?
    pub table_headers: [Vec<bool>; 2],
    pub lists: numbering::Lists,
    /// Model footnote indices in the order the text first refers to them;
    /// the Word id of `notes[k]` is `k + 1`.
    pub notes: Vec<usize>,
    note_ids: Vec<Option<usize>>,
    /// How often each footnote is referred to (a note referred to again gets a
    /// bookmark for NOTEREF fields).
    ref_counts: Vec<usize>,
    /// Every anchor name in the document, for checking page references.
    anchors: BTreeSet<String>,
    /// Anchors already written as bookmarks (Word allows each name once).
    placed: BTreeSet<String>,
    next_bookmark: usize,
}

impl<'a> Converter<'a> {
    pub(super) fn new(doc: &'a Document, opts: &'a DocxOptions) -> Self {
        let mut c = Converter {
            doc,
            opts,
            part: Part::Body,
            links: [Vec::new(), Vec::new()],
            table_headers: [Vec::new(), Vec::new()],
            lists: numbering::Lists::default(),
            notes: Vec::new(),
            note_ids: vec![None; doc.footnotes.len()],
            ref_counts: vec![0; doc.footnotes.len()],
            anchors: BTreeSet::new(),
            placed: BTreeSet::new(),
            next_bookmark: 0,
        };
        let mut survey = Survey::default();
        survey.blocks(&doc.blocks);
        for note in &doc.footnotes {
            survey.blocks(&note.blocks);
        }
        for i in survey.refs {
            if let Some(n) = c.ref_counts.get_mut(i) {
                *n += 1;
            }
        }
        c.anchors = survey.anchors;
        c
    }

    pub(super) fn page(&self) -> &crate::document::PageSettings {
        &self.doc.page
    }

    pub(super) fn set_part(&mut self, part: Part) {
        self.part = part;
    }

    fn unsupported(message: String) -> WriteError {
        WriteError::Unsupported {
            format: FORMAT,
            message,
        }
    }

    /// Convert a sequence of blocks.
    pub(super) fn blocks(
        &mut self,
        blocks: &[Block],
        scope: Scope,
        out: &mut Vec<Out>,
    ) -> Result<(), WriteError> {
        for b in blocks {
            let at = out.len();
            self.block(b, scope, out)?;
            // A table has no space below it: the paragraph after it gets the
            // usual space above instead (headings have their own).
            let after_table = at > 0 && matches!(out.get(at - 1), Some(Out::T(_)));
            if after_table && !matches!(b, Block::Heading { .. }) {
                if let Some(Out::P(p)) = out.get_mut(at) {
                    let before = styles::space_after(self.doc.page.font_size);
                    p.property.line_spacing = Some(LineSpacing::new().before(before));
                }
            }
        }
        Ok(())
    }

    fn paragraph(&self, style: &str, align: Option<Align>, scope: Scope) -> Paragraph {
        let mut p = Paragraph::new().style(style);
        if let Some(a) = align {
            p = p.align(alignment(a));
        }
        if scope.indent > 0 {
            p = p.indent(Some(scope.indent), None, None, None);
        }
        p
    }

    fn block(&mut self, block: &Block, scope: Scope, out: &mut Vec<Out>) -> Result<(), WriteError> {
        match block {
            Block::Heading { level, content } => {
                let style = match level {
                    0 => styles::TITLE,
                    1 => styles::HEADINGS[0],
                    2 => styles::HEADINGS[1],
                    _ => styles::HEADINGS[2],
                };
                let p = self.paragraph(style, None, scope);
                out.push(Out::P(Box::new(self.fill(p, content)?)));
            }
            Block::Paragraph { content, align } => {
                let p = self.paragraph(scope.style, Some(*align), scope);
                out.push(Out::P(Box::new(self.fill(p, content)?)));
            }
            Block::Lines { lines, align, role } => {
                let style = match role {
                    LinesRole::Plain => styles::LINE_BLOCK,
                    LinesRole::Address => styles::ADDRESS,
                    LinesRole::Signature => styles::SIGNATURE,
                };
                let signature = *role == LinesRole::Signature;
                if signature {
                    // Keep the signature on the page of the text before it.
                    if let Some(Out::P(prev)) = out.last_mut() {
                        prev.property.keep_next = Some(true);
                    }
                }
                for (i, line) in lines.iter().enumerate() {
                    let mut p = self.paragraph(style, Some(*align), scope);
                    if signature && i + 1 < lines.len() {
                        p = p.keep_next(true);
                    }
                    out.push(Out::P(Box::new(self.fill(p, line)?)));
                }
            }
            Block::List { start, items } => self.list(*start, items, scope, out)?,
            Block::Table(t) => {
                let table = super::tables::table(self, t, scope)?;
                self.table_headers[self.part as usize].push(!t.header.is_empty());
                out.push(Out::T(Box::new(table)));
            }
            Block::Quote(blocks) => {
                let inner = if matches!(scope.style, styles::NORMAL | styles::QUOTE) {
                    Scope {
                        style: styles::QUOTE,
                        ..scope
                    }
                } else {
                    Scope {
                        indent: scope.indent + numbering::STEP,
                        ..scope
                    }
                };
                self.blocks(blocks, inner, out)?;
            }
            Block::Rule => out.push(Out::P(Box::new(self.paragraph(styles::RULE, None, scope)))),
            Block::PageBreak => {
                // A page break means nothing inside a footnote.
                if self.part == Part::Body {
                    let run = Run::new().add_break(BreakType::Page);
                    out.push(Out::P(Box::new(
                        Paragraph::new().style(scope.style).add_run(run),
                    )));
                }
            }
        }
        Ok(())
    }

    fn list(
        &mut self,
        start: Option<u64>,
        items: &[Vec<Block>],
        scope: Scope,
        out: &mut Vec<Out>,
    ) -> Result<(), WriteError> {
        let level = scope.depth.min(numbering::MAX_LEVEL);
        let num = self.lists.add(level, start);
        let style = scope.list_style(start.is_some());
        let numbered = |align: Option<Align>| {
            let mut p = Paragraph::new()
                .style(style)
                .numbering(NumberingId::new(num), IndentLevel::new(level));
            if let Some(a) = align {
                p = p.align(alignment(a));
            }
            p
        };
        // Blocks after an item's first paragraph line up with its text.
        let inner = Scope {
            depth: scope.depth + 1,
            indent: numbering::text_indent(level),
            ..scope
        };
        for item in items {
            let rest = match item.first() {
                Some(Block::Paragraph { content, align }) => {
                    let p = numbered(Some(*align));
                    out.push(Out::P(Box::new(self.fill(p, content)?)));
                    &item[1..]
                }
                // The number needs a paragraph of its own.
                _ => {
                    out.push(Out::P(Box::new(numbered(None))));
                    &item[..]
                }
            };
            self.blocks(rest, inner, out)?;
        }
        Ok(())
    }

    /// Add the runs of `content` to `p`.
    pub(super) fn fill(
        &mut self,
        mut p: Paragraph,
        content: &[Inline],
    ) -> Result<Paragraph, WriteError> {
        let mut children = Vec::new();
        self.inlines(content, Marks::default(), &mut children)?;
        p.children.extend(children);
        Ok(p)
    }

    fn inlines(
        &mut self,
        content: &[Inline],
        marks: Marks,
        out: &mut Vec<ParagraphChild>,
    ) -> Result<(), WriteError> {
        for inline in content {
            self.inline(inline, marks, out)?;
        }
        Ok(())
    }

    fn inline(
        &mut self,
        inline: &Inline,
        marks: Marks,
        out: &mut Vec<ParagraphChild>,
    ) -> Result<(), WriteError> {
        let run = |r: Run| ParagraphChild::Run(Box::new(r));
        match inline {
            Inline::Text(t) => out.push(run(text_run(t, marks))),
            Inline::Emphasis(c) => self.inlines(
                c,
                Marks {
                    italic: true,
                    ..marks
                },
                out,
            )?,
            Inline::Strong(c) => self.inlines(
                c,
                Marks {
                    bold: true,
                    ..marks
                },
                out,
            )?,
            Inline::Underline(c) => self.inlines(
                c,
                Marks {
                    underline: true,
                    ..marks
                },
                out,
            )?,
            Inline::Link { url, content } => self.link(url, content, marks, out)?,
            Inline::FootnoteRef(i) => self.footnote_ref(*i, out)?,
            Inline::LineBreak => {
                let mut r = Run::new().add_break(BreakType::TextWrapping);
                r.run_property = marks.rpr();
                out.push(run(r));
            }
            Inline::Anchor(name) => {
                if self.placed.insert(name.clone()) {
                    let id = self.bookmark_id();
                    let bm = fields::bookmark_name(name);
                    out.push(ParagraphChild::BookmarkStart(BookmarkStart::new(id, bm)));
                    out.push(ParagraphChild::BookmarkEnd(BookmarkEnd::new(id)));
                }
            }
            Inline::PageRef(name) => {
                if !self.anchors.contains(name) {
                    return Err(Self::unsupported(format!(
                        "a page reference points to the anchor `{name}`, which the document does not \
                         have; add the anchor or correct the name"
                    )));
                }
                let page = self.opts.anchor_pages.get(name).copied();
                let runs = fields::page_ref(&fields::bookmark_name(name), page, &marks.rpr());
                out.extend(runs.into_iter().map(run));
            }
        }
        Ok(())
    }

    fn bookmark_id(&mut self) -> usize {
        self.next_bookmark += 1;
        self.next_bookmark
    }

    fn link(
        &mut self,
        url: &str,
        content: &[Inline],
        marks: Marks,
        out: &mut Vec<ParagraphChild>,
    ) -> Result<(), WriteError> {
        let url = url.trim();
        // A link inside a link is not allowed: keep the inner text only.
        if marks.link || url.is_empty() {
            return self.inlines(content, marks, out);
        }
        let target = if let Some(anchor) = url.strip_prefix('#') {
            if !self.anchors.contains(anchor) {
                return self.inlines(content, marks, out);
            }
            HyperlinkData::Anchor {
                anchor: fields::bookmark_name(anchor),
            }
        } else {
            let links = &mut self.links[self.part as usize];
            links.push(url.to_owned());
            HyperlinkData::External {
                rid: format!("rIdLink{}", links.len()),
                path: String::new(),
            }
        };
        let mut children = Vec::new();
        self.inlines(
            content,
            Marks {
                link: true,
                ..marks
            },
            &mut children,
        )?;
        out.push(ParagraphChild::Hyperlink(Hyperlink {
            link: target,
            history: None,
            children,
        }));
        Ok(())
    }

    fn footnote_ref(
        &mut self,
        index: usize,
        out: &mut Vec<ParagraphChild>,
    ) -> Result<(), WriteError> {
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
            (Some(id), _) => {
                let runs = fields::note_ref(&fields::note_bookmark(id), id);
                out.extend(runs.into_iter().map(|r| ParagraphChild::Run(Box::new(r))));
            }
            (None, Part::Body) => {
                self.notes.push(index);
                let id = self.notes.len();
                self.note_ids[index] = Some(id);
                let reference = Run::new().add_footnote_reference(Footnote {
                    id,
                    content: vec![],
                });
                if self.ref_counts[index] > 1 {
                    let b = self.bookmark_id();
                    out.push(ParagraphChild::BookmarkStart(BookmarkStart::new(
                        b,
                        fields::note_bookmark(id),
                    )));
                    out.push(ParagraphChild::Run(Box::new(reference)));
                    out.push(ParagraphChild::BookmarkEnd(BookmarkEnd::new(b)));
                } else {
                    out.push(ParagraphChild::Run(Box::new(reference)));
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

/// The model's alignment as `w:jc`: start/end, never left/right, so that a
/// right-to-left document needs no change here.
pub(super) fn alignment(a: Align) -> AlignmentType {
    match a {
        Align::Start => AlignmentType::Start,
        Align::End => AlignmentType::End,
        Align::Center => AlignmentType::Center,
        Align::Justify => AlignmentType::Both,
    }
}

/// A run of text; newlines become line breaks, tabs tabs, and characters XML
/// cannot hold are dropped.
fn text_run(text: &str, marks: Marks) -> Run {
    let mut run = Run::new();
    run.run_property = marks.rpr();
    let mut buf = String::new();
    for c in text.chars() {
        match c {
            '\n' | '\t' => {
                if !buf.is_empty() {
                    run = run.add_text(std::mem::take(&mut buf));
                }
                run = if c == '\n' {
                    run.add_break(BreakType::TextWrapping)
                } else {
                    run.add_tab()
                };
            }
            c if xml_char(c) => buf.push(c),
            _ => {}
        }
    }
    if !buf.is_empty() {
        run = run.add_text(buf);
    }
    run
}

/// Characters XML 1.0 allows in text (tab and newline are handled apart).
fn xml_char(c: char) -> bool {
    !(c < ' ' || c == '\u{FFFE}' || c == '\u{FFFF}')
}

/// A first walk over the model: anchors defined and footnotes referred to.
#[derive(Default)]
struct Survey {
    anchors: BTreeSet<String>,
    refs: Vec<usize>,
}

impl Survey {
    fn blocks(&mut self, blocks: &[Block]) {
        for b in blocks {
            match b {
                Block::Heading { content, .. } | Block::Paragraph { content, .. } => {
                    self.inlines(content)
                }
                Block::Lines { lines, .. } => lines.iter().for_each(|l| self.inlines(l)),
                Block::List { items, .. } => items.iter().for_each(|i| self.blocks(i)),
                Block::Table(t) => {
                    t.header.iter().for_each(|c| self.inlines(c));
                    t.rows.iter().flatten().for_each(|c| self.inlines(c));
                }
                Block::Quote(inner) => self.blocks(inner),
                Block::Rule | Block::PageBreak => {}
            }
        }
    }

    fn inlines(&mut self, content: &[Inline]) {
        for i in content {
            match i {
                Inline::Emphasis(c) | Inline::Strong(c) | Inline::Underline(c) => self.inlines(c),
                Inline::Link { content, .. } => self.inlines(content),
                Inline::FootnoteRef(n) => self.refs.push(*n),
                Inline::Anchor(name) => {
                    self.anchors.insert(name.clone());
                }
                Inline::Text(_) | Inline::LineBreak | Inline::PageRef(_) => {}
            }
        }
    }
}
