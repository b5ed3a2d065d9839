//! `hrdraft import upr-info`: the sample export in examples/upr-info into a new dataset
//! (which then checks and renders an MIA), into a copy of the Valdoria example, and the
//! bad rows refused one by one.

use std::path::Path;
use std::process::Output;

use crate::support::run as hrdraft;
use calamine::{Data, Reader};
use hrdraft::sdk::Response;

use crate::support::root;

fn text(out: &[u8]) -> String {
    String::from_utf8_lossy(out).into_owned()
}

fn sample(name: &str) -> String {
    root()
        .join("examples/upr-info")
        .join(name)
        .display()
        .to_string()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// The rows of the sample CSV, as text.
fn csv_rows(path: &str) -> Vec<Vec<String>> {
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_path(path)
        .unwrap();
    r.records()
        .map(|rec| rec.unwrap().iter().map(str::to_string).collect())
        .collect()
}

fn import(file: &str, dir: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "import",
        "upr-info",
        file,
        "--country",
        "Valdoria",
        "-o",
        s(dir),
    ];
    args.extend_from_slice(extra);
    hrdraft(&args)
}

#[test]
fn the_sample_becomes_a_dataset_that_checks_and_renders_an_mia() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("valdoria");

    // A new cycle needs its review date.
    let out = import(&sample("sample.csv"), &dir, &[]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("--review-date"));
    assert!(!dir.join("upr.toml").exists());

    let out = import(
        &sample("sample.csv"),
        &dir,
        &["--review-date", "2022-11-09"],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("15 added, 0 already in the dataset, 2 rows for other States skipped"),
        "{stdout}"
    );
    assert!(stdout.contains("has no country.toml yet"), "{stdout}");
    let upr = std::fs::read_to_string(dir.join("upr.toml")).unwrap();
    assert!(upr.starts_with("# UPR recommendations of Valdoria, imported from the UPR Info"));

    // What the tests of other features need to make it a whole dataset.
    std::fs::copy(
        root().join("examples/valdoria/country.toml"),
        dir.join("country.toml"),
    )
    .unwrap();
    std::fs::write(
        dir.join("documents.toml"),
        "[author]\norganisation = \"Civic Watch Valdoria\"\n\n[[documents]]\ntemplate = \"mia-report\"\ndate = 2025-03-20\n",
    )
    .unwrap();
    let out = hrdraft(&["check", s(&dir)]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("valid (15 recommendations, 0 assessments"));

    // The dataset holds the rows of Valdoria, in file order, numbered from 1.
    let dataset = hrdraft::dataset::load(&dir).unwrap().dataset;
    let rows: Vec<Vec<String>> = csv_rows(&sample("sample.csv"))
        .into_iter()
        .skip(1)
        .filter(|r| r[2] == "Valdoria")
        .collect();
    assert_eq!(rows.len(), 15);
    let cycle = &dataset.upr.cycles[0];
    assert_eq!((cycle.number, cycle.session), (4, Some(41)));
    assert_eq!(cycle.review_date.to_string(), "2022-11-09");
    assert_eq!(dataset.sources[0].id, cycle.report);
    for (i, (rec, row)) in dataset.upr.recommendations.iter().zip(&rows).enumerate() {
        assert_eq!(rec.number, i as u32 + 1);
        assert_eq!(rec.cycle, 4);
        assert_eq!(rec.text, row[0]);
        assert_eq!(rec.recommending_state, row[1]);
        let response = if row[5] == "Supported" {
            Response::Accepted
        } else {
            Response::Noted
        };
        assert_eq!(rec.response, response, "{}", rec.text);
        assert_eq!(
            rec.action_category.map(|a| a.to_string()),
            Some(row[6].clone())
        );
        assert!(rec.assessments.is_empty());
    }
    let stateless = dataset
        .upr
        .recommendations
        .iter()
        .find(|r| r.text.contains("Statelessness"))
        .unwrap();
    assert_eq!(
        stateless.issues,
        ["International instruments", "Statelessness"]
    );
    let business = dataset
        .upr
        .recommendations
        .iter()
        .find(|r| r.text.contains("business and human rights"))
        .unwrap();
    assert_eq!(
        business.issues,
        ["Business and human rights", "Indigenous peoples"]
    );
    assert_eq!(business.response, Response::Noted);

    // An MIA, in which every recommendation is uncommented.
    let out_dir = tmp.path().join("out");
    let out = hrdraft(&[
        "render",
        s(&dir),
        "-t",
        "mia-report",
        "-f",
        "html",
        "-o",
        s(&out_dir),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let html = std::fs::read_to_string(out_dir.join("valdoria/mia-report.html")).unwrap();
    let page = scraper::Html::parse_document(&html);
    let heading = scraper::Selector::parse("h1, h2").unwrap();
    assert!(page
        .select(&heading)
        .any(|h| h.text().collect::<String>().trim() == "Uncommented recommendations"));
    let table = scraper::Selector::parse("table").unwrap();
    let cell = scraper::Selector::parse("tbody tr").unwrap();
    let last = page.select(&table).next_back().unwrap();
    let listed: Vec<String> = last
        .select(&cell)
        .map(|tr| tr.text().collect::<String>())
        .collect();
    assert_eq!(listed.len(), 15, "{listed:?}");
    // Markdown characters in the text come out as written.
    assert!(listed[1].contains(&rows[1][0]), "{}", listed[1]);
    let body: String = page.root_element().text().collect();
    assert!(body.contains("No answer was received for 15 out of 15 recommendations"));

    // Importing the same export again adds nothing and changes no byte.
    let out = import(&sample("sample.csv"), &dir, &[]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("nothing to add (0 added, 15 already in the dataset"),
        "{}",
        text(&out.stdout)
    );
    assert_eq!(std::fs::read_to_string(dir.join("upr.toml")).unwrap(), upr);
}

#[test]
fn an_existing_cycle_gets_the_new_recommendations_numbered_after_its_own() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("valdoria");
    std::fs::create_dir_all(&dir).unwrap();
    for entry in std::fs::read_dir(root().join("examples/valdoria")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), dir.join(entry.file_name())).unwrap();
    }
    let original = std::fs::read_to_string(dir.join("upr.toml")).unwrap();

    let out = import(&sample("sample.csv"), &dir, &["--dry-run"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("3 added, 12 already in the dataset"),
        "{stdout}"
    );
    assert!(
        stdout.contains("row 6: add recommendation 13 (Kelmar Islands)"),
        "{stdout}"
    );
    assert!(
        stdout.contains("row 2: already in the dataset as recommendation 1"),
        "{stdout}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("upr.toml")).unwrap(),
        original
    );

    let out = import(&sample("sample.csv"), &dir, &[]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("(numbers 13-15)"),
        "{}",
        text(&out.stdout)
    );
    let merged = std::fs::read_to_string(dir.join("upr.toml")).unwrap();
    assert!(
        merged.starts_with(&original),
        "the new entries go at the end"
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("upr.toml.bak")).unwrap(),
        original
    );
    // No source was added: the cycle exists.
    assert!(!dir.join("sources.toml.bak").exists());
    let dataset = hrdraft::dataset::load(&dir).unwrap().dataset;
    let numbers: Vec<u32> = dataset
        .upr
        .recommendations
        .iter()
        .map(|r| r.number)
        .collect();
    assert_eq!(numbers, (1..=15).collect::<Vec<_>>());
}

#[test]
fn bad_rows_are_refused_with_their_row_numbers() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("new");
    let out = import(&sample("bad.csv"), &dir, &["--review-date", "2022-11-09"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    for expected in [
        "bad.csv: row 3: the response \"Pending\" is not one of \"Supported\", \"Accepted\", \"Noted\", \"Rejected\"",
        "bad.csv: row 4: the recommendation's text is empty",
        "bad.csv: row 5: the action category \"9\" is not a number from 1 to 5",
        "bad.csv: row 6: the same recommendation by Norland is on row 2",
        "4 rows refused; nothing was written",
    ] {
        assert!(stderr.contains(expected), "{expected}\n{stderr}");
    }
    assert!(!stderr.contains("row 2:"), "{stderr}");
    assert!(!dir.exists());
}

#[test]
fn an_export_of_several_cycles_is_imported_one_cycle_at_a_time() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("two-cycles.csv");
    std::fs::write(
        &file,
        "State under Review;Recommendation;Recommending State;Response;Cycle;Session;Issues\n\
         valdoria;Ratify the Optional Protocol to the Convention against Torture;Norland;Accepted;Cycle 3;27;Torture and other CID treatment, International instruments\n\
         Valdoria;Abolish the death penalty;Estmark;Rejected;Cycle 4;41;Death penalty\n",
    )
    .unwrap();
    let dir = tmp.path().join("d");
    let out = import(s(&file), &dir, &["--review-date", "2017-05-10"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("holds recommendations of cycles 3, 4 for Valdoria"),
        "{}",
        text(&out.stderr)
    );
    let out = import(
        s(&file),
        &dir,
        &["--review-date", "2017-05", "--cycle", "3"],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout)
            .contains("1 added, 0 already in the dataset, 1 row of other cycles skipped"),
        "{}",
        text(&out.stdout)
    );
    let upr = std::fs::read_to_string(dir.join("upr.toml")).unwrap();
    assert!(upr.contains("review_date = \"2017-05\""), "{upr}");
    assert!(upr.contains("session = 27"), "{upr}");
    assert!(
        upr.contains(
            "issues = [\"Torture and other CID treatment\", \"International instruments\"]"
        ),
        "{upr}"
    );
}

/// The committed sample.xlsx holds the same rows as sample.csv.
#[test]
fn the_xlsx_sample_matches_the_csv_sample() {
    let mut book = calamine::open_workbook_auto(sample("sample.xlsx")).unwrap();
    let (_, range) = book.worksheets().into_iter().next().unwrap();
    let rows: Vec<Vec<String>> = range
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Data::String(s) => s.clone(),
                    Data::Float(f) => f.to_string(),
                    Data::Empty => String::new(),
                    other => panic!("{other:?}"),
                })
                .collect()
        })
        .collect();
    assert_eq!(rows, csv_rows(&sample("sample.csv")));

    // And imports the same.
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    for (file, dir) in [(sample("sample.csv"), &a), (sample("sample.xlsx"), &b)] {
        let out = import(&file, dir, &["--review-date", "2022-11-09"]);
        assert!(out.status.success(), "{}", text(&out.stderr));
    }
    let upr = |d: &Path| std::fs::read_to_string(d.join("upr.toml")).unwrap();
    assert_eq!(upr(&a), upr(&b).replace("sample.xlsx", "sample.csv"));
}

/// Writes examples/upr-info/sample.xlsx from sample.csv:
/// `cargo test --test upr_info -- --ignored write_sample_xlsx`.
#[test]
#[ignore = "writes into examples/; run by hand when sample.csv changes"]
fn write_sample_xlsx() {
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("Recommendations").unwrap();
    for (r, row) in csv_rows(&sample("sample.csv")).iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            match cell.parse::<f64>() {
                Ok(n) if r > 0 => ws.write_number(r as u32, c as u16, n).unwrap(),
                _ => ws.write_string(r as u32, c as u16, cell).unwrap(),
            };
        }
    }
    let created = rust_xlsxwriter::ExcelDateTime::from_ymd(2025, 1, 1).unwrap();
    book.set_properties(&rust_xlsxwriter::DocProperties::new().set_creation_datetime(&created));
    book.save(sample("sample.xlsx")).unwrap();
}
