//! Writes the PDF test fixture to a file, to look at it: `cargo run --example pdf_fixture -- out.pdf`.

#[path = "../tests/testsuite/pdf/fixture.rs"]
mod fixture;

use hrdraft::write::{pdf, WriteOptions};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "fixture.pdf".to_string());
    let doc = fixture::fixture();
    let start = std::time::Instant::now();
    let anchors = pdf::paginate(&doc)?;
    let layout = start.elapsed();
    let start = std::time::Instant::now();
    let bytes = pdf::pdf(&doc, &WriteOptions::default())?;
    let total = start.elapsed();
    std::fs::write(&path, &bytes)?;
    println!(
        "{path}: {} bytes; layout alone {layout:?}, layout + PDF {total:?}; anchors {anchors:?}",
        bytes.len()
    );
    Ok(())
}
