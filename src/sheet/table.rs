//! Reading .xlsx, .ods and .csv files into rows of text numbered as a spreadsheet numbers them.

use std::path::Path;

use std::collections::{BTreeMap, HashSet};

use calamine::{Data, DataRef, Reader, Sheets};

use super::limits::{self, CellCount};
use super::{header_key, SheetError};

/// One non-empty row: its number as a spreadsheet shows it, and its cells as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// 1-based row number (the first row of the sheet is 1).
    pub number: usize,
    /// The cells, from the first column used, as text.
    pub cells: Vec<String>,
}

impl Row {
    /// The cell in column `index`, or "" when the row is shorter.
    pub fn cell(&self, index: Option<usize>) -> &str {
        index
            .and_then(|i| self.cells.get(i))
            .map_or("", String::as_str)
    }

    fn is_blank(&self) -> bool {
        self.cells.iter().all(|c| c.trim().is_empty())
    }
}

/// One worksheet (a CSV file is one worksheet without a name).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grid {
    /// The worksheet's name; `None` for CSV.
    pub name: Option<String>,
    /// Its non-empty rows, in order.
    pub rows: Vec<Row>,
}

/// A worksheet whose first non-empty row names the columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// The header row's cells, as written.
    pub headers: Vec<String>,
    /// The rows below it.
    pub rows: Vec<Row>,
}

impl Table {
    /// Split a worksheet into header and rows; `None` if it is empty.
    pub fn from_grid(grid: &Grid) -> Option<Table> {
        let (first, rest) = grid.rows.split_first()?;
        Some(Table {
            headers: first.cells.clone(),
            rows: rest.to_vec(),
        })
    }

    /// The column whose header is one of `names` (compared loosely).
    /// The first name that matches wins, so list the likeliest first.
    pub fn column(&self, names: &[&str]) -> Option<usize> {
        let keys: Vec<String> = self.headers.iter().map(|h| header_key(h)).collect();
        names
            .iter()
            .find_map(|n| keys.iter().position(|k| *k == header_key(n)))
    }

    /// The headers, quoted, for messages.
    pub fn header_list(&self) -> String {
        let named: Vec<String> = self
            .headers
            .iter()
            .filter(|h| !h.trim().is_empty())
            .map(|h| format!("\"{}\"", limits::clip(h.trim(), 60)))
            .collect();
        if named.is_empty() {
            "nothing".into()
        } else {
            named.join(", ")
        }
    }
}

/// Read every worksheet of a spreadsheet, or the one table of a CSV file.
pub fn read(path: &Path) -> Result<Vec<Grid>, SheetError> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    match ext.as_str() {
        "csv" | "txt" => {
            let bytes = limits::read_bounded(path)?;
            Ok(vec![read_csv(path, &bytes)?])
        }
        "xlsx" | "xlsm" | "xlsb" | "xls" | "ods" => read_workbook(path),
        _ => Err(SheetError::Unsupported {
            path: path.to_path_buf(),
        }),
    }
}

fn read_workbook(path: &Path) -> Result<Vec<Grid>, SheetError> {
    // Tell a missing file apart from a damaged one: only the first is an I/O error.
    std::fs::metadata(path).map_err(|source| SheetError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let damaged = |e: calamine::Error| SheetError::Damaged {
        path: path.to_path_buf(),
        message: format!("not a spreadsheet hrdraft can read ({e})"),
    };
    // Bounded before any reader allocates (`limits`).
    limits::check_file(path)?;
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    if matches!(ext.as_str(), "xlsx" | "xlsm" | "xlsb" | "ods") {
        limits::check_zip(path)?;
    }
    if ext == "ods" {
        limits::check_ods(path)?;
    }
    let mut book = calamine::open_workbook_auto(path).map_err(damaged)?;
    // Excel workbooks are read cell by cell, never as the rectangle from
    // the first cell to the last (one cell at XFD1048576 would make it 17
    // billion cells).
    match &mut book {
        Sheets::Xlsx(x) => {
            let mut grids = Vec::new();
            let hidden = hidden_names(x.sheets_metadata());
            for name in x.sheet_names() {
                if hidden.contains(&name) {
                    continue;
                }
                let mut reader = x
                    .worksheet_cells_reader(&name)
                    .map_err(|e| damaged(e.into()))?;
                // Cells with a value saved, even an empty text.
                let mut valued: HashSet<(u32, u32)> = HashSet::new();
                let grid = sparse_grid(path, name.clone(), || {
                    reader
                        .next_cell()
                        .map(|c| {
                            c.map(|c| {
                                if !matches!(c.get_value(), DataRef::Empty) {
                                    valued.insert(c.get_position());
                                }
                                (c.get_position(), Data::from(c.get_value().clone()))
                            })
                        })
                        .map_err(|e| damaged(e.into()))
                })?;
                drop(reader);
                // A formula whose value the file does not hold (written by a
                // program that does not calculate) would read as an empty
                // cell, and an empty comment replaces the one in upr.toml.
                let mut formulas = x
                    .worksheet_cells_reader(&name)
                    .map_err(|e| damaged(e.into()))?;
                while let Some(f) = formulas.next_formula().map_err(|e| damaged(e.into()))? {
                    if !f.get_value().is_empty() && !valued.contains(&f.get_position()) {
                        let (row, col) = f.get_position();
                        return Err(SheetError::Damaged {
                            path: path.to_path_buf(),
                            message: format!(
                                "sheet \"{}\", cell {}: the cell holds a formula (={}) but no \
                                 value for it is saved in the file; open the file in a \
                                 spreadsheet program and save it, so that the values are \
                                 stored, or type the value itself, and import it again",
                                limits::clip(&name, 100),
                                limits::address(u64::from(row), u64::from(col)),
                                limits::clip(f.get_value(), 60)
                            ),
                        });
                    }
                }
                grids.push(grid);
            }
            return Ok(grids);
        }
        Sheets::Xlsb(x) => {
            let mut grids = Vec::new();
            let hidden = hidden_names(x.sheets_metadata());
            for name in x.sheet_names() {
                if hidden.contains(&name) {
                    continue;
                }
                let mut reader = x
                    .worksheet_cells_reader(&name)
                    .map_err(|e| damaged(e.into()))?;
                let grid = sparse_grid(path, name, || {
                    reader
                        .next_cell()
                        .map(|c| c.map(|c| (c.get_position(), Data::from(c.get_value().clone()))))
                        .map_err(|e| damaged(e.into()))
                })?;
                grids.push(grid);
            }
            return Ok(grids);
        }
        _ => {}
    }
    let mut grids = Vec::new();
    let hidden = hidden_sheets(&book);
    for (name, range) in book.worksheets() {
        if hidden.contains(&name) {
            continue;
        }
        // A range starts at its first used cell, which need not be A1.
        let first_row = range.start().map_or(0, |(r, _)| r as usize);
        let (row0, col0) = range.start().unwrap_or((0, 0));
        for (r, c, value) in range.used_cells() {
            if let Data::Error(e) = value {
                return Err(error_cell(
                    path,
                    &name,
                    u64::from(row0) + r as u64,
                    u64::from(col0) + c as u64,
                    e,
                ));
            }
        }
        let rows = range
            .rows()
            .enumerate()
            .map(|(i, cells)| Row {
                number: first_row + i + 1,
                cells: cells.iter().map(cell_text).collect(),
            })
            .filter(|r| !r.is_blank())
            .collect();
        grids.push(Grid {
            name: Some(name),
            rows,
        });
    }
    Ok(grids)
}

/// A worksheet from its non-empty cells, given one at a time by `next`,
/// counted and bounded as they come (`limits::CellCount`).
fn sparse_grid(
    path: &Path,
    name: String,
    mut next: impl FnMut() -> Result<Option<((u32, u32), Data)>, SheetError>,
) -> Result<Grid, SheetError> {
    let mut count = CellCount::new(path, &name);
    let mut by_row: BTreeMap<u32, Vec<(u32, String)>> = BTreeMap::new();
    let mut first_col = u32::MAX;
    while let Some(((row, col), value)) = next()? {
        if let Data::Error(e) = &value {
            return Err(error_cell(path, &name, u64::from(row), u64::from(col), e));
        }
        let text = cell_text(&value);
        if text.is_empty() {
            continue;
        }
        count.cell(u64::from(row), u64::from(col), text.chars().count())?;
        first_col = first_col.min(col);
        by_row.entry(row).or_default().push((col, text));
    }
    let rows = by_row
        .into_iter()
        .map(|(row, mut cells)| {
            cells.sort_by_key(|(c, _)| *c);
            let last = cells.last().map_or(first_col, |(c, _)| *c);
            let mut dense = vec![String::new(); (last - first_col) as usize + 1];
            for (c, text) in cells {
                dense[(c - first_col) as usize] = text;
            }
            Row {
                number: row as usize + 1,
                cells: dense,
            }
        })
        .filter(|r| !r.is_blank())
        .collect();
    Ok(Grid {
        name: Some(name),
        rows,
    })
}

/// The names of the sheets hidden in a workbook. A hidden sheet is not
/// read: a person filling the sheet in never saw it, so nothing in it can
/// be what they meant to send.
fn hidden_sheets<RS: std::io::Read + std::io::Seek>(book: &Sheets<RS>) -> Vec<String> {
    hidden_names(book.sheets_metadata())
}

fn hidden_names(sheets: &[calamine::Sheet]) -> Vec<String> {
    sheets
        .iter()
        .filter(|s| s.visible != calamine::SheetVisible::Visible)
        .map(|s| s.name.clone())
        .collect()
}

/// A cell holding an error (`#NAME?`, `#REF!`) where a value should be:
/// refused, never read as the text of the error.
fn error_cell(
    path: &Path,
    sheet: &str,
    row: u64,
    col: u64,
    error: &calamine::CellErrorType,
) -> SheetError {
    SheetError::Damaged {
        path: path.to_path_buf(),
        message: format!(
            "sheet \"{}\", cell {}: the cell holds the error {error}, not a value; correct \
             the formula in the spreadsheet (or type the text itself) and import it again",
            limits::clip(sheet, 100),
            limits::address(row, col)
        ),
    }
}

/// A cell as the text a person sees in it.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.replace("\r\n", "\n"),
        Data::Int(i) => i.to_string(),
        // Spreadsheets store every number as a float: 5 is 5.0.
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::DateTime(d) => d.as_f64().to_string(),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => e.to_string(),
    }
}

/// Read CSV text: UTF-8 (a byte-order mark is dropped), separated by commas,
/// or by semicolons or tabs when the first line says so (spreadsheets in
/// many locales save CSV with semicolons).
pub fn read_csv(path: &Path, bytes: &[u8]) -> Result<Grid, SheetError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let separator = delimiter(bytes);
    limits::check_csv_fields(path, bytes, separator)?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(separator)
        .from_reader(bytes);
    let mut rows = Vec::new();
    // A spreadsheet shows a blank line as an empty row and a quoted line
    // break as part of its cell: a record's row is 1 + the line breaks
    // before it, less those inside earlier records' cells.
    let mut counted = 0usize; // bytes scanned for line breaks so far
    let mut breaks_before = 0usize;
    let mut breaks_inside = 0usize;
    let mut record = csv::ByteRecord::new();
    let mut count = CellCount::new(path, "");
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                return Err(SheetError::Damaged {
                    path: path.to_path_buf(),
                    message: format!("not valid CSV: {e}"),
                })
            }
        }
        let start = record
            .position()
            .and_then(|p| usize::try_from(p.byte()).ok())
            .unwrap_or(counted)
            .min(bytes.len());
        let content = start
            + bytes[start..]
                .iter()
                .take_while(|b| **b == b'\n' || **b == b'\r')
                .count();
        let scan_from = counted.min(content);
        breaks_before += bytes[scan_from..content]
            .iter()
            .filter(|b| **b == b'\n')
            .count();
        counted = content;
        let number = breaks_before.saturating_sub(breaks_inside) + 1;
        let mut cells = Vec::with_capacity(record.len());
        for field in record.iter() {
            let text = std::str::from_utf8(field).map_err(|_| SheetError::Damaged {
                path: path.to_path_buf(),
                message: format!(
                    "row {number} is not UTF-8 text; save the file as \"CSV UTF-8\" and try again"
                ),
            })?;
            breaks_inside += text.matches('\n').count();
            if !text.is_empty() || cells.len() + 1 == record.len() {
                count.cell(number as u64 - 1, cells.len() as u64, text.chars().count())?;
            }
            cells.push(text.replace("\r\n", "\n"));
        }
        let row = Row { number, cells };
        if !row.is_blank() {
            rows.push(row);
        }
    }
    Ok(Grid { name: None, rows })
}

/// The separator the first line uses most: comma, semicolon or tab.
fn delimiter(bytes: &[u8]) -> u8 {
    let mut counts = [(b',', 0usize), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for &b in bytes {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => break,
            _ if !quoted => {
                for (d, n) in &mut counts {
                    if *d == b {
                        *n += 1;
                    }
                }
            }
            _ => {}
        }
    }
    // Ties go to the comma, the first in the list.
    counts
        .iter()
        .fold(
            (b',', 0),
            |best, &(d, n)| if n > best.1 { (d, n) } else { best },
        )
        .0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(text: &str) -> Grid {
        read_csv(Path::new("t.csv"), text.as_bytes()).unwrap()
    }

    #[test]
    fn csv_rows_are_numbered_as_a_spreadsheet_shows_them() {
        let g = grid("\u{feff}Number,Comment\n1,\"two\nlines\"\n\n3,x\r\n4;5,y\n");
        let numbers: Vec<usize> = g.rows.iter().map(|r| r.number).collect();
        assert_eq!(numbers, [1, 2, 4, 5]);
        assert_eq!(g.rows[0].cells, ["Number", "Comment"]);
        assert_eq!(g.rows[1].cells, ["1", "two\nlines"]);
        assert_eq!(g.rows[3].cells, ["4;5", "y"]);
    }

    #[test]
    fn semicolon_separated_csv_is_recognised() {
        let g = grid("Number;Comment\n1;\"a, b\"\n");
        assert_eq!(g.rows[1].cells, ["1", "a, b"]);
    }

    #[test]
    fn text_that_is_not_utf8_is_refused_with_its_row() {
        let e = read_csv(Path::new("t.csv"), b"a,b\n1,caf\xe9\n").unwrap_err();
        assert!(e.to_string().contains("row 2 is not UTF-8"), "{e}");
    }

    #[test]
    fn columns_are_found_by_any_of_their_names() {
        let t = Table::from_grid(&grid("No.,Implementation Level ,comment\n1,2,3\n")).unwrap();
        assert_eq!(t.column(&["Number", "No."]), Some(0));
        assert_eq!(t.column(&["Implementation level"]), Some(1));
        assert_eq!(t.column(&["Comment"]), Some(2));
        assert_eq!(t.column(&["Issues"]), None);
    }
}
