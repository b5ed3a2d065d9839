//! The fast way to load a dataset: each file deserialized whole, giving up at the first problem.
//!
//! Most datasets are valid, and for them the precise path
//! ([`super::files::precise`]) does work that only pays off when something is
//! wrong: it keeps every span and deserializes each array element on its own,
//! which on a 100,000-recommendation file costs seconds and gigabytes. Here
//! each file goes straight into its struct. Any problem at all (bytes that are
//! not UTF-8, an empty or unknown file, a syntax error, an unknown key, a
//! wrong type, a control character) abandons the attempt, and the caller loads
//! the dataset again the precise way, so a drafter sees exactly the
//! diagnostics the precise path gives.

use std::borrow::Cow;
use std::collections::BTreeMap;

use hrdraft_sdk::{Dataset, DatasetFiles, Upr};
use serde::de::DeserializeOwned;

use super::files::FILES;
use super::open::MAX_FILE_BYTES;
use super::source::TomlFile;
use super::{validate, Diagnostic};
use pieces::Pieces;

/// The fast path met something only the precise path can report.
struct Abandon;

/// The order in which the precise path hands the files to validation,
/// country.toml last, so that findings come out in the same order.
const VALIDATION_ORDER: [&str; 9] = [
    "treaties.toml",
    "special-procedures.toml",
    "candidacy.toml",
    "upr.toml",
    "reprisals.toml",
    "questions.toml",
    "sources.toml",
    "documents.toml",
    "country.toml",
];

/// The files of a dataset as `(file name, bytes)`, borrowed or given to keep.
pub(super) type Given<'a> = Cow<'a, [(String, Vec<u8>)]>;

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Load and validate the dataset made of `given` (`(file name, bytes)`),
/// adding validation's findings to `out`. When any file has a problem,
/// nothing is added and `given` comes back for the precise path.
pub(super) fn load<'a>(given: Given<'a>, out: &mut Vec<Diagnostic>) -> Result<Dataset, Given<'a>> {
    let Ok(dataset) = read(&given) else {
        return Err(given);
    };
    let files = texts(given);
    validate::check(&dataset, &files, out);
    Ok(dataset)
}

/// Deserialize every file of `given` into the dataset.
fn read(given: &[(String, Vec<u8>)]) -> Result<Dataset, Abandon> {
    let mut by_name: BTreeMap<&'static str, &[u8]> = BTreeMap::new();
    for (name, bytes) in given {
        let (known, _) = FILES.iter().find(|(f, _)| f == name).ok_or(Abandon)?;
        if bytes.len() as u64 > MAX_FILE_BYTES || by_name.insert(known, bytes).is_some() {
            return Err(Abandon);
        }
    }
    // One file at a time: each file's parsed tree is dropped before the next is read.
    Ok(Dataset::from(DatasetFiles {
        country: file(&by_name, "country.toml")?.ok_or(Abandon)?,
        treaties: file(&by_name, "treaties.toml")?,
        special_procedures: file(&by_name, "special-procedures.toml")?,
        candidacy: file(&by_name, "candidacy.toml")?,
        upr: upr(&by_name)?,
        reprisals: file(&by_name, "reprisals.toml")?,
        questions: file(&by_name, "questions.toml")?,
        sources: file(&by_name, "sources.toml")?,
        documents: file(&by_name, "documents.toml")?,
    }))
}

/// Deserialize the file `name`, if given.
fn file<T: DeserializeOwned>(
    given: &BTreeMap<&'static str, &[u8]>,
    name: &str,
) -> Result<Option<T>, Abandon> {
    text(given, name)?
        .map(|text| toml::from_str::<T>(text).map_err(|_| Abandon))
        .transpose()
}

/// Deserialize `upr.toml`, if given: in pieces when it is large, so that
/// the parser's lists for the whole file are never held at once.
fn upr(given: &BTreeMap<&'static str, &[u8]>) -> Result<Option<Upr>, Abandon> {
    let Some(text) = text(given, "upr.toml")? else {
        return Ok(None);
    };
    if text.len() > pieces::PIECE_BYTES {
        match pieces::upr(text, pieces::PIECE_BYTES) {
            Pieces::Read(upr) => return Ok(Some(upr)),
            Pieces::Invalid => return Err(Abandon),
            Pieces::Uncut => {}
        }
    }
    toml::from_str(text).map(Some).map_err(|_| Abandon)
}

/// The text of the file `name`, if given, without a byte order mark; an
/// abandon if it is not UTF-8, is empty or may hold a control character.
fn text<'a>(
    given: &BTreeMap<&'static str, &'a [u8]>,
    name: &str,
) -> Result<Option<&'a str>, Abandon> {
    let Some(bytes) = given.get(name) else {
        return Ok(None);
    };
    let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|_| Abandon)?;
    if text.trim().is_empty() || may_hold_control_character(text) {
        return Err(Abandon);
    }
    Ok(Some(text))
}

/// The files' texts, without a byte order mark as the precise path keeps
/// them, for validation to locate its findings in. Bytes given to keep
/// become the texts as they are: a large file is not held twice.
fn texts(given: Given<'_>) -> Vec<TomlFile> {
    let mut by_name: BTreeMap<String, String> = match given {
        Cow::Owned(given) => given
            .into_iter()
            .map(|(name, mut bytes)| {
                if bytes.starts_with(BOM) {
                    bytes.drain(..BOM.len());
                }
                let text = String::from_utf8(bytes).unwrap_or_default();
                (name, text)
            })
            .collect(),
        Cow::Borrowed(given) => given
            .iter()
            .map(|(name, bytes)| {
                let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
                let text = std::str::from_utf8(bytes).unwrap_or_default();
                (name.clone(), text.to_string())
            })
            .collect(),
    };
    VALIDATION_ORDER
        .iter()
        .filter_map(|name| Some(TomlFile::unparsed(name, by_name.remove(*name)?)))
        .collect()
}

/// Whether a string value of `text` may hold a control character the precise
/// path refuses (any but tab, line feed and carriage return).
///
/// Conservative: it looks at the whole text, comments, keys and literal
/// strings included, so it may say yes for a harmless file, which then only
/// loads the slower way. It cannot say no wrongly: a control character is
/// either in the text as itself (raw, in any kind of string) or written as
/// an escape in a basic string, single- or multi-line. Literal strings have
/// no escapes, so a backslash there is at worst read as the start of one,
/// which can only add a yes. An escaped backslash (`\\`) is skipped whole so
/// that the `b` of `"C:\\bin"` is not taken for a backspace; outside strings
/// a valid file has no backslash, so skipping cannot swallow an escape's own.
pub(super) fn may_hold_control_character(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'\t' | b'\n' | b'\r' => {}
            0x00..=0x1F | 0x7F => return true,
            // U+0080 to U+009F, the C1 controls, are 0xC2 0x80-0x9F in UTF-8.
            0xC2 if matches!(bytes.get(i + 1), Some(0x80..=0x9F)) => return true,
            b'\\' => match bytes.get(i + 1) {
                Some(b'\\') => i += 1,
                // Backspace, escape and form feed (TOML 1.1 added `\e`).
                Some(b'b' | b'e' | b'f') => return true,
                // `\xHH` (TOML 1.1), `\uHHHH`, `\UHHHHHHHH`.
                Some(&c @ (b'x' | b'u' | b'U')) => {
                    let digits = match c {
                        b'x' => 2,
                        b'u' => 4,
                        _ => 8,
                    };
                    let hex = bytes.get(i + 2..i + 2 + digits).unwrap_or(&[]);
                    if hex.len() != digits || !hex.iter().all(u8::is_ascii_hexdigit) {
                        return true;
                    }
                    let code = hex.iter().fold(0u32, |n, &h| {
                        (n << 4) | char::from(h).to_digit(16).unwrap_or(0)
                    });
                    if char::from_u32(code).is_none_or(refused) {
                        return true;
                    }
                    i += 1 + digits;
                }
                // `\"`, `\n`, `\t`, a line-ending backslash: the next byte is
                // looked at on its own.
                _ => {}
            },
            _ => {}
        }
        i += 1;
    }
    false
}

/// A character the precise path refuses in a string value.
fn refused(c: char) -> bool {
    c.is_control() && !matches!(c, '\n' | '\t' | '\r')
}

mod pieces;
#[cfg(test)]
mod tests;
