//! The walkthroughs in docs/plugins.md and docs/templates.md run as written:
//! every `hrdraft` command in their shell blocks, in order, from a folder
//! that holds the repository's examples, and what they draft holds what the
//! docs say.
#![cfg(unix)] // The walkthrough's plugin is a Python script.

use std::path::Path;

use crate::documents::read;
use crate::support::root;

/// The `hrdraft …` lines of the shell blocks in the section of `doc` headed `heading`.
fn commands(doc: &str, heading: &str) -> Vec<String> {
    let text = std::fs::read_to_string(root().join(doc)).unwrap();
    let start = text
        .find(heading)
        .unwrap_or_else(|| panic!("{doc} has no section {heading:?}"));
    let section = &text[start + heading.len()..];
    let section = &section[..section.find("\n## ").unwrap_or(section.len())];
    let mut out = Vec::new();
    let mut in_sh = false;
    for line in section.lines() {
        match line.trim() {
            "```sh" => in_sh = true,
            "```" => in_sh = false,
            l if in_sh && l.starts_with("hrdraft ") => out.push(l.to_string()),
            _ => {}
        }
    }
    out
}

/// Run each command in `dir` (holding `examples/`), with its own plugin directory.
fn run_all(dir: &Path, commands: &[String]) {
    std::os::unix::fs::symlink(root().join("examples"), dir.join("examples")).unwrap();
    for line in commands {
        let args: Vec<&str> = line.split_whitespace().skip(1).collect();
        let out = crate::support::hrdraft()
            .current_dir(dir)
            .args(&args)
            .env("XDG_CONFIG_HOME", dir.join("config"))
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "`{line}` failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

fn docx_text(path: &Path) -> String {
    read::docx_paragraphs(&read::docx_parts(path)).join("\n")
}

fn pdf_text(path: &Path) -> String {
    read::pdf_pages(path).concat()
}

#[test]
fn the_plugin_walkthrough_runs_as_written() {
    let commands = commands(
        "docs/plugins.md",
        "## Walkthrough: overdue treaty-body reports",
    );
    assert_eq!(commands.len(), 8, "{commands:#?}");
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    run_all(dir, &commands);

    // Installed, then removed at the end.
    assert!(!dir
        .join("config/hrdraft/plugins/hrdraft-plugin-treaty-deadlines")
        .exists());
    let memo = dir.join("out/kazakhstan/deadlines-memo.docx");
    let memo = docx_text(&memo);
    assert!(
        memo.contains("On 18 October 2012, Kazakhstan owed one report"),
        "{memo}"
    );
    assert!(
        memo.contains("fourth and fifth periodic") && memo.contains("1845"),
        "{memo}"
    );
    let letter = dir.join("out/kazakhstan/open-letter-deadlines.pdf");
    assert!(
        pdf_text(&letter).contains(&read::squash(
            "the fourth and fifth periodic report to CERD has been overdue for 1845 days."
        )),
        "the sentence in the PDF"
    );
    let ru = docx_text(&dir.join("out/ru/kazakhstan/open-letter-deadlines.docx"));
    assert!(ru.contains("просрочен на 1845 дн."), "{ru}");
}

#[test]
fn the_template_walkthrough_runs_as_written() {
    let commands = commands(
        "docs/templates.md",
        "## Walkthrough: a memo and a letter built on the open letter",
    );
    assert_eq!(commands.len(), 5, "{commands:#?}");
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    run_all(dir, &commands);

    let memo = docx_text(&dir.join("out/kazakhstan/deadlines-memo.docx"));
    assert!(
        memo.contains("On 18 October 2012, Kazakhstan owed one report"),
        "{memo}"
    );
    let letter = docx_text(&dir.join("out/kazakhstan/open-letter-deadlines.docx"));
    assert!(
        letter.contains(
            "the fourth and fifth periodic report to CERD has been overdue for 1845 days."
        ),
        "{letter}"
    );
    // Everything else is the open letter's.
    let plain = tmp.path().join("plain");
    let out = crate::support::hrdraft()
        .args(["render"])
        .arg(root().join("examples/kazakhstan"))
        .args(["-t", "open-letter", "-f", "docx", "-o"])
        .arg(&plain)
        .output()
        .unwrap();
    assert!(out.status.success());
    let open_letter = docx_text(&plain.join("kazakhstan/open-letter.docx"));
    assert_eq!(
        letter.replace(
            "On the date of this letter, the fourth and fifth periodic report to CERD has been overdue for 1845 days.\n",
            ""
        ),
        open_letter
    );
}
