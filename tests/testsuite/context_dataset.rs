//! A template that never names `dataset` is given only its sources there; one that does gets the whole dataset.

use std::path::Path;

use hrdraft::pipeline::{Pipeline, Request};
use hrdraft::plugin_host::Registry;
use hrdraft::template::TemplateSet;
use serde_json::{Map, Value};

fn kazakhstan() -> hrdraft::sdk::Dataset {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/kazakhstan");
    hrdraft::dataset::load(&dir)
        .unwrap_or_else(|e| panic!("{e}"))
        .dataset
}

fn context(templates: TemplateSet, template: &str) -> Value {
    let drafter = Pipeline::new(templates, Registry::builtin()).unwrap_or_else(|e| panic!("{e}"));
    let request = Request {
        template,
        lang: None,
        vars: Map::new(),
        as_of: None,
        review: None,
        file_for: None,
    };
    drafter
        .context(&kazakhstan(), &request)
        .unwrap_or_else(|e| panic!("{e}"))
        .json
}

fn builtin() -> TemplateSet {
    TemplateSet::builtin().unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn the_mia_gets_the_sources_alone() {
    let c = context(builtin(), "mia-report");
    let dataset = c["dataset"].as_object().expect("dataset is an object");
    assert_eq!(dataset.keys().collect::<Vec<_>>(), ["sources"]);
    assert_eq!(dataset["sources"].as_array().map(Vec::len), Some(12));
    // What the template reads instead is all there.
    assert_eq!(c["country"]["name"], "Kazakhstan");
    assert_eq!(
        c["plugins"]["iri"]["recommendations"]
            .as_array()
            .map(Vec::len),
        Some(129)
    );
}

#[test]
fn the_open_letter_gets_the_whole_dataset() {
    let c = context(builtin(), "open-letter");
    assert_eq!(
        c["dataset"]["upr"]["recommendations"]
            .as_array()
            .map(Vec::len),
        Some(129)
    );
    assert!(c["dataset"]["candidacy"]["pledges"].is_array());
}

/// A template of the user's own that reads the dataset, as `{{dataset.…}}`
/// or through `@root` taken whole, gets all of it.
#[test]
fn a_template_naming_the_dataset_gets_it() {
    for (name, body) in [
        ("named", "{{dataset.country.name}}\n"),
        ("root", "{{#each @root}}{{@key}} {{/each}}\n"),
    ] {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let t = dir.path().join(name);
        std::fs::create_dir_all(&t).unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(
            t.join("template.toml"),
            format!(
                "name = \"{name}\"\ntitle = \"T\"\ndescription = \"D\"\nbody = \"body.md.hbs\"\nlanguages = [\"en\"]\n"
            ),
        )
        .unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(t.join("body.md.hbs"), body).unwrap_or_else(|e| panic!("{e}"));
        let mut templates = builtin();
        templates
            .add_dir(dir.path())
            .unwrap_or_else(|e| panic!("{e}"));
        let c = context(templates, name);
        assert_eq!(
            c["dataset"]["upr"]["recommendations"]
                .as_array()
                .map(Vec::len),
            Some(129),
            "{name}"
        );
    }
}
