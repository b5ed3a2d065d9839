//! The dataset model and plugin contract shared by hrdraft and its plugins.
//!
//! Plugins depend on this crate alone. It holds the types of a country
//! dataset (as the engine loads them from TOML and as plugins receive them
//! as JSON) and nothing of the engine's internals.

// Library code must not panic on input; tests may unwrap.
#![cfg_attr(not(test), warn(clippy::unwrap_used, clippy::expect_used))]

mod abi;
mod dataset;
mod date;
mod evidence;
mod plugin;
mod reads;
#[cfg(feature = "testing")]
pub mod testing;

#[doc(hidden)]
pub use abi::__abi;
pub use abi::{ABI_VERSION, SYMBOL_ABI_VERSION, SYMBOL_FREE, SYMBOL_METADATA, SYMBOL_RUN};
pub use dataset::*;
pub use date::{Date, DateError, MONTHS};
pub use evidence::{EntryKind, EntryRef, Evidence, EVIDENCE_KEY};
pub use plugin::{is_plugin_name, Error, Input, Metadata, Options, Outcome, Plugin, SDK_VERSION};
pub use reads::{Reads, ITEMS as READS_ITEMS};
