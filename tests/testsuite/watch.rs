//! `hrdraft render --watch`: a change re-renders, a broken file prints its error and the watch goes on.

use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

const WAIT: Duration = Duration::from_secs(20);

/// The child is killed however the test ends.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
    }
}

/// Poll until `done` holds, or fail after [`WAIT`] showing what the watcher said.
fn wait_for(what: &str, log: &Path, mut done: impl FnMut() -> bool) {
    let start = Instant::now();
    while !done() {
        if start.elapsed() > WAIT {
            panic!(
                "waited {WAIT:?} for {what}; the watcher wrote:\n{}",
                std::fs::read_to_string(log).unwrap_or_default()
            );
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}

#[test]
fn render_watch_follows_edits_and_survives_a_broken_file() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let dataset = dir.join("ds");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/valdoria"),
        &dataset,
    );
    let stderr_path = dir.join("stderr.txt");
    let stdout_path = dir.join("stdout.txt");
    let child = crate::support::hrdraft()
        .current_dir(dir)
        .args([
            "render",
            "ds",
            "-t",
            "open-letter",
            "-f",
            "md",
            "-o",
            "out",
            "--watch",
        ])
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&stdout_path).unwrap())
        .stderr(std::fs::File::create(&stderr_path).unwrap())
        .spawn()
        .unwrap();
    let mut child = Running(child);
    let output: PathBuf = dir.join("out/valdoria/open-letter.md");

    // The first render.
    wait_for("the first render", &stderr_path, || {
        read(&output).contains("Marisol Ortañez Vell")
    });
    wait_for("the watch to start", &stderr_path, || {
        read(&stderr_path).contains("watching for changes")
    });

    // An edit is rendered.
    let country = dataset.join("country.toml");
    let original = read(&country);
    std::fs::write(
        &country,
        original.replace("Marisol Ortañez Vell", "Marisol Nueva Vell"),
    )
    .unwrap();
    wait_for("the edit to be rendered", &stderr_path, || {
        read(&output).contains("Marisol Nueva Vell")
    });
    assert!(read(&stdout_path).contains("out/valdoria/open-letter.md"));

    // A broken file prints its error, leaves the last good file, and the watch goes on.
    std::fs::write(&country, original.replace("iso2 = \"XV\"", "iso2 = XV")).unwrap();
    wait_for("the error to be printed", &stderr_path, || {
        read(&stderr_path).contains("ds/country.toml:17:8]")
    });
    let log = read(&stderr_path);
    assert!(log.contains("error: "), "{log}");
    assert!(log.contains("17 | iso2 = XV"), "{log}");
    assert!(log.contains("the last good files are unchanged"), "{log}");
    assert!(
        child.0.try_wait().unwrap().is_none(),
        "the watcher exited:\n{log}"
    );
    assert!(read(&output).contains("Marisol Nueva Vell"));

    // Mended, it renders again.
    std::fs::write(&country, &original).unwrap();
    wait_for("the mended file to be rendered", &stderr_path, || {
        read(&output).contains("Marisol Ortañez Vell")
    });
    assert!(child.0.try_wait().unwrap().is_none());
}
