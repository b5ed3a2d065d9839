//! The dataset model and plugin contract shared by hrdraft and its plugins.
//!
//! Plugins depend on this crate alone. It holds the types of a country
//! dataset (as the engine loads them from TOML and as plugins receive them
//! as JSON) and nothing of the engine's internals.

mod dataset;
mod date;

pub use dataset::*;
pub use date::{Date, DateError, MONTHS};
