//! Charts: a table of numbers drawn as horizontal stacked bars.
//!
//! A template writes a chart as a `<div class="chart">` holding a caption
//! paragraph and a table (docs/templates.md). The table's leading text
//! columns label the bars (with two, the first names a group of bars, left
//! blank for "same as above"); every later column is a series, one segment
//! of each bar. The numbers stay in the model, so each writer draws the
//! chart its own way and can always give them as text.

use super::{Align, Cell, Column, Inline, Table};

/// A horizontal stacked bar chart.
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct Chart {
    /// The caption above the chart (may be empty).
    pub caption: Vec<Inline>,
    /// The headers of the label columns ("Theme", "Assessment").
    pub label_headers: Vec<String>,
    /// The series' names, in the order of their segments in each bar.
    pub series: Vec<String>,
    /// The bars, top to bottom.
    pub bars: Vec<Bar>,
}

/// One bar of a [`Chart`].
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct Bar {
    /// The group it starts or continues ("CP Rights"); empty in a chart
    /// without groups, or for a bar that continues the group above.
    pub group: String,
    /// The bar's own label ("2025").
    pub label: String,
    /// One value per series; negative, infinite or NaN values count as 0.
    pub values: Vec<f64>,
}

impl Bar {
    /// The bar's values as drawn: never negative, never NaN.
    pub fn drawn(&self) -> impl Iterator<Item = f64> + '_ {
        self.values
            .iter()
            .map(|v| if v.is_finite() && *v > 0.0 { *v } else { 0.0 })
    }

    /// Its full length.
    pub fn total(&self) -> f64 {
        self.drawn().sum()
    }
}

impl Chart {
    /// Whether the bars come in named groups.
    pub fn grouped(&self) -> bool {
        self.label_headers.len() > 1
    }

    /// The longest bar's length (at least 1, so that scales never divide by 0).
    pub fn max_total(&self) -> f64 {
        self.bars.iter().map(Bar::total).fold(1.0, f64::max)
    }

    /// Each bar's full label: its group (inherited from the bars above
    /// when left blank) and its own label.
    pub fn full_labels(&self) -> Vec<String> {
        let mut group = String::new();
        self.bars
            .iter()
            .map(|b| {
                if !b.group.is_empty() {
                    group = b.group.clone();
                }
                match (group.is_empty(), b.label.is_empty()) {
                    (true, _) => b.label.clone(),
                    (false, true) => group.clone(),
                    (false, false) => format!("{group}, {}", b.label),
                }
            })
            .collect()
    }

    /// The chart in words, for readers who cannot see it: the caption,
    /// then each bar with its values ("CP Rights, 2025: Not implemented 1,
    /// Partially implemented 1, Fully implemented 0").
    pub fn alt_text(&self) -> String {
        let mut out = Inline::plain_text(&self.caption);
        for (bar, label) in self.bars.iter().zip(self.full_labels()) {
            if !out.is_empty() {
                out.push_str(". ");
            }
            out.push_str(&label);
            out.push(':');
            for (i, (name, v)) in self.series.iter().zip(bar.drawn()).enumerate() {
                out.push_str(if i == 0 { " " } else { ", " });
                out.push_str(name);
                out.push(' ');
                out.push_str(&number(v));
            }
        }
        if !out.is_empty() {
            out.push('.');
        }
        out
    }

    /// The numbers as a table, the label columns first.
    pub fn table(&self) -> Table {
        let text = |s: &str| -> Cell {
            if s.is_empty() {
                Vec::new()
            } else {
                vec![Inline::Text(s.to_string())]
            }
        };
        let columns = self
            .label_headers
            .iter()
            .map(|_| Column {
                align: Align::Start,
                width: 0.0,
            })
            .chain(self.series.iter().map(|_| Column {
                align: Align::End,
                width: 0.0,
            }))
            .collect();
        let header = self
            .label_headers
            .iter()
            .chain(&self.series)
            .map(|h| text(h))
            .collect();
        let rows = self
            .bars
            .iter()
            .map(|b| {
                let mut row: Vec<Cell> = Vec::new();
                if self.grouped() {
                    row.push(text(&b.group));
                }
                row.push(text(&b.label));
                row.extend(b.values.iter().map(|v| text(&number(*v))));
                row
            })
            .collect();
        Table {
            columns,
            header,
            rows,
        }
    }
}

/// A value as printed: whole numbers without decimals, others with up to two.
pub fn number(v: f64) -> String {
    if !v.is_finite() {
        return "0".into();
    }
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        let s = format!("{v:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}
