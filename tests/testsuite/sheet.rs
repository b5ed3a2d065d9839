//! The stakeholder response sheet, round trip: `sheet export` for the Kazakhstan example,
//! filled in programmatically (.xlsx and .csv), `sheet import`, and the dataset and its
//! index read back. Every test works on a copy of the example in a temporary directory.

use std::io::Read;
use std::path::{Path, PathBuf};

use calamine::{Data, Reader};
use hrdraft::plugin_host::Registry;
use hrdraft::sdk::{ImplementationLevel, Options};
use rust_xlsxwriter::Workbook;
use serde_json::Value;

use crate::support::run as hrdraft;

const HEADER: [&str; 7] = [
    "Number",
    "Recommendation",
    "Recommending State",
    "Response",
    "Issues",
    "Implementation level",
    "Comment",
];

fn text(out: &[u8]) -> String {
    String::from_utf8_lossy(out).into_owned()
}

/// A copy of examples/kazakhstan, to be changed freely.
fn kazakhstan(tmp: &Path) -> PathBuf {
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/kazakhstan");
    let to = tmp.join("kazakhstan");
    std::fs::create_dir_all(&to).unwrap();
    for entry in std::fs::read_dir(&from).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
    }
    to
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Every worksheet of a workbook, as rows of cells.
fn read_book(path: &Path) -> Vec<(String, Vec<Vec<Data>>)> {
    let mut book = calamine::open_workbook_auto(path).unwrap();
    book.worksheets()
        .into_iter()
        .map(|(name, range)| (name, range.rows().map(<[Data]>::to_vec).collect()))
        .collect()
}

fn cell_str(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Empty => String::new(),
        other => panic!("unexpected cell {other:?}"),
    }
}

/// One part of the xlsx package, as text.
fn part(path: &Path, name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut out = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut out).unwrap();
    out
}

/// The IRI plugin's totals for the dataset in `dir`.
fn totals(dir: &Path) -> Value {
    let loaded = hrdraft::dataset::load(dir).unwrap();
    let out = Registry::builtin()
        .run("iri", &loaded.dataset, &Options::new())
        .unwrap();
    out["totals"].clone()
}

fn count(totals: &Value, key: &str) -> u64 {
    totals[key].as_u64().unwrap()
}

/// Export the sheet for `dataset` to `path`.
fn export(dataset: &Path, path: &Path, extra: &[&str]) {
    let mut args = vec!["sheet", "export", s(dataset), "-o", s(path)];
    args.extend_from_slice(extra);
    let out = hrdraft(&args);
    assert!(out.status.success(), "{}", text(&out.stderr));
}

/// Write a filled copy of an exported sheet: `fill` maps a recommendation
/// number to (level, comment). The About sheet is copied too.
fn fill_xlsx(exported: &Path, filled: &Path, fill: &[(u32, &str, &str)]) {
    let sheets = read_book(exported);
    let mut book = Workbook::new();
    for (name, rows) in &sheets {
        let ws = book.add_worksheet();
        ws.set_name(name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                match cell {
                    Data::String(t) => {
                        ws.write_string(r as u32, c as u16, t).unwrap();
                    }
                    Data::Float(f) => {
                        ws.write_number(r as u32, c as u16, *f).unwrap();
                    }
                    _ => {}
                }
            }
            if name == "Recommendations" && r > 0 {
                let number = cell_str(&row[0]).parse::<u32>().unwrap();
                if let Some((_, level, comment)) = fill.iter().find(|(n, _, _)| *n == number) {
                    ws.write_string(r as u32, 5, *level).unwrap();
                    ws.write_string(r as u32, 6, *comment).unwrap();
                }
            }
        }
    }
    book.save(filled).unwrap();
}

#[test]
fn export_writes_one_protected_row_per_recommendation_with_a_level_list() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = kazakhstan(tmp.path());
    let sheet = tmp.path().join("sheet.xlsx");
    export(&dir, &sheet, &["--cycle", "1"]);

    let book = read_book(&sheet);
    let names: Vec<&str> = book.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["Recommendations", "About"]);
    let rows = &book[0].1;
    let header: Vec<String> = rows[0].iter().map(cell_str).collect();
    assert_eq!(header, HEADER);
    assert_eq!(rows.len(), 130, "a header and 129 recommendations");
    let dataset = hrdraft::dataset::load(&dir).unwrap().dataset;
    for (i, row) in rows[1..].iter().enumerate() {
        let n = i as u32 + 1;
        assert_eq!(row[0], Data::Float(f64::from(n)));
        let rec = dataset
            .upr
            .recommendations
            .iter()
            .find(|r| r.number == n)
            .unwrap();
        assert_eq!(cell_str(&row[1]), rec.text);
        assert_eq!(cell_str(&row[2]), rec.recommending_state);
        assert_eq!(cell_str(&row[4]), rec.issues.join("; "));
        // Nothing filled in without --stakeholder.
        assert_eq!(cell_str(&row[5]), "");
        assert_eq!(cell_str(&row[6]), "");
    }
    assert_eq!(cell_str(&rows[1][3]), "Noted"); // 1 was rejected (F18)
    assert_eq!(cell_str(&rows[2][3]), "Accepted"); // 97.16, accepted in the addendum
    let about: Vec<Vec<String>> = book[1]
        .1
        .iter()
        .map(|r| r.iter().map(cell_str).collect())
        .collect();
    assert!(about.contains(&vec!["State under Review".into(), "Kazakhstan".into()]));
    assert!(about.contains(&vec!["Cycle".into(), "1".into()]));

    // What calamine does not read: the list, the frozen header, the protection.
    let xml = part(&sheet, "xl/worksheets/sheet1.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let dv = doc
        .descendants()
        .find(|n| n.has_tag_name("dataValidation"))
        .expect("a data validation");
    assert_eq!(dv.attribute("type"), Some("list"));
    assert_eq!(dv.attribute("sqref"), Some("F2:F130"));
    let formula = dv
        .descendants()
        .find(|n| n.has_tag_name("formula1"))
        .unwrap();
    assert_eq!(
        formula.text(),
        Some("\"not implemented,partially implemented,fully implemented\"")
    );
    let pane = doc.descendants().find(|n| n.has_tag_name("pane")).unwrap();
    assert_eq!(pane.attribute("ySplit"), Some("1"));
    assert_eq!(pane.attribute("state"), Some("frozen"));
    assert!(doc.descendants().any(|n| n.has_tag_name("sheetProtection")));
    // Column widths are set for reading, not left at Excel's 8.43.
    let widths: Vec<f64> = doc
        .descendants()
        .filter(|n| n.has_tag_name("col"))
        .map(|n| n.attribute("width").unwrap().parse().unwrap())
        .collect();
    assert_eq!(widths.len(), 7);
    assert!(widths[1] >= 50.0 && widths[6] >= 50.0, "{widths:?}");

    // The level and comment cells are unlocked, the others locked.
    let styles = part(&sheet, "xl/styles.xml");
    let styles = roxmltree::Document::parse(&styles).unwrap();
    let xfs: Vec<roxmltree::Node> = styles
        .descendants()
        .find(|n| n.has_tag_name("cellXfs"))
        .unwrap()
        .children()
        .filter(|n| n.has_tag_name("xf"))
        .collect();
    let unlocked = |cell: &str| {
        let c = doc
            .descendants()
            .find(|n| n.has_tag_name("c") && n.attribute("r") == Some(cell))
            .unwrap();
        let xf = xfs[c.attribute("s").unwrap_or("0").parse::<usize>().unwrap()];
        xf.children()
            .any(|p| p.has_tag_name("protection") && p.attribute("locked") == Some("0"))
    };
    assert!(unlocked("F2") && unlocked("G130"));
    assert!(!unlocked("A2") && !unlocked("B2") && !unlocked("E130"));

    // The same dataset gives the same bytes.
    let again = tmp.path().join("again.xlsx");
    export(&dir, &again, &[]);
    assert_eq!(
        std::fs::read(&sheet).unwrap(),
        std::fs::read(&again).unwrap()
    );
}

/// From the second cycle on, the sheet calls an accepted recommendation
/// "Supported", as the UPR and the MIA do.
#[test]
fn a_later_cycle_sheet_says_supported() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = crate::support::example_copy("ardenne", tmp.path(), |_, text| text);
    let sheet = tmp.path().join("sheet.xlsx");
    export(&dir, &sheet, &[]);
    let book = read_book(&sheet);
    let responses: Vec<String> = book[0].1[1..].iter().map(|r| cell_str(&r[3])).collect();
    assert!(responses.iter().any(|r| r == "Supported"), "{responses:?}");
    assert!(responses.iter().any(|r| r == "Noted"), "{responses:?}");
    assert!(!responses.iter().any(|r| r == "Accepted"), "{responses:?}");
}

#[test]
fn a_filled_sheet_adds_assessments_keeps_the_comments_and_moves_the_index() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = kazakhstan(tmp.path());
    let upr = dir.join("upr.toml");
    let original = std::fs::read_to_string(&upr).unwrap();
    let before = totals(&dir);
    assert_eq!(
        (
            count(&before, "not"),
            count(&before, "partially"),
            count(&before, "fully"),
            count(&before, "no_answer"),
            count(&before, "no_level")
        ),
        (66, 41, 11, 9, 2)
    );

    let exported = tmp.path().join("sheet.xlsx");
    export(&dir, &exported, &[]);
    let filled = tmp.path().join("filled.xlsx");
    fill_xlsx(
        &exported,
        &filled,
        &[
            // Uncommented until now.
            (
                41,
                "fully implemented",
                "A new social code took effect in 2014.",
            ),
            // Two lines of a cell (Alt+Enter): two paragraphs.
            (
                46,
                "Partially Implemented",
                "Some progress.\nBut not enough.",
            ),
            (47, "", "We could not find out."),
            // Answered without a level until now.
            (77, "not", ""),
        ],
    );
    let out = hrdraft(&[
        "sheet",
        "import",
        s(&dir),
        s(&filled),
        "--stakeholder",
        "NEWORG",
        "--name",
        "New Organisation for Rights",
        "--kind",
        "ngo",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("4 added, 0 changed, 0 unchanged, 125 skipped"),
        "{stdout}"
    );

    // Nothing of the original file is lost: its lines appear in order, comments included.
    let merged = std::fs::read_to_string(&upr).unwrap();
    let mut lines = merged.lines();
    for line in original.lines() {
        assert!(
            lines.any(|l| l == line),
            "line lost or moved: {line:?}\n{merged}"
        );
    }
    for comment in [
        "# Kazakhstan: the Universal Periodic Review, first cycle (2010), and UPR Info's",
        "# the footnote to that \"*\":",
        "# A/HRC/14/10 para. 1: the Working Group's seventh session (8-19 February 2010);",
    ] {
        assert!(merged.contains(comment), "{comment}");
    }
    assert!(merged.contains(
        "\n[[stakeholders]]\nabbreviation = \"NEWORG\"\nname = \"New Organisation for Rights\"\nkind = \"ngo\"\n"
    ));
    assert!(merged.contains(
        "[[recommendations.assessments]]\nstakeholder = \"NEWORG\"\nlevel = \"partially\"\ncomment = '''\nSome progress.\n\nBut not enough.\n'''\n"
    ));
    assert_eq!(
        std::fs::read_to_string(dir.join("upr.toml.bak")).unwrap(),
        original
    );

    let dataset = hrdraft::dataset::load(&dir).unwrap().dataset;
    let assessment = |n: u32| {
        dataset
            .upr
            .recommendations
            .iter()
            .find(|r| r.number == n)
            .unwrap()
            .assessments
            .iter()
            .find(|a| a.stakeholder == "NEWORG")
            .cloned()
    };
    let a41 = assessment(41).unwrap();
    assert_eq!(a41.level, Some(ImplementationLevel::Fully));
    assert_eq!(a41.comment.trim(), "A new social code took effect in 2014.");
    assert_eq!(assessment(47).unwrap().level, None);
    assert_eq!(assessment(77).unwrap().comment, "");
    assert!(assessment(1).is_none());

    // 41 and 46 are answered now, 47 answered without a level, 77 has a level.
    let after = totals(&dir);
    assert_eq!(count(&after, "fully"), 12);
    assert_eq!(count(&after, "partially"), 42);
    assert_eq!(count(&after, "not"), 67);
    assert_eq!(count(&after, "no_answer"), 6);
    assert_eq!(count(&after, "no_level"), 2); // 112 and 47; 77 left
    assert_eq!(count(&after, "total"), 129);

    // Importing the same sheet again changes nothing, not even a byte.
    let out = hrdraft(&[
        "sheet",
        "import",
        s(&dir),
        s(&filled),
        "--stakeholder",
        "NEWORG",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("unchanged"),
        "{}",
        text(&out.stdout)
    );
    assert_eq!(std::fs::read_to_string(&upr).unwrap(), merged);

    // The stakeholder revises its answers in CSV: the export carries them.
    let csv_path = tmp.path().join("neworg.csv");
    export(&dir, &csv_path, &["--stakeholder", "NEWORG"]);
    let mut reader = csv::Reader::from_path(&csv_path).unwrap();
    assert_eq!(reader.headers().unwrap().iter().collect::<Vec<_>>(), HEADER);
    let mut records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), 129);
    assert_eq!(&records[40][5], "fully implemented");
    assert_eq!(&records[45][6], "Some progress.\n\nBut not enough.");
    records[40] = csv::StringRecord::from(
        records[40]
            .iter()
            .enumerate()
            .map(|(i, c)| match i {
                5 => "NOT IMPLEMENTED",
                6 => "The code was withdrawn.",
                _ => c,
            })
            .collect::<Vec<_>>(),
    );
    let mut w = csv::Writer::from_path(&csv_path).unwrap();
    w.write_record(HEADER).unwrap();
    for r in &records {
        w.write_record(r).unwrap();
    }
    w.flush().unwrap();
    drop(w);
    let out = hrdraft(&[
        "sheet",
        "import",
        s(&dir),
        s(&csv_path),
        "--stakeholder",
        "NEWORG",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("0 added, 1 changed, 3 unchanged"),
        "{}",
        text(&out.stdout)
    );
    let after_csv = totals(&dir);
    assert_eq!(count(&after_csv, "fully"), 11);
    assert_eq!(count(&after_csv, "not"), 68);
    assert_eq!(
        std::fs::read_to_string(dir.join("upr.toml.bak")).unwrap(),
        merged
    );
}

#[test]
fn bad_rows_are_refused_one_by_one_and_nothing_is_written() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = kazakhstan(tmp.path());
    let upr = dir.join("upr.toml");
    let original = std::fs::read(&upr).unwrap();
    let sheet = tmp.path().join("bad.csv");
    std::fs::write(
        &sheet,
        "Number,Recommendation,Implementation level,Comment\n\
         41,,fully implemented,Fine.\n\
         42,,partial,A level that is not one.\n\
         999,,not implemented,No such recommendation.\n\
         43,,,\n\
         44,,not,Fine too.\n\
         41,,not,Twice.\n",
    )
    .unwrap();
    let out = hrdraft(&[
        "sheet",
        "import",
        s(&dir),
        s(&sheet),
        "--stakeholder",
        "F18",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("row 3: the level \"partial\" is not one of \"not implemented\", \"partially implemented\", \"fully implemented\""),
        "{stderr}"
    );
    assert!(
        stderr.contains("row 4: there is no recommendation 999 in cycle 1"),
        "{stderr}"
    );
    assert!(
        stderr.contains("row 7: recommendation 41 is also on row 2"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("row 2:") && !stderr.contains("row 6:"),
        "{stderr}"
    );
    assert!(
        stderr.contains("3 rows refused; nothing was written"),
        "{stderr}"
    );
    assert_eq!(std::fs::read(&upr).unwrap(), original);
    assert!(!dir.join("upr.toml.bak").exists());
}

#[test]
fn dry_run_lists_the_changes_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = kazakhstan(tmp.path());
    let upr = dir.join("upr.toml");
    let original = std::fs::read(&upr).unwrap();
    let sheet = tmp.path().join("filled.csv");
    // F18 already assessed 1 as "not implemented".
    std::fs::write(
        &sheet,
        "Number,Implementation level,Comment\n1,fully,Changed our mind.\n41,partially,New.\n",
    )
    .unwrap();
    let out = hrdraft(&[
        "sheet",
        "import",
        s(&dir),
        s(&sheet),
        "--stakeholder",
        "F18",
        "--dry-run",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("1 added, 1 changed, 0 unchanged"),
        "{stdout}"
    );
    assert!(
        stdout.contains("row 2: recommendation 1: change not implemented to fully implemented"),
        "{stdout}"
    );
    assert!(
        stdout.contains("row 3: recommendation 41: add partially implemented: \"New.\""),
        "{stdout}"
    );
    assert_eq!(std::fs::read(&upr).unwrap(), original);
    assert!(!dir.join("upr.toml.bak").exists());
}

#[test]
fn the_sheet_must_belong_to_the_dataset_and_the_stakeholder_exist() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = kazakhstan(tmp.path());
    let sheet = tmp.path().join("s.csv");
    std::fs::write(&sheet, "Number,Implementation level,Comment\n41,fully,x\n").unwrap();
    let out = hrdraft(&[
        "sheet",
        "import",
        s(&dir),
        s(&sheet),
        "--stakeholder",
        "NOBODY",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("no stakeholder \"NOBODY\" in upr.toml"),
        "{stderr}"
    );
    assert!(stderr.contains("--name \"Full name\" --kind"), "{stderr}");

    // A sheet exported from another dataset says so on its About sheet.
    let valdoria = tmp.path().join("valdoria.xlsx");
    export(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/valdoria"),
        &valdoria,
        &[],
    );
    let out = hrdraft(&[
        "sheet",
        "import",
        s(&dir),
        s(&valdoria),
        "--stakeholder",
        "F18",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("was exported for Valdoria, but the dataset is Kazakhstan's"),
        "{}",
        text(&out.stderr)
    );

    // A sheet prefilled for one stakeholder is not imported as another's.
    let f18 = tmp.path().join("f18.xlsx");
    export(&dir, &f18, &["--stakeholder", "F18"]);
    let out = hrdraft(&["sheet", "import", s(&dir), s(&f18), "--stakeholder", "TP"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("was exported for stakeholder F18, not TP"),
        "{}",
        text(&out.stderr)
    );
    // As its own, unchanged, it is a no-op.
    let before = std::fs::read(dir.join("upr.toml")).unwrap();
    let out = hrdraft(&["sheet", "import", s(&dir), s(&f18), "--stakeholder", "F18"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(std::fs::read(dir.join("upr.toml")).unwrap(), before);

    // Columns missing from the header are named.
    std::fs::write(&sheet, "No.,Level\n41,fully\n").unwrap();
    let out = hrdraft(&[
        "sheet",
        "import",
        s(&dir),
        s(&sheet),
        "--stakeholder",
        "F18",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("the first row must name the columns \"Comment\""),
        "{}",
        text(&out.stderr)
    );

    // A missing file is an I/O failure; an unknown kind of file a usage error.
    let out = hrdraft(&[
        "sheet",
        "import",
        s(&dir),
        "nowhere.xlsx",
        "--stakeholder",
        "F18",
    ]);
    assert_eq!(out.status.code(), Some(4));
    let out = hrdraft(&[
        "sheet",
        "import",
        s(&dir),
        "sheet.docx",
        "--stakeholder",
        "F18",
    ]);
    assert_eq!(out.status.code(), Some(2));
}

/// A minimal OpenDocument spreadsheet, as LibreOffice would save a filled sheet.
fn write_ods(path: &Path, rows: &[[&str; 3]]) {
    use std::io::Write;
    use zip::write::SimpleFileOptions;
    let cell = |v: &str| {
        if v.parse::<f64>().is_ok() {
            format!(
                r#"<table:table-cell office:value-type="float" office:value="{v}"><text:p>{v}</text:p></table:table-cell>"#
            )
        } else if v.is_empty() {
            "<table:table-cell/>".to_string()
        } else {
            format!(
                r#"<table:table-cell office:value-type="string"><text:p>{v}</text:p></table:table-cell>"#
            )
        }
    };
    let body: String = rows
        .iter()
        .map(|r| {
            format!(
                "<table:table-row>{}</table:table-row>",
                r.iter().map(|v| cell(v)).collect::<String>()
            )
        })
        .collect();
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Recommendations">{body}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    zip.start_file("META-INF/manifest.xml", SimpleFileOptions::default())
        .unwrap();
    zip.write_all(manifest.as_bytes()).unwrap();
    zip.start_file("content.xml", SimpleFileOptions::default())
        .unwrap();
    zip.write_all(content.as_bytes()).unwrap();
    zip.finish().unwrap();
}

#[test]
fn an_opendocument_sheet_is_read_like_an_excel_one() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = kazakhstan(tmp.path());
    let sheet = tmp.path().join("filled.ods");
    write_ods(
        &sheet,
        &[
            ["Number", "Implementation level", "Comment"],
            ["41", "fully implemented", "Done in 2014."],
            ["46", "", ""],
            ["48", "not", "Nothing yet."],
            ["4000", "not", "No such recommendation."],
        ],
    );
    let out = hrdraft(&[
        "sheet",
        "import",
        s(&dir),
        s(&sheet),
        "--stakeholder",
        "F18",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("row 5: there is no recommendation 4000 in cycle 1"),
        "{}",
        text(&out.stderr)
    );
    write_ods(
        &sheet,
        &[
            ["Number", "Implementation level", "Comment"],
            ["41", "fully implemented", "Done in 2014."],
            ["46", "", ""],
            ["48", "not", "Nothing yet."],
        ],
    );
    let out = hrdraft(&[
        "sheet",
        "import",
        s(&dir),
        s(&sheet),
        "--stakeholder",
        "F18",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("2 added, 0 changed, 0 unchanged, 1 skipped"));
    let after = totals(&dir);
    assert_eq!(count(&after, "no_answer"), 7);
}
