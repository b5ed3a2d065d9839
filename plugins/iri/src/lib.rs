//! The Implementation Recommendation Index (IRI) of a State's UPR recommendations.
//!
//! As the methodology of UPR Info's Mid-term Implementation Assessments
//! defines it: each assessment scores "not implemented" 0, "partially" 0.5 and
//! "fully" 1; a recommendation's score is the mean of its assessments that
//! state a level, and the score falls in a level by the bands 0-0.32,
//! 0.33-0.65 and 0.66-1 ([`ImplementationLevel::from_score`] closes the gaps).
//! A recommendation whose assessments state no level has level "none" (the
//! MIA prints "-"); one nobody assessed is "no answer".
//!
//! A cycle assessed in several rounds (a mid-term, then later follow-ups)
//! is indexed on its latest round known at the document's date, and
//! `change` compares it with an earlier one (the `change` module).
//!
//! Options: `cycle` (a UPR cycle number; the latest by default),
//! `include_state` (whether the State's own assessments count; true by
//! default) and `since` (the id of the round to compare the latest with; the
//! first by default).

mod change;
mod feedback;
mod index;

use hrdraft_sdk::{Dataset, EntryKind, Error, Evidence, Options, Plugin, Section};
use serde_json::{json, Value};

pub use feedback::{DEFAULT_THEMES, OTHER};
pub use index::{Counts, Level};

/// The IRI plugin.
#[derive(Debug, Clone, Copy, Default)]
pub struct Iri;

impl Plugin for Iri {
    fn name(&self) -> &str {
        "iri"
    }

    fn version(&self) -> &str {
        env!("CARGO_PKG_VERSION")
    }

    fn description(&self) -> &str {
        "Implementation Recommendation Index of the UPR recommendations, with totals, clusters and uncommented recommendations"
    }

    fn sections(&self) -> Vec<Section> {
        vec![Section::Country, Section::Upr]
    }

    fn run(&self, dataset: &Dataset, options: &Options) -> Result<Value, Error> {
        // Assessments published after the document's date are not counted.
        let known = options.known_for(dataset, &self.sections())?;
        let dataset: &Dataset = &known;
        let cycle = index::pick_cycle(dataset, options.u32("cycle")?)?;
        let include_state = options.bool("include_state", true)?;
        let cycle_info = dataset.upr.cycles.iter().find(|c| Some(c.number) == cycle);
        // The rounds known on the document's date; with more than one, the
        // index is the latest round's and `change` says what moved.
        let rounds = cycle_info.map_or(Vec::new(), |c| c.assessment_rounds());
        let several = rounds.len() > 1;
        let current = cycle_info.filter(|_| several).map(|c| c.latest_round());
        let mut assessed = index::assess(dataset, cycle, include_state, current);
        let labels = change::labels(&rounds);
        let per_round: Vec<(&str, Value, Vec<index::Assessed<'_>>)> = rounds
            .iter()
            .zip(labels)
            .enumerate()
            .map(|(i, ((id, f), label))| {
                let assessed = if several {
                    index::assess(dataset, cycle, include_state, Some(id))
                } else {
                    Vec::new()
                };
                (*id, change::round_json(id, f, i == 0, label), assessed)
            })
            .collect();
        let change = if several {
            let before = match options.str("since")? {
                None => 0,
                Some(id) => match per_round.iter().position(|r| r.0 == id) {
                    Some(i) if i + 1 < per_round.len() => i,
                    Some(_) => {
                        return Err(Error::new(format!(
                            "option `since` names round \"{id}\", the latest: name an earlier round to compare with"
                        )))
                    }
                    None => {
                        let ids: Vec<&str> = per_round.iter().map(|r| r.0).collect();
                        return Err(Error::new(format!(
                            "option `since` names no round of this cycle: \"{id}\" (the rounds known are {})",
                            ids.join(", ")
                        )));
                    }
                },
            };
            for (a, b) in assessed.iter_mut().zip(&per_round[before].2) {
                a.earlier = Some(b.level);
            }
            change::change(dataset, &per_round, before, per_round.len() - 1)
        } else {
            Value::Null
        };
        let totals = Counts::of(assessed.iter().map(|r| r.level));
        // The round the report presents: the latest.
        let follow_up = match rounds.last() {
            Some((_, f)) if several => Some(*f),
            _ => cycle_info.and_then(|c| c.follow_up.as_ref()),
        };
        // What the template reads of each long list's elements: each is
        // left without the rest as it is made, so that a large dataset's
        // findings are never held whole (see `Reads`).
        let reads = options.reads()?;
        let element = |list: &str| {
            reads
                .get(list)
                .and_then(|r| r.element().map(|e| e.into_owned()))
        };
        let (of_recommendation, of_uncommented) =
            (element("recommendations"), element("uncommented"));
        let of_cluster = element("themes").and_then(|t| {
            t.get("clusters")
                .and_then(|c| c.element().map(|e| e.into_owned()))
        });
        let (recommendation_shape, uncommented_shape) = (
            index::Shape::of(of_recommendation.as_ref(), true),
            index::Shape::of(of_uncommented.as_ref(), true),
        );
        // The two long lists are built at once: on a large dataset they are
        // nearly all of the plugin's time.
        // A list the template never reads is not made.
        let (recommendations, themes) = std::thread::scope(|scope| {
            let themes = scope.spawn(|| match reads.get("themes") {
                Some(_) => feedback::themes(dataset, &assessed, of_cluster.as_ref()),
                None => Vec::new(),
            });
            let recommendations: Vec<Value> = match reads.get("recommendations") {
                Some(_) => assessed
                    .iter()
                    .map(|r| r.to_json(dataset, &recommendation_shape))
                    .collect(),
                None => Vec::new(),
            };
            let themes = themes
                .join()
                .unwrap_or_else(|p| std::panic::resume_unwind(p));
            (recommendations, themes)
        });
        let uncommented: Vec<Value> = match reads.get("uncommented") {
            Some(_) => assessed
                .iter()
                .filter(|r| r.level == Level::NoAnswer)
                .map(|r| r.to_json(dataset, &uncommented_shape))
                .collect(),
            None => Vec::new(),
        };
        let mut out = json!({
            "state": dataset.country.name,
            "cycle": cycle,
            "review": cycle_info,
            "follow_up": follow_up,
            // Whether that round is a later one, not the mid-term: a letter
            // then says when stakeholders found what it reports.
            "later_round": several && follow_up.is_some(),
            "include_state": include_state,
        });
        // The long lists are moved in: `json!` would copy them through serde.
        if let Value::Object(map) = &mut out {
            map.insert("recommendations".into(), Value::Array(recommendations));
            map.insert("totals".into(), json!(totals));
            map.insert("sentence".into(), index::sentence(&totals).into());
            map.insert(
                "levels_sentence".into(),
                index::levels_sentence(&totals).into(),
            );
            map.insert(
                "no_answer_sentence".into(),
                index::no_answer_sentence(&totals).into(),
            );
            map.insert(
                "no_level_sentence".into(),
                index::no_level_sentence(&totals).into(),
            );
            map.insert(
                "by_issue".into(),
                index::by_key(&assessed, |r| r.rec.issues.clone()),
            );
            map.insert(
                "by_state".into(),
                index::by_key(&assessed, |r| vec![r.rec.recommending_state.clone()]),
            );
            map.insert(
                "stakeholders".into(),
                index::stakeholder_counts(dataset, &assessed),
            );
            map.insert(
                "respondents".into(),
                Value::Array(index::respondents(dataset, &assessed)),
            );
            map.insert("themes".into(), Value::Array(themes));
            map.insert("uncommented".into(), Value::Array(uncommented));
            let rounds = per_round.into_iter().map(|r| r.1).collect();
            map.insert("rounds".into(), Value::Array(rounds));
            map.insert("change".into(), change);
            let mut evidence = Evidence::new(
                "iri",
                "Implementation Recommendation Index: each recommendation's level is the average of the stakeholders' levels",
            )
            .value(format!(
                "{} fully, {} partially, {} not implemented, {} without answer, {} without a level",
                totals.fully, totals.partially, totals.not, totals.no_answer, totals.no_level
            ));
            if let Some(n) = cycle {
                evidence = evidence.entry(EntryKind::Cycle, n.to_string());
            }
            if let Some(s) = follow_up.and_then(|f| f.source.as_deref()) {
                evidence = evidence.sources([s]);
            }
            map.insert(hrdraft_sdk::EVIDENCE_KEY.into(), evidence.to_json());
        }
        // The long lists were made with only what is read; the rest is small.
        reads.trim_but(&mut out, &["recommendations", "themes", "uncommented"]);
        Ok(out)
    }
}

// Left out when linked into hrdraft; see the `builtin` feature in Cargo.toml.
#[cfg(not(feature = "builtin"))]
hrdraft_sdk::export_plugin!(Iri);

#[cfg(test)]
mod tests;
