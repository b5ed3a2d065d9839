//! The files of a dataset directory and how each maps onto the model.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::Path;

use hrdraft_sdk::{
    Candidacy, CountryFile, Dataset, DatasetFiles, Documents, PledgingEvent, ReprisalsFile,
    SourcesFile, SpecialProcedures, TreatiesFile, Upr,
};

use super::open::{self, too_large, MAX_FILE_BYTES};
use super::source::TomlFile;
use super::{fast, validate, Diagnostic, Severity};

/// The files a dataset may hold, with what each is for. Only `country.toml`
/// is required.
pub const FILES: &[(&str, &str)] = &[
    (
        "country.toml",
        "the State and the officials documents are addressed to",
    ),
    (
        "treaties.toml",
        "ratification status and treaty-body reporting",
    ),
    (
        "special-procedures.toml",
        "standing invitation, visits, communications, questionnaires",
    ),
    (
        "candidacy.toml",
        "Human Rights Council candidacy and pledges",
    ),
    (
        "upr.toml",
        "UPR cycles, recommendations, stakeholders and assessments",
    ),
    ("reprisals.toml", "reprisal and intimidation cases"),
    ("questions.toml", "the pledging event and its questions"),
    ("sources.toml", "documents cited as sources"),
    (
        "documents.toml",
        "the drafting organisation, dates, references and signatories",
    ),
];

/// The JSON Schema of one dataset file, for editors that validate TOML.
pub fn file_schema(file: &str) -> Option<serde_json::Value> {
    let schema = match file {
        "country.toml" => schemars::schema_for!(CountryFile),
        "treaties.toml" => schemars::schema_for!(TreatiesFile),
        "special-procedures.toml" => schemars::schema_for!(SpecialProcedures),
        "candidacy.toml" => schemars::schema_for!(Candidacy),
        "upr.toml" => schemars::schema_for!(Upr),
        "reprisals.toml" => schemars::schema_for!(ReprisalsFile),
        "questions.toml" => schemars::schema_for!(PledgingEvent),
        "sources.toml" => schemars::schema_for!(SourcesFile),
        "documents.toml" => schemars::schema_for!(Documents),
        "dataset" => schemars::schema_for!(Dataset),
        _ => return None,
    };
    serde_json::to_value(schema).ok()
}

/// Where a key `file` does not know is written in another dataset file:
/// "\"previous_letter\" belongs in documents.toml, in a [[documents]]
/// entry". None when `file` knows the key somewhere (it is then misplaced
/// within the file, not across files), when no other file knows it, or
/// when several do, so that a hint never guesses between them.
pub(super) fn key_elsewhere(key: &str, file: &str) -> Option<String> {
    static KEYS: std::sync::OnceLock<Vec<KeyPlace>> = std::sync::OnceLock::new();
    let keys = KEYS.get_or_init(|| {
        let mut keys = Vec::new();
        for (name, _) in FILES {
            if let Some(schema) = file_schema(name) {
                schema_keys(&schema, &schema, name, String::new(), false, 0, &mut keys);
            }
        }
        keys
    });
    if keys.iter().any(|k| k.key == key && k.file == file) {
        return None;
    }
    let mut places = keys.iter().filter(|k| k.key == key);
    let place = places.next()?;
    if places.any(|k| k.file != place.file || k.table != place.table) {
        return None;
    }
    let KeyPlace {
        file, table, array, ..
    } = place;
    Some(if table.is_empty() {
        format!("\"{key}\" belongs in {file}, at its top level, above any [table] line")
    } else if *array {
        format!("\"{key}\" belongs in {file}, in a [[{table}]] entry")
    } else {
        format!("\"{key}\" belongs in {file}, in its [{table}] table")
    })
}

/// One key a dataset file allows: the table it is written in ("" for the
/// top level, "documents" for a `[[documents]]` entry), and whether that
/// table is an entry of an array of tables.
struct KeyPlace {
    key: String,
    file: &'static str,
    table: String,
    array: bool,
}

/// The keys `node` of a file's JSON Schema allows, with their tables,
/// following `$ref`s into `root`'s definitions to a few levels deep.
fn schema_keys(
    root: &serde_json::Value,
    node: &serde_json::Value,
    file: &'static str,
    table: String,
    array: bool,
    depth: usize,
    out: &mut Vec<KeyPlace>,
) {
    if depth > 8 {
        return;
    }
    if let Some(name) = node["$ref"]
        .as_str()
        .and_then(|r| r.strip_prefix("#/$defs/"))
    {
        let def = &root["$defs"][name];
        schema_keys(root, def, file, table.clone(), array, depth + 1, out);
    }
    for key in ["anyOf", "oneOf", "allOf"] {
        for alt in node[key].as_array().into_iter().flatten() {
            schema_keys(root, alt, file, table.clone(), array, depth + 1, out);
        }
    }
    if node.get("items").is_some() {
        schema_keys(
            root,
            &node["items"],
            file,
            table.clone(),
            true,
            depth + 1,
            out,
        );
    }
    for (key, value) in node["properties"].as_object().into_iter().flatten() {
        out.push(KeyPlace {
            key: key.clone(),
            file,
            table: table.clone(),
            array,
        });
        let inner = if table.is_empty() {
            key.clone()
        } else {
            format!("{table}.{key}")
        };
        schema_keys(root, value, file, inner, false, depth + 1, out);
    }
}

fn dir_error(dir: &Path, message: String, hint: Option<String>) -> Diagnostic {
    Diagnostic {
        severity: Severity::Error,
        file: dir.display().to_string(),
        line: 0,
        column: 0,
        field: String::new(),
        message,
        hint,
        snippet: None,
    }
}

/// Read every file of the dataset in `dir`, then validate the whole.
pub(super) fn read(dir: &Path, out: &mut Vec<Diagnostic>) -> Option<Dataset> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            let (message, hint) = if e.kind() == std::io::ErrorKind::NotFound {
                (
                    "dataset directory not found".to_string(),
                    Some("give the path of a directory holding country.toml".to_string()),
                )
            } else if dir.is_file() {
                (
                    "a dataset is a directory of TOML files, not a file".to_string(),
                    Some(format!(
                        "give the directory that holds it: {}",
                        dir.parent()
                            .map_or_else(|| ".".into(), |p| p.display().to_string())
                    )),
                )
            } else {
                (format!("cannot read the dataset directory: {e}"), None)
            };
            out.push(dir_error(dir, message, hint));
            return None;
        }
    };

    // Collect the TOML files present. Unknown ones are not read: `from_files`
    // reports their names alone. A known name is read only if it is a regular
    // file inside the directory; anything else there (a pipe, a device, a
    // broken or looping link, a link leaving the dataset) is an error, never
    // an absent file (`open.rs`).
    let mut paths: Vec<(String, std::path::PathBuf)> = entries
        .flatten()
        .map(|e| (e.file_name().to_string_lossy().into_owned(), e.path()))
        .filter(|(name, path)| {
            name.ends_with(".toml") && (FILES.iter().any(|(f, _)| f == name) || path.is_file())
        })
        .collect();
    paths.sort();
    let mut files = Vec::with_capacity(paths.len());
    for (name, _) in paths {
        if !FILES.iter().any(|(f, _)| *f == name) {
            files.push((name, Vec::new()));
            continue;
        }
        match open::read_file(dir, &name) {
            Ok(Some(bytes)) => files.push((name, bytes)),
            // Gone since the directory was listed.
            Ok(None) => {}
            Err(e) => out.push(Diagnostic {
                file: name,
                ..dir_error(dir, e.message, e.hint)
            }),
        }
    }
    from_files(dir, Cow::Owned(files), out)
}

/// Load a dataset from the contents of its files, `(file name, bytes)`, as
/// if they were the files of `dir` (used only to name the dataset in messages).
///
/// The fast path ([`fast::load`]) is tried first; if it meets any problem,
/// the dataset is loaded again from scratch the precise way, which reports
/// every problem with its position.
///
/// Given the files' bytes to keep (`Cow::Owned`), the fast path turns them
/// into the texts validation locates its findings in, without a copy.
pub(super) fn from_files(
    dir: &Path,
    given: fast::Given<'_>,
    out: &mut Vec<Diagnostic>,
) -> Option<Dataset> {
    // A file that could not be read has been reported already: the precise
    // path then reports the others' problems beside it, as it always has.
    if !out.is_empty() {
        return precise(dir, &given, out);
    }
    match fast::load(given, out) {
        Ok(dataset) => Some(dataset),
        Err(given) => precise(dir, &given, out),
    }
}

/// Load a dataset the precise way: each file parsed with its spans kept and
/// each array element deserialized on its own, so that every bad element is
/// reported with file, line, column and field path.
pub(super) fn precise(
    dir: &Path,
    given: &[(String, Vec<u8>)],
    out: &mut Vec<Diagnostic>,
) -> Option<Dataset> {
    let mut files: BTreeMap<&'static str, TomlFile> = BTreeMap::new();
    for (name, bytes) in given {
        let Some((known, _)) = FILES.iter().find(|(f, _)| f == name) else {
            // An unexpected file is almost always a typo.
            let hint = closest(name).map(|c| format!("did you mean `{c}`?"));
            out.push(Diagnostic {
                file: name.clone(),
                line: 0,
                ..dir_error(
                    dir,
                    format!(
                        "unknown dataset file; the files are {}",
                        FILES.iter().map(|(f, _)| *f).collect::<Vec<_>>().join(", ")
                    ),
                    hint,
                )
            });
            continue;
        };
        if bytes.len() as u64 > MAX_FILE_BYTES {
            out.push(Diagnostic {
                file: name.clone(),
                ..dir_error(dir, too_large(bytes.len() as u64), None)
            });
            continue;
        }
        if files.contains_key(known) {
            out.push(Diagnostic {
                file: name.clone(),
                ..dir_error(dir, "the file is given twice".into(), None)
            });
            continue;
        }
        files.insert(known, TomlFile::parse(known, bytes, out));
    }

    let mut take = |name: &str| files.remove(name);

    let country = match take("country.toml") {
        Some(mut f) => {
            let addressees = f.take_array("addressees", out);
            let c = f.rest::<CountryFile>(out).map(|mut c| {
                c.addressees = addressees;
                c
            });
            Some((c, f))
        }
        None => {
            if !out.iter().any(|d| d.file == "country.toml") {
                out.push(Diagnostic {
                    file: "country.toml".into(),
                    ..dir_error(
                        dir,
                        "missing file: every dataset needs country.toml".into(),
                        Some(
                            "create it with a [country] table: name, iso2, iso3, short_name".into(),
                        ),
                    )
                });
            }
            None
        }
    };

    let mut loaded: Vec<TomlFile> = Vec::new();
    let mut finish = |f: TomlFile| loaded.push(f);

    let treaties = take("treaties.toml").map(|mut f| {
        let instruments = f.take_array("instruments", out);
        let other_instruments = f.take_array("other_instruments", out);
        let reporting = f.take_array("reporting", out);
        f.rest::<TreatiesFile>(out);
        finish(f);
        TreatiesFile {
            instruments,
            other_instruments,
            reporting,
        }
    });
    let special_procedures = take("special-procedures.toml").map(|mut f| {
        let visits = f.take_array("visits", out);
        let communications = f.take_array("communications", out);
        let questionnaires = f.take_array("questionnaires", out);
        let sp = f.rest::<SpecialProcedures>(out).map(|mut sp| {
            sp.visits = visits;
            sp.communications = communications;
            sp.questionnaires = questionnaires;
            sp
        });
        finish(f);
        sp
    });
    let candidacy = take("candidacy.toml").and_then(|mut f| {
        let pledges = f.take_array("pledges", out);
        let c = f.rest::<Candidacy>(out).map(|mut c| {
            c.pledges = pledges;
            c
        });
        finish(f);
        c
    });
    let upr = take("upr.toml").map(|mut f| {
        let cycles = f.take_array("cycles", out);
        let stakeholders = f.take_array("stakeholders", out);
        let recommendations = f.take_array("recommendations", out);
        let themes = f.take_array("themes", out);
        f.rest::<Upr>(out);
        finish(f);
        Upr {
            cycles,
            stakeholders,
            recommendations,
            themes,
        }
    });
    let reprisals = take("reprisals.toml").map(|mut f| {
        let cases = f.take_array("cases", out);
        f.rest::<ReprisalsFile>(out);
        finish(f);
        cases
    });
    let pledging_event = take("questions.toml").and_then(|mut f| {
        let questions = f.take_array("questions", out);
        let e = f.rest::<PledgingEvent>(out).map(|mut e| {
            e.questions = questions;
            e
        });
        finish(f);
        e
    });
    let sources = take("sources.toml").map(|mut f| {
        let sources = f.take_array("sources", out);
        f.rest::<SourcesFile>(out);
        finish(f);
        sources
    });
    let documents = take("documents.toml").and_then(|mut f| {
        let documents = f.take_array("documents", out);
        let d = f.rest::<Documents>(out).map(|mut d| {
            d.documents = documents;
            d
        });
        finish(f);
        d
    });

    let (country, country_file) = country?;
    loaded.push(country_file);
    let dataset = Dataset::from(DatasetFiles {
        country: country?,
        treaties,
        special_procedures: special_procedures.flatten(),
        candidacy,
        upr,
        reprisals: reprisals.map(|cases| ReprisalsFile { cases }),
        questions: pledging_event,
        sources: sources.map(|sources| SourcesFile { sources }),
        documents,
    });
    validate::check(&dataset, &loaded, out);
    Some(dataset)
}

/// The known file name closest to a misspelt one.
fn closest(name: &str) -> Option<&'static str> {
    FILES
        .iter()
        .map(|(f, _)| (*f, edit_distance(name, f)))
        .filter(|(_, d)| *d <= 3)
        .min_by_key(|(_, d)| *d)
        .map(|(f, _)| f)
}

pub(super) fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}
