//! A chart laid out as shapes, for the writers that draw it themselves (PDF, SVG in HTML).
//!
//! Bars run left to right from a common axis, one segment per series,
//! each series told apart by its fill alone in black and white: white,
//! hatched, mid grey, light grey cross-hatched. Every segment wide enough
//! carries its number; a bar with a number too narrow to hold it lists all
//! its numbers after its end. A grouped chart prints each group's name on
//! a line of its own above its bars. The legend follows the bars.
//! Coordinates run from the chart's top-left corner, y downwards.

use crate::document::{chart_number, Chart};

/// One thing to draw.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Shape {
    /// A filled rectangle with a black outline; `y` is its top.
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        /// The fill's grey level, 0 black to 1 white.
        grey: f32,
    },
    /// A straight line.
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width: f32,
    },
    /// Text on a baseline at `y`, starting at `x` (or centred on it).
    Text {
        x: f32,
        y: f32,
        text: String,
        size: f32,
        bold: bool,
        centred: bool,
    },
}

/// The fill of series `i` and whether it is hatched (`/` lines) or
/// cross-hatched.
pub(crate) fn fill_of(i: usize) -> (f32, Hatch) {
    match i % 4 {
        0 => (1.0, Hatch::None),
        1 => (1.0, Hatch::Diagonal),
        2 => (0.62, Hatch::None),
        _ => (0.85, Hatch::Cross),
    }
}

/// Lines drawn over a segment's fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Hatch {
    None,
    Diagonal,
    Cross,
}

/// A laid-out chart.
pub(crate) struct Laid {
    pub width: f32,
    pub height: f32,
    pub shapes: Vec<Shape>,
}

/// Lay `chart` out `width` wide with text of `size`; `measure(text, size,
/// bold)` gives a text's width.
pub(crate) fn lay_out(
    chart: &Chart,
    width: f32,
    size: f32,
    measure: &dyn Fn(&str, f32, bool) -> f32,
) -> Laid {
    let mut shapes = Vec::new();
    let grouped = chart.grouped();
    let indent = if grouped { size } else { 0.0 };
    let label_w = chart
        .bars
        .iter()
        .map(|b| measure(&b.label, size, false) + indent)
        .fold(0.0, f32::max)
        .min(width * 0.4);
    let axis = label_w + size * 0.6;
    // Room after the longest bar for its numbers when they do not fit.
    let reserve = size * 6.0;
    let scale = ((width - axis - reserve).max(size) as f64 / chart.max_total()) as f32;
    let bar_h = size * 1.3;
    let row_h = size * 1.9;
    let mut y = 0.0;
    for b in &chart.bars {
        if grouped && !b.group.is_empty() {
            y += size * 1.5;
            shapes.push(Shape::Text {
                x: 0.0,
                y: y - size * 0.3,
                text: b.group.clone(),
                size,
                bold: true,
                centred: false,
            });
        }
        let bar_top = y + (row_h - bar_h) / 2.0;
        let baseline = bar_top + bar_h / 2.0 + size * 0.35;
        shapes.push(Shape::Text {
            x: indent,
            y: baseline,
            text: b.label.clone(),
            size,
            bold: false,
            centred: false,
        });
        let mut x = axis;
        let mut hidden = false;
        for (i, v) in b.drawn().enumerate() {
            let w = (v as f32) * scale;
            if w <= 0.0 {
                continue;
            }
            let (grey, hatch) = fill_of(i);
            shapes.push(Shape::Rect {
                x,
                y: bar_top,
                w,
                h: bar_h,
                grey,
            });
            hatch_lines(&mut shapes, x, bar_top, w, bar_h, hatch, size * 0.45);
            let text = chart_number(v);
            let tw = measure(&text, size, true);
            if tw + size * 0.8 <= w {
                // A white ground under the number, so hatching never crosses it.
                if hatch != Hatch::None {
                    shapes.push(Shape::Rect {
                        x: x + w / 2.0 - tw / 2.0 - size * 0.2,
                        y: bar_top + bar_h * 0.15,
                        w: tw + size * 0.4,
                        h: bar_h * 0.7,
                        grey: 1.0,
                    });
                }
                shapes.push(Shape::Text {
                    x: x + w / 2.0,
                    y: baseline,
                    text,
                    size,
                    bold: true,
                    centred: true,
                });
            } else {
                hidden = true;
            }
            x += w;
        }
        if hidden {
            let all: Vec<String> = b.drawn().map(chart_number).collect();
            shapes.push(Shape::Text {
                x: x + size * 0.4,
                y: baseline,
                text: format!("({})", all.join(" · ")),
                size,
                bold: false,
                centred: false,
            });
        }
        // The axis beside the bar, broken at group names so that it never
        // crosses them.
        shapes.push(Shape::Line {
            x1: axis,
            y1: y,
            x2: axis,
            y2: y + row_h,
            width: 0.8,
        });
        y += row_h;
    }
    // The legend, wrapping at the width.
    y += size * 0.8;
    let sw = size * 1.6;
    let mut x = axis;
    let mut line_top = y;
    for (i, name) in chart.series.iter().enumerate() {
        let need = sw + size * 0.4 + measure(name, size, false) + size * 1.2;
        if x > axis && x + need > width {
            x = axis;
            line_top += size * 1.6;
        }
        let (grey, hatch) = fill_of(i);
        shapes.push(Shape::Rect {
            x,
            y: line_top,
            w: sw,
            h: size,
            grey,
        });
        hatch_lines(&mut shapes, x, line_top, sw, size, hatch, size * 0.45);
        shapes.push(Shape::Text {
            x: x + sw + size * 0.4,
            y: line_top + size * 0.85,
            text: name.clone(),
            size,
            bold: false,
            centred: false,
        });
        x += need;
    }
    let height = line_top + size * 1.4;
    Laid {
        width,
        height,
        shapes,
    }
}

/// Diagonal lines `gap` apart across a rectangle (and the other way for a
/// cross-hatch), each clipped to it.
fn hatch_lines(out: &mut Vec<Shape>, x: f32, y: f32, w: f32, h: f32, hatch: Hatch, gap: f32) {
    let mut dirs: Vec<bool> = Vec::new();
    match hatch {
        Hatch::None => return,
        Hatch::Diagonal => dirs.push(true),
        Hatch::Cross => dirs.extend([true, false]),
    }
    for rising in dirs {
        // Lines x' - t = c (rising: going up to the right), c from -h to w.
        let mut c = -h + gap / 2.0;
        while c < w {
            // Points on the line: (c + t, t) for t in 0..h, in box coordinates
            // with t measured from the bottom (rising) or the top.
            let t0 = (-c).max(0.0);
            let t1 = (w - c).min(h);
            if t1 > t0 {
                let (ya, yb) = if rising {
                    (y + h - t0, y + h - t1)
                } else {
                    (y + t0, y + t1)
                };
                out.push(Shape::Line {
                    x1: x + c + t0,
                    y1: ya,
                    x2: x + c + t1,
                    y2: yb,
                    width: 0.5,
                });
            }
            c += gap;
        }
    }
}
