//! The findings arranged as a letter to a candidate takes them up, section by section.
//!
//! The other findings are lists a drafter can use in any order; these say
//! which pledge answers to which section (ratification, Special Procedures,
//! treaty bodies, UPR, the Council, national commitments) and which of the
//! outstanding points others have already recommended, so that a template
//! can state each section — or leave it out — without working anything out.

use std::collections::BTreeMap;

use hrdraft_sdk::{
    Dataset, ImplementationLevel, Mechanism, Pledge, PledgeLevel, PledgeTarget, Response,
    VisitStatus,
};
use serde_json::{json, Map, Value};

/// Fields to merge into the plugin's output.
pub fn sections(
    ds: &Dataset,
    not_ratified: &[Value],
    body_recs: &[Value],
    cycle: Option<u32>,
    include_state: bool,
) -> Map<String, Value> {
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
    let on = |m: Mechanism| -> Vec<Value> {
        pledges
            .iter()
            .filter(|p| p.level == PledgeLevel::International)
            .filter(|p| p.targets.contains(&PledgeTarget::Mechanism(m)))
            .map(|p| pledge_json(p))
            .collect()
    };
    // International pledges about instruments rather than a mechanism, and
    // those about neither, so that no pledge goes unmentioned.
    let international: Vec<&Pledge> = pledges
        .iter()
        .copied()
        .filter(|p| p.level == PledgeLevel::International)
        .collect();
    let mechanism = |p: &Pledge| {
        p.targets
            .iter()
            .any(|t| matches!(t, PledgeTarget::Mechanism(_)))
    };
    let treaty = |p: &Pledge| {
        p.targets
            .iter()
            .any(|t| matches!(t, PledgeTarget::Treaty(_)))
    };
    out.insert(
        "pledges_treaties".into(),
        json!(international
            .iter()
            .filter(|p| !mechanism(p) && treaty(p))
            .map(|p| pledge_json(p))
            .collect::<Vec<_>>()),
    );
    out.insert(
        "pledges_international_other".into(),
        json!(international
            .iter()
            .filter(|p| !mechanism(p) && !treaty(p))
            .map(|p| pledge_json(p))
            .collect::<Vec<_>>()),
    );
    out.insert(
        "pledges_special_procedures".into(),
        json!(on(Mechanism::SpecialProcedures)),
    );
    out.insert(
        "pledges_treaty_bodies".into(),
        json!(on(Mechanism::TreatyBodies)),
    );
    out.insert("pledges_upr".into(), json!(on(Mechanism::Upr)));
    out.insert(
        "pledges_council".into(),
        json!(on(Mechanism::HumanRightsCouncil)),
    );
    out.insert(
        "pledges_national".into(),
        json!(pledges
            .iter()
            .filter(|p| p.level == PledgeLevel::National)
            .map(|p| pledge_json(p))
            .collect::<Vec<_>>()),
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
            }
            r
        })
        .collect();
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

    // Issues of the accepted recommendations stakeholders found not
    // implemented, the most frequent first.
    let mut issues: BTreeMap<&str, usize> = BTreeMap::new();
    if let Some(n) = cycle {
        for r in ds
            .recommendations(n)
            .filter(|r| r.response == Response::Accepted)
        {
            let level = r
                .iri_score(|a| include_state || !is_state(ds, &a.stakeholder))
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
            .map(|(issue, count)| json!({ "issue": issue, "count": count }))
            .collect::<Vec<_>>()),
    );
    out
}

fn is_state(ds: &Dataset, abbreviation: &str) -> bool {
    ds.stakeholder(abbreviation)
        .is_some_and(|s| s.kind == hrdraft_sdk::StakeholderKind::State)
}

fn pledge_json(p: &Pledge) -> Value {
    json!({
        "id": p.id,
        "text": p.text.trim().trim_end_matches('.'),
        "deadline": p.deadline,
        "source": p.source,
    })
}
