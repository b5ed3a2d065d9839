//! Accepted UPR recommendations a letter can cite by their official paragraph number.
//!
//! Letters cite recommendations as the Working Group report numbers them
//! ("A/HRC/14/10, recommendations 95.42 (Australia), 95.43 (Algeria) …").
//! Only recommendations whose `paragraph` the dataset records can be cited
//! that way, so those are the ones offered. They are grouped by the issue
//! they share — the issue covering most of them first, then the issue
//! covering most of the rest — so that one footnote lists one theme.

use std::collections::BTreeMap;

use hrdraft_sdk::{Dataset, ImplementationLevel, Recommendation, Response, StakeholderKind};
use serde_json::{json, Value};

/// The Working Group report of `cycle`, by source id.
pub(crate) fn report_of(ds: &Dataset, cycle: u32) -> Option<String> {
    ds.upr
        .cycles
        .iter()
        .find(|c| c.number == cycle)
        .map(|c| c.report.clone())
}

/// Whether an assessment counts towards a recommendation's level: one of
/// its latest round, and the State's own only with `include_state`.
pub(crate) fn counts(
    ds: &Dataset,
    include_state: bool,
) -> impl Fn(&Recommendation, &hrdraft_sdk::Assessment) -> bool + '_ {
    move |r, a| {
        ds.upr.is_current(r, a)
            && (include_state
                || ds
                    .stakeholder(&a.stakeholder)
                    .is_none_or(|s| s.kind != StakeholderKind::State))
    }
}

/// A recommendation as a note cites it: "95.42 (Australia)".
fn item(r: &Recommendation) -> String {
    format!(
        "{} ({})",
        r.paragraph.as_deref().unwrap_or_default(),
        r.recommending_state
    )
}

/// `recs` cited by the document each was answered in (its
/// `response_source`, else the review's `report`), in order of first use:
/// one citation per document, its recommendations as items.
pub(crate) fn by_source<'a>(
    recs: impl IntoIterator<Item = &'a Recommendation>,
    report: Option<&str>,
) -> Vec<(String, Vec<String>)> {
    let mut citations: Vec<(String, Vec<String>)> = Vec::new();
    for r in recs {
        let source = r
            .response_source
            .clone()
            .or_else(|| report.map(str::to_string))
            .unwrap_or_default();
        match citations.iter_mut().find(|(s, _)| *s == source) {
            Some((_, items)) => items.push(item(r)),
            None => citations.push((source, vec![item(r)])),
        }
    }
    citations
}

/// Groups of accepted, numbered recommendations of `cycle`, largest first;
/// each recommendation's level counts the State's own assessments only
/// with `include_state`, as the paragraph on those not implemented does.
pub fn groups(ds: &Dataset, cycle: Option<u32>, include_state: bool) -> Vec<Value> {
    let Some(cycle) = cycle else {
        return Vec::new();
    };
    let report = report_of(ds, cycle);
    let mut left: Vec<&Recommendation> = numbered_accepted(ds, cycle)
        .filter(|r| !carried_out(ds, r))
        .collect();
    let mut out = Vec::new();
    while !left.is_empty() {
        // The issue most of the remaining recommendations share; ties go to
        // the issue named first in the dataset, so the result is stable.
        let mut counts: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
        for (order, issue) in left.iter().flat_map(|r| r.issues.iter()).enumerate() {
            let e = counts.entry(issue.as_str()).or_insert((0, order));
            e.0 += 1;
        }
        let issue = counts
            .iter()
            .max_by(|a, b| a.1 .0.cmp(&b.1 .0).then(b.1 .1.cmp(&a.1 .1)))
            .map(|(i, _)| i.to_string());
        let (mut group, rest): (Vec<&Recommendation>, Vec<&Recommendation>) =
            left.into_iter().partition(|r| match &issue {
                Some(i) => r.issues.iter().any(|x| x == i),
                None => true,
            });
        left = rest;
        group.sort_by_key(|r| paragraph_key(r.paragraph.as_deref().unwrap_or("")));
        out.push(group_json(
            ds,
            issue,
            &group,
            report.as_deref(),
            include_state,
        ));
    }
    out
}

/// The recommendations of `cycle` the State had yet to answer on the
/// document's date (`Response::Pending`): how many, and those numbered, by
/// paragraph, for a note citing the review's report ("121.3 (Borovia)");
/// null when there are none.
pub fn pending(ds: &Dataset, cycle: Option<u32>) -> Value {
    let Some(cycle) = cycle else {
        return Value::Null;
    };
    let mut waiting: Vec<&Recommendation> = ds
        .recommendations(cycle)
        .filter(|r| r.response == Response::Pending)
        .collect();
    if waiting.is_empty() {
        return Value::Null;
    }
    waiting.sort_by_key(|r| paragraph_key(r.paragraph.as_deref().unwrap_or("")));
    let items: Vec<String> = waiting
        .iter()
        .filter(|r| r.paragraph.is_some())
        .map(|r| item(r))
        .collect();
    json!({ "count": waiting.len(), "report": report_of(ds, cycle), "items": items })
}

/// Verbs that open a clause asking for more than a ratification, as UPR
/// recommendations word them ("… and designate a national preventive
/// mechanism", "…, and ensure its implementation").
const MORE: &[&str] = &[
    "abolish",
    "adopt",
    "align",
    "allow",
    "amend",
    "bring",
    "combat",
    "continue",
    "create",
    "criminalize",
    "criminalise",
    "designate",
    "develop",
    "eliminate",
    "enact",
    "end",
    "ensure",
    "establish",
    "extend",
    "fully",
    "guarantee",
    "harmonize",
    "harmonise",
    "implement",
    "improve",
    "incorporate",
    "increase",
    "introduce",
    "investigate",
    "make",
    "prohibit",
    "promote",
    "protect",
    "provide",
    "recognize",
    "recognise",
    "repeal",
    "respect",
    "revise",
    "set",
    "strengthen",
    "submit",
    "take",
    "withdraw",
];

/// Whether `rec` only asks the State to ratify or accede to instruments it
/// is now party to, or to extend a standing invitation it has extended
/// (the dataset as known on the letter's date): a recommendation carried
/// out, which the letter does not urge again (its ratification paragraph
/// welcomes a recent ratification, its Special Procedures paragraph a
/// recent invitation). One that names an
/// instrument without asking for it to be ratified ("implement the
/// Convention against Torture") is not; nor is one that asks for more
/// ("ratify the Optional Protocol … and designate a national preventive
/// mechanism"): a clause after "and" or a comma that opens on a verb of
/// [`MORE`].
fn carried_out(ds: &Dataset, rec: &Recommendation) -> bool {
    let text = rec.text.to_lowercase();
    let asks_more = text
        .split(" and ")
        .skip(1)
        .chain(text.split(", ").skip(1))
        .any(|clause| {
            let clause = clause
                .trim_start()
                .strip_prefix("to ")
                .unwrap_or(clause.trim_start());
            let verb = clause
                .split(|c: char| !c.is_alphabetic())
                .next()
                .unwrap_or("");
            MORE.contains(&verb)
        });
    if asks_more {
        return false;
    }
    // "Extend a standing invitation to the Special Procedures": carried out
    // once the State has extended one.
    if text.contains("standing invitation") {
        return ds
            .special_procedures
            .standing_invitation
            .as_ref()
            .is_some_and(|i| i.extended);
    }
    let asks = [
        "ratif",
        "accede",
        "accession",
        "become a party",
        "become party",
    ]
    .iter()
    .any(|w| text.contains(w));
    if !asks {
        return false;
    }
    let named = crate::mentions::instruments_named(&rec.text);
    !named.is_empty()
        && named.iter().all(|id| {
            ds.treaty(*id)
                .is_some_and(|t| t.status == hrdraft_sdk::RatificationStatus::Party)
        })
}

fn group_json(
    ds: &Dataset,
    issue: Option<String>,
    group: &[&Recommendation],
    report: Option<&str>,
    include_state: bool,
) -> Value {
    // One citation per document the responses were given in, in order of first use.
    let citations = by_source(group.iter().copied(), report);
    let counted = counts(ds, include_state);
    let recommendations: Vec<Value> = group
        .iter()
        .map(|r| {
            let level = r
                .iri_score(|a| counted(r, a))
                .map(ImplementationLevel::from_score);
            json!({
                "number": r.number,
                "paragraph": r.paragraph,
                "recommending_state": r.recommending_state,
                "text": r.text,
                "level": level,
            })
        })
        .collect();
    let not_implemented = recommendations
        .iter()
        .filter(|r| r["level"] == "not")
        .count();
    json!({
        "issue": issue,
        "recommendations": recommendations,
        "size": group.len(),
        "not_implemented": not_implemented,
        "citations": citations_json(citations, report),
    })
}

/// Citations as a group gives them: each with its `kind`. A document the
/// responses were given in, not the review's report (the addendum), holds
/// no recommendation of its own: the note says it is "referring to" them,
/// as seed 000's does.
fn citations_json(citations: Vec<(String, Vec<String>)>, report: Option<&str>) -> Vec<Value> {
    citations
        .into_iter()
        .map(|(source, items)| {
            let kind = if report == Some(source.as_str()) {
                "report"
            } else {
                "response"
            };
            json!({ "source": source, "items": items, "kind": kind })
        })
        .collect()
}

/// The citations, as a group's, of the accepted, numbered recommendations
/// of `cycle` carried out since (see [`carried_out`]): no group names them,
/// but the number a sentence gives of all the accepted ones counts them,
/// and its note cites every one it counts.
pub fn carried_out_citations(ds: &Dataset, cycle: Option<u32>) -> Vec<Value> {
    let Some(cycle) = cycle else {
        return Vec::new();
    };
    let report = report_of(ds, cycle);
    let recs = numbered_accepted(ds, cycle).filter(|r| carried_out(ds, r));
    citations_json(by_source(recs, report.as_deref()), report.as_deref())
}

/// The accepted recommendations of `cycle` that a note can cite: those
/// with a paragraph.
fn numbered_accepted(ds: &Dataset, cycle: u32) -> impl Iterator<Item = &Recommendation> {
    ds.recommendations(cycle)
        .filter(|r| r.response == Response::Accepted && r.paragraph.is_some())
}

/// The most issue groups a sentence names one by one.
const MAX_NAMED: usize = 4;
/// How many it names of more, after the number of all.
const NAMED_OF_MANY: usize = 3;

/// What a letter needs to name the cited groups in one sentence ("one
/// recommendation on X, two on Y and one on Z", a note after each): each group of
/// `upr_cited` gets its issue in words (`issue_words`), what follows it
/// (`after`: `,`, `.` or nothing before "and") and `and_next` when the next
/// is the last; `upr_cited_not_implemented` holds the groups stakeholders
/// found not implemented, alike, with `all` when every one of a group was
/// and `named` when the sentence before names the group
/// (`upr_cited_not_implemented_total` recommendations in all);
/// `upr_cited_named` holds the groups the sentence names, marked alike (all
/// of up to four; the three largest of more, and a fourth as large as the
/// third, with `upr_cited_including`
/// set and `upr_cited_total` the number of recommendations in all: every
/// accepted one, `upr_accepted_total`, where the plugin has set it);
/// `upr_cited_all` holds every group's `citations` merged, source by source
/// in order of first use, each source's items in the report's order (with
/// the number of all, those of `upr_carried_out_citations` too, which it
/// takes out), for one note after the sentence (as letters cite
/// the recommendations a paragraph speaks of); `upr_not_implemented_cited`
/// when every recommendation of `upr_not_implemented` is among the cited
/// groups' found not implemented.
pub fn in_sentences(out: &mut Value) {
    let Some(obj) = out.as_object_mut() else {
        return;
    };
    let accepted = obj.get("upr_accepted_total").and_then(Value::as_u64);
    let carried = obj.remove("upr_carried_out_citations");
    let Some(list) = obj.get_mut("upr_cited").and_then(Value::as_array_mut) else {
        return;
    };
    for g in list.iter_mut() {
        let issue = g["issue"].as_str().unwrap_or_default().to_string();
        g["issue_ru"] = json!(issue_ru(&issue));
        g["issue_words"] = json!(issue_words(&issue));
    }
    mark_sequence(list, "", ".");
    // The groups the sentence names: all of up to four; of more, the three
    // largest, after the number of all ("ten recommendations, including
    // three on …"), as a list of one issue after another reads as a tally.
    // The number of all: every accepted recommendation upr.toml records
    // (`upr_accepted_total`), not the cited ones alone.
    let cited_total: u64 = list.iter().map(|g| g["size"].as_u64().unwrap_or(0)).sum();
    let total = cited_total.max(accepted.unwrap_or(0));
    // The number of all is given when the groups named are not all: of
    // more than four, or when some accepted recommendations are in no group
    // (carried out since, or without a paragraph), so that a list of the
    // groups does not read as all the State supported.
    let many = list.len() > MAX_NAMED;
    let including = many || total > cited_total;
    // A group as large as the last of the three is named too, up to four:
    // "including three on …, two on …, two on … and two on …" leaves out
    // none of a size it names.
    let size = |g: &Value| g["size"].as_u64().unwrap_or(0);
    let mut named: Vec<Value> = if many {
        let mut named: Vec<Value> = list.iter().take(NAMED_OF_MANY).cloned().collect();
        let last = named.last().map_or(0, size);
        named.extend(
            list.iter()
                .skip(NAMED_OF_MANY)
                .take(MAX_NAMED - NAMED_OF_MANY)
                .filter(|g| size(g) == last)
                .cloned(),
        );
        named
    } else {
        list.clone()
    };
    mark_sequence(&mut named, "", ".");
    let list = &*list;
    let mut merged: Vec<(Value, Value, Vec<Value>)> = Vec::new();
    // The note cites what the sentence counts: with the number of all, the
    // recommendations carried out since as well.
    let carried = carried
        .as_ref()
        .and_then(Value::as_array)
        .filter(|_| including)
        .into_iter()
        .flatten();
    for c in list
        .iter()
        .filter_map(|g| g["citations"].as_array())
        .flatten()
        .chain(carried)
    {
        let items = c["items"].as_array().cloned().unwrap_or_default();
        match merged.iter_mut().find(|(s, ..)| *s == c["source"]) {
            Some((.., all)) => all.extend(items),
            None => merged.push((c["source"].clone(), c["kind"].clone(), items)),
        }
    }
    let cited_not: Vec<u64> = list
        .iter()
        .filter_map(|g| g["recommendations"].as_array())
        .flatten()
        .filter(|r| r["level"] == "not")
        .filter_map(|r| r["number"].as_u64())
        .collect();
    let merged: Vec<Value> = merged
        .into_iter()
        .map(|(source, kind, mut items)| {
            // In the report's order: "95.42 (Australia)" by 95.42.
            items.sort_by_key(|i| {
                paragraph_key(
                    i.as_str()
                        .unwrap_or_default()
                        .split(' ')
                        .next()
                        .unwrap_or(""),
                )
            });
            json!({ "source": source, "kind": kind, "items": items })
        })
        .collect();
    let mut unimplemented: Vec<Value> = list
        .iter()
        .filter(|g| g["not_implemented"].as_u64().unwrap_or(0) > 0)
        .cloned()
        .collect();
    let named_issues: Vec<Value> = named.iter().map(|g| g["issue"].clone()).collect();
    for g in &mut unimplemented {
        g["all"] = json!(g["not_implemented"] == g["size"]);
        // Named in the sentence before ("including three on …"): "the
        // recommendation on …"; not named there: "one recommendation on …".
        g["named"] = json!(named_issues.contains(&g["issue"]));
    }
    mark_sequence(&mut unimplemented, "", "");
    let not_total: u64 = unimplemented
        .iter()
        .map(|g| g["not_implemented"].as_u64().unwrap_or(0))
        .sum();
    obj.insert("upr_cited_not_implemented_total".into(), json!(not_total));
    obj.insert("upr_cited_not_implemented".into(), json!(unimplemented));
    obj.insert("upr_cited_named".into(), json!(named));
    obj.insert("upr_cited_including".into(), json!(including));
    obj.insert("upr_cited_total".into(), json!(total));
    obj.insert("upr_cited_all".into(), json!({ "citations": merged }));
    // Whether the sentence on the cited groups names every accepted
    // recommendation found not implemented, so that a letter need not
    // say so again.
    let all_cited = obj
        .get("upr_not_implemented")
        .and_then(Value::as_array)
        .is_none_or(|l| {
            l.iter()
                .all(|r| r["number"].as_u64().is_some_and(|n| cited_not.contains(&n)))
        });
    obj.insert(
        "upr_not_implemented_cited".into(),
        json!(all_cited && !cited_not.is_empty()),
    );
    // What the national section names: every recommendation found not
    // implemented (when a letter writes its own UPR account), or those the
    // sentence on the cited groups could not name.
    let all: Vec<Value> = obj
        .get("upr_not_implemented")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let uncited: Vec<Value> = all
        .iter()
        .filter(|r| !r["number"].as_u64().is_some_and(|n| cited_not.contains(&n)))
        .cloned()
        .collect();
    obj.insert("upr_not_implemented_all".into(), named_by_issue(&all));
    obj.insert(
        "upr_not_implemented_uncited".into(),
        named_by_issue(&uncited),
    );
}

/// Recommendations as a sentence names them: how many, and their three
/// most frequent issues, the most frequent first (ties in the order the
/// recommendations give them, so that one recommendation is named by its
/// first issue).
fn named_by_issue(recommendations: &[Value]) -> Value {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for issue in recommendations
        .iter()
        .filter_map(|r| r["issues"].as_array())
        .flatten()
        .filter_map(Value::as_str)
    {
        match counts.iter_mut().find(|(i, _)| i == issue) {
            Some((_, n)) => *n += 1,
            None => counts.push((issue.to_string(), 1)),
        }
    }
    counts.sort_by_key(|c| std::cmp::Reverse(c.1));
    json!({
        "count": recommendations.len(),
        "issues": counts
            .iter()
            .take(3)
            .map(|(issue, count)| {
                json!({ "issue": issue, "issue_words": issue_words(issue), "issue_ru": issue_ru(issue), "count": count })
            })
            .collect::<Vec<_>>(),
    })
}

/// Mark each item of a list named in a sentence with what follows it
/// (`after`): a comma, `before_and` before the last "and" ("" for nouns,
/// "," for clauses), `end` after the last; and `and_next` when the next
/// item is the last.
///
/// Three items or more of which one names an issue holding a comma
/// ("torture and other cruel, inhuman or degrading treatment") are
/// separated by semicolons, "; and" before the last, so that the issue's
/// own comma does not read as the list's.
pub fn mark_sequence(list: &mut [Value], before_and: &str, end: &str) {
    let n = list.len();
    let semicolons = n > 2
        && list.iter().any(|item| {
            item["issue_words"]
                .as_str()
                .is_some_and(|w| w.contains(','))
        });
    let (between, before_and) = if semicolons {
        (";", ";")
    } else {
        (",", before_and)
    };
    for (i, item) in list.iter_mut().enumerate() {
        let after = if i + 1 == n {
            end
        } else if i + 2 == n {
            before_and
        } else {
            between
        };
        item["after"] = json!(after);
        item["and_next"] = json!(i + 2 == n);
    }
}

/// An issue as UPR Info's database names it, in the words of a letter:
/// its abbreviations spelled out ("Torture and other CID" → "Torture and
/// other cruel, inhuman or degrading treatment", "NHRI" → "national human
/// rights institutions"), "- general" dropped.
pub fn issue_words(issue: &str) -> String {
    let mut words = issue.trim().trim_end_matches(" - general").to_string();
    // Issues that English names with an article: "one recommendation on
    // the death penalty", "on the right to water and sanitation".
    let lower = words.to_lowercase();
    let with_the = [
        "death penalty",
        "environment",
        "upr process",
        "treaty bodies",
    ]
    .contains(&lower.as_str())
        || lower.starts_with("right to ")
        || lower.starts_with("rights of the ");
    if lower == "special procedures" {
        return "the Special Procedures".to_string();
    }
    // A plan is one: "the recommendation on a national plan of action".
    if lower.starts_with("national ")
        && (lower.contains("plan of action") || lower.contains("action plan"))
    {
        return format!("a {lower}");
    }
    for (short, long) in [
        ("CID treatment", "cruel, inhuman or degrading treatment"),
        ("CID", "cruel, inhuman or degrading treatment"),
        ("NHRI", "national human rights institutions"),
        ("ESC rights", "economic, social and cultural rights"),
        ("CP rights", "civil and political rights"),
        ("HIV - Aids", "HIV/AIDS"),
        ("Asylum-seekers - refugees", "asylum-seekers and refugees"),
        ("Rights of the Child", "rights of the child"),
        (
            "Sexual Orientation and Gender Identity",
            "sexual orientation and gender identity",
        ),
    ] {
        if let Some(at) = find_word(&words, short) {
            words.replace_range(at..at + short.len(), long);
        }
    }
    if with_the {
        let mut lowered = words.chars();
        // "Death penalty" → "the death penalty"; "UPR process" keeps its capitals.
        words = match lowered.next() {
            Some(c)
                if words
                    .split(' ')
                    .next()
                    .is_some_and(|w| w.chars().skip(1).all(char::is_lowercase)) =>
            {
                format!("the {}{}", c.to_lowercase(), lowered.as_str())
            }
            _ => format!("the {words}"),
        };
    }
    words
}

/// An issue as UPR Info's database names it, in Russian, for the Russian
/// letter ("Human rights defenders" → "Правозащитники"); one not known here
/// as the dataset writes it.
pub fn issue_ru(issue: &str) -> String {
    const RU: &[(&str, &str)] = &[
        (
            "CP rights - general",
            "Гражданские и политические права: общие вопросы",
        ),
        (
            "Freedom of religion and belief",
            "Свобода религии и убеждений",
        ),
        (
            "Freedom of opinion and expression",
            "Свобода мнений и их свободное выражение",
        ),
        ("Freedom of the press", "Свобода печати"),
        (
            "Freedom of association and peaceful assembly",
            "Свобода ассоциации и мирных собраний",
        ),
        ("Freedom of movement", "Свобода передвижения"),
        ("Elections", "Выборы"),
        (
            "Right to private life, privacy",
            "Право на неприкосновенность частной жизни",
        ),
        (
            "ESC rights - general",
            "Экономические, социальные и культурные права: общие вопросы",
        ),
        ("Right to health", "Право на здоровье"),
        ("Right to education", "Право на образование"),
        ("Right to food", "Право на питание"),
        ("Right to housing", "Право на жилище"),
        ("Right to water", "Право на воду"),
        ("Right to land", "Право на землю"),
        ("Labour", "Труд"),
        ("Poverty", "Бедность"),
        ("Development", "Развитие"),
        ("Environment", "Окружающая среда"),
        (
            "Human rights education and training",
            "Образование и подготовка в области прав человека",
        ),
        ("Minorities", "Меньшинства"),
        ("Indigenous peoples", "Коренные народы"),
        ("Disabilities", "Права лиц с инвалидностью"),
        ("Persons with disabilities", "Права лиц с инвалидностью"),
        ("Migrants", "Мигранты"),
        ("Asylum-seekers - refugees", "Просители убежища и беженцы"),
        (
            "Internally displaced persons",
            "Внутренне перемещенные лица",
        ),
        ("Racial discrimination", "Расовая дискриминация"),
        ("International instruments", "Международные договоры"),
        ("Special procedures", "Специальные процедуры"),
        ("Treaty bodies", "Договорные органы"),
        ("UPR process", "Процесс УПО"),
        (
            "International humanitarian law",
            "Международное гуманитарное право",
        ),
        ("Justice", "Правосудие"),
        ("Death penalty", "Смертная казнь"),
        (
            "Torture and other CID treatment",
            "Пытки и другие жестокие, бесчеловечные или унижающие достоинство виды обращения",
        ),
        ("Detention conditions", "Условия содержания под стражей"),
        ("Detention", "Содержание под стражей"),
        ("Trafficking", "Торговля людьми"),
        ("Counter-terrorism", "Борьба с терроризмом"),
        ("Human rights defenders", "Правозащитники"),
        ("Impunity", "Безнаказанность"),
        (
            "Human rights violations by state agents",
            "Нарушения прав человека представителями государства",
        ),
        ("Enforced disappearances", "Насильственные исчезновения"),
        ("Extrajudicial executions", "Внесудебные казни"),
        (
            "Sexual Orientation and Gender Identity",
            "Сексуальная ориентация и гендерная идентичность",
        ),
        ("Women's rights", "Права женщин"),
        ("Violence against women", "Насилие в отношении женщин"),
        ("Rights of the Child", "Права ребенка"),
        (
            "Juvenile justice",
            "Правосудие в отношении несовершеннолетних",
        ),
        ("HIV - Aids", "ВИЧ/СПИД"),
        ("NHRI", "Национальные правозащитные учреждения"),
        ("National plan of action", "Национальный план действий"),
        ("Technical assistance", "Техническая помощь"),
        ("Civil society", "Гражданское общество"),
        ("Police and security forces", "Полиция и силы безопасности"),
        ("Corruption", "Коррупция"),
    ];
    let trimmed = issue.trim();
    RU.iter()
        .find(|(en, _)| en.eq_ignore_ascii_case(trimmed))
        .map_or_else(|| trimmed.to_string(), |(_, ru)| (*ru).to_string())
}

/// Where `word` stands as a whole word in `text`.
fn find_word(text: &str, word: &str) -> Option<usize> {
    text.match_indices(word).map(|(at, _)| at).find(|&at| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// "95.102" sorts after "95.42": compare the numbers between the dots.
pub(crate) fn paragraph_key(p: &str) -> Vec<u32> {
    p.split('.')
        .map(|n| n.trim().parse().unwrap_or(u32::MAX))
        .collect()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::{in_sentences, issue_words, paragraph_key};

    #[test]
    fn issues_are_named_in_words() {
        assert_eq!(
            issue_words("Torture and other CID treatment"),
            "Torture and other cruel, inhuman or degrading treatment"
        );
        assert_eq!(
            issue_words("Torture and other CID"),
            "Torture and other cruel, inhuman or degrading treatment"
        );
        assert_eq!(issue_words("NHRI"), "national human rights institutions");
        assert_eq!(
            issue_words("Sexual Orientation and Gender Identity"),
            "sexual orientation and gender identity"
        );
        assert_eq!(super::issue_ru("Human rights defenders"), "Правозащитники");
        assert_eq!(super::issue_ru("UPR process"), "Процесс УПО");
        // One not known is left as written.
        assert_eq!(super::issue_ru("Water management"), "Water management");
        assert_eq!(
            issue_words("National plan of action"),
            "a national plan of action"
        );
        assert_eq!(
            issue_words("National Human Rights Action Plan"),
            "a national human rights action plan"
        );
        assert_eq!(
            issue_words("ESC rights - general"),
            "economic, social and cultural rights"
        );
        assert_eq!(issue_words("Women's rights"), "Women's rights");
        assert_eq!(issue_words("Death penalty"), "the death penalty");
        assert_eq!(
            issue_words("Right to water and sanitation"),
            "the right to water and sanitation"
        );
        assert_eq!(
            issue_words("Rights of the Child"),
            "the rights of the child"
        );
        assert_eq!(issue_words("UPR process"), "the UPR process");
        assert_eq!(issue_words("Special procedures"), "the Special Procedures");
        assert_eq!(issue_words("Justice"), "Justice");
        assert_eq!(issue_words("CIDER"), "CIDER");
    }

    #[test]
    fn paragraphs_sort_by_number() {
        let mut ps = vec!["95.102", "95.42", "97.16", "95.5"];
        ps.sort_by_key(|p| paragraph_key(p));
        assert_eq!(ps, ["95.5", "95.42", "95.102", "97.16"]);
    }

    #[test]
    fn the_groups_are_cited_in_one_note_in_the_reports_order() {
        let group = |issue: &str, items: &[&str], recs: serde_json::Value| {
            json!({ "issue": issue, "size": items.len(), "not_implemented": 1,
                "recommendations": recs,
                "citations": [{ "source": "a-hrc-1", "kind": "report", "items": items }] })
        };
        let mut out = json!({
            "upr_cited": [
                group("Women's rights", &["118.6 (Cuba)", "118.2 (Thailand)"],
                    json!([{ "number": 6, "level": "not" }, { "number": 2, "level": "partially" }])),
                group("NHRI", &["118.10 (Chile)"], json!([{ "number": 10, "level": "not" }])),
            ],
            "upr_not_implemented": [{ "number": 6 }, { "number": 10 }]
        });
        in_sentences(&mut out);
        assert_eq!(
            out["upr_cited_all"]["citations"],
            json!([{ "source": "a-hrc-1", "kind": "report",
                "items": ["118.2 (Thailand)", "118.6 (Cuba)", "118.10 (Chile)"] }])
        );
        assert_eq!(out["upr_not_implemented_cited"], true);
        // A recommendation found not implemented that no group cites (it has
        // no paragraph number) is left for another sentence to name.
        out["upr_not_implemented"] = json!([{ "number": 6 }, { "number": 11 }]);
        in_sentences(&mut out);
        assert_eq!(out["upr_not_implemented_cited"], false);
        // Two groups: both named, without "including".
        assert_eq!(out["upr_cited_named"].as_array().map(Vec::len), Some(2));
        assert_eq!(out["upr_cited_including"], false);
        // With more accepted than the groups hold (one without a paragraph):
        // both named, after the number of all.
        out["upr_accepted_total"] = json!(4);
        in_sentences(&mut out);
        assert_eq!(out["upr_cited_named"].as_array().map(Vec::len), Some(2));
        assert_eq!(out["upr_cited_including"], true);
        assert_eq!(out["upr_cited_total"], 4);
    }

    #[test]
    fn of_many_groups_the_three_largest_are_named_after_the_number_of_all() {
        let group = |issue: &str, size: usize| {
            json!({ "issue": issue, "size": size, "not_implemented": 0, "recommendations": [],
                "citations": [{ "source": "a-hrc-1", "kind": "report", "items": [] }] })
        };
        let mut out = json!({
            "upr_cited": [group("Torture and other CID treatment", 4), group("Treaty bodies", 2),
                group("Human rights defenders", 2), group("Justice", 1), group("Poverty", 1)],
            "upr_not_implemented": []
        });
        in_sentences(&mut out);
        assert_eq!(out["upr_cited_including"], true);
        assert_eq!(out["upr_cited_total"], 10);
        let named = out["upr_cited_named"].as_array().unwrap();
        let issues: Vec<&str> = named.iter().map(|g| g["issue"].as_str().unwrap()).collect();
        assert_eq!(
            issues,
            [
                "Torture and other CID treatment",
                "Treaty bodies",
                "Human rights defenders"
            ]
        );
        // Marked as a list of three: the last ends the sentence.
        assert_eq!(named[1]["and_next"], true);
        assert_eq!(named[2]["after"], ".");
        // Every group is still cited.
        assert_eq!(out["upr_cited"].as_array().map(Vec::len), Some(5));

        // A fourth as large as the third is named as well; a fifth is not.
        let mut out = json!({
            "upr_cited": [group("Torture and other CID treatment", 3), group("Treaty bodies", 2),
                group("Human rights defenders", 2), group("Women's rights", 2), group("Poverty", 2)],
            "upr_not_implemented": []
        });
        in_sentences(&mut out);
        assert_eq!(out["upr_cited_including"], true);
        let issues: Vec<&str> = out["upr_cited_named"]
            .as_array()
            .unwrap()
            .iter()
            .map(|g| g["issue"].as_str().unwrap())
            .collect();
        assert_eq!(
            issues,
            [
                "Torture and other CID treatment",
                "Treaty bodies",
                "Human rights defenders",
                "Women's rights"
            ]
        );
    }
}
