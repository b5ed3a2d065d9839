//! Blocks of the model as paragraphs and tables, written straight into the part.

use std::collections::{BTreeMap, BTreeSet};

use super::inlines::Marks;
use super::xml::Xml;
use super::{numbering, styles, DocxOptions, FORMAT};
use crate::document::{Align, Block, Document, Inline, LinesRole};
use crate::write::pdf::CellMeasure;
use crate::write::WriteError;

/// Which package part the content being converted goes to; each has its own
/// relationships (for links). (The footer, which has no links, counts as the body.)
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Part {
    Body = 0,
    Notes = 1,
}

/// Where a block sits: the paragraph style for plain text and how deep in lists.
#[derive(Debug, Clone, Copy)]
pub(super) struct Scope<'s> {
    /// Style of ordinary paragraphs here.
    pub style: &'s str,
    /// Whether that style is a named style of the document's (`Block::Styled`),
    /// which lines of text take too.
    pub named: bool,
    /// Number of enclosing lists.
    pub depth: usize,
    /// Direct start indent (list continuations, quotes outside the body), twips.
    pub indent: i32,
    /// Whether paragraphs here keep with the next (a kept group, `Block::Keep`).
    pub keep: bool,
}

impl<'s> Scope<'s> {
    pub(super) fn new(style: &'s str) -> Self {
        Scope {
            style,
            named: false,
            depth: 0,
            indent: 0,
            keep: false,
        }
    }

    /// Body text and quotes get the list styles; notes and cells keep theirs.
    fn list_style(&self, numbered: bool) -> &'s str {
        match (self.style, numbered) {
            (styles::NORMAL | styles::QUOTE, true) => styles::LIST_NUMBER,
            (styles::NORMAL | styles::QUOTE, false) => styles::LIST_BULLET,
            (other, _) => other,
        }
    }
}

/// Paragraph properties, written as `<w:pPr>` in schema order.
#[derive(Debug, Clone, Copy)]
pub(super) struct PPr<'s> {
    pub style: &'s str,
    pub keep_next: bool,
    /// Numbering id and list level.
    pub num: Option<(usize, usize)>,
    /// Start indent, twips; none when 0.
    pub indent: i32,
    pub align: Option<Align>,
}

impl<'s> PPr<'s> {
    pub(super) fn new(style: &'s str) -> Self {
        PPr {
            style,
            keep_next: false,
            num: None,
            indent: 0,
            align: None,
        }
    }

    pub(super) fn align(self, align: Align) -> Self {
        PPr {
            align: Some(align),
            ..self
        }
    }
}

/// Converts the model, writing the part being converted and collecting what
/// the package parts around it need.
pub(super) struct Converter<'a> {
    pub(super) doc: &'a Document,
    pub(super) opts: &'a DocxOptions,
    /// The document's named paragraph styles, by name: their style ids.
    pub(super) named: &'a BTreeMap<String, String>,
    pub(super) part: Part,
    /// The part being written.
    pub x: Xml,
    /// External link targets per part, in order; the n-th is `rIdLink{n+1}`.
    pub links: [Vec<String>; 2],
    /// The chart parts, in order; the n-th is `word/charts/chart{n+1}.xml`.
    pub charts: Vec<String>,
    pub lists: numbering::Lists,
    /// Model footnote indices in the order the text first refers to them;
    /// the Word id of `notes[k]` is `k + 1`.
    pub notes: Vec<usize>,
    pub(super) note_ids: Vec<Option<usize>>,
    /// How often each footnote is referred to (a note referred to again gets a
    /// bookmark for NOTEREF fields).
    pub(super) ref_counts: Vec<usize>,
    /// Every anchor name in the document, for checking page references.
    pub(super) anchors: BTreeSet<String>,
    /// Anchors already written as bookmarks (Word allows each name once).
    pub(super) placed: BTreeSet<String>,
    next_bookmark: usize,
    /// Measures table cells for their columns' widths; made for the first table.
    cell_measure: Option<CellMeasure>,
    /// `w14:paraId`s given so far, across the parts in package order.
    para_ids: u32,
    /// Was the last block-level element of this story (the body or the note
    /// being written) a table?
    after_table: bool,
    /// The next block-level paragraph gets the space above that a table lacks
    /// below.
    space_before: bool,
    /// Where `<w:keepNext/>` goes in the last block-level element of this
    /// story if it is a paragraph, and whether it has one already.
    last_paragraph: Option<(usize, bool)>,
    /// The next paragraph starts with the number of the note being written.
    note_mark: bool,
    /// Has this story a block-level element yet?
    wrote_block: bool,
    /// Review marks whose comment range is open.
    pub(super) open_comments: BTreeSet<usize>,
    /// Review marks written as comments, in the order their ranges closed.
    pub(super) commented: Vec<usize>,
}

impl<'a> Converter<'a> {
    pub(super) fn new(
        doc: &'a Document,
        opts: &'a DocxOptions,
        named: &'a BTreeMap<String, String>,
        x: Xml,
    ) -> Self {
        let mut c = Converter {
            doc,
            opts,
            named,
            part: Part::Body,
            x,
            links: [Vec::new(), Vec::new()],
            charts: Vec::new(),
            lists: numbering::Lists::default(),
            notes: Vec::new(),
            note_ids: vec![None; doc.footnotes.len()],
            ref_counts: vec![0; doc.footnotes.len()],
            anchors: BTreeSet::new(),
            placed: BTreeSet::new(),
            next_bookmark: 0,
            cell_measure: None,
            open_comments: BTreeSet::new(),
            commented: Vec::new(),
            para_ids: 0,
            after_table: false,
            space_before: false,
            last_paragraph: None,
            note_mark: false,
            wrote_block: false,
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

    /// The measure of table cells, with page references showing the pages
    /// the document's fields show.
    pub(super) fn cell_measure(&mut self) -> Result<&CellMeasure, WriteError> {
        let m = match self.cell_measure.take() {
            Some(m) => m,
            None => CellMeasure::new(&self.opts.anchor_pages).map_err(super::backend)?,
        };
        Ok(self.cell_measure.insert(m))
    }

    /// Continue with another part, written into `x`; returns the part written so far.
    pub(super) fn set_part(&mut self, part: Part, x: Xml) -> Xml {
        self.part = part;
        std::mem::replace(&mut self.x, x)
    }

    /// Start a story of its own (a footnote): nothing before it to follow.
    pub(super) fn start_story(&mut self, note_mark: bool) {
        self.after_table = false;
        self.space_before = false;
        self.last_paragraph = None;
        self.note_mark = note_mark;
        self.wrote_block = false;
    }

    pub(super) fn story_is_empty(&self) -> bool {
        !self.wrote_block
    }

    /// A note with no paragraph (only an empty table) goes without its number.
    pub(super) fn end_story(&mut self) {
        self.note_mark = false;
    }

    pub(super) fn unsupported(message: String) -> WriteError {
        WriteError::Unsupported {
            format: FORMAT,
            message,
        }
    }

    pub(super) fn bookmark_id(&mut self) -> usize {
        self.next_bookmark += 1;
        self.next_bookmark
    }

    /// Write `<w:p>` and its properties; `block` is false for paragraphs in
    /// table cells. The caller writes the runs and [`Self::close_paragraph`].
    pub(super) fn open_paragraph(&mut self, ppr: PPr<'_>, block: bool) {
        let space = block && std::mem::take(&mut self.space_before);
        self.para_ids = self.para_ids.wrapping_add(1);
        let x = &mut self.x;
        x.raw(r#"<w:p w14:paraId=""#);
        // Word wants paraIds below 0x80000000.
        x.hex8(self.para_ids & 0x7FFF_FFFF);
        x.raw(r#""><w:pPr>"#);
        x.val("w:pStyle", ppr.style);
        if block {
            self.wrote_block = true;
            self.after_table = false;
            self.last_paragraph = Some((x.len(), ppr.keep_next));
        }
        if ppr.keep_next {
            x.raw("<w:keepNext/>");
        }
        if let Some((num, level)) = ppr.num {
            x.raw("<w:numPr>");
            x.val_int("w:ilvl", level as i64);
            x.val_int("w:numId", num as i64);
            x.raw("</w:numPr>");
        }
        if space {
            x.raw(r#"<w:spacing w:before=""#);
            x.int(styles::space_after(self.doc.page.font_size).into());
            x.raw(r#""/>"#);
        }
        if ppr.indent > 0 {
            x.raw(r#"<w:ind w:left=""#);
            x.int(ppr.indent.into());
            x.raw(r#"" w:right="0"/>"#);
        }
        // Alignment the style gives is left to the style.
        if let Some(a) = ppr
            .align
            .filter(|a| styles::own_alignment(ppr.style) != Some(*a))
        {
            x.val("w:jc", alignment(a));
        }
        x.raw("</w:pPr>");
        if std::mem::take(&mut self.note_mark) {
            x.raw(r#"<w:r><w:rPr><w:rStyle w:val=""#);
            x.raw(styles::FOOTNOTE_REFERENCE);
            x.raw(
                r#""/></w:rPr><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> </w:t></w:r>"#,
            );
        }
    }

    pub(super) fn close_paragraph(&mut self) {
        self.x.raw("</w:p>");
    }

    /// A chart: its caption in bold, kept with it, then the drawing in a
    /// paragraph of its own; in a note, where no drawing goes, its numbers
    /// as a table.
    fn chart(&mut self, c: &crate::document::Chart, scope: Scope<'a>) -> Result<(), WriteError> {
        if !c.caption.is_empty() {
            let ppr = PPr {
                keep_next: true,
                ..self.props(scope.style, Some(Align::Start), scope)
            };
            self.paragraph(ppr, true, &[Inline::Strong(c.caption.clone())])?;
        }
        if self.part != Part::Body {
            return super::tables::table(self, &c.table(), scope);
        }
        self.charts.push(super::chart::chart_xml(c));
        let page = &self.doc.page;
        let width = (page.width - page.margin_start - page.margin_end).max(72.0);
        let run = super::chart::drawing_run(c, self.charts.len(), width);
        self.open_paragraph(self.props(scope.style, Some(Align::Start), scope), true);
        self.x.raw(&run);
        self.close_paragraph();
        Ok(())
    }

    /// A paragraph holding `content`.
    pub(super) fn paragraph(
        &mut self,
        ppr: PPr<'_>,
        block: bool,
        content: &[Inline],
    ) -> Result<(), WriteError> {
        self.open_paragraph(ppr, block);
        self.inlines(content, Marks::default())?;
        self.close_paragraph();
        Ok(())
    }

    /// A table starts: it is the story's last block-level element now.
    pub(super) fn open_table(&mut self) {
        self.wrote_block = true;
        self.space_before = false;
        self.last_paragraph = None;
    }

    pub(super) fn close_table(&mut self) {
        self.after_table = true;
    }

    /// Convert a sequence of blocks.
    pub(super) fn blocks(&mut self, blocks: &[Block], scope: Scope<'a>) -> Result<(), WriteError> {
        for b in blocks {
            // A table has no space below it: the paragraph after it gets the
            // usual space above instead (headings have their own). Only the
            // first element this block writes gets it; a block nested in this
            // one that writes nothing leaves it to the next.
            let claims =
                self.after_table && !self.space_before && !matches!(b, Block::Heading { .. });
            if claims {
                self.space_before = true;
            }
            self.block(b, scope)?;
            if claims {
                self.space_before = false;
            }
        }
        Ok(())
    }

    fn props(&self, style: &'a str, align: Option<Align>, scope: Scope<'a>) -> PPr<'a> {
        PPr {
            align,
            indent: scope.indent,
            keep_next: scope.keep,
            ..PPr::new(style)
        }
    }

    fn block(&mut self, block: &Block, scope: Scope<'a>) -> Result<(), WriteError> {
        match block {
            Block::Heading { level, content } => {
                let style = match level {
                    0 => styles::TITLE,
                    1 => styles::HEADINGS[0],
                    2 => styles::HEADINGS[1],
                    _ => styles::HEADINGS[2],
                };
                self.paragraph(self.props(style, None, scope), true, content)?;
            }
            Block::Paragraph { content, align } => {
                self.paragraph(self.props(scope.style, Some(*align), scope), true, content)?;
            }
            Block::Lines { lines, align, role } => {
                let style = match role {
                    _ if scope.named => scope.style,
                    LinesRole::Plain => styles::LINE_BLOCK,
                    LinesRole::Address => styles::ADDRESS,
                    LinesRole::Signature => styles::SIGNATURE,
                };
                let signature = *role == LinesRole::Signature;
                if signature {
                    // Keep the signature on the page of the text before it.
                    if let Some((at, false)) = self.last_paragraph {
                        self.x.insert(at, "<w:keepNext/>");
                        self.last_paragraph = Some((at, true));
                    }
                }
                // One paragraph for each group of lines, its lines joined
                // by line breaks, as a Word user types an address; a blank
                // line parts two groups with the style's space, never with
                // an empty paragraph.
                let groups: Vec<&[Vec<Inline>]> = lines
                    .split(|l| l.is_empty())
                    .filter(|g| !g.is_empty())
                    .collect();
                for (i, group) in groups.iter().enumerate() {
                    let ppr = PPr {
                        keep_next: signature && i + 1 < groups.len(),
                        ..self.props(style, Some(*align), scope)
                    };
                    self.open_paragraph(ppr, true);
                    for (j, line) in group.iter().enumerate() {
                        if j > 0 {
                            self.x.raw("<w:r><w:br/></w:r>");
                        }
                        self.inlines(line, Marks::default())?;
                    }
                    self.close_paragraph();
                }
            }
            Block::Keep { blocks, with_next } => {
                // Each paragraph keeps with the next but the group's last,
                // which does only when the group keeps with what follows.
                let n = blocks.len();
                for (i, b) in blocks.iter().enumerate() {
                    let keep = Scope {
                        keep: scope.keep || *with_next || i + 1 < n,
                        ..scope
                    };
                    self.block(b, keep)?;
                }
            }
            Block::Styled { style, blocks } => {
                let named = self.named;
                let style = named.get(style).map_or(styles::NORMAL, String::as_str);
                let inner = Scope {
                    style,
                    named: true,
                    ..scope
                };
                self.blocks(blocks, inner)?;
            }
            Block::List { start, items } => self.list(*start, items, scope)?,
            Block::Table(t) => super::tables::table(self, t, scope)?,
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
                self.blocks(blocks, inner)?;
            }
            Block::Rule => self.paragraph(self.props(styles::RULE, None, scope), true, &[])?,
            Block::Chart(c) => self.chart(c, scope)?,
            Block::PageBreak => {
                // A page break means nothing inside a footnote.
                if self.part == Part::Body {
                    self.open_paragraph(PPr::new(scope.style), true);
                    self.x.raw(r#"<w:r><w:br w:type="page"/></w:r>"#);
                    self.close_paragraph();
                }
            }
        }
        Ok(())
    }

    fn list(
        &mut self,
        start: Option<u64>,
        items: &[Vec<Block>],
        scope: Scope<'a>,
    ) -> Result<(), WriteError> {
        let level = scope.depth.min(numbering::MAX_LEVEL);
        let num = self.lists.add(level, start);
        let numbered = PPr {
            num: Some((num, level)),
            ..PPr::new(scope.list_style(start.is_some()))
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
                    self.paragraph(numbered.align(*align), true, content)?;
                    &item[1..]
                }
                // The number needs a paragraph of its own.
                _ => {
                    self.paragraph(numbered, true, &[])?;
                    &item[..]
                }
            };
            self.blocks(rest, inner)?;
        }
        Ok(())
    }
}

/// The model's alignment as `w:jc`, in the values Word 2007 and the tools
/// that read DOCX (python-docx) know: `left`/`right`, as the PDF sets
/// `Start` at the left margin. A right-to-left document will need `w:bidi`
/// on its paragraphs, which mirrors these (docs/architecture.md, "Languages").
pub(super) fn alignment(a: Align) -> &'static str {
    match a {
        Align::Start => "left",
        Align::End => "right",
        Align::Center => "center",
        Align::Justify => "both",
    }
}

/// The named paragraph styles `blocks` and `notes` use, by name, with the
/// style id each gets ([`style_id`](crate::document::style::style_id)).
pub(super) fn named_styles(
    blocks: &[Block],
    notes: &[crate::document::Footnote],
) -> BTreeMap<String, String> {
    fn walk(blocks: &[Block], out: &mut BTreeMap<String, String>) {
        for b in blocks {
            match b {
                Block::Styled { style, blocks } => {
                    if !out.contains_key(style) {
                        out.insert(style.clone(), crate::document::style::style_id(style));
                    }
                    walk(blocks, out);
                }
                Block::List { items, .. } => items.iter().for_each(|i| walk(i, out)),
                Block::Quote(inner) | Block::Keep { blocks: inner, .. } => walk(inner, out),
                _ => {}
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(blocks, &mut out);
    for n in notes {
        walk(&n.blocks, &mut out);
    }
    out
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
                Block::Quote(inner)
                | Block::Keep { blocks: inner, .. }
                | Block::Styled { blocks: inner, .. } => self.blocks(inner),
                Block::Chart(c) => self.inlines(&c.caption),
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
                Inline::Text(_)
                | Inline::LineBreak
                | Inline::PageRef { .. }
                | Inline::Mark { .. } => {}
            }
        }
    }
}
