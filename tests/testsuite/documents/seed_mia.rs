//! The Kazakhstan MIA beside the assessment it is transcribed from (seed
//! 003, `tests/fixtures/seeds/003-mia-feedback.txt`), recommendation by
//! recommendation.
//!
//! The drafted DOCX is read back and its feedback part cut into the same
//! pieces as the seed's: section, recommendation text, recommending State,
//! IRI, each stakeholder label and each response paragraph, compared after
//! normalising white space, quotes and list markers. Every difference is
//! printed with both texts and must be listed, with its reason, in
//! `tests/fixtures/seeds/003-allow.toml`; a listed difference that no longer
//! differs fails the test too, until the list is brought up to date.

use std::collections::BTreeMap;

use super::{find, read, render, root};

/// One recommendation of the feedback part, with the responses printed after
/// it (the last member of a cluster carries the cluster's responses).
#[derive(Debug, Default)]
struct Rec {
    number: u32,
    section: String,
    text: String,
    state: String,
    iri: String,
    /// (label, paragraphs).
    responses: Vec<(String, Vec<String>)>,
}

fn normal(s: &str) -> String {
    let s = s
        .replace(['\u{2019}', '\u{2018}'], "'")
        .replace(['\u{201c}', '\u{201d}'], "\"")
        .replace('\u{a0}', " ");
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    // List markers: the seed prints "- 1. It is necessary", the DOCX a
    // numbered list item "It is necessary".
    let mut t = s.as_str();
    loop {
        let before = t;
        t = t.strip_prefix("- ").unwrap_or(t);
        let digits = t.chars().take_while(char::is_ascii_digit).count();
        if digits > 0 && t[digits..].starts_with(". ") {
            t = &t[digits + 2..];
        }
        if t == before {
            break;
        }
    }
    t.to_owned()
}

/// "Recommendation nºN: text (Recommended by State)".
fn recommendation(p: &str) -> Option<(u32, String, String)> {
    let rest = p
        .strip_prefix("Recommendation nº")
        .or_else(|| p.strip_prefix("Recommendation n°"))?;
    let (n, rest) = rest.split_once(':')?;
    let (text, state) = rest.rsplit_once(" (Recommended by ")?;
    Some((
        n.trim().parse().ok()?,
        normal(text),
        normal(state.trim_end_matches(')')),
    ))
}

/// The pieces, from paragraphs already classified as heading, "+",
/// recommendation, IRI, label or paragraph.
fn parse<'a>(items: impl IntoIterator<Item = (char, &'a str)>) -> Vec<Rec> {
    let mut recs: Vec<Rec> = Vec::new();
    let mut section = String::new();
    for (kind, text) in items {
        match kind {
            'H' => section = normal(text),
            'R' => {
                if let Some((number, text, state)) = recommendation(text) {
                    recs.push(Rec {
                        number,
                        section: section.clone(),
                        text,
                        state,
                        ..Rec::default()
                    });
                }
            }
            'I' => {
                if let Some(r) = recs.last_mut() {
                    r.iri = normal(text);
                }
            }
            'S' => {
                if let Some(r) = recs.last_mut() {
                    r.responses.push((normal(text), Vec::new()));
                }
            }
            'P' => {
                if let Some((_, paragraphs)) = recs.last_mut().and_then(|r| r.responses.last_mut())
                {
                    let p = normal(text);
                    if !p.is_empty() {
                        paragraphs.push(p);
                    }
                }
            }
            _ => {}
        }
    }
    recs
}

fn seed() -> Vec<Rec> {
    let fixture = std::fs::read_to_string(root().join("tests/fixtures/seeds/003-mia-feedback.txt"))
        .expect("seed fixture");
    let items: Vec<(char, String)> = fixture
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            if l == "+" {
                return Some(('+', String::new()));
            }
            let (kind, text) = l.split_once(": ")?;
            let kind = kind.chars().next()?;
            let text = match kind {
                'R' => {
                    let mut parts = text.splitn(2, " | ");
                    let n = parts.next()?;
                    let (text, state) = parts.next()?.rsplit_once(" | ")?;
                    format!("Recommendation nº{n}: {text} (Recommended by {state})")
                }
                _ => text.to_owned(),
            };
            Some((kind, text))
        })
        .collect();
    parse(items.iter().map(|(k, t)| (*k, t.as_str())))
}

fn drafted(sections: &[String], paragraphs: &[String]) -> Vec<Rec> {
    let start = paragraphs
        .iter()
        .position(|p| p == "3. Feedback on recommendations")
        .expect("the feedback part");
    let end = paragraphs[start..]
        .iter()
        .position(|p| p == "Methodology")
        .map_or(paragraphs.len(), |e| start + e);
    let items = paragraphs[start + 1..end].iter().map(|p| {
        let p = p.as_str();
        let kind = if sections.iter().any(|s| s == p) {
            'H'
        } else if p == "+" {
            '+'
        } else if recommendation(p).is_some() {
            'R'
        } else if let Some(level) = p.strip_prefix("IRI: ") {
            return ('I', level);
        } else if let Some(label) = p.strip_suffix(" response:") {
            return ('S', label);
        } else {
            'P'
        };
        (kind, p)
    });
    parse(items)
}

/// The stakeholder's abbreviation in a label ("Tandem Project (TP)" → "TP").
fn abbreviation(label: &str) -> &str {
    label
        .rsplit_once(" (")
        .map_or(label, |(_, a)| a.trim_end_matches(')'))
}

/// Both texts from a little before where they first differ, for a reader to
/// see the difference in a long paragraph.
fn around_first_difference(a: &str, b: &str) -> (String, String) {
    let same = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    let cut = |s: &str| {
        let skip = same.saturating_sub(40);
        let text: String = s.chars().skip(skip).take(120).collect();
        let more = s.chars().count() > skip + 120;
        format!(
            "{}{text}{}",
            if skip > 0 { "…" } else { "" },
            if more { "…" } else { "" }
        )
    };
    (cut(a), cut(b))
}

/// Every difference, by key, with both texts.
fn differences(seed: &[Rec], draft: &[Rec]) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut add = |key: String, seed: &str, draft: &str| {
        let (a, b) = around_first_difference(seed, draft);
        out.insert(key, format!("  seed:  {a}\n  draft: {b}"));
    };
    let order = |recs: &[Rec]| {
        recs.iter()
            .map(|r| r.number.to_string())
            .collect::<Vec<_>>()
    };
    if order(seed) != order(draft) {
        add(
            "order".into(),
            &order(seed).join(" "),
            &order(draft).join(" "),
        );
    }
    for s in seed {
        let Some(d) = draft.iter().find(|d| d.number == s.number) else {
            add(format!("{} missing", s.number), &s.text, "");
            continue;
        };
        let n = s.number;
        for (what, a, b) in [
            ("section", &s.section, &d.section),
            ("text", &s.text, &d.text),
            ("state", &s.state, &d.state),
            ("iri", &s.iri, &d.iri),
        ] {
            if a != b {
                add(format!("{n} {what}"), a, b);
            }
        }
        let labels = |r: &Rec| {
            r.responses
                .iter()
                .map(|(l, _)| l.clone())
                .collect::<Vec<_>>()
        };
        if labels(s) != labels(d) {
            add(
                format!("{n} labels"),
                &labels(s).join(" / "),
                &labels(d).join(" / "),
            );
        }
        for (label, paragraphs) in &s.responses {
            let who = abbreviation(label);
            let Some((_, drafted)) = d.responses.iter().find(|(l, _)| abbreviation(l) == who)
            else {
                continue;
            };
            for i in 0..paragraphs.len().max(drafted.len()) {
                let a = paragraphs.get(i).map_or("", String::as_str);
                let b = drafted.get(i).map_or("", String::as_str);
                if a != b {
                    add(format!("{n} {who} paragraph {}", i + 1), a, b);
                }
            }
        }
    }
    for d in draft {
        if !seed.iter().any(|s| s.number == d.number) {
            add(format!("{} extra", d.number), "", &d.text);
        }
    }
    out
}

#[derive(serde::Deserialize)]
struct Allow {
    difference: Vec<Allowed>,
}

#[derive(serde::Deserialize)]
struct Allowed {
    key: String,
    reason: String,
}

#[test]
fn kazakhstan_mia_beside_seed_003() {
    let seed = seed();
    assert_eq!(
        seed.len(),
        120,
        "the seed's feedback has 120 recommendations"
    );

    let tmp = tempfile::tempdir().unwrap();
    let paths = render("kazakhstan", "mia-report", &["docx"], tmp.path());
    let parts = read::docx_parts(find(&paths, "docx"));
    let sections = read::docx_styled(&parts, "Heading3");
    let draft = drafted(&sections, &read::docx_lines(&parts));

    let found = differences(&seed, &draft);
    let allow: Allow = toml::from_str(
        &std::fs::read_to_string(root().join("tests/fixtures/seeds/003-allow.toml"))
            .expect("allow-list"),
    )
    .expect("allow-list is TOML");
    let listed: BTreeMap<&str, &str> = allow
        .difference
        .iter()
        .map(|a| (a.key.as_str(), a.reason.as_str()))
        .collect();

    let mut report = String::new();
    for (key, texts) in &found {
        let reason = listed.get(key.as_str()).map_or("NOT LISTED", |r| r);
        report.push_str(&format!("{key} ({reason}):\n{texts}\n\n"));
    }
    let stale: Vec<&&str> = listed.keys().filter(|k| !found.contains_key(**k)).collect();
    for k in &stale {
        report.push_str(&format!("{k}: listed, but no longer differs\n"));
    }
    let pieces: usize = seed
        .iter()
        .map(|r| 4 + r.responses.iter().map(|(_, p)| 1 + p.len()).sum::<usize>())
        .sum();
    println!(
        "{} differences in {pieces} pieces of the seed's feedback:\n\n{report}",
        found.len()
    );
    let unlisted: Vec<&String> = found
        .keys()
        .filter(|k| !listed.contains_key(k.as_str()))
        .collect();
    assert!(
        unlisted.is_empty() && stale.is_empty(),
        "differences not in 003-allow.toml: {unlisted:?}; listed but gone: {stale:?}\n\n{report}"
    );
}
