//! Bounds on what a spreadsheet may make hrdraft read, checked before the
//! reader allocates: a file of a few kilobytes can describe a sheet of a
//! billion cells (one cell at XFD1048576, an OpenDocument cell repeated
//! 16,384 times in a row repeated a million times, megabytes of zipped
//! whitespace), and a reader that builds the sheet first runs out of memory.
//!
//! Each refusal names the file, the sheet, the cell where it can, and the
//! limit.

use std::io::{BufReader, Read};
use std::path::Path;

use super::SheetError;

/// The largest spreadsheet or CSV file read.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;
/// The most one part of a zipped workbook (a worksheet's XML, the shared
/// strings) may hold once unzipped.
pub const MAX_PART_BYTES: u64 = 256 * 1024 * 1024;
/// The most all parts of a zipped workbook may hold once unzipped.
pub const MAX_UNZIPPED_BYTES: u64 = 512 * 1024 * 1024;
/// The most cells a sheet may have, counting each row from its first
/// column to its last cell: far beyond any cycle's recommendations (a
/// response sheet has 7 columns), and room for an export of the whole UPR
/// Info database (about 100,000 recommendations of some 20 columns).
pub const MAX_CELLS: u64 = 10_000_000;
/// The most characters a cell may hold: Excel's own limit.
pub const MAX_CELL_CHARS: usize = 32_767;

/// `text` cut to `max` characters for a message.
pub fn clip(text: &str, max: usize) -> String {
    let count = text.chars().count();
    if count <= max {
        text.to_string()
    } else {
        format!(
            "{}… ({count} characters in all)",
            text.chars().take(max).collect::<String>()
        )
    }
}

fn too_large(path: &Path, message: String) -> SheetError {
    SheetError::Damaged {
        path: path.to_path_buf(),
        message,
    }
}

/// "A1", "XFD1048576": a cell's address from 0-based row and column.
pub fn address(row: u64, col: u64) -> String {
    let mut letters = Vec::new();
    let mut n = col + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    format!("{}{}", String::from_utf8_lossy(&letters), row + 1)
}

/// Refuse a file that is not a regular file or is larger than
/// [`MAX_FILE_BYTES`], without reading it.
pub fn check_file(path: &Path) -> Result<(), SheetError> {
    let meta = std::fs::metadata(path).map_err(|source| SheetError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    if !meta.is_file() {
        return Err(too_large(
            path,
            "not a regular file; give the spreadsheet file itself".into(),
        ));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_large(
            path,
            format!(
                "the file is {} MiB; hrdraft reads spreadsheets of at most {} MiB",
                meta.len() / (1024 * 1024),
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        ));
    }
    Ok(())
}

/// Refuse a zipped workbook (.xlsx, .xlsm, .xlsb, .ods) whose parts would
/// unzip to more than the limits, reading only its directory.
pub fn check_zip(path: &Path) -> Result<(), SheetError> {
    let Ok(file) = std::fs::File::open(path) else {
        // The reader reports it.
        return Ok(());
    };
    // Not a zip file: the reader says what is wrong with it.
    let Ok(mut zip) = zip::ZipArchive::new(BufReader::new(file)) else {
        return Ok(());
    };
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let Ok(entry) = zip.by_index_raw(i) else {
            continue;
        };
        let size = entry.size();
        if size > MAX_PART_BYTES {
            return Err(too_large(
                path,
                format!(
                    "its part {} unzips to {} MiB; hrdraft reads parts of at most {} MiB \
                     (is the sheet padded with empty cells or whitespace?)",
                    clip(entry.name(), 100),
                    size / (1024 * 1024),
                    MAX_PART_BYTES / (1024 * 1024)
                ),
            ));
        }
        total = total.saturating_add(size);
    }
    if total > MAX_UNZIPPED_BYTES {
        return Err(too_large(
            path,
            format!(
                "it unzips to {} MiB; hrdraft reads workbooks of at most {} MiB unzipped",
                total / (1024 * 1024),
                MAX_UNZIPPED_BYTES / (1024 * 1024)
            ),
        ));
    }
    Ok(())
}

/// Counts the cells of one sheet as they are read, refusing the cell that
/// takes the sheet past [`MAX_CELLS`] or holds more than [`MAX_CELL_CHARS`].
pub struct CellCount<'a> {
    path: &'a Path,
    sheet: &'a str,
    cells: u64,
    row: Option<u64>,
    row_width: u64,
}

impl<'a> CellCount<'a> {
    pub fn new(path: &'a Path, sheet: &'a str) -> CellCount<'a> {
        CellCount {
            path,
            sheet,
            cells: 0,
            row: None,
            row_width: 0,
        }
    }

    /// Count a non-empty cell at 0-based `row`, `col` holding `chars`
    /// characters; cells come row by row.
    pub fn cell(&mut self, row: u64, col: u64, chars: usize) -> Result<(), SheetError> {
        if chars > MAX_CELL_CHARS {
            return Err(self.refuse(
                row,
                col,
                format!("holds {chars} characters; a cell may hold at most {MAX_CELL_CHARS}"),
            ));
        }
        if self.row != Some(row) {
            self.row = Some(row);
            self.row_width = 0;
        }
        // The row is read from column A to this cell.
        let width = col + 1;
        if width > self.row_width {
            self.cells = self.cells.saturating_add(width - self.row_width);
            self.row_width = width;
        }
        if self.cells > MAX_CELLS {
            return Err(self.refuse(
                row,
                col,
                format!(
                    "takes the sheet past {MAX_CELLS} cells (counting each row from column A \
                     to its last cell), more than hrdraft reads; delete the cells that are not \
                     part of the table"
                ),
            ));
        }
        Ok(())
    }

    fn refuse(&self, row: u64, col: u64, what: String) -> SheetError {
        let sheet = if self.sheet.is_empty() {
            // A CSV file is one sheet without a name.
            String::new()
        } else {
            format!("sheet \"{}\", ", clip(self.sheet, 100))
        };
        too_large(
            self.path,
            format!("{sheet}cell {}: the cell {what}", address(row, col)),
        )
    }
}

/// Refuse an OpenDocument spreadsheet whose repeated rows and columns
/// would expand past [`MAX_CELLS`] in any sheet, by reading its content
/// without expanding anything. The reader builds every sheet whole, as a
/// rectangle from the first to the last row and column in use, so that
/// rectangle is what is measured.
pub fn check_ods(path: &Path) -> Result<(), SheetError> {
    use quick_xml::events::Event;

    let Ok(file) = std::fs::File::open(path) else {
        return Ok(());
    };
    let Ok(mut zip) = zip::ZipArchive::new(BufReader::new(file)) else {
        return Ok(());
    };
    let Ok(content) = zip.by_name("content.xml") else {
        return Ok(());
    };
    let mut xml = quick_xml::Reader::from_reader(BufReader::new(content.take(MAX_PART_BYTES)));
    let mut buf = Vec::new();
    let mut sheet = String::new();
    // Rows so far (repeats expanded) and the rows and width in use.
    let mut rows: u64 = 0;
    let mut first_used: Option<u64> = None;
    let mut width: u64 = 0;
    // The current row: its repeats, columns so far, and last used column.
    let mut row_repeats: u64 = 1;
    let mut col: u64 = 0;
    let mut row_used: Option<u64> = None;
    let mut in_cell: Option<(u64, bool)> = None;
    let attr = |e: &quick_xml::events::BytesStart<'_>, name: &[u8]| -> Option<String> {
        e.attributes()
            .flatten()
            .find(|a| a.key.as_ref() == name)
            .map(|a| String::from_utf8_lossy(&a.value).into_owned())
    };
    let repeats = |v: Option<String>| v.and_then(|v| v.trim().parse::<u64>().ok()).unwrap_or(1);
    loop {
        let event = match xml.read_event_into(&mut buf) {
            Ok(Event::Eof) | Err(_) => break,
            Ok(e) => e,
        };
        match &event {
            Event::Start(e) | Event::Empty(e) => {
                let empty = matches!(event, Event::Empty(_));
                match e.name().as_ref() {
                    b"table:table" => {
                        sheet = attr(e, b"table:name").unwrap_or_default();
                        rows = 0;
                        first_used = None;
                        width = 0;
                    }
                    b"table:table-row" => {
                        row_repeats = repeats(attr(e, b"table:number-rows-repeated"));
                        col = 0;
                        row_used = None;
                    }
                    b"table:table-cell" | b"table:covered-table-cell" => {
                        let n = repeats(attr(e, b"table:number-columns-repeated"));
                        // A value in an attribute (numbers, dates) or, for a
                        // cell with content, in its children.
                        let valued = attr(e, b"office:value-type").is_some()
                            || attr(e, b"table:formula").is_some();
                        if empty {
                            if valued {
                                row_used = Some(col.saturating_add(n));
                            }
                            col = col.saturating_add(n);
                        } else {
                            in_cell = Some((n, valued));
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(t) if in_cell.is_some() && !t.iter().all(u8::is_ascii_whitespace) => {
                if let Some((n, _)) = in_cell {
                    in_cell = Some((n, true));
                }
            }
            Event::End(e) => match e.name().as_ref() {
                b"table:table-cell" | b"table:covered-table-cell" => {
                    if let Some((n, valued)) = in_cell.take() {
                        if valued {
                            row_used = Some(col.saturating_add(n));
                        }
                        col = col.saturating_add(n);
                    }
                }
                b"table:table-row" => {
                    if let Some(w) = row_used {
                        first_used.get_or_insert(rows);
                        let last_used = rows.saturating_add(row_repeats);
                        width = width.max(w);
                        let height = last_used - first_used.unwrap_or(0);
                        if height.saturating_mul(width) > MAX_CELLS {
                            return Err(CellCount::new(path, &sheet).refuse(
                                last_used.saturating_sub(1),
                                w.saturating_sub(1),
                                format!(
                                    "and the cells repeated before it make the sheet {height} rows \
                                     by {width} columns, more than the {MAX_CELLS} cells hrdraft \
                                     reads; delete the cells that are not part of the table"
                                ),
                            ));
                        }
                    }
                    rows = rows.saturating_add(row_repeats);
                }
                _ => {}
            },
            _ => {}
        }
        buf.clear();
    }
    Ok(())
}

/// Refuse CSV text with more separators than [`MAX_CELLS`] cells could
/// need, before the parser holds a record of millions of fields: a file of
/// commas alone is millions of empty cells.
pub fn check_csv_fields(path: &Path, bytes: &[u8], separator: u8) -> Result<(), SheetError> {
    let separators = bytes.iter().filter(|b| **b == separator).count() as u64;
    if separators > 2 * MAX_CELLS {
        return Err(too_large(
            path,
            format!(
                "the file holds {separators} separators, more than the {MAX_CELLS} cells \
                 hrdraft reads could need"
            ),
        ));
    }
    Ok(())
}

/// Read at most [`MAX_FILE_BYTES`] of a file found small enough.
pub fn read_bounded(path: &Path) -> Result<Vec<u8>, SheetError> {
    check_file(path)?;
    let file = std::fs::File::open(path).map_err(|source| SheetError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|source| SheetError::Read {
            path: path.to_path_buf(),
            source,
        })?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(
            path,
            format!(
                "the file is over {} MiB, more than hrdraft reads",
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        ));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::address;

    #[test]
    fn addresses_are_as_spreadsheets_write_them() {
        assert_eq!(address(0, 0), "A1");
        assert_eq!(address(6, 25), "Z7");
        assert_eq!(address(0, 26), "AA1");
        assert_eq!(address(1_048_575, 16_383), "XFD1048576");
    }
}
