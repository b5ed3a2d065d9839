//! Blocks to flow: paragraphs, headings, lists, quotations and line blocks become boxes of set lines.

use std::sync::Arc;

use pdf_writer::types::StructRole;

use crate::document::style::{paragraph_style, ParagraphStyle};
use crate::document::{Align, Block, Chart, Inline, LinesRole};
use crate::write::chart::Shape;

use super::boxes::{Draw, Flow, Ink, TextRun, VBox};
use super::fonts::{Face, FontSet};
use super::hyphenate::Hyphenator;
use super::inline::{measure, Flattener, PageMap, Style};
use super::justify::break_justified;
use super::linebreak::{break_lines, LineFrame, LineSetter};
use super::style::Theme;
use super::table;
use super::tags::{self, Extra, Node, Tag};

/// The blank space above a signatory's name, in points.
const SIGNATURE_SPACE: f32 = 36.0;
/// Builds the flow of one body or one footnote.
pub(crate) struct FlowBuilder<'a> {
    pub theme: &'a Theme,
    pub fonts: &'a FontSet,
    pub pages: &'a PageMap,
    pub out: Vec<Flow>,
    /// The element the blocks built now belong to (`None`: the document).
    pub parent: Option<Arc<Node>>,
}

/// A plain style of a face and size.
pub(crate) fn plain(face: Face, size: f32) -> Style {
    Style {
        face,
        size,
        rise: 0.0,
        underline: false,
        link: None,
    }
}

impl<'a> FlowBuilder<'a> {
    pub(crate) fn new(theme: &'a Theme, fonts: &'a FontSet, pages: &'a PageMap) -> Self {
        FlowBuilder {
            theme,
            fonts,
            pages,
            out: Vec::new(),
            parent: None,
        }
    }

    /// A new element of `role` under the current parent.
    pub(crate) fn node(&self, role: StructRole) -> Arc<Node> {
        Node::new(role, self.parent.as_ref())
    }

    /// Set inline content as line boxes of a new element of `role`.
    fn tagged_lines(
        &self,
        content: &[Inline],
        base: Style,
        frame: &LineFrame,
        role: StructRole,
    ) -> Vec<VBox> {
        let mut boxes = self.lines(content, base, frame);
        tags::resolve(&mut boxes, &self.node(role));
        boxes
    }

    /// Lay out `blocks` as children of `parent`.
    fn blocks_in(&mut self, parent: Arc<Node>, blocks: &[Block], x: f32, width: f32, size: f32) {
        let outer = self.parent.replace(parent);
        self.blocks(blocks, x, width, size);
        self.parent = outer;
    }

    /// Line height and first baseline for text of this size.
    pub(crate) fn frame(&self, x: f32, width: f32, align: Align, size: f32) -> LineFrame {
        let m = self.fonts.face(Face::Regular);
        let height = size * self.theme.leading;
        let baseline = (height - (m.ascent + m.descent) * size) / 2.0 + m.ascent * size;
        LineFrame {
            x,
            width,
            align,
            height,
            baseline,
        }
    }

    /// Set inline content as line boxes.
    pub(crate) fn lines(&self, content: &[Inline], base: Style, frame: &LineFrame) -> Vec<VBox> {
        let mut fl = Flattener::new(self.fonts, self.pages);
        fl.inlines(content, base);
        let para = fl.finish();
        let cum = measure(&para, self.fonts);
        let specs = if frame.align == Align::Justify {
            break_justified(
                &para,
                &cum,
                frame.width,
                self.fonts,
                self.theme.hyphenation.map(|lang| Hyphenator {
                    lang,
                    keep: &self.theme.keep_whole,
                }),
            )
        } else {
            break_lines(&para.text, &cum, frame.width)
        };
        let mut setter = LineSetter::new(&para, &cum);
        let n = specs.len();
        specs
            .iter()
            .enumerate()
            .map(|(i, l)| {
                let mut line = setter.set(l, i + 1 == n, frame);
                // A word is not broken across a page turn: the line that
                // ends in its hyphen goes with the line that ends it.
                line.keep_with_next |= l.hyphen.is_some();
                line
            })
            .collect()
    }

    fn push_boxes(&mut self, boxes: Vec<VBox>) {
        self.out.extend(boxes.into_iter().map(Flow::Box));
    }

    /// Lay out blocks between `x` and `x + width` with body text of `size`.
    pub(crate) fn blocks(&mut self, blocks: &[Block], x: f32, width: f32, size: f32) {
        for block in blocks {
            self.block(block, x, width, size);
        }
    }

    /// Lay out one block between `x` and `x + width` with body text of `size`.
    pub(crate) fn block(&mut self, block: &Block, x: f32, width: f32, size: f32) {
        let t = self.theme;
        let space = size * t.para_space / t.body_size;
        match block {
            Block::Heading { level, content } => {
                let (face, hsize) = t.heading(*level);
                let hsize = hsize * size / t.body_size;
                let align = if *level == 0 {
                    Align::Center
                } else {
                    Align::Start
                };
                let frame = self.frame(x, width, align, hsize);
                let role = match level {
                    0 | 1 => StructRole::H1,
                    2 => StructRole::H2,
                    3 => StructRole::H3,
                    4 => StructRole::H4,
                    5 => StructRole::H5,
                    _ => StructRole::H6,
                };
                let mut boxes = self.tagged_lines(content, plain(face, hsize), &frame, role);
                for b in &mut boxes {
                    b.keep_with_next = true;
                }
                // The title is the document's own (its Title); headings
                // below it make the outline.
                if let Some(first) = boxes.first_mut().filter(|_| *level > 0) {
                    first.outline = Some((*level, Inline::plain_text(content)));
                }
                self.out.push(Flow::Space(t.heading_space(*level)));
                self.push_boxes(boxes);
                self.out
                    .push(Flow::Space(t.heading_space_after(*level, size)));
            }
            Block::Paragraph { content, align } => {
                if content.is_empty() {
                    return;
                }
                let frame = self.frame(x, width, *align, size);
                let mut boxes =
                    self.tagged_lines(content, plain(Face::Regular, size), &frame, StructRole::P);
                let n = boxes.len();
                // No single first line at a page bottom, no single last line at a top.
                if n >= 2 {
                    boxes[0].keep_with_next = true;
                    boxes[n - 2].keep_with_next = true;
                }
                self.push_boxes(boxes);
                self.out.push(Flow::Space(space));
            }
            Block::Lines { lines, align, role } => {
                let frame = self.frame(x, width, *align, size);
                let mut boxes = Vec::new();
                let node = self.node(StructRole::P);
                for line in lines {
                    let mut set = self.lines(line, plain(Face::Regular, size), &frame);
                    tags::resolve(&mut set, &node);
                    boxes.extend(set);
                }
                if *role == LinesRole::Signature {
                    let n = boxes.len();
                    for b in boxes.iter_mut().take(n.saturating_sub(1)) {
                        b.keep_with_next = true;
                    }
                    // Keep the signature with the line before it (the closing formula).
                    let prev = self
                        .out
                        .iter_mut()
                        .rev()
                        .find(|f| !matches!(f, Flow::Space(_)));
                    if let Some(Flow::Box(b)) = prev {
                        b.keep_with_next = true;
                    }
                    // Half an inch left blank above the name, for the
                    // handwritten signature (as the DOCX's Signature style).
                    self.out.push(Flow::Space(SIGNATURE_SPACE));
                }
                self.push_boxes(boxes);
                self.out.push(Flow::Space(space));
            }
            Block::List { start, items } => {
                let indent = t.list_indent * size / t.body_size;
                let list = self.node(StructRole::L);
                for (k, item) in items.iter().enumerate() {
                    let li = Node::new(StructRole::LI, Some(&list));
                    let lbl = Node::new(StructRole::Lbl, Some(&li));
                    let label = match start {
                        Some(n) => format!("{}.", n.saturating_add(k as u64)),
                        None => "\u{2022}".to_string(),
                    };
                    let first = self.out.len();
                    let body = Node::new(StructRole::LBody, Some(&li));
                    self.blocks_in(body, item, x + indent, width - indent, size);
                    let lw = self.fonts.width(Face::Regular, size, &label);
                    let gap = size * 0.5;
                    let first_box = self.out.iter_mut().skip(first).find_map(|f| match f {
                        Flow::Box(b) => Some(b),
                        _ => None,
                    });
                    let run = |y: f32| {
                        Draw::Text(TextRun {
                            x: x + indent - gap - lw,
                            y,
                            face: Face::Regular,
                            size,
                            text: label.clone(),
                            space_extra: 0.0,
                            ink: Ink::Black,
                            page_ref: None,
                            tag: Tag::Element(Arc::clone(&lbl)),
                        })
                    };
                    match first_box {
                        Some(b) => b.draws.insert(0, run(b.baseline)),
                        None => {
                            let frame = self.frame(x, width, Align::Start, size);
                            let b = VBox {
                                height: frame.height,
                                baseline: frame.baseline,
                                draws: vec![run(frame.baseline)],
                                ..VBox::default()
                            };
                            self.out.push(Flow::Box(b));
                        }
                    }
                }
                self.out.push(Flow::Space(space));
            }
            Block::Table(table) => {
                table::build(self, table, x, width, size);
                self.out.push(Flow::Space(space));
            }
            Block::Quote(blocks) => {
                let qi = (t.quote_indent * size / t.body_size).min(width / 4.0);
                let quote = self.node(StructRole::BlockQuote);
                self.blocks_in(quote, blocks, x + qi, width - 2.0 * qi, size);
            }
            Block::Keep { blocks, with_next } => {
                let first = self.out.len();
                self.blocks(blocks, x, width, size);
                // Every line of the group keeps with the next, the last one
                // too when the group keeps with what follows: layout then
                // moves the chain to a fresh page where it fits on one.
                let mut lines = self.out[first..].iter_mut().filter_map(|f| match f {
                    Flow::Box(b) => Some(b),
                    _ => None,
                });
                let mut previous = lines.next();
                for line in lines {
                    if let Some(p) = previous {
                        p.keep_with_next = true;
                    }
                    previous = Some(line);
                }
                if let Some(last) = previous.filter(|_| *with_next) {
                    last.keep_with_next = true;
                }
            }
            Block::Styled { style, blocks } => match paragraph_style(style) {
                // A style the sheet does not know looks like body text.
                None => self.blocks(blocks, x, width, size),
                Some(look) => {
                    let dressed: Vec<Block> = blocks.iter().map(|b| dress(b, look)).collect();
                    if look.keep_with_next {
                        let kept = Block::Keep {
                            blocks: dressed,
                            with_next: true,
                        };
                        self.block(&kept, x, width, size);
                    } else {
                        self.blocks(&dressed, x, width, size);
                    }
                }
            },
            Block::Rule => {
                let h = size;
                self.out.push(Flow::Space(space / 2.0));
                self.out.push(Flow::Box(VBox {
                    height: h,
                    draws: vec![Draw::Line {
                        x1: x,
                        y1: h / 2.0,
                        x2: x + width,
                        y2: h / 2.0,
                        width: t.rule_width,
                    }],
                    ..VBox::default()
                }));
                self.out.push(Flow::Space(space / 2.0));
            }
            Block::PageBreak => self.out.push(Flow::PageBreak),
            Block::Chart(c) => self.chart(c, x, width, size, space),
        }
    }

    /// A chart: its caption in bold, kept with the drawing, and the
    /// drawing as one box (a chart is never split between pages).
    fn chart(&mut self, c: &Chart, x: f32, width: f32, size: f32, space: f32) {
        if !c.caption.is_empty() {
            let frame = self.frame(x, width, Align::Start, size);
            let mut boxes =
                self.tagged_lines(&c.caption, plain(Face::Bold, size), &frame, StructRole::P);
            for b in &mut boxes {
                b.keep_with_next = true;
            }
            self.push_boxes(boxes);
            self.out.push(Flow::Space(size * 0.4));
        }
        let csize = size * 0.9;
        let fonts = self.fonts;
        let measure = |text: &str, s: f32, bold: bool| {
            fonts.width(if bold { Face::Bold } else { Face::Regular }, s, text)
        };
        let laid = crate::write::chart::lay_out(c, width, csize, &measure);
        let figure = Node::with(StructRole::Figure, self.parent.as_ref(), Extra::Alt(alt(c)));
        let tag = Tag::Element(figure);
        let draws = laid
            .shapes
            .into_iter()
            .map(|s| match s {
                Shape::Rect {
                    x: rx,
                    y,
                    w,
                    h,
                    grey,
                } => Draw::Rect {
                    x: x + rx,
                    y,
                    w,
                    h,
                    grey,
                    tag: tag.clone(),
                },
                Shape::Line {
                    x1,
                    y1,
                    x2,
                    y2,
                    width,
                } => Draw::Line {
                    x1: x + x1,
                    y1,
                    x2: x + x2,
                    y2,
                    width,
                },
                Shape::Text {
                    x: tx,
                    y,
                    text,
                    size,
                    bold,
                    centred,
                } => {
                    let face = if bold { Face::Bold } else { Face::Regular };
                    let shift = if centred {
                        fonts.width(face, size, &text) / 2.0
                    } else {
                        0.0
                    };
                    Draw::Text(TextRun {
                        x: x + tx - shift,
                        y,
                        face,
                        size,
                        text,
                        space_extra: 0.0,
                        ink: Ink::Black,
                        page_ref: None,
                        tag: tag.clone(),
                    })
                }
            })
            .collect();
        self.out.push(Flow::Box(VBox {
            height: laid.height,
            baseline: csize,
            draws,
            ..VBox::default()
        }));
        self.out.push(Flow::Space(space));
    }
}

/// A chart's text alternative: its caption, then each bar's labels and values.
fn alt(c: &Chart) -> String {
    let mut out = Inline::plain_text(&c.caption);
    if out.is_empty() {
        out.push_str("Chart");
    }
    out.push(':');
    let mut group = "";
    for (i, bar) in c.bars.iter().enumerate() {
        if !bar.group.is_empty() {
            group = &bar.group;
        }
        out.push_str(if i == 0 { " " } else { "; " });
        for label in [group, bar.label.as_str()]
            .into_iter()
            .filter(|l| !l.is_empty())
        {
            out.push_str(label);
            out.push(' ');
        }
        let values: Vec<String> = c
            .series
            .iter()
            .zip(&bar.values)
            .map(|(s, v)| format!("{s} {v}"))
            .collect();
        out.push_str(&values.join(", "));
    }
    out
}

/// A block of a named style with the style's faces given to its text (a
/// label underlined, a subject line bold); other blocks as they are.
fn dress(block: &Block, look: &ParagraphStyle) -> Block {
    let wear = |content: &[Inline]| {
        let mut c = content.to_vec();
        if c.is_empty() {
            return c;
        }
        if look.underline {
            c = vec![Inline::Underline(c)];
        }
        if look.italic {
            c = vec![Inline::Emphasis(c)];
        }
        if look.bold {
            c = vec![Inline::Strong(c)];
        }
        c
    };
    match block {
        Block::Paragraph { content, align } => Block::Paragraph {
            content: wear(content),
            align: *align,
        },
        Block::Lines { lines, align, role } => Block::Lines {
            lines: lines.iter().map(|l| wear(l)).collect(),
            align: *align,
            role: *role,
        },
        other => other.clone(),
    }
}
