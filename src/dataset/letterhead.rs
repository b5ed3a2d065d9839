//! The letterhead's files: the logo `[letterhead]` in documents.toml names
//! is read with the dataset, and refused there, naming the field, when it
//! is missing, unreadable or not an image hrdraft can print.

use std::path::Path;

use hrdraft_sdk::Dataset;

use super::source::TomlFile;
use super::{open, path, Diagnostic};

const FILE: &str = "documents.toml";

/// Read the logo of `dataset`'s letterhead from `dir`, keeping its bytes in
/// the dataset; every problem goes to `out`.
pub(super) fn read(dir: &Path, dataset: &mut Dataset, out: &mut Vec<Diagnostic>) {
    let Some(letterhead) = dataset.documents.letterhead.as_mut() else {
        return;
    };
    let mut report = |field: &str, message: String, hint: Option<String>| {
        out.push(diagnostic(dir, field, message, hint));
    };
    if let Some(footer) = &letterhead.footer {
        if let Err(e) = handlebars::Template::compile(footer) {
            report(
                "footer",
                format!("the running footer is not a template that can be read: {e}"),
                Some("write `{{index}}` for the document's index number".into()),
            );
        }
    }
    if let Some(width) = letterhead.logo_width_cm {
        if !(0.5..=15.0).contains(&width) {
            report(
                "logo_width_cm",
                format!("a logo {width} cm wide does not fit a letterhead"),
                Some("give a width from 0.5 to 15 cm".into()),
            );
        }
    }
    let Some(name) = letterhead.logo.clone() else {
        return;
    };
    let bytes = match inside(&name).map(|n| open::read_file(dir, n)) {
        None => {
            report(
                "logo",
                format!("the logo `{name}` is not a path inside the dataset directory"),
                Some("copy the logo into the dataset directory and name it relative to it (\"logo.png\")".into()),
            );
            return;
        }
        Some(Ok(Some(bytes))) => bytes,
        Some(Ok(None)) => {
            report(
                "logo",
                format!("the logo file `{name}` does not exist in the dataset directory"),
                Some(format!(
                    "put the logo at {} or correct the name",
                    dir.join(&name).display()
                )),
            );
            return;
        }
        Some(Err(e)) => {
            report(
                "logo",
                format!("the logo file `{name}` cannot be read: {}", e.message),
                e.hint,
            );
            return;
        }
    };
    match crate::image::inspect(&bytes) {
        Ok(_) => letterhead.logo_data = Some(bytes.into()),
        Err(e) => report("logo", format!("`{name}`: {}", e.message), e.hint),
    }
}

/// `name` when it is a relative path that stays inside the dataset.
fn inside(name: &str) -> Option<&str> {
    let p = Path::new(name);
    let plain = p
        .components()
        .all(|c| matches!(c, std::path::Component::Normal(_)));
    (plain && !name.is_empty()).then_some(name)
}

/// An error at `letterhead.FIELD` of documents.toml, the file read again
/// to find its line: only a dataset with a problem pays for that.
fn diagnostic(dir: &Path, field: &str, message: String, hint: Option<String>) -> Diagnostic {
    let at = path("letterhead").key(field);
    let file = TomlFile::reread(dir, FILE);
    file.diagnostic(file.span_of(&at), at.to_string(), message, hint)
}
