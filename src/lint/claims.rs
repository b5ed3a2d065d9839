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

/// Words that say a recommendation was noted (not supported).
static NOTED: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"(?i)(?-u:\b)(?:noted|rejected|declined|(?:did|does|has|have) not (?:accept|support)(?:ed)?|not (?:accepted|supported))(?-u:\b)|(?:принял[аио]?|принят[аоы]?)\s+к\s+сведению|отклон\w*|не\s+(?:поддерж|принял|принят)\w*",
    )
});

/// Words that say a recommendation was accepted (supported).
static ACCEPTED: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"(?i)(?-u:\b)(?:accepted|supported|accepts|supports|accepting|supporting|acceptance|support of)(?-u:\b)|(?:^|[^\p{L}])(?:принял\w*|принят\w*|поддерж\w*)",
    )
});

/// A recommendation's paragraph number: "95.42", "97.16".
static PARAGRAPH: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"(?-u:\b)\d{1,3}\.\d{1,3}(?:\.\d{1,3})?(?-u:\b)"));

/// A word that presents what follows as the State's pledge.
static PLEDGE_WORD: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"(?i)(?-u:\b)(?:pledges?|pledged|commitments?|intentions?|statements?)(?-u:\b)|обязательств\w*|обещани\w*|заявлени\w*",
    )
});

/// A quotation opening right after a pledge word (after a colon or a
/// dash), and each quotation joined to it by "and", "; " or ", ".
static QUOTED: LazyLock<Regex> = LazyLock::new(|| pattern(r#"^[\s:—–-]{0,4}[“«"]([^”»"]+)[”»"]"#));
static NEXT_QUOTED: LazyLock<Regex> =
    LazyLock::new(|| pattern(r#"^[.,;]?\s*(?:and\s+|и\s+)?[“«"]([^”»"]+)[”»"]"#));

/// What a sentence says the response was, when it says one thing.
fn claim(text: &str) -> Option<Response> {
    let noted = NOTED.is_match(text);
    let rest = NOTED.replace_all(text, " ");
    let accepted = ACCEPTED.is_match(&rest);
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

/// The quotations a pledge word introduces in `text`.
fn pledge_quotations(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for m in PLEDGE_WORD.find_iter(text) {
        let mut rest = &text[m.end()..];
        let Some(first) = QUOTED.captures(rest) else {
            continue;
        };
        let (Some(all), Some(inner)) = (first.get(0), first.get(1)) else {
            continue;
        };
        out.push(inner.as_str());
        rest = &rest[all.end()..];
        while let Some(next) = NEXT_QUOTED.captures(rest) {
            let (Some(all), Some(inner)) = (next.get(0), next.get(1)) else {
                break;
            };
            out.push(inner.as_str());
            rest = &rest[all.end()..];
        }
    }
    out
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
