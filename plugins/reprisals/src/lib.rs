//! Reprisal and intimidation cases, with the Special Procedures communications that raised them.
//!
//! Cases (`dataset.reprisals`) are dated and cited, sorted by date and
//! grouped by the communication that raised them (matched by its
//! reference) and by kind. The plugin ships the `reprisals-section`
//! partial, which drafts the section in Markdown, and gives a standard call
//! on the State when the dataset records no case.

use hrdraft_sdk::{
    Communication, Dataset, Date, EntryKind, Error, Evidence, Options, Plugin, ReprisalCase,
    ReprisalKind, Section,
};
use serde_json::{json, Value};

/// The reprisals plugin.
#[derive(Debug, Clone, Copy, Default)]
pub struct Reprisals;

/// The partial that drafts the section: `{{> reprisals-section}}`, anywhere in a
/// template (it reads `@root.plugins.reprisals`).
pub const PARTIAL: &str = include_str!("../partials/reprisals-section.md.hbs");

impl Plugin for Reprisals {
    fn name(&self) -> &str {
        "reprisals"
    }

    fn version(&self) -> &str {
        env!("CARGO_PKG_VERSION")
    }

    fn description(&self) -> &str {
        "Reprisal and intimidation cases with the related Special Procedures communications, and a drafted section"
    }

    fn sections(&self) -> Vec<Section> {
        vec![
            Section::Country,
            Section::Reprisals,
            Section::SpecialProcedures,
            Section::Sources,
        ]
    }

    fn partials(&self) -> Vec<(String, String)> {
        vec![("reprisals-section".into(), PARTIAL.into())]
    }

    fn run(&self, dataset: &Dataset, options: &Options) -> Result<Value, Error> {
        // A document dated `as_of` speaks only of what had happened by
        // then: later cases, replies and ends of cases are left out.
        let as_of = options.as_of()?;
        // Cases that had not ended by the document's date are ongoing on it,
        // and so are those still going on without an end.
        let ongoing: Vec<&str> = dataset
            .reprisals
            .iter()
            .filter(|c| {
                (c.ongoing && c.until.is_none())
                    || as_of.is_some_and(|d| c.date <= d && c.until.is_some_and(|u| u > d))
            })
            .map(|c| c.id.as_str())
            .collect();
        let known = options.known_for(dataset, &self.sections())?;
        let dataset: &Dataset = &known;
        let state = &dataset.country.in_text();
        let mut cases: Vec<&ReprisalCase> = dataset
            .reprisals
            .iter()
            .filter(|c| as_of.is_none_or(|d| c.date <= d))
            .collect();
        cases.sort_by_key(|c| c.date);

        // Groups in order of their first case: one per (communication, kind).
        let mut groups: Vec<(Option<&str>, ReprisalKind, Vec<&ReprisalCase>)> = Vec::new();
        for case in &cases {
            let key = (case.communication.as_deref(), case.kind);
            match groups.iter_mut().find(|g| (g.0, g.1) == key) {
                Some(g) => g.2.push(case),
                None => groups.push((key.0, key.1, vec![case])),
            }
        }
        let mut related: Vec<Value> = Vec::new();
        let groups: Vec<Value> = groups
            .into_iter()
            .map(|(reference, kind, members)| {
                let mut communication = reference.map(|r| communication_json(dataset, r));
                if let Some(c) = communication.as_mut() {
                    // Whether a case of the group cites the communication's
                    // source already, in the note just before its sentence.
                    let cited = c["source"]
                        .as_str()
                        .is_some_and(|s| members.iter().any(|m| m.sources.iter().any(|x| x == s)));
                    c["cited_with_cases"] = json!(cited);
                }
                if let Some(c) = &communication {
                    if !related.iter().any(|x| x["reference"] == c["reference"]) {
                        related.push(c.clone());
                    }
                }
                json!({
                    "kind": kind,
                    "kind_words": kind_words(kind),
                    "communication": communication,
                    "cases": members
                        .iter()
                        .map(|c| case_json(c, ongoing.contains(&c.id.as_str())))
                        .collect::<Vec<_>>(),
                })
            })
            .collect();

        let reprisals = cases
            .iter()
            .filter(|c| c.kind == ReprisalKind::Reprisal)
            .count();
        let intimidation = cases.len() - reprisals;
        Ok(json!({
            "state": state,
            "has_cases": !cases.is_empty(),
            "count": { "reprisal": reprisals, "intimidation": intimidation, "total": cases.len() },
            "intro": intro(state, reprisals, intimidation),
            "cases": cases
                .iter()
                .map(|c| case_json(c, ongoing.contains(&c.id.as_str())))
                .collect::<Vec<_>>(),
            "groups": groups,
            "communications": related,
            "call": call(state, !cases.is_empty()),
        }))
    }
}

fn kind_words(kind: ReprisalKind) -> &'static str {
    match kind {
        ReprisalKind::Reprisal => "reprisal",
        ReprisalKind::Intimidation => "intimidation",
    }
}

/// A text without its final full stop, to continue it as a clause.
fn clause(text: &str) -> String {
    text.trim().trim_end_matches('.').trim_end().to_owned()
}

/// `text` with its first word in lower case when that word is a pronoun,
/// an article or a determiner ("She was arrested" → "she was arrested"), so
/// that it can follow a date; a name keeps its capital.
fn lead(text: &str) -> String {
    const LOWER: &[&str] = &[
        "He", "She", "They", "It", "We", "His", "Her", "Their", "Its", "The", "A", "An", "This",
        "These", "Those", "Both", "Several", "Two", "Three", "Four", "Five",
        // A Russian `what`, after the Russian letter's "(date):".
        "Он", "Она", "Они", "Его", "Её", "Ее", "Их", "Оба", "Обе",
    ];
    let text = text.trim();
    let first = text.split([' ', ',']).next().unwrap_or_default();
    if LOWER.contains(&first) {
        let mut out = first.to_lowercase();
        out.push_str(&text[first.len()..]);
        out
    } else {
        text.to_owned()
    }
}

/// Whether `text` can be continued as one clause (", in connection with
/// …"): one sentence, without a semicolon.
fn continues(text: &str) -> bool {
    sentences(text) == 1 && !text.contains(';')
}

/// Whether `text` itself says that what it tells goes on ("he remains in
/// pre-trial detention", "she is still banned from travelling"), so that
/// the letter need not add it.
fn says_ongoing(text: &str) -> bool {
    let text = text.to_lowercase();
    [
        "remain",
        "still ",
        "continu",
        "ongoing",
        "to date",
        "to this day",
    ]
    .iter()
    .any(|w| text.contains(w))
}

/// Whether `text` tells of measures that last (a ban, a detention, a
/// suspension, accounts frozen), so that a case going on reads "these
/// measures remain in place"; one that tells of acts that were done and
/// over ("She was arrested and charged …", "He received threats and was
/// summoned for questioning"), even beside a lasting measure, reads "the
/// case has not been resolved", which is true of any case going on. A guess
/// on free text, as `says_ongoing` is.
fn tells_of_measures(text: &str) -> bool {
    // House arrest lasts; an arrest is done.
    let text = text
        .to_lowercase()
        .replace("house arrest", "house detention");
    let has = |words: &[&str]| words.iter().any(|w| text.contains(w));
    let lasting = has(&[
        "ban",
        "frozen",
        "freez",
        "suspend",
        "closed",
        "closure",
        "dismiss",
        "disbarr",
        "confiscat",
        "revok",
        "deregist",
        "dissolv",
        "liquidat",
        "blocked",
        "prohibit",
        "restrict",
        "detain",
        "detention",
        "imprison",
        "surveillance",
        "expel",
        "deport",
        "withdrawn",
        "seized",
    ]);
    let done = has(&[
        "threat",
        "threaten",
        "summon",
        "question",
        "interrogat",
        "arrest",
        "charged",
        "beaten",
        "attack",
        "assault",
        "harass",
        "intimidat",
        "warned",
        "raided",
        "searched",
        "smear",
        "insult",
        "followed",
    ]);
    lasting && !done
}

/// Whether `text` tells of a single measure: one sentence that joins no
/// two actions ("He was banned from leaving the country.", not "She was
/// arrested and charged with …" or "… was dismissed; her office was
/// closed.").
fn one_measure(text: &str) -> bool {
    sentences(text) == 1 && !text.contains(';') && !text.contains(" and ")
}

/// How many sentences `text` holds: a full stop, question or exclamation
/// mark followed by a space and a capital ends one, unless it closes an
/// abbreviation ("Mr. Abenov", "St. Petersburg": a capitalised word of
/// three letters or fewer).
fn sentences(text: &str) -> usize {
    let text = text.trim();
    let mut count = 1;
    let chars: Vec<char> = text.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        if !matches!(c, '.' | '?' | '!') {
            continue;
        }
        let next_is_capital = chars.get(i + 1).is_some_and(|c| c.is_whitespace())
            && chars
                .get(i + 2..)
                .and_then(|rest| rest.iter().find(|c| !c.is_whitespace()))
                .is_some_and(|c| c.is_uppercase());
        if !next_is_capital {
            continue;
        }
        let word: Vec<char> = chars[..i]
            .iter()
            .rev()
            .take_while(|c| c.is_alphabetic())
            .copied()
            .collect();
        let abbreviation =
            *c == '.' && word.len() <= 3 && word.last().is_some_and(|first| first.is_uppercase());
        if !abbreviation {
            count += 1;
        }
    }
    count
}

/// One case; `ongoing` when it had not ended by the document's date.
fn case_json(c: &ReprisalCase, ongoing: bool) -> Value {
    let mut v = json!({
        "id": c.id,
        "kind": c.kind,
        "kind_words": kind_words(c.kind),
        "who": c.who,
        "date": c.date,
        "until": c.until,
        "ongoing": ongoing,
        "engagement": c.engagement,
        "engagement_clause": clause(&c.engagement),
        "what": c.what,
        "what_clause": clause(&c.what),
        "what_continues": continues(&c.what),
        // Whether `what` already says the case goes on.
        "what_ongoing": says_ongoing(&c.what),
        // Whether `what` tells of one measure ("He was banned from
        // leaving the country."), so that a case going on reads "this
        // measure remains in place" rather than "these measures".
        "what_one_measure": one_measure(&c.what),
        // Whether `what` tells of lasting measures, which "remain in place";
        // else a case going on "has not been resolved".
        "what_measures": tells_of_measures(&c.what),
        // The same after "On 3 June 2024, ": its first word in lower case
        // when it is a pronoun or an article.
        "what_lead": lead(&c.what),
        "what_clause_lead": lead(&clause(&c.what)),
        "communication": c.communication,
        "sources": c.sources,
    });
    Evidence::new(
        "reprisals",
        "a reprisal or intimidation case known on the document's date",
    )
    .entry(EntryKind::Case, c.id.as_str())
    .entries(EntryKind::Communication, c.communication.iter().cloned())
    .sources(&c.sources)
    .value(format!("{} on {}", kind_words(c.kind), date_words(&c.date)))
    .attach(&mut v);
    v
}

/// "9 May 2024", "May 2024" or "2024".
fn date_words(d: &Date) -> String {
    match (d.day, d.month_name()) {
        (Some(day), Some(month)) => format!("{day} {month} {}", d.year),
        (None, Some(month)) => format!("{month} {}", d.year),
        _ => d.year.to_string(),
    }
}

fn communication_json(ds: &Dataset, reference: &str) -> Value {
    let Some(c) = ds
        .special_procedures
        .communications
        .iter()
        .find(|c| c.reference == reference)
    else {
        return json!({
            "reference": reference,
            "known": false,
            "source": null,
            "cited_with_cases": false,
            "sentence": format!("The Special Procedures raised these concerns in communication {reference}."),
        });
    };
    let mut v = json!({
        "reference": c.reference,
        "known": true,
        "kind": c.kind,
        "kind_name": c.kind.name(),
        "kind_name_with_article": c.kind.name_with_article(),
        "date": c.date,
        "mandates": c.mandates,
        "mandate_count": c.mandates.len(),
        "summary": c.summary,
        "reply": c.reply,
        "replied": c.reply.is_some(),
        "source": c.source,
        "sentence": communication_sentence(c),
    });
    Evidence::new("reprisals", "the communication that raised the cases")
        .entry(EntryKind::Communication, c.reference.as_str())
        .sources(c.source.iter())
        .value(match &c.reply {
            Some(d) => format!("sent {}; replied {}", date_words(&c.date), date_words(d)),
            None => format!("sent {}; no reply known", date_words(&c.date)),
        })
        .attach(&mut v);
    v
}

fn communication_sentence(c: &Communication) -> String {
    let by = match c.mandates.as_slice() {
        [] => String::new(),
        [one] => format!(", sent by the {one}"),
        [one, two] => format!(", sent by the {one} and the {two}"),
        many => format!(
            ", sent by {} Special Procedures mandates",
            count_words(many.len())
        ),
    };
    let reply = match &c.reply {
        Some(d) => format!("the authorities replied on {}", date_words(d)),
        None => "no reply from the authorities is known".into(),
    };
    format!(
        "These concerns were raised in {} of {} ({}){by}; {reply}.",
        c.kind.name_with_article(),
        date_words(&c.date),
        c.reference,
    )
}

/// A count in words up to ten, as letters write them, in figures beyond.
fn count_words(n: usize) -> String {
    const WORDS: [&str; 11] = [
        "no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    ];
    WORDS
        .get(n)
        .map_or_else(|| n.to_string(), |w| (*w).to_string())
}

fn intro(state: &str, reprisals: usize, intimidation: usize) -> String {
    if reprisals + intimidation == 1 {
        let what = if reprisals == 1 {
            "reprisal"
        } else {
            "intimidation"
        };
        return format!(
            "We are concerned about a reported case of {what} in {state} linked to cooperation \
             with the United Nations and its human rights mechanisms."
        );
    }
    let what = match (reprisals > 0, intimidation > 0) {
        (true, true) => "reprisals and intimidation",
        (true, false) => "reprisals",
        (false, true) => "intimidation",
        (false, false) => return String::new(),
    };
    format!(
        "We are concerned about reports of {what} against people in {state} who have cooperated, \
         or sought to cooperate, with the United Nations and its human rights mechanisms."
    )
}

fn call(state: &str, has_cases: bool) -> String {
    if has_cases {
        format!(
            "We urge the authorities of {state} to investigate promptly, thoroughly and impartially \
             every allegation of reprisal or intimidation against those who cooperate with the United \
             Nations, to bring those responsible to justice, to provide redress to the victims, and to \
             ensure that everyone can engage with the United Nations and its human rights mechanisms \
             without fear."
        )
    } else {
        format!(
            "We call on the authorities of {state} to ensure that no one is subjected to reprisals or \
             intimidation for cooperating, or seeking to cooperate, with the United Nations and its \
             human rights mechanisms, and to condemn publicly any such act should it occur."
        )
    }
}

// Left out when linked into hrdraft; see the `builtin` feature in Cargo.toml.
#[cfg(not(feature = "builtin"))]
hrdraft_sdk::export_plugin!(Reprisals);

#[cfg(test)]
mod tests;
