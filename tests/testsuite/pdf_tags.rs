//! The tagged PDF, read back with lopdf: the structure tree from the root
//! down, every marked-content id in the pages found once in the tree and
//! in the parent tree, headings, table headers, notes, and every URL and
//! e-mail address on a page covered by a link annotation.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::process::Command;

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};

use crate::support::{root, run};

fn render(template: &str, out: &Path) -> PathBuf {
    let dataset = root().join("examples/kazakhstan");
    let o = run(&[
        "render",
        dataset.to_str().unwrap(),
        "-t",
        template,
        "-f",
        "pdf",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    out.join(format!("kazakhstan/{template}.pdf"))
}

fn dict<'a>(doc: &'a Document, o: &'a Object) -> &'a Dictionary {
    match o {
        Object::Reference(id) => doc.get_dictionary(*id).unwrap(),
        Object::Dictionary(d) => d,
        other => panic!("not a dictionary: {other:?}"),
    }
}

fn name(d: &Dictionary, key: &[u8]) -> String {
    String::from_utf8_lossy(d.get(key).unwrap().as_name().unwrap()).into_owned()
}

/// What the walk of the structure tree found.
#[derive(Default)]
struct Tree {
    /// Roles in the order met, depth first.
    roles: Vec<String>,
    /// Each (page, mcid) with the element that holds it, as often as met.
    content: HashMap<(ObjectId, i64), Vec<ObjectId>>,
    /// Annotations referenced by OBJR, with their element.
    annots: HashMap<ObjectId, ObjectId>,
    notes: Vec<String>,
    /// TH elements, and how many of them have a Scope.
    th: usize,
    th_scoped: usize,
    figures_with_alt: usize,
}

fn walk(doc: &Document, id: ObjectId, parent: ObjectId, tree: &mut Tree) {
    let e = doc.get_dictionary(id).unwrap();
    assert_eq!(e.get(b"P").unwrap().as_reference().unwrap(), parent);
    let role = name(e, b"S");
    match role.as_str() {
        "Note" => tree
            .notes
            .push(String::from_utf8_lossy(e.get(b"ID").unwrap().as_str().unwrap()).into_owned()),
        "TH" => {
            tree.th += 1;
            let scoped = e
                .get(b"A")
                .ok()
                .and_then(|a| a.as_array().ok())
                .is_some_and(|a| {
                    a.iter().any(|a| {
                        dict(doc, a)
                            .get(b"Scope")
                            .is_ok_and(|s| s.as_name().is_ok())
                    })
                });
            tree.th_scoped += usize::from(scoped);
        }
        "Figure" if e.get(b"Alt").is_ok() => tree.figures_with_alt += 1,
        _ => {}
    }
    tree.roles.push(role);
    let kids = match e.get(b"K") {
        Ok(Object::Array(a)) => a.clone(),
        Ok(k) => vec![k.clone()],
        Err(_) => Vec::new(),
    };
    for kid in kids {
        match kid {
            Object::Reference(k) => walk(doc, k, id, tree),
            Object::Integer(mcid) => {
                let page = e.get(b"Pg").unwrap().as_reference().unwrap();
                tree.content.entry((page, mcid)).or_default().push(id);
            }
            Object::Dictionary(d) => match name(&d, b"Type").as_str() {
                "MCR" => {
                    let page = d.get(b"Pg").unwrap().as_reference().unwrap();
                    let mcid = d.get(b"MCID").unwrap().as_i64().unwrap();
                    tree.content.entry((page, mcid)).or_default().push(id);
                }
                "OBJR" => {
                    let annot = d.get(b"Obj").unwrap().as_reference().unwrap();
                    tree.annots.insert(annot, id);
                }
                other => panic!("unexpected kid {other}"),
            },
            other => panic!("unexpected kid {other:?}"),
        }
    }
}

/// The outline's entries, depth first.
fn outline(doc: &Document) -> Vec<String> {
    fn items(doc: &Document, first: Option<ObjectId>, out: &mut Vec<String>) {
        let mut at = first;
        while let Some(id) = at {
            let d = doc.get_dictionary(id).unwrap();
            let title = d.get(b"Title").unwrap().as_str().unwrap();
            out.push(String::from_utf8_lossy(title).into_owned());
            items(
                doc,
                d.get(b"First").and_then(Object::as_reference).ok(),
                out,
            );
            at = d.get(b"Next").and_then(Object::as_reference).ok();
        }
    }
    let mut out = Vec::new();
    if let Ok(o) = doc.catalog().unwrap().get(b"Outlines") {
        items(
            doc,
            dict(doc, o)
                .get(b"First")
                .and_then(Object::as_reference)
                .ok(),
            &mut out,
        );
    }
    out
}

/// Walk `pdf`'s structure tree and check it against the pages; returns the tree.
fn check_tagged(pdf: &Path) -> (Document, Tree) {
    let doc = Document::load(pdf).unwrap();
    let cat = doc.catalog().unwrap();
    let mark = dict(&doc, cat.get(b"MarkInfo").unwrap());
    assert!(mark.get(b"Marked").unwrap().as_bool().unwrap());
    let prefs = dict(&doc, cat.get(b"ViewerPreferences").unwrap());
    assert!(prefs.get(b"DisplayDocTitle").unwrap().as_bool().unwrap());
    assert!(cat.get(b"Lang").is_ok());

    let root_id = cat.get(b"StructTreeRoot").unwrap().as_reference().unwrap();
    let root = doc.get_dictionary(root_id).unwrap();
    let document = root.get(b"K").unwrap().as_reference().unwrap();
    let mut tree = Tree::default();
    walk(&doc, document, root_id, &mut tree);
    assert_eq!(tree.roles[0], "Document");
    assert!(tree.roles.len() > 10, "{:?}", tree.roles);

    // The parent tree: key -> array of elements (a page) or one element (a link).
    let nums = dict(&doc, root.get(b"ParentTree").unwrap())
        .get(b"Nums")
        .unwrap()
        .as_array()
        .unwrap()
        .clone();
    let mut parents: BTreeMap<i64, Object> = BTreeMap::new();
    for pair in nums.chunks(2) {
        let value = match &pair[1] {
            Object::Reference(id) => doc.get_object(*id).unwrap().clone(),
            o => o.clone(),
        };
        // A link's entry is the element itself: keep its reference.
        let value = if matches!(value, Object::Dictionary(_)) {
            pair[1].clone()
        } else {
            value
        };
        parents.insert(pair[0].as_i64().unwrap(), value);
    }

    let mut seen = 0;
    for (_, page) in doc.get_pages() {
        let p = doc.get_dictionary(page).unwrap();
        assert_eq!(p.get(b"Tabs").unwrap().as_name().unwrap(), b"S");
        let key = p.get(b"StructParents").unwrap().as_i64().unwrap();
        let array = parents[&key].as_array().unwrap();
        let content = Content::decode(&doc.get_page_content(page).unwrap()).unwrap();
        let mut depth = 0i32;
        for op in &content.operations {
            match op.operator.as_str() {
                "BDC" => {
                    depth += 1;
                    let props = op.operands[1].as_dict().unwrap();
                    let mcid = props.get(b"MCID").unwrap().as_i64().unwrap();
                    let holders = tree.content.get(&(page, mcid)).unwrap_or_else(|| {
                        panic!("MCID {mcid} of page {page:?} is not in the structure tree")
                    });
                    assert_eq!(
                        holders.len(),
                        1,
                        "MCID {mcid} is held {} times",
                        holders.len()
                    );
                    let listed = array[mcid as usize].as_reference().unwrap();
                    assert_eq!(
                        listed, holders[0],
                        "the parent tree disagrees on MCID {mcid}"
                    );
                    seen += 1;
                }
                "BMC" => {
                    depth += 1;
                    assert_eq!(op.operands[0].as_name().unwrap(), b"Artifact");
                }
                "EMC" => depth -= 1,
                "BT" | "ET" => assert_eq!(depth, 0, "a text object crosses marked content"),
                "Tj" | "TJ" | "S" | "B" => assert_eq!(depth, 1, "unmarked content"),
                _ => {}
            }
        }
        assert_eq!(depth, 0);

        // Every link annotation belongs to a Link element, through the parent tree too.
        for annot in doc.get_page_annotations(page).unwrap() {
            let id = doc
                .get_dictionary(page)
                .unwrap()
                .get(b"Annots")
                .unwrap()
                .as_array()
                .unwrap()
                .iter()
                .map(|a| a.as_reference().unwrap())
                .find(|&a| std::ptr::eq(doc.get_dictionary(a).unwrap(), annot))
                .unwrap();
            let element = tree.annots[&id];
            let key = annot.get(b"StructParent").unwrap().as_i64().unwrap();
            assert_eq!(parents[&key].as_reference().unwrap(), element);
            let link = doc.get_dictionary(element).unwrap();
            assert_eq!(name(link, b"S"), "Link");
        }
    }
    assert_eq!(
        seen,
        tree.content.len(),
        "elements point at content no page has"
    );
    (doc, tree)
}

fn count(tree: &Tree, role: &str) -> usize {
    tree.roles.iter().filter(|r| *r == role).count()
}

fn pdfinfo_says_tagged(pdf: &Path) {
    match Command::new("pdfinfo").arg(pdf).output() {
        Ok(o) => {
            let info = String::from_utf8_lossy(&o.stdout);
            assert!(info.contains("Tagged:          yes"), "{info}");
        }
        Err(_) => eprintln!("pdfinfo is not installed: the Tagged line is not checked"),
    }
}

/// URLs and e-mail addresses as poppler's `pdftotext -bbox` places them,
/// by page: each word's centre in PDF space.
fn addresses(pdf: &Path) -> Option<Vec<Vec<(String, f64, f64)>>> {
    let o = Command::new("pdftotext")
        .arg("-bbox")
        .arg(pdf)
        .arg("-")
        .output()
        .ok()?;
    let html = String::from_utf8_lossy(&o.stdout).into_owned();
    let page = scraper::Selector::parse("page").unwrap();
    let word = scraper::Selector::parse("word").unwrap();
    let parsed = scraper::Html::parse_document(&html);
    let mut pages = Vec::new();
    for p in parsed.select(&page) {
        let height: f64 = p.value().attr("height").unwrap().parse().unwrap();
        let mut found = Vec::new();
        for w in p.select(&word) {
            let text: String = w.text().collect();
            if !(text.contains("://") || (text.contains('@') && text.contains('.'))) {
                continue;
            }
            let at = |k: &str| -> f64 { w.value().attr(k).unwrap().parse().unwrap() };
            let x = (at("xmin") + at("xmax")) / 2.0;
            let y = height - (at("ymin") + at("ymax")) / 2.0;
            found.push((text, x, y));
        }
        pages.push(found);
    }
    Some(pages)
}

fn every_address_is_a_link(doc: &Document, pdf: &Path) -> usize {
    let Some(pages) = addresses(pdf) else {
        eprintln!("pdftotext is not installed: link positions are not checked");
        return 0;
    };
    let mut checked = 0;
    for ((_, page), words) in doc.get_pages().into_iter().zip(pages) {
        let rects: Vec<Vec<f64>> = doc
            .get_page_annotations(page)
            .unwrap()
            .iter()
            .map(|a| {
                a.get(b"Rect")
                    .unwrap()
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|v| v.as_float().map(f64::from).unwrap())
                    .collect()
            })
            .collect();
        for (text, x, y) in words {
            let inside = rects
                .iter()
                .any(|r| r[0] <= x && x <= r[2] && r[1] <= y && y <= r[3]);
            assert!(
                inside,
                "{text} on page {page:?} at ({x:.1}, {y:.1}) is not a link"
            );
            checked += 1;
        }
    }
    checked
}

#[test]
fn mia_structure_tree() {
    let tmp = tempfile::tempdir().unwrap();
    let pdf = render("mia-report", tmp.path());
    let (doc, tree) = check_tagged(&pdf);
    pdfinfo_says_tagged(&pdf);
    // One heading element per outline entry, and the title.
    let headings: usize = ["H1", "H2", "H3"].iter().map(|h| count(&tree, h)).sum();
    assert_eq!(headings, outline(&doc).len() + 1);
    assert!(outline(&doc).len() > 20);
    assert!(count(&tree, "Table") >= 1);
    assert!(count(&tree, "TD") > 100);
    assert!(tree.th > 0 && tree.th == tree.th_scoped);
    assert!(count(&tree, "Link") >= 3);
    assert_eq!(tree.notes.len(), count(&tree, "Note"));
    assert!(every_address_is_a_link(&doc, &pdf) >= 3);
}

#[test]
fn open_letter_structure_tree() {
    let tmp = tempfile::tempdir().unwrap();
    let pdf = render("open-letter", tmp.path());
    let (_, tree) = check_tagged(&pdf);
    pdfinfo_says_tagged(&pdf);
    // Each footnote one Note, numbered as printed, each referenced.
    assert!(!tree.notes.is_empty());
    let expected: Vec<String> = (1..=tree.notes.len())
        .map(|n| format!("note-{n}"))
        .collect();
    assert_eq!(tree.notes, expected);
    assert!(count(&tree, "Reference") >= tree.notes.len());
    assert!(count(&tree, "P") > 5);
}

#[test]
fn question_set_addresses_are_links() {
    let tmp = tempfile::tempdir().unwrap();
    let pdf = render("pledging-questions", tmp.path());
    let (doc, tree) = check_tagged(&pdf);
    assert!(count(&tree, "L") >= 1 && count(&tree, "LI") >= 1 && count(&tree, "Lbl") >= 1);
    assert!(every_address_is_a_link(&doc, &pdf) >= 1);
}

#[test]
fn charts_are_figures_with_alt_text() {
    let tmp = tempfile::tempdir().unwrap();
    let dataset = root().join("examples/valdoria");
    let o = run(&[
        "render",
        dataset.to_str().unwrap(),
        "-t",
        "mia-report",
        "-f",
        "pdf",
        "-o",
        tmp.path().to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let (_, tree) = check_tagged(&tmp.path().join("valdoria/mia-report.pdf"));
    // Valdoria's report has one chart: one Figure (its bars and labels
    // together, though drawn in two passes), with its Alt.
    assert_eq!(count(&tree, "Figure"), 1);
    assert_eq!(tree.figures_with_alt, 1);
}
