//! The integration tests, in one binary with a module per subject (as mdBook
//! and ripgrep keep theirs): linked once, and run by `cargo test --workspace`.
//! Each module runs the `hrdraft` command or calls the library as a user's
//! program would, and reads what it wrote back with independent readers.
//!
//! Tests that take several seconds each (building a plugin with cargo,
//! killing a batch 25 times, laying out 5 MB of text) are named `slow_…` and
//! ignored by a plain `cargo test`, which lists them as ignored; `.ci/run`
//! runs them after the rest with
//! `cargo test --test testsuite slow_ -- --ignored`.

mod bad_input;
mod bench_gen;
mod check;
mod cli;
mod compile;
mod context_dataset;
mod context_trim;
mod diagnostics;
mod documents;
mod docx_golden;
mod docx_writer;
mod escape_dataset;
mod escape_roundtrip;
mod escape_writers;
mod iri_transcription;
mod kill;
mod languages;
mod large_text;
mod letterhead;
mod letters;
mod libreoffice;
mod lint;
mod new_dataset;
mod pdf;
mod pdf_long;
mod pdf_margins;
mod pdf_pagerefs;
mod pdf_tags;
mod plugin_boundary;
mod plugin_command;
mod plugin_compat;
mod plugin_contract;
mod plugin_discovery;
mod plugin_dylib;
mod plugin_golden;
mod plugin_order;
mod plugin_scaffold;
mod python_docx;
mod readback;
mod render_pipeline;
mod reports;
mod review;
mod sheet;
mod support;
mod table_widths;
mod templates_extend;
mod typeset;
mod upr_info;
mod walkthrough;
mod watch;
mod writers;
