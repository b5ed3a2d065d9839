//! What a template reads of the context, found from its sources.
//!
//! [`Template::reads_dataset`] says whether it may read the dataset at
//! all; [`Template::reads_plugins`] says which fields of each plugin's
//! findings it reads, by following every path its body, partials,
//! blocks and messages name from where each is rendered, so that the
//! context need not hold the rest (on a large dataset, most of it).

use std::collections::{BTreeMap, HashMap};

use handlebars::template::{
    BlockParam, DecoratorTemplate, HelperTemplate, Parameter, Template as Parsed, TemplateElement,
};
use handlebars::{Path, PathSeg};
use hrdraft_sdk::Reads;

use super::Template;

impl Template {
    /// Whether the template may read the context's `dataset`: one of its
    /// sources (body, partials, blocks, messages, title, and every plugin partial
    /// in `plugin_partials`) names it, or takes `@root` whole, which could
    /// reach it. On a large dataset that copy of it is most of the context,
    /// in time and memory, and most templates reach the dataset through
    /// their plugins and the root's `country` and `document`; a template
    /// that does not read it is given only the sources its citations draw on.
    pub fn reads_dataset(&self, plugin_partials: &[(String, String)]) -> bool {
        let mut sources = vec![self.body.as_str()];
        sources.extend(self.partials.iter().map(|(_, s)| s.as_str()));
        sources.extend(self.blocks.values().map(String::as_str));
        sources.extend(plugin_partials.iter().map(|(_, s)| s.as_str()));
        sources.extend(
            self.messages
                .values()
                .flat_map(|m| m.values().map(String::as_str)),
        );
        sources.extend(self.manifest.document_title.as_deref());
        sources.iter().any(|s| names_dataset(s))
    }
}

impl Template {
    /// What the template reads of each plugin's findings it names in
    /// `plugins`, by name (`plugin_partials` as for
    /// [`Template::reads_dataset`]); why not, when its sources do not say:
    /// a helper, partial or message not known, a partial named at render
    /// time, or the whole of `plugins` or the root taken. The findings are
    /// then kept whole.
    pub fn reads_plugins(
        &self,
        plugin_partials: &[(String, String)],
    ) -> Result<BTreeMap<String, Reads>, String> {
        self.analyse_plugins(plugin_partials).map(|a| a.reads)
    }

    /// [`Template::reads_plugins`], and the lists of the findings that the
    /// template reads once, each through one `{{#each}}` ([`Once`]).
    pub fn analyse_plugins(
        &self,
        plugin_partials: &[(String, String)],
    ) -> Result<Analysis, String> {
        let mut reader = Reader::new(self, plugin_partials);
        let mut scopes = vec![Scope::root()];
        reader.source(&self.body, &mut scopes).map_err(|u| u.0)?;
        if let Some(title) = &self.manifest.document_title {
            reader.source(title, &mut scopes).map_err(|u| u.0)?;
        }
        // The subject (`Engine::subject_name`) is this message at the root.
        reader
            .message("document.subject", &mut scopes)
            .map_err(|u| u.0)?;
        let plugins = reader.root.get("plugins");
        if plugins.as_ref().is_some_and(|p| p.is_whole()) {
            return Err("the whole of `plugins` is read".into());
        }
        let reads = self
            .manifest
            .plugins
            .iter()
            .map(|name| {
                let reads = plugins.as_ref().and_then(|p| p.get(name));
                (
                    name.clone(),
                    reads.map(|r| r.into_owned()).unwrap_or_default(),
                )
            })
            .collect();
        Ok(Analysis {
            reads,
            once: reader.once(),
        })
    }
}

/// A path the analysis cannot follow: the template's reads are unknown.
#[derive(Debug)]
struct Unknown(String);

type Found = Result<(), Unknown>;

/// Where a value stands in the context: the steps to it from the root,
/// or `None` for a value made at render time (a helper's result, a
/// partial's hash), whose sources are read whole where they are given.
type Place = Option<Vec<Step>>;

#[derive(Debug, Clone, PartialEq)]
enum Step {
    Field(String),
    Items,
}

/// A block's scope: its `this`, and the block parameters it names.
#[derive(Debug, Clone)]
struct Scope {
    this: Place,
    params: Vec<(String, Place)>,
    /// The `{{#each}}` (its place in [`Reader::sites`]) whose element this
    /// scope is.
    site: Option<usize>,
}

impl Scope {
    fn root() -> Scope {
        Scope {
            this: Some(Vec::new()),
            params: Vec::new(),
            site: None,
        }
    }

    fn new(this: Place, params: Vec<(String, Place)>) -> Scope {
        Scope {
            this,
            params,
            site: None,
        }
    }
}

/// An `{{#each}}` over a list of the context, as the analysis met it.
#[derive(Debug)]
struct Site {
    /// The list.
    place: Vec<Step>,
    /// Its value was named by one field, from the scope it stands in.
    name: Option<String>,
    /// The `{{#each}}` whose element is the scope it stands in, if it
    /// stands directly there (no other block or partial between).
    parent: Option<usize>,
    /// It stands in an element of some `{{#each}}`, directly or not.
    nested: bool,
    /// It names block parameters.
    params: bool,
}

/// A path read, how, and the sites whose elements the scope it was read
/// from stands in.
#[derive(Debug)]
struct Logged {
    steps: Vec<Step>,
    how: How,
    within: Vec<usize>,
}

/// A list of the plugins' findings that the template reads only through
/// one `{{#each}}`, met once: each element can be freed once it is
/// rendered (see `render::take_once`). `path` is where the list stands: from
/// the root for a list of the context, else the field of an element of
/// the list around it; `within`, the lists in its elements read the same
/// way.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Once {
    pub path: Vec<String>,
    pub within: Vec<Once>,
}

/// What [`Template::analyse_plugins`] finds.
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    /// What the template reads of each plugin's findings.
    pub reads: BTreeMap<String, Reads>,
    /// The lists it reads once (see [`Once`]).
    pub once: Vec<Once>,
}

/// How a value is read: printed or given to a helper (whole), or only
/// tested or entered (`{{#if x}}`, `{{#each x}}`).
#[derive(Debug, Clone, Copy, PartialEq)]
enum How {
    Whole,
    Entered,
}

/// Helpers that compute from their parameters and render no block of
/// their own: Handlebars' and hrdraft's (render::helpers).
const VALUE_HELPERS: &[&str] = &[
    "eq",
    "ne",
    "gt",
    "gte",
    "lt",
    "lte",
    "and",
    "or",
    "not",
    "len",
    "lookup",
    "log",
    "date",
    "date_range",
    "ordinal",
    "number_words",
    "join",
    "ends_in_aside",
    "upper",
    "lower",
    "capitalize",
    "uncapitalize",
    "without_article",
    "count",
    "plural",
    "concat",
    "footnote",
    "cite",
    "citation",
    "paragraphs",
    "anchor",
    "pageref",
];

/// Block helpers that render their block where they stand, over the same
/// scope (`section` also renders the template's blocks there).
const SAME_SCOPE_BLOCKS: &[&str] = &[
    "if", "unless", "footnote", "cite", "citation", "evidence", "section", "again",
];

/// How deep partials may nest before the analysis gives up.
const MAX_DEPTH: usize = 16;

struct Reader<'t> {
    root: Reads,
    partials: HashMap<&'t str, &'t str>,
    inline: HashMap<String, Parsed>,
    messages: HashMap<&'t str, Vec<&'t str>>,
    blocks: HashMap<String, Vec<String>>,
    depth: usize,
    /// Every `{{#each}}` over a list of the context, as met.
    sites: Vec<Site>,
    /// Every path read, as met.
    log: Vec<Logged>,
}

impl<'t> Reader<'t> {
    fn new(template: &'t Template, plugin_partials: &'t [(String, String)]) -> Reader<'t> {
        let partials: HashMap<&str, &str> = plugin_partials
            .iter()
            .chain(&template.partials)
            .map(|(n, s)| (n.as_str(), s.as_str()))
            .collect();
        let mut messages: HashMap<&str, Vec<&str>> = HashMap::new();
        for (key, source) in template.messages.values().flatten() {
            messages
                .entry(key.as_str())
                .or_default()
                .push(source.as_str());
        }
        let mut blocks: HashMap<String, Vec<String>> = HashMap::new();
        for (block, source) in &template.blocks {
            blocks
                .entry(block.clone())
                .or_default()
                .push(source.clone());
        }
        // A block filled by a named partial, in any language's variant.
        for (block, partial) in &template.manifest.blocks {
            let fill = blocks.entry(block.clone()).or_default();
            fill.push(format!("{{{{> {partial}}}}}"));
            for lang in template.messages.keys() {
                let variant = format!("{partial}.{lang}");
                if partials.contains_key(variant.as_str()) {
                    fill.push(format!("{{{{> {variant}}}}}"));
                }
            }
        }
        Reader {
            root: Reads::default(),
            partials,
            inline: HashMap::new(),
            messages,
            blocks,
            depth: 0,
            sites: Vec::new(),
            log: Vec::new(),
        }
    }

    /// Read a template source rendered over `scopes`.
    fn source(&mut self, source: &str, scopes: &mut Vec<Scope>) -> Found {
        let parsed =
            Parsed::compile(source).map_err(|e| Unknown(format!("does not parse: {e}")))?;
        self.elements(&parsed, scopes)
    }

    fn elements(&mut self, parsed: &Parsed, scopes: &mut Vec<Scope>) -> Found {
        for element in &parsed.elements {
            match element {
                TemplateElement::RawString(_) | TemplateElement::Comment(_) => {}
                TemplateElement::Expression(h) | TemplateElement::HtmlExpression(h) => {
                    self.expression(h, scopes)?
                }
                TemplateElement::HelperBlock(h) => self.block(h, scopes)?,
                TemplateElement::PartialExpression(d) => self.partial(d, scopes)?,
                TemplateElement::DecoratorBlock(d) => self.decorator(d)?,
                other => return Err(Unknown(format!("{other:?}"))),
            }
        }
        Ok(())
    }

    /// `{{x}}`, `{{helper a b=c}}`, `{{t "key"}}`.
    fn expression(&mut self, h: &HelperTemplate, scopes: &mut Vec<Scope>) -> Found {
        let bare = h.params.is_empty() && h.hash.is_empty();
        match &h.name {
            // A bare name may be a field (`DataFirst`) or a helper
            // without parameters: read as a field, which costs nothing
            // when it is a helper.
            Parameter::Name(name) if bare => self.path(name, scopes, How::Whole),
            Parameter::Path(path) if bare => self.param_path(path, scopes, How::Whole),
            Parameter::Name(name) if name == "t" => self.translate(h, scopes),
            Parameter::Name(name) if VALUE_HELPERS.contains(&name.as_str()) => {
                self.params(&h.params, &h.hash, scopes)
            }
            other => Err(Unknown(format!("the helper {:?}", other))),
        }
    }

    /// `{{t "key"}}`: the message, in every language, read where it stands.
    fn translate(&mut self, h: &HelperTemplate, scopes: &mut Vec<Scope>) -> Found {
        self.params(&h.params, &h.hash, scopes)?;
        match h.params.first() {
            Some(Parameter::Literal(serde_json::Value::String(key))) => self.message(key, scopes),
            _ => Err(Unknown("the message key of `t` is not a literal".into())),
        }
    }

    fn message(&mut self, key: &str, scopes: &mut Vec<Scope>) -> Found {
        let sources = self.messages.get(key).cloned().unwrap_or_default();
        self.nested(|reader| {
            sources
                .iter()
                .try_for_each(|source| reader.source(source, scopes))
        })
    }

    fn nested(&mut self, read: impl FnOnce(&mut Self) -> Found) -> Found {
        if self.depth >= MAX_DEPTH {
            return Err(Unknown("partials nest too deep".into()));
        }
        self.depth += 1;
        let found = read(self);
        self.depth -= 1;
        found
    }

    fn block(&mut self, h: &HelperTemplate, scopes: &mut Vec<Scope>) -> Found {
        let Parameter::Name(name) = &h.name else {
            return Err(Unknown("a block helper named by a path".into()));
        };
        let name = name.as_str();
        match name {
            "each" | "with" => {
                let Some(value) = h.params.first() else {
                    return Err(Unknown("`each` or `with` without a value".into()));
                };
                let place = self.place(value, scopes, How::Entered)?;
                self.params(&h.params[1..], &h.hash, scopes)?;
                let mut site = None;
                let this = match (name, place) {
                    ("each", Some(mut steps)) => {
                        site = Some(self.sites.len());
                        self.sites.push(Site {
                            place: steps.clone(),
                            name: one_field(value),
                            parent: scopes.last().and_then(|s| s.site),
                            nested: scopes.iter().any(|s| s.site.is_some()),
                            params: h.block_param.is_some(),
                        });
                        steps.push(Step::Items);
                        self.mark(&steps, How::Entered);
                        Some(steps)
                    }
                    (_, place) => place,
                };
                let mut params = Vec::new();
                match &h.block_param {
                    None => {}
                    Some(BlockParam::Single(Parameter::Name(p))) => {
                        params.push((p.clone(), this.clone()))
                    }
                    Some(BlockParam::Pair((Parameter::Name(p), Parameter::Name(k)))) => {
                        params.push((p.clone(), this.clone()));
                        params.push((k.clone(), None));
                    }
                    Some(_) => return Err(Unknown("block parameters not named".into())),
                }
                scopes.push(Scope { this, params, site });
                let found = match &h.template {
                    Some(t) => self.elements(t, scopes),
                    None => Ok(()),
                };
                scopes.pop();
                found?;
            }
            _ if SAME_SCOPE_BLOCKS.contains(&name) => {
                match (name, h.params.first()) {
                    ("if" | "unless", Some(Parameter::Path(path))) => {
                        self.param_path(path, scopes, How::Entered)?;
                        self.params(&h.params[1..], &h.hash, scopes)?;
                    }
                    // `evidence` reads what it is given only in review,
                    // when nothing is left out (see `Pipeline::set_trim_from`);
                    // else Handlebars only looks its paths up.
                    ("evidence", _) => {
                        for p in &h.params {
                            match p {
                                Parameter::Path(path) => {
                                    self.param_path(path, scopes, How::Entered)?
                                }
                                other => self.param(other, scopes)?,
                            }
                        }
                        self.params(&[], &h.hash, scopes)?;
                    }
                    _ => self.params(&h.params, &h.hash, scopes)?,
                }
                if name == "section" {
                    self.section(h, scopes)?;
                }
                if let Some(t) = &h.template {
                    self.elements(t, scopes)?;
                }
            }
            "raw" => {}
            other => return Err(Unknown(format!("the block helper {other}"))),
        }
        match &h.inverse {
            Some(t) => self.elements(t, scopes),
            None => Ok(()),
        }
    }

    /// `{{#section "name" heading="key"}}`: its heading message and the
    /// template's blocks around it, read where it stands.
    fn section(&mut self, h: &HelperTemplate, scopes: &mut Vec<Scope>) -> Found {
        let Some(Parameter::Literal(serde_json::Value::String(section))) = h.params.first() else {
            return Err(Unknown("a section named at render time".into()));
        };
        match h.hash.get("heading") {
            None => {}
            Some(Parameter::Literal(serde_json::Value::String(key))) => {
                self.message(key, scopes)?
            }
            Some(_) => return Err(Unknown("a section heading named at render time".into())),
        }
        for position in super::POSITIONS {
            let fills = self
                .blocks
                .get(&format!("{position}/{section}"))
                .cloned()
                .unwrap_or_default();
            self.nested(|reader| fills.iter().try_for_each(|s| reader.source(s, scopes)))?;
        }
        Ok(())
    }

    /// `{{> name}}`, `{{> name value key=value}}`: the partial read over
    /// the scope it is given, one block deeper.
    fn partial(&mut self, d: &DecoratorTemplate, scopes: &mut Vec<Scope>) -> Found {
        let name = match &d.name {
            Parameter::Name(n) => n.clone(),
            Parameter::Literal(serde_json::Value::String(n)) => n.clone(),
            _ => return Err(Unknown("a partial named at render time".into())),
        };
        let this = match d.params.first() {
            None => scopes
                .last()
                .ok_or(Unknown("no scope".into()))?
                .this
                .clone(),
            Some(value) => self.place(value, scopes, How::Whole)?,
        };
        if d.params.len() > 1 {
            return Err(Unknown(format!(
                "the partial `{name}` given more than one value"
            )));
        }
        self.params(&[], &d.hash, scopes)?;
        let params = d.hash.keys().map(|k| (k.clone(), None)).collect();
        let inline = self.inline.get(&name).cloned();
        let source = self.partials.get(name.as_str()).copied();
        scopes.push(Scope::new(this, params));
        let found = self.nested(|reader| match (inline, source) {
            (Some(parsed), _) => reader.elements(&parsed, scopes),
            (None, Some(source)) => reader.source(source, scopes),
            (None, None) => Err(Unknown(format!("the partial `{name}`, which is not known"))),
        });
        scopes.pop();
        found
    }

    /// `{{#*inline "name"}}…{{/inline}}`: kept for the partials that use it.
    fn decorator(&mut self, d: &DecoratorTemplate) -> Found {
        match (&d.name, d.params.first(), &d.template) {
            (
                Parameter::Name(n),
                Some(Parameter::Literal(serde_json::Value::String(name))),
                Some(t),
            ) if n == "inline" => {
                self.inline.insert(name.clone(), t.clone());
                Ok(())
            }
            _ => Err(Unknown("a decorator other than `inline`".into())),
        }
    }

    fn params(
        &mut self,
        params: &[Parameter],
        hash: &std::collections::HashMap<String, Parameter>,
        scopes: &mut Vec<Scope>,
    ) -> Found {
        params
            .iter()
            .chain(hash.values())
            .try_for_each(|p| self.param(p, scopes))
    }

    /// Where a block or partial's value stands, read `how`: `None` for
    /// one made at render time (a subexpression's, whose own parameters
    /// are read whole).
    fn place(
        &mut self,
        value: &Parameter,
        scopes: &mut Vec<Scope>,
        how: How,
    ) -> Result<Place, Unknown> {
        match value {
            Parameter::Path(path) => {
                self.param_path(path, scopes, how)?;
                resolve(path, scopes).map(|(place, _)| place)
            }
            other => {
                self.param(other, scopes)?;
                Ok(None)
            }
        }
    }

    /// A helper's parameter: read whole.
    fn param(&mut self, p: &Parameter, scopes: &mut Vec<Scope>) -> Found {
        match p {
            Parameter::Literal(_) => Ok(()),
            Parameter::Path(path) => self.param_path(path, scopes, How::Whole),
            Parameter::Name(name) => self.path(name, scopes, How::Whole),
            Parameter::Subexpression(sub) => {
                if !VALUE_HELPERS.contains(&sub.name()) {
                    return Err(Unknown(format!(
                        "the helper `{}` in a subexpression",
                        sub.name()
                    )));
                }
                let params = sub.params().cloned().unwrap_or_default();
                let hash = sub.hash().cloned().unwrap_or_default();
                self.params(&params, &hash, scopes)
            }
            _ => Err(Unknown("a parameter of an unknown kind".into())),
        }
    }

    fn param_path(&mut self, path: &Path, scopes: &[Scope], how: How) -> Found {
        if let (Some(steps), from) = resolve(path, scopes)? {
            self.mark(&steps, how);
            self.log.push(Logged {
                within: scopes[..=from].iter().filter_map(|s| s.site).collect(),
                steps,
                how,
            });
        }
        Ok(())
    }

    /// A bare name (`{{title}}`, `{{count}}`), read as the path it is.
    fn path(&mut self, raw: &str, scopes: &[Scope], how: How) -> Found {
        let path = Path::parse(raw).map_err(|e| Unknown(format!("`{raw}`: {e}")))?;
        self.param_path(&path, scopes, how)
    }

    /// The lists read once ([`Once`]). An `{{#each}}` reads its list once
    /// when no other `{{#each}}` is met on the same list and it names no
    /// block parameters; when it stands in no element of another, on a
    /// list of `plugins`, or directly in the element of one that reads its
    /// own list once, on a field of that element (so that rendering finds
    /// it as the analysis did); and when no path read leads into the list's
    /// elements but from within them, and none takes the list, or what
    /// holds it, whole (an `{{#if}}` on the list itself only tests it).
    fn once(&self) -> Vec<Once> {
        let mut ok = vec![false; self.sites.len()];
        for (i, site) in self.sites.iter().enumerate() {
            let alone = self.sites.iter().filter(|s| s.place == site.place).count() == 1;
            let placed = match site.parent {
                None => {
                    !site.nested
                        && matches!(site.place.first(), Some(Step::Field(f)) if f == "plugins")
                        && site.place.iter().all(|s| matches!(s, Step::Field(_)))
                }
                Some(p) => {
                    let outer = &self.sites[p].place;
                    ok[p]
                        && site.place.len() == outer.len() + 2
                        && site.place.starts_with(outer)
                        && site.place[outer.len()] == Step::Items
                        && matches!((&site.place[outer.len() + 1], &site.name),
                            (Step::Field(f), Some(n)) if f == n)
                }
            };
            let read_once = self.log.iter().all(|l| {
                if !through(&l.steps, &site.place) {
                    return !(l.how == How::Whole && through(&site.place, &l.steps));
                }
                if l.steps.len() == site.place.len() {
                    l.how == How::Entered
                } else {
                    l.within.contains(&i)
                }
            });
            ok[i] = alone && !site.params && placed && read_once;
        }
        self.once_within(None, &ok)
    }

    /// The lists read once whose `{{#each}}` stands directly in the
    /// element of site `parent` (`None`: at the top).
    fn once_within(&self, parent: Option<usize>, ok: &[bool]) -> Vec<Once> {
        self.sites
            .iter()
            .enumerate()
            .filter(|&(i, s)| ok[i] && s.parent == parent)
            .map(|(i, s)| Once {
                path: match parent {
                    None => s
                        .place
                        .iter()
                        .filter_map(|step| match step {
                            Step::Field(f) => Some(f.clone()),
                            Step::Items => None,
                        })
                        .collect(),
                    Some(_) => s.name.iter().cloned().collect(),
                },
                within: self.once_within(Some(i), ok),
            })
            .collect()
    }

    fn mark(&mut self, steps: &[Step], how: How) {
        let mut reads = &mut self.root;
        for step in steps {
            if reads.is_whole() {
                return;
            }
            reads = match step {
                Step::Field(name) => reads.field(name),
                Step::Items => reads.items(),
            };
        }
        if how == How::Whole {
            reads.set_whole();
        }
    }
}

/// Where `path` leads from the innermost of `scopes`, as Handlebars
/// resolves it (its `Context::navigate`): from the root after `@root`;
/// else a block parameter named by the first field, wherever it is set;
/// else from the scope as many blocks out as the path has `../`. `None`
/// for a value made at render time, and for the block's own variables
/// (`@index`, `@key`).
fn resolve(path: &Path, scopes: &[Scope]) -> Result<(Place, usize), Unknown> {
    let segments = match path {
        Path::Local(_) => return Ok((None, 0)),
        Path::Relative((segments, _)) => segments,
    };
    let mut up = 0;
    let mut from_root = false;
    let mut fields = Vec::new();
    for segment in segments {
        match segment {
            PathSeg::Named(name) => fields.push(name.clone()),
            // Handlebars' grammar names these rules; its type is its own.
            PathSeg::Ruled(rule) => match format!("{rule:?}").as_str() {
                "path_root" if fields.is_empty() => from_root = true,
                "path_up" if fields.is_empty() => up += 1,
                other => return Err(Unknown(format!("a path with `{other}`"))),
            },
            _ => return Err(Unknown("a path of an unknown kind".into())),
        }
    }
    let mut rest = fields.as_slice();
    let (base, from) = if from_root {
        (Some(Vec::new()), 0)
    } else if let Some((at, place)) = rest.first().and_then(|first| {
        scopes.iter().enumerate().rev().find_map(|(i, s)| {
            s.params
                .iter()
                .find(|(n, _)| n == first)
                .map(|(_, place)| (i, place))
        })
    }) {
        rest = &rest[1..];
        (place.clone(), at)
    } else {
        let at = scopes
            .len()
            .checked_sub(1 + up)
            .filter(|&i| i < scopes.len())
            .ok_or(Unknown("a path that goes above the root".into()))?;
        (scopes[at].this.clone(), at)
    };
    let place = base.map(|mut steps| {
        steps.extend(rest.iter().map(|s| Step::Field(s.clone())));
        steps
    });
    Ok((place, from))
}

/// The field a block's value names, when it is one field of the scope
/// it stands in (`{{#each rows}}`, not `../rows`, `this.rows` or `a.rows`).
fn one_field(value: &Parameter) -> Option<String> {
    match value {
        Parameter::Path(Path::Relative((segments, raw))) => match segments.as_slice() {
            [PathSeg::Named(name)] if raw == name => Some(name.clone()),
            _ => None,
        },
        Parameter::Name(name) => Some(name.clone()),
        _ => None,
    }
}

/// Whether `steps` reaches as far as `list` and passes through it, an
/// element (`[]`) matching any field: a path that may lead into it.
fn through(steps: &[Step], list: &[Step]) -> bool {
    steps.len() >= list.len()
        && steps.iter().zip(list).all(|pair| match pair {
            (Step::Field(a), Step::Field(b)) => a == b,
            _ => true,
        })
}

/// Whether a template source may read the context's `dataset`: it names it,
/// or it takes `@root` whole (`{{#each @root}}`), which could reach it.
fn names_dataset(source: &str) -> bool {
    source.contains("dataset")
        || source
            .match_indices("@root")
            .any(|(i, m)| !matches!(source.as_bytes().get(i + m.len()), Some(b'.' | b'/')))
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use hrdraft_sdk::Reads;
    use serde_json::{json, Value};

    use super::{names_dataset, Once, Reader, Scope};

    /// What `body` reads of the root, with these partials and messages.
    fn reads(
        body: &str,
        partials: &[(&str, &str)],
        messages: &[(&str, &str)],
    ) -> Result<Value, String> {
        Ok(read(body, partials, messages)?.root.to_json())
    }

    /// The lists `body` reads once, as `path (within…)`, with these partials.
    fn once(body: &str, partials: &[(&str, &str)]) -> Vec<String> {
        fn show(o: &Once) -> String {
            let within: Vec<String> = o.within.iter().map(show).collect();
            if within.is_empty() {
                o.path.join(".")
            } else {
                format!("{} ({})", o.path.join("."), within.join(", "))
            }
        }
        read(body, partials, &[])
            .unwrap()
            .once()
            .iter()
            .map(show)
            .collect()
    }

    fn read<'t>(
        body: &str,
        partials: &[(&'t str, &'t str)],
        messages: &[(&'t str, &'t str)],
    ) -> Result<Reader<'t>, String> {
        let mut reader = Reader {
            root: Reads::default(),
            partials: partials.iter().copied().collect(),
            inline: HashMap::new(),
            messages: messages.iter().map(|(k, v)| (*k, vec![*v])).collect(),
            blocks: HashMap::from([(
                "after/s".to_string(),
                vec!["{{plugins.p.after}}".to_string()],
            )]),
            depth: 0,
            sites: Vec::new(),
            log: Vec::new(),
        };
        reader
            .source(body, &mut vec![Scope::root()])
            .map_err(|u| u.0)?;
        Ok(reader)
    }

    #[test]
    fn lists_read_through_one_each_are_read_once() {
        // As the MIA reads its themes: nested lists, `../`, `@root`, an
        // `{{#if}}` on a list, a field of the same name elsewhere.
        let body = "{{#with plugins.iri}}{{#each recommendations}}{{number}}{{/each}}\
                    {{#if themes}}{{#each themes}}{{theme}}{{#each clusters}}\
                    {{#each recommendations}}{{text}}{{@first}}{{../score}}{{/each}}\
                    {{#each assessments}}{{#if comment}}{{comment}}{{/if}}{{/each}}\
                    {{@root.plugins.iri.change.name}}{{/each}}{{/each}}{{/if}}{{/with}}";
        assert_eq!(
            once(body, &[]),
            [
                "plugins.iri.recommendations",
                "plugins.iri.themes (clusters (recommendations, assessments))"
            ]
        );
    }

    #[test]
    fn a_list_read_otherwise_is_not_read_once() {
        for (body, partials, left) in [
            // Read again, whole, or by an element's place.
            ("{{#each plugins.p.l}}{{a}}{{/each}}{{#each plugins.p.l}}{{b}}{{/each}}", &[][..], vec![]),
            ("{{#each plugins.p.l}}{{a}}{{/each}}{{join plugins.p.l}}", &[], vec![]),
            ("{{#each plugins.p.l}}{{a}}{{/each}}{{plugins.p.l.0.a}}", &[], vec![]),
            ("{{#each plugins.p.l}}{{a}}{{/each}}{{lookup plugins.p \"l\"}}", &[], vec![]),
            // Block parameters; reached from a sibling's element.
            ("{{#each plugins.p.l as |x|}}{{x.a}}{{/each}}", &[], vec![]),
            (
                "{{#with plugins.p}}{{#each l}}{{#each ../m}}{{../../l.[0].a}}{{/each}}{{/each}}{{/with}}",
                &[],
                // `m` is met once for each element of `l`.
                vec![],
            ),
            // Not of the plugins; met in a partial used twice.
            ("{{#each country.list}}{{a}}{{/each}}", &[], vec![]),
            ("{{> p}}{{> p}}", &[("p", "{{#each plugins.p.l}}{{a}}{{/each}}")], vec![]),
            // A list within, under a `{{#with}}` or in a partial: only the outer one.
            (
                "{{#each plugins.p.l}}{{#with w}}{{#each m}}{{/each}}{{/with}}{{/each}}",
                &[],
                vec!["plugins.p.l"],
            ),
            (
                "{{#each plugins.p.l}}{{> q}}{{/each}}",
                &[("q", "{{#each m}}{{a}}{{/each}}")],
                vec!["plugins.p.l"],
            ),
            // A list within named by a path, or read again by its element.
            (
                "{{#each plugins.p.l}}{{#each this.m}}{{/each}}{{#each m}}{{/each}}{{/each}}",
                &[],
                vec!["plugins.p.l"],
            ),
        ] {
            assert_eq!(once(body, partials), left, "{body}");
        }
    }

    #[test]
    fn fields_are_read_where_each_block_stands() {
        let body =
            "{{#with plugins.p}}{{#each list}}{{name}} {{../title}} {{@root.lang}} {{@index}}\
                    {{#if flag}}{{/if}}{{/each}}{{else}}{{none}}{{/with}}";
        assert_eq!(
            reads(body, &[], &[]).unwrap(),
            json!({
                "lang": true,
                "none": true,
                "plugins": {"p": {"list": {"[]": {"name": true, "flag": {}}}, "title": true}}
            })
        );
    }

    #[test]
    fn block_parameters_this_and_brackets_lead_where_handlebars_takes_them() {
        let body =
            "{{#each plugins.p.rows as |row i|}}{{row.[a b]}}{{this.c}}{{./d}}{{i}}{{/each}}\
                    {{#with plugins.q as |q|}}{{#each q.items}}{{q.head}}{{this}}{{/each}}{{/with}}\
                    {{#with plugins.r}}{{#each list}}{{../this.e}}{{/each}}{{/with}}";
        assert_eq!(
            reads(body, &[], &[]).unwrap(),
            json!({"plugins": {
                "p": {"rows": {"[]": {"a b": true, "c": true, "d": true}}},
                "q": {"head": true, "items": {"[]": true}},
                "r": {"e": true, "list": {"[]": {}}}
            }})
        );
    }

    #[test]
    fn helpers_take_their_parameters_whole() {
        let body = "{{join plugins.p.names sep=plugins.p.sep}}\
                    {{#if (eq plugins.p.kind \"x\")}}{{/if}}{{lookup plugins.p.map plugins.p.key}}\
                    {{#evidence plugins.p.found}}{{/evidence}}";
        assert_eq!(
            reads(body, &[], &[]).unwrap(),
            json!({"plugins": {"p": {
                "names": true, "sep": true, "kind": true, "map": true, "key": true,
                // Looked up only: `evidence` reads it in review, never trimmed.
                "found": {}
            }}})
        );
    }

    #[test]
    fn partials_messages_and_blocks_are_read_where_they_are_used() {
        let partials = [
            ("row", "{{number}} {{../total}} {{label}}"),
            ("deep", "{{> row}}"),
        ];
        let messages = [("m", "{{plugins.p.said}}")];
        let body = "{{#each plugins.p.rows}}{{> row label=@root.plugins.p.label}}{{/each}}\
                    {{> deep plugins.p.other}}{{t \"m\"}}\
                    {{#*inline \"own\"}}{{own}}{{/inline}}{{#with plugins.p.w}}{{> own}}{{/with}}\
                    {{#section \"s\"}}{{/section}}";
        assert_eq!(
            reads(body, &partials, &messages).unwrap(),
            json!({"plugins": {"p": {
                // `label` is the partial's own, given by its hash.
                "rows": {"[]": {"number": true, "total": true}},
                "label": true,
                "other": true,
                "said": true,
                "w": {"own": true},
                "after": true,
            }}})
        );
    }

    #[test]
    fn what_cannot_be_followed_says_why() {
        for (body, why) in [
            ("{{t (concat \"a\" b)}}", "message key"),
            ("{{> (name)}}", "partial"),
            ("{{> missing}}", "`missing`"),
            ("{{#custom x}}{{/custom}}", "block helper"),
            ("{{custom x}}", "helper"),
            ("{{#each x}}{{../../y}}{{/each}}", "above the root"),
            ("{{a.[b}}", "parse"),
        ] {
            let e = reads(body, &[], &[]).unwrap_err();
            assert!(e.contains(why), "{body}: {e}");
        }
    }

    #[test]
    fn a_source_reads_the_dataset_by_name_or_through_the_whole_root() {
        assert!(names_dataset("{{dataset.country.name}}"));
        assert!(names_dataset("{{#each @root}}{{@key}}{{/each}}"));
        assert!(!names_dataset("{{@root.country.name}} {{@root/lang}}"));
        assert!(!names_dataset("{{country.name}}"));
    }
}
