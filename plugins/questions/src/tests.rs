//! Tests of the question set on small hand-made datasets.

use hrdraft_sdk::{Dataset, Options, Plugin};
use serde_json::{json, Value};

use crate::Questions;

fn dataset(extra: Value) -> Dataset {
    let mut v = json!({
        "country": { "name": "Testland", "iso2": "TL", "iso3": "TLD", "short_name": "testland" },
    });
    if let (Value::Object(m), Value::Object(e)) = (&mut v, extra) {
        m.extend(e);
    }
    serde_json::from_value(v).unwrap_or_else(|e| panic!("test dataset does not deserialise: {e}"))
}

fn run(ds: &Dataset, options: Options) -> Value {
    Questions
        .run(ds, &options)
        .unwrap_or_else(|e| panic!("questions failed: {e}"))
}

fn event(questions: Value) -> Value {
    json!({
        "date": "2021-09-15", "organisers": ["Amnesty International", "ISHR"], "term_start": 2022,
        "term_end": 2024, "participated": false, "reply_by": "2021-10-08",
        "contact": { "name": "A. Person", "email": "a@example.org" }, "questions": questions,
    })
}

#[test]
fn each_list_is_numbered_from_one_with_who_asked() {
    let ds = dataset(json!({ "pledging_event": event(json!([
        { "asker": "Human Rights Watch", "to": "all", "text": "How will you cooperate?" },
        { "asker": "Permanent Mission of France", "to": "state", "text": "Will you invite the Special Rapporteur?" },
        { "asker": "CIVICUS", "to": "all", "text": "How will you protect civil society?" },
        { "asker": "ISHR", "to": "state", "text": "Will you end reprisals?" }
    ]))}));
    let mut out = run(&ds, Options::new());
    // Each question names its place in questions.toml as evidence.
    let places: Vec<&str> = out["to_state"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["evidence"]["entries"][0]["id"].as_str().unwrap())
        .collect();
    assert_eq!(places, ["#2", "#4"]);
    for list in ["to_state", "to_all"] {
        for q in out[list].as_array_mut().unwrap() {
            q.as_object_mut().unwrap().remove("evidence");
        }
    }
    assert_eq!(out["has_event"], true);
    assert_eq!(
        out["to_state"],
        json!([
            { "number": 1, "asker": "Permanent Mission of France", "text": "Will you invite the Special Rapporteur?" },
            { "number": 2, "asker": "ISHR", "text": "Will you end reprisals?" }
        ])
    );
    assert_eq!(
        out["to_all"][1],
        json!({ "number": 2, "asker": "CIVICUS", "text": "How will you protect civil society?" })
    );
    assert_eq!(out["event"]["reply_by"], "2021-10-08");
    assert_eq!(out["suggested"], json!([]));
    assert_eq!(out["total"], 4);
}

#[test]
fn no_event_gives_empty_lists() {
    let out = run(&dataset(json!({})), Options::new().with("suggest", true));
    assert_eq!(out["has_event"], false);
    assert_eq!(out["to_state"], json!([]));
    assert_eq!(out["to_all"], json!([]));
    assert_eq!(out["suggested"], json!([]));
}

#[test]
fn suggestions_come_from_the_gaps_and_are_marked() {
    let ds = dataset(json!({
        "treaties": [
            { "treaty": "CED", "status": "signatory", "signed": "2007-02-06", "sources": ["ohchr-status"] },
            { "treaty": "ICRMW", "status": "no-action", "sources": ["ohchr-status"] },
            { "treaty": "CAT", "status": "party" }
        ],
        "special_procedures": { "visits": [
            { "mandate": "Special Rapporteur on human rights defenders", "status": "requested", "sources": ["sp-visits"] }
        ]},
        "reporting": [{ "body": "CEDAW", "overdue": [{ "report": "fourth periodic", "due": "2013-09", "source": "cedaw-status" }] }],
        "candidacy": {
            "election": "2021-10-14", "term_start": 2022, "term_end": 2024,
            "pledge_document": { "symbol": "A/76/1", "date": "2021-05-01", "description": "the pledges", "source": "a-76-1" },
            "pledges": [
                { "id": "a", "level": "national", "text": "Continue reforms" },
                { "id": "b", "level": "national", "text": "Ratify the CED", "deadline": "2023" }
            ]
        }
    }));
    let out = run(&ds, Options::new().with("suggest", true));
    let s = out["suggested"].as_array().cloned().unwrap_or_default();
    assert_eq!(s.len(), 5, "{s:#?}");
    assert!(s.iter().all(|q| q["suggestion"] == true));
    assert_eq!(s[0]["number"], 1);
    assert_eq!(
        s[0]["text"],
        "Testland has signed but not ratified the International Convention for the Protection of All Persons from Enforced Disappearance. Will it ratify it during its 2022-2024 term, and by what date?"
    );
    assert_eq!(s[0]["sources"], json!(["ohchr-status"]));
    assert_eq!(s[2]["sources"], json!(["sp-visits"]));
    assert_eq!(
        s[3]["text"],
        "When will Testland submit its fourth periodic report to the Committee on the Elimination of Discrimination against Women, which is overdue?"
    );
    assert_eq!(
        s[4]["text"],
        "1 of Testland’s pledges sets no deadline or indicator. Will Testland give each pledge a timeline and measurable targets against which its progress can be assessed?"
    );
    assert_eq!(s[4]["sources"], json!(["a-76-1"]));
    // Not asked for: none.
    assert_eq!(run(&ds, Options::new())["suggested"], json!([]));
    // English sentences have no place in a Russian document.
    let en = Options::new().with("suggest", true).with("lang", "en-GB");
    assert_eq!(run(&ds, en)["suggested"].as_array().map(Vec::len), Some(5));
    let ru = Options::new().with("suggest", true).with("lang", "ru");
    assert_eq!(run(&ds, ru)["suggested"], json!([]));
}
