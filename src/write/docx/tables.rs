//! Tables: bordered grid, column widths from the cells' content, header row.
//!
//! The widths are chosen here, as the PDF chooses them (`write::table_width`,
//! cells measured with the PDF's fonts), and written as a fixed layout, so
//! that Word and LibreOffice set the table alike and never break a word that
//! fits its column.

use super::body::{Converter, PPr, Scope};
use super::styles;
use crate::document::{Cell, Column, Table};
use crate::write::table_width::{self, column_widths, Extent};
use crate::write::WriteError;

/// Points to twips.
pub(super) fn twips(pt: f32) -> i32 {
    (pt * 20.0).round().clamp(0.0, 31_680.0) as i32
}

/// Narrowest text width we lay a table out in (1 inch), whatever the margins.
const MIN_WIDTH: i32 = 1440;

/// Width a column is given beyond its content and cell margins, in points.
/// LibreOffice places glyphs on its own grid of units: without it, 21 of 63
/// words measured to fit their columns exactly were broken; 0.1 pt kept
/// them all whole, and a point leaves room for longer words.
const SLACK: f32 = 1.0;

/// Column widths in twips, adding up to `total`: the template's shares, or
/// shares from the cells' content measured as the PDF sets them.
fn widths(
    c: &mut Converter,
    t: &Table,
    columns: &[Column],
    total: i32,
) -> Result<Vec<i64>, WriteError> {
    let ncols = columns.len();
    let given: Vec<f32> = columns.iter().map(|col| col.width).collect();
    let size = styles::text_size(c.page());
    let measure = c.cell_measure()?;
    let mut content = vec![Extent::default(); ncols];
    let rows = std::iter::once((&t.header, true)).chain(t.rows.iter().map(|r| (r, false)));
    for (row, head) in rows {
        for (i, cell) in row.iter().enumerate().take(ncols) {
            content[i] = content[i].max(measure.extent(cell, head, size));
        }
    }
    let margins = 2.0 * styles::CELL_MARGIN as f32 / 20.0;
    let points = column_widths(&given, &content, total as f32 / 20.0, margins + SLACK);
    Ok(table_width::in_units(&points, 0.05, total.into()))
}

/// Write the table; it counts as a block-level element of the story.
pub(super) fn table(c: &mut Converter, t: &Table, scope: Scope<'_>) -> Result<(), WriteError> {
    let ncols = t
        .rows
        .iter()
        .map(Vec::len)
        .chain([t.columns.len(), t.header.len(), 1])
        .max()
        .unwrap_or(1);
    let columns: Vec<Column> = (0..ncols)
        .map(|i| t.columns.get(i).copied().unwrap_or_default())
        .collect();
    let page = c.page();
    let total =
        (twips(page.width) - twips(page.margin_start) - twips(page.margin_end) - scope.indent)
            .max(MIN_WIDTH);
    let widths = widths(c, t, &columns, total)?;

    c.open_table();
    let x = &mut c.x;
    x.raw("<w:tbl><w:tblPr>");
    x.val("w:tblStyle", styles::TABLE_GRID);
    x.raw(r#"<w:tblW w:w=""#);
    x.int(total.into());
    x.raw(r#"" w:type="dxa"/>"#);
    x.raw(r#"<w:jc w:val="left"/>"#);
    if scope.indent > 0 {
        x.raw(r#"<w:tblInd w:w=""#);
        x.int(scope.indent.into());
        x.raw(r#"" w:type="dxa"/>"#);
    }
    x.raw(BORDERS);
    x.raw(r#"<w:tblLayout w:type="fixed"/>"#);
    x.raw("</w:tblPr><w:tblGrid>");
    for w in &widths {
        x.raw(r#"<w:gridCol w:w=""#);
        x.int(*w);
        x.raw(r#""/>"#);
    }
    x.raw("</w:tblGrid>");

    if !t.header.is_empty() {
        // Repeated at the top of every page the table runs onto.
        let props = "<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>";
        row(
            c,
            &t.header,
            &columns,
            &widths,
            styles::TABLE_HEADING,
            props,
        )?;
    }
    for r in &t.rows {
        // A row moves to the next page whole rather than breaking in the middle.
        let props = "<w:trPr><w:cantSplit/></w:trPr>";
        row(c, r, &columns, &widths, styles::TABLE_TEXT, props)?;
    }
    c.x.raw("</w:tbl>");
    c.close_table();
    Ok(())
}

/// A single line on every edge and between all cells.
const BORDERS: &str = table_borders!();

fn row(
    c: &mut Converter,
    cells: &[Cell],
    columns: &[Column],
    widths: &[i64],
    style: &'static str,
    props: &str,
) -> Result<(), WriteError> {
    c.x.raw("<w:tr>");
    c.x.raw(props);
    for (i, (col, w)) in columns.iter().zip(widths).enumerate() {
        let content = cells.get(i).map(Vec::as_slice).unwrap_or_default();
        c.x.raw(r#"<w:tc><w:tcPr><w:tcW w:w=""#);
        c.x.int(*w);
        c.x.raw(r#"" w:type="dxa"/></w:tcPr>"#);
        c.paragraph(PPr::new(style).align(col.align), false, content)?;
        c.x.raw("</w:tc>");
    }
    c.x.raw("</w:tr>");
    Ok(())
}
