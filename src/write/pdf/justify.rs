//! Breaking a justified paragraph over its whole length: the breaks that keep its interword spaces closest to natural.
//!
//! A close approximation of Knuth and Plass's total-fit: a dynamic program
//! over the break candidates (the opportunities of Unicode line breaking,
//! and in a second pass the hyphenation points of the document's language)
//! that minimises the sum over lines of TeX's demerits, `(10 + badness)²`
//! with badness `100 r³`, `r` being how far the line's spaces are stretched
//! beyond natural (1 = twice natural), plus a penalty for each hyphen, a
//! larger one for two hyphenated lines in a row and for a hyphen before
//! the paragraph's last line. Spaces shrink to no less than 0.8 of
//! natural (`r` is then negative, -1 at that limit). A line stretched
//! beyond [`MAX_STRETCH`] costs more than any line within it, so the bound
//! holds wherever the paragraph allows it, and where it cannot (a long
//! word in a narrow column) the breaks that stretch least are taken.
//!
//! Hyphenation is a second pass, as TeX's `\pretolerance`: a paragraph
//! whose spaces all stay within [`ACCEPT`] without it is left as it is,
//! which keeps most paragraphs unhyphenated and the breaker fast; in the
//! others only the words around each loose line are hyphenated
//! ([`loose_words`]), and every word only where that leaves a line beyond
//! the bound. Each
//! candidate looks back only over the candidates less than a line's width
//! before it, so the work is linear in the paragraph's length. A paragraph
//! with a word wider than the line is broken first-fit (which cuts the word).

use super::fonts::FontSet;
use super::hyphenate::{self, Hyphenator};
use super::inline::Para;
use super::linebreak::{break_lines, opportunities, trim_end, Hyphen, LineSpec};

/// The stretch (beyond natural) a line should not exceed: spaces twice natural.
const MAX_STRETCH: f64 = 1.0;
/// A stretch beyond which no candidate further on is looked at, once one
/// nearer has reached the line's end (only the last line is set at its
/// natural width, and it looks at every candidate).
const GIVE_UP: f64 = 3.0;
/// How far spaces may shrink below natural (a fifth), so that a line can
/// take a syllable that would otherwise leave it loose.
const MAX_SHRINK: f64 = 0.2;
/// The stretch under which a paragraph is set without hyphenation.
const ACCEPT: f64 = 0.5;
/// Added to every line's badness, so that fewer lines are preferred.
const LINE_PENALTY: f64 = 10.0;
/// Demerits of a hyphenated line (TeX's `\hyphenpenalty` 50, squared).
const HYPHEN: f64 = 2_500.0;
/// Two hyphenated lines in a row (TeX's `\doublehyphendemerits`).
const DOUBLE_HYPHEN: f64 = 10_000.0;
/// A hyphen on the line before the last (TeX's `\finalhyphendemerits`).
const FINAL_HYPHEN: f64 = 5_000.0;
/// A line beyond [`MAX_STRETCH`]: more than any paragraph's lines within it.
const OVERSTRETCHED: f64 = 1.0e9;

/// A place a line may end.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    /// Where the next line starts.
    pos: usize,
    /// End of this line's visible text.
    end: usize,
    /// Spaces in the text before `pos` and before `end`.
    spaces_pos: u32,
    spaces_end: u32,
    hyphen: Option<Hyphen>,
}

/// How a paragraph's lines are measured.
struct Measure<'a> {
    para: &'a Para,
    cum: &'a [f64],
    width: f64,
    /// The natural interword space of the paragraph's first style.
    space: f64,
}

impl Measure<'_> {
    fn at(&self, b: usize) -> f64 {
        self.cum.get(b).copied().unwrap_or(0.0)
    }

    /// How much a line from `ci` to `cj` may shrink: its spaces down to
    /// `1 - MAX_SHRINK` of natural.
    fn shrink(&self, ci: Candidate, cj: Candidate) -> f64 {
        let spaces = cj.spaces_end.saturating_sub(ci.spaces_pos);
        f64::from(spaces) * self.space * MAX_SHRINK
    }
}

/// Break a justified paragraph into lines no wider than `width`, hyphenating
/// in `lang` where that keeps interword spaces closer to natural.
pub(crate) fn break_justified(
    para: &Para,
    cum: &[f64],
    width: f32,
    fonts: &FontSet,
    hyphenator: Option<Hyphenator<'_>>,
) -> Vec<LineSpec> {
    let text = para.text.as_str();
    let Some(first) = para.spans.first() else {
        return break_lines(text, cum, width);
    };
    let space = f64::from(fonts.face(first.style.face).advance(' ') * first.style.size);
    let m = Measure {
        para,
        cum,
        width: f64::from(width),
        space,
    };
    let opps: Vec<(usize, bool)> = opportunities(text).collect();
    // A piece between two opportunities wider than the line: first-fit cuts it.
    let mut prev = 0;
    for &(pos, _) in &opps {
        if m.at(trim_end(text, prev, pos)) - m.at(prev) > m.width + 0.01 {
            return break_lines(text, cum, width);
        }
        prev = pos;
    }
    let mut lines = Vec::new();
    let mut start = 0;
    let mut seg = Vec::new();
    for &(pos, mandatory) in &opps {
        seg.push(pos);
        if mandatory {
            let plain = candidates(&m, start, &seg, None, fonts);
            let Some((mut set, stretches)) = best_breaks(&m, &plain) else {
                return break_lines(text, cum, width);
            };
            if let Some(hy) = hyphenator {
                let words = loose_words(text, &set, &stretches);
                if !words.is_empty() {
                    let hyphenated = candidates(&m, start, &seg, Some((hy, Some(&words))), fonts);
                    if let Some((better, stretches)) = best_breaks(&m, &hyphenated) {
                        set = better;
                        // Still beyond the bound: every word may help,
                        // names too.
                        if stretches.iter().any(|&r| r > MAX_STRETCH) {
                            let every = Hyphenator { keep: &[], ..hy };
                            let all = candidates(&m, start, &seg, Some((every, None)), fonts);
                            if let Some((best, _)) = best_breaks(&m, &all) {
                                set = best;
                            }
                        }
                    }
                }
            }
            lines.extend(set);
            start = pos;
            seg.clear();
        }
    }
    if lines.is_empty() {
        return break_lines(text, cum, width);
    }
    lines
}

/// Where the words start that may help a line stretched beyond [`ACCEPT`]
/// if hyphenated: its last word and the first two of the next line, in
/// order. Hyphenating only these, rather than every word, keeps the second
/// pass cheap; the breaks are then chosen afresh over the whole paragraph.
fn loose_words(text: &str, lines: &[LineSpec], stretches: &[f64]) -> Vec<usize> {
    let mut out = Vec::new();
    for (k, (line, &r)) in lines.iter().zip(stretches).enumerate() {
        if r <= ACCEPT {
            continue;
        }
        let own = text.get(line.start..line.end).unwrap_or("");
        out.push(line.start + own.rfind(' ').map_or(0, |i| i + 1));
        if let Some(next) = lines.get(k + 1) {
            out.push(next.start);
            let rest = text.get(next.start..next.end).unwrap_or("");
            if let Some(i) = rest.find(' ') {
                let skip = rest[i..].len() - rest[i..].trim_start_matches(' ').len();
                out.push(next.start + i + skip);
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The candidates of the segment from `start` to the mandatory break that
/// ends `opps`, the segment's start first; with the hyphenation points, in
/// the language given, of the words starting at the offsets given (or of
/// every word).
fn candidates(
    m: &Measure,
    start: usize,
    opps: &[usize],
    hyphenate: Option<(Hyphenator<'_>, Option<&[usize]>)>,
    fonts: &FontSet,
) -> Vec<Candidate> {
    let text = m.para.text.as_str();
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(opps.len() + 1);
    let mut counted = start;
    let mut spaces = 0u32;
    let mut count_to = |b: usize| {
        spaces += bytes
            .get(counted..b)
            .map_or(0, |s| s.iter().filter(|&&c| c == b' ').count() as u32);
        counted = counted.max(b);
        spaces
    };
    out.push(Candidate {
        pos: start,
        end: start,
        spaces_pos: 0,
        spaces_end: 0,
        hyphen: None,
    });
    let mut points = Vec::new();
    let mut prev = start;
    for &pos in opps {
        let end = trim_end(text, prev, pos);
        if let Some((hy, words)) = hyphenate {
            points.clear();
            let mut at = prev;
            for token in text.get(prev..end).unwrap_or("").split(' ') {
                if words.is_none_or(|w| w.binary_search(&at).is_ok()) {
                    hyphenate::points(token, at, hy, &mut points);
                }
                at += token.len() + 1;
            }
            for &h in &points {
                let n = count_to(h);
                out.push(Candidate {
                    pos: h,
                    end: h,
                    spaces_pos: n,
                    spaces_end: n,
                    hyphen: hyphen_at(m.para, fonts, h),
                });
            }
        }
        let spaces_end = count_to(end);
        let spaces_pos = count_to(pos);
        out.push(Candidate {
            pos,
            end,
            spaces_pos,
            spaces_end,
            hyphen: None,
        });
        prev = pos;
    }
    out
}

/// The hyphen a line ending at byte `h` takes: in the style of the letter
/// before it, the soft hyphen's glyph where the face has one (so that text
/// extracted from the PDF reads the word whole), else a hyphen-minus.
fn hyphen_at(para: &Para, fonts: &FontSet, h: usize) -> Option<Hyphen> {
    let i = para.spans.partition_point(|s| s.end < h);
    let style = para.spans.get(i)?.style;
    let face = fonts.face(style.face);
    let ch = if face.has('\u{ad}') { '\u{ad}' } else { '-' };
    Some(Hyphen {
        ch,
        width: face.advance(ch) * style.size,
    })
}

/// The lines of least total demerits through `cands` (the first being the
/// segment's start, the last its mandatory break), and the stretch
/// of each line (0 for the last); none if the last cannot be reached.
fn best_breaks(m: &Measure, cands: &[Candidate]) -> Option<(Vec<LineSpec>, Vec<f64>)> {
    let n = cands.len();
    let mut best = vec![f64::INFINITY; n];
    let mut from = vec![0usize; n];
    best[0] = 0.0;
    let mut lo = 0;
    for j in 1..n {
        let cj = cands[j];
        let last = j + 1 == n;
        let hyphen_w = cj.hyphen.map_or(0.0, |h| f64::from(h.width));
        // `lo` moves on inside the loop for the next candidate's sake.
        let first = lo;
        for i in first..j {
            let ci = cands[i];
            let bare = m.at(cj.end) - m.at(ci.pos);
            let shrink = m.shrink(ci, cj);
            if bare - shrink > m.width + 0.01 {
                // Too wide now, and for every later candidate.
                if i == lo {
                    lo += 1;
                }
                continue;
            }
            if !best[i].is_finite() || bare + hyphen_w - shrink > m.width + 0.01 {
                continue;
            }
            // The last line is set at natural width: it must fit as it is.
            if last && bare > m.width + 0.01 {
                continue;
            }
            let mut d = if last {
                0.0
            } else {
                let r = stretch(m, ci, cj, bare + hyphen_w).abs();
                // Lines from later candidates are looser still: once one
                // is this loose and the candidate is reached, stop looking.
                if r > GIVE_UP && best[j].is_finite() {
                    break;
                }
                let badness = (100.0 * r * r * r).min(10_000.0);
                let mut d = (LINE_PENALTY + badness).powi(2);
                if r > MAX_STRETCH {
                    // Squared, so that a paragraph that cannot keep within
                    // the bound shares the excess between its lines.
                    d += OVERSTRETCHED * r * r;
                }
                d
            };
            let prev_hyphen = ci.hyphen.is_some();
            if cj.hyphen.is_some() {
                d += HYPHEN;
                if prev_hyphen {
                    d += DOUBLE_HYPHEN;
                }
            }
            if last && prev_hyphen {
                d += FINAL_HYPHEN;
            }
            let total = best[i] + d;
            if total < best[j] {
                best[j] = total;
                from[j] = i;
            }
        }
    }
    // Every opportunity is reached from the one before it (no piece is
    // wider than the line); a hyphenation point may be reached from none.
    if !best[n - 1].is_finite() {
        return None;
    }
    let mut path = vec![n - 1];
    while let Some(&j) = path.last() {
        if j == 0 {
            break;
        }
        path.push(from[j]);
    }
    path.reverse();
    let mut lines = Vec::with_capacity(path.len());
    let mut stretches = Vec::with_capacity(path.len());
    for w in path.windows(2) {
        let (ci, cj) = (cands[w[0]], cands[w[1]]);
        let last = w[1] + 1 == n;
        stretches.push(if last {
            0.0
        } else {
            let hyphen_w = cj.hyphen.map_or(0.0, |h| f64::from(h.width));
            stretch(m, ci, cj, m.at(cj.end) - m.at(ci.pos) + hyphen_w)
        });
        lines.push(LineSpec {
            start: ci.pos,
            end: cj.end,
            next: cj.pos,
            hard: last,
            hyphen: cj.hyphen,
        });
    }
    Some((lines, stretches))
}

/// How far a line from `ci` to `cj`, `natural` wide, stretches its spaces
/// beyond natural to fill the measure (0 = natural, 1 = twice natural).
/// A line wider than the measure shrinks its spaces: negative, where -1 is
/// spaces shrunk by [`MAX_SHRINK`].
fn stretch(m: &Measure, ci: Candidate, cj: Candidate, natural: f64) -> f64 {
    let slack = m.width - natural;
    let spaces = cj.spaces_end.saturating_sub(ci.spaces_pos);
    if spaces == 0 {
        return if slack.abs() < 0.01 { 0.0 } else { 100.0 };
    }
    let space = f64::from(spaces) * m.space.max(0.01);
    if slack < 0.0 {
        slack / (space * MAX_SHRINK)
    } else {
        slack / space
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Inline;
    use crate::write::pdf::flow::plain;
    use crate::write::pdf::fonts::Face;
    use crate::write::pdf::inline::{measure, Flattener, PageMap};
    use hypher::Lang;

    fn set(text: &str, width: f32, lang: Option<Lang>) -> (Para, Vec<f64>, Vec<LineSpec>) {
        let fonts = FontSet::load().unwrap();
        let pages = PageMap::Guess(1);
        let mut flat = Flattener::new(&fonts, &pages);
        let mut inlines = Vec::new();
        for (i, piece) in text.split('\n').enumerate() {
            if i > 0 {
                inlines.push(Inline::LineBreak);
            }
            inlines.push(Inline::Text(piece.to_string()));
        }
        flat.inlines(&inlines, plain(Face::Regular, 11.0));
        let para = flat.finish();
        let cum = measure(&para, &fonts);
        let lines = break_justified(
            &para,
            &cum,
            width,
            &fonts,
            lang.map(|lang| Hyphenator { lang, keep: &[] }),
        );
        (para, cum, lines)
    }

    const TEXT: &str = "The Special Rapporteur on the situation of human rights defenders \
        recommended that the Government consider the establishment of an independent \
        national mechanism for the protection of human rights defenders, and ensure \
        that legislation regulating the registration and functioning of non-governmental \
        organizations complies with international human rights standards, including \
        the right to freedom of association and peaceful assembly.";

    /// The stretch of each line but the last.
    fn stretches(para: &Para, cum: &[f64], lines: &[LineSpec], width: f32) -> Vec<f64> {
        let fonts = FontSet::load().unwrap();
        let space = f64::from(fonts.face(Face::Regular).advance(' ') * 11.0);
        lines[..lines.len() - 1]
            .iter()
            .map(|l| {
                let natural =
                    cum[l.end] - cum[l.start] + l.hyphen.map_or(0.0, |h| f64::from(h.width));
                let spaces = para.text[l.start..l.end].matches(' ').count() as f64;
                (f64::from(width) - natural) / (spaces * space)
            })
            .collect()
    }

    #[test]
    fn lines_fit_and_cover_the_text_in_order() {
        for width in [120.0, 200.0, 300.0, 451.0] {
            let (para, cum, lines) = set(TEXT, width, Some(Lang::English));
            let mut at = 0;
            for l in &lines {
                assert_eq!(l.start, at);
                let w = cum[l.end] - cum[l.start] + l.hyphen.map_or(0.0, |h| f64::from(h.width));
                let spaces = para.text[l.start..l.end].matches(' ').count() as f64;
                let shrink = spaces * 11.0 * 0.25 * MAX_SHRINK;
                assert!(w - shrink <= f64::from(width) + 0.01, "{w} > {width}");
                at = l.next;
            }
            assert_eq!(at, para.text.len());
            assert!(lines.last().is_some_and(|l| l.hard));
            assert!(lines[..lines.len() - 1].iter().all(|l| !l.hard));
        }
    }

    #[test]
    fn whole_paragraph_breaking_keeps_spaces_closer_to_natural_than_first_fit() {
        for width in [200.0, 250.0, 300.0] {
            let (para, cum, fitted) = set(TEXT, width, Some(Lang::English));
            let greedy = break_lines(&para.text, &cum, width);
            let worst = |v: Vec<f64>| v.into_iter().fold(0.0, f64::max);
            let f = worst(stretches(&para, &cum, &fitted, width));
            let g = worst(stretches(&para, &cum, &greedy, width));
            assert!(f <= g + 1e-9, "{width}: {f} against first-fit's {g}");
            if width >= 250.0 {
                assert!(f <= MAX_STRETCH, "{width}: stretch {f}");
            }
        }
    }

    #[test]
    fn hyphens_only_with_a_language_and_at_pattern_points() {
        let (para, _, lines) = set(TEXT, 160.0, None);
        assert!(lines.iter().all(|l| l.hyphen.is_none()));
        let (para2, _, lines) = set(TEXT, 160.0, Some(Lang::English));
        assert_eq!(para.text, para2.text);
        let hyphenated: Vec<&LineSpec> = lines.iter().filter(|l| l.hyphen.is_some()).collect();
        assert!(!hyphenated.is_empty());
        for l in hyphenated {
            // Inside a word: letters on both sides.
            let before = para.text[..l.end].chars().next_back().unwrap();
            let after = para.text[l.next..].chars().next().unwrap();
            assert!(before.is_alphabetic() && after.is_alphabetic(), "{l:?}");
            assert_eq!(l.hyphen.unwrap().ch, '\u{ad}');
        }
    }

    #[test]
    fn forced_breaks_and_long_words_still_break() {
        let (para, _, lines) = set("one two\nthree four", 451.0, Some(Lang::English));
        let got: Vec<&str> = lines.iter().map(|l| &para.text[l.start..l.end]).collect();
        assert_eq!(got, ["one two", "three four"]);
        assert!(lines[0].hard);
        let (para, _, lines) = set(
            "https://www.ohchr.org/en/hrbodies/upr/kazakhstan",
            60.0,
            Some(Lang::English),
        );
        let joined: String = lines.iter().map(|l| &para.text[l.start..l.end]).collect();
        assert_eq!(joined, para.text);
        assert!(lines.len() > 1);
        let (_, _, lines) = set("", 100.0, Some(Lang::English));
        assert_eq!(lines.len(), 1);
    }
}
