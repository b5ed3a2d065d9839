//! Text the PDF cannot show as written: said in a warning, never lost
//! silently, and kept in the other formats.

use super::Sandbox;

#[test]
fn characters_the_pdf_font_lacks_are_warned_about_never_dropped_silently() {
    let sb = Sandbox::new();
    let args = [
        "render",
        "ds",
        "-t",
        "open-letter",
        "-f",
        "pdf",
        "-f",
        "html",
        "-o",
        "fresh",
    ];
    let run = sb.run(args, &[]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(!run.stderr.contains("no glyph"), "{}", run.stderr);

    sb.edit(
        "country.toml",
        "name = \"Arcadia\"",
        "name = \"Arcadia 😀 中文\"",
    );
    let run = sb.run(args, &[]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "warning: open-letter.pdf: the PDF's font has no glyph for 😀 (U+1F600), 中 (U+4E2D), \
             文 (U+6587), so the PDF shows each as a replacement mark"
        ),
        "{}",
        run.stderr
    );
    assert!(run
        .stderr
        .contains("the DOCX and HTML show them as written"));
    assert!(sb
        .read("fresh/arcadia/open-letter.html")
        .contains("Arcadia 😀 中文"));
    // draft says it too, naming the dataset.
    let run = sb.run(["draft", "ds", "-f", "pdf", "-o", "fresh"], &[]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("arcadia/open-letter.pdf: the PDF's font has no glyph for 😀"),
        "{}",
        run.stderr
    );
    // With --json, nothing on stderr: the warning is in the report.
    let run = sb.run(
        [
            "render",
            "ds",
            "-t",
            "open-letter",
            "-f",
            "pdf",
            "-o",
            "fresh",
            "--json",
        ],
        &[],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let warning = report["warnings"][0].as_str().unwrap_or_default();
    assert!(
        warning.starts_with("open-letter.pdf: the PDF's font has no glyph for 😀 (U+1F600)"),
        "{report}"
    );
    let run = sb.run(["draft", "ds", "-f", "pdf", "-o", "fresh", "--json"], &[]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    // One warning for each of the three documents, in the order of their files.
    let warnings: Vec<&str> = report["warnings"]
        .as_array()
        .map(|w| w.iter().filter_map(|w| w.as_str()).collect())
        .unwrap_or_default();
    assert_eq!(warnings.len(), 3, "{report}");
    for (warning, document) in
        warnings
            .iter()
            .zip(["mia-report", "open-letter", "pledging-questions"])
    {
        assert!(
            warning.starts_with(&format!(
                "arcadia/{document}.pdf: the PDF's font has no glyph"
            )),
            "{report}"
        );
    }
}
