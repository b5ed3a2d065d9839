//! The gap between what a Council candidate pledged and what its record calls for.
//!
//! Findings: core instruments not ratified (marked when the UPR or a UN
//! body already recommended them), Special Procedures visit requests
//! pending, overdue treaty-body reports, unanswered follow-up requests,
//! recommendations of treaty bodies and Special Procedures the dataset
//! singles out, accepted UPR recommendations assessed as not implemented,
//! and, for each pledge, whether it is specific, measurable and verifiable
//! (OHCHR's guidance). Every finding carries the source ids to cite. A State
//! with nothing outstanding gets empty lists.
//!
//! Options: `cycle` (UPR cycle for the implementation finding; the latest by
//! default) and `include_state` (whether the State's own assessments count
//! towards the index; true by default).

mod cited;
mod evidence;
mod letter;
mod mentions;
mod pledges;

use hrdraft_sdk::{
    Dataset, Error, ImplementationLevel, Options, OverdueReport, Plugin, RatificationStatus,
    Response, Section, TreatyBody, TreatyId, VisitStatus,
};
use serde_json::{json, Value};

pub use mentions::instruments_named;

/// Pledges circulated fewer days than this before the election leave
/// Member States little time to weigh them (the series: "not posted …
/// until the day of the elections leaving little time for States to
/// consider these prior to casting their votes").
const LATE_PLEDGE_DAYS: i64 = 15;

/// The id of the source a dataset may give for OHCHR's "Suggested
/// elements for voluntary pledges and commitments", cited in place of the
/// letter's own note.
pub const GUIDANCE_SOURCE: &str = "ohchr-pledges-guidance";

/// The pledge-gap plugin.
#[derive(Debug, Clone, Copy, Default)]
pub struct PledgeGap;

impl Plugin for PledgeGap {
    fn name(&self) -> &str {
        "pledge-gap"
    }

    fn version(&self) -> &str {
        env!("CARGO_PKG_VERSION")
    }

    fn description(&self) -> &str {
        "What the candidate's record calls for beyond its pledges, and whether each pledge is specific, measurable and verifiable"
    }

    fn sections(&self) -> Vec<Section> {
        vec![
            Section::Country,
            Section::Treaties,
            Section::SpecialProcedures,
            Section::Candidacy,
            Section::Upr,
        ]
    }

    fn cites(&self) -> Vec<String> {
        vec![GUIDANCE_SOURCE.to_string()]
    }

    fn run(&self, dataset: &Dataset, options: &Options) -> Result<Value, Error> {
        let include_state = options.bool("include_state", true)?;
        // A document dated `as_of` speaks only of what was known by then.
        let as_of = options.as_of()?;
        let known = options.known_for(dataset, &self.sections())?;
        let dataset: &Dataset = &known;
        // The document's own choices (instruments to urge) are those of the
        // template being drafted, the open letter by default.
        let template = options.str("template")?.unwrap_or("open-letter");
        let doc = dataset.document(template);
        let cycle = match options.u32("cycle")? {
            Some(n) if dataset.recommendations(n).next().is_none() => {
                return Err(Error::new(format!(
                    "option `cycle` asks for UPR cycle {n}, but the dataset has no recommendation of that cycle"
                )))
            }
            Some(n) => Some(n),
            None => dataset
                .latest_cycle()
                .map(|c| c.number)
                .or_else(|| dataset.upr.recommendations.iter().map(|r| r.cycle).max()),
        };
        let treaties = not_ratified(dataset);
        let visits = visits_pending(dataset);
        let overdue = overdue_reports(dataset);
        let follow_up = follow_up_unanswered(dataset);
        let body_recs = body_recommendations(dataset);
        let upr = upr_not_implemented(dataset, cycle, include_state);
        let cited = cited::groups(dataset, cycle, include_state);
        let pledges: Vec<Value> = dataset
            .candidacy
            .as_ref()
            .map(|c| c.pledges.iter().map(|p| pledges::assess(p, c)).collect())
            .unwrap_or_default();
        let weak_pledges = pledges
            .iter()
            .filter(|p| p["meets_guidance"] == false)
            .count();
        let recorded: Vec<TreatyId> = dataset.treaties.iter().map(|t| t.treaty).collect();
        let open: Vec<TreatyId> = TreatyId::ALL
            .into_iter()
            .filter(|t| t.open_on(as_of.as_ref()))
            .collect();
        let outstanding = !(treaties.is_empty()
            && visits.is_empty()
            && overdue.is_empty()
            && follow_up.is_empty()
            && body_recs.is_empty()
            && upr.is_empty());
        // The day the document speaks from: its `as_of`, else its date.
        let sections = letter::sections(
            dataset,
            doc,
            as_of.or_else(|| doc.map(|d| d.date)),
            &treaties,
            &body_recs,
            cycle,
            include_state,
        );
        let mut out = json!({
            "state": dataset.country.in_text(),
            "as_of": as_of,
            "candidacy": dataset.candidacy.as_ref().map(|c| json!({
                "term_start": c.term_start,
                "term_end": c.term_end,
                "election": c.election,
                "pledged": c.pledged(),
                // A member standing again: "candidacy for re-election".
                "re_election": c.re_election(),
                "current_term": c.current_term(),
                // Pledges circulated in the last fortnight before the
                // election: days before it, which a letter regrets.
                "pledges_late_days": c.pledge_document.as_ref().and_then(|d| {
                    let days = c.election.days_since_epoch() - d.date.days_since_epoch();
                    (d.date.is_full() && (0..LATE_PLEDGE_DAYS).contains(&days)).then_some(days)
                }),
                "pledge_document": c.pledge_document.as_ref().map(|d| {
                    let mut v = json!(d);
                    if let Some(obj) = v.as_object_mut() {
                        obj.insert("un_document".into(), json!(d.un_document()));
                    }
                    v
                }),
            })),
            "not_ratified": treaties,
            // Of the instruments open for signature on the document's date.
            "all_ratified": open.iter().all(|t| recorded.contains(t))
                && dataset.treaties.iter().all(|t| t.status == RatificationStatus::Party),
            "unrecorded_treaties": open.iter().filter(|t| !recorded.contains(t)).map(|t| t.code()).collect::<Vec<_>>(),
            "visits_pending": visits,
            // The sentence that urges the overdue reports cites, in one
            // note, where each was found overdue.
            "overdue_sources": distinct_sources(&overdue),
            // Several reports, every one pledged: the sentence says so once,
            // at its end.
            "overdue_all_pledged": overdue.len() > 1 && overdue.iter().all(|o| o["pledged"] == true),
            "overdue_reports": overdue,
            "follow_up_unanswered": follow_up,
            "body_recommendations": body_recs,
            // The dataset's own record of OHCHR's guidance on pledges, which
            // the letter cites in place of the address the series cited.
            "guidance_source": dataset
                .sources
                .iter()
                .find(|s| s.id == GUIDANCE_SOURCE)
                .map(|s| s.id.clone()),
            "upr_cycle": cycle,
            "upr_not_implemented": upr,
            "upr_cited": cited,
            // Counted with them, cited only beside them (`cited::in_sentences`).
            "upr_carried_out_citations": cited::carried_out_citations(dataset, cycle),
            // Recommendations of the review the State had yet to answer.
            "upr_pending": cited::pending(dataset, cycle),
            "pledges": pledges,
            "pledges_short_of_guidance": weak_pledges,
            "outstanding": outstanding,
        });
        if let Some(obj) = out.as_object_mut() {
            obj.extend(sections);
            // Overdue reports the one treaty-body pledge sentence promises
            // are urged right after it ("We urge you to do so without
            // further delay: …"), not in a paragraph of their own that
            // would recall the pledge; the others, if any, keep that
            // paragraph (`overdue_rest`).
            let reports: Vec<Value> = obj["overdue_reports"]
                .as_array()
                .cloned()
                .unwrap_or_default();
            let (pledged, rest): (Vec<Value>, Vec<Value>) =
                reports.into_iter().partition(|o| o["pledged"] == true);
            let after_pledge = !pledged.is_empty()
                && obj["pledges_treaty_bodies"]
                    .as_array()
                    .is_some_and(|p| p.len() == 1);
            obj.insert("overdue_after_pledge".into(), json!(after_pledge));
            let (pledged, rest) = if after_pledge {
                (pledged, rest)
            } else {
                (Vec::new(), Vec::new())
            };
            obj.insert(
                "overdue_pledged_sources".into(),
                json!(distinct_sources(&pledged)),
            );
            obj.insert("overdue_pledged".into(), json!(same_body_again(pledged)));
            obj.insert(
                "overdue_rest_sources".into(),
                json!(distinct_sources(&rest)),
            );
            obj.insert("overdue_rest".into(), json!(same_body_again(rest)));
        }
        evidence::attach(dataset, &mut out);
        // Every recommendation of the review the State accepted, cited or
        // not (one without a paragraph, or one carried out since): the
        // number a sentence gives of them all.
        let accepted = cycle.map_or(0, |c| {
            dataset
                .recommendations(c)
                .filter(|r| r.response == Response::Accepted)
                .count()
        });
        if let Some(obj) = out.as_object_mut() {
            obj.insert("upr_accepted_total".into(), json!(accepted));
        }
        cited::in_sentences(&mut out);
        Ok(out)
    }
}

/// Instruments signed only or not acted on, with who already recommended them.
fn not_ratified(ds: &Dataset) -> Vec<Value> {
    // Each text is searched once, not once per instrument: the search is the
    // costly part on a dataset of many recommendations.
    let named: Vec<Vec<TreatyId>> = if ds
        .treaties
        .iter()
        .any(|t| t.status != RatificationStatus::Party)
    {
        ds.upr
            .recommendations
            .iter()
            .map(|r| instruments_named(&r.text))
            .collect()
    } else {
        Vec::new()
    };
    ds.treaties
        .iter()
        .filter(|t| t.status != RatificationStatus::Party)
        .map(|t| {
            let mut by: Vec<Value> = Vec::new();
            for (r, named) in ds.upr.recommendations.iter().zip(&named) {
                if named.contains(&t.treaty) {
                    let cycle = ds.upr.cycles.iter().find(|c| c.number == r.cycle);
                    by.push(json!({
                        "mechanism": "upr",
                        "by": r.recommending_state,
                        "cycle": r.cycle,
                        "number": r.number,
                        "paragraph": r.paragraph,
                        "text": r.text,
                        "response": r.response,
                        "sources": cycle.map(|c| vec![c.report.clone()]).unwrap_or_default(),
                    }));
                }
            }
            for (mechanism, who, rec, source) in singled_out(ds) {
                if instruments_named(&rec.summary).contains(&t.treaty) {
                    by.push(json!({
                        "mechanism": mechanism,
                        "by": who,
                        "paragraph": rec.paragraph,
                        "text": rec.summary,
                        "sources": source.into_iter().collect::<Vec<_>>(),
                    }));
                }
            }
            let status_words = match (t.status, &t.signed) {
                (RatificationStatus::Signatory, Some(d)) => {
                    format!("signed on {}, not ratified", pledges::date_words(d))
                }
                (RatificationStatus::Signatory, None) => "signed, not ratified".to_owned(),
                _ => "neither signed nor ratified".to_owned(),
            };
            json!({
                "treaty": t.treaty,
                "title": t.treaty.title(),
                "body": t.treaty.body(),
                "status": t.status,
                "status_words": status_words,
                "signed": t.signed,
                "recommended": !by.is_empty(),
                "recommended_by": by,
                "sources": t.sources,
            })
        })
        .collect()
}

/// Treaty-body and Special Procedures recommendations the dataset singles
/// out: (mechanism, who, recommendation, source id).
fn singled_out(
    ds: &Dataset,
) -> Vec<(
    &'static str,
    String,
    &hrdraft_sdk::BodyRecommendation,
    Option<String>,
)> {
    let mut out = Vec::new();
    for r in &ds.reporting {
        if let Some(co) = &r.concluding_observations {
            for rec in &co.recommendations {
                let source = rec.source.clone().or_else(|| co.source.clone());
                out.push(("treaty-body", r.body.name().to_owned(), rec, source));
            }
        }
    }
    for v in &ds.special_procedures.visits {
        for rec in &v.recommendations {
            let source = rec.source.clone().or_else(|| v.report.clone());
            out.push(("special-procedures", v.mandate.clone(), rec, source));
        }
    }
    out
}

fn body_recommendations(ds: &Dataset) -> Vec<Value> {
    singled_out(ds)
        .into_iter()
        .map(|(mechanism, who, rec, source)| {
            // The committee's code as well as its English name, so that a
            // template in another language can name it in its own words.
            let body = (mechanism == "treaty-body")
                .then(|| ds.reporting.iter().find(|r| r.body.name() == who))
                .flatten()
                .map(|r| r.body);
            json!({
                "mechanism": mechanism,
                "by": who,
                "body": body,
                "paragraph": rec.paragraph,
                "summary": rec.summary,
                "sources": source.into_iter().collect::<Vec<_>>(),
            })
        })
        .collect()
}

fn visits_pending(ds: &Dataset) -> Vec<Value> {
    ds.special_procedures
        .visits
        .iter()
        .filter(|v| v.status == VisitStatus::Requested)
        .map(|v| json!({ "mandate": v.mandate, "requested": v.requested, "sources": v.sources }))
        .collect()
}

fn overdue_reports(ds: &Dataset) -> Vec<Value> {
    // Pledges that speak of reports, lower-cased to be searched; with the
    // words the letter recalls them in (the clause, where there is one).
    let speak: Vec<(String, String)> = ds
        .candidacy
        .iter()
        .flat_map(|c| &c.pledges)
        .map(|p| {
            let text = p.text.to_lowercase();
            let recalled = p
                .clause
                .as_deref()
                .map_or_else(|| text.clone(), str::to_lowercase);
            (text, recalled)
        })
        .filter(|(t, _)| t.contains("report"))
        .collect();
    // Oldest first: each committee's reports together, the committee whose
    // report has been overdue longest first (a sort that keeps the
    // dataset's order where dates are equal).
    let mut committees: Vec<(&hrdraft_sdk::TreatyBodyReporting, Vec<&OverdueReport>)> = ds
        .reporting
        .iter()
        .filter(|r| r.overdue.iter().any(OverdueReport::outstanding))
        .map(|r| {
            // A report since submitted is no longer overdue.
            let mut reports: Vec<&OverdueReport> =
                r.overdue.iter().filter(|o| o.outstanding()).collect();
            reports.sort_by_key(|o| o.due);
            (r, reports)
        })
        .collect();
    committees.sort_by_key(|(_, reports)| reports[0].due);
    let mut out = Vec::new();
    for (r, overdue) in committees {
        let name = r.body.name().to_lowercase();
        for (i, o) in overdue.iter().copied().enumerate() {
            // A pledge that names the committee and this report, or the
            // committee and none of the reports overdue to it ("its
            // overdue reports to the Committee …"): the State has pledged
            // to submit this one, which the letter says.
            let pledged = speak.iter().any(|(t, _)| {
                t.contains(&name)
                    && (names_report(t, o) || !overdue.iter().any(|x| names_report(t, x)))
            });
            // A pledge names the committee and this very report: the
            // letter, having just recalled it, need not name it again, and
            // refers to it as the pledge does ("your combined fifth and
            // sixth periodic report": "it").
            let naming = speak
                .iter()
                .find(|(t, _)| t.contains(&name) && names_report(t, o));
            let named_as = naming.map(|(_, recalled)| {
                if recalled.contains(&format!("{} reports", report_words(o))) {
                    "reports"
                } else {
                    "report"
                }
            });
            out.push(json!({
                "pledged": pledged,
                "named": naming.is_some(),
                "named_as": named_as,
                "body": r.body,
                "body_name": r.body.name(),
                // The report before it in the list is due to the same
                // committee: the letter says "to that Committee".
                "body_again": i > 0,
                "report": o.report,
                "reports_word": if several(&o.report) { "reports" } else { "report" },
                "under": o.under,
                "under_title": o.under.map(|t| protocol_title(t, r.body)),
                "due": o.due,
                "due_day": o.due.day.is_some(),
                "sources": o.source.iter().collect::<Vec<_>>(),
            }));
        }
    }
    out
}

/// Whether the lower-cased pledge `text` names report `o`: its words
/// ("fifth and sixth periodic", without "combined"), and, for a report
/// under a protocol, the protocol.
fn names_report(text: &str, o: &OverdueReport) -> bool {
    text.contains(&report_words(o)) && (o.under.is_none() || text.contains("protocol"))
}

/// The words a pledge names report `o` by, lower-cased: its name without
/// "combined" ("fifth and sixth periodic").
fn report_words(o: &OverdueReport) -> String {
    let report = o.report.to_lowercase();
    match report.strip_prefix("combined ") {
        Some(words) => words.to_string(),
        None => report,
    }
}

/// Whether `report` names several reports, submitted as one: "combined
/// fifth and sixth periodic", "second to fourth periodic", but not
/// "initial" nor a name that holds "and" elsewhere.
fn several(report: &str) -> bool {
    let report = report.to_lowercase();
    let words: Vec<&str> = report.split_whitespace().collect();
    words.first() == Some(&"combined")
        || words.windows(3).any(|w| {
            matches!(w[1], "and" | "to") && ordinal(w[0]) && ordinal(w[2].trim_end_matches(','))
        })
}

/// "initial", "fifth", "21st": a word that numbers a report (lower case).
fn ordinal(word: &str) -> bool {
    const WORDS: [&str; 21] = [
        "initial",
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "eleventh",
        "twelfth",
        "thirteenth",
        "fourteenth",
        "fifteenth",
        "sixteenth",
        "seventeenth",
        "eighteenth",
        "nineteenth",
        "twentieth",
    ];
    WORDS.contains(&word)
        || word
            .strip_suffix("st")
            .or_else(|| word.strip_suffix("nd"))
            .or_else(|| word.strip_suffix("rd"))
            .or_else(|| word.strip_suffix("th"))
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// A protocol's title where its committee is named just after: "Optional
/// Protocol on the sale of children, …" for a protocol to the Convention on
/// the Rights of the Child; the full title where nothing would be left to
/// tell it from the convention's other protocols.
fn protocol_title(protocol: TreatyId, body: TreatyBody) -> String {
    let title = protocol.title();
    TreatyId::ALL
        .iter()
        .filter(|t| t.body() == body && **t != protocol)
        .find_map(|parent| {
            let (head, tail) = title.split_once(&format!(" to the {} on ", parent.title()))?;
            Some(format!("{head} on {tail}"))
        })
        .unwrap_or_else(|| title.to_string())
}

/// A list of overdue reports with `body_again` set anew: true where the
/// report before it in this list is due to the same committee ("to that
/// Committee").
fn same_body_again(mut reports: Vec<Value>) -> Vec<Value> {
    let mut before: Option<Value> = None;
    for r in &mut reports {
        let body = r["body"].clone();
        r["body_again"] = json!(before.as_ref() == Some(&body));
        before = Some(body);
    }
    reports
}

/// The `sources` of `items`, each once, in the order first given.
fn distinct_sources(items: &[Value]) -> Vec<Value> {
    let mut out: Vec<Value> = Vec::new();
    for s in items
        .iter()
        .filter_map(|i| i["sources"].as_array())
        .flatten()
    {
        if !out.contains(s) {
            out.push(s.clone());
        }
    }
    out
}

fn follow_up_unanswered(ds: &Dataset) -> Vec<Value> {
    ds.reporting
        .iter()
        .flat_map(|r| {
            r.follow_up
                .iter()
                .filter(|f| f.replied.is_none())
                .map(move |f| {
                    json!({
                        "body": r.body,
                        "body_name": r.body.name(),
                        "subject": f.subject,
                        "due": f.due,
                        "sources": f.source.iter().collect::<Vec<_>>(),
                    })
                })
        })
        .collect()
}

/// Accepted recommendations of the cycle whose index is "not implemented".
fn upr_not_implemented(ds: &Dataset, cycle: Option<u32>, include_state: bool) -> Vec<Value> {
    let Some(cycle) = cycle else {
        return Vec::new();
    };
    let report = cited::report_of(ds, cycle);
    let counts = cited::counts(ds, include_state);
    ds.recommendations(cycle)
        .filter(|r| r.response == Response::Accepted)
        .filter_map(|r| r.iri_score(|a| counts(r, a)).map(|s| (r, s)))
        .filter(|(_, s)| ImplementationLevel::from_score(*s) == ImplementationLevel::Not)
        .map(|(r, score)| {
            json!({
                "cycle": r.cycle,
                "number": r.number,
                "paragraph": r.paragraph,
                "text": r.text,
                "recommending_state": r.recommending_state,
                "issues": r.issues,
                "score": score,
                "sources": report.iter().collect::<Vec<_>>(),
            })
        })
        .collect()
}

// Left out when linked into hrdraft; see the `builtin` feature in Cargo.toml.
#[cfg(not(feature = "builtin"))]
hrdraft_sdk::export_plugin!(PledgeGap);

#[cfg(test)]
mod tests;
