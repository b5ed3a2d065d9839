//! Tables: bordered grid, column widths shared out of the text width, header row.

use super::body::{Converter, PPr, Scope};
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
    // Without widths from the template, share the width by content, as the
    // PDF does: word processors left to fit a table themselves give every
    // column the same width, which squeezes long text into narrow cells.
    let fixed = widths(&columns, total).or_else(|| widths(&content_shares(t, ncols), total));

    c.open_table();
    let x = &mut c.x;
    x.raw("<w:tbl><w:tblPr>");
    x.val("w:tblStyle", styles::TABLE_GRID);
    match fixed {
        Some(_) => {
            x.raw(r#"<w:tblW w:w=""#);
            x.int(total.into());
            x.raw(r#"" w:type="dxa"/>"#);
        }
        None => x.raw(r#"<w:tblW w:w="5000" w:type="pct"/>"#),
    }
    x.raw(r#"<w:jc w:val="left"/>"#);
    if scope.indent > 0 {
        x.raw(r#"<w:tblInd w:w=""#);
        x.int(scope.indent.into());
        x.raw(r#"" w:type="dxa"/>"#);
    }
    x.raw(BORDERS);
    x.raw(match fixed {
        Some(_) => r#"<w:tblLayout w:type="fixed"/>"#,
        None => r#"<w:tblLayout w:type="autofit"/>"#,
    });
    x.raw("</w:tblPr><w:tblGrid>");
    let each = (total as usize / ncols).max(1);
    for i in 0..ncols {
        let w = fixed
            .as_ref()
            .and_then(|f| f.get(i))
            .copied()
            .unwrap_or(each);
        x.raw(r#"<w:gridCol w:w=""#);
        x.int(w as i64);
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
            fixed.as_deref(),
            styles::TABLE_HEADING,
            props,
        )?;
    }
    for r in &t.rows {
        // A row moves to the next page whole rather than breaking in the middle.
        let props = "<w:trPr><w:cantSplit/></w:trPr>";
        row(c, r, &columns, fixed.as_deref(), styles::TABLE_TEXT, props)?;
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
    widths: Option<&[usize]>,
    style: &'static str,
    props: &str,
) -> Result<(), WriteError> {
    c.x.raw("<w:tr>");
    c.x.raw(props);
    for (i, col) in columns.iter().enumerate() {
        let content = cells.get(i).map(Vec::as_slice).unwrap_or_default();
        match widths.and_then(|w| w.get(i)) {
            Some(w) => {
                c.x.raw(r#"<w:tc><w:tcPr><w:tcW w:w=""#);
                c.x.int(*w as i64);
                c.x.raw(r#"" w:type="dxa"/></w:tcPr>"#);
            }
            None => c.x.raw("<w:tc><w:tcPr/>"),
        }
        c.paragraph(PPr::new(style).align(col.align), false, content)?;
        c.x.raw("</w:tc>");
    }
    c.x.raw("</w:tr>");
    Ok(())
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
