//! The dataset model and plugin contract shared by hrdraft and its plugins.
//!
//! Plugins depend on this crate alone. It holds the types of a country
//! dataset (as the engine loads them from TOML and as plugins receive them
//! as JSON) and nothing of the engine's internals.

// Library code must not panic on input; tests may unwrap.
#![cfg_attr(not(test), warn(clippy::unwrap_used, clippy::expect_used))]

mod dataset;
mod date;

pub use dataset::*;
pub use date::{Date, DateError, MONTHS};
