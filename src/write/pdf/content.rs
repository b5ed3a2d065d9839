//! Page content streams: lines, and text as glyph ids of the subset fonts.

use pdf_writer::Rect;

use super::boxes::{Draw, Ink, TextRun};
use super::embed::UsedFace;
use super::fonts::Face;
use super::layout::Page;
use super::tags::Plan;

fn rgb(ink: Ink) -> (f32, f32, f32) {
    match ink {
        Ink::Black => (0.0, 0.0, 0.0),
        Ink::Link => (0.0, 0.2, 0.6),
    }
}

/// A content stream under construction: operands and operators as PDF text.
///
/// Written here rather than through pdf-writer's `Content` because shown text is
/// two-byte glyph ids, written as binary literal strings: half the bytes of a
/// hex string (`<0026001C>`), so half the work for the compressor, and
/// smaller files.
pub(super) struct Stream(pub(super) Vec<u8>);

impl Stream {
    /// A number, rounded to a thousandth of a point, without an exponent (which
    /// PDF does not allow) or trailing zeros.
    fn num(&mut self, v: f32) -> &mut Self {
        let milli = if v.is_finite() {
            // Coordinates are within a page; the clamp only keeps nonsense bounded.
            (f64::from(v) * 1000.0).round().clamp(-1e15, 1e15) as i64
        } else {
            0
        };
        if milli < 0 {
            self.0.push(b'-');
        }
        let m = milli.unsigned_abs();
        self.int(m / 1000);
        let mut frac = m % 1000;
        if frac != 0 {
            self.0.push(b'.');
            let mut div = 100;
            while frac != 0 {
                self.0.push(b'0' + (frac / div) as u8);
                frac %= div;
                div /= 10;
            }
        }
        self.0.push(b' ');
        self
    }

    fn int(&mut self, n: u64) {
        self.0
            .extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
    }

    fn op(&mut self, op: &str) -> &mut Self {
        self.0.extend_from_slice(op.as_bytes());
        self.0.push(b'\n');
        self
    }

    /// A literal string of glyph ids, two bytes each, high byte first. Any
    /// byte may stand in a literal string (ISO 32000-1, 7.3.4.2) except the
    /// delimiters and the backslash, which are escaped, and a carriage return,
    /// which a reader would take for a line feed.
    fn glyphs(&mut self, codes: &[u16]) {
        self.0.push(b'(');
        for &c in codes {
            for byte in c.to_be_bytes() {
                match byte {
                    b'(' | b')' | b'\\' => self.0.extend_from_slice(&[b'\\', byte]),
                    b'\r' => self.0.extend_from_slice(b"\\r"),
                    _ => self.0.push(byte),
                }
            }
        }
        self.0.push(b')');
    }
}

/// The marked-content sequence open in a content stream.
#[derive(Clone, Copy, PartialEq)]
enum Marked {
    Artifact,
    /// Content of the element `plan.elements[id]`.
    Id(u32),
}

impl Stream {
    /// End the open sequence, if it is not `want`, and begin `want`.
    fn mark(&mut self, open: &mut Option<Marked>, want: Marked, plan: &Plan) {
        if *open == Some(want) {
            return;
        }
        if open.is_some() {
            self.op("EMC");
        }
        match want {
            Marked::Artifact => {
                self.op("/Artifact BMC");
            }
            Marked::Id(id) => {
                let name = plan
                    .elements
                    .get(id as usize)
                    .map_or(&b"P"[..], |n| n.tag_name());
                self.0.push(b'/');
                self.0.extend_from_slice(name);
                self.0.extend_from_slice(b" <</MCID ");
                self.int(u64::from(id));
                self.op(">> BDC");
            }
        }
        *open = Some(want);
    }

    /// End the open sequence, if any.
    fn unmark(&mut self, open: &mut Option<Marked>) {
        if open.take().is_some() {
            self.op("EMC");
        }
    }
}

/// The content stream of one page, its sequences marked as `plan` numbers
/// them; returns the stream and the page's links.
/// A page reference left out of a content stream (see `pagerefs`): its
/// run, whose number goes at byte `at` once the anchor's page is known.
/// The font, colour and marked content it is shown in are set before `at`.
pub(super) struct Hole {
    pub at: usize,
    pub run: TextRun,
}

/// The content stream of `page` and its links. With `holes`, each run
/// waiting for a page number is left out and listed there instead.
pub(super) fn page_content<'p>(
    page: &'p Page,
    plan: &Plan,
    height: f32,
    faces: &mut [Option<UsedFace>],
    codes: &mut Vec<u16>,
    mut holes: Option<&mut Vec<Hole>>,
) -> (Vec<u8>, Vec<(Rect, &'p str)>) {
    let mut out = Stream(Vec::with_capacity(4096));
    let mut links = Vec::new();
    // Where `show` puts a run's kerning and spacing moves, kept for the page.
    let mut moves: Vec<(usize, f64)> = Vec::new();
    let mut width = -1.0f32;
    let mut open = None;
    if let Some(logo) = page.logo {
        // The letterhead's logo: furniture, drawn first, under everything.
        out.op("/Artifact BMC").op("q");
        out.num(logo.w).num(0.0).num(0.0).num(logo.h);
        out.num(logo.x).num(height - logo.y - logo.h).op("cm");
        out.op("/Logo Do").op("Q").op("EMC");
    }
    let marked = |i: usize| match plan.mcid.get(i).copied().flatten() {
        Some(id) => Marked::Id(id),
        None => Marked::Artifact,
    };
    for (i, d) in page.draws.iter().enumerate() {
        if matches!(d, Draw::Line { .. } | Draw::Rect { .. }) {
            out.mark(&mut open, marked(i), plan);
        }
        match d {
            Draw::Line {
                x1,
                y1,
                x2,
                y2,
                width: w,
            } => {
                if *w != width {
                    out.num(*w).op("w");
                    width = *w;
                }
                out.num(*x1).num(height - y1).op("m");
                out.num(*x2).num(height - y2).op("l");
                out.op("S");
            }
            Draw::Rect {
                x, y, w, h, grey, ..
            } => {
                if width != 0.6 {
                    out.num(0.6).op("w");
                    width = 0.6;
                }
                out.num(*grey).op("g");
                out.num(*x).num(height - y - h).num(*w).num(*h).op("re");
                out.op("B");
                out.num(0.0).op("g");
            }
            Draw::Link {
                x, y, w, h, url, ..
            } => {
                links.push((
                    Rect::new(*x, height - y - h, x + w, height - y),
                    url.as_str(),
                ));
            }
            Draw::Text(_) => {}
        }
    }
    out.unmark(&mut open);
    // One text object holding every marked sequence of text, so that the
    // two nest.
    let text = page.draws.iter().any(|d| matches!(d, Draw::Text(_)));
    if text {
        out.op("BT");
    }
    let mut font: Option<(Face, f32)> = None;
    let mut ink: Option<Ink> = None;
    for (i, d) in page.draws.iter().enumerate() {
        let Draw::Text(run) = d else { continue };
        // Marked before anything is skipped: every planned sequence is in the stream.
        out.mark(&mut open, marked(i), plan);
        if run.text.is_empty() {
            continue;
        }
        let Some(used) = faces.get_mut(run.face.index()).and_then(Option::as_mut) else {
            continue;
        };
        if font != Some((run.face, run.size)) {
            out.0.push(b'/');
            out.0.extend_from_slice(run.face.resource_name().as_bytes());
            out.0.push(b' ');
            out.num(run.size).op("Tf");
            font = Some((run.face, run.size));
        }
        if ink != Some(run.ink) {
            let (r, g, b) = rgb(run.ink);
            out.num(r).num(g).num(b).op("rg");
            ink = Some(run.ink);
        }
        if let (Some(holes), Some(_)) = (holes.as_deref_mut(), &run.page_ref) {
            holes.push(Hole {
                at: out.0.len(),
                run: run.clone(),
            });
            continue;
        }
        out.op_matrix(run.x, height - run.y);
        show(&mut out, run, used, codes, &mut moves);
    }
    out.unmark(&mut open);
    if text {
        out.op("ET");
    }
    (out.0, links)
}

/// `content` with each hole filled by `fill` (which gives its run its
/// number and place, or false when the number does not fit), or `None`
/// if one does not fit.
pub(super) fn fill_holes(
    content: &[u8],
    holes: Vec<Hole>,
    height: f32,
    faces: &mut [Option<UsedFace>],
    codes: &mut Vec<u16>,
    mut fill: impl FnMut(&mut TextRun) -> bool,
) -> Option<Vec<u8>> {
    let mut out = Stream(Vec::with_capacity(content.len() + holes.len() * 48));
    let mut moves = Vec::new();
    let mut from = 0;
    for Hole { at, mut run } in holes {
        if !fill(&mut run) {
            return None;
        }
        out.0.extend_from_slice(&content[from..at]);
        from = at;
        let used = faces.get_mut(run.face.index()).and_then(Option::as_mut)?;
        out.op_matrix(run.x, height - run.y);
        show(&mut out, &run, used, codes, &mut moves);
    }
    out.0.extend_from_slice(&content[from..]);
    Some(out.0)
}

impl Stream {
    /// `1 0 0 1 x y Tm`: start a line of text at (x, y).
    fn op_matrix(&mut self, x: f32, y: f32) {
        self.0.extend_from_slice(b"1 0 0 1 ");
        self.num(x).num(y).op("Tm");
    }
}

/// Show a run: one string where no pair kerns and no space stretches, else
/// a `TJ` array moving each kerned glyph and each justified space.
fn show(
    out: &mut Stream,
    run: &TextRun,
    used: &mut UsedFace,
    codes: &mut Vec<u16>,
    moves: &mut Vec<(usize, f64)>,
) {
    codes.clear();
    used.encode(&run.text, codes);
    let m = used.metrics;
    // TJ numbers are thousandths of the font size, subtracted from the
    // position; each is due after `codes[..at]`.
    // Positive where a justified line stretches its spaces, negative where
    // the line breaker shrank them (justify.rs).
    let space = if run.space_extra != 0.0 && run.space_extra.is_finite() && run.size > 0.0 {
        -f64::from(run.space_extra) * 1000.0 / f64::from(run.size)
    } else {
        0.0
    };
    moves.clear();
    let mut push = |at: usize, shift: f64| match moves.last_mut() {
        Some((last, total)) if *last == at => *total += shift,
        _ => moves.push((at, shift)),
    };
    let mut prev: Option<u16> = None;
    for (at, c) in run.text.chars().enumerate() {
        let g = m.glyph_id(c);
        if let Some(p) = prev {
            let k = m.kerning(p, g);
            if k != 0.0 {
                push(at, -f64::from(k) * 1000.0);
            }
        }
        prev = Some(g);
        if c == ' ' && space != 0.0 {
            push(at + 1, space);
        }
    }
    if moves.is_empty() {
        out.glyphs(codes);
        out.0.push(b' ');
        out.op("Tj");
        return;
    }
    // Written as whole numbers, rounded so that their running sum stays
    // within half a unit of the exact one: the line still ends where it
    // should, and the stream is shorter.
    let mut exact = 0.0f64;
    let mut written = 0i64;
    let mut from = 0;
    out.0.push(b'[');
    for &(at, shift) in moves.iter() {
        exact += shift;
        let due = exact.round() as i64;
        if due == written {
            continue;
        }
        let at = at.min(codes.len());
        out.glyphs(&codes[from..at]);
        out.0.push(b' ');
        out.signed(due - written);
        written = due;
        from = at;
    }
    out.glyphs(&codes[from..]);
    out.0.extend_from_slice(b"] ");
    out.op("TJ");
}

impl Stream {
    /// A whole number and a space.
    fn signed(&mut self, n: i64) {
        if n < 0 {
            self.0.push(b'-');
        }
        self.int(n.unsigned_abs());
        self.0.push(b' ');
    }
}

#[cfg(test)]
mod tests {
    use super::Stream;

    #[test]
    fn glyph_ids_are_binary_with_delimiters_escaped() {
        let mut s = Stream(Vec::new());
        s.glyphs(&[0x0026, 0x0028, 0x2900, 0x005C, 0x0D0A, 0x0100]);
        assert_eq!(s.0, b"(\x00&\x00\\(\\)\x00\x00\\\\\\r\n\x01\x00)".to_vec());
    }

    #[test]
    fn numbers_are_written_as_pdf_reals() {
        let mut s = Stream(Vec::new());
        for v in [
            0.0,
            -0.0,
            0.5,
            62.362206,
            -3.25,
            1e-9,
            1e30,
            f32::NAN,
            f32::INFINITY,
            100.0,
            0.04,
        ] {
            s.num(v);
        }
        assert_eq!(
            String::from_utf8_lossy(&s.0),
            "0 0 0.5 62.362 -3.25 0 1000000000000 0 0 100 0.04 "
        );
    }
}
