//! Well-formed workbooks built from arbitrary input: .xlsx with cells anywhere up to XFD1048576, and .ods with repeated and covered cells.
//!
//! Raw bytes rarely make a valid zip, so the `sheet` target seldom reaches
//! the readers' handling of cells. These generators always write a valid
//! workbook, whose content is where the input steers: sparse cells far
//! apart, the same cell twice, rows out of order, shared-string indexes past
//! the table's end, error and formula cells, hidden sheets, and
//! OpenDocument rows and columns repeated up to u32::MAX.

use std::io::Write as _;
use std::path::Path;

use arbitrary::Arbitrary;

/// An .xlsx workbook.
#[derive(Debug, Arbitrary)]
pub struct XlsxBook {
    pub shared: Vec<String>,
    pub sheets: Vec<XlsxSheet>,
}

#[derive(Debug, Arbitrary)]
pub struct XlsxSheet {
    pub name: String,
    pub hidden: bool,
    pub cells: Vec<XlsxCell>,
}

#[derive(Debug, Arbitrary)]
pub struct XlsxCell {
    pub row: Coordinate,
    pub col: Coordinate,
    pub value: XlsxValue,
}

/// Near the top-left corner most of the time; anywhere in Excel's range, or
/// past it, otherwise.
#[derive(Debug, Arbitrary, Clone, Copy)]
pub enum Coordinate {
    Near(u8),
    Far(u32),
}

#[derive(Debug, Arbitrary)]
pub enum XlsxValue {
    /// An index into the shared strings, in range or not.
    Shared(u32),
    Inline(String),
    Number(f64),
    Bool(bool),
    Error(u8),
    /// A formula, with or without its value saved.
    Formula(String, Option<String>),
    Empty,
    /// A cell reference as written, valid or not (`A0`, `XFE1`, `ZZZZ9999999999`).
    RawRef(String, String),
}

/// An .ods workbook.
#[derive(Debug, Arbitrary)]
pub struct OdsBook {
    pub tables: Vec<OdsTable>,
}

#[derive(Debug, Arbitrary)]
pub struct OdsTable {
    pub name: String,
    pub hidden: bool,
    pub rows: Vec<OdsRow>,
}

#[derive(Debug, Arbitrary)]
pub struct OdsRow {
    pub repeat: Repeat,
    pub cells: Vec<OdsCell>,
}

#[derive(Debug, Arbitrary)]
pub struct OdsCell {
    pub repeat: Repeat,
    pub covered: bool,
    pub span: Option<(u16, u16)>,
    pub value: OdsValue,
}

/// How many times a row or cell repeats: usually a few; up to u32::MAX.
#[derive(Debug, Arbitrary, Clone, Copy)]
pub enum Repeat {
    Once,
    Few(u8),
    Many(u32),
}

#[derive(Debug, Arbitrary)]
pub enum OdsValue {
    Text(Vec<String>),
    Float(f64),
    Formula(String, Option<f64>),
    Error(String),
    Empty,
}

fn coordinate(c: Coordinate, max: u64) -> u64 {
    match c {
        Coordinate::Near(n) => u64::from(n % 24),
        // Past Excel's last row or column now and then.
        Coordinate::Far(n) => u64::from(n) % (max + 3),
    }
}

/// `A`, `B` … `XFD` for column 0, 1 … 16383 (and on past it).
fn column_name(mut col: u64) -> String {
    let mut name = Vec::new();
    loop {
        name.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    name.reverse();
    String::from_utf8_lossy(&name).into_owned()
}

/// Text safe inside an XML element or attribute.
fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // Characters XML 1.0 does not allow.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push(' '),
            '\u{fffe}' | '\u{ffff}' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn zip(parts: &[(&str, String)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, body) in parts {
        let options =
            zip::write::SimpleFileOptions::default().compression_method(if *name == "mimetype" {
                zip::CompressionMethod::Stored
            } else {
                zip::CompressionMethod::Deflated
            });
        if w.start_file(*name, options).is_err() || w.write_all(body.as_bytes()).is_err() {
            return Vec::new();
        }
    }
    w.finish().map(|c| c.into_inner()).unwrap_or_default()
}

impl XlsxBook {
    /// The workbook's bytes.
    pub fn bytes(&self) -> Vec<u8> {
        let sheets: Vec<&XlsxSheet> = self.sheets.iter().take(4).collect();
        let mut parts: Vec<(&str, String)> = Vec::new();
        let mut types = String::from(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>"#,
        );
        let mut book = String::from(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>"#,
        );
        let mut rels = String::from(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>"#,
        );
        let mut sheet_parts = Vec::new();
        for (i, sheet) in sheets.iter().enumerate() {
            let n = i + 1;
            types.push_str(&format!(
                r#"<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
            ));
            let state = if sheet.hidden {
                r#" state="hidden""#
            } else {
                ""
            };
            // Sheet names must differ; the input's name is kept where it can be.
            let name = format!(
                "{}{n}",
                xml(&sheet.name.chars().take(28).collect::<String>())
            );
            book.push_str(&format!(
                r#"<sheet name="{name}" sheetId="{n}"{state} r:id="rId{n}"/>"#
            ));
            rels.push_str(&format!(
                r#"<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{n}.xml"/>"#
            ));
            sheet_parts.push((n, sheet.xml()));
        }
        types.push_str("</Types>");
        book.push_str("</sheets></workbook>");
        rels.push_str("</Relationships>");
        let mut shared = format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{0}" uniqueCount="{0}">"#,
            self.shared.len()
        );
        for s in &self.shared {
            shared.push_str(&format!(
                r#"<si><t xml:space="preserve">{}</t></si>"#,
                xml(s)
            ));
        }
        shared.push_str("</sst>");
        parts.push(("[Content_Types].xml", types));
        parts.push((
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.to_string(),
        ));
        parts.push(("xl/workbook.xml", book));
        parts.push(("xl/_rels/workbook.xml.rels", rels));
        parts.push(("xl/sharedStrings.xml", shared));
        let names: Vec<String> = sheet_parts
            .iter()
            .map(|(n, _)| format!("xl/worksheets/sheet{n}.xml"))
            .collect();
        for ((_, body), name) in sheet_parts.into_iter().zip(&names) {
            parts.push((name.as_str(), body));
        }
        zip(&parts)
    }
}

impl XlsxSheet {
    fn xml(&self) -> String {
        let mut out = String::from(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
        );
        // Each cell in a row of its own, in the input's order: rows out of
        // order and the same row or cell twice are part of what is tried.
        for cell in &self.cells {
            let row = coordinate(cell.row, 1_048_576) + 1;
            let col = coordinate(cell.col, 16_384);
            let mut reference = format!("{}{row}", column_name(col));
            let mut row_attr = row.to_string();
            let body = match &cell.value {
                XlsxValue::Shared(i) => format!(r#" t="s"><v>{i}</v>"#),
                XlsxValue::Inline(s) => format!(r#" t="inlineStr"><is><t>{}</t></is>"#, xml(s)),
                XlsxValue::Number(n) => format!(r#"><v>{n}</v>"#),
                XlsxValue::Bool(b) => format!(r#" t="b"><v>{}</v>"#, u8::from(*b)),
                XlsxValue::Error(e) => {
                    let code =
                        ["#NAME?", "#REF!", "#DIV/0!", "#N/A", "#VALUE!"][usize::from(*e) % 5];
                    format!(r#" t="e"><v>{code}</v>"#)
                }
                XlsxValue::Formula(f, v) => match v {
                    Some(v) => format!(r#" t="str"><f>{}</f><v>{}</v>"#, xml(f), xml(v)),
                    None => format!(r#"><f>{}</f>"#, xml(f)),
                },
                XlsxValue::Empty => ">".to_string(),
                XlsxValue::RawRef(r, s) => {
                    reference = xml(r);
                    row_attr = xml(r.trim_start_matches(|c: char| c.is_ascii_alphabetic()));
                    format!(r#" t="inlineStr"><is><t>{}</t></is>"#, xml(s))
                }
            };
            out.push_str(&format!(
                r#"<row r="{row_attr}"><c r="{reference}"{body}</c></row>"#
            ));
        }
        out.push_str("</sheetData></worksheet>");
        out
    }
}

fn repeat(r: Repeat) -> u32 {
    match r {
        Repeat::Once => 1,
        Repeat::Few(n) => u32::from(n % 8) + 1,
        Repeat::Many(n) => n.max(1),
    }
}

impl OdsBook {
    /// The workbook's bytes.
    pub fn bytes(&self) -> Vec<u8> {
        let mut content = String::from(
            r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.2"><office:automatic-styles><style:style style:name="hid" style:family="table"><style:table-properties table:display="false"/></style:style></office:automatic-styles><office:body><office:spreadsheet>"#,
        );
        for (i, table) in self.tables.iter().take(4).enumerate() {
            let style = if table.hidden {
                r#" table:style-name="hid""#
            } else {
                ""
            };
            content.push_str(&format!(
                r#"<table:table table:name="{}{i}"{style}>"#,
                xml(&table.name.chars().take(28).collect::<String>())
            ));
            for row in &table.rows {
                content.push_str(&format!(
                    r#"<table:table-row table:number-rows-repeated="{}">"#,
                    repeat(row.repeat)
                ));
                for cell in &row.cells {
                    let tag = if cell.covered {
                        "table:covered-table-cell"
                    } else {
                        "table:table-cell"
                    };
                    let mut attrs = format!(
                        r#" table:number-columns-repeated="{}""#,
                        repeat(cell.repeat)
                    );
                    if let Some((cols, rows)) = cell.span {
                        attrs.push_str(&format!(
                            r#" table:number-columns-spanned="{cols}" table:number-rows-spanned="{rows}""#
                        ));
                    }
                    let body = match &cell.value {
                        OdsValue::Text(paragraphs) => {
                            attrs.push_str(r#" office:value-type="string""#);
                            paragraphs
                                .iter()
                                .take(4)
                                .map(|p| format!("<text:p>{}</text:p>", xml(p)))
                                .collect()
                        }
                        OdsValue::Float(f) => {
                            attrs.push_str(&format!(
                                r#" office:value-type="float" office:value="{f}""#
                            ));
                            format!("<text:p>{f}</text:p>")
                        }
                        OdsValue::Formula(f, v) => {
                            attrs.push_str(&format!(r#" table:formula="of:={}""#, xml(f)));
                            if let Some(v) = v {
                                attrs.push_str(&format!(
                                    r#" office:value-type="float" office:value="{v}""#
                                ));
                            }
                            String::new()
                        }
                        OdsValue::Error(e) => {
                            attrs
                                .push_str(r#" office:value-type="string" table:formula="of:=1/0""#);
                            format!("<text:p>{}</text:p>", xml(e))
                        }
                        OdsValue::Empty => String::new(),
                    };
                    content.push_str(&format!("<{tag}{attrs}>{body}</{tag}>"));
                }
                content.push_str("</table:table-row>");
            }
            content.push_str("</table:table>");
        }
        content.push_str("</office:spreadsheet></office:body></office:document-content>");
        zip(&[
            ("mimetype", "application/vnd.oasis.opendocument.spreadsheet".to_string()),
            (
                "META-INF/manifest.xml",
                r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#.to_string(),
            ),
            ("content.xml", content),
        ])
    }
}

/// What reading a generated workbook gave.
pub enum Outcome {
    /// Read: so many sheets, so many cells in all.
    Read { sheets: usize, cells: usize },
    /// Refused, with the message.
    Refused(String),
}

/// Write `bytes` as `path` and read it with hrdraft's sheet reader; feed
/// what it reads to both imports. A refusal must name the file.
pub fn read_and_import(path: &Path, bytes: &[u8]) -> Outcome {
    if std::fs::write(path, bytes).is_err() {
        return Outcome::Refused("the scratch file cannot be written".into());
    }
    match hrdraft::sheet::table::read(path) {
        Ok(grids) => {
            let cells = grids
                .iter()
                .map(|g| g.rows.iter().map(|r| r.cells.len()).sum::<usize>())
                .sum();
            crate::import_grids(&grids);
            Outcome::Read {
                sheets: grids.len(),
                cells,
            }
        }
        Err(e) => {
            let message = e.to_string();
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            assert!(
                message.contains(name),
                "a refusal that does not name the file: {message}"
            );
            assert!(message.len() < 4096, "a refusal of {} bytes", message.len());
            Outcome::Refused(message)
        }
    }
}
