//! A chart as inline SVG, for the HTML writer.
//!
//! The shapes are those the PDF draws (`chart::lay_out`), set in the page's
//! serif; text widths are estimated, since a browser picks the font. The
//! SVG is an image with a title and a description in words for screen
//! readers (`role="img"`), and the HTML writer puts the numbers after it as
//! a table.

use std::fmt::Write;

use super::chart::{lay_out, Shape};
use crate::document::{Chart, Inline};

/// Width of the drawing in SVG user units; it scales to the column.
const WIDTH: f32 = 600.0;
const SIZE: f32 = 13.0;

fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

/// A serif face's text width, near enough: half an em a character, a
/// little more in bold.
fn estimate(text: &str, size: f32, bold: bool) -> f32 {
    text.chars().count() as f32 * size * if bold { 0.55 } else { 0.5 }
}

/// The chart as an `<svg>` element; `id` names its title and description.
pub(crate) fn chart(chart: &Chart, id: &str) -> String {
    let laid = lay_out(chart, WIDTH, SIZE, &estimate);
    let mut out = String::new();
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"{id}-t {id}-d\" \
         viewBox=\"0 0 {:.0} {:.0}\" width=\"100%\" style=\"max-width:{:.0}px;font-family:Georgia,'Times New Roman',serif\">",
        laid.width, laid.height, laid.width
    );
    let _ = write!(
        out,
        "<title id=\"{id}-t\">{}</title><desc id=\"{id}-d\">{}</desc>",
        esc(&Inline::plain_text(&chart.caption)),
        esc(&chart.alt_text())
    );
    for s in &laid.shapes {
        match s {
            Shape::Rect { x, y, w, h, grey } => {
                let g = (grey.clamp(0.0, 1.0) * 255.0).round() as u8;
                let _ = write!(
                    out,
                    "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"{h:.1}\" fill=\"rgb({g},{g},{g})\" stroke=\"#000\" stroke-width=\"0.6\"/>"
                );
            }
            Shape::Line {
                x1,
                y1,
                x2,
                y2,
                width,
            } => {
                let _ = write!(
                    out,
                    "<line x1=\"{x1:.1}\" y1=\"{y1:.1}\" x2=\"{x2:.1}\" y2=\"{y2:.1}\" stroke=\"#000\" stroke-width=\"{width}\"/>"
                );
            }
            Shape::Text {
                x,
                y,
                text,
                size,
                bold,
                centred,
            } => {
                let _ = write!(
                    out,
                    "<text x=\"{x:.1}\" y=\"{y:.1}\" font-size=\"{size}\"{}{}>{}</text>",
                    if *bold { " font-weight=\"bold\"" } else { "" },
                    if *centred {
                        " text-anchor=\"middle\""
                    } else {
                        ""
                    },
                    esc(text)
                );
            }
        }
    }
    out.push_str("</svg>");
    out
}
