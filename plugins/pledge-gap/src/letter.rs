//! The findings arranged as a letter to a candidate takes them up, section by section.
//!
//! The other findings are lists a drafter can use in any order; these say
//! which pledge answers to which section (ratification, Special Procedures,
//! treaty bodies, UPR, the Council, national commitments) and which of the
//! outstanding points others have already recommended, so that a template
//! can state each section — or leave it out — without working anything out.
//!
//! Pledges come in groups of consecutive pledges that a letter names with
//! the same noun and in the same way (see [`pledge_groups`]): "We note your
//! commitments to … and to …", or "We note your pledge: “…”".

use std::collections::BTreeMap;

use hrdraft_sdk::{
    Communication, Dataset, Date, DocumentInfo, ImplementationLevel, Mechanism,
    OtherInstrumentKind, Pledge, PledgeLevel, PledgeNoun, PledgeTarget, RatificationStatus,
    Response, TreatyId, Visit, VisitStatus,
};
use serde_json::{json, Map, Value};

/// Words that make a pledge about an instrument a pledge to ratify it.
const RATIFY_WORDS: &[&str] = &[
    "ratif",
    "accede",
    "accession",
    "sign",
    "join",
    "become a party",
];

/// Words that make a pledge to ratify only a pledge to weigh ratifying:
/// "to study the possibility of ratifying", "to consider acceding". The
/// instrument is still welcomed as signed or urged.
const TENTATIVE_WORDS: &[&str] = &[
    "consider",
    "study",
    "examine",
    "explore",
    "possibility",
    "look into",
];

/// A pledge's text and clause in lower case, for the words that say what
/// it promises.
fn lowercase_words(p: &Pledge) -> String {
    format!("{} {}", p.text, p.clause.as_deref().unwrap_or_default()).to_lowercase()
}

/// Whether a pledge only promises to weigh ratifying ([`TENTATIVE_WORDS`]).
fn tentative(p: &Pledge) -> bool {
    let lower = lowercase_words(p);
    TENTATIVE_WORDS.iter().any(|w| lower.contains(w))
}

/// The instruments a pledge names, by code: core ones and the dataset's
/// other instruments.
fn instrument_keys(p: &Pledge) -> impl Iterator<Item = &str> {
    p.targets.iter().filter_map(|t| match t {
        PledgeTarget::Treaty(id) => Some(id.code()),
        PledgeTarget::Instrument(id) => Some(id.as_str()),
        _ => None,
    })
}

/// Fields to merge into the plugin's output.
pub fn sections(
    ds: &Dataset,
    doc: Option<&DocumentInfo>,
    spoken_on: Option<Date>,
    not_ratified: &[Value],
    body_recs: &[Value],
    cycle: Option<u32>,
    include_state: bool,
) -> Map<String, Value> {
    // The year the document speaks from.
    let year = spoken_on.map(|d| d.year);
    let mut out = Map::new();
    let (recommended, other): (Vec<&Value>, Vec<&Value>) =
        not_ratified.iter().partition(|t| t["recommended"] == true);
    out.insert("recommended_instruments".into(), json!(recommended));
    out.insert("other_instruments".into(), json!(other));

    let pledges: Vec<&Pledge> = ds
        .candidacy
        .as_ref()
        .map(|c| c.pledges.iter().collect())
        .unwrap_or_default();
    let mechanism = |p: &Pledge| {
        p.targets
            .iter()
            .any(|t| matches!(t, PledgeTarget::Mechanism(_)))
    };
    // A pledge to ratify an instrument, at whatever level it was filed,
    // belongs in the ratification paragraph.
    let ratifies = |p: &Pledge| {
        let instrument = p
            .targets
            .iter()
            .any(|t| matches!(t, PledgeTarget::Treaty(_) | PledgeTarget::Instrument(_)));
        let lower = lowercase_words(p);
        !mechanism(p)
            && instrument
            && (p.level == PledgeLevel::International
                || RATIFY_WORDS.iter().any(|w| lower.contains(w)))
    };
    let on = |m: Mechanism| -> Vec<&Pledge> {
        pledges
            .iter()
            .copied()
            .filter(|p| p.level == PledgeLevel::International)
            .filter(|p| p.targets.contains(&PledgeTarget::Mechanism(m)))
            .collect()
    };
    let treaty_pledges: Vec<&Pledge> = pledges.iter().copied().filter(|p| ratifies(p)).collect();
    let international_other: Vec<&Pledge> = pledges
        .iter()
        .copied()
        .filter(|p| p.level == PledgeLevel::International && !mechanism(p) && !ratifies(p))
        .collect();
    let national: Vec<&Pledge> = pledges
        .iter()
        .copied()
        .filter(|p| p.level == PledgeLevel::National && !ratifies(p))
        .collect();
    out.insert("pledges_treaties".into(), pledge_groups(&treaty_pledges));
    out.insert(
        "pledges_international_other".into(),
        pledge_groups(&international_other),
    );
    let sp_pledges = on(Mechanism::SpecialProcedures);
    out.insert(
        "pledges_special_procedures".into(),
        pledge_groups(&sp_pledges),
    );
    out.insert(
        "pledges_treaty_bodies".into(),
        pledge_groups(&on(Mechanism::TreatyBodies)),
    );
    let upr_pledges = on(Mechanism::Upr);
    // Whether a pledge printed before the UPR paragraph already gave the
    // abbreviation ("… during the Universal Periodic Review (UPR)"); if
    // not, the paragraph spells it out on first use.
    let mut upr_abbreviated = upr_pledges
        .iter()
        .any(|p| p.clause.as_deref().unwrap_or(&p.text).contains("(UPR)"));
    let mut pledges_upr = pledge_groups(&upr_pledges);
    if !upr_abbreviated {
        upr_abbreviated = abbreviate_upr(&mut pledges_upr, &upr_pledges);
    }
    // The pledge just before named the review in full, in words the letter
    // does not change: the paragraph goes on with "During the review of …"
    // rather than the name again.
    let upr_named_before = !upr_abbreviated
        && pledges_upr.as_array().is_some_and(|groups| {
            groups.iter().any(|g| {
                ["clauses", "quotes"].iter().any(|k| {
                    g[*k].as_array().is_some_and(|l| {
                        l.iter().any(|t| {
                            t.as_str()
                                .is_some_and(|t| t.contains("Universal Periodic Review"))
                        })
                    })
                })
            })
        });
    out.insert("upr_abbreviated".into(), json!(upr_abbreviated));
    out.insert("upr_named_before".into(), json!(upr_named_before));
    out.insert("pledges_upr".into(), pledges_upr);
    out.insert(
        "pledges_council".into(),
        pledge_groups(&on(Mechanism::HumanRightsCouncil)),
    );
    out.insert("pledges_national".into(), pledge_groups(&national));

    out.insert(
        "ratification".into(),
        ratification(ds, doc, year, &treaty_pledges, not_ratified),
    );
    out.insert(
        "special_procedures".into(),
        special_procedures(ds, year, spoken_on, &sp_pledges, cycle),
    );

    let visits: Vec<Value> = ds
        .special_procedures
        .visits
        .iter()
        .filter(|v| v.status == VisitStatus::Done && !v.recommendations.is_empty())
        .map(|v| {
            let mut sources: Vec<String> = v.report.iter().cloned().collect();
            sources.extend(v.recommendations.iter().filter_map(|r| r.source.clone()));
            sources.extend(v.sources.iter().cloned());
            sources.dedup();
            json!({
                "mandate": v.mandate,
                "date": v.date,
                "recommendations": v.recommendations,
                "sources": sources,
            })
        })
        .collect();
    out.insert("visits_with_recommendations".into(), json!(visits));

    let letter_year = year;
    let treaty_body: Vec<Value> = body_recs
        .iter()
        .filter(|r| r["mechanism"] == "treaty-body")
        .map(|r| {
            let mut r = r.clone();
            let year = ds
                .reporting
                .iter()
                .filter_map(|b| b.concluding_observations.as_ref())
                .find(|co| {
                    r["sources"].as_array().is_some_and(|s| {
                        co.source
                            .as_ref()
                            .is_some_and(|id| s.iter().any(|x| x == id))
                    })
                })
                .map(|co| co.date.year);
            if let Some(obj) = r.as_object_mut() {
                obj.insert("year".into(), json!(year));
                // Ten years or more before the letter: "the recommendations
                // made by the Committee … in 2000", where "the 2000
                // recommendations" would read as a count.
                obj.insert("old".into(), json!(old_observations(year, letter_year)));
            }
            r
        })
        .collect();
    out.insert(
        "treaty_body_groups".into(),
        json!(body_groups(&treaty_body)),
    );
    out.insert("treaty_body_recommendations".into(), json!(treaty_body));

    let review = cycle.and_then(|n| ds.upr.cycles.iter().find(|c| c.number == n));
    out.insert(
        "upr_review".into(),
        json!(review.map(|c| json!({
            "number": c.number,
            "review_date": c.review_date,
            "report": c.report,
            "addendum": c.addendum,
        }))),
    );
    // From the second cycle on, the UN's documents say a State "supported"
    // a recommendation (or noted it), where the first cycle's said
    // "accepted": the letter uses the word of the review it cites.
    out.insert("upr_supported".into(), json!(cycle.is_some_and(|n| n > 1)));

    // Issues of the accepted recommendations stakeholders found not
    // implemented, the most frequent first.
    let mut issues: BTreeMap<&str, usize> = BTreeMap::new();
    if let Some(n) = cycle {
        for r in ds
            .recommendations(n)
            .filter(|r| r.response == Response::Accepted)
        {
            let level = r
                .iri_score(|a| {
                    ds.upr.is_current(r, a) && (include_state || !is_state(ds, &a.stakeholder))
                })
                .map(ImplementationLevel::from_score);
            if level == Some(ImplementationLevel::Not) {
                for i in &r.issues {
                    *issues.entry(i.as_str()).or_default() += 1;
                }
            }
        }
    }
    let mut issues: Vec<(&str, usize)> = issues.into_iter().collect();
    issues.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    out.insert(
        "upr_not_implemented_issues".into(),
        json!(issues
            .iter()
            .take(3)
            .map(|(issue, count)| {
                json!({ "issue": issue, "issue_words": crate::cited::issue_words(issue), "count": count })
            })
            .collect::<Vec<_>>()),
    );
    out
}

fn is_state(ds: &Dataset, abbreviation: &str) -> bool {
    ds.stakeholder(abbreviation)
        .is_some_and(|s| s.kind == hrdraft_sdk::StakeholderKind::State)
}

/// Consecutive pledges a letter names alike, as groups:
///
/// - `noun` ("pledge", "commitment", "intention", "statement") and `plural`;
/// - `clauses`: the pledges as running text ("to promote …"), when each
///   has a `clause`; otherwise `quotes`: their texts, to quote;
/// - `texts`: the pledges' own texts, always (for a language the clauses
///   are not written in);
/// - `also`: whether a group came before it in the same list;
/// - `ids` and `sources`.
pub fn pledge_groups(pledges: &[&Pledge]) -> Value {
    groups_of(pledges, |_| false)
}

/// [`pledge_groups`] for the ratification paragraph: a firm pledge to
/// ratify or accede to an instrument is welcomed, as the series welcomes
/// one ("While we welcome your commitment to complete the ratification of
/// …", to Germany in 2012; "We welcome Benin's commitment to complete the
/// procedure to ratify …", 2011), and one only to consider ratifying is
/// noted ("We note your commitment to consider ratification of …", to the
/// United States), each in sentences of its own (`welcome`).
fn ratification_pledge_groups(pledges: &[&Pledge]) -> Value {
    groups_of(pledges, |p| {
        let lower = lowercase_words(p);
        RATIFY_WORDS.iter().any(|w| lower.contains(w)) && !tentative(p)
    })
}

/// Pledges grouped into sentences: a run of pledges called alike, each
/// with a clause or none, and welcomed or noted alike, is one sentence.
fn groups_of(pledges: &[&Pledge], welcome: impl Fn(&Pledge) -> bool) -> Value {
    let mut groups: Vec<(PledgeNoun, bool, bool, Vec<&Pledge>)> = Vec::new();
    for p in pledges {
        let noun = p.called.unwrap_or(PledgeNoun::Pledge);
        let clause = clause_of(p).is_some();
        let welcomed = welcome(p);
        match groups.last_mut() {
            Some((n, c, w, list)) if *n == noun && *c == clause && *w == welcomed => list.push(p),
            _ => groups.push((noun, clause, welcomed, vec![p])),
        }
    }
    let out: Vec<Value> = groups
        .iter()
        .enumerate()
        .map(|(i, (noun, clause, welcomed, list))| {
            let texts: Vec<String> = list
                .iter()
                .map(|p| p.text.trim().trim_end_matches('.').to_string())
                .collect();
            let clauses: Vec<String> = if *clause {
                list.iter().filter_map(|p| clause_of(p)).collect()
            } else {
                Vec::new()
            };
            let mut sources: Vec<&str> = Vec::new();
            for s in list.iter().filter_map(|p| p.source.as_deref()) {
                if !sources.contains(&s) {
                    sources.push(s);
                }
            }
            json!({
                "noun": noun.word(),
                "welcome": welcomed,
                "plural": list.len() > 1,
                "clauses": clauses,
                "quotes": if *clause { Vec::new() } else { texts.clone() },
                "texts": texts,
                "also": i > 0,
                "ids": list.iter().map(|p| p.id.as_str()).collect::<Vec<_>>(),
                "deadline": list.iter().find_map(|p| p.deadline),
                "sources": sources,
            })
        })
        .collect();
    Value::Array(out)
}

/// The review's name is given its abbreviation where the UPR pledges
/// first name it, as seed 000 does ("… during the Universal Periodic Review
/// (UPR). During the UPR of Kazakhstan …"), when that is in words of the
/// letter's own (a pledge paraphrased, not quoted nor written by the
/// author in `clause`, which are printed as they are). Whether it was.
fn abbreviate_upr(groups: &mut Value, pledges: &[&Pledge]) -> bool {
    const NAME: &str = "Universal Periodic Review";
    let Some(groups) = groups.as_array_mut() else {
        return false;
    };
    for g in groups {
        let named = |v: &Value| v.as_str().is_some_and(|t| t.contains(NAME));
        let quoted = g["quotes"].as_array().is_some_and(|q| q.iter().any(named));
        let by_author = g["ids"].as_array().is_some_and(|ids| {
            ids.iter()
                .any(|id| pledges.iter().any(|p| p.id == *id && p.clause.is_some()))
        });
        let Some(clauses) = g["clauses"].as_array_mut() else {
            continue;
        };
        let Some(first) = clauses.iter_mut().find(|c| named(c)) else {
            if quoted {
                return false;
            }
            continue;
        };
        if quoted || by_author {
            return false;
        }
        let text = first.as_str().unwrap_or_default();
        *first = json!(text.replacen(NAME, "Universal Periodic Review (UPR)", 1));
        return true;
    }
    false
}

/// The verbs a pledge written as an instruction starts with ("Maintain
/// the standing invitation …"), as States word them in their pledge
/// documents.
const PLEDGE_VERBS: &[&str] = &[
    "accede",
    "adopt",
    "advance",
    "align",
    "amend",
    "abolish",
    "bring",
    "combat",
    "consider",
    "contribute",
    "continue",
    "cooperate",
    "create",
    "develop",
    "eliminate",
    "encourage",
    "engage",
    "enhance",
    "ensure",
    "establish",
    "extend",
    "facilitate",
    "fulfil",
    "fulfill",
    "guarantee",
    "host",
    "implement",
    "improve",
    "increase",
    "introduce",
    "invite",
    "maintain",
    "participate",
    "play",
    "present",
    "prevent",
    "promote",
    "protect",
    "provide",
    "pursue",
    "ratify",
    "reform",
    "reinforce",
    "remain",
    "reply",
    "report",
    "respect",
    "respond",
    "review",
    "seek",
    "sign",
    "strengthen",
    "submit",
    "support",
    "take",
    "uphold",
    "withdraw",
    "work",
];

/// The pledge as running text after "We note your pledge": its `clause`,
/// or, for a text written as an instruction ("Maintain the standing
/// invitation …"), "to maintain the standing invitation …", which reads as
/// the series' letters paraphrase pledges rather than quoting an order at
/// the State. Any other text has none and is quoted.
fn clause_of(p: &Pledge) -> Option<String> {
    let tidy = |c: &str| c.trim().trim_end_matches('.').to_string();
    if let Some(c) = p.clause.as_deref() {
        return Some(tidy(c));
    }
    let text = p.text.trim();
    let first = text.split_whitespace().next()?;
    let mut chars = first.chars();
    let initial = chars.next()?;
    // An instruction is one sentence, capitalised, starting with a bare verb.
    // One that says "its" or "it" is quoted: run on after "your pledge",
    // "its" would mean the State in one text and the report in another, and
    // "the recommendations it has accepted" would have no State to mean.
    let one_sentence = !text.trim_end_matches('.').contains(". ");
    let says_its = text.split_whitespace().any(|w| {
        let w = w.trim_matches(|c: char| !c.is_alphabetic());
        ["its", "it", "itself"]
            .iter()
            .any(|p| w.eq_ignore_ascii_case(p))
    });
    if !initial.is_uppercase() || !one_sentence || says_its {
        return None;
    }
    let word = first.to_lowercase();
    // "Review of the Penal Code will …" names a thing, not an instruction.
    let second = text.split_whitespace().nth(1).unwrap_or("").to_lowercase();
    const NOT_AFTER_A_VERB: &[&str] = &[
        "of", "is", "are", "was", "were", "will", "has", "have", "had", "shall", "should", "would",
        "can", "must", "may",
    ];
    if !PLEDGE_VERBS.contains(&word.as_str()) || NOT_AFTER_A_VERB.contains(&second.as_str()) {
        return None;
    }
    let rest = &text[first.len()..];
    Some(tidy(&format!("to {word}{rest}")))
}

/// One instrument as the ratification paragraph names it.
fn instrument_json(
    key: &str,
    title: &str,
    kind: &str,
    status: RatificationStatus,
    reasons: Vec<String>,
    extra: Option<&Value>,
) -> Value {
    let mut v = json!({
        "key": key,
        "title": title,
        "kind": kind,
        "status": status,
        "reasons": reasons,
    });
    if let (Some(obj), Some(Value::Object(extra))) = (v.as_object_mut(), extra) {
        for k in ["signed", "recommended", "recommended_by", "sources", "body"] {
            if let Some(x) = extra.get(k) {
                obj.insert(k.into(), x.clone());
            }
        }
    }
    v
}

/// The review of `cycle`'s recommendations to extend a standing invitation
/// to the Special Procedures, for the sentence that encourages one: its
/// `year`, whether the State accepted any (`accepted`, with `supported`
/// from the second cycle on), whether there were several (`plural`), and
/// their `items` ("96.1 (Latvia)") with the `source` they are cited from
/// (the report, or the addendum that answered them); null when none did.
/// The letter then says "in line with the recommendation your government
/// supported during the Universal Periodic Review in 2016", or for one
/// noted "as was recommended to … during the Universal Periodic Review in
/// 2016".
fn invitation_review(ds: &Dataset, cycle: Option<u32>) -> Value {
    let Some(cycle) = cycle else {
        return Value::Null;
    };
    let Some(review) = ds.upr.cycles.iter().find(|c| c.number == cycle) else {
        return Value::Null;
    };
    let recs: Vec<&hrdraft_sdk::Recommendation> = ds
        .recommendations(cycle)
        .filter(|r| r.text.to_lowercase().contains("standing invitation"))
        .filter(|r| r.response != Response::Pending)
        .collect();
    if recs.is_empty() {
        return Value::Null;
    }
    let accepted: Vec<&&hrdraft_sdk::Recommendation> = recs
        .iter()
        .filter(|r| r.response == Response::Accepted)
        .collect();
    // The accepted ones when there are, else the noted: the sentence says
    // which.
    let cited: Vec<&hrdraft_sdk::Recommendation> = if accepted.is_empty() {
        recs.clone()
    } else {
        accepted.into_iter().copied().collect()
    };
    let citations = crate::cited::by_source(
        cited.iter().copied().filter(|r| r.paragraph.is_some()),
        Some(&review.report),
    );
    // The same as notes, a document that answered them (the addendum)
    // "referring to" them, as the UPR paragraph's notes are.
    let notes: Vec<Value> = citations
        .iter()
        .map(|(source, items)| {
            let kind = if *source == review.report {
                "report"
            } else {
                "response"
            };
            json!({ "source": source, "kind": kind, "items": items })
        })
        .collect();
    json!({
        "notes": notes,
        "year": review.review_date.year,
        "accepted": cited.iter().any(|r| r.response == Response::Accepted),
        "supported": cycle > 1,
        "plural": cited.len() > 1,
        "citations": citations
            .into_iter()
            .map(|(source, items)| json!({ "source": source, "items": items }))
            .collect::<Vec<_>>(),
    })
}

/// The latest review at which the State accepted (or supported) a UPR
/// recommendation that names instrument `p` (one of `proposed`): its
/// `year`, whether it was of the second cycle or a later one (`supported`)
/// and whether several of its recommendations named it (`plural`); null
/// when none did. The letter then urges ratification "in line with the
/// recommendation your government supported during the Universal Periodic
/// Review in 2019", a commitment, where it otherwise says only that the
/// instrument has been recommended.
fn accepted_review(ds: &Dataset, p: &Value) -> Value {
    let accepted: Vec<u64> = p["recommended_by"]
        .as_array()
        .map(|by| {
            by.iter()
                .filter(|r| r["mechanism"] == "upr" && r["response"] == "accepted")
                .filter_map(|r| r["cycle"].as_u64())
                .collect()
        })
        .unwrap_or_default();
    let Some(&cycle) = accepted.iter().max() else {
        return Value::Null;
    };
    let Some(review) = ds.upr.cycles.iter().find(|c| u64::from(c.number) == cycle) else {
        return Value::Null;
    };
    json!({
        "cycle": cycle,
        "year": review.review_date.year,
        "supported": cycle > 1,
        "plural": accepted.iter().filter(|&&c| c == cycle).count() > 1,
    })
}

/// The latest review whose recommendations named instrument `p` when only
/// the UPR did and the State noted every one: its `year`, for "as was
/// recommended to … during the Universal Periodic Review in 2022", which
/// does not pass a noted recommendation off as a commitment; null
/// otherwise.
fn noted_review(ds: &Dataset, p: &Value) -> Value {
    let by = p["recommended_by"]
        .as_array()
        .map_or(&[][..], Vec::as_slice);
    if by.is_empty()
        || !p["accepted_review"].is_null()
        || by.iter().any(|r| r["mechanism"] != "upr")
    {
        return Value::Null;
    }
    let Some(cycle) = by.iter().filter_map(|r| r["cycle"].as_u64()).max() else {
        return Value::Null;
    };
    ds.upr
        .cycles
        .iter()
        .find(|c| u64::from(c.number) == cycle)
        .map_or(
            Value::Null,
            |review| json!({ "cycle": cycle, "year": review.review_date.year }),
        )
}

/// The notes citing the recommendations an instrument is urged by: those
/// the State accepted at `accepted_review`'s review when there is one ("in
/// line with the recommendation your government supported …"), those of
/// `noted_review`'s ("as was recommended … in 2022"), else every one
/// recorded ("as has already been recommended …"). A UPR note has the
/// `source` (the review's report, or the addendum that answered them:
/// `kind` "response"), and its `items` ("145.3 (Paraguay)"); a treaty
/// body's or a mission report's, the `source` and its `paragraph` locator.
/// A recommendation without a paragraph or a source is not cited.
fn recommendation_notes(ds: &Dataset, p: &Value) -> Vec<Value> {
    let by = p["recommended_by"]
        .as_array()
        .map_or(&[][..], Vec::as_slice);
    let accepted_cycle = p["accepted_review"]["cycle"].as_u64();
    // The review the sentence names, when it names one.
    let named_cycle = accepted_cycle.or(p["noted_review"]["cycle"].as_u64());
    let mut notes = Vec::new();
    let mut cycles: Vec<u64> = by
        .iter()
        .filter(|r| r["mechanism"] == "upr")
        .filter_map(|r| r["cycle"].as_u64())
        .filter(|c| named_cycle.is_none_or(|a| a == *c))
        .collect();
    cycles.sort_unstable();
    cycles.dedup();
    for cycle in cycles {
        let recs: Vec<&hrdraft_sdk::Recommendation> = by
            .iter()
            .filter(|r| r["mechanism"] == "upr" && r["cycle"].as_u64() == Some(cycle))
            .filter(|r| accepted_cycle.is_none() || r["response"] == "accepted")
            .filter_map(|r| {
                ds.upr.recommendations.iter().find(|x| {
                    u64::from(x.cycle) == cycle && Some(u64::from(x.number)) == r["number"].as_u64()
                })
            })
            .filter(|r| r.paragraph.is_some())
            .collect();
        let report = ds
            .upr
            .cycles
            .iter()
            .find(|c| u64::from(c.number) == cycle)
            .map(|c| c.report.as_str());
        for (source, items) in crate::cited::by_source(recs, report) {
            if source.is_empty() {
                continue;
            }
            let kind = if report == Some(source.as_str()) {
                "report"
            } else {
                "response"
            };
            notes.push(json!({ "source": source, "kind": kind, "items": items }));
        }
    }
    if accepted_cycle.is_none() {
        for r in by.iter().filter(|r| r["mechanism"] != "upr") {
            let (Some(paragraph), Some(source)) = (
                r["paragraph"].as_str(),
                r["sources"]
                    .as_array()
                    .and_then(|s| s.first())
                    .and_then(Value::as_str),
            ) else {
                continue;
            };
            notes.push(json!({ "source": source, "paragraph": paragraph }));
        }
    }
    notes
}

/// The notes of several instruments as one: a source cited once, its UPR
/// items in the report's order, its locators joined ("paras 15 and 31").
fn merged_notes<'a>(lists: impl IntoIterator<Item = &'a Value>) -> Vec<Value> {
    let mut upr: Vec<(Value, Value, Vec<String>)> = Vec::new();
    let mut other: Vec<(Value, Vec<String>)> = Vec::new();
    let mut order: Vec<(bool, usize)> = Vec::new();
    for note in lists.into_iter().filter_map(Value::as_array).flatten() {
        if let Some(items) = note["items"].as_array() {
            let items = items.iter().filter_map(Value::as_str).map(str::to_string);
            match upr
                .iter_mut()
                .find(|(s, k, _)| *s == note["source"] && *k == note["kind"])
            {
                Some((.., all)) => all.extend(items),
                None => {
                    order.push((true, upr.len()));
                    upr.push((
                        note["source"].clone(),
                        note["kind"].clone(),
                        items.collect(),
                    ));
                }
            }
        } else if let Some(paragraph) = note["paragraph"].as_str() {
            match other.iter_mut().find(|(s, _)| *s == note["source"]) {
                // A locator two instruments share is cited once.
                Some((_, all)) if all.iter().any(|p| p == paragraph) => {}
                Some((_, all)) => all.push(paragraph.to_string()),
                None => {
                    order.push((false, other.len()));
                    other.push((note["source"].clone(), vec![paragraph.to_string()]));
                }
            }
        }
    }
    order
        .into_iter()
        .map(|(is_upr, i)| {
            if is_upr {
                let (source, kind, items) = &upr[i];
                let mut items = items.clone();
                items.sort_by_key(|i| {
                    crate::cited::paragraph_key(i.split(' ').next().unwrap_or(""))
                });
                items.dedup();
                json!({ "source": source, "kind": kind, "items": items })
            } else {
                let (source, paragraphs) = &other[i];
                json!({ "source": source, "paragraph": join_locators(paragraphs) })
            }
        })
        .collect()
}

/// Why the letter urges `items` (instruments of one sentence), for the
/// clause after it: `in_line` with the recommendation the State accepted
/// (one instrument, with `year`, `supported` and `plural` as
/// `accepted_review` has them; or several, each accepted at the same
/// review, `plural`; or some of several, each of those accepted at the
/// same review, with `some`), `noted` at the review of `year` (one
/// instrument only the UPR recommended), else `recommended`; `some` lists
/// the titles of those recommended when not all were; `notes` cites the
/// recommendations. Null when none was recommended, or when the document
/// lists its own instruments.
fn urged_why(items: &[Value], pinned: bool) -> Value {
    let recommended: Vec<&Value> = items.iter().filter(|p| p["recommended"] == true).collect();
    if pinned || recommended.is_empty() {
        return Value::Null;
    }
    let all = recommended.len() == items.len();
    let mut why = json!({
        "plural_items": items.len() > 1,
        "some": if all { json!([]) } else { json!(recommended.iter().map(|p| p["title"].clone()).collect::<Vec<_>>()) },
        "notes": merged_notes(recommended.iter().map(|p| &p["notes"])),
    });
    // Several, each recommended at the same review and the State accepting:
    // "in line with the recommendations your government supported …".
    let reviews: Vec<&serde_json::Map<String, Value>> = items
        .iter()
        .filter_map(|p| p["accepted_review"].as_object())
        .collect();
    if items.len() > 1
        && reviews.len() == items.len()
        && reviews.windows(2).all(|w| w[0]["cycle"] == w[1]["cycle"])
    {
        why["in_line"] = json!(true);
        for (k, v) in reviews[0] {
            why[k.as_str()] = v.clone();
        }
        why["plural"] = json!(true);
        return why;
    }
    // Some of several, each of those accepted at the same review: "in line
    // with the recommendation on the … that your government supported …".
    let accepted: Vec<&serde_json::Map<String, Value>> = recommended
        .iter()
        .filter_map(|p| p["accepted_review"].as_object())
        .collect();
    if !all
        && accepted.len() == recommended.len()
        && accepted.windows(2).all(|w| w[0]["cycle"] == w[1]["cycle"])
    {
        why["in_line"] = json!(true);
        for (k, v) in accepted[0] {
            why[k.as_str()] = v.clone();
        }
        if accepted.len() > 1 {
            why["plural"] = json!(true);
        }
        return why;
    }
    if let [one] = items {
        if let Some(review) = one["accepted_review"].as_object() {
            why["in_line"] = json!(true);
            for (k, v) in review {
                why[k.as_str()] = v.clone();
            }
            return why;
        }
        if let Some(year) = one["noted_review"]["year"].as_u64() {
            why["noted"] = json!(true);
            why["year"] = json!(year);
            return why;
        }
    }
    why["recommended"] = json!(true);
    why
}

/// The ratification paragraph: pledges to ratify, instruments signed and
/// not ratified, those still outstanding (the plugin's proposal, or the
/// document's own list), and reservations to withdraw.
fn ratification(
    ds: &Dataset,
    doc: Option<&DocumentInfo>,
    year: Option<u16>,
    treaty_pledges: &[&Pledge],
    not_ratified: &[Value],
) -> Value {
    // Instruments the State firmly pledged to ratify: not urged again.
    let pledged: Vec<String> = treaty_pledges
        .iter()
        .filter(|p| !tentative(p))
        .flat_map(|p| instrument_keys(p))
        .map(str::to_string)
        .collect();
    let excluded: Vec<&str> = doc
        .map(|d| d.exclude_instruments.iter().map(String::as_str).collect())
        .unwrap_or_default();

    // Every instrument not ratified, with why a letter might urge it.
    let mut proposed: Vec<Value> = Vec::new();
    for t in not_ratified {
        let key = t["treaty"].as_str().unwrap_or_default();
        let Some(id) = TreatyId::ALL.iter().find(|x| x.code() == key) else {
            continue;
        };
        let status = ds
            .treaty(*id)
            .map(|s| s.status)
            .unwrap_or(RatificationStatus::NoAction);
        let mut reasons = Vec::new();
        if status == RatificationStatus::Signatory {
            reasons.push("signed, not ratified".to_string());
        }
        if t["recommended"] == true {
            reasons.push("recommended to the State".to_string());
        }
        if pledged.iter().any(|p| p == key) {
            reasons.push("the State pledged to ratify it".to_string());
        }
        proposed.push(instrument_json(
            key,
            id.title(),
            "core",
            status,
            reasons,
            Some(t),
        ));
    }
    for o in &ds.other_instruments {
        // A party, or one the State withdrew from (regretted below).
        if o.status == RatificationStatus::Party {
            continue;
        }
        let mut reasons = Vec::new();
        if o.status == RatificationStatus::Signatory {
            reasons.push("signed, not ratified".to_string());
        }
        if pledged.contains(&o.id) {
            reasons.push("the State pledged to ratify it".to_string());
        }
        let kind = match o.kind {
            OtherInstrumentKind::Regional => "regional",
            OtherInstrumentKind::Ilo => "ilo",
            OtherInstrumentKind::Other => "other",
        };
        let extra = json!({ "signed": o.signed, "sources": o.sources, "recommended": false });
        proposed.push(instrument_json(
            &o.id,
            &o.title,
            kind,
            o.status,
            reasons,
            Some(&extra),
        ));
    }

    for p in &mut proposed {
        p["accepted_review"] = accepted_review(ds, p);
        p["noted_review"] = noted_review(ds, p);
        p["notes"] = json!(recommendation_notes(ds, p));
    }

    let pinned: Vec<&str> = doc
        .map(|d| d.instruments.iter().map(String::as_str).collect())
        .unwrap_or_default();
    let mut signed = Vec::new();
    let mut urge = Vec::new();
    let mut others = Vec::new();
    let mut withdraw = Vec::new();
    if pinned.is_empty() {
        for p in &proposed {
            let key = p["key"].as_str().unwrap_or_default();
            if excluded.contains(&key) || pledged.iter().any(|x| x == key) {
                continue;
            }
            if p["status"] == "signatory" {
                signed.push(p.clone());
            } else if p["kind"] != "core" {
                // Instruments outside the core ones are urged only when a
                // document asks for them.
            } else if p["recommended"] == true {
                urge.push(p.clone());
            } else {
                others.push(p.clone());
            }
        }
    } else {
        for key in &pinned {
            // A pledged instrument is welcomed with its pledge, not urged again.
            if excluded.contains(key) || pledged.iter().any(|p| p == key) {
                continue;
            }
            if let Some(p) = proposed.iter().find(|p| p["key"] == *key) {
                if p["status"] == "signatory" {
                    signed.push(p.clone());
                } else {
                    urge.push(p.clone());
                }
            } else if let Some(t) = TreatyId::ALL
                .iter()
                .find(|x| x.code() == *key)
                .and_then(|id| ds.treaty(*id))
            {
                // A party: the letter asks it to withdraw its reservations
                // and declarations, not the declaration a treaty requires.
                let (reservations, declarations) = withdrawable(&t.reservations);
                if !(reservations.is_empty() && declarations.is_empty()) {
                    withdraw.push(json!({
                        "key": key,
                        "title": t.treaty.title(),
                        "reservations": reservations,
                        "declarations": declarations,
                        "sources": t.sources,
                    }));
                }
            }
        }
    }
    // The one instrument the paragraph's last treaty pledge only promises
    // to consider ("will consider ratifying …"), when the letter would urge
    // it in its lists: urged right after the pledges ("We urge you to ratify
    // it promptly"), where "it" can only mean the instrument last named, so
    // that its title is not given twice.
    let considered = match treaty_pledges.last() {
        Some(p) if tentative(p) => match instrument_keys(p).collect::<Vec<_>>()[..] {
            [key] => take_by_key(&mut urge, key).or_else(|| take_by_key(&mut others, key)),
            _ => None,
        },
        _ => None,
    };
    // The considered instrument is acceded to when the pledge says so.
    let considered = considered.map(|mut c| {
        let accede = treaty_pledges.last().is_some_and(|p| {
            let lower = lowercase_words(p);
            lower.contains("acced") || lower.contains("accession")
        });
        c["accede"] = json!(accede && c["status"] != "signatory");
        c["why"] = urged_why(std::slice::from_ref(&c), false);
        c
    });
    // A signature of two years or more before the document is no news to
    // welcome: the letter says when it was signed and urges ratification
    // without further delay. A signature of unknown date is taken as old.
    let signed_year = |p: &Value| {
        p["signed"]
            .as_str()
            .and_then(|s| s.get(..4))
            .and_then(|y| y.parse::<u16>().ok())
    };
    let (signed, mut signed_earlier): (Vec<Value>, Vec<Value>) =
        signed.into_iter().partition(|p| {
            year.is_none_or(|y| signed_year(p).is_some_and(|s| y < s.saturating_add(2)))
        });
    // In the order they were signed, the year said once for a run of
    // one year ("the ICESCR and the ICCPR in 2009"): `year_after` on the
    // last of each run.
    signed_earlier.sort_by_key(|p| signed_year(p).unwrap_or(u16::MAX));
    let years: Vec<Option<u16>> = signed_earlier.iter().map(signed_year).collect();
    for (i, p) in signed_earlier.iter_mut().enumerate() {
        p["year"] = json!(years[i]);
        let last_of_year = years.get(i + 1).is_none_or(|next| *next != years[i]);
        p["year_after"] = json!(if last_of_year { years[i] } else { None });
    }
    // Instruments ratified (or acceded to) in the year of the document or
    // the year before: news a letter welcomes, in the order ratified. An
    // instrument ratified after the document's date is not a party yet
    // (`Dataset::known_on`), so is not here.
    let recent = |d: Option<&hrdraft_sdk::Date>| {
        d.zip(year)
            .filter(|(d, y)| *y < d.year.saturating_add(2))
            .map(|(d, _)| *d)
    };
    let welcome = |d: hrdraft_sdk::Date,
                   key: &str,
                   kind: &str,
                   title: &str,
                   accession: bool,
                   sources: &[String]| {
        (
            d,
            json!({ "key": key, "kind": kind, "title": title, "year": d.year, "accession": accession, "sources": sources }),
        )
    };
    let core = ds
        .treaties
        .iter()
        .filter(|t| t.status == RatificationStatus::Party)
        .filter_map(|t| {
            let d = recent(t.ratified.as_ref())?;
            Some(welcome(
                d,
                t.treaty.code(),
                "core",
                t.treaty.title(),
                t.accession,
                &t.sources,
            ))
        });
    let other = ds
        .other_instruments
        .iter()
        .filter(|o| o.bound())
        .filter_map(|o| {
            let d = recent(o.ratified.as_ref())?;
            Some(welcome(d, &o.id, "other", &o.title, false, &o.sources))
        });
    let mut ratified_recently: Vec<(hrdraft_sdk::Date, Value)> = core.chain(other).collect();
    ratified_recently.sort_by_key(|(d, _)| *d);
    let ratified_recently: Vec<Value> = ratified_recently.into_iter().map(|(_, v)| v).collect();
    // Instruments the State withdrew from, known on the document's date:
    // a letter regrets the denunciation and urges it to be reconsidered.
    let denounced: Vec<Value> = ds
        .other_instruments
        .iter()
        .filter_map(|o| {
            let d = o.denounced?;
            Some(json!({ "id": o.id, "title": o.title, "date": d, "year": d.year, "sources": o.sources }))
        })
        .collect();
    // Every instrument a treaty pledge names, firm or not, by code.
    let pledged_instruments: Vec<&str> = treaty_pledges
        .iter()
        .flat_map(|p| instrument_keys(p))
        .collect();
    // Every instrument the paragraph names, by code.
    let named: Vec<&str> = signed
        .iter()
        .chain(&signed_earlier)
        .chain(&urge)
        .chain(&others)
        .chain(&considered)
        .filter_map(|p| p["key"].as_str())
        .collect();
    let all_urged_recommended = !urge.is_empty() && urge.iter().all(|p| p["recommended"] == true);
    let all_signed_recommended =
        !signed.is_empty() && signed.iter().all(|p| p["recommended"] == true);
    let all_earlier_recommended =
        !signed_earlier.is_empty() && signed_earlier.iter().all(|p| p["recommended"] == true);
    let any = !(treaty_pledges.is_empty()
        && ratified_recently.is_empty()
        && signed.is_empty()
        && signed_earlier.is_empty()
        && urge.is_empty()
        && others.is_empty()
        && withdraw.is_empty()
        && denounced.is_empty());
    let mut pledge_sentences = ratification_pledge_groups(treaty_pledges);
    // After "We welcome your ratification of …", the pledges welcomed next
    // are welcomed "also".
    if !ratified_recently.is_empty() {
        if let Some(first) = pledge_sentences.get_mut(0) {
            if first["welcome"] == true {
                first["also"] = json!(true);
            }
        }
    }
    // Whether a sentence before the signatures already welcomed something:
    // "We also welcome your signature of …".
    let welcomed_before = !ratified_recently.is_empty()
        || pledge_sentences
            .as_array()
            .is_some_and(|g| g.iter().any(|p| p["welcome"] == true));
    // With others in one sentence, the urged ones are told apart by
    // "which has already been recommended"; alone, their own clause.
    let urge_why = urged_why(&urge, !pinned.is_empty());
    // A protocol the State firmly pledged to ratify, whose convention it is
    // not yet party to: the protocol is open only to the convention's
    // parties, which the letter says after the pledges.
    let requires: Vec<Value> = pledged
        .iter()
        .filter_map(|key| TreatyId::ALL.iter().find(|t| t.code() == key))
        .filter_map(|t| Some((*t, t.requires()?)))
        .filter(|(_, parent)| {
            ds.treaty(*parent)
                .is_some_and(|s| s.status != RatificationStatus::Party)
        })
        .map(|(t, parent)| json!({ "title": t.title(), "requires": parent.title() }))
        .collect();
    json!({
        "any": any,
        "welcomed_before": welcomed_before,
        "signed_why": urged_why(&signed, !pinned.is_empty()),
        "requires": requires,
        "signed_earlier_why": urged_why(&signed_earlier, !pinned.is_empty()),
        "urge_why": if all_urged_recommended { urge_why } else { Value::Null },
        "pledges": pledge_sentences,
        "pledged_firmly": !pledged.is_empty(),
        "tentative": considered,
        "ratified_recently": ratified_recently,
        "denounced": denounced,
        "signed": signed,
        "urge": urge,
        "pinned": !pinned.is_empty(),
        "urge_recommended": all_urged_recommended && pinned.is_empty(),
        // Few instruments outstanding, some recommended and some not: one
        // sentence names them all ("to ratify the … , which has already
        // been recommended to …, as well as the …"), as the letter to
        // Germany of 2012 does, rather than "in particular" one of them
        // and "We further encourage" the other.
        "urge_with_others": pinned.is_empty()
            && all_urged_recommended
            && !urge.is_empty()
            && !others.is_empty()
            && urge.len() + others.len() <= 3,
        "signed_recommended": all_signed_recommended && pinned.is_empty(),
        "signed_earlier": signed_earlier,
        "signed_earlier_recommended": all_earlier_recommended && pinned.is_empty(),
        // One instrument signed long ago, and the only one the State pledged
        // anything about: the pledge before has named it, so the sentence
        // on its signature says "it".
        "signed_earlier_pledged": signed.is_empty()
            && signed_earlier.len() == 1
            && !pledged_instruments.is_empty()
            && pledged_instruments.iter().all(|k| signed_earlier[0]["key"] == *k),
        // Three or more, one title holding a comma: listed with semicolons,
        // as `join` lists such items.
        "signed_earlier_semicolons": signed_earlier.len() > 2
            && signed_earlier
                .iter()
                .any(|p| p["title"].as_str().is_some_and(|t| t.contains(','))),
        // Some of them recommended, not all: their titles, to say which.
        "signed_earlier_recommended_some": if all_earlier_recommended || !pinned.is_empty() {
            Vec::new()
        } else {
            signed_earlier
                .iter()
                .filter(|p| p["recommended"] == true)
                .map(|p| p["title"].clone())
                .collect::<Vec<_>>()
        },
        // The same lists as the letter names them: a covenant or convention
        // with its protocols, or several protocols of one, as one item.
        "urge_titles": first_protocol_named(grouped_titles(&urge), &named),
        "others_titles": first_protocol_named(grouped_titles(&others), &named),
        "others": others,
        // What the sentence asks to withdraw, over every instrument.
        "withdraw_reservations": withdraw.iter().any(|w| w["reservations"] != json!([])),
        "withdraw_declarations": withdraw.iter().any(|w| w["declarations"] != json!([])),
        "withdraw": withdraw,
        "proposed": proposed,
    })
}

/// What of a treaty's recorded `reservations` a letter may ask the State to
/// withdraw: (reservations, declarations), told apart by how the entry
/// begins. A declaration the treaty requires ("Binding declaration under
/// art. 3: 18 years", of the Protocol on children in armed conflict) is
/// neither; an entry naming both kinds ("Declarations/reservations made")
/// counts as a reservation.
fn withdrawable(recorded: &[String]) -> (Vec<&str>, Vec<&str>) {
    let mut reservations = Vec::new();
    let mut declarations = Vec::new();
    for entry in recorded {
        let lower = entry.trim_start().to_lowercase();
        if lower.starts_with("binding declaration") {
            continue;
        }
        let declaration = [
            "declaration",
            "interpretative declaration",
            "interpretive declaration",
            "understanding",
        ]
        .iter()
        .any(|p| lower.starts_with(p))
            && !lower.contains("reservation");
        if declaration {
            declarations.push(entry.as_str());
        } else {
            reservations.push(entry.as_str());
        }
    }
    (reservations, declarations)
}

/// The instrument of `list` whose key is `key`, taken out of it.
fn take_by_key(list: &mut Vec<Value>, key: &str) -> Option<Value> {
    let at = list.iter().position(|p| p["key"] == key)?;
    Some(list.remove(at))
}

/// The treaty an optional protocol belongs to, by code.
fn parent_of(key: &str) -> Option<TreatyId> {
    Some(match key {
        "OP-ICESCR" => TreatyId::Icescr,
        "ICCPR-OP1" | "ICCPR-OP2" => TreatyId::Iccpr,
        "OP-CEDAW" => TreatyId::Cedaw,
        "OP-CAT" => TreatyId::Cat,
        "OP-CRC-AC" | "OP-CRC-SC" | "OP-CRC-IC" => TreatyId::Crc,
        "OP-CRPD" => TreatyId::Crpd,
        _ => return None,
    })
}

/// The titles of `items` (instruments to ratify, in order), with a treaty
/// and its protocols named together, as the series names them: "the
/// International Covenant on Civil and Political Rights and its two
/// Optional Protocols"; and two protocols or more of a treaty not listed,
/// "the two Optional Protocols to the International Covenant on Civil and
/// Political Rights", or, of only some of the three to the Convention on
/// the Rights of the Child, "the Optional Protocols to the Convention on
/// the Rights of the Child on … and on …". Each group stands where its
/// first item stood.
fn grouped_titles(items: &[Value]) -> Vec<Value> {
    let key = |v: &Value| v["key"].as_str().unwrap_or_default().to_string();
    let core = |v: &Value| v["kind"] == "core";
    let words = |n: usize| match n {
        2 => "two",
        3 => "three",
        _ => "",
    };
    let mut out: Vec<Value> = Vec::with_capacity(items.len());
    let mut done = vec![false; items.len()];
    for (i, item) in items.iter().enumerate() {
        if done[i] {
            continue;
        }
        let k = key(item);
        let title = item["title"].clone();
        // This protocol's treaty, or this treaty itself.
        let treaty = core(item)
            .then(|| {
                parent_of(&k).or_else(|| TreatyId::ALL.iter().copied().find(|t| t.code() == k))
            })
            .flatten();
        let Some(treaty) = treaty else {
            out.push(title);
            continue;
        };
        let parent_here = items
            .iter()
            .position(|v| core(v) && key(v) == treaty.code());
        let protocols: Vec<usize> = (0..items.len())
            .filter(|&j| core(&items[j]) && parent_of(&key(&items[j])) == Some(treaty))
            .collect();
        let all_of_treaty = TreatyId::ALL
            .iter()
            .filter(|t| parent_of(t.code()) == Some(treaty))
            .count();
        match parent_here {
            Some(at) if !protocols.is_empty() => {
                done[at] = true;
                protocols.iter().for_each(|&j| done[j] = true);
                let n = protocols.len();
                out.push(json!(if n == 1 {
                    format!("{} and its Optional Protocol", treaty.title())
                } else {
                    format!("{} and its {} Optional Protocols", treaty.title(), words(n))
                }));
            }
            None if protocols.len() >= 2 => {
                protocols.iter().for_each(|&j| done[j] = true);
                let n = protocols.len();
                let prefix = format!("Optional Protocol to the {} ", treaty.title());
                let subjects: Option<Vec<&str>> = protocols
                    .iter()
                    .map(|&j| {
                        items[j]["title"]
                            .as_str()
                            .and_then(|t| t.strip_prefix(&prefix))
                    })
                    .collect();
                out.push(json!(match subjects {
                    // Protocols named by what they are on: "on … and on …".
                    Some(subjects) if n < all_of_treaty => format!(
                        "Optional Protocols to the {} {}",
                        treaty.title(),
                        join_and(&subjects)
                    ),
                    _ => format!("{} Optional Protocols to the {}", words(n), treaty.title()),
                }));
            }
            _ => {
                done[i] = true;
                out.push(title);
            }
        }
    }
    out
}

/// The Optional Protocol to the International Covenant on Civil and
/// Political Rights named "First" where the paragraph also names the
/// Second apart from it, as the series did ("the First and Second Optional
/// Protocols"): "the Optional Protocol" alone would read as the one just
/// named.
fn first_protocol_named(titles: Vec<Value>, named: &[&str]) -> Vec<Value> {
    if !(named.contains(&"ICCPR-OP1") && named.contains(&"ICCPR-OP2")) {
        return titles;
    }
    let own = TreatyId::IccprOp1.title();
    titles
        .into_iter()
        .map(|t| {
            if t.as_str() == Some(own) {
                json!(format!("First {own}"))
            } else {
                t
            }
        })
        .collect()
}

/// "a and b", "a, b and c".
fn join_and(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// The Special Procedures paragraph: pledges, the standing invitation
/// (welcomed, or urged when the State has declined to extend one),
/// requested visits to facilitate, visits whose recommendations to recall
/// (grouped by year: "following their visits to … in 2009"), and visits
/// acknowledged. A request made three years or more before `year` (the
/// year the document speaks from) is dated: "the Special Rapporteur on …
/// (pending since 2011)".
fn special_procedures(
    ds: &Dataset,
    year: Option<u16>,
    date: Option<Date>,
    pledges: &[&Pledge],
    cycle: Option<u32>,
) -> Value {
    let has_pledges = !pledges.is_empty();
    // A pledge that speaks of the standing invitation ("to maintain our
    // standing invitation"): the paragraph does not name it again.
    let invitation_pledged = pledges.iter().any(|p| {
        p.text.to_lowercase().contains("standing invitation")
            || p.clause
                .as_deref()
                .is_some_and(|c| c.to_lowercase().contains("standing invitation"))
    });
    let sp = &ds.special_procedures;
    let invitation = sp.standing_invitation.as_ref();
    let standing = invitation.filter(|i| i.extended).map(|i| {
        json!({
            "since": i.since,
            "source": i.source,
            // Extended in the letter's year or the year before: news to
            // welcome even after a pledge to maintain it.
            "recent": matches!((i.since, year), (Some(s), Some(y)) if s.year + 1 >= y),
        })
    });
    // A State without one is urged to extend it, unless it pledged to: the
    // pledge is noted, and not asked for again.
    let invite = invitation.is_some_and(|i| !i.extended) && !invitation_pledged;
    let invite_review = if invite {
        invitation_review(ds, cycle)
    } else {
        Value::Null
    };
    // Oldest request first, so that a dated one is never read as dating
    // the one after it ("the Special Rapporteur on … (pending since 2015)
    // and the Special Rapporteur on …").
    let mut requested: Vec<&Visit> = sp
        .visits
        .iter()
        .filter(|v| matches!(v.status, VisitStatus::Requested))
        .collect();
    requested.sort_by_key(|v| (v.requested.is_none(), v.requested));
    // Three full years by the document's date (by its year alone when it
    // has no full date).
    let long_pending = |r: &Date| match date {
        Some(d) => {
            let last = |x: &Date| {
                (
                    x.year,
                    x.month.unwrap_or(12),
                    x.day.unwrap_or(if x.month.is_some() { 28 } else { 31 }),
                )
            };
            let (y, m, dd) = last(r);
            (y.saturating_add(3), m, dd) <= last(&d)
        }
        None => year.is_some_and(|y| y >= r.year + 3),
    };
    let mut pending: Vec<Value> = requested
        .into_iter()
        .map(|v| {
            let since = v.requested.filter(|r| long_pending(r)).map(|r| r.year);
            json!({
                "mandate": v.mandate,
                "requested": v.requested,
                "pending_since": since,
                "mandate_dated": match since {
                    Some(r) => format!("{} (pending since {r})", v.mandate),
                    None => v.mandate.clone(),
                },
                "sources": v.sources,
            })
        })
        .collect();
    // Several requests all pending since one year: the year said once,
    // after them ("(both pending since 2008)"), not after each.
    let years: Vec<&Value> = pending.iter().map(|p| &p["pending_since"]).collect();
    let pending_since_all =
        (pending.len() > 1 && !years[0].is_null() && years.iter().all(|y| *y == years[0]))
            .then(|| years[0].clone());
    if pending_since_all.is_some() {
        for p in &mut pending {
            p["mandate_dated"] = p["mandate"].clone();
        }
    }
    let agreed: Vec<Value> = sp
        .visits
        .iter()
        .filter(|v| v.status == VisitStatus::Agreed)
        .map(|v| json!({ "mandate": v.mandate, "date": v.date, "sources": v.sources }))
        .collect();
    let done = sp.visits.iter().filter(|v| v.status == VisitStatus::Done);
    let remind_visits: Vec<_> = done
        .clone()
        .filter(|v| v.outstanding.unwrap_or(!v.recommendations.is_empty()))
        .collect();
    let welcomed: Vec<Value> = done
        .filter(|v| v.outstanding == Some(false))
        .map(|v| json!({ "mandate": v.mandate, "date": v.date, "year": v.date.map(|d| d.year) }))
        .collect();
    // Visits recalled in groups of the same year, in the order given.
    let mut years: Vec<(Option<u16>, Vec<&str>)> = Vec::new();
    let mut sources: Vec<String> = Vec::new();
    for v in &remind_visits {
        let year = v.date.map(|d| d.year);
        match years.iter_mut().find(|(y, _)| *y == year) {
            Some((_, list)) => list.push(&v.mandate),
            None => years.push((year, vec![&v.mandate])),
        }
        // The mission report if known, else the first source given.
        let source = v
            .report
            .clone()
            .or_else(|| v.recommendations.iter().find_map(|r| r.source.clone()))
            .or_else(|| v.sources.first().cloned());
        if let Some(s) = source {
            if !sources.contains(&s) {
                sources.push(s);
            }
        }
    }
    let remind: Vec<Value> = years
        .iter()
        .enumerate()
        .map(|(i, (year, mandates))| {
            json!({
                "year": year,
                "mandates": mandates,
                "plural": mandates.len() > 1,
                "first": i == 0,
            })
        })
        .collect();
    let unanswered = unanswered(ds, date);
    let mut unanswered_years: Vec<u16> = unanswered.iter().map(|c| c.date.year).collect();
    unanswered_years.dedup();
    let unanswered_sources: Vec<&str> = unanswered
        .iter()
        .filter_map(|c| c.source.as_deref())
        .collect();
    let unanswered: Vec<Value> = unanswered
        .iter()
        .map(|c| {
            json!({
                "reference": c.reference,
                "year": c.date.year,
                "date": c.date,
                "source": c.source,
            })
        })
        .collect();
    // The reminder of visits' recommendations follows the other visits and
    // comes before the communications, as seed 000 keeps the visits
    // together: "also" when a sentence on visits or pledges comes first.
    let before_remind = has_pledges
        || standing.is_some()
        || invite
        || !pending.is_empty()
        || !agreed.is_empty()
        || !welcomed.is_empty();
    let any = has_pledges
        || standing.is_some()
        || invite
        || !pending.is_empty()
        || !agreed.is_empty()
        || !remind.is_empty()
        || !welcomed.is_empty()
        || !unanswered.is_empty();
    json!({
        "any": any,
        "unanswered_years": unanswered_years,
        "unanswered_sources": unanswered_sources,
        "unanswered": unanswered,
        "has_pledges": has_pledges,
        "invitation_pledged": invitation_pledged,
        "before_remind": before_remind,
        "standing_invitation": standing,
        "invite": invite,
        "pending": pending,
        "invite_review": invite_review,
        "pending_since_all": pending_since_all,
        "agreed": agreed,
        "remind": remind,
        "remind_sources": sources,
        "welcomed": welcomed,
    })
}

/// Whether concluding observations of `year` are ten years or more older
/// than a letter of `letter_year`.
fn old_observations(year: Option<u16>, letter_year: Option<u16>) -> bool {
    matches!((year, letter_year), (Some(y), Some(l)) if l >= y.saturating_add(10))
}

/// How long a State has to reply to a communication before a letter counts
/// it unanswered: the 60 days the Special Procedures ask for.
const REPLY_DAYS: i64 = 60;

/// The communications sent to the State that no reply is known to (the
/// dataset as known on the letter's `date`, which drops replies after it),
/// sent at least [`REPLY_DAYS`] before the letter, oldest first; those a
/// reprisal case names are left to the reprisals section, which says so.
fn unanswered(ds: &Dataset, date: Option<Date>) -> Vec<&Communication> {
    let Some(date) = date else {
        return Vec::new();
    };
    let with_cases: Vec<&str> = ds
        .reprisals
        .iter()
        .filter_map(|c| c.communication.as_deref())
        .collect();
    let mut out: Vec<&Communication> = ds
        .special_procedures
        .communications
        .iter()
        .filter(|c| c.reply.is_none())
        .filter(|c| date.days_since_epoch() - c.date.days_since_epoch() >= REPLY_DAYS)
        .filter(|c| !with_cases.contains(&c.reference.as_str()))
        .collect();
    out.sort_by_key(|c| c.date);
    out
}

/// The treaty-body recommendations by committee and year, in the order the
/// committees first come: a letter urges each committee's recommendations
/// in one sentence ("in particular to ensure …, and to revise …"). Each
/// item says what follows its clause: `after` ("," or "."), and `and_next`
/// when the next clause is the last.
pub(crate) fn body_groups(recommendations: &[Value]) -> Vec<Value> {
    let mut groups: Vec<(Value, Vec<Value>)> = Vec::new();
    for r in recommendations {
        let key = (&r["by"], &r["year"]);
        match groups
            .iter_mut()
            .find(|(g, _)| (&g["by"], &g["year"]) == key)
        {
            Some((_, items)) => items.push(r.clone()),
            None => groups.push((r.clone(), vec![r.clone()])),
        }
    }
    groups
        .into_iter()
        .map(|(first, mut items)| {
            crate::cited::mark_sequence(&mut items, ",", ".");
            json!({
                "by": first["by"],
                "body": first["body"],
                "year": first["year"],
                "old": first["old"],
                "notes": group_notes(&items),
                "items": items,
            })
        })
        .collect()
}

/// One committee's recommendations cited in one note after its sentence,
/// as seed 000's note 4 does: each source once, with the paragraphs of
/// its recommendations joined ("CCPR/C/XMV/CO/4, paras 15 and 31"). Empty,
/// so that each is cited where it stands, when there is only one, or when
/// one has no paragraph of its own (its source's own would then be lost).
fn group_notes(items: &[Value]) -> Vec<Value> {
    if items.len() < 2 {
        return Vec::new();
    }
    let mut notes: Vec<(String, Vec<String>)> = Vec::new();
    for item in items {
        let Some(paragraph) = item["paragraph"].as_str() else {
            return Vec::new();
        };
        let Some(sources) = item["sources"].as_array().filter(|s| !s.is_empty()) else {
            return Vec::new();
        };
        for source in sources.iter().filter_map(Value::as_str) {
            match notes.iter_mut().find(|(s, _)| s == source) {
                Some((_, paragraphs)) => {
                    if !paragraphs.iter().any(|p| p == paragraph) {
                        paragraphs.push(paragraph.to_string());
                    }
                }
                None => notes.push((source.to_string(), vec![paragraph.to_string()])),
            }
        }
    }
    notes
        .into_iter()
        .map(|(source, paragraphs)| json!({ "source": source, "paragraph": join_locators(&paragraphs) }))
        .collect()
}

/// Locators of one document as one: "para 15" and "para 31" → "paras 15
/// and 31"; of different kinds, listed ("para 15 and recommendation 8").
fn join_locators(locators: &[String]) -> String {
    let split = |l: &str| -> Option<(String, String)> {
        let (word, rest) = l.split_once(' ')?;
        word.chars()
            .all(char::is_alphabetic)
            .then(|| (word.trim_end_matches('s').to_lowercase(), rest.to_string()))
    };
    let parts: Vec<Option<(String, String)>> = locators.iter().map(|l| split(l)).collect();
    let list = |items: Vec<String>| match items.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    };
    let first_word = parts
        .first()
        .and_then(|p| p.as_ref().map(|(w, _)| w.clone()));
    match first_word {
        Some(word)
            if locators.len() > 1
                && parts
                    .iter()
                    .all(|p| p.as_ref().is_some_and(|(w, _)| *w == word)) =>
        {
            let mut rests: Vec<String> = parts.into_iter().flatten().map(|(_, r)| r).collect();
            // Cited in the document's order, as "paras 8 and 19" are.
            let number = |r: &String| -> Option<u32> {
                let digits: String = r.chars().take_while(char::is_ascii_digit).collect();
                digits.parse().ok()
            };
            if rests.iter().all(|r| number(r).is_some()) {
                rests.sort_by_key(|r| number(r));
            }
            format!("{word}s {}", list(rests))
        }
        _ => list(locators.to_vec()),
    }
}

#[cfg(test)]
mod tests {
    use super::join_locators;

    fn joined(l: &[&str]) -> String {
        join_locators(&l.iter().map(|s| s.to_string()).collect::<Vec<_>>())
    }

    fn item(key: &str) -> serde_json::Value {
        let id = hrdraft_sdk::TreatyId::ALL
            .iter()
            .find(|t| t.code() == key)
            .unwrap();
        serde_json::json!({ "key": key, "kind": "core", "title": id.title() })
    }

    fn titles(keys: &[&str]) -> Vec<String> {
        let items: Vec<_> = keys.iter().map(|k| item(k)).collect();
        super::grouped_titles(&items)
            .into_iter()
            .map(|v| v.as_str().unwrap().to_string())
            .collect()
    }

    #[test]
    fn a_treaty_and_its_protocols_are_named_together() {
        assert_eq!(
            titles(&["ICCPR", "OP-ICESCR", "ICCPR-OP1", "ICCPR-OP2"]),
            [
                "International Covenant on Civil and Political Rights and its two Optional Protocols",
                "Optional Protocol to the International Covenant on Economic, Social and Cultural Rights",
            ]
        );
        assert_eq!(
            titles(&["CAT", "CED", "OP-CAT"]),
            [
                "Convention against Torture and Other Cruel, Inhuman or Degrading Treatment or Punishment and its Optional Protocol",
                "International Convention for the Protection of All Persons from Enforced Disappearance",
            ]
        );
        assert_eq!(
            titles(&["ICCPR-OP1", "ICERD", "ICCPR-OP2"]),
            [
                "two Optional Protocols to the International Covenant on Civil and Political Rights",
                "International Convention on the Elimination of All Forms of Racial Discrimination",
            ]
        );
        assert_eq!(
            titles(&["OP-CRC-AC", "OP-CRC-IC"]),
            ["Optional Protocols to the Convention on the Rights of the Child on the involvement of children in armed conflict and on a communications procedure"]
        );
        assert_eq!(
            titles(&["OP-CRC-AC", "OP-CRC-SC", "OP-CRC-IC"]),
            ["three Optional Protocols to the Convention on the Rights of the Child"]
        );
        // One protocol alone keeps its own title.
        assert_eq!(
            titles(&["OP-CEDAW"]),
            ["Optional Protocol to the Convention on the Elimination of All Forms of Discrimination against Women"]
        );
    }

    #[test]
    fn the_review_is_abbreviated_where_the_letters_own_words_first_name_it() {
        let pledge = |id: &str, text: &str, clause: Option<&str>| -> hrdraft_sdk::Pledge {
            serde_json::from_value(serde_json::json!({
                "id": id, "level": "international", "text": text, "clause": clause,
                "targets": [{ "mechanism": "upr" }]
            }))
            .unwrap()
        };
        // An instruction paraphrased: the letter's words, abbreviated.
        let own = pledge(
            "a",
            "Implement the recommendations of the Universal Periodic Review.",
            None,
        );
        let mut groups = super::pledge_groups(&[&own]);
        assert!(super::abbreviate_upr(&mut groups, &[&own]));
        assert_eq!(
            groups[0]["clauses"][0],
            "to implement the recommendations of the Universal Periodic Review (UPR)"
        );
        // The author's clause is printed as written.
        let authored = pledge(
            "b",
            "X will implement them.",
            Some("to implement the recommendations of the Universal Periodic Review"),
        );
        let mut groups = super::pledge_groups(&[&authored]);
        assert!(!super::abbreviate_upr(&mut groups, &[&authored]));
        assert_eq!(
            groups[0]["clauses"][0],
            "to implement the recommendations of the Universal Periodic Review"
        );
    }

    #[test]
    fn locators_of_one_kind_are_joined_in_the_document_order() {
        assert_eq!(joined(&["para 19", "para 8"]), "paras 8 and 19");
        assert_eq!(
            joined(&["paras 31", "para 15(a)", "para 9"]),
            "paras 9, 15(a) and 31"
        );
        // Of different kinds, or not numbered, they stay as given.
        assert_eq!(
            joined(&["para 15", "recommendation 8"]),
            "para 15 and recommendation 8"
        );
        assert_eq!(joined(&["section B", "section A"]), "sections B and A");
    }

    /// Two instruments' notes as one: a source once, its UPR items in the
    /// report's order without repeats, a locator both cite given once.
    #[test]
    fn notes_merge_by_source() {
        let a = serde_json::json!([
            { "source": "co", "paragraph": "para 12" },
            { "source": "co", "paragraph": "para 15" },
            { "source": "wg", "kind": "report", "items": ["117.2 (Denmark)"] }
        ]);
        let b = serde_json::json!([
            { "source": "co", "paragraph": "para 12" },
            { "source": "wg", "kind": "report", "items": ["117.10 (Norway)", "117.2 (Denmark)"] }
        ]);
        assert_eq!(
            super::merged_notes([&a, &b]),
            [
                serde_json::json!({ "source": "co", "paragraph": "paras 12 and 15" }),
                serde_json::json!({ "source": "wg", "kind": "report", "items": ["117.2 (Denmark)", "117.10 (Norway)"] }),
            ]
        );
    }
}
