//! `hrdraft convert FILE.md -f FORMAT -o OUT`: Markdown straight to a format, without a dataset or template.
//!
//! For comparing our writers with other converters on the same Markdown
//! (benches/compare.sh), and for drafters who edit the Markdown by hand.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::anyhow;
use hrdraft::document;
use hrdraft::output;
use hrdraft::write;

use super::{Failure, EXIT_INVALID, EXIT_IO, EXIT_OK};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The Markdown file (as `hrdraft context --markdown` prints it).
    input: PathBuf,
    /// Output format (docx, pdf, html, md).
    #[arg(long, short, default_value = "docx")]
    format: String,
    /// Output file.
    #[arg(long, short, value_name = "FILE")]
    out: PathBuf,
    /// A DOCX whose styles, headers, footers and header logo the output
    /// takes (the organisation's letterhead); its header's logo is the
    /// PDF's too.
    #[arg(long, value_name = "FILE")]
    reference_docx: Option<PathBuf>,
}

/// The Markdown file, if it is a regular file no larger than the Markdown a
/// template may render (`HRDRAFT_MAX_DOCUMENT_MB`, 512 MiB by default): a
/// link to /dev/zero or a file of many gigabytes is refused unread.
fn read_markdown(path: &std::path::Path) -> Result<String, Failure> {
    use std::io::Read;
    let cannot =
        |e: std::io::Error| Failure::new(EXIT_IO, anyhow!("cannot read {}: {e}", path.display()));
    let limit = hrdraft::env::max_document_bytes()
        .ok()
        .flatten()
        .unwrap_or(hrdraft::render::MAX_OUTPUT_BYTES) as u64;
    let too_large = || {
        Failure::new(
            EXIT_INVALID,
            anyhow!(
                "{} is larger than {} MiB, the most hrdraft lays out; raise the limit with \
                 HRDRAFT_MAX_DOCUMENT_MB=<MiB>",
                path.display(),
                limit / (1024 * 1024)
            ),
        )
    };
    let meta = std::fs::metadata(path).map_err(cannot)?;
    if !meta.is_file() {
        return Err(Failure::new(
            EXIT_INVALID,
            anyhow!(
                "{} is not a regular file; give the Markdown file itself",
                path.display()
            ),
        ));
    }
    if meta.len() > limit {
        return Err(too_large());
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .map_err(cannot)?
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    if bytes.len() as u64 > limit {
        return Err(too_large());
    }
    String::from_utf8(bytes).map_err(|_| {
        Failure::new(
            EXIT_INVALID,
            anyhow!("{} is not UTF-8 text", path.display()),
        )
    })
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let writer = super::common::writers(std::slice::from_ref(&args.format))?[0];
    let markdown = read_markdown(&args.input)?;
    // The file says nothing of its language: English, for its quotes and
    // for the file's properties.
    let language = "en";
    let mut doc = document::parse_in(&markdown, language).map_err(|e| {
        Failure::new(
            EXIT_INVALID,
            anyhow!("{} cannot be laid out: {e}", args.input.display()),
        )
    })?;
    doc.meta.language = language.into();
    if let Some(reference) = super::common::reference_docx(args.reference_docx.as_deref())? {
        reference.apply(&mut doc.letterhead);
    }
    let written =
        write::write_formats(&doc, &[writer]).map_err(|e| Failure::new(EXIT_INVALID, e))?;
    for (format, warning) in &written.warnings {
        super::report::warn_written(format!("{}: {format}: {warning}", args.out.display()));
    }
    let bytes = written
        .files
        .into_iter()
        .next()
        .map(|(_, b)| b)
        .unwrap_or_default();
    output::write_atomic(&args.out, &bytes).map_err(|e| Failure::new(EXIT_IO, e))?;
    Ok(ExitCode::from(EXIT_OK))
}
