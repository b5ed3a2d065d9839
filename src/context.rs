//! The template context: what a template sees, built from the dataset, the
//! document's own facts and the plugins' findings.
//!
//! The context is JSON, since templates read it through Handlebars; what the
//! stages after rendering need of it (the document's language, author and
//! timestamp) is kept beside it, typed, in [`Facts`], so that nothing is
//! read back out of the JSON.

use hrdraft_sdk::{Dataset, Date, DocumentInfo};
use serde_json::{json, Map, Value};

use crate::document::{Letterhead, Logo, SenderLine};

/// A template's context and the document facts the writers need.
#[derive(Debug, Clone)]
pub struct Context {
    /// What the template sees (docs/templates.md, "The context").
    pub json: Value,
    /// What the stages after rendering need.
    pub facts: Facts,
}

/// The document's facts, typed, for the file's properties.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facts {
    /// The document's language tag ("en-GB"), as asked for or as
    /// documents.toml gives it, else its wording's ("en").
    pub language: String,
    /// The language of the template's wording ("en"), one of its manifest's.
    pub wording: String,
    /// The organisation the document is from; empty when none is given.
    pub author: String,
    /// The moment written into the files' timestamps (seconds since 1970).
    pub created: i64,
    /// The organisation's letterhead, its running footer filled in.
    pub letterhead: Letterhead,
    /// The words of the State's names, which the PDF never hyphenates.
    pub names: Vec<String>,
    /// Whether the plugins' findings hold only what the template reads
    /// (`Pipeline::set_trim_from`).
    pub trimmed: bool,
    /// The lists of the findings the template reads once, which the render
    /// frees as it goes (`render::take_once`); only in a trimmed context.
    pub once: Vec<crate::template::Once>,
}

/// The parts the context is made of.
pub struct Parts<'a> {
    /// The dataset.
    pub dataset: &'a Dataset,
    /// The template's name and title.
    pub template: (&'a str, &'a str),
    /// The language of the template's wording ("en").
    pub lang: &'a str,
    /// The template's messages in that language, as JSON.
    pub msg: Value,
    /// The document's own facts, from [`document`].
    pub document: Document,
    /// The dataset as the template sees it (all of it, or its sources).
    pub dataset_json: Value,
    /// Each plugin's findings, by name.
    pub plugins: Map<String, Value>,
    /// Values from `--set key=value`.
    pub vars: Map<String, Value>,
}

impl Context {
    /// The context of `parts`. The dataset and the findings are moved in,
    /// not given to `json!`, which would copy them through serde: they are
    /// nearly all of the context.
    pub fn assemble(parts: Parts<'_>) -> Context {
        let mut json = json!({
            "lang": parts.lang,
            "msg": parts.msg,
            "template": {
                "name": parts.template.0,
                "title": parts.template.1,
            },
            "country": parts.dataset.country,
            "state": parts.dataset.country.names(),
            "document": parts.document.json,
        });
        if let Value::Object(map) = &mut json {
            map.insert("dataset".into(), parts.dataset_json);
            map.insert("plugins".into(), Value::Object(parts.plugins));
            map.insert("vars".into(), Value::Object(parts.vars));
        }
        Context {
            json,
            facts: Facts {
                language: parts.document.language,
                wording: parts.lang.to_string(),
                author: parts.document.author,
                created: parts.document.created,
                letterhead: parts.document.letterhead,
                names: name_words(&parts.dataset.country),
                trimmed: false,
                once: Vec::new(),
            },
        }
    }
}

/// The words of a State's names (its name, formal name and adjective, and
/// its Russian name and genitive), each once, that begin with a capital:
/// those a line may not break inside.
fn name_words(country: &hrdraft_sdk::Country) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    let ru = country.ru.as_ref();
    let names = [
        Some(&country.name),
        country.official_name.as_ref(),
        country.adjective.as_ref(),
    ]
    .into_iter()
    .chain([ru.map(|r| &r.name), ru.map(|r| &r.genitive)])
    .flatten();
    for name in names {
        for word in name.split(|c: char| !c.is_alphabetic()) {
            if word.starts_with(char::is_uppercase) && !words.iter().any(|w| w == word) {
                words.push(word.to_string());
            }
        }
    }
    words
}

/// A document's own facts: as the template sees them (`document` in the
/// context), and as the writers need them.
pub struct Document {
    /// The context's `document`.
    pub json: Value,
    /// Its language tag ("en-GB").
    pub language: String,
    /// The organisation it is from; empty when none is given.
    pub author: String,
    /// The moment written into the files' timestamps (seconds since 1970).
    pub created: i64,
    /// The organisation's letterhead, its running footer filled in.
    pub letterhead: Letterhead,
}

/// The document's date, references, addressees and signatories, resolved,
/// with its language tag (`language`, "en-GB"). `as_of`, when given, is the
/// document's date in place of the one documents.toml gives (`--as-of`).
pub fn document(
    dataset: &Dataset,
    info: Option<&DocumentInfo>,
    language: &str,
    as_of: Option<Date>,
) -> Document {
    let author = info
        .and_then(|d| d.author.clone())
        .or_else(|| dataset.documents.author.clone());
    let addressees: Vec<Value> = info
        .map(|d| {
            d.addressees
                .iter()
                .filter_map(|id| dataset.addressee(id))
                .map(|a| json!(a))
                .collect()
        })
        .unwrap_or_default();
    let date = as_of
        .or_else(|| info.map(|d| d.date))
        .unwrap_or_else(default_date);
    let json = json!({
        "date": date,
        "reference": info.and_then(|d| d.reference.clone()),
        "reference_label": info.and_then(|d| d.reference_label.clone()),
        "index": info.and_then(|d| d.index.clone()),
        "index_label": info.and_then(|d| d.index_label.clone()),
        "dateline": info.and_then(|d| d.dateline),
        "salutation": info.and_then(|d| d.salutation.clone()),
        // A letter sent after this document's date is none it can recall.
        "previous_letter": info.and_then(|d| d.previous_letter).filter(|p| *p <= date),
        "paragraphs": info.map(|d| d.paragraphs.clone()).unwrap_or_default(),
        // The sections the author wrote for, so that a template can tell
        // that a section has content of the author's (`lookup`).
        "authored": info
            .map(|d| {
                d.paragraphs
                    .iter()
                    .map(|p| (p.section.clone(), Value::Bool(true)))
                    .collect::<Map<String, Value>>()
            })
            .unwrap_or_default(),
        "omit": info.map(|d| d.omit.clone()).unwrap_or_default(),
        "language": language,
        // The language the author's paragraphs are written in unless they
        // say otherwise: the document's own, as documents.toml gives it.
        "paragraphs_language": info
            .and_then(|d| d.language.clone())
            .unwrap_or_else(|| "en".to_string()),
        "addressees": addressees,
        "signatories": info.map(|d| d.signatories.clone()).unwrap_or_default(),
        "on_behalf_of": info.map(|d| d.on_behalf_of.clone()).unwrap_or_default(),
        "copy_to": info.and_then(|d| d.copy_to.clone()),
        "author": author,
    });
    let organisation = author.map(|a| a.organisation).unwrap_or_default();
    Document {
        letterhead: letterhead(dataset, &json, &organisation, language),
        json,
        language: language.to_string(),
        author: organisation,
        created: created(date),
    }
}

/// The letterhead of documents.toml for the document whose facts are
/// `facts`: the logo the loader read, the sender block, and the running
/// footer rendered over the facts (`{{index}}`), their straight quotes
/// curled for `language` as the document's text is. No `[letterhead]` is
/// the plain one.
fn letterhead(dataset: &Dataset, facts: &Value, organisation: &str, language: &str) -> Letterhead {
    let Some(given) = &dataset.documents.letterhead else {
        return Letterhead::default();
    };
    let logo = given.logo_data.as_ref().and_then(|data| {
        let info = crate::image::inspect(data).ok()?;
        // 4 cm wide by default, and never more than 2.5 cm high.
        let width_pt = given.logo_width_cm.unwrap_or(4.0) / 2.54 * 72.0;
        let max_h = 2.5 / 2.54 * 72.0;
        let h = width_pt * info.height as f32 / info.width.max(1) as f32;
        let width_pt = if h > max_h {
            width_pt * max_h / h
        } else {
            width_pt
        };
        Some(Logo {
            format: info.format,
            data: data.clone(),
            width_px: info.width,
            height_px: info.height,
            width_cpt: (width_pt * 100.0).round() as u32,
            alt: given
                .logo_alt
                .clone()
                .unwrap_or_else(|| format!("Logo of {organisation}")),
        })
    });
    let footer = given.footer.as_ref().map(|template| {
        let mut hb = handlebars::Handlebars::new();
        hb.register_escape_fn(handlebars::no_escape);
        // The loader compiled it; a value the facts lack prints nothing.
        hb.render_template(template, facts)
            .unwrap_or_else(|_| template.clone())
    });
    let curled = |text: &str| crate::document::smart_quotes(text, language);
    Letterhead {
        logo,
        sender: given
            .sender
            .iter()
            .map(|line| SenderLine::regular(curled(line)))
            .collect(),
        footer: footer.filter(|f| !f.trim().is_empty()).map(|f| curled(&f)),
        sender_align: None,
        logo_align: None,
        later_head: None,
        reference_docx: None,
        paper: given.paper,
    }
}

/// The date of a document the dataset gives no date for: the day of
/// `SOURCE_DATE_EPOCH` when set (for reproducible builds), otherwise today.
fn default_date() -> Date {
    let seconds = source_date_epoch().unwrap_or_else(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(0))
    });
    Date::from_days_since_epoch(seconds.div_euclid(86_400)).unwrap_or(Date {
        year: 1970,
        month: Some(1),
        day: Some(1),
    })
}

fn source_date_epoch() -> Option<i64> {
    crate::env::source_date_epoch().ok().flatten()
}

/// The moment written into files' timestamps: `SOURCE_DATE_EPOCH` if set,
/// else noon (UTC) of the document's date, so the same input gives the same bytes.
fn created(date: Date) -> i64 {
    source_date_epoch().unwrap_or_else(|| date.days_since_epoch() * 86_400 + 12 * 3600)
}
