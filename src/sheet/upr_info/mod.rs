//! Importing recommendations from a UPR Info database export (CSV or spreadsheet) into `upr.toml`.
//!
//! The export has one row per recommendation with the columns State under
//! Review, Recommendation, Recommending State, Response, Action category,
//! Issues (separated by semicolons, or else by commas), Cycle and Session,
//! in any order and any case. Rows for other
//! States, and for other cycles than the one imported, are skipped and
//! counted; a recommendation already in the cycle (same text and recommending
//! State) is not added again; every other problem refuses its row, and a
//! refused row means nothing is written.

mod write;

use std::collections::{BTreeSet, HashMap};

use hrdraft_sdk::{Date, Response, Upr};

use super::table::{Grid, Row, Table};
use super::{same_text, RowProblem, SheetError};

pub use write::existing_from_texts;
use write::write;

/// Column names accepted for each field (compared without case or extra spaces).
pub mod columns {
    /// The State reviewed.
    pub const STATE: &[&str] = &["State under Review", "State under review (SuR)", "SuR"];
    /// The recommendation's text.
    pub const TEXT: &[&str] = &["Recommendation", "Recommendation text"];
    /// The State that made it.
    pub const BY: &[&str] = &[
        "Recommending State",
        "Recommending States",
        "Recommending country",
    ];
    /// The State's response.
    pub const RESPONSE: &[&str] = &["Response", "Position"];
    /// UPR Info's action category, 1 to 5.
    pub const ACTION: &[&str] = &["Action category", "Action", "Category"];
    /// Issues, separated by commas or semicolons.
    pub const ISSUES: &[&str] = &["Issues", "Issue", "Themes"];
    /// The review cycle.
    pub const CYCLE: &[&str] = &["Cycle", "UPR cycle"];
    /// The Working Group session.
    pub const SESSION: &[&str] = &["Session", "UPR session"];
}

/// What to import.
#[derive(Debug, Clone, Default)]
pub struct UprInfoOptions {
    /// The State under Review whose rows are imported, as the export names it.
    pub country: String,
    /// The cycle to import; `None` when the rows hold a single one.
    pub cycle: Option<u32>,
    /// The review date, needed when the cycle is new to the dataset.
    pub review_date: Option<Date>,
    /// The source id of the Working Group report, for a new cycle.
    pub report: Option<String>,
    /// The export's file name, for the comment written above new entries.
    pub file_name: String,
}

/// The dataset as it is before the import.
#[derive(Debug, Clone, Default)]
pub struct Existing {
    /// Its UPR data (empty when there is no `upr.toml`).
    pub upr: Upr,
    /// The text of `upr.toml`, if it exists.
    pub upr_text: Option<String>,
    /// The source ids defined in `sources.toml`.
    pub source_ids: BTreeSet<String>,
    /// The text of `sources.toml`, if it exists.
    pub sources_text: Option<String>,
}

/// A recommendation to add.
#[derive(Debug, Clone, PartialEq)]
pub struct NewRecommendation {
    /// Sheet row number.
    pub row: usize,
    /// The number it gets in the cycle.
    pub number: u32,
    /// Its text.
    pub text: String,
    /// The State that made it.
    pub recommending_state: String,
    /// The response.
    pub response: Response,
    /// Issues.
    pub issues: Vec<String>,
    /// Action category, 1 to 5.
    pub action_category: Option<u8>,
}

/// Everything an import would do, computed before anything is written.
#[derive(Debug, Clone, Default)]
pub struct UprInfoPlan {
    /// The cycle imported into.
    pub cycle: u32,
    /// Recommendations to add, in file order.
    pub added: Vec<NewRecommendation>,
    /// Rows already in the cycle: (row, the recommendation's number there).
    pub already: Vec<(usize, u32)>,
    /// Rows skipped because they are about another State.
    pub other_states: usize,
    /// Rows skipped because they are of another cycle.
    pub other_cycles: usize,
    /// Rows refused, with what is wrong.
    pub refused: Vec<RowProblem>,
    /// Whether the cycle is added to `upr.toml`.
    pub new_cycle: bool,
    /// The source id added to `sources.toml` for the new cycle's report.
    pub new_source: Option<String>,
    /// `upr.toml` afterwards, when it changes.
    pub upr_after: Option<String>,
    /// `sources.toml` afterwards, when it changes.
    pub sources_after: Option<String>,
}

/// One row of the State's, read but not yet checked against the dataset.
struct Candidate {
    row: usize,
    cycle: Option<u32>,
    session: Option<u32>,
    text: String,
    by: String,
    response: Option<Response>,
    issues: Vec<String>,
    action: Option<u8>,
    problems: Vec<String>,
}

/// Work out what importing the export in `grids` would do.
pub fn plan(
    grids: &[Grid],
    source: &str,
    existing: &Existing,
    options: &UprInfoOptions,
) -> Result<UprInfoPlan, SheetError> {
    let table = grids
        .iter()
        .find_map(Table::from_grid)
        .ok_or_else(|| SheetError::Header {
            path: source.into(),
            message: "the file is empty".into(),
        })?;
    let col = |names: &[&str]| table.column(names);
    let (state, text, by, response) = (
        col(columns::STATE),
        col(columns::TEXT),
        col(columns::BY),
        col(columns::RESPONSE),
    );
    let missing: Vec<String> = [
        (state, columns::STATE[0]),
        (text, columns::TEXT[0]),
        (by, columns::BY[0]),
        (response, columns::RESPONSE[0]),
    ]
    .iter()
    .filter(|(c, _)| c.is_none())
    .map(|(_, n)| format!("\"{n}\""))
    .collect();
    if !missing.is_empty() {
        return Err(SheetError::Header {
            path: source.into(),
            message: format!(
                "the first row must name the columns {}; it holds {}",
                missing.join(", "),
                table.header_list()
            ),
        });
    }
    let cols = Columns {
        state,
        text,
        by,
        response,
        action: col(columns::ACTION),
        issues: col(columns::ISSUES),
        cycle: col(columns::CYCLE),
        session: col(columns::SESSION),
    };

    let mut plan = UprInfoPlan::default();
    let mut candidates = Vec::new();
    for row in &table.rows {
        let sur = row.cell(cols.state).trim();
        if sur.is_empty() {
            plan.refused.push(RowProblem {
                row: row.number,
                message: "the State under Review is empty".into(),
            });
        } else if !same_text(&sur.to_lowercase(), &options.country.to_lowercase()) {
            plan.other_states += 1;
        } else {
            candidates.push(read_row(row, &cols));
        }
    }
    if candidates.is_empty() && plan.refused.is_empty() {
        return Err(SheetError::invalid(format!(
            "{source} has no rows for \"{}\" in the column \"State under Review\" ({} rows for other States)",
            options.country, plan.other_states
        )));
    }

    plan.cycle = target_cycle(&candidates, existing, options, source)?;
    let cycle_entry = existing.upr.cycles.iter().find(|c| c.number == plan.cycle);
    plan.new_cycle = cycle_entry.is_none();
    let mut session = cycle_entry.and_then(|c| c.session);
    let mut in_cycle: HashMap<(String, String), u32> = existing
        .upr
        .recommendations
        .iter()
        .filter(|r| r.cycle == plan.cycle)
        .map(|r| (key(&r.text, &r.recommending_state), r.number))
        .collect();
    let mut in_file: HashMap<(String, String), usize> = HashMap::new();
    let mut next = existing
        .upr
        .recommendations
        .iter()
        .filter(|r| r.cycle == plan.cycle)
        .map(|r| r.number)
        .max()
        .unwrap_or(0);

    for mut c in candidates {
        if c.cycle.is_some_and(|n| n != plan.cycle) {
            plan.other_cycles += 1;
            continue;
        }
        match (c.session, session) {
            (Some(s), Some(first)) if s != first => c.problems.push(format!(
                "session {s}, but cycle {} was reviewed at session {first}",
                plan.cycle
            )),
            (Some(s), None) => session = Some(s),
            _ => {}
        }
        let k = key(&c.text, &c.by);
        if !c.text.is_empty() && !c.by.is_empty() {
            if let Some(first) = in_file.get(&k) {
                c.problems.push(format!(
                    "the same recommendation by {} is on row {first}",
                    c.by
                ));
            }
        }
        let (Some(response), true) = (c.response, c.problems.is_empty()) else {
            plan.refused.push(RowProblem {
                row: c.row,
                message: c.problems.join("; "),
            });
            continue;
        };
        in_file.insert(k.clone(), c.row);
        if let Some(n) = in_cycle.get(&k) {
            plan.already.push((c.row, *n));
            continue;
        }
        next += 1;
        in_cycle.insert(k, next);
        plan.added.push(NewRecommendation {
            row: c.row,
            number: next,
            text: c.text,
            recommending_state: c.by,
            response,
            issues: c.issues,
            action_category: c.action,
        });
    }

    if plan.refused.is_empty() && !plan.added.is_empty() {
        write(&mut plan, existing, options, session)?;
    }
    Ok(plan)
}

struct Columns {
    state: Option<usize>,
    text: Option<usize>,
    by: Option<usize>,
    response: Option<usize>,
    action: Option<usize>,
    issues: Option<usize>,
    cycle: Option<usize>,
    session: Option<usize>,
}

fn read_row(row: &Row, cols: &Columns) -> Candidate {
    let mut problems = Vec::new();
    let text = row.cell(cols.text).replace("\r\n", "\n").trim().to_string();
    if text.is_empty() {
        problems.push("the recommendation's text is empty".to_string());
    }
    let by = row.cell(cols.by).trim().to_string();
    if by.is_empty() {
        problems.push("the recommending State is empty".to_string());
    }
    let response_text = row.cell(cols.response).trim();
    let response = parse_response(response_text);
    if response.is_none() {
        problems.push(format!(
            "the response \"{response_text}\" is not one of \"Supported\", \"Accepted\", \"Noted\", \"Rejected\""
        ));
    }
    let action_text = row.cell(cols.action).trim();
    let action = if action_text.is_empty() {
        None
    } else {
        let a = parse_action(action_text);
        if a.is_none() {
            problems.push(format!(
                "the action category \"{action_text}\" is not a number from 1 to 5"
            ));
        }
        a
    };
    let mut number = |col: Option<usize>, what: &str| {
        let t = row.cell(col).trim();
        if col.is_none() || t.is_empty() {
            return None;
        }
        let n = first_number(t);
        if n.is_none() {
            problems.push(format!("the {what} \"{t}\" is not a number"));
        }
        n
    };
    let cycle = number(cols.cycle, "cycle");
    let session = number(cols.session, "session");
    // Semicolons, where used, separate issues whose names hold commas.
    let cell = row.cell(cols.issues);
    let separator = if cell.contains(';') { ';' } else { ',' };
    let mut issues: Vec<String> = Vec::new();
    for issue in cell.split(separator) {
        let issue = issue.split_whitespace().collect::<Vec<_>>().join(" ");
        if !issue.is_empty() && !issues.contains(&issue) {
            issues.push(issue);
        }
    }
    Candidate {
        row: row.number,
        cycle,
        session,
        text,
        by,
        response,
        issues,
        action,
        problems,
    }
}

/// "Supported"/"Accepted" or "Noted"/"Rejected", in any case.
pub fn parse_response(text: &str) -> Option<Response> {
    match text.trim().to_lowercase().as_str() {
        "supported" | "accepted" => Some(Response::Accepted),
        "noted" | "rejected" => Some(Response::Noted),
        _ => None,
    }
}

/// An action category: "5", "Category 5", "5 - Specific action", or UPR Info's name for it.
pub fn parse_action(text: &str) -> Option<u8> {
    const NAMES: [&str; 5] = [
        "minimal action",
        "continuing action",
        "considering action",
        "general action",
        "specific action",
    ];
    let lower = text.trim().to_lowercase();
    if let Some(i) = NAMES.iter().position(|n| *n == lower) {
        return u8::try_from(i + 1).ok();
    }
    first_number(&lower)
        .and_then(|n| u8::try_from(n).ok())
        .filter(|n| (1..=5).contains(n))
}

/// The first whole number in a text ("Cycle 2", "2nd", "41", "41.0").
fn first_number(text: &str) -> Option<u32> {
    let start = text.find(|c: char| c.is_ascii_digit())?;
    let digits: String = text[start..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    let rest = &text[start + digits.len()..];
    // "41.5" is not a whole number; "41.0" (from a spreadsheet) is.
    if let Some(frac) = rest.strip_prefix('.') {
        if frac.starts_with(|c: char| c.is_ascii_digit())
            && !frac.trim_start_matches('0').is_empty()
        {
            return None;
        }
    }
    digits.parse().ok()
}

/// Text and State compared without case or spacing differences.
fn key(text: &str, by: &str) -> (String, String) {
    let norm = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    (norm(text), norm(by))
}

fn target_cycle(
    candidates: &[Candidate],
    existing: &Existing,
    options: &UprInfoOptions,
    source: &str,
) -> Result<u32, SheetError> {
    if let Some(c) = options.cycle {
        return Ok(c);
    }
    let found: BTreeSet<u32> = candidates.iter().filter_map(|c| c.cycle).collect();
    let list = |s: &BTreeSet<u32>| s.iter().map(u32::to_string).collect::<Vec<_>>().join(", ");
    match found.len() {
        1 => Ok(*found.iter().next().unwrap_or(&1)),
        0 => match existing.upr.cycles.as_slice() {
            [only] => Ok(only.number),
            _ => Err(SheetError::usage(format!(
                "{source} does not say which cycle its recommendations are of (no \"Cycle\" column): give --cycle N"
            ))),
        },
        _ => Err(SheetError::usage(format!(
            "{source} holds recommendations of cycles {} for {}; import one cycle at a time with --cycle N",
            list(&found),
            options.country
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn responses_and_categories_are_read_as_the_database_writes_them() {
        assert_eq!(parse_response(" Supported "), Some(Response::Accepted));
        assert_eq!(parse_response("ACCEPTED"), Some(Response::Accepted));
        assert_eq!(parse_response("Noted"), Some(Response::Noted));
        assert_eq!(parse_response("rejected"), Some(Response::Noted));
        assert_eq!(parse_response("Pending"), None);
        assert_eq!(parse_action("5"), Some(5));
        assert_eq!(parse_action("Category 4"), Some(4));
        assert_eq!(parse_action("3 - Considering action"), Some(3));
        assert_eq!(parse_action("Specific action"), Some(5));
        assert_eq!(parse_action("6"), None);
        assert_eq!(parse_action("high"), None);
        assert_eq!(first_number("Cycle 2"), Some(2));
        assert_eq!(first_number("41.0"), Some(41));
        assert_eq!(first_number("41.5"), None);
    }
}
