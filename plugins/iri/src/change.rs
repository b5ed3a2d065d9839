//! What moved between two assessment rounds of a cycle.
//!
//! Each round's index is computed from that round's assessments alone, by
//! the same method as the mid-term's. A recommendation has *improved* when
//! its level is higher in the later round (not < partially < fully),
//! *worsened* when lower, *unchanged* when the same; it is *not compared*
//! when it has no level in at least one of the two rounds (not assessed, or
//! assessed without a level), since a change cannot be read from a missing
//! answer. Totals moved count the recommendations compared, by the pair of
//! levels; by theme, the levels of each section's recommendations at both
//! rounds; by stakeholder, how each stakeholder's own level for the
//! recommendations it assessed in both rounds moved.

use hrdraft_sdk::{Assessment, Dataset, FollowUp, ImplementationLevel};
use serde_json::{json, Map, Value};

use crate::feedback::Sections;
use crate::index::{Assessed, Counts, Level};

/// One assessment round as templates see it: the cycle's `follow_up` or
/// one of its `rounds`, with its `id`, a `name` ("mid-term assessment" by
/// default for the first, "follow-up assessment" for later ones) and a
/// short `label` for tables and charts (the year, or month and year when
/// two rounds fall in one year).
pub fn round_json(id: &str, f: &FollowUp, first: bool, label: String) -> Value {
    let mut v = json!(f);
    if let Value::Object(m) = &mut v {
        m.insert("id".into(), json!(id));
        let name = f.name.clone().unwrap_or_else(|| {
            if first {
                "mid-term assessment".into()
            } else {
                "follow-up assessment".into()
            }
        });
        m.insert("name".into(), json!(name));
        m.insert("label".into(), json!(label));
    }
    v
}

/// Short labels of the rounds: years, or months and years when two rounds
/// share a year, or full dates when two share a month.
pub fn labels(rounds: &[(&str, &FollowUp)]) -> Vec<String> {
    let years: Vec<u16> = rounds.iter().map(|(_, f)| f.date.year).collect();
    let months: Vec<(u16, Option<u8>)> = rounds
        .iter()
        .map(|(_, f)| (f.date.year, f.date.month))
        .collect();
    fn distinct<T: PartialEq>(v: &[T]) -> bool {
        v.iter()
            .enumerate()
            .all(|(i, x)| v.iter().skip(i + 1).all(|y| y != x))
    }
    rounds
        .iter()
        .map(|(_, f)| {
            let d = &f.date;
            if distinct(&years) {
                d.year.to_string()
            } else if distinct(&months) {
                match d.month_name() {
                    Some(m) => format!("{m} {}", d.year),
                    None => d.year.to_string(),
                }
            } else {
                d.to_string()
            }
        })
        .collect()
}

/// "improved", "worsened", "unchanged" or "not-compared".
pub fn direction(before: Level, after: Level) -> &'static str {
    match (before, after) {
        (Level::Scored(a), Level::Scored(b)) if b > a => "improved",
        (Level::Scored(a), Level::Scored(b)) if b < a => "worsened",
        (Level::Scored(_), Level::Scored(_)) => "unchanged",
        _ => "not-compared",
    }
}

/// The pairs of levels a recommendation can move between, improvements
/// first, in the order a report names them.
const MOVES: [(ImplementationLevel, ImplementationLevel); 6] = {
    use ImplementationLevel::{Fully, Not, Partially};
    [
        (Not, Partially),
        (Not, Fully),
        (Partially, Fully),
        (Fully, Partially),
        (Fully, Not),
        (Partially, Not),
    ]
};

#[derive(Default, Clone, Copy)]
struct Moved {
    improved: usize,
    worsened: usize,
    unchanged: usize,
    not_compared: usize,
}

impl Moved {
    fn add(&mut self, d: &str) {
        match d {
            "improved" => self.improved += 1,
            "worsened" => self.worsened += 1,
            "unchanged" => self.unchanged += 1,
            _ => self.not_compared += 1,
        }
    }

    fn put(&self, m: &mut Map<String, Value>) {
        m.insert("improved".into(), json!(self.improved));
        m.insert("worsened".into(), json!(self.worsened));
        m.insert("unchanged".into(), json!(self.unchanged));
        m.insert("not_compared".into(), json!(self.not_compared));
        m.insert(
            "compared".into(),
            json!(self.improved + self.worsened + self.unchanged),
        );
    }
}

fn recs(n: usize) -> &'static str {
    if n == 1 {
        "recommendation"
    } else {
        "recommendations"
    }
}

/// The rounds compared and everything that moved between them. `rounds`
/// holds each known round's id and its recommendations assessed on that
/// round alone, in date order; `before` and `after` index it.
pub fn change(
    ds: &Dataset,
    rounds: &[(&str, Value, Vec<Assessed<'_>>)],
    before: usize,
    after: usize,
) -> Value {
    let (from, to) = (&rounds[before], &rounds[after]);
    let sections = Sections::of(ds);
    let mut total = Moved::default();
    let mut moves = [0usize; MOVES.len()];
    let mut per_rec = Vec::with_capacity(to.2.len());
    // (section, before, after, moved), in the sections' order, then any
    // section only a recommendation's `theme` names.
    let mut themes: Vec<(&str, Counts, Counts, Moved)> = sections
        .listed
        .iter()
        .map(|(n, _)| (*n, Counts::default(), Counts::default(), Moved::default()))
        .collect();
    // Recommendations that moved though the stakeholders who gave them a
    // level were not the same in both rounds.
    let mut moved_by_respondents = 0;
    for (b, a) in from.2.iter().zip(&to.2) {
        let d = direction(b.level, a.level);
        total.add(d);
        let same_respondents = respondents(b) == respondents(a);
        if !same_respondents && matches!(d, "improved" | "worsened") {
            moved_by_respondents += 1;
        }
        if let (Level::Scored(x), Level::Scored(y)) = (b.level, a.level) {
            if let Some(i) = MOVES.iter().position(|m| *m == (x, y)) {
                moves[i] += 1;
            }
        }
        let theme = sections.of_recommendation(a.rec);
        let pos = match themes.iter().position(|t| t.0 == theme) {
            Some(p) => p,
            None => {
                themes.push((
                    theme,
                    Counts::default(),
                    Counts::default(),
                    Moved::default(),
                ));
                themes.len() - 1
            }
        };
        let t = &mut themes[pos];
        t.1.add(b.level);
        t.2.add(a.level);
        t.3.add(d);
        let levels: Vec<Value> = rounds
            .iter()
            .map(|(id, round, assessed)| {
                let l = assessed
                    .iter()
                    .find(|x| std::ptr::eq(x.rec, a.rec))
                    .map_or(Level::NoAnswer, |x| x.level);
                json!({ "round": id, "label": round["label"], "level": l.key(),
                        "level_words": l.words(), "level_short": l.short_words() })
            })
            .collect();
        per_rec.push(json!({
            "number": a.rec.number,
            "theme": theme,
            "issues": a.rec.issues,
            "before": b.level.key(),
            "before_words": b.level.words(),
            "before_short": b.level.short_words(),
            "after": a.level.key(),
            "after_words": a.level.words(),
            "after_short": a.level.short_words(),
            "change": d,
            "same_respondents": same_respondents,
            "levels": levels,
        }));
    }
    let moved: Vec<Value> = MOVES
        .iter()
        .zip(moves)
        .filter(|(_, n)| *n > 0)
        .map(|((x, y), n)| {
            json!({
                "from": Level::Scored(*x).key(),
                "from_words": x.words(),
                "to": Level::Scored(*y).key(),
                "to_words": y.words(),
                "count": n,
                "improved": y > x,
                "sentence": format!("{n} {} moved from {} to {}.", recs(n), x.words(), y.words()),
            })
        })
        .collect();
    // Every section that holds a recommendation, so that the table's
    // columns add up to the totals; `charted` says whether any of them has
    // a level, which a chart of levels needs.
    let by_theme: Vec<Value> = themes
        .into_iter()
        .filter(|(.., m)| m.improved + m.worsened + m.unchanged + m.not_compared > 0)
        .map(|(theme, b, a, m)| {
            let mut map = Map::new();
            map.insert("theme".into(), json!(theme));
            map.insert(
                "charted".into(),
                json!(b.not + b.partially + b.fully + a.not + a.partially + a.fully > 0),
            );
            map.insert("before".into(), json!(b));
            map.insert("after".into(), json!(a));
            m.put(&mut map);
            Value::Object(map)
        })
        .collect();
    let mut out = Map::new();
    out.insert("from".into(), from.1.clone());
    out.insert("to".into(), to.1.clone());
    out.insert(
        "before".into(),
        json!(Counts::of(from.2.iter().map(|r| r.level))),
    );
    out.insert(
        "after".into(),
        json!(Counts::of(to.2.iter().map(|r| r.level))),
    );
    total.put(&mut out);
    out.insert(
        "sentence".into(),
        json!(sentence(&total, moved_by_respondents)),
    );
    out.insert("moved_by_respondents".into(), json!(moved_by_respondents));
    out.insert("moved".into(), Value::Array(moved));
    out.insert("recommendations".into(), Value::Array(per_rec));
    out.insert("by_theme".into(), Value::Array(by_theme));
    out.insert(
        "by_stakeholder".into(),
        Value::Array(by_stakeholder(ds, &from.2, &to.2)),
    );
    Value::Object(out)
}

/// The stakeholders that gave `a` a level in its round, in order.
fn respondents<'a>(a: &Assessed<'a>) -> Vec<&'a str> {
    let mut who: Vec<&str> = a
        .assessments
        .iter()
        .filter(|x| x.level.is_some())
        .map(|x| x.stakeholder.as_str())
        .collect();
    who.sort_unstable();
    who.dedup();
    who
}

/// "Of the 10 recommendations with a level in both assessments, 4 moved to
/// a higher level, 1 to a lower one and 5 stayed at the same level.", and,
/// when `by_respondents` of those that moved were given their levels by
/// other stakeholders in one round than in the other, a sentence that says
/// so: such a move may be a change of who answered, not of what was done.
fn sentence(m: &Moved, by_respondents: usize) -> String {
    let compared = m.improved + m.worsened + m.unchanged;
    if compared == 0 {
        return "No recommendation has a level in both assessments.".into();
    }
    // "none to a lower one", not "0 to a lower one".
    let n = |x: usize| {
        if x == 0 {
            "none".to_string()
        } else {
            x.to_string()
        }
    };
    let mut s = format!(
        "Of the {compared} {} with a level in both assessments, {} moved to a higher level, {} to a lower one and {} stayed at the same level.",
        recs(compared),
        n(m.improved),
        n(m.worsened),
        n(m.unchanged)
    );
    if m.not_compared > 0 {
        s.push_str(&format!(
            " {} {} cannot be compared: {} no level in at least one of the two.",
            m.not_compared,
            recs(m.not_compared),
            if m.not_compared == 1 {
                "it has"
            } else {
                "they have"
            }
        ));
    }
    let moved = m.improved + m.worsened;
    if by_respondents > 0 {
        let of = if moved == 1 {
            "the recommendation that moved".to_string()
        } else if by_respondents == moved {
            format!("all {moved} recommendations that moved")
        } else {
            format!("{by_respondents} of the {moved} recommendations that moved")
        };
        s.push_str(&format!(
            " For {of}, the stakeholders who gave a level were not the same in both assessments: the move may reflect who responded as much as what was done."
        ));
    }
    s
}

/// Per stakeholder that took part in either round, in dataset order: how
/// many recommendations it assessed in each, and how its own level moved
/// on those it gave a level in both.
fn by_stakeholder(ds: &Dataset, before: &[Assessed<'_>], after: &[Assessed<'_>]) -> Vec<Value> {
    let find = |xs: &[&'_ Assessment], who: &str| -> Option<ImplementationLevel> {
        xs.iter()
            .find(|a| a.stakeholder == who)
            .and_then(|a| a.level)
    };
    let took_part = |xs: &[&'_ Assessment], who: &str| xs.iter().any(|a| a.stakeholder == who);
    ds.upr
        .stakeholders
        .iter()
        .filter_map(|s| {
            let who = s.abbreviation.as_str();
            let mut m = Moved::default();
            let (mut n_before, mut n_after, mut both) = (0, 0, 0);
            for (b, a) in before.iter().zip(after) {
                let (in_b, in_a) = (
                    took_part(&b.assessments, who),
                    took_part(&a.assessments, who),
                );
                n_before += usize::from(in_b);
                n_after += usize::from(in_a);
                if in_b && in_a {
                    both += 1;
                    let lb = find(&b.assessments, who).map_or(Level::None, Level::Scored);
                    let la = find(&a.assessments, who).map_or(Level::None, Level::Scored);
                    m.add(direction(lb, la));
                }
            }
            if n_before + n_after == 0 {
                return None;
            }
            let mut map = Map::new();
            map.insert("abbreviation".into(), json!(s.abbreviation));
            map.insert("name".into(), json!(s.name));
            map.insert("kind".into(), json!(s.kind));
            map.insert("assessed_before".into(), json!(n_before));
            map.insert("assessed_after".into(), json!(n_after));
            map.insert("assessed_both".into(), json!(both));
            m.put(&mut map);
            Some(Value::Object(map))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_count_of_nought_is_none_and_a_missing_level_is_in_at_least_one_round() {
        let m = Moved {
            improved: 5,
            worsened: 0,
            unchanged: 4,
            not_compared: 1,
        };
        assert_eq!(
            sentence(&m, 0),
            "Of the 9 recommendations with a level in both assessments, 5 moved to a higher level, none to a lower one and 4 stayed at the same level. 1 recommendation cannot be compared: it has no level in at least one of the two."
        );
        assert!(sentence(&m, 2).ends_with(
            " For 2 of the 5 recommendations that moved, the stakeholders who gave a level were not the same in both assessments: the move may reflect who responded as much as what was done."
        ));
        assert!(sentence(&m, 5).contains(" For all 5 recommendations that moved, "));
    }
}
