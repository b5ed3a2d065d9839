//! Accepted UPR recommendations a letter can cite by their official paragraph number.
//!
//! Letters cite recommendations as the Working Group report numbers them
//! ("A/HRC/14/10, recommendations 95.42 (Australia), 95.43 (Algeria) …").
//! Only recommendations whose `paragraph` the dataset records can be cited
//! that way, so those are the ones offered. They are grouped by the issue
//! they share — the issue covering most of them first, then the issue
//! covering most of the rest — so that one footnote lists one theme.

use std::collections::BTreeMap;

use hrdraft_sdk::{Dataset, ImplementationLevel, Recommendation, Response};
use serde_json::{json, Value};

/// Groups of accepted, numbered recommendations of `cycle`, largest first.
pub fn groups(ds: &Dataset, cycle: Option<u32>) -> Vec<Value> {
    let Some(cycle) = cycle else {
        return Vec::new();
    };
    let report = ds
        .upr
        .cycles
        .iter()
        .find(|c| c.number == cycle)
        .map(|c| c.report.clone());
    let mut left: Vec<&Recommendation> = ds
        .recommendations(cycle)
        .filter(|r| r.response == Response::Accepted && r.paragraph.is_some())
        .collect();
    let mut out = Vec::new();
    while !left.is_empty() {
        // The issue most of the remaining recommendations share; ties go to
        // the issue named first in the dataset, so the result is stable.
        let mut counts: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
        for (order, issue) in left.iter().flat_map(|r| r.issues.iter()).enumerate() {
            let e = counts.entry(issue.as_str()).or_insert((0, order));
            e.0 += 1;
        }
        let issue = counts
            .iter()
            .max_by(|a, b| a.1 .0.cmp(&b.1 .0).then(b.1 .1.cmp(&a.1 .1)))
            .map(|(i, _)| i.to_string());
        let (mut group, rest): (Vec<&Recommendation>, Vec<&Recommendation>) =
            left.into_iter().partition(|r| match &issue {
                Some(i) => r.issues.iter().any(|x| x == i),
                None => true,
            });
        left = rest;
        group.sort_by_key(|r| paragraph_key(r.paragraph.as_deref().unwrap_or("")));
        out.push(group_json(ds, issue, &group, report.as_deref()));
    }
    out
}

fn group_json(
    ds: &Dataset,
    issue: Option<String>,
    group: &[&Recommendation],
    report: Option<&str>,
) -> Value {
    // One citation per document the responses were given in, in order of first use.
    let mut citations: Vec<(String, Vec<String>)> = Vec::new();
    for r in group {
        let source = r
            .response_source
            .clone()
            .or_else(|| report.map(str::to_string))
            .unwrap_or_default();
        let item = format!(
            "{} ({})",
            r.paragraph.as_deref().unwrap_or_default(),
            r.recommending_state
        );
        match citations.iter_mut().find(|(s, _)| *s == source) {
            Some((_, items)) => items.push(item),
            None => citations.push((source, vec![item])),
        }
    }
    let recommendations: Vec<Value> = group
        .iter()
        .map(|r| {
            let level = r
                .iri_score(|a| ds.upr.is_current(r, a))
                .map(ImplementationLevel::from_score);
            json!({
                "number": r.number,
                "paragraph": r.paragraph,
                "recommending_state": r.recommending_state,
                "text": r.text,
                "level": level,
            })
        })
        .collect();
    let not_implemented = recommendations
        .iter()
        .filter(|r| r["level"] == "not")
        .count();
    json!({
        "issue": issue,
        "recommendations": recommendations,
        "size": group.len(),
        "not_implemented": not_implemented,
        "citations": citations
            .into_iter()
            .map(|(source, items)| json!({ "source": source, "items": items }))
            .collect::<Vec<_>>(),
    })
}

/// "95.102" sorts after "95.42": compare the numbers between the dots.
fn paragraph_key(p: &str) -> Vec<u32> {
    p.split('.')
        .map(|n| n.trim().parse().unwrap_or(u32::MAX))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::paragraph_key;

    #[test]
    fn paragraphs_sort_by_number() {
        let mut ps = vec!["95.102", "95.42", "97.16", "95.5"];
        ps.sort_by_key(|p| paragraph_key(p));
        assert_eq!(ps, ["95.5", "95.42", "95.102", "97.16"]);
    }
}
