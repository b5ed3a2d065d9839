//! Plugins in dynamic libraries, spoken to through the C ABI of `hrdraft-sdk`.
//!
//! Only JSON strings and a `u32` cross the boundary (Rust types are not
//! stable across compiler versions). The ABI version is checked before any
//! other call. Libraries are never unloaded: the function pointers kept
//! here, and anything the library set up, must stay valid for the life of
//! the process, so the `Library` is leaked on purpose.

use std::error::Error as _;
use std::ffi::{c_char, CStr, CString};
use std::path::{Path, PathBuf};

use hrdraft_sdk::{
    Metadata, Outcome, ABI_VERSION, SYMBOL_ABI_VERSION, SYMBOL_FREE, SYMBOL_METADATA, SYMBOL_RUN,
};
use libloading::Library;
use serde_json::Value;

use super::PluginError;

type AbiFn = unsafe extern "C" fn() -> u32;
type MetadataFn = unsafe extern "C" fn() -> *mut c_char;
type RunFn = unsafe extern "C" fn(*const c_char) -> *mut c_char;
type FreeFn = unsafe extern "C" fn(*mut c_char);

/// A loaded plugin library.
pub(crate) struct LibraryPlugin {
    pub path: PathBuf,
    pub metadata: Metadata,
    run: RunFn,
    free: FreeFn,
}

/// The loader's own words: `libloading::Error` says only "dlopen failed".
fn loader_message(e: &libloading::Error) -> String {
    match e.source() {
        Some(source) => source.to_string(),
        None => e.to_string(),
    }
}

/// A name for messages before the plugin has told its own.
fn file_label(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// Load the library at `path`, check its ABI version and read its metadata.
pub(crate) fn load(path: &Path) -> Result<LibraryPlugin, PluginError> {
    if !path.exists() {
        return Err(PluginError::Missing {
            path: path.to_owned(),
        });
    }
    // SAFETY: loading runs the library's initialisers. Plugins are code the
    // user chose to run, as with any program they start; that trust is the
    // premise of a plugin system.
    let library = unsafe { Library::new(path) }.map_err(|e| PluginError::Load {
        path: path.to_owned(),
        detail: loader_message(&e),
    })?;
    // Never unloaded (see the module doc).
    let library: &'static Library = Box::leak(Box::new(library));

    let abi: AbiFn = symbol(library, path, SYMBOL_ABI_VERSION)?;
    // SAFETY: the symbol has the signature the ABI gives it, in every ABI version.
    let found = unsafe { abi() };
    if found != ABI_VERSION {
        return Err(PluginError::AbiMismatch {
            path: path.to_owned(),
            found,
            expected: ABI_VERSION,
        });
    }
    let metadata_fn: MetadataFn = symbol(library, path, SYMBOL_METADATA)?;
    let run: RunFn = symbol(library, path, SYMBOL_RUN)?;
    let free: FreeFn = symbol(library, path, SYMBOL_FREE)?;

    let label = file_label(path);
    let origin = path.display().to_string();
    // SAFETY: ABI version checked; the function takes nothing and returns a string to free.
    let raw = unsafe { metadata_fn() };
    // SAFETY: `raw` came from this library's metadata function.
    let text = unsafe { take_string(raw, free) }.map_err(|detail| PluginError::BadJson {
        name: label.clone(),
        origin: origin.clone(),
        detail,
    })?;
    let value = outcome(&text, &label, &origin)?;
    let metadata: Metadata =
        serde_json::from_value(value).map_err(|e| PluginError::BadMetadata {
            name: label.clone(),
            origin: origin.clone(),
            problem: e.to_string(),
        })?;
    if let Some(problem) = metadata.problem() {
        return Err(PluginError::BadMetadata {
            name: label,
            origin,
            problem,
        });
    }
    Ok(LibraryPlugin {
        path: path.to_owned(),
        metadata,
        run,
        free,
    })
}

fn symbol<T: Copy>(
    library: &'static Library,
    path: &Path,
    name: &'static str,
) -> Result<T, PluginError> {
    // SAFETY: `T` is the function type the ABI gives this symbol; the
    // library is leaked, so the pointer outlives every use.
    match unsafe { library.get::<T>(name) } {
        Ok(sym) => Ok(*sym),
        Err(e) => Err(PluginError::NotAPlugin {
            path: path.to_owned(),
            symbol: name,
            detail: loader_message(&e),
        }),
    }
}

/// Copy a string the plugin returned and give it back to be freed.
///
/// # Safety
/// `raw` must be null or a string from the library whose free function `free` is.
unsafe fn take_string(raw: *mut c_char, free: FreeFn) -> Result<String, String> {
    if raw.is_null() {
        return Err("it returned nothing (a null pointer)".into());
    }
    // SAFETY: non-null and NUL-terminated by the ABI.
    let text = unsafe { CStr::from_ptr(raw) }
        .to_str()
        .map(str::to_owned)
        .map_err(|e| format!("the answer is not UTF-8: {e}"));
    // SAFETY: returned by this library, freed once, by its own allocator.
    unsafe { free(raw) };
    text
}

/// The value of an `{"ok": …}` answer, or the error it reports.
pub(crate) fn outcome(text: &str, name: &str, origin: &str) -> Result<Value, PluginError> {
    match serde_json::from_str::<Outcome>(text) {
        Ok(Outcome::Ok(v)) => Ok(v),
        Ok(Outcome::Error(message)) => Err(PluginError::Failed {
            name: name.into(),
            origin: origin.into(),
            message,
        }),
        Ok(Outcome::Panic(message)) => Err(PluginError::Panicked {
            name: name.into(),
            origin: origin.into(),
            message,
        }),
        Err(e) => Err(PluginError::BadJson {
            name: name.into(),
            origin: origin.into(),
            detail: format!("{e} in an answer starting `{}`", start_of(text)),
        }),
    }
}

/// The first characters of a text, for messages.
pub(crate) fn start_of(text: &str) -> String {
    let text = text.trim();
    let mut s: String = text.chars().take(80).collect();
    if s.len() < text.len() {
        s.push('…');
    }
    s
}

impl LibraryPlugin {
    /// Run on the input JSON (`{"dataset": …, "options": …}`).
    pub fn run(&self, input: &str) -> Result<Value, PluginError> {
        let name = &self.metadata.name;
        let origin = self.path.display().to_string();
        let input = CString::new(input).map_err(|_| PluginError::Failed {
            name: name.clone(),
            origin: origin.clone(),
            message: "the input holds a NUL character, which the plugin ABI cannot carry".into(),
        })?;
        // SAFETY: ABI version checked at load; `input` outlives the call.
        let raw = unsafe { (self.run)(input.as_ptr()) };
        // SAFETY: `raw` came from this library's run function.
        let text =
            unsafe { take_string(raw, self.free) }.map_err(|detail| PluginError::BadJson {
                name: name.clone(),
                origin: origin.clone(),
                detail,
            })?;
        outcome(&text, name, &origin)
    }
}
