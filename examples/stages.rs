//! Times each stage of drafting one document: `cargo run --release --example stages -- DATASET TEMPLATE [RUNS]`.
//!
//! A quick profile without criterion's statistics; `cargo bench` has the full suite.

use std::time::Instant;

use hrdraft::pipeline::{Pipeline, Request};
use hrdraft::plugin_host::Registry;
use hrdraft::template::TemplateSet;
use hrdraft::write::{self, WriteOptions, Writer};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = args.next().unwrap_or_else(|| "examples/kazakhstan".into());
    let template = args.next().unwrap_or_else(|| "mia-report".into());
    let runs: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(5);
    let mut best = std::collections::BTreeMap::<&str, f64>::new();
    let mut time = |name: &'static str, t: Instant| {
        let ms = t.elapsed().as_secs_f64() * 1e3;
        let e = best.entry(name).or_insert(f64::MAX);
        *e = e.min(ms);
    };
    for _ in 0..runs {
        let t = Instant::now();
        let loaded = hrdraft::dataset::load(std::path::Path::new(&dir))?;
        time("1 load", t);
        let t = Instant::now();
        let drafter = Pipeline::new(TemplateSet::builtin()?, Registry::builtin())?;
        time("2 register templates", t);
        let request = Request {
            template: &template,
            ..Request::default()
        };
        let t = Instant::now();
        let context = drafter.context(&loaded.dataset, &request)?;
        time("3 plugins + context", t);
        let t = Instant::now();
        let drafted = drafter.draft_with_context(&template, &context)?;
        time("4 render + parse", t);
        let t = Instant::now();
        let doc = hrdraft::document::parse(&drafted.markdown)?;
        time("5 parse alone", t);
        drop(doc);
        let doc = &drafted.document;
        let t = Instant::now();
        let pdf = write::pdf::PdfWriter.write_paged(doc, &WriteOptions::default())?;
        time("6 pdf layout + write", t);
        let t = Instant::now();
        let _ = write::paginate(doc)?;
        time("7 pdf layout alone", t);
        let options = WriteOptions {
            anchor_pages: pdf.anchors,
        };
        let t = Instant::now();
        let _ = write::docx::DocxWriter.write(doc, &options)?;
        time("8 docx", t);
        let t = Instant::now();
        let _ = write::html::Html.write(doc, &options)?;
        time("9 html", t);
    }
    for (k, v) in best {
        println!("{k:24} {v:10.2} ms");
    }
    Ok(())
}

// The allocator the `hrdraft` binary uses.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;
