//! Templates compiled apart from building the pipeline: `render` compiles
//! them on one thread while another loads the dataset and builds the
//! context, so what compiling finds must be what building found.

use std::path::Path;

use hrdraft::pipeline::{Pipeline, Request};
use hrdraft::plugin_host::Registry;
use hrdraft::template::TemplateSet;
use serde_json::Map;

fn kazakhstan() -> hrdraft::sdk::Dataset {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/kazakhstan");
    hrdraft::dataset::load(&dir)
        .unwrap_or_else(|e| panic!("{e}"))
        .dataset
}

fn request(template: &str) -> Request<'_> {
    Request {
        template,
        lang: None,
        vars: Map::new(),
        as_of: None,
        review: None,
        file_for: None,
    }
}

/// The built-in templates and a user template `letter` whose body is `body`.
fn with_letter(dir: &Path, body: &str) -> TemplateSet {
    let t = dir.join("letter");
    std::fs::create_dir_all(&t).unwrap();
    std::fs::write(
        t.join("template.toml"),
        "name = \"letter\"\ntitle = \"A letter\"\ndescription = \"A test letter\"\nbody = \"body.md.hbs\"\n",
    )
    .unwrap();
    std::fs::write(t.join("body.md.hbs"), body).unwrap();
    let mut set = TemplateSet::builtin().unwrap();
    set.add_dir(dir).unwrap_or_else(|e| panic!("{e}"));
    set
}

#[test]
fn an_uncompiled_pipeline_drafts_what_a_compiled_one_does() {
    let dataset = kazakhstan();
    for template in ["open-letter", "mia-report", "pledging-questions"] {
        let compiled = Pipeline::new_for(
            TemplateSet::builtin().unwrap(),
            Registry::builtin(),
            &[template],
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let uncompiled = Pipeline::uncompiled_for(
            TemplateSet::builtin().unwrap(),
            Registry::builtin(),
            &[template],
        )
        .unwrap_or_else(|e| panic!("{e}"));
        // The context first, as `render` builds it, then the template
        // compiled when it is drafted.
        let context = uncompiled
            .context(&dataset, &request(template))
            .unwrap_or_else(|e| panic!("{e}"));
        let late = uncompiled
            .draft_owned(template, context)
            .unwrap_or_else(|e| panic!("{template}: {e}"));
        let early = compiled
            .draft(&dataset, &request(template))
            .unwrap_or_else(|e| panic!("{template}: {e}"));
        assert!(late.markdown.len() > 1000, "{template}: {}", late.markdown);
        assert_eq!(late.markdown, early.markdown, "{template}");
    }
}

#[test]
fn compiling_finds_what_building_finds() {
    let tmp = tempfile::tempdir().unwrap();
    let broken = "Dear {{country.name}},\n\n{{#each pledges}}\nWe note {{this.text}.\n{{/each}}\n";
    let built = Pipeline::new_for(
        with_letter(tmp.path(), broken),
        Registry::builtin(),
        &["letter"],
    );
    let built = built
        .err()
        .expect("a broken template is refused")
        .to_string();
    // Setting it up without compiling it finds nothing wrong yet.
    let uncompiled = Pipeline::uncompiled_for(
        with_letter(tmp.path(), broken),
        Registry::builtin(),
        &["letter"],
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let compiled = uncompiled.compile().expect_err("compiling refuses it");
    assert_eq!(compiled.to_string(), built);
    assert!(built.contains("letter"), "{built}");
    // Drafting it reports the same.
    let drafted = uncompiled.draft(&kazakhstan(), &request("letter"));
    assert_eq!(drafted.expect_err("not drafted").to_string(), built);
}

#[test]
fn templates_that_do_not_compile_leave_the_old_in_place() {
    let tmp = tempfile::tempdir().unwrap();
    let good = "Dear {{country.name}},\n\nWe write to you.\n";
    let mut pipeline = Pipeline::new_for(
        with_letter(tmp.path(), good),
        Registry::builtin(),
        &["letter"],
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let broken = with_letter(tmp.path(), "Dear {{country.name}.\n");
    assert!(pipeline.set_templates(broken).is_err());
    let drafted = pipeline
        .draft(&kazakhstan(), &request("letter"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        drafted.markdown.contains("We write to you."),
        "{}",
        drafted.markdown
    );
    // A template set that compiles replaces it.
    let changed = with_letter(tmp.path(), "Dear {{country.name}},\n\nWe write again.\n");
    pipeline
        .set_templates(changed)
        .unwrap_or_else(|e| panic!("{e}"));
    let drafted = pipeline
        .draft(&kazakhstan(), &request("letter"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        drafted.markdown.contains("We write again."),
        "{}",
        drafted.markdown
    );
}

/// Templates compile on several threads; of two that do not compile, the
/// first in the set's order is reported, every time.
#[test]
fn the_first_broken_template_is_reported_whichever_compiles_first() {
    let tmp = tempfile::tempdir().unwrap();
    for (name, body) in [("aaa", "{{#if x}}\n"), ("zzz", "{{y}.\n")] {
        let t = tmp.path().join(name);
        std::fs::create_dir_all(&t).unwrap();
        std::fs::write(
            t.join("template.toml"),
            format!(
                "name = \"{name}\"\ntitle = \"T\"\ndescription = \"D\"\nbody = \"body.md.hbs\"\n"
            ),
        )
        .unwrap();
        std::fs::write(t.join("body.md.hbs"), body).unwrap();
    }
    for _ in 0..8 {
        let mut set = TemplateSet::builtin().unwrap();
        set.add_dir(tmp.path()).unwrap_or_else(|e| panic!("{e}"));
        let error = Pipeline::new(set, Registry::builtin())
            .err()
            .expect("refused")
            .to_string();
        assert!(error.contains("aaa"), "{error}");
        assert!(!error.contains("zzz"), "{error}");
    }
}

/// `render` compiles a document's wording in another language beside the
/// English one; wording that does not compile is still reported when the
/// document is drafted, and the English document is unaffected.
#[test]
fn wording_in_another_language_compiled_ahead_reports_what_it_finds() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path().join("letter");
    std::fs::create_dir_all(t.join("messages")).unwrap();
    std::fs::write(
        t.join("template.toml"),
        "name = \"letter\"\ntitle = \"A letter\"\ndescription = \"A test letter\"\nbody = \"body.md.hbs\"\nlanguages = [\"en\", \"ru\"]\n",
    )
    .unwrap();
    std::fs::write(t.join("body.md.hbs"), "{{t \"greeting\"}}\n").unwrap();
    std::fs::write(
        t.join("messages/en.toml"),
        "greeting = \"Dear {{country.name}},\"\n",
    )
    .unwrap();
    std::fs::write(
        t.join("messages/ru.toml"),
        "greeting = \"Уважаемый {{country.name}.\"\n",
    )
    .unwrap();
    let mut set = TemplateSet::builtin().unwrap();
    set.add_dir(tmp.path()).unwrap_or_else(|e| panic!("{e}"));
    let pipeline =
        Pipeline::new_for(set, Registry::builtin(), &["letter"]).unwrap_or_else(|e| panic!("{e}"));
    pipeline.compile_for("letter", "ru");
    let dataset = kazakhstan();
    let russian = Request {
        lang: Some("ru"),
        ..request("letter")
    };
    let error = pipeline
        .draft(&dataset, &russian)
        .expect_err("the Russian wording does not compile");
    assert!(error.to_string().contains("greeting"), "{error}");
    let english = pipeline
        .draft(&dataset, &request("letter"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        english.markdown.starts_with("Dear Kazakhstan,"),
        "{}",
        english.markdown
    );
}
