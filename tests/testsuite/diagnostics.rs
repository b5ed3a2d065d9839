//! The wording and layout of the main error messages, as a drafter sees them piped (plain text).
//!
//! Each case runs the command in a temporary directory with relative paths,
//! so no snapshot holds a temporary path. A change in wording shows up as a
//! snapshot change to review (`cargo insta review`).

use std::path::Path;

use crate::support::root;

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
    }
}

/// A temporary directory holding `ds`, a copy of `dataset` with `case`'s files laid over it.
fn workspace(dataset: &str, case: Option<&str>) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&root().join(dataset), &tmp.path().join("ds"));
    if let Some(case) = case {
        lay_case(case, &tmp.path().join("ds"));
    }
    tmp
}

/// The files of `tests/check/CASE` laid over the dataset in `dir`.
fn lay_case(case: &str, dir: &Path) {
    for entry in std::fs::read_dir(root().join("tests/check").join(case)).unwrap() {
        let entry = entry.unwrap();
        if entry.file_name() != "expect" {
            std::fs::copy(entry.path(), dir.join(entry.file_name())).unwrap();
        }
    }
}

/// Exit status and stderr of `hrdraft ARGS` run in `dir`.
fn run(dir: &Path, args: &[&str]) -> String {
    let out = crate::support::hrdraft()
        .current_dir(dir)
        .env("NO_COLOR", "1")
        // Plugins found in a user's own directories would change the output.
        .env("HOME", dir)
        .env("XDG_CONFIG_HOME", dir)
        .args(args)
        .output()
        .unwrap();
    format!(
        "exit status: {:?}\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// A user template `letter` whose body is `body`.
fn template(dir: &Path, body: &str, extra: &str) {
    let t = dir.join("tpl/letter");
    std::fs::create_dir_all(&t).unwrap();
    std::fs::write(
        t.join("template.toml"),
        format!(
            "name = \"letter\"\ntitle = \"A letter\"\ndescription = \"A test letter\"\nbody = \"body.md.hbs\"\n{extra}"
        ),
    )
    .unwrap();
    std::fs::write(t.join("body.md.hbs"), body).unwrap();
}

#[test]
fn check_a_bad_level() {
    let w = workspace("tests/fixtures/minimal", Some("bad-level"));
    insta::assert_snapshot!(run(w.path(), &["check", "ds"]));
}

#[test]
fn check_an_unknown_stakeholder() {
    let w = workspace("tests/fixtures/minimal", Some("unknown-stakeholder"));
    insta::assert_snapshot!(run(w.path(), &["check", "ds"]));
}

#[test]
fn check_a_syntax_error() {
    let w = workspace("tests/fixtures/minimal", Some("syntax-error"));
    insta::assert_snapshot!(run(w.path(), &["check", "ds"]));
}

#[test]
fn render_an_invalid_dataset() {
    let w = workspace("tests/fixtures/minimal", Some("unknown-stakeholder"));
    insta::assert_snapshot!(run(
        w.path(),
        &["render", "ds", "-t", "mia-report", "-f", "md", "-o", "out"]
    ));
}

#[test]
fn render_a_template_with_a_missing_field() {
    let w = workspace("examples/valdoria", None);
    template(
        w.path(),
        "Dear {{country.name}},\n\nWe write about {{country.capital}} today.\n",
        "",
    );
    insta::assert_snapshot!(run(
        w.path(),
        &[
            "render",
            "ds",
            "-t",
            "letter",
            "--templates",
            "tpl",
            "-f",
            "md",
            "-o",
            "out"
        ]
    ));
}

#[test]
fn render_a_template_with_a_syntax_error() {
    let w = workspace("examples/valdoria", None);
    template(
        w.path(),
        "Dear {{country.name}},\n\n{{#each pledges}}\nWe note {{this.text}.\n{{/each}}\n",
        "",
    );
    insta::assert_snapshot!(run(
        w.path(),
        &[
            "render",
            "ds",
            "-t",
            "letter",
            "--templates",
            "tpl",
            "-f",
            "md",
            "-o",
            "out"
        ]
    ));
}

#[test]
fn render_markup_that_is_not_a_layout_tag() {
    let w = workspace("examples/valdoria", None);
    template(
        w.path(),
        "Dear {{country.name}},\n\nWe write <blink>now</blink>.\n",
        "",
    );
    insta::assert_snapshot!(run(
        w.path(),
        &[
            "render",
            "ds",
            "-t",
            "letter",
            "--templates",
            "tpl",
            "-f",
            "md",
            "-o",
            "out"
        ]
    ));
}

#[test]
fn render_a_missing_template() {
    let w = workspace("examples/valdoria", None);
    insta::assert_snapshot!(run(w.path(), &["render", "ds", "-t", "open-leter"]));
}

#[test]
fn render_an_unknown_format() {
    let w = workspace("examples/valdoria", None);
    insta::assert_snapshot!(run(
        w.path(),
        &["render", "ds", "-t", "open-letter", "-f", "odt"]
    ));
}

#[cfg(unix)]
#[test]
fn render_with_a_plugin_that_fails() {
    use std::os::unix::fs::PermissionsExt;
    let w = workspace("examples/valdoria", None);
    let plugin = w.path().join("plugins/hrdraft-plugin-failing");
    std::fs::create_dir_all(plugin.parent().unwrap()).unwrap();
    std::fs::write(
        &plugin,
        "#!/bin/sh\ncase \"$1\" in\n\
         describe) echo '{\"name\":\"failing\",\"version\":\"0.1.0\",\"description\":\"fails\",\"sections\":[],\"partials\":{}}';;\n\
         run) echo 'the dataset has no [[pledges]] to count' >&2; exit 1;;\n\
         esac\n",
    )
    .unwrap();
    std::fs::set_permissions(&plugin, std::fs::Permissions::from_mode(0o755)).unwrap();
    template(
        w.path(),
        "Dear {{country.name}}\n",
        "plugins = [\"failing\"]\n",
    );
    insta::assert_snapshot!(run(
        w.path(),
        &[
            "render",
            "ds",
            "-t",
            "letter",
            "--templates",
            "tpl",
            "--plugin",
            "plugins/hrdraft-plugin-failing",
            "-f",
            "md",
            "-o",
            "out",
        ]
    ));
}

#[test]
fn render_json_reports_the_findings_on_stdout() {
    let w = workspace("examples/valdoria", None);
    template(w.path(), "Dear {{country.capital}}\n", "");
    let out = crate::support::hrdraft()
        .current_dir(w.path())
        .args([
            "render",
            "ds",
            "-t",
            "letter",
            "--templates",
            "tpl",
            "-f",
            "md",
            "--json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    insta::assert_json_snapshot!(report);
}

/// The template compiles while the dataset loads and the context is built:
/// a template that does not compile is still what is reported first, as
/// when compiling came before all else, and nothing is written.
#[test]
fn render_a_broken_template_over_an_invalid_dataset() {
    let w = broken_letter_over_invalid_dataset();
    let args = [
        "-t",
        "letter",
        "--templates",
        "tpl",
        "-f",
        "md",
        "-o",
        "out",
    ];
    refused_for_its_template(w.path(), &[&["render", "ds"], &args[..]].concat());
}

/// A workspace whose template `letter` does not compile and whose dataset
/// `ds` is not valid.
fn broken_letter_over_invalid_dataset() -> tempfile::TempDir {
    let w = workspace("tests/fixtures/minimal", Some("unknown-stakeholder"));
    template(
        w.path(),
        "Dear {{country.name}},\n\n{{#each pledges}}\nWe note {{this.text}.\n{{/each}}\n",
        "",
    );
    w
}

/// What `args` shows, run in `dir` with the broken `letter` template over an
/// invalid dataset: the template's error alone, and nothing written.
fn refused_for_its_template(dir: &Path, args: &[&str]) {
    let shown = run(dir, args);
    assert!(shown.starts_with("exit status: Some(1)\n"), "{shown}");
    assert!(shown.contains("invalid Handlebars syntax"), "{shown}");
    assert!(shown.contains("tpl/letter/body.md.hbs:4:20"), "{shown}");
    assert!(!shown.contains("not a valid dataset"), "{shown}");
    assert!(!dir.join("out").exists());
}

/// A dataset that lacks what the template needs is reported as before,
/// though its context is no longer built after the template compiles.
#[test]
fn render_a_valid_template_over_a_dataset_that_lacks_its_file() {
    let w = workspace("examples/valdoria", None);
    std::fs::remove_file(w.path().join("ds/upr.toml")).unwrap();
    let shown = run(
        w.path(),
        &["render", "ds", "-t", "mia-report", "-f", "md", "-o", "out"],
    );
    assert!(shown.starts_with("exit status: Some(1)\n"), "{shown}");
    assert!(shown.contains("upr.toml"), "{shown}");
    assert!(!w.path().join("out").exists());
}

/// `draft` reads the datasets while the templates compile: a template that
/// does not compile is still reported before an invalid dataset.
#[test]
fn draft_a_broken_template_over_an_invalid_dataset() {
    let w = broken_letter_over_invalid_dataset();
    refused_for_its_template(
        w.path(),
        &["draft", "ds", "--templates", "tpl", "-f", "md", "-o", "out"],
    );
}

/// `draft` reads a batch's datasets on several threads: of two that are not
/// valid, the first named is reported, and nothing is written.
#[test]
fn draft_a_batch_with_two_invalid_datasets() {
    let w = workspace("examples/valdoria", None);
    for (name, case) in [("bad1", "unknown-stakeholder"), ("bad2", "bad-level")] {
        copy_dir(&root().join("tests/fixtures/minimal"), &w.path().join(name));
        lay_case(case, &w.path().join(name));
    }
    for _ in 0..4 {
        let shown = run(
            w.path(),
            &["draft", "ds", "bad1", "bad2", "-f", "md", "-o", "out"],
        );
        assert!(shown.starts_with("exit status: Some(1)\n"), "{shown}");
        assert!(shown.contains("bad1 is not a valid dataset"), "{shown}");
        assert!(!shown.contains("bad2"), "{shown}");
        assert!(!w.path().join("out").exists());
    }
}

/// `lint` and `context` read the dataset while the template compiles too:
/// the template's error is still the one shown.
#[test]
fn lint_and_context_a_broken_template_over_an_invalid_dataset() {
    let w = broken_letter_over_invalid_dataset();
    for command in ["lint", "context"] {
        refused_for_its_template(
            w.path(),
            &[command, "ds", "-t", "letter", "--templates", "tpl"],
        );
    }
}
