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
//! Options: `cycle` (a UPR cycle number; the latest by default) and
//! `include_state` (whether the State's own assessments count; true by default).

mod feedback;
mod index;

use hrdraft_sdk::{Dataset, Error, Options, Plugin, Section};
use serde_json::{json, Value};

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
        let assessed = index::assess(dataset, cycle, include_state);
        let totals = Counts::of(assessed.iter().map(|r| r.level));
        let cycle_info = dataset.upr.cycles.iter().find(|c| Some(c.number) == cycle);
        // The two long lists are built at once: on a large dataset they are
        // nearly all of the plugin's time.
        let (recommendations, themes) = std::thread::scope(|scope| {
            let themes = scope.spawn(|| feedback::themes(dataset, &assessed));
            let recommendations: Vec<Value> = assessed.iter().map(|r| r.to_json(dataset)).collect();
            let themes = themes
                .join()
                .unwrap_or_else(|p| std::panic::resume_unwind(p));
            (recommendations, themes)
        });
        let uncommented: Vec<Value> = assessed
            .iter()
            .filter(|r| r.level == Level::NoAnswer)
            .map(|r| r.to_json(dataset))
            .collect();
        let mut out = json!({
            "state": dataset.country.name,
            "cycle": cycle,
            "review": cycle_info,
            "follow_up": cycle_info.and_then(|c| c.follow_up.as_ref()),
            "include_state": include_state,
        });
        // The long lists are moved in: `json!` would copy them through serde.
        if let Value::Object(map) = &mut out {
            map.insert("recommendations".into(), Value::Array(recommendations));
            map.insert("totals".into(), json!(totals));
            map.insert("sentence".into(), index::sentence(&totals).into());
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
        }
        Ok(out)
    }
}

// Left out when linked into hrdraft; see the `builtin` feature in Cargo.toml.
#[cfg(not(feature = "builtin"))]
hrdraft_sdk::export_plugin!(Iri);

#[cfg(test)]
mod tests;
