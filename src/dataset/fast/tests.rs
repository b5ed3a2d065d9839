//! The fast path gives what the precise path gives, or steps aside.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::may_hold_control_character;
use super::pieces::{self, Pieces, PIECE_BYTES};
use crate::dataset::files::{from_files, precise};
use crate::dataset::source::TomlFile;
use crate::dataset::Diagnostic;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The `(name, bytes)` of every TOML file in `dir`, sorted by name.
fn files_of(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".toml"))
        .map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            (name, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

fn given(files: BTreeMap<String, Vec<u8>>) -> Vec<(String, Vec<u8>)> {
    files.into_iter().collect()
}

/// Load `given` the fast way alone, handing it the bytes to keep when `owned`.
fn fast(
    given: &[(String, Vec<u8>)],
    owned: bool,
    out: &mut Vec<Diagnostic>,
) -> Option<hrdraft_sdk::Dataset> {
    let given = if owned {
        Cow::Owned(given.to_vec())
    } else {
        Cow::Borrowed(given)
    };
    super::load(given, out).ok()
}

/// Load `given` the precise way alone.
fn precisely(given: &[(String, Vec<u8>)]) -> (Option<hrdraft_sdk::Dataset>, Vec<Diagnostic>) {
    let mut out = Vec::new();
    let dataset = precise(Path::new("(dataset)"), given, &mut out);
    (dataset, out)
}

/// The fast path loads `given` and agrees with the precise path on the
/// dataset and on every finding of validation.
fn assert_fast_same_as_precise(given: &[(String, Vec<u8>)]) -> Vec<Diagnostic> {
    let (precise, precise_out) = precisely(given);
    assert!(precise.is_some());
    for owned in [false, true] {
        let mut fast_out = Vec::new();
        let fast = fast(given, owned, &mut fast_out);
        assert!(fast.is_some(), "the fast path gave up");
        assert!(fast == precise, "the datasets differ");
        assert_eq!(fast_out, precise_out);
    }
    precise_out
}

#[test]
fn examples_load_the_same_both_ways() {
    for example in ["examples/kazakhstan", "examples/valdoria"] {
        let files = files_of(&root().join(example));
        if example.ends_with("kazakhstan") {
            assert!(read_in_pieces(&files["upr.toml"]));
        }
        let files = given(files);
        let findings = assert_fast_same_as_precise(&files);
        // The examples are clean: nothing for either path to report.
        assert!(findings.is_empty(), "{example}: {findings:?}");
    }
}

/// A generated dataset of 300 recommendations.
fn generated() -> BTreeMap<String, Vec<u8>> {
    let tmp = tempfile::tempdir().unwrap();
    let spec = crate::bench_gen::Spec {
        recommendations: 300,
        seed: 7,
        ..Default::default()
    };
    let dirs = crate::bench_gen::generate(&spec, tmp.path()).unwrap();
    files_of(&dirs[0])
}

/// Whether the fast path reads this upr.toml in pieces.
fn read_in_pieces(upr: &[u8]) -> bool {
    let text = std::str::from_utf8(upr).unwrap();
    text.len() > PIECE_BYTES && matches!(pieces::upr(text, PIECE_BYTES), Pieces::Read(_))
}

#[test]
fn a_generated_dataset_loads_the_same_both_ways() {
    let files = generated();
    assert!(read_in_pieces(&files["upr.toml"]));
    let files = given(files);
    assert_eq!(files.len(), 9);
    assert_fast_same_as_precise(&files);
    let mut out = Vec::new();
    let dataset = fast(&files, true, &mut out).unwrap();
    assert_eq!(dataset.upr.recommendations.len(), 300);
}

/// Stakeholders after the recommendations cannot be cut: the file is read
/// whole, still the fast way.
#[test]
fn a_file_that_cannot_be_cut_loads_the_same_both_ways() {
    let mut files = generated();
    let upr = files.get_mut("upr.toml").unwrap();
    upr.extend_from_slice(
        b"\n[[stakeholders]]\nabbreviation = \"LATE\"\nname = \"Late\"\nkind = \"ngo\"\n",
    );
    assert!(!read_in_pieces(upr));
    let files = given(files);
    assert_fast_same_as_precise(&files);
    let dataset = fast(&files, false, &mut Vec::new()).unwrap();
    assert_eq!(
        dataset.upr.stakeholders.last().unwrap().abbreviation,
        "LATE"
    );
}

/// A bad value deep in a large file: the fast path gives up at its piece,
/// and the precise path reports it.
#[test]
fn a_bad_value_in_a_piece_gets_the_precise_diagnostic() {
    let mut files = generated();
    let upr = String::from_utf8(files["upr.toml"].clone()).unwrap();
    let upr = upr.replacen("\nnumber = 250\n", "\nnumber = \"250\"\n", 1);
    assert_eq!(
        pieces::upr(&upr, PIECE_BYTES),
        Pieces::Invalid,
        "the value is not in a piece"
    );
    files.insert("upr.toml".into(), upr.into_bytes());
    let error = the_precise_error(&given(files));
    assert_eq!(error.field, "recommendations[249].number");
    assert!(error.line > 1000, "{error:?}");
}

/// The one error loading `files` gives, which the fast path left to the
/// precise one, as the precise path alone gives it.
fn the_precise_error(files: &[(String, Vec<u8>)]) -> Diagnostic {
    let mut fast_out = Vec::new();
    assert!(fast(files, true, &mut fast_out).is_none());
    assert!(fast_out.is_empty());
    let mut out = Vec::new();
    let dataset = from_files(Path::new("(dataset)"), Cow::Borrowed(files), &mut out);
    let (expected, expected_out) = precisely(files);
    assert!(dataset == expected);
    assert_eq!(out, expected_out);
    let errors: Vec<&Diagnostic> = out
        .iter()
        .filter(|d| d.severity == crate::dataset::Severity::Error)
        .collect();
    assert_eq!(errors.len(), 1, "{out:?}");
    errors[0].clone()
}

#[test]
fn a_byte_order_mark_is_dropped_both_ways() {
    let mut files = files_of(&root().join("tests/fixtures/minimal"));
    let country = files.get_mut("country.toml").unwrap();
    country.splice(0..0, *b"\xEF\xBB\xBF");
    assert_fast_same_as_precise(&given(files));
}

/// Every broken dataset of `tests/check/` (the minimal fixture with the
/// case's files laid over it) gives exactly the precise path's diagnostics,
/// whether the fast path gave up (a parse or type error) or loaded it and
/// left validation to find the problem (a duplicate id), which must then be
/// located in the text the fast path kept.
#[test]
fn broken_datasets_give_the_precise_diagnostics() {
    let base = files_of(&root().join("tests/fixtures/minimal"));
    let mut cases: Vec<PathBuf> = std::fs::read_dir(root().join("tests/check"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    cases.sort();
    let mut located = 0;
    for case in cases {
        if case.join("dataset-path").exists() {
            continue;
        }
        let mut files = base.clone();
        for entry in std::fs::read_dir(&case).unwrap() {
            let entry = entry.unwrap();
            let name = entry.file_name().to_string_lossy().into_owned();
            let bytes = std::fs::read(entry.path()).unwrap();
            match name.as_str() {
                "expect" => {}
                "remove" => {
                    for f in String::from_utf8(bytes).unwrap().lines() {
                        files.remove(f.trim());
                    }
                }
                _ => {
                    files.insert(name, bytes);
                }
            }
        }
        let files = given(files);
        let mut out = Vec::new();
        let dataset = from_files(Path::new("(dataset)"), Cow::Owned(files.clone()), &mut out);
        let (expected, expected_out) = precisely(&files);
        assert!(
            dataset == expected,
            "{}: the datasets differ",
            case.display()
        );
        assert_eq!(out, expected_out, "{}", case.display());
        assert!(!out.is_empty(), "{}: nothing reported", case.display());
        if fast(&files, false, &mut Vec::new()).is_some() {
            // Validation's findings, located through the kept text.
            assert!(out.iter().all(|d| d.line > 1 || d.snippet.is_some()));
            located += 1;
        }
    }
    assert!(located >= 2, "no case left its finding to validation");
}

#[test]
fn a_control_character_escape_gets_the_precise_diagnostic() {
    let mut files = files_of(&root().join("tests/fixtures/minimal"));
    let country = String::from_utf8(files["country.toml"].clone()).unwrap();
    // The first string value gains a bell, written as an escape.
    let quote = country.find('"').unwrap();
    let with_bell = format!("{}\\u0007{}", &country[..=quote], &country[quote + 1..]);
    files.insert("country.toml".into(), with_bell.into_bytes());
    let error = the_precise_error(&given(files));
    assert_eq!(error.file, "country.toml");
    assert_eq!(error.field, "country.name");
    assert_eq!((error.line, error.column), (3, 8));
    assert!(
        error.message.contains("control character U+0007"),
        "{}",
        error.message
    );
}

#[test]
fn the_scan_sees_control_characters_written_every_way() {
    for yes in [
        "a = \"\\u0000\"",
        "a = \"\\u001b\"",
        "a = \"\\U0000007F\"",
        "a = \"\\u0085\"",
        "a = \"\\x1B\"",
        "a = \"\\e\"",
        "a = \"\\b\"",
        "a = \"\\f\"",
        "a = \"\\\\\\b\"",
        "a = \"\"\"\nline \\\n  \\u0007\"\"\"",
        "a = 'raw \u{7}'",
        "a = '''raw \u{85}'''",
        "a = \"\\u12\"",
        "a = \"\\uD800\"",
    ] {
        assert!(may_hold_control_character(yes), "{yes}");
    }
    for no in [
        "a = \"plain\"",
        "a = \"\\t\\n\\r\\\"\\\\\"",
        "a = \"\\u00e9 \\x41 \\U0001F600\"",
        "a = \"C:\\\\bin\\\\file\"",
        "a = \"\"\"\r\nline \\\r\n  next\"\"\"",
        "a = \"\u{a0}\u{2028}\"",
    ] {
        assert!(!may_hold_control_character(no), "{no}");
    }
}

/// Whatever the precise path refuses, the scan sees: every character up to
/// U+00FF and a few beyond, raw and escaped, in each kind of string.
#[test]
fn the_scan_misses_nothing_the_precise_path_refuses() {
    let codes = (0u32..=0x100).chain([0x2028, 0xFEFF, 0x1F600]);
    let mut refused = 0;
    for code in codes {
        let Some(c) = char::from_u32(code) else {
            continue;
        };
        let mut forms = vec![
            format!("a = \"\\u{code:04X}\""),
            format!("a = \"\\U{code:08x}\""),
            format!("a = \"\"\"x\\u{code:04x}\"\"\""),
            format!("a = \"x{c}\""),
            format!("a = 'x{c}'"),
            format!("a = \"\"\"\nx{c}\"\"\""),
            format!("a = '''\nx{c}'''"),
            format!("a = [\"x\", {{ b = \"{c}\" }}]"),
        ];
        if code <= 0xFF {
            forms.push(format!("a = \"\\x{code:02X}\""));
        }
        for text in forms {
            let mut out = Vec::new();
            TomlFile::parse("x.toml", text.as_bytes(), &mut out);
            let precise_refuses = out.iter().any(|d| d.message.contains("control character"));
            if precise_refuses {
                refused += 1;
                assert!(may_hold_control_character(&text), "{text:?}");
            }
        }
    }
    // Escapes of C0 and C1 controls at the least, so the test tests something.
    assert!(refused > 100, "{refused}");
}

/// Documents the two parsers might judge differently: whatever the precise
/// path's parser refuses, the fast path's must refuse too, or the fast path
/// would load a file the precise path reports as broken.
#[test]
fn the_fast_parser_refuses_what_the_precise_one_refuses() {
    let cases = [
        "a = 1\na = 2",
        "[a]\nb = 1\n[a]\nc = 2",
        "a = 1\n[a]\nb = 1",
        "a = []\n[[a]]\nb = 1",
        "[[a]]\nb = 1\n[a]\nc = 1",
        "[a]\nb = 1\n[[a]]\nc = 1",
        "a = { b = 1 }\na.c = 2",
        "a = { b = 1 }\n[a.c]\nd = 1",
        "a.b = 1\n[a.b]\nc = 1",
        "a.b = 1\n[a]\nc = 1",
        "[a.b]\nc = 1\n[a]\nb = 2",
        "[a.b]\nc = 1\n[a]\nd = 2",
        "[a]\nb.c = 1\n[a.b]\nd = 1",
        "[a.b]\nc = 1\n[a]\nb.d = 1",
        "[[a]]\nb = 1\n[a.c]\nd = 1\n[a.c]\ne = 1",
        "[[a]]\n[[a.b]]\nc = 1\n[a.b]\nd = 1",
        "[[a.b]]\nc = 1\n[a]\nb = 1",
        "a = [{ b = 1 }]\n[[a]]\nb = 2",
        "a = [{ b = 1 }]\n[a.c]\nd = 2",
        "a = { b = { c = 1 } }\n[a.b]\nd = 1",
        "\"a\" = 1\na = 2",
        "'a' = 1\n\"a\" = 2",
        "a = 1 b = 2",
        "a = \"\"\"x\"\"\"\"\"\"",
        "a = 2012-13-01",
        "a = 1979-05-27T25:00:00",
        "a = 00:61:00",
        "a = 0x",
        "a = 1__0",
        "a = +nan\nb = -inf\nc = 1e1_0",
        "a = [1, 2,]\nb = { c = 1, }",
        "a = { c = 1,\n d = 2 }",
        "a = \"\\z\"",
        "[a]\n[a.b]\n[a]",
        "[a.b.c]\n[a.b]\n[a]\n[a.b.c]",
        "a.b.c = 1\na.b = 2",
        "a = 1\n\n\"\" = 2\n\"\" = 3",
    ];
    let mut refused = 0;
    for case in cases {
        let precise = case.parse::<toml_edit::Document<String>>().is_ok();
        let fast = toml::from_str::<toml::Table>(case).is_ok();
        if !precise {
            refused += 1;
            assert!(!fast, "the fast parser accepts {case:?}");
        }
    }
    assert!(refused > 20, "{refused}");
}
