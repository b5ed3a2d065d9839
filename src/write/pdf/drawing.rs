//! An SVG logo as PDF paths: a form XObject drawn where an image would be,
//! so that the letterhead prints it as sharp as the text.
//!
//! `usvg` has already reduced the drawing to groups of paths in one
//! coordinate system, with every shape, `use` and style resolved. What
//! plain paths can say is written as paths: solid fills and strokes, their
//! opacities, transforms, and a clip path of one shape. A drawing that uses
//! more (gradients, patterns, masks, filters, blend modes, a group's
//! opacity over several shapes, a clip of several shapes) is `None` here,
//! and the caller draws it as an image rendered from it instead: printed
//! correctly, if not as vectors.

use pdf_writer::types::{LineCapStyle, LineJoinStyle};
use pdf_writer::{Chunk, Content, Filter, Name, Rect, Ref};
use usvg::tiny_skia_path::{PathSegment, Transform};
use usvg::{FillRule, Group, LineCap, LineJoin, Node, Paint, PaintOrder};

/// Write `tree` as the form XObject `id`, drawn in the unit square as an
/// image is (so the page's `w 0 0 h x y cm /Logo Do` places either);
/// `None`, with nothing written, when it needs more than paths.
pub(super) fn write_form(pdf: &mut Chunk, id: Ref, tree: &usvg::Tree) -> Option<()> {
    let (data, alphas) = paint(tree)?;
    let compressed = super::emit::deflate(&data);
    let mut form = pdf.form_xobject(id, compressed.as_deref().unwrap_or(&data));
    if compressed.is_some() {
        form.filter(Filter::FlateDecode);
    }
    form.bbox(Rect::new(0.0, 0.0, 1.0, 1.0));
    if !alphas.is_empty() {
        let mut resources = form.resources();
        let mut states = resources.ext_g_states();
        for (i, (fill, stroke)) in alphas.iter().enumerate() {
            states
                .insert(Name(alpha_name(i).as_bytes()))
                .dict()
                .pair(Name(b"ca"), f32::from(*fill) / 1000.0)
                .pair(Name(b"CA"), f32::from(*stroke) / 1000.0);
        }
    }
    Some(())
}

/// Fill and stroke opacities in thousandths, the `i`-th named `/Ai`.
type Alphas = Vec<(u16, u16)>;

/// The content stream drawing `tree` in the unit square, and the
/// opacities it names.
fn paint(tree: &usvg::Tree) -> Option<(Vec<u8>, Alphas)> {
    let size = tree.size();
    let mut painter = Painter {
        content: Content::new(),
        alphas: Vec::new(),
    };
    // The drawing's own space, y downwards, into the unit square, y upwards.
    painter
        .content
        .transform([1.0 / size.width(), 0.0, 0.0, -1.0 / size.height(), 0.0, 1.0]);
    painter.group(tree.root(), 1.0)?;
    Some((painter.content.finish().into_vec(), painter.alphas))
}

/// The name of the `i`-th opacity state in the form's resources.
fn alpha_name(i: usize) -> String {
    format!("A{i}")
}

struct Painter {
    content: Content,
    /// The opacities used, in order of use.
    alphas: Alphas,
}

impl Painter {
    /// Draw `group`'s children, `opacity` being what the groups around it
    /// carry down; `None` for what paths cannot say.
    fn group(&mut self, group: &Group, opacity: f32) -> Option<()> {
        if group.mask().is_some()
            || !group.filters().is_empty()
            || group.blend_mode() != usvg::BlendMode::Normal
        {
            return None;
        }
        let own = group.opacity().get();
        // A group's opacity applies to what it draws as one picture; given to
        // each shape it is the same only when there is one shape.
        if own < 1.0 && shapes(group) > 1 {
            return None;
        }
        let opacity = opacity * own;
        self.content.save_state();
        let t = group.transform();
        if !t.is_identity() {
            self.content.transform(matrix(t));
        }
        if let Some(clip) = group.clip_path() {
            self.clip(clip)?;
        }
        for child in group.children() {
            match child {
                Node::Group(g) => self.group(g, opacity)?,
                Node::Path(p) => self.path(p, opacity)?,
                // The loader refuses drawings with text or pictures.
                Node::Image(_) | Node::Text(_) => return None,
            }
        }
        self.content.restore_state();
        Some(())
    }

    /// Clip to `clip` when it is a single shape with no clip of its own.
    fn clip(&mut self, clip: &usvg::ClipPath) -> Option<()> {
        let [Node::Path(shape)] = clip.root().children() else {
            return None;
        };
        if clip.clip_path().is_some() || !clip.root().transform().is_identity() {
            return None;
        }
        let data = shape.data().clone().transform(clip.transform())?;
        self.segments(&data);
        match shape.fill().map_or(FillRule::NonZero, |f| f.rule()) {
            FillRule::NonZero => self.content.clip_nonzero(),
            FillRule::EvenOdd => self.content.clip_even_odd(),
        };
        self.content.end_path();
        Some(())
    }

    fn path(&mut self, path: &usvg::Path, opacity: f32) -> Option<()> {
        if !path.is_visible() {
            return Some(());
        }
        let color = |paint: &Paint| match paint {
            Paint::Color(c) => Some([c.red, c.green, c.blue].map(|v| f32::from(v) / 255.0)),
            _ => None,
        };
        let fill = match path.fill() {
            Some(f) => Some((color(f.paint())?, f.opacity().get() * opacity, f.rule())),
            None => None,
        };
        let stroke = match path.stroke() {
            Some(s) => Some((color(s.paint())?, s.opacity().get() * opacity, s)),
            None => None,
        };
        let stroke_first = path.paint_order() == PaintOrder::StrokeAndFill;
        for paint_stroke in [stroke_first, !stroke_first] {
            if paint_stroke {
                if let Some(([r, g, b], alpha, s)) = stroke {
                    self.content.save_state();
                    self.alpha(1.0, alpha);
                    self.content
                        .set_stroke_rgb(r, g, b)
                        .set_line_width(s.width().get())
                        .set_miter_limit(s.miterlimit().get())
                        .set_line_cap(match s.linecap() {
                            LineCap::Butt => LineCapStyle::ButtCap,
                            LineCap::Round => LineCapStyle::RoundCap,
                            LineCap::Square => LineCapStyle::ProjectingSquareCap,
                        })
                        .set_line_join(match s.linejoin() {
                            LineJoin::Miter | LineJoin::MiterClip => LineJoinStyle::MiterJoin,
                            LineJoin::Round => LineJoinStyle::RoundJoin,
                            LineJoin::Bevel => LineJoinStyle::BevelJoin,
                        });
                    if let Some(dashes) = s.dasharray() {
                        self.content
                            .set_dash_pattern(dashes.iter().copied(), s.dashoffset());
                    }
                    self.segments(path.data());
                    self.content.stroke();
                    self.content.restore_state();
                }
            } else if let Some(([r, g, b], alpha, rule)) = fill {
                self.content.save_state();
                self.alpha(alpha, 1.0);
                self.content.set_fill_rgb(r, g, b);
                self.segments(path.data());
                match rule {
                    FillRule::NonZero => self.content.fill_nonzero(),
                    FillRule::EvenOdd => self.content.fill_even_odd(),
                };
                self.content.restore_state();
            }
        }
        Some(())
    }

    /// Set the fill and stroke opacities, when either is below one.
    fn alpha(&mut self, fill: f32, stroke: f32) {
        let key = |a: f32| (a.clamp(0.0, 1.0) * 1000.0).round() as u16;
        let key = (key(fill), key(stroke));
        if key == (1000, 1000) {
            return;
        }
        let i = match self.alphas.iter().position(|k| *k == key) {
            Some(i) => i,
            None => {
                self.alphas.push(key);
                self.alphas.len() - 1
            }
        };
        self.content.set_parameters(Name(alpha_name(i).as_bytes()));
    }

    /// The path's segments as PDF path operators; a quadratic curve is
    /// written as the cubic it equals.
    fn segments(&mut self, path: &usvg::tiny_skia_path::Path) {
        let mut last = (0.0f32, 0.0f32);
        for segment in path.segments() {
            match segment {
                PathSegment::MoveTo(p) => {
                    self.content.move_to(p.x, p.y);
                    last = (p.x, p.y);
                }
                PathSegment::LineTo(p) => {
                    self.content.line_to(p.x, p.y);
                    last = (p.x, p.y);
                }
                PathSegment::QuadTo(c, p) => {
                    let third = |from: f32, to: f32| from + (to - from) * 2.0 / 3.0;
                    self.content.cubic_to(
                        third(last.0, c.x),
                        third(last.1, c.y),
                        third(p.x, c.x),
                        third(p.y, c.y),
                        p.x,
                        p.y,
                    );
                    last = (p.x, p.y);
                }
                PathSegment::CubicTo(c1, c2, p) => {
                    self.content.cubic_to(c1.x, c1.y, c2.x, c2.y, p.x, p.y);
                    last = (p.x, p.y);
                }
                PathSegment::Close => {
                    self.content.close_path();
                }
            }
        }
    }
}

/// The number of shapes `group` draws, counting to two.
fn shapes(group: &Group) -> usize {
    let mut n = 0;
    for child in group.children() {
        n += match child {
            Node::Group(g) => shapes(g),
            _ => 1,
        };
        if n > 1 {
            break;
        }
    }
    n
}

/// A transform as a PDF matrix.
fn matrix(t: Transform) -> [f32; 6] {
    [t.sx, t.ky, t.kx, t.sy, t.tx, t.ty]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(svg: &str) -> usvg::Tree {
        crate::image::parse_svg(svg.as_bytes()).expect("an SVG")
    }

    /// The content stream drawing `svg`, and its opacities.
    fn form(svg: &str) -> Option<String> {
        let (content, alphas) = paint(&tree(svg))?;
        let content = String::from_utf8(content).expect("operators are ASCII");
        Some(format!("{content}\n{alphas:?}"))
    }

    #[test]
    fn the_form_is_the_unit_square_with_its_opacities_as_resources() {
        let mut pdf = pdf_writer::Pdf::new();
        let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">
            <rect width="4" height="4" fill="#000" opacity="0.25"/></svg>"##;
        write_form(&mut pdf, Ref::new(1), &tree(svg)).expect("paths");
        let out = String::from_utf8_lossy(&pdf.finish()).into_owned();
        assert!(out.contains("/Subtype /Form"), "{out}");
        assert!(out.contains("/BBox [0 0 1 1]"), "{out}");
        assert!(out.contains("/A0 <<"), "{out}");
        assert!(out.contains("/ca 0.25"), "{out}");
    }

    #[test]
    fn fills_strokes_and_transforms_become_paths() {
        let out = form(
            r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 50">
              <g transform="translate(10 5)"><rect width="20" height="10" fill="#ff0000" fill-opacity="0.5"/></g>
              <path d="M0 0 Q 50 50 100 0" fill="none" stroke="#000" stroke-width="2"/>
            </svg>"##,
        )
        .expect("paths");
        assert!(out.contains("0.01 0 0 -0.02 0 1 cm"), "{out}");
        assert!(out.contains("1 0 0 1 10 5 cm"), "{out}");
        assert!(out.contains("1 0 0 rg"), "{out}");
        assert!(out.contains("/A0 gs"), "{out}");
        assert!(out.ends_with("[(500, 1000)]"), "{out}");
        // The quadratic curve as a cubic: control points two thirds along.
        assert!(
            out.contains("33.333332 33.333332 66.66667 33.333332 100 0 c"),
            "{out}"
        );
        assert!(out.contains("2 w"), "{out}");
        assert!(out.lines().any(|l| l.trim() == "S"), "{out}");
    }

    #[test]
    fn gradients_and_masks_are_left_to_the_rendered_image() {
        let gradient = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">
            <linearGradient id="g"><stop offset="0" stop-color="#000"/><stop offset="1" stop-color="#fff"/></linearGradient>
            <rect width="10" height="10" fill="url(#g)"/></svg>"##;
        assert!(form(gradient).is_none());
        let faded_group = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">
            <g opacity="0.5"><rect width="6" height="6"/><rect x="3" y="3" width="6" height="6"/></g></svg>"##;
        assert!(form(faded_group).is_none());
        let one_faded = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">
            <g opacity="0.5"><rect width="6" height="6"/></g></svg>"##;
        assert!(form(one_faded).is_some());
    }

    #[test]
    fn a_clip_of_one_shape_is_a_clipping_path() {
        let out = form(
            r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">
              <clipPath id="c"><circle cx="5" cy="5" r="4"/></clipPath>
              <rect width="10" height="10" fill="#00f" clip-path="url(#c)"/></svg>"##,
        )
        .expect("paths");
        assert!(out.contains("h\nW\nn\n"), "{out}");
    }
}
