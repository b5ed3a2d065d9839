//! Fonts for the characters the embedded faces lack, found among the system's fonts the first time a document has one.
//!
//! The PDF is set in the embedded Liberation Serif; a character it has no
//! glyph for (Chinese, Arabic, Devanagari, a symbol) is looked for in the
//! fonts installed on the machine, found with `fontdb` (fontconfig's
//! folders) or, when `HRDRAFT_FONT_DIRS` is set, in those folders only.
//! Nothing here runs for a document Liberation Serif covers: the folders
//! are scanned when the first missing character is met, once per process.
//!
//! The faces are tried in a fixed order that depends only on the fonts
//! (upright before italic, regular weight first, serif before sans, then
//! by name and file), and a character goes to the first face that has it,
//! so which face sets it never depends on the order characters are met in:
//! the same document with the same fonts gives the same bytes. A face whose
//! licence forbids embedding or subsetting, or that has no outlines (colour
//! bitmap emoji), is never used.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Mutex, OnceLock};

use super::fonts::Metrics;

/// A system face chosen for characters the embedded faces lack; loaded
/// once per process and kept.
pub(crate) struct Fallback {
    /// The font file, read whole (not mapped, so that the file changing on
    /// disk cannot change what is being written).
    pub(crate) data: Vec<u8>,
    /// The face's index in the file (for a collection).
    pub(crate) index: u32,
    pub(crate) metrics: Metrics,
    /// Whether the outlines are CFF (embedded as OpenType) rather than
    /// TrueType.
    pub(crate) cff: bool,
    /// The PDF resource name and subset tag: six capitals from the face's
    /// place in the order, so fixed for a given set of fonts.
    pub(crate) tag: String,
}

/// One face the machine has, in the order they are tried.
struct Candidate {
    id: fontdb::ID,
    /// Ranges of code points the face has glyphs for; empty for a face that
    /// cannot be embedded. Read the first time the face is asked about.
    coverage: OnceLock<Vec<(u32, u32)>>,
    font: OnceLock<Option<Fallback>>,
}

struct System {
    db: fontdb::Database,
    faces: Vec<Candidate>,
}

static SYSTEM: OnceLock<System> = OnceLock::new();

/// The face found for each character asked about, `None` where none has it.
static CHOSEN: OnceLock<Mutex<HashMap<char, Option<u16>>>> = OnceLock::new();

/// The face (by place in the order) that sets `c`, loading it the first
/// time; `None` when no font on the machine can.
pub(crate) fn face_for(c: char) -> Option<u16> {
    let chosen = CHOSEN.get_or_init(Mutex::default);
    if let Ok(map) = chosen.lock() {
        if let Some(&found) = map.get(&c) {
            return found;
        }
    }
    let found = search(c);
    if let Ok(mut map) = chosen.lock() {
        map.insert(c, found);
    }
    found
}

/// The face at place `n`, once [`face_for`] has chosen it.
pub(crate) fn get(n: u16) -> Option<&'static Fallback> {
    SYSTEM
        .get()?
        .faces
        .get(usize::from(n))?
        .font
        .get()?
        .as_ref()
}

fn search(c: char) -> Option<u16> {
    let system = SYSTEM.get_or_init(scan);
    let cp = u32::from(c);
    for (n, face) in system.faces.iter().enumerate() {
        let n = u16::try_from(n).ok()?;
        let ranges = face.coverage.get_or_init(|| coverage(&system.db, face.id));
        let i = ranges.partition_point(|&(_, end)| end < cp);
        if ranges.get(i).is_none_or(|&(start, _)| start > cp) {
            continue;
        }
        let font = face.font.get_or_init(|| load(&system.db, face.id, n));
        if font.as_ref().is_some_and(|f| f.metrics.has(c)) {
            return Some(n);
        }
    }
    None
}

/// Every face in the folders, in the order they are tried.
fn scan() -> System {
    let mut db = fontdb::Database::new();
    match crate::env::font_dirs() {
        Ok(Some(dirs)) => {
            for dir in dirs {
                db.load_fonts_dir(dir);
            }
        }
        // A value `env::check` refuses before any command runs; the library
        // takes the system's fonts, as for every other setting.
        Ok(None) | Err(_) => db.load_system_fonts(),
    }
    let mut faces: Vec<(RankKey, fontdb::ID)> = db.faces().map(|f| (rank(f), f.id)).collect();
    faces.sort_by(|a, b| a.0.cmp(&b.0));
    faces.dedup_by(|a, b| a.0 == b.0);
    System {
        faces: faces
            .into_iter()
            .map(|(_, id)| Candidate {
                id,
                coverage: OnceLock::new(),
                font: OnceLock::new(),
            })
            .collect(),
        db,
    }
}

/// What orders the faces: upright, the weight nearest regular, serif before
/// sans before monospaced, the Simplified Chinese variant of a CJK family
/// before its other regional ones (for Chinese, a UN language; Japanese and
/// Korean text gets Chinese glyph forms where they differ), then names and
/// file, which make the order total.
type RankKey = (bool, u16, u8, bool, String, String, PathBuf, u32);

fn rank(f: &fontdb::FaceInfo) -> RankKey {
    let family = f
        .families
        .first()
        .map(|(n, _)| n.clone())
        .unwrap_or_default();
    let lower = family.to_lowercase();
    let kind = if f.monospaced || lower.contains("mono") {
        2
    } else if lower.contains("sans") {
        1
    } else {
        0
    };
    let path = match &f.source {
        fontdb::Source::File(p) | fontdb::Source::SharedFile(p, _) => p.clone(),
        fontdb::Source::Binary(_) => PathBuf::new(),
    };
    let regional = [" jp", " kr", " tc", " hk", " j", " k"]
        .iter()
        .any(|r| lower.ends_with(r));
    (
        f.style != fontdb::Style::Normal,
        f.weight.0.abs_diff(400),
        kind,
        regional,
        family,
        f.post_script_name.clone(),
        path,
        f.index,
    )
}

/// The faces's character ranges, or none when it cannot be embedded.
fn coverage(db: &fontdb::Database, id: fontdb::ID) -> Vec<(u32, u32)> {
    db.with_face_data(id, |data, index| {
        let Ok(face) = ttf_parser::Face::parse(data, index) else {
            return Vec::new();
        };
        if !embeddable(&face) {
            return Vec::new();
        }
        let mut points = Vec::new();
        if let Some(cmap) = face.tables().cmap {
            for sub in cmap.subtables.into_iter().filter(|s| s.is_unicode()) {
                sub.codepoints(|cp| {
                    if sub.glyph_index(cp).is_some_and(|g| g.0 != 0) {
                        points.push(cp);
                    }
                });
            }
        }
        points.sort_unstable();
        points.dedup();
        let mut ranges: Vec<(u32, u32)> = Vec::new();
        for cp in points {
            match ranges.last_mut() {
                Some((_, end)) if *end + 1 == cp => *end = cp,
                _ => ranges.push((cp, cp)),
            }
        }
        ranges
    })
    .unwrap_or_default()
}

/// Whether a face may be embedded as a subset, and has outlines the
/// subsetter and PDF take: TrueType or CFF (not CFF2, not bitmaps only).
fn embeddable(face: &ttf_parser::Face<'_>) -> bool {
    let tables = face.tables();
    let outlines = tables.glyf.is_some() || tables.cff.is_some();
    outlines
        && face.permissions() != Some(ttf_parser::Permissions::Restricted)
        && face.is_subsetting_allowed()
}

/// Read a chosen face whole and parse its metrics.
fn load(db: &fontdb::Database, id: fontdb::ID, n: u16) -> Option<Fallback> {
    let (source, index) = db.face_source(id)?;
    let data = match source {
        fontdb::Source::File(p) | fontdb::Source::SharedFile(p, _) => std::fs::read(p).ok()?,
        fontdb::Source::Binary(d) => (*d).as_ref().to_vec(),
    };
    let metrics = Metrics::parse(&data, index).ok()?;
    let cff = ttf_parser::Face::parse(&data, index)
        .ok()
        .is_some_and(|f| f.tables().cff.is_some());
    Some(Fallback {
        tag: tag(n),
        data,
        index,
        metrics,
        cff,
    })
}

/// Six capitals for place `n`: `HXAAAA`, `HXAAAB` … (the embedded faces'
/// are `HRDFT*`, which no place gives).
fn tag(n: u16) -> String {
    let mut n = u32::from(n);
    let mut letters = [b'A'; 4];
    for slot in letters.iter_mut().rev() {
        *slot = b'A' + (n % 26) as u8;
        n /= 26;
    }
    format!("HX{}", String::from_utf8_lossy(&letters))
}

#[cfg(test)]
mod tests {
    use super::tag;

    #[test]
    fn tags_are_six_capitals_and_distinct() {
        assert_eq!(tag(0), "HXAAAA");
        assert_eq!(tag(27), "HXAABB");
        let all: std::collections::HashSet<String> = (0..=u16::MAX).map(tag).collect();
        assert_eq!(all.len(), 65_536);
        assert!(all
            .iter()
            .all(|t| t.len() == 6 && t.bytes().all(|b| b.is_ascii_uppercase())));
    }
}
