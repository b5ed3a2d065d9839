//! Table column widths from content (`hrdraft::write::table_width`): the
//! rule itself, the DOCX grid it gives the Kazakhstan MIA (read back from
//! document.xml and measured again with Liberation Serif's own tables), and
//! the PDF's index, whose IRI column is set on one line.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use hrdraft::write::table_width::{column_widths, Extent};
use unicode_linebreak::linebreaks;

use crate::documents::read;
use crate::support::{root, run};

fn extent(min: f32, natural: f32) -> Extent {
    Extent { min, natural }
}

fn close(got: &[f32], want: &[f32]) -> bool {
    got.len() == want.len() && got.iter().zip(want).all(|(g, w)| (g - w).abs() < 0.01)
}

#[test]
fn columns_that_fit_on_one_line_share_the_width_by_natural_width() {
    // 10 + 2 and 40 + 2 of 108: in proportion 12 : 42.
    let got = column_widths(&[], &[extent(5.0, 10.0), extent(20.0, 40.0)], 108.0, 2.0);
    assert!(close(&got, &[24.0, 84.0]), "{got:?}");
}

#[test]
fn columns_whose_words_do_not_fit_side_by_side_share_by_their_widest_words() {
    // Widest words 58 + 2 and 38 + 2 need 100 of 80.
    let got = column_widths(&[], &[extent(58.0, 200.0), extent(38.0, 90.0)], 80.0, 2.0);
    assert!(close(&got, &[48.0, 32.0]), "{got:?}");
}

#[test]
fn a_short_column_is_set_on_one_line_before_a_long_one_is_widened() {
    // "rec. nº", a recommendation's text and "partially impl.": the words
    // take 30 + 80 + 40 of 300; the short columns need 10 and 25 more to
    // fit on one line and get it, the long one takes the rest.
    let content = [extent(30.0, 40.0), extent(80.0, 900.0), extent(40.0, 65.0)];
    let got = column_widths(&[], &content, 300.0, 0.0);
    assert!(close(&got, &[40.0, 195.0, 65.0]), "{got:?}");
}

#[test]
fn widths_the_template_gives_are_shares_and_a_column_without_one_gets_its_content_s() {
    let content = [extent(50.0, 500.0), extent(50.0, 500.0)];
    let got = column_widths(&[1.0, 2.0], &content, 9000.0, 0.0);
    assert!(close(&got, &[3000.0, 6000.0]), "{got:?}");
    // The given column's natural width (100) earns its share (1); the
    // other column's natural width (300) earns three times as much.
    let content = [extent(10.0, 100.0), extent(10.0, 300.0)];
    let got = column_widths(&[1.0, 0.0], &content, 400.0, 0.0);
    assert!(close(&got, &[100.0, 300.0]), "{got:?}");
}

#[test]
fn an_empty_table_shares_the_width_equally_and_no_column_is_negative() {
    let got = column_widths(&[], &[Extent::default(); 4], 100.0, 0.0);
    assert!(close(&got, &[25.0; 4]), "{got:?}");
    let got = column_widths(&[], &[extent(f32::NAN, f32::INFINITY)], 100.0, 4.0);
    assert!(got.iter().all(|w| w.is_finite() && *w >= 0.0), "{got:?}");
    assert!(column_widths(&[1.0], &[], 100.0, 0.0).is_empty());
}

/// The Kazakhstan MIA drafted in `formats`, in `dir`; the document's path
/// without its extension.
pub fn kazakhstan_mia(dir: &Path, formats: &[&str]) -> PathBuf {
    let out = dir.join("out");
    let kz = root().join("examples/kazakhstan");
    let mut args = vec!["draft", kz.to_str().unwrap(), "-t", "mia-report"];
    for f in formats {
        args.extend(["-f", f]);
    }
    let out_s = out.display().to_string();
    args.extend(["-o", &out_s]);
    let drafted = run(&args);
    assert!(
        drafted.status.success(),
        "{}",
        String::from_utf8_lossy(&drafted.stderr)
    );
    out.join("kazakhstan/mia-report")
}

/// Liberation Serif's advance widths, read from the font files with
/// ttf-parser: regular, bold, italic, bold italic.
struct Fonts {
    faces: Vec<Vec<u8>>,
}

impl Fonts {
    fn load() -> Fonts {
        let names = ["Regular", "Bold", "Italic", "BoldItalic"];
        Fonts {
            faces: names
                .iter()
                .map(|n| {
                    std::fs::read(root().join(format!("fonts/LiberationSerif-{n}.ttf"))).unwrap()
                })
                .collect(),
        }
    }

    /// Width in points of `text` set in face `face` (0–3) at `size`.
    fn width(&self, face: usize, size: f32, text: &str) -> f32 {
        let f = ttf_parser::Face::parse(&self.faces[face], 0).unwrap();
        let upm = f32::from(f.units_per_em());
        text.chars()
            .map(|c| {
                let g = f.glyph_index(c).unwrap_or_default();
                f32::from(f.glyph_hor_advance(g).unwrap_or(0)) / upm * size
            })
            .sum()
    }
}

fn w(n: roxmltree::Node, name: &str) -> bool {
    n.is_element() && n.tag_name().name() == name
}

fn attr(n: roxmltree::Node, name: &str) -> Option<i64> {
    n.attributes()
        .find(|a| a.name() == name)
        .and_then(|a| a.value().parse().ok())
}

/// The first descendant element `name` of `n`.
fn child<'a>(n: roxmltree::Node<'a, 'a>, name: &str) -> Option<roxmltree::Node<'a, 'a>> {
    n.descendants().find(|c| w(*c, name))
}

/// Each character of a cell with its face: a run is bold when its
/// properties or its character style ("Strong") say so, or its paragraph's
/// style is the table heading's (bold in styles.xml); italic likewise.
fn cell_text(tc: roxmltree::Node, heading_bold: bool) -> Vec<(char, usize)> {
    let mut out = Vec::new();
    for p in tc.descendants().filter(|n| w(*n, "p")) {
        let style_bold = p
            .descendants()
            .find(|n| w(*n, "pStyle"))
            .and_then(|s| s.attributes().find(|a| a.name() == "val"))
            .is_some_and(|a| a.value() == "TableHeading")
            && heading_bold;
        for r in p.descendants().filter(|n| w(*n, "r")) {
            let rpr = r.children().find(|n| w(*n, "rPr"));
            let has = |name: &str| rpr.is_some_and(|p| p.children().any(|c| w(c, name)));
            let styled = |name: &str| {
                rpr.and_then(|p| p.children().find(|c| w(*c, "rStyle")))
                    .is_some_and(|s| s.attributes().any(|a| a.value() == name))
            };
            let bold = style_bold || has("b") || styled("Strong");
            let italic = has("i") || styled("Emphasis");
            let face = usize::from(bold) + 2 * usize::from(italic);
            for t in r.children().filter(|n| w(*n, "t")) {
                out.extend(t.text().unwrap_or_default().chars().map(|c| (c, face)));
            }
        }
        out.push((' ', 0));
    }
    out
}

/// Width of the widest piece of the cell no line may break inside.
fn widest_word(fonts: &Fonts, size: f32, cell: &[(char, usize)]) -> (f32, String) {
    let text: String = cell.iter().map(|(c, _)| *c).collect();
    let mut widest = (0.0f32, String::new());
    let mut start = 0;
    for (end, _) in linebreaks(&text) {
        let piece = text[start..end].trim_end();
        let first = text[..start].chars().count();
        let width: f32 = piece
            .chars()
            .zip(&cell[first..])
            .map(|(c, (_, face))| fonts.width(*face, size, &c.to_string()))
            .sum();
        if width > widest.0 {
            widest = (width, piece.to_string());
        }
        start = end;
    }
    widest
}

#[test]
fn docx_tables_fill_the_text_width_and_no_column_is_narrower_than_its_widest_word() {
    let tmp = tempfile::tempdir().unwrap();
    let docx = kazakhstan_mia(tmp.path(), &["docx"]).with_extension("docx");
    let parts = read::docx_parts(&docx);
    let doc = roxmltree::Document::parse(&parts["word/document.xml"]).unwrap();
    let styles = roxmltree::Document::parse(&parts["word/styles.xml"]).unwrap();

    // The page and the text sizes, as the file states them.
    let page = child(doc.root(), "pgSz").unwrap();
    let margins = child(doc.root(), "pgMar").unwrap();
    let text_width =
        attr(page, "w").unwrap() - attr(margins, "left").unwrap() - attr(margins, "right").unwrap();
    let defaults = child(styles.root(), "docDefaults").unwrap();
    let size = attr(child(defaults, "sz").unwrap(), "val").unwrap() as f32 / 2.0;
    let cell_margins = child(styles.root(), "tblCellMar").unwrap();
    let pad = attr(child(cell_margins, "left").unwrap(), "w").unwrap()
        + attr(child(cell_margins, "right").unwrap(), "w").unwrap();
    let heading = styles
        .descendants()
        .find(|n| w(*n, "style") && n.attributes().any(|a| a.value() == "TableHeading"))
        .unwrap();
    let heading_bold = child(heading, "b").is_some();
    assert!(heading_bold, "the table heading style is bold");

    let fonts = Fonts::load();
    let tables: Vec<_> = doc.descendants().filter(|n| w(*n, "tbl")).collect();
    assert_eq!(tables.len(), 3, "the index, the IRI bands, the uncommented");
    let mut checked = 0;
    for t in tables {
        let layout = child(t, "tblLayout").unwrap();
        assert!(layout.attributes().any(|a| a.value() == "fixed"));
        let grid: Vec<i64> = t
            .descendants()
            .filter(|n| w(*n, "gridCol"))
            .map(|g| attr(g, "w").unwrap())
            .collect();
        assert_eq!(grid.iter().sum::<i64>(), text_width, "{grid:?}");
        assert_eq!(attr(child(t, "tblW").unwrap(), "w"), Some(text_width));
        let mut widest: BTreeMap<usize, (f32, String)> = BTreeMap::new();
        for tr in t.children().filter(|n| w(*n, "tr")) {
            for (i, tc) in tr.children().filter(|n| w(*n, "tc")).enumerate() {
                // Each cell says its column's width.
                assert_eq!(attr(child(tc, "tcW").unwrap(), "w"), Some(grid[i]));
                let word = widest_word(&fonts, size, &cell_text(tc, heading_bold));
                let e = widest.entry(i).or_default();
                if word.0 > e.0 {
                    *e = word;
                }
            }
        }
        for (i, (width, word)) in widest {
            let need = (width * 20.0).ceil() as i64 + pad;
            assert!(
                grid[i] >= need,
                "column {i} of {grid:?} is {} twips, under \"{word}\" and the cell margins ({need})",
                grid[i]
            );
            checked += 1;
        }
    }
    assert_eq!(checked, 4 + 2 + 6);
}

/// The text of each line of each page, as pdf-extract reads it, with
/// runs of whitespace made one space.
fn pdf_lines(path: &Path) -> Vec<String> {
    let bytes = std::fs::read(path).unwrap();
    pdf_extract::extract_text_from_mem_by_pages(&bytes)
        .unwrap()
        .iter()
        .flat_map(|p| {
            p.lines()
                .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn no_row_of_the_pdf_index_wraps_its_iri() {
    let tmp = tempfile::tempdir().unwrap();
    let base = kazakhstan_mia(tmp.path(), &["pdf", "md"]);
    let md = std::fs::read_to_string(base.with_extension("md")).unwrap();
    // The index's rows: "| 3 | International instruments | [page] | partially impl. |".
    let levels = ["not impl.", "partially impl.", "fully impl."];
    let lines = pdf_lines(&base.with_extension("pdf"));
    for level in levels {
        let rows = md
            .lines()
            .filter(|l| l.starts_with('|') && l.trim_end().ends_with(&format!("| {level} |")))
            .count();
        assert!(rows > 5, "{level}: {rows} rows in\n{md}");
        let set = lines.iter().filter(|l| l.ends_with(level)).count();
        assert_eq!(
            set,
            rows,
            "{level}: {rows} index rows, {set} PDF lines ending in it\n{}",
            lines.join("\n")
        );
    }
}
