//! The JSON at the plugin boundary: a dataset survives Dataset → JSON → Dataset unchanged.

use hrdraft::sdk::{Dataset, Input, Options, Outcome};
use serde_json::{json, Value};

fn fixture() -> (String, Dataset) {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/datasets/testland.json"
    );
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let dataset = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    (text, dataset)
}

#[test]
fn a_dataset_round_trips_through_json() {
    let (text, dataset) = fixture();
    let json = serde_json::to_string(&dataset).unwrap_or_else(|e| panic!("{e}"));
    let back: Dataset = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(back, dataset);
    // Nothing the fixture states is lost or altered on the way out: every
    // field of the original JSON is in the written JSON with the same value.
    let original: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}"));
    let written: Value = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}"));
    assert_contains(&written, &original, "$");
    // Dates stay ISO strings of the precision given.
    assert_eq!(
        written["reporting"][0]["latest_report"]["submitted"],
        "2010-03"
    );
    assert_eq!(written["treaties"][0]["ratified"], "2006-01-24");
}

/// Every value in `want` is in `have` at the same place.
fn assert_contains(have: &Value, want: &Value, at: &str) {
    match (have, want) {
        (Value::Object(h), Value::Object(w)) => {
            for (k, v) in w {
                let Some(hv) = h.get(k) else {
                    panic!("{at}.{k} is missing after the round trip");
                };
                assert_contains(hv, v, &format!("{at}.{k}"));
            }
        }
        (Value::Array(h), Value::Array(w)) => {
            assert_eq!(h.len(), w.len(), "{at} changed length");
            for (i, (hv, wv)) in h.iter().zip(w).enumerate() {
                assert_contains(hv, wv, &format!("{at}[{i}]"));
            }
        }
        _ => assert_eq!(have, want, "{at} changed"),
    }
}

#[test]
fn the_plugin_input_and_outcome_shapes() {
    let (_, dataset) = fixture();
    let input = Input {
        dataset: dataset.clone(),
        options: Options::new().with("cycle", 1),
    };
    let json = serde_json::to_value(&input).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(json["options"], json!({ "cycle": 1 }));
    assert_eq!(json["dataset"]["country"]["iso3"], "TLD");
    let back: Input = serde_json::from_value(json).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(back, input);
    // Options may be left out.
    let bare: Input = serde_json::from_value(json!({ "dataset": { "country": {
        "name": "X", "iso2": "XX", "iso3": "XXX", "short_name": "x" } } }))
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(bare.options, Options::new());

    for (outcome, text) in [
        (Outcome::Ok(json!({ "a": 1 })), r#"{"ok":{"a":1}}"#),
        (Outcome::Error("no".into()), r#"{"error":"no"}"#),
        (Outcome::Panic("boom".into()), r#"{"panic":"boom"}"#),
    ] {
        assert_eq!(serde_json::to_string(&outcome).unwrap_or_default(), text);
    }
}

#[test]
fn the_sdk_export_functions_refuse_bad_input_without_panicking() {
    use std::ffi::{CStr, CString};
    struct Echo;
    impl hrdraft::sdk::Plugin for Echo {
        fn name(&self) -> &str {
            "echo"
        }
        fn version(&self) -> &str {
            "1"
        }
        fn description(&self) -> &str {
            "echo"
        }
        fn sections(&self) -> Vec<hrdraft::sdk::Section> {
            vec![]
        }
        fn run(&self, d: &Dataset, _: &Options) -> Result<Value, hrdraft::sdk::Error> {
            Ok(json!(d.country.name))
        }
    }
    let answer = |input: &str| -> Value {
        let input = CString::new(input).unwrap_or_default();
        // SAFETY: a valid C string; the answer is freed by the matching function.
        unsafe {
            let raw = hrdraft::sdk::__abi::run(|| Echo, input.as_ptr());
            let text = CStr::from_ptr(raw).to_string_lossy().into_owned();
            hrdraft::sdk::__abi::free(raw);
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}"))
        }
    };
    let bad = answer("{not json");
    let message = bad["error"].as_str().unwrap_or("");
    assert!(
        message.starts_with(
            "the input is not a valid {\"dataset\", \"options\"} JSON object: key must be a string"
        ),
        "{bad}"
    );
    let good =
        answer(r#"{"dataset":{"country":{"name":"X","iso2":"XX","iso3":"XXX","short_name":"x"}}}"#);
    assert_eq!(good, json!({ "ok": "X" }));
}
