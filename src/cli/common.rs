//! What several subcommands share: loading a dataset, building the pipeline, choosing formats, the output step.

use std::path::{Path, PathBuf};

use anyhow::anyhow;
use hrdraft::dataset::{self, Loaded};
use hrdraft::diagnostic::{Diagnostic, Severity};
use hrdraft::output;
use hrdraft::pipeline::{DraftError, Pipeline};
use hrdraft::plugin_host::{DiscoverOptions, Registry};
use hrdraft::template::TemplateSet;
use hrdraft::write::{self, Writer, Written};

use super::explain::{self, Sources};
use super::report;
use super::{Failure, EXIT_INVALID, EXIT_IO, EXIT_PLUGIN};

/// Where templates and plugins come from.
#[derive(Debug, Clone, clap::Args)]
pub struct EngineArgs {
    /// A directory of templates; one with the name of a built-in template replaces it.
    #[arg(long, value_name = "DIR", global = true)]
    pub templates: Option<PathBuf>,
    /// A plugin to load: a dynamic library, an executable, or a directory of them.
    #[arg(long = "plugin", value_name = "PATH", global = true)]
    pub plugins: Vec<PathBuf>,
    /// Also load the plugins in ./plugins.d of the current directory. They
    /// run as programs with your rights: give this only in a folder you trust.
    #[arg(long, global = true)]
    pub local_plugins: bool,
}

impl EngineArgs {
    pub fn template_set(&self) -> anyhow::Result<TemplateSet> {
        let mut set = TemplateSet::builtin().map_err(|e| Failure::new(EXIT_INVALID, e))?;
        if let Some(dir) = &self.templates {
            set.add_dir(dir)
                .map_err(|e| Failure::new(EXIT_INVALID, e))?;
        }
        Ok(set)
    }

    pub fn registry(&self) -> anyhow::Result<Registry> {
        hrdraft::plugin_host::show_stderr(report::settings().verbose);
        // ./plugins.d is code from whatever folder hrdraft runs in (an
        // unpacked archive, a shared folder): loaded only when asked for.
        let local = PathBuf::from(LOCAL_PLUGINS);
        let dirs = DiscoverOptions::default_dirs()
            .into_iter()
            .filter(|d| self.local_plugins || *d != local)
            .collect();
        if !self.local_plugins && local.is_dir() {
            report::note(format_args!(
                "note: the plugins in ./{LOCAL_PLUGINS} were not loaded: plugins run as programs \
                 with your rights, so hrdraft loads those of the current folder only with \
                 --local-plugins"
            ));
        }
        let options = DiscoverOptions {
            extra: self.plugins.clone(),
            dirs,
        };
        let mut registry =
            Registry::discover(&options).map_err(|e| Failure::new(EXIT_PLUGIN, e))?;
        // Library plugins run in a child: this executable as their host.
        match std::env::current_exe() {
            Ok(exe) => registry.isolate_libraries(exe),
            Err(e) => report::verbose(format_args!(
                "library plugins run inside hrdraft: its own executable was not found ({e})"
            )),
        }
        for note in registry.notes() {
            report::verbose(note);
        }
        Ok(registry)
    }

    pub fn pipeline(&self) -> anyhow::Result<Pipeline> {
        let templates = self.template_set()?;
        let registry = self.registry()?;
        self.pipeline_with(templates, registry, None)
    }

    /// A drafter of `templates` (only those named in `only`, when given: see
    /// [`Pipeline::new_for`]); a template that does not parse is shown on its line.
    pub fn pipeline_with(
        &self,
        templates: TemplateSet,
        registry: Registry,
        only: Option<&[&str]>,
    ) -> anyhow::Result<Pipeline> {
        let plugin_partials = registry.partials();
        let built = match only {
            Some(only) => Pipeline::new_for(templates.clone(), registry, only),
            None => Pipeline::new(templates.clone(), registry),
        };
        built.map_err(|e| {
            let sources = Sources {
                templates: &templates,
                plugin_partials,
            };
            explain::setup_failure(e, &sources).into()
        })
    }

    /// A drafter with only these templates registered (see [`Pipeline::new_for`]).
    pub fn pipeline_for(&self, only: &[&str]) -> anyhow::Result<Pipeline> {
        let templates = self.template_set()?;
        let registry = self.registry()?;
        self.pipeline_with(templates, registry, Some(only))
    }

    /// [`EngineArgs::pipeline_for`] `template`, and the dataset at `path`
    /// read while the template compiles (neither needs the other), as it
    /// loaded. A template that does not compile is the error first.
    pub fn pipeline_and_dataset(
        &self,
        template: &str,
        path: &Path,
    ) -> anyhow::Result<(Pipeline, Result<Loaded, dataset::LoadError>)> {
        let (loaded, pipeline) =
            hrdraft::pipeline::at_once(|| dataset::load(path), || self.pipeline_for(&[template]));
        Ok((pipeline?, loaded))
    }

    /// [`EngineArgs::pipeline_for`] with its templates not compiled yet
    /// (see [`Pipeline::uncompiled_for`]); [`compiled`] reports what
    /// compiling them finds as `pipeline_for` would.
    pub fn pipeline_uncompiled_for(&self, only: &[&str]) -> anyhow::Result<Pipeline> {
        let templates = self.template_set()?;
        let registry = self.registry()?;
        let plugin_partials = registry.partials();
        Pipeline::uncompiled_for(templates.clone(), registry, only).map_err(|e| {
            let sources = Sources {
                templates: &templates,
                plugin_partials,
            };
            explain::setup_failure(e, &sources).into()
        })
    }
}

/// The pipeline whose templates [`Pipeline::compile`] compiled with
/// `result`; a template that does not compile is shown on its line.
pub fn compiled(
    pipeline: Pipeline,
    result: Result<(), hrdraft::pipeline::DraftError>,
) -> anyhow::Result<Pipeline> {
    match result {
        Ok(()) => Ok(pipeline),
        Err(e) => Err(explain::setup_failure(e, &sources(&pipeline)).into()),
    }
}

/// The plugin directory of the current folder, loaded with `--local-plugins`.
const LOCAL_PLUGINS: &str = "plugins.d";

/// Where a drafter's templates come from, for showing the line an error is on.
pub fn sources(drafter: &Pipeline) -> Sources<'_> {
    Sources {
        templates: drafter.templates(),
        plugin_partials: drafter.plugins().partials(),
    }
}

/// A drafting error with its exit status, shown on the line it comes from.
pub fn draft_failure<'a>(
    drafter: &'a Pipeline,
    template: &str,
) -> impl Fn(DraftError) -> Failure + 'a {
    let template = template.to_string();
    move |e| explain::draft_failure(e, &sources(drafter), &template)
}

/// Load a dataset; its problems are the failure's findings, its warnings are printed.
pub fn load_dataset(path: &Path) -> anyhow::Result<Loaded> {
    report_loaded(path, dataset::load(path))
}

/// What [`load_dataset`] makes of a dataset loaded already (on another thread).
pub fn report_loaded(
    path: &Path,
    loaded: Result<Loaded, dataset::LoadError>,
) -> anyhow::Result<Loaded> {
    let loaded = loaded_quietly(path, loaded)?;
    if !report::settings().json {
        let warnings: Vec<Diagnostic> = loaded
            .warnings
            .iter()
            .map(|d| d.clone().in_dataset(path))
            .collect();
        report::print(&warnings);
    }
    Ok(loaded)
}

/// [`report_loaded`] without printing the dataset's warnings, for a command
/// that prints them later (beside the lint's, which restate some of them).
pub fn loaded_quietly(
    path: &Path,
    loaded: Result<Loaded, dataset::LoadError>,
) -> anyhow::Result<Loaded> {
    match loaded {
        Ok(loaded) => Ok(loaded),
        Err(e) => {
            let findings: Vec<Diagnostic> = e
                .diagnostics
                .iter()
                .map(|d| d.clone().in_dataset(path))
                .collect();
            let errors = e
                .diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .count();
            let mut failure = Failure::shown(
                EXIT_INVALID,
                anyhow!(
                    "{} is not a valid dataset ({errors} error{}); nothing was written",
                    path.display(),
                    if errors == 1 { "" } else { "s" }
                ),
                findings,
            );
            failure.summary = true;
            Err(failure.into())
        }
    }
}

/// The writers for `--format` values, in the order given, without repeats.
pub fn writers(formats: &[String]) -> anyhow::Result<Vec<&'static dyn Writer>> {
    let mut out: Vec<&'static dyn Writer> = Vec::new();
    for f in formats {
        let w = write::writer(f).ok_or_else(|| {
            Failure::usage(anyhow!(
                "unknown format `{f}`; the formats are {}",
                write::writers()
                    .iter()
                    .map(|w| w.name())
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
        })?;
        if !out.iter().any(|o| o.name() == w.name()) {
            out.push(w);
        }
    }
    Ok(out)
}

/// What a document's output step put on disk.
pub struct Put {
    /// The files, in the order of the formats.
    pub paths: Vec<PathBuf>,
    /// The document's pages, when a writer laid it out.
    pub pages: Option<u32>,
}

/// A file for writer `w` to write `dataset`'s `template` document into as
/// it makes it (see [`hrdraft::write::FileFor`]): its temporary file beside
/// its final path under `out`, which [`put`] renames into place with the
/// other formats, and an open handle to it. `None` when the path cannot be
/// made: [`put`] says what is wrong with the name.
pub fn staged_file(
    out: &Path,
    (dataset, template): (&str, &str),
    w: &'static dyn hrdraft::write::Writer,
) -> Result<Option<(std::fs::File, output::Staged)>, hrdraft::write::WriteError> {
    let Ok(path) = output::document_path(out, dataset, template, w.extension()) else {
        return Ok(None);
    };
    let failed = |message: String| hrdraft::write::WriteError::Backend {
        format: w.name(),
        message,
    };
    let staged = output::stage_empty(&path).map_err(|e| failed(e.to_string()))?;
    let file = staged
        .file()
        .try_clone()
        .map_err(|e| failed(format!("{}: {e}", path.display())))?;
    Ok(Some((file, staged)))
}

/// The output step: a document written in memory goes to
/// `out/<dataset>/<template>.<ext>`, all of its formats or none of them,
/// after its losses are said (`name` names the document in the warning).
/// With `all_or_nothing`, a run interrupted meanwhile writes nothing; with
/// `deny` (`--deny-warnings`), neither does a document written with a loss.
pub fn put(
    written: Written,
    in_file: Option<output::Staged>,
    out: &Path,
    (dataset, template): (&str, &str),
    name: &str,
    all_or_nothing: bool,
    deny: bool,
) -> anyhow::Result<Put> {
    for (format, warning) in &written.warnings {
        report::warn_written(format!("{name}.{format}: {warning}"));
    }
    if deny && !written.warnings.is_empty() {
        return Err(super::lint::denied(
            Vec::new(),
            written.warnings.len(),
            &format!("nothing was written for {name}"),
        )
        .into());
    }
    let mut paths = Vec::with_capacity(written.files.len());
    let mut files = Vec::with_capacity(written.files.len());
    // The format written into its file as it was made (`in_file`, from the
    // pipeline's `FileFor`) is on disk already, under a temporary name.
    let in_file = in_file.filter(|_| written.in_file.is_some());
    for (writer, bytes) in written.files {
        let path = output::document_path(out, dataset, template, writer.extension())
            .map_err(|e| Failure::new(EXIT_INVALID, e))?;
        paths.push(path.clone());
        if written.in_file != Some(writer.name()) {
            files.push((path, bytes));
        }
    }
    if all_or_nothing && super::interrupt::interrupted() {
        return Err(Failure::new(
            super::interrupt::exit_status(),
            anyhow!("interrupted: nothing was written"),
        )
        .into());
    }
    output::write_all_atomic_with(&files, in_file.into_iter().collect())
        .map_err(|e| Failure::new(EXIT_IO, e))?;
    Ok(Put {
        paths,
        pages: written.pages,
    })
}

/// `--as-of YYYY-MM-DD`: the date a document is drafted as of, in place of
/// its documents.toml date.
pub fn as_of(value: &str) -> Result<hrdraft::sdk::Date, String> {
    value
        .parse::<hrdraft::sdk::Date>()
        .map_err(|e| format!("{e}; write the date as YYYY-MM-DD"))
}

/// Parse `--set key=value` pairs into the `vars` object of the context.
pub fn vars(sets: &[String]) -> anyhow::Result<serde_json::Map<String, serde_json::Value>> {
    let mut map = serde_json::Map::new();
    for s in sets {
        let (k, v) = s
            .split_once('=')
            .ok_or_else(|| Failure::usage(anyhow!("`--set {s}`: write key=value")))?;
        let k = k.trim();
        if k.is_empty() {
            return Err(Failure::usage(anyhow!("`--set {s}`: the key is empty")).into());
        }
        map.insert(k.to_string(), serde_json::Value::String(v.to_string()));
    }
    Ok(map)
}

/// The reference DOCX named with `--reference-docx`, read and checked: an
/// error names the file and says what is wrong with it.
pub fn reference_docx(path: Option<&Path>) -> Result<Option<write::docx::ReferenceDocx>, Failure> {
    let Some(path) = path else {
        return Ok(None);
    };
    let bytes = std::fs::read(path).map_err(|e| {
        Failure::new(
            EXIT_IO,
            anyhow!("cannot read the reference DOCX {}: {e}", path.display()),
        )
    })?;
    write::docx::ReferenceDocx::read(bytes)
        .map(Some)
        .map_err(|e| {
            Failure::new(
                EXIT_INVALID,
                anyhow!(
                    "the reference DOCX {} cannot be used: {e}; give a .docx saved by Word or LibreOffice whose header holds the letterhead",
                    path.display()
                ),
            )
        })
}

/// Refuse datasets whose documents.toml names a template there is not: the
/// document meant would be drafted without its entry.
pub fn unknown_templates(
    paths: &[PathBuf],
    datasets: &[hrdraft_sdk::Dataset],
    pipeline: &Pipeline,
) -> anyhow::Result<()> {
    let known = pipeline.templates().names();
    let findings: Vec<Diagnostic> = paths
        .iter()
        .zip(datasets)
        .flat_map(|(path, ds)| {
            dataset::unknown_templates(path, ds, &known, Severity::Error)
                .into_iter()
                .map(|d| d.in_dataset(path))
        })
        .collect();
    if findings.is_empty() {
        return Ok(());
    }
    let mut failure = Failure::shown(
        EXIT_INVALID,
        anyhow::anyhow!(
            "documents.toml names a template there is not ({} entr{}); nothing was written",
            findings.len(),
            if findings.len() == 1 { "y" } else { "ies" }
        ),
        findings,
    );
    failure.summary = true;
    Err(failure.into())
}
