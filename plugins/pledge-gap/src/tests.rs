//! Tests of the pledge gap on small hand-made datasets.

use hrdraft_sdk::{Dataset, Options, Plugin, TreatyId};
use serde_json::{json, Value};

use crate::PledgeGap;

fn dataset(extra: Value) -> Dataset {
    let mut v = json!({
        "country": { "name": "Testland", "iso2": "TL", "iso3": "TLD", "short_name": "testland" },
    });
    if let (Value::Object(m), Value::Object(e)) = (&mut v, extra) {
        m.extend(e);
    }
    serde_json::from_value(v).unwrap_or_else(|e| panic!("test dataset does not deserialise: {e}"))
}

fn run(ds: &Dataset) -> Value {
    PledgeGap
        .run(ds, &Options::new())
        .unwrap_or_else(|e| panic!("pledge-gap failed: {e}"))
}

fn candidacy(pledges: Value) -> Value {
    json!({
        "election": "2012-11-12", "term_start": 2013, "term_end": 2015,
        "pledge_document": { "symbol": "A/67/122", "date": "2012-06-06",
            "description": "the Annex to the letter", "source": "a-67-122" },
        "pledges": pledges,
    })
}

#[test]
fn a_candidate_with_every_treaty_ratified_and_nothing_outstanding() {
    let treaties: Vec<Value> = TreatyId::ALL
        .iter()
        .map(|t| json!({ "treaty": t, "status": "party", "ratified": "2005" }))
        .collect();
    let ds = dataset(json!({
        "treaties": treaties,
        "special_procedures": { "visits": [{ "mandate": "Special Rapporteur on torture", "status": "done", "date": "2009-05" }] },
        "reporting": [{ "body": "CAT", "follow_up": [{ "subject": "paras 8 and 11", "due": "2012", "replied": "2012-11" }] }],
        "candidacy": candidacy(json!([])),
    }));
    let out = run(&ds);
    assert_eq!(out["all_ratified"], true);
    assert_eq!(out["outstanding"], false);
    for list in [
        "not_ratified",
        "unrecorded_treaties",
        "visits_pending",
        "overdue_reports",
        "follow_up_unanswered",
        "body_recommendations",
        "upr_not_implemented",
        "pledges",
    ] {
        assert_eq!(out[list], json!([]), "{list} should be empty");
    }
}

#[test]
fn unratified_instruments_are_marked_when_already_recommended() {
    let ds = dataset(json!({
        "treaties": [
            { "treaty": "OP-CAT", "status": "party", "ratified": "2008-10-22" },
            { "treaty": "ICCPR-OP2", "status": "no-action", "sources": ["ohchr-status"] },
            { "treaty": "CED", "status": "signatory", "signed": "2007-02-06", "sources": ["ohchr-status"] },
            { "treaty": "ICRMW", "status": "no-action" }
        ],
        "upr": {
            "cycles": [{ "number": 1, "review_date": "2010-02-12", "report": "a-hrc-14-10" }],
            "recommendations": [
                { "number": 2, "cycle": 1, "paragraph": "97.1", "recommending_state": "Spain", "response": "noted",
                  "text": "Ratify the Second Optional Protocol to the ICCPR, aiming at the abolition of the death penalty" },
                { "number": 9, "cycle": 1, "recommending_state": "France", "response": "accepted",
                  "text": "Ratify the Optional Protocol to the Convention against Torture" }
            ]
        },
        "reporting": [{ "body": "CCPR", "concluding_observations": {
            "symbol": "CCPR/C/TLD/CO/1", "date": "2011-07-19", "source": "ccpr-co",
            "recommendations": [{ "paragraph": "27", "summary": "consider acceding to the International Convention for the Protection of All Persons from Enforced Disappearance" }]
        }}]
    }));
    let out = run(&ds);
    let codes: Vec<&str> = out["not_ratified"]
        .as_array()
        .map(|l| l.iter().filter_map(|t| t["treaty"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(codes, ["ICCPR-OP2", "CED", "ICRMW"]);
    let op2 = &out["not_ratified"][0];
    assert_eq!(op2["recommended"], true);
    assert_eq!(op2["recommended_by"][0]["by"], "Spain");
    assert_eq!(op2["recommended_by"][0]["sources"], json!(["a-hrc-14-10"]));
    assert_eq!(op2["status_words"], "neither signed nor ratified");
    assert_eq!(op2["sources"], json!(["ohchr-status"]));
    let ced = &out["not_ratified"][1];
    assert_eq!(
        ced["status_words"],
        "signed on 6 February 2007, not ratified"
    );
    assert_eq!(ced["recommended_by"][0]["mechanism"], "treaty-body");
    assert_eq!(ced["recommended_by"][0]["by"], "Human Rights Committee");
    assert_eq!(ced["recommended_by"][0]["sources"], json!(["ccpr-co"]));
    assert_eq!(out["not_ratified"][2]["recommended"], false);
    assert_eq!(out["all_ratified"], false);
    assert_eq!(out["body_recommendations"][0]["paragraph"], "27");
    assert_eq!(out["outstanding"], true);
}

#[test]
fn pending_visits_overdue_reports_and_unanswered_follow_up() {
    let ds = dataset(json!({
        "special_procedures": { "visits": [
            { "mandate": "Special Rapporteur on human rights defenders", "status": "requested", "requested": "2010-03", "sources": ["sp-visits"] },
            { "mandate": "Special Rapporteur on torture", "status": "done", "date": "2009-05" },
            { "mandate": "Working Group on arbitrary detention", "status": "agreed" }
        ]},
        "reporting": [{
            "body": "CEDAW",
            "overdue": [{ "report": "fourth periodic", "due": "2013-09", "source": "cedaw-status" }],
            "follow_up": [
                { "subject": "paras 12 and 24", "due": "2012-02", "source": "cedaw-fu" },
                { "subject": "para 30", "due": "2011-02", "replied": "2011-03-01" }
            ]
        }]
    }));
    let out = run(&ds);
    assert_eq!(out["visits_pending"].as_array().map(Vec::len), Some(1));
    assert_eq!(out["visits_pending"][0]["sources"], json!(["sp-visits"]));
    assert_eq!(
        out["overdue_reports"][0]["body_name"],
        "Committee on the Elimination of Discrimination against Women"
    );
    assert_eq!(
        out["overdue_reports"][0]["sources"],
        json!(["cedaw-status"])
    );
    assert_eq!(
        out["follow_up_unanswered"].as_array().map(Vec::len),
        Some(1)
    );
    assert_eq!(out["follow_up_unanswered"][0]["subject"], "paras 12 and 24");
}

#[test]
fn accepted_recommendations_assessed_as_not_implemented() {
    let ds = dataset(json!({
        "upr": {
            "cycles": [{ "number": 1, "review_date": "2010-02-12", "report": "a-hrc-14-10" }],
            "stakeholders": [
                { "abbreviation": "N", "name": "An NGO", "kind": "ngo" },
                { "abbreviation": "S", "name": "The State", "kind": "state" }
            ],
            "recommendations": [
                { "number": 1, "cycle": 1, "text": "a", "recommending_state": "Chile", "response": "accepted",
                  "assessments": [{ "stakeholder": "N", "level": "not" }] },
                { "number": 2, "cycle": 1, "text": "b", "recommending_state": "Chile", "response": "noted",
                  "assessments": [{ "stakeholder": "N", "level": "not" }] },
                { "number": 3, "cycle": 1, "text": "c", "recommending_state": "Chile", "response": "accepted",
                  "assessments": [{ "stakeholder": "N", "level": "not" }, { "stakeholder": "S", "level": "fully" }] }
            ]
        }
    }));
    let out = run(&ds);
    let numbers: Vec<u64> = out["upr_not_implemented"]
        .as_array()
        .map(|l| l.iter().filter_map(|r| r["number"].as_u64()).collect())
        .unwrap_or_default();
    assert_eq!(numbers, [1]);
    assert_eq!(
        out["upr_not_implemented"][0]["sources"],
        json!(["a-hrc-14-10"])
    );
    let without_state = PledgeGap
        .run(&ds, &Options::new().with("include_state", false))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        without_state["upr_not_implemented"]
            .as_array()
            .map(Vec::len),
        Some(2)
    );
}

#[test]
fn pledges_are_tested_for_specific_measurable_verifiable() {
    let ds = dataset(json!({ "candidacy": candidacy(json!([
        { "id": "opcat", "level": "international", "text": "Ratify the Optional Protocol to the Convention against Torture",
          "targets": [{ "treaty": "OP-CAT" }], "deadline": "2013-12-31" },
        { "id": "cooperate", "level": "international",
          "text": "Continue to cooperate with the Special Procedures and strengthen dialogue" },
        { "id": "nhri", "level": "national", "text": "Establish a national preventive mechanism by 2014",
          "targets": [{ "institution": "national preventive mechanism" }], "source": "pledge-annex" }
    ]))}));
    let out = run(&ds);
    let p = &out["pledges"];
    assert_eq!(p[0]["specific"], true);
    assert_eq!(
        p[0]["specific_reason"],
        "names the Optional Protocol to the Convention against Torture"
    );
    assert_eq!(p[0]["measurable"], true);
    assert_eq!(
        p[0]["measurable_reason"],
        "sets a deadline (31 December 2013)"
    );
    assert_eq!(p[0]["verifiable"], true);
    assert_eq!(p[0]["meets_guidance"], true);
    assert_eq!(p[0]["sources"], json!(["a-67-122"]));

    assert_eq!(p[1]["specific"], false);
    assert_eq!(p[1]["measurable"], false);
    assert_eq!(
        p[1]["measurable_reason"],
        "sets no deadline, figure or indicator"
    );
    assert_eq!(p[1]["verifiable"], false);
    assert_eq!(
        p[1]["verifiable_reason"],
        "states an intention (\u{201c}continue\u{201d}, \u{201c}strengthen\u{201d}, \u{201c}cooperate\u{201d}) rather than an act others can check"
    );

    assert_eq!(
        p[2]["measurable_reason"],
        "gives a figure or date in its text (2014)"
    );
    assert_eq!(
        p[2]["specific_reason"],
        "names national preventive mechanism"
    );
    assert_eq!(p[2]["sources"], json!(["pledge-annex"]));
    assert_eq!(out["pledges_short_of_guidance"], 1);
    assert_eq!(out["candidacy"]["term_start"], 2013);
}

#[test]
fn an_unknown_cycle_is_refused() {
    let ds = dataset(json!({}));
    let e = PledgeGap
        .run(&ds, &Options::new().with("cycle", 2))
        .err()
        .map(|e| e.to_string());
    assert_eq!(
        e.as_deref(),
        Some("option `cycle` asks for UPR cycle 2, but the dataset has no recommendation of that cycle")
    );
}

fn run_as_of(ds: &Dataset, date: &str) -> Value {
    PledgeGap
        .run(ds, &Options::new().with("as_of", date))
        .unwrap_or_else(|e| panic!("pledge-gap failed: {e}"))
}

#[test]
fn a_letter_sees_the_record_as_it_stood_on_its_date() {
    let ds = dataset(json!({
        "treaties": [
            { "treaty": "CED", "status": "party", "signed": "2008-09-25", "ratified": "2015-04-21" },
            { "treaty": "ICRMW", "status": "party", "ratified": "2014-01-01" }
        ],
        "special_procedures": { "visits": [
            { "mandate": "Special Rapporteur on torture", "status": "done", "requested": "2011-03", "date": "2014-05-05",
              "recommendations": [{ "paragraph": "para 1", "summary": "do x" }] },
            { "mandate": "Working Group on Arbitrary Detention", "status": "done", "date": "2013-02-02",
              "recommendations": [{ "paragraph": "para 2", "summary": "do y" }] },
            { "mandate": "Special Rapporteur on housing", "status": "done", "date": "2010", "outstanding": true }
        ] },
        "candidacy": candidacy(json!([])),
    }));
    let out = run_as_of(&ds, "2012-10-18");
    // Signed in 2008, ratified in 2015: in 2012 a signature of four years
    // before, to ratify without further delay.
    let signed: Vec<&str> = out["ratification"]["signed_earlier"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["key"].as_str().unwrap())
        .collect();
    assert_eq!(signed, ["CED"]);
    assert_eq!(out["ratification"]["signed_earlier"][0]["year"], 2008);
    assert_eq!(out["ratification"]["signed"], json!([]));
    // In 2009, a signature of the year before, to welcome.
    let early = run_as_of(&ds, "2009-06-01");
    assert_eq!(early["ratification"]["signed"][0]["key"], "CED");
    assert_eq!(early["ratification"]["signed_earlier"], json!([]));
    assert_eq!(out["ratification"]["others"][0]["key"], "ICRMW");
    // The 2014 visit was a pending request in 2012; the 2013 one unknown.
    let sp = &out["special_procedures"];
    assert_eq!(sp["pending"][0]["mandate"], "Special Rapporteur on torture");
    assert_eq!(sp["remind"].as_array().unwrap().len(), 1, "{sp}");
    assert_eq!(
        sp["remind"][0]["mandates"][0],
        "Special Rapporteur on housing"
    );
    // Without a date, the record as it is now.
    let now = run(&ds);
    assert_eq!(now["all_ratified"], false);
    assert_eq!(now["ratification"]["signed"], json!([]));
    assert_eq!(now["special_procedures"]["pending"], json!([]));
    let years: Vec<&Value> = now["special_procedures"]["remind"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| &g["year"])
        .collect();
    assert_eq!(years, [&json!(2014), &json!(2013), &json!(2010)]);
}

#[test]
fn a_document_pins_the_instruments_it_urges_and_pledges_are_grouped() {
    let ds = dataset(json!({
        "treaties": [
            { "treaty": "ICCPR-OP2", "status": "no-action" },
            { "treaty": "OP-ICESCR", "status": "no-action" },
            { "treaty": "ICRMW", "status": "no-action" },
            { "treaty": "CRPD", "status": "signatory", "signed": "2008" },
            { "treaty": "CEDAW", "status": "party", "ratified": "1998", "reservations": ["art. 16"] }
        ],
        "other_instruments": [
            { "id": "regional-vaw", "title": "Regional Convention on Violence against Women", "kind": "regional", "status": "no-action" }
        ],
        "candidacy": candidacy(json!([
            { "id": "p1", "level": "international", "text": "Ratify the Regional Convention.", "called": "commitment",
              "clause": "to ratify the Regional Convention on Violence against Women", "targets": [{ "instrument": "regional-vaw" }] },
            { "id": "n1", "level": "national", "text": "Abolish A.", "called": "commitment", "clause": "to abolish A" },
            { "id": "n2", "level": "national", "text": "Adopt B.", "called": "commitment", "clause": "to adopt B" },
            { "id": "n3", "level": "national", "text": "Women are strong." , "called": "statement", "clause": "that women are strong" },
            { "id": "n4", "level": "national", "text": "Consider C." },
            { "id": "n5", "level": "national", "text": "Review of the Penal Code will be completed." },
            { "id": "n6", "level": "national", "text": "Submit a report on its fourth review." }
        ])),
        "documents": { "documents": [{ "template": "open-letter", "date": "2012-10-18",
            "instruments": ["ICCPR-OP2", "OP-ICESCR", "CEDAW", "CRPD"] }] },
    }));
    let out = run(&ds);
    let r = &out["ratification"];
    let keys = |v: &Value| -> Vec<String> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|t| t["key"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(keys(&r["urge"]), ["ICCPR-OP2", "OP-ICESCR"]);
    assert_eq!(keys(&r["signed_earlier"]), ["CRPD"]);
    assert_eq!(keys(&r["withdraw"]), ["CEDAW"]);
    assert_eq!(r["others"], json!([]), "pinned: nothing else is urged");
    assert_eq!(r["pinned"], true);
    // The regional pledge is in the ratification paragraph, not elsewhere.
    assert_eq!(r["pledges"][0]["ids"], json!(["p1"]));
    assert_eq!(out["pledges_international_other"], json!([]));
    // National pledges: two commitments together, then a statement, then a
    // pledge written as an instruction, paraphrased, then one quoted.
    let national = out["pledges_national"].as_array().unwrap();
    assert_eq!(national.len(), 4);
    assert_eq!(national[0]["noun"], "commitment");
    assert_eq!(national[0]["plural"], true);
    assert_eq!(
        national[0]["clauses"],
        json!(["to abolish A", "to adopt B"])
    );
    assert_eq!(national[1]["noun"], "statement");
    assert_eq!(national[1]["also"], true);
    assert_eq!(national[2]["clauses"], json!(["to consider C"]));
    assert_eq!(national[2]["quotes"], json!([]));
    assert_eq!(national[2]["texts"], json!(["Consider C"]));
    // Quoted: a noun first, and an instruction saying "its" (which "your
    // pledge to …" would leave pointing nowhere).
    assert_eq!(
        national[3]["quotes"],
        json!([
            "Review of the Penal Code will be completed",
            "Submit a report on its fourth review"
        ])
    );
    // Unpinned, the plugin proposes the recommended, the others and the
    // signed; the instrument outside the core is proposed but not urged.
    let mut ds2 = ds.clone();
    ds2.documents.documents.clear();
    let out = run(&ds2);
    let r = &out["ratification"];
    assert_eq!(keys(&r["others"]), ["ICCPR-OP2", "OP-ICESCR", "ICRMW"]);
    assert_eq!(keys(&r["signed"]), ["CRPD"]);
    assert!(keys(&r["proposed"]).contains(&"regional-vaw".to_string()));
}

#[test]
fn a_pledge_to_weigh_ratifying_leaves_the_instrument_urged() {
    let ds = dataset(json!({
        "treaties": [
            { "treaty": "ICCPR", "status": "signatory", "signed": "2009-03-01" },
            { "treaty": "CED", "status": "no-action" }
        ],
        "candidacy": candidacy(json!([
            { "id": "p1", "level": "international", "called": "statement",
              "text": "The Government will study the possibility of ratifying the ICCPR.",
              "clause": "that your government will study the possibility of ratifying the International Covenant on Civil and Political Rights",
              "targets": [{ "treaty": "ICCPR" }] },
            { "id": "p2", "level": "international", "called": "commitment",
              "text": "Ratify the CED by 2028.", "clause": "to ratify the CED by 2028",
              "targets": [{ "treaty": "CED" }] }
        ])),
    }));
    let r = &run(&ds)["ratification"];
    let keys = |v: &Value| -> Vec<String> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|t| t["key"].as_str().unwrap().to_string())
            .collect()
    };
    // Both pledges are noted; only the firm one keeps its instrument from
    // being urged again.
    assert_eq!(r["pledges"].as_array().map(Vec::len), Some(2));
    assert_eq!(keys(&r["signed"]), ["ICCPR"]);
    assert_eq!(r["pledged_firmly"], true);
    assert_eq!(
        r["signed_earlier"],
        json!([]),
        "without a date to speak from, a signature is welcomed"
    );
    assert!(!keys(&r["others"]).contains(&"CED".to_string()));
}

#[test]
fn signatures_of_years_before_are_recalled_in_the_order_signed() {
    let ds = dataset(json!({
        "treaties": [
            { "treaty": "ICESCR", "status": "signatory", "signed": "2009-03-01" },
            { "treaty": "ICCPR", "status": "signatory", "signed": "2009-03-01" },
            { "treaty": "CAT", "status": "signatory", "signed": "2001-05-02" },
            { "treaty": "CED", "status": "signatory", "signed": "2025-11-20" }
        ],
        "candidacy": candidacy(json!([])),
    }));
    let r = &run_as_of(&ds, "2026-09-14")["ratification"];
    let earlier: Vec<(&str, &Value)> = r["signed_earlier"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| (t["key"].as_str().unwrap(), &t["year_after"]))
        .collect();
    assert_eq!(
        earlier,
        [
            ("CAT", &json!(2001)),
            ("ICESCR", &Value::Null),
            ("ICCPR", &json!(2009))
        ]
    );
    // Signed the year before the letter: welcomed.
    assert_eq!(r["signed"][0]["key"], "CED");
    // Three, one of whose titles holds a comma ("Economic, Social and
    // Cultural Rights"): listed with semicolons.
    assert_eq!(r["signed_earlier_semicolons"], true);
    let two = dataset(json!({
        "treaties": [
            { "treaty": "ICESCR", "status": "signatory", "signed": "2009-03-01" },
            { "treaty": "ICCPR", "status": "signatory", "signed": "2009-03-01" }
        ],
        "candidacy": candidacy(json!([])),
    }));
    let r = &run_as_of(&two, "2026-09-14")["ratification"];
    assert_eq!(r["signed_earlier_semicolons"], false);
}

/// A committee's recommendations are cited in one note, each source once
/// with its paragraphs joined; one without a paragraph keeps them apart.
#[test]
fn a_committees_recommendations_share_one_note() {
    let groups = crate::letter::body_groups(&[
        serde_json::json!({ "by": "Human Rights Committee", "year": 2023, "paragraph": "para 15", "sources": ["co"], "summary": "a" }),
        serde_json::json!({ "by": "Human Rights Committee", "year": 2023, "paragraph": "para 31", "sources": ["co"], "summary": "b" }),
        serde_json::json!({ "by": "Committee against Torture", "year": 2022, "paragraph": "recommendation 8", "sources": ["cat"], "summary": "c" }),
        serde_json::json!({ "by": "Committee against Torture", "year": 2022, "paragraph": "para 9", "sources": ["cat"], "summary": "d" }),
        serde_json::json!({ "by": "Committee on the Rights of the Child", "year": 2020, "sources": ["crc"], "summary": "e" }),
        serde_json::json!({ "by": "Committee on the Rights of the Child", "year": 2020, "paragraph": "para 3", "sources": ["crc"], "summary": "f" }),
    ]);
    assert_eq!(
        groups[0]["notes"],
        serde_json::json!([{ "source": "co", "paragraph": "paras 15 and 31" }])
    );
    assert_eq!(
        groups[1]["notes"],
        serde_json::json!([{ "source": "cat", "paragraph": "recommendation 8 and para 9" }])
    );
    assert_eq!(groups[2]["notes"], serde_json::json!([]));
}

/// Each overdue report is pledged only when a pledge names it (or names
/// none of its committee's); a report under a protocol is named with the
/// protocol; "reports" only for a name that numbers several.
#[test]
fn overdue_reports_pledged_one_by_one_and_named_with_their_protocol() {
    let ds = dataset(json!({
        "reporting": [
            { "body": "CRC", "overdue": [
                { "report": "initial", "under": "OP-CRC-SC", "due": "2013-07" },
                { "report": "combined fifth and sixth periodic", "due": "2021-03" }
            ]},
            { "body": "CAT", "overdue": [{ "report": "third periodic", "due": "2020-05" }] },
            { "body": "CCPR", "overdue": [{ "report": "fourth periodic", "due": "2025-11" }] }
        ],
        "candidacy": candidacy(json!([
            { "id": "crc", "level": "international",
              "text": "We will submit our combined fifth and sixth periodic report to the Committee on the Rights of the Child by 2028." },
            { "id": "cat", "level": "international",
              "text": "We will submit our overdue reports to the Committee against Torture." }
        ])),
    }));
    let out = run(&ds);
    let reports = out["overdue_reports"].as_array().unwrap();
    let field = |k: &str| reports.iter().map(|r| r[k].clone()).collect::<Vec<_>>();
    assert_eq!(
        field("pledged"),
        [json!(false), json!(true), json!(true), json!(false)]
    );
    assert_eq!(
        field("reports_word"),
        [
            json!("report"),
            json!("reports"),
            json!("report"),
            json!("report")
        ]
    );
    assert_eq!(
        field("body_again"),
        [json!(false), json!(true), json!(false), json!(false)]
    );
    // The CRC pledge names its periodic report, calling it "report"; the
    // CAT pledge names no report.
    assert_eq!(
        field("named"),
        [json!(false), json!(true), json!(false), json!(false)]
    );
    assert_eq!(
        field("named_as"),
        [json!(null), json!("report"), json!(null), json!(null)]
    );
    assert_eq!(reports[0]["under"], "OP-CRC-SC");
    assert_eq!(
        reports[0]["under_title"],
        "Optional Protocol on the sale of children, child prostitution and child pornography"
    );
    assert!(reports[1]["under"].is_null());
}

/// The letter recalls a pledge in its clause where it has one: the report
/// it names is "them" when the clause calls it "reports".
#[test]
fn a_named_report_is_called_as_the_recalled_pledge_calls_it() {
    let ds = dataset(json!({
        "reporting": [
            { "body": "CRC", "overdue": [
                { "report": "combined fifth and sixth periodic", "due": "2021-03" }
            ]}
        ],
        "candidacy": candidacy(json!([
            { "id": "crc", "level": "international",
              "text": "We will submit our combined fifth and sixth periodic report to the Committee on the Rights of the Child by 2028.",
              "clause": "to submit your combined fifth and sixth periodic reports to the Committee on the Rights of the Child by 2028" }
        ])),
    }));
    let out = run(&ds);
    assert_eq!(out["overdue_reports"][0]["named"], true);
    assert_eq!(out["overdue_reports"][0]["named_as"], "reports");
}

#[test]
fn a_report_name_numbers_several_reports_only_by_its_ordinals() {
    for (name, several) in [
        ("combined fifth and sixth periodic", true),
        ("fourth and fifth periodic", true),
        ("second to fourth periodic", true),
        ("initial to third", true),
        ("21st and 22nd periodic", true),
        ("Combined Fifth and Sixth Periodic", true),
        ("initial", false),
        ("fifth periodic", false),
        ("initial (under the Optional Protocol on the sale of children, child prostitution and child pornography)", false),
    ] {
        assert_eq!(crate::several(name), several, "{name}");
    }
}

/// A visit requested three years or more before the document's date is
/// dated where the letter urges it.
#[test]
fn a_long_pending_visit_request_is_dated() {
    let ds = dataset(json!({
        "special_procedures": { "visits": [
            { "mandate": "Special Rapporteur on human rights defenders", "status": "requested", "requested": "2011-04-12" },
            { "mandate": "Special Rapporteur on torture", "status": "requested", "requested": "2025-02" },
            { "mandate": "Special Rapporteur on minority issues", "status": "requested" }
        ]},
    }));
    let out = PledgeGap
        .run(&ds, &Options::new().with("as_of", json!("2027-10-07")))
        .unwrap();
    let pending = out["special_procedures"]["pending"].as_array().unwrap();
    let dated: Vec<&str> = pending
        .iter()
        .map(|p| p["mandate_dated"].as_str().unwrap())
        .collect();
    assert_eq!(
        dated,
        [
            "Special Rapporteur on human rights defenders (pending since 2011)",
            "Special Rapporteur on torture",
            "Special Rapporteur on minority issues",
        ]
    );
    assert_eq!(pending[0]["pending_since"], 2011);
}

/// A recommendation answered in the addendum is cited to it, as a
/// document of kind "response" (the letter says "referring to").
#[test]
fn a_recommendation_answered_in_an_addendum_is_cited_to_it_by_kind() {
    let ds = dataset(json!({
        "upr": {
            "cycles": [{ "number": 1, "review_date": "2010-02-12", "report": "wg" }],
            "recommendations": [
                { "number": 1, "cycle": 1, "paragraph": "95.1", "text": "a", "recommending_state": "Chile",
                  "response": "accepted", "issues": ["Torture and other CID treatment"] },
                { "number": 2, "cycle": 1, "paragraph": "97.2", "text": "b", "recommending_state": "Peru",
                  "response": "accepted", "response_source": "wg-add1", "issues": ["Torture and other CID treatment"] }
            ]
        }
    }));
    let out = run(&ds);
    let kinds: Vec<(&str, &str)> = out["upr_cited_all"]["citations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["source"].as_str().unwrap(), c["kind"].as_str().unwrap()))
        .collect();
    assert_eq!(
        kinds,
        [("wg", "report"), ("wg-add1", "response")],
        "{out:#}"
    );
}

#[test]
fn reservations_declarations_and_a_required_declaration_told_apart() {
    let ds = dataset(json!({
        "treaties": [
            { "treaty": "CEDAW", "status": "party", "ratified": "1998",
              "reservations": ["Reservation to article 9", "Interpretative declaration on article 16", "Declarations/reservations made (content not given)"] },
            { "treaty": "CRC", "status": "party", "ratified": "1994", "reservations": ["Declaration on article 14"] },
            { "treaty": "OP-CRC-AC", "status": "party", "ratified": "2004", "reservations": ["Binding declaration under art. 3: 17 years"] }
        ],
        "documents": { "documents": [{ "template": "open-letter", "date": "2012-10-18",
            "instruments": ["CEDAW", "CRC", "OP-CRC-AC"] }] },
    }));
    let r = &run(&ds)["ratification"];
    let withdraw = r["withdraw"].as_array().unwrap();
    assert_eq!(withdraw.len(), 2, "{withdraw:?}");
    assert_eq!(
        withdraw[0]["reservations"],
        json!([
            "Reservation to article 9",
            "Declarations/reservations made (content not given)"
        ])
    );
    assert_eq!(
        withdraw[0]["declarations"],
        json!(["Interpretative declaration on article 16"])
    );
    assert_eq!(withdraw[1]["key"], "CRC");
    assert_eq!(withdraw[1]["reservations"], json!([]));
    assert_eq!(r["withdraw_reservations"], true);
    assert_eq!(r["withdraw_declarations"], true);
}

/// Overdue reports come oldest first, each committee's together; when the
/// State pledged every one, the letter says so once.
#[test]
fn overdue_reports_oldest_first_and_pledged_all_together() {
    let ds = dataset(json!({
        "reporting": [
            { "body": "CEDAW", "overdue": [{ "report": "initial", "due": "2004-04-10" }] },
            { "body": "CRC", "overdue": [
                { "report": "third periodic", "due": "2007-09" },
                { "report": "second periodic", "due": "2002-09" }
            ]}
        ],
        "candidacy": candidacy(json!([
            { "id": "tb", "level": "international",
              "text": "We will submit our overdue reports to the Committee on the Elimination of Discrimination against Women and to the Committee on the Rights of the Child." }
        ])),
    }));
    let out = run(&ds);
    let reports: Vec<(&str, &str)> = out["overdue_reports"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["body"].as_str().unwrap(), r["report"].as_str().unwrap()))
        .collect();
    assert_eq!(
        reports,
        [
            ("CRC", "second periodic"),
            ("CRC", "third periodic"),
            ("CEDAW", "initial")
        ]
    );
    assert_eq!(out["overdue_reports"][1]["body_again"], true);
    assert_eq!(out["overdue_all_pledged"], true);
}

/// Concluding observations ten years or more before the letter are "old":
/// the letter says "the recommendations made by … in 2000".
#[test]
fn old_concluding_observations_are_marked() {
    let ds = dataset(json!({
        "reporting": [
            { "body": "CRC", "concluding_observations": { "symbol": "CRC/C/15/Add.1", "date": "2000-01-28", "source": "crc-co",
              "recommendations": [{ "paragraph": "12", "summary": "prohibit corporal punishment" }] } },
            { "body": "CAT", "concluding_observations": { "symbol": "CAT/C/X/CO/2", "date": "2008-11-20", "source": "cat-co",
              "recommendations": [{ "paragraph": "9", "summary": "implement legal safeguards" }] } }
        ],
        "documents": { "documents": [{ "template": "open-letter", "date": "2012-10-18" }] },
    }));
    let out = run(&ds);
    let old: Vec<(Value, Value)> = out["treaty_body_groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| (g["year"].clone(), g["old"].clone()))
        .collect();
    assert_eq!(
        old,
        [(json!(2000), json!(true)), (json!(2008), json!(false))]
    );
}

/// A communication is unanswered on the letter's date when no reply is
/// known, 60 days or more after it was sent, and no reprisal case names it.
#[test]
fn communications_unanswered_on_the_letters_date() {
    let comm = |reference: &str, date: &str, reply: Option<&str>| {
        let mut c = json!({ "reference": reference, "kind": "AL", "date": date,
            "mandates": [], "summary": "s" });
        if let Some(r) = reply {
            c["reply"] = json!(r);
        }
        c
    };
    let ds = dataset(json!({
        "special_procedures": { "communications": [
            comm("AL X 2/2013", "2013-05-02", None),
            comm("AL X 1/2012", "2012-03-01", None),
            comm("AL X 3/2013", "2013-04-01", Some("2013-05-01")),
            comm("UA X 4/2013", "2013-09-20", None),
            comm("UA X 5/2013", "2013-02-01", None)
        ]},
        "reprisals": [{ "id": "c1", "who": "A lawyer", "kind": "reprisal", "date": "2013-02-10",
            "what": "She was arrested.", "engagement": "upr", "communication": "UA X 5/2013", "sources": [] }],
        "documents": { "documents": [{ "template": "open-letter", "date": "2013-10-24" }] },
    }));
    let sp = &run(&ds)["special_procedures"];
    let refs: Vec<&str> = sp["unanswered"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["reference"].as_str().unwrap())
        .collect();
    // Oldest first; one replied to, one sent 34 days before the letter and
    // one a reprisal case names are left out.
    assert_eq!(refs, ["AL X 1/2012", "AL X 2/2013"]);
    assert_eq!(sp["unanswered_years"], json!([2012, 2013]));
    assert_eq!(sp["any"], true);
}

/// An accepted recommendation to ratify an instrument the State has since
/// become party to is carried out: the UPR sentence does not cite it among
/// those to implement. One that names a ratified instrument without asking
/// for ratification is still cited.
#[test]
fn a_recommendation_to_ratify_what_is_now_ratified_is_not_cited() {
    let ds = dataset(json!({
        "treaties": [
            { "treaty": "OP-CAT", "status": "party", "ratified": "2019-03-14" },
            { "treaty": "CAT", "status": "party", "ratified": "1998-08-26" },
            { "treaty": "CED", "status": "signatory", "signed": "2007-02-06" }
        ],
        "upr": {
            "cycles": [{ "number": 3, "review_date": "2019-01-22", "report": "a-hrc-41-10" }],
            "recommendations": [
                { "number": 1, "cycle": 3, "paragraph": "118.1", "recommending_state": "France", "response": "accepted",
                  "issues": ["International instruments"], "text": "Ratify the International Convention for the Protection of All Persons from Enforced Disappearance" },
                { "number": 2, "cycle": 3, "paragraph": "118.2", "recommending_state": "Denmark", "response": "accepted",
                  "issues": ["International instruments"], "text": "Ratify the Optional Protocol to the Convention against Torture" },
                { "number": 3, "cycle": 3, "paragraph": "118.3", "recommending_state": "Chile", "response": "accepted",
                  "issues": ["Torture and other CID treatment"], "text": "Fully implement the Convention against Torture" },
                { "number": 4, "cycle": 3, "paragraph": "118.4", "recommending_state": "Peru", "response": "accepted",
                  "issues": ["International instruments", "Torture and other CID treatment"],
                  "text": "Ratify the Optional Protocol to the Convention against Torture and designate a national preventive mechanism" },
                { "number": 5, "cycle": 3, "paragraph": "118.5", "recommending_state": "Latvia", "response": "accepted",
                  "issues": ["Special procedures"], "text": "Extend a standing invitation to all Special Procedures" }
            ]
        },
        "special_procedures": { "standing_invitation": { "extended": true, "since": "2019-06-01" } },
        "documents": { "documents": [{ "template": "open-letter", "date": "2020-09-02" }] },
    }));
    let out = run(&ds);
    let mut cited: Vec<u64> = out["upr_cited"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|g| g["recommendations"].as_array().unwrap().iter())
        .filter_map(|r| r["number"].as_u64())
        .collect();
    cited.sort_unstable();
    assert_eq!(cited, [1, 3, 4]);
}

/// With the number of all the accepted recommendations ("supported six
/// recommendations, including …"), the note cites every one counted, those
/// carried out since too, so that a reader who counts finds them all.
#[test]
fn the_note_cites_every_recommendation_the_number_counts() {
    let rec = |n: u32, issue: &str, text: &str| {
        json!({ "number": n, "cycle": 3, "paragraph": format!("118.{n}"), "recommending_state": "France",
                "response": "accepted", "issues": [issue], "text": text })
    };
    let ds = dataset(json!({
        "treaties": [{ "treaty": "OP-CAT", "status": "party", "ratified": "2019-03-14" }],
        "upr": {
            "cycles": [{ "number": 3, "review_date": "2019-01-22", "report": "a-hrc-41-10" }],
            "recommendations": [
                rec(1, "Justice", "Reform the courts"),
                rec(2, "Women's rights", "Adopt a law on domestic violence"),
                rec(3, "Rights of the Child", "Raise the age of marriage"),
                rec(4, "Poverty", "Extend social protection"),
                rec(5, "Labour", "Raise the minimum wage"),
                rec(6, "International instruments", "Ratify the Optional Protocol to the Convention against Torture"),
            ]
        },
        "documents": { "documents": [{ "template": "open-letter", "date": "2020-09-02" }] },
    }));
    let out = run(&ds);
    assert_eq!(out["upr_cited_including"], true, "{out}");
    assert_eq!(out["upr_cited_total"], 6);
    let items = &out["upr_cited_all"]["citations"][0]["items"];
    assert_eq!(items.as_array().map(Vec::len), Some(6), "{items}");
    assert_eq!(items[5], "118.6 (France)");
    assert!(out.get("upr_carried_out_citations").is_none());
}

/// An instruction that says "it" is quoted, as one saying "its" is: run on
/// after "your pledge to", "the recommendations it has accepted" would
/// leave "it" meaning nothing.
#[test]
fn an_instruction_saying_it_is_quoted() {
    let ds = dataset(json!({
        "candidacy": candidacy(json!([
            { "id": "n1", "level": "national",
              "text": "Implement the recommendations it has accepted." },
            { "id": "n2", "level": "national", "text": "Adopt a law on torture." }
        ])),
    }));
    let national = run(&ds)["pledges_national"].clone();
    let quotes: Vec<Value> = national
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|g| g["quotes"].as_array().cloned().unwrap_or_default())
        .collect();
    assert_eq!(
        quotes,
        [json!("Implement the recommendations it has accepted")]
    );
    let clauses: Vec<Value> = national
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|g| g["clauses"].as_array().cloned().unwrap_or_default())
        .collect();
    assert_eq!(clauses, [json!("to adopt a law on torture")]);
}

/// Of two treaty pledges, the last only considers ratifying: its instrument
/// is urged right after the pledges, where "it" means the instrument last
/// named, and not listed again.
#[test]
fn the_last_of_several_treaty_pledges_only_considering_is_urged_after_them() {
    let ds = dataset(json!({
        "treaties": [
            { "treaty": "OP-CAT", "status": "signatory", "signed": "2016-03-15" },
            { "treaty": "ICRMW", "status": "no-action" },
            { "treaty": "CED", "status": "no-action" }
        ],
        "candidacy": candidacy(json!([
            { "id": "opcat", "level": "international", "text": "Ratify the Optional Protocol to the Convention against Torture by the end of 2017.",
              "targets": [{ "treaty": "OP-CAT" }] },
            { "id": "icrmw", "level": "international", "text": "The State will consider ratifying the Migrant Workers Convention.",
              "targets": [{ "treaty": "ICRMW" }] }
        ])),
        "documents": { "documents": [{ "template": "open-letter", "date": "2016-09-21" }] },
    }));
    let r = &run(&ds)["ratification"];
    assert_eq!(r["tentative"]["key"], "ICRMW");
    let listed: Vec<&str> = ["urge", "others"]
        .iter()
        .flat_map(|k| r[*k].as_array().unwrap().iter())
        .filter_map(|p| p["key"].as_str())
        .collect();
    assert_eq!(listed, ["CED"]);
}

/// An instrument the State accepted a UPR recommendation to ratify carries
/// that review (its year, whether "supported", how many recommendations);
/// one only noted, or recommended by a committee, carries none.
#[test]
fn an_accepted_recommendation_to_ratify_is_carried_with_its_review() {
    let ds = dataset(json!({
        "treaties": [
            { "treaty": "CED", "status": "signatory", "signed": "2007-02-06" },
            { "treaty": "ICRMW", "status": "no-action" }
        ],
        "upr": {
            "cycles": [
                { "number": 1, "review_date": "2010-02-12", "report": "a-hrc-14-10" },
                { "number": 2, "review_date": "2014-10-30", "report": "a-hrc-28-10" }
            ],
            "recommendations": [
                { "number": 1, "cycle": 1, "recommending_state": "France", "response": "accepted",
                  "text": "Ratify the International Convention for the Protection of All Persons from Enforced Disappearance" },
                { "number": 2, "cycle": 2, "recommending_state": "Chile", "response": "accepted",
                  "text": "Ratify the International Convention for the Protection of All Persons from Enforced Disappearance" },
                { "number": 3, "cycle": 2, "recommending_state": "Spain", "response": "accepted",
                  "text": "Ratify the International Convention for the Protection of All Persons from Enforced Disappearance" },
                { "number": 4, "cycle": 2, "recommending_state": "Mexico", "response": "noted",
                  "text": "Ratify the International Convention on the Protection of the Rights of All Migrant Workers and Members of Their Families" }
            ]
        },
        "documents": { "documents": [{ "template": "open-letter", "date": "2016-09-21" }] },
    }));
    let r = &run(&ds)["ratification"];
    let by_key = |k: &str| {
        r["proposed"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["key"] == k)
            .cloned()
            .unwrap()
    };
    assert_eq!(
        by_key("CED")["accepted_review"],
        json!({ "cycle": 2, "year": 2014, "supported": true, "plural": true })
    );
    assert_eq!(by_key("ICRMW")["accepted_review"], Value::Null);
    assert_eq!(by_key("ICRMW")["recommended"], true);
}

#[test]
fn an_instrument_not_yet_open_for_signature_is_neither_outstanding_nor_missing() {
    // A letter of 19 May 2011: the communications procedure of the
    // Convention on the Rights of the Child was opened for signature on
    // 28 February 2012, so it is not urged, and a State party to every
    // other instrument is party to all there then were.
    let treaties: Vec<Value> = TreatyId::ALL
        .iter()
        .filter(|t| **t != TreatyId::OpCrcIc)
        .map(|t| json!({ "treaty": t, "status": "party", "ratified": "2005" }))
        .chain([json!({ "treaty": "OP-CRC-IC", "status": "no-action" })])
        .collect();
    let ds = dataset(json!({ "treaties": treaties }));
    let at = |date: &str| {
        PledgeGap
            .run(&ds, &Options::new().with("as_of", date))
            .unwrap_or_else(|e| panic!("pledge-gap failed: {e}"))
    };
    let before = at("2011-05-19");
    assert_eq!(before["not_ratified"], json!([]));
    assert_eq!(before["unrecorded_treaties"], json!([]));
    assert_eq!(before["all_ratified"], true);
    // Once it was open, it is outstanding.
    let after = at("2012-03-01");
    assert_eq!(after["not_ratified"][0]["treaty"], "OP-CRC-IC");
    assert_eq!(after["all_ratified"], false);
    // With no entry for it at all, a letter of 2011 misses nothing.
    let mut without = ds.clone();
    without.treaties.retain(|t| t.treaty != TreatyId::OpCrcIc);
    let out = PledgeGap
        .run(&without, &Options::new().with("as_of", "2011-05-19"))
        .unwrap();
    assert_eq!(out["unrecorded_treaties"], json!([]));
    assert_eq!(out["all_ratified"], true);
    let out = PledgeGap
        .run(&without, &Options::new().with("as_of", "2013-01-01"))
        .unwrap();
    assert_eq!(out["unrecorded_treaties"], json!(["OP-CRC-IC"]));
}

#[test]
fn visits_pending_since_one_year_are_dated_once() {
    let visit = |mandate: &str, requested: &str| json!({ "mandate": mandate, "status": "requested", "requested": requested });
    let ds = |second: &str| {
        dataset(json!({
            "special_procedures": { "visits": [
                visit("Special Rapporteur on torture", "2008-03-14"),
                visit("Special Rapporteur on defenders", second),
            ] },
            "candidacy": candidacy(json!([])),
        }))
    };
    let run_at = |ds: &Dataset| {
        PledgeGap
            .run(ds, &Options::new().with("as_of", "2011-05-19"))
            .unwrap()
    };
    let same = run_at(&ds("2008-04-02"));
    let sp = &same["special_procedures"];
    assert_eq!(sp["pending_since_all"], 2008);
    assert_eq!(
        sp["pending"][1]["mandate_dated"],
        "Special Rapporteur on defenders"
    );
    let apart = run_at(&ds("2007-10-02"));
    let sp = &apart["special_procedures"];
    assert_eq!(sp["pending_since_all"], Value::Null);
    // Oldest first.
    assert_eq!(
        sp["pending"][0]["mandate_dated"],
        "Special Rapporteur on defenders (pending since 2007)"
    );
    assert_eq!(
        sp["pending"][1]["mandate_dated"],
        "Special Rapporteur on torture (pending since 2008)"
    );
}

#[test]
fn visits_pending_come_oldest_first_and_are_dated_after_three_full_years() {
    let visit = |mandate: &str, requested: &str| json!({ "mandate": mandate, "status": "requested", "requested": requested });
    let ds = dataset(json!({
        "special_procedures": { "visits": [
            visit("Special Rapporteur on defenders", "2016-04-10"),
            visit("Special Rapporteur on assembly", "2015-03-01"),
        ] },
        "candidacy": candidacy(json!([])),
    }));
    let at = |date: &str| {
        PledgeGap
            .run(&ds, &Options::new().with("as_of", date))
            .unwrap()
    };
    let out = at("2019-03-10");
    let sp = &out["special_procedures"];
    assert_eq!(
        sp["pending"][0]["mandate"],
        "Special Rapporteur on assembly"
    );
    assert_eq!(
        sp["pending"][0]["mandate_dated"],
        "Special Rapporteur on assembly (pending since 2015)"
    );
    // Two years and eleven months: not yet dated.
    assert_eq!(
        sp["pending"][1]["mandate_dated"],
        "Special Rapporteur on defenders"
    );
    let out = at("2019-04-10");
    assert_eq!(
        out["special_procedures"]["pending"][1]["mandate_dated"],
        "Special Rapporteur on defenders (pending since 2016)"
    );
}

/// A State without a standing invitation that pledged to extend one is not
/// urged to extend it as well; one that made no such pledge is.
#[test]
fn a_pledged_standing_invitation_is_not_asked_for_again() {
    let with = |text: &str| {
        dataset(json!({
            "special_procedures": { "standing_invitation": { "extended": false } },
            "candidacy": candidacy(json!([{ "id": "p1", "level": "international",
                "text": text, "targets": [{ "mechanism": "special-procedures" }] }])),
            "documents": { "documents": [{ "template": "open-letter", "date": "2012-10-18" }] },
        }))
    };
    let pledged = run(&with(
        "Extend a standing invitation to all thematic Special Procedures.",
    ));
    assert_eq!(pledged["special_procedures"]["invite"], false, "{pledged}");
    assert_eq!(pledged["special_procedures"]["invitation_pledged"], true);
    let other = run(&with("Cooperate fully with the Special Procedures."));
    assert_eq!(other["special_procedures"]["invite"], true, "{other}");
}

/// Instruments urged together, each named by a recommendation the State
/// accepted at one review, are urged "in line with the recommendations
/// your government supported"; the note cites them all, by paragraph.
/// One only noted is "as was recommended", with its own note.
#[test]
fn instruments_urged_together_carry_why_and_their_notes() {
    let ds = dataset(json!({
        "treaties": [
            { "treaty": "CAT", "status": "signatory", "signed": "2008-05-02" },
            { "treaty": "CRPD", "status": "signatory", "signed": "2012-03-30" },
            { "treaty": "ICRMW", "status": "no-action" }
        ],
        "upr": {
            "cycles": [{ "number": 3, "review_date": "2021-11-10", "report": "a-hrc-49-14" }],
            "recommendations": [
                { "number": 1, "cycle": 3, "paragraph": "129.1", "recommending_state": "Ghana", "response": "accepted",
                  "text": "Ratify the Convention against Torture and Other Cruel, Inhuman or Degrading Treatment or Punishment" },
                { "number": 2, "cycle": 3, "paragraph": "129.3", "recommending_state": "Ecuador", "response": "accepted",
                  "text": "Ratify the Convention on the Rights of Persons with Disabilities" },
                { "number": 3, "cycle": 3, "paragraph": "131.2", "recommending_state": "Mexico", "response": "noted",
                  "text": "Ratify the International Convention on the Protection of the Rights of All Migrant Workers and Members of Their Families" }
            ]
        },
        "documents": { "documents": [{ "template": "open-letter", "date": "2025-09-30" }] },
    }));
    let r = &run(&ds)["ratification"];
    let why = &r["signed_earlier_why"];
    assert_eq!(why["in_line"], true, "{r}");
    assert_eq!(why["plural"], true);
    assert_eq!(why["supported"], true);
    assert_eq!(why["year"], 2021);
    assert_eq!(
        why["notes"],
        json!([{ "source": "a-hrc-49-14", "kind": "report", "items": ["129.1 (Ghana)", "129.3 (Ecuador)"] }])
    );
    let urge = &r["urge_why"];
    assert_eq!(urge["noted"], true, "{r}");
    assert_eq!(urge["year"], 2021);
    assert_eq!(
        urge["notes"],
        json!([{ "source": "a-hrc-49-14", "kind": "report", "items": ["131.2 (Mexico)"] }])
    );
}

/// A firm pledge to ratify a protocol whose convention the State is not a
/// party to brings the protocol's condition into the letter; a party to the
/// convention, or a convention the dataset does not record, does not.
#[test]
fn a_protocol_pledged_before_its_convention_is_said_to_need_it() {
    let with = |cat: Option<&str>| {
        let mut treaties = vec![json!({ "treaty": "OP-CAT", "status": "no-action" })];
        if let Some(status) = cat {
            treaties.push(json!({ "treaty": "CAT", "status": status, "signed": "2008-05-02" }));
        }
        dataset(json!({
            "treaties": treaties,
            "candidacy": candidacy(json!([
                { "id": "opcat", "level": "international",
                  "text": "Ratify the Optional Protocol to the Convention against Torture by 2027",
                  "targets": [{ "treaty": "OP-CAT" }] }
            ])),
            "documents": { "documents": [{ "template": "open-letter", "date": "2012-10-18" }] },
        }))
    };
    let signed = run(&with(Some("signatory")));
    assert_eq!(
        signed["ratification"]["requires"],
        json!([{
            "title": "Optional Protocol to the Convention against Torture",
            "requires": "Convention against Torture and Other Cruel, Inhuman or Degrading Treatment or Punishment"
        }]),
        "{signed}"
    );
    let party = run(&with(Some("party")));
    assert_eq!(party["ratification"]["requires"], json!([]));
    let unknown = run(&with(None));
    assert_eq!(unknown["ratification"]["requires"], json!([]));
}
