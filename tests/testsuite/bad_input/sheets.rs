//! Spreadsheets out of hostile data: text from an untrusted UPR Info export
//! never becomes a live formula in a stakeholder's spreadsheet, and what is
//! neutralised on the way out is read back exactly.

use std::io::Read;

use super::Sandbox;

/// The four CSV-injection payloads OWASP lists, one per formula character.
const PAYLOADS: [&str; 4] = [
    "=cmd|' /C calc'!A0",
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
];

fn hostile(sb: &Sandbox) {
    sb.edit(
        "upr.toml",
        "text = \"Ratify the Second Optional Protocol\"",
        &format!("text = \"{}\"", PAYLOADS[0]),
    );
    sb.edit(
        "upr.toml",
        "recommending_state = \"France\"",
        &format!("recommending_state = \"{}\"", PAYLOADS[1]),
    );
    sb.edit(
        "upr.toml",
        "comment = \"Not done.\"",
        &format!("comment = \"{}\"", PAYLOADS[2]),
    );
    sb.edit(
        "upr.toml",
        "text = \"Establish a national preventive mechanism\"",
        &format!("text = \"{}\"", PAYLOADS[3]),
    );
    // A tab before a formula, and a quote the stakeholder wrote themselves.
    sb.edit(
        "upr.toml",
        "recommending_state = \"Germany\"",
        "recommending_state = \"\\t=1+1\"",
    );
}

#[test]
fn csv_export_neutralises_formulas_and_reads_them_back_exactly() {
    let sb = Sandbox::new();
    hostile(&sb);
    let run = sb.run(
        [
            "sheet",
            "export",
            "ds",
            "--stakeholder",
            "NGO1",
            "-o",
            "sheet.csv",
        ],
        &[],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let mut reader = csv::Reader::from_path(sb.path("sheet.csv")).unwrap();
    let cells: Vec<String> = reader
        .records()
        .flat_map(|r| r.unwrap().iter().map(str::to_string).collect::<Vec<_>>())
        .collect();
    for payload in PAYLOADS.iter().copied().chain(["\t=1+1"]) {
        let quoted = format!("'{payload}");
        assert!(
            cells.contains(&quoted),
            "{payload:?} is not neutralised as {quoted:?}: {cells:?}"
        );
    }
    for cell in &cells {
        assert!(
            !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
            "{cell:?} would be read as a formula"
        );
    }

    // Imported back unchanged, the sheet changes nothing: no quote is added
    // to the comment, nothing is lost.
    let before = sb.read("ds/upr.toml");
    let run = sb.run(
        [
            "sheet",
            "import",
            "ds",
            "sheet.csv",
            "--stakeholder",
            "NGO1",
        ],
        &[],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(!run.stderr.contains("differs"), "{}", run.stderr);
    assert_eq!(sb.read("ds/upr.toml"), before);

    // A comment the stakeholder types as a formula is kept as its text.
    let text = std::fs::read_to_string(sb.path("sheet.csv")).unwrap();
    let mut rows: Vec<String> = text.lines().map(str::to_string).collect();
    let last = rows.last_mut().unwrap();
    assert!(last.starts_with("2,"), "{last}");
    *last = format!(
        "{},fully implemented,\"'=HYPERLINK(\"\"x\"\")\"",
        last.strip_suffix(",,").unwrap()
    );
    sb.write("sheet.csv", rows.join("\n") + "\n");
    let run = sb.run(
        [
            "sheet",
            "import",
            "ds",
            "sheet.csv",
            "--stakeholder",
            "NGO1",
        ],
        &[],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let after = sb.read("ds/upr.toml");
    assert!(
        after.contains(&format!("comment = \"{}\"", PAYLOADS[2])),
        "{after}"
    );
    let upr: toml::Table = toml::from_str(&after).unwrap();
    let comment = &upr["recommendations"][1]["assessments"][0]["comment"];
    // (Comments are written as multi-line literals, which end with a line break.)
    assert_eq!(
        comment.as_str().map(str::trim_end),
        Some("=HYPERLINK(\"x\")"),
        "{after}"
    );
}

#[test]
fn xlsx_export_writes_hostile_text_as_shared_strings() {
    let sb = Sandbox::new();
    hostile(&sb);
    let run = sb.run(
        [
            "sheet",
            "export",
            "ds",
            "--stakeholder",
            "NGO1",
            "-o",
            "sheet.xlsx",
        ],
        &[],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let file = std::fs::File::open(sb.path("sheet.xlsx")).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut part = |name: &str| {
        let mut s = String::new();
        zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
        s
    };
    let strings = part("xl/sharedStrings.xml");
    for payload in PAYLOADS {
        let escaped = payload.replace('\'', "&apos;");
        assert!(
            strings.contains(payload) || strings.contains(&escaped),
            "{payload} is not a shared string"
        );
    }
    let sheet = part("xl/worksheets/sheet1.xml");
    assert!(!sheet.contains("<f>"), "a cell is a formula");
    assert!(!sheet.contains("cmd|"), "text written inline, not shared");
}

/// A response sheet for the sandbox's dataset: the header, recommendation
/// 2 assessed, and whatever `extra` writes.
fn xlsx(sb: &Sandbox, name: &str, extra: impl FnOnce(&mut rust_xlsxwriter::Worksheet)) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("Recommendations").unwrap();
    for (c, h) in [
        "Number",
        "Recommendation",
        "Recommending State",
        "Response",
        "Issues",
        "Implementation level",
        "Comment",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    ws.write_number(1, 0, 2.0).unwrap();
    ws.write_string(1, 5, "fully implemented").unwrap();
    ws.write_string(1, 6, "Established in 2011.").unwrap();
    extra(ws);
    book.save(sb.path(name)).unwrap();
}

#[test]
fn one_cell_at_the_last_address_of_a_sheet_is_read_without_building_the_sheet() {
    let sb = Sandbox::new();
    // 19 KB on disk; read as a rectangle it is 17 billion cells.
    xlsx(&sb, "far.xlsx", |ws| {
        ws.write_string(1_048_575, 16_383, "far away").unwrap();
    });
    let started = std::time::Instant::now();
    let run = sb.run(
        ["sheet", "import", "ds", "far.xlsx", "--stakeholder", "NGO1"],
        &[],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(started.elapsed().as_secs() < 20, "{:?}", started.elapsed());
    assert!(sb.read("ds/upr.toml").contains("Established in 2011."));
}

#[test]
fn a_sheet_past_the_cell_limit_is_refused_by_file_sheet_and_cell() {
    let sb = Sandbox::new();
    let before = sb.read("ds/upr.toml");
    // 10,000 rows reaching column 1,101: 11 million cells as read.
    xlsx(&sb, "wide.xlsx", |ws| {
        for r in 2..10_002 {
            ws.write_string(r, 1_100, "x").unwrap();
        }
    });
    let run = sb.run(
        [
            "sheet",
            "import",
            "ds",
            "wide.xlsx",
            "--stakeholder",
            "NGO1",
        ],
        &[],
    );
    assert_eq!(run.code, Some(super::INVALID), "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "wide.xlsx: sheet \"Recommendations\", cell API9085: the cell takes the sheet past 10000000 cells"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(sb.read("ds/upr.toml"), before);
}

#[test]
fn opendocument_cells_repeated_past_the_limit_are_refused_unexpanded() {
    use std::io::Write;
    let sb = Sandbox::new();
    let before = sb.read("ds/upr.toml");
    // Under a kilobyte: one cell repeated across every column of a row
    // repeated a thousand times, 16 million cells once expanded.
    let content = r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Recommendations"><table:table-row><table:table-cell office:value-type="string"><text:p>Number</text:p></table:table-cell></table:table-row><table:table-row table:number-rows-repeated="1000"><table:table-cell table:number-columns-repeated="16384" office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#;
    let file = std::fs::File::create(sb.path("repeated.ods")).unwrap();
    let mut zip = zip::ZipWriter::new(file);
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    zip.start_file("content.xml", stored).unwrap();
    zip.write_all(content.as_bytes()).unwrap();
    zip.finish().unwrap();
    let run = sb.run(
        [
            "sheet",
            "import",
            "ds",
            "repeated.ods",
            "--stakeholder",
            "NGO1",
        ],
        &[],
    );
    assert_eq!(run.code, Some(super::INVALID), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("repeated.ods: sheet \"Recommendations\", cell XFD1001:"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("1001 rows by 16384 columns"),
        "{}",
        run.stderr
    );
    assert_eq!(sb.read("ds/upr.toml"), before);
}

#[test]
fn csv_of_separators_alone_and_overlong_cells_are_refused() {
    let sb = Sandbox::new();
    let before = sb.read("ds/upr.toml");
    sb.write("commas.csv", ",".repeat(20_100_000));
    let run = sb.run(
        [
            "sheet",
            "import",
            "ds",
            "commas.csv",
            "--stakeholder",
            "NGO1",
        ],
        &[],
    );
    assert_eq!(run.code, Some(super::INVALID), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("commas.csv: the file holds 20100000 separators"),
        "{}",
        run.stderr
    );
    sb.write(
        "long.csv",
        format!(
            "Number,Implementation level,Comment\n2,fully implemented,{}\n",
            "y".repeat(40_000)
        ),
    );
    let run = sb.run(
        ["sheet", "import", "ds", "long.csv", "--stakeholder", "NGO1"],
        &[],
    );
    assert_eq!(run.code, Some(super::INVALID), "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "long.csv: cell C2: the cell holds 40000 characters; a cell may hold at most 32767"
        ),
        "{}",
        run.stderr
    );
    assert!(run.stderr.len() < 5_000);
    // A header cell of a megabyte is not echoed whole.
    sb.write("header.csv", format!("{},Comment\n", "h".repeat(30_000)));
    let run = sb.run(
        [
            "sheet",
            "import",
            "ds",
            "header.csv",
            "--stakeholder",
            "NGO1",
        ],
        &[],
    );
    assert_eq!(run.code, Some(super::INVALID), "{}", run.stderr);
    assert!(
        run.stderr.contains("(30000 characters in all)"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.len() < 5_000);
    assert_eq!(sb.read("ds/upr.toml"), before);
}

#[cfg(unix)]
#[test]
fn convert_refuses_a_device_and_a_file_over_the_limit_unread() {
    let sb = Sandbox::new();
    std::os::unix::fs::symlink("/dev/zero", sb.path("zero.md")).unwrap();
    sb.refused(
        &["convert", "zero.md", "-f", "html", "-o", "out/zero.html"],
        &[],
        super::INVALID,
        &["zero.md is not a regular file"],
    );
    let f = std::fs::File::create(sb.path("huge.md")).unwrap();
    f.set_len(600 * 1024 * 1024).unwrap();
    sb.refused(
        &["convert", "huge.md", "-f", "html", "-o", "out/huge.html"],
        &[],
        super::INVALID,
        &["huge.md is larger than 512 MiB", "HRDRAFT_MAX_DOCUMENT_MB"],
    );
    sb.refused(
        &["convert", "huge.md", "-f", "html", "-o", "out/huge.html"],
        &[("HRDRAFT_MAX_DOCUMENT_MB", "1")],
        super::INVALID,
        &["huge.md is larger than 1 MiB"],
    );
}

/// A sheet assessing recommendation 2 as `NGO1`, as a CSV file.
fn filled_csv(sb: &Sandbox) {
    sb.write(
        "filled.csv",
        "Number,Implementation level,Comment\n2,fully implemented,Established in 2011.\n",
    );
}

#[test]
fn an_import_keeps_the_files_line_endings_and_byte_order_mark() {
    let sb = Sandbox::new();
    let crlf = format!("\u{feff}{}", sb.read("ds/upr.toml").replace('\n', "\r\n"));
    sb.write("ds/upr.toml", &crlf);
    assert_eq!(sb.run(["check", "ds"], &[]).code, Some(0));
    filled_csv(&sb);
    let run = sb.run(
        [
            "sheet",
            "import",
            "ds",
            "filled.csv",
            "--stakeholder",
            "NGO1",
        ],
        &[],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let after = sb.read("ds/upr.toml");
    assert!(after.contains("Established in 2011."));
    assert!(
        after.starts_with('\u{feff}'),
        "the byte-order mark was dropped"
    );
    let lone = after
        .match_indices('\n')
        .filter(|(i, _)| !after[..*i].ends_with('\r'))
        .count();
    assert_eq!(lone, 0, "{lone} lines lost their CRLF ending:\n{after:?}");
    // Every line the import did not change is as it was.
    let before_lines: Vec<&str> = crlf.split("\r\n").collect();
    let after_lines: Vec<&str> = after.split("\r\n").collect();
    let kept = before_lines
        .iter()
        .filter(|l| after_lines.contains(l))
        .count();
    assert_eq!(kept, before_lines.len(), "lines were rewritten");
    assert_eq!(sb.read("ds/upr.toml.bak"), crlf);
}

#[cfg(unix)]
#[test]
fn an_import_writes_through_a_linked_upr_toml_and_keeps_the_link() {
    let sb = Sandbox::new();
    std::fs::rename(sb.path("ds/upr.toml"), sb.path("ds/upr.data")).unwrap();
    std::os::unix::fs::symlink("upr.data", sb.path("ds/upr.toml")).unwrap();
    filled_csv(&sb);
    let run = sb.run(
        [
            "sheet",
            "import",
            "ds",
            "filled.csv",
            "--stakeholder",
            "NGO1",
        ],
        &[],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let link = std::fs::symlink_metadata(sb.path("ds/upr.toml")).unwrap();
    assert!(
        link.file_type().is_symlink(),
        "the link was replaced by a file"
    );
    assert!(sb.read("ds/upr.data").contains("Established in 2011."));
}

#[test]
fn a_hidden_sheet_is_not_read() {
    let sb = Sandbox::new();
    let mut book = rust_xlsxwriter::Workbook::new();
    let header = ["Number", "Implementation level", "Comment"];
    // A hidden draft first, then the sheet the stakeholder filled in.
    for (name, level, comment, hidden) in [
        ("Draft", "not implemented", "A hidden draft.", true),
        ("Filled", "fully implemented", "Established in 2011.", false),
    ] {
        let ws = book.add_worksheet();
        ws.set_name(name).unwrap();
        for (c, h) in header.iter().enumerate() {
            ws.write_string(0, c as u16, *h).unwrap();
        }
        ws.write_number(1, 0, 2.0).unwrap();
        ws.write_string(1, 1, level).unwrap();
        ws.write_string(1, 2, comment).unwrap();
        if hidden {
            ws.set_hidden(true);
        } else {
            ws.set_active(true);
        }
    }
    book.save(sb.path("hidden.xlsx")).unwrap();
    let run = sb.run(
        [
            "sheet",
            "import",
            "ds",
            "hidden.xlsx",
            "--stakeholder",
            "NGO1",
        ],
        &[],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let upr = sb.read("ds/upr.toml");
    assert!(upr.contains("Established in 2011."), "{upr}");
    assert!(!upr.contains("A hidden draft."), "{upr}");
}

/// Copy the workbook `from` to `to` with cell G3 of its first sheet
/// replaced by `cell` (raw SpreadsheetML), as another program would save it.
fn replace_g3(sb: &Sandbox, from: &str, to: &str, cell: &str) {
    use std::io::{Read, Write};
    let mut zip = zip::ZipArchive::new(std::fs::File::open(sb.path(from)).unwrap()).unwrap();
    let out = std::fs::File::create(sb.path(to)).unwrap();
    let mut writer = zip::ZipWriter::new(out);
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        let name = entry.name().to_string();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).unwrap();
        if name == "xl/worksheets/sheet1.xml" {
            let xml = String::from_utf8(bytes).unwrap();
            let at = xml.find("<c r=\"G3\"").expect("G3 in the sheet");
            let end = at + xml[at..].find("</c>").unwrap() + 4;
            bytes = format!("{}{cell}{}", &xml[..at], &xml[end..]).into_bytes();
        }
        writer
            .start_file(&name, zip::write::SimpleFileOptions::default())
            .unwrap();
        writer.write_all(&bytes).unwrap();
    }
    writer.finish().unwrap();
}

#[test]
fn an_error_cell_is_refused_by_sheet_and_cell_not_taken_as_a_comment() {
    let sb = Sandbox::new();
    let before = sb.read("ds/upr.toml");
    xlsx(&sb, "plain.xlsx", |ws| {
        ws.write_number(2, 0, 1.0).unwrap();
        ws.write_string(2, 5, "partially implemented").unwrap();
        ws.write_string(2, 6, "ERRORCELL").unwrap();
    });
    // Make G3 hold the error #NAME? as Excel saves it.
    replace_g3(
        &sb,
        "plain.xlsx",
        "error.xlsx",
        "<c r=\"G3\" t=\"e\"><v>#NAME?</v></c>",
    );
    let run = sb.run(
        [
            "sheet",
            "import",
            "ds",
            "error.xlsx",
            "--stakeholder",
            "NGO1",
        ],
        &[],
    );
    assert_eq!(run.code, Some(super::INVALID), "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "error.xlsx: sheet \"Recommendations\", cell G3: the cell holds the error #NAME?, not a value"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(sb.read("ds/upr.toml"), before);
}

#[test]
fn a_formula_without_a_saved_value_is_refused_and_the_comment_kept() {
    let sb = Sandbox::new();
    let before = sb.read("ds/upr.toml");
    assert!(before.contains("comment = \"Not done.\""));
    xlsx(&sb, "plain.xlsx", |ws| {
        ws.write_number(2, 0, 1.0).unwrap();
        ws.write_string(2, 5, "not implemented").unwrap();
        ws.write_string(2, 6, "FORMULACELL").unwrap();
    });
    // G3 becomes a formula with no value, as a program that does not
    // calculate writes it.
    replace_g3(
        &sb,
        "plain.xlsx",
        "formula.xlsx",
        "<c r=\"G3\" t=\"str\"><f>CONCAT(\"a\",\"b\")</f></c>",
    );
    let run = sb.run(
        [
            "sheet",
            "import",
            "ds",
            "formula.xlsx",
            "--stakeholder",
            "NGO1",
        ],
        &[],
    );
    assert_eq!(run.code, Some(super::INVALID), "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "formula.xlsx: sheet \"Recommendations\", cell G3: the cell holds a formula \
             (=CONCAT(\"a\",\"b\")) but no value for it is saved in the file"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(sb.read("ds/upr.toml"), before, "the comment was touched");
    // A formula with its value saved is read as the value.
    xlsx(&sb, "valued.xlsx", |ws| {
        ws.write_number(2, 0, 1.0).unwrap();
        ws.write_string(2, 5, "not implemented").unwrap();
        ws.write_formula(
            2,
            6,
            rust_xlsxwriter::Formula::new("=\"Still \"&\"not done.\"")
                .set_result("Still not done."),
        )
        .unwrap();
    });
    let run = sb.run(
        [
            "sheet",
            "import",
            "ds",
            "valued.xlsx",
            "--stakeholder",
            "NGO1",
        ],
        &[],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(sb.read("ds/upr.toml").contains("Still not done."));
}
