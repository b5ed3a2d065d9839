//! A context trimmed to what its template reads of the plugins' findings
//! (`Pipeline::set_trim_from`) drafts the same document as the whole one.

use std::path::{Path, PathBuf};

use hrdraft::pipeline::{DraftError, Drafted, Pipeline, Request};
use hrdraft::plugin_host::Registry;
use hrdraft::sdk::Dataset;
use hrdraft::template::TemplateSet;

use crate::support::{files_under, root, run};

fn load(dir: &Path) -> Dataset {
    hrdraft::dataset::load(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .dataset
}

fn pipeline(templates: TemplateSet, trim_from: usize) -> Pipeline {
    let mut p = Pipeline::new(templates, Registry::builtin()).unwrap_or_else(|e| panic!("{e}"));
    p.set_trim_from(trim_from);
    p
}

fn request(template: &str) -> Request<'_> {
    Request {
        template,
        ..Request::default()
    }
}

/// The document drafted, and whether its context was trimmed.
fn draft(p: &Pipeline, dataset: &Dataset, template: &str) -> (Result<String, String>, bool) {
    let context = match p.context(dataset, &request(template)) {
        Ok(c) => c,
        Err(e) => return (Err(e.to_string()), false),
    };
    let trimmed = context.facts.trimmed;
    let drafted: Result<Drafted, DraftError> = p.draft_owned(template, context);
    (
        drafted.map(|d| d.markdown).map_err(|e| e.to_string()),
        trimmed,
    )
}

fn builtin() -> TemplateSet {
    TemplateSet::builtin().unwrap_or_else(|e| panic!("{e}"))
}

fn examples() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root().join("examples"))
        .unwrap_or_else(|e| panic!("{e}"))
        .map(|e| e.unwrap_or_else(|e| panic!("{e}")).path())
        .filter(|p| p.join("country.toml").is_file())
        .collect();
    dirs.sort();
    dirs
}

#[test]
fn every_example_drafts_the_same_from_a_trimmed_context() {
    let whole = pipeline(builtin(), usize::MAX);
    let trim = pipeline(builtin(), 0);
    let mut trimmed = Vec::new();
    for dir in examples() {
        let dataset = load(&dir);
        for template in ["mia-report", "open-letter", "pledging-questions"] {
            let t = whole
                .templates()
                .get(template)
                .unwrap_or_else(|e| panic!("{e}"));
            if whole.missing(&dataset, t).is_some() {
                continue;
            }
            let (expected, was) = draft(&whole, &dataset, template);
            assert!(!was, "contexts are whole unless asked");
            let (got, was) = draft(&trim, &dataset, template);
            assert_eq!(got, expected, "{} {template}", dir.display());
            if was {
                trimmed.push(format!("{} {template}", dir.display()));
            }
        }
    }
    // The MIA and the question set say what they read; the letter's
    // wording names its messages at render time, and is kept whole.
    assert!(
        trimmed.iter().any(|t| t.ends_with("kazakhstan mia-report"))
            && trimmed.iter().any(|t| t.ends_with("pledging-questions"))
            && !trimmed.iter().any(|t| t.ends_with("open-letter")),
        "{trimmed:?}"
    );
}

#[test]
fn the_trimmed_context_holds_what_the_template_reads_and_no_more() {
    let dataset = load(&root().join("examples/kazakhstan"));
    let trim = pipeline(builtin(), 0);
    let c = trim
        .context(&dataset, &request("mia-report"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(c.facts.trimmed);
    let iri = &c.json["plugins"]["iri"];
    let first = iri["recommendations"][0]
        .as_object()
        .unwrap_or_else(|| panic!("{iri}"));
    // The index prints these; the text is printed from the themes.
    let mut keys: Vec<&str> = first.keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(keys, ["assessments", "issues", "level_short", "number"]);
    assert_eq!(iri["recommendations"].as_array().map(Vec::len), Some(129));
    assert!(iri["themes"][0]["clusters"][0]["recommendations"][0]["text"].is_string());
    assert!(iri.get("by_state").is_none(), "the MIA never prints it");
    // `hrdraft context` still shows the whole.
    let whole = pipeline(builtin(), usize::MAX)
        .context(&dataset, &request("mia-report"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(whole.json["plugins"]["iri"]["recommendations"][0]["text"].is_string());
    assert!(whole.json["plugins"]["iri"]["by_state"].is_array());
}

/// A template of the user's own in `dir`, named `name`, with its partial.
fn user_template(dir: &Path, name: &str, body: &str, partial: &str) -> TemplateSet {
    let t = dir.join(name);
    std::fs::create_dir_all(&t).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        t.join("template.toml"),
        format!(
            "name = \"{name}\"\ntitle = \"T\"\ndescription = \"D\"\nbody = \"body.md.hbs\"\n\
             languages = [\"en\"]\nplugins = [\"iri\"]\n"
        ),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(t.join("body.md.hbs"), body).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(t.join("row.md.hbs"), partial).unwrap_or_else(|e| panic!("{e}"));
    let mut templates = builtin();
    templates.add_dir(dir).unwrap_or_else(|e| panic!("{e}"));
    templates
}

#[test]
fn a_template_reading_through_partials_parents_and_block_parameters_drafts_the_same() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let body = "{{#with plugins.iri as |iri|}}\
        {{#each themes}}## {{theme}}\n\n{{#each clusters as |c|}}\
        {{#each recommendations}}{{> row}}{{/each}}\
        {{#each c.assessments}}- {{name}}: {{len comment}} {{#if ../level}}({{../level_words}}){{/if}}\n{{/each}}\
        {{/each}}{{/each}}\
        {{iri.totals.total}} {{lookup iri.recommendations.0 \"number\"}} {{@root.plugins.iri.state}}\n\
        {{/with}}";
    let partial = "- {{number}} {{recommending_state}} {{../score}} {{@root.country.name}}\n";
    let templates = user_template(dir.path(), "mine", body, partial);
    let dataset = load(&root().join("examples/kazakhstan"));
    let (expected, _) = draft(&pipeline(templates.clone(), usize::MAX), &dataset, "mine");
    let trim = pipeline(templates, 0);
    let (got, trimmed) = draft(&trim, &dataset, "mine");
    assert!(trimmed);
    let expected = expected.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(got.as_deref(), Ok(expected.as_str()));
    assert!(expected.contains("## "), "{expected}");
    let c = trim
        .context(&dataset, &request("mine"))
        .unwrap_or_else(|e| panic!("{e}"));
    let iri = &c.json["plugins"]["iri"];
    let mut keys: Vec<&str> = iri
        .as_object()
        .unwrap_or_else(|| panic!("{iri}"))
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    assert_eq!(keys, ["recommendations", "state", "themes", "totals"]);
    // `lookup` takes the list it is given whole.
    assert!(iri["recommendations"][0]["text"].is_string());
}

#[test]
fn a_template_whose_reads_cannot_be_followed_gets_the_whole_findings() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    // The partial is named at render time.
    let body = "{{#each plugins.iri.recommendations}}{{> (lookup @root.vars \"p\")}}{{/each}}";
    let templates = user_template(dir.path(), "dynamic", body, "{{number}}\n");
    let dataset = load(&root().join("examples/kazakhstan"));
    let c = pipeline(templates, 0)
        .context(&dataset, &request("dynamic"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(!c.facts.trimmed);
    assert!(c.json["plugins"]["iri"]["by_state"].is_array());
}

#[test]
fn a_missing_value_in_trimmed_findings_points_to_the_whole() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let templates = user_template(dir.path(), "typo", "{{plugins.iri.totlas}}\n", "");
    let dataset = load(&root().join("examples/kazakhstan"));
    let (got, trimmed) = draft(&pipeline(templates, 0), &dataset, "typo");
    assert!(trimmed);
    let e = got.unwrap_err();
    assert!(
        e.contains("has no `totlas`") && e.contains("`hrdraft context` prints all"),
        "{e}"
    );
}

/// `render` trims a large dataset's context (`TRIM_FROM`); the document is
/// the one it drafts from the whole, as it does when it lints.
#[test]
fn render_drafts_a_large_dataset_as_the_whole_context_does() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let from = hrdraft::pipeline::TRIM_FROM.to_string();
    let gen = dir.path().join("gen");
    let out = run(&[
        "bench",
        "gen",
        "--recommendations",
        &from,
        "--seed",
        "3",
        "-o",
        gen.to_str().unwrap_or_default(),
    ]);
    assert!(out.status.success(), "{out:?}");
    let country = std::fs::read_dir(&gen)
        .unwrap_or_else(|e| panic!("{e}"))
        .next()
        .unwrap_or_else(|| panic!("bench gen wrote nothing"))
        .unwrap_or_else(|e| panic!("{e}"))
        .path();
    let render = |to: &str, lint: bool| {
        let out_dir = dir.path().join(to);
        let mut args = vec![
            "render",
            country.to_str().unwrap_or_default(),
            "-t",
            "mia-report",
            "-f",
            "md",
            "-o",
            out_dir.to_str().unwrap_or_default(),
            "-v",
        ];
        if lint {
            args.push("--lint");
        }
        let out = run(&args);
        assert!(out.status.success(), "{out:?}");
        let written = files_under(&out_dir)
            .into_iter()
            .find(|p| p.extension().is_some_and(|x| x == "md"))
            .unwrap_or_else(|| panic!("no Markdown in {}", out_dir.display()));
        let said = String::from_utf8_lossy(&out.stderr).into_owned();
        let md = std::fs::read_to_string(written).unwrap_or_else(|e| panic!("{e}"));
        (md, said)
    };
    let kept = "keeping what the template reads of the findings";
    let (trimmed, said) = render("trimmed", false);
    assert!(
        said.contains(kept),
        "-v says the context was trimmed: {said}"
    );
    assert!(
        said.contains("and freeing 6 of their lists as they are rendered"),
        "-v says how many lists are read once: {said}"
    );
    let (whole, said) = render("whole", true);
    assert!(
        !said.contains(kept),
        "a linted document's context is whole: {said}"
    );
    assert!(trimmed.len() > 100_000, "{}", trimmed.len());
    assert!(trimmed == whole, "the documents differ");
}

/// The lists a template reads once, as `path (within…)`.
fn once(templates: &TemplateSet, name: &str) -> Vec<String> {
    fn show(o: &hrdraft::template::Once) -> String {
        let within: Vec<String> = o.within.iter().map(show).collect();
        match within.is_empty() {
            true => o.path.join("."),
            false => format!("{} ({})", o.path.join("."), within.join(", ")),
        }
    }
    let t = templates.get(name).unwrap_or_else(|e| panic!("{e}"));
    let analysis = t
        .analyse_plugins(&Registry::builtin().partials())
        .unwrap_or_else(|e| panic!("{e}"));
    analysis.once.iter().map(show).collect()
}

#[test]
fn lists_read_once_are_freed_as_rendered_and_the_draft_is_the_same() {
    // The MIA's lists, among them the long ones: its index, and its
    // recommendations by theme. The change by theme is read twice.
    assert_eq!(
        once(&builtin(), "mia-report"),
        [
            "plugins.iri.change.moved",
            "plugins.iri.change.by_stakeholder",
            "plugins.iri.change.recommendations",
            "plugins.iri.recommendations",
            "plugins.iri.themes (clusters (recommendations, assessments))",
            "plugins.iri.uncommented"
        ]
    );
    // A list read by two blocks is left in the context; a list tested
    // and read by one is taken out of it.
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let body = "{{#each plugins.iri.themes}}{{theme}}\n{{/each}}\
        {{#each plugins.iri.themes}}{{#each clusters}}{{score}} {{@index}}\n{{/each}}{{/each}}\
        {{#if plugins.iri.recommendations}}{{#each plugins.iri.recommendations}}\
        {{number}}{{#unless @last}}, {{/unless}}{{/each}}{{else}}none{{/if}}\n";
    let templates = user_template(dir.path(), "twice", body, "");
    assert_eq!(once(&templates, "twice"), ["plugins.iri.recommendations"]);
    let dataset = load(&root().join("examples/kazakhstan"));
    let (expected, _) = draft(&pipeline(templates.clone(), usize::MAX), &dataset, "twice");
    let (got, trimmed) = draft(&pipeline(templates, 0), &dataset, "twice");
    assert!(trimmed);
    let expected = expected.unwrap_or_else(|e| panic!("{e}"));
    assert!(expected.matches(", ").count() > 100, "{expected}");
    assert_eq!(got.as_deref(), Ok(expected.as_str()));
}
