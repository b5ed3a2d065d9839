//! hrdraft drafts human-rights advocacy documents from a country dataset.
//!
//! The pipeline, stage by stage, with the module for each:
//!
//! 1. [`dataset`]: load a directory of TOML files into a [`hrdraft_sdk::Dataset`] and
//!    validate it, reporting every problem with file, line, column and field.
//! 2. [`plugin_host`]: run plugins (built in, dynamic libraries, external commands)
//!    over the dataset; their JSON findings join the template context.
//! 3. [`render`]: render a Handlebars template over the context to Markdown, with
//!    dataset values escaped so they can never become markup.
//! 4. [`document`]: parse that Markdown into the document model.
//! 5. [`write`]: write the model as DOCX, PDF, HTML or Markdown.
//! 6. `output`: put the bytes on disk atomically.
//!
//! Beside the pipeline, [`sheet`] moves UPR data between datasets and
//! spreadsheets: response sheets for stakeholders, and UPR Info exports.

// Library code must not panic on input; tests may unwrap.
#![cfg_attr(not(test), warn(clippy::unwrap_used, clippy::expect_used))]

pub mod bench_gen;
pub mod dataset;
pub mod document;
pub mod draft;
pub mod env;
pub mod output;
pub mod plugin_host;
pub mod render;
pub mod sheet;
pub mod template;
pub mod write;

pub use hrdraft_sdk as sdk;
