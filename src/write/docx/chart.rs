//! Charts as DrawingML charts (`word/charts/chartN.xml`), which Word and
//! LibreOffice draw from the values cached in the part and let a reader
//! restyle.
//!
//! A horizontal stacked bar chart, bars top to bottom in the model's
//! order, one series per column of numbers, told apart in black and white
//! by fill (white, hatched, grey, cross-hatched light grey) with every
//! value labelled. The drawing's description (`wp:docPr descr`) is the
//! chart in words, for screen readers. No workbook is embedded: see
//! docs/decisions.md.

use std::fmt::Write;

use super::xml::escape;
use crate::document::{chart_number, Chart, Inline};

/// English Metric Units in a point.
const EMU_PER_PT: f32 = 12_700.0;

/// The fill of series `i`, matching the PDF's (`write::chart::fill_of`).
fn fill(i: usize) -> &'static str {
    match i % 4 {
        0 => r#"<a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill>"#,
        1 => {
            r#"<a:pattFill prst="wdUpDiag"><a:fgClr><a:srgbClr val="000000"/></a:fgClr><a:bgClr><a:srgbClr val="FFFFFF"/></a:bgClr></a:pattFill>"#
        }
        2 => r#"<a:solidFill><a:srgbClr val="9E9E9E"/></a:solidFill>"#,
        _ => {
            r#"<a:pattFill prst="diagCross"><a:fgClr><a:srgbClr val="000000"/></a:fgClr><a:bgClr><a:srgbClr val="D9D9D9"/></a:bgClr></a:pattFill>"#
        }
    }
}

/// The spreadsheet column of series `i` (after the label column A).
fn column(i: usize) -> String {
    let mut n = i + 1; // 0 is column B
    let mut s = String::new();
    loop {
        s.insert(0, char::from(b'A' + (n % 26) as u8));
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    s
}

/// The chart part.
pub(super) fn chart_xml(c: &Chart) -> String {
    let labels = c.full_labels();
    let n = c.bars.len();
    let mut x = String::with_capacity(4096 + 256 * n * c.series.len().max(1));
    x.push_str(concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        r#"<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" "#,
        r#"xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" "#,
        r#"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#,
        r#"<c:roundedCorners val="0"/><c:chart><c:autoTitleDeleted val="1"/><c:plotArea><c:layout/>"#,
        r#"<c:barChart><c:barDir val="bar"/><c:grouping val="stacked"/><c:varyColors val="0"/>"#
    ));
    let cats = {
        let mut s = format!(
            r#"<c:cat><c:strRef><c:f>Sheet1!$A$2:$A${}</c:f><c:strCache><c:ptCount val="{n}"/>"#,
            n + 1
        );
        for (k, l) in labels.iter().enumerate() {
            let _ = write!(s, r#"<c:pt idx="{k}"><c:v>{}</c:v></c:pt>"#, escape(l));
        }
        s.push_str("</c:strCache></c:strRef></c:cat>");
        s
    };
    for (i, name) in c.series.iter().enumerate() {
        let col = column(i);
        let _ = write!(
            x,
            r#"<c:ser><c:idx val="{i}"/><c:order val="{i}"/><c:tx><c:strRef><c:f>Sheet1!${col}$1</c:f><c:strCache><c:ptCount val="1"/><c:pt idx="0"><c:v>{}</c:v></c:pt></c:strCache></c:strRef></c:tx>"#,
            escape(name)
        );
        let _ = write!(
            x,
            r#"<c:spPr>{}<a:ln w="6350"><a:solidFill><a:srgbClr val="000000"/></a:solidFill></a:ln></c:spPr><c:invertIfNegative val="0"/>"#,
            fill(i)
        );
        // Labels on a white ground, so hatching never crosses a number.
        x.push_str(concat!(
            r#"<c:dLbls><c:spPr><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill><a:ln><a:noFill/></a:ln></c:spPr>"#,
            r#"<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr b="1"><a:solidFill><a:srgbClr val="000000"/></a:solidFill></a:defRPr></a:pPr><a:endParaRPr lang="en-US"/></a:p></c:txPr>"#,
            r#"<c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>"#
        ));
        x.push_str(&cats);
        let _ = write!(
            x,
            r#"<c:val><c:numRef><c:f>Sheet1!${col}$2:${col}${}</c:f><c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="{n}"/>"#,
            n + 1
        );
        for (k, b) in c.bars.iter().enumerate() {
            // A zero is left out, as the PDF leaves it out: no empty
            // segment, no "0" label.
            let v = b.drawn().nth(i).unwrap_or(0.0);
            if v > 0.0 {
                let _ = write!(
                    x,
                    r#"<c:pt idx="{k}"><c:v>{}</c:v></c:pt>"#,
                    chart_number(v)
                );
            }
        }
        x.push_str("</c:numCache></c:numRef></c:val></c:ser>");
    }
    x.push_str(concat!(
        r#"<c:gapWidth val="50"/><c:overlap val="100"/><c:axId val="1001"/><c:axId val="1002"/></c:barChart>"#,
        // Categories top to bottom, as the model lists the bars; the value
        // axis then sits at the bottom ("crosses at the maximum category").
        r#"<c:catAx><c:axId val="1001"/><c:scaling><c:orientation val="maxMin"/></c:scaling><c:delete val="0"/><c:axPos val="l"/>"#,
        r#"<c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>"#,
        r#"<c:spPr><a:ln w="9525"><a:solidFill><a:srgbClr val="000000"/></a:solidFill></a:ln></c:spPr>"#,
        r#"<c:crossAx val="1002"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:tickLblSkip val="1"/><c:noMultiLvlLbl val="1"/></c:catAx>"#,
        r#"<c:valAx><c:axId val="1002"/><c:scaling><c:orientation val="minMax"/><c:min val="0"/></c:scaling><c:delete val="0"/><c:axPos val="b"/>"#,
        r#"<c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>"#,
        r#"<c:spPr><a:ln w="6350"><a:solidFill><a:srgbClr val="000000"/></a:solidFill></a:ln></c:spPr>"#,
        r#"<c:crossAx val="1001"/><c:crosses val="max"/><c:crossBetween val="between"/></c:valAx>"#,
        r#"<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr></c:plotArea>"#,
        r#"<c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>"#,
        r#"<c:spPr><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill><a:ln><a:noFill/></a:ln></c:spPr>"#,
        r#"<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="900"><a:solidFill><a:srgbClr val="000000"/></a:solidFill><a:latin typeface="Liberation Serif"/></a:defRPr></a:pPr><a:endParaRPr lang="en-US"/></a:p></c:txPr>"#,
        r#"</c:chartSpace>"#
    ));
    x
}

/// The run that places chart `number` (1-based, relationship `rIdChart{number}`)
/// `width` points wide.
pub(super) fn drawing_run(c: &Chart, number: usize, width: f32) -> String {
    let cx = (width * EMU_PER_PT).round() as i64;
    // A bar a quarter inch, plus the axis and the legend.
    let height = 22.0 * c.bars.len() as f32 + 80.0;
    let cy = (height * EMU_PER_PT).round() as i64;
    let title = escape(&Inline::plain_text(&c.caption));
    let descr = escape(&c.alt_text());
    format!(
        concat!(
            r#"<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">"#,
            r#"<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>"#,
            r#"<wp:docPr id="{id}" name="Chart {id}" title="{title}" descr="{descr}"/><wp:cNvGraphicFramePr/>"#,
            r#"<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">"#,
            r#"<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">"#,
            r#"<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" r:id="rIdChart{id}"/>"#,
            r#"</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"#
        ),
        cx = cx,
        cy = cy,
        id = number,
        title = title,
        descr = descr
    )
}
