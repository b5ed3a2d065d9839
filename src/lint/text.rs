//! The document as the checks read it: its paragraphs as plain text with
//! the footnotes each refers to, split into sentences; and the tokens a
//! fact is made of (numbers, dates, UN document symbols).

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::document::{Block, Document, Inline};

/// What a piece of the document is, which decides the checks it gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A paragraph of running text.
    Body,
    /// A paragraph in a list item.
    Item,
    /// A table row, its cells joined by " | ".
    Row,
    /// A block quotation: someone else's words, with their attribution.
    Quote,
}

/// A paragraph (or row) of the document as plain text.
#[derive(Debug, Clone)]
pub struct Unit {
    /// What it is.
    pub kind: Kind,
    /// Its plain text, footnote marks left out.
    pub text: String,
    /// Each footnote reference: where in `text` it stood, and the note's index.
    pub notes: Vec<(usize, usize)>,
    /// The plain text of each footnote it refers to, in `notes`' order.
    pub note_texts: Vec<String>,
}

impl Unit {
    /// Whether the paragraph has a footnote.
    pub fn has_note(&self) -> bool {
        !self.notes.is_empty()
    }

    /// Its sentences, each with the text of the footnotes it refers to (a
    /// note after the full stop belongs to the sentence before it).
    pub fn sentences(&self) -> Vec<Sentence<'_>> {
        let mut out = Vec::new();
        for range in sentence_ranges(&self.text) {
            let notes = self
                .notes
                .iter()
                .zip(&self.note_texts)
                .filter(|((at, _), _)| *at > range.start && *at <= range.end)
                .map(|(_, t)| t.as_str())
                .collect();
            out.push(Sentence {
                text: self.text[range.clone()].trim(),
                notes,
            });
        }
        out
    }
}

/// One sentence of a unit.
#[derive(Debug, Clone)]
pub struct Sentence<'a> {
    /// Its text.
    pub text: &'a str,
    /// The text of the footnotes it refers to.
    pub notes: Vec<&'a str>,
}

/// Every paragraph, list item paragraph, quotation and table row of the
/// body, in order. Headings and lines (letterheads, addresses, signatures)
/// are left out: they state no facts of their own.
pub fn units(doc: &Document) -> Vec<Unit> {
    let mut out = Vec::new();
    walk(doc, &doc.blocks, Kind::Body, &mut out);
    out
}

fn walk(doc: &Document, blocks: &[Block], kind: Kind, out: &mut Vec<Unit>) {
    for block in blocks {
        match block {
            Block::Paragraph { content, .. } => out.push(unit(doc, kind, &[content])),
            Block::List { items, .. } => {
                let inner = if kind == Kind::Quote {
                    Kind::Quote
                } else {
                    Kind::Item
                };
                for item in items {
                    walk(doc, item, inner, out);
                }
            }
            Block::Quote(inner) => walk(doc, inner, Kind::Quote, out),
            Block::Keep { blocks, .. } | Block::Styled { blocks, .. } => {
                walk(doc, blocks, kind, out)
            }
            Block::Table(t) => {
                for row in &t.rows {
                    let cells: Vec<&[Inline]> = row.iter().map(Vec::as_slice).collect();
                    out.push(unit(doc, Kind::Row, &cells));
                }
            }
            _ => {}
        }
    }
}

/// A unit of inline parts (a paragraph, or a row's cells joined by " | ").
fn unit(doc: &Document, kind: Kind, parts: &[&[Inline]]) -> Unit {
    let mut u = Unit {
        kind,
        text: String::new(),
        notes: Vec::new(),
        note_texts: Vec::new(),
    };
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            u.text.push_str(" | ");
        }
        inline(part, &mut u);
    }
    for &(_, n) in &u.notes {
        let text = doc
            .footnotes
            .get(n)
            .map(|f| block_text(&f.blocks))
            .unwrap_or_default();
        u.note_texts.push(text);
    }
    u
}

fn inline(inlines: &[Inline], u: &mut Unit) {
    for i in inlines {
        match i {
            Inline::Text(t) => u.text.push_str(t),
            Inline::Emphasis(c) | Inline::Strong(c) | Inline::Underline(c) => inline(c, u),
            Inline::Link { content, .. } => inline(content, u),
            Inline::LineBreak => u.text.push(' '),
            Inline::FootnoteRef(n) => u.notes.push((u.text.len(), *n)),
            _ => {}
        }
    }
}

/// The plain text of blocks (a footnote's), paragraphs joined by a space.
fn block_text(blocks: &[Block]) -> String {
    let mut parts = Vec::new();
    for b in blocks {
        match b {
            Block::Paragraph { content, .. } => parts.push(Inline::plain_text(content)),
            Block::Keep { blocks, .. } | Block::Quote(blocks) | Block::Styled { blocks, .. } => {
                parts.push(block_text(blocks))
            }
            _ => {}
        }
    }
    parts.join(" ")
}

/// The byte ranges of the sentences of `text`: a sentence ends at `.`, `!`
/// or `?` (and any closing quote or bracket) followed by white space and a
/// capital letter, unless the word before the stop is an abbreviation.
fn sentence_ranges(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        if matches!(c, '.' | '!' | '?') && !abbreviation(&text[start..at]) {
            let mut j = i + 1;
            while j < chars.len() && matches!(chars[j].1, '”' | '’' | '"' | ')' | '»') {
                j += 1;
            }
            let end = chars.get(j).map_or(text.len(), |(b, _)| *b);
            let mut k = j;
            while k < chars.len() && chars[k].1.is_whitespace() {
                k += 1;
            }
            let next_capital = chars
                .get(k)
                .is_some_and(|(_, n)| n.is_uppercase() || matches!(n, '“' | '«' | '"'));
            if k > j && next_capital {
                out.push(start..end);
                start = chars[k].0;
                i = k;
                continue;
            }
        }
        i += 1;
    }
    if start < text.len() {
        out.push(start..text.len());
    }
    out
}

/// Whether `before` (a sentence so far) ends with a word that a full stop
/// abbreviates rather than ends: "para", "No", "e.g", a single letter.
fn abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("");
    let word = word.trim_start_matches(['“', '"', '(']);
    let known = [
        "para", "paras", "No", "Nos", "no", "e.g", "i.e", "etc", "St", "Mr", "Mrs", "Ms", "Dr",
        "H.E", "art", "Art", "cf", "vol", "p", "pp", "Add", "Rev", "Corr", "ст", "п", "г",
    ];
    known.contains(&word) || (word.chars().count() == 1 && word.chars().all(char::is_uppercase))
}

/// A UN document symbol: "A/HRC/14/10", "CCPR/C/KAZ/CO/1", "A/67/122".
static SYMBOL: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"(?-u:\b)[A-Z]{1,8}(?:/[A-Za-z0-9.()\-]+)+"));

/// A date written out: "12 November 2012", "November 12, 2012", "September
/// 2007", "8th September 2021", "12 ноября 2012", or a date as digits.
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    let months = "January|February|March|April|May|June|July|August|September|October|November|December|января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря|январь|февраль|март|апрель|май|июнь|июль|август|сентябрь|октябрь|ноябрь|декабрь";
    pattern(&format!(
        r"(?:(?-u:\b)\d{{1,2}}(?:st|nd|rd|th)?[ \u{{a0}}]+(?:{months})(?:,?[ \u{{a0}}]+\d{{4}})?)|(?:(?-u:\b)(?:{months})[ \u{{a0}}]+\d{{1,2}}(?:st|nd|rd|th)?,?[ \u{{a0}}]+\d{{4}})|(?:(?-u:\b)(?:{months}),?[ \u{{a0}}]+\d{{4}})|(?:(?-u:\b)\d{{4}}-\d{{2}}-\d{{2}}(?-u:\b))|(?:(?-u:\b)\d{{1,2}}\.\d{{1,2}}\.\d{{4}}(?-u:\b))"
    ))
});

/// A number as written: "129", "40,000", "0.75", "28,1", "15-19", "13%".
pub(super) static NUMBER_ANY: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"\d+(?:[.,\u{a0}\u{202f}]\d+)*"));

/// One of the lint's fixed patterns, compiled. They are written here and
/// covered by the tests, so one that does not compile is a bug.
pub(super) fn pattern(p: &str) -> Regex {
    Regex::new(p).unwrap_or_else(|e| panic!("a built-in pattern does not compile: {e}"))
}

/// The UN document symbols in `text`, as byte ranges.
pub fn symbols(text: &str) -> Vec<Range<usize>> {
    SYMBOL
        .find_iter(text)
        .filter(|m| m.as_str().chars().any(|c| c.is_ascii_digit()))
        .map(|m| m.range())
        .collect()
}

/// The dates written out in `text`, as byte ranges.
pub fn dates(text: &str) -> Vec<Range<usize>> {
    DATE.find_iter(text).map(|m| m.range()).collect()
}

/// A number in the text and what it is next to.
#[derive(Debug, Clone)]
pub struct Number<'a> {
    /// As written.
    pub text: &'a str,
    /// Where.
    pub range: Range<usize>,
}

/// The numbers of `text` that are not part of a date, a symbol, a
/// resolution number ("60/251"), an ordinal ("9th"), a paragraph or
/// recommendation number ("para 9", "95.42"), or a year.
pub fn numbers(text: &str) -> Vec<Number<'_>> {
    let skip: Vec<Range<usize>> = symbols(text).into_iter().chain(dates(text)).collect();
    let mut out = Vec::new();
    for m in NUMBER_ANY.find_iter(text) {
        let r = m.range();
        if skip.iter().any(|s| s.start <= r.start && r.end <= s.end) {
            continue;
        }
        let before = &text[..r.start];
        let after = &text[r.end..];
        if before.ends_with('/') || after.starts_with('/') {
            continue;
        }
        if after.starts_with(|c: char| c.is_alphabetic()) {
            // "9th", "2nd", "1st": an ordinal or a unit written on.
            continue;
        }
        if before
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphabetic() || c == '-' && !before.ends_with(" -"))
        {
            // Part of a name or code: "UPR-2", "CO-1".
            continue;
        }
        let word = before
            .trim_end()
            .rsplit(|c: char| c.is_whitespace())
            .next()
            .unwrap_or("")
            .trim_end_matches(['.', ':']);
        let locator = [
            "para",
            "paras",
            "paragraph",
            "paragraphs",
            "recommendation",
            "recommendations",
            "rec",
            "article",
            "Article",
            "articles",
            "Articles",
            "§",
            "No",
            "no",
            "nº",
            "grade",
            "пункт",
            "пункты",
            "рекомендация",
            "рекомендации",
            "статья",
            "статьи",
        ];
        if locator.contains(&word) || recommendation_list(before) {
            continue;
        }
        let s = m.as_str();
        if s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()) && matches!(&s[..2], "19" | "20") {
            // A year.
            continue;
        }
        out.push(Number { text: s, range: r });
    }
    out
}

/// Whether the number after `before` continues a list that a locator
/// started: "recommendations 5, 15, and 51".
fn recommendation_list(before: &str) -> bool {
    const LISTS: [&str; 6] = [
        "recommendations",
        "paragraphs",
        "paras",
        "articles",
        "рекомендации",
        "пункты",
    ];
    let Some((at, c)) = before.char_indices().rev().find(|(_, c)| c.is_alphabetic()) else {
        return false;
    };
    let (lead, rest) = before.split_at(at + c.len_utf8());
    let joined = rest
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ',' | ' ' | '.' | '–' | '-'));
    if !joined {
        return false;
    }
    let word = lead
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    if LISTS.contains(&word) {
        return true;
    }
    if !matches!(word, "and" | "or" | "и" | "или") {
        return false;
    }
    // "and" continues a list only if a locator started it, shortly before.
    let earlier = &lead[..lead.len() - word.len()];
    let from = earlier.char_indices().rev().nth(80).map_or(0, |(i, _)| i);
    LISTS.iter().any(|l| earlier[from..].contains(l))
}

/// Text compared as a reader would: lower case, straight quotes, single
/// spaces, no markup escapes, no final punctuation.
pub fn normal(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        let c = match c {
            '“' | '”' | '«' | '»' | '„' => '"',
            '‘' | '’' => '\'',
            '\\' => continue,
            c if c.is_whitespace() => ' ',
            c => c,
        };
        if c == ' ' {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.extend(c.to_lowercase());
    }
    out.trim_end_matches(['.', ';', ',', ':', '"', '\''])
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_end_at_a_full_stop_before_a_capital() {
        let text = "He cited para. 9 of it. We note A/HRC/14/10. And “so” on.";
        let got: Vec<&str> = sentence_ranges(text)
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(
            got,
            [
                "He cited para. 9 of it.",
                "We note A/HRC/14/10.",
                "And “so” on."
            ]
        );
    }

    #[test]
    fn numbers_leave_out_dates_symbols_years_and_locators() {
        let text = "On 12 November 2012, 40,000 people (see A/HRC/14/10, para 9, \
                    recommendations 5, 15, and 51, resolution 60/251) in 2011 met 7 times on the 9th.";
        let got: Vec<&str> = numbers(text).into_iter().map(|n| n.text).collect();
        assert_eq!(got, ["40,000", "7"]);
        assert_eq!(
            dates("due in September 2007, or September 8, 2021").len(),
            2
        );
        let text = "see A/HRC/14/10 and CCPR/C/KAZ/CO/1 but not N/A";
        let got: Vec<&str> = symbols(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(got, ["A/HRC/14/10", "CCPR/C/KAZ/CO/1"]);
    }

    #[test]
    fn normal_text_ignores_case_quotes_and_spacing() {
        assert_eq!(normal("  “Ratify  the\nOP.”  "), "\"ratify the op");
    }
}
