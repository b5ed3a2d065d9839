//! Writing the imported recommendations into `upr.toml` (and a new cycle's report into `sources.toml`).

use std::collections::BTreeSet;

use hrdraft_sdk::{Response, Upr};
use toml_edit::{value, Array, DocumentMut, Item};

use super::{Existing, UprInfoOptions, UprInfoPlan};
use crate::sheet::{edit, SheetError};

/// Fill in the new texts of `upr.toml` (and `sources.toml`, for a new cycle's report).
pub(super) fn write(
    plan: &mut UprInfoPlan,
    existing: &Existing,
    options: &UprInfoOptions,
    session: Option<u32>,
) -> Result<(), SheetError> {
    const FILE: &str = "upr.toml";
    let fresh = existing.upr_text.is_none();
    let mut doc = edit::parse(FILE, existing.upr_text.as_deref().unwrap_or(""))?;
    edit::attach_trailing(&mut doc);
    let mut first_comment: Vec<String> = Vec::new();
    if fresh {
        first_comment.push(format!(
            "UPR recommendations of {}, imported from the UPR Info database export \"{}\" by `hrdraft import upr-info`.",
            options.country, options.file_name
        ));
    }
    if plan.new_cycle {
        let Some(date) = options.review_date else {
            return Err(SheetError::usage(format!(
                "cycle {} is not in the dataset yet: give the date of its review with --review-date YYYY-MM-DD",
                plan.cycle
            )));
        };
        let report = options
            .report
            .clone()
            .unwrap_or_else(|| format!("upr-report-cycle-{}", plan.cycle));
        if !existing.source_ids.contains(&report) {
            plan.new_source = Some(report.clone());
        }
        let mut lines: Vec<&str> = first_comment.iter().map(String::as_str).collect();
        if fresh {
            lines.push("");
        }
        lines.push("The review: check its date and session against the Working Group report.");
        let mut t = edit::new_table(&lines);
        if fresh {
            // The file's first lines need no blank line above them.
            let prefix = t
                .decor()
                .prefix()
                .and_then(|p| p.as_str())
                .unwrap_or("")
                .to_string();
            t.decor_mut()
                .set_prefix(prefix.trim_start_matches('\n').to_string());
        }
        t.insert("number", value(i64::from(plan.cycle)));
        if let Some(s) = session {
            t.insert("session", value(i64::from(s)));
        }
        t.insert("review_date", Item::Value(edit::date(date)));
        t.insert("report", value(report));
        edit::tables_mut(FILE, doc.as_table_mut(), "cycles")?.push(t);
        first_comment.clear();
    }
    let recs = edit::tables_mut(FILE, doc.as_table_mut(), "recommendations")?;
    for (i, r) in plan.added.iter().enumerate() {
        let note = format!(
            "Cycle {}, recommendations {}-{}: imported from the UPR Info database export \"{}\".",
            plan.cycle,
            plan.added.first().map_or(0, |a| a.number),
            plan.added.last().map_or(0, |a| a.number),
            options.file_name
        );
        let mut t = if i == 0 {
            edit::new_table(&[
                "---------------------------------------------------------------------------",
                &note,
            ])
        } else {
            edit::new_table(&[])
        };
        t.insert("number", value(i64::from(r.number)));
        t.insert("cycle", value(i64::from(plan.cycle)));
        t.insert("text", value(r.text.as_str()));
        t.insert("recommending_state", value(r.recommending_state.as_str()));
        t.insert(
            "response",
            value(match r.response {
                Response::Accepted => "accepted",
                Response::Noted => "noted",
                Response::Pending => "pending",
            }),
        );
        if !r.issues.is_empty() {
            t.insert("issues", value(r.issues.iter().collect::<Array>()));
        }
        if let Some(a) = r.action_category {
            t.insert("action_category", value(i64::from(a)));
        }
        recs.push(t);
    }
    plan.upr_after = Some(doc.to_string());

    if let Some(id) = &plan.new_source {
        const SOURCES: &str = "sources.toml";
        let mut doc = edit::parse(SOURCES, existing.sources_text.as_deref().unwrap_or(""))?;
        edit::attach_trailing(&mut doc);
        let mut t = edit::new_table(&[
            "The Working Group report of the review, added by `hrdraft import upr-info`:",
            "add its document symbol (A/HRC/...) and date.",
        ]);
        if existing.sources_text.is_none() {
            let prefix = t
                .decor()
                .prefix()
                .and_then(|p| p.as_str())
                .unwrap_or("")
                .to_string();
            t.decor_mut()
                .set_prefix(prefix.trim_start_matches('\n').to_string());
        }
        t.insert("id", value(id.as_str()));
        t.insert(
            "title",
            value(format!(
                "Report of the Working Group on the Universal Periodic Review, {}",
                options.country
            )),
        );
        edit::tables_mut(SOURCES, doc.as_table_mut(), "sources")?.push(t);
        plan.sources_after = Some(doc.to_string());
    }
    Ok(())
}

/// Read what an import needs from `upr.toml` and `sources.toml` texts alone,
/// for a directory that is not a whole dataset yet (no `country.toml`).
pub fn existing_from_texts(
    upr_text: Option<String>,
    sources_text: Option<String>,
) -> Result<Existing, SheetError> {
    let upr = match &upr_text {
        Some(t) => toml_edit::de::from_str::<Upr>(t).map_err(|e| SheetError::Toml {
            file: "upr.toml".into(),
            message: format!("cannot be read ({e}); fix it and try again"),
        })?,
        None => Upr::default(),
    };
    let mut source_ids = BTreeSet::new();
    if let Some(t) = &sources_text {
        let doc: DocumentMut = edit::parse("sources.toml", t)?;
        if let Some(list) = doc.get("sources").and_then(Item::as_array_of_tables) {
            for s in list.iter() {
                if let Some(id) = edit::string(s, "id") {
                    source_ids.insert(id.to_string());
                }
            }
        }
    }
    Ok(Existing {
        upr,
        upr_text,
        source_ids,
        sources_text,
    })
}
