//! `hrdraft explain DATASET -t TEMPLATE "fragment"`: where one sentence of a
//! document comes from.
//!
//! The document is drafted for review (see `hrdraft::review`), split into
//! sentences, and the one sentence containing the fragment is printed with
//! its footnotes and the chain behind each mark on it: the plugin and rule
//! or the citation, the value, the dataset entries at `file:line`, the
//! sources with symbol, date and paragraph.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::anyhow;
use hrdraft::document::{Block, Document, Inline, Mark};
use hrdraft::pipeline::Request;
use hrdraft::review::{self, Sentence};
use serde_json::{json, Value};

use super::common::{self, EngineArgs};
use super::{Failure, EXIT_INVALID, EXIT_OK};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The dataset directory.
    dataset: PathBuf,
    /// The template of the document.
    #[arg(long, short)]
    template: String,
    /// Some words of the sentence, as the document prints them (case and
    /// the kind of quotation marks do not matter).
    fragment: String,
    /// Language of the template's fixed wording.
    #[arg(long)]
    lang: Option<String>,
    /// Draft as of this date (YYYY-MM-DD) instead of the document's date.
    #[arg(long, value_name = "DATE", value_parser = common::as_of)]
    as_of: Option<hrdraft::sdk::Date>,
    /// Print the chain as one JSON object.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    engine: EngineArgs,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let (pipeline, loaded) = args
        .engine
        .pipeline_and_dataset(&args.template, &args.dataset)?;
    let loaded = common::report_loaded(&args.dataset, loaded)?;
    let request = Request {
        template: &args.template,
        lang: args.lang.as_deref(),
        as_of: args.as_of,
        review: Some(&args.dataset),
        ..Request::default()
    };
    let fail = common::draft_failure(&pipeline, &args.template);
    let mut doc = pipeline
        .draft_for_review(&loaded.dataset, &request)
        .map_err(&fail)?
        .document;
    review::prepare(&mut doc);
    review::locate(&mut doc, &args.dataset);
    let all = review::sentences(&doc);
    let sentence = find(&all, &args.fragment, &args.template)?;
    if args.json {
        outln!("{:#}", as_json(&doc, sentence));
    } else {
        print(&doc, sentence);
    }
    Ok(ExitCode::from(EXIT_OK))
}

/// Text compared loosely: lower case, curly quotes straight, white space single.
fn loose(s: &str) -> String {
    let s: String = s
        .chars()
        .map(|c| match c {
            '‘' | '’' => '\'',
            '“' | '”' => '"',
            c => c,
        })
        .collect();
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The one sentence containing `fragment`, or an error saying why not.
fn find<'s>(all: &'s [Sentence], fragment: &str, template: &str) -> anyhow::Result<&'s Sentence> {
    let want = loose(fragment);
    if want.is_empty() {
        return Err(Failure::usage(anyhow!("give some words of the sentence to explain")).into());
    }
    let found: Vec<&Sentence> = all
        .iter()
        .filter(|s| loose(&s.text).contains(&want))
        .collect();
    match found.as_slice() {
        [one] => Ok(one),
        [] => Err(Failure::new(
            EXIT_INVALID,
            anyhow!(
                "no sentence of the {template} document contains \u{201c}{fragment}\u{201d}; \
                 copy a few words from within one sentence as the document prints them"
            ),
        )
        .into()),
        many => {
            let list: Vec<String> = many
                .iter()
                .take(5)
                .map(|s| format!("  - {}", shorten(&s.text)))
                .collect();
            Err(Failure::new(
                EXIT_INVALID,
                anyhow!(
                    "{} sentences contain \u{201c}{fragment}\u{201d}; give more words, to name one:\n{}",
                    many.len(),
                    list.join("\n")
                ),
            )
            .into())
        }
    }
}

fn shorten(s: &str) -> String {
    let mut out: String = s.chars().take(90).collect();
    if out.len() < s.len() {
        out.push('…');
    }
    out
}

/// The plain text of footnote `n`.
fn note_text(doc: &Document, n: usize) -> String {
    doc.footnotes
        .get(n)
        .map(|f| {
            f.blocks
                .iter()
                .filter_map(|b| match b {
                    Block::Paragraph { content, .. } => Some(Inline::plain_text(content)),
                    _ => None,
                })
                .collect::<Vec<_>>()
                .join(" ")
        })
        .unwrap_or_default()
}

fn print(doc: &Document, s: &Sentence) {
    outln!("sentence: {}", s.text);
    for n in &s.footnotes {
        outln!("footnote {}: {}", n + 1, note_text(doc, *n));
    }
    if s.marks.is_empty() {
        outln!("no finding or citation marks this sentence: it is the template's own wording");
    }
    for (i, id) in s.marks.iter().enumerate() {
        let Some(mark) = doc.marks.get(*id) else {
            continue;
        };
        for (k, line) in mark.lines().iter().enumerate() {
            if k == 0 {
                outln!("{}. {line}", i + 1);
            } else {
                outln!("   {line}");
            }
        }
    }
}

fn mark_json(mark: &Mark) -> Value {
    json!({
        "origin": mark.origin,
        "value": mark.value,
        "entries": mark.entries.iter().map(|e| json!({
            "kind": e.kind, "id": e.id, "at": e.at,
        })).collect::<Vec<_>>(),
        "sources": mark.sources.iter().map(|s| json!({
            "id": s.id, "symbol": s.symbol, "date": s.date, "locator": s.locator, "at": s.at,
        })).collect::<Vec<_>>(),
    })
}

fn as_json(doc: &Document, s: &Sentence) -> Value {
    json!({
        "sentence": s.text,
        "footnotes": s.footnotes.iter().map(|n| json!({
            "number": n + 1,
            "text": note_text(doc, *n),
        })).collect::<Vec<_>>(),
        "marks": s.marks.iter().filter_map(|id| doc.marks.get(*id)).map(mark_json).collect::<Vec<_>>(),
    })
}
