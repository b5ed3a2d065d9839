//! Writing a new dataset directory with every file and example entries (`hrdraft new dataset`).
//!
//! The files are kept as TOML under `skeleton/` with three placeholders:
//! `@NAME@` and `@SHORT@` (quoted TOML strings) and `@TITLE@` (the country's
//! name for the comment heading each file). The result passes `check` and
//! drafts every built-in document, so a drafter starts from something that
//! works and replaces the examples one by one.

use std::path::{Path, PathBuf};

use unicode_normalization::UnicodeNormalization;

/// The files, in the order `docs/dataset.md` describes them.
const FILES: &[(&str, &str)] = &[
    ("country.toml", include_str!("skeleton/country.toml")),
    ("treaties.toml", include_str!("skeleton/treaties.toml")),
    (
        "special-procedures.toml",
        include_str!("skeleton/special-procedures.toml"),
    ),
    ("candidacy.toml", include_str!("skeleton/candidacy.toml")),
    ("upr.toml", include_str!("skeleton/upr.toml")),
    ("reprisals.toml", include_str!("skeleton/reprisals.toml")),
    ("questions.toml", include_str!("skeleton/questions.toml")),
    ("sources.toml", include_str!("skeleton/sources.toml")),
    ("documents.toml", include_str!("skeleton/documents.toml")),
];

/// Why a dataset skeleton could not be written.
#[derive(Debug, thiserror::Error)]
pub enum SkeletonError {
    /// The directory already has files.
    #[error("{} already exists and is not empty; choose a new directory", .0.display())]
    Exists(PathBuf),
    /// The country's name is empty or has line breaks.
    #[error("the country's name must be one line of text, not {0:?}")]
    BadName(String),
    /// The short name given cannot name output files.
    #[error("short name \"{0}\" cannot name output files: use lower-case ASCII letters, digits and hyphens, e.g. \"kazakhstan\"")]
    BadShortName(String),
    /// Writing failed.
    #[error("could not write {}: {source}", path.display())]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
}

/// The short name for output files derived from a country's name:
/// accents dropped, lower case, anything else a hyphen ("Côte d'Ivoire" →
/// "cote-d-ivoire"). `None` when nothing usable is left (a name in a
/// non-Latin script): the caller asks for one.
pub fn short_name(country: &str) -> Option<String> {
    let mut out = String::new();
    for c in country
        .nfd()
        .filter(|c| c.is_ascii() || c.is_alphanumeric())
    {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    crate::names::is_safe_component(&out).then_some(())?;
    Some(out)
}

/// Write the skeleton for `country` into `dir`, creating it; `dir` must not
/// hold any file yet. The files written, in order.
pub fn write_skeleton(
    dir: &Path,
    country: &str,
    short: &str,
) -> Result<Vec<PathBuf>, SkeletonError> {
    let name = country.trim();
    if name.is_empty() || name.chars().any(char::is_control) {
        return Err(SkeletonError::BadName(country.to_string()));
    }
    if !crate::names::is_safe_component(short) {
        return Err(SkeletonError::BadShortName(short.to_string()));
    }
    if dir.read_dir().is_ok_and(|mut d| d.next().is_some()) {
        return Err(SkeletonError::Exists(dir.to_owned()));
    }
    let io = |path: &Path| {
        let path = path.to_owned();
        move |source| SkeletonError::Io { path, source }
    };
    std::fs::create_dir_all(dir).map_err(io(dir))?;
    // toml_edit writes the strings, so quotes and backslashes in a name are escaped.
    let quoted = |s: &str| toml_edit::Value::from(s).to_string();
    let mut written = Vec::new();
    for (file, text) in FILES {
        let text = text
            .replace("@NAME@", &quoted(name))
            .replace("@SHORT@", &quoted(short))
            .replace("@ARTICLE@", &article(name))
            .replace("@TITLE@", name);
        let path = dir.join(file);
        std::fs::write(&path, text).map_err(io(&path))?;
        written.push(path);
    }
    Ok(written)
}

/// The `definite_article` line of `country.toml` for `name`: set where the
/// name takes "the" (see `validate::takes_the`), else a comment saying when
/// to set it.
fn article(name: &str) -> String {
    if super::validate::takes_the(name) {
        format!("# \"the {name}\" in running text:\ndefinite_article = true")
    } else {
        "# definite_article = true   # when the name takes \"the\" (\"the Netherlands\")".into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_names_drop_accents_and_punctuation() {
        assert_eq!(short_name("Kazakhstan").as_deref(), Some("kazakhstan"));
        assert_eq!(
            short_name("Côte d'Ivoire").as_deref(),
            Some("cote-d-ivoire")
        );
        assert_eq!(
            short_name("  Bosnia and Herzegovina ").as_deref(),
            Some("bosnia-and-herzegovina")
        );
        assert_eq!(short_name("Казахстан"), None);
        assert_eq!(short_name("!!!"), None);
    }

    #[test]
    fn the_skeleton_is_a_valid_dataset_and_refuses_a_full_directory() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("ds");
        let files = write_skeleton(&dir, "São \"Tomé\"", "sao-tome").unwrap();
        assert_eq!(files.len(), crate::dataset::FILES.len());
        let loaded = crate::dataset::load(&dir).unwrap_or_else(|e| {
            panic!("{:#?}", e.diagnostics);
        });
        assert!(loaded.warnings.is_empty(), "{:#?}", loaded.warnings);
        assert_eq!(loaded.dataset.country.name, "São \"Tomé\"");
        assert_eq!(loaded.dataset.country.short_name, "sao-tome");
        assert!(matches!(
            write_skeleton(&dir, "Again", "again"),
            Err(SkeletonError::Exists(_))
        ));
        assert!(!loaded.dataset.country.definite_article);
    }

    /// A name that takes "the" gets `definite_article`, so that the letters
    /// say "the Republic of Quorvath's candidacy" from the start, and
    /// `check` has nothing to say of it.
    #[test]
    fn a_name_that_takes_the_article_gets_it() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("ds");
        write_skeleton(&dir, "Republic of Quorvath", "quorvath").unwrap();
        let loaded = crate::dataset::load(&dir).unwrap_or_else(|e| {
            panic!("{:#?}", e.diagnostics);
        });
        assert!(loaded.dataset.country.definite_article);
        assert!(loaded.warnings.is_empty(), "{:#?}", loaded.warnings);
    }
}
