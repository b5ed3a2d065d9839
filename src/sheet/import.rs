//! Merging a filled response sheet into `upr.toml`: one stakeholder's assessments, row by row.
//!
//! The rules, also in docs/spreadsheets.md:
//! - a row with neither level nor comment is skipped (and an assessment the
//!   dataset already has for it is left alone);
//! - otherwise the row is the stakeholder's whole assessment of that
//!   recommendation: it is added, or replaces the level and comment of the
//!   stakeholder's existing assessment (an empty level removes the level);
//! - a row whose number is not a recommendation of the cycle, whose level is
//!   not one of the three, or that repeats another row's number is refused;
//!   if any row is refused nothing is written.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

use hrdraft_sdk::{Assessment, Dataset, ImplementationLevel, Recommendation, StakeholderKind};
use toml_edit::{value, DocumentMut, Item, Table};

use super::edit;
use super::export::{pick_cycle, stakeholder_list};
use super::table::{Grid, Table as SheetTable};
use super::{
    kind_key, level_key, parse_level, same_text, RowProblem, SheetError, ABOUT_NAME, SHEET_NAME,
};

/// The file assessments are merged into.
pub const FILE: &str = "upr.toml";

/// Names a column may have in a filled sheet (the first is the one `sheet export` writes).
pub const NUMBER: &[&str] = &[
    "Number",
    "No.",
    "No",
    "Nº",
    "N°",
    "#",
    "Recommendation nº",
    "Recommendation number",
    "Rec. nº",
];
/// See [`NUMBER`].
pub const LEVEL: &[&str] = &["Implementation level", "Level", "Assessment"];
/// See [`NUMBER`].
pub const COMMENT: &[&str] = &["Comment", "Comments", "Stakeholder comment"];
/// See [`NUMBER`].
pub const TEXT: &[&str] = &["Recommendation", "Recommendation text", "Text"];

/// What to import.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// The stakeholder whose sheet it is (its abbreviation).
    pub stakeholder: String,
    /// Add the stakeholder to `upr.toml` with this name and kind when it is not there.
    pub add: Option<(String, StakeholderKind)>,
    /// The cycle, when the sheet does not say (a CSV file) and the dataset has several.
    pub cycle: Option<u32>,
}

/// What a row does to the dataset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeKind {
    /// A new assessment.
    Added,
    /// The stakeholder's assessment gets a new level or comment.
    Changed,
    /// The dataset already says the same.
    Unchanged,
}

/// One row taken from the sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct RowChange {
    /// Sheet row number.
    pub row: usize,
    /// Recommendation number.
    pub number: u32,
    /// Added, changed or unchanged.
    pub kind: ChangeKind,
    /// The level given.
    pub level: Option<ImplementationLevel>,
    /// The comment given (trimmed).
    pub comment: String,
    /// The level the dataset had, for changed rows.
    pub level_before: Option<ImplementationLevel>,
}

/// Everything an import would do, computed before anything is written.
#[derive(Debug, Clone)]
pub struct Plan {
    /// The cycle imported into.
    pub cycle: u32,
    /// Every row taken, in sheet order.
    pub rows: Vec<RowChange>,
    /// Rows with neither level nor comment.
    pub skipped: usize,
    /// Rows refused, with what is wrong.
    pub refused: Vec<RowProblem>,
    /// Rows taken that deserve a look.
    pub warnings: Vec<RowProblem>,
    /// Whether the stakeholder is added to `upr.toml`.
    pub new_stakeholder: bool,
    /// `upr.toml` as it should be afterwards (unchanged when anything is refused).
    pub after: String,
}

impl Plan {
    /// How many rows are of this kind.
    pub fn count(&self, kind: ChangeKind) -> usize {
        self.rows.iter().filter(|r| r.kind == kind).count()
    }

    /// Added and changed rows, one line each, for `--dry-run`.
    pub fn describe(&self) -> String {
        let mut out = String::new();
        for r in self.rows.iter().filter(|r| r.kind != ChangeKind::Unchanged) {
            let level = |l: Option<ImplementationLevel>| l.map_or("no level", |l| l.words());
            let what = match r.kind {
                ChangeKind::Added => format!("add {}", level(r.level)),
                _ if r.level != r.level_before => {
                    format!("change {} to {}", level(r.level_before), level(r.level))
                }
                _ => format!("change the comment ({})", level(r.level)),
            };
            let _ = writeln!(
                out,
                "  row {}: recommendation {}: {what}{}",
                r.row,
                r.number,
                excerpt(&r.comment)
            );
        }
        out
    }
}

/// A sheet cell's text as dataset paragraphs: its lines, trimmed, with
/// empty ones dropped, separated by blank lines.
fn paragraphs(cell: &str) -> String {
    cell.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// The start of a comment, for listing changes.
fn excerpt(comment: &str) -> String {
    let first = comment.lines().next().unwrap_or("").trim();
    if first.is_empty() {
        return String::new();
    }
    let mut s: String = first.chars().take(60).collect();
    if s.len() < first.len() || comment.lines().nth(1).is_some() {
        s.push('…');
    }
    format!(": \"{s}\"")
}

/// Work out what importing `grids` (a read sheet) into `dataset`, whose
/// `upr.toml` holds `upr_text`, would do.
pub fn plan(
    dataset: &Dataset,
    upr_text: &str,
    grids: &[Grid],
    source: &str,
    options: &ImportOptions,
) -> Result<Plan, SheetError> {
    let named = |g: &&Grid, name: &str| {
        g.name
            .as_deref()
            .is_some_and(|n| n.trim().eq_ignore_ascii_case(name))
    };
    let about = grids.iter().find(|g| named(g, ABOUT_NAME));
    // The worksheet of recommendations, or the first other one if it was renamed.
    let main = grids
        .iter()
        .find(|g| named(g, SHEET_NAME))
        .or_else(|| grids.iter().find(|g| !named(g, ABOUT_NAME)))
        .ok_or_else(|| SheetError::invalid(format!("{source}: the file has no worksheet")))?;
    let cycle = sheet_cycle(dataset, about, source, options)?;
    // A sheet holds one level per recommendation and stakeholder, which
    // the rows merge into by stakeholder alone: with later rounds it would
    // not say which round it answers.
    if let Some(c) = dataset
        .upr
        .cycles
        .iter()
        .find(|c| c.number == cycle && !c.rounds.is_empty())
    {
        return Err(SheetError::usage(format!(
            "cycle {cycle} has later assessment rounds ({}); sheet import writes mid-term \
             assessments only: add a later round's assessments to upr.toml with `round`",
            c.rounds
                .iter()
                .filter_map(|r| r.id.as_deref())
                .collect::<Vec<_>>()
                .join(", ")
        )));
    }
    let new_stakeholder = check_stakeholder(dataset, options)?;

    let table = SheetTable::from_grid(main).ok_or_else(|| SheetError::Header {
        path: source.into(),
        message: "the sheet is empty".into(),
    })?;
    let number_col = table.column(NUMBER);
    let level_col = table.column(LEVEL);
    let comment_col = table.column(COMMENT);
    let missing: Vec<&str> = [
        (number_col, NUMBER[0]),
        (level_col, LEVEL[0]),
        (comment_col, COMMENT[0]),
    ]
    .iter()
    .filter(|(c, _)| c.is_none())
    .map(|(_, n)| *n)
    .collect();
    if !missing.is_empty() {
        return Err(SheetError::Header {
            path: source.into(),
            message: format!(
                "the first row must name the columns {}; it holds {}",
                missing
                    .iter()
                    .map(|m| format!("\"{m}\""))
                    .collect::<Vec<_>>()
                    .join(", "),
                table.header_list()
            ),
        });
    }
    let text_col = table.column(TEXT);

    let recs: HashMap<u32, &Recommendation> = dataset
        .upr
        .recommendations
        .iter()
        .filter(|r| r.cycle == cycle)
        .map(|r| (r.number, r))
        .collect();
    let mut plan = Plan {
        cycle,
        rows: Vec::new(),
        skipped: 0,
        refused: Vec::new(),
        warnings: Vec::new(),
        new_stakeholder,
        after: upr_text.to_string(),
    };
    let mut seen: HashMap<u32, usize> = HashMap::new();
    // A CSV sheet's cells were neutralised against formulas when exported:
    // each is read back as it was.
    let csv = main.name.is_none();
    for row in &table.rows {
        let cell = |col: Option<usize>| {
            let text = row.cell(col);
            if csv {
                super::export::restore(text)
            } else {
                text
            }
        };
        let number_text = cell(number_col).trim();
        let level_text = cell(level_col).trim();
        // Each line of the cell (Alt+Enter) is a paragraph, as the sheet
        // tells stakeholders; the dataset separates them by blank lines.
        let comment = paragraphs(cell(comment_col));
        if level_text.is_empty() && comment.is_empty() {
            plan.skipped += 1;
            continue;
        }
        let mut problems = Vec::new();
        let rec = match parse_number(number_text) {
            None if number_text.is_empty() => {
                problems.push("the row has a level or comment but no recommendation number".into());
                None
            }
            None => {
                problems.push(format!("\"{number_text}\" is not a recommendation number"));
                None
            }
            Some(n) => match recs.get(&n) {
                Some(r) => Some(*r),
                None => {
                    problems.push(format!("there is no recommendation {n} in cycle {cycle}"));
                    None
                }
            },
        };
        let level = if level_text.is_empty() {
            None
        } else {
            match parse_level(level_text) {
                Some(l) => Some(l),
                None => {
                    problems.push(format!(
                        "the level \"{level_text}\" is not one of \"not implemented\", \
                         \"partially implemented\", \"fully implemented\""
                    ));
                    None
                }
            }
        };
        if let Some(r) = rec {
            if let Some(first) = seen.insert(r.number, row.number) {
                problems.push(format!(
                    "recommendation {} is also on row {first}; keep one row per recommendation",
                    r.number
                ));
            }
        }
        let Some(rec) = rec.filter(|_| problems.is_empty()) else {
            plan.refused.push(RowProblem {
                row: row.number,
                message: problems.join("; "),
            });
            continue;
        };
        let sheet_text = cell(text_col);
        if text_col.is_some() && !sheet_text.trim().is_empty() && !same_text(sheet_text, &rec.text)
        {
            plan.warnings.push(RowProblem {
                row: row.number,
                message: format!(
                    "the text of recommendation {} differs from the dataset's; was the sheet \
                     exported from another dataset or cycle?",
                    rec.number
                ),
            });
        }
        let existing = rec
            .assessments
            .iter()
            .find(|a| a.stakeholder == options.stakeholder);
        plan.rows
            .push(change(row.number, rec.number, level, comment, existing));
    }
    if plan.refused.is_empty() {
        plan.after = merge(upr_text, cycle, &plan, options)?;
    }
    Ok(plan)
}

fn change(
    row: usize,
    number: u32,
    level: Option<ImplementationLevel>,
    comment: String,
    existing: Option<&Assessment>,
) -> RowChange {
    let kind = match existing {
        None => ChangeKind::Added,
        Some(a) if a.level == level && a.comment.trim() == comment => ChangeKind::Unchanged,
        Some(_) => ChangeKind::Changed,
    };
    RowChange {
        row,
        number,
        kind,
        level,
        comment,
        level_before: existing.and_then(|a| a.level),
    }
}

/// A recommendation number as typed: "12", or "12.0" from a spreadsheet.
fn parse_number(text: &str) -> Option<u32> {
    let t = text.trim();
    t.parse::<u32>().ok().or_else(|| {
        let f: f64 = t.parse().ok()?;
        (f.fract() == 0.0 && (1.0..=f64::from(u32::MAX)).contains(&f)).then_some(f as u32)
    })
}

/// The cycle the sheet is for: what its "About" sheet says, or `--cycle`, or
/// the dataset's only cycle. Also checks the sheet is for this State and,
/// when it names one, this stakeholder.
fn sheet_cycle(
    dataset: &Dataset,
    about: Option<&Grid>,
    source: &str,
    options: &ImportOptions,
) -> Result<u32, SheetError> {
    let asked = options.cycle;
    let pairs: BTreeMap<String, String> = about
        .map(|g| {
            g.rows
                .iter()
                .filter(|r| r.cells.len() >= 2)
                .map(|r| {
                    (
                        super::header_key(&r.cells[0]),
                        r.cells[1].trim().to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    if let Some(state) = pairs.get("state under review") {
        if !state.is_empty()
            && !same_text(&state.to_lowercase(), &dataset.country.name.to_lowercase())
        {
            return Err(SheetError::invalid(format!(
                "{source} was exported for {state}, but the dataset is {}'s",
                dataset.country.name
            )));
        }
    }
    if let Some(who) = pairs.get("stakeholder") {
        if !who.is_empty() && *who != options.stakeholder {
            return Err(SheetError::usage(format!(
                "{source} was exported for stakeholder {who}, not {}; check --stakeholder",
                options.stakeholder
            )));
        }
    }
    let written = pairs.get("cycle").and_then(|c| parse_number(c));
    match (written, asked) {
        (Some(w), Some(a)) if w != a => Err(SheetError::usage(format!(
            "{source} holds the recommendations of cycle {w}, not cycle {a}; leave out --cycle"
        ))),
        (Some(w), _) => pick_cycle(dataset, Some(w)).map(|c| c.number),
        (None, a) => pick_cycle(dataset, a).map(|c| c.number),
    }
}

/// Whether the stakeholder must be added; an error if it is unknown and cannot be.
fn check_stakeholder(dataset: &Dataset, options: &ImportOptions) -> Result<bool, SheetError> {
    let abbr = options.stakeholder.trim();
    if abbr.is_empty() || abbr != options.stakeholder {
        return Err(SheetError::usage(
            "give the stakeholder's abbreviation without surrounding spaces, as upr.toml writes it",
        ));
    }
    match (
        dataset
            .upr
            .stakeholders
            .iter()
            .find(|s| s.abbreviation == abbr),
        &options.add,
    ) {
        (Some(_), None) => Ok(false),
        (Some(s), Some((name, kind))) => {
            if same_text(&s.name, name) && s.kind == *kind {
                Ok(false)
            } else {
                Err(SheetError::usage(format!(
                    "stakeholder \"{abbr}\" is already in upr.toml as \"{}\" ({}); leave out \
                     --name and --kind",
                    s.name,
                    kind_key(s.kind)
                )))
            }
        }
        (None, Some((name, _))) if name.trim().is_empty() => Err(SheetError::usage(
            "--name is empty: give the stakeholder's full name",
        )),
        (None, Some(_)) => Ok(true),
        (None, None) => Err(SheetError::usage(format!(
            "no stakeholder \"{abbr}\" in upr.toml (the stakeholders are {}); to add it, give \
             its full name and kind: --name \"Full name\" --kind ngo|nhri|un-agency|state",
            stakeholder_list(dataset)
        ))),
    }
}

/// `upr.toml` with the plan's rows merged in.
fn merge(
    upr_text: &str,
    cycle: u32,
    plan: &Plan,
    options: &ImportOptions,
) -> Result<String, SheetError> {
    let todo: Vec<&RowChange> = plan
        .rows
        .iter()
        .filter(|r| r.kind != ChangeKind::Unchanged)
        .collect();
    if todo.is_empty() && !plan.new_stakeholder {
        // Nothing to do: give back the very same bytes.
        return Ok(upr_text.to_string());
    }
    let mut doc = edit::parse(FILE, upr_text)?;
    edit::attach_trailing(&mut doc);
    if plan.new_stakeholder {
        add_stakeholder(&mut doc, options)?;
    }
    let recs = edit::tables_mut(FILE, doc.as_table_mut(), "recommendations")?;
    for r in todo {
        let table = recs
            .iter_mut()
            .find(|t| {
                edit::int(t, "cycle") == Some(i64::from(cycle))
                    && edit::int(t, "number") == Some(i64::from(r.number))
            })
            .ok_or_else(|| SheetError::Toml {
                file: FILE.into(),
                message: format!("cannot find recommendation {} of cycle {cycle}", r.number),
            })?;
        let assessments = edit::tables_mut(FILE, table, "assessments")?;
        let existing = assessments
            .iter_mut()
            .find(|t| edit::string(t, "stakeholder") == Some(options.stakeholder.as_str()));
        match existing {
            Some(t) => update(t, r),
            None => {
                let mut t = edit::new_table(&[]);
                t.insert("stakeholder", value(options.stakeholder.as_str()));
                update(&mut t, r);
                assessments.push(t);
            }
        }
    }
    Ok(doc.to_string())
}

/// Give an assessment table the row's level and comment, keeping what it can.
fn update(t: &mut Table, r: &RowChange) {
    let mut reorder = false;
    match r.level {
        Some(l) => reorder |= edit::set(t, "level", level_key(l).into()),
        None => {
            t.remove("level");
        }
    }
    let old_comment = edit::string(t, "comment").map(|c| c.trim().to_string());
    if r.comment.is_empty() {
        t.remove("comment");
    } else if old_comment.as_deref() != Some(r.comment.as_str()) {
        reorder |= edit::set(t, "comment", edit::long_text(&r.comment));
    }
    if reorder {
        edit::order_keys(t, &["stakeholder", "level", "comment"]);
    }
}

fn add_stakeholder(doc: &mut DocumentMut, options: &ImportOptions) -> Result<(), SheetError> {
    let Some((name, kind)) = &options.add else {
        return Ok(());
    };
    let root = doc.as_table_mut();
    // Place a first stakeholder after the cycles rather than at the end of the file.
    let after_cycles = root
        .get("cycles")
        .and_then(Item::as_array_of_tables)
        .and_then(|a| a.iter().last())
        .and_then(last_position);
    let existing = root.contains_key("stakeholders");
    let list = edit::tables_mut(FILE, root, "stakeholders")?;
    let mut t = edit::new_table(&[]);
    t.insert("abbreviation", value(options.stakeholder.as_str()));
    t.insert("name", value(name.trim()));
    t.insert("kind", value(kind_key(*kind)));
    if !existing {
        t.set_position(after_cycles);
    }
    list.push(t);
    Ok(())
}

/// The document position of a table or of the last table nested in it.
fn last_position(t: &Table) -> Option<isize> {
    let mut pos = t.position();
    for (_, item) in t.iter() {
        let nested = match item {
            Item::Table(n) => last_position(n),
            Item::ArrayOfTables(a) => a.iter().filter_map(last_position).max(),
            _ => None,
        };
        pos = pos.max(nested);
    }
    pos
}
