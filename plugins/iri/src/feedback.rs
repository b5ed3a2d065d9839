//! The "Feedback on recommendations" part: sections (themes) and clusters of
//! recommendations.
//!
//! Sections come in the order `[[themes]]` in upr.toml lists them, or in UPR
//! Info's order ([`DEFAULT_THEMES`]) when it lists none. A recommendation
//! falls in the section its `theme` names; without one, in the section that
//! takes its first issue that some section takes; else in "Other". A `theme`
//! no section lists gets a section of its own after the listed ones.
//!
//! The MIA prints recommendations that received the same responses once,
//! joined by "+" (Recommendation nº5 + nº57). Here recommendations of one
//! section whose counted assessments have the same stakeholders and comments,
//! in whatever order they were written, form one cluster (its responses
//! printed in its first member's order), whatever level each stakeholder gave
//! each member (UPR Info prints one response on 3, 12, 13 and 99 and an IRI
//! of its own under each); assessments without a comment must also agree on
//! the level. A cluster is placed where its first member stands, so with the
//! dataset in running order clusters come in order of their first number, as
//! in the MIA. A response is marked `first_mention` where its stakeholder
//! first responds, where the MIA gives the stakeholder's full name.

use std::collections::HashMap;

use hrdraft_sdk::{Assessment, Dataset, Reads, Recommendation};
use serde_json::{json, Value};

use crate::index::{assessments_json, Assessed, Level};

/// The section of recommendations that fall in no other.
pub const OTHER: &str = "Other";

/// UPR Info's sections, in the order its MIAs print them, with the issues
/// of its database that fall in each.
pub const DEFAULT_THEMES: &[(&str, &[&str])] = &[
    (
        "CP Rights",
        &[
            "CP rights - general",
            "Freedom of religion and belief",
            "Freedom of opinion and expression",
            "Freedom of the press",
            "Freedom of association and peaceful assembly",
            "Freedom of movement",
            "Elections",
            "Right to private life, privacy",
        ],
    ),
    (
        "ESC Rights",
        &[
            "ESC rights - general",
            "Right to health",
            "Right to education",
            "Right to food",
            "Right to housing",
            "Right to water",
            "Right to land",
            "Labour",
            "Poverty",
            "Development",
            "Environment",
            "Human rights education and training",
        ],
    ),
    (
        "Indigenous & Minorities",
        &[
            "Minorities",
            "Indigenous peoples",
            "Disabilities",
            "Migrants",
            "Asylum-seekers - refugees",
            "Internally displaced persons",
            "Racial discrimination",
        ],
    ),
    (
        "International Instruments",
        &[
            "International instruments",
            "Special procedures",
            "Treaty bodies",
            "UPR process",
            "International humanitarian law",
        ],
    ),
    (
        "Justice",
        &[
            "Justice",
            "Death penalty",
            "Torture and other CID treatment",
            "Detention conditions",
            "Trafficking",
            "Counter-terrorism",
            "Human rights defenders",
            "Impunity",
            "Human rights violations by state agents",
            "Enforced disappearances",
            "Extrajudicial executions",
        ],
    ),
    ("SOGI", &["Sexual Orientation and Gender Identity"]),
    (
        "Women & Children",
        &[
            "Women's rights",
            "Rights of the Child",
            "Juvenile justice",
            "HIV - Aids",
        ],
    ),
    (OTHER, &[]),
];

/// The sections in order: the dataset's, else UPR Info's.
fn sections(ds: &Dataset) -> Vec<(&str, Vec<&str>)> {
    if ds.upr.themes.is_empty() {
        DEFAULT_THEMES
            .iter()
            .map(|(name, issues)| (*name, issues.to_vec()))
            .collect()
    } else {
        ds.upr
            .themes
            .iter()
            .map(|t| {
                (
                    t.name.as_str(),
                    t.issues.iter().map(String::as_str).collect(),
                )
            })
            .collect()
    }
}

/// Where recommendations fall: the sections in order, and which takes
/// each issue.
pub struct Sections<'a> {
    /// The sections' names, in order.
    pub listed: Vec<(&'a str, Vec<&'a str>)>,
    by_issue: HashMap<&'a str, usize>,
}

impl<'a> Sections<'a> {
    /// The dataset's sections, else UPR Info's.
    pub fn of(ds: &'a Dataset) -> Sections<'a> {
        let listed = sections(ds);
        let by_issue: HashMap<&str, usize> = listed
            .iter()
            .enumerate()
            .rev()
            .flat_map(|(i, (_, issues))| issues.iter().map(move |issue| (*issue, i)))
            .collect();
        Sections { listed, by_issue }
    }

    /// The section a recommendation falls in: its `theme`, else the first
    /// that takes one of its issues, else "Other".
    pub fn of_recommendation<'r>(&self, rec: &'r Recommendation) -> &'r str
    where
        'a: 'r,
    {
        match rec.theme.as_deref() {
            Some(theme) => theme,
            None => rec
                .issues
                .iter()
                .find_map(|issue| self.by_issue.get(issue.as_str()))
                .map_or(OTHER, |&s| self.listed[s].0),
        }
    }
}

/// The commented recommendations grouped by section, in the sections'
/// order, each section a list of clusters; sections without a commented
/// recommendation are left out. Each cluster keeps only what `reads` (what
/// the template reads of a cluster) names, when given.
pub fn themes(ds: &Dataset, assessed: &[Assessed<'_>], reads: Option<&Reads>) -> Vec<Value> {
    let placed = Sections::of(ds);
    let listed = &placed.listed;
    // (section, clusters); each cluster holds indexes into `assessed`.
    let mut themes: Vec<(&str, Vec<Vec<usize>>)> =
        listed.iter().map(|(name, _)| (*name, Vec::new())).collect();
    // Where each (section, responses) cluster is, so that finding a
    // recommendation's cluster does not scan every cluster of its section
    // (which made a 100,000-recommendation report quadratic).
    let mut index: HashMap<(usize, Key<'_>), usize> = HashMap::new();
    for (i, a) in assessed.iter().enumerate() {
        if a.level == Level::NoAnswer {
            continue;
        }
        let named = placed.of_recommendation(a.rec);
        let pos = match themes.iter().position(|(t, _)| *t == named) {
            Some(p) => p,
            None => {
                themes.push((named, Vec::new()));
                themes.len() - 1
            }
        };
        let clusters = &mut themes[pos].1;
        match index.entry((pos, Key::of(&a.assessments))) {
            std::collections::hash_map::Entry::Occupied(c) => clusters[*c.get()].push(i),
            std::collections::hash_map::Entry::Vacant(v) => {
                v.insert(clusters.len());
                clusters.push(vec![i]);
            }
        }
    }
    let themes: Vec<(&str, Vec<Vec<usize>>)> = themes
        .into_iter()
        .filter(|(_, clusters)| !clusters.is_empty())
        .collect();
    // Stakeholders already named in full, as the MIA names each once: in
    // reading order, for each cluster, whether each of its responses is the
    // first of its stakeholder.
    let mut named: std::collections::HashSet<&str> = std::collections::HashSet::new();
    let clusters: Vec<(&[usize], Vec<bool>)> = themes
        .iter()
        .flat_map(|(_, clusters)| clusters.iter())
        .map(|members| {
            let first = &assessed[members[0]];
            let mentions = first
                .assessments
                .iter()
                .map(|a| named.insert(a.stakeholder.as_str()))
                .collect();
            (members.as_slice(), mentions)
        })
        .collect();
    let members_read = reads.and_then(|r| {
        r.get("recommendations")
            .and_then(|m| m.element().map(|e| e.into_owned()))
    });
    let member_shape = crate::index::Shape::of(members_read.as_ref(), false);
    let cluster_json = |(members, mentions): &(&[usize], Vec<bool>)| {
        let first = &assessed[members[0]];
        let mut cluster = json!({
            "numbers": members.iter().map(|&i| assessed[i].rec.number).collect::<Vec<_>>(),
            "score": first.score,
            "level": first.level.key(),
            "level_words": first.level.words(),
        });
        // Moved in: `json!` would copy them through serde.
        if let Value::Object(map) = &mut cluster {
            // The members are made only when something of them is read.
            if reads.is_none() || members_read.is_some() {
                let recommendations = members
                    .iter()
                    .map(|&i| assessed[i].to_json_without_assessments(&member_shape))
                    .collect();
                map.insert("recommendations".into(), Value::Array(recommendations));
            }
            let mut assessments = assessments_json(ds, &first.assessments);
            for (json, &first_mention) in assessments.iter_mut().zip(mentions) {
                if let Value::Object(m) = json {
                    m.insert("first_mention".into(), first_mention.into());
                }
            }
            map.insert("assessments".into(), Value::Array(assessments));
        }
        if let Some(reads) = reads {
            reads.trim(&mut cluster);
        }
        cluster
    };
    // On a large dataset this is most of the plugin's time: the clusters are
    // made in two halves of about the same size, at once.
    let weight = |c: &(&[usize], Vec<bool>)| c.0.len() + 2 * c.1.len();
    let total: usize = clusters.iter().map(weight).sum();
    let mut mid = 0;
    let mut acc = 0;
    while mid < clusters.len() && acc * 2 < total {
        acc += weight(&clusters[mid]);
        mid += 1;
    }
    let (head, tail) = clusters.split_at(mid);
    let made: Vec<Value> = if tail.len() < 64 {
        clusters.iter().map(cluster_json).collect()
    } else {
        std::thread::scope(|scope| {
            let second = scope.spawn(|| tail.iter().map(cluster_json).collect::<Vec<_>>());
            let mut first: Vec<Value> = head.iter().map(cluster_json).collect();
            first.extend(
                second
                    .join()
                    .unwrap_or_else(|p| std::panic::resume_unwind(p)),
            );
            first
        })
    };
    let mut made = made.into_iter();
    themes
        .into_iter()
        .map(|(theme, clusters)| {
            let clusters: Vec<Value> = made.by_ref().take(clusters.len()).collect();
            let mut map = serde_json::Map::new();
            map.insert("theme".into(), theme.into());
            map.insert("clusters".into(), Value::Array(clusters));
            Value::Object(map)
        })
        .collect()
}

/// A recommendation's counted assessments, compared and hashed by
/// stakeholder and comment, and by level where the comment is empty,
/// whatever order they were written in.
struct Key<'a>(Vec<&'a Assessment>);

impl<'a> Key<'a> {
    fn of(assessments: &[&'a Assessment]) -> Key<'a> {
        let mut v = assessments.to_vec();
        v.sort_by(|a, b| (&a.stakeholder, &a.comment).cmp(&(&b.stakeholder, &b.comment)));
        Key(v)
    }
}

fn same(a: &Assessment, b: &Assessment) -> bool {
    a.stakeholder == b.stakeholder
        && a.comment == b.comment
        && (!a.comment.trim().is_empty() || a.level == b.level)
}

impl PartialEq for Key<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.0.len() == other.0.len() && self.0.iter().zip(&other.0).all(|(a, b)| same(a, b))
    }
}

impl Eq for Key<'_> {}

impl std::hash::Hash for Key<'_> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.0.len().hash(state);
        for a in &self.0 {
            a.stakeholder.hash(state);
            a.comment.hash(state);
        }
    }
}
