//! The document model: what a rendered template means, independent of any file format.
//!
//! Templates produce Markdown; [`parse`](crate::document::parse) turns it into a
//! [`Document`], and every writer (DOCX, PDF, HTML, Markdown) sees only this
//! model. It does no I/O and knows nothing of any writer's library.
//!
//! Alignment is expressed as `Start`/`End` rather than left/right so that a
//! right-to-left document needs no change to the model.

/// A whole document: metadata, body blocks and footnote bodies.
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct Document {
    /// Title, author and the like, written to each format's properties.
    pub meta: Metadata,
    /// Page size and margins for paged formats.
    pub page: PageSettings,
    /// The body.
    pub blocks: Vec<Block>,
    /// Footnote bodies, numbered 1.. in order of first reference.
    /// `Inline::FootnoteRef(i)` refers to `footnotes[i]`.
    pub footnotes: Vec<Footnote>,
    /// What each review mark says (`Inline::Mark { id, .. }` refers to
    /// `marks[id]`); empty unless the document was drafted for review.
    pub marks: Vec<Mark>,
    /// The organisation's letterhead: logo, sender block, running footer.
    pub letterhead: Letterhead,
}

impl Document {
    /// True when some text refers to the page of an anchor, so that a paged
    /// writer must lay the document out before it knows what to print.
    pub fn has_page_refs(&self) -> bool {
        fn blk(bs: &[Block]) -> bool {
            bs.iter().any(|b| match b {
                Block::Heading { content, .. } | Block::Paragraph { content, .. } => {
                    refers_to_pages(content)
                }
                Block::Lines { lines, .. } => lines.iter().any(|l| refers_to_pages(l)),
                Block::List { items, .. } => items.iter().any(|i| blk(i)),
                Block::Table(t) => t
                    .header
                    .iter()
                    .chain(t.rows.iter().flatten())
                    .any(|c| refers_to_pages(c)),
                Block::Quote(q)
                | Block::Keep { blocks: q, .. }
                | Block::Styled { blocks: q, .. } => blk(q),
                Block::Chart(c) => refers_to_pages(&c.caption),
                Block::Rule | Block::PageBreak => false,
            })
        }
        blk(&self.blocks) || self.footnotes.iter().any(|f| blk(&f.blocks))
    }
}

impl Inline {
    /// A page reference to `target` without a label: the number alone.
    pub fn page_ref(target: impl Into<String>) -> Inline {
        Inline::PageRef {
            target: target.into(),
            label: String::new(),
        }
    }
}

/// Whether inline content holds a page reference, however nested.
pub(crate) fn refers_to_pages(xs: &[Inline]) -> bool {
    xs.iter().any(|i| match i {
        Inline::PageRef { .. } => true,
        Inline::Emphasis(c) | Inline::Strong(c) | Inline::Underline(c) => refers_to_pages(c),
        Inline::Link { content, .. } => refers_to_pages(content),
        _ => false,
    })
}

/// Document properties.
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct Metadata {
    /// Document title.
    pub title: String,
    /// Author (the issuing organisation).
    pub author: String,
    /// Subject line, if any.
    pub subject: Option<String>,
    /// BCP 47 language tag ("en", "ru").
    pub language: String,
    /// Words of proper names the PDF never hyphenates (the State's:
    /// "Lumeria", "Kazakh"), as written.
    pub names: Vec<String>,
    /// Moment the document is dated, as seconds since the Unix epoch.
    /// Writers use it for every timestamp they must write, so that the same
    /// input gives the same bytes.
    pub created: i64,
}

/// Paper and margins, in points (1/72 inch).
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct PageSettings {
    /// Page width.
    pub width: f32,
    /// Page height.
    pub height: f32,
    /// Top margin.
    pub margin_top: f32,
    /// Bottom margin.
    pub margin_bottom: f32,
    /// Margin on the side where lines start.
    pub margin_start: f32,
    /// Margin on the side where lines end.
    pub margin_end: f32,
    /// Body font size.
    pub font_size: f32,
    /// Whether the first page shows its number: a letter's does not, a
    /// report's does.
    pub first_page_number: bool,
}

impl PageSettings {
    /// A4 with 2.5 cm margins and 11 pt text.
    pub const A4: PageSettings = PageSettings {
        width: 595.28,
        height: 841.89,
        margin_top: 70.87,
        margin_bottom: 70.87,
        margin_start: 70.87,
        margin_end: 70.87,
        font_size: 11.0,
        first_page_number: true,
    };
}

impl Default for PageSettings {
    fn default() -> Self {
        PageSettings::A4
    }
}

/// An organisation's letterhead: what the first page carries above the
/// text, and what every later page carries at its foot. Empty (the
/// default) is the plain letterhead: no logo, no sender block, page
/// numbers only.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct Letterhead {
    /// The logo at the top of the first page.
    pub logo: Option<Logo>,
    /// The sender block beside the logo, one line per entry.
    pub sender: Vec<SenderLine>,
    /// How the sender block's lines sit, where a reference DOCX's header
    /// says; at the end margin when `None`.
    pub sender_align: Option<Align>,
    /// Where the logo sits, where a reference DOCX's header says; at the
    /// start margin when `None`.
    pub logo_align: Option<Align>,
    /// Text at the foot of every page after the first.
    pub footer: Option<String>,
    /// The paper, in place of the template's page size, when the
    /// organisation prints on another.
    #[cfg_attr(feature = "arbitrary", arbitrary(default))]
    pub paper: Option<hrdraft_sdk::Paper>,
    /// What the top of every page after the first carries: a reference
    /// DOCX's usual header (its first page's own, when it has one, is
    /// `logo` and `sender`).
    pub later_head: Option<LaterHead>,
    /// A reference DOCX whose styles, headers and footers a DOCX takes
    /// (its bytes, checked when it was read; other formats ignore it).
    #[cfg_attr(feature = "arbitrary", arbitrary(default))]
    pub reference_docx: Option<std::sync::Arc<Vec<u8>>>,
}

impl Letterhead {
    /// Whether there is nothing to print but page numbers.
    pub fn is_plain(&self) -> bool {
        self.logo.is_none()
            && self.sender.is_empty()
            && self.footer.is_none()
            && self.later_head.is_none()
    }
}

/// The head of the pages after the first, as a reference DOCX's usual
/// header draws it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct LaterHead {
    /// Its lines of text.
    pub lines: Vec<SenderLine>,
    /// How they sit.
    pub align: Align,
    /// The picture it shows, if any: the letterhead's logo or one of its
    /// own (a smaller mark for the continuation pages), at the size that
    /// header draws it.
    pub logo: Option<Logo>,
    /// How the picture sits.
    pub logo_align: Option<Align>,
}

/// A line of a letterhead's sender block.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct SenderLine {
    /// Its text.
    pub text: String,
    /// Whether it is set in bold (a reference DOCX's header may say so).
    pub strong: bool,
}

impl SenderLine {
    /// The e-mail and web addresses in the line, each as (where in
    /// `text`, the link it opens), so that every writer links them.
    pub fn links(&self) -> Vec<(std::ops::Range<usize>, String)> {
        parse::autolink::letterhead_links(&self.text)
    }

    /// A line in the regular face.
    pub fn regular(text: impl Into<String>) -> SenderLine {
        SenderLine {
            text: text.into(),
            strong: false,
        }
    }
}

/// A logo: the image file's bytes as they are, with what writers need to place it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct Logo {
    /// The file's format.
    pub format: ImageFormat,
    /// The file's bytes.
    pub data: std::sync::Arc<[u8]>,
    /// Width in pixels (an SVG's proportions, see [`ImageFormat::Svg`]).
    pub width_px: u32,
    /// Height in pixels.
    pub height_px: u32,
    /// Printed width, in hundredths of a point; the height keeps the proportions.
    pub width_cpt: u32,
    /// What the logo shows, for readers who cannot see it.
    pub alt: String,
}

impl Logo {
    /// Printed width and height in points.
    pub fn size_pt(&self) -> (f32, f32) {
        let w = self.width_cpt as f32 / 100.0;
        let h = w * self.height_px as f32 / self.width_px.max(1) as f32;
        (w, h)
    }
}

/// The format of an image file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub enum ImageFormat {
    /// Portable Network Graphics.
    Png,
    /// JPEG (baseline or progressive).
    Jpeg,
    /// An SVG drawing: its `width_px` and `height_px` give its proportions.
    Svg,
}

/// How the lines of a block sit between the margins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub enum Align {
    /// Flush with the start margin (left in left-to-right text), ragged end.
    Start,
    /// Flush with the end margin (right in left-to-right text).
    End,
    /// Centred.
    Center,
    /// Flush with both margins, last line at the start.
    #[default]
    Justify,
}

/// Block-level content.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub enum Block {
    /// The document title (level 0) or a heading of level 1-3 (deeper levels are 3).
    Heading {
        /// 0 = title, 1-3 = heading levels.
        level: u8,
        /// The heading text.
        content: Vec<Inline>,
    },
    /// A paragraph.
    Paragraph {
        /// The text.
        content: Vec<Inline>,
        /// Alignment (paragraphs are justified unless a layout block says otherwise).
        align: Align,
    },
    /// Lines kept as written with no space between them: an address, a signature.
    Lines {
        /// Each line's content.
        lines: Vec<Vec<Inline>>,
        /// Alignment of every line.
        align: Align,
        /// What the lines are, for writers that style them differently.
        role: LinesRole,
    },
    /// A bulleted or numbered list.
    List {
        /// The first number of a numbered list; `None` for bullets.
        start: Option<u64>,
        /// Each item is a sequence of blocks.
        items: Vec<Vec<Block>>,
    },
    /// A table (boxed: a block is as large as its largest kind, and a
    /// document holds far more paragraphs than tables).
    Table(Box<Table>),
    /// A block quotation.
    Quote(Vec<Block>),
    /// Blocks the page layout keeps together (`<div class="keep">`): on one
    /// page where they fit on one; with `with_next`, kept with the block
    /// after them as well (`<div class="keep-with-next">`), so that a
    /// label or a line that introduces what follows never ends a page.
    Keep {
        /// The blocks.
        blocks: Vec<Block>,
        /// Whether the last of them keeps with the block after the group.
        with_next: bool,
    },
    /// Blocks in a named paragraph style (`<div custom-style="Label">`):
    /// their paragraphs and lines take the style's name in a DOCX and its
    /// look ([`style::paragraph_style`]) in every format.
    Styled {
        /// The style's name.
        style: String,
        /// The blocks.
        blocks: Vec<Block>,
    },
    /// A horizontal rule.
    Rule,
    /// Start a new page here.
    PageBreak,
    /// A bar chart of a table of numbers (boxed, as a table is).
    Chart(Box<Chart>),
}

/// What a [`Block::Lines`] holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub enum LinesRole {
    /// Plain lines (a poem, a reference line).
    #[default]
    Plain,
    /// A postal address block.
    Address,
    /// A signature block, kept together and on the page of the text before it where possible.
    Signature,
}

/// A table with a header row repeated on every page it spans.
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct Table {
    /// Per-column alignment and relative width.
    pub columns: Vec<Column>,
    /// The header row (may be empty: no header).
    pub header: Vec<Cell>,
    /// The body rows; each has `columns.len()` cells.
    pub rows: Vec<Vec<Cell>>,
}

/// One column of a table.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct Column {
    /// Alignment of the column's cells.
    pub align: Align,
    /// Relative width; writers share the text width in proportion
    /// (0 = decide from the content).
    pub width: f32,
}

/// A table cell: inline content.
pub type Cell = Vec<Inline>;

/// A footnote body.
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct Footnote {
    /// The note's content (usually one paragraph).
    pub blocks: Vec<Block>,
}

/// Inline content.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub enum Inline {
    /// Text, exactly as it is to appear.
    Text(String),
    /// Emphasis (italic).
    Emphasis(Vec<Inline>),
    /// Strong (bold).
    Strong(Vec<Inline>),
    /// Underline.
    Underline(Vec<Inline>),
    /// A hyperlink.
    Link {
        /// Target URL.
        url: String,
        /// Link text.
        content: Vec<Inline>,
    },
    /// A reference to `Document::footnotes[index]`.
    FootnoteRef(usize),
    /// A forced line break within the block.
    LineBreak,
    /// A named place in the document that a [`Inline::PageRef`] can point to.
    Anchor(String),
    /// The number of the page on which the anchor `target` is, after its
    /// `label` ("page 7"; an empty label prints the number alone). Writers
    /// without pages (HTML) print a link to the anchor, without the label.
    PageRef { target: String, label: String },
    /// Where the text a review mark covers begins (`end: false`) or ends
    /// (`end: true`); `id` indexes [`Document::marks`]. Marks may cross
    /// emphasis, links and paragraphs. Writers other than the review copies
    /// print nothing for them.
    Mark {
        /// The mark's index in [`Document::marks`].
        id: usize,
        /// Whether this is the end of the marked text.
        end: bool,
    },
}

impl Inline {
    /// The plain text of inline content (footnote marks and anchors omitted).
    pub fn plain_text(inlines: &[Inline]) -> String {
        let mut out = String::new();
        fn walk(inlines: &[Inline], out: &mut String) {
            for i in inlines {
                match i {
                    Inline::Text(t) => out.push_str(t),
                    Inline::Emphasis(c) | Inline::Strong(c) | Inline::Underline(c) => walk(c, out),
                    Inline::Link { content, .. } => walk(content, out),
                    Inline::LineBreak => out.push('\n'),
                    Inline::FootnoteRef(_)
                    | Inline::Anchor(_)
                    | Inline::PageRef { .. }
                    | Inline::Mark { .. } => {}
                }
            }
        }
        walk(inlines, &mut out);
        out
    }
}

mod chart;
pub mod escape;
mod mark;
pub mod parse;
pub mod style;

pub use self::chart::{number as chart_number, Bar, Chart};
pub use self::mark::{Mark, MarkEntry, MarkSource};

pub use self::parse::{parse, parse_in, smart_quotes, ParseError, Stream, MARK_TAG};

#[cfg(test)]
mod size {
    /// A block is as large as its largest kind, and a long document holds
    /// a million of them, nearly all paragraphs: tables and charts are
    /// boxed so that a block stays within six words.
    #[test]
    fn a_block_stays_small() {
        assert!(std::mem::size_of::<super::Block>() <= 48);
    }
}
