//! Evidence: what a plugin finding rests on, for a reviewer to check.
//!
//! A finding a template prints can carry an [`Evidence`] under the key
//! `evidence`: the plugin and rule that made it, the dataset entries it was
//! drawn from (named by kind and id, as the dataset names them), the
//! sources it cites (ids from `sources.toml`) and the value it gives the
//! text. Plugins name entries by id only; the host finds the file and line
//! of each when a review copy or `hrdraft explain` asks for them.
//!
//! Every field has a default and unknown fields are ignored, so a plugin
//! built against an older SDK, which writes no evidence, keeps working, and
//! a newer plugin's evidence reads in an older host.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The key under which a finding carries its evidence.
pub const EVIDENCE_KEY: &str = "evidence";

/// What a finding rests on.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Evidence {
    /// The plugin that made the finding ("pledge-gap").
    pub plugin: String,
    /// The rule within the plugin, in a few words ("accepted UPR
    /// recommendations grouped by issue").
    pub rule: String,
    /// The dataset entries the finding was drawn from.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub entries: Vec<EntryRef>,
    /// Ids of the sources (`sources.toml`) the finding cites.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
    /// The value the finding gives the text, as a reviewer would check it
    /// ("3 of 5 not implemented").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
}

/// One dataset entry, by kind and id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryRef {
    /// What kind of entry it is, which says the file and table it is in.
    pub kind: EntryKind,
    /// Its id as the dataset writes it: a recommendation's `paragraph`
    /// ("98.12") or `#` and its `number` ("#12"), a pledge's `id`, a
    /// treaty's code ("CAT"), a visit's `mandate`, a communication's
    /// `reference`, a case's `id`, a question's `id`, a treaty body's code
    /// for its reporting, a UPR cycle's `number`.
    pub id: String,
}

/// The kinds of dataset entry evidence can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum EntryKind {
    /// A UPR recommendation (`upr.toml`, `[[recommendations]]`).
    Recommendation,
    /// A UPR cycle (`upr.toml`, `[[cycles]]`).
    Cycle,
    /// A candidacy pledge (`candidacy.toml`, `[[pledges]]`).
    Pledge,
    /// A treaty's status (`treaties.toml`, `[[instruments]]`).
    Treaty,
    /// A treaty body's reporting (`treaties.toml`, `[[reporting]]`).
    Reporting,
    /// A country visit (`special-procedures.toml`, `[[visits]]`).
    Visit,
    /// A communication (`special-procedures.toml`, `[[communications]]`).
    Communication,
    /// A reprisal case (`reprisals.toml`, `[[cases]]`).
    Case,
    /// A question (`questions.toml`, `[[questions]]`).
    Question,
    /// A kind this version does not know (written by a newer plugin).
    #[serde(other)]
    Other,
}

impl EntryKind {
    /// The word a reviewer reads ("recommendation").
    pub fn as_str(self) -> &'static str {
        match self {
            EntryKind::Recommendation => "recommendation",
            EntryKind::Cycle => "cycle",
            EntryKind::Pledge => "pledge",
            EntryKind::Treaty => "treaty",
            EntryKind::Reporting => "reporting",
            EntryKind::Visit => "visit",
            EntryKind::Communication => "communication",
            EntryKind::Case => "case",
            EntryKind::Question => "question",
            EntryKind::Other => "entry",
        }
    }
}

impl Evidence {
    /// Evidence of `plugin`'s `rule`, with no entries yet.
    pub fn new(plugin: &str, rule: &str) -> Self {
        Evidence {
            plugin: plugin.to_owned(),
            rule: rule.to_owned(),
            ..Evidence::default()
        }
    }

    /// Add the entry `kind` `id`, once.
    pub fn entry(mut self, kind: EntryKind, id: impl Into<String>) -> Self {
        let e = EntryRef {
            kind,
            id: id.into(),
        };
        if !self.entries.contains(&e) {
            self.entries.push(e);
        }
        self
    }

    /// Add each of `ids` as an entry of `kind`.
    pub fn entries<S: Into<String>>(
        self,
        kind: EntryKind,
        ids: impl IntoIterator<Item = S>,
    ) -> Self {
        ids.into_iter().fold(self, |ev, id| ev.entry(kind, id))
    }

    /// Add the source ids, once each; empty ids are skipped.
    pub fn sources<S: AsRef<str>>(mut self, ids: impl IntoIterator<Item = S>) -> Self {
        for id in ids {
            let id = id.as_ref();
            if !id.is_empty() && !self.sources.iter().any(|s| s == id) {
                self.sources.push(id.to_owned());
            }
        }
        self
    }

    /// Set the value the finding gives the text.
    pub fn value(mut self, value: impl Into<String>) -> Self {
        self.value = Some(value.into());
        self
    }

    /// The evidence as JSON, to put under [`EVIDENCE_KEY`] in a finding.
    pub fn to_json(&self) -> Value {
        serde_json::to_value(self).unwrap_or(Value::Null)
    }

    /// Put the evidence into `finding` (a JSON object) under
    /// [`EVIDENCE_KEY`]; a finding that is not an object is left alone.
    pub fn attach(&self, finding: &mut Value) {
        if let Some(obj) = finding.as_object_mut() {
            obj.insert(EVIDENCE_KEY.to_owned(), self.to_json());
        }
    }

    /// The evidence a finding carries, if it carries any that reads.
    pub fn of(finding: &Value) -> Option<Evidence> {
        serde_json::from_value(finding.get(EVIDENCE_KEY)?.clone()).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn round_trips_and_tolerates() {
        let ev = Evidence::new("pledge-gap", "accepted recommendations")
            .entry(EntryKind::Recommendation, "98.12")
            .entry(EntryKind::Recommendation, "98.12")
            .sources(["a-hrc-14-10", ""])
            .value("3");
        let mut f = json!({"size": 3});
        ev.attach(&mut f);
        assert_eq!(Evidence::of(&f), Some(ev.clone()));
        assert_eq!(ev.entries.len(), 1);
        assert_eq!(ev.sources, ["a-hrc-14-10"]);
        // An older plugin writes nothing; a newer one may write more.
        assert_eq!(Evidence::of(&json!({})), None);
        let newer = json!({"evidence": {"plugin": "x", "weight": 2,
            "entries": [{"kind": "mandate-holder", "id": "a"}]}});
        let read = Evidence::of(&newer).unwrap();
        assert_eq!(read.entries[0].kind, EntryKind::Other);
        assert_eq!(read.rule, "");
    }
}
