//! What a template requires of a dataset (`requires` in template.toml), and
//! how to tell a drafter what is lacking.
//!
//! `draft` skips a dataset that lacks a section a template requires, `render`
//! refuses it and `check --for` reports it, all with these words.

use hrdraft_sdk::{Dataset, Section};

use super::Template;

impl Template {
    /// The sections this template requires that `dataset` lacks, in the
    /// manifest's order.
    pub fn lacking(&self, dataset: &Dataset) -> Vec<Section> {
        self.manifest
            .requires
            .iter()
            .copied()
            .filter(|s| !has_section(dataset, *s))
            .collect()
    }
}

/// Whether a dataset has what a template requiring `section` needs of it:
/// the file, and for a list the file is made of, at least one entry.
pub fn has_section(dataset: &Dataset, section: Section) -> bool {
    match section {
        Section::Candidacy => dataset.candidacy.is_some(),
        Section::Questions => dataset
            .pledging_event
            .as_ref()
            .is_some_and(|e| e.questions.iter().any(|q| !q.answered)),
        Section::Upr => !dataset.upr.recommendations.is_empty(),
        Section::Treaties => !dataset.treaties.is_empty(),
        Section::Sources => !dataset.sources.is_empty(),
        Section::Reprisals | Section::Country | Section::SpecialProcedures | Section::Documents => {
            true
        }
    }
}

/// What a section's file must hold for a template that requires it, for
/// messages: "the candidacy and its pledges".
pub fn what_it_holds(section: Section) -> &'static str {
    match section {
        Section::Candidacy => "the candidacy and its pledges",
        Section::Questions => "the pledging event and its questions",
        Section::Upr => "the UPR review and at least one recommendation",
        Section::Treaties => "the status of at least one treaty",
        Section::Sources => "at least one source",
        Section::Country => "the country and its addressees",
        Section::SpecialProcedures => "the Special Procedures' visits and communications",
        Section::Reprisals => "the reprisal cases",
        Section::Documents => "the drafting organisation and the documents' facts",
    }
}

/// Why `dataset` lacks a section, in a few words: "no questions.toml",
/// "no questions in questions.toml", "no recommendations in upr.toml".
pub fn why_lacking(section: Section, dataset: &Dataset) -> String {
    let file = section.file_name();
    match section {
        Section::Questions => match &dataset.pledging_event {
            Some(e) if !e.questions.is_empty() => {
                format!("every question in {file} was answered at the event")
            }
            Some(_) => format!("no questions in {file}"),
            None => format!("no {file}"),
        },
        Section::Upr => format!("no recommendations in {file}"),
        Section::Treaties => format!("no instruments in {file}"),
        Section::Sources => format!("no sources in {file}"),
        _ => format!("no {file}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::TemplateSet;

    #[test]
    fn the_built_in_templates_require_their_data() {
        let set = TemplateSet::builtin().unwrap();
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/valdoria");
        let mut dataset = crate::dataset::load(&dir).unwrap().dataset;
        for t in set.iter() {
            assert_eq!(t.lacking(&dataset), [], "{}", t.manifest.name);
        }
        dataset.candidacy = None;
        dataset.pledging_event = None;
        dataset.upr.recommendations.clear();
        let lacking = |name: &str| set.get(name).unwrap().lacking(&dataset);
        assert_eq!(lacking("open-letter"), [Section::Candidacy]);
        assert_eq!(lacking("pledging-questions"), [Section::Questions]);
        assert_eq!(lacking("mia-report"), [Section::Upr]);
        assert_eq!(
            why_lacking(Section::Questions, &dataset),
            "no questions.toml"
        );
        assert_eq!(
            why_lacking(Section::Upr, &dataset),
            "no recommendations in upr.toml"
        );
        assert_eq!(
            what_it_holds(Section::Candidacy),
            "the candidacy and its pledges"
        );
    }

    #[test]
    fn a_question_set_without_questions_has_nothing_to_send() {
        let set = TemplateSet::builtin().unwrap();
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/valdoria");
        let mut dataset = crate::dataset::load(&dir).unwrap().dataset;
        if let Some(event) = dataset.pledging_event.as_mut() {
            event.questions.clear();
        }
        let template = set.get("pledging-questions").unwrap();
        assert_eq!(template.lacking(&dataset), [Section::Questions]);
        assert_eq!(
            why_lacking(Section::Questions, &dataset),
            "no questions in questions.toml"
        );
    }

    #[test]
    fn a_tag_with_a_region_takes_the_wording_of_its_language() {
        let set = TemplateSet::builtin().unwrap();
        let manifest = &set.get("open-letter").unwrap().manifest;
        assert_eq!(manifest.language_for("en"), Some("en"));
        assert_eq!(manifest.language_for("en-US"), Some("en"));
        assert_eq!(manifest.language_for("EN-gb"), Some("en"));
        assert_eq!(manifest.language_for("ru-RU"), Some("ru"));
        assert_eq!(manifest.language_for("fr"), None);
        assert_eq!(manifest.language_for("english"), None);
    }
}
