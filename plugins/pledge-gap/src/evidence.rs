//! The evidence of each finding a letter prints: the pledges, treaties,
//! visits, reporting and recommendations it rests on, and its sources.
//!
//! Attached after the findings are made, from what they say, so that the
//! analysis itself is written once.

use hrdraft_sdk::{Dataset, EntryKind, Evidence, Response};
use serde_json::Value;

const NAME: &str = "pledge-gap";

fn strs(v: &Value) -> impl Iterator<Item = &str> {
    v.as_array().into_iter().flatten().filter_map(Value::as_str)
}

fn items(v: &Value) -> impl Iterator<Item = &Value> {
    v.as_array().into_iter().flatten()
}

/// A recommendation's id as evidence names it: its paragraph, else `#number`.
fn recommendation_id(r: &Value) -> Option<String> {
    match (r["paragraph"].as_str(), r["number"].as_u64()) {
        (Some(p), _) => Some(p.to_string()),
        (None, Some(n)) => Some(format!("#{n}")),
        _ => None,
    }
}

/// Attach evidence to the findings of `out` that templates print.
pub fn attach(ds: &Dataset, out: &mut Value) {
    let Some(obj) = out.as_object_mut() else {
        return;
    };
    for (key, v) in obj.iter_mut() {
        if key.starts_with("pledges_") {
            pledge_groups(v);
        }
    }
    if let Some(r) = obj.get_mut("ratification") {
        pledge_groups(&mut r["pledges"]);
        let mut ev = Evidence::new(
            NAME,
            "ratification: instruments signed, outstanding or reserved",
        );
        let mut value = Vec::new();
        for (list, word) in [
            ("signed", "signed, not ratified"),
            ("urge", "outstanding"),
            ("others", "also outstanding"),
            ("withdraw", "reservations to withdraw"),
        ] {
            let keys: Vec<&str> = items(&r[list]).filter_map(|t| t["key"].as_str()).collect();
            if !keys.is_empty() {
                value.push(format!("{word}: {}", keys.join(", ")));
            }
            ev = ev.entries(EntryKind::Treaty, keys.iter().copied());
            for t in items(&r[list]) {
                ev = ev.sources(strs(&t["sources"]));
            }
        }
        for g in items(&r["pledges"]) {
            ev = ev.entries(EntryKind::Pledge, strs(&g["ids"]));
        }
        if !value.is_empty() {
            ev = ev.value(value.join("; "));
        }
        ev.attach(r);
    }
    if let Some(sp) = obj.get_mut("special_procedures") {
        let mut ev = Evidence::new(NAME, "special procedures: invitation and visits");
        let mut value = Vec::new();
        for (list, word) in [
            ("pending", "requested"),
            ("agreed", "agreed"),
            ("welcomed", "done"),
        ] {
            let mandates: Vec<&str> = items(&sp[list])
                .filter_map(|v| v["mandate"].as_str())
                .collect();
            if !mandates.is_empty() {
                value.push(format!("{word}: {}", mandates.join(", ")));
            }
            ev = ev.entries(EntryKind::Visit, mandates.iter().copied());
            for v in items(&sp[list]) {
                ev = ev.sources(strs(&v["sources"]));
            }
        }
        let reminded: Vec<&str> = items(&sp["remind"])
            .flat_map(|g| strs(&g["mandates"]))
            .collect();
        if !reminded.is_empty() {
            value.push(format!(
                "recommendations outstanding: {}",
                reminded.join(", ")
            ));
        }
        ev = ev.entries(EntryKind::Visit, reminded.iter().copied());
        ev = ev.sources(strs(&sp["remind_sources"]));
        if let Some(s) = sp["standing_invitation"]["source"].as_str() {
            ev = ev.sources([s]);
        }
        if !value.is_empty() {
            ev = ev.value(value.join("; "));
        }
        ev.attach(sp);
    }
    if let Some(list) = obj.get_mut("upr_cited").and_then(Value::as_array_mut) {
        for g in list {
            let ids: Vec<String> = items(&g["recommendations"])
                .filter_map(recommendation_id)
                .collect();
            let size = g["size"].as_u64().unwrap_or(0);
            let issue = g["issue"].as_str().unwrap_or("no issue");
            let not = g["not_implemented"].as_u64().unwrap_or(0);
            let sources: Vec<String> = items(&g["citations"])
                .filter_map(|c| c["source"].as_str().map(str::to_string))
                .collect();
            Evidence::new(
                NAME,
                "accepted UPR recommendations cited by paragraph, grouped by issue",
            )
            .entries(EntryKind::Recommendation, ids)
            .sources(sources)
            .value(format!(
                "{size} accepted on {issue}; {not} found not implemented"
            ))
            .attach(g);
        }
    }
    for (key, rule) in [
        (
            "treaty_body_recommendations",
            "treaty-body recommendations the dataset singles out",
        ),
        (
            "overdue_reports",
            "treaty-body reports overdue on the document's date",
        ),
    ] {
        if let Some(list) = obj.get_mut(key).and_then(Value::as_array_mut) {
            for item in list {
                let body = item["body"].as_str().map(str::to_string);
                let value = match (item["summary"].as_str(), item["report"].as_str()) {
                    (Some(s), _) => Some(s.to_string()),
                    (None, Some(r)) => Some(format!(
                        "{r} report, due {}",
                        item["due"].as_str().unwrap_or("?")
                    )),
                    _ => None,
                };
                let mut ev = Evidence::new(NAME, rule)
                    .entries(EntryKind::Reporting, body)
                    .sources(strs(&item["sources"]));
                if let Some(v) = value {
                    ev = ev.value(v);
                }
                ev.attach(item);
            }
        }
    }
    let cycle = obj.get("upr_cycle").and_then(Value::as_u64);
    let not_implemented: Vec<(u64, Option<String>)> = items(&obj["upr_not_implemented"])
        .filter_map(|r| Some((r["number"].as_u64()?, recommendation_id(r))))
        .collect();
    if let Some(list) = obj
        .get_mut("upr_not_implemented_issues")
        .and_then(Value::as_array_mut)
    {
        for item in list {
            let issue = item["issue"].as_str().unwrap_or_default().to_string();
            let ids: Vec<String> = ds
                .upr
                .recommendations
                .iter()
                .filter(|r| Some(u64::from(r.cycle)) == cycle)
                .filter(|r| r.response == Response::Accepted && r.issues.contains(&issue))
                .filter_map(|r| {
                    not_implemented
                        .iter()
                        .find(|(n, _)| *n == u64::from(r.number))
                        .and_then(|(_, id)| id.clone())
                })
                .collect();
            Evidence::new(
                NAME,
                "issues of accepted UPR recommendations stakeholders found not implemented",
            )
            .entries(EntryKind::Recommendation, ids)
            .value(format!(
                "{issue}: {} recommendations",
                item["count"].as_u64().unwrap_or(0)
            ))
            .attach(item);
        }
    }
    if let Some(review) = obj.get_mut("upr_review") {
        if let Some(n) = review["number"].as_u64() {
            let mut ev = Evidence::new(NAME, "the UPR review of the cycle cited")
                .entry(EntryKind::Cycle, n.to_string());
            if let Some(r) = review["report"].as_str() {
                ev = ev.sources([r]);
            }
            if let Some(d) = review["review_date"].as_str() {
                ev = ev.value(format!("reviewed {d}"));
            }
            ev.attach(review);
        }
    }
}

/// Groups of pledges (each with `ids` and `sources`).
fn pledge_groups(v: &mut Value) {
    let Some(list) = v.as_array_mut() else {
        return;
    };
    for g in list {
        if g.get("ids").is_none() {
            continue;
        }
        let ids: Vec<String> = strs(&g["ids"]).map(str::to_string).collect();
        let count = ids.len();
        let noun = g["noun"].as_str().unwrap_or("pledge").to_string();
        Evidence::new(NAME, "pledges grouped as the letter names them")
            .entries(EntryKind::Pledge, ids)
            .sources(strs(&g["sources"]).map(str::to_string).collect::<Vec<_>>())
            .value(format!(
                "{count} {noun}{}",
                if count == 1 { "" } else { "s" }
            ))
            .attach(g);
    }
}
