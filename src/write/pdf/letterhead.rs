//! The letterhead on the page: the logo and sender block at the top of the
//! first page, the running footer and page number at the foot of the
//! others, and the logo as an image XObject.
//!
//! The letterhead is furniture, like a printed letterhead paper: its
//! drawing is an artifact in the tagged PDF, and the organisation's name
//! and address reach a reader through the letter's own text.

use pdf_writer::{Filter, Finish, Ref};

use super::out::Out;

use crate::document::{Align, Document, ImageFormat, Logo, SenderLine};

use super::boxes::{Draw, Ink, TextRun};
use super::emit::deflate;
use super::fonts::{Face, FontSet};
use super::style::Theme;
use super::tags::Tag;

/// Where the logo is drawn on a page: left edge, top, width and height, in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Placed {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

/// What the letterhead puts on the pages.
pub(crate) struct Furniture {
    /// Drawn at the top of the first page.
    pub head: Vec<Draw>,
    /// The logo's place on the first page.
    pub logo: Option<Placed>,
    /// Where the text of the first page begins.
    pub body_top: f32,
    /// Drawn at the top of every page after the first.
    pub later_head: Vec<Draw>,
    /// The logo's place on the pages after the first, if they show it.
    pub later_logo: Option<Placed>,
    /// Where the text of the pages after the first begins.
    pub later_top: f32,
    /// Lines of the later pages' head left out: it may take at most half
    /// the text area, so that the text still has room.
    pub later_left_out: usize,
    /// Whether the first page shows its number.
    pub first_number: bool,
    /// Text at the foot of every page after the first.
    pub footer: Option<String>,
}

/// A head placed on a page: what it draws, where its logo goes, and where
/// the text below it may begin.
struct Head {
    draws: Vec<Draw>,
    logo: Option<Placed>,
    body_top: f32,
}

impl Head {
    /// `lines` and `logo` placed as a header aligns them: from half way
    /// into the top margin, where a DOCX header starts; the lines beside
    /// the logo where there is room, else below it (a centred logo over
    /// centred lines, as a Word letterhead often has them). A line wider
    /// than the text is broken between words, as a footer is.
    fn place(
        lines: &[SenderLine],
        align: Option<Align>,
        logo: Option<(&Logo, Option<Align>)>,
        theme: &Theme,
        fonts: &FontSet,
    ) -> Head {
        let top = theme.margin_top / 2.0;
        let mut bottom = top;
        let mut placed_logo = None;
        if let Some((logo, logo_align)) = logo {
            let (mut w, mut h) = logo.size_pt();
            let max_w = theme.text_width * 0.5;
            if w > max_w {
                h *= max_w / w;
                w = max_w;
            }
            let x = match logo_align {
                Some(Align::Center) => theme.margin_start + (theme.text_width - w) / 2.0,
                Some(Align::End) => theme.margin_start + theme.text_width - w,
                _ => theme.margin_start,
            };
            placed_logo = Some(Placed { x, y: top, w, h });
            bottom = bottom.max(top + h);
        }
        let size = Head::size(theme);
        let leading = size * 1.25;
        let end = theme.margin_start + theme.text_width;
        let lines: Vec<(Face, String)> = lines
            .iter()
            .flat_map(|line| {
                let face = if line.strong {
                    Face::Bold
                } else {
                    Face::Regular
                };
                fit(&line.text, theme.text_width, |s| fonts.width(face, size, s))
                    .into_iter()
                    .map(move |part| (face, part))
            })
            .collect();
        // Each line with where it starts, its width and face.
        let placed: Vec<(f32, f32, Face, String)> = lines
            .into_iter()
            .map(|(face, line)| {
                let w = fonts.width(face, size, &line);
                let x = match align {
                    None | Some(Align::End) => end - w,
                    Some(Align::Center) => theme.margin_start + (theme.text_width - w) / 2.0,
                    Some(Align::Start | Align::Justify) => theme.margin_start,
                };
                (x, w, face, line)
            })
            .collect();
        let first = match placed_logo {
            Some(logo)
                if placed
                    .iter()
                    .any(|(x, w, ..)| *x < logo.x + logo.w + size && x + w > logo.x - size) =>
            {
                top + logo.h + size * 1.5
            }
            _ => top + size,
        };
        let mut draws = Vec::new();
        for (i, (x, _, face, text)) in placed.into_iter().enumerate() {
            let baseline = first + leading * i as f32;
            // Its e-mail and web addresses open as links, as in the text;
            // like the letterhead itself, they stand outside the structure.
            let line = SenderLine::regular(text);
            for (range, url) in line.links() {
                draws.push(Draw::Link {
                    x: x + fonts.width(face, size, &line.text[..range.start]),
                    y: baseline - size * 0.9,
                    w: fonts.width(face, size, &line.text[range]),
                    h: size * 1.15,
                    url,
                    tag: Tag::Artifact,
                });
            }
            let text = line.text;
            draws.push(Draw::Text(TextRun {
                x,
                y: baseline,
                face,
                size,
                text,
                space_extra: 0.0,
                ink: Ink::Black,
                page_ref: None,
                tag: Tag::Artifact,
            }));
            bottom = bottom.max(baseline + size * 0.3);
        }
        Head {
            draws,
            logo: placed_logo,
            body_top: theme.margin_top.max(bottom + theme.body_size * 2.0),
        }
    }

    /// The type size of a head's lines.
    fn size(theme: &Theme) -> f32 {
        theme.footer_size + 1.0
    }

    /// The head kept above `limit`, the text beginning there at the
    /// latest: the lines that would reach below it left out, and how many.
    fn keep_above(&mut self, limit: f32, theme: &Theme) -> usize {
        if self.body_top <= limit {
            return 0;
        }
        let room = limit - theme.body_size * 2.0 - Head::size(theme) * 0.3;
        let lines = |draws: &[Draw]| draws.iter().filter(|d| matches!(d, Draw::Text(_))).count();
        let before = lines(&self.draws);
        // A line's links go with it: a link's top is 0.9 of the size above
        // the baseline, and it is 1.15 of the size high.
        self.draws.retain(|d| match d {
            Draw::Text(t) => t.y <= room,
            Draw::Link { y, h, .. } => y + h * (0.9 / 1.15) <= room,
            _ => true,
        });
        self.body_top = limit;
        before - lines(&self.draws)
    }
}

impl Furniture {
    /// The furniture of `doc`; a document without a letterhead has none
    /// but its page numbers.
    pub(crate) fn new(doc: &Document, theme: &Theme, fonts: &FontSet) -> Furniture {
        let lh = &doc.letterhead;
        let mut f = Furniture {
            head: Vec::new(),
            logo: None,
            body_top: theme.margin_top,
            later_head: Vec::new(),
            later_logo: None,
            later_top: theme.margin_top,
            later_left_out: 0,
            first_number: doc.page.first_page_number,
            footer: lh.footer.clone(),
        };
        if lh.logo.is_some() || !lh.sender.is_empty() {
            let logo = lh.logo.as_ref().map(|l| (l, lh.logo_align));
            let head = Head::place(&lh.sender, lh.sender_align, logo, theme, fonts);
            f.head = head.draws;
            f.logo = head.logo;
            f.body_top = head.body_top;
        }
        if let Some(later) = &lh.later_head {
            let logo = later.logo.as_ref().map(|l| (l, later.logo_align));
            let mut head = Head::place(&later.lines, Some(later.align), logo, theme, fonts);
            // On every page, the head may take half the text area at most.
            f.later_left_out = head.keep_above(theme.margin_top + theme.body_height() / 2.0, theme);
            f.later_head = head.draws;
            f.later_logo = head.logo;
            f.later_top = head.body_top;
        }
        f
    }

    /// What goes at the foot of page `page` (from 1): the running footer
    /// at the start after the first page, and the number, centred, or at
    /// the end beside a running footer. A footer too long for its line is
    /// broken between words into lines that rise from the foot, never cut
    /// and never run under the number or past the margin.
    pub(crate) fn foot(&self, page: u32, theme: &Theme, fonts: &FontSet) -> Vec<Draw> {
        let size = theme.footer_size;
        let y = theme.page_height - theme.margin_bottom / 2.0 + size * 0.3;
        let run = |x: f32, y: f32, text: String| {
            Draw::Text(TextRun {
                x,
                y,
                face: Face::Regular,
                size,
                text,
                space_extra: 0.0,
                ink: Ink::Black,
                page_ref: None,
                tag: Tag::Artifact,
            })
        };
        let mut out = Vec::new();
        let running = self.footer.as_ref().filter(|_| page > 1);
        let numbered = page > 1 || self.first_number;
        let label = page.to_string();
        let number_w = fonts.width(Face::Regular, size, &label);
        if let Some(text) = running {
            // Room for the number, and a space's worth before it.
            let room = if numbered {
                theme.text_width - number_w - size
            } else {
                theme.text_width
            };
            let lines = fit(text, room, |s| fonts.width(Face::Regular, size, s));
            let leading = size * 1.2;
            let n = lines.len();
            for (k, line) in lines.into_iter().enumerate() {
                out.push(run(
                    theme.margin_start,
                    y - leading * (n - 1 - k) as f32,
                    line,
                ));
            }
        }
        if numbered {
            let x = if running.is_some() {
                theme.margin_start + theme.text_width - number_w
            } else {
                theme.margin_start + (theme.text_width - number_w) / 2.0
            };
            out.push(run(x, y, label));
        }
        out
    }
}

/// What of the letterhead's heads does not fit, said so that no line of
/// them is lost unseen: the sender block's lines below the first page's
/// text area, and the later pages' head beyond half of theirs.
pub(crate) fn overflow(doc: &Document) -> Vec<String> {
    let lh = &doc.letterhead;
    if lh.sender.is_empty() && lh.later_head.is_none() {
        return Vec::new();
    }
    let (Ok(theme), Ok(fonts)) = (Theme::new(&doc.page), FontSet::load()) else {
        return Vec::new();
    };
    let furniture = Furniture::new(doc, &theme, &fonts);
    let mut out = Vec::new();
    let bottom = theme.page_height - theme.margin_bottom;
    let lines = furniture
        .head
        .iter()
        .filter(|d| matches!(d, Draw::Text(_)))
        .count();
    let below = furniture
        .head
        .iter()
        .filter(|d| matches!(d, Draw::Text(t) if t.y > bottom))
        .count();
    if below > 0 {
        out.push(format!(
            "the letterhead's sender block is {lines} lines long, and {below} of them run \
             into the first page's lower margin or off the page; shorten `sender` under \
             [letterhead] in documents.toml, or the header of the reference DOCX"
        ));
    }
    if furniture.later_left_out > 0 {
        out.push(format!(
            "the reference DOCX's header for the pages after the first would take more than \
             half of each page; {} of its lines are left out there: shorten that header",
            furniture.later_left_out
        ));
    }
    out
}

/// `text` broken between words into lines no wider than `room` by `width`,
/// a word wider than that alone broken between its characters; every
/// character kept.
fn fit(text: &str, room: f32, width: impl Fn(&str) -> f32) -> Vec<String> {
    if width(text) <= room {
        return vec![text.to_string()];
    }
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let joined = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if width(&joined) <= room {
            line = joined;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        for ch in word.chars() {
            line.push(ch);
            if width(&line) > room && line.chars().count() > 1 {
                line.pop();
                lines.push(std::mem::replace(&mut line, ch.to_string()));
            }
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// The resolution an SVG logo is rendered at when it cannot be written as
/// paths, in pixels to the inch.
const SVG_DPI: f32 = 300.0;

/// Write `logo` as an XObject `id`: an image (with a soft mask for its
/// transparency, numbered by `next`), or a form of paths for an SVG
/// drawing; `None` when it cannot be decoded, which the loader has ruled
/// out for a dataset's logo.
pub(crate) fn write_logo(
    pdf: &mut Out,
    id: Ref,
    logo: &Logo,
    next: impl FnMut() -> Ref,
) -> Option<()> {
    match logo.format {
        ImageFormat::Jpeg => {
            let grey = crate::image::jpeg_components(&logo.data) == 1;
            let mut img = pdf.image_xobject(id, &logo.data);
            img.filter(Filter::DctDecode);
            img.width(i32::try_from(logo.width_px).ok()?)
                .height(i32::try_from(logo.height_px).ok()?)
                .bits_per_component(8);
            if grey {
                img.color_space().device_gray();
            } else {
                img.color_space().device_rgb();
            }
            img.finish();
        }
        ImageFormat::Png => {
            let px = crate::image::decode_png(&logo.data).ok()?;
            write_pixels(pdf, id, &px, next)?;
        }
        ImageFormat::Svg => {
            let tree = crate::image::parse_svg(&logo.data).ok()?;
            if super::drawing::write_form(pdf, id, &tree).is_none() {
                // What paths cannot say, as pixels: 300 to the inch at the
                // printed width.
                let px_wide = (logo.size_pt().0 / 72.0 * SVG_DPI).ceil() as u32;
                let px = crate::image::render_svg(&logo.data, px_wide).ok()?;
                write_pixels(pdf, id, &px, next)?;
            }
        }
    }
    Some(())
}

/// Write `px` as the image XObject `id`, its alpha as a soft mask
/// numbered by `next`.
fn write_pixels(
    pdf: &mut Out,
    id: Ref,
    px: &crate::image::Pixels,
    mut next: impl FnMut() -> Ref,
) -> Option<()> {
    let width = i32::try_from(px.width).ok()?;
    let height = i32::try_from(px.height).ok()?;
    let mask = px.alpha.as_ref().map(|alpha| {
        let m = next();
        let z = deflate(alpha);
        let mut img = pdf.image_xobject(m, z.as_deref().unwrap_or(alpha));
        if z.is_some() {
            img.filter(Filter::FlateDecode);
        }
        img.width(width).height(height).bits_per_component(8);
        img.color_space().device_gray();
        img.finish();
        m
    });
    let color = deflate(&px.color);
    let mut img = pdf.image_xobject(id, color.as_deref().unwrap_or(&px.color));
    if color.is_some() {
        img.filter(Filter::FlateDecode);
    }
    img.width(width).height(height).bits_per_component(8);
    if px.grey {
        img.color_space().device_gray();
    } else {
        img.color_space().device_rgb();
    }
    if let Some(m) = mask {
        img.s_mask(m);
    }
    img.finish();
    Some(())
}

#[cfg(test)]
mod tests {
    use super::fit;

    /// Every character is one unit wide.
    fn width(s: &str) -> f32 {
        s.chars().count() as f32
    }

    #[test]
    fn a_footer_that_fits_stays_one_line() {
        assert_eq!(
            fit("Committee · ref. 12", 40.0, width),
            ["Committee · ref. 12"]
        );
    }

    #[test]
    fn a_long_footer_breaks_between_words_and_keeps_every_one() {
        let text = "Brevonian Committee for Civic Freedoms, 12 Harbour Street, Port Brevis";
        let lines = fit(text, 30.0, width);
        assert_eq!(
            lines,
            [
                "Brevonian Committee for Civic",
                "Freedoms, 12 Harbour Street,",
                "Port Brevis"
            ]
        );
        assert!(lines.iter().all(|l| width(l) <= 30.0));
        assert_eq!(lines.join(" "), text);
    }

    #[test]
    fn a_word_longer_than_the_line_is_broken_between_characters() {
        let lines = fit("see https://example.org/a/very/long/path", 12.0, width);
        assert!(lines.iter().all(|l| width(l) <= 12.0), "{lines:?}");
        assert_eq!(lines.concat(), "seehttps://example.org/a/very/long/path");
    }
}
