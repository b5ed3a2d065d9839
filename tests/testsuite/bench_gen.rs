//! Generated benchmark datasets: `hrdraft bench gen` writes valid countries that every template drafts, and `convert` reads its Markdown.

use std::path::Path;

use crate::support::run as hrdraft;

fn text_of_html(path: &Path) -> String {
    let html = std::fs::read_to_string(path).unwrap();
    let doc = scraper::Html::parse_document(&html);
    doc.root_element().text().collect::<Vec<_>>().join("")
}

#[test]
fn generated_countries_check_and_draft_every_template() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let out = hrdraft(&[
        "bench",
        "gen",
        "--countries",
        "3",
        "--recommendations",
        "40",
        "--assessments",
        "70",
        "--seed",
        "9",
        "-o",
        data.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let countries: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect();
    assert_eq!(countries.len(), 3);
    let names: std::collections::HashSet<_> = countries
        .iter()
        .map(|c| Path::new(c).file_name().unwrap().to_owned())
        .collect();
    assert_eq!(names.len(), 3, "short names must differ");

    for c in &countries {
        let check = hrdraft(&["check", c]);
        let said = String::from_utf8_lossy(&check.stdout);
        assert!(check.status.success(), "{said}");
        assert!(
            said.contains("40 recommendations, 70 assessments"),
            "{said}"
        );
        assert!(!said.contains("warning"), "{said}");
    }

    let html_out = dir.path().join("out");
    let mut args = vec!["draft"];
    args.extend(countries.iter().map(String::as_str));
    args.extend(["-f", "html", "-f", "pdf", "-o", html_out.to_str().unwrap()]);
    let draft = hrdraft(&args);
    assert!(
        draft.status.success(),
        "{}",
        String::from_utf8_lossy(&draft.stderr)
    );
    for c in &countries {
        let short = Path::new(c).file_name().unwrap();
        let country = std::fs::read_to_string(Path::new(c).join("country.toml")).unwrap();
        let doc: toml_edit::DocumentMut = country.parse().unwrap();
        let name = doc["country"]["name"].as_str().unwrap().to_string();
        for t in ["mia-report", "open-letter", "pledging-questions"] {
            let text = text_of_html(&html_out.join(short).join(format!("{t}.html")));
            assert!(text.contains(&name), "{t} of {name} does not name it");
            assert!(html_out.join(short).join(format!("{t}.pdf")).exists());
        }
        let mia = text_of_html(&html_out.join(short).join("mia-report.html"));
        assert!(
            mia.contains("Recommendation nº40"),
            "every recommendation is there"
        );
    }
}

#[test]
fn convert_writes_each_format_from_markdown() {
    let dir = tempfile::tempdir().unwrap();
    let md = dir.path().join("letter.md");
    std::fs::write(
        &md,
        "# Open letter\n\nDear Minister,\n\nWe write about Қазақстан.[^1]\n\n[^1]: A/HRC/14/10.\n",
    )
    .unwrap();
    for format in ["docx", "pdf", "html"] {
        let out = dir.path().join(format!("letter.{format}"));
        let run = hrdraft(&[
            "convert",
            md.to_str().unwrap(),
            "-f",
            format,
            "-o",
            out.to_str().unwrap(),
        ]);
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        assert!(std::fs::metadata(&out).unwrap().len() > 0);
    }
    let text = text_of_html(&dir.path().join("letter.html"));
    assert!(text.contains("We write about Қазақстан."), "{text}");
    let pdf = pdf_extract::extract_text(dir.path().join("letter.pdf")).unwrap();
    assert!(pdf.contains("Dear Minister"), "{pdf}");
    let bad = hrdraft(&[
        "convert",
        md.to_str().unwrap(),
        "-f",
        "odt",
        "-o",
        dir.path().join("x").to_str().unwrap(),
    ]);
    assert_eq!(bad.status.code(), Some(2));
}
