//! What the document says of the State's own acts, against the dataset:
//! `noted-as-accepted` (a recommendation printed with the response it did
//! not get) and `unknown-pledge` (a pledge quoted that the State never
//! made).

use std::collections::HashMap;
use std::sync::LazyLock;

use hrdraft_sdk::{Recommendation, Response};
use regex::Regex;

use super::text::{normal, pattern, Kind, Sentence, Unit};
use super::{Code, Input, Place, Warning};

/// A recommendation's paragraph number: "95.42", "97.16".
static PARAGRAPH: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"(?-u:\b)\d{1,3}\.\d{1,3}(?:\.\d{1,3})?(?-u:\b)"));

/// What a sentence says the response was, when it says one thing: its
/// words read in order, lower-cased ("did not support", "принял к
/// сведению" say noted; "accepted", "support of", "поддержало" accepted).
/// Read by hand rather than with a pattern: this runs on every sentence of
/// every document `render` drafts, and needs no pattern compiled for it.
fn claim(text: &str) -> Option<Response> {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let (mut noted, mut accepted) = (false, false);
    let mut i = 0;
    while i < words.len() {
        let w = words[i];
        let next = words.get(i + 1).copied().unwrap_or("");
        let after = words.get(i + 2).copied().unwrap_or("");
        let agreeing = |w: &str| {
            matches!(
                w,
                "accept" | "support" | "accepted" | "supported" | "accepts" | "supports"
            )
        };
        let russian_yes = |w: &str| {
            w.starts_with("принял") || w.starts_with("принят") || w.starts_with("поддерж")
        };
        if matches!(w, "noted" | "rejected" | "declined") || w.starts_with("отклон") {
            noted = true;
        } else if (w == "not" && agreeing(next)) || (w == "не" && russian_yes(next)) {
            noted = true;
            i += 1;
        } else if russian_yes(w) && next == "к" && after.starts_with("сведени") {
            noted = true;
            i += 2;
        } else if matches!(
            w,
            "accepted"
                | "supported"
                | "accepts"
                | "supports"
                | "accepting"
                | "supporting"
                | "acceptance"
        ) || (w == "support" && next == "of")
            || russian_yes(w)
        {
            accepted = true;
        }
        i += 1;
    }
    match (noted, accepted) {
        (true, false) => Some(Response::Noted),
        (false, true) => Some(Response::Accepted),
        _ => None,
    }
}

fn word(r: Response) -> &'static str {
    match r {
        Response::Accepted => "accepted",
        Response::Noted => "noted",
        Response::Pending => "pending",
    }
}

/// The recommendations of the dataset by paragraph number and by text.
struct Index<'d> {
    by_paragraph: HashMap<&'d str, Vec<usize>>,
    by_text: HashMap<String, Vec<usize>>,
    all: &'d [Recommendation],
}

impl<'d> Index<'d> {
    fn new(all: &'d [Recommendation]) -> Index<'d> {
        let mut by_paragraph: HashMap<&str, Vec<usize>> = HashMap::new();
        let mut by_text: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, r) in all.iter().enumerate() {
            if let Some(p) = &r.paragraph {
                by_paragraph.entry(p.as_str()).or_default().push(i);
            }
            by_text.entry(normal(&r.text)).or_default().push(i);
        }
        Index {
            by_paragraph,
            by_text,
            all,
        }
    }
}

/// `noted-as-accepted`: each sentence (or table row) that says
/// recommendations were accepted or noted, and names them by paragraph
/// number (in the text or its footnotes) or prints one's text, against the
/// responses upr.toml records. A number several recommendations share (one
/// per cycle) is wrong only when none of them had the response printed.
pub fn responses(input: &Input<'_>, units: &[Unit], out: &mut Vec<Warning>) {
    let recs = &input.dataset.upr.recommendations;
    if recs.is_empty() {
        return;
    }
    let mut index = None;
    for unit in units.iter().filter(|u| u.kind != Kind::Quote) {
        // A table row is read whole: its cells are not sentences.
        let sentences = if unit.kind == Kind::Row {
            vec![Sentence {
                text: &unit.text,
                notes: unit.note_texts.iter().map(String::as_str).collect(),
            }]
        } else {
            unit.sentences()
        };
        for s in &sentences {
            let Some(said) = claim(s.text) else { continue };
            let index = index.get_or_insert_with(|| Index::new(recs));
            let mut named: Vec<Vec<usize>> = Vec::new();
            for text in std::iter::once(s.text).chain(s.notes.iter().copied()) {
                for m in PARAGRAPH.find_iter(text) {
                    if let Some(found) = index.by_paragraph.get(m.as_str()) {
                        named.push(found.clone());
                    }
                }
            }
            let pieces: Vec<&str> = if unit.kind == Kind::Row {
                unit.text.split(" | ").collect()
            } else {
                quotations(s.text)
            };
            for piece in pieces {
                if let Some(found) = index.by_text.get(&normal(piece)) {
                    named.push(found.clone());
                }
            }
            named.dedup();
            for found in named {
                if found.iter().any(|&i| index.all[i].response == said) {
                    continue;
                }
                let Some(&i) = found.first() else { continue };
                let r = &index.all[i];
                let name = match &r.paragraph {
                    Some(p) => format!("recommendation {p} ({})", r.recommending_state),
                    None => format!("recommendation {} ({})", r.number, r.recommending_state),
                };
                out.push(Warning {
                    code: Code::NotedAsAccepted,
                    message: format!(
                        "{name} is printed as {}, but upr.toml records it as {}: \"{}\"",
                        word(said),
                        word(r.response),
                        clip(s.text)
                    ),
                    hint: format!(
                        "say the State {} it, or correct its `response` in upr.toml",
                        word(r.response)
                    ),
                    at: Place::Field {
                        file: "upr.toml".to_string(),
                        field: format!("recommendations[{i}].response"),
                    },
                    also: Some(Place::Text {
                        text: s.text.to_string(),
                    }),
                });
            }
        }
    }
}

/// The quotations in `text` (in curly, straight or angle quotes).
fn quotations(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find(['“', '«']) {
        let after = &rest[open..];
        let inner_start = after.chars().next().map_or(1, char::len_utf8);
        let inner = &after[inner_start..];
        let Some(close) = inner.find(['”', '»']) else {
            break;
        };
        out.push(&inner[..close]);
        rest = &inner[close..];
    }
    out
}

/// `unknown-pledge`: a quotation that a pledge word introduces ("We note
/// your pledge: “…”", "your pledges: “…”; and “…”") must be the wording of
/// one of the dataset's pledges (its `text` or `clause`, whole or in part).
pub fn pledges(input: &Input<'_>, units: &[Unit], out: &mut Vec<Warning>) {
    let known: Vec<String> = input
        .dataset
        .candidacy
        .iter()
        .flat_map(|c| &c.pledges)
        .flat_map(|p| std::iter::once(&p.text).chain(p.clause.as_ref()))
        .map(|t| normal(t))
        .collect();
    for unit in units
        .iter()
        .filter(|u| matches!(u.kind, Kind::Body | Kind::Item))
    {
        for quote in pledge_quotations(&unit.text) {
            let q = normal(quote);
            let found = known.iter().any(|k| {
                *k == q || (q.chars().count() >= 12 && (k.contains(&q) || q.contains(k.as_str())))
            });
            if found || q.is_empty() {
                continue;
            }
            out.push(Warning {
                code: Code::UnknownPledge,
                message: format!(
                    "the document quotes as the State's pledge \"{}\", which is not among the \
                     pledges of candidacy.toml",
                    clip(quote)
                ),
                hint: "quote the pledge as candidacy.toml words it (the `text` or `clause` of \
                       its [[pledges]] entry), or add the pledge there with its source"
                    .to_string(),
                at: Place::Text {
                    text: quote.to_string(),
                },
                also: None,
            });
        }
    }
}

/// The quotations a pledge word introduces in `text`: an opening quote
/// with only a colon, dash or space (four at most) between it and a pledge
/// word, then each quotation joined to it by ", ", "; " or "and".
fn pledge_quotations(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(open) = text[from..].find(['“', '«', '"']).map(|i| from + i) {
        let before = text[..open].trim_end_matches([' ', ':', '—', '–', '-', '\u{a0}']);
        let gap = text[before.len()..open].chars().count();
        let word = before
            .rsplit(|c: char| !c.is_alphabetic())
            .next()
            .unwrap_or("")
            .to_lowercase();
        let mut at = open;
        let introduced = gap <= 4 && pledge_word(&word);
        from = open + text[open..].chars().next().map_or(1, char::len_utf8);
        if !introduced {
            continue;
        }
        while let Some((inner, end)) = quotation(text, at) {
            out.push(inner);
            from = end;
            let rest = &text[end..];
            let joined = rest.trim_start_matches(['.', ',', ';', ' ']);
            let joined = joined
                .strip_prefix("and ")
                .or_else(|| joined.strip_prefix("и "))
                .unwrap_or(joined);
            match joined.chars().next() {
                Some('“' | '«' | '"') => at = text.len() - joined.len(),
                _ => break,
            }
        }
    }
    out
}

/// A word that presents what follows as the State's pledge.
fn pledge_word(word: &str) -> bool {
    matches!(
        word,
        "pledge"
            | "pledges"
            | "pledged"
            | "commitment"
            | "commitments"
            | "intention"
            | "intentions"
            | "statement"
            | "statements"
    ) || ["обязательств", "обещани", "заявлени"]
        .iter()
        .any(|stem| word.starts_with(stem))
}

/// The quotation opening at byte `open` of `text`: its inside, and where
/// it ends (after the closing quote).
fn quotation(text: &str, open: usize) -> Option<(&str, usize)> {
    let opener = text[open..].chars().next()?;
    let inner_start = open + opener.len_utf8();
    let close = text[inner_start..].find(['”', '»', '"'])? + inner_start;
    let closer = text[close..].chars().next()?;
    Some((&text[inner_start..close], close + closer.len_utf8()))
}

/// The first 80 characters of `text`, with "…" where it was cut.
pub(super) fn clip(text: &str) -> String {
    let mut chars = text.chars();
    let head: String = chars.by_ref().take(80).collect();
    if chars.next().is_some() {
        format!("{}…", head.trim_end())
    } else {
        head
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sentence_says_accepted_noted_or_neither() {
        assert_eq!(
            claim("your government accepted recommendations to strengthen"),
            Some(Response::Accepted)
        );
        assert_eq!(
            claim("We regret that Kazakhstan did not support 97.1"),
            Some(Response::Noted)
        );
        assert_eq!(claim("it was rejected, as in 2011"), Some(Response::Noted));
        assert_eq!(claim("accepted 5 and noted 3"), None);
        assert_eq!(claim("We note your intention"), None);
        assert_eq!(
            claim("правительство поддержало рекомендации"),
            Some(Response::Accepted)
        );
        assert_eq!(
            claim("правительство приняло к сведению рекомендации"),
            Some(Response::Noted)
        );
    }

    #[test]
    fn pledge_quotations_follow_a_pledge_word() {
        let text = "We note your pledges: “Adopt a law”; and “Establish a body”. \
                    The law you have pledged to adopt should repeal “disseminating false information”.";
        assert_eq!(pledge_quotations(text), ["Adopt a law", "Establish a body"]);
    }
}
