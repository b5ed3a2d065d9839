//! `unsourced-fact` (a fact the drafter wrote, with no footnote in its
//! paragraph) and `unproduced-number` (a number in the text that neither
//! the data nor the template's own wording holds).

use std::collections::HashSet;

use serde_json::Value;

use super::claims::clip;
use super::text::{self, normal, Kind, Unit};
use super::{Code, Input, Place, Warning};

/// What the drafter wrote: the template's own wording and the author's
/// paragraphs of this document, as [`normal`] text.
pub struct Written<'a> {
    /// The template's wording as written, made [`normal`] when first needed.
    raw: &'a str,
    wording: std::cell::OnceCell<String>,
    authored: Vec<String>,
}

impl<'a> Written<'a> {
    pub fn new(input: &Input<'a>) -> Written<'a> {
        let authored = input
            .entry
            .map(|e| {
                e.paragraphs
                    .iter()
                    .map(|p| normal(&without_citations(&p.text).replace(['*', '_'], "")))
                    .collect()
            })
            .unwrap_or_default();
        Written {
            raw: input.wording,
            wording: std::cell::OnceCell::new(),
            authored,
        }
    }

    /// Whether `sentence` is one of the author's own.
    fn by_author(&self, sentence: &str) -> bool {
        let s = normal(sentence);
        !s.is_empty() && self.authored.iter().any(|a| a.contains(&s))
    }

    /// Whether the template's wording holds the token at `range` of
    /// `sentence` with the words either side of it (so "score is 0.75." is
    /// the template's; "within 60 days" is not because "60/251" is).
    fn in_wording(&self, sentence: &str, range: std::ops::Range<usize>) -> bool {
        // From the start of the word before to the end of the word after,
        // as printed: "(such as 0.325) takes".
        let head = sentence[..range.start].trim_end();
        let from = head
            .char_indices()
            .rfind(|(_, c)| c.is_whitespace())
            .map_or(0, |(i, c)| i + c.len_utf8());
        let tail = &sentence[range.end..];
        let gap = tail.len() - tail.trim_start().len();
        let to = tail[gap..]
            .find(char::is_whitespace)
            .map_or(sentence.len(), |i| range.end + gap + i);
        let fragment = normal(&sentence[from..to]);
        // A token with nothing beside it is found in any wording.
        fragment.len() > range.len() + 2
            && self
                .wording
                .get_or_init(|| normal(self.raw))
                .contains(&fragment)
    }
}

/// An author's paragraph without its `[@id, locator]` citations.
fn without_citations(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find("[@") {
        out.push_str(&rest[..open]);
        match rest[open..].find(']') {
            Some(close) => rest = &rest[open + close + 1..],
            None => {
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// A fact in a sentence: a UN document symbol, a date, a year, or a count
/// (a whole number of 2 or more, or a percentage). Fractions ("0.75") are
/// left out: in a document's own words they are rules and measures (the
/// IRI's scores), not facts about a State.
fn fact(sentence: &str) -> Option<String> {
    if let Some(r) = text::symbols(sentence).into_iter().next() {
        return Some(sentence[r].to_string());
    }
    if let Some(r) = text::dates(sentence).into_iter().next() {
        return Some(sentence[r].to_string());
    }
    let year = sentence
        .split(|c: char| !c.is_ascii_digit())
        .find(|w| w.len() == 4 && (w.starts_with("19") || w.starts_with("20")));
    if let Some(y) = year {
        return Some(y.to_string());
    }
    text::numbers(sentence)
        .into_iter()
        .find(|n| count(n.text) || sentence[n.range.end..].starts_with('%'))
        .map(|n| n.text.to_string())
}

/// Whether a number as written is a whole number of 2 or more.
fn count(number: &str) -> bool {
    let digits: String = number.chars().filter(char::is_ascii_digit).collect();
    let grouped = number
        .split([',', '\u{a0}', '\u{202f}'])
        .skip(1)
        .all(|g| g.len() == 3);
    (!number.contains('.') && grouped) && digits.parse::<u64>().is_ok_and(|n| n >= 2)
}

/// `unsourced-fact`: in a paragraph or list item with no footnote, a
/// sentence the drafter wrote (an author's paragraph, or the template's
/// own wording) that states a fact. What the document prints from the
/// dataset is left out: each dataset entry carries its own source (and the
/// stakeholders' responses are their own words, attributed).
pub fn unsourced(units: &[Unit], written: &Written<'_>, out: &mut Vec<Warning>) {
    for unit in units
        .iter()
        .filter(|u| matches!(u.kind, Kind::Body | Kind::Item) && !u.has_note())
    {
        for s in unit.sentences() {
            let Some(fact) = fact(s.text) else { continue };
            let by_author = written.by_author(s.text);
            let by_template = !by_author
                && s.text
                    .find(fact.as_str())
                    .is_some_and(|at| written.in_wording(s.text, at..at + fact.len()));
            if !by_author && !by_template {
                continue;
            }
            out.push(Warning {
                code: Code::UnsourcedFact,
                message: format!(
                    "\"{}\" states a fact ({fact}) with no footnote in its paragraph",
                    clip(s.text)
                ),
                hint: if by_author {
                    "cite its source with [@id] in the paragraph (documents.toml)".to_string()
                } else {
                    "cite its source with {{cite}} in the template, or print it from the dataset"
                        .to_string()
                },
                at: Place::Text {
                    text: s.text.to_string(),
                },
                also: None,
            });
            break;
        }
    }
}

/// The numbers the context holds, as written and without separators: every
/// number value and every number in a string, leaving out the author's
/// paragraphs (which are what is checked against it).
pub fn produced(context: &Value) -> HashSet<String> {
    let mut out = HashSet::new();
    let mut add = |s: &str| {
        for n in text::NUMBER_ANY.find_iter(s) {
            // The parts of a symbol ("14" of "A/HRC/14/10") are no number
            // of the text; the document's side leaves them out too.
            if s[..n.start()].ends_with('/') || s[n.end()..].starts_with('/') {
                continue;
            }
            out.insert(n.as_str().to_string());
            out.insert(plain(n.as_str()));
        }
    };
    walk(context, &mut add, true);
    out
}

fn walk(value: &Value, add: &mut dyn FnMut(&str), top: bool) {
    match value {
        Value::Number(n) => add(&n.to_string()),
        Value::String(s) => add(s),
        Value::Array(a) => a.iter().for_each(|v| walk(v, add, false)),
        Value::Object(o) => {
            for (k, v) in o {
                // The author's paragraphs: as the document's, and in the
                // dataset of a template that reads it whole.
                let authored = match (top, k.as_str()) {
                    (true, "document") => Some("paragraphs"),
                    (true, "dataset") => Some("documents"),
                    _ => None,
                };
                match (authored, v) {
                    (Some(skip), Value::Object(inner)) => inner
                        .iter()
                        .filter(|(k, _)| k.as_str() != skip)
                        .for_each(|(_, v)| walk(v, add, false)),
                    _ => walk(v, add, false),
                }
            }
        }
        _ => {}
    }
}

/// A number without its group separators, and with a decimal comma as a point.
fn plain(number: &str) -> String {
    let groups: Vec<&str> = number.split([',', '\u{a0}', '\u{202f}']).collect();
    if groups.len() > 1 && groups[1..].iter().all(|g| g.len() == 3) {
        groups.concat()
    } else {
        number.replace(',', ".")
    }
}

/// `unproduced-number`: a number in the running text (paragraphs, list
/// items, table rows; not footnotes or quotations) that the context does
/// not hold, and that the template's own wording does not write.
pub fn unproduced(
    input: &Input<'_>,
    units: &[Unit],
    written: &Written<'_>,
    out: &mut Vec<Warning>,
) {
    let mut numbers = None;
    for unit in units.iter().filter(|u| u.kind != Kind::Quote) {
        for n in text::numbers(&unit.text) {
            let numbers = numbers.get_or_insert_with(|| produced(input.context));
            if numbers.contains(n.text) || numbers.contains(&plain(n.text)) {
                continue;
            }
            if written.in_wording(&unit.text, n.range.clone()) {
                continue;
            }
            let sentence = unit
                .sentences()
                .into_iter()
                .find(|s| s.text.contains(n.text))
                .map_or_else(|| unit.text.clone(), |s| s.text.to_string());
            out.push(Warning {
                code: Code::UnproducedNumber,
                message: format!(
                    "the number {} in \"{}\" is not a value of the dataset or a plugin's finding",
                    n.text,
                    clip(&sentence)
                ),
                hint: "print the number from the dataset or a plugin's finding, or check it \
                       against them"
                    .to_string(),
                at: Place::Text { text: sentence },
                also: None,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_facts() {
        assert!(count("40,000"));
        assert!(count("14"));
        assert!(!count("1"));
        assert!(!count("0.75"));
        assert_eq!(fact("the score is 0.75"), None);
        assert_eq!(fact("14 journalists were detained").as_deref(), Some("14"));
        assert_eq!(fact("as in A/HRC/14/10").as_deref(), Some("A/HRC/14/10"));
        assert_eq!(fact("in 2011 it rose").as_deref(), Some("2011"));
        assert_eq!(plain("40,000"), "40000");
        assert_eq!(plain("28,1"), "28.1");
        assert_eq!(without_citations("a[@x, para 9] b[@y]."), "a b.");
    }
}
