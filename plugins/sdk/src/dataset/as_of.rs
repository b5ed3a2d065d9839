//! The dataset as it stood on a given day: what a document of that date may speak of.
//!
//! A letter dated 18 October 2012 cannot cite a mid-term assessment
//! published in December, count a visit made in 2014 or urge ratification
//! of an instrument ratified in 2013. [`Dataset::known_on`] gives the
//! dataset with every dated fact after the day taken out or put back to
//! where it stood on that day.

use std::borrow::Cow;

use super::{Dataset, Section, VisitStatus};
use crate::Date;

impl Dataset {
    /// The dataset as known on `date`: borrowed unchanged when nothing in
    /// it is dated after that day, which is the common case and costs one
    /// pass over the dated entries.
    ///
    /// - Instruments ratified (or signed) after the day stand as they stood;
    ///   one denounced after it was still binding; one not yet open for
    ///   signature ([`crate::TreatyId::opened`]) is left out.
    /// - Concluding observations dated after it give way to the latest of
    ///   the committee's `earlier_observations` adopted by then, if any;
    ///   state reports, overdue reports and
    ///   follow-up requests dated after it are left out; a follow-up reply
    ///   after it counts as no reply, and an overdue report submitted
    ///   after it was still overdue.
    /// - A standing invitation extended after it had not been extended.
    /// - A visit made after it is an agreed visit if it had been agreed by
    ///   then (`agreed`), a pending request if it had only been requested,
    ///   and left out otherwise; communications sent after it are left
    ///   out, and replies after it count as no reply.
    /// - UPR cycles reviewed after it, or whose Working Group report is
    ///   dated after it, are left out with their recommendations; a
    ///   recommendation whose response was given in a document dated after
    ///   it (`response_source`, the addendum) is pending; assessment rounds
    ///   published after it (the
    ///   cycle's `follow_up` and each of its `rounds`, by date) are left
    ///   out with their stakeholder assessments.
    /// - Reprisal cases dated after it are left out, and so are cases told
    ///   of only in sources published after it; a case's communication sent
    ///   after it is no longer named.
    /// - Pledges submitted after it (the `pledge_document`'s date) are left
    ///   out with their document: the State had not yet pledged. A pledge
    ///   document issued as a UN document after it (its `source` dated
    ///   after it) loses its `symbol` and `source`: it had not been
    ///   circulated yet.
    /// - A source dated after it is no longer given for what stays: a
    ///   reprisal case's or a visit's sources, a visit's mission report, a
    ///   communication's source, an overdue report's (the case happened,
    ///   but the report that told of it had not yet been published); a
    ///   visit whose mission report came out after it has no
    ///   recommendations yet to recall.
    ///
    /// Sources stay in the list, so that anything still cited resolves.
    pub fn known_on(&self, date: &Date) -> Cow<'_, Dataset> {
        self.known_on_for(date, &ALL_SECTIONS)
    }

    /// [`Dataset::known_on`] for a reader of `sections` alone: borrowed
    /// unchanged when none of them holds a fact dated after `date`, even if
    /// other sections do. A plugin passes the sections it declares, so that
    /// the index over 100,000 recommendations is not copied because a
    /// communication is dated after the assessment.
    pub fn known_on_for(&self, date: &Date, sections: &[Section]) -> Cow<'_, Dataset> {
        if !sections.iter().any(|s| self.has_facts_after(date, *s)) {
            return Cow::Borrowed(self);
        }
        let after = |d: Option<&Date>| d.is_some_and(|d| d > date);
        let mut ds = self.clone();
        if let Some(c) = &mut ds.candidacy {
            if c.pledge_document
                .as_ref()
                .is_some_and(|p| after(Some(&p.date)))
            {
                c.pledge_document = None;
                c.pledges.clear();
            }
        }
        // An instrument not yet open for signature did not exist for the
        // document: it is neither outstanding nor recorded.
        ds.treaties.retain(|t| t.treaty.open_on(Some(date)));
        for t in &mut ds.treaties {
            t.status = t
                .status
                .as_of(t.signed.as_ref(), t.ratified.as_ref(), Some(date));
            if after(t.ratified.as_ref()) {
                t.ratified = None;
                t.accession = false;
            }
            if after(t.signed.as_ref()) {
                t.signed = None;
            }
        }
        for t in &mut ds.other_instruments {
            if after(t.denounced.as_ref()) {
                t.denounced = None;
            }
            t.status = t
                .status
                .as_of(t.signed.as_ref(), t.ratified.as_ref(), Some(date));
            if after(t.ratified.as_ref()) {
                t.ratified = None;
            }
            if after(t.signed.as_ref()) {
                t.signed = None;
            }
        }
        for r in &mut ds.reporting {
            if r.concluding_observations
                .as_ref()
                .is_some_and(|co| after(Some(&co.date)))
            {
                // The latest adopted by the day, if an earlier set is recorded.
                let earlier = std::mem::take(&mut r.earlier_observations);
                r.concluding_observations = earlier
                    .into_iter()
                    .filter(|co| !after(Some(&co.date)))
                    .max_by_key(|co| co.date);
            }
            if r.latest_report
                .as_ref()
                .is_some_and(|s| after(s.submitted.as_ref()))
            {
                r.latest_report = None;
            }
            r.overdue.retain(|o| !after(Some(&o.due)));
            for o in &mut r.overdue {
                // Submitted after the day: still overdue on it.
                if after(o.submitted.as_ref()) {
                    o.submitted = None;
                }
            }
            r.follow_up.retain(|f| !after(f.due.as_ref()));
            for f in &mut r.follow_up {
                if after(f.replied.as_ref()) {
                    f.replied = None;
                }
            }
        }
        let sp = &mut ds.special_procedures;
        if sp
            .standing_invitation
            .as_ref()
            .is_some_and(|s| after(s.since.as_ref()))
        {
            // Extended after the day: on it, the State had none to welcome,
            // and a letter encourages it to extend one.
            sp.standing_invitation = Some(super::StandingInvitation {
                extended: false,
                since: None,
                source: None,
            });
        }
        sp.visits.retain_mut(|v| {
            if after(v.requested.as_ref()) {
                return false;
            }
            if after(v.agreed.as_ref()) {
                // Not yet agreed: a pending request, if it had been made.
                v.agreed = None;
                if v.status == VisitStatus::Agreed {
                    if v.requested.is_none() {
                        return false;
                    }
                    v.status = VisitStatus::Requested;
                }
            }
            if after(v.date.as_ref()) && v.status == VisitStatus::Done {
                v.report = None;
                v.recommendations.clear();
                v.outstanding = None;
                if v.agreed.is_some() {
                    // Agreed by then: a visit still to come.
                    v.status = VisitStatus::Agreed;
                } else if v.requested.is_some() {
                    v.status = VisitStatus::Requested;
                    v.date = None;
                    v.end = None;
                } else {
                    return false;
                }
            }
            true
        });
        sp.communications.retain(|c| !after(Some(&c.date)));
        for c in &mut sp.communications {
            if after(c.reply.as_ref()) {
                c.reply = None;
            }
        }
        sp.questionnaires.retain(|q| !after(q.date.as_ref()));
        let late = self.late_sources(date);
        let is_late = |id: &String| late.contains(&id.as_str());
        // Pledges known by the note verbale's date, but issued as a UN
        // document after it: the letter cannot cite a symbol that did not
        // yet exist, and speaks of the note as not circulated.
        if let Some(p) = ds
            .candidacy
            .as_mut()
            .and_then(|c| c.pledge_document.as_mut())
        {
            if p.source.as_ref().is_some_and(is_late) {
                p.symbol = None;
                p.source = None;
            }
        }
        // A review is known once its Working Group report is out: before
        // that, neither its recommendations nor the State's responses are.
        let late_cycles: Vec<u32> = ds
            .upr
            .cycles
            .iter()
            .filter(|c| after(Some(&c.review_date)) || is_late(&c.report))
            .map(|c| c.number)
            .collect();
        ds.upr.cycles.retain(|c| !late_cycles.contains(&c.number));
        // A response given in a document published later (the addendum)
        // was not yet known: the recommendation was made, in the report
        // out by then, but not yet answered.
        ds.upr
            .recommendations
            .retain(|r| !late_cycles.contains(&r.cycle));
        for r in &mut ds.upr.recommendations {
            if r.response_source.as_ref().is_some_and(is_late) {
                r.response = super::Response::Pending;
                r.response_source = None;
                r.assessments.clear();
            }
        }
        // Rounds published after the day go, with their assessments. A
        // later round is never dated before the mid-term (`check` sees to
        // it), so an unpublished mid-term takes every round with it.
        // (cycle, its mid-term round's id, the ids of the rounds left out)
        let mut unpublished: Vec<(u32, String, Vec<String>)> = Vec::new();
        for c in &mut ds.upr.cycles {
            let first = c.first_round().to_string();
            let mut gone: Vec<String> = Vec::new();
            if c.follow_up.as_ref().is_some_and(|f| after(Some(&f.date))) {
                gone.push(first.clone());
                c.follow_up = None;
            }
            c.rounds.retain(|r| {
                let late = !gone.is_empty() || after(Some(&r.date));
                if late {
                    gone.push(r.id.clone().unwrap_or_default());
                }
                !late
            });
            if !gone.is_empty() {
                unpublished.push((c.number, first, gone));
            }
        }
        for r in &mut ds.upr.recommendations {
            if let Some((_, first, gone)) = unpublished.iter().find(|(n, ..)| *n == r.cycle) {
                r.assessments.retain(|a| {
                    let round = a.round.as_deref().unwrap_or(first);
                    !gone.iter().any(|g| g == round)
                });
            }
        }
        ds.reprisals.retain(|c| !after(Some(&c.date)));
        for c in &mut ds.reprisals {
            if after(c.until.as_ref()) {
                c.until = None;
            }
        }
        // A case told of only in sources published later was not known on
        // the day, though it happened before it.
        ds.reprisals
            .retain(|c| c.sources.is_empty() || !c.sources.iter().all(is_late));
        // A communication sent after the day was left out above: a case
        // that refers to it no longer names it.
        let sent: Vec<&str> = ds
            .special_procedures
            .communications
            .iter()
            .map(|c| c.reference.as_str())
            .collect();
        let unsent = |r: &String| {
            !sent.contains(&r.as_str())
                && self
                    .special_procedures
                    .communications
                    .iter()
                    .any(|k| &k.reference == r)
        };
        for c in &mut ds.reprisals {
            c.sources.retain(|id| !is_late(id));
            if c.communication.as_ref().is_some_and(unsent) {
                c.communication = None;
            }
        }
        let sp = &mut ds.special_procedures;
        for v in &mut sp.visits {
            v.sources.retain(|id| !is_late(id));
            if v.report.as_ref().is_some_and(is_late) {
                // The mission report, and so its recommendations, came out
                // after the day: there were none yet to recall.
                v.report = None;
                v.recommendations.clear();
                v.outstanding = None;
            }
        }
        for r in &mut ds.reporting {
            for o in &mut r.overdue {
                if o.source.as_ref().is_some_and(is_late) {
                    o.source = None;
                }
            }
        }
        for c in &mut sp.communications {
            if c.source.as_ref().is_some_and(is_late) {
                c.source = None;
            }
        }
        Cow::Owned(ds)
    }

    /// The ids of the sources dated after `date`.
    fn late_sources(&self, date: &Date) -> Vec<&str> {
        self.sources
            .iter()
            .filter(|s| s.date.as_ref().is_some_and(|d| d > date))
            .map(|s| s.id.as_str())
            .collect()
    }

    /// Whether a fact of `section` that [`Dataset::known_on`] weighs is
    /// dated after `date`.
    fn has_facts_after(&self, date: &Date, section: Section) -> bool {
        let after = |d: Option<&Date>| d.is_some_and(|d| d > date);
        let sp = &self.special_procedures;
        let late = self.late_sources(date);
        let is_late = |id: &String| late.contains(&id.as_str());
        match section {
            Section::Treaties => {
                self.treaties.iter().any(|t| {
                    after(t.signed.as_ref())
                        || after(t.ratified.as_ref())
                        || !t.treaty.open_on(Some(date))
                }) || self.other_instruments.iter().any(|t| {
                    after(t.signed.as_ref())
                        || after(t.ratified.as_ref())
                        || after(t.denounced.as_ref())
                }) || self.reporting.iter().any(|r| {
                    r.concluding_observations
                        .as_ref()
                        .is_some_and(|co| after(Some(&co.date)))
                        || r.latest_report
                            .as_ref()
                            .is_some_and(|s| after(s.submitted.as_ref()))
                        || r.overdue.iter().any(|o| {
                            after(Some(&o.due))
                                || after(o.submitted.as_ref())
                                || o.source.as_ref().is_some_and(is_late)
                        })
                        || r.follow_up
                            .iter()
                            .any(|f| after(f.due.as_ref()) || after(f.replied.as_ref()))
                })
            }
            Section::SpecialProcedures => {
                sp.standing_invitation
                    .as_ref()
                    .is_some_and(|s| after(s.since.as_ref()))
                    || sp.visits.iter().any(|v| {
                        after(v.requested.as_ref())
                            || after(v.agreed.as_ref())
                            || after(v.date.as_ref())
                    })
                    || sp.visits.iter().any(|v| {
                        v.sources.iter().any(is_late) || v.report.as_ref().is_some_and(is_late)
                    })
                    || sp.communications.iter().any(|c| {
                        after(Some(&c.date))
                            || after(c.reply.as_ref())
                            || c.source.as_ref().is_some_and(is_late)
                    })
                    || sp.questionnaires.iter().any(|q| after(q.date.as_ref()))
            }
            Section::Upr => {
                self.upr.cycles.iter().any(|c| {
                    after(Some(&c.review_date))
                        || is_late(&c.report)
                        || c.follow_up.as_ref().is_some_and(|f| after(Some(&f.date)))
                        || c.rounds.iter().any(|r| after(Some(&r.date)))
                }) || (!late.is_empty()
                    && self
                        .upr
                        .recommendations
                        .iter()
                        .any(|r| r.response_source.as_ref().is_some_and(is_late)))
            }
            Section::Reprisals => self.reprisals.iter().any(|c| {
                after(Some(&c.date))
                    || after(c.until.as_ref())
                    || c.sources.iter().any(is_late)
                    || c.communication.as_ref().is_some_and(|r| {
                        sp.communications
                            .iter()
                            .any(|k| &k.reference == r && after(Some(&k.date)))
                    })
            }),
            Section::Candidacy => self.candidacy.as_ref().is_some_and(|c| {
                c.pledge_document
                    .as_ref()
                    .is_some_and(|p| after(Some(&p.date)) || p.source.as_ref().is_some_and(is_late))
            }),
            Section::Country | Section::Questions | Section::Sources | Section::Documents => false,
        }
    }
}

/// Every section, for [`Dataset::known_on`].
const ALL_SECTIONS: [Section; 5] = [
    Section::Candidacy,
    Section::Treaties,
    Section::SpecialProcedures,
    Section::Upr,
    Section::Reprisals,
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{RatificationStatus, Response};

    fn date(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn a_later_ratification_leaves_the_signature() {
        let s = RatificationStatus::Party;
        let signed = date("2008-09-11");
        let ratified = date("2015-04-21");
        assert_eq!(
            s.as_of(Some(&signed), Some(&ratified), Some(&date("2012-10-18"))),
            RatificationStatus::Signatory
        );
        assert_eq!(
            s.as_of(None, Some(&ratified), Some(&date("2012-10-18"))),
            RatificationStatus::NoAction
        );
        assert_eq!(
            s.as_of(Some(&signed), Some(&ratified), Some(&date("2016-01-01"))),
            RatificationStatus::Party
        );
        assert_eq!(
            RatificationStatus::Signatory.as_of(Some(&signed), None, Some(&date("2008-01-01"))),
            RatificationStatus::NoAction
        );
    }

    #[test]
    fn a_reader_of_other_sections_borrows_the_dataset() {
        let ds: Dataset = serde_json::from_value(serde_json::json!({
            "country": { "name": "Testland", "iso2": "TL", "iso3": "TLD", "short_name": "testland" },
            "upr": { "cycles": [{ "number": 1, "review_date": "2010-03-01", "report": "r",
                "follow_up": { "date": "2012-12-03", "stakeholder_reports": 1, "ngos_contacted": 1,
                    "ngos_responded": 1, "un_agencies_contacted": 0, "un_agencies_responded": 0,
                    "state_contacted": false, "state_participated": false, "nhri_contacted": false,
                    "nhri_responded": false } }] },
            "reprisals": [{ "id": "c", "kind": "reprisal", "who": "A", "date": "2024-05-09",
                "engagement": "e", "what": "w", "sources": [] }]
        }))
        .unwrap();
        let at = date("2012-12-03");
        assert!(matches!(
            ds.known_on_for(&at, &[Section::Upr]),
            Cow::Borrowed(_)
        ));
        let all = ds.known_on(&at);
        assert!(matches!(all, Cow::Owned(_)));
        assert!(all.reprisals.is_empty());
        // The letter of October sees neither the case nor the assessment.
        let october = ds.known_on_for(&date("2012-10-18"), &[Section::Upr]);
        assert!(october.upr.cycles[0].follow_up.is_none());
    }

    /// A visit held after the day is agreed on it if `agreed` says so, a
    /// request if only `requested` does, and unknown otherwise.
    #[test]
    fn a_visit_held_after_the_day_is_as_it_stood_then() {
        let ds: Dataset = serde_json::from_value(serde_json::json!({
            "country": { "name": "Testland", "iso2": "TL", "iso3": "TLD", "short_name": "testland" },
            "special_procedures": { "visits": [
                { "mandate": "agreed before", "status": "done", "requested": "2024-01-10",
                  "agreed": "2026-06-01", "date": "2026-11-02", "report": "r" },
                { "mandate": "agreed after", "status": "done", "requested": "2024-01-10",
                  "agreed": "2026-10-01", "date": "2026-11-02" },
                { "mandate": "agreed, to come", "status": "agreed", "requested": "2024-01-10",
                  "agreed": "2026-10-01" },
                { "mandate": "never requested", "status": "done", "date": "2026-11-02" }
            ]}
        }))
        .unwrap();
        let known = ds.known_on(&date("2026-09-22"));
        let visits: Vec<(&str, VisitStatus)> = known
            .special_procedures
            .visits
            .iter()
            .map(|v| (v.mandate.as_str(), v.status))
            .collect();
        assert_eq!(
            visits,
            [
                ("agreed before", VisitStatus::Agreed),
                ("agreed after", VisitStatus::Requested),
                ("agreed, to come", VisitStatus::Requested),
            ]
        );
        assert_eq!(known.special_procedures.visits[0].report, None);
    }

    #[test]
    fn a_source_published_after_the_day_is_no_longer_given() {
        let ds: Dataset = serde_json::from_value(serde_json::json!({
            "country": { "name": "Testland", "iso2": "TL", "iso3": "TLD", "short_name": "testland" },
            "sources": [
                { "id": "appeal", "title": "Urgent appeal", "date": "2025-01-15" },
                { "id": "co", "title": "Concluding observations", "date": "2026-11-20" },
                { "id": "undated", "title": "A web page" }
            ],
            "special_procedures": {
                "communications": [{ "reference": "UA TLD 3/2025", "kind": "UA",
                    "date": "2025-01-15", "mandates": ["a"], "summary": "s", "source": "co" }],
                "visits": [{ "mandate": "m", "status": "done", "date": "2024-03-01",
                    "report": "co", "sources": ["appeal", "co"] }]
            },
            "reprisals": [{ "id": "c", "kind": "reprisal", "who": "A", "date": "2024-10-28",
                "engagement": "e", "what": "w", "sources": ["appeal", "co", "undated"] }]
        }))
        .unwrap();
        let letter = date("2026-10-14");
        // The case had happened; the observations that also told of it had
        // not yet been published.
        let known = ds.known_on_for(&letter, &[Section::Reprisals]);
        assert!(matches!(known, Cow::Owned(_)));
        assert_eq!(known.reprisals[0].sources, ["appeal", "undated"]);
        let sp = &ds.known_on(&letter).special_procedures;
        assert_eq!(sp.visits[0].sources, ["appeal"]);
        assert_eq!(sp.visits[0].report, None);
        assert_eq!(sp.communications[0].source, None);
        // Every source stays listed, so anything still cited resolves; and
        // after the observations, nothing is left out.
        assert_eq!(ds.known_on(&letter).sources.len(), 3);
        assert!(matches!(ds.known_on(&date("2026-12-01")), Cow::Borrowed(_)));
    }

    #[test]
    fn a_review_whose_report_is_not_out_is_not_known() {
        let ds: Dataset = serde_json::from_value(serde_json::json!({
            "country": { "name": "Testland", "iso2": "TL", "iso3": "TLD", "short_name": "testland" },
            "sources": [
                { "id": "wg3", "title": "WG report", "date": "2019-12-20" },
                { "id": "add3", "title": "Addendum", "date": "2020-02-25" },
                { "id": "wg4", "title": "WG report", "date": "2025-10-20" }
            ],
            "upr": {
                "cycles": [
                    { "number": 3, "review_date": "2019-11-07", "report": "wg3", "addendum": "add3" },
                    { "number": 4, "review_date": "2025-05-07", "report": "wg4" }
                ],
                "recommendations": [
                    { "number": 1, "cycle": 3, "text": "Ratify.", "recommending_state": "A",
                      "response": "accepted" },
                    { "number": 2, "cycle": 3, "text": "Release.", "recommending_state": "B",
                      "response": "accepted", "response_source": "add3" },
                    { "number": 1, "cycle": 4, "text": "Ratify both.", "recommending_state": "C",
                      "response": "accepted" }
                ]
            }
        }))
        .unwrap();
        // Reviewed in May, reported in October: a letter of 13 October
        // knows the third cycle only.
        let letter = ds.known_on_for(&date("2025-10-13"), &[Section::Upr]);
        let cycles: Vec<u32> = letter.upr.cycles.iter().map(|c| c.number).collect();
        assert_eq!(cycles, [3]);
        assert_eq!(letter.upr.recommendations.len(), 2);
        // Between the report and its addendum, the responses given in the
        // addendum were not yet known: the recommendations were made, and
        // not yet answered.
        let early = ds.known_on_for(&date("2020-01-10"), &[Section::Upr]);
        let known: Vec<(&str, Response)> = early
            .upr
            .recommendations
            .iter()
            .map(|r| (r.text.as_str(), r.response))
            .collect();
        assert_eq!(
            known,
            [
                ("Ratify.", Response::Accepted),
                ("Release.", Response::Pending)
            ]
        );
        assert!(matches!(ds.known_on(&date("2025-10-20")), Cow::Borrowed(_)));
    }

    #[test]
    fn an_instrument_denounced_after_the_day_was_still_binding() {
        let ds: Dataset = serde_json::from_value(serde_json::json!({
            "country": { "name": "Testland", "iso2": "TL", "iso3": "TLD", "short_name": "testland" },
            "other_instruments": [{ "id": "rc", "title": "Regional Convention", "kind": "regional",
                "status": "party", "ratified": "1991-03-14", "denounced": "2013-09-10" }]
        }))
        .unwrap();
        let before = ds.known_on_for(&date("2012-10-01"), &[Section::Treaties]);
        assert!(before.other_instruments[0].bound());
        let after = ds.known_on(&date("2013-10-01"));
        assert!(matches!(after, Cow::Borrowed(_)));
        assert!(!after.other_instruments[0].bound());
    }

    #[test]
    fn pledges_submitted_after_the_day_are_not_yet_made() {
        let ds: Dataset = serde_json::from_value(serde_json::json!({
            "country": { "name": "Testland", "iso2": "TL", "iso3": "TLD", "short_name": "testland" },
            "candidacy": { "election": "2025-10-14", "term_start": 2026, "term_end": 2028,
                "pledge_document": { "date": "2025-06-03" },
                "pledges": [{ "id": "p", "level": "national", "text": "Adopt a law." }] }
        }))
        .unwrap();
        let before = ds.known_on_for(&date("2025-05-20"), &[Section::Candidacy]);
        let c = before.candidacy.as_ref().unwrap();
        assert!(!c.pledged(), "{c:?}");
        assert_eq!(c.election, date("2025-10-14"));
        // On the day and after, the pledges stand, and nothing is copied.
        let on = ds.known_on(&date("2025-06-03"));
        assert!(matches!(on, Cow::Borrowed(_)));
        assert_eq!(on.candidacy.as_ref().unwrap().pledges.len(), 1);
    }

    #[test]
    fn pledges_issued_as_a_un_document_after_the_day_lose_their_symbol() {
        let ds: Dataset = serde_json::from_value(serde_json::json!({
            "country": { "name": "Testland", "iso2": "TL", "iso3": "TLD", "short_name": "testland" },
            "candidacy": { "election": "2020-10-13", "term_start": 2021, "term_end": 2023,
                "pledge_document": { "kind": "note-verbale", "date": "2020-08-25",
                    "symbol": "A/75/312", "source": "a-75-312" },
                "pledges": [{ "id": "p", "level": "national", "text": "Adopt a law." }] },
            "sources": [{ "id": "a-75-312", "symbol": "A/75/312", "date": "2020-09-11" }]
        }))
        .unwrap();
        let before = ds.known_on_for(&date("2020-09-02"), &[Section::Candidacy]);
        let p = before
            .candidacy
            .as_ref()
            .unwrap()
            .pledge_document
            .clone()
            .unwrap();
        assert_eq!((p.symbol, p.source), (None, None));
        assert_eq!(before.candidacy.as_ref().unwrap().pledges.len(), 1);
        // Issued by the day: cited as it is, nothing copied.
        let on = ds.known_on_for(&date("2020-09-11"), &[Section::Candidacy]);
        assert!(matches!(on, Cow::Borrowed(_)));
    }

    #[test]
    fn a_case_told_of_only_later_is_not_known() {
        let ds: Dataset = serde_json::from_value(serde_json::json!({
            "country": { "name": "Testland", "iso2": "TL", "iso3": "TLD", "short_name": "testland" },
            "sources": [
                { "id": "old", "title": "Report", "date": "2026-06-01" },
                { "id": "appeal", "title": "Urgent appeal", "date": "2026-10-02" }
            ],
            "special_procedures": {
                "communications": [{ "reference": "UA TLD 3/2026", "kind": "UA",
                    "date": "2026-10-02", "mandates": ["a"], "summary": "s" }]
            },
            "reprisals": [
                { "id": "later", "kind": "reprisal", "who": "A", "date": "2026-08-30",
                  "engagement": "e", "what": "w", "communication": "UA TLD 3/2026",
                  "sources": ["appeal"] },
                { "id": "known", "kind": "reprisal", "who": "B", "date": "2026-05-01",
                  "engagement": "e", "what": "w", "communication": "UA TLD 3/2026",
                  "sources": ["old", "appeal"] },
                { "id": "unsourced", "kind": "reprisal", "who": "C", "date": "2026-05-01",
                  "engagement": "e", "what": "w", "sources": [] }
            ]
        }))
        .unwrap();
        let letter = date("2026-09-14");
        let known = ds.known_on_for(&letter, &[Section::Reprisals]);
        let ids: Vec<&str> = known.reprisals.iter().map(|c| c.id.as_str()).collect();
        // The case happened before the letter, but the only report of it
        // came after; the case known from an earlier report stays, without
        // the appeal sent after the letter.
        assert_eq!(ids, ["known", "unsourced"]);
        assert_eq!(known.reprisals[0].sources, ["old"]);
        assert_eq!(known.reprisals[0].communication, None);
        let after = ds.known_on(&date("2026-10-02"));
        assert_eq!(after.reprisals.len(), 3);
        assert_eq!(
            after.reprisals[1].communication.as_deref(),
            Some("UA TLD 3/2026")
        );
    }
}
