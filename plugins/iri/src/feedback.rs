//! The "Feedbacks on recommendations" part: themes and clusters of recommendations.
//!
//! The MIA prints recommendations that received the very same responses once,
//! joined by "+" (Recommendation nº5 + nº57). Here recommendations of one
//! theme whose counted assessments are identical (same stakeholders, levels
//! and comments, in the same order) form one cluster, placed where its first
//! member stands. Consecutive identical ones cluster too, whatever order the
//! dataset lists recommendations in (running number or the MIA's order).

use std::collections::HashMap;

use hrdraft_sdk::{Assessment, Dataset};
use serde_json::{json, Value};

use crate::index::{assessments_json, Assessed, Level};

/// Theme heading for commented recommendations the dataset gives no theme.
const NO_THEME: &str = "Other recommendations";

/// The commented recommendations grouped by theme, in order of first
/// appearance, each theme a list of clusters.
pub fn themes(ds: &Dataset, assessed: &[Assessed<'_>]) -> Vec<Value> {
    // (theme, clusters); each cluster holds indexes into `assessed`.
    let mut themes: Vec<(&str, Vec<Vec<usize>>)> = Vec::new();
    // Where each (theme, responses) cluster is, so that finding a
    // recommendation's cluster does not scan every cluster of its theme
    // (which made a 100,000-recommendation report quadratic).
    let mut index: HashMap<(usize, Key<'_>), usize> = HashMap::new();
    for (i, a) in assessed.iter().enumerate() {
        if a.level == Level::NoAnswer {
            continue;
        }
        let theme = a.rec.theme.as_deref().unwrap_or(NO_THEME);
        let pos = match themes.iter().position(|(t, _)| *t == theme) {
            Some(p) => p,
            None => {
                themes.push((theme, Vec::new()));
                themes.len() - 1
            }
        };
        let clusters = &mut themes[pos].1;
        match index.entry((pos, Key(&a.assessments))) {
            std::collections::hash_map::Entry::Occupied(c) => clusters[*c.get()].push(i),
            std::collections::hash_map::Entry::Vacant(v) => {
                v.insert(clusters.len());
                clusters.push(vec![i]);
            }
        }
    }
    themes
        .into_iter()
        .map(|(theme, clusters)| {
            let clusters: Vec<Value> = clusters
                .iter()
                .map(|members| {
                    let first = &assessed[members[0]];
                    let mut cluster = json!({
                        "numbers": members.iter().map(|&i| assessed[i].rec.number).collect::<Vec<_>>(),
                        "score": first.score,
                        "level": first.level.key(),
                        "level_words": first.level.words(),
                    });
                    // Moved in: `json!` would copy them through serde.
                    if let Value::Object(map) = &mut cluster {
                        let recommendations = members
                            .iter()
                            .map(|&i| assessed[i].to_json_without_assessments())
                            .collect();
                        map.insert("recommendations".into(), Value::Array(recommendations));
                        map.insert(
                            "assessments".into(),
                            Value::Array(assessments_json(ds, &first.assessments)),
                        );
                    }
                    cluster
                })
                .collect();
            let mut map = serde_json::Map::new();
            map.insert("theme".into(), theme.into());
            map.insert("clusters".into(), Value::Array(clusters));
            Value::Object(map)
        })
        .collect()
}

/// A recommendation's counted assessments, compared and hashed by value
/// (stakeholder, level and comment), as the linear search compared them.
#[derive(PartialEq)]
struct Key<'a>(&'a [&'a Assessment]);

impl Eq for Key<'_> {}

impl std::hash::Hash for Key<'_> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.0.len().hash(state);
        for a in self.0 {
            a.stakeholder.hash(state);
            a.level.hash(state);
            a.comment.hash(state);
        }
    }
}
