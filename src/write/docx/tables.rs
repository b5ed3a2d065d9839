//! Tables: bordered grid, column widths shared out of the text width, header row.
//!
//! docx-rs cannot mark a row as a header repeated on every page; the converter
//! records which tables have one and [`super::fixup`] adds `<w:tblHeader/>`.

use docx_rs::{
    BorderType, TableBorder, TableBorderPosition, TableBorders, TableCell, TableLayoutType,
    TableRow, WidthType,
};

use super::body::{Converter, Scope};
use super::styles;
use crate::document::{Cell, Column, Inline, Table};
use crate::write::WriteError;

/// Points to twips.
pub(super) fn twips(pt: f32) -> i32 {
    (pt * 20.0).round().clamp(0.0, 31_680.0) as i32
}

/// Narrowest text width we lay a table out in (1 inch), whatever the margins.
const MIN_WIDTH: i32 = 1440;

/// Column widths in twips: each column's share of `total`, columns of width 0
/// getting the average share of the others. `None` when no column has a width:
/// the table then fits itself to its content.
fn widths(columns: &[Column], total: i32) -> Option<Vec<usize>> {
    let share = |c: &Column| {
        if c.width.is_finite() && c.width > 0.0 {
            c.width
        } else {
            0.0
        }
    };
    let given: Vec<f32> = columns.iter().map(share).filter(|w| *w > 0.0).collect();
    if given.is_empty() {
        return None;
    }
    let mean = given.iter().sum::<f32>() / given.len() as f32;
    let shares: Vec<f32> = columns
        .iter()
        .map(|c| if share(c) > 0.0 { share(c) } else { mean })
        .collect();
    let sum: f32 = shares.iter().sum();
    Some(
        shares
            .iter()
            .map(|s| (s / sum * total as f32).round().max(1.0) as usize)
            .collect(),
    )
}

/// Relative widths from the longest text of each column, capped so that one
/// long column cannot squeeze the others to nothing.
fn content_shares(t: &Table, ncols: usize) -> Vec<Column> {
    let mut longest = vec![0usize; ncols];
    for row in std::iter::once(&t.header).chain(&t.rows) {
        for (i, cell) in row.iter().enumerate().take(ncols) {
            let len = Inline::plain_text(cell).chars().count();
            longest[i] = longest[i].max(len);
        }
    }
    longest
        .iter()
        .map(|&n| Column {
            width: (n.min(50) + 4) as f32,
            ..Column::default()
        })
        .collect()
}

pub(super) fn table(
    c: &mut Converter,
    t: &Table,
    scope: Scope,
) -> Result<docx_rs::Table, WriteError> {
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
    // Without widths from the template, share the width by content, as the
    // PDF does: word processors left to fit a table themselves give every
    // column the same width, which squeezes long text into narrow cells.
    let fixed = widths(&columns, total).or_else(|| widths(&content_shares(t, ncols), total));
    let grid = fixed.clone().unwrap_or_else(|| {
        let each = (total as usize / ncols).max(1);
        vec![each; ncols]
    });

    let mut rows = Vec::with_capacity(t.rows.len() + 1);
    if !t.header.is_empty() {
        let cells = row(
            c,
            &t.header,
            &columns,
            fixed.as_deref(),
            styles::TABLE_HEADING,
        )?;
        rows.push(TableRow::new(cells).cant_split());
    }
    for r in &t.rows {
        let cells = row(c, r, &columns, fixed.as_deref(), styles::TABLE_TEXT)?;
        // A row moves to the next page whole rather than breaking in the middle.
        rows.push(TableRow::new(cells).cant_split());
    }

    let border = |pos| {
        TableBorder::new(pos)
            .border_type(BorderType::Single)
            .size(4)
            .color("auto")
    };
    let borders = [
        TableBorderPosition::Top,
        TableBorderPosition::Left,
        TableBorderPosition::Bottom,
        TableBorderPosition::Right,
        TableBorderPosition::InsideH,
        TableBorderPosition::InsideV,
    ]
    .into_iter()
    .fold(TableBorders::new(), |b, pos| b.set(border(pos)));

    let mut table = docx_rs::Table::new(rows)
        .style(styles::TABLE_GRID)
        .set_grid(grid)
        .set_borders(borders);
    table = match fixed {
        Some(_) => table
            .width(total as usize, WidthType::Dxa)
            .layout(TableLayoutType::Fixed),
        None => table
            .width(5000, WidthType::Pct)
            .layout(TableLayoutType::Autofit),
    };
    if scope.indent > 0 {
        table = table.indent(scope.indent);
    }
    Ok(table)
}

fn row(
    c: &mut Converter,
    cells: &[Cell],
    columns: &[Column],
    widths: Option<&[usize]>,
    style: &'static str,
) -> Result<Vec<TableCell>, WriteError> {
    let mut out = Vec::with_capacity(columns.len());
    for (i, col) in columns.iter().enumerate() {
        let content = cells.get(i).map(Vec::as_slice).unwrap_or_default();
        let p = docx_rs::Paragraph::new()
            .style(style)
            .align(super::body::alignment(col.align));
        let mut cell = TableCell::new().add_paragraph(c.fill(p, content)?);
        if let Some(w) = widths.and_then(|w| w.get(i)) {
            cell = cell.width(*w, WidthType::Dxa);
        }
        out.push(cell);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Align;

    fn col(width: f32) -> Column {
        Column {
            align: Align::Start,
            width,
        }
    }

    #[test]
    fn widths_share_the_total() {
        assert_eq!(widths(&[col(0.0), col(0.0)], 9000), None);
        assert_eq!(widths(&[col(1.0), col(2.0)], 9000), Some(vec![3000, 6000]));
        // A column without a width gets the average of the others.
        assert_eq!(
            widths(&[col(1.0), col(0.0), col(3.0)], 9000),
            Some(vec![1500, 3000, 4500])
        );
    }
}
