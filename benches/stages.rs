//! The cost of every stage of drafting, on the Kazakhstan example and on generated datasets of 1k, 10k and 100k recommendations.
//!
//! `cargo bench` runs it all (the 100k group takes a few minutes);
//! `cargo bench -- kazakhstan` or `cargo bench -- 10k` runs one group.
//! Generated datasets are written once under `target/bench-data/` (seed 1)
//! and reused. Stages, in pipeline order: load, each plugin, the context,
//! template render, Markdown parse, DOCX, PDF layout, PDF layout and write,
//! HTML. Each group's throughput is in recommendations, so the per-element
//! cost of a stage can be read across groups: constant means linear.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::measurement::WallTime;
use criterion::{criterion_group, criterion_main, BenchmarkGroup, Criterion, Throughput};
use hrdraft::bench_gen::{self, Spec};
use hrdraft::pipeline::{Pipeline, Request};
use hrdraft::plugin_host::Registry;
use hrdraft::sdk::{Dataset, Options};
use hrdraft::template::TemplateSet;
use hrdraft::write::{self, WriteOptions, Writer};

// The allocator the `hrdraft` binary uses, so that the figures are its figures.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The generated dataset of `n` recommendations, made on first use.
fn generated(n: usize) -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target")
        .join("bench-data")
        .join(format!("r{n}"));
    let spec = Spec {
        countries: 1,
        recommendations: n,
        assessments: None,
        seed: 1,
    };
    let marker = root.join(".complete");
    if !marker.exists() {
        let _ = std::fs::remove_dir_all(&root);
        let dirs = bench_gen::generate(&spec, &root).expect("generate the bench dataset");
        std::fs::write(&marker, dirs[0].to_string_lossy().as_bytes()).expect("write marker");
    }
    PathBuf::from(std::fs::read_to_string(&marker).expect("read marker"))
}

fn drafter() -> Pipeline {
    Pipeline::new(
        TemplateSet::builtin().expect("built-in templates"),
        Registry::builtin(),
    )
    .expect("drafter")
}

/// Every stage of the MIA (and the plugins of every template) on one dataset.
fn stages(group: &mut BenchmarkGroup<'_, WallTime>, dir: &Path) {
    let dataset: Dataset = hrdraft::dataset::load(dir).expect("load").dataset;
    group.throughput(Throughput::Elements(
        dataset.upr.recommendations.len() as u64
    ));
    group.bench_function("load", |b| {
        b.iter(|| hrdraft::dataset::load(black_box(dir)).expect("load"))
    });
    let registry = Registry::builtin();
    let options = Options::new().with("as_of", serde_json::json!("2012-12-03"));
    for plugin in ["iri", "pledge-gap", "reprisals", "questions"] {
        group.bench_function(format!("plugin {plugin}"), |b| {
            b.iter(|| {
                registry
                    .run(plugin, black_box(&dataset), &options)
                    .expect("plugin")
            })
        });
    }
    let drafter = drafter();
    let request = Request {
        template: "mia-report",
        ..Request::default()
    };
    group.bench_function("context (plugins + dataset as JSON)", |b| {
        b.iter(|| {
            drafter
                .context(black_box(&dataset), &request)
                .expect("context")
        })
    });
    let context = drafter.context(&dataset, &request).expect("context");
    let drafted = drafter
        .draft_with_context("mia-report", &context)
        .expect("draft");
    group.bench_function("render + parse", |b| {
        b.iter(|| {
            drafter
                .draft_with_context("mia-report", black_box(&context))
                .expect("draft")
        })
    });
    group.bench_function("parse Markdown", |b| {
        b.iter(|| hrdraft::document::parse(black_box(&drafted.markdown)).expect("parse"))
    });
    let doc = &drafted.document;
    let options = WriteOptions {
        anchor_pages: write::paginate(doc).expect("layout"),
    };
    group.bench_function("DOCX write", |b| {
        b.iter(|| {
            write::docx::DocxWriter
                .write(black_box(doc), &options)
                .expect("docx")
        })
    });
    // Layout alone: the passes that settle page references, nothing written.
    group.bench_function("PDF layout", |b| {
        b.iter(|| write::paginate(black_box(doc)).expect("layout"))
    });
    // Layout and writing, as the write stage does them: the last pass is written
    // while it is laid out.
    group.bench_function("PDF layout and write", |b| {
        b.iter(|| {
            write::pdf::PdfWriter
                .write_paged(black_box(doc), &WriteOptions::default())
                .expect("pdf")
        })
    });
    group.bench_function("HTML write", |b| {
        b.iter(|| {
            write::html::Html
                .write(black_box(doc), &options)
                .expect("html")
        })
    });
}

fn kazakhstan(c: &mut Criterion) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/kazakhstan");
    let mut group = c.benchmark_group("kazakhstan");
    stages(&mut group, &dir);
    group.bench_function("register templates", |b| b.iter(drafter));
    group.finish();
}

fn scaled(c: &mut Criterion, n: usize, name: &str, samples: usize, time: u64) {
    let dir = generated(n);
    let mut group = c.benchmark_group(name);
    group
        .sample_size(samples)
        .measurement_time(Duration::from_secs(time))
        .warm_up_time(Duration::from_secs(1));
    stages(&mut group, &dir);
    group.finish();
}

fn generated_1k(c: &mut Criterion) {
    scaled(c, 1_000, "1k", 20, 5);
}

fn generated_10k(c: &mut Criterion) {
    scaled(c, 10_000, "10k", 10, 10);
}

fn generated_100k(c: &mut Criterion) {
    // Criterion's smallest sample: each stage runs about ten times.
    scaled(c, 100_000, "100k", 10, 20);
}

criterion_group!(
    benches,
    kazakhstan,
    generated_1k,
    generated_10k,
    generated_100k
);
criterion_main!(benches);
