//! Every paragraph of every example DOCX read by python-docx, as Word users'
//! scripts read them: its style name and its alignment (python-docx raises
//! on values outside Word's vocabulary). `.ci/run` installs python-docx;
//! without it a plain `cargo test` prints that this was skipped.

use std::process::Command;

use crate::support::{root, run};

fn python_docx() -> bool {
    Command::new("python3")
        .args(["-c", "import docx"])
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn python_docx_reads_every_paragraphs_style_and_alignment() {
    if !python_docx() {
        eprintln!("skipped: python3 with python-docx is not installed (pip install python-docx; .ci/run installs it)");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let mut args = vec!["draft".to_string()];
    for d in [
        "kazakhstan",
        "valdoria",
        "norvania",
        "federated-isles",
        "marelia",
        "brevonia",
        "ostravia",
        "solvane",
        "kestria",
        "morvaris",
        "ardenne",
        "lumeria",
        "tavaru",
    ] {
        args.push(root().join("examples").join(d).display().to_string());
    }
    args.extend([
        "-f".into(),
        "docx".into(),
        "-o".into(),
        out.display().to_string(),
    ]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let drafted = run(&args);
    assert!(
        drafted.status.success(),
        "{}",
        String::from_utf8_lossy(&drafted.stderr)
    );
    let mut files = Vec::new();
    for country in std::fs::read_dir(&out).unwrap() {
        for f in std::fs::read_dir(country.unwrap().path()).unwrap() {
            files.push(f.unwrap().path());
        }
    }
    files.sort();
    // Brevonia and Marelia record no assessment round: no MIA of theirs.
    assert_eq!(files.len(), 32, "{files:?}");
    let read = Command::new("python3")
        .arg(root().join("tests/fixtures/python/docx_styles.py"))
        .args(&files)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&read.stdout);
    assert!(
        read.status.success(),
        "python-docx could not read them:\n{}",
        String::from_utf8_lossy(&read.stderr)
    );
    let lines: Vec<Vec<&str>> = stdout.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(lines.len(), 32, "{stdout}");
    for l in &lines {
        let paragraphs: usize = l[1].parse().unwrap();
        assert!(paragraphs > 10, "{l:?}");
        // Body text is in named styles, never the built-in default alone.
        assert!(
            l[2].contains("Body Text") || l[2].contains("Normal"),
            "{l:?}"
        );
    }
    let mia = lines
        .iter()
        .find(|l| l[0].ends_with("kazakhstan/mia-report.docx"))
        .unwrap();
    assert!(mia[2].contains("Heading 1"), "{mia:?}");
    // Each kind of paragraph is a named style and carries no formatting of
    // its own: a Word user restyles every label by restyling "Label".
    for style in ["Recommendation", "Assessment", "Label", "Separator"] {
        assert!(mia[2].split('|').any(|s| s == style), "{style}: {mia:?}");
    }
    for doc in ["mia-report", "open-letter", "pledging-questions"] {
        let l = lines
            .iter()
            .find(|l| l[0].ends_with(&format!("kazakhstan/{doc}.docx")))
            .unwrap();
        assert_eq!(
            (l[4], l[5]),
            ("0", "0"),
            "direct alignment, direct runs: {l:?}"
        );
        if doc != "mia-report" {
            for style in ["Dateline", "Salutation", "Subject"] {
                assert!(l[2].split('|').any(|s| s == style), "{style}: {l:?}");
            }
        }
    }
    eprintln!("{stdout}");
}
