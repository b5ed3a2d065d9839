//! Tests of the index on small hand-made datasets.

use hrdraft_sdk::{Dataset, Options, Plugin};
use serde_json::{json, Value};

use crate::Iri;

fn rec(number: u32, theme: &str, state: &str, assessments: Value) -> Value {
    json!({
        "number": number, "cycle": 1, "text": format!("Recommendation {number}"),
        "recommending_state": state, "response": "accepted",
        "issues": ["Torture and other CID treatment"], "theme": theme,
        "assessments": assessments,
    })
}

fn dataset(recs: Vec<Value>) -> Dataset {
    let v = json!({
        "country": { "name": "Testland", "iso2": "TL", "iso3": "TLD", "short_name": "testland" },
        "upr": {
            "cycles": [{ "number": 1, "review_date": "2010-02-12", "report": "wg-report" }],
            "stakeholders": [
                { "abbreviation": "NGO1", "name": "First NGO", "kind": "ngo" },
                { "abbreviation": "NGO2", "name": "Second NGO", "kind": "ngo" },
                { "abbreviation": "GOV", "name": "Government of Testland", "kind": "state" },
                { "abbreviation": "UNX", "name": "A UN agency", "kind": "un-agency" }
            ],
            "recommendations": recs,
        }
    });
    match serde_json::from_value(v) {
        Ok(d) => d,
        Err(e) => panic!("test dataset does not deserialise: {e}"),
    }
}

fn a(who: &str, level: Option<&str>, comment: &str) -> Value {
    match level {
        Some(l) => json!({ "stakeholder": who, "level": l, "comment": comment }),
        None => json!({ "stakeholder": who, "comment": comment }),
    }
}

fn run(ds: &Dataset, options: Options) -> Value {
    Iri.run(ds, &options)
        .unwrap_or_else(|e| panic!("iri failed: {e}"))
}

fn level_of(out: &Value, number: u32) -> String {
    out["recommendations"]
        .as_array()
        .and_then(|rs| rs.iter().find(|r| r["number"] == number))
        .map(|r| r["level"].as_str().unwrap_or("?").to_owned())
        .unwrap_or_default()
}

#[test]
fn scores_are_means_of_stated_levels_and_fall_in_the_bands() {
    let ds = dataset(vec![
        rec(
            1,
            "CP",
            "Mexico",
            json!([
                a("NGO1", Some("not"), "x"),
                a("NGO2", Some("partially"), "y")
            ]),
        ),
        rec(
            2,
            "CP",
            "Mexico",
            json!([
                a("NGO1", Some("fully"), "x"),
                a("GOV", Some("partially"), "y")
            ]),
        ),
        // 1/3: just past the upper edge of "not" → partially.
        rec(
            3,
            "CP",
            "Norway",
            json!([
                a("NGO1", Some("not"), ""),
                a("NGO2", Some("not"), ""),
                a("UNX", Some("fully"), "")
            ]),
        ),
        // 2/3: just past the upper edge of "partially" → fully.
        rec(
            4,
            "CP",
            "Norway",
            json!([
                a("NGO1", Some("not"), ""),
                a("NGO2", Some("fully"), ""),
                a("UNX", Some("fully"), "")
            ]),
        ),
        // A level-less assessment does not count towards the mean.
        rec(
            5,
            "CP",
            "Norway",
            json!([
                a("NGO1", None, "said nothing on the level"),
                a("NGO2", Some("fully"), "")
            ]),
        ),
        rec(6, "CP", "Norway", json!([a("NGO1", None, "only words")])),
        rec(7, "ESC", "Sudan", json!([])),
    ]);
    let out = run(&ds, Options::new());
    let levels: Vec<String> = (1..=7).map(|n| level_of(&out, n)).collect();
    assert_eq!(
        levels,
        [
            "not",
            "fully",
            "partially",
            "fully",
            "fully",
            "none",
            "no-answer"
        ]
    );
    assert_eq!(out["recommendations"][0]["score"], 0.25);
    assert_eq!(out["recommendations"][1]["score"], 0.75);
    assert_eq!(out["recommendations"][5]["level_words"], "-");
    assert_eq!(
        out["totals"],
        json!({ "not": 1, "partially": 1, "fully": 3, "no_answer": 1, "no_level": 1, "total": 7 })
    );
    assert_eq!(
        out["sentence"],
        "1 recommendation is not implemented, 1 recommendation is partially implemented, and 3 recommendations are fully implemented. No answer was received for 1 out of 7 recommendations."
    );
    assert_eq!(
        out["no_level_sentence"],
        "1 recommendation was answered without an implementation level (IRI: -)."
    );
    assert_eq!(out["uncommented"][0]["number"], 7);
    assert_eq!(out["uncommented"].as_array().map(Vec::len), Some(1));
}

#[test]
fn state_only_assessments_count_unless_excluded() {
    let ds = dataset(vec![
        rec(1, "CP", "Mexico", json!([a("GOV", Some("fully"), "Done.")])),
        rec(
            2,
            "CP",
            "Mexico",
            json!([
                a("GOV", Some("fully"), "Done."),
                a("NGO1", Some("not"), "Not done.")
            ]),
        ),
    ]);
    let with_state = run(&ds, Options::new());
    assert_eq!(level_of(&with_state, 1), "fully");
    assert_eq!(level_of(&with_state, 2), "partially");
    assert_eq!(
        with_state["stakeholders"]["state"],
        json!({ "listed": 1, "responded": 1 })
    );

    let without = run(&ds, Options::new().with("include_state", false));
    assert_eq!(level_of(&without, 1), "no-answer");
    assert_eq!(level_of(&without, 2), "not");
    assert_eq!(without["include_state"], false);
    assert_eq!(
        without["stakeholders"]["state"],
        json!({ "listed": 1, "responded": 0 })
    );
    // The State's comment no longer appears in the feedback.
    let shown = without["recommendations"][1]["assessments"]
        .as_array()
        .map(Vec::len);
    assert_eq!(shown, Some(1));
    assert_eq!(without["uncommented"][0]["number"], 1);
}

#[test]
fn no_assessments_at_all() {
    let ds = dataset(vec![
        rec(1, "CP", "Mexico", json!([])),
        rec(2, "CP", "Chile", json!([])),
    ]);
    let out = run(&ds, Options::new());
    assert_eq!(out["totals"]["no_answer"], 2);
    assert_eq!(out["themes"], json!([]));
    assert_eq!(
        out["sentence"],
        "0 recommendations are not implemented, no recommendation is partially implemented, and no recommendation is fully implemented. No answer was received for 2 out of 2 recommendations."
    );
    assert_eq!(out["respondents"], json!([]));
}

#[test]
fn a_dataset_without_upr_data_gives_empty_findings() {
    let mut ds = dataset(vec![]);
    ds.upr.cycles.clear();
    let out = run(&ds, Options::new());
    assert_eq!(out["cycle"], Value::Null);
    assert_eq!(out["totals"]["total"], 0);
    assert_eq!(
        out["sentence"],
        "The dataset records no recommendation for this cycle."
    );
}

#[test]
fn identical_responses_within_a_theme_form_one_cluster() {
    let shared = json!([
        a("NGO1", Some("not"), "Libel is still a crime."),
        a("NGO2", Some("partially"), "Some change.")
    ]);
    let ds = dataset(vec![
        rec(
            1,
            "CP Rights",
            "Mexico",
            json!([a("NGO1", Some("not"), "Registration stays.")]),
        ),
        rec(5, "CP Rights", "United Kingdom", shared.clone()),
        rec(
            16,
            "CP Rights",
            "Norway",
            json!([a("NGO1", Some("not"), "Registration stays, again.")]),
        ),
        rec(30, "ESC Rights", "Cuba", shared.clone()),
        rec(41, "ESC Rights", "Belarus", json!([])),
        rec(57, "CP Rights", "Sweden", shared),
    ]);
    let out = run(&ds, Options::new());
    let themes: Vec<&str> = out["themes"]
        .as_array()
        .map(|t| t.iter().filter_map(|x| x["theme"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(themes, ["CP Rights", "ESC Rights"]);
    let cp: Vec<Value> = out["themes"][0]["clusters"]
        .as_array()
        .map(|c| c.iter().map(|x| x["numbers"].clone()).collect())
        .unwrap_or_default();
    assert_eq!(cp, [json!([1]), json!([5, 57]), json!([16])]);
    // Same responses under another theme stay apart.
    assert_eq!(out["themes"][1]["clusters"][0]["numbers"], json!([30]));
    assert_eq!(out["themes"][0]["clusters"][1]["level"], "not");
    assert_eq!(
        out["themes"][0]["clusters"][1]["assessments"][0]["name"],
        "First NGO"
    );
}

/// The option `reads` (what the template reads) leaves the rest out.
#[test]
fn what_the_template_does_not_read_is_left_out() {
    let ds = dataset(vec![
        rec(
            1,
            "CP Rights",
            "Mexico",
            json!([a("NGO1", Some("not"), "Stays.")]),
        ),
        rec(2, "CP Rights", "Cuba", json!([])),
    ]);
    let reads = json!({
        "recommendations": {"[]": {"number": true, "assessments": {}}},
        "themes": {"[]": {"clusters": {"[]": {"assessments": {"[]": {"comment": true}}}}}},
        "totals": true
    });
    let out = run(&ds, Options::new().with("reads", reads));
    assert_eq!(
        out["recommendations"],
        json!([{"number": 1, "assessments": [null]}, {"number": 2, "assessments": []}])
    );
    assert_eq!(
        out["themes"][0]["clusters"][0],
        json!({"assessments": [{"comment": "Stays."}]})
    );
    // What is not read is not there at all.
    assert!(out.get("uncommented").is_none() && out.get("by_state").is_none());
    assert!(out["totals"]["total"].is_number());
    let whole = run(&ds, Options::new());
    assert_eq!(whole["uncommented"][0]["number"], 2);
    assert_eq!(whole["recommendations"][0]["recommending_state"], "Mexico");
    let bad = Iri.run(&ds, &Options::new().with("reads", 3));
    assert!(bad.is_err_and(|e| e.to_string().contains("option `reads`")));
}

#[test]
fn counts_by_issue_and_by_state_put_the_largest_first() {
    let mut r3 = rec(3, "CP", "Norway", json!([a("NGO1", Some("fully"), "")]));
    r3["issues"] = json!(["Justice", "Death penalty"]);
    let ds = dataset(vec![
        rec(1, "CP", "Mexico", json!([a("NGO1", Some("not"), "")])),
        rec(2, "CP", "Norway", json!([])),
        r3,
    ]);
    let out = run(&ds, Options::new());
    assert_eq!(out["by_state"][0]["name"], "Norway");
    assert_eq!(out["by_state"][0]["total"], 2);
    assert_eq!(out["by_state"][0]["no_answer"], 1);
    assert_eq!(
        out["by_issue"][0]["name"],
        "Torture and other CID treatment"
    );
    assert_eq!(out["by_issue"][1]["name"], "Justice");
    assert_eq!(out["respondents"][0]["recommendations"], 2);
}

#[test]
fn the_cycle_option_picks_a_cycle_or_names_the_ones_there_are() {
    let mut second = rec(1, "CP", "Chile", json!([a("NGO1", Some("fully"), "")]));
    second["cycle"] = json!(2);
    let ds = dataset(vec![
        rec(1, "CP", "Mexico", json!([a("NGO1", Some("not"), "")])),
        second,
    ]);
    let latest = run(&ds, Options::new());
    assert_eq!(latest["cycle"], 2);
    assert_eq!(latest["totals"]["fully"], 1);
    let first = run(&ds, Options::new().with("cycle", 1));
    assert_eq!(first["totals"]["not"], 1);
    assert_eq!(first["review"]["report"], "wg-report");
    let err = Iri
        .run(&ds, &Options::new().with("cycle", 4))
        .err()
        .map(|e| e.to_string());
    assert_eq!(
        err.as_deref(),
        Some("option `cycle` asks for UPR cycle 4, but the dataset records only cycle(s) 1, 2")
    );
    let bad = Iri
        .run(&ds, &Options::new().with("include_state", "no"))
        .err()
        .map(|e| e.to_string());
    assert_eq!(
        bad.as_deref(),
        Some("option `include_state` must be true or false, not \"no\"")
    );
}

#[test]
fn one_assessment_at_each_band_edge() {
    let ds = dataset(vec![
        rec(1, "CP", "Chile", json!([a("NGO1", Some("not"), "")])),
        rec(2, "CP", "Chile", json!([a("NGO1", Some("partially"), "")])),
        rec(3, "CP", "Chile", json!([a("NGO1", Some("fully"), "")])),
    ]);
    let out = run(&ds, Options::new());
    let scored: Vec<(Value, String)> = (1..=3)
        .map(|n| {
            (
                out["recommendations"][n - 1]["score"].clone(),
                level_of(&out, n as u32),
            )
        })
        .collect();
    assert_eq!(
        scored,
        [
            (json!(0.0), "not".to_owned()),
            (json!(0.5), "partially".to_owned()),
            (json!(1.0), "fully".to_owned())
        ]
    );
    // The published band edges, as the SDK closes the gaps between them.
    use hrdraft_sdk::ImplementationLevel as L;
    let edges = [
        (0.32, L::Not),
        (0.33, L::Partially),
        (0.65, L::Partially),
        (0.66, L::Fully),
    ];
    for (score, level) in edges {
        assert_eq!(L::from_score(score), level, "{score}");
    }
}

fn theme_names(out: &Value) -> Vec<String> {
    out["themes"]
        .as_array()
        .map(|t| {
            t.iter()
                .filter_map(|x| x["theme"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn sections_come_in_upr_infos_order_unless_the_dataset_lists_its_own() {
    let with_issues = |n: u32, theme: Option<&str>, issues: Value| {
        let mut r = rec(
            n,
            "",
            "Chile",
            json!([a("NGO1", Some("not"), &format!("c{n}"))]),
        );
        r["issues"] = issues;
        match theme {
            Some(t) => r["theme"] = json!(t),
            None => {
                if let Value::Object(m) = &mut r {
                    m.remove("theme");
                }
            }
        }
        r
    };
    let recs = vec![
        with_issues(1, None, json!(["NHRI"])),
        with_issues(2, None, json!(["Rights of the Child", "Labour"])),
        with_issues(3, None, json!(["Death penalty"])),
        with_issues(4, Some("CP Rights"), json!(["International instruments"])),
        with_issues(5, Some("Made-up section"), json!(["Justice"])),
        with_issues(6, None, json!(["International instruments", "Justice"])),
    ];
    let out = run(&dataset(recs.clone()), Options::new());
    assert_eq!(
        theme_names(&out),
        [
            "CP Rights",
            "International Instruments",
            "Justice",
            "Women & Children",
            "Other",
            "Made-up section"
        ]
    );
    let mut ds = dataset(recs);
    ds.upr.themes = serde_json::from_value(json!([
        { "name": "Justice", "issues": ["Justice", "Death penalty"] },
        { "name": "Other" },
        { "name": "CP Rights" },
    ]))
    .unwrap_or_default();
    let out = run(&ds, Options::new());
    assert_eq!(
        theme_names(&out),
        ["Justice", "Other", "CP Rights", "Made-up section"]
    );
    let justice: Vec<Value> = out["themes"][0]["clusters"]
        .as_array()
        .map(|c| c.iter().map(|x| x["numbers"].clone()).collect())
        .unwrap_or_default();
    assert_eq!(justice, [json!([3]), json!([6])]);
}

#[test]
fn one_response_on_members_of_different_levels_is_one_cluster() {
    let text = "The Convention is not yet ratified; the national plan is adopted.";
    let ds = dataset(vec![
        rec(
            3,
            "II",
            "Brazil",
            json!([a("NGO1", Some("partially"), text)]),
        ),
        rec(
            12,
            "II",
            "Slovenia",
            json!([a("NGO1", Some("fully"), text)]),
        ),
        rec(
            40,
            "II",
            "Chile",
            json!([a("NGO1", Some("not"), "Another.")]),
        ),
        rec(99, "II", "Korea", json!([a("NGO1", Some("not"), text)])),
        // Without a comment, a different level is a different response.
        rec(100, "II", "Peru", json!([a("NGO2", Some("not"), "")])),
        rec(101, "II", "Peru", json!([a("NGO2", Some("fully"), "")])),
        rec(102, "II", "Peru", json!([a("NGO2", Some("not"), "")])),
    ]);
    let out = run(&ds, Options::new());
    let clusters: Vec<Value> = out["themes"][0]["clusters"]
        .as_array()
        .map(|c| c.iter().map(|x| x["numbers"].clone()).collect())
        .unwrap_or_default();
    assert_eq!(
        clusters,
        [
            json!([3, 12, 99]),
            json!([40]),
            json!([100, 102]),
            json!([101])
        ]
    );
    let levels: Vec<Value> = out["themes"][0]["clusters"][0]["recommendations"]
        .as_array()
        .map(|r| r.iter().map(|x| x["level"].clone()).collect())
        .unwrap_or_default();
    assert_eq!(levels, [json!("partially"), json!("fully"), json!("not")]);
    assert_eq!(
        out["themes"][0]["clusters"][0]["assessments"]
            .as_array()
            .map(Vec::len),
        Some(1)
    );
    // The MIA names a stakeholder in full where it first responds.
    let first: Vec<Value> = (0..4)
        .map(|c| out["themes"][0]["clusters"][c]["assessments"][0]["first_mention"].clone())
        .collect();
    assert_eq!(
        first,
        [json!(true), json!(false), json!(true), json!(false)]
    );
}

/// A dataset of `recs` assessed in two rounds: the mid-term of
/// 3 December 2012 and a round "later" of 1 June 2014.
fn two_rounds(recs: Vec<Value>) -> Dataset {
    let fu = |date: &str| {
        json!({ "date": date, "stakeholder_reports": 1, "ngos_contacted": 1, "ngos_responded": 1,
                "un_agencies_contacted": 0, "un_agencies_responded": 0, "state_contacted": false,
                "state_participated": false, "nhri_contacted": false, "nhri_responded": false })
    };
    let mut v = serde_json::to_value(dataset(recs)).unwrap();
    let mut later = fu("2014-06-01");
    later["id"] = json!("later");
    v["upr"]["cycles"][0]["follow_up"] = fu("2012-12-03");
    v["upr"]["cycles"][0]["rounds"] = json!([later]);
    serde_json::from_value(v).unwrap()
}

/// Two rounds: the index is the later one's, and `change` says what moved.
#[test]
fn a_later_round_is_compared_with_the_mid_term() {
    let r = |who: &str, round: Option<&str>, level: &str| match round {
        Some(id) => json!({ "stakeholder": who, "round": id, "level": level, "comment": "c" }),
        None => json!({ "stakeholder": who, "level": level, "comment": "c" }),
    };
    let ds = two_rounds(vec![
        rec(
            1,
            "Justice",
            "Mexico",
            json!([
                r("NGO1", None, "not"),
                r("NGO1", Some("later"), "partially")
            ]),
        ),
        rec(
            2,
            "Justice",
            "Mexico",
            json!([
                r("NGO1", None, "fully"),
                r("NGO1", Some("later"), "partially")
            ]),
        ),
        rec(
            3,
            "CP",
            "Mexico",
            json!([
                r("NGO2", None, "partially"),
                r("NGO2", Some("later"), "partially")
            ]),
        ),
        rec(
            4,
            "CP",
            "Mexico",
            json!([r("NGO2", Some("later"), "fully")]),
        ),
    ]);

    let out = run(&ds, Options::new());
    assert_eq!(level_of(&out, 1), "partially");
    assert_eq!(level_of(&out, 4), "fully");
    let c = &out["change"];
    assert_eq!(
        (c["improved"].as_u64(), c["worsened"].as_u64()),
        (Some(1), Some(1))
    );
    assert_eq!(
        (c["unchanged"].as_u64(), c["not_compared"].as_u64()),
        (Some(1), Some(1))
    );
    assert_eq!(
        c["moved"][0]["sentence"],
        "1 recommendation moved from not implemented to partially implemented."
    );
    assert_eq!(c["from"]["label"], "2012");
    // UPR Info's sections first, then a section only a `theme` names.
    let themes: Vec<&str> = c["by_theme"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|t| t["theme"].as_str())
        .collect();
    assert_eq!(themes, ["Justice", "CP"]);
    assert_eq!(c["by_theme"][0]["improved"], 1);
    assert_eq!(c["by_theme"][0]["worsened"], 1);
    let ngo1 = &c["by_stakeholder"][0];
    assert_eq!(
        (ngo1["assessed_both"].as_u64(), ngo1["improved"].as_u64()),
        (Some(2), Some(1))
    );

    // Dated before the later round, the document sees the mid-term alone.
    let before = run(&ds, Options::new().with("as_of", json!("2013-01-01")));
    assert!(before["change"].is_null());
    assert_eq!(level_of(&before, 1), "not");
    assert_eq!(level_of(&before, 4), "no-answer");

    // An unknown `since` is an error naming the rounds.
    let e = Iri
        .run(&ds, &Options::new().with("since", json!("first")))
        .unwrap_err()
        .to_string();
    assert!(e.contains("mid-term, later"), "{e}");
}

/// A section whose recommendations have no level in either round still
/// has its row in `by_theme`, so that the table adds up to the totals;
/// `charted` leaves it out of a chart of levels.
#[test]
fn a_section_without_levels_keeps_its_row_in_the_change_by_theme() {
    let ds = two_rounds(vec![
        rec(
            1,
            "Justice",
            "Mexico",
            json!([
                { "stakeholder": "NGO1", "level": "not", "comment": "c" },
                { "stakeholder": "NGO1", "round": "later", "level": "partially", "comment": "c" }
            ]),
        ),
        rec(
            2,
            "SOGI",
            "Mexico",
            json!([
                { "stakeholder": "NGO2", "comment": "no level" },
                { "stakeholder": "NGO2", "round": "later", "comment": "still none" }
            ]),
        ),
    ]);
    let c = &run(&ds, Options::new())["change"];
    let rows: Vec<(&str, bool, u64)> = c["by_theme"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["theme"].as_str().unwrap(),
                t["charted"].as_bool().unwrap(),
                t["not_compared"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(rows, [("Justice", true, 0), ("SOGI", false, 1)]);
    let not_compared: u64 = rows.iter().map(|r| r.2).sum();
    assert_eq!(Some(not_compared), c["not_compared"].as_u64());
}

/// A recommendation that moved only because a stakeholder answered one
/// round and not the other is counted, and the sentence says so.
#[test]
fn a_move_made_by_a_change_of_respondents_is_told() {
    let ds = two_rounds(vec![
        rec(
            1,
            "Justice",
            "Mexico",
            json!([
                { "stakeholder": "GOV", "level": "fully", "comment": "done" },
                { "stakeholder": "NGO1", "level": "partially", "comment": "c" },
                { "stakeholder": "NGO1", "round": "later", "level": "partially", "comment": "c" }
            ]),
        ),
        rec(
            2,
            "Justice",
            "Mexico",
            json!([
                { "stakeholder": "NGO1", "level": "not", "comment": "c" },
                { "stakeholder": "NGO1", "round": "later", "level": "partially", "comment": "c" }
            ]),
        ),
    ]);
    let c = &run(&ds, Options::new())["change"];
    assert_eq!(c["moved_by_respondents"], 1, "{c:#}");
    assert_eq!(c["recommendations"][0]["same_respondents"], false);
    assert_eq!(c["recommendations"][1]["same_respondents"], true);
    assert!(
        c["sentence"].as_str().unwrap().contains(
            "For 1 of the 2 recommendations that moved, the stakeholders who gave a level were not the same in both assessments"
        ),
        "{c:#}"
    );
}

#[test]
fn a_cluster_does_not_depend_on_the_order_its_responses_were_written_in() {
    let first = a("NGO1", Some("not"), "Libel is still a crime.");
    let second = a("NGO2", Some("partially"), "Some change.");
    let ds = dataset(vec![
        rec(
            1,
            "CP Rights",
            "Mexico",
            json!([first.clone(), second.clone()]),
        ),
        rec(2, "CP Rights", "Norway", json!([second, first])),
    ]);
    let out = run(&ds, Options::new());
    let cluster = &out["themes"][0]["clusters"][0];
    assert_eq!(cluster["numbers"], json!([1, 2]));
    // Printed once, in the first member's order.
    let who: Vec<&str> = cluster["assessments"]
        .as_array()
        .map(|l| l.iter().filter_map(|x| x["stakeholder"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(who, ["NGO1", "NGO2"]);
    assert_eq!(
        out["themes"][0]["clusters"].as_array().map(Vec::len),
        Some(1)
    );
}

#[test]
fn the_summary_comes_in_parts_for_the_sentence_on_levels_missing() {
    let ds = dataset(vec![
        rec(
            1,
            "CP Rights",
            "Mexico",
            json!([a("NGO1", Some("not"), "No.")]),
        ),
        rec(
            2,
            "CP Rights",
            "Norway",
            json!([a("NGO1", None, "Work goes on.")]),
        ),
        rec(3, "CP Rights", "Cuba", json!([])),
    ]);
    let out = run(&ds, Options::new());
    assert_eq!(
        out["levels_sentence"],
        "1 recommendation is not implemented, no recommendation is partially implemented, and no recommendation is fully implemented."
    );
    assert_eq!(
        out["no_answer_sentence"],
        "No answer was received for 1 out of 3 recommendations."
    );
    assert_eq!(
        out["sentence"],
        format!(
            "{} {}",
            out["levels_sentence"].as_str().unwrap(),
            out["no_answer_sentence"].as_str().unwrap()
        )
    );
    assert_eq!(
        out["no_level_sentence"],
        "1 recommendation was answered without an implementation level (IRI: -)."
    );
}
