//! HTML: one self-contained HTML5 file, styles inline, no scripts, nothing fetched.
//!
//! Footnotes become numbered endnotes with links back to each reference.
//! A page reference has no page to name in a web page, so it is a `§` link
//! to its anchor. Links to anything but web, mail and telephone addresses
//! are written as their text alone, since a dataset may hold any address.

use std::collections::{HashMap, HashSet};
use std::fmt::Write;

use super::{WriteError, WriteOptions, Writer};
use crate::document::style::{heading_style, paragraph_style, style_id, ParagraphStyle};
use crate::document::{Align, Block, Document, Inline, LinesRole, Table};

/// The HTML writer, registered as `html`.
pub struct Html;

impl Writer for Html {
    fn name(&self) -> &'static str {
        "html"
    }

    fn extension(&self) -> &'static str {
        "html"
    }

    fn write(&self, doc: &Document, opts: &WriteOptions) -> Result<Vec<u8>, WriteError> {
        Ok(html(doc, opts).into_bytes())
    }
}

const STYLE: &str = "\
body{font-family:Georgia,'Times New Roman',serif;line-height:1.45;max-width:42em;margin:2em auto;padding:0 1em;color:#111}
p{text-align:justify;hyphens:auto;-webkit-hyphens:auto;margin:0 0 .8em}
h1.title{text-align:center}
.start{text-align:start}.end{text-align:end}.center{text-align:center}.justify{text-align:justify}
p.lines{text-align:start}p.address,p.signature{margin:1em 0}
p.signature{break-inside:avoid}
blockquote{margin:0 0 .8em 2em}
table{border-collapse:collapse;width:100%;margin:0 0 1em}
th,td{border:1px solid #888;padding:.25em .4em;vertical-align:top;text-align:start}
thead th{background:#eee}
sup.fnref{line-height:0;font-size:.75em}
a.pageref{text-decoration:none}
section.footnotes{font-size:.9em;margin-top:2em}
section.footnotes p{text-align:start;margin:0 0 .3em}
a.back{text-decoration:none}
@media print{.page-break{break-after:page}.keep,.keep-with-next{break-inside:avoid}.keep-with-next{break-after:avoid}body{max-width:none;margin:0}}
";

/// The styles a review copy adds: each paragraph's notes beside it, in the
/// right margin, and the end of each marked piece of text numbered.
const REVIEW_STYLE: &str = "\
body{max-width:64em}main,section.footnotes{margin-right:22em}
aside.review{float:right;clear:right;width:20em;margin-right:-22em;font:.78em/1.35 sans-serif;color:#333}
aside.review p{text-align:start;margin:0 0 .6em;padding:.3em .5em;border-left:3px solid #c90;background:#fff8e5}
aside.review b{color:#960}
sup.review{font:.7em sans-serif;color:#960}
";

/// The document as an HTML5 page.
pub fn html(doc: &Document, opts: &WriteOptions) -> String {
    page(doc, opts, false)
}

/// The review copy: the page [`html`] writes, with each review mark's note
/// ([`Document::marks`]) beside the paragraph where the marked text ends,
/// and the text's end numbered to match.
pub fn html_review(doc: &Document, opts: &WriteOptions) -> String {
    page(doc, opts, true)
}

fn page(doc: &Document, _opts: &WriteOptions, review: bool) -> String {
    let mut w = HtmlWriter::default();
    if review {
        w.review = Some(doc.marks.clone());
    }
    let lang = if doc.meta.language.trim().is_empty() {
        "und".to_string()
    } else {
        doc.meta.language.clone()
    };
    let title = if doc.meta.title.trim().is_empty() {
        first_title(&doc.blocks).unwrap_or_else(|| "Document".into())
    } else {
        doc.meta.title.clone()
    };
    w.out.push_str("<!DOCTYPE html>\n");
    let _ = writeln!(w.out, "<html lang=\"{}\">", attr(&lang));
    w.out.push_str("<head>\n<meta charset=\"utf-8\">\n");
    w.out
        .push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let _ = writeln!(w.out, "<title>{}</title>", text(&title));
    if !doc.meta.author.is_empty() {
        let _ = writeln!(
            w.out,
            "<meta name=\"author\" content=\"{}\">",
            attr(&doc.meta.author)
        );
    }
    if let Some(s) = &doc.meta.subject {
        let _ = writeln!(w.out, "<meta name=\"description\" content=\"{}\">", attr(s));
    }
    let review_style = if review { REVIEW_STYLE } else { "" };
    w.levels = heading_levels(&doc.blocks);
    let letterhead = letterhead(&doc.letterhead);
    let _ = write!(
        w.out,
        "<style>\n{STYLE}{}{}{}{review_style}</style>\n</head>\n<body>\n{letterhead}<main>\n",
        heading_css(&w.levels, doc.page.font_size),
        named_css(&doc.blocks),
        if letterhead.is_empty() {
            ""
        } else {
            LETTERHEAD_STYLE
        },
    );
    w.blocks(&doc.blocks);
    w.out.push_str("</main>\n");
    if !doc.footnotes.is_empty() {
        w.out
            .push_str("<section class=\"footnotes\" role=\"doc-endnotes\">\n<hr>\n<ol>\n");
        for (i, note) in doc.footnotes.iter().enumerate() {
            let n = i + 1;
            let _ = writeln!(w.out, "<li id=\"fn~{n}\">");
            let refs = w.refs.get(&i).copied().unwrap_or(0);
            let mut back = String::new();
            for r in 1..=refs {
                let (id, label) = if r == 1 {
                    (format!("fnref~{n}"), "↩".to_string())
                } else {
                    (format!("fnref~{n}~{r}"), format!("↩{r}"))
                };
                let _ = write!(
                    back,
                    " <a class=\"back\" href=\"#{id}\" aria-label=\"Back to reference {n}\">{label}</a>"
                );
            }
            match note.blocks.split_last() {
                Some((Block::Paragraph { content, align }, rest)) => {
                    w.blocks(rest);
                    w.out.push_str(&format!("<p{}>", align_class(*align, None)));
                    w.inlines(content);
                    w.out.push_str(&back);
                    w.out.push_str("</p>\n");
                }
                _ => {
                    w.blocks(&note.blocks);
                    if !back.is_empty() {
                        let _ = writeln!(w.out, "<p>{}</p>", back.trim_start());
                    }
                }
            }
            w.out.push_str("</li>\n");
        }
        w.out.push_str("</ol>\n</section>\n");
    }
    w.out.push_str("</body>\n</html>\n");
    w.out
}

struct HtmlWriter {
    out: String,
    /// How many references to each footnote have been written.
    refs: HashMap<usize, usize>,
    /// Anchor names written, so that each id is used once.
    anchors: HashSet<String>,
    /// Charts written so far, to give each an id.
    charts: usize,
    /// The HTML level of each heading level the document uses
    /// ([`heading_levels`]).
    levels: [u8; 256],
    /// In a review copy, the document's marks.
    review: Option<Vec<crate::document::Mark>>,
    /// Marks whose text ended in the paragraph being written.
    ended: Vec<usize>,
}

impl Default for HtmlWriter {
    fn default() -> Self {
        HtmlWriter {
            out: String::new(),
            refs: HashMap::new(),
            anchors: HashSet::new(),
            charts: 0,
            levels: [2; 256],
            review: None,
            ended: Vec::new(),
        }
    }
}

/// CSS giving each heading level the style sheet's size, face and spacing
/// (document/style.rs), at the HTML level `levels` gives it: the sizes are
/// relative to body text, as in the PDF and DOCX.
fn heading_css(levels: &[u8; 256], body: f32) -> String {
    let body = if body > 0.0 { body } else { 11.0 };
    let mut css = String::new();
    for level in 0..=3u8 {
        let look = heading_style(level);
        let h = levels[usize::from(level)];
        let title = if level == 0 { ".title" } else { "" };
        // Margins in ems of the heading's own size; the sheet's spacing is
        // in body sizes.
        let size = body + look.size_above_body;
        let _ = writeln!(
            css,
            "h{h}{title}{{font-size:{:.2}em;font-style:{};margin:{:.2}em 0 {:.2}em}}",
            size / body,
            if look.italic { "italic" } else { "normal" },
            look.space_before * body / size,
            look.space_after * body / size
        );
    }
    css
}

/// CSS giving the named paragraph styles `blocks` use the style sheet's
/// look (document/style.rs): one rule per style, empty when none is used.
fn named_css(blocks: &[Block]) -> String {
    fn walk(blocks: &[Block], used: &mut Vec<&'static ParagraphStyle>) {
        for b in blocks {
            match b {
                Block::Styled { style, blocks } => {
                    if let Some(look) = paragraph_style(style) {
                        if !used.contains(&look) {
                            used.push(look);
                        }
                    }
                    walk(blocks, used);
                }
                Block::List { items, .. } => items.iter().for_each(|i| walk(i, used)),
                Block::Quote(q) | Block::Keep { blocks: q, .. } => walk(q, used),
                _ => {}
            }
        }
    }
    let mut used = Vec::new();
    walk(blocks, &mut used);
    let mut css = String::new();
    for look in used {
        let mut rule = String::new();
        if look.align != Align::Justify {
            let a = match look.align {
                Align::Start => "start",
                Align::End => "end",
                _ => "center",
            };
            let _ = write!(rule, "text-align:{a};");
        }
        if look.bold {
            rule.push_str("font-weight:bold;");
        }
        if look.italic {
            rule.push_str("font-style:italic;");
        }
        if look.underline {
            rule.push_str("text-decoration:underline;");
        }
        if look.keep_with_next {
            rule.push_str("break-after:avoid;");
        }
        if !rule.is_empty() {
            rule.pop();
            let _ = writeln!(css, ".style-{} p{{{rule}}}", style_id(look.name));
        }
    }
    css
}

/// HTML levels for the heading levels `blocks` use, so that headings start
/// at `h1` (or `h2` below a title, which is `h1`) and nest without skips,
/// as screen readers and outlines expect: a question set whose headings are
/// all level 2 has `h1` headings, not `h3`.
fn heading_levels(blocks: &[Block]) -> [u8; 256] {
    fn walk(blocks: &[Block], used: &mut [bool; 256]) {
        for b in blocks {
            match b {
                Block::Heading { level, .. } => used[usize::from(*level)] = true,
                Block::List { items, .. } => items.iter().for_each(|i| walk(i, used)),
                Block::Quote(q)
                | Block::Keep { blocks: q, .. }
                | Block::Styled { blocks: q, .. } => walk(q, used),
                _ => {}
            }
        }
    }
    let mut used = [false; 256];
    walk(blocks, &mut used);
    let mut levels = [6; 256];
    let mut next = if used[0] { 2 } else { 1 };
    levels[0] = 1;
    for (level, u) in used.iter().enumerate().skip(1) {
        levels[level] = next.min(6);
        if *u {
            next += 1;
        }
    }
    levels
}

impl HtmlWriter {
    fn blocks(&mut self, blocks: &[Block]) {
        for b in blocks {
            self.block(b);
        }
    }

    fn block(&mut self, b: &Block) {
        match b {
            Block::Heading { level: 0, content } => {
                self.out.push_str("<h1 class=\"title\">");
                self.inlines(content);
                self.out.push_str("</h1>\n");
            }
            Block::Heading { level, content } => {
                let h = self.levels[usize::from(*level)];
                let _ = write!(self.out, "<h{h}>");
                self.inlines(content);
                let _ = writeln!(self.out, "</h{h}>");
            }
            Block::Paragraph { content, align } => {
                let at = self.out.len();
                let _ = write!(self.out, "<p{}>", align_class(*align, None));
                self.inlines(content);
                self.out.push_str("</p>\n");
                self.notes_before(at);
            }
            Block::Lines { lines, align, role } => {
                let role = match role {
                    LinesRole::Plain => "lines",
                    LinesRole::Address => "lines address",
                    LinesRole::Signature => "lines signature",
                };
                let at = self.out.len();
                let _ = write!(self.out, "<p{}>", align_class(*align, Some(role)));
                for (i, line) in lines.iter().enumerate() {
                    if i > 0 {
                        self.out.push_str("<br>\n");
                    }
                    self.inlines(line);
                }
                self.out.push_str("</p>\n");
                self.notes_before(at);
            }
            Block::List { start, items } => {
                let tag = match start {
                    Some(1) => {
                        self.out.push_str("<ol>\n");
                        "ol"
                    }
                    Some(n) => {
                        let _ = writeln!(self.out, "<ol start=\"{n}\">");
                        "ol"
                    }
                    None => {
                        self.out.push_str("<ul>\n");
                        "ul"
                    }
                };
                for item in items {
                    self.out.push_str("<li>");
                    self.blocks(item);
                    self.out.push_str("</li>\n");
                }
                let _ = writeln!(self.out, "</{tag}>");
            }
            Block::Table(t) => self.table(t),
            Block::Quote(inner) => {
                self.out.push_str("<blockquote>\n");
                self.blocks(inner);
                self.out.push_str("</blockquote>\n");
            }
            Block::Keep { blocks, with_next } => {
                let class = if *with_next { "keep-with-next" } else { "keep" };
                let _ = writeln!(self.out, "<div class=\"{class}\">");
                self.blocks(blocks);
                self.out.push_str("</div>\n");
            }
            Block::Styled { style, blocks } => {
                let _ = writeln!(
                    self.out,
                    "<div class=\"style-{}\" data-custom-style=\"{}\">",
                    style_id(style),
                    attr(style)
                );
                self.blocks(blocks);
                self.out.push_str("</div>\n");
            }
            Block::Rule => self.out.push_str("<hr>\n"),
            Block::PageBreak => self.out.push_str("<div class=\"page-break\"></div>\n"),
            // The drawing, then its numbers as a table: the text alternative.
            Block::Chart(c) => {
                self.charts += 1;
                let id = format!("chart-{}", self.charts);
                let _ = write!(
                    self.out,
                    "<figure class=\"chart\" id=\"{id}\" style=\"margin:0 0 1em\">"
                );
                if !c.caption.is_empty() {
                    self.out.push_str("<figcaption><strong>");
                    self.inlines(&c.caption);
                    self.out.push_str("</strong></figcaption>");
                }
                self.out.push_str(&super::svg::chart(c, &id));
                self.out.push('\n');
                self.table(&c.table());
                self.out.push_str("</figure>\n");
            }
        }
    }

    fn table(&mut self, t: &Table) {
        self.out.push_str("<table>\n");
        let total: f32 = t.columns.iter().map(|c| c.width.max(0.0)).sum();
        if total > 0.0 {
            self.out.push_str("<colgroup>");
            for c in &t.columns {
                let _ = write!(
                    self.out,
                    "<col style=\"width:{:.1}%\">",
                    c.width.max(0.0) / total * 100.0
                );
            }
            self.out.push_str("</colgroup>\n");
        }
        let class = |i: usize| match t.columns.get(i).map(|c| c.align) {
            Some(Align::End) => " class=\"end\"",
            Some(Align::Center) => " class=\"center\"",
            Some(Align::Justify) => " class=\"justify\"",
            _ => "",
        };
        if !t.header.is_empty() {
            self.out.push_str("<thead>\n<tr>");
            for (i, cell) in t.header.iter().enumerate() {
                let _ = write!(self.out, "<th scope=\"col\"{}>", class(i));
                self.inlines(cell);
                self.out.push_str("</th>");
            }
            self.out.push_str("</tr>\n</thead>\n");
        }
        self.out.push_str("<tbody>\n");
        for row in &t.rows {
            self.out.push_str("<tr>");
            for (i, cell) in row.iter().enumerate() {
                let _ = write!(self.out, "<td{}>", class(i));
                self.inlines(cell);
                self.out.push_str("</td>");
            }
            self.out.push_str("</tr>\n");
        }
        self.out.push_str("</tbody>\n</table>\n");
    }

    /// In a review copy, the notes of the marks that ended in the paragraph
    /// written from `at`, put before it so that they float beside it.
    fn notes_before(&mut self, at: usize) {
        let Some(marks) = &self.review else {
            return;
        };
        if self.ended.is_empty() {
            return;
        }
        let mut aside = String::from("<aside class=\"review\">");
        for id in std::mem::take(&mut self.ended) {
            let Some(mark) = marks.get(id) else {
                continue;
            };
            let lines = mark.lines();
            let _ = write!(aside, "<p id=\"review-{}\"><b>R{}</b> ", id + 1, id + 1);
            for (i, line) in lines.iter().enumerate() {
                if i > 0 {
                    aside.push_str("<br>");
                }
                aside.push_str(&text(line));
            }
            aside.push_str("</p>");
        }
        aside.push_str("</aside>\n");
        self.out.insert_str(at, &aside);
    }

    fn inlines(&mut self, inlines: &[Inline]) {
        for i in inlines {
            self.inline(i);
        }
    }

    fn inline(&mut self, i: &Inline) {
        match i {
            // Text that opens a bidirectional embedding, override or isolate
            // (a stray U+202E RIGHT-TO-LEFT OVERRIDE in a country's name) is
            // isolated in <bdi>, so its effect ends with the text run
            // instead of reversing the rest of the paragraph.
            Inline::Text(t) if t.chars().any(opens_bidi) => {
                let _ = write!(self.out, "<bdi>{}</bdi>", text(t));
            }
            Inline::Text(t) => self.out.push_str(&text(t)),
            Inline::Emphasis(c) => self.wrap("em", c),
            Inline::Strong(c) => self.wrap("strong", c),
            Inline::Underline(c) => self.wrap("u", c),
            Inline::Link { url, content } if safe_url(url) => {
                let _ = write!(self.out, "<a href=\"{}\">", attr(url));
                self.inlines(content);
                self.out.push_str("</a>");
            }
            Inline::Link { content, .. } => self.inlines(content),
            Inline::FootnoteRef(i) => {
                let n = i + 1;
                let count = self.refs.entry(*i).or_insert(0);
                *count += 1;
                let id = if *count == 1 {
                    format!("fnref~{n}")
                } else {
                    format!("fnref~{n}~{count}")
                };
                let _ = write!(
                    self.out,
                    "<sup class=\"fnref\"><a href=\"#fn~{n}\" id=\"{id}\" role=\"doc-noteref\">{n}</a></sup>"
                );
            }
            Inline::LineBreak => self.out.push_str("<br>\n"),
            Inline::Anchor(name) => {
                if self.anchors.insert(name.clone()) {
                    let _ = write!(self.out, "<a id=\"{}\"></a>", attr(name));
                }
            }
            // No pages: a link to the place, its label left out.
            Inline::PageRef { target, .. } => {
                let _ = write!(
                    self.out,
                    "<a class=\"pageref\" href=\"#{}\">§</a>",
                    attr(target)
                );
            }
            Inline::Mark { id, end: true } if self.review.is_some() => {
                let n = id + 1;
                let _ = write!(
                    self.out,
                    "<sup class=\"review\"><a href=\"#review-{n}\">R{n}</a></sup>"
                );
                self.ended.push(*id);
            }
            Inline::Mark { .. } => {}
        }
    }

    fn wrap(&mut self, tag: &str, content: &[Inline]) {
        let _ = write!(self.out, "<{tag}>");
        self.inlines(content);
        let _ = write!(self.out, "</{tag}>");
    }
}

/// How the letterhead sits: the logo at its margin, the sender block beside
/// it, as on the PDF's first page.
const LETTERHEAD_STYLE: &str = "\
header.letterhead{display:flow-root;margin-bottom:2em}
header.letterhead .logo{margin:0}header.letterhead .logo.start{float:inline-start;margin-inline-end:1.5em}
header.letterhead .logo.end{float:inline-end;margin-inline-start:1.5em}
header.letterhead .sender{margin:0}
header.letterhead a{color:inherit;text-decoration:none}
";

/// The organisation's letterhead at the top of the page: its logo, in the
/// file itself (a `data:` address, so that the page stands alone), and its
/// sender block. A page has no later pages, so the running footer and the
/// later pages' head are left out. Nothing when there is neither logo nor
/// sender block.
fn letterhead(letterhead: &crate::document::Letterhead) -> String {
    use base64::Engine as _;
    if letterhead.logo.is_none() && letterhead.sender.is_empty() {
        return String::new();
    }
    let mut out = String::from("<header class=\"letterhead\">\n");
    if let Some(logo) = &letterhead.logo {
        let (w, h) = logo.size_pt();
        // CSS pixels: 96 to the inch, 72 points.
        let px = |pt: f32| (pt * 4.0 / 3.0).round() as u32;
        let mime = match logo.format {
            crate::document::ImageFormat::Png => "image/png",
            crate::document::ImageFormat::Jpeg => "image/jpeg",
            crate::document::ImageFormat::Svg => "image/svg+xml",
        };
        let _ = writeln!(
            out,
            "<p{}><img src=\"data:{mime};base64,{}\" alt=\"{}\" width=\"{w}\" height=\"{h}\" \
             style=\"width:{w}px;height:{h}px\"></p>",
            align_class(letterhead.logo_align.unwrap_or(Align::Start), Some("logo")),
            base64::engine::general_purpose::STANDARD.encode(&logo.data),
            attr(&logo.alt),
            w = px(w),
            h = px(h),
        );
    }
    if !letterhead.sender.is_empty() {
        let lines: Vec<String> = letterhead
            .sender
            .iter()
            .map(|line| {
                // Its e-mail and web addresses as links, as in the text.
                let mut shown = String::new();
                let mut at = 0;
                for (range, url) in line.links() {
                    shown.push_str(&text(&line.text[at..range.start]));
                    let _ = write!(
                        shown,
                        "<a href=\"{}\">{}</a>",
                        attr(&url),
                        text(&line.text[range.clone()])
                    );
                    at = range.end;
                }
                shown.push_str(&text(&line.text[at..]));
                if line.strong {
                    format!("<strong>{shown}</strong>")
                } else {
                    shown
                }
            })
            .collect();
        let _ = writeln!(
            out,
            "<p{}>{}</p>",
            align_class(
                letterhead.sender_align.unwrap_or(Align::End),
                Some("sender")
            ),
            lines.join("<br>\n")
        );
    }
    out.push_str("</header>\n");
    out
}

fn align_class(align: Align, role: Option<&str>) -> String {
    let a = match align {
        Align::Justify => None,
        Align::Start => Some("start"),
        Align::End => Some("end"),
        Align::Center => Some("center"),
    };
    match (role, a) {
        (Some(r), Some(a)) => format!(" class=\"{r} {a}\""),
        (Some(r), None) => format!(" class=\"{r}\""),
        (None, Some(a)) => format!(" class=\"{a}\""),
        (None, None) => String::new(),
    }
}

/// The text of the first title heading.
fn first_title(blocks: &[Block]) -> Option<String> {
    blocks.iter().find_map(|b| match b {
        Block::Heading { level: 0, content } => Some(Inline::plain_text(content)),
        _ => None,
    })
}

/// Web, mail and telephone addresses, and links within the page.
fn safe_url(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    match lower.find(':') {
        None => true,
        Some(i) if lower[..i].contains(['/', '?', '#']) => true,
        Some(i) => matches!(&lower[..i], "http" | "https" | "mailto" | "tel"),
    }
}

/// LRE, RLE, LRO, RLO (and their PDF), LRI, RLI, FSI (and their PDI).
fn opens_bidi(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Escape text content.
fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            // Control characters are not allowed in HTML text.
            c if c.is_control() && !matches!(c, '\n' | '\t') => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// Escape an attribute value (always written in double quotes).
fn attr(s: &str) -> String {
    text(s).replace('"', "&quot;").replace('\'', "&#39;")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Footnote, Metadata};

    #[test]
    fn escapes_and_guards_links() {
        let doc = Document {
            meta: Metadata {
                title: "A <b>\"title\"</b>".into(),
                language: "ru".into(),
                ..Metadata::default()
            },
            blocks: vec![Block::Paragraph {
                content: vec![
                    Inline::Text("<script>&".into()),
                    Inline::Link {
                        url: "javascript:alert(1)".into(),
                        content: vec![Inline::Text("x".into())],
                    },
                    Inline::Link {
                        url: "https://a.org/?q=\"1\"".into(),
                        content: vec![Inline::Text("y".into())],
                    },
                    Inline::FootnoteRef(0),
                    Inline::FootnoteRef(0),
                ],
                align: Align::End,
            }],
            footnotes: vec![Footnote {
                blocks: vec![Block::Paragraph {
                    content: vec![Inline::Text("n".into())],
                    align: Align::Justify,
                }],
            }],
            ..Document::default()
        };
        let h = html(&doc, &WriteOptions::default());
        assert!(h.contains("<html lang=\"ru\">"));
        assert!(h.contains("<title>A &lt;b&gt;\"title\"&lt;/b&gt;</title>"));
        assert!(h.contains(
            "<p class=\"end\">&lt;script&gt;&amp;x<a href=\"https://a.org/?q=&quot;1&quot;\">y</a>"
        ));
        assert!(!h.contains("javascript"));
        assert!(h.contains("id=\"fnref~1~2\""));
        assert!(h.contains("<li id=\"fn~1\">\n<p>n <a class=\"back\" href=\"#fnref~1\""));
        assert!(h.contains("href=\"#fnref~1~2\""));
        assert!(!h.contains("<script"));
    }

    #[test]
    fn headings_and_named_styles_look_as_the_style_sheet_says() {
        let text = |t: &str| vec![Inline::Text(t.into())];
        let doc = Document {
            blocks: vec![
                // A question set's headings are all level 2: they are h1,
                // sized as a level-2 heading is in the PDF (12 pt over 11).
                Block::Heading {
                    level: 2,
                    content: text("Questions"),
                },
                Block::Styled {
                    style: "Label".into(),
                    blocks: vec![Block::Paragraph {
                        content: text("Government response:"),
                        align: Align::Start,
                    }],
                },
                Block::Styled {
                    style: "Team Note".into(),
                    blocks: vec![Block::Paragraph {
                        content: text("n"),
                        align: Align::Justify,
                    }],
                },
            ],
            ..Document::default()
        };
        let h = html(&doc, &WriteOptions::default());
        assert!(h.contains("<h1>Questions</h1>"), "{h}");
        assert!(
            h.contains("\nh1{font-size:1.09em;font-style:normal;"),
            "{h}"
        );
        assert!(
            h.contains(
                ".style-Label p{text-align:start;text-decoration:underline;break-after:avoid}"
            ),
            "{h}"
        );
        assert!(h.contains("<div class=\"style-Label\" data-custom-style=\"Label\">\n<p class=\"start\">Government response:</p>"), "{h}");
        assert!(
            h.contains("<div class=\"style-TeamNote\" data-custom-style=\"Team Note\">"),
            "{h}"
        );
        assert!(!h.contains("<u>"));
    }
}
