//! Settings in the environment that cannot be used are refused before
//! anything runs, with what is accepted; a reader of stdout that goes away
//! (`| head`) ends the run quietly.

use std::process::Stdio;

use super::{Sandbox, USAGE};

#[test]
fn a_plugin_time_limit_that_is_not_a_time_is_refused() {
    let sb = Sandbox::new();
    for (value, problem) in [
        ("abc", "HRDRAFT_PLUGIN_TIMEOUT=abc: not a number of seconds"),
        (
            "0",
            "HRDRAFT_PLUGIN_TIMEOUT=0: a plugin needs more than no time at all",
        ),
        (
            "-1",
            "HRDRAFT_PLUGIN_TIMEOUT=-1: a plugin needs more than no time at all",
        ),
        (
            "1e20",
            "HRDRAFT_PLUGIN_TIMEOUT=1e20: longer than the longest limit",
        ),
        ("inf", "HRDRAFT_PLUGIN_TIMEOUT=inf: not a number of seconds"),
        ("NaN", "HRDRAFT_PLUGIN_TIMEOUT=NaN: not a number of seconds"),
        ("30s", "HRDRAFT_PLUGIN_TIMEOUT=30s: not a number of seconds"),
    ] {
        sb.render_refused_env(
            "open-letter",
            &[],
            &[("HRDRAFT_PLUGIN_TIMEOUT", value)],
            USAGE,
            &[
                problem,
                "give a number of seconds above 0 and at most 86400 (one day)",
                "or unset it for the default",
            ],
        );
        let run = sb.run(["plugins"], &[("HRDRAFT_PLUGIN_TIMEOUT", value)]);
        assert_eq!(run.code, Some(USAGE), "{value}: {}", run.stderr);
        assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    }
    // A usable value is used: a fraction of a second, and the longest.
    for value in ["2.5", "86400", " 60 "] {
        let run = sb.run(
            [
                "render",
                "ds",
                "-t",
                "open-letter",
                "-f",
                "html",
                "-o",
                "fresh",
            ],
            &[("HRDRAFT_PLUGIN_TIMEOUT", value)],
        );
        assert_eq!(run.code, Some(0), "{value}: {}", run.stderr);
    }
}

#[test]
fn a_document_size_or_date_that_cannot_be_used_is_refused() {
    let sb = Sandbox::new();
    for (name, value, problem) in [
        (
            "HRDRAFT_MAX_DOCUMENT_MB",
            "lots",
            "HRDRAFT_MAX_DOCUMENT_MB=lots: not a whole number of MiB",
        ),
        (
            "HRDRAFT_MAX_DOCUMENT_MB",
            "0",
            "HRDRAFT_MAX_DOCUMENT_MB=0: out of range",
        ),
        (
            "HRDRAFT_MAX_DOCUMENT_MB",
            "99999999999999999999",
            "=99999999999999999999: out of range",
        ),
        (
            "SOURCE_DATE_EPOCH",
            "yesterday",
            "SOURCE_DATE_EPOCH=yesterday: not a whole number of seconds",
        ),
        (
            "SOURCE_DATE_EPOCH",
            "-5",
            "SOURCE_DATE_EPOCH=-5: out of range",
        ),
    ] {
        sb.render_refused_env("open-letter", &[], &[(name, value)], USAGE, &[problem]);
    }
    // 40 KB of escape sequences are neither echoed whole nor raw.
    let long = "\u{1b}[2J".repeat(10_000);
    sb.render_refused_env(
        "open-letter",
        &[],
        &[("HRDRAFT_PLUGIN_TIMEOUT", &long)],
        USAGE,
        &["HRDRAFT_PLUGIN_TIMEOUT=\\u{1b}[2J"],
    );
    let run = sb.run(["check", "ds"], &[("HRDRAFT_PLUGIN_TIMEOUT", &long)]);
    assert!(!run.stderr.contains('\u{1b}'));
}

#[cfg(unix)]
#[test]
fn a_reader_that_goes_away_ends_the_run_quietly() {
    let sb = Sandbox::new();
    for args in [
        &["plugins", "run", "iri", "ds"][..],
        &["plugins"],
        &["schema", "upr.toml"],
        &["check", "ds", "--json"],
        &["context", "ds", "-t", "open-letter"],
        &["man"],
    ] {
        let mut child = sb
            .command(args, &[])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // The reader goes away before a byte is written (`| head -c 0`).
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
        // The dataset's warnings may be printed; nothing about the pipe.
        for unwanted in ["panicked", "Broken pipe", "broken pipe", "error"] {
            assert!(!stderr.contains(unwanted), "{args:?}: {stderr}");
        }
    }
}
