//! What a review mark says: where a piece of generated text comes from.
//!
//! The render records one [`Mark`] for each `{{#evidence}}` block and each
//! footnote; the text it covers lies between the `Inline::Mark` milestones
//! of the same id. Dataset positions (`at`) are filled in by
//! [`crate::review::locate`] when a review copy or `explain` asks for them.

/// The provenance of one marked piece of text.
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct Mark {
    /// Who made the text: `plugin-name: rule`, or what the template did
    /// ("citation", "footnote in the template wording").
    pub origin: String,
    /// The value the finding gave the text, when it gave one.
    pub value: Option<String>,
    /// The dataset entries the text rests on.
    pub entries: Vec<MarkEntry>,
    /// The sources it cites.
    pub sources: Vec<MarkSource>,
}

/// A dataset entry behind a mark.
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct MarkEntry {
    /// Its kind ("recommendation").
    pub kind: String,
    /// Its id ("95.61").
    pub id: String,
    /// `file:line` in the dataset, once located.
    pub at: Option<String>,
}

/// A source cited by marked text.
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct MarkSource {
    /// Its id in sources.toml.
    pub id: String,
    /// Its symbol ("A/HRC/14/10").
    pub symbol: Option<String>,
    /// Its date (YYYY-MM-DD).
    pub date: Option<String>,
    /// The paragraph or other locator cited.
    pub locator: Option<String>,
    /// `sources.toml:line`, once located.
    pub at: Option<String>,
}

impl Mark {
    /// The mark's note as lines a reviewer reads: origin, value, entries
    /// with their places, sources with symbol, date, locator and place.
    pub fn lines(&self) -> Vec<String> {
        let mut out = vec![self.origin.clone()];
        if let Some(v) = &self.value {
            out.push(format!("value: {v}"));
        }
        for e in &self.entries {
            out.push(match &e.at {
                Some(at) => format!("{} {} ({at})", e.kind, e.id),
                None => format!("{} {}", e.kind, e.id),
            });
        }
        for s in &self.sources {
            let mut line = format!("source {}", s.id);
            let details: Vec<&str> = [&s.symbol, &s.date, &s.locator]
                .into_iter()
                .filter_map(|x| x.as_deref())
                .collect();
            if !details.is_empty() {
                line.push_str(&format!(": {}", details.join(", ")));
            }
            if let Some(at) = &s.at {
                line.push_str(&format!(" ({at})"));
            }
            out.push(line);
        }
        out
    }
}
