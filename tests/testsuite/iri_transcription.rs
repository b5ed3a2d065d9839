//! Checks the transcription of the Kazakhstan MIA (UPR Info, 3 December 2012)
//! in `examples/kazakhstan/upr.toml` against the MIA's own figures.
//!
//! The table below was transcribed from the MIA body (every
//! "Recommendation nºN: ..." followed by its "IRI: ..." line), not from the
//! dataset: the dataset's assessment levels must reproduce it.

use std::collections::{BTreeMap, BTreeSet};

use hrdraft_sdk::{ImplementationLevel, Recommendation, Upr};

/// The "IRI:" line of each of the 120 recommendations the MIA body comments on.
/// "-" is printed for 77 and 112, which have a response but no index.
/// Kept six to a line, as transcribed, rather than one per line.
#[rustfmt::skip]
const BODY_IRI: [(u32, &str); 120] = [
    (1, "not"), (2, "not"), (3, "partially"), (4, "partially"), (5, "not"), (6, "partially"),
    (7, "not"), (8, "partially"), (9, "not"), (10, "not"), (11, "not"), (12, "fully"),
    (13, "fully"), (14, "not"), (15, "not"), (16, "not"), (17, "not"), (18, "not"),
    (19, "not"), (20, "fully"), (21, "not"), (22, "not"), (23, "not"), (24, "partially"),
    (25, "partially"), (26, "fully"), (27, "not"), (28, "partially"), (29, "partially"), (30, "not"),
    (31, "partially"), (32, "not"), (33, "partially"), (34, "not"), (35, "fully"), (36, "partially"),
    (37, "not"), (38, "not"), (39, "fully"), (40, "not"), (42, "not"), (43, "not"),
    (44, "fully"), (45, "fully"), (49, "partially"), (50, "not"), (51, "not"), (52, "not"),
    (53, "not"), (55, "not"), (56, "not"), (57, "not"), (58, "partially"), (59, "not"),
    (60, "not"), (61, "partially"), (62, "partially"), (63, "partially"), (64, "not"), (65, "partially"),
    (66, "partially"), (67, "partially"), (68, "not"), (69, "not"), (70, "partially"), (71, "partially"),
    (72, "partially"), (73, "not"), (74, "not"), (75, "not"), (76, "not"), (77, "-"),
    (78, "not"), (79, "partially"), (80, "partially"), (81, "partially"), (82, "not"), (83, "not"),
    (84, "fully"), (86, "partially"), (87, "partially"), (88, "partially"), (89, "partially"), (90, "not"),
    (91, "partially"), (92, "not"), (93, "not"), (94, "not"), (95, "partially"), (96, "not"),
    (97, "partially"), (98, "not"), (99, "not"), (100, "not"), (102, "partially"), (103, "fully"),
    (104, "not"), (105, "partially"), (106, "not"), (107, "not"), (108, "not"), (109, "not"),
    (110, "not"), (112, "-"), (113, "fully"), (115, "not"), (116, "not"), (117, "partially"),
    (118, "partially"), (119, "partially"), (120, "partially"), (121, "not"), (122, "not"), (123, "partially"),
    (124, "partially"), (125, "not"), (126, "not"), (127, "not"), (128, "not"), (129, "partially"),
];

/// The MIA's "Uncommented recommendations" table.
const UNCOMMENTED: [u32; 9] = [41, 46, 47, 48, 54, 85, 101, 111, 114];

/// A/HRC/14/10 paragraphs cited in the open letter of 18 October 2012
/// (footnotes 7 and 8), with the recommending State it gives.
const PARAGRAPHS: [(&str, &str); 15] = [
    ("95.41", "Philippines"),
    ("95.42", "Australia"),
    ("95.43", "Algeria"),
    ("95.44", "Germany"),
    ("95.45", "Germany"),
    ("95.61", "Czech Republic"),
    ("95.64", "Czech Republic"),
    ("95.65", "France"),
    ("95.66", "Ireland"),
    ("95.67", "United Kingdom"),
    ("95.68", "Sri Lanka"),
    ("95.102", "Morocco"),
    ("97.16", "France"),
    ("97.17", "Belgium"),
    ("97.18", "Spain"),
];

/// The UPR part of the example dataset, loaded and validated as `hrdraft check` does.
fn load() -> Upr {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/kazakhstan");
    match hrdraft::dataset::load(std::path::Path::new(dir)) {
        Ok(loaded) => loaded.dataset.upr,
        Err(e) => panic!("examples/kazakhstan does not load: {:#?}", e.diagnostics),
    }
}

/// The computed band of a recommendation, in the words of the table above.
fn computed(rec: &Recommendation) -> &'static str {
    match rec.iri_score(|_| true).map(ImplementationLevel::from_score) {
        None => "-",
        Some(ImplementationLevel::Not) => "not",
        Some(ImplementationLevel::Partially) => "partially",
        Some(ImplementationLevel::Fully) => "fully",
    }
}

#[test]
fn numbers_run_from_1_to_129_once_each_in_order() {
    let upr = load();
    let numbers: Vec<u32> = upr.recommendations.iter().map(|r| r.number).collect();
    assert_eq!(numbers, (1..=129).collect::<Vec<u32>>());
    assert!(upr.recommendations.iter().all(|r| r.cycle == 1));
    assert_eq!(upr.cycles.len(), 1);
}

#[test]
fn computed_iri_matches_the_mia_body() {
    let upr = load();
    let expected: BTreeMap<u32, &str> = BODY_IRI.iter().copied().collect();
    assert_eq!(
        expected.len(),
        120,
        "the body table lists 120 distinct recommendations"
    );
    let mut mismatches = Vec::new();
    for rec in &upr.recommendations {
        let want = match expected.get(&rec.number) {
            Some(w) => *w,
            None => {
                assert!(
                    UNCOMMENTED.contains(&rec.number),
                    "recommendation {} is neither in the body nor uncommented",
                    rec.number
                );
                continue;
            }
        };
        let got = computed(rec);
        if got != want {
            mismatches.push(format!("{}: computed {got}, body {want}", rec.number));
        }
    }
    assert!(
        mismatches.is_empty(),
        "IRI mismatches:\n{}",
        mismatches.join("\n")
    );
}

#[test]
fn totals_match_the_mia() {
    let upr = load();
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    let mut unanswered = Vec::new();
    let mut without_level = Vec::new();
    for rec in &upr.recommendations {
        if rec.assessments.is_empty() {
            unanswered.push(rec.number);
        } else if rec.iri_score(|_| true).is_none() {
            without_level.push(rec.number);
        } else {
            *counts.entry(computed(rec)).or_default() += 1;
        }
    }
    assert_eq!(counts.get("not"), Some(&66));
    assert_eq!(counts.get("partially"), Some(&41));
    assert_eq!(counts.get("fully"), Some(&11));
    assert_eq!(unanswered, UNCOMMENTED.to_vec());
    assert_eq!(without_level, vec![77, 112]);
    let total = counts.values().sum::<usize>() + unanswered.len() + without_level.len();
    assert_eq!(total, 129);
    // 77 and 112: answered, but no assessment states a level.
    for rec in upr
        .recommendations
        .iter()
        .filter(|r| [77, 112].contains(&r.number))
    {
        assert!(rec.assessments.iter().all(|a| a.level.is_none()));
    }
    // The uncommented ones carry what the closing table gives.
    for rec in upr
        .recommendations
        .iter()
        .filter(|r| UNCOMMENTED.contains(&r.number))
    {
        assert!(
            rec.action_category.is_some(),
            "{} has no action category",
            rec.number
        );
        assert!(!rec.issues.is_empty(), "{} has no issue", rec.number);
    }
}

#[test]
fn every_assessment_names_a_declared_stakeholder() {
    let upr = load();
    let declared: BTreeSet<&str> = upr
        .stakeholders
        .iter()
        .map(|s| s.abbreviation.as_str())
        .collect();
    assert_eq!(
        declared.len(),
        upr.stakeholders.len(),
        "abbreviations are unique"
    );
    let mut used = BTreeSet::new();
    for rec in &upr.recommendations {
        for a in &rec.assessments {
            assert!(
                declared.contains(a.stakeholder.as_str()),
                "recommendation {}: stakeholder {} is not declared",
                rec.number,
                a.stakeholder
            );
            assert!(
                !a.comment.trim().is_empty(),
                "recommendation {}: empty comment",
                rec.number
            );
            used.insert(a.stakeholder.as_str());
        }
    }
    assert_eq!(used, declared, "every declared stakeholder is used");
}

#[test]
fn open_letter_paragraphs_are_each_set_once_with_their_state() {
    let upr = load();
    for (paragraph, state) in PARAGRAPHS {
        let holders: Vec<&Recommendation> = upr
            .recommendations
            .iter()
            .filter(|r| r.paragraph.as_deref() == Some(paragraph))
            .collect();
        assert_eq!(
            holders.len(),
            1,
            "paragraph {paragraph} is set {} times",
            holders.len()
        );
        assert_eq!(
            holders[0].recommending_state, state,
            "paragraph {paragraph}"
        );
    }
    let set = upr
        .recommendations
        .iter()
        .filter(|r| r.paragraph.is_some())
        .count();
    assert_eq!(
        set,
        PARAGRAPHS.len(),
        "no paragraph numbers beyond the open letter's"
    );
}
