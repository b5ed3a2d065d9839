//! Table column widths from content, the one rule the PDF and DOCX writers share.
//!
//! The rule is browsers' automatic table layout (CSS 2.1, 17.5.2.2): every
//! column gets at least its widest unbreakable piece (a word), and when the
//! table cannot have every column on one line, the width left over goes
//! first to the columns nearest to fitting on one line. Widths given by the
//! template (`Column::width`) are relative shares and keep that meaning.
//! The writers measure the cells, each with the padding its format puts
//! around a cell's text; the widths here are in points.

/// What a column's content asks of width, in points, without the padding:
/// its widest unbreakable piece, and its widest cell set on one line.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Extent {
    /// The widest word (or other piece no line may break inside).
    pub min: f32,
    /// The widest cell's text on one line.
    pub natural: f32,
}

impl Extent {
    /// The extent of a column holding both.
    pub fn max(self, other: Extent) -> Extent {
        Extent {
            min: self.min.max(other.min),
            natural: self.natural.max(other.natural),
        }
    }
}

/// Share `width` between columns whose content asks for `content` and
/// whose template shares are `given` (0, or a column not listed: none given).
/// `pad` is the horizontal padding of a cell (both sides), added to every
/// column's content. Returns one width per column of `content`; they add
/// up to `width`.
///
/// - Every column has a share: the width is shared in proportion.
/// - Some have: a column without one gets a share in proportion to its
///   content's natural width, relative to the columns that have one.
/// - None has, and every column fits on one line: the width is shared in
///   proportion to the natural widths.
/// - The widest words do not fit side by side: the width is shared in
///   proportion to them (a word will be broken).
/// - Otherwise every column gets its widest word, and the rest is shared
///   out from the column that needs least to fit on one line, each taking
///   what it needs up to an equal share of what is left: a short column
///   ("partially impl.") is set on one line before a long one (a
///   recommendation's text) is widened.
pub fn column_widths(given: &[f32], content: &[Extent], width: f32, pad: f32) -> Vec<f32> {
    let ncols = content.len();
    if ncols == 0 {
        return Vec::new();
    }
    let width = if width.is_finite() {
        width.max(0.0)
    } else {
        0.0
    };
    let pad = if pad.is_finite() { pad.max(0.0) } else { 0.0 };
    let shares: Vec<f32> = (0..ncols)
        .map(|c| given.get(c).copied().unwrap_or(0.0))
        .map(|w| if w.is_finite() && w > 0.0 { w } else { 0.0 })
        .collect();
    if shares.iter().all(|&s| s > 0.0) {
        return proportional(&shares, width);
    }
    // A piece of content wider than the table counts as the table's width.
    let clamp = |v: f32| {
        if v.is_finite() {
            v.clamp(0.0, width)
        } else {
            width
        }
    };
    let nat: Vec<f32> = content.iter().map(|e| clamp(e.natural) + pad).collect();
    let min: Vec<f32> = content.iter().map(|e| clamp(e.min) + pad).collect();
    if shares.iter().any(|&s| s > 0.0) {
        let given_sum: f32 = shares.iter().sum();
        let given_nat: f32 = (0..ncols)
            .filter(|&c| shares[c] > 0.0)
            .map(|c| nat[c])
            .sum();
        let per = if given_nat > 0.0 {
            given_sum / given_nat
        } else {
            1.0
        };
        let shares: Vec<f32> = (0..ncols)
            .map(|c| {
                if shares[c] > 0.0 {
                    shares[c]
                } else {
                    (nat[c] * per).max(f32::EPSILON)
                }
            })
            .collect();
        return proportional(&shares, width);
    }
    let sum_min: f32 = min.iter().sum();
    let sum_nat: f32 = nat.iter().sum();
    if sum_nat <= 0.0 {
        return vec![width / ncols as f32; ncols];
    }
    if sum_nat <= width {
        return proportional(&nat, width);
    }
    if sum_min >= width {
        return proportional(&min, width);
    }
    let mut out = min;
    let mut spare = width - sum_min;
    let mut open: Vec<usize> = (0..ncols).filter(|&c| nat[c] > out[c]).collect();
    open.sort_by(|&a, &b| (nat[a] - out[a]).total_cmp(&(nat[b] - out[b])));
    let n = open.len();
    for (i, &c) in open.iter().enumerate() {
        let give = (nat[c] - out[c]).min(spare / (n - i) as f32);
        out[c] += give;
        spare -= give;
    }
    out
}

/// `width` shared in proportion to `shares` (positive, not all zero).
fn proportional(shares: &[f32], width: f32) -> Vec<f32> {
    let total: f32 = shares.iter().sum();
    if total <= 0.0 || !total.is_finite() {
        return vec![width / shares.len().max(1) as f32; shares.len()];
    }
    shares.iter().map(|s| width * s / total).collect()
}

/// Widths in points as whole units of `unit` points each (twips: 0.05)
/// that add up to `total` units exactly: each is scaled to the total (which
/// the rounding of page sizes may have moved) and rounded down, and the
/// units left over go to the columns that lost most by rounding.
pub(crate) fn in_units(widths: &[f32], unit: f32, total: i64) -> Vec<i64> {
    let n = widths.len();
    if n == 0 {
        return Vec::new();
    }
    let total = total.max(0);
    let exact: Vec<f64> = widths
        .iter()
        .map(|&w| f64::from(w.max(0.0)) / f64::from(unit))
        .collect();
    let sum: f64 = exact.iter().sum();
    let scaled: Vec<f64> = if sum > 0.0 && sum.is_finite() {
        exact.iter().map(|e| e * total as f64 / sum).collect()
    } else {
        vec![total as f64 / n as f64; n]
    };
    let mut out: Vec<i64> = scaled.iter().map(|e| e.floor() as i64).collect();
    // Fewer than `n` units are left: each floor lost less than one.
    let left = usize::try_from(total - out.iter().sum::<i64>()).unwrap_or(0);
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| {
        let lost = |c: usize| scaled[c] - scaled[c].floor();
        lost(b).total_cmp(&lost(a)).then(a.cmp(&b))
    });
    for &c in order.iter().take(left) {
        out[c] += 1;
    }
    out
}
