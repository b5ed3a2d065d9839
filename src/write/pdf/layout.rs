//! Composing the flow into pages: boxes stacked down the body, footnotes at the foot, page numbers.
//!
//! One pass over the flow, each box placed once; keep-with-next chains look
//! ahead at most a page's worth of boxes, so composing stays linear. The flow
//! is built a block at a time as the composer reaches it (on worker threads,
//! a bounded way ahead, for a long document: see [`workers`]), and each page
//! goes to a sink as soon as it is full: a long document is never held laid
//! out whole.

use std::collections::HashMap;

use crate::document::{Block, Document, LinesRole};

use super::boxes::{Draw, Flow, TableHead, VBox};
use super::flow::FlowBuilder;
use super::fonts::FontSet;
use super::footnotes::{continued_label, set_notes, NoteArea, NoteLine};
use super::inline::PageMap;
use super::letterhead::{Furniture, Placed};
use super::style::Theme;
use super::tags;
use super::workers;

/// One page's drawing commands, y downwards from the page top.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Page {
    pub draws: Vec<Draw>,
    /// Where the letterhead's logo is drawn (on the first page only).
    pub logo: Option<Placed>,
}

/// What composing found out; the pages themselves went to the sink.
pub(crate) struct Composed {
    /// How many pages.
    pub pages: u32,
    /// Page (from 1) on which each anchor landed.
    pub anchors: HashMap<String, u32>,
    /// The headings, in order, where they landed: the PDF's outline.
    pub outline: Vec<OutlineEntry>,
}

/// A heading as the outline (bookmarks) lists it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct OutlineEntry {
    /// 0 = title, 1-3 = heading levels.
    pub level: u8,
    pub title: String,
    /// Page, from 1.
    pub page: u32,
    /// Top of the heading's first line, from the page top.
    pub top: f32,
}

const EPS: f32 = 0.01;

/// Lay the document out once, showing page references from `pages`, and
/// hand each page to `sink` as it is finished.
pub(crate) fn compose(
    doc: &Document,
    theme: &Theme,
    fonts: &FontSet,
    pages: &PageMap,
    sink: &mut dyn FnMut(Page),
) -> Composed {
    compose_with(
        doc,
        theme,
        fonts,
        pages,
        workers::count(doc.blocks.len()),
        sink,
    )
}

/// [`compose`] with `workers` threads setting blocks (0: on this one).
pub(crate) fn compose_with(
    doc: &Document,
    theme: &Theme,
    fonts: &FontSet,
    pages: &PageMap,
    workers: usize,
    sink: &mut dyn FnMut(Page),
) -> Composed {
    if workers == 0 {
        let fb = FlowBuilder::new(theme, fonts, pages);
        return compose_from(doc, theme, fonts, pages, Builder::Here(fb), sink);
    }
    std::thread::scope(|scope| {
        let rx = workers::start(scope, workers, &doc.blocks, theme, fonts, pages);
        compose_from(doc, theme, fonts, pages, Builder::Workers(rx), sink)
    })
}

fn compose_from<'a>(
    doc: &'a Document,
    theme: &'a Theme,
    fonts: &'a FontSet,
    pages: &'a PageMap,
    build: Builder<'a>,
    sink: &mut dyn FnMut(Page),
) -> Composed {
    let fb = FlowBuilder::new(theme, fonts, pages);
    let notes = set_notes(&fb, &doc.footnotes);
    let area = NoteArea::new(&fb, continued_label(&doc.meta.language));
    let mut furniture = Furniture::new(doc, theme, fonts);
    let mut c = Composer {
        t: theme,
        fonts,
        source: Source {
            blocks: &doc.blocks,
            build,
            out: Vec::new(),
            next: 0,
            pos: 0,
        },
        note_heights: notes
            .iter()
            .map(|n| n.iter().map(|b| b.height).sum())
            .collect(),
        notes,
        placed: vec![false; doc.footnotes.len()],
        pages: 0,
        sink,
        draws: std::mem::take(&mut furniture.head),
        y: furniture.body_top,
        furniture,
        has_body: false,
        pending: 0.0,
        area,
        table: None,
        anchors: HashMap::new(),
        outline: Vec::new(),
    };
    c.run();
    Composed {
        pages: c.pages,
        anchors: c.anchors,
        outline: c.outline,
    }
}

/// The flow, built from the top-level blocks as the composer asks for it.
/// Taken items are left as empty space until the buffer is compacted.
struct Source<'a> {
    blocks: &'a [Block],
    build: Builder<'a>,
    /// The flow of the blocks appended so far, from `pos` on not yet taken.
    out: Vec<Flow>,
    /// The next block to append.
    next: usize,
    /// The next flow item to take from `out`.
    pos: usize,
}

/// Where the flow of each block comes from.
enum Builder<'a> {
    /// Built here, when asked for.
    Here(FlowBuilder<'a>),
    /// Built ahead on worker threads.
    Workers(workers::Receiver),
}

impl Source<'_> {
    /// Append the next block's flow; false when all are appended.
    fn build(&mut self) -> bool {
        let Some(block) = self.blocks.get(self.next) else {
            return false;
        };
        let flow = match &mut self.build {
            Builder::Here(fb) => {
                let t = fb.theme;
                fb.block(block, t.margin_start, t.text_width, t.body_size);
                std::mem::take(&mut fb.out)
            }
            Builder::Workers(rx) => rx.flow_of(self.next),
        };
        self.next += 1;
        if matches!(
            block,
            Block::Lines {
                role: LinesRole::Signature,
                ..
            }
        ) {
            // Keep the signature with the line before it (the closing formula).
            let prev = self.out[self.pos..]
                .iter_mut()
                .rev()
                .find(|f| !matches!(f, Flow::Space(_)));
            if let Some(Flow::Box(b)) = prev {
                b.keep_with_next = true;
            }
        }
        self.out.extend(flow);
        true
    }

    /// The item `k` places after the next one, built if need be, with a
    /// box after it built too: a block that binds itself to the box before
    /// it (a signature to the line above) has then done so.
    fn peek(&mut self, k: usize) -> Option<&Flow> {
        let at = self.pos + k;
        while self.out.len() <= at || !self.out[at + 1..].iter().any(|f| matches!(f, Flow::Box(_)))
        {
            if !self.build() {
                break;
            }
        }
        self.out.get(at)
    }

    /// Take the next item. A box after it is built first, so that a block
    /// that binds itself to the box before it (a signature to its closing
    /// formula) finds that box still here.
    fn take(&mut self) -> Option<Flow> {
        self.peek(0);
        if self.pos >= self.out.len() {
            return None;
        }
        let item = std::mem::replace(&mut self.out[self.pos], Flow::Space(0.0));
        self.pos += 1;
        if self.pos >= 1024 && self.pos * 2 >= self.out.len() {
            self.out.drain(..self.pos);
            self.pos = 0;
        }
        Some(item)
    }
}

struct Composer<'a, 's> {
    t: &'a Theme,
    fonts: &'a FontSet,
    source: Source<'a>,
    notes: Vec<Vec<VBox>>,
    note_heights: Vec<f32>,
    placed: Vec<bool>,
    /// Pages finished so far.
    pages: u32,
    sink: &'s mut dyn FnMut(Page),
    draws: Vec<Draw>,
    /// The letterhead: logo and sender block, running footer, page numbers.
    furniture: Furniture,
    y: f32,
    has_body: bool,
    pending: f32,
    area: NoteArea,
    table: Option<TableHead>,
    anchors: HashMap<String, u32>,
    outline: Vec<OutlineEntry>,
}

/// Height a box needs with its notes not yet placed.
fn need(placed: &[bool], note_heights: &[f32], sep: f32, b: &VBox) -> f32 {
    let notes: f32 = b
        .notes
        .iter()
        .filter(|&&n| !placed.get(n).copied().unwrap_or(true))
        .filter_map(|&n| note_heights.get(n))
        .sum();
    b.height + if notes > 0.0 { notes + sep } else { 0.0 }
}

impl Composer<'_, '_> {
    fn run(&mut self) {
        while let Some(item) = self.source.take() {
            match item {
                Flow::Space(s) => {
                    if self.has_body {
                        self.pending = self.pending.max(s);
                    }
                }
                Flow::PageBreak => {
                    if self.has_body || !self.area.lines.is_empty() {
                        self.new_page();
                    }
                }
                Flow::TableStart(head) => {
                    if let Some(h) = &head.header {
                        self.keep(h.height);
                        self.place(h.clone());
                    }
                    let mut head = head;
                    if let Some(h) = &mut head.header {
                        // Repeats neither reference notes again nor move anchors.
                        h.notes.clear();
                        h.anchors.clear();
                        h.outline = None;
                        tags::artifact(h);
                    }
                    self.table = Some(head);
                }
                Flow::TableEnd => self.table = None,
                Flow::Box(b) => {
                    if b.keep_with_next {
                        self.keep(self.box_need(&b));
                    }
                    self.place(b);
                }
            }
        }
        self.close_page();
    }

    fn page_no(&self) -> u32 {
        self.pages.saturating_add(1)
    }

    /// Height a box needs with its notes not yet placed.
    fn box_need(&self, b: &VBox) -> f32 {
        need(&self.placed, &self.note_heights, self.area.sep, b)
    }

    /// Start a new page now if the chain of kept boxes starting with one needing
    /// `first` (the rest still in the flow) does not fit here but fits on a fresh page.
    fn keep(&mut self, first: f32) {
        if !self.has_body {
            return;
        }
        let cap = self.t.body_height();
        let mut h = first + self.pending;
        let mut k = 0;
        while let Some(f) = self.source.peek(k) {
            k += 1;
            match f {
                Flow::Box(b) => {
                    h += need(&self.placed, &self.note_heights, self.area.sep, b);
                    if !b.keep_with_next {
                        break;
                    }
                }
                Flow::Space(s) => h += s,
                Flow::TableStart(head) => {
                    if let Some(b) = &head.header {
                        h += b.height;
                    }
                }
                _ => break,
            }
            if h > cap {
                return;
            }
        }
        if h > self.free(0.0) + EPS && h <= cap {
            self.new_page();
        }
    }

    /// Room left in the body for a box after `space`.
    fn free(&self, space: f32) -> f32 {
        self.t.body_bottom() - self.y - space - self.area.used()
    }

    fn place(&mut self, b: VBox) {
        let mut new: Vec<usize> = Vec::new();
        for &n in &b.notes {
            if n < self.placed.len() && !self.placed[n] {
                self.placed[n] = true;
                new.push(n);
            }
        }
        loop {
            let space = if self.has_body { self.pending } else { 0.0 };
            let free = self.free(space);
            if !self.area.carry.is_empty() {
                // Notes from earlier pages are still waiting: new ones queue behind them.
                if b.height <= free + EPS || !self.has_body {
                    self.commit(b, space);
                    for n in new {
                        let lines = self.note_lines(n);
                        self.area.carry_lines(lines);
                    }
                    return;
                }
                self.new_page();
                continue;
            }
            let need: f32 = new.iter().filter_map(|&n| self.note_heights.get(n)).sum();
            let sep = if new.is_empty() {
                0.0
            } else {
                self.area.cost(0.0, false)
            };
            if b.height + sep + need <= free + EPS {
                self.commit(b, space);
                for n in new {
                    for line in self.note_lines(n) {
                        self.area.push(line);
                    }
                }
                return;
            }
            // Split a long note rather than leave much of the page empty; move a
            // line with a short one to the next page.
            let n_lines: usize = new
                .iter()
                .filter_map(|&n| self.notes.get(n))
                .map(Vec::len)
                .sum();
            let min_part: f32 = new
                .iter()
                .filter_map(|&n| self.notes.get(n))
                .flatten()
                .take(2)
                .map(|l| l.height)
                .sum();
            let splittable = !self.has_body || n_lines >= 4;
            if (splittable && b.height + sep + min_part <= free + EPS) || !self.has_body {
                self.commit(b, space);
                self.fill_notes(new);
                return;
            }
            self.new_page();
        }
    }

    fn note_lines(&self, n: usize) -> Vec<NoteLine> {
        self.notes.get(n).map_or_else(Vec::new, |lines| {
            lines
                .iter()
                .enumerate()
                .map(|(i, b)| NoteLine {
                    b: b.clone(),
                    first: i == 0,
                    cont: false,
                })
                .collect()
        })
    }

    /// Put as many lines of these notes on the page as fit; carry the rest.
    /// A note split over the page turn carries at least two lines, so that
    /// the next page does not open on a fragment of one ("(continued)
    /// (Czechia).") when three or more stay.
    fn fill_notes(&mut self, new: Vec<usize>) {
        let limit = self.t.body_bottom() - self.y;
        let mut full = false;
        for n in new {
            let lines = self.note_lines(n);
            let mut placed = 0;
            let mut rest = Vec::new();
            for line in lines {
                if !full && self.area.used() + self.area.cost(line.b.height, false) <= limit + EPS {
                    self.area.push(line);
                    placed += 1;
                } else {
                    full = true;
                    rest.push(line);
                }
            }
            if rest.len() == 1 && placed >= 3 {
                if let Some(line) = self.area.take_back() {
                    rest.insert(0, line);
                }
            }
            self.area.carry.extend(rest);
        }
        self.area.mark_continuation();
    }

    fn commit(&mut self, b: VBox, space: f32) {
        self.y += space;
        let y = self.y;
        self.draws.extend(b.draws.into_iter().map(|mut d| {
            d.shift(y);
            d
        }));
        self.y += b.height;
        self.has_body = true;
        self.pending = 0.0;
        let page = self.page_no();
        for a in b.anchors {
            self.anchors.entry(a).or_insert(page);
        }
        if let Some((level, title)) = b.outline {
            self.outline.push(OutlineEntry {
                level,
                title,
                page,
                top: y,
            });
        }
    }

    fn close_page(&mut self) {
        let page = self.page_no();
        for a in self.area.close(self.t, &mut self.draws) {
            self.anchors.entry(a).or_insert(page);
        }
        let foot = self.furniture.foot(page, self.t, self.fonts);
        self.draws.extend(foot);
        if page > 1 {
            // First, as the first page's head is: read before the page's text.
            let head = self.furniture.later_head.iter().cloned();
            self.draws.splice(0..0, head);
        }
        self.pages = page;
        (self.sink)(Page {
            draws: std::mem::take(&mut self.draws),
            logo: if page == 1 {
                self.furniture.logo
            } else {
                self.furniture.later_logo
            },
        });
    }

    fn new_page(&mut self) {
        if let Some(t) = &self.table {
            if self.has_body {
                // Close the table's border where the page cuts it.
                self.draws.push(Draw::Line {
                    x1: t.x1,
                    y1: self.y,
                    x2: t.x2,
                    y2: self.y,
                    width: self.t.rule_width,
                });
            }
        }
        self.close_page();
        self.y = self.furniture.later_top;
        self.has_body = false;
        self.pending = 0.0;
        // Carried note lines first, up to part of the page (always at least one).
        let cap = self.t.body_height() * 0.6;
        while let Some(front) = self.area.carry.front() {
            let cost = self.area.cost(front.b.height, front.cont);
            if !self.area.lines.is_empty() && self.area.used() + cost > cap {
                break;
            }
            if let Some(line) = self.area.carry.pop_front() {
                self.area.push(line);
            }
        }
        self.area.mark_continuation();
        if let Some(h) = self.table.as_ref().and_then(|t| t.header.clone()) {
            self.commit(h, 0.0);
        }
    }
}
