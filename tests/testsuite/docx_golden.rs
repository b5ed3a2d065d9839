//! The XML parts of a sample DOCX, as reviewed snapshots: a change to the
//! OOXML writer shows as a change to these files (`cargo insta review`).
//! The sample (tests/fixtures/golden/sample.md) holds one of each kind of
//! block and inline the templates use; each part is printed one element a
//! line so that a diff reads.

use crate::documents::read;
use crate::support::root;

#[test]
fn each_xml_part_of_the_sample_docx_is_as_reviewed() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("sample.docx");
    let run = crate::support::hrdraft()
        .arg("convert")
        .arg(root().join("tests/fixtures/golden/sample.md"))
        .arg("-o")
        .arg(&out)
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let parts = read::docx_parts(&out);
    let names: Vec<&String> = parts.keys().collect();
    insta::assert_snapshot!("parts", format!("{names:#?}"));
    for (name, xml) in &parts {
        if !(name.ends_with(".xml") || name.ends_with(".rels")) {
            continue;
        }
        let pretty = xml.replace("><", ">\n<");
        insta::assert_snapshot!(name.replace(['/', '.'], "_"), pretty);
    }
}
