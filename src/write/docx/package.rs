//! The package around the body: relationships, content types, properties,
//! settings, font table, and the zip holding them.
//!
//! All of it depends on the document alone: links are listed in the order
//! the text has them and the zip entries carry the document's date, not the
//! clock's, so the same document always gives the same bytes.

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use super::xml::escape;
use super::{backend, styles};
use crate::document::Metadata;
use crate::write::WriteError;

const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const REL_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL_NS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const DECL: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#;

/// Relationship id of the footer in document.xml.
pub(super) const FOOTER_RID: &str = "rIdFooter1";

/// The root element of footnotes.xml, with the namespaces its paragraphs use.
pub(super) fn story_root(name: &str) -> String {
    format!(
        concat!(
            r#"<w:{} xmlns:w="{}" xmlns:r="{}" "#,
            r#"xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" "#,
            r#"xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" mc:Ignorable="w14">"#
        ),
        name, W_NS, REL_NS
    )
}

/// What goes into the zip, in order.
pub(super) struct Package {
    pub document: Vec<u8>,
    pub styles: String,
    pub numbering: Vec<u8>,
    /// Headers and footers, their pictures and how the section refers to them.
    pub stories: super::letterhead::Stories,
    /// footnotes.xml, when the document has notes.
    pub footnotes: Option<Vec<u8>>,
    /// External link targets of document.xml and of footnotes.xml.
    pub links: [Vec<String>; 2],
    /// Whether Word should update the fields on opening: the document has
    /// page references, which show the PDF layout's numbers until then.
    pub update_fields: bool,
    /// Chart parts, `word/charts/chart1.xml` on.
    pub charts: Vec<String>,
    /// comments.xml, in a review copy whose text has marks.
    pub comments: Option<Vec<u8>>,
}

impl Package {
    pub(super) fn zip(self, meta: &Metadata) -> Result<Vec<u8>, WriteError> {
        let has_notes = self.footnotes.is_some();
        let has_comments = self.comments.is_some();
        let mut parts: Vec<(&str, Vec<u8>)> = vec![
            (
                "[Content_Types].xml",
                content_types(has_notes, has_comments, self.charts.len(), &self.stories)
                    .into_bytes(),
            ),
            ("_rels/.rels", package_rels().into_bytes()),
            ("docProps/core.xml", core(meta).into_bytes()),
            ("docProps/app.xml", app().into_bytes()),
            ("word/document.xml", self.document),
            (
                "word/_rels/document.xml.rels",
                document_rels(
                    has_notes,
                    has_comments,
                    &self.links[0],
                    self.charts.len(),
                    &self.stories,
                )
                .into_bytes(),
            ),
            ("word/styles.xml", self.styles.into_bytes()),
            ("word/numbering.xml", self.numbering),
            (
                "word/settings.xml",
                settings(has_notes, self.update_fields, &meta.language).into_bytes(),
            ),
            ("word/fontTable.xml", font_table().into_bytes()),
        ];
        let story_names: Vec<(String, Option<String>)> = self
            .stories
            .parts
            .iter()
            .map(|p| {
                (
                    format!("word/{}", p.name),
                    p.rels
                        .as_ref()
                        .map(|_| format!("word/_rels/{}.rels", p.name)),
                )
            })
            .collect();
        for (part, (name, rels_name)) in self.stories.parts.into_iter().zip(&story_names) {
            parts.push((name.as_str(), part.xml));
            if let (Some(rels), Some(rels_name)) = (part.rels, rels_name) {
                parts.push((rels_name.as_str(), rels));
            }
        }
        for (name, bytes) in &self.stories.media {
            parts.push((name.as_str(), bytes.clone()));
        }
        if let Some(notes) = self.footnotes {
            parts.push(("word/footnotes.xml", notes));
            if !self.links[1].is_empty() {
                parts.push((
                    "word/_rels/footnotes.xml.rels",
                    links_rels(&self.links[1]).into_bytes(),
                ));
            }
        }
        if let Some(comments) = self.comments {
            parts.push(("word/comments.xml", comments));
        }
        let names: Vec<String> = (1..=self.charts.len())
            .map(|n| format!("word/charts/chart{n}.xml"))
            .collect();
        for (name, chart) in names.iter().zip(self.charts) {
            parts.push((name, chart.into_bytes()));
        }
        write_zip(&parts, zip_time(meta.created))
    }
}

fn write_zip(parts: &[(&str, Vec<u8>)], time: DateTime) -> Result<Vec<u8>, WriteError> {
    let failed = |e: &dyn std::fmt::Display| backend(format!("could not write the zip: {e}"));
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        // A fast level: the XML parts shrink nearly as well as at the
        // default level (6), in a fraction of the time.
        .compression_level(Some(2))
        .last_modified_time(time)
        .unix_permissions(0o644);
    for (name, bytes) in parts {
        zip.start_file(*name, options).map_err(|e| failed(&e))?;
        zip.write_all(bytes).map_err(|e| failed(&e))?;
    }
    let cursor = zip.finish().map_err(|e| failed(&e))?;
    Ok(cursor.into_inner())
}

/// Zip entries carry the document's date, not the clock's; zip cannot hold
/// dates before 1980 or after 2107, which fall back to 1980-01-01.
fn zip_time(created: i64) -> DateTime {
    crate::write::civil(created)
        .and_then(|(y, mo, d, h, mi, s)| DateTime::from_date_and_time(y, mo, d, h, mi, s).ok())
        .unwrap_or_default()
}

/// W3C date-time in UTC, as core.xml wants it; a moment outside the
/// years a dataset date may have is written as the zip's earliest date.
pub(super) fn w3c_date(secs: i64) -> String {
    let (y, mo, d, h, mi, s) = crate::write::civil(secs).unwrap_or((1980, 1, 1, 0, 0, 0));
    format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z")
}

fn content_types(
    has_notes: bool,
    has_comments: bool,
    charts: usize,
    stories: &super::letterhead::Stories,
) -> String {
    let main = "application/vnd.openxmlformats-officedocument.wordprocessingml";
    let mut overrides = vec![
        ("/word/document.xml", format!("{main}.document.main+xml")),
        ("/word/styles.xml", format!("{main}.styles+xml")),
        ("/word/numbering.xml", format!("{main}.numbering+xml")),
        ("/word/settings.xml", format!("{main}.settings+xml")),
        ("/word/fontTable.xml", format!("{main}.fontTable+xml")),
        (
            "/docProps/core.xml",
            "application/vnd.openxmlformats-package.core-properties+xml".to_owned(),
        ),
        (
            "/docProps/app.xml",
            "application/vnd.openxmlformats-officedocument.extended-properties+xml".to_owned(),
        ),
    ];
    let story_parts: Vec<(String, String)> = stories
        .parts
        .iter()
        .map(|p| {
            let kind = if p.header { "header" } else { "footer" };
            (format!("/word/{}", p.name), format!("{main}.{kind}+xml"))
        })
        .collect();
    for (part, kind) in story_parts.iter().rev() {
        overrides.insert(5, (part.as_str(), kind.clone()));
    }
    if has_notes {
        overrides.push(("/word/footnotes.xml", format!("{main}.footnotes+xml")));
    }
    if has_comments {
        overrides.push(("/word/comments.xml", format!("{main}.comments+xml")));
    }
    let parts: Vec<String> = (1..=charts)
        .map(|n| format!("/word/charts/chart{n}.xml"))
        .collect();
    for part in &parts {
        overrides.push((
            part,
            "application/vnd.openxmlformats-officedocument.drawingml.chart+xml".to_owned(),
        ));
    }
    let mut out = format!(
        concat!(
            "{}",
            r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#,
            r#"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#,
            r#"<Default Extension="xml" ContentType="application/xml"/>"#
        ),
        DECL
    );
    // Pictures of the headers, by their extension.
    let mut extensions: Vec<String> = stories
        .media
        .iter()
        .filter_map(|(name, _)| name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()))
        .collect();
    extensions.sort();
    extensions.dedup();
    for ext in extensions {
        let kind = match ext.as_str() {
            "png" => "image/png",
            "jpg" | "jpeg" => "image/jpeg",
            "gif" => "image/gif",
            "bmp" => "image/bmp",
            "tif" | "tiff" => "image/tiff",
            "svg" => "image/svg+xml",
            "emf" => "image/x-emf",
            "wmf" => "image/x-wmf",
            "xml" | "rels" => continue,
            _ => "application/octet-stream",
        };
        out.push_str(&format!(
            r#"<Default Extension="{}" ContentType="{kind}"/>"#,
            escape(&ext)
        ));
    }
    for (part, kind) in overrides {
        out.push_str(&format!(
            r#"<Override PartName="{part}" ContentType="{kind}"/>"#
        ));
    }
    out.push_str("</Types>");
    out
}

pub(super) fn relationship(id: &str, kind: &str, target: &str, external: bool) -> String {
    format!(
        r#"<Relationship Id="{id}" Type="{REL_NS}/{kind}" Target="{}"{}/>"#,
        escape(target),
        if external {
            r#" TargetMode="External""#
        } else {
            ""
        }
    )
}

fn package_rels() -> String {
    // core-properties lives in the package namespace, not the office one.
    format!(
        concat!(
            r#"{}<Relationships xmlns="{}">{}"#,
            r#"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>"#,
            "{}</Relationships>"
        ),
        DECL,
        PKG_REL_NS,
        relationship("rId1", "officeDocument", "word/document.xml", false),
        relationship("rId3", "extended-properties", "docProps/app.xml", false),
    )
}

fn document_rels(
    has_notes: bool,
    has_comments: bool,
    links: &[String],
    charts: usize,
    stories: &super::letterhead::Stories,
) -> String {
    let mut out = format!(r#"{DECL}<Relationships xmlns="{PKG_REL_NS}">"#);
    out.push_str(&relationship("rId1", "styles", "styles.xml", false));
    out.push_str(&relationship("rId2", "settings", "settings.xml", false));
    out.push_str(&relationship("rId3", "fontTable", "fontTable.xml", false));
    out.push_str(&relationship("rId4", "numbering", "numbering.xml", false));
    if has_notes {
        out.push_str(&relationship("rId5", "footnotes", "footnotes.xml", false));
    }
    if has_comments {
        out.push_str(&relationship(
            "rIdComments",
            "comments",
            "comments.xml",
            false,
        ));
    }
    for p in &stories.parts {
        let kind = if p.header { "header" } else { "footer" };
        out.push_str(&relationship(&p.rid, kind, &p.name, false));
    }
    for n in 1..=charts {
        out.push_str(&relationship(
            &format!("rIdChart{n}"),
            "chart",
            &format!("charts/chart{n}.xml"),
            false,
        ));
    }
    push_links(&mut out, links);
    out.push_str("</Relationships>");
    out
}

fn links_rels(links: &[String]) -> String {
    let mut out = format!(r#"{DECL}<Relationships xmlns="{PKG_REL_NS}">"#);
    push_links(&mut out, links);
    out.push_str("</Relationships>");
    out
}

/// The n-th link target is `rIdLink{n}`, as the converter numbered them.
fn push_links(out: &mut String, links: &[String]) {
    for (i, url) in links.iter().enumerate() {
        out.push_str(&relationship(
            &format!("rIdLink{}", i + 1),
            "hyperlink",
            url,
            true,
        ));
    }
}

fn core(meta: &Metadata) -> String {
    let date = w3c_date(meta.created);
    let mut out = format!(
        concat!(
            "{}",
            r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" "#,
            r#"xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" "#,
            r#"xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
            "<dc:title>{}</dc:title>"
        ),
        DECL,
        escape(&meta.title)
    );
    if let Some(subject) = &meta.subject {
        out.push_str(&format!("<dc:subject>{}</dc:subject>", escape(subject)));
    }
    out.push_str(&format!(
        "<dc:creator>{0}</dc:creator><cp:lastModifiedBy>{0}</cp:lastModifiedBy><cp:revision>1</cp:revision>",
        escape(&meta.author)
    ));
    if let Some(lang) = styles::language_tag(&meta.language) {
        out.push_str(&format!("<dc:language>{lang}</dc:language>"));
    }
    out.push_str(&format!(
        concat!(
            r#"<dcterms:created xsi:type="dcterms:W3CDTF">{0}</dcterms:created>"#,
            r#"<dcterms:modified xsi:type="dcterms:W3CDTF">{0}</dcterms:modified>"#,
            "</cp:coreProperties>"
        ),
        date
    ));
    out
}

fn app() -> String {
    format!(
        concat!(
            "{}",
            r#"<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">"#,
            "<Application>hrdraft</Application></Properties>"
        ),
        DECL
    )
}

fn settings(has_notes: bool, update_fields: bool, language: &str) -> String {
    // Children in CT_Settings order. doNotExpandShiftReturn keeps Word from
    // stretching a justified line that ends in a line break.
    let notes = if has_notes {
        r#"<w:footnotePr><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>"#
    } else {
        ""
    };
    let update = if update_fields {
        r#"<w:updateFields w:val="true"/>"#
    } else {
        ""
    };
    let lang = styles::language_tag(language)
        .map(|l| format!(r#"<w:themeFontLang w:val="{l}"/>"#))
        .unwrap_or_default();
    format!(
        concat!(
            r#"{}<w:settings xmlns:w="{}"><w:zoom w:percent="100"/><w:defaultTabStop w:val="720"/>"#,
            // Word and LibreOffice hyphenate as the PDF does: by the
            // document's language, at most two hyphenated lines in a row,
            // never a word in capitals.
            r#"<w:autoHyphenation w:val="true"/><w:consecutiveHyphenLimit w:val="2"/><w:doNotHyphenateCaps w:val="true"/>"#,
            r#"<w:characterSpacingControl w:val="doNotCompress"/>{}{}"#,
            r#"<w:compat><w:doNotExpandShiftReturn/>"#,
            r#"<w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/>"#,
            r#"</w:compat>{}</w:settings>"#
        ),
        DECL, W_NS, update, notes, lang
    )
}

fn font_table() -> String {
    format!(
        concat!(
            r#"{}<w:fonts xmlns:w="{}"><w:font w:name="{}"><w:altName w:val="Times New Roman"/>"#,
            r#"<w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font></w:fonts>"#
        ),
        DECL,
        W_NS,
        styles::FONT
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(w3c_date(0), "1970-01-01T00:00:00Z");
        assert_eq!(w3c_date(1_350_518_400), "2012-10-18T00:00:00Z");
        assert_eq!(w3c_date(951_825_600), "2000-02-29T12:00:00Z");
        assert_eq!(w3c_date(-86_400), "1969-12-31T00:00:00Z");
        assert_eq!(zip_time(0), DateTime::default());
    }
}
