//! Markdown → [`Document`]: pulldown-cmark's events mapped onto the model.
//!
//! Markdown read: paragraphs, `#`/`##`/`###` headings (levels 1-3; deeper
//! ones are 3), lists (numbered lists keep their first number), GFM tables,
//! block quotes, `---` rules, emphasis, strong, links, hard breaks, footnotes
//! (numbered in order of first reference), inline code (as plain text) and
//! fenced code (as plain lines). Strikethrough is off: `~~` is text.
//!
//! Layout Markdown lacks is written with a few tags (docs/templates.md):
//! `<div class="…">` blocks (`title`, `right`, `left`, `center`, `justify`,
//! `address`, `signature`, `lines`, `page-break`), `<u>`, `<br>`,
//! `<a id="…"></a>` and `<span class="pageref" data-target="…"></span>`.
//! Any other HTML is an error naming the tag: escaped dataset text cannot
//! make HTML, so only a template can, and a template should not.
//!
//! The document title is a `<div class="title">` block, so that `#` stays a
//! first-level heading. [`Metadata`](crate::document::Metadata) is the
//! caller's to fill.
//!
//! Straight quotes in text become the curly quotes of the document's
//! language ([`quotes`]), never in code, link targets or tags.

pub(crate) mod autolink;
mod footnotes;
mod html;
mod inline;
mod pieces;
pub mod quotes;
mod stream;
#[cfg(test)]
mod tests;

pub use self::inline::MARK_TAG;
pub use self::quotes::smart_quotes;
pub use self::stream::Stream;

use std::ops::Range;

use pulldown_cmark::{Alignment, CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

use self::footnotes::Notes;
use self::html::{tokens, Token};
use crate::document::{Align, Bar, Block, Chart, Column, Document, Inline, LinesRole, Table};

/// Why Markdown could not become a document. Lines count from 1 in the
/// rendered Markdown.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    /// `[^label]` with no `[^label]: …` anywhere.
    #[error("line {line}: footnote `[^{label}]` is referred to but never defined; add a definition `[^{label}]: text` or remove the reference")]
    UndefinedFootnote {
        /// The footnote's label.
        label: String,
        /// Line of the first reference.
        line: usize,
    },
    /// An HTML tag that is not one of the layout tags.
    #[error("line {line}: `{tag}` is not a layout tag; templates may use only the tags listed in docs/templates.md (div classes, u, br, a id, span pageref)")]
    Html {
        /// The tag as written.
        tag: String,
        /// Its line.
        line: usize,
    },
    /// Layout tags used the wrong way.
    #[error("line {line}: {message}")]
    Layout {
        /// Where.
        line: usize,
        /// What is wrong and how to put it right.
        message: String,
    },
    /// A document larger or deeper than any real one, refused to protect the machine.
    #[error("line {line}: {message}")]
    TooLarge {
        /// Where the limit was passed.
        line: usize,
        /// Which limit, and what probably caused it.
        message: String,
    },
    /// Markdown the model has no place for.
    #[error("line {line}: {what} cannot be put in a document")]
    Unsupported {
        /// What was found.
        what: String,
        /// Where.
        line: usize,
    },
}

/// Something odd that does not stop the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseWarning {
    /// A footnote defined but never referred to; it is left out.
    UnusedFootnote {
        /// Its label.
        label: String,
        /// Line of its definition.
        line: usize,
    },
    /// A second definition of a label; the first is kept.
    DuplicateFootnote {
        /// Its label.
        label: String,
        /// Line of the second definition.
        line: usize,
    },
}

/// Parse Markdown written in English into a document (metadata and page
/// settings left default); see [`parse_in`].
pub fn parse(markdown: &str) -> Result<Document, ParseError> {
    parse_in(markdown, "en")
}

/// Parse Markdown written in `language` (a BCP 47 tag, "en", "ru-RU"):
/// straight quotes in its text become that language's curly ones.
pub fn parse_in(markdown: &str, language: &str) -> Result<Document, ParseError> {
    parse_with_warnings_in(markdown, language).map(|(doc, _)| doc)
}

/// [`parse`], also returning what was odd but not wrong.
pub fn parse_with_warnings(markdown: &str) -> Result<(Document, Vec<ParseWarning>), ParseError> {
    parse_with_warnings_in(markdown, "en")
}

/// [`parse_in`], also returning what was odd but not wrong.
///
/// A document of more than [`PIECE_BYTES`] twice over is parsed in pieces
/// on every core when it can be cut into pieces that parse as the whole does
/// ([`pieces`]); the document is the same either way.
pub fn parse_with_warnings_in(
    markdown: &str,
    language: &str,
) -> Result<(Document, Vec<ParseWarning>), ParseError> {
    parse_in_pieces(markdown, language, PIECE_BYTES)
}

/// About how many bytes of Markdown each piece of a long document holds.
pub const PIECE_BYTES: usize = 1 << 20;

/// [`parse_with_warnings_in`] with pieces of about `piece_bytes`, for tests
/// that cut documents at every point they may be cut.
pub(crate) fn parse_in_pieces(
    markdown: &str,
    language: &str,
    piece_bytes: usize,
) -> Result<(Document, Vec<ParseWarning>), ParseError> {
    let quotes = quotes::Quotes::for_language(language);
    let plan = if markdown.len() >= 2 * piece_bytes {
        pieces::plan(markdown, piece_bytes).filter(|p| p.body.len() > 1)
    } else {
        None
    };
    if let Some(plan) = plan {
        if let Some(parsed) = parse_planned(markdown, &plan, quotes) {
            return Ok(parsed);
        }
        // A piece could not be read: the whole document is, so that the
        // error is the one the whole gives, at its line.
    }
    // The whole document has no stubs: every event is its own.
    let Parsed {
        mut blocks, notes, ..
    } = parse_piece(markdown, usize::MAX, 0, quotes)?;
    let (footnotes, warnings) = notes.finish(&mut blocks)?;
    Ok((
        Document {
            blocks,
            footnotes,
            ..Document::default()
        },
        warnings,
    ))
}

/// One piece of a document read into blocks, its notes not yet numbered.
struct Parsed {
    blocks: Vec<Block>,
    notes: Notes,
    /// Blocks pulldown-cmark found, for [`MAX_BLOCKS`].
    blocks_counted: usize,
}

/// Read `text`, whose events from byte `own` on are its stub definitions'
/// and left out, and whose first line is line `line_base + 1` of the
/// document.
fn parse_piece(
    text: &str,
    own: usize,
    line_base: usize,
    quotes: quotes::Quotes,
) -> Result<Parsed, ParseError> {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_FOOTNOTES);
    let mut events: Vec<(Event<'_>, Range<usize>)> = Parser::new_ext(text, options)
        .into_offset_iter()
        .take_while(|(_, range)| range.start < own)
        .collect();
    let blocks_counted = check_limits(text, &events)?;
    quotes::curl_events(&mut events, quotes);
    let mut b = Builder {
        src: text,
        line_starts: text.match_indices('\n').map(|(i, _)| i + 1).collect(),
        line_base,
        events,
        pos: 0,
        notes: Notes::default(),
    };
    let blocks = b.blocks()?;
    Ok(Parsed {
        blocks,
        notes: b.notes,
        blocks_counted,
    })
}

/// The pieces of `plan` read on every core and joined; `None` when one
/// cannot be read or the document is too large, for the whole to be read
/// and the error given as the whole gives it.
fn parse_planned(
    src: &str,
    plan: &pieces::Plan,
    quotes: quotes::Quotes,
) -> Option<(Document, Vec<ParseWarning>)> {
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    let mut ranges = plan.body.clone();
    ranges.extend(plan.notes.clone());
    let mut line_base = 0;
    let bases: Vec<usize> = ranges
        .iter()
        .map(|r| {
            let base = line_base;
            line_base += newlines(&src.as_bytes()[r.clone()]);
            base
        })
        .collect();
    let next = AtomicUsize::new(0);
    let failed = AtomicBool::new(false);
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 4)
        .min(ranges.len());
    let work = || {
        let mut done = Vec::new();
        while !failed.load(Ordering::Relaxed) {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(range) = ranges.get(i) else { break };
            let piece = plan.piece(src, range.clone(), bases[i]);
            match parse_piece(&piece.text, piece.own, piece.line_base, quotes) {
                Ok(parsed) => done.push((i, parsed)),
                Err(_) => failed.store(true, Ordering::Relaxed),
            }
        }
        done
    };
    let mut parsed: Vec<(usize, Parsed)> = std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..workers).map(|_| scope.spawn(work)).collect();
        let mut all = work();
        for h in helpers {
            all.extend(h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)));
        }
        all
    });
    if failed.load(Ordering::Relaxed) || parsed.len() != ranges.len() {
        return None;
    }
    if parsed.iter().map(|(_, p)| p.blocks_counted).sum::<usize>() > MAX_BLOCKS {
        return None;
    }
    parsed.sort_unstable_by_key(|(i, _)| *i);
    join(parsed.into_iter().map(|(_, p)| p).collect())
}

/// The pieces of a document, in order, joined into it: their notes
/// numbered over the whole. `None` when a note is referred to and defined
/// nowhere, for the whole to be read and the error given as it gives it.
fn join(pieces: Vec<Parsed>) -> Option<(Document, Vec<ParseWarning>)> {
    let mut notes = Notes::default();
    let mut blocks = Vec::with_capacity(pieces.iter().map(|p| p.blocks.len()).sum());
    for piece in pieces {
        let Parsed {
            blocks: mut own,
            notes: theirs,
            ..
        } = piece;
        notes.absorb(theirs, &mut own);
        blocks.append(&mut own);
    }
    let (footnotes, warnings) = notes.finish(&mut blocks).ok()?;
    Some((
        Document {
            blocks,
            footnotes,
            ..Document::default()
        },
        warnings,
    ))
}

/// The number of newlines in `bytes`.
fn newlines(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b == b'\n').count()
}

/// How deep lists, quotations, footnotes and emphasis may nest: far beyond
/// any letter or report, well within what the writers' recursion can take.
pub const MAX_NESTING: usize = 64;

/// How many blocks (paragraphs, headings, list items, table rows …) a
/// document may hold: about ten times a Mid-term Implementation Assessment
/// of 100,000 recommendations.
pub const MAX_BLOCKS: usize = 10_000_000;

/// Refuse documents nested deeper than [`MAX_NESTING`] or with more than
/// [`MAX_BLOCKS`] blocks, before any recursion sees them; the number of
/// blocks.
fn check_limits(src: &str, events: &[(Event<'_>, Range<usize>)]) -> Result<usize, ParseError> {
    let line_of = |offset: usize| src.get(..offset).map_or(0, |s| s.matches('\n').count()) + 1;
    let mut depth = 0usize;
    let mut blocks = 0usize;
    for (event, range) in events {
        match event {
            Event::Start(tag) => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Err(ParseError::TooLarge {
                        line: line_of(range.start),
                        message: format!(
                            "lists, quotations or emphasis nest more than {MAX_NESTING} deep; \
                             no document needs that, so the template probably repeats a `>`, \
                             `-` or `*` it should not"
                        ),
                    });
                }
                if !matches!(
                    tag,
                    Tag::Emphasis
                        | Tag::Strong
                        | Tag::Strikethrough
                        | Tag::Link { .. }
                        | Tag::Image { .. }
                        | Tag::Superscript
                        | Tag::Subscript
                ) {
                    blocks += 1;
                    if blocks > MAX_BLOCKS {
                        return Err(ParseError::TooLarge {
                            line: line_of(range.start),
                            message: format!(
                                "the document has more than {MAX_BLOCKS} paragraphs, headings, \
                                 list items and table rows, more than hrdraft lays out"
                            ),
                        });
                    }
                }
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(blocks)
}

/// Reads the event list into blocks.
pub(crate) struct Builder<'a> {
    src: &'a str,
    /// Byte offset where each line after the first starts.
    line_starts: Vec<usize>,
    /// Lines of the document before `src` (a piece's; 0 for the whole).
    line_base: usize,
    events: Vec<(Event<'a>, Range<usize>)>,
    pos: usize,
    notes: Notes,
}

/// What a `<div>` block makes of its content.
#[derive(Debug, Clone, Copy, PartialEq)]
enum DivKind {
    /// Alignment only.
    Align,
    /// The document title.
    Title,
    /// Lines kept as written.
    Lines(LinesRole),
    /// A page break (must be empty).
    PageBreak,
    /// Blocks kept together; `true`: and with the block after them.
    Keep(bool),
    /// A chart: a caption and a table of numbers.
    Chart,
}

struct Div {
    kind: DivKind,
    align: Option<Align>,
    /// The named paragraph style (`custom-style="…"`) of what it holds.
    style: Option<String>,
    line: usize,
    class: String,
    blocks: Vec<Block>,
    /// Per block: whether a `<div>` inside this one already placed it.
    placed: Vec<bool>,
}

impl<'a> Builder<'a> {
    /// Line (from 1) of a byte offset.
    fn line_at(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&s| s <= offset) + 1 + self.line_base
    }

    fn next(&mut self) -> Option<(Event<'a>, usize)> {
        let (e, r) = self.events.get(self.pos)?;
        self.pos += 1;
        Some((e.clone(), self.line_at(r.start)))
    }

    /// Read blocks up to the end of the enclosing container (consumed) or of
    /// the input. Layout `<div>`s open and close within one container.
    fn blocks(&mut self) -> Result<Vec<Block>, ParseError> {
        let mut out = Vec::new();
        let mut divs: Vec<Div> = Vec::new();
        while let Some((event, range)) = self.events.get(self.pos) {
            let line = self.line_at(range.start);
            if inline::is_inline(event) {
                // Content of a tight list item: a paragraph without the tags.
                let content = self.inlines(false)?;
                push(&mut out, &mut divs, paragraph(content));
                continue;
            }
            let event = event.clone();
            self.pos += 1;
            let block = match event {
                Event::End(_) => break,
                Event::Start(Tag::Paragraph) => {
                    let lines =
                        matches!(divs.last(), Some(d) if matches!(d.kind, DivKind::Lines(_)));
                    let content = self.inlines(lines)?;
                    self.expect_end(line)?;
                    paragraph(content)
                }
                Event::Start(Tag::Heading { level, .. }) => {
                    let content = self.inlines(false)?;
                    self.expect_end(line)?;
                    Block::Heading {
                        level: (level as u8).min(3),
                        content,
                    }
                }
                Event::Start(Tag::BlockQuote(_)) => Block::Quote(self.blocks()?),
                Event::Start(Tag::CodeBlock(kind)) => self.code_block(kind),
                Event::Start(Tag::List(start)) => self.list(start)?,
                Event::Start(Tag::Table(aligns)) => self.table(&aligns)?,
                Event::Start(Tag::FootnoteDefinition(label)) => {
                    let blocks = self.blocks()?;
                    self.notes.define(&label, line, blocks);
                    continue;
                }
                Event::Start(Tag::HtmlBlock) => {
                    let html = self.html_block();
                    self.layout_tags(&html, line, &mut out, &mut divs)?;
                    continue;
                }
                Event::Rule => Block::Rule,
                Event::Html(h) => {
                    self.layout_tags(&h, line, &mut out, &mut divs)?;
                    continue;
                }
                other => {
                    return Err(ParseError::Unsupported {
                        what: describe(&other),
                        line,
                    })
                }
            };
            push(&mut out, &mut divs, block);
        }
        if let Some(d) = divs.first() {
            return Err(ParseError::Layout {
                line: d.line,
                message: format!(
                    "`<div class=\"{}\">` is not closed: add `</div>` on a line of its own, \
                     inside the same list item or quotation",
                    d.class
                ),
            });
        }
        Ok(out)
    }

    /// Consume the end tag of a paragraph, heading or cell after its inlines.
    fn expect_end(&mut self, line: usize) -> Result<(), ParseError> {
        match self.next() {
            Some((Event::End(_), _)) => Ok(()),
            Some((other, l)) => Err(ParseError::Unsupported {
                what: describe(&other),
                line: l,
            }),
            None => Err(ParseError::Layout {
                line,
                message: "the text ends unexpectedly".into(),
            }),
        }
    }

    fn code_block(&mut self, _kind: CodeBlockKind<'a>) -> Block {
        let mut text = String::new();
        while let Some((e, _)) = self.next() {
            match e {
                Event::Text(t) => text.push_str(&t),
                _ => break,
            }
        }
        let lines = text
            .strip_suffix('\n')
            .unwrap_or(&text)
            .split('\n')
            .map(|l| {
                if l.is_empty() {
                    Vec::new()
                } else {
                    vec![Inline::Text(l.to_string())]
                }
            })
            .collect();
        Block::Lines {
            lines,
            align: Align::Start,
            role: LinesRole::Plain,
        }
    }

    fn list(&mut self, start: Option<u64>) -> Result<Block, ParseError> {
        let mut items = Vec::new();
        while let Some((e, line)) = self.next() {
            match e {
                Event::Start(Tag::Item) => items.push(self.blocks()?),
                Event::End(TagEnd::List(_)) => break,
                other => {
                    return Err(ParseError::Unsupported {
                        what: describe(&other),
                        line,
                    })
                }
            }
        }
        Ok(Block::List { start, items })
    }

    fn table(&mut self, aligns: &[Alignment]) -> Result<Block, ParseError> {
        let columns = aligns
            .iter()
            .map(|a| Column {
                align: match a {
                    Alignment::Right => Align::End,
                    Alignment::Center => Align::Center,
                    Alignment::Left | Alignment::None => Align::Start,
                },
                width: 0.0,
            })
            .collect();
        let mut table = Table {
            columns,
            ..Table::default()
        };
        while let Some((e, line)) = self.next() {
            match e {
                Event::Start(Tag::TableHead) => {
                    table.header = self.cells()?;
                    if table.header.iter().all(Vec::is_empty) {
                        table.header.clear();
                    }
                }
                Event::Start(Tag::TableRow) => {
                    let row = self.cells()?;
                    table.rows.push(row);
                }
                Event::End(TagEnd::Table) => break,
                other => {
                    return Err(ParseError::Unsupported {
                        what: describe(&other),
                        line,
                    })
                }
            }
        }
        Ok(Block::Table(Box::new(table)))
    }

    /// The cells of a row, through the row's end.
    fn cells(&mut self) -> Result<Vec<Vec<Inline>>, ParseError> {
        let mut cells = Vec::new();
        while let Some((e, line)) = self.next() {
            match e {
                Event::Start(Tag::TableCell) => {
                    cells.push(self.inlines(false)?);
                    self.expect_end(line)?;
                }
                Event::End(_) => break,
                other => {
                    return Err(ParseError::Unsupported {
                        what: describe(&other),
                        line,
                    })
                }
            }
        }
        Ok(cells)
    }

    /// The text of an HTML block, through its end.
    fn html_block(&mut self) -> String {
        let mut html = String::new();
        while let Some((e, _)) = self.next() {
            match e {
                Event::Html(h) | Event::Text(h) => html.push_str(&h),
                _ => break,
            }
        }
        html
    }

    /// Apply the `<div>` tags of an HTML block.
    fn layout_tags(
        &self,
        html: &str,
        line: usize,
        out: &mut Vec<Block>,
        divs: &mut Vec<Div>,
    ) -> Result<(), ParseError> {
        let toks = tokens(html).map_err(|tag| ParseError::Html { tag, line })?;
        let mut line = line;
        for tok in toks {
            match &tok {
                Token::Comment => {}
                Token::Text(t) if t.trim().is_empty() => line += t.matches('\n').count(),
                Token::Text(t) => {
                    return Err(ParseError::Layout {
                        line,
                        message: format!(
                            "text `{}` is inside a layout tag's block: leave a blank line after \
                             `<div class=\"…\">` and before `</div>`",
                            t.trim().chars().take(40).collect::<String>()
                        ),
                    })
                }
                Token::Open { name, raw, .. } if name == "div" => {
                    let class = tok.attr("class").unwrap_or("").to_string();
                    let layout = |message: String| ParseError::Layout {
                        line,
                        message: format!("`{raw}`: {message}"),
                    };
                    let style = tok.attr("custom-style").map(str::trim);
                    let style = match style {
                        Some("") => return Err(layout(
                            "`custom-style` needs a style's name, e.g. `custom-style=\"Label\"`"
                                .into(),
                        )),
                        s => s.map(str::to_owned),
                    };
                    let (kind, align) = match div_class(&class) {
                        Ok(k) => k,
                        Err(_) if class.trim().is_empty() && style.is_some() => {
                            (DivKind::Align, None)
                        }
                        Err(message) => return Err(layout(message)),
                    };
                    if style.is_some()
                        && matches!(kind, DivKind::Title | DivKind::PageBreak | DivKind::Chart)
                    {
                        return Err(layout(
                            "a title, page break or chart has its own style: \
                             leave out `custom-style`"
                                .into(),
                        ));
                    }
                    // A named style aligns its paragraphs as the style sheet
                    // says, unless the div's class says otherwise.
                    let own = style
                        .as_deref()
                        .and_then(super::style::paragraph_style)
                        .map(|s| s.align);
                    let inherited = align.or(own).or_else(|| divs.last().and_then(|d| d.align));
                    divs.push(Div {
                        kind,
                        style,
                        align: inherited,
                        line,
                        class,
                        blocks: Vec::new(),
                        placed: Vec::new(),
                    });
                }
                Token::Close { name } if name == "div" => {
                    let Some(div) = divs.pop() else {
                        return Err(ParseError::Layout {
                            line,
                            message: "`</div>` closes no `<div>` of this list item, quotation or document".into(),
                        });
                    };
                    for b in close_div(div)? {
                        match divs.last_mut() {
                            Some(d) => {
                                d.blocks.push(b);
                                d.placed.push(true);
                            }
                            None => out.push(b),
                        }
                    }
                }
                Token::Open { raw, .. } => {
                    return Err(ParseError::Html {
                        tag: raw.clone(),
                        line,
                    })
                }
                Token::Close { name } => {
                    return Err(ParseError::Html {
                        tag: format!("</{name}>"),
                        line,
                    })
                }
            }
        }
        Ok(())
    }
}

fn paragraph(content: Vec<Inline>) -> Block {
    Block::Paragraph {
        content,
        align: Align::Justify,
    }
}

/// Add a block to the innermost open `<div>`, or to the output.
fn push(out: &mut Vec<Block>, divs: &mut [Div], block: Block) {
    match divs.last_mut() {
        Some(d) => {
            d.blocks.push(block);
            d.placed.push(false);
        }
        None => out.push(block),
    }
}

/// The meaning of a `<div>`'s classes.
fn div_class(class: &str) -> Result<(DivKind, Option<Align>), String> {
    let mut kind = None;
    let mut align = None;
    for c in class.split_whitespace() {
        let (k, a) = match c {
            "right" => (None, Some(Align::End)),
            "left" => (None, Some(Align::Start)),
            "center" | "centre" => (None, Some(Align::Center)),
            "justify" => (None, Some(Align::Justify)),
            "title" => (Some(DivKind::Title), None),
            "address" => (Some(DivKind::Lines(LinesRole::Address)), None),
            "signature" => (Some(DivKind::Lines(LinesRole::Signature)), None),
            "lines" => (Some(DivKind::Lines(LinesRole::Plain)), None),
            "page-break" => (Some(DivKind::PageBreak), None),
            "keep" => (Some(DivKind::Keep(false)), None),
            "keep-with-next" => (Some(DivKind::Keep(true)), None),
            "chart" => (Some(DivKind::Chart), None),
            other => return Err(format!("class `{other}` is unknown; see docs/templates.md")),
        };
        if k.is_some() && kind.is_some() {
            return Err(
                "give one of title, address, signature, lines, page-break, keep, keep-with-next \
                 or chart"
                    .into(),
            );
        }
        kind = kind.or(k);
        align = a.or(align);
    }
    if kind.is_none() && align.is_none() {
        return Err("a layout `<div>` needs a class, e.g. `<div class=\"right\">`".into());
    }
    Ok((kind.unwrap_or(DivKind::Align), align))
}

/// What a closed `<div>` becomes: its blocks, in its named style if it has one.
fn close_div(mut div: Div) -> Result<Vec<Block>, ParseError> {
    let Some(style) = div.style.take() else {
        return laid_out(div);
    };
    let with_next = match div.kind {
        DivKind::Keep(with_next) => {
            div.kind = DivKind::Align;
            Some(with_next)
        }
        _ => None,
    };
    let blocks = laid_out(div)?;
    if blocks.is_empty() {
        return Ok(blocks);
    }
    let styled = Block::Styled { style, blocks };
    Ok(vec![match with_next {
        // A kept group holds its styled blocks, so that the group is the
        // same whichever attribute a template writes first.
        Some(with_next) => Block::Keep {
            blocks: vec![styled],
            with_next,
        },
        None => styled,
    }])
}

/// What a closed `<div>`'s class makes of its blocks.
fn laid_out(div: Div) -> Result<Vec<Block>, ParseError> {
    let wrong = |what: &str| ParseError::Layout {
        line: div.line,
        message: format!("`<div class=\"{}\">` cannot hold {what}", div.class),
    };
    match div.kind {
        DivKind::PageBreak if div.blocks.is_empty() => Ok(vec![Block::PageBreak]),
        DivKind::PageBreak => Err(wrong("content: write `<div class=\"page-break\"></div>`")),
        DivKind::Align => Ok(aligned(div.blocks, div.placed, div.align)),
        DivKind::Keep(_) if div.blocks.is_empty() => Ok(Vec::new()),
        DivKind::Keep(with_next) => Ok(vec![Block::Keep {
            blocks: aligned(div.blocks, div.placed, div.align),
            with_next,
        }]),
        DivKind::Title => div
            .blocks
            .into_iter()
            .map(|b| match b {
                Block::Paragraph { content, .. } | Block::Heading { content, .. } => {
                    Ok(Block::Heading { level: 0, content })
                }
                _ => Err(wrong("anything but the title's text")),
            })
            .collect(),
        DivKind::Chart => chart(div.blocks)
            .map(|c| vec![Block::Chart(Box::new(c))])
            .map_err(|m| wrong(&m)),
        DivKind::Lines(role) => {
            let mut lines: Vec<Vec<Inline>> = Vec::new();
            for (i, b) in div.blocks.iter().enumerate() {
                let Block::Paragraph { content, .. } = b else {
                    return Err(wrong("lists, tables or headings, only lines of text"));
                };
                if i > 0 {
                    lines.push(Vec::new()); // a blank line between paragraphs
                }
                lines.extend(split_lines(content));
            }
            Ok(vec![Block::Lines {
                lines,
                align: div.align.unwrap_or(Align::Start),
                role,
            }])
        }
    }
}

/// A `<div>`'s blocks with its alignment given to each paragraph and set of
/// lines that no inner `<div>` aligned (`placed`).
fn aligned(blocks: Vec<Block>, placed: Vec<bool>, align: Option<Align>) -> Vec<Block> {
    let mut blocks: Vec<Block> = blocks
        .into_iter()
        .zip(placed)
        .map(|(b, placed)| match (b, align.filter(|_| !placed)) {
            (Block::Paragraph { content, .. }, Some(a)) => Block::Paragraph { content, align: a },
            (Block::Lines { lines, role, .. }, Some(a)) => Block::Lines {
                lines,
                align: a,
                role,
            },
            (b, _) => b,
        })
        .collect();
    // Blocks are pushed one at a time; a group keeps only the room it uses.
    blocks.shrink_to_fit();
    blocks
}

/// A chart from a `<div class="chart">`'s blocks: a caption paragraph (or
/// none) and a table whose leading text columns (one or two) label the
/// bars and whose other columns, aligned right, hold numbers. The error completes "cannot
/// hold …".
fn chart(blocks: Vec<Block>) -> Result<Chart, String> {
    let mut caption = Vec::new();
    let mut table = None;
    for b in blocks {
        match b {
            Block::Paragraph { content, .. } if table.is_none() && caption.is_empty() => {
                caption = content
            }
            Block::Table(t) if table.is_none() => table = Some(t),
            _ => {
                return Err("anything but a caption paragraph and then one table of numbers".into())
            }
        }
    }
    let Some(t) = table else {
        return Err("nothing to draw: give a table of numbers after the caption".into());
    };
    let text = |c: &[Inline]| Inline::plain_text(c).trim().to_string();
    let number = |c: &[Inline]| -> Option<f64> {
        let s = text(c).replace(',', "");
        s.parse::<f64>().ok().filter(|v| v.is_finite() && *v >= 0.0)
    };
    // Label columns: those before the first aligned right (`--:`), which
    // hold the numbers; a year in a label column stays a label.
    let labels = t
        .columns
        .iter()
        .position(|c| c.align == Align::End)
        .unwrap_or(t.columns.len());
    let series_right = t.columns[labels..].iter().all(|c| c.align == Align::End);
    if labels == 0 || labels > 2 || labels == t.columns.len() || !series_right {
        return Err(
            "a table that is not one or two columns of labels, then columns of numbers \
             aligned right (`|---|--:|--:|`)"
                .into(),
        );
    }
    for (r, row) in t.rows.iter().enumerate() {
        for (i, cell) in row.iter().enumerate().skip(labels) {
            if number(cell).is_none() {
                return Err(format!(
                    "`{}` (row {}, column {}) in a column of numbers: write a number of 0 or more",
                    text(cell),
                    r + 1,
                    i + 1
                ));
            }
        }
    }
    let header = |i: usize| t.header.get(i).map_or(String::new(), |c| text(c));
    Ok(Chart {
        caption,
        label_headers: (0..labels).map(header).collect(),
        series: (labels..t.columns.len()).map(header).collect(),
        bars: t
            .rows
            .iter()
            .map(|row| {
                let cell = |i: usize| row.get(i).map_or(String::new(), |c| text(c));
                Bar {
                    group: if labels == 2 { cell(0) } else { String::new() },
                    label: cell(labels - 1),
                    values: row[labels..].iter().filter_map(|c| number(c)).collect(),
                }
            })
            .collect(),
    })
}

/// Split inline content at its top-level line breaks.
fn split_lines(content: &[Inline]) -> Vec<Vec<Inline>> {
    let mut lines = vec![Vec::new()];
    for i in content {
        match i {
            Inline::LineBreak => lines.push(Vec::new()),
            other => {
                if let Some(l) = lines.last_mut() {
                    l.push(other.clone());
                }
            }
        }
    }
    lines.into_iter().map(inline::tidy).collect()
}

/// A pulldown-cmark event in words, for errors.
fn describe(e: &Event<'_>) -> String {
    match e {
        Event::Start(Tag::Image { .. }) => "an image".into(),
        Event::InlineMath(_) | Event::DisplayMath(_) => "mathematics".into(),
        Event::Start(t) => format!("{t:?}"),
        other => format!("{other:?}"),
    }
}
