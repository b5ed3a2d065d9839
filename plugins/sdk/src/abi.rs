//! The C ABI of dynamic-library plugins: four functions that exchange JSON strings.
//!
//! Rust types are not stable across compiler versions, so nothing but
//! NUL-terminated UTF-8 JSON and a `u32` crosses the boundary. The host calls
//! [`SYMBOL_ABI_VERSION`] first and refuses the library unless it returns
//! [`ABI_VERSION`]; then [`SYMBOL_METADATA`] (→ `{"ok": Metadata}`) and
//! [`SYMBOL_RUN`] (`{"dataset", "options"}` → [`Outcome`](crate::Outcome)).
//! Every string a plugin returns is freed by passing it back to
//! [`SYMBOL_FREE`], so memory is released by the allocator that made it.

use std::ffi::{c_char, CStr, CString};
use std::panic::{catch_unwind, AssertUnwindSafe};

use crate::{Input, Outcome, Plugin};

/// The version of this ABI. Raised whenever the functions or JSON shapes
/// change incompatibly.
pub const ABI_VERSION: u32 = 1;

/// `extern "C" fn() -> u32`: the ABI version the plugin was built for.
pub const SYMBOL_ABI_VERSION: &str = "hrdraft_plugin_abi_version";
/// `extern "C" fn() -> *mut c_char`: the metadata as JSON.
pub const SYMBOL_METADATA: &str = "hrdraft_plugin_metadata";
/// `extern "C" fn(*const c_char) -> *mut c_char`: run on the input JSON.
pub const SYMBOL_RUN: &str = "hrdraft_plugin_run";
/// `extern "C" fn(*mut c_char)`: free a string the plugin returned.
pub const SYMBOL_FREE: &str = "hrdraft_plugin_free";

/// Export a [`Plugin`] through the C ABI, so that the crate built as a
/// `cdylib` is a plugin library the host can load.
///
/// ```ignore
/// struct WordCount;
/// impl hrdraft_sdk::Plugin for WordCount { /* … */ }
/// hrdraft_sdk::export_plugin!(WordCount);
/// ```
///
/// The argument is an expression that makes the plugin; it is evaluated on
/// every call. Panics are caught inside the plugin and returned as errors
/// (a panic must never cross an `extern "C"` function: it would abort the
/// host), which requires building with `panic = "unwind"`, Cargo's default.
#[macro_export]
macro_rules! export_plugin {
    ($plugin:expr) => {
        /// The plugin ABI version this library was built for.
        #[no_mangle]
        pub extern "C" fn hrdraft_plugin_abi_version() -> u32 {
            $crate::ABI_VERSION
        }

        /// The plugin's metadata as JSON; free it with `hrdraft_plugin_free`.
        #[no_mangle]
        pub extern "C" fn hrdraft_plugin_metadata() -> *mut ::std::ffi::c_char {
            // `cfg!` here is the plugin crate's own build, not the SDK's.
            $crate::__abi::metadata(|| $plugin, cfg!(debug_assertions))
        }

        /// Run the plugin on `{"dataset": …, "options": …}`; free the answer
        /// with `hrdraft_plugin_free`.
        ///
        /// # Safety
        /// `input` must be null or a NUL-terminated string that stays valid for the call.
        #[no_mangle]
        pub unsafe extern "C" fn hrdraft_plugin_run(
            input: *const ::std::ffi::c_char,
        ) -> *mut ::std::ffi::c_char {
            // SAFETY: the caller's promise, passed on.
            unsafe { $crate::__abi::run(|| $plugin, input) }
        }

        /// Free a string returned by this library.
        ///
        /// # Safety
        /// `text` must be null or a string this library returned, not yet freed.
        #[no_mangle]
        pub unsafe extern "C" fn hrdraft_plugin_free(text: *mut ::std::ffi::c_char) {
            // SAFETY: the caller's promise, passed on.
            unsafe { $crate::__abi::free(text) }
        }
    };
}

/// The bodies of the functions [`export_plugin!`] generates. Not a public API.
#[doc(hidden)]
pub mod __abi {
    use super::*;

    /// Metadata as `{"ok": …}` or `{"panic": …}`, with the SDK version this
    /// library was built with and whether it is a `debug` build.
    pub fn metadata<P: Plugin>(make: impl FnOnce() -> P, debug: bool) -> *mut c_char {
        let described = catch_unwind(AssertUnwindSafe(|| {
            let mut meta = make().metadata();
            meta.sdk_version = Some(crate::SDK_VERSION.to_owned());
            meta.debug = Some(debug);
            meta
        }));
        let outcome = match described {
            Ok(meta) => match serde_json::to_value(meta) {
                Ok(v) => Outcome::Ok(v),
                Err(e) => Outcome::Error(format!("could not write the metadata as JSON: {e}")),
            },
            Err(payload) => Outcome::Panic(panic_message(payload.as_ref())),
        };
        into_raw(&outcome)
    }

    /// Run on the input JSON, catching every panic.
    ///
    /// # Safety
    /// `input` must be null or a valid NUL-terminated string.
    pub unsafe fn run<P: Plugin>(make: impl FnOnce() -> P, input: *const c_char) -> *mut c_char {
        // SAFETY: the caller's promise, passed on.
        into_raw(&unsafe { run_outcome(make, input) })
    }

    unsafe fn run_outcome<P: Plugin>(make: impl FnOnce() -> P, input: *const c_char) -> Outcome {
        if input.is_null() {
            return Outcome::Error("the host passed no input".into());
        }
        // SAFETY: non-null and, by the caller's promise, NUL-terminated.
        let text = match unsafe { CStr::from_ptr(input) }.to_str() {
            Ok(t) => t,
            Err(e) => return Outcome::Error(format!("the input is not UTF-8: {e}")),
        };
        let input: Input = match serde_json::from_str(text) {
            Ok(i) => i,
            Err(e) => {
                return Outcome::Error(format!(
                    "the input is not a valid {{\"dataset\", \"options\"}} JSON object: {e}"
                ))
            }
        };
        match catch_unwind(AssertUnwindSafe(|| {
            make().run(&input.dataset, &input.options)
        })) {
            Ok(Ok(value)) => Outcome::Ok(value),
            Ok(Err(e)) => Outcome::Error(e.to_string()),
            Err(payload) => Outcome::Panic(panic_message(payload.as_ref())),
        }
    }

    /// Free a string made by [`into_raw`].
    ///
    /// # Safety
    /// `text` must be null or come from [`into_raw`] in this library, not yet freed.
    pub unsafe fn free(text: *mut c_char) {
        if !text.is_null() {
            // SAFETY: made by CString::into_raw in this library (caller's promise).
            drop(unsafe { CString::from_raw(text) });
        }
    }

    fn into_raw(outcome: &Outcome) -> *mut c_char {
        // serde_json escapes NUL as \u0000, so the JSON never holds a NUL byte;
        // the fallback is there only to avoid a panic path.
        let json = serde_json::to_string(outcome).unwrap_or_else(|_| {
            r#"{"error":"the plugin's answer could not be written as JSON"}"#.into()
        });
        CString::new(json)
            .unwrap_or_else(|_| {
                CString::from(c"{\"error\":\"the plugin's answer held a NUL byte\"}")
            })
            .into_raw()
    }

    /// The message of a panic payload.
    pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
        if let Some(s) = payload.downcast_ref::<&str>() {
            (*s).to_owned()
        } else if let Some(s) = payload.downcast_ref::<String>() {
            s.clone()
        } else {
            "(no message)".to_owned()
        }
    }
}
