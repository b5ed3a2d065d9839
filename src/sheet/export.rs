//! Writing the response sheet a stakeholder fills in: one row per recommendation of a cycle.
//!
//! The recommendation columns are locked (the sheet is protected without a
//! password, so nobody edits them by accident); the level column offers the
//! three levels in a drop-down list and refuses anything else; the comment
//! column wraps. A second worksheet, "About", names the State and the cycle,
//! which `sheet import` checks, and tells the stakeholder what to do.

use std::borrow::Cow;

use hrdraft_sdk::{Assessment, Cycle, Dataset, ImplementationLevel, Recommendation, Response};
use rust_xlsxwriter::{
    Color, DataValidation, DataValidationErrorStyle, DocProperties, ExcelDateTime, Format,
    FormatAlign, FormatBorder, ProtectionOptions, Workbook, Worksheet, XlsxError,
};

use super::{SheetError, ABOUT_NAME, COLUMNS, SHEET_NAME};

/// What to export.
#[derive(Debug, Clone, Default)]
pub struct ExportOptions {
    /// The cycle; `None` for the dataset's only cycle.
    pub cycle: Option<u32>,
    /// Fill the level and comment columns with this stakeholder's assessments
    /// already in the dataset, so that it can revise them.
    pub stakeholder: Option<String>,
    /// The creation time written into the file (seconds since 1970); `None`
    /// for noon (UTC) of the cycle's review date, so the same dataset always
    /// gives the same bytes.
    pub created: Option<i64>,
}

/// The recommendations a sheet holds, and what it says about them.
#[derive(Debug, Clone)]
pub struct Sheet<'a> {
    /// The cycle.
    pub cycle: &'a Cycle,
    /// Its recommendations, by number.
    pub recommendations: Vec<&'a Recommendation>,
    /// The stakeholder whose assessments prefill the sheet, if any.
    pub stakeholder: Option<&'a str>,
}

/// The cycle asked for, or the only one; an error naming the cycles otherwise.
pub fn pick_cycle(dataset: &Dataset, cycle: Option<u32>) -> Result<&Cycle, SheetError> {
    let cycles = &dataset.upr.cycles;
    let list = || {
        cycles
            .iter()
            .map(|c| c.number.to_string())
            .collect::<Vec<_>>()
            .join(", ")
    };
    match cycle {
        Some(n) => cycles.iter().find(|c| c.number == n).ok_or_else(|| {
            if cycles.is_empty() {
                SheetError::usage(format!(
                    "the dataset has no UPR cycle (no [[cycles]] in upr.toml), so there is no cycle {n}"
                ))
            } else {
                SheetError::usage(format!(
                    "the dataset has no cycle {n}; its cycles are {}",
                    list()
                ))
            }
        }),
        None => match cycles.as_slice() {
            [only] => Ok(only),
            [] => Err(SheetError::usage(
                "the dataset has no UPR cycle: add [[cycles]] and [[recommendations]] to upr.toml first",
            )),
            _ => Err(SheetError::usage(format!(
                "the dataset has cycles {}; choose one with --cycle",
                list()
            ))),
        },
    }
}

/// Gather what a sheet for `options` holds.
pub fn sheet<'a>(
    dataset: &'a Dataset,
    options: &'a ExportOptions,
) -> Result<Sheet<'a>, SheetError> {
    let cycle = pick_cycle(dataset, options.cycle)?;
    let mut recommendations: Vec<&Recommendation> = dataset
        .upr
        .recommendations
        .iter()
        .filter(|r| r.cycle == cycle.number)
        .collect();
    if recommendations.is_empty() {
        return Err(SheetError::invalid(format!(
            "cycle {} has no recommendations in upr.toml",
            cycle.number
        )));
    }
    recommendations.sort_by_key(|r| r.number);
    if let Some(s) = &options.stakeholder {
        if !dataset
            .upr
            .stakeholders
            .iter()
            .any(|k| &k.abbreviation == s)
        {
            return Err(SheetError::usage(format!(
                "no stakeholder \"{s}\" in upr.toml; the stakeholders are {}",
                stakeholder_list(dataset)
            )));
        }
    }
    Ok(Sheet {
        cycle,
        recommendations,
        stakeholder: options.stakeholder.as_deref(),
    })
}

/// The stakeholders' abbreviations, for messages.
pub fn stakeholder_list(dataset: &Dataset) -> String {
    let list: Vec<&str> = dataset
        .upr
        .stakeholders
        .iter()
        .map(|s| s.abbreviation.as_str())
        .collect();
    if list.is_empty() {
        "none yet".into()
    } else {
        list.join(", ")
    }
}

/// The cells of one recommendation's row, as text.
fn cells(r: &Recommendation, prefill: Option<&Assessment>) -> [String; 7] {
    [
        r.number.to_string(),
        r.text.clone(),
        r.recommending_state.clone(),
        // From the second cycle on, the UPR records an accepted
        // recommendation as "supported", as the MIA writes it.
        match r.response {
            Response::Accepted if r.cycle > 1 => "Supported",
            Response::Accepted => "Accepted",
            Response::Noted => "Noted",
            Response::Pending => "Pending",
        }
        .to_string(),
        r.issues.join("; "),
        prefill
            .and_then(|a| a.level)
            .map_or(String::new(), |l| l.words().to_string()),
        prefill.map_or(String::new(), |a| a.comment.trim().to_string()),
    ]
}

fn prefill<'a>(r: &'a Recommendation, stakeholder: Option<&str>) -> Option<&'a Assessment> {
    let s = stakeholder?;
    // A cycle's first round: the one `sheet import` writes.
    r.assessments
        .iter()
        .find(|a| a.stakeholder == s && a.round.is_none())
}

/// The first characters that make a spreadsheet read a CSV cell as a
/// formula (OWASP, "CSV Injection"): `=`, `+`, `-`, `@`, tab and carriage return.
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A cell as a CSV file must hold it so that no spreadsheet runs it. Text
/// from a UPR Info export is not ours: a recommendation or comment
/// beginning `=cmd|' /C calc'!A0` would be a live formula in the
/// stakeholder's Excel. As OWASP recommends, such a cell gets a single quote
/// before it, which spreadsheets read as "text follows"; so does a cell
/// that begins with a quote already, so that [`restore`] gives back every
/// cell exactly. (The .xlsx sheet needs none of this: its cells are shared
/// strings, never formulas.)
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(FORMULA_START) || cell.starts_with('\'') {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// A cell of a CSV sheet as it was before [`neutralise`]: the quote it added
/// taken off, anything else left as it is.
pub fn restore(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_START) || rest.starts_with('\'') => rest,
        _ => cell,
    }
}

/// The sheet as CSV, with the same header and rows (for people who prefer
/// it), every cell [`neutralise`]d.
pub fn csv(dataset: &Dataset, options: &ExportOptions) -> Result<Vec<u8>, SheetError> {
    let sheet = sheet(dataset, options)?;
    let mut w = csv::Writer::from_writer(Vec::new());
    let fail = |e: csv::Error| SheetError::Write(e.to_string());
    w.write_record(COLUMNS).map_err(fail)?;
    for r in &sheet.recommendations {
        let row = cells(r, prefill(r, sheet.stakeholder));
        w.write_record(row.iter().map(|c| neutralise(c).into_owned()))
            .map_err(fail)?;
    }
    w.into_inner().map_err(|e| SheetError::Write(e.to_string()))
}

/// The sheet as an Excel workbook.
pub fn xlsx(dataset: &Dataset, options: &ExportOptions) -> Result<Vec<u8>, SheetError> {
    let sheet = sheet(dataset, options)?;
    build(dataset, &sheet, options.created).map_err(|e| SheetError::Write(e.to_string()))
}

/// Column widths, in characters, chosen for A4 landscape and a screen alike.
const WIDTHS: [f64; 7] = [9.0, 60.0, 18.0, 11.0, 24.0, 22.0, 60.0];
/// Columns the stakeholder fills in (level, comment).
const LEVEL: u16 = 5;
const COMMENT: u16 = 6;

fn build(dataset: &Dataset, sheet: &Sheet, created: Option<i64>) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let country = &dataset.country.name;
    let cycle = sheet.cycle.number;
    let created = match created {
        Some(t) => ExcelDateTime::from_timestamp(t)?,
        None => {
            let d = sheet.cycle.review_date;
            ExcelDateTime::from_ymd(d.year, d.month.unwrap_or(1), d.day.unwrap_or(1))?
                .and_hms(12, 0, 0)?
        }
    };
    let mut title = format!("{country}: UPR recommendations of cycle {cycle}, response sheet");
    if let Some(s) = sheet.stakeholder {
        title.push_str(&format!(" ({s})"));
    }
    let properties = DocProperties::new()
        .set_title(title)
        .set_subject("Assessment of the implementation of UPR recommendations")
        .set_author(
            dataset
                .documents
                .author
                .as_ref()
                .map_or("hrdraft", |a| a.organisation.as_str()),
        )
        .set_creation_datetime(&created);
    book.set_properties(&properties);

    let ws = book.add_worksheet();
    ws.set_name(SHEET_NAME)?;
    recommendations_sheet(ws, sheet)?;

    let about = book.add_worksheet();
    about.set_name(ABOUT_NAME)?;
    about_sheet(about, dataset, sheet)?;

    book.save_to_buffer()
}

fn recommendations_sheet(ws: &mut Worksheet, sheet: &Sheet) -> Result<(), XlsxError> {
    let header = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_background_color(Color::RGB(0xD9E2F3))
        .set_border_bottom(FormatBorder::Thin);
    let locked = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let number = Format::new()
        .set_align(FormatAlign::Top)
        .set_align(FormatAlign::Center);
    // The cells to fill in: unlocked, and tinted so they stand out.
    let open = Format::new()
        .set_unlocked()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_background_color(Color::RGB(0xFFF8E1));

    for (col, (name, width)) in COLUMNS.iter().zip(WIDTHS).enumerate() {
        let col = col as u16;
        ws.write_string_with_format(0, col, *name, &header)?;
        ws.set_column_width(col, width)?;
    }
    let last = sheet.recommendations.len() as u32;
    for (i, r) in sheet.recommendations.iter().enumerate() {
        let row = i as u32 + 1;
        let values = cells(r, prefill(r, sheet.stakeholder));
        ws.write_number_with_format(row, 0, f64::from(r.number), &number)?;
        for col in 1..LEVEL {
            ws.write_string_with_format(row, col, &values[usize::from(col)], &locked)?;
        }
        for col in [LEVEL, COMMENT] {
            let text = &values[usize::from(col)];
            if text.is_empty() {
                ws.write_blank(row, col, &open)?;
            } else {
                ws.write_string_with_format(row, col, text, &open)?;
            }
        }
    }

    let levels = [
        ImplementationLevel::Not.words(),
        ImplementationLevel::Partially.words(),
        ImplementationLevel::Fully.words(),
    ];
    let validation = DataValidation::new()
        .allow_list_strings(&levels)?
        .set_input_title("Implementation level")?
        .set_input_message("Choose how far the recommendation has been implemented.")?
        .set_error_title("Not a level")?
        .set_error_message(
            "Choose one of: not implemented, partially implemented, fully implemented.",
        )?
        .set_error_style(DataValidationErrorStyle::Stop);
    ws.add_data_validation(1, LEVEL, last, LEVEL, &validation)?;

    ws.set_freeze_panes(1, 0)?;
    ws.autofilter(0, 0, last, COMMENT)?;
    // Without a password: the lock prevents accidents, not intent.
    let protection = ProtectionOptions {
        format_columns: true,
        format_rows: true,
        use_autofilter: true,
        ..ProtectionOptions::default()
    };
    ws.protect_with_options(&protection);
    Ok(())
}

fn about_sheet(ws: &mut Worksheet, dataset: &Dataset, sheet: &Sheet) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    ws.set_column_width(0, 22)?;
    ws.set_column_width(1, 90)?;
    ws.write_string_with_format(0, 0, "Response sheet", &bold)?;
    let pairs = [
        ("State under Review", dataset.country.name.clone()),
        ("Cycle", sheet.cycle.number.to_string()),
        ("Review", sheet.cycle.review_date.to_string()),
        ("Stakeholder", sheet.stakeholder.unwrap_or("").to_string()),
    ];
    for (i, (k, v)) in pairs.iter().enumerate() {
        let row = i as u32 + 2;
        ws.write_string_with_format(row, 0, *k, &bold)?;
        if *k == "Cycle" {
            ws.write_number(row, 1, f64::from(sheet.cycle.number))?;
        } else if !v.is_empty() {
            ws.write_string(row, 1, v)?;
        }
    }
    let text = [
        "For each recommendation, choose the implementation level from the list in the column \
         \"Implementation level\" and explain your assessment in the column \"Comment\". Line \
         breaks (Alt+Enter) separate paragraphs.",
        "Leave both columns empty for a recommendation you do not assess. A comment without a \
         level is recorded as a response that states no level.",
        "The other columns are protected so that they stay as the recommendations were made; \
         please do not copy the rows into another file. Send this file back as it is (Excel, \
         OpenDocument or CSV with the same columns).",
    ];
    for (i, t) in text.iter().enumerate() {
        ws.write_string_with_format(7 + i as u32, 1, *t, &wrap)?;
    }
    ws.protect();
    Ok(())
}

#[cfg(test)]
mod csv_tests {
    use super::{neutralise, restore};

    #[test]
    fn every_cell_comes_back_as_it_went_out() {
        for cell in [
            "=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", "'", "''", "'=1", "'hello", "hello",
            "", "1", "a=b",
        ] {
            let out = neutralise(cell);
            assert!(
                !out.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{out:?}"
            );
            assert_eq!(restore(&out), cell, "{cell:?} as {out:?}");
        }
        assert_eq!(neutralise("=cmd|' /C calc'!A0"), "'=cmd|' /C calc'!A0");
        assert_eq!(neutralise("plain"), "plain");
    }
}
