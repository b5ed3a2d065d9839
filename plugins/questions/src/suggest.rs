//! Suggested questions, drawn from the gaps in the State's record.
//!
//! The findings are those of the pledge-gap plugin, recomputed here from
//! the dataset: plugins depend on the SDK alone, not on one another.

use hrdraft_sdk::{
    Dataset, ImplementationLevel, RatificationStatus, Response, TreatyStatus, VisitStatus,
};
use serde_json::{json, Value};

/// "a", "a and b", "a, b and c".
fn join_words(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

struct Suggestion {
    text: String,
    basis: String,
    sources: Vec<String>,
}

fn sources_of<'a>(items: impl IntoIterator<Item = &'a String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for s in items {
        if !out.contains(s) {
            out.push(s.clone());
        }
    }
    out
}

/// The suggested questions, numbered from 1.
pub fn questions(ds: &Dataset) -> Vec<Value> {
    let names = ds.country.names();
    let state = &names.text;
    let start = &names.start;
    let possessive = &names.possessive;
    let term = ds
        .candidacy
        .as_ref()
        .map(|c| format!("during its {}-{} term", c.term_start, c.term_end))
        .or_else(|| {
            ds.pledging_event
                .as_ref()
                .map(|e| format!("during its {}-{} term", e.term_start, e.term_end))
        })
        .unwrap_or_else(|| "during its membership".into());
    let mut out: Vec<Suggestion> = Vec::new();

    let signed: Vec<&TreatyStatus> = ds
        .treaties
        .iter()
        .filter(|t| t.status == RatificationStatus::Signatory)
        .collect();
    if !signed.is_empty() {
        let names: Vec<String> = signed
            .iter()
            .map(|t| format!("the {}", t.treaty.title()))
            .collect();
        out.push(Suggestion {
            text: format!(
                "{start} has signed but not ratified {}. Will it ratify {} {term}, and by what date?",
                join_words(&names),
                if signed.len() == 1 { "it" } else { "them" }
            ),
            basis: "instruments signed but not ratified".into(),
            sources: sources_of(signed.iter().flat_map(|t| &t.sources)),
        });
    }
    let none: Vec<&TreatyStatus> = ds
        .treaties
        .iter()
        .filter(|t| t.status == RatificationStatus::NoAction)
        .collect();
    if !none.is_empty() {
        let names: Vec<String> = none
            .iter()
            .map(|t| format!("the {}", t.treaty.title()))
            .collect();
        out.push(Suggestion {
            text: format!(
                "Will {state} commit to becoming party to {} {term}?",
                join_words(&names)
            ),
            basis: "instruments neither signed nor ratified".into(),
            sources: sources_of(none.iter().flat_map(|t| &t.sources)),
        });
    }

    let pending: Vec<_> = ds
        .special_procedures
        .visits
        .iter()
        .filter(|v| v.status == VisitStatus::Requested)
        .collect();
    if !pending.is_empty() {
        let names: Vec<String> = pending
            .iter()
            .map(|v| format!("the {}", v.mandate))
            .collect();
        out.push(Suggestion {
            text: format!(
                "Requests to visit {state} from {} are pending. Will {state} agree to {} and set dates {term}?",
                join_words(&names),
                if pending.len() == 1 { "this visit" } else { "these visits" }
            ),
            basis: "Special Procedures visit requests pending".into(),
            sources: sources_of(pending.iter().flat_map(|v| &v.sources)),
        });
    }

    let overdue: Vec<_> = ds
        .reporting
        .iter()
        .flat_map(|r| {
            r.overdue
                .iter()
                .filter(|o| o.outstanding())
                .map(move |o| (r.body, o))
        })
        .collect();
    if !overdue.is_empty() {
        let names: Vec<String> = overdue
            .iter()
            .map(|(b, o)| format!("its {} report to the {}", o.report, b.name()))
            .collect();
        out.push(Suggestion {
            text: format!(
                "When will {state} submit {}, which {} overdue?",
                join_words(&names),
                if overdue.len() == 1 { "is" } else { "are" }
            ),
            basis: "treaty-body reports overdue".into(),
            sources: sources_of(overdue.iter().filter_map(|(_, o)| o.source.as_ref())),
        });
    }

    let unanswered: Vec<_> = ds
        .reporting
        .iter()
        .flat_map(|r| {
            r.follow_up
                .iter()
                .filter(|f| f.replied.is_none())
                .map(move |f| (r.body, f))
        })
        .collect();
    if !unanswered.is_empty() {
        let names: Vec<String> = unanswered
            .iter()
            .map(|(b, f)| format!("the {} ({})", b.name(), f.subject))
            .collect();
        out.push(Suggestion {
            text: format!(
                "When will {state} provide the follow-up information requested by {}?",
                join_words(&names)
            ),
            basis: "treaty-body follow-up requests unanswered".into(),
            sources: sources_of(unanswered.iter().filter_map(|(_, f)| f.source.as_ref())),
        });
    }

    if let Some(cycle) = ds.latest_cycle() {
        let accepted: Vec<_> = ds
            .recommendations(cycle.number)
            .filter(|r| r.response == Response::Accepted)
            .collect();
        let not_done = accepted
            .iter()
            .filter(|r| {
                r.iri_score(|a| ds.upr.is_current(r, a))
                    .map(ImplementationLevel::from_score)
                    == Some(ImplementationLevel::Not)
            })
            .count();
        if not_done > 0 {
            out.push(Suggestion {
                text: format!(
                    "Stakeholders assess {not_done} of the {} recommendations {state} accepted at its Universal Periodic Review of {} as not implemented. What will it do to implement {} {term}?",
                    accepted.len(),
                    cycle.review_date.year,
                    if not_done == 1 { "it" } else { "them" }
                ),
                basis: "accepted UPR recommendations not implemented".into(),
                sources: vec![cycle.report.clone()],
            });
        }
    }

    if let Some(c) = &ds.candidacy {
        let open: Vec<_> = c
            .pledges
            .iter()
            .filter(|p| p.deadline.is_none() && p.indicator.is_none())
            .collect();
        if !open.is_empty() {
            out.push(Suggestion {
                text: format!(
                    "{} of {possessive} pledges {} no deadline or indicator. Will {state} give each pledge a timeline and measurable targets against which its progress can be assessed?",
                    open.len(),
                    if open.len() == 1 { "sets" } else { "set" }
                ),
                basis: "pledges that are not measurable".into(),
                sources: c
                    .pledge_document
                    .as_ref()
                    .and_then(|d| d.source.clone())
                    .into_iter()
                    .collect(),
            });
        }
    }

    out.into_iter()
        .enumerate()
        .map(|(i, s)| {
            let mut v = json!({
                "number": i + 1,
                "text": s.text,
                "basis": s.basis,
                "sources": s.sources,
                "suggestion": true,
            });
            hrdraft_sdk::Evidence::new("questions", "a question suggested from the dataset")
                .sources(&s.sources)
                .value(s.basis.to_string())
                .attach(&mut v);
            v
        })
        .collect()
}
