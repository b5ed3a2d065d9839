//! Whether each pledge is specific, measurable and verifiable, as OHCHR's guidance asks.
//!
//! - specific: it names an instrument, body, law, institution, policy or
//!   mechanism (the dataset's `targets`, or an instrument named in its text);
//! - measurable: it sets a deadline, gives an indicator, or puts a year or a
//!   percentage in its text;
//! - verifiable: it commits to an act others can check (ratify, adopt,
//!   establish, submit, invite…), rather than an intention ("continue",
//!   "strengthen", "promote").
//!
//! These are tests of the wording, meant to help a drafter, who has the last word.

use hrdraft_sdk::{Candidacy, Date, Mechanism, Pledge, PledgeTarget};
use serde_json::{json, Value};

use crate::mentions::instruments_named;

/// Words of acts whose doing or not doing anyone can check.
const ACTS: &[&str] = &[
    "ratify",
    "ratifying",
    "ratification",
    "accede",
    "acceding",
    "accession",
    "adopt",
    "adopting",
    "adoption",
    "enact",
    "enacting",
    "amend",
    "amending",
    "repeal",
    "repealing",
    "abolish",
    "abolishing",
    "establish",
    "establishing",
    "create",
    "creating",
    "set up",
    "submit",
    "submitting",
    "invite",
    "inviting",
    "invitation",
    "withdraw",
    "withdrawing",
    "publish",
    "publishing",
    "sign",
    "signing",
    "decriminalize",
    "decriminalise",
    "release",
    "accept",
    "recognize",
    "recognise",
    "host",
    "hosting",
];

/// Words of intentions no one can hold a State to.
const INTENTIONS: &[&str] = &[
    "continue",
    "strengthen",
    "promote",
    "support",
    "cooperate",
    "enhance",
    "contribute",
    "further",
    "consider",
    "remain committed",
    "engage",
    "encourage",
    "strive",
    "endeavour",
    "pay attention",
    "improve",
];

fn has_word(text: &str, word: &str) -> bool {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(pos) = text[from..].find(word) {
        let start = from + pos;
        let end = start + word.len();
        let before = start == 0 || !bytes[start - 1].is_ascii_alphanumeric();
        let after = end == bytes.len() || !bytes[end].is_ascii_alphanumeric();
        if before && after {
            return true;
        }
        from = end;
        while from < text.len() && !text.is_char_boundary(from) {
            from += 1;
        }
    }
    false
}

fn target_words(t: &PledgeTarget) -> String {
    match t {
        PledgeTarget::Treaty(id) => format!("the {}", id.title()),
        PledgeTarget::Mechanism(m) => match m {
            Mechanism::SpecialProcedures => "the Special Procedures".into(),
            Mechanism::TreatyBodies => "the treaty bodies".into(),
            Mechanism::Upr => "the Universal Periodic Review".into(),
            Mechanism::HumanRightsCouncil => "the Human Rights Council".into(),
            Mechanism::Ohchr => "the Office of the High Commissioner for Human Rights".into(),
        },
        PledgeTarget::Law(s)
        | PledgeTarget::Institution(s)
        | PledgeTarget::Policy(s)
        | PledgeTarget::Instrument(s) => s.clone(),
    }
}

/// "31 December 2013", "December 2013" or "2013".
pub(crate) fn date_words(d: &Date) -> String {
    match (d.day, d.month_name()) {
        (Some(day), Some(month)) => format!("{day} {month} {}", d.year),
        (None, Some(month)) => format!("{month} {}", d.year),
        _ => d.year.to_string(),
    }
}

/// "a", "a and b", "a, b and c".
pub fn join_words(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// A year (1900-2199) or a percentage in the text.
fn number_in(text: &str) -> Option<String> {
    let words: Vec<&str> = text
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '%'))
        .filter(|w| !w.is_empty())
        .collect();
    for (i, w) in words.iter().enumerate() {
        let year = w.len() == 4
            && w.bytes().all(|b| b.is_ascii_digit())
            && (w.starts_with("19") || w.starts_with("20") || w.starts_with("21"));
        let percent = w.ends_with('%') && w.len() > 1
            || (w.bytes().all(|b| b.is_ascii_digit())
                && words
                    .get(i + 1)
                    .is_some_and(|n| n.eq_ignore_ascii_case("percent")));
        if year || percent {
            return Some((*w).to_owned());
        }
    }
    None
}

/// The three tests for one pledge, with reasons and the sources to cite.
pub fn assess(pledge: &Pledge, candidacy: &Candidacy) -> Value {
    let lower = pledge.text.to_lowercase();
    let mut named: Vec<String> = pledge.targets.iter().map(target_words).collect();
    for t in instruments_named(&pledge.text) {
        let words = format!("the {}", t.title());
        if !named.contains(&words) {
            named.push(words);
        }
    }
    let specific = !named.is_empty();
    let specific_reason = if specific {
        format!("names {}", join_words(&named))
    } else {
        "names no instrument, body, law, institution or mechanism".to_owned()
    };

    let (measurable, measurable_reason) = if let Some(d) = &pledge.deadline {
        (true, format!("sets a deadline ({})", date_words(d)))
    } else if let Some(ind) = &pledge.indicator {
        (true, format!("gives an indicator ({ind})"))
    } else if let Some(n) = number_in(&pledge.text) {
        (true, format!("gives a figure or date in its text ({n})"))
    } else {
        (false, "sets no deadline, figure or indicator".to_owned())
    };

    let acts: Vec<&str> = ACTS
        .iter()
        .copied()
        .filter(|w| has_word(&lower, w))
        .collect();
    let intentions: Vec<&str> = INTENTIONS
        .iter()
        .copied()
        .filter(|w| has_word(&lower, w))
        .collect();
    let (verifiable, verifiable_reason) = match (acts.first(), intentions.is_empty()) {
        (Some(act), _) => (
            true,
            format!("commits to an act others can check (\u{201c}{act}\u{201d})"),
        ),
        (None, false) => (
            false,
            format!(
                "states an intention (\u{201c}{}\u{201d}) rather than an act others can check",
                intentions.join("\u{201d}, \u{201c}")
            ),
        ),
        (None, true) => (false, "commits to no act others can check".to_owned()),
    };

    let source = pledge.source.clone().or_else(|| {
        candidacy
            .pledge_document
            .as_ref()
            .and_then(|d| d.source.clone())
    });
    json!({
        "id": pledge.id,
        "level": pledge.level,
        "text": pledge.text,
        "targets": named,
        "deadline": pledge.deadline,
        "indicator": pledge.indicator,
        "specific": specific,
        "specific_reason": specific_reason,
        "measurable": measurable,
        "measurable_reason": measurable_reason,
        "verifiable": verifiable,
        "verifiable_reason": verifiable_reason,
        "meets_guidance": specific && measurable && verifiable,
        "sources": [source],
    })
}
