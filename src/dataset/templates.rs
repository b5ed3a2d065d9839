//! The templates documents.toml names: an entry naming no template there is
//! is a typing mistake that would otherwise pass unseen, the document then
//! drafted without its entry (dated today, with no addressee).

use std::path::Path;

use hrdraft_sdk::Dataset;

use super::source::TomlFile;
use super::{path, Diagnostic, Severity};

const FILE: &str = "documents.toml";

/// A finding of `severity` at each `[[documents]]` entry of `dataset` (read
/// from `dir`) whose `template` is none of `known`, with the nearest name
/// as the likely one meant. documents.toml is read again to find the line
/// only when there is such an entry.
pub fn unknown_templates(
    dir: &Path,
    dataset: &Dataset,
    known: &[&str],
    severity: Severity,
) -> Vec<Diagnostic> {
    let unknown: Vec<(usize, &str)> = dataset
        .documents
        .documents
        .iter()
        .enumerate()
        .map(|(i, d)| (i, d.template.as_str()))
        .filter(|(_, t)| !known.contains(t))
        .collect();
    if unknown.is_empty() {
        return Vec::new();
    }
    let file = TomlFile::reread(dir, FILE);
    unknown
        .into_iter()
        .map(|(i, name)| {
            let at = path("documents").index(i).key("template");
            let nearest = known
                .iter()
                .map(|k| (*k, super::files::edit_distance(name, k)))
                .min_by_key(|(_, d)| *d)
                .filter(|(_, d)| *d <= 3);
            let hint = match nearest {
                Some((k, _)) => format!("did you mean \"{k}\"?"),
                None => format!(
                    "the templates are {}; a template of your own is given with `--templates DIR`",
                    known
                        .iter()
                        .map(|k| format!("\"{k}\""))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            let mut d = file.diagnostic(
                file.span_of(&at),
                at.to_string(),
                format!("there is no template \"{name}\": this entry is used by no document"),
                Some(hint),
            );
            d.severity = severity;
            d
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_misspelt_template_is_found_at_its_line_with_the_name_meant() {
        let dir = tempfile::tempdir().expect("tempdir");
        let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/minimal");
        for entry in std::fs::read_dir(&fixture).expect("the fixture") {
            let entry = entry.expect("an entry");
            std::fs::copy(entry.path(), dir.path().join(entry.file_name())).expect("copy");
        }
        let toml = std::fs::read_to_string(dir.path().join(FILE)).expect("read");
        let lines = toml.lines().count();
        let toml =
            format!("{toml}\n[[documents]]\ntemplate = \"pledging-question\"\ndate = 2012-09-22\n");
        std::fs::write(dir.path().join(FILE), toml).expect("write");
        let dataset = crate::dataset::load(dir.path()).expect("valid").dataset;
        let known = ["open-letter", "pledging-questions", "mia-report"];
        let found = unknown_templates(dir.path(), &dataset, &known, Severity::Error);
        assert_eq!(found.len(), 1, "{found:?}");
        let d = &found[0];
        assert_eq!((d.file.as_str(), d.line), ("documents.toml", lines + 3));
        assert_eq!(d.field, "documents[2].template");
        assert!(d.message.contains("\"pledging-question\""), "{}", d.message);
        assert_eq!(
            d.hint.as_deref(),
            Some("did you mean \"pledging-questions\"?")
        );
        let all = ["pledging-question", "open-letter", "mia-report"];
        assert!(unknown_templates(dir.path(), &dataset, &all, Severity::Error).is_empty());
    }
}
