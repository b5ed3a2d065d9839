//! How the command line shows problems: rustc-style, with the source line underlined, or as JSON.
//!
//! Every problem a command reports becomes a [`Diagnostic`]: a message, where it
//! is (file, line, column, field), the offending line and a hint. On a
//! terminal a finding is drawn by miette in colour with Unicode rules; piped,
//! or with `NO_COLOR` set, it is plain ASCII without wrapping, so that tools
//! and tests can read it line by line. `--json` prints the same findings as
//! JSON instead.

use std::fmt;
use std::io::{IsTerminal, Write};
use std::sync::OnceLock;

use hrdraft::diagnostic::{Diagnostic, Severity, Snippet};
use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents,
    SourceCode, SourceSpan, SpanContents, ThemeCharacters,
};

/// The first line a human reads of `finding`: the location when no
/// snippet shows it.
fn headline(finding: &Diagnostic) -> String {
    let mut s = String::new();
    if finding.snippet.is_none() && !finding.file.is_empty() {
        s.push_str(&finding.file);
        if finding.line > 0 {
            s.push_str(&format!(":{}:{}", finding.line, finding.column.max(1)));
        }
        s.push_str(": ");
    }
    if !finding.field.is_empty() {
        s.push_str(&finding.field);
        s.push_str(": ");
    }
    s.push_str(&finding.message);
    s
}
/// How this run shows things, set once from the command line.
#[derive(Debug, Clone, Copy, Default)]
pub struct Settings {
    /// Only errors are printed.
    pub quiet: bool,
    /// Timings and what ran are printed on stderr.
    pub verbose: bool,
    /// Results and errors go to stdout as one JSON object.
    pub json: bool,
}

static SETTINGS: OnceLock<Settings> = OnceLock::new();

/// Fix the settings for this run (the first call wins).
pub fn init(settings: Settings) {
    let _ = SETTINGS.set(settings);
}

/// The settings for this run.
pub fn settings() -> Settings {
    SETTINGS.get().copied().unwrap_or_default()
}

/// Print a progress or result line on stderr unless `--quiet`.
pub fn note(line: impl fmt::Display) {
    if !settings().quiet && !settings().json {
        eprintln!("{line}");
    }
}

/// Write to stdout (see the `outln!` macro). A reader that has gone (a
/// broken pipe: `| head`) ends the run at once and quietly, with success,
/// as it would have ended had the reader read on; any other failure to
/// write is reported and ends the run as a file that could not be written.
pub fn stdout(args: fmt::Arguments<'_>) {
    let mut out = std::io::stdout().lock();
    match out.write_fmt(args) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => std::process::exit(0),
        Err(e) => {
            eprintln!("error: cannot write to standard output: {e}");
            std::process::exit(i32::from(super::EXIT_IO));
        }
    }
}

/// Warnings about files written, kept for the JSON report (`--json`).
static JSON_WARNINGS: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());

/// A warning about a file written (a PDF that cannot show some characters):
/// printed, or with `--json` kept for the report's `warnings`.
pub fn warn_written(message: String) {
    if settings().json {
        if let Ok(mut w) = JSON_WARNINGS.lock() {
            w.push(message);
        }
    } else {
        print(&[Diagnostic::warning(message)]);
    }
}

/// The warnings [`warn_written`] kept, in the order given.
pub fn take_json_warnings() -> Vec<String> {
    JSON_WARNINGS
        .lock()
        .map(|mut w| std::mem::take(&mut *w))
        .unwrap_or_default()
}

/// Print a line on stderr with `--verbose`.
pub fn verbose(line: impl fmt::Display) {
    if settings().verbose {
        eprintln!("{line}");
    }
}

/// Whether stderr gets colour: a terminal, and `NO_COLOR` unset or empty.
pub fn colour() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Print findings on stderr (warnings are left out with `--quiet`).
pub fn print(findings: &[Diagnostic]) {
    let quiet = settings().quiet;
    let colour = colour();
    let stderr = std::io::stderr();
    let mut err = stderr.lock();
    for f in findings {
        if quiet && f.severity == Severity::Warning {
            continue;
        }
        // Nothing useful can be done if stderr is gone.
        let _ = err.write_all(render(f, colour).as_bytes());
    }
}

/// One finding drawn for a person: coloured with Unicode rules, or plain ASCII.
pub fn render(finding: &Diagnostic, colour: bool) -> String {
    let (theme, width) = if colour {
        let mut t = GraphicalTheme::unicode();
        t.characters = named_severities(ThemeCharacters::unicode());
        (t, terminal_width())
    } else {
        let mut t = GraphicalTheme::none();
        t.characters = named_severities(ThemeCharacters::ascii());
        (t, usize::MAX)
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(width)
        .with_wrap_lines(colour)
        .with_links(false)
        .with_context_lines(0);
    let mut out = String::new();
    if handler
        .render_report(&mut out, &Shown::new(finding))
        .is_err()
    {
        // miette could not draw it (a span past the line): say it plainly.
        out = format!("  error: {}\n", headline(finding));
    }
    out.push('\n');
    out
}

/// The width of the terminal on stderr, to wrap long messages to.
fn terminal_width() -> usize {
    terminal_size::terminal_size_of(std::io::stderr())
        .map_or(100, |(w, _)| usize::from(w.0))
        .max(40)
}

/// rustc's words rather than symbols, so a plain log is searchable for "error:".
fn named_severities(mut c: ThemeCharacters) -> ThemeCharacters {
    c.error = "error:".into();
    c.warning = "warning:".into();
    c.advice = "note:".into();
    c
}

/// The most of a line a snippet shows: a rendered Markdown line can be a
/// megabyte long, and the terminal should not receive all of it.
const MAX_SHOWN_CHARS: usize = 120;

/// The part of `line` around `column` that is shown, with `…` where it was
/// cut, and the column and width within it.
fn window(line: &str, column: usize, width: usize) -> (String, usize, usize) {
    let chars = line.chars().count();
    if chars <= MAX_SHOWN_CHARS {
        return (line.to_string(), column, width);
    }
    let from = column.saturating_sub(1).saturating_sub(40);
    let mut shown: String = line.chars().skip(from).take(MAX_SHOWN_CHARS).collect();
    if from + MAX_SHOWN_CHARS < chars {
        shown.push('…');
    }
    let mut column = column.saturating_sub(from).max(1);
    let width = width.min(MAX_SHOWN_CHARS.saturating_sub(column - 1)).max(1);
    if from > 0 {
        shown.insert(0, '…');
        column += 1;
    }
    (shown, column, width)
}

/// A finding as miette sees it.
struct Shown<'a> {
    finding: &'a Diagnostic,
    headline: String,
    source: Option<LineSource>,
}

impl<'a> Shown<'a> {
    fn new(finding: &'a Diagnostic) -> Shown<'a> {
        let source = finding.snippet.as_ref().map(|s| {
            // A span at or past the end of the line (a value missing after
            // `key = `) needs room for its caret.
            let (mut text, column, width) = window(&s.line_text, s.column, s.width);
            let s = Snippet {
                line_text: String::new(),
                column,
                width,
            };
            let short = s.column.saturating_sub(1) + 1;
            let have = text.chars().count();
            if short > have {
                text.push_str(&" ".repeat(short - have));
            }
            // The snippet counts characters; miette counts bytes.
            let start = byte_offset(&text, s.column.saturating_sub(1));
            let end = byte_offset(&text, s.column.saturating_sub(1) + s.width.max(1));
            LineSource {
                name: finding.file.clone(),
                text,
                line: finding.line.max(1),
                span: (start, end.saturating_sub(start)).into(),
            }
        });
        Shown {
            finding,
            headline: headline(finding),
            source,
        }
    }
}

fn byte_offset(text: &str, chars: usize) -> usize {
    text.char_indices()
        .nth(chars)
        .map_or(text.len(), |(i, _)| i)
}

impl fmt::Debug for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.headline)
    }
}

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.headline)
    }
}

impl std::error::Error for Shown<'_> {}

impl miette::Diagnostic for Shown<'_> {
    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.finding.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.finding
            .hint
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.as_ref().map(|s| s as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let s = self.source.as_ref()?;
        Some(Box::new(std::iter::once(
            LabeledSpan::new_primary_with_span(None, s.span),
        )))
    }
}

/// One line of a file, standing for the whole file: a finding shows only
/// its own line, and the line's number and the span's column are the
/// file's, in characters, whatever the bytes before them.
struct LineSource {
    name: String,
    text: String,
    line: usize,
    span: SourceSpan,
}

impl SourceCode for LineSource {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        _before: usize,
        _after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        if span.offset() + span.len() > self.text.len() {
            return Err(MietteError::OutOfBounds);
        }
        let column = self
            .text
            .get(..span.offset())
            .map_or(0, |before| before.chars().count());
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            self.text.as_bytes(),
            (0, self.text.len()).into(),
            self.line - 1,
            column,
            1,
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dataset_finding_shows_its_line_underlined_in_characters() {
        let f = Diagnostic {
            severity: Severity::Error,
            file: "ds/upr.toml".into(),
            line: 21,
            column: 9,
            field: "recommendations[0].text".into(),
            message: "bad".into(),
            hint: Some("fix it".into()),
            snippet: Some(Snippet {
                line_text: "text = \"Қаз\" x".into(),
                column: 9,
                width: 3,
            }),
        };
        let text = render(&f, false);
        assert!(
            text.contains("  error: recommendations[0].text: bad\n"),
            "{text}"
        );
        assert!(text.contains("[ds/upr.toml:21:9]"), "{text}");
        assert!(text.contains("21 | text = \"Қаз\" x\n"), "{text}");
        // Three characters underlined under the three Cyrillic letters.
        assert!(text.contains("    :         ^^^\n"), "{text}");
        assert!(text.contains("  help: fix it\n"), "{text}");
    }

    #[test]
    fn a_finding_without_a_snippet_names_its_place_in_the_headline() {
        let mut f = Diagnostic::error("the file is not UTF-8 text");
        f.file = "ds/country.toml".into();
        f.line = 3;
        f.column = 15;
        let text = render(&f, false);
        assert_eq!(
            text,
            "  error: ds/country.toml:3:15: the file is not UTF-8 text\n\n"
        );
    }

    #[test]
    fn a_template_line_underlines_the_whole_expression() {
        let f = Diagnostic::error("missing").at_source(
            "t/body.md.hbs".into(),
            "one\nDear {{ country.nam }},\n",
            2,
            6,
        );
        let s = f.snippet.clone().unwrap_or_else(|| panic!("no snippet"));
        assert_eq!(s.width, "{{ country.nam }}".len());
        assert!(render(&f, false).contains("[t/body.md.hbs:2:6]"));
    }
}
