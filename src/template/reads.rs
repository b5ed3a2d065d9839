//! What a template reads of the context, found from its sources.

use super::Template;

impl Template {
    /// Whether the template may read the context's `dataset`: one of its
    /// sources (body, partials, blocks, messages, title, and every plugin partial
    /// in `plugin_partials`) names it, or takes `@root` whole, which could
    /// reach it. On a large dataset that copy of it is most of the context,
    /// in time and memory, and most templates reach the dataset through
    /// their plugins and the root's `country` and `document`; a template
    /// that does not read it is given only the sources its citations draw on.
    pub fn reads_dataset(&self, plugin_partials: &[(String, String)]) -> bool {
        let mut sources = vec![self.body.as_str()];
        sources.extend(self.partials.iter().map(|(_, s)| s.as_str()));
        sources.extend(self.blocks.values().map(String::as_str));
        sources.extend(plugin_partials.iter().map(|(_, s)| s.as_str()));
        sources.extend(
            self.messages
                .values()
                .flat_map(|m| m.values().map(String::as_str)),
        );
        sources.extend(self.manifest.document_title.as_deref());
        sources.iter().any(|s| names_dataset(s))
    }
}

/// Whether a template source may read the context's `dataset`: it names it,
/// or it takes `@root` whole (`{{#each @root}}`), which could reach it.
fn names_dataset(source: &str) -> bool {
    source.contains("dataset")
        || source
            .match_indices("@root")
            .any(|(i, m)| !matches!(source.as_bytes().get(i + m.len()), Some(b'.' | b'/')))
}

#[cfg(test)]
mod tests {
    use super::names_dataset;

    #[test]
    fn a_source_reads_the_dataset_by_name_or_through_the_whole_root() {
        assert!(names_dataset("{{dataset.country.name}}"));
        assert!(names_dataset("{{#each @root}}{{@key}}{{/each}}"));
        assert!(!names_dataset("{{@root.country.name}} {{@root/lang}}"));
        assert!(!names_dataset("{{country.name}}"));
    }
}
