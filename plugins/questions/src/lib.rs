//! The pledging-event question set: questions to this State and to all candidates.
//!
//! Each list is numbered from 1 and says who asked. With the option
//! `suggest = true` it adds suggested questions drawn from the record the
//! pledge gap looks at (instruments not ratified, visit requests pending,
//! overdue reports, unanswered follow-up requests, accepted UPR
//! recommendations assessed as not implemented, pledges with no deadline),
//! each marked as a suggestion and carrying its sources. Suggestions are
//! written in English: for a document in another language (option `lang`)
//! none are made, rather than English sentences in it.

mod suggest;

use hrdraft_sdk::{
    Dataset, EntryKind, Error, Evidence, Options, Plugin, Question, QuestionAddressee, Section,
};
use serde_json::{json, Value};

/// The questions plugin.
#[derive(Debug, Clone, Copy, Default)]
pub struct Questions;

impl Plugin for Questions {
    fn name(&self) -> &str {
        "questions"
    }

    fn version(&self) -> &str {
        env!("CARGO_PKG_VERSION")
    }

    fn description(&self) -> &str {
        "The pledging-event questions to this State and to all candidates, numbered, with optional suggested questions"
    }

    fn sections(&self) -> Vec<Section> {
        vec![
            Section::Country,
            Section::Questions,
            Section::Treaties,
            Section::SpecialProcedures,
            Section::Candidacy,
            Section::Upr,
        ]
    }

    fn run(&self, dataset: &Dataset, options: &Options) -> Result<Value, Error> {
        let known = options.known_for(dataset, &self.sections())?;
        let dataset: &Dataset = &known;
        let english = options
            .str("lang")?
            .is_none_or(|l| l == "en" || l.starts_with("en-"));
        let want_suggestions = options.bool("suggest", false)? && english;
        let event = dataset.pledging_event.as_ref();
        let questions: &[Question] = event.map_or(&[], |e| e.questions.as_slice());
        let numbered = |to: QuestionAddressee| -> Vec<Value> {
            questions
                .iter()
                .enumerate()
                .filter(|(_, q)| q.to == to && !q.answered)
                .enumerate()
                .map(|(i, (at, q))| {
                    let mut v = json!({ "number": i + 1, "asker": q.asker, "text": q.text });
                    // Questions have no id: the dataset's own order names them.
                    Evidence::new("questions", "a question asked at the pledging event")
                        .entry(EntryKind::Question, format!("#{}", at + 1))
                        .value(format!("asked by {}", q.asker))
                        .attach(&mut v);
                    v
                })
                .collect()
        };
        let to_state = numbered(QuestionAddressee::State);
        let to_all = numbered(QuestionAddressee::All);
        let suggested = if want_suggestions {
            suggest::questions(dataset)
        } else {
            Vec::new()
        };
        let event_json = event.map(|e| {
            json!({
                "date": e.date,
                "organisers": e.organisers,
                "format": e.format,
                // "in Geneva" reads within the sentence that says the event
                // was held ("held a pledging event in Geneva for …").
                "format_inline": e.format.as_deref().is_some_and(|f| f.starts_with("in ")),
                "term_start": e.term_start,
                "term_end": e.term_end,
                "attendance": e.attendance,
                "participated": e.participated,
                "declined": e.declined,
                "published_on": e.published_on,
                "reply_by": e.reply_by,
                "contact": e.contact,
            })
        });
        Ok(json!({
            "state": dataset.country.name,
            "has_event": event.is_some(),
            // A member standing again: "your candidature for re-election".
            "re_election": dataset.candidacy.as_ref().is_some_and(|c| c.re_election()),
            "event": event_json,
            "to_state": to_state,
            "to_all": to_all,
            "suggested": suggested,
            "total": questions.len(),
            // Answered by the State at the event, and not sent again.
            "answered": questions.iter().filter(|q| q.answered).count(),
        }))
    }
}

// Left out when linked into hrdraft; see the `builtin` feature in Cargo.toml.
#[cfg(not(feature = "builtin"))]
hrdraft_sdk::export_plugin!(Questions);

#[cfg(test)]
mod tests;
