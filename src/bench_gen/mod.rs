//! Synthetic country datasets for benchmarks, deterministic from a seed and shaped like the Kazakhstan example.
//!
//! `hrdraft bench gen` and the benchmarks under `benches/` use this. Each
//! generated country is a complete, valid dataset (all nine files) that every
//! built-in template renders; lengths, mixes and Unicode content follow the
//! figures measured from `examples/kazakhstan` (see [`text`]).

mod country;
mod rng;
pub mod text;
mod toml;
mod upr;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

pub use rng::Rng;

/// What to generate.
#[derive(Debug, Clone)]
pub struct Spec {
    /// How many countries (datasets).
    pub countries: usize,
    /// Recommendations per country.
    pub recommendations: usize,
    /// Assessments per country, in all; `None` for the example's mean of
    /// about 1.5 a recommendation.
    pub assessments: Option<usize>,
    /// The seed: the same seed and sizes give the same files, byte for byte.
    pub seed: u64,
}

impl Default for Spec {
    fn default() -> Spec {
        Spec {
            countries: 1,
            recommendations: 129,
            assessments: None,
            seed: 1,
        }
    }
}

impl Spec {
    /// Assessments per country.
    pub fn assessments(&self) -> usize {
        self.assessments.unwrap_or_else(|| {
            (self.recommendations as f64 * text::ASSESSMENTS_MEAN).round() as usize
        })
    }
}

/// Why datasets could not be generated.
#[derive(Debug, thiserror::Error)]
pub enum GenError {
    /// A file could not be written.
    #[error("cannot write {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        source: std::io::Error,
    },
}

/// Generate `spec.countries` datasets under `dir`, one directory each named
/// by the country's `short_name`; returns the directories in order.
pub fn generate(spec: &Spec, dir: &Path) -> Result<Vec<PathBuf>, GenError> {
    let mut out = Vec::with_capacity(spec.countries);
    let mut taken = HashSet::new();
    let mut names_rng = Rng::fork(spec.seed, u64::MAX);
    for i in 0..spec.countries {
        let names = names(&mut names_rng, i, &mut taken);
        let path = dir.join(&names.short_name);
        for (file, text) in files(spec, i, &names) {
            write(&path.join(file), &text)?;
        }
        out.push(path);
    }
    Ok(out)
}

/// A distinct name for country `i`: a made-up one, numbered on a clash.
fn names(rng: &mut Rng, i: usize, taken: &mut HashSet<String>) -> country::Names {
    let mut name = text::country_name(rng);
    let mut short = text::short_name(&name);
    let mut n = 2;
    while !taken.insert(short.clone()) {
        name = format!("{} {}", text::country_name(rng), roman(n));
        short = text::short_name(&name);
        n += 1;
    }
    country::Names {
        name,
        short_name: short,
        iso2: country::letters(i, 2),
        iso3: country::letters(i, 3),
    }
}

/// Small Roman numerals for the rare second country of a name ("Valdoria II").
fn roman(n: usize) -> String {
    const R: [&str; 10] = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"];
    R.get(n).map_or_else(|| n.to_string(), |s| (*s).to_string())
}

/// The nine files of country `i`, each from its own random stream so that
/// changing one file's generator leaves the others as they were.
pub fn files(spec: &Spec, i: usize, names: &country::Names) -> Vec<(&'static str, String)> {
    let stream = |k: u64| Rng::fork(spec.seed, (i as u64) << 8 | k);
    let (sp, communications) = country::special_procedures(&mut stream(3), names);
    vec![
        ("country.toml", country::country(&mut stream(1), names)),
        ("documents.toml", country::documents(&mut stream(2), names)),
        ("special-procedures.toml", sp),
        ("candidacy.toml", country::candidacy(&mut stream(4), names)),
        ("questions.toml", country::questions(&mut stream(5))),
        (
            "reprisals.toml",
            country::reprisals(&mut stream(6), &communications),
        ),
        ("treaties.toml", country::treaties(&mut stream(7))),
        ("sources.toml", country::sources(names)),
        (
            "upr.toml",
            upr::write(
                &mut stream(8),
                &names.name,
                spec.recommendations,
                spec.assessments(),
            ),
        ),
    ]
}

fn write(path: &Path, text: &str) -> Result<(), GenError> {
    let io = |source| GenError::Io {
        path: path.to_path_buf(),
        source,
    };
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(io)?;
    }
    std::fs::write(path, text).map_err(io)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_bytes_and_distinct_names() {
        let spec = Spec {
            countries: 30,
            recommendations: 20,
            assessments: None,
            seed: 42,
        };
        let a = tempfile::tempdir().unwrap();
        let b = tempfile::tempdir().unwrap();
        let da = generate(&spec, a.path()).unwrap();
        let db = generate(&spec, b.path()).unwrap();
        let names: HashSet<_> = da
            .iter()
            .map(|p| p.file_name().unwrap().to_owned())
            .collect();
        assert_eq!(names.len(), 30);
        for (x, y) in da.iter().zip(&db) {
            for f in ["upr.toml", "country.toml", "questions.toml"] {
                assert_eq!(
                    std::fs::read(x.join(f)).unwrap(),
                    std::fs::read(y.join(f)).unwrap()
                );
            }
        }
    }

    #[test]
    fn generated_datasets_load_without_findings() {
        let spec = Spec {
            countries: 3,
            recommendations: 200,
            assessments: Some(450),
            seed: 7,
        };
        let dir = tempfile::tempdir().unwrap();
        for path in generate(&spec, dir.path()).unwrap() {
            let loaded = crate::dataset::load(&path)
                .unwrap_or_else(|e| panic!("{}: {:#?}", path.display(), e.diagnostics));
            assert!(loaded.warnings.is_empty(), "{:#?}", loaded.warnings);
            let upr = &loaded.dataset.upr;
            assert_eq!(upr.recommendations.len(), 200);
            let total: usize = upr
                .recommendations
                .iter()
                .map(|r| r.assessments.len())
                .sum();
            assert_eq!(total, 450);
        }
    }
}
