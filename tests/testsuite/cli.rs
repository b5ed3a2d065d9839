//! The command line's conventions: exit statuses, --quiet and --verbose, completions, man page, version.

use std::path::Path;
use std::process::Output;

use crate::support::run_in as hrdraft;

fn valdoria() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples/valdoria")
        .display()
        .to_string()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn each_exit_status_is_returned() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let ds = valdoria();
    let render = |extra: &[&str]| {
        let mut args = vec!["render", ds.as_str(), "-t", "open-letter", "-f", "md"];
        args.extend_from_slice(extra);
        hrdraft(dir, &args)
    };
    // 0: drafted.
    let ok = render(&["-o", "out"]);
    assert_eq!(ok.status.code(), Some(0), "{}", stderr(&ok));
    // 1: an invalid dataset.
    std::fs::create_dir(dir.join("empty")).unwrap();
    let invalid = hrdraft(dir, &["check", "empty"]);
    assert_eq!(invalid.status.code(), Some(1), "{}", stderr(&invalid));
    // 2: usage, from clap and from our own checks of values.
    assert_eq!(hrdraft(dir, &["render"]).status.code(), Some(2));
    assert_eq!(render(&["-f", "odt"]).status.code(), Some(2));
    // 3: a plugin that cannot be loaded.
    let plugin = render(&["--plugin", "no/such/plugin"]);
    assert_eq!(plugin.status.code(), Some(3), "{}", stderr(&plugin));
    assert!(stderr(&plugin).contains("no/such/plugin does not exist"));
    // 4: the output cannot be written.
    std::fs::write(dir.join("a-file"), "").unwrap();
    let io = render(&["-o", "a-file/out"]);
    assert_eq!(io.status.code(), Some(4), "{}", stderr(&io));
    assert!(stderr(&io).contains("cannot write a-file/out/valdoria/open-letter.md"));
}

#[test]
fn quiet_prints_nothing_on_success_and_verbose_tells_the_stages() {
    let tmp = tempfile::tempdir().unwrap();
    let ds = valdoria();
    let quiet = hrdraft(
        tmp.path(),
        &[
            "-q",
            "render",
            &ds,
            "-t",
            "open-letter",
            "-f",
            "md",
            "-o",
            "out",
        ],
    );
    assert_eq!(quiet.status.code(), Some(0));
    assert_eq!(stdout(&quiet), "");
    assert_eq!(stderr(&quiet), "");
    assert!(tmp.path().join("out/valdoria/open-letter.md").is_file());

    let verbose = hrdraft(
        tmp.path(),
        &[
            "render",
            &ds,
            "-t",
            "open-letter",
            "-f",
            "md",
            "-o",
            "out",
            "--verbose",
        ],
    );
    let log = stderr(&verbose);
    for line in [
        "template open-letter from the built-in templates",
        "plugin pledge-gap (built-in) ran in",
        "plugin iri (built-in) ran in",
        "rendered the template and parsed its Markdown in",
        "wrote md in",
    ] {
        assert!(log.contains(line), "no `{line}` in\n{log}");
    }
    assert_eq!(stdout(&verbose), "out/valdoria/open-letter.md\n");
}

#[test]
fn help_version_completions_and_man_page() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let version = stdout(&hrdraft(dir, &["--version"]));
    assert!(version.starts_with("hrdraft ") && version.contains("(plugin ABI "));
    let help = stdout(&hrdraft(dir, &["--help"]));
    for line in [
        "Exit status:",
        "0  success",
        "2  usage error",
        "3  a plugin failed",
        "4  a file could not be read or written",
        "--quiet",
        "--verbose",
    ] {
        assert!(help.contains(line), "no `{line}` in\n{help}");
    }
    let bash = hrdraft(dir, &["completions", "bash"]);
    assert_eq!(bash.status.code(), Some(0));
    assert!(stdout(&bash).contains("complete -F _hrdraft"));
    assert!(stdout(&bash).contains("completions"));
    let zsh = stdout(&hrdraft(dir, &["completions", "zsh"]));
    assert!(zsh.starts_with("#compdef hrdraft"));
    let man = hrdraft(dir, &["man"]);
    assert_eq!(man.status.code(), Some(0));
    let page = stdout(&man);
    assert!(page.contains(".TH hrdraft 1"), "{page}");
    assert!(page.contains("Exit status:"));
    assert!(page.contains("render"));
}

/// A copy of Valdoria in `dir/valdoria` without the dataset file `left_out`.
fn valdoria_without(dir: &Path, left_out: &str) -> std::path::PathBuf {
    let to = dir.join("valdoria");
    std::fs::create_dir(&to).unwrap();
    for entry in std::fs::read_dir(valdoria()).unwrap() {
        let entry = entry.unwrap();
        if entry.file_name() != left_out {
            std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        }
    }
    to
}

/// An MIA with nothing to report (no assessment round, no entry in
/// documents.toml) is not drafted by default, and the log says why; asked
/// for by name, it is.
#[test]
fn an_mia_without_an_assessment_round_is_skipped_unless_asked_for() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let brevonia = crate::support::root().join("examples/brevonia");
    let brevonia = brevonia.to_str().unwrap();
    let draft = hrdraft(dir, &["draft", brevonia, "-f", "md", "-o", "out"]);
    assert_eq!(draft.status.code(), Some(0), "{}", stderr(&draft));
    let log = stderr(&draft);
    assert!(
        log.contains("brevonia: mia-report skipped: no assessment round in upr.toml (the cycle's follow_up) and no entry in documents.toml\n"),
        "{log}"
    );
    assert!(!dir.join("out/brevonia/mia-report.md").exists());
    assert!(dir.join("out/brevonia/open-letter.md").is_file());
    let asked = hrdraft(
        dir,
        &[
            "draft",
            brevonia,
            "-t",
            "mia-report",
            "-f",
            "md",
            "-o",
            "out",
        ],
    );
    assert_eq!(asked.status.code(), Some(0), "{}", stderr(&asked));
    assert!(dir.join("out/brevonia/mia-report.md").is_file());
    // `check --for` says so as well, as a warning: the dataset is valid.
    let check = hrdraft(dir, &["check", brevonia, "--for", "mia-report"]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    assert!(
        stderr(&check).contains("brevonia/upr.toml: `draft` leaves mia-report out: no assessment round in upr.toml (the cycle's follow_up) and no entry in documents.toml; `draft -t mia-report` and `render` draft it all the same"),
        "{}",
        stderr(&check)
    );
    let open_letter = hrdraft(dir, &["check", brevonia, "--for", "open-letter"]);
    assert!(
        !stderr(&open_letter).contains("leaves"),
        "{}",
        stderr(&open_letter)
    );
}

#[test]
fn a_template_without_its_data_is_skipped_refused_and_reported() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    valdoria_without(dir, "questions.toml");

    // draft: what the dataset has data for, and a line for what it skipped.
    let draft = hrdraft(dir, &["draft", "valdoria", "-f", "md", "-o", "out"]);
    assert_eq!(draft.status.code(), Some(0), "{}", stderr(&draft));
    let log = stderr(&draft);
    assert!(
        log.contains("valdoria: pledging-questions skipped: no questions.toml\n"),
        "{log}"
    );
    assert!(log.contains("drafted 2 documents"), "{log}");
    assert!(dir.join("out/valdoria/open-letter.md").is_file());
    assert!(!dir.join("out/valdoria/pledging-questions.md").exists());
    let json = hrdraft(
        dir,
        &["draft", "valdoria", "-f", "md", "-o", "out", "--json"],
    );
    assert_eq!(json.status.code(), Some(0), "{}", stdout(&json));
    let report: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(
        report["skipped"],
        serde_json::json!([{
            "dataset": "valdoria",
            "template": "pledging-questions",
            "reason": "no questions.toml"
        }]),
        "{report}"
    );

    // render: an error naming the file to add, where, and what it holds.
    let render = hrdraft(
        dir,
        &[
            "render",
            "valdoria",
            "-t",
            "pledging-questions",
            "-f",
            "md",
            "-o",
            "out",
        ],
    );
    assert_eq!(render.status.code(), Some(1), "{}", stderr(&render));
    assert!(
        stderr(&render).contains(
            "pledging-questions needs questions.toml in valdoria (the pledging event and its \
             questions); `hrdraft new dataset` writes an example of it"
        ),
        "{}",
        stderr(&render)
    );
    assert!(!dir.join("out/valdoria/pledging-questions.md").exists());

    // check: the dataset is valid; for the question set it lacks a file.
    let check = hrdraft(dir, &["check", "valdoria"]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    let check = hrdraft(dir, &["check", "valdoria", "--for", "open-letter"]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    let check = hrdraft(dir, &["check", "valdoria", "--for", "pledging-questions"]);
    assert_eq!(check.status.code(), Some(1), "{}", stderr(&check));
    assert!(
        stderr(&check).contains(
            "error: valdoria/questions.toml: pledging-questions needs questions.toml \
             (the pledging event and its questions); the dataset has no questions.toml"
        ),
        "{}",
        stderr(&check)
    );
    let check = hrdraft(
        dir,
        &["check", "valdoria", "--for", "pledging-questions", "--json"],
    );
    assert_eq!(check.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&check.stdout).unwrap();
    assert_eq!(report["valid"], false, "{report}");
    assert_eq!(report["errors"], 1, "{report}");
    assert_eq!(report["findings"][0]["file"], "questions.toml", "{report}");
    assert_eq!(report["findings"][0]["severity"], "error", "{report}");
    let unknown = hrdraft(dir, &["check", "valdoria", "--for", "no-such-template"]);
    assert_eq!(unknown.status.code(), Some(2), "{}", stderr(&unknown));
    // Told in the help and the manual page.
    assert!(stdout(&hrdraft(dir, &["check", "--help"])).contains("--for <TEMPLATE>"));
    assert!(stdout(&hrdraft(dir, &["man"])).contains("with \\-\\-for TEMPLATE"));
}

#[test]
fn a_language_with_a_region_takes_the_wording_of_its_language() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let ds = valdoria();
    let render = |ds: &str, lang: Option<&str>, out: &str| {
        let mut args = vec![
            "render",
            ds,
            "-t",
            "open-letter",
            "-f",
            "md",
            "-f",
            "html",
            "-o",
            out,
        ];
        if let Some(lang) = lang {
            args.extend(["--lang", lang]);
        }
        let o = hrdraft(dir, &args);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let read = |ext: &str| {
            std::fs::read_to_string(dir.join(format!("{out}/valdoria/open-letter.{ext}"))).unwrap()
        };
        (read("md"), read("html"))
    };
    // English wording; the document keeps the whole tag.
    let (md, html) = render(&ds, Some("en-US"), "us");
    assert!(md.contains("Yours sincerely,"), "{md}");
    assert!(html.contains("<html lang=\"en-US\""), "{html}");
    let (md, html) = render(&ds, Some("ru-RU"), "ru");
    assert!(md.contains("С уважением,"), "{md}");
    assert!(html.contains("<html lang=\"ru-RU\""), "{html}");
    // A language in documents.toml does the same.
    let copy = valdoria_without(dir, "");
    let documents = copy.join("documents.toml");
    let text = std::fs::read_to_string(&documents).unwrap().replacen(
        "template = \"open-letter\"\n",
        "template = \"open-letter\"\nlanguage = \"en-GB\"\n",
        1,
    );
    std::fs::write(&documents, text).unwrap();
    let (md, html) = render(&copy.display().to_string(), None, "gb");
    assert!(md.contains("Yours sincerely,"), "{md}");
    assert!(html.contains("<html lang=\"en-GB\""), "{html}");
}

/// `--as-of` dates the document: the Valdoria MIA, dated at its follow-up
/// round, compares it with the mid-term; drafted as of the mid-term's date it
/// knows one round; a date that is not one is refused before anything runs.
#[test]
fn as_of_dates_the_document_and_what_it_knows() {
    let tmp = tempfile::tempdir().unwrap();
    let context = |extra: &[&str]| {
        let mut args = vec!["context", valdoria_str(), "-t", "mia-report"];
        args.extend_from_slice(extra);
        let o = hrdraft(tmp.path(), &args);
        assert!(o.status.success(), "{}", stderr(&o));
        serde_json::from_str::<serde_json::Value>(&stdout(&o)).unwrap()
    };
    let later = context(&[]);
    assert_eq!(later["document"]["date"], "2026-10-15");
    assert_eq!(
        later["plugins"]["iri"]["rounds"].as_array().map(Vec::len),
        Some(2)
    );
    let earlier = context(&["--as-of", "2025-03-20"]);
    assert_eq!(earlier["document"]["date"], "2025-03-20");
    assert_eq!(
        earlier["plugins"]["iri"]["rounds"].as_array().map(Vec::len),
        Some(1)
    );
    assert_ne!(
        later["plugins"]["iri"]["change"],
        earlier["plugins"]["iri"]["change"]
    );

    let bad = hrdraft(
        tmp.path(),
        &[
            "render",
            valdoria_str(),
            "-t",
            "mia-report",
            "--as-of",
            "2025-13-01",
        ],
    );
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("--as-of"), "{}", stderr(&bad));
    assert!(stderr(&bad).contains("YYYY-MM-DD"), "{}", stderr(&bad));
    assert!(!tmp.path().join("out").exists());
}

fn valdoria_str() -> &'static str {
    static PATH: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    PATH.get_or_init(valdoria)
}
