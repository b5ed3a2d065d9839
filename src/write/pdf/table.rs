//! Tables: column widths, wrapped cells, bordered rows cut into line-high slices.
//!
//! Each body row becomes one box per text line (all but the last kept with the
//! next), so a row stays whole where it can and a row taller than a page still
//! breaks between lines. The header row is one box, repeated by the composer at
//! the top of each page the table continues on.

use std::collections::BTreeMap;

use pdf_writer::types::StructRole;
use unicode_linebreak::linebreaks;

use crate::document::{Align, Cell, Inline, Table};
use crate::write::table_width::{column_widths, Extent};

use super::boxes::{Draw, Flow, TableHead, VBox};
use super::flow::{plain, FlowBuilder};
use super::fonts::{Face, FontSet};
use super::inline::{measure, Flattener, PageMap, Para};
use super::linebreak::{break_lines, LineSetter};
use super::tags::{self, Extra, Node};

/// How many rows a table has before they are measured on two cores.
const PARALLEL_ROWS: usize = 2000;

/// A cell's text flattened and measured, ready to be broken into lines.
struct Measured {
    para: Para,
    cum: Vec<f64>,
}

impl Measured {
    /// The cell's inline content in `face` (its emphasis added) at `size`.
    fn new(fonts: &FontSet, pages: &PageMap, cell: &[Inline], face: Face, size: f32) -> Measured {
        let mut fl = Flattener::new(fonts, pages);
        fl.inlines(cell, plain(face, size));
        let para = fl.finish();
        let cum = measure(&para, fonts);
        Measured { para, cum }
    }

    /// What the cell asks of its column's width.
    fn extent(&self) -> Extent {
        Extent {
            min: self.min_width(),
            natural: self.natural(),
        }
    }

    fn natural(&self) -> f32 {
        self.cum.last().copied().unwrap_or(0.0) as f32
    }

    /// Width of the widest unbreakable piece.
    fn min_width(&self) -> f32 {
        let text = &self.para.text;
        let mut start = 0;
        let mut widest = 0.0f32;
        for (pos, _) in linebreaks(text) {
            let end = start + text.get(start..pos).map_or(0, |s| s.trim_end().len());
            let w = (self.cum.get(end).copied().unwrap_or(0.0)
                - self.cum.get(start).copied().unwrap_or(0.0)) as f32;
            widest = widest.max(w);
            start = pos;
        }
        widest
    }
}

/// Add a table to the flow.
pub(crate) fn build(fb: &mut FlowBuilder<'_>, t: &Table, x: f32, width: f32, size: f32) {
    let ncols = t
        .columns
        .len()
        .max(t.header.len())
        .max(t.rows.iter().map(Vec::len).max().unwrap_or(0));
    if ncols == 0 {
        return;
    }
    let pad = fb.theme.cell_pad * size / fb.theme.body_size;
    let measure_row = |row: &[Cell], face: Face| -> Vec<Measured> {
        (0..ncols)
            .map(|c| {
                let cell = row.get(c).map(Vec::as_slice).unwrap_or_default();
                Measured::new(fb.fonts, fb.pages, cell, face, size)
            })
            .collect()
    };
    let mut rows: Vec<Vec<Measured>> = Vec::with_capacity(t.rows.len() + 1);
    let has_header = !t.header.is_empty();
    if has_header {
        rows.push(measure_row(&t.header, Face::Bold));
    }
    // A long table (a report's index) is measured on two cores: its rows are
    // measured before anything of it can be laid out.
    if t.rows.len() >= PARALLEL_ROWS {
        let (first, second) = t.rows.split_at(t.rows.len() / 2);
        let measure_all = |rows: &[Vec<Cell>]| -> Vec<Vec<Measured>> {
            rows.iter().map(|r| measure_row(r, Face::Regular)).collect()
        };
        let later = std::thread::scope(|scope| {
            let later = scope.spawn(|| measure_all(second));
            rows.extend(measure_all(first));
            later
                .join()
                .unwrap_or_else(|p| std::panic::resume_unwind(p))
        });
        rows.extend(later);
    } else {
        for r in &t.rows {
            rows.push(measure_row(r, Face::Regular));
        }
    }
    let mut content = vec![Extent::default(); ncols];
    for row in &rows {
        for (c, m) in row.iter().enumerate() {
            content[c] = content[c].max(m.extent());
        }
    }
    let given: Vec<f32> = t.columns.iter().map(|col| col.width).collect();
    let widths = column_widths(&given, &content, width, 2.0 * pad);
    let mut edges = Vec::with_capacity(ncols + 1);
    let mut acc = x;
    edges.push(acc);
    for w in &widths {
        acc += w;
        edges.push(acc);
    }
    let x2 = acc;
    let lw = fb.theme.rule_width;

    let table = fb.node(StructRole::Table);
    let slices_of = |row: &[Measured], head: bool| -> Vec<VBox> {
        let tr = Node::new(StructRole::TR, Some(&table));
        let mut cells = Vec::with_capacity(ncols);
        for (c, m) in row.iter().enumerate() {
            let align = match t.columns.get(c).map_or(Align::Start, |col| col.align) {
                Align::Justify => Align::Start,
                a => a,
            };
            let inner = (widths[c] - 2.0 * pad).max(1.0);
            let frame = fb.frame(edges[c] + pad, inner, align, size);
            let specs = break_lines(&m.para.text, &m.cum, inner);
            let mut setter = LineSetter::new(&m.para, &m.cum);
            let n = specs.len();
            let mut lines: Vec<VBox> = specs
                .iter()
                .enumerate()
                .map(|(i, l)| setter.set(l, i + 1 == n, &frame))
                .collect();
            let cell = if head {
                Node::with(StructRole::TH, Some(&tr), Extra::ColumnHeader)
            } else {
                Node::new(StructRole::TD, Some(&tr))
            };
            tags::resolve(&mut lines, &cell);
            cells.push(lines);
        }
        let n = cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
        let lh = fb.frame(0.0, 1.0, Align::Start, size).height;
        (0..n)
            .map(|k| {
                let top = if k == 0 { pad } else { 0.0 };
                let bottom = if k + 1 == n { pad } else { 0.0 };
                let h = top + lh + bottom;
                let mut b = VBox {
                    height: h,
                    baseline: top,
                    keep_with_next: k + 1 < n,
                    ..VBox::default()
                };
                for lines in &mut cells {
                    if let Some(line) = lines.get_mut(k) {
                        b.baseline = top + line.baseline;
                        b.draws.extend(line.draws.drain(..).map(|d| d.shifted(top)));
                        b.notes.append(&mut line.notes);
                        b.anchors.append(&mut line.anchors);
                    }
                }
                for &ex in &edges {
                    b.draws.push(Draw::Line {
                        x1: ex,
                        y1: 0.0,
                        x2: ex,
                        y2: h,
                        width: lw,
                    });
                }
                if k == 0 {
                    b.draws.push(Draw::Line {
                        x1: edges[0],
                        y1: 0.0,
                        x2,
                        y2: 0.0,
                        width: lw,
                    });
                }
                if k + 1 == n {
                    b.draws.push(Draw::Line {
                        x1: edges[0],
                        y1: h,
                        x2,
                        y2: h,
                        width: lw,
                    });
                }
                b
            })
            .collect()
    };

    // Each row's measures are dropped once its lines are set: an index's
    // rows are many.
    let mut body = rows.into_iter();
    let header = if has_header {
        body.next().map(|row| {
            let slices = slices_of(&row, true);
            // The header is never cut: merge its slices into one box.
            let mut merged = VBox {
                keep_with_next: true,
                ..VBox::default()
            };
            for s in slices {
                let dy = merged.height;
                if merged.draws.is_empty() {
                    merged.baseline = s.baseline;
                }
                merged
                    .draws
                    .extend(s.draws.into_iter().map(|d| d.shifted(dy)));
                merged.notes.extend(s.notes);
                merged.anchors.extend(s.anchors);
                merged.height += s.height;
            }
            merged
        })
    } else {
        None
    };
    let mut out = vec![Flow::TableStart(TableHead {
        header,
        x1: edges[0],
        x2,
    })];
    for row in body {
        out.extend(slices_of(&row, false).into_iter().map(Flow::Box));
    }
    out.push(Flow::TableEnd);
    fb.out.append(&mut out);
}

/// Measures table cells as the PDF sets them (Liberation Serif's advance
/// widths, the system faces found for what it lacks, breaks where Unicode
/// line breaking allows), for a writer that leaves the setting to its
/// reader but chooses the column widths itself: the DOCX.
pub(crate) struct CellMeasure {
    fonts: FontSet,
    pages: PageMap,
}

impl CellMeasure {
    /// A page reference measures as the number it shows: its page in
    /// `anchor_pages`, or "?". Fails only if the embedded fonts cannot be
    /// read, saying why.
    pub(crate) fn new(anchor_pages: &BTreeMap<String, u32>) -> Result<CellMeasure, String> {
        let fonts = FontSet::load()?;
        let pages = PageMap::Known(
            anchor_pages
                .iter()
                .map(|(name, page)| (name.clone(), *page))
                .collect(),
        );
        Ok(CellMeasure { fonts, pages })
    }

    /// What `cell` asks of its column at `size` points, bold for a header.
    pub(crate) fn extent(&self, cell: &[Inline], bold: bool, size: f32) -> Extent {
        let face = if bold { Face::Bold } else { Face::Regular };
        Measured::new(&self.fonts, &self.pages, cell, face, size).extent()
    }
}
