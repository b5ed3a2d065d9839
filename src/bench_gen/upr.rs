//! `upr.toml` of a generated dataset: the cycle, stakeholders, recommendations and assessments.

use super::rng::Rng;
use super::text::{self, ASSESSMENTS_PER_REC, ISSUES, ISSUES_PER_REC, STATES, THEMES};
use super::toml::Toml;

/// Source ids the UPR file cites; `sources.toml` defines them.
pub const REPORT: &str = "wg-report";
/// See [`REPORT`].
pub const ADDENDUM: &str = "wg-report-add1";
/// See [`REPORT`].
pub const FOLLOW_UP: &str = "mia";

/// How many assessments each recommendation gets: drawn from the measured
/// distribution, then nudged one at a time until they add up to `total`,
/// never more than the stakeholders there are.
fn assessment_counts(rng: &mut Rng, recs: usize, total: usize, stakeholders: usize) -> Vec<usize> {
    let mut counts: Vec<usize> = (0..recs)
        .map(|_| rng.weighted(&ASSESSMENTS_PER_REC).min(stakeholders))
        .collect();
    let total = total.min(recs * stakeholders);
    let mut sum: usize = counts.iter().sum();
    while sum != total {
        let i = rng.below(recs);
        if sum < total && counts[i] < stakeholders {
            counts[i] += 1;
            sum += 1;
        } else if sum > total && counts[i] > 0 {
            counts[i] -= 1;
            sum -= 1;
        }
    }
    counts
}

/// The stakeholders' share weights, the example's for the first eight and a
/// small share for any more that `--assessments` calls for.
fn shares(n: usize) -> Vec<u32> {
    (0..n)
        .map(|i| text::STAKEHOLDER_SHARE.get(i).copied().unwrap_or(2))
        .collect()
}

/// `k` distinct stakeholders out of `n`, the more active ones more often.
fn pick_stakeholders(rng: &mut Rng, weights: &[u32], k: usize) -> Vec<usize> {
    let mut w = weights.to_vec();
    let mut out = Vec::with_capacity(k);
    for _ in 0..k.min(w.len()) {
        let i = rng.weighted(&w);
        w[i] = 0;
        out.push(i);
        if w.iter().all(|x| *x == 0) {
            break;
        }
    }
    out
}

/// One assessment as generated: stakeholder index, level index, comment.
type Given = (usize, usize, String);

/// Write `upr.toml` for `recs` recommendations and `total` assessments.
pub fn write(rng: &mut Rng, country: &str, recs: usize, total: usize) -> String {
    let per_rec_max = total.div_ceil(recs.max(1));
    let n_stakeholders = text::STAKEHOLDER_SHARE.len().max(per_rec_max.min(64));
    let abbreviations: Vec<String> = (0..n_stakeholders)
        .map(|i| text::abbreviation(text::STAKEHOLDERS[i % text::STAKEHOLDERS.len()].0, i))
        .collect();
    // How many stakeholders of each kind there are: the counts of those
    // who responded are at least that, as `check` asks.
    let of_kind = |kind: &str| {
        (0..n_stakeholders)
            .filter(|i| text::STAKEHOLDERS[i % text::STAKEHOLDERS.len()].1 == kind)
            .count()
    };
    let (ngos, agencies, states, nhris) = (
        of_kind("ngo"),
        of_kind("un-agency"),
        of_kind("state"),
        of_kind("nhri"),
    );
    let mut t = Toml(String::with_capacity(recs * 1200 + 4096));
    t.comment(&format!(
        "{country}: the Universal Periodic Review and its mid-term assessment (generated)."
    ));
    t.array("cycles")
        .raw("number", 1)
        // A first-cycle session, as the review date is (sessions 1–12).
        .raw("session", 1 + rng.below(12))
        .raw("review_date", "2010-02-12")
        .str("report", REPORT)
        .str("addendum", ADDENDUM);
    t.table("cycles.follow_up")
        .raw("date", "2012-12-03")
        .str("place", "Geneva")
        .str("url", "https://example.org/follow-up")
        .str("source", FOLLOW_UP)
        .raw("stakeholder_reports", rng.range(5, 30))
        .raw("ngos_contacted", rng.range(5, 25).max(ngos))
        .raw("ngos_responded", rng.range(1, 9).max(ngos))
        .raw("un_agencies_contacted", rng.range(0, 3).max(agencies))
        .raw("un_agencies_responded", agencies)
        .raw("state_contacted", true)
        .raw("state_participated", rng.chance(0.5) || states > 0)
        .str(
            "state_note",
            "The State released a mid-term report in its own language only.",
        )
        .raw("nhri_contacted", true)
        .raw("nhri_responded", nhris > 0);

    let weights = shares(n_stakeholders);
    for (i, abbr) in abbreviations.iter().enumerate() {
        let (name, kind) = text::STAKEHOLDERS[i % text::STAKEHOLDERS.len()];
        let name = if i < text::STAKEHOLDERS.len() {
            name.to_string()
        } else {
            format!("{name} ({})", i / text::STAKEHOLDERS.len() + 1)
        };
        t.array("stakeholders")
            .str("abbreviation", abbr)
            .str("name", &name)
            .raw("kind", format!("\"{kind}\""));
    }

    let counts = assessment_counts(rng, recs, total, n_stakeholders);
    let issue_weights: Vec<u32> = ISSUES.iter().map(|(_, w)| *w).collect();
    let theme_weights: Vec<u32> = THEMES.iter().map(|(_, w)| *w).collect();
    // The previous assessed recommendation: its theme and its assessments,
    // which the next one may repeat as a cluster.
    let mut previous: Option<(usize, Vec<Given>)> = None;
    for (n, &count) in counts.iter().enumerate() {
        let len = rng.log_normal(
            text::REC_TEXT_LN_MEAN,
            text::REC_TEXT_LN_SD,
            text::REC_TEXT_RANGE.0,
            text::REC_TEXT_RANGE.1,
        );
        t.array("recommendations")
            .raw("number", n + 1)
            .raw("cycle", 1);
        if rng.chance(text::PARAGRAPH_SHARE) {
            t.str("paragraph", &format!("97.{}", n + 1));
        }
        t.str("text", &text::prose(rng, len, true))
            .str("recommending_state", rng.pick(&STATES));
        let noted = rng.weighted(&text::RESPONSES) == 1;
        t.raw("response", if noted { "\"noted\"" } else { "\"accepted\"" });
        if rng.chance(text::RESPONSE_SOURCE_SHARE) {
            t.str("response_source", ADDENDUM);
        }
        let mut issues: Vec<&str> = Vec::new();
        for _ in 0..=rng.weighted(&ISSUES_PER_REC) {
            let issue = ISSUES[rng.weighted(&issue_weights)].0;
            if !issues.contains(&issue) {
                issues.push(issue);
            }
        }
        t.strs("issues", &issues);
        if count == 0 {
            // Unassessed: the MIA lists them with their action category.
            t.raw("action_category", rng.range(1, 5));
            continue;
        }
        let cluster = previous
            .as_ref()
            .filter(|(_, a)| a.len() == count && rng.chance(text::CLUSTER_SHARE))
            .cloned();
        let (theme, assessments) = match cluster {
            Some(p) => p,
            None => {
                let theme = rng.weighted(&theme_weights);
                let who = pick_stakeholders(rng, &weights, count);
                let assessments = who
                    .into_iter()
                    .map(|s| (s, rng.weighted(&text::LEVELS), text::comment(rng)))
                    .collect();
                (theme, assessments)
            }
        };
        t.str("theme", THEMES[theme].0);
        for (s, level, comment) in &assessments {
            t.array("recommendations.assessments")
                .str("stakeholder", &abbreviations[*s]);
            if let Some(l) = ["not", "partially", "fully"].get(*level) {
                t.raw("level", format!("\"{l}\""));
            }
            t.long("comment", comment);
        }
        previous = Some((theme, assessments));
    }
    t.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_add_up_and_respect_the_stakeholders() {
        let mut r = Rng::new(2);
        let c = assessment_counts(&mut r, 1000, 1496, 8);
        assert_eq!(c.iter().sum::<usize>(), 1496);
        assert!(c.iter().all(|n| *n <= 8));
        let c = assessment_counts(&mut r, 10, 500, 8);
        assert_eq!(c.iter().sum::<usize>(), 80);
    }
}
