//! Reading a large `upr.toml` a few megabytes at a time, cut before `[[recommendations]]` lines.
//!
//! The `toml` parser lexes a whole document into a list of tokens and a list
//! of events before it builds the tree: for a 127 MB file that is more than
//! half a gigabyte held at once. Cut into pieces, each parsed and
//! deserialized on its own, the same file needs a few megabytes beyond the
//! recommendations themselves, and the pieces can be read on several cores.
//!
//! Cutting cannot change what the file means. The head (everything before
//! the first cut) may not hold a `recommendations` key, and every other
//! piece starts with a `[[recommendations]]` line and may hold no other
//! top-level key (both checked on the parsed piece): so no piece can redefine or
//! extend what another defined, and a sub-table (`[recommendations.x]`,
//! `[[recommendations.assessments]]`) always belongs to an element of its own
//! piece, as it would in the whole file. A cut inside a multi-line string or
//! array leaves that string or array unclosed in its piece, which then fails
//! to parse. Such failures send the caller to parse the file whole; a value
//! that does not fit in a well-cut piece is wrong in the whole file too.

use std::sync::atomic::{AtomicUsize, Ordering};

use hrdraft_sdk::{Cycle, Recommendation, Stakeholder, Theme, Upr};
use serde::de::DeserializeOwned;
use serde::Deserialize;

/// The line pieces are cut before.
const HEADER: &str = "[[recommendations]]";

/// A piece is cut at the first header after this many bytes; files up to
/// this size are read whole.
#[cfg(not(test))]
pub(super) const PIECE_BYTES: usize = 4 << 20;
/// Small in tests, so that the examples and generated datasets the tests
/// compare with the precise path are read in pieces.
#[cfg(test)]
pub(super) const PIECE_BYTES: usize = 16 << 10;

/// What comes before the first cut: all of `Upr` but its recommendations.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Head {
    #[serde(default)]
    cycles: Vec<Cycle>,
    #[serde(default)]
    stakeholders: Vec<Stakeholder>,
    #[serde(default)]
    themes: Vec<Theme>,
}

/// Every other piece: recommendations alone.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Piece {
    recommendations: Vec<Recommendation>,
}

/// What reading in pieces found.
#[derive(Debug, PartialEq)]
pub(super) enum Pieces {
    /// The file, read.
    Read(Upr),
    /// A well-cut piece has a value that does not fit: the whole file would
    /// fail in the same way, so only the precise path can say more.
    Invalid,
    /// No line to cut at, or a cut may have misread the file: read it whole.
    Uncut,
}

/// `text` read piece by piece, each about `piece_bytes` long, the pieces
/// spread over the machine's cores.
pub(super) fn upr(text: &str, piece_bytes: usize) -> Pieces {
    let mut cuts = headers(text);
    let Some(first) = cuts.next() else {
        return Pieces::Uncut;
    };
    let mut bounds = vec![first];
    for at in cuts {
        if bounds
            .last()
            .is_some_and(|&start| at >= start + piece_bytes)
        {
            bounds.push(at);
        }
    }
    bounds.push(text.len());
    let pieces: Vec<&str> = bounds.windows(2).map(|w| &text[w[0]..w[1]]).collect();

    let head: Head = match piece(&text[..first], |key| key != "recommendations") {
        Ok(head) => head,
        Err(outcome) => return outcome,
    };
    // The first piece that fails, in file order, decides: see `piece`.
    let mut recommendations = Vec::new();
    for read in read_all(&pieces) {
        match read {
            Ok(piece) => recommendations.extend(piece.recommendations),
            Err(outcome) => return outcome,
        }
    }
    Pieces::Read(Upr {
        cycles: head.cycles,
        stakeholders: head.stakeholders,
        recommendations,
        themes: head.themes,
    })
}

/// The most threads one file is read with.
const MAX_WORKERS: usize = 8;

/// Read every piece, on as many threads as there are cores, into results in
/// file order. Pieces after one that failed are skipped: only the first
/// failure counts.
fn read_all(pieces: &[&str]) -> Vec<Result<Piece, Pieces>> {
    let read = |text: &str| piece::<Piece>(text, |key| key == "recommendations");
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(MAX_WORKERS)
        .min(pieces.len());
    if workers <= 1 {
        let mut results = Vec::with_capacity(pieces.len());
        for text in pieces {
            let result = read(text);
            let failed = result.is_err();
            results.push(result);
            if failed {
                break;
            }
        }
        return results;
    }
    let next = AtomicUsize::new(0);
    let first_failure = AtomicUsize::new(usize::MAX);
    let mut results: Vec<(usize, Result<Piece, Pieces>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(text) = pieces.get(i) else {
                            break;
                        };
                        if i > first_failure.load(Ordering::Relaxed) {
                            break;
                        }
                        let result = read(text);
                        if result.is_err() {
                            first_failure.fetch_min(i, Ordering::Relaxed);
                        }
                        done.push((i, result));
                    }
                    done
                })
            })
            .collect();
        handles
            .into_iter()
            // A panic in a worker is passed on as it would have been on one thread.
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    results.sort_unstable_by_key(|(i, _)| *i);
    results.into_iter().map(|(_, result)| result).collect()
}

/// Parse and deserialize one piece whose top-level keys must all be
/// `allowed`. A piece's result counts only if the head and every piece
/// before it parsed, so when this one parses too, its start and its end
/// were real header lines, not lines inside a multi-line string: a value
/// that does not fit is then wrong in the whole file too.
fn piece<T: DeserializeOwned>(text: &str, allowed: impl Fn(&str) -> bool) -> Result<T, Pieces> {
    let table = toml::de::DeTable::parse(text).map_err(|_| Pieces::Uncut)?;
    if !table.get_ref().keys().all(|key| allowed(key.get_ref())) {
        return Err(Pieces::Uncut);
    }
    T::deserialize(toml::de::Deserializer::from(table)).map_err(|_| Pieces::Invalid)
}

/// The byte offsets of the lines that are exactly `[[recommendations]]`.
fn headers(text: &str) -> impl Iterator<Item = usize> + '_ {
    let at_start = text.starts_with(HEADER).then_some(0);
    let after_newline = text
        .match_indices("\n[[recommendations]]")
        .map(|(i, _)| i + 1);
    at_start.into_iter().chain(after_newline).filter(|&at| {
        let rest = &text[at + HEADER.len()..];
        rest.starts_with('\n') || rest.starts_with("\r\n")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn whole(text: &str) -> Option<Upr> {
        toml::from_str(text).ok()
    }

    /// A generated upr.toml of 200 recommendations.
    fn generated() -> String {
        let tmp = tempfile::tempdir().unwrap();
        let spec = crate::bench_gen::Spec {
            recommendations: 200,
            seed: 3,
            ..Default::default()
        };
        let dirs = crate::bench_gen::generate(&spec, tmp.path()).unwrap();
        std::fs::read_to_string(dirs[0].join("upr.toml")).unwrap()
    }

    #[test]
    fn pieces_of_any_size_read_as_the_whole() {
        let text = generated();
        let expected = whole(&text).unwrap();
        assert_eq!(expected.recommendations.len(), 200);
        assert!(!expected.cycles.is_empty() && !expected.stakeholders.is_empty());
        for piece_bytes in [0, 1, 5_000, 40_000, text.len()] {
            let read = upr(&text, piece_bytes);
            assert_eq!(read, Pieces::Read(expected.clone()), "{piece_bytes}");
        }
        let crlf = text.replace('\n', "\r\n");
        assert_eq!(upr(&crlf, 5_000), Pieces::Read(whole(&crlf).unwrap()));
    }

    /// Files whose meaning a cut could change are left to the whole parse.
    #[test]
    fn files_a_cut_could_misread_are_not_cut() {
        let text = generated();
        let first = text.find("\n[[recommendations]]\n").unwrap() + 1;
        let (head, rest) = text.split_at(first);
        let cases = [
            // Recommendations in the head: whole, an error with the array of tables.
            format!("recommendations = []\n{head}{rest}"),
            // Another table after the recommendations: whole, valid.
            format!(
                "{text}\n[[stakeholders]]\nabbreviation = \"X\"\nname = \"X\"\nkind = \"ngo\"\n"
            ),
            // A header line inside a multi-line string: whole, valid.
            format!(
                "{head}{}",
                rest.replacen("\ntext = \"", "\ntext = \"\"\"\n[[recommendations]]\n", 1)
                    .replacen("\"\nrecommending_state", "\"\"\"\nrecommending_state", 1)
            ),
        ];
        for (i, case) in cases.iter().enumerate() {
            assert_eq!(upr(case, 0), Pieces::Uncut, "case {i}");
        }
        // The multi-line string case is a valid file the whole parse reads.
        assert!(whole(&cases[2]).is_some());
        assert!(whole(&cases[1]).is_some());
        assert!(whole(&cases[0]).is_none());
    }

    #[test]
    fn a_file_without_the_header_line_is_not_cut() {
        assert_eq!(upr("[[cycles]]\nnumber = 1\n", 0), Pieces::Uncut);
        assert_eq!(upr("recommendations = []\n", 0), Pieces::Uncut);
    }

    /// A value that does not fit, in the head or in a piece, is wrong in the
    /// whole file too: no need to parse it whole.
    #[test]
    fn a_bad_value_in_a_well_cut_piece_is_invalid_whole_too() {
        let text = generated();
        let cases = [
            format!("{text}\n[[recommendations]]\nwhat = 1\n"),
            text.replacen("\nnumber = 7\n", "\nnumber = \"seven\"\n", 1),
            format!("what = 1\n{text}"),
        ];
        for (i, case) in cases.iter().enumerate() {
            assert_ne!(case, &text);
            assert_eq!(upr(case, 0), Pieces::Invalid, "case {i}");
            assert_eq!(upr(case, 100_000), Pieces::Invalid, "case {i}");
            assert!(whole(case).is_none(), "case {i}");
        }
    }
}
