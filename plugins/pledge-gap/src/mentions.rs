//! Finding the core instruments a recommendation or pledge names.
//!
//! Names are matched longest first and a matched stretch of text is used
//! up, so "Optional Protocol to the Convention against Torture" names the
//! OP-CAT and not also the Convention. Abbreviations must stand as whole
//! tokens ("OP-CAT" does not name the CAT).

use aho_corasick::{AhoCorasick, AhoCorasickKind};
use hrdraft_sdk::TreatyId;

/// Other names the instruments go by, besides their titles and codes.
fn aliases(t: TreatyId) -> &'static [&'static str] {
    match t {
        TreatyId::Icerd => &["convention on the elimination of all forms of racial discrimination"],
        TreatyId::Icescr => &["covenant on economic, social and cultural rights"],
        TreatyId::OpIcescr => &["optional protocol to the icescr", "op-icescr"],
        TreatyId::Iccpr => &["covenant on civil and political rights"],
        TreatyId::IccprOp1 => &[
            "first optional protocol to the international covenant on civil and political rights",
            "first optional protocol to the iccpr",
            "optional protocol to the iccpr",
            "op1-iccpr",
        ],
        TreatyId::IccprOp2 => &[
            "second optional protocol to the international covenant on civil and political rights",
            "second optional protocol to the iccpr",
            "second optional protocol",
            "op2-iccpr",
            "iccpr-op2",
        ],
        TreatyId::Cedaw => &[],
        TreatyId::OpCedaw => &[
            "optional protocol to cedaw",
            "optional protocol to the cedaw",
        ],
        TreatyId::Cat => &["convention against torture"],
        TreatyId::OpCat => &[
            "optional protocol to the convention against torture",
            "optional protocol to the cat",
            "opcat",
        ],
        TreatyId::Crc => &[],
        TreatyId::OpCrcAc => &[
            "optional protocol on the involvement of children in armed conflict",
            "opac",
        ],
        TreatyId::OpCrcSc => &["optional protocol on the sale of children", "opsc"],
        TreatyId::OpCrcIc => &["optional protocol on a communications procedure", "opic"],
        TreatyId::Icrmw => &[
            "convention on the protection of the rights of all migrant workers",
            "migrant workers convention",
        ],
        TreatyId::Crpd => &[],
        TreatyId::OpCrpd => &["optional protocol to the crpd", "op-crpd"],
        TreatyId::Ced => &[
            "convention for the protection of all persons from enforced disappearance",
            "convention on enforced disappearance",
            "icpped",
        ],
    }
}

/// Every (name, instrument), longest name first, and an automaton that
/// finds them all; built once per process.
fn names() -> &'static Names {
    static NAMES: std::sync::OnceLock<Names> = std::sync::OnceLock::new();
    NAMES.get_or_init(Names::build)
}

struct Names {
    /// Longest first; a match's pattern index is its place here.
    list: Vec<(String, TreatyId)>,
    finder: AhoCorasick,
}

impl Names {
    fn build() -> Names {
        let mut list: Vec<(String, TreatyId)> = Vec::new();
        for t in TreatyId::ALL {
            list.push((t.title().to_lowercase(), t));
            list.push((t.code().to_lowercase(), t));
            list.extend(aliases(t).iter().map(|a| ((*a).to_owned(), t)));
        }
        list.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
        list.dedup_by(|a, b| a.0 == b.0);
        // A contiguous NFA: built in microseconds for these few names, where
        // a DFA's build would cost more than all the searches of a dataset.
        let finder = AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build(list.iter().map(|(name, _)| name.as_str()))
            .expect("the instruments' names make an automaton");
        Names { list, finder }
    }
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-'
}

/// The instruments a text names, in `TreatyId::ALL` order.
pub fn instruments_named(text: &str) -> Vec<TreatyId> {
    // Lower-case and single spaces, so line breaks inside a title still match.
    let text = text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    let names = names();
    // Every occurrence of every name, overlapping ones too, taken longest
    // name first and left to right: a stretch of text used by a longer
    // name is not read again for a shorter one.
    let mut hits: Vec<(usize, usize)> = names
        .finder
        .find_overlapping_iter(&text)
        .map(|m| (m.pattern().as_usize(), m.start()))
        .collect();
    if hits.is_empty() {
        return Vec::new();
    }
    hits.sort_unstable();
    let bytes = text.as_bytes();
    let mut used = vec![false; bytes.len()];
    let mut found: Vec<TreatyId> = Vec::new();
    // Where each named instrument ends, for "… and its Optional Protocol".
    let mut ends: Vec<(usize, TreatyId)> = Vec::new();
    for (pattern, start) in hits {
        let (name, treaty) = &names.list[pattern];
        let end = start + name.len();
        let bounded = (start == 0 || !is_word_byte(bytes[start - 1]))
            && (end == bytes.len() || !is_word_byte(bytes[end]));
        if bounded && !used[start..end].iter().any(|u| *u) {
            used[start..end].iter_mut().for_each(|u| *u = true);
            ends.push((end, *treaty));
            if !found.contains(treaty) {
                found.push(*treaty);
            }
        }
    }
    for t in protocols_named_by_its(&text, &ends) {
        if !found.contains(&t) {
            found.push(t);
        }
    }
    TreatyId::ALL
        .into_iter()
        .filter(|t| found.contains(t))
        .collect()
}

/// The optional protocols a text names as "its Optional Protocol(s)" (or
/// "its Second Optional Protocol") after naming their instrument: "Ratify
/// the Convention against Torture and its Optional Protocol" names the
/// OP-CAT. `ends` holds where each named instrument ends in `text`.
fn protocols_named_by_its(text: &str, ends: &[(usize, TreatyId)]) -> Vec<TreatyId> {
    use TreatyId::*;
    let mut out = Vec::new();
    for (at, _) in text.match_indices("its ") {
        let rest = &text[at + 4..];
        let (which, plural) = if rest.starts_with("optional protocols") {
            ("", true)
        } else if rest.starts_with("optional protocol") {
            ("", false)
        } else if rest.starts_with("first optional protocol") {
            ("first", false)
        } else if rest.starts_with("second optional protocol") {
            ("second", false)
        } else {
            continue;
        };
        // The instrument named last before "its".
        let Some((_, parent)) = ends
            .iter()
            .filter(|(end, _)| *end <= at)
            .max_by_key(|(end, _)| *end)
        else {
            continue;
        };
        let protocols: &[TreatyId] = match (parent, which, plural) {
            (Iccpr, "second", _) => &[IccprOp2],
            (Iccpr, "first", _) | (Iccpr, "", false) => &[IccprOp1],
            (Iccpr, "", true) => &[IccprOp1, IccprOp2],
            (Crc, "", true) => &[OpCrcAc, OpCrcSc, OpCrcIc],
            (Cat, "", _) => &[OpCat],
            (Cedaw, "", _) => &[OpCedaw],
            (Crpd, "", _) => &[OpCrpd],
            (Icescr, "", _) => &[OpIcescr],
            // The Convention on the Rights of the Child has three: "its
            // Optional Protocol" does not say which.
            _ => &[],
        };
        out.extend_from_slice(protocols);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn optional_protocols_do_not_name_their_parent() {
        assert_eq!(
            instruments_named(
                "Ratify the Optional Protocol to the Convention against Torture (OP-CAT)"
            ),
            [TreatyId::OpCat]
        );
        assert_eq!(
            instruments_named(
                "Consider ratifying the Second Optional Protocol to the ICCPR and CED"
            ),
            [TreatyId::IccprOp2, TreatyId::Ced]
        );
        assert_eq!(
            instruments_named("Ratify the Convention against Torture and\nthe Convention on the Rights of Persons with Disabilities"),
            [TreatyId::Cat, TreatyId::Crpd]
        );
    }

    #[test]
    fn its_optional_protocol_is_named_through_its_instrument() {
        assert_eq!(
            instruments_named("Ratify the Convention against Torture and its Optional Protocol"),
            [TreatyId::Cat, TreatyId::OpCat]
        );
        assert_eq!(
            instruments_named("Accede to the ICCPR and its Optional Protocols"),
            [TreatyId::Iccpr, TreatyId::IccprOp1, TreatyId::IccprOp2]
        );
        assert_eq!(
            instruments_named("Ratify the ICCPR and its Second Optional Protocol"),
            [TreatyId::Iccpr, TreatyId::IccprOp2]
        );
        assert_eq!(
            instruments_named("Implement the CRC and its Optional Protocol"),
            [TreatyId::Crc]
        );
        assert_eq!(
            instruments_named("Strengthen its institutions and ratify the CAT"),
            [TreatyId::Cat]
        );
    }

    #[test]
    fn abbreviations_must_be_whole_tokens() {
        assert!(instruments_named("Educate about catering and concatenation").is_empty());
        assert_eq!(instruments_named("Accede to the ICRMW."), [TreatyId::Icrmw]);
    }
}
