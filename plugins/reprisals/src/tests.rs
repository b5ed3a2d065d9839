//! Tests of the reprisals plugin on small hand-made datasets.

use hrdraft_sdk::{Dataset, Options, Plugin};
use serde_json::{json, Value};

use crate::{Reprisals, PARTIAL};

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
    Reprisals
        .run(ds, &Options::new())
        .unwrap_or_else(|e| panic!("reprisals failed: {e}"))
}

#[test]
fn no_cases_gives_the_standard_call() {
    let out = run(&dataset(json!({})));
    assert_eq!(out["has_cases"], false);
    assert_eq!(out["groups"], json!([]));
    assert_eq!(out["intro"], "");
    let call = out["call"].as_str().unwrap_or("");
    assert!(call.starts_with("We call on the authorities of Testland to ensure that no one is subjected to reprisals"), "{call}");
}

#[test]
fn cases_are_dated_grouped_by_communication_and_cited() {
    let ds = dataset(json!({
        "special_procedures": { "communications": [{
            "reference": "AL TLD 2/2024", "kind": "JAL", "date": "2024-05-09",
            "mandates": ["Special Rapporteur on torture", "Working Group on Enforced or Involuntary Disappearances"],
            "summary": "Torture and pressure on victims", "source": "al-tld-2-2024"
        }]},
        "reprisals": [
            { "id": "late", "kind": "intimidation", "who": "Relatives of detainees", "date": "2022-03",
              "engagement": "their complaints to the UN.", "what": "They were pressured to withdraw complaints.",
              "communication": "AL TLD 2/2024", "sources": ["al-tld-2-2024"] },
            { "id": "early", "kind": "intimidation", "who": "A lawyer", "date": "2022-01-20",
              "engagement": "representing victims before the Committee against Torture",
              "what": "Summoned for questioning", "communication": "AL TLD 2/2024", "sources": ["al-tld-2-2024", "news"] },
            { "id": "other", "kind": "reprisal", "who": "An NGO", "date": "2021",
              "engagement": "its UPR submission", "what": "Its registration was revoked.", "sources": ["ngo-report"] }
        ]
    }));
    let out = run(&ds);
    assert_eq!(out["has_cases"], true);
    assert_eq!(
        out["count"],
        json!({ "reprisal": 1, "intimidation": 2, "total": 3 })
    );
    let ids: Vec<&str> = out["cases"]
        .as_array()
        .map(|c| c.iter().filter_map(|x| x["id"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(ids, ["other", "early", "late"]);
    assert_eq!(out["groups"].as_array().map(Vec::len), Some(2));
    assert_eq!(out["groups"][0]["communication"], Value::Null);
    assert_eq!(out["groups"][1]["cases"][0]["id"], "early");
    assert_eq!(
        out["groups"][1]["cases"][1]["what_clause"],
        "They were pressured to withdraw complaints"
    );
    assert_eq!(out["groups"][1]["cases"][1]["date"], "2022-03");
    assert_eq!(
        out["groups"][1]["cases"][0]["sources"],
        json!(["al-tld-2-2024", "news"])
    );
    let comm = &out["groups"][1]["communication"];
    assert_eq!(
        comm["sentence"],
        "These concerns were raised in a joint allegation letter of 9 May 2024 (AL TLD 2/2024), sent by the Special Rapporteur on torture and the Working Group on Enforced or Involuntary Disappearances; no reply from the authorities is known."
    );
    assert_eq!(comm["source"], "al-tld-2-2024");
    assert_eq!(out["communications"].as_array().map(Vec::len), Some(1));
    assert!(out["intro"]
        .as_str()
        .unwrap_or("")
        .contains("reports of reprisals and intimidation against people in Testland"));
    assert!(out["call"]
        .as_str()
        .unwrap_or("")
        .starts_with("We urge the authorities of Testland to investigate"));
}

#[test]
fn an_unknown_communication_is_still_named() {
    let ds = dataset(json!({ "reprisals": [
        { "id": "x", "kind": "reprisal", "who": "A journalist", "date": "2020-06-01",
          "engagement": "meeting a Special Rapporteur", "what": "Arrested", "communication": "UA TLD 1/2020", "sources": [] }
    ]}));
    let out = run(&ds);
    assert_eq!(out["groups"][0]["communication"]["known"], false);
    assert_eq!(
        out["groups"][0]["communication"]["sentence"],
        "The Special Procedures raised these concerns in communication UA TLD 1/2020."
    );
}

#[test]
fn the_partial_is_shipped_under_its_name_and_uses_the_render_helpers() {
    let partials = Reprisals.partials();
    assert_eq!(partials.len(), 1);
    assert_eq!(partials[0].0, "reprisals-section");
    assert!(PARTIAL.contains("{{#with @root.plugins.reprisals}}"));
    assert!(PARTIAL.contains("{{citation this}}"));
    assert!(PARTIAL.contains("{{#footnote}}"));
    assert!(PARTIAL.contains("{{date date}}"));
    assert!(PARTIAL.contains("{{call}}"));
}

mod partial {
    use handlebars::{
        Context, Handlebars, Helper, HelperDef, HelperResult, Output, RenderContext,
        RenderErrorReason, Renderable,
    };

    use super::*;

    /// The `footnote` block: a footnote of what it renders.
    struct Footnote;

    impl HelperDef for Footnote {
        fn call<'reg: 'rc, 'rc>(
            &self,
            h: &Helper<'rc>,
            r: &'reg Handlebars<'reg>,
            ctx: &'rc Context,
            rc: &mut RenderContext<'reg, 'rc>,
            out: &mut dyn Output,
        ) -> HelperResult {
            let text = match h.template() {
                Some(t) => t.renders(r, ctx, rc)?,
                None => String::new(),
            };
            out.write(&format!("[^{text}]"))?;
            Ok(())
        }
    }

    /// A stand-in helper that shows its text parameters as `show` writes them.
    struct Echo {
        name: &'static str,
        show: fn(&[&str]) -> String,
    }

    impl HelperDef for Echo {
        fn call<'reg: 'rc, 'rc>(
            &self,
            h: &Helper<'rc>,
            _: &'reg Handlebars<'reg>,
            _: &'rc Context,
            _: &mut RenderContext<'reg, 'rc>,
            out: &mut dyn Output,
        ) -> HelperResult {
            let args = h
                .params()
                .iter()
                .enumerate()
                .map(|(i, p)| {
                    p.value()
                        .as_str()
                        .ok_or(RenderErrorReason::ParamNotFoundForIndex(self.name, i))
                })
                .collect::<Result<Vec<&str>, _>>()?;
            if args.is_empty() {
                return Err(RenderErrorReason::ParamNotFoundForIndex(self.name, 0).into());
            }
            out.write(&(self.show)(&args))?;
            Ok(())
        }
    }

    /// Stand-ins for the render engine's helpers: `cite` makes a footnote
    /// reference, `citation` prints the source id, the `footnote` block
    /// makes a footnote of what it renders, `date` and `date_range` print
    /// the dates as given.
    fn engine() -> Handlebars<'static> {
        let mut hb = Handlebars::new();
        hb.set_strict_mode(true);
        hb.register_escape_fn(handlebars::no_escape);
        hb.register_helper(
            "cite",
            Box::new(Echo {
                name: "cite",
                show: |a| format!("[^{}]", a[0]),
            }),
        );
        hb.register_helper(
            "citation",
            Box::new(Echo {
                name: "citation",
                show: |a| a[0].to_string(),
            }),
        );
        hb.register_helper("footnote", Box::new(Footnote));
        hb.register_helper(
            "date_range",
            Box::new(Echo {
                name: "date_range",
                show: |a| format!("{} to {}", a[0], a[1]),
            }),
        );
        hb.register_helper(
            "date",
            Box::new(Echo {
                name: "date",
                show: |a| a[0].to_string(),
            }),
        );
        for (name, source) in Reprisals.partials() {
            hb.register_partial(&name, source)
                .unwrap_or_else(|e| panic!("partial {name}: {e}"));
        }
        // Called inside another block: the partial reaches the plugin's output from the root.
        hb.register_template_string(
            "doc",
            "## Reprisals\n\n{{#with plugins}}{{> reprisals-section}}{{/with}}",
        )
        .unwrap_or_else(|e| panic!("{e}"));
        hb
    }

    fn render(ds: &Dataset) -> String {
        let context = json!({ "plugins": { "reprisals": run(ds) } });
        engine()
            .render("doc", &context)
            .unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn the_partial_drafts_the_cases_with_citations() {
        let ds = dataset(json!({
            "special_procedures": { "communications": [{
                "reference": "AL TLD 2/2024", "kind": "JAL", "date": "2024-05-09",
                "mandates": ["Special Rapporteur on torture"], "summary": "Torture", "source": "al-tld"
            }]},
            "reprisals": [
                { "id": "a", "kind": "intimidation", "who": "A lawyer", "date": "2022-01-20", "until": "2022-03",
                  "engagement": "representing victims before the Special Rapporteur", "what": "She was summoned and warned.",
                  "communication": "AL TLD 2/2024", "sources": ["al-tld", "news"] }
            ]
        }));
        let md = render(&ds);
        // The introduction stays on the page of the first case.
        assert!(md.starts_with("## Reprisals\n\n<div class=\"keep-with-next\">\n\nWe are concerned about a reported case of intimidation in Testland linked to cooperation"), "{md}");
        assert!(
            md.contains("- **A lawyer.** From 2022-01-20 to 2022-03, she was summoned and warned, in connection with representing victims before the Special Rapporteur.[^al-tld; news.]\n"),
            "{md}"
        );
        assert!(
            // The case's note cites the letter already: no second note.
            md.contains("These concerns were raised in a joint allegation letter of 9 May 2024 (AL TLD 2/2024), sent by the Special Rapporteur on torture; no reply from the authorities is known.\n"),
            "{md}"
        );
        assert!(
            md.trim_end()
                .ends_with("with the United Nations and its human rights mechanisms without fear."),
            "{md}"
        );
        assert!(!md.contains("\n\n\n\n"), "runs of blank lines:\n{md}");
    }

    #[test]
    fn the_partial_without_cases_is_the_standard_call_alone() {
        let md = render(&dataset(json!({})));
        assert_eq!(
            md.trim(),
            "## Reprisals\n\nWe call on the authorities of Testland to ensure that no one is subjected to reprisals or intimidation for cooperating, or seeking to cooperate, with the United Nations and its human rights mechanisms, and to condemn publicly any such act should it occur."
        );
    }
}

#[test]
fn a_document_speaks_of_cases_and_replies_as_they_stood_on_its_date() {
    let ds = dataset(json!({
        "special_procedures": { "communications": [{
            "reference": "AL TLD 1/2020", "kind": "JAL", "date": "2020-12-03",
            "mandates": ["Special Rapporteur on human rights defenders"],
            "summary": "Disbarment of a lawyer", "reply": "2021-11-02"
        }]},
        "reprisals": [
            { "id": "lawyer", "kind": "reprisal", "who": "A lawyer", "date": "2020-11-12", "until": "2022-03-15",
              "engagement": "her submission to the UPR", "what": "She was suspended from practice",
              "communication": "AL TLD 1/2020", "sources": ["s"] },
            { "id": "later", "kind": "intimidation", "who": "A journalist", "date": "2021-10-01",
              "engagement": "his testimony", "what": "He was followed", "sources": ["s"] }
        ]
    }));
    let out = Reprisals
        .run(&ds, &Options::new().with("as_of", "2021-09-27"))
        .unwrap_or_else(|e| panic!("reprisals failed: {e}"));
    let cases = out["cases"].as_array().unwrap();
    assert_eq!(cases.len(), 1, "{out}");
    assert_eq!(cases[0]["id"], "lawyer");
    assert_eq!(cases[0]["ongoing"], true);
    assert_eq!(cases[0]["until"], Value::Null);
    assert_eq!(out["communications"][0]["replied"], false, "{out}");
    // Without a date, as the record is now.
    let now = run(&ds);
    assert_eq!(now["cases"].as_array().unwrap().len(), 2);
    assert_eq!(now["cases"][0]["ongoing"], false);
    assert_eq!(now["cases"][0]["until"], "2022-03-15");
}

/// A case marked `ongoing` has no end: it is ongoing on any date after it
/// began, and when no date is given.
#[test]
fn a_case_without_an_end_is_ongoing() {
    let ds = dataset(json!({ "reprisals": [
        { "id": "detained", "kind": "reprisal", "who": "A lawyer", "date": "2024-05-27", "ongoing": true,
          "engagement": "his submission to the UPR", "what": "He was detained", "sources": ["s"] }
    ]}));
    let out = Reprisals
        .run(&ds, &Options::new().with("as_of", "2026-09-14"))
        .unwrap_or_else(|e| panic!("reprisals failed: {e}"));
    assert_eq!(out["cases"][0]["ongoing"], true, "{out}");
    assert_eq!(run(&ds)["cases"][0]["ongoing"], true);
}

#[test]
fn one_case_is_spoken_of_in_the_singular() {
    let ds = dataset(json!({ "reprisals": [
        { "id": "x", "kind": "reprisal", "who": "A journalist", "date": "2020-06-01",
          "engagement": "meeting a Special Rapporteur", "what": "Arrested.", "sources": [] }
    ]}));
    let out = run(&ds);
    assert_eq!(
        out["intro"],
        "We are concerned about a reported case of reprisal in Testland linked to cooperation with the United Nations and its human rights mechanisms."
    );
}

#[test]
fn a_what_of_several_sentences_is_counted() {
    for (text, n) in [
        ("Arrested and held for ten days.", 1),
        (
            "Mr. Abenov was questioned by the K.N.B. in St. Petersburg.",
            1,
        ),
        (
            "She was stopped at the airport. She remains in pre-trial detention.",
            2,
        ),
        ("Was she warned? Yes! She was told to stop.", 3),
        ("Her passport was taken.  Officials questioned her.", 2),
        ("detained under art. 174 of the Code", 1),
    ] {
        assert_eq!(crate::sentences(text), n, "{text}");
    }
    assert!(crate::continues("Arrested and held for ten days."));
    assert!(!crate::continues(
        "She was arrested; she remains in detention."
    ));
    assert!(!crate::continues(
        "She was arrested. She remains in detention."
    ));
}

#[test]
fn what_happened_follows_its_date_a_pronoun_in_lower_case() {
    assert_eq!(crate::lead("She was arrested."), "she was arrested.");
    assert_eq!(
        crate::lead("The police searched her office"),
        "the police searched her office"
    );
    // A name keeps its capital, as does a word that only starts like a pronoun.
    assert_eq!(crate::lead("Ilinca was charged."), "Ilinca was charged.");
    assert_eq!(crate::lead("Hermes Bank froze"), "Hermes Bank froze");
    assert_eq!(crate::lead("Он был арестован."), "он был арестован.");
    assert_eq!(
        crate::lead("Рустам был арестован."),
        "Рустам был арестован."
    );
}

/// Whether a case's `what` already says it goes on, so that the letter
/// need not add that it does.
#[test]
fn what_that_says_a_case_goes_on_is_told_apart() {
    let ds = dataset(json!({ "reprisals": [
        { "id": "a", "kind": "reprisal", "who": "A lawyer", "date": "2024-05-27", "ongoing": true,
          "engagement": "his submission to the UPR", "what": "He was arrested; he remains in pre-trial detention.", "sources": ["s"] },
        { "id": "b", "kind": "reprisal", "who": "A journalist", "date": "2024-06-02", "ongoing": true,
          "engagement": "her briefing of the Committee", "what": "She was arrested and charged with treason.", "sources": ["s"] }
    ]}));
    let out = run(&ds);
    assert_eq!(out["cases"][0]["what_ongoing"], true, "{out}");
    assert_eq!(out["cases"][1]["what_ongoing"], false, "{out}");
}

/// A case that tells of one measure is spoken of in the singular when the
/// letter says it goes on; two measures, joined or in two sentences, in the
/// plural.
#[test]
fn one_measure_is_told_from_several() {
    let ds = dataset(json!({ "reprisals": [
        { "id": "a", "kind": "reprisal", "who": "A lawyer", "date": "2024-05-27", "ongoing": true,
          "engagement": "his submission to the UPR", "what": "He was banned from leaving the country.", "sources": ["s"] },
        { "id": "b", "kind": "reprisal", "who": "A journalist", "date": "2024-06-02", "ongoing": true,
          "engagement": "her briefing of the Committee", "what": "She was arrested and charged with treason.", "sources": ["s"] },
        { "id": "c", "kind": "reprisal", "who": "An NGO", "date": "2024-06-03", "ongoing": true,
          "engagement": "its report", "what": "Its office was searched. Its accounts were frozen.", "sources": ["s"] }
    ]}));
    let out = run(&ds);
    let one: Vec<bool> = (0..3)
        .map(|i| out["cases"][i]["what_one_measure"] == true)
        .collect();
    assert_eq!(one, [true, false, false], "{out}");
}

/// A case going on whose `what` tells of lasting measures says they
/// remain in place; one that tells of acts done and over does not.
#[test]
fn lasting_measures_are_told_from_acts_done() {
    let whats = [
        ("He was banned from leaving the country.", true),
        (
            "Her organisation's accounts were frozen and its office closed.",
            true,
        ),
        (
            "She was held in pre-trial detention on charges of treason.",
            true,
        ),
        ("He was placed under house arrest.", true),
        ("She was arrested and charged with treason.", false),
        (
            "He received threats from officials and was summoned for questioning.",
            false,
        ),
        (
            "He received threats, was placed under surveillance and was summoned.",
            false,
        ),
    ];
    let cases: Vec<serde_json::Value> = whats
        .iter()
        .enumerate()
        .map(|(i, (what, _))| json!({
            "id": format!("c{i}"), "kind": "reprisal", "who": "A lawyer", "date": "2024-05-27",
            "ongoing": true, "engagement": "a submission to the UPR", "what": what, "sources": ["s"]
        }))
        .collect();
    let out = run(&dataset(json!({ "reprisals": cases })));
    for (i, (what, lasting)) in whats.iter().enumerate() {
        assert_eq!(out["cases"][i]["what_measures"], *lasting, "{what}");
    }
}
