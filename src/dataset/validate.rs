//! Checks across a loaded dataset: unique ids, resolvable references, possible dates.

use std::collections::{HashMap, HashSet};

use hrdraft_sdk::{Dataset, Date, DocumentInfo, RatificationStatus, TreatyId};

use super::source::TomlFile;
use super::{path, Diagnostic, FieldPath, Severity};

struct Checker<'a> {
    files: &'a [TomlFile],
    out: &'a mut Vec<Diagnostic>,
    sources: HashSet<&'a str>,
}

impl Checker<'_> {
    fn report(
        &mut self,
        severity: Severity,
        file: &str,
        at: FieldPath,
        message: String,
        hint: Option<String>,
    ) {
        let field = at.to_string();
        let diagnostic = match self.files.iter().find(|f| f.name == file) {
            Some(f) => Diagnostic {
                severity,
                ..f.diagnostic(f.span_of(&at), field, message, hint)
            },
            None => Diagnostic {
                severity,
                file: file.to_string(),
                line: 1,
                column: 1,
                field,
                message,
                hint,
                snippet: None,
            },
        };
        self.out.push(diagnostic);
    }

    fn error(&mut self, file: &str, at: FieldPath, message: String, hint: Option<String>) {
        self.report(Severity::Error, file, at, message, hint);
    }

    /// A reference to a source id must resolve.
    fn source_ref(&mut self, file: &str, at: FieldPath, id: &str) {
        if !self.sources.contains(id) {
            // A mistyped id is most often a letter or two from a real one.
            let near = self
                .sources
                .iter()
                .map(|s| (*s, super::files::edit_distance(id, s)))
                .filter(|&(s, d)| d <= 2.max(s.len() / 8))
                .min_by_key(|&(s, d)| (d, s));
            let hint = match near {
                Some((s, _)) => format!("did you mean \"{s}\"? Otherwise add it to sources.toml as [[sources]] with this id"),
                None => "add it to sources.toml as [[sources]] with this id".into(),
            };
            self.error(
                file,
                at,
                format!("unknown source \"{}\"", shown_identifier(id)),
                Some(hint),
            );
        }
    }

    fn source_refs(&mut self, file: &str, at: FieldPath, ids: &[String]) {
        for (i, id) in ids.iter().enumerate() {
            self.source_ref(file, at.clone().index(i), id);
        }
    }

    fn opt_source(&mut self, file: &str, at: FieldPath, id: &Option<String>) {
        if let Some(id) = id {
            self.source_ref(file, at, id);
        }
    }

    /// Report every repeat of a key after its first use, and every key
    /// holding a character no identifier may hold.
    fn unique<'k>(
        &mut self,
        file: &str,
        what: &str,
        keys: impl IntoIterator<Item = (String, FieldPath)>,
    ) where
        'k: 'k,
    {
        let mut seen: HashMap<String, String> = HashMap::new();
        for (key, at) in keys {
            if let Some(c) = key.chars().find(|c| !identifier_char(*c)) {
                self.error(
                    file,
                    at.clone(),
                    format!(
                        "the {what} \"{}\" holds {}, which no identifier may hold: \
                         identifiers that look alike must be alike",
                        shown_identifier(&key),
                        character_name(c)
                    ),
                    Some(format!(
                        "remove it: \"{}\" prints exactly as \"{}\"",
                        shown_identifier(&key),
                        key.chars()
                            .filter(|c| identifier_char(*c))
                            .collect::<String>()
                    )),
                );
            }
            if let Some(first) = seen.get(&key) {
                let message = format!("duplicate {what} \"{key}\" (first used at {first})");
                self.error(
                    file,
                    at,
                    message,
                    Some(format!("each {what} must be unique")),
                );
            } else {
                seen.insert(key, at.to_string());
            }
        }
    }

    /// An instrument's status must agree with its dates, signature come
    /// before ratification, and its sources resolve.
    #[allow(clippy::too_many_arguments)]
    fn status_dates(
        &mut self,
        file: &str,
        at: FieldPath,
        name: &str,
        status: RatificationStatus,
        signed: Option<Date>,
        ratified: Option<Date>,
        sources: &[String],
    ) {
        match status {
            RatificationStatus::Signatory if ratified.is_some() => self.error(
                file,
                at.clone().key("ratified"),
                format!("{name} has a ratification date but status \"signatory\""),
                Some("set status = \"party\" or remove the date".into()),
            ),
            RatificationStatus::NoAction if signed.is_some() || ratified.is_some() => self.error(
                file,
                at.clone().key("status"),
                format!("{name} has dates but status \"no-action\""),
                Some("set status to \"signatory\" or \"party\", or remove the dates".into()),
            ),
            _ => {}
        }
        self.order(
            file,
            at.clone().key("ratified"),
            signed,
            ratified,
            "ratified before it was signed",
        );
        self.source_refs(file, at.key("sources"), sources);
    }

    /// `later` must not be before `earlier`.
    fn order(
        &mut self,
        file: &str,
        at: FieldPath,
        earlier: Option<Date>,
        later: Option<Date>,
        what: &str,
    ) {
        if let (Some(a), Some(b)) = (earlier, later) {
            if b < a {
                self.error(file, at, format!("{what}: {b} is before {a}"), None);
            }
        }
    }
}

/// Whether an identifier (a stakeholder's abbreviation, a source's or a
/// case's id …) may hold `c`. Control characters (tabs and line breaks
/// among them), format characters (Unicode category Cf: zero-width spaces
/// and joiners, bidirectional marks, embeddings, overrides and isolates, the
/// byte-order mark, soft hyphens …) and the line and paragraph separators
/// print as nothing or move other text, so "F18" and "F18\u{200b}" would be
/// two stakeholders printed alike.
pub(crate) fn identifier_char(c: char) -> bool {
    !(c.is_control() || is_format(c) || matches!(c, '\u{2028}' | '\u{2029}'))
}

/// Unicode general category Cf (Unicode 15.1).
fn is_format(c: char) -> bool {
    matches!(
        u32::from(c),
        0x00AD
            | 0x0600..=0x0605
            | 0x061C
            | 0x06DD
            | 0x070F
            | 0x0890..=0x0891
            | 0x08E2
            | 0x180E
            | 0x200B..=0x200F
            | 0x202A..=0x202E
            | 0x2060..=0x2064
            | 0x2066..=0x206F
            | 0xFEFF
            | 0xFFF9..=0xFFFB
            | 0x110BD
            | 0x110CD
            | 0x13430..=0x1343F
            | 0x1BCA0..=0x1BCA3
            | 0x1D173..=0x1D17A
            | 0xE0001
            | 0xE0020..=0xE007F
    )
}

/// An identifier with the characters it may not hold written as `\u{…}`,
/// cut to 100 characters.
fn shown_identifier(key: &str) -> String {
    let mut out = String::new();
    for c in key.chars().take(100) {
        if identifier_char(c) {
            out.push(c);
        } else {
            out.extend(c.escape_unicode());
        }
    }
    if key.chars().count() > 100 {
        out.push('…');
    }
    out
}

/// "a line break (U+000A)", "the format character U+200B".
fn character_name(c: char) -> String {
    let code = format!("U+{:04X}", u32::from(c));
    match c {
        '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}' => format!("a line break ({code})"),
        '\t' => format!("a tab ({code})"),
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' => {
            format!("an invisible zero-width character ({code})")
        }
        '\u{200E}'
        | '\u{200F}'
        | '\u{061C}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}' => {
            format!("a bidirectional control character ({code})")
        }
        c if c.is_control() => format!("the control character {code}"),
        _ => format!("the invisible format character {code}"),
    }
}

/// Check `dataset`, adding findings to `out`.
pub(super) fn check(dataset: &Dataset, files: &[TomlFile], out: &mut Vec<Diagnostic>) {
    let mut c = Checker {
        files,
        out,
        sources: dataset.sources.iter().map(|s| s.id.as_str()).collect(),
    };
    country(dataset, &mut c);
    treaties(dataset, &mut c);
    special_procedures(dataset, &mut c);
    candidacy(dataset, &mut c);
    upr(dataset, &mut c);
    reprisals(dataset, &mut c);
    questions(dataset, &mut c);
    documents(dataset, &mut c);
    c.unique(
        "sources.toml",
        "source id",
        dataset
            .sources
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.clone(), path("sources").index(i).key("id"))),
    );
}

fn country(d: &Dataset, c: &mut Checker) {
    const F: &str = "country.toml";
    let short = &d.country.short_name;
    let well_formed = !short.is_empty()
        && short.len() <= 64
        && short
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !short.starts_with('-');
    if !well_formed {
        c.error(
            F,
            path("country").key("short_name"),
            format!("\"{short}\" cannot name output files"),
            Some("use lower-case ASCII letters, digits and hyphens, e.g. \"kazakhstan\"".into()),
        );
    } else if crate::names::RESERVED.contains(&short.as_str()) {
        c.error(
            F,
            path("country").key("short_name"),
            format!("\"{short}\" is a reserved file name on Windows"),
            None,
        );
    }
    // The article is not part of the name: the letter adds it where
    // English needs it, and capitalises it at a sentence's start.
    let name = &d.country.name;
    if name.len() > 4
        && name
            .get(..4)
            .is_some_and(|p| p.eq_ignore_ascii_case("the "))
    {
        c.error(
            F,
            path("country").key("name"),
            format!("the name \"{name}\" starts with \"the\", which the letters add themselves"),
            Some(format!(
                "write name = \"{}\" and definite_article = true",
                &name[4..]
            )),
        );
    }
    // A name formed as these are takes "the" in English ("the Republic of
    // Korea", "the Russian Federation", "the Netherlands"): without
    // `definite_article` every letter would say "Republic of Korea's
    // candidacy".
    if !d.country.definite_article && takes_the(name) {
        c.report(
            Severity::Warning,
            F,
            path("country").key("name"),
            format!(
                "\"{name}\" takes \"the\" in running text (\"the {name}’s candidacy\"), \
                 but definite_article is not set: the letters would say \"{name}’s candidacy\""
            ),
            Some("add definite_article = true under [country]".into()),
        );
    }
    for (key, value, len) in [("iso2", &d.country.iso2, 2), ("iso3", &d.country.iso3, 3)] {
        if value.len() != len || !value.bytes().all(|b| b.is_ascii_uppercase()) {
            c.error(
                F,
                path("country").key(key),
                format!("expected {len} upper-case letters (ISO 3166-1), found \"{value}\""),
                None,
            );
        }
    }
    c.unique(
        F,
        "addressee id",
        d.addressees
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.clone(), path("addressees").index(i).key("id"))),
    );
}

fn treaties(d: &Dataset, c: &mut Checker) {
    const F: &str = "treaties.toml";
    c.unique(
        F,
        "instrument",
        d.treaties.iter().enumerate().map(|(i, t)| {
            (
                t.treaty.code().to_string(),
                path("instruments").index(i).key("treaty"),
            )
        }),
    );
    for (i, t) in d.treaties.iter().enumerate() {
        let at = path("instruments").index(i);
        let opened = t.treaty.opened();
        for (key, date) in [("signed", t.signed), ("ratified", t.ratified)] {
            if let Some(date) = date.filter(|d| !t.treaty.open_on(Some(d))) {
                c.report(
                    Severity::Warning,
                    F,
                    at.clone().key(key),
                    format!(
                        "{} {key} on {date}, before it was opened for signature ({opened})",
                        t.treaty.code()
                    ),
                    Some("check the date against the United Nations Treaty Collection".into()),
                );
            }
        }
        c.status_dates(
            F,
            at,
            t.treaty.code(),
            t.status,
            t.signed,
            t.ratified,
            &t.sources,
        );
    }
    if !d.treaties.is_empty() {
        // Instruments opened after every document's date need no entry:
        // no document speaks of them.
        let latest = d.documents.documents.iter().map(|doc| doc.date).max();
        let missing: Vec<&str> = TreatyId::ALL
            .iter()
            .filter(|id| d.treaty(**id).is_none() && id.open_on(latest.as_ref()))
            .map(|id| id.code())
            .collect();
        if !missing.is_empty() {
            c.report(
                Severity::Warning,
                F,
                FieldPath::default().key("instruments"),
                format!("no status recorded for {}", missing.join(", ")),
                Some("add an [[instruments]] entry with status = \"no-action\" if the State has taken none".into()),
            );
        }
    }
    c.unique(
        F,
        "instrument id",
        d.other_instruments
            .iter()
            .enumerate()
            .map(|(i, t)| (t.id.clone(), path("other_instruments").index(i).key("id"))),
    );
    for (i, t) in d.other_instruments.iter().enumerate() {
        let at = path("other_instruments").index(i);
        if is_core_code(&t.id) {
            c.error(
                F,
                at.clone().key("id"),
                format!(
                    "\"{}\" is a core instrument; record it under [[instruments]]",
                    t.id
                ),
                None,
            );
        }
        if t.denounced.is_some() && t.status != RatificationStatus::Party {
            c.error(
                F,
                at.clone().key("denounced"),
                format!(
                    "{} is denounced but its status is not \"party\": only a party can withdraw",
                    t.id
                ),
                Some("keep status = \"party\" and the ratification date, which say where it stood before it withdrew".into()),
            );
        }
        c.order(
            F,
            at.clone().key("denounced"),
            t.ratified,
            t.denounced,
            "denounced before it was ratified",
        );
        c.status_dates(F, at, &t.id, t.status, t.signed, t.ratified, &t.sources);
    }
    c.unique(
        F,
        "treaty body",
        d.reporting.iter().enumerate().map(|(i, r)| {
            (
                format!("{:?}", r.body).to_uppercase(),
                path("reporting").index(i).key("body"),
            )
        }),
    );
    for (i, r) in d.reporting.iter().enumerate() {
        let at = path("reporting").index(i);
        let observations = r
            .concluding_observations
            .iter()
            .map(|co| (at.clone().key("concluding_observations"), co))
            .chain(
                r.earlier_observations
                    .iter()
                    .enumerate()
                    .map(|(k, co)| (at.clone().key("earlier_observations").index(k), co)),
            );
        for (at, co) in observations {
            c.opt_source(F, at.clone().key("source"), &co.source);
            for (j, rec) in co.recommendations.iter().enumerate() {
                c.opt_source(
                    F,
                    at.clone().key("recommendations").index(j).key("source"),
                    &rec.source,
                );
            }
        }
        if let Some(latest) = &r.concluding_observations {
            for (k, co) in r.earlier_observations.iter().enumerate() {
                if co.date >= latest.date {
                    c.error(
                        F,
                        at.clone().key("earlier_observations").index(k).key("date"),
                        format!(
                            "earlier observations of {} are not before the latest ({})",
                            co.date, latest.date
                        ),
                        Some("`concluding_observations` holds the latest; list the older ones in `earlier_observations`".into()),
                    );
                }
            }
        } else if !r.earlier_observations.is_empty() {
            c.error(
                F,
                at.clone().key("earlier_observations"),
                "earlier observations without `concluding_observations`, the latest".into(),
                Some("put the latest set in `concluding_observations`".into()),
            );
        }
        for (j, o) in r.overdue.iter().enumerate() {
            c.opt_source(
                F,
                at.clone().key("overdue").index(j).key("source"),
                &o.source,
            );
            // A source of before the due date cannot show the report
            // overdue: the letter's note would cite it for what it cannot say.
            let earlier = o.source.as_deref().and_then(|id| {
                let date = d.source(id)?.date.filter(|date| *date < o.due)?;
                Some((id, date))
            });
            if let Some((id, date)) = earlier {
                c.report(
                    Severity::Warning,
                    F,
                    at.clone().key("overdue").index(j).key("source"),
                    format!(
                        "the {} report is cited as overdue since {} to \"{id}\", dated {date}, before it fell due",
                        o.report, o.due
                    ),
                    Some("cite a source of after the due date that shows the report outstanding, such as the treaty bodies' reporting status on a later date".into()),
                );
            }
            c.order(
                F,
                at.clone().key("overdue").index(j).key("submitted"),
                Some(o.due),
                o.submitted,
                "submitted before it was due",
            );
            if let Some(under) = o.under.filter(|t| t.body() != r.body) {
                let body = format!("{:?}", under.body()).to_uppercase();
                c.error(
                    F,
                    at.clone().key("overdue").index(j).key("under"),
                    format!(
                        "{under} reports to the {}, not to the {}",
                        under.body().name(),
                        r.body.name()
                    ),
                    Some(format!(
                        "record the report in the [[reporting]] entry with body = \"{body}\""
                    )),
                );
            }
        }
        for (j, f) in r.follow_up.iter().enumerate() {
            let at = at.clone().key("follow_up").index(j);
            c.opt_source(F, at.clone().key("source"), &f.source);
        }
    }
}

fn special_procedures(d: &Dataset, c: &mut Checker) {
    const F: &str = "special-procedures.toml";
    let sp = &d.special_procedures;
    if let Some(inv) = &sp.standing_invitation {
        c.opt_source(F, path("standing_invitation").key("source"), &inv.source);
    }
    for (i, v) in sp.visits.iter().enumerate() {
        let at = path("visits").index(i);
        c.order(
            F,
            at.clone().key("agreed"),
            v.requested,
            v.agreed,
            "the visit was agreed before it was requested",
        );
        c.order(
            F,
            at.clone().key("end"),
            v.date,
            v.end,
            "the visit ends before it starts",
        );
        c.order(
            F,
            at.clone().key("date"),
            v.requested,
            v.date,
            "the visit took place before it was requested",
        );
        c.opt_source(F, at.clone().key("report"), &v.report);
        c.source_refs(F, at.clone().key("sources"), &v.sources);
        for (j, r) in v.recommendations.iter().enumerate() {
            c.opt_source(
                F,
                at.clone().key("recommendations").index(j).key("source"),
                &r.source,
            );
        }
    }
    c.unique(
        F,
        "communication reference",
        sp.communications.iter().enumerate().map(|(i, m)| {
            (
                m.reference.clone(),
                path("communications").index(i).key("reference"),
            )
        }),
    );
    for (i, m) in sp.communications.iter().enumerate() {
        let at = path("communications").index(i);
        c.order(
            F,
            at.clone().key("reply"),
            Some(m.date),
            m.reply,
            "the reply is dated before the communication",
        );
        c.opt_source(F, at.key("source"), &m.source);
    }
    for (i, q) in sp.questionnaires.iter().enumerate() {
        c.opt_source(F, path("questionnaires").index(i).key("source"), &q.source);
    }
}

/// The terms a candidate served before: each within the Council's life,
/// ending before the next begins and before the term it stands for; and no
/// third consecutive term, for which General Assembly resolution 60/251
/// (para 7) makes a member ineligible.
fn previous_terms(cand: &hrdraft_sdk::Candidacy, c: &mut Checker) {
    const F: &str = "candidacy.toml";
    let at = |i: usize, key: &str| path("previous_terms").index(i).key(key);
    for (i, t) in cand.previous_terms.iter().enumerate() {
        if t.start < 2006 {
            c.error(
                F,
                at(i, "start"),
                format!(
                    "the term starts in {}, before the Council first met (2006)",
                    t.start
                ),
                None,
            );
        }
        if t.end < t.start {
            c.error(
                F,
                at(i, "end"),
                format!("the term ends ({}) before it starts ({})", t.end, t.start),
                None,
            );
        } else if t.start >= 2006 && !t.has_a_term_length() {
            // A warning: the years decide only whether the State stands
            // again, and a dataset written as three calendar years for an
            // older term ("2010-2012") still drafts.
            c.report(
                Severity::Warning,
                F,
                at(i, "end"),
                format!(
                    "no term of the Council ran {}-{}: terms begun from 2007 to 2011 are written as three years from the June they began (2008-2011), those begun since 2013 three calendar years (2016-2018), and the first, of 2006, ended in 2007, 2008 or 2009",
                    t.start, t.end
                ),
                Some("give each term on its own, as UN documents write it: `previous_terms = [{ start = 2016, end = 2018 }, { start = 2019, end = 2021 }]`".into()),
            );
        }
        if t.next_start() > cand.term_start {
            c.error(
                F,
                at(i, "end"),
                format!(
                    "a previous term ends in {}, not before the term stood for starts ({})",
                    t.end, cand.term_start
                ),
                Some("list only the terms served before this candidacy".into()),
            );
        }
        if let Some(before) = i.checked_sub(1).map(|j| cand.previous_terms[j]) {
            if t.start < before.next_start() {
                c.error(
                    F,
                    at(i, "start"),
                    format!(
                        "the term {}-{} does not start after the one before it ({}-{})",
                        t.start, t.end, before.start, before.end
                    ),
                    Some("list the terms earliest first, each once".into()),
                );
            }
        }
    }
    let n = cand.previous_terms.len();
    if n >= 2 {
        let (a, b) = (cand.previous_terms[n - 2], cand.previous_terms[n - 1]);
        if a.next_start() == b.start && b.next_start() == cand.term_start {
            c.error(
                F,
                path("term_start"),
                format!(
                    "a third consecutive term: the State served {}-{} and {}-{}, and a member is not eligible for immediate re-election after two consecutive terms (General Assembly resolution 60/251, para 7)",
                    a.start, a.end, b.start, b.end
                ),
                Some("check `term_start` and `previous_terms`".into()),
            );
        }
    }
}

fn candidacy(d: &Dataset, c: &mut Checker) {
    const F: &str = "candidacy.toml";
    let Some(cand) = &d.candidacy else { return };
    if cand.term_end < cand.term_start {
        c.error(
            F,
            path("term_end"),
            format!(
                "the term ends ({}) before it starts ({})",
                cand.term_end, cand.term_start
            ),
            None,
        );
    }
    previous_terms(cand, c);
    if cand.election.year > cand.term_start {
        c.error(
            F,
            path("election"),
            format!(
                "the election ({}) is after the term starts ({})",
                cand.election, cand.term_start
            ),
            None,
        );
    }
    if let Some(doc) = &cand.pledge_document {
        c.opt_source(F, path("pledge_document").key("source"), &doc.source);
        if doc.symbol.is_some() && doc.source.is_none() {
            c.error(
                F,
                path("pledge_document").key("source"),
                "a pledge document with a UN symbol needs a `source` to cite it by".into(),
                Some("add the document to sources.toml and give its id here".into()),
            );
        }
        if doc.date > cand.election {
            c.error(
                F,
                path("pledge_document").key("date"),
                format!(
                    "the pledges are dated {}, after the election ({})",
                    doc.date, cand.election
                ),
                None,
            );
        }
    } else if !cand.pledges.is_empty() {
        c.error(
            F,
            path("pledges"),
            "pledges are given but no [pledge_document] says where the State made them".into(),
            Some("add [pledge_document] with its date (and symbol and source when it is a UN document); leave both out for a State that submitted no pledges".into()),
        );
    }
    c.unique(
        F,
        "pledge id",
        cand.pledges
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.clone(), path("pledges").index(i).key("id"))),
    );
    for (i, p) in cand.pledges.iter().enumerate() {
        c.opt_source(F, path("pledges").index(i).key("source"), &p.source);
        for (j, t) in p.targets.iter().enumerate() {
            if let hrdraft_sdk::PledgeTarget::Instrument(id) = t {
                if d.other_instrument(id).is_none() {
                    c.error(
                        F,
                        path("pledges").index(i).key("targets").index(j),
                        format!("unknown instrument \"{id}\""),
                        Some("add it to treaties.toml as [[other_instruments]] with this id, or use { treaty = \"CODE\" } for a core instrument".into()),
                    );
                }
            }
        }
    }
}

/// The first round's counts say who responded; its assessments must not
/// contradict them, or the MIA says "The State under Review did not
/// participate" above the State's own responses.
fn follow_up_counts(
    d: &Dataset,
    cy: &hrdraft_sdk::Cycle,
    f: &hrdraft_sdk::FollowUp,
    at: FieldPath,
    c: &mut Checker,
) {
    use hrdraft_sdk::StakeholderKind as Kind;
    let first = cy.first_round();
    let mut responded: Vec<(&str, Kind)> = Vec::new();
    for r in d
        .upr
        .recommendations
        .iter()
        .filter(|r| r.cycle == cy.number)
    {
        for a in r.assessments.iter().filter(|a| cy.round_of(a) == first) {
            if let Some(s) = d.stakeholder(&a.stakeholder) {
                if !responded.iter().any(|(abbr, _)| *abbr == a.stakeholder) {
                    responded.push((a.stakeholder.as_str(), s.kind));
                }
            }
        }
    }
    let named = |kind: Kind| -> Vec<&str> {
        responded
            .iter()
            .filter(|(_, k)| *k == kind)
            .map(|(abbr, _)| *abbr)
            .collect()
    };
    let mut warn = |key: &str, message: String| {
        c.report(
            Severity::Warning,
            "upr.toml",
            at.clone().key(key),
            message,
            Some("correct the count, or the assessments' stakeholders".into()),
        );
    };
    let state = named(Kind::State);
    if !f.state_participated && !state.is_empty() {
        warn(
            "state_participated",
            format!(
                "is false, but the round holds the State's responses ({})",
                state.join(", ")
            ),
        );
    }
    let nhri = named(Kind::Nhri);
    if !f.nhri_responded && !nhri.is_empty() {
        warn(
            "nhri_responded",
            format!(
                "is false, but the round holds the NHRI's responses ({})",
                nhri.join(", ")
            ),
        );
    }
    // UN agencies are not counted against the round's responses: seed 003
    // says "The UN agencies did not respond" above UNESCO's responses, and
    // a transcription keeps what the report says.
    let ngos = named(Kind::Ngo);
    if (f.ngos_responded as usize) < ngos.len() {
        warn(
            "ngos_responded",
            format!(
                "is {}, but {} {} in the round ({})",
                f.ngos_responded,
                ngos.len(),
                if ngos.len() == 1 {
                    "NGO responded"
                } else {
                    "NGOs responded"
                },
                ngos.join(", ")
            ),
        );
    }
    for (key, responded, contacted, contacted_key) in [
        (
            "ngos_responded",
            f.ngos_responded,
            f.ngos_contacted,
            "ngos_contacted",
        ),
        (
            "un_agencies_responded",
            f.un_agencies_responded,
            f.un_agencies_contacted,
            "un_agencies_contacted",
        ),
    ] {
        if responded > contacted {
            warn(
                key,
                format!("is {responded}, more than were contacted ({contacted_key} = {contacted})"),
            );
        }
    }
}

fn upr(d: &Dataset, c: &mut Checker) {
    const F: &str = "upr.toml";
    let upr = &d.upr;
    c.unique(
        F,
        "cycle number",
        upr.cycles
            .iter()
            .enumerate()
            .map(|(i, cy)| (cy.number.to_string(), path("cycles").index(i).key("number"))),
    );
    for (i, cy) in upr.cycles.iter().enumerate() {
        let at = path("cycles").index(i);
        if let Some((cycle, why)) = cycle_of_review(cy.session, cy.review_date) {
            if cycle != cy.number {
                let (field, value) = match cy.session {
                    Some(_) => ("session", format!("session {}", cy.session.unwrap_or(0))),
                    None => ("review_date", format!("a review of {}", cy.review_date)),
                };
                c.report(
                    Severity::Warning,
                    F,
                    at.clone().key(field),
                    format!(
                        "{value} is in the {} cycle of the UPR ({why}), not the {}: the documents would name the wrong cycle",
                        ordinal_word(cycle),
                        ordinal_word(cy.number)
                    ),
                    Some(format!(
                        "set the cycle's `number = {cycle}` and its recommendations' `cycle`, or correct the {field}"
                    )),
                );
            }
        }
        // A session and a date of different cycles: one of them is wrong.
        if let (Some(session), Some((by_session, sessions)), Some((by_date, began))) = (
            cy.session,
            cy.session
                .and_then(|s| cycle_of_review(Some(s), cy.review_date)),
            cycle_of_review(None, cy.review_date),
        ) {
            if by_session != by_date {
                c.report(
                    Severity::Warning,
                    F,
                    at.clone().key("review_date"),
                    format!(
                        "a review of {} is in the {} cycle ({began}), but session {session} is in the {} ({sessions}): the date or the session is wrong",
                        cy.review_date,
                        ordinal_word(by_date),
                        ordinal_word(by_session),
                    ),
                    Some("give the date of the Working Group's meeting on the State and the session it was held at, as the report's cover page does".into()),
                );
            }
        }
        c.source_ref(F, at.clone().key("report"), &cy.report);
        c.opt_source(F, at.clone().key("addendum"), &cy.addendum);
        if let Some(f) = &cy.follow_up {
            follow_up_counts(d, cy, f, at.clone().key("follow_up"), c);
            c.opt_source(F, at.clone().key("follow_up").key("source"), &f.source);
            c.order(
                F,
                at.clone().key("follow_up").key("date"),
                Some(cy.review_date),
                Some(f.date),
                "the assessment round is dated before the review",
            );
        }
        rounds(cy, at.clone(), c);
        c.order(
            F,
            at.key("adoption_date"),
            Some(cy.review_date),
            cy.adoption_date,
            "the outcome is adopted before the review",
        );
    }
    c.unique(
        F,
        "stakeholder abbreviation",
        upr.stakeholders.iter().enumerate().map(|(i, s)| {
            (
                s.abbreviation.clone(),
                path("stakeholders").index(i).key("abbreviation"),
            )
        }),
    );
    c.unique(
        F,
        "theme",
        upr.themes
            .iter()
            .enumerate()
            .map(|(i, t)| (t.name.clone(), path("themes").index(i).key("name"))),
    );
    c.unique(
        F,
        "recommendation number",
        upr.recommendations.iter().enumerate().map(|(i, r)| {
            (
                format!("{} of cycle {}", r.number, r.cycle),
                path("recommendations").index(i).key("number"),
            )
        }),
    );
    let cycles: HashSet<u32> = upr.cycles.iter().map(|cy| cy.number).collect();
    let stakeholders: HashSet<&str> = upr
        .stakeholders
        .iter()
        .map(|s| s.abbreviation.as_str())
        .collect();
    let mut themes: Vec<&str> = Vec::new();
    for t in &upr.themes {
        if !themes.contains(&t.name.as_str()) {
            themes.push(t.name.as_str());
        }
    }
    // The issues the MIA's sections take, and their names: the dataset's
    // [[themes]], else UPR Info's. An issue or theme a letter or two from
    // one of them is most likely mistyped, and would be filed apart.
    let (section_names, known_issues): (Vec<&str>, HashSet<&str>) = if upr.themes.is_empty() {
        (
            hrdraft_plugin_iri::DEFAULT_THEMES
                .iter()
                .map(|(name, _)| *name)
                .collect(),
            hrdraft_plugin_iri::DEFAULT_THEMES
                .iter()
                .flat_map(|(_, issues)| issues.iter().copied())
                .collect(),
        )
    } else {
        (
            themes.clone(),
            upr.themes
                .iter()
                .flat_map(|t| t.issues.iter().map(String::as_str))
                .collect(),
        )
    };
    let mut near_issue: HashMap<&str, Option<&str>> = HashMap::new();
    for (i, r) in upr.recommendations.iter().enumerate() {
        let at = path("recommendations").index(i);
        for (j, issue) in r.issues.iter().enumerate() {
            if known_issues.contains(issue.as_str()) {
                continue;
            }
            let near = *near_issue
                .entry(issue.as_str())
                .or_insert_with(|| nearest(issue, known_issues.iter().copied()));
            if let Some(known) = near {
                c.report(
                    Severity::Warning,
                    F,
                    at.clone().key("issues").index(j),
                    format!("issue \"{issue}\" is in none of the MIA's themes"),
                    Some(format!(
                        "did you mean \"{known}\"? As written, it does not bring the recommendation under that issue's theme"
                    )),
                );
            }
        }
        if let Some(theme) = &r.theme {
            if themes.is_empty() && !section_names.contains(&theme.as_str()) {
                // Without [[themes]], any name makes a section of its own.
                if let Some(known) = nearest(theme, section_names.iter().copied()) {
                    c.report(
                        Severity::Warning,
                        F,
                        at.clone().key("theme"),
                        format!("theme \"{theme}\" makes a section of its own, beside UPR Info's"),
                        Some(format!("did you mean \"{known}\"?")),
                    );
                }
            }
            if !themes.is_empty() && !themes.contains(&theme.as_str()) {
                c.error(
                    F,
                    at.clone().key("theme"),
                    format!("unknown theme \"{theme}\""),
                    Some(format!(
                        "use one of the [[themes]] names ({}) or add it there",
                        themes.join(", ")
                    )),
                );
            }
        }
        if !cycles.contains(&r.cycle) {
            c.error(
                F,
                at.clone().key("cycle"),
                format!("unknown cycle {}", r.cycle),
                Some("add it as [[cycles]] with this number".into()),
            );
        }
        if let Some(a) = r.action_category {
            if !(1..=5).contains(&a) {
                c.error(
                    F,
                    at.clone().key("action_category"),
                    format!("expected 1 to 5, found {a}"),
                    None,
                );
            }
        }
        c.opt_source(F, at.clone().key("response_source"), &r.response_source);
        if r.text.trim().is_empty() {
            c.error(
                F,
                at.clone().key("text"),
                "the recommendation has no text".into(),
                None,
            );
        }
        let mut seen = HashSet::new();
        let cycle = upr.cycles.iter().find(|cy| cy.number == r.cycle);
        for (j, a) in r.assessments.iter().enumerate() {
            let at = at.clone().key("assessments").index(j);
            if let (Some(round), Some(cycle)) = (&a.round, cycle) {
                let known: Vec<&str> = std::iter::once(cycle.first_round())
                    .chain(cycle.rounds.iter().filter_map(|r| r.id.as_deref()))
                    .collect();
                if !known.contains(&round.as_str()) {
                    c.error(
                        F,
                        at.clone().key("round"),
                        format!(
                            "unknown round \"{}\" of cycle {}",
                            shown_identifier(round),
                            cycle.number
                        ),
                        Some(format!(
                            "use one of the cycle's rounds ({}), or add it as [[cycles.rounds]] with this id",
                            known.join(", ")
                        )),
                    );
                }
            }
            let round = cycle.map_or(a.round.as_deref().unwrap_or(""), |cy| cy.round_of(a));
            let at = at.key("stakeholder");
            if !stakeholders.contains(a.stakeholder.as_str()) {
                c.error(
                    F,
                    at,
                    format!(
                        "unknown stakeholder \"{}\"",
                        shown_identifier(&a.stakeholder)
                    ),
                    Some("declare it in [[stakeholders]] with this abbreviation".into()),
                );
            } else if !seen.insert((a.stakeholder.as_str(), round)) {
                let in_round = match cycle {
                    Some(cy) if !cy.rounds.is_empty() => format!(" in round \"{round}\""),
                    _ => String::new(),
                };
                c.error(
                    F,
                    at,
                    format!(
                        "\"{}\" assesses this recommendation twice{in_round}",
                        a.stakeholder
                    ),
                    Some(if in_round.is_empty() {
                        "merge the two assessments".into()
                    } else {
                        "merge the two assessments, or name the other round in `round`".into()
                    }),
                );
            }
        }
    }
}

/// A cycle's later assessment rounds: each with an id no other round of
/// the cycle has, dated after the review and after the round before it,
/// and only after a mid-term round.
fn rounds(cy: &hrdraft_sdk::Cycle, at: FieldPath, c: &mut Checker) {
    const F: &str = "upr.toml";
    if cy.rounds.is_empty() {
        return;
    }
    if cy.follow_up.is_none() {
        c.error(
            F,
            at.clone().key("rounds").index(0),
            format!(
                "cycle {} has a later assessment round but no mid-term round",
                cy.number
            ),
            Some("add the first round as [cycles.follow_up], before [[cycles.rounds]]".into()),
        );
    }
    let first = match cy.follow_up.as_ref().and_then(|f| f.id.as_ref()) {
        Some(_) => at.clone().key("follow_up").key("id"),
        None => at.clone().key("follow_up"),
    };
    let mut ids = vec![(cy.first_round().to_string(), first)];
    let mut previous = cy.follow_up.as_ref().map(|f| (f.date, cy.first_round()));
    for (j, r) in cy.rounds.iter().enumerate() {
        let at = at.clone().key("rounds").index(j);
        match &r.id {
            Some(id) => ids.push((id.clone(), at.clone().key("id"))),
            None => c.error(
                F,
                at.clone(),
                "a later assessment round needs an `id`".into(),
                Some(
                    "add id = \"follow-up-2026\" (any name), which its assessments give as `round`"
                        .into(),
                ),
            ),
        }
        c.opt_source(F, at.clone().key("source"), &r.source);
        if r.date < cy.review_date {
            c.error(
                F,
                at.clone().key("date"),
                format!(
                    "the assessment round is dated before the review: {} is before {}",
                    r.date, cy.review_date
                ),
                Some("a round assesses the recommendations of a review already held".into()),
            );
        } else if let Some((date, id)) = previous.filter(|(d, _)| r.date <= *d) {
            c.error(
                F,
                at.clone().key("date"),
                format!(
                    "the round is not dated after round \"{id}\": {} is not after {date}",
                    r.date
                ),
                Some("list [[cycles.rounds]] in date order, each after the mid-term".into()),
            );
        }
        previous = Some((r.date, r.id.as_deref().unwrap_or("")));
    }
    c.unique(F, "round", ids);
}

fn reprisals(d: &Dataset, c: &mut Checker) {
    const F: &str = "reprisals.toml";
    c.unique(
        F,
        "case id",
        d.reprisals
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id.clone(), path("cases").index(i).key("id"))),
    );
    let refs: HashSet<&str> = d
        .special_procedures
        .communications
        .iter()
        .map(|m| m.reference.as_str())
        .collect();
    // A file read with errors lost what could not be read: a reference to
    // it may be right, and the error above is the one to fix.
    let unread = c
        .out
        .iter()
        .any(|f| f.severity == Severity::Error && f.file.ends_with("special-procedures.toml"));
    for (i, r) in d.reprisals.iter().enumerate() {
        let at = path("cases").index(i);
        if let Some(m) = &r.communication {
            if !refs.contains(m.as_str()) {
                let hint = if unread {
                    "special-procedures.toml has errors, and what they are in was not read: \
                     fix them first; otherwise add it there as [[communications]] with this reference"
                        .to_string()
                } else {
                    // A reference is copied by hand ("JUA XQR 1/2018"): a
                    // slip of a letter or two is the likeliest cause.
                    match nearest(m, refs.iter().copied()) {
                        Some(known) => format!(
                            "did you mean \"{}\"? Otherwise add it to special-procedures.toml \
                             as [[communications]] with this reference",
                            shown_identifier(known)
                        ),
                        None => "add it to special-procedures.toml as [[communications]] with \
                                 this reference"
                            .into(),
                    }
                };
                c.error(
                    F,
                    at.clone().key("communication"),
                    format!("unknown communication \"{}\"", shown_identifier(m)),
                    Some(hint),
                );
            }
        }
        c.order(
            F,
            at.clone().key("until"),
            Some(r.date),
            r.until,
            "the case ends before it begins",
        );
        if r.ongoing && r.until.is_some() {
            c.error(
                F,
                at.clone().key("ongoing"),
                "the case is said to be ongoing and to end (`until`)".into(),
                Some(
                    "keep `until` for a case that ended, `ongoing = true` for one still going on"
                        .into(),
                ),
            );
        }
        c.source_refs(F, at.key("sources"), &r.sources);
    }
}

fn questions(d: &Dataset, c: &mut Checker) {
    const F: &str = "questions.toml";
    let Some(e) = &d.pledging_event else { return };
    if e.term_end < e.term_start {
        c.error(
            F,
            path("term_end"),
            format!(
                "the term ends ({}) before it starts ({})",
                e.term_end, e.term_start
            ),
            None,
        );
    }
    c.order(
        F,
        path("reply_by"),
        Some(e.date),
        Some(e.reply_by),
        "replies are due before the event",
    );
    if e.declined && e.participated {
        c.error(
            F,
            path("declined"),
            "the State declined the event, yet `participated = true`".to_string(),
            Some("a State that declined did not take part: set `participated = false`".into()),
        );
    }
    if !e.participated {
        if let Some(i) = e.questions.iter().position(|q| q.answered) {
            c.error(
                F,
                path("questions").index(i).key("answered"),
                "a question answered at the event, yet the State did not take part (`participated = false`)".to_string(),
                Some("set `participated = true`, or leave `answered` out".into()),
            );
        }
    }
}

fn documents(d: &Dataset, c: &mut Checker) {
    const F: &str = "documents.toml";
    c.unique(
        F,
        "document template",
        d.documents.documents.iter().enumerate().map(|(i, doc)| {
            (
                doc.template.clone(),
                path("documents").index(i).key("template"),
            )
        }),
    );
    for (i, doc) in d.documents.documents.iter().enumerate() {
        let at = path("documents").index(i);
        for (key, list) in [
            ("instruments", &doc.instruments),
            ("exclude_instruments", &doc.exclude_instruments),
        ] {
            for (j, id) in list.iter().enumerate() {
                if !is_core_code(id) && d.other_instrument(id).is_none() {
                    c.error(
                        F,
                        at.clone().key(key).index(j),
                        format!("unknown instrument \"{id}\""),
                        Some("use a core instrument code (\"ICCPR-OP2\") or the id of an [[other_instruments]] entry in treaties.toml".into()),
                    );
                }
            }
        }
        for (j, p) in doc.paragraphs.iter().enumerate() {
            let at = at.clone().key("paragraphs").index(j);
            for id in citation_ids(&p.text) {
                match d.source(id) {
                    None => c.error(
                        F,
                        at.clone().key("text"),
                        format!("the paragraph cites unknown source \"{}\"", shown_identifier(id)),
                        Some("add it to sources.toml as [[sources]] with this id".into()),
                    ),
                    Some(s) if s.date.is_some_and(|sd| sd > doc.date) => c.report(
                        Severity::Warning,
                        F,
                        at.clone().key("text"),
                        format!(
                            "the paragraph cites \"{id}\", dated {}, after the document's date ({})",
                            s.date.map(|x| x.to_string()).unwrap_or_default(),
                            doc.date
                        ),
                        Some("a letter speaks only of what was known on its date: cite an earlier source or change the date".into()),
                    ),
                    Some(_) => {}
                }
            }
        }
        dated(d, doc, doc.date, at.clone(), c);
        // A letter ends with its signature: without a signatory it stops
        // at "Yours sincerely,".
        if matches!(doc.template.as_str(), "open-letter" | "pledging-questions")
            && doc.signatories.is_empty()
        {
            c.report(
                Severity::Warning,
                F,
                at.clone().key("template"),
                format!(
                    "the {} has no signatory: it ends at its closing, unsigned",
                    doc.template
                ),
                Some("add a [[documents.signatories]] entry (name, title, organisation) after this document's entry".into()),
            );
        }
        for (j, a) in doc.addressees.iter().enumerate() {
            if d.addressee(a).is_none() {
                c.error(
                    F,
                    path("documents").index(i).key("addressees").index(j),
                    format!("unknown addressee \"{}\"", shown_identifier(a)),
                    Some("add it to country.toml as [[addressees]] with this id".into()),
                );
            }
        }
    }
}

/// The warnings on a document's date against the facts: a previous letter
/// or an addressee's details dated after it; an open letter after the
/// election or before the pledges; a question set before its event or
/// after its replies are due; an MIA before the round it reports. `date`
/// is the document's own, or the one it is drafted as of (`--as-of`).
fn dated(d: &Dataset, doc: &DocumentInfo, date: Date, at: FieldPath, c: &mut Checker) {
    const F: &str = "documents.toml";
    if let Some(p) = doc.previous_letter.filter(|p| *p > date) {
        c.report(
            Severity::Warning,
            F,
            at.clone().key("previous_letter"),
            format!(
                "the previous letter ({p}) is dated after this document ({}): it is left out, since a letter cannot recall one not yet sent",
                date
            ),
            Some("give the date of a letter sent before this one".into()),
        );
    }
    // The letter recalls an earlier one only to a State that submitted no
    // pledges ("…, although we encouraged your government to do so in our
    // letter of …"); with pledges known on its date it has no place.
    let pledged = d
        .candidacy
        .as_ref()
        .and_then(|c| c.pledge_document.as_ref())
        .map(|p| p.date)
        .filter(|p| *p <= date);
    if let (Some(pledged), "open-letter") = (pledged, doc.template.as_str()) {
        if let Some(p) = doc.previous_letter.filter(|p| *p <= date) {
            c.report(
                Severity::Warning,
                F,
                at.clone().key("previous_letter"),
                format!(
                    "the previous letter ({p}) is not recalled: the letter recalls one only to a State that has submitted no pledges, and candidacy.toml records pledges of {pledged}"
                ),
                Some("leave previous_letter out, or recall the earlier letter in a [[documents.paragraphs]] entry with section = \"opening\"".into()),
            );
        }
    }
    for (j, id) in doc.addressees.iter().enumerate() {
        if let Some(since) = d.addressee(id).and_then(|a| a.as_of).filter(|s| *s > date) {
            c.report(
                Severity::Warning,
                F,
                at.clone().key("addressees").index(j),
                format!(
                    "addressee \"{id}\" is recorded as current from {since}, after this document's date ({}): the document may be addressed to someone not yet in office",
                    date
                ),
                Some("address it to whoever held the post on its date, or give `as_of` in country.toml a date by which they held it".into()),
            );
        }
    }
    if doc.template == "open-letter" {
        if let Some(cand) = d.candidacy.as_ref().filter(|c| c.election < date) {
            c.report(
                Severity::Warning,
                F,
                at.clone().key("date"),
                format!(
                    "the open letter ({}) is dated after the election ({}): it speaks of the elections as still to come",
                    date, cand.election
                ),
                Some("check the letter's date and candidacy.toml's `election`".into()),
            );
        }
        if let Some(cand) = &d.candidacy {
            if let Some(p) = cand.pledge_document.as_ref().filter(|p| p.date > date) {
                c.report(
                    Severity::Warning,
                    F,
                    at.clone().key("date"),
                    format!(
                        "the open letter ({}) is dated before the pledges ({}): it says the State appears not to have submitted any",
                        date, p.date
                    ),
                    Some("a letter speaks only of what was known on its date; check the letter's date and the pledge document's".into()),
                );
            } else {
                let pledge_source = cand
                    .pledge_document
                    .as_ref()
                    .and_then(|p| p.source.as_deref());
                if let Some(s) = pledge_source.and_then(|id| d.source(id)) {
                    if s.date.is_some_and(|sd| sd > date) {
                        c.report(
                            Severity::Warning,
                            F,
                            at.clone().key("date"),
                            format!(
                                "the open letter ({}) is dated before the pledge document \"{}\" was issued ({}): it describes the note without its symbol, as not circulated as a UN document",
                                date,
                                s.id,
                                s.date.map(|x| x.to_string()).unwrap_or_default()
                            ),
                            Some("a letter speaks only of what was known on its date; if the document was issued before the letter, correct the source's date".into()),
                        );
                    }
                }
            }
        }
    }
    if doc.template == "pledging-questions" {
        if let Some(e) = &d.pledging_event {
            let election = d
                .candidacy
                .as_ref()
                .filter(|c| c.term_start == e.term_start)
                .map(|c| c.election);
            let when = [
                (
                    date < e.date,
                    format!(
                        "the question set ({}) is dated before the pledging event ({}): it says the event was held",
                        date, e.date
                    ),
                ),
                (
                    date > e.reply_by,
                    format!(
                        "the question set ({}) is dated after its replies are due ({}): it asks for them by a day already past",
                        date, e.reply_by
                    ),
                ),
                // The election of the term the event was for (a
                // dataset may hold a candidacy for another term).
                (
                    election.is_some_and(|day| day < date),
                    format!(
                        "the question set ({}) is dated after the election ({}): it asks a candidate for answers before a vote already held",
                        date,
                        election.map(|day| day.to_string()).unwrap_or_default()
                    ),
                ),
            ];
            if let Some((_, message)) = when.into_iter().find(|(wrong, _)| *wrong) {
                c.report(
                    Severity::Warning,
                    F,
                    at.clone().key("date"),
                    message,
                    Some(
                        "check the question set's date and questions.toml's `date` and `reply_by`"
                            .into(),
                    ),
                );
            }
        }
    }
    if doc.template == "mia-report" {
        // The cycle the report is on: the latest reviewed by its date.
        let cycle = d
            .upr
            .cycles
            .iter()
            .filter(|cy| cy.review_date <= date)
            .max_by_key(|cy| cy.number);
        if let Some((cy, f)) = cycle.and_then(|cy| cy.follow_up.as_ref().map(|f| (cy, f))) {
            if f.date > date {
                c.report(
                    Severity::Warning,
                    F,
                    at.clone().key("date"),
                    format!(
                        "the MIA ({}) is dated before the assessment round of cycle {} it reports ({}): it would show no responses",
                        date, cy.number, f.date
                    ),
                    Some("date the MIA on or after its round's `follow_up.date` in upr.toml".into()),
                );
            }
        }
    }
}

/// [`dated`]'s warnings for the document of `template` (its entry in
/// documents.toml, by index) drafted as of `date`, in place of those on the
/// date the entry gives; none when the dataset has no such entry. The
/// fields are the entry's, without lines: the date is not the file's.
pub fn as_of_warnings(dataset: &Dataset, template: &str, date: Date) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let Some((i, doc)) = dataset
        .documents
        .documents
        .iter()
        .enumerate()
        .find(|(_, doc)| doc.template == template)
    else {
        return out;
    };
    let mut c = Checker {
        files: &[],
        out: &mut out,
        sources: dataset.sources.iter().map(|s| s.id.as_str()).collect(),
    };
    dated(dataset, doc, date, path("documents").index(i), &mut c);
    for d in &mut out {
        d.line = 0;
        d.column = 0;
        d.message = format!("drafted as of {date}: {}", d.message);
    }
    out
}

/// Whether `field` is one of the fields [`dated`] reports on, in the entry
/// `documents[index]`: a warning there depends on the document's date.
pub fn is_dated_field(field: &str, index: usize) -> bool {
    let entry = format!("documents[{index}].");
    field.strip_prefix(&entry).is_some_and(|rest| {
        rest == "date" || rest == "previous_letter" || rest.starts_with("addressees[")
    })
}

fn is_core_code(id: &str) -> bool {
    TreatyId::ALL.iter().any(|t| t.code() == id)
}

/// The source ids an author's paragraph cites with `[@id]` or `[@id, locator]`.
pub fn citation_ids(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find("[@") {
        let after = &rest[i + 2..];
        let end = after
            .find(|c: char| c == ']' || c == ',' || c.is_whitespace())
            .unwrap_or(after.len());
        if end > 0 {
            out.push(&after[..end]);
        }
        rest = &after[end..];
    }
    out
}

/// The one of `known` a letter or two from `name` (or the same but for
/// case), if any: the nearest, the first of equals.
fn nearest<'k>(name: &str, known: impl Iterator<Item = &'k str>) -> Option<&'k str> {
    let lower = name.to_lowercase();
    let length = lower.chars().count();
    known
        .filter_map(|k| {
            let limit = 2.min(k.chars().count() / 4);
            let k_lower = k.to_lowercase();
            // Two texts are at least as far apart as their lengths: most
            // names are not worth the whole distance.
            if length.abs_diff(k_lower.chars().count()) > limit {
                return None;
            }
            let d = super::files::edit_distance(&lower, &k_lower);
            (d <= limit).then_some((k, d))
        })
        .min_by_key(|&(_, d)| d)
        .map(|(k, _)| k)
}

/// The cycles of the UPR Working Group's sessions: the first cycle's
/// sessions 1–12 (2008–2011), the second's 13–26 (2012–2016), the third's
/// 27–40 (2017–2022), the fourth's 41–54 (from November 2022), as OHCHR
/// lists them.
const UPR_CYCLE_SESSIONS: [(u32, u32, u32); 4] =
    [(1, 1, 12), (2, 13, 26), (3, 27, 40), (4, 41, 54)];

/// The days each of the first four cycles began, for a review whose
/// session is not given: 7 April 2008, 21 May 2012, 1 May 2017, 7 November
/// 2022.
const UPR_CYCLE_STARTS: [(u32, (u16, u8, u8)); 4] = [
    (1, (2008, 4, 7)),
    (2, (2012, 5, 21)),
    (3, (2017, 5, 1)),
    (4, (2022, 11, 7)),
];

/// The cycle a review belongs to, by its session, else by its date, with
/// the reason; `None` past the fourth cycle, whose sessions end at 54.
fn cycle_of_review(session: Option<u32>, date: hrdraft_sdk::Date) -> Option<(u32, String)> {
    if let Some(s) = session {
        return UPR_CYCLE_SESSIONS
            .iter()
            .find(|(_, from, to)| (*from..=*to).contains(&s))
            .map(|(cycle, from, to)| (*cycle, format!("sessions {from}–{to}")));
    }
    // By date only up to the fourth cycle's last sessions, in 2027.
    if date.year >= 2027 {
        return None;
    }
    let starts: Vec<(u32, hrdraft_sdk::Date)> = UPR_CYCLE_STARTS
        .iter()
        .filter_map(|(c, (y, m, d))| Some((*c, hrdraft_sdk::Date::ymd(*y, *m, *d).ok()?)))
        .collect();
    let (cycle, start) = starts.iter().rev().find(|(_, start)| date >= *start)?;
    Some((*cycle, format!("which began on {start}")))
}

/// "first", "second", … for the cycle numbers a message names.
fn ordinal_word(n: u32) -> String {
    match n {
        1 => "first".into(),
        2 => "second".into(),
        3 => "third".into(),
        4 => "fourth".into(),
        5 => "fifth".into(),
        6 => "sixth".into(),
        n => format!("{n}th"),
    }
}

/// Whether a State's short name is one English gives "the": a name that
/// says what kind of State it is ("Republic of …", "… Federation", "United
/// …"), or one of the few that take it by usage.
pub(crate) fn takes_the(name: &str) -> bool {
    const OPENINGS: &[&str] = &[
        "Republic of ",
        "Kingdom of ",
        "United ",
        "Federation of ",
        "Federal Republic",
        "Democratic Republic",
        "Democratic People",
        "Islamic Republic",
        "People's ",
        "People\u{2019}s ",
        "Principality of ",
        "Grand Duchy",
        "State of ",
        "Sultanate of ",
        "Union of ",
        "Commonwealth of ",
    ];
    const ENDINGS: &[&str] = &[" Republic", " Federation", " Emirates"];
    const BY_USAGE: &[&str] = &[
        "Bahamas",
        "Comoros",
        "Congo",
        "Gambia",
        "Holy See",
        "Netherlands",
        "Niger",
        "Philippines",
        "Sudan",
    ];
    OPENINGS.iter().any(|o| name.starts_with(o))
        || ENDINGS.iter().any(|e| name.ends_with(e))
        || BY_USAGE.contains(&name)
}
