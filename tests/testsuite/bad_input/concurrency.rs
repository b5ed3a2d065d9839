//! Commands that rewrite a dataset at the same time: each waits for the
//! other, so nothing either imported is lost.
#![cfg(unix)]

use std::process::Stdio;

use super::Sandbox;

#[test]
fn four_imports_at_once_keep_all_four_stakeholders() {
    for trial in 0..3 {
        let sb = Sandbox::new();
        let names = ["NEW1", "NEW2", "NEW3", "NEW4"];
        for n in names {
            sb.write(
                &format!("{n}.csv"),
                format!(
                    "Number,Implementation level,Comment\n1,fully implemented,Assessed by {n}.\n"
                ),
            );
        }
        let children: Vec<_> = names
            .iter()
            .map(|n| {
                sb.command(
                    [
                        "sheet",
                        "import",
                        "ds",
                        &format!("{n}.csv"),
                        "--stakeholder",
                        n,
                        "--name",
                        &format!("Organisation {n}"),
                        "--kind",
                        "ngo",
                    ],
                    &[],
                )
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
            })
            .collect();
        for child in children {
            let out = child.wait_with_output().unwrap();
            assert!(
                out.status.success(),
                "trial {trial}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        let upr = sb.read("ds/upr.toml");
        for n in names {
            assert!(
                upr.contains(&format!("abbreviation = \"{n}\"")),
                "trial {trial}: stakeholder {n} was lost:\n{upr}"
            );
            assert!(
                upr.contains(&format!("Assessed by {n}.")),
                "trial {trial}: {n}'s assessment was lost:\n{upr}"
            );
        }
        let run = sb.run(["check", "ds"], &[]);
        assert_eq!(run.code, Some(0), "{}", run.stderr);
    }
}

#[test]
fn an_import_waits_for_a_dataset_another_writer_holds_then_stops_with_a_message() {
    use std::os::fd::AsRawFd;
    let sb = Sandbox::new();
    let before = sb.read("ds/upr.toml");
    sb.write(
        "NEW1.csv",
        "Number,Implementation level,Comment\n1,fully implemented,Done.\n",
    );
    // Another writer holds the dataset.
    let dir = std::fs::File::open(sb.path("ds")).unwrap();
    // SAFETY: flock(2) on a descriptor this test owns.
    assert_eq!(
        unsafe { libc::flock(dir.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) },
        0
    );
    let args = [
        "sheet",
        "import",
        "ds",
        "NEW1.csv",
        "--stakeholder",
        "NEW1",
        "--name",
        "New",
        "--kind",
        "ngo",
    ];
    let started = std::time::Instant::now();
    sb.refused(
        &args,
        &[("HRDRAFT_LOCK_TIMEOUT", "1")],
        4,
        &[
            "waiting for another hrdraft writing ds to finish",
            "another hrdraft is writing the dataset ds and did not finish within 1 s",
            "nothing was read or written",
        ],
    );
    assert!(started.elapsed().as_millis() >= 1_000);
    assert_eq!(sb.read("ds/upr.toml"), before);
    assert!(!sb.path("ds/upr.toml.bak").exists());
    // Once it lets go, the import goes through.
    drop(dir);
    let run = sb.run(args, &[]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(sb.read("ds/upr.toml").contains("abbreviation = \"NEW1\""));
    // A wait that is not a number of seconds is refused.
    sb.refused(
        &args,
        &[("HRDRAFT_LOCK_TIMEOUT", "soon")],
        super::USAGE,
        &["HRDRAFT_LOCK_TIMEOUT=soon: not a whole number of seconds"],
    );
}
