//! Tables: column widths, wrapped cells, bordered rows cut into line-high slices.
//!
//! Each body row becomes one box per text line (all but the last kept with the
//! next), so a row stays whole where it can and a row taller than a page still
//! breaks between lines. The header row is one box, repeated by the composer at
//! the top of each page the table continues on.

use pdf_writer::types::StructRole;
use unicode_linebreak::linebreaks;

use crate::document::{Align, Cell, Table};

use super::boxes::{Draw, Flow, TableHead, VBox};
use super::flow::{plain, FlowBuilder};
use super::fonts::Face;
use super::inline::{measure, Flattener, Para};
use super::linebreak::{break_lines, LineSetter};
use super::tags::{self, Extra, Node};

struct Measured {
    para: Para,
    cum: Vec<f64>,
}

impl Measured {
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

/// Share `width` between the columns: by `Column.width` where given, else by content.
fn column_widths(
    t: &Table,
    cells: &[Vec<Measured>],
    ncols: usize,
    width: f32,
    pad: f32,
) -> Vec<f32> {
    let shares: Vec<f32> = (0..ncols)
        .map(|c| t.columns.get(c).map_or(0.0, |col| col.width))
        .map(|w| if w.is_finite() && w > 0.0 { w } else { 0.0 })
        .collect();
    if shares.iter().all(|&s| s > 0.0) {
        let total: f32 = shares.iter().sum();
        return shares.iter().map(|s| width * s / total).collect();
    }
    let mut nat = vec![0.0f32; ncols];
    let mut min = vec![0.0f32; ncols];
    for row in cells {
        for (c, m) in row.iter().enumerate().take(ncols) {
            nat[c] = nat[c].max(m.natural().min(width) + 2.0 * pad);
            min[c] = min[c].max(m.min_width().min(width) + 2.0 * pad);
        }
    }
    if shares.iter().any(|&s| s > 0.0) {
        // Columns without a share get one proportional to their content
        // relative to the columns that have one.
        let given: f32 = shares.iter().sum();
        let given_nat: f32 = (0..ncols)
            .filter(|&c| shares[c] > 0.0)
            .map(|c| nat[c])
            .sum();
        let per = if given_nat > 0.0 {
            given / given_nat
        } else {
            1.0
        };
        let shares: Vec<f32> = (0..ncols)
            .map(|c| {
                if shares[c] > 0.0 {
                    shares[c]
                } else {
                    (nat[c] * per).max(f32::EPSILON)
                }
            })
            .collect();
        let total: f32 = shares.iter().sum();
        return shares.iter().map(|s| width * s / total).collect();
    }
    let sum_min: f32 = min.iter().sum();
    let sum_nat: f32 = nat.iter().sum();
    if sum_nat <= 0.0 {
        return vec![width / ncols as f32; ncols];
    }
    if sum_nat <= width {
        return nat.iter().map(|n| width * n / sum_nat).collect();
    }
    if sum_min >= width {
        return min
            .iter()
            .map(|n| width * n / sum_min.max(f32::EPSILON))
            .collect();
    }
    // Every column gets its longest word; the rest is shared out from the
    // column that wants least, each taking what it needs up to an equal
    // share of what is left: a short column ("partially impl.") is set on
    // one line before a long one (a list of issues) is widened.
    let mut out = min;
    let mut spare = width - sum_min;
    let mut open: Vec<usize> = (0..ncols).filter(|&c| nat[c] > out[c]).collect();
    open.sort_by(|&a, &b| (nat[a] - out[a]).total_cmp(&(nat[b] - out[b])));
    let n = open.len();
    for (i, &c) in open.iter().enumerate() {
        let give = (nat[c] - out[c]).min(spare / (n - i) as f32);
        out[c] += give;
        spare -= give;
    }
    out
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
                let mut fl = Flattener::new(fb.fonts, fb.pages);
                if let Some(cell) = row.get(c) {
                    fl.inlines(cell, plain(face, size));
                }
                let para = fl.finish();
                let cum = measure(&para, fb.fonts);
                Measured { para, cum }
            })
            .collect()
    };
    let mut rows: Vec<Vec<Measured>> = Vec::with_capacity(t.rows.len() + 1);
    let has_header = !t.header.is_empty();
    if has_header {
        rows.push(measure_row(&t.header, Face::Bold));
    }
    for r in &t.rows {
        rows.push(measure_row(r, Face::Regular));
    }
    let widths = column_widths(t, &rows, ncols, width, pad);
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

    let mut body = rows.iter();
    let header = if has_header {
        body.next().map(|row| {
            let slices = slices_of(row, true);
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
        out.extend(slices_of(row, false).into_iter().map(Flow::Box));
    }
    out.push(Flow::TableEnd);
    fb.out.append(&mut out);
}
