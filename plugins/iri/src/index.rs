//! Scores, levels and counts of the index.

use std::collections::BTreeMap;

use hrdraft_sdk::{
    Assessment, Dataset, Error, ImplementationLevel, Reads, Recommendation, StakeholderKind,
};
use serde::Serialize;
use serde_json::{json, Map, Value};

/// Where a recommendation stands in the index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Level {
    /// A level from the mean score.
    Scored(ImplementationLevel),
    /// Assessed, but no assessment states a level (the MIA prints "-").
    None,
    /// Nobody assessed it.
    NoAnswer,
}

impl Level {
    /// The key templates test ("not", "partially", "fully", "none", "no-answer").
    pub fn key(self) -> &'static str {
        match self {
            Level::Scored(ImplementationLevel::Not) => "not",
            Level::Scored(ImplementationLevel::Partially) => "partially",
            Level::Scored(ImplementationLevel::Fully) => "fully",
            Level::None => "none",
            Level::NoAnswer => "no-answer",
        }
    }

    /// The MIA index's abbreviation ("partially impl."), so that a row
    /// takes one line.
    pub fn short_words(self) -> &'static str {
        match self {
            Level::Scored(ImplementationLevel::Not) => "not impl.",
            Level::Scored(ImplementationLevel::Partially) => "partially impl.",
            Level::Scored(ImplementationLevel::Fully) => "fully impl.",
            Level::None => "-",
            Level::NoAnswer => "no answer",
        }
    }

    /// The words the MIA prints after "IRI:".
    pub fn words(self) -> &'static str {
        match self {
            Level::Scored(l) => l.words(),
            Level::None => "-",
            Level::NoAnswer => "no answer",
        }
    }
}

/// How many recommendations stand at each level.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Not implemented.
    pub not: usize,
    /// Partially implemented.
    pub partially: usize,
    /// Fully implemented.
    pub fully: usize,
    /// Nobody assessed them.
    pub no_answer: usize,
    /// Assessed without a level.
    pub no_level: usize,
    /// All of them.
    pub total: usize,
}

impl Counts {
    /// Count these levels.
    pub fn of(levels: impl IntoIterator<Item = Level>) -> Counts {
        let mut c = Counts::default();
        for l in levels {
            c.add(l);
        }
        c
    }

    /// Count one more recommendation at `level`.
    pub fn add(&mut self, level: Level) {
        match level {
            Level::Scored(ImplementationLevel::Not) => self.not += 1,
            Level::Scored(ImplementationLevel::Partially) => self.partially += 1,
            Level::Scored(ImplementationLevel::Fully) => self.fully += 1,
            Level::None => self.no_level += 1,
            Level::NoAnswer => self.no_answer += 1,
        }
        self.total += 1;
    }
}

/// One recommendation with the assessments that count and its standing.
pub struct Assessed<'a> {
    pub rec: &'a Recommendation,
    pub assessments: Vec<&'a Assessment>,
    pub score: Option<f64>,
    pub level: Level,
    /// Its level at the round compared with, when the report compares two.
    pub earlier: Option<Level>,
}

impl Assessed<'_> {
    /// The recommendation as templates see it.
    pub fn to_json(&self, ds: &Dataset, shape: &Shape<'_>) -> Value {
        let mut map = self.fields(shape);
        if let Some(made) = shape.assessments {
            // Each made only when something of it is read.
            let list = match made {
                true => assessments_json(ds, &self.assessments),
                false => vec![Value::Null; self.assessments.len()],
            };
            map.insert("assessments".into(), Value::Array(list));
        }
        keep_one(&mut map);
        let mut value = Value::Object(map);
        if let (true, Some(reads)) = (shape.trim, shape.reads) {
            reads.trim(&mut value);
        }
        value
    }

    /// The recommendation without its assessments, for the members of a
    /// cluster, whose assessments are the cluster's own.
    pub fn to_json_without_assessments(&self, shape: &Shape<'_>) -> Value {
        let mut map = self.fields(shape);
        keep_one(&mut map);
        Value::Object(map)
    }

    /// The recommendation's own fields that `shape` makes, in a map made at
    /// its size: a map grown one entry at a time ends with room for 16, and
    /// at 100,000 recommendations the spare room is tens of megabytes.
    fn fields(&self, shape: &Shape<'_>) -> Map<String, Value> {
        let r = self.rec;
        let earlier = self.earlier;
        // The last three fields are those of an earlier level.
        let made = if earlier.is_some() {
            FIELDS.len()
        } else {
            FIELDS.len() - 3
        };
        let count = shape.fields[..made]
            .iter()
            .filter(|&&wanted| wanted)
            .count();
        let mut map = Map::with_capacity(count + usize::from(shape.assessments.is_some()));
        let mut put = |i: usize, value: &dyn Fn() -> Value| {
            if shape.fields[i] {
                map.insert(FIELDS[i].into(), value());
            }
        };
        put(0, &|| json!(r.number));
        put(1, &|| json!(r.cycle));
        put(2, &|| json!(r.paragraph));
        put(3, &|| json!(r.text));
        put(4, &|| json!(r.recommending_state));
        put(5, &|| json!(r.response));
        put(6, &|| json!(r.issues));
        put(7, &|| json!(r.action_category));
        put(8, &|| json!(r.theme));
        put(9, &|| json!(self.score));
        put(10, &|| json!(self.level.key()));
        put(11, &|| json!(self.level.words()));
        put(12, &|| json!(self.level.short_words()));
        if let Some(earlier) = earlier {
            put(13, &|| json!(earlier.key()));
            put(14, &|| json!(earlier.words()));
            put(15, &|| json!(crate::change::direction(earlier, self.level)));
        }
        map
    }
}

/// A recommendation none of whose fields is read keeps its first, `null`,
/// to stay true where a template tests it (as `Reads::trim` keeps one).
fn keep_one(map: &mut Map<String, Value>) {
    if map.is_empty() {
        map.insert(FIELDS[0].into(), Value::Null);
    }
}

/// A recommendation's fields, in the order its JSON gives them.
const FIELDS: [&str; 16] = [
    "number",
    "cycle",
    "paragraph",
    "text",
    "recommending_state",
    "response",
    "issues",
    "action_category",
    "theme",
    "score",
    "level",
    "level_words",
    "level_short",
    "earlier_level",
    "earlier_level_words",
    "change",
];

/// Which of a recommendation's fields are made, from what the template
/// reads of one (the option `reads`; all of them when it does not say),
/// found once for a whole list.
pub struct Shape<'r> {
    reads: Option<&'r Reads>,
    fields: [bool; 16],
    /// `None`: no assessments; `Some(false)`: as many `null`s, the list
    /// read but none of its elements.
    assessments: Option<bool>,
    /// Whether what is made is trimmed further: a field read in part.
    trim: bool,
}

impl<'r> Shape<'r> {
    /// Every field, assessments included.
    pub const WHOLE: Shape<'static> = Shape {
        reads: None,
        fields: [true; 16],
        assessments: Some(true),
        trim: false,
    };

    /// The fields `reads` names (every one when `None`), with the
    /// assessments when `assessments`.
    pub fn of(reads: Option<&'r Reads>, assessments: bool) -> Shape<'r> {
        let Some(r) = reads.filter(|r| !r.is_whole()) else {
            return Shape {
                assessments: assessments.then_some(true),
                ..Shape::WHOLE
            };
        };
        let fields = FIELDS.map(|f| r.wants(f));
        let partly = |f: &str| r.get(f).is_some_and(|g| !g.is_whole());
        let assessments = match assessments {
            false => None,
            true => r.get("assessments").map(|a| a.element().is_some()),
        };
        Shape {
            reads,
            fields,
            assessments,
            trim: FIELDS.iter().any(|f| partly(f)) || assessments == Some(true),
        }
    }
}

/// Assessments as templates see them, with the stakeholder's name and kind.
pub fn assessments_json(ds: &Dataset, assessments: &[&Assessment]) -> Vec<Value> {
    assessments
        .iter()
        .map(|a| {
            let who = ds.stakeholder(&a.stakeholder);
            let mut map = Map::with_capacity(6);
            map.insert("stakeholder".into(), json!(a.stakeholder));
            map.insert(
                "name".into(),
                json!(who.map_or(a.stakeholder.as_str(), |s| s.name.as_str())),
            );
            map.insert("kind".into(), json!(who.map(|s| s.kind)));
            map.insert("level".into(), json!(a.level));
            map.insert(
                "level_words".into(),
                json!(a.level.map_or("-", ImplementationLevel::words)),
            );
            map.insert("comment".into(), json!(a.comment));
            Value::Object(map)
        })
        .collect()
}

/// The cycle asked for, or the latest; `None` when the dataset has no UPR data.
pub fn pick_cycle(ds: &Dataset, asked: Option<u32>) -> Result<Option<u32>, Error> {
    let mut known: Vec<u32> = ds.upr.cycles.iter().map(|c| c.number).collect();
    known.extend(ds.upr.recommendations.iter().map(|r| r.cycle));
    known.sort_unstable();
    known.dedup();
    match asked {
        None => Ok(known.last().copied()),
        Some(n) if known.contains(&n) => Ok(Some(n)),
        Some(n) => {
            let list: Vec<String> = known.iter().map(u32::to_string).collect();
            Err(Error::new(if list.is_empty() {
                format!(
                    "option `cycle` asks for UPR cycle {n}, but the dataset records no UPR cycle"
                )
            } else {
                format!(
                    "option `cycle` asks for UPR cycle {n}, but the dataset records only cycle(s) {}",
                    list.join(", ")
                )
            }))
        }
    }
}

/// Score every recommendation of the cycle, in dataset order, on the
/// assessments of `round` (every assessment when `None`: a cycle of one
/// round).
pub fn assess<'a>(
    ds: &'a Dataset,
    cycle: Option<u32>,
    include_state: bool,
    round: Option<&str>,
) -> Vec<Assessed<'a>> {
    let Some(cycle) = cycle else {
        return Vec::new();
    };
    let info = ds.upr.cycles.iter().find(|c| c.number == cycle);
    let counts = |a: &Assessment| {
        round.is_none_or(|r| info.is_some_and(|c| c.round_of(a) == r))
            && (include_state
                || ds
                    .stakeholder(&a.stakeholder)
                    .is_none_or(|s| s.kind != StakeholderKind::State))
    };
    ds.recommendations(cycle)
        .map(|rec| {
            let assessments: Vec<&Assessment> =
                rec.assessments.iter().filter(|a| counts(a)).collect();
            let score = rec.iri_score(counts);
            let level = match (assessments.is_empty(), score) {
                (true, _) => Level::NoAnswer,
                (false, None) => Level::None,
                (false, Some(s)) => Level::Scored(ImplementationLevel::from_score(s)),
            };
            Assessed {
                rec,
                assessments,
                score,
                level,
                earlier: None,
            }
        })
        .collect()
}

fn count_phrase(n: usize, what: &str) -> String {
    match n {
        // "No recommendation is not implemented" would read as its opposite.
        0 if !what.starts_with("not ") => format!("no recommendation is {what}"),
        0 => format!("0 recommendations are {what}"),
        1 => format!("1 recommendation is {what}"),
        n => format!("{n} recommendations are {what}"),
    }
}

/// The MIA's summary sentence: "66 recommendations are not implemented, …",
/// then the answers missing ([`no_answer_sentence`]).
pub fn sentence(c: &Counts) -> String {
    let mut s = levels_sentence(c);
    let missing = no_answer_sentence(c);
    if !missing.is_empty() {
        s.push(' ');
        s.push_str(&missing);
    }
    s
}

/// "No answer was received for 9 out of 129 recommendations.", empty when
/// every recommendation was answered.
pub fn no_answer_sentence(c: &Counts) -> String {
    if c.total == 0 || c.no_answer == 0 {
        return String::new();
    }
    format!(
        "No answer was received for {} out of {} recommendation{}.",
        c.no_answer,
        c.total,
        if c.total == 1 { "" } else { "s" }
    )
}

/// The levels of the summary sentence alone: "66 recommendations are not
/// implemented, 41 … partially implemented, and 11 … fully implemented."
pub fn levels_sentence(c: &Counts) -> String {
    if c.total == 0 {
        return "The dataset records no recommendation for this cycle.".into();
    }
    let mut s = format!(
        "{}, {}, and {}.",
        count_phrase(c.not, "not implemented"),
        count_phrase(c.partially, "partially implemented"),
        count_phrase(c.fully, "fully implemented"),
    );
    let s0 = s.remove(0).to_uppercase().to_string();
    s.insert_str(0, &s0);
    s
}

/// A sentence on the recommendations assessed without a level, empty when none.
pub fn no_level_sentence(c: &Counts) -> String {
    match c.no_level {
        0 => String::new(),
        1 => "1 recommendation was answered without an implementation level (IRI: -).".into(),
        n => format!("{n} recommendations were answered without an implementation level (IRI: -)."),
    }
}

/// Counts per key (issue, recommending State), most recommendations first,
/// ties in order of first appearance.
pub fn by_key(assessed: &[Assessed<'_>], keys: impl Fn(&Assessed<'_>) -> Vec<String>) -> Value {
    let mut order: Vec<String> = Vec::new();
    let mut counts: BTreeMap<String, Counts> = BTreeMap::new();
    for a in assessed {
        for k in keys(a) {
            if !counts.contains_key(&k) {
                order.push(k.clone());
            }
            counts.entry(k).or_default().add(a.level);
        }
    }
    let mut rows: Vec<(usize, String, Counts)> = order
        .into_iter()
        .enumerate()
        .filter_map(|(i, k)| counts.get(&k).map(|c| (i, k.clone(), *c)))
        .collect();
    rows.sort_by(|a, b| b.2.total.cmp(&a.2.total).then(a.0.cmp(&b.0)));
    Value::Array(
        rows.into_iter()
            .map(|(_, name, c)| {
                let mut v = json!(c);
                if let Value::Object(m) = &mut v {
                    m.insert("name".into(), Value::String(name));
                }
                v
            })
            .collect(),
    )
}

fn kind_key(kind: StakeholderKind) -> &'static str {
    match kind {
        StakeholderKind::State => "state",
        StakeholderKind::Ngo => "ngo",
        StakeholderKind::Nhri => "nhri",
        StakeholderKind::UnAgency => "un_agency",
    }
}

fn responded(assessed: &[Assessed<'_>], abbreviation: &str) -> usize {
    assessed
        .iter()
        .filter(|a| a.assessments.iter().any(|x| x.stakeholder == abbreviation))
        .count()
}

/// Per kind of stakeholder: how many the dataset lists and how many responded.
pub fn stakeholder_counts(ds: &Dataset, assessed: &[Assessed<'_>]) -> Value {
    let mut out = serde_json::Map::new();
    for kind in [
        StakeholderKind::State,
        StakeholderKind::Ngo,
        StakeholderKind::Nhri,
        StakeholderKind::UnAgency,
    ] {
        let of_kind = ds.upr.stakeholders.iter().filter(|s| s.kind == kind);
        let listed = of_kind.clone().count();
        let answered = of_kind
            .filter(|s| responded(assessed, &s.abbreviation) > 0)
            .count();
        out.insert(
            kind_key(kind).into(),
            json!({ "listed": listed, "responded": answered }),
        );
    }
    Value::Object(out)
}

/// The stakeholders that responded, in dataset order, with how many
/// recommendations each assessed.
pub fn respondents(ds: &Dataset, assessed: &[Assessed<'_>]) -> Vec<Value> {
    ds.upr
        .stakeholders
        .iter()
        .map(|s| (s, responded(assessed, &s.abbreviation)))
        .filter(|(_, n)| *n > 0)
        .map(|(s, n)| {
            json!({
                "abbreviation": s.abbreviation,
                "name": s.name,
                "kind": s.kind,
                "recommendations": n,
            })
        })
        .collect()
}
