//! `post-dated-source`: a cited source dated after the document;
//! `uncited-source`: a source nothing refers to.

use std::collections::BTreeSet;

use hrdraft_sdk::{Dataset, Source};
use serde_json::Value;

use super::{Code, Input, Place, Warning};
use crate::dataset::citation_ids;
use crate::diagnostic::{Diagnostic, Severity};
use crate::render::CitedBy;

/// Every source the document cites that is dated after the document,
/// named with the sources.toml line of its date and where it was cited.
///
/// `check` already warns of an author's paragraph (documents.toml) that
/// cites a source dated after its document's date, and of an open letter
/// dated before its pledge document; the commands that lint leave out those
/// warnings of `check` that a lint warning restates ([`restates`]), so each
/// is reported once, with its code.
pub fn post_dated(input: &Input<'_>, out: &mut Vec<Warning>) {
    let Some(date) = input.date() else { return };
    let mut seen = BTreeSet::new();
    for citation in input.citations {
        let id = citation.source.as_str();
        if !seen.insert(id) {
            continue;
        }
        let Some((index, source)) = find(input.dataset, id) else {
            continue;
        };
        let Some(dated) = source.date.filter(|d| *d > date) else {
            continue;
        };
        let all: Vec<&CitedBy> = input
            .citations
            .iter()
            .filter(|c| c.source == id)
            .map(|c| &c.by)
            .collect();
        let by_template = all.iter().find_map(|b| match b {
            CitedBy::Template(t) => Some(t.clone()),
            CitedBy::Author => None,
        });
        let also = match by_template {
            Some(template) => Some(Place::Citation {
                template,
                source: id.to_string(),
            }),
            None => author_paragraph(input, id),
        };
        out.push(Warning {
            code: Code::PostDatedSource,
            message: format!(
                "the document is dated {date} but cites \"{id}\"{}, dated {dated}",
                shown(source)
            ),
            hint: "a document speaks only of what was known on its date: cite an earlier \
                   source, or correct the document's date (documents.toml or --as-of) or the \
                   source's"
                .to_string(),
            at: Place::Field {
                file: "sources.toml".to_string(),
                field: format!("sources[{index}].date"),
            },
            also,
        });
    }
}

/// The author's paragraph of this document that cites `id`.
fn author_paragraph(input: &Input<'_>, id: &str) -> Option<Place> {
    let entry = input.entry?;
    let d = input.entry_index()?;
    let p = entry.paragraphs.iter().position(|p| cites(&p.text, id))?;
    Some(Place::Field {
        file: "documents.toml".to_string(),
        field: format!("documents[{d}].paragraphs[{p}].text"),
    })
}

/// Whether `d`, a warning of `check` about documents.toml (as loading the
/// dataset gives it, its file named within the dataset), says what one of
/// the `post-dated-source` warnings of `warnings` says: that the document
/// cites, or would cite, a source dated after it.
pub fn restates(d: &Diagnostic, warnings: &[Warning]) -> bool {
    d.severity == Severity::Warning
        && d.file == "documents.toml"
        && d.message.contains("after")
        && warnings.iter().any(|w| {
            w.code == Code::PostDatedSource
                && w.message
                    .split('"')
                    .nth(1)
                    .is_some_and(|id| d.message.contains(&format!("\"{id}\"")))
        })
}

/// Whether an author's paragraph cites `id`: `[@id]`, `[@id, locator]`,
/// or a later citation in the same brackets (`[@a, para 1; @id]`).
fn cites(text: &str, id: &str) -> bool {
    let mark = format!("@{id}");
    text.match_indices(&mark).any(|(at, _)| {
        !text[at + mark.len()..]
            .starts_with(|c: char| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | ':'))
    })
}

fn find<'d>(dataset: &'d Dataset, id: &str) -> Option<(usize, &'d Source)> {
    dataset.sources.iter().enumerate().find(|(_, s)| s.id == id)
}

/// " (A/67/122)", or the title, or nothing.
fn shown(source: &Source) -> String {
    match (&source.symbol, &source.title) {
        (Some(s), _) => format!(" ({s})"),
        (None, Some(t)) => format!(" ({t})"),
        (None, None) => String::new(),
    }
}

/// The sources of `dataset` that nothing refers to: no document drafted
/// cited them (`cited`), no dataset entry names them (a `source`,
/// `sources` or `response_source` field, an author's `[@id]`), and no
/// template names them in its wording (`wording`: every template's body,
/// partials and messages). A source that only some of the dataset's
/// documents cite is not reported: a dataset's sources serve all of them.
pub fn uncited(dataset: &Dataset, cited: &BTreeSet<String>, wording: &str) -> Vec<Warning> {
    let mut named = BTreeSet::new();
    if let Ok(Value::Object(mut json)) = serde_json::to_value(dataset) {
        json.remove("sources");
        strings(&Value::Object(json), &mut |s| {
            named.insert(s.to_string());
            for id in citation_ids(s) {
                named.insert(id.to_string());
            }
        });
    }
    let mut out = Vec::new();
    for (index, source) in dataset.sources.iter().enumerate() {
        let id = &source.id;
        let quoted = format!("\"{id}\"");
        // A template may print a source's symbol or title in its own words
        // (a footnote "A/RES/60/251, para 9.") rather than cite it by id.
        let printed = [&source.symbol, &source.title]
            .into_iter()
            .flatten()
            .any(|s| s.chars().count() >= 8 && wording.contains(s.as_str()));
        if cited.contains(id) || named.contains(id) || wording.contains(&quoted) || printed {
            continue;
        }
        out.push(Warning {
            code: Code::UncitedSource,
            message: format!(
                "source \"{id}\"{} is cited by no document, and no entry of the dataset refers to it",
                shown(source)
            ),
            hint: "cite it (`[@id]` in a paragraph of documents.toml, or a `source` field of the \
                   entry it supports), or remove it from sources.toml"
                .to_string(),
            at: Place::Field {
                file: "sources.toml".to_string(),
                field: format!("sources[{index}].id"),
            },
            also: None,
        });
    }
    out
}

/// Call `f` on every string in `value`.
pub(super) fn strings(value: &Value, f: &mut dyn FnMut(&str)) {
    match value {
        Value::String(s) => f(s),
        Value::Array(a) => a.iter().for_each(|v| strings(v, f)),
        Value::Object(o) => o.values().for_each(|v| strings(v, f)),
        _ => {}
    }
}
