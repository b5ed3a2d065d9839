//! Compiling a long template source in pieces.
//!
//! Handlebars' compiler finds the line and column of every element it
//! parses by counting from the start of the source, so compiling grows
//! with the square of a template's length: a letter's 4 KB body spent
//! most of its compile time counting. A long source is therefore compiled
//! as a skeleton and pieces:
//! - runs of a template body (the whole source, or the inside of a block)
//!   are cut out, each replaced in the skeleton by a placeholder
//!   statement;
//! - the skeleton and each piece are compiled on their own (a long piece
//!   the same way, in pieces);
//! - each placeholder is replaced by its piece's elements, and every
//!   element's line and column is moved to its place in the whole source.
//!
//! The result is the template Handlebars makes of the whole source,
//! positions included. A run begins and ends only where cutting cannot
//! change what Handlebars makes of the text around it:
//! - between two letters or digits of plain text, or
//! - between two statements (`{{/if}}{{#if …}}`) that carry no `~` (which
//!   trims the whitespace beside them), where the statement that opens the
//!   piece has other text after it on its line, and the one that closes
//!   it other text before it, inside the piece: Handlebars drops the line
//!   of a block statement standing alone on it, and a piece's edges would
//!   otherwise look like line ends.
//!
//! A source holding a raw block (`{{{{`) or an escaped `\{{` is compiled
//! whole. When the skeleton or a piece does not compile, the whole source
//! is compiled instead, so errors are reported exactly as Handlebars
//! reports them.

use handlebars::template::{Template, TemplateElement, TemplateMapping};
use handlebars::TemplateError;

/// Sources shorter than this are compiled whole: counting costs them
/// little.
const WHOLE_BELOW: usize = 768;

/// The length a piece aims at: shorter pieces count less, but each
/// compile has a fixed cost.
const PIECE: usize = 384;

/// The name of placeholder `k` in a skeleton: one no template uses.
const HOLE: &str = "__hrdraft_piece_";

/// Compile `source` as Handlebars would compile it whole under `name`.
pub fn compile(source: &str, name: &str) -> Result<Template, TemplateError> {
    let whole = || Template::compile_with_name(source, name.to_string());
    if source.len() < WHOLE_BELOW || source.contains(HOLE) {
        return whole();
    }
    match in_pieces(source) {
        Some(mut template) => {
            template.name = Some(name.to_string());
            Ok(template)
        }
        None => whole(),
    }
}

/// `source` compiled as a skeleton and pieces; `None` when something does
/// not compile.
fn in_pieces(source: &str) -> Option<Template> {
    let runs = if source.len() < WHOLE_BELOW {
        Vec::new()
    } else {
        runs(source)
    };
    if runs.is_empty() {
        return Template::compile(source).ok();
    }
    // The skeleton: the source with each run replaced by a placeholder,
    // and where each stretch of the source kept in it begins in both.
    let mut skeleton = String::with_capacity(source.len() / 4);
    let mut kept = Vec::with_capacity(runs.len() + 1);
    let mut holes = Vec::with_capacity(runs.len());
    let mut from = 0;
    for (k, run) in runs.iter().enumerate() {
        kept.push((skeleton.len(), from));
        skeleton.push_str(&source[from..run.start]);
        holes.push(skeleton.len());
        // Whole lines give way to a comment standing alone on its line,
        // which Handlebars drops with its line as it would the run's own
        // line end; a run within a line, to a statement.
        skeleton.push_str(if run.lines { "{{!" } else { "{{" });
        skeleton.push_str(HOLE);
        skeleton.push_str(&k.to_string());
        skeleton.push_str("}}");
        if run.lines && source[..run.end].ends_with('\n') {
            skeleton.push('\n');
        }
        from = run.end;
    }
    kept.push((skeleton.len(), from));
    skeleton.push_str(&source[from..]);

    let whole_lines = Lines::new(source);
    let mut compiled = Template::compile(&skeleton).ok()?;
    let skeleton_lines = Lines::new(&skeleton);
    relocate(&mut compiled, &mut |place| {
        let at = skeleton_lines.offset(&skeleton, place);
        if let Ok(k) = holes.binary_search(&at) {
            // Marks the placeholder for the splice below: no real
            // element is on line 0.
            return (0, k);
        }
        let stretch = kept.partition_point(|&(s, _)| s <= at) - 1;
        let (in_skeleton, in_source) = kept[stretch];
        whole_lines.position(source, at - in_skeleton + in_source)
    });

    let mut pieces = Vec::with_capacity(runs.len());
    for &Run { start, end, .. } in &runs {
        let text = &source[start..end];
        let mut piece = in_pieces(text)?;
        let piece_lines = Lines::new(text);
        relocate(&mut piece, &mut |place| {
            whole_lines.position(source, start + piece_lines.offset(text, place))
        });
        pieces.push(Some(piece));
    }
    splice(&mut compiled, &mut pieces);
    // Every piece must have found its placeholder.
    pieces.iter().all(Option::is_none).then_some(compiled)
}

/// Replace each placeholder (marked on line 0) in `template` and the
/// templates inside it by its piece's elements; plain text at the seams is
/// made one, as Handlebars makes it one in the whole source.
fn splice(template: &mut Template, pieces: &mut [Option<Template>]) {
    if template.mapping.len() != template.elements.len() {
        // A chained `{{else if}}` is held without a position: such a
        // template holds no placeholder of its own, only inner ones.
        for element in &mut template.elements {
            for inner in inner_templates(element) {
                splice(inner, pieces);
            }
        }
        return;
    }
    let elements = std::mem::take(&mut template.elements);
    let mapping = std::mem::take(&mut template.mapping);
    // Whether the last element added ends a piece.
    let mut seam = false;
    for (mut element, mut place) in elements.into_iter().zip(mapping) {
        let hole = (place.0 == 0).then_some(place.1);
        if let (Some(k), TemplateElement::RawString(_)) = (hole, &element) {
            // Text Handlebars left before the placeholder (the end of the
            // line before it) is placed, as in the whole source, where the
            // piece begins.
            if let Some(first) = pieces
                .get(k)
                .and_then(Option::as_ref)
                .and_then(|p| p.mapping.first())
            {
                (place.0, place.1) = (first.0, first.1);
            }
        }
        let piece = match (hole, &element) {
            (Some(k), TemplateElement::Comment(_) | TemplateElement::Expression(_)) => {
                pieces.get_mut(k).and_then(Option::take)
            }
            _ => None,
        };
        if let Some(piece) = piece {
            for (i, (element, place)) in piece.elements.into_iter().zip(piece.mapping).enumerate() {
                push(template, element, place, seam || i == 0);
                seam = false;
            }
            seam = true;
            continue;
        }
        for inner in inner_templates(&mut element) {
            splice(inner, pieces);
        }
        push(template, element, place, seam);
        seam = false;
    }
}

/// Add an element to `template`, joined to plain text before it when `join`.
fn push(template: &mut Template, element: TemplateElement, place: TemplateMapping, join: bool) {
    if join {
        if let (Some(TemplateElement::RawString(before)), TemplateElement::RawString(text)) =
            (template.elements.last_mut(), &element)
        {
            before.push_str(text);
            return;
        }
    }
    template.elements.push(element);
    template.mapping.push(place);
}

/// Move every position in `template`, and in the templates inside it.
fn relocate(template: &mut Template, to: &mut impl FnMut((usize, usize)) -> (usize, usize)) {
    for place in &mut template.mapping {
        (place.0, place.1) = to((place.0, place.1));
    }
    for element in &mut template.elements {
        for inner in inner_templates(element) {
            relocate(inner, to);
        }
    }
}

/// The templates an element holds: a block's body and its `{{else}}`.
fn inner_templates(element: &mut TemplateElement) -> impl Iterator<Item = &mut Template> {
    let inner = match element {
        TemplateElement::HtmlExpression(h)
        | TemplateElement::Expression(h)
        | TemplateElement::HelperBlock(h) => [h.template.as_mut(), h.inverse.as_mut()],
        TemplateElement::DecoratorExpression(d)
        | TemplateElement::DecoratorBlock(d)
        | TemplateElement::PartialExpression(d)
        | TemplateElement::PartialBlock(d) => [d.template.as_mut(), None],
        _ => [None, None],
    };
    inner.into_iter().flatten()
}

/// Where each line of a text begins, to turn Handlebars' positions (line
/// and column from 1, the column in characters) into byte offsets and back.
struct Lines(Vec<usize>);

impl Lines {
    fn new(text: &str) -> Lines {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Lines(starts)
    }

    fn offset(&self, text: &str, (line, column): (usize, usize)) -> usize {
        let start = self
            .0
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(text.len());
        text[start..]
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(text.len(), |(i, _)| start + i)
    }

    fn position(&self, text: &str, offset: usize) -> (usize, usize) {
        let line = self.0.partition_point(|&s| s <= offset);
        let start = self.0[line - 1];
        (line, text[start..offset].chars().count() + 1)
    }
}

/// A `{{…}}` statement of the source, by byte offsets.
#[derive(Debug, Clone, Copy)]
struct Statement {
    start: usize,
    end: usize,
    kind: Kind,
    /// Carries a `~` at either end.
    tilde: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// `{{#…}}`: opens a block.
    Open,
    /// `{{else}}`, `{{else if …}}`, `{{^}}`: starts a block's next part.
    Else,
    /// `{{/…}}`: closes a block.
    Close,
    /// `{{value}}`, `{{{value}}}`: never stands alone on its line.
    Expression,
    /// A comment, a partial or a decorator.
    Other,
}

/// A point where a run may begin or end, in the template body `body`.
#[derive(Debug, Clone, Copy)]
struct Cut {
    /// Where a run begins.
    at: usize,
    body: usize,
    /// The statements on either side, when the cut is between two.
    between: Option<(Statement, Statement)>,
    /// For a cut at the start of a line, where a run that ends here ends:
    /// at `at`, or, when the line before is a statement standing alone, at
    /// the end of that statement (Handlebars drops the rest of its line).
    line_end: Option<usize>,
}

impl Cut {
    fn end(&self) -> usize {
        self.line_end.unwrap_or(self.at)
    }
}

/// A run of the source cut out of the skeleton.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Run {
    start: usize,
    end: usize,
    /// Whole lines, replaced by a comment standing alone on its line;
    /// otherwise replaced by a statement within its line.
    lines: bool,
}

/// The runs to cut out of `source`, in order, each about [`PIECE`] bytes
/// or longer; none when the source cannot be read safely.
fn runs(source: &str) -> Vec<Run> {
    if source.contains("{{{{") || source.contains("\\{{") {
        return Vec::new();
    }
    let Some(cuts) = cuts(source) else {
        return Vec::new();
    };
    // Runs are chained within each body, runs of lines apart from runs
    // within lines: where one ends the next begins.
    let mut open: std::collections::HashMap<(usize, bool), Cut> = std::collections::HashMap::new();
    let mut found = Vec::new();
    for cut in cuts {
        let lines = cut.line_end.is_some();
        match open.get(&(cut.body, lines)) {
            Some(&start)
                if cut.end() >= start.at + PIECE
                    && company_after(source, start, cut.end())
                    && company_before(source, start.at, cut) =>
            {
                found.push(Run {
                    start: start.at,
                    end: cut.end(),
                    lines,
                });
                open.insert((cut.body, lines), cut);
            }
            Some(_) => {}
            None => {
                open.insert((cut.body, lines), cut);
            }
        }
    }
    // A run inside a longer one is found again when that one is compiled.
    found.sort_by_key(|run| (run.start, std::cmp::Reverse(run.end)));
    let mut runs: Vec<Run> = Vec::new();
    for run in found {
        if runs.last().is_none_or(|last| run.start >= last.end) {
            runs.push(run);
        }
    }
    runs
}

/// Whether the statement opening a run at `start` has other text after it
/// on its line, before the run's `end`.
fn company_after(source: &str, start: Cut, end: usize) -> bool {
    let Some((_, first)) = start.between else {
        return true;
    };
    let line_end = source[first.end..]
        .find(['\n', '\r'])
        .map_or(source.len(), |i| first.end + i);
    has_ink(&source[first.end..line_end.min(end)])
}

/// Whether the statement closing a run at `end` has other text before it
/// on its line, after the run's `start`.
fn company_before(source: &str, start: usize, end: Cut) -> bool {
    let Some((last, _)) = end.between else {
        return true;
    };
    let line_start = source[..last.start]
        .rfind(['\n', '\r'])
        .map_or(0, |i| i + 1);
    has_ink(&source[line_start.max(start)..last.start])
}

/// Whether `text` holds anything but spaces, tabs and line ends.
fn has_ink(text: &str) -> bool {
    text.bytes()
        .any(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
}

/// Every point where a run may begin or end, in order; `None` when a
/// statement cannot be read to its end or the blocks do not match
/// (Handlebars will say why).
fn cuts(source: &str) -> Option<Vec<Cut>> {
    let bytes = source.as_bytes();
    let mut found = Vec::new();
    // The bodies open around the point reached, innermost last; each body
    // (a block's part between its statements) has its own number.
    let mut bodies = vec![0];
    let mut next_body = 1;
    let mut previous: Option<Statement> = None;
    let mut tildes = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\n' && i + 1 < bytes.len() {
            found.push(Cut {
                at: i + 1,
                body: *bodies.last()?,
                between: None,
                line_end: Some(line_end(source, i, previous)),
            });
        }
        if bytes[i..].starts_with(b"{{") {
            let statement = statement_at(source, i)?;
            if statement.tilde {
                tildes.push((statement.start, statement.end));
            }
            if let Some(before) = previous.filter(|p| p.end == statement.start) {
                if !before.tilde && !statement.tilde {
                    found.push(Cut {
                        at: i,
                        body: *bodies.last()?,
                        between: Some((before, statement)),
                        line_end: None,
                    });
                }
            }
            match statement.kind {
                Kind::Open => {
                    bodies.push(next_body);
                    next_body += 1;
                }
                Kind::Else => {
                    bodies.pop();
                    bodies.push(next_body);
                    next_body += 1;
                }
                Kind::Close => {
                    bodies.pop();
                    if bodies.is_empty() {
                        return None;
                    }
                }
                Kind::Expression | Kind::Other => {}
            }
            previous = Some(statement);
            i = statement.end;
            continue;
        }
        if i > 0 && bytes[i].is_ascii_alphanumeric() && bytes[i - 1].is_ascii_alphanumeric() {
            found.push(Cut {
                at: i,
                body: *bodies.last()?,
                between: None,
                line_end: None,
            });
        }
        i += 1;
    }
    if bodies.len() != 1 {
        return None;
    }
    // A `~` trims whitespace across line ends: no run of lines begins or
    // ends on a line next to one.
    found.retain(|cut| {
        cut.line_end.is_none() || {
            let before = source[..cut.at - 1].rfind('\n').map_or(0, |i| i + 1);
            let after = source[cut.at..]
                .find('\n')
                .map_or(source.len(), |i| cut.at + i);
            !tildes
                .iter()
                .any(|&(start, end)| start < after && end > before)
        }
    });
    Some(found)
}

/// Where a run of lines that takes in the line ending at `newline` ends:
/// after the newline, or, when the line is one statement standing alone
/// (whose line Handlebars drops, the newline with it), right after that
/// statement, leaving the rest of the line to the skeleton.
fn line_end(source: &str, newline: usize, last: Option<Statement>) -> usize {
    let Some(statement) = last else {
        return newline + 1;
    };
    let line_start = source[..statement.start].rfind('\n').map_or(0, |i| i + 1);
    let alone = statement.kind != Kind::Expression
        && statement.end <= newline
        && !has_ink(&source[statement.end..newline])
        && !has_ink(&source[line_start..statement.start]);
    if alone {
        statement.end
    } else {
        newline + 1
    }
}

/// The statement that starts at `start` (which holds `{{`).
fn statement_at(source: &str, start: usize) -> Option<Statement> {
    let rest = &source[start..];
    if let Some(body) = rest.strip_prefix("{{!--") {
        let end = start + 5 + body.find("--}}")? + 4;
        return Some(Statement {
            start,
            end,
            kind: Kind::Other,
            tilde: false,
        });
    }
    if let Some(body) = rest.strip_prefix("{{!") {
        let end = start + 3 + body.find("}}")? + 2;
        return Some(Statement {
            start,
            end,
            kind: Kind::Other,
            tilde: false,
        });
    }
    let inner = &rest[2..];
    let tilde_start = inner.starts_with('~');
    let head = inner
        .trim_start_matches('~')
        .trim_start_matches([' ', '\t', '\n', '\r']);
    let kind = if head.starts_with('#') {
        Kind::Open
    } else if head.starts_with('/') {
        Kind::Close
    } else if head.starts_with('^')
        || head
            .strip_prefix("else")
            .is_some_and(|after| after.starts_with([' ', '\t', '\n', '\r', '~', '}']))
    {
        Kind::Else
    } else if head.starts_with(['>', '*']) {
        Kind::Other
    } else {
        Kind::Expression
    };
    let closing: &[u8] = if head.starts_with('{') { b"}}}" } else { b"}}" };
    let bytes = source.as_bytes();
    let mut i = start + 2;
    let mut quote: Option<u8> = None;
    let mut bracket = false;
    while i < bytes.len() {
        let b = bytes[i];
        match quote {
            Some(q) => {
                if b == b'\\' {
                    i += 1;
                } else if b == q {
                    quote = None;
                }
            }
            None if bracket => bracket = b != b']',
            None => {
                if b == b'"' || b == b'\'' {
                    quote = Some(b);
                } else if b == b'[' {
                    bracket = true;
                } else if bytes[i..].starts_with(closing) {
                    let end = i + closing.len();
                    let tilde = tilde_start || bytes[i - 1] == b'~';
                    return Some(Statement {
                        start,
                        end,
                        kind,
                        tilde,
                    });
                }
            }
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests;
