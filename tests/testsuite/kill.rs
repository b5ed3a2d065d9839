//! Nothing lost: a batch `hrdraft draft` killed at random moments never
//! leaves a truncated or empty document at a final path, and every file
//! rendered before survives byte for byte unless replaced whole.
//!
//! Five copies of the Valdoria example (different short names) are drafted
//! once with one `SOURCE_DATE_EPOCH` (the "old" files, whose timestamps
//! differ) and once, into a reference directory, with another (the "new"
//! files). Then the old files are put back and the batch is run again and
//! killed with SIGKILL at 20 moments spread over its running time; after
//! each kill every final file must be exactly its old or its new bytes.
//! Five more runs are stopped with SIGINT (Ctrl-C), three with SIGTERM and
//! three with SIGHUP: then each document's DOCX and PDF must be both old or
//! both new, no temporary file may remain, and the run ends with 0 or 128 +
//! the signal's number. The test takes a few seconds per run of the batch.
#![cfg(unix)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

const OLD_EPOCH: &str = "1000000000";
const NEW_EPOCH: &str = "1700000000";
const COPIES: &[&str] = &[
    "valdoria-a",
    "valdoria-b",
    "valdoria-c",
    "valdoria-d",
    "valdoria-e",
];

fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                out.insert(
                    p.strip_prefix(root).unwrap().to_owned(),
                    std::fs::read(&p).unwrap(),
                );
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

fn is_temporary(p: &Path) -> bool {
    p.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with(".hrdraft-") && n.ends_with(".tmp"))
}

fn draft(work: &Path, datasets: &[PathBuf], out: &Path, epoch: &str) -> Command {
    let mut cmd = crate::support::hrdraft();
    cmd.current_dir(work)
        .arg("draft")
        .args(datasets)
        .args(["-f", "docx", "-f", "pdf", "-j", "2", "-o"])
        .arg(out)
        .env("SOURCE_DATE_EPOCH", epoch)
        .env("HOME", work)
        .env("XDG_CONFIG_HOME", work)
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    cmd
}

fn put_back(out: &Path, old: &BTreeMap<PathBuf, Vec<u8>>) {
    let _ = std::fs::remove_dir_all(out);
    for (rel, bytes) in old {
        let p = out.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }
}

/// A small deterministic generator: the moments are the same on every run.
struct Lcg(u64);

impl Lcg {
    fn next_fraction(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

#[test]
#[ignore = "slow: .ci/run runs it; cargo test --test testsuite slow_ -- --ignored"]
fn slow_a_killed_batch_leaves_every_file_old_or_new_and_whole() {
    let tmp = tempfile::tempdir().unwrap();
    let work = tmp.path();
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/valdoria");
    let mut datasets = Vec::new();
    for short in COPIES {
        let dir = work.join(short);
        std::fs::create_dir_all(&dir).unwrap();
        for e in std::fs::read_dir(&example).unwrap() {
            let e = e.unwrap();
            std::fs::copy(e.path(), dir.join(e.file_name())).unwrap();
        }
        let country = std::fs::read_to_string(dir.join("country.toml")).unwrap();
        assert!(country.contains("short_name = \"valdoria\""));
        std::fs::write(
            dir.join("country.toml"),
            country.replace(
                "short_name = \"valdoria\"",
                &format!("short_name = \"{short}\""),
            ),
        )
        .unwrap();
        datasets.push(dir);
    }

    // The old files, and the new ones in a reference directory.
    let out = work.join("out");
    let status = draft(work, &datasets, &out, OLD_EPOCH).status().unwrap();
    assert!(status.success());
    let old = files(&out);
    let started = Instant::now();
    let reference = work.join("reference");
    let status = draft(work, &datasets, &reference, NEW_EPOCH)
        .status()
        .unwrap();
    let full = started.elapsed();
    assert!(status.success());
    let new = files(&reference);
    assert_eq!(old.len(), COPIES.len() * 3 * 2, "{:?}", old.keys());
    assert_eq!(
        old.keys().collect::<Vec<_>>(),
        new.keys().collect::<Vec<_>>()
    );
    for (rel, bytes) in &old {
        assert_ne!(
            bytes,
            &new[rel],
            "{}: old and new renders are alike",
            rel.display()
        );
        assert!(!bytes.is_empty());
    }

    let check = |label: &str, pairs: bool| -> usize {
        let now = files(&out);
        let mut temporaries = 0;
        for (rel, bytes) in &now {
            if is_temporary(rel) {
                temporaries += 1;
                continue;
            }
            let (Some(o), Some(n)) = (old.get(rel), new.get(rel)) else {
                panic!("{label}: unexpected file {}", rel.display());
            };
            assert!(
                bytes == o || bytes == n,
                "{label}: {} is neither the old nor the new file ({} bytes; old {}, new {})",
                rel.display(),
                bytes.len(),
                o.len(),
                n.len()
            );
        }
        for rel in old.keys() {
            assert!(now.contains_key(rel), "{label}: {} was lost", rel.display());
        }
        if pairs {
            // After Ctrl-C, each document's formats are all old or all new.
            for rel in old
                .keys()
                .filter(|r| r.extension().is_some_and(|e| e == "docx"))
            {
                let pdf = rel.with_extension("pdf");
                let docx_new = now[rel] == new[rel];
                let pdf_new = now[&pdf] == new[&pdf];
                assert_eq!(
                    docx_new,
                    pdf_new,
                    "{label}: {} and its PDF differ in age",
                    rel.display()
                );
            }
        }
        temporaries
    };

    let mut rng = Lcg(0x5eed);
    let mut left_over = 0;
    let mut replaced_some = false;
    for round in 0..20 {
        put_back(&out, &old);
        let at = full.mul_f64(rng.next_fraction() * 1.1);
        let mut child = draft(work, &datasets, &out, NEW_EPOCH).spawn().unwrap();
        std::thread::sleep(at);
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        left_over += check(&format!("SIGKILL round {round} at {at:?}"), false);
        replaced_some |= files(&out).iter().any(|(r, b)| new.get(r) == Some(b));
    }
    assert!(
        replaced_some,
        "no kill came late enough for a file to be replaced"
    );

    // SIGTERM (timeout, docker stop, systemd) and SIGHUP (a closed terminal)
    // are handled as Ctrl-C, each ending with 128 + its number.
    let signals = [("INT", 130); 5]
        .into_iter()
        .chain([("TERM", 143); 3])
        .chain([("HUP", 129); 3]);
    for (round, (signal, code)) in signals.enumerate() {
        put_back(&out, &old);
        let at = full.mul_f64(0.1 + 0.8 * rng.next_fraction());
        let mut child = draft(work, &datasets, &out, NEW_EPOCH).spawn().unwrap();
        std::thread::sleep(at);
        let _ = Command::new("kill")
            .args([&format!("-{signal}"), &child.id().to_string()])
            .status();
        let status = child.wait().unwrap();
        assert!(
            status.code() == Some(0) || status.code() == Some(code),
            "SIG{signal} round {round}: {status} (expected 0 or {code})"
        );
        let temporaries = check(&format!("SIG{signal} round {round} at {at:?}"), true);
        assert_eq!(
            temporaries, 0,
            "SIG{signal} round {round}: temporary files were left"
        );
    }

    // Temporaries of killed runs are removed by the next run, which
    // completes the batch.
    put_back(&out, &old);
    for (i, short) in COPIES.iter().enumerate().take(2) {
        let stray = out.join(short).join(format!(".hrdraft-4194305-{i}.tmp"));
        std::fs::write(stray, b"half a file").unwrap();
    }
    let status = draft(work, &datasets, &out, NEW_EPOCH).status().unwrap();
    assert!(status.success());
    let end = files(&out);
    if Path::new("/proc/self").exists() {
        assert!(end.keys().all(|r| !is_temporary(r)), "{:?}", end.keys());
    }
    let end: BTreeMap<_, _> = end.into_iter().filter(|(r, _)| !is_temporary(r)).collect();
    assert_eq!(end, new);
    eprintln!(
        "kill test: full batch {full:?}; {left_over} temporary files left by SIGKILL over 20 rounds"
    );
}
