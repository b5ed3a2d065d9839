//! hrdraft drafts human-rights advocacy documents from a country dataset.
//!
//! The pipeline, stage by stage, with the module for each:
//!
//! 1. [`dataset`]: load a directory of TOML files into a [`hrdraft_sdk::Dataset`] and
//!    validate it, reporting every problem with file, line, column and field.
//! 2. [`template`]: the document kinds, what each requires of a dataset and
//!    whether it reads the dataset whole.
//! 3. [`plugin_host`]: run plugins (built in, dynamic libraries, external commands)
//!    over the dataset; their JSON findings join the template context.
//! 4. [`context`]: the template's context, from the dataset, the document's own
//!    facts and the findings.
//! 5. [`render`]: render a Handlebars template over the context to Markdown, with
//!    dataset values escaped so they can never become markup.
//! 6. [`document`]: parse that Markdown into the document model.
//! 7. [`write::paginate`]: find the pages of anchors, for writers that need them.
//! 8. [`write`]: write the model as DOCX, PDF, HTML or Markdown.
//! 9. [`output`]: put the bytes on disk atomically.
//!
//! [`pipeline`] runs stages 2–8 for one document or a batch; every command
//! that drafts goes through it. [`lint`] reads a drafted document (stage 6)
//! against its dataset and context for what a reviewer would catch.
//!
//! Beside the pipeline, [`sheet`] moves UPR data between datasets and
//! spreadsheets: response sheets for stakeholders, and UPR Info exports.

// Library code must not panic on input; tests may unwrap.
#![cfg_attr(not(test), warn(clippy::unwrap_used, clippy::expect_used))]

pub mod bench_gen;
pub mod context;
pub mod dataset;
pub mod diagnostic;
pub mod document;
pub mod env;
pub mod image;
pub mod lint;
pub mod memory;
pub mod names;
pub mod output;
pub mod pipeline;
pub mod plugin_host;
pub mod render;
pub mod review;
pub mod sheet;
pub mod template;
pub mod write;

pub use hrdraft_sdk as sdk;
