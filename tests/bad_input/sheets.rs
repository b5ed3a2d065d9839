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
