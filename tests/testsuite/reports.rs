//! The Mid-term Implementation Assessment of the examples, read back as
//! Markdown: what the report says of the review it assesses and of each
//! stakeholder's response.

use std::path::Path;

use crate::support::{hrdraft, root};

/// The MIA's Markdown for `dataset`.
fn mia(dataset: &Path) -> String {
    let out = hrdraft()
        .env("NO_COLOR", "1")
        .args(["context", "-t", "mia-report", "--markdown"])
        .arg(dataset)
        .output()
        .expect("hrdraft runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).replace('\\', "")
}

/// A report on a later cycle says which review it assesses, with the
/// Working Group's report in a note; the model report (Kazakhstan, the
/// first cycle) has no such sentence, as seed 003 has none.
#[test]
fn a_later_cycles_report_says_which_review_it_assesses() {
    let ostravia = mia(&root().join("examples/ostravia"));
    assert!(
        ostravia.contains("This assessment covers the recommendations Ostravia received in the fourth cycle of the UPR, at its review of 8 November 2024.[^"),
        "{ostravia}"
    );
    assert!(ostravia.contains("(A/HRC/58/12)."), "{ostravia}");
    let kazakhstan = mia(&root().join("examples/kazakhstan"));
    assert!(
        !kazakhstan.contains("This assessment covers"),
        "{kazakhstan}"
    );
    // The introduction does not say "about two years after the review"
    // twice in a row.
    assert_eq!(
        ostravia.matches("two years after the review").count(),
        1,
        "{ostravia}"
    );
}

/// A stakeholder that gave a level and no comment is shown with its level,
/// not with a label followed by nothing.
#[test]
fn a_response_without_a_comment_says_its_level() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dataset = crate::support::example_copy("ostravia", tmp.path(), |file, mut text| {
        if file == "upr.toml" {
            text.push_str(
                "\n[[recommendations]]\nnumber = 8\ncycle = 4\nparagraph = \"112.90\"\n\
                 text = \"Adopt a national action plan on business and human rights\"\n\
                 recommending_state = \"Ghana\"\nresponse = \"accepted\"\n\
                 issues = [\"Business and human rights\"]\n\n\
                 [[recommendations.assessments]]\nstakeholder = \"RPC\"\nlevel = \"partially\"\n",
            );
        }
        text
    });
    let md = mia(&dataset);
    let at = md
        .find("Adopt a national action plan on business and human rights")
        .expect("the recommendation");
    let after = &md[at..];
    let label = after.find("RPC response:").expect("the label");
    assert!(
        after[label..].contains("Assessed as partially implemented, without comment."),
        "{after}"
    );
}

/// A later round's report is a follow-up assessment throughout: its index
/// and its list of uncommented recommendations do not call it "the MIA".
#[test]
fn a_follow_up_assessment_does_not_call_itself_the_mia() {
    let valdoria = mia(&root().join("examples/valdoria"));
    assert!(
        valdoria.contains("Follow-up Implementation Assessment"),
        "{valdoria}"
    );
    assert!(
        valdoria.contains("Hereby the issues which this follow-up assessment deals with:")
            && valdoria.contains(
                "Hereby the recommendations which this follow-up assessment does not address:"
            )
            && !valdoria.contains("which the MIA"),
        "{valdoria}"
    );
    let kazakhstan = mia(&root().join("examples/kazakhstan"));
    assert!(
        kazakhstan.contains("Hereby the issues which the MIA deals with:"),
        "{kazakhstan}"
    );
}
