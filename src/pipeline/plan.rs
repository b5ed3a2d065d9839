//! A batch: every template asked for over every dataset, the documents
//! that cannot be drafted set aside with the reason, and the rest run on
//! worker threads through the pipeline.

use std::borrow::Cow;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use hrdraft_sdk::Dataset;
use serde_json::Map;

use super::{DraftError, Pipeline, Request};
use crate::context::Context;
use crate::lint::Warning;
use crate::template::{requires, Template};
use crate::write::{self, Writer, Written};

/// One document to draft: a template over a dataset.
#[derive(Debug, Clone, Copy)]
pub struct Job<'a> {
    /// The dataset.
    pub dataset: &'a Dataset,
    /// The template's name.
    pub template: &'a str,
    /// The dataset's directory, when the document is drafted for review
    /// as well (see [`Request::review`]).
    pub review: Option<&'a std::path::Path>,
}

/// A document not drafted, and why: "kazakhstan: pledging-questions
/// skipped: no questions.toml".
#[derive(Debug, Clone, serde::Serialize)]
pub struct Skipped {
    /// The dataset's short name.
    pub dataset: String,
    /// The template.
    pub template: String,
    /// Why.
    pub reason: String,
}

/// What to draft in a batch, and what not.
#[derive(Debug, Clone)]
pub struct Plan<'a> {
    /// The documents to draft, dataset by dataset, each in the order of its templates.
    pub jobs: Vec<Job<'a>>,
    /// The documents set aside.
    pub skipped: Vec<Skipped>,
    /// The language asked for, if any.
    pub lang: Option<&'a str>,
    /// The date every document is drafted as of (`--as-of`), if any.
    pub as_of: Option<hrdraft_sdk::Date>,
}

impl<'a> Plan<'a> {
    /// Every template of `only` (every template, when empty) over every
    /// dataset. A dataset that lacks what a template needs is set aside,
    /// and so is a template not written in `lang`, unless named in `only`.
    pub fn new(
        pipeline: &'a Pipeline,
        datasets: &'a [Dataset],
        only: &'a [String],
        lang: Option<&'a str>,
    ) -> Result<Plan<'a>, DraftError> {
        let templates: Vec<&str> = if only.is_empty() {
            pipeline.templates().names()
        } else {
            only.iter().map(String::as_str).collect()
        };
        let mut jobs = Vec::new();
        let mut skipped = Vec::new();
        for dataset in datasets {
            for &template in &templates {
                let t = pipeline.templates().get(template)?;
                let skip = |reason: String| Skipped {
                    dataset: dataset.country.short_name.clone(),
                    template: template.to_string(),
                    reason,
                };
                if let Some(lang) = lang {
                    if only.is_empty() && t.manifest.language_for(lang).is_none() {
                        skipped.push(skip(format!("the template is not available in `{lang}`")));
                        continue;
                    }
                }
                match pipeline.missing(dataset, t) {
                    Some(section) => skipped.push(skip(requires::why_lacking(section, dataset))),
                    // A report with nothing to report: drafted when asked
                    // for by name or in documents.toml, not by default.
                    None => match set_aside_by_default(dataset, t).filter(|_| only.is_empty()) {
                        Some(reason) => skipped.push(skip(reason.into())),
                        None => jobs.push(Job {
                            dataset,
                            template,
                            review: None,
                        }),
                    },
                }
            }
        }
        Ok(Plan {
            jobs,
            skipped,
            lang,
            as_of: None,
        })
    }
}

/// The output step [`Pipeline::run`] hands each document to, with the time
/// it took to draft.
/// With the lint on ([`Pipeline::set_lint`]), it is given the document's
/// lint warnings too (none otherwise).
pub type Finish<'f, T> =
    dyn Fn(&Job<'_>, Result<Written, DraftError>, Duration, Vec<Warning>) -> T + Sync + 'f;

/// Where a batch's PDFs are written as they are made (see
/// [`write::FileFor`]): given the job and the writer, an open file, or
/// `None` for the bytes.
#[derive(Clone, Copy)]
pub struct JobFiles<'f>(pub &'f FileForJob<'f>);

/// What [`JobFiles`] holds.
pub type FileForJob<'f> = dyn Fn(&Job<'_>, &'static dyn Writer) -> Result<Option<std::fs::File>, write::WriteError>
    + Sync
    + 'f;

/// What happened in one document's pass through the pipeline, for `--verbose`.
#[derive(Debug, Clone, Copy)]
pub enum Event<'a> {
    /// A plugin ran.
    Plugin {
        /// Its name.
        name: &'a str,
        /// How long it took.
        took: Duration,
    },
    /// The context was built (plugins included).
    Context {
        /// How long it took.
        took: Duration,
        /// Whether it holds only what the template reads of the findings
        /// (`Pipeline::set_trim_from`).
        trimmed: bool,
        /// How many of the findings' lists the template reads once, to be
        /// freed as they are rendered (`template::Once`).
        once: usize,
    },
    /// The template was rendered and its Markdown parsed.
    Drafted(Duration),
    /// The document was linted (only when the pipeline lints:
    /// [`Pipeline::set_lint`]).
    Linted {
        /// What the lint found.
        warnings: &'a [Warning],
        /// How long the lint took.
        took: Duration,
    },
    /// Every format was written, in memory or (the PDF, with
    /// [`Request::file_for`]) into its file.
    Written {
        /// How long it took.
        took: Duration,
        /// The document's pages, when a writer laid it out.
        pages: Option<u32>,
    },
}

impl Pipeline {
    /// One document through stages 2–4: context, render and parse, write.
    /// A dataset given owned is freed (on a thread of its own) as soon as
    /// the context is built, and the Markdown as soon as it is parsed, so
    /// that a large document is not held in four forms at once.
    pub fn produce(
        &self,
        dataset: Cow<'_, Dataset>,
        request: &Request<'_>,
        formats: &[&'static dyn Writer],
        trace: &mut dyn FnMut(Event<'_>),
    ) -> Result<Written, DraftError> {
        let stage = Instant::now();
        let context = self.context_traced(&dataset, request, &mut |name, took| {
            trace(Event::Plugin { name, took })
        })?;
        trace(Event::Context {
            took: stage.elapsed(),
            trimmed: context.facts.trimmed,
            once: context.facts.once.len(),
        });
        self.produce_from(dataset, context, request, formats, trace)
    }

    /// [`Pipeline::produce`] from stage 3 on, over `context`, built from
    /// `dataset` for `request` already ([`Pipeline::context_traced`]): a
    /// command builds it while the template compiles.
    pub fn produce_from(
        &self,
        dataset: Cow<'_, Dataset>,
        context: Context,
        request: &Request<'_>,
        formats: &[&'static dyn Writer],
        trace: &mut dyn FnMut(Event<'_>),
    ) -> Result<Written, DraftError> {
        let stage = Instant::now();
        let review = request.review.is_some();
        let (mut drafted, linted) = if self.lint {
            // The lint reads the dataset and the context beside the document.
            let linted = self.draft_linted(&dataset, request.template, context, review)?;
            free(dataset);
            linted
        } else {
            free(dataset);
            let drafted = self.draft_owned_as(request.template, context, review)?;
            (drafted, (Vec::new(), Duration::ZERO))
        };
        let markdown = std::mem::take(&mut drafted.markdown);
        let large = markdown.len() >= crate::memory::LARGE;
        drop(markdown);
        if large {
            crate::memory::give_back();
        }
        trace(Event::Drafted(stage.elapsed().saturating_sub(linted.1)));
        if self.lint {
            trace(Event::Linted {
                warnings: &linted.0,
                took: linted.1,
            });
        }
        let stage = Instant::now();
        let written = match request.review {
            Some(dir) => self.write_for_review(drafted.document, dir, formats)?,
            None => {
                let written =
                    write::write_formats_into(&drafted.document, formats, request.file_for)?;
                // Nothing waits for a long document to be freed.
                super::free_later(drafted);
                written
            }
        };
        trace(Event::Written {
            took: stage.elapsed(),
            pages: written.pages,
        });
        Ok(written)
    }

    /// Every job of `plan` through [`Pipeline::produce`] on `workers`
    /// threads, each document's PDF written into the file `files` gives
    /// for it, if any, and each document handed, on the thread that
    /// drafted it, to `finish` (the output step) with the time it took. No job starts once `stop` says so; those
    /// under way finish. The results come in the plan's order, with the
    /// index of their job.
    pub fn run<T: Send>(
        &self,
        plan: &Plan<'_>,
        formats: &[&'static dyn Writer],
        workers: usize,
        stop: &(dyn Fn() -> bool + Sync),
        files: Option<JobFiles<'_>>,
        finish: &Finish<'_, T>,
    ) -> Vec<(usize, T)> {
        let workers = workers.clamp(1, plan.jobs.len().max(1));
        let next = AtomicUsize::new(0);
        let results = Mutex::new(Vec::with_capacity(plan.jobs.len()));
        std::thread::scope(|scope| {
            for _ in 0..workers {
                scope.spawn(|| loop {
                    if stop() {
                        break;
                    }
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(job) = plan.jobs.get(i) else { break };
                    let for_job = |w: &'static dyn Writer| match files {
                        Some(JobFiles(files)) => files(job, w),
                        None => Ok(None),
                    };
                    let request = Request {
                        template: job.template,
                        lang: plan.lang,
                        vars: Map::new(),
                        as_of: plan.as_of,
                        review: job.review,
                        file_for: Some(write::FileFor(&for_job)),
                    };
                    let began = Instant::now();
                    let mut linted = Vec::new();
                    let written =
                        self.produce(Cow::Borrowed(job.dataset), &request, formats, &mut |e| {
                            if let Event::Linted { warnings, .. } = e {
                                linted = warnings.to_vec();
                            }
                        });
                    let done = finish(job, written, began.elapsed(), linted);
                    if let Ok(mut r) = results.lock() {
                        r.push((i, done));
                    }
                });
            }
        });
        let mut results = results.into_inner().unwrap_or_default();
        results.sort_by_key(|(i, _)| *i);
        results
    }
}

/// Free a dataset given owned, on a thread of its own (see [`super::free_later`]).
fn free(dataset: Cow<'_, Dataset>) {
    if let Cow::Owned(dataset) = dataset {
        super::free_later(dataset);
    }
}

/// Whether the dataset's latest UPR cycle has an assessment round, the
/// mid-term `follow_up` or a later one.
/// Why `draft` leaves `template` out for `dataset` unless it is named
/// (`-t`): a report on the UPR's follow-up, such as the MIA, with no
/// assessment round to report and no entry in documents.toml. `render`
/// drafts it all the same.
pub fn set_aside_by_default(dataset: &Dataset, template: &Template) -> Option<&'static str> {
    (template
        .manifest
        .requires
        .contains(&hrdraft_sdk::Section::Upr)
        && dataset.document(template.document_name(dataset)).is_none()
        && !has_assessment_round(dataset))
    .then_some(
        "no assessment round in upr.toml (the cycle's follow_up) and no entry in documents.toml",
    )
}

fn has_assessment_round(dataset: &Dataset) -> bool {
    dataset
        .latest_cycle()
        .is_some_and(|c| c.follow_up.is_some() || !c.rounds.is_empty())
}
