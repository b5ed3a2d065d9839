//! A cycle assessed twice: the Valdoria MIA of the follow-up assessment
//! (October 2026) read back from PDF, DOCX and HTML, with what moved since
//! the mid-term and the chart's numbers; dated at the mid-term, the same
//! dataset drafts the one-round report.

use std::collections::BTreeMap;

use super::{find, read, render, root};

/// The chart's numbers: (theme, round, not, partially, fully), top to bottom.
const CHART: [(&str, &str, u32, u32, u32); 6] = [
    ("CP Rights", "2025", 1, 1, 0),
    ("", "2026", 0, 2, 1),
    ("Justice", "2025", 2, 2, 0),
    ("", "2026", 1, 1, 2),
    ("Women & Children", "2025", 0, 1, 3),
    ("", "2026", 0, 2, 2),
];

const MOVED: [&str; 3] = [
    "2 recommendations moved from not implemented to partially implemented.",
    "3 recommendations moved from partially implemented to fully implemented.",
    "1 recommendation moved from fully implemented to partially implemented.",
];

#[test]
fn two_rounds_read_back_from_every_format() {
    let tmp = tempfile::tempdir().unwrap();
    let paths = render(
        "valdoria",
        "mia-report",
        &["pdf", "docx", "html"],
        tmp.path(),
    );

    // HTML: the totals moved, the chart as SVG with a description, and its
    // numbers as a table.
    let html = read::html(find(&paths, "html"));
    let text = read::html_texts(&html, "body").join(" ");
    for m in MOVED {
        assert!(text.contains(m), "HTML lacks {m:?}");
    }
    assert!(text.contains("Of the 10 recommendations with a level in both assessments, 5 moved to a higher level, 1 to a lower one and 4 stayed at the same level."));
    // The report says which round it is, from its title on.
    assert!(text.contains("Valdoria Follow-up Implementation Assessment"));
    assert!(text.contains("Later in the cycle it asks them again: this document is its follow-up assessment of 15 October 2026, compared below with the mid-term assessment of 20 March 2025."));
    assert!(text.contains("This follow-up assessment of 15 October 2026 is compared with the mid-term assessment of 20 March 2025."));
    assert!(
        text.contains("cannot be compared: they have no level in at least one of the two."),
        "{text}"
    );
    assert!(text.contains("fully implemented (mid-term assessment: partially implemented)"));
    let svg = read::html_texts(&html, "figure.chart svg desc").join("");
    assert!(
        svg.contains(
            "CP Rights, 2026: Not implemented 0, Partially implemented 2, Fully implemented 1"
        ),
        "{svg}"
    );
    let cells = read::html_texts(&html, "figure.chart td");
    let rows: Vec<String> = cells.chunks(5).map(|r| r.join("|")).collect();
    let want: Vec<String> = CHART
        .iter()
        .map(|(t, r, n, p, f)| format!("{t}|{r}|{n}|{p}|{f}"))
        .collect();
    assert_eq!(rows, want);
    // Per recommendation: 6 fell from fully to partially.
    let per_rec = read::html_texts(&html, "td").join("|");
    assert!(
        per_rec.contains(
            "|6|Women’s rights, Violence against women|fully impl.|partially impl.|lower|"
        ),
        "{per_rec}"
    );

    // DOCX: a chart part whose cached values are the numbers, and its
    // description in words.
    let parts = read::docx_parts(find(&paths, "docx"));
    let chart = roxmltree::Document::parse(&parts["word/charts/chart1.xml"]).unwrap();
    let series: Vec<(String, BTreeMap<usize, String>)> = chart
        .descendants()
        .filter(|n| n.tag_name().name() == "ser")
        .map(|ser| {
            let name = ser
                .descendants()
                .find(|n| n.tag_name().name() == "tx")
                .and_then(|t| t.descendants().find(|n| n.tag_name().name() == "v"))
                .and_then(|v| v.text())
                .unwrap_or_default()
                .to_string();
            let val = ser
                .descendants()
                .find(|n| n.tag_name().name() == "val")
                .unwrap();
            let points = val
                .descendants()
                .filter(|n| n.tag_name().name() == "pt")
                .map(|pt| {
                    let idx: usize = pt.attribute("idx").unwrap().parse().unwrap();
                    let v = pt.descendants().find(|n| n.tag_name().name() == "v");
                    (
                        idx,
                        v.and_then(|v| v.text()).unwrap_or_default().to_string(),
                    )
                })
                .collect();
            (name, points)
        })
        .collect();
    let names: Vec<&str> = series.iter().map(|s| s.0.as_str()).collect();
    assert_eq!(
        names,
        [
            "Not implemented",
            "Partially implemented",
            "Fully implemented"
        ]
    );
    for (k, (_, _, n, p, f)) in CHART.iter().enumerate() {
        for (s, want) in series.iter().zip([n, p, f]) {
            // Zeros are left out of the cache.
            let got = s.1.get(&k).map_or(0, |v| v.parse::<u32>().unwrap());
            assert_eq!(got, *want, "{} of bar {k}", s.0);
        }
    }
    assert!(parts["word/document.xml"].contains(
        "descr=\"IRI levels by theme, 2025 and 2026. CP Rights, 2025: Not implemented 1"
    ));
    assert!(parts["[Content_Types].xml"].contains("/word/charts/chart1.xml"));
    assert!(parts["word/_rels/document.xml.rels"].contains("charts/chart1.xml"));
    let body = read::docx_paragraphs(&parts).join("\n");
    for m in MOVED {
        assert!(body.contains(m), "DOCX lacks {m:?}");
    }

    // PDF: the same sentences, and the chart's labels and numbers drawn as text.
    let pages = read::pdf_pages(find(&paths, "pdf"));
    let all = read::squash(&pages.concat());
    for m in MOVED {
        assert!(all.contains(&read::squash(m)), "PDF lacks {m:?}");
    }
    let chart_page = pages
        .iter()
        .find(|p| read::squash(p).contains(&read::squash("IRI levels by theme, 2025 and 2026")))
        .expect("no page with the chart");
    let squashed = read::squash(chart_page);
    for label in [
        "CP Rights",
        "Justice",
        "Women & Children",
        "Not implemented",
        "Partially implemented",
        "Fully implemented",
    ] {
        assert!(
            squashed.contains(&read::squash(label)),
            "chart page lacks {label}"
        );
    }
}

#[test]
fn dated_at_the_mid_term_the_report_has_one_round() {
    let tmp = tempfile::tempdir().unwrap();
    let ds = tmp.path().join("valdoria");
    std::fs::create_dir_all(&ds).unwrap();
    for entry in std::fs::read_dir(root().join("examples/valdoria")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), ds.join(entry.file_name())).unwrap();
    }
    let docs = std::fs::read_to_string(ds.join("documents.toml")).unwrap();
    let docs = docs.replace("date = 2026-10-15", "date = 2025-03-20");
    std::fs::write(ds.join("documents.toml"), docs).unwrap();
    let out = crate::support::hrdraft()
        .args(["render"])
        .arg(&ds)
        .args(["-t", "mia-report", "-f", "md", "-o"])
        .arg(tmp.path().join("out"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let md = std::fs::read_to_string(tmp.path().join("out/valdoria/mia-report.md")).unwrap();
    assert!(md.contains("3 recommendations are not implemented, 4 recommendations are partially implemented, and 3 recommendations are fully implemented."));
    assert!(!md.contains("Change since"));
    assert!(!md.contains("class=\"chart\""));
    assert!(!md.contains("mid-term assessment:"));
}
