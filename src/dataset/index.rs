//! Where each entry of a dataset is written: `file:line` by kind and id.
//!
//! Built only when a review copy or `hrdraft explain` asks, from the files
//! as they are on disk, so that drafting without review reads nothing
//! twice. Each file is parsed with spans kept (`toml_edit`) and every
//! element of the arrays that evidence can name is filed under its id.

use std::collections::HashMap;
use std::path::Path;

use hrdraft_sdk::EntryKind;
use toml_edit::{Document, Item, Table};

/// `file:line` of each dataset entry, by kind and id; sources by id.
#[derive(Debug, Default, Clone)]
pub struct EntryIndex {
    entries: HashMap<(EntryKind, String), String>,
    sources: HashMap<String, String>,
}

/// The fields that give an entry its id, the first present winning; a
/// number field `n` gives `#n` when the flag is set.
type IdFields = &'static [(&'static str, bool)];

/// The arrays indexed: file, top-level array, the kind (`None`: sources)
/// and the fields that give the id.
const ARRAYS: &[(&str, &str, Option<EntryKind>, IdFields)] = &[
    (
        "upr.toml",
        "recommendations",
        Some(EntryKind::Recommendation),
        &[("paragraph", false), ("number", true)],
    ),
    (
        "upr.toml",
        "cycles",
        Some(EntryKind::Cycle),
        &[("number", false)],
    ),
    (
        "candidacy.toml",
        "pledges",
        Some(EntryKind::Pledge),
        &[("id", false)],
    ),
    (
        "treaties.toml",
        "instruments",
        Some(EntryKind::Treaty),
        &[("treaty", false)],
    ),
    (
        "treaties.toml",
        "reporting",
        Some(EntryKind::Reporting),
        &[("body", false)],
    ),
    (
        "special-procedures.toml",
        "visits",
        Some(EntryKind::Visit),
        &[("mandate", false)],
    ),
    (
        "special-procedures.toml",
        "communications",
        Some(EntryKind::Communication),
        &[("reference", false)],
    ),
    (
        "reprisals.toml",
        "cases",
        Some(EntryKind::Case),
        &[("id", false)],
    ),
    (
        "questions.toml",
        "questions",
        Some(EntryKind::Question),
        &[("id", false)],
    ),
    ("sources.toml", "sources", None, &[("id", false)]),
];

impl EntryIndex {
    /// Index the dataset in `dir`; places are written `DIR/FILE:LINE`. A file that is absent or does not parse
    /// contributes nothing: `check` is the place to report it.
    pub fn build(dir: &Path) -> EntryIndex {
        let mut index = EntryIndex::default();
        let mut parsed: HashMap<&str, Option<(String, Document<String>)>> = HashMap::new();
        for (file, array, kind, keys) in ARRAYS {
            let entry = parsed.entry(file).or_insert_with(|| {
                let text = super::read_file(dir, file).ok().flatten()?;
                let text = String::from_utf8(text).ok()?;
                let doc = Document::parse(text.clone()).ok()?;
                Some((text, doc))
            });
            let Some((text, doc)) = entry else {
                continue;
            };
            let Some(Item::ArrayOfTables(list)) = doc.as_table().get(array) else {
                continue;
            };
            for (at, table) in list.iter().enumerate() {
                // An element without an id is named by its place: `#1` on.
                let id = id_of(table, keys).unwrap_or_else(|| format!("#{}", at + 1));
                let Some(line) = table.span().map(|s| line_of(text, s.start)) else {
                    continue;
                };
                let at = format!("{}:{line}", dir.join(file).display());
                match kind {
                    Some(k) => {
                        index.entries.entry((*k, id)).or_insert(at);
                    }
                    None => {
                        index.sources.entry(id).or_insert(at);
                    }
                }
            }
        }
        index
    }

    /// `file:line` of entry `kind` `id`.
    pub fn entry(&self, kind: EntryKind, id: &str) -> Option<&str> {
        self.entries
            .get(&(kind, id.to_string()))
            .map(String::as_str)
    }

    /// `sources.toml:line` of source `id`.
    pub fn source(&self, id: &str) -> Option<&str> {
        self.sources.get(id).map(String::as_str)
    }
}

fn id_of(table: &Table, keys: &[(&str, bool)]) -> Option<String> {
    keys.iter().find_map(|(k, hash)| {
        let v = table.get(k)?.as_value()?;
        let id = match (v.as_str(), v.as_integer()) {
            (Some(s), _) => s.to_string(),
            (None, Some(n)) => n.to_string(),
            _ => return None,
        };
        Some(if *hash { format!("#{id}") } else { id })
    })
}

/// The line (from 1) of byte `at` in `text`.
fn line_of(text: &str, at: usize) -> usize {
    text.as_bytes()[..at.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_kazakhstan_entries() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/kazakhstan");
        let index = EntryIndex::build(&dir);
        let text = std::fs::read_to_string(dir.join("upr.toml")).unwrap();
        let at = index.entry(EntryKind::Recommendation, "97.16").unwrap();
        let (file, line) = at.rsplit_once(':').unwrap();
        assert!(file.ends_with("kazakhstan/upr.toml"), "{file}");
        let line: usize = line.parse().unwrap();
        // The element's header, a few lines above its paragraph.
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[line - 1].trim(), "[[recommendations]]");
        assert!(lines[line..line + 8]
            .iter()
            .any(|l| l.contains("paragraph = \"97.16\"")));
        assert!(index.entry(EntryKind::Recommendation, "#1").is_some());
        assert!(index.source("a-hrc-14-10").is_some() || index.sources.len() > 3);
        assert!(index.entry(EntryKind::Treaty, "ICERD").is_some());
    }
}
