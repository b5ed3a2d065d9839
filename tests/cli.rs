//! The command line's conventions: exit statuses, --quiet and --verbose, completions, man page, version.

use std::path::Path;
use std::process::{Command, Output};

fn hrdraft(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hrdraft"))
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap()
}

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
