//! Breaking a paragraph into lines on real glyph widths, and setting each line as drawing commands.
//!
//! Breaking here is greedy first-fit over the break opportunities of Unicode
//! line breaking (UAX #14), linear in the paragraph's length, for text set
//! ragged (start, end, centre) and in table cells; justified paragraphs are
//! broken over their whole length by [`super::justify`]. A word wider than
//! the line is cut between characters. Justified lines get extra space after each
//! U+0020; the emitter writes it as per-space offsets in the text operator.

use unicode_linebreak::{linebreaks, BreakOpportunity};

use crate::document::Align;

use super::boxes::{Draw, Ink, PageRefSlot, TextRun, VBox};
use super::inline::{Mark, Para};
use super::tags::Tag;

/// One line of a paragraph, as byte offsets into its text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct LineSpec {
    pub start: usize,
    /// End of the visible text (trailing spaces and line breaks trimmed).
    pub end: usize,
    /// Where the next line starts.
    pub next: usize,
    /// Ends at a forced break or the paragraph's end: never justified.
    pub hard: bool,
    /// Ends inside a word, with this hyphen drawn after `end`.
    pub hyphen: Option<Hyphen>,
}

/// The hyphen drawn at the end of a line that breaks a word.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Hyphen {
    /// The character drawn: the soft hyphen where the face has a glyph for
    /// it, so that text extracted from the PDF reads the word whole.
    pub ch: char,
    /// Its width, in points.
    pub width: f32,
}

pub(crate) fn trim_end(text: &str, start: usize, end: usize) -> usize {
    // Byte by byte: a space or a line feed is never part of a longer
    // character in UTF-8. Called at every break opportunity.
    let Some(slice) = text.get(start..end) else {
        return start;
    };
    let mut kept = slice.len();
    while kept > 0 && matches!(slice.as_bytes()[kept - 1], b' ' | b'\n') {
        kept -= 1;
    }
    start + kept
}

/// Break `para` into lines no wider than `width` (cum from [`super::inline::measure`]).
pub(crate) fn break_lines(text: &str, cum: &[f64], width: f32) -> Vec<LineSpec> {
    let w = |a: usize, b: usize| {
        cum.get(b).copied().unwrap_or(0.0) - cum.get(a).copied().unwrap_or(0.0)
    };
    let fits = |a: usize, b: usize| w(a, b) <= f64::from(width) + 0.01;
    let mut lines: Vec<LineSpec> = Vec::new();
    let mut start = 0usize;
    let mut last_fit: Option<usize> = None;
    let mut opps = opportunities(text);
    let mut pending = opps.next();
    while let Some((pos, mandatory)) = pending {
        let end = trim_end(text, start, pos);
        if fits(start, end) {
            if mandatory {
                match lines.last_mut() {
                    // A word cut to the very end leaves nothing for this line.
                    Some(prev) if start == end && !prev.hard && prev.next == start => {
                        prev.hard = true;
                        prev.next = pos;
                    }
                    _ => lines.push(LineSpec {
                        start,
                        end,
                        next: pos,
                        hard: true,
                        hyphen: None,
                    }),
                }
                start = pos;
                last_fit = None;
            } else {
                last_fit = Some(pos);
            }
            pending = opps.next();
        } else if let Some(lf) = last_fit.take() {
            lines.push(LineSpec {
                start,
                end: trim_end(text, start, lf),
                next: lf,
                hard: false,
                hyphen: None,
            });
            start = lf;
        } else {
            // One word wider than the line: cut it after the last character that fits
            // (at least one, so that the loop always advances).
            let word = text.get(start..end).unwrap_or("");
            let mut cut = None;
            for (i, c) in word.char_indices() {
                let b = start + i + c.len_utf8();
                if cut.is_some() && !fits(start, b) {
                    break;
                }
                cut = Some(b);
            }
            let cut = cut.unwrap_or(end).max(start + 1).min(end);
            lines.push(LineSpec {
                start,
                end: cut,
                next: cut,
                hard: false,
                hyphen: None,
            });
            start = cut;
        }
    }
    if lines.is_empty() {
        lines.push(LineSpec {
            start: 0,
            end: 0,
            next: 0,
            hard: true,
            hyphen: None,
        });
    }
    lines
}

/// The break opportunities of `text` (position, whether mandatory): those
/// of Unicode line breaking, but for the space between a reference word and
/// its number ("article 16"), which [`ties`].
pub(crate) fn opportunities(text: &str) -> Box<dyn Iterator<Item = (usize, bool)> + '_> {
    let opps =
        unicode_opportunities(text).filter(move |&(at, mandatory)| mandatory || !ties(text, at));
    let address = text.contains('@');
    let symbols: Vec<usize> = if text.contains('/') {
        symbol_breaks(text).collect()
    } else {
        Vec::new()
    };
    if !address && symbols.is_empty() {
        return Box::new(opps);
    }
    // An e-mail address may break before its "@" and before each dot of
    // its domain, as style guides allow, so that a paragraph ending in one
    // need not leave its width in the spaces of the lines before; a long
    // document symbol, after the slashes in its middle.
    let mut all: Vec<(usize, bool)> = opps.collect();
    if address {
        all.extend(address_breaks(text).map(|at| (at, false)));
    }
    all.extend(symbols.into_iter().map(|at| (at, false)));
    all.sort_unstable_by_key(|&(at, mandatory)| (at, !mandatory));
    all.dedup_by_key(|(at, _)| *at);
    Box::new(all.into_iter())
}

/// The places inside the long document symbols of `text` (see
/// [`symbol_tie`]) a line may break: after each slash but the first,
/// digits after it or not ("A/HRC/ 35/990/Add.1").
fn symbol_breaks(text: &str) -> impl Iterator<Item = usize> + '_ {
    text.match_indices('/')
        .map(|(at, _)| at + 1)
        .filter(move |&at| {
            at < text.len()
                && symbol_around(text, at).is_some_and(|(word, start)| {
                    word.len() > MAX_SYMBOL && !first_slash(word, start, at)
                })
        })
}

/// The bytes of the word of `text` around byte `at` (a char boundary),
/// between the whitespace before and after it, which may be wider than a
/// byte (a no-break space).
fn word_around(text: &str, at: usize) -> (usize, usize) {
    let start = text[..at]
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(p, c)| p + c.len_utf8());
    let end = text[at..]
        .find(char::is_whitespace)
        .map_or(text.len(), |p| at + p);
    (start, end)
}

/// The places inside the e-mail addresses of `text` a line may break: before
/// the "@" and before each dot after it.
fn address_breaks(text: &str) -> impl Iterator<Item = usize> + '_ {
    text.match_indices('@').flat_map(move |(at, _)| {
        let is_part = |c: char| c.is_alphanumeric() || matches!(c, '.' | '-' | '_' | '+');
        let start = text[..at].rfind(|c: char| !is_part(c)).map_or(0, |p| p + 1);
        let end = text[at + 1..]
            .find(|c: char| !is_part(c))
            .map_or(text.len(), |p| at + 1 + p);
        let domain = text[at + 1..end].trim_end_matches('.');
        // A local part and a domain with a dot: an address, not a handle.
        let address = at > start && domain.contains('.');
        let dots = domain
            .match_indices('.')
            .map(move |(i, _)| at + 1 + i)
            .filter(move |_| address);
        address.then_some(at).into_iter().chain(dots)
    })
}

/// Words a number is tied to, as publications set them: no line starts
/// with the number of "article 16", "para 9", "recommendation 95.42",
/// "resolution 60/251", "No. 3" or "p. 4". Compared in lower case.
const TIED_WORDS: &[&str] = &[
    "article",
    "articles",
    "art.",
    "para",
    "paras",
    "paragraph",
    "paragraphs",
    "recommendation",
    "recommendations",
    "resolution",
    "resolutions",
    "no.",
    "nos.",
    "nº",
    "p.",
    "pp.",
    "§",
    "статья",
    "статьи",
    "пункт",
    "пункты",
    "резолюция",
    "резолюции",
    "№",
];

/// Whether `word` names a month a day's number is tied to, either side
/// ("10 May", "May 10"): in English, or a Russian genitive ("17 октября").
fn is_month(word: &str) -> bool {
    let lower = word.to_lowercase();
    hrdraft_sdk::MONTHS
        .iter()
        .any(|m| m.eq_ignore_ascii_case(&lower))
        || crate::render::helpers::RU_GENITIVE.contains(&lower.as_str())
}

/// Whether the break before byte `at` of `text` would part a number from
/// the reference word before it, a day from its month, or a Russian year
/// from its "г.".
fn ties(text: &str, at: usize) -> bool {
    let bytes = text.as_bytes();
    if at == 0 || at >= bytes.len() {
        return false;
    }
    if bytes[at - 1] != b' ' {
        // Inside a word: a symbol's break comes after a slash or a hyphen.
        return matches!(bytes[at - 1], b'/' | b'-') && symbol_tie(text, at);
    }
    // Every tie has a number on one side of the space (a reference word or
    // a month before it, a day before a month): most spaces are looked at
    // no further.
    let number_after = bytes[at].is_ascii_digit();
    let number_before = at >= 2 && bytes[at - 2].is_ascii_digit();
    if !(number_after || number_before) {
        return false;
    }
    let before = text[..at].trim_end_matches(' ');
    let start = before.rfind(char::is_whitespace).map_or(0, |p| {
        p + before[p..].chars().next().map_or(1, char::len_utf8)
    });
    let word = before[start..].trim_start_matches(['(', '[', '“', '‘', '"', '\'']);
    let next = text[at..]
        .split(|c: char| c.is_whitespace())
        .next()
        .unwrap_or("");
    let next = next.trim_end_matches([',', '.', ';', ':', ')', ']', '”', '’', '"', '\'']);
    let is_day = |w: &str| (1..=2).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_digit());
    if bytes[at].is_ascii_digit() {
        let word = word.to_lowercase();
        TIED_WORDS.contains(&word.as_str()) || (is_month(&word) && is_day(next))
    } else {
        // "2023 г.", "1990–1992 гг.": the Russian year's abbreviation stays
        // with the number before it.
        (is_day(word) && is_month(next)) || matches!(next, "г" | "гг")
    }
}

/// The longest document symbol kept whole on a line, in bytes: a longer
/// one ("A/HRC/WG.6/7/KAZ/1", "A/HRC/14/14/Add.1") may break after a slash
/// in its middle, as a justified line would otherwise have to leave its
/// width in its spaces (docs/typesetting.md).
const MAX_SYMBOL: usize = 16;

/// Whether the break before byte `at` of `text`, just after a slash or a
/// hyphen, would split a UN document symbol ("A/HRC/14/10",
/// "CCPR/C/KAZ/CO/1"): a word of capitals, digits, dots and hyphens joined
/// by slashes, starting with a capital. One of up to [`MAX_SYMBOL`] bytes
/// stays whole; a longer one breaks only after its second slash or a later
/// one, so that its first part ("A/") never ends a line alone. Web
/// addresses, which must break, are not symbols.
fn symbol_tie(text: &str, at: usize) -> bool {
    if at == 0 || at >= text.len() || !text.is_char_boundary(at) {
        return false;
    }
    let Some((word, start)) = symbol_around(text, at) else {
        return false;
    };
    word.len() <= MAX_SYMBOL || text.as_bytes()[at - 1] != b'/' || first_slash(word, start, at)
}

/// The UN document symbol the word around byte `at` of `text` is, without
/// the punctuation around it, and the byte it starts at; none when that
/// word is not a symbol (see [`symbol_tie`]).
fn symbol_around(text: &str, at: usize) -> Option<(&str, usize)> {
    let (start, end) = word_around(text, at);
    let word = &text[start..end];
    let trimmed = word.trim_start_matches(['(', '[', '“', '‘', '"', '\'']);
    let start = start + (word.len() - trimmed.len());
    let word = trimmed.trim_end_matches([',', '.', ';', ':', ')', ']', '”', '’', '"', '\'']);
    let symbol = word.contains('/')
        && word.starts_with(|c: char| c.is_ascii_uppercase())
        && !word.contains("//")
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '.' | '-'));
    symbol.then_some((word, start))
}

/// Whether the break before byte `at`, in `word` starting at byte `start`
/// of the text, comes after the symbol's first slash ("A/"), or before it.
fn first_slash(word: &str, start: usize, at: usize) -> bool {
    at.checked_sub(start)
        .and_then(|n| word.get(..n))
        .is_none_or(|before| before.matches('/').count() < 2)
}

/// The break opportunities of `text` (position, whether mandatory), as
/// Unicode line breaking finds them.
///
/// Most text of a report is plain ASCII words and punctuation, for which
/// the rules come down to: a line may break after spaces, but not before
/// closing punctuation, nor after an opening parenthesis and its spaces;
/// and before an opening parenthesis that follows punctuation.
/// Such text takes that short cut, several times faster than the full rules
/// (a test holds the two equal on random text); any other character sends
/// the whole paragraph through the full rules.
fn unicode_opportunities(text: &str) -> Box<dyn Iterator<Item = (usize, bool)> + '_> {
    if text.is_empty() || !text.bytes().all(plain) {
        return Box::new(linebreaks(text).map(|(p, o)| (p, o == BreakOpportunity::Mandatory)));
    }
    let bytes = text.as_bytes();
    let mut before_spaces = 0u8;
    let breaks = (1..bytes.len()).filter_map(move |j| {
        let (prev, c) = (bytes[j - 1], bytes[j]);
        if prev != b' ' {
            before_spaces = prev;
            // An opening parenthesis straight after punctuation: "end.(next".
            let after_punctuation = c == b'(' && matches!(prev, b',' | b'.' | b';' | b':' | b')');
            return after_punctuation.then_some((j, false));
        }
        let allowed = c != b' '
            && !matches!(c, b',' | b'.' | b';' | b':' | b')')
            && before_spaces != b'('
            && !(matches!(before_spaces, b'"' | b'\'') && c == b'(');
        allowed.then_some((j, false))
    });
    Box::new(breaks.chain(std::iter::once((text.len(), true))))
}

/// Bytes of the text the short cut of [`opportunities`] knows the rules for.
fn plain(b: u8) -> bool {
    b.is_ascii_alphanumeric()
        || matches!(
            b,
            b' ' | b',' | b'.' | b';' | b':' | b'(' | b')' | b'\'' | b'"'
        )
}

/// Where and how lines are set.
#[derive(Debug, Clone, Copy)]
pub(crate) struct LineFrame {
    pub x: f32,
    pub width: f32,
    pub align: Align,
    pub height: f32,
    pub baseline: f32,
}

/// Sets lines of a paragraph as boxes; walks spans and marks once for all lines.
pub(crate) struct LineSetter<'a> {
    para: &'a Para,
    cum: &'a [f64],
    span: usize,
    mark: usize,
}

impl<'a> LineSetter<'a> {
    pub(crate) fn new(para: &'a Para, cum: &'a [f64]) -> Self {
        LineSetter {
            para,
            cum,
            span: 0,
            mark: 0,
        }
    }

    fn at(&self, b: usize) -> f64 {
        self.cum.get(b).copied().unwrap_or(0.0)
    }

    /// The width of `text[a..b]`, taken from the cumulative widths in f64
    /// and only then made f32, so it is exact however far into the
    /// paragraph the line is.
    fn width(&self, a: usize, b: usize) -> f32 {
        (self.at(b) - self.at(a)) as f32
    }

    /// Set one line (lines must come in order).
    pub(crate) fn set(&mut self, line: &LineSpec, last: bool, f: &LineFrame) -> VBox {
        let text = &self.para.text;
        let (s, e) = (line.start, line.end);
        let hyphen = line.hyphen.map_or(0.0, |h| h.width);
        let natural = self.width(s, e) + hyphen;
        let spaces = text
            .get(s..e)
            .map_or(0, |t| t.bytes().filter(|&b| b == b' ').count());
        // Negative where the line breaker shrank the spaces (justify.rs).
        let fill = f.width - natural;
        let slack = fill.max(0.0);
        let (offset, extra) = match f.align {
            Align::Justify if !line.hard && spaces > 0 => (0.0, fill / spaces as f32),
            Align::Justify | Align::Start => (0.0, 0.0),
            Align::End => (slack, 0.0),
            Align::Center => (slack / 2.0, 0.0),
        };
        let mut b = VBox {
            height: f.height,
            baseline: f.baseline,
            ..VBox::default()
        };
        while self.para.spans.get(self.span).is_some_and(|sp| sp.end <= s) {
            self.span += 1;
        }
        let mut spaces_before = 0usize;
        let mut i = self.span;
        while let Some(sp) = self.para.spans.get(i) {
            if sp.start >= e {
                break;
            }
            i += 1;
            let (a, z) = (sp.start.max(s), sp.end.min(e));
            let Some(piece) = text.get(a..z) else {
                continue;
            };
            let piece = piece.trim_end_matches('\n');
            if piece.is_empty() {
                continue;
            }
            let n_sp = piece.bytes().filter(|&c| c == b' ').count();
            let x = f.x + offset + self.width(s, a) + extra * spaces_before as f32;
            let w = self.width(a, z) + extra * n_sp as f32;
            spaces_before += n_sp;
            let st = sp.style;
            let url = st.link.and_then(|l| self.para.links.get(l as usize));
            b.draws.push(Draw::Text(TextRun {
                x,
                y: f.baseline - st.rise,
                face: st.face,
                size: st.size,
                text: piece.to_string(),
                space_extra: extra,
                ink: if url.is_some() { Ink::Link } else { Ink::Black },
                page_ref: None,
                tag: Tag::inline(st.link, st.rise),
            }));
            if st.underline {
                let y = f.baseline + st.size * 0.12;
                b.draws.push(Draw::Line {
                    x1: x,
                    y1: y,
                    x2: x + w,
                    y2: y,
                    width: st.size * 0.05,
                });
            }
            if let Some(url) = url {
                b.draws.push(Draw::Link {
                    x,
                    y: f.baseline - st.size * 0.9,
                    w,
                    h: st.size * 1.15,
                    url: url.clone(),
                    tag: Tag::inline(st.link, st.rise),
                });
            }
        }
        if let Some(h) = line.hyphen {
            // The hyphen goes with the word's last run, in its style.
            let run = b.draws.iter_mut().rev().find_map(|d| match d {
                Draw::Text(run) => Some(run),
                _ => None,
            });
            if let Some(run) = run {
                run.text.push(h.ch);
            }
        }
        let limit = if last { usize::MAX } else { line.next };
        while let Some((pos, mark)) = self.para.marks.get(self.mark) {
            if *pos >= limit {
                break;
            }
            match mark {
                Mark::Note(n) => b.notes.push(*n),
                Mark::Anchor(a) => b.anchors.push(a.clone()),
                Mark::PageRef { name, label, end } => {
                    // A placeholder that is the whole line, drawn as one run
                    // and nothing else, can take its number later (see `pagerefs`).
                    if let ([Draw::Text(run)], true) =
                        (b.draws.as_mut_slice(), *pos == s && *end == e)
                    {
                        run.page_ref = Some(Box::new(PageRefSlot {
                            name: name.clone(),
                            label: label.clone(),
                            shown: natural,
                            shift: match f.align {
                                Align::Justify | Align::Start => 0.0,
                                Align::Center => 0.5,
                                Align::End => 1.0,
                            },
                        }));
                    }
                }
            }
            self.mark += 1;
        }
        b
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]
        /// Trimmed byte by byte, as trimming the characters would.
        #[test]
        fn trim_end_trims_spaces_and_line_feeds_as_characters_would(
            text in "[a é\n\u{a0}\u{2028}\t]{0,12}",
            a in 0usize..16,
            b in 0usize..16,
        ) {
            let by_chars = text
                .get(a..b)
                .map_or(a, |s| a + s.trim_end_matches([' ', '\n']).len());
            prop_assert_eq!(trim_end(&text, a, b), by_chars);
        }

        /// The short cut finds exactly what the full rules find.
        #[test]
        fn plain_text_breaks_as_the_full_rules_say(text in "[a-zA-Z0-9 ,.;:()!?'\"]{0,40}") {
            let fast: Vec<(usize, bool)> = unicode_opportunities(&text).collect();
            let full: Vec<(usize, bool)> = linebreaks(&text)
                .map(|(p, o)| (p, o == BreakOpportunity::Mandatory))
                .collect();
            prop_assert_eq!(fast, full);
        }

        /// Words and spaces as reports have them, where breaks are many.
        #[test]
        fn plain_sentences_break_as_the_full_rules_say(
            words in proptest::collection::vec("[(\"']?[A-Za-z0-9]{1,8}[,.;:)!?'\"]{0,2}", 0..20),
            gaps in proptest::collection::vec(1usize..3, 20),
        ) {
            let mut text = String::new();
            for (w, g) in words.iter().zip(&gaps) {
                text.push_str(w);
                text.push_str(&" ".repeat(*g));
            }
            let fast: Vec<(usize, bool)> = unicode_opportunities(&text).collect();
            let full: Vec<(usize, bool)> = linebreaks(&text)
                .map(|(p, o)| (p, o == BreakOpportunity::Mandatory))
                .collect();
            prop_assert_eq!(fast, full, "{:?}", text);
        }
    }

    fn cum_of(text: &str, w: f64) -> Vec<f64> {
        let mut cum = vec![0.0; text.len() + 1];
        let mut acc = 0.0;
        for (i, c) in text.char_indices() {
            for slot in cum.iter_mut().skip(i).take(c.len_utf8()) {
                *slot = acc;
            }
            acc += w;
        }
        cum[text.len()] = acc;
        cum
    }

    #[test]
    fn a_reference_word_keeps_its_number() {
        let text = "withdraw the reservation to article 16 (1) (c) and para 9, in 2012";
        let at = |s: &str| text.find(s).expect("in the text");
        let opps: Vec<usize> = opportunities(text).map(|(p, _)| p).collect();
        assert!(!opps.contains(&at("16 (1)")), "{opps:?}");
        assert!(!opps.contains(&at("9, in")), "{opps:?}");
        // Other numbers break as before: "in 2012", "(1)".
        assert!(opps.contains(&at("2012")), "{opps:?}");
        assert!(opps.contains(&at("(1)")), "{opps:?}");
        assert!(ties("Статья 19", "Статья ".len()));
        assert!(!ties("particle 5", "particle ".len()));
    }

    #[test]
    fn an_address_breaks_before_its_at_sign_and_dots() {
        let text = "write to r.achterberg@islesrights.example today, or @handle";
        let opps: Vec<usize> = opportunities(text).map(|(p, _)| p).collect();
        let at = text.find('@').expect("an address");
        assert!(opps.contains(&at), "{opps:?}");
        assert!(
            opps.contains(&text.find(".example").expect("a dot")),
            "{opps:?}"
        );
        // Not inside the local part, nor at a handle without a domain.
        assert!(
            !opps.contains(&text.find(".achterberg").expect("local")),
            "{opps:?}"
        );
        let handle = text.rfind('@').expect("handle");
        assert!(
            !opps.iter().any(|p| (handle + 1..text.len()).contains(p)),
            "{opps:?}"
        );
        assert!(opps.windows(2).all(|w| w[0] < w[1]), "{opps:?}");
    }

    #[test]
    fn a_day_keeps_its_month_and_a_symbol_stays_whole() {
        let text = "at its review of 10 May 2023 (A/HRC/54/9), on May 10, 2023, see https://example.org/a/b";
        let at = |s: &str| text.find(s).expect("in the text");
        let opps: Vec<usize> = opportunities(text).map(|(p, _)| p).collect();
        assert!(!opps.contains(&at("May 2023")), "{opps:?}");
        assert!(!opps.contains(&at("10, 2023")), "{opps:?}");
        // The year may go to the next line.
        assert!(opps.contains(&at("2023 (")), "{opps:?}");
        let symbol = at("A/HRC");
        let inside: Vec<&usize> = opps
            .iter()
            .filter(|p| (symbol + 1..symbol + "A/HRC/54/9".len()).contains(p))
            .collect();
        assert!(inside.is_empty(), "{inside:?}");
        // A longer symbol breaks after any slash but its first: never
        // after "A/".
        let long = "see (A/HRC/35/990/Add.1), and “this”";
        let in_long: Vec<usize> = opportunities(long).map(|(p, _)| p).collect();
        let after = |s: &str| long.find(s).expect("in the text") + s.len();
        assert!(!in_long.contains(&after("(A/")), "{in_long:?}");
        assert!(in_long.contains(&after("990/")), "{in_long:?}");
        assert!(in_long.contains(&after("HRC/")), "{in_long:?}");
        assert!(in_long.contains(&after("35/")), "{in_long:?}");
        // A no-break space before a symbol is a space, however wide.
        let nbsp = "see\u{a0}(A/HRC/35/990/Add.1) and\u{a0}(KAZ/1/2/3/4/5/6/7/8)";
        let _ = opportunities(nbsp).count();
        assert!(symbol_tie(nbsp, nbsp.find("A/").unwrap() + 2));
        // A web address still breaks after its slashes.
        let url = at("https");
        assert!(opps.iter().any(|p| *p > url + "https://".len()), "{opps:?}");
        assert!(ties("17 октября 2019", "17 ".len()));
        assert!(!ties("in 12 cases", "in 12 ".len()));
        // A Russian year keeps its "г.", but a word after a year is free.
        assert!(ties(
            "вынесенные в 2023 г., в том числе",
            "вынесенные в 2023 ".len()
        ));
        assert!(ties("в 1990–1992 гг. и", "в 1990–1992 ".len()));
        assert!(!ties("в 2023 году", "в 2023 ".len()));
    }

    #[test]
    fn greedy_breaks_and_force_breaks_long_words() {
        let t = "aaa bbb ccc";
        let lines = break_lines(t, &cum_of(t, 1.0), 7.0);
        let got: Vec<&str> = lines.iter().map(|l| &t[l.start..l.end]).collect();
        assert_eq!(got, ["aaa bbb", "ccc"]);
        assert!(!lines[0].hard && lines[1].hard);

        let t = "abcdefghij xy";
        let lines = break_lines(t, &cum_of(t, 1.0), 4.0);
        let got: Vec<&str> = lines.iter().map(|l| &t[l.start..l.end]).collect();
        assert_eq!(got, ["abcd", "efgh", "ij", "xy"]);

        let t = "one\ntwo";
        let lines = break_lines(t, &cum_of(t, 1.0), 100.0);
        let got: Vec<&str> = lines.iter().map(|l| &t[l.start..l.end]).collect();
        assert_eq!(got, ["one", "two"]);
        assert!(lines[0].hard);

        assert_eq!(break_lines("", &[0.0], 10.0).len(), 1);
        // Narrower than one character still advances.
        let t = "Қазақ";
        assert_eq!(break_lines(t, &cum_of(t, 5.0), 1.0).len(), 5);
    }

    /// A paragraph of millions of characters (a 200 MB comment) is measured
    /// to kilometres; with widths summed in f32, from about the middle of
    /// such a paragraph a character's width was lost in rounding and lines
    /// were set far wider than the page. Every line must fit, to the last.
    #[test]
    fn the_last_lines_of_a_vast_paragraph_fit_the_page_as_the_first_do() {
        use crate::document::Inline;
        use crate::write::pdf::flow::plain;
        use crate::write::pdf::fonts::{Face, FontSet};
        use crate::write::pdf::inline::{measure, Flattener, PageMap};

        let fonts = FontSet::load().unwrap();
        let pages = PageMap::Guess(1);
        // At 1,000 points the widths grow a hundred times faster than in
        // body text: 1.6 million characters reach where 200 MB would.
        let size = 1_000.0;
        let text = "Implemented in part, see annex. ".repeat(50_000);
        let mut flat = Flattener::new(&fonts, &pages);
        flat.inlines(&[Inline::Text(text)], plain(Face::Regular, size));
        let para = flat.finish();
        let cum = measure(&para, &fonts);
        // Hundreds of millions of points wide, and the total exact: each
        // character's width counted, however far into the paragraph.
        let face = fonts.face(Face::Regular);
        // Measured per character at this size, as `measure` does.
        let sized = |text: &str| {
            let mut prev = None;
            let mut w = 0.0f64;
            for c in text.chars() {
                let g = face.glyph_id(c);
                if let Some(p) = prev {
                    w += f64::from(face.kerning(p, g) * size);
                }
                w += f64::from(face.advance(c) * size);
                prev = Some(g);
            }
            w
        };
        let exact = sized(&para.text);
        let total = cum.last().copied().unwrap_or(0.0);
        assert!(total > 3.0e8);
        assert!(
            (total - exact).abs() < 1.0,
            "{total} measured, {exact} exact"
        );
        let width = 451.0 * size / 11.0;
        let lines = break_lines(&para.text, &cum, width);
        assert!(lines.len() > 10_000);
        // The paragraph's own last line is short; the others are full.
        let body = &lines[..lines.len() - 1];
        for line in body.iter().rev().take(2_000).chain(body.iter().take(10)) {
            let shown = &para.text[line.start..line.end];
            // Measured afresh, character by character, from zero.
            let w = sized(shown);
            let width = f64::from(width);
            assert!(w <= width + 0.5, "a line {w} pt wide: {shown:?}");
            assert!(w > width * 0.8, "a line only {w} pt wide: {shown:?}");
        }
    }
}
