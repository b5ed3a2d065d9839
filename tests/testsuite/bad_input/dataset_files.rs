//! What stands in a dataset directory under a dataset file's name but is not
//! a regular file inside it: each is an error naming the file and saying
//! what it is, never taken for an absent file, never waited on, and never
//! quoted (a link leaving the dataset is not read at all).
#![cfg(unix)]

use std::os::unix::fs::symlink;
use std::process::Command;

use super::{Sandbox, INVALID};

const NOT_VALID: &str = "ds is not a valid dataset";

/// `check ds` and `render ds -t mia-report` are both refused with `messages`,
/// and the dataset's own files are left as they were.
fn refused_everywhere(sb: &Sandbox, messages: &[&str]) {
    let before = dataset_files(sb);
    sb.refused(&["check", "ds"], &[], INVALID, messages);
    sb.render_refused("mia-report", &[], INVALID, messages);
    let mut with = messages.to_vec();
    with.push(NOT_VALID);
    sb.render_refused("open-letter", &[], INVALID, &with);
    assert_eq!(dataset_files(sb), before, "the dataset changed");
}

fn dataset_files(sb: &Sandbox) -> Vec<(String, Option<Vec<u8>>)> {
    let mut files: Vec<_> = std::fs::read_dir(sb.path("ds"))
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            let p = e.path();
            let bytes = if p.is_file() {
                std::fs::read(&p).ok()
            } else {
                None
            };
            (e.file_name().to_string_lossy().into_owned(), bytes)
        })
        .collect();
    files.sort();
    files
}

#[test]
fn a_named_pipe_is_refused_without_blocking() {
    let sb = Sandbox::new();
    std::fs::remove_file(sb.path("ds/upr.toml")).unwrap();
    let status = Command::new("mkfifo")
        .arg(sb.path("ds/upr.toml"))
        .status()
        .unwrap();
    assert!(status.success());
    refused_everywhere(
        &sb,
        &["upr.toml: the file is a named pipe (FIFO), not a regular file"],
    );
    // `sheet import` reads upr.toml too: refused, not hanging.
    sb.write("sheet.csv", "number,level,comment\n1,fully,Done.\n");
    sb.refused(
        &[
            "sheet",
            "import",
            "ds",
            "sheet.csv",
            "--stakeholder",
            "NGO1",
        ],
        &[],
        INVALID,
        &["upr.toml: the file is a named pipe (FIFO)"],
    );
}

#[test]
fn a_dangling_link_is_not_an_absent_file() {
    let sb = Sandbox::new();
    std::fs::remove_file(sb.path("ds/upr.toml")).unwrap();
    symlink("upr-2024.toml", sb.path("ds/upr.toml")).unwrap();
    refused_everywhere(
        &sb,
        &[
            "upr.toml: the file is a symbolic link to `upr-2024.toml`, which does not exist",
            "restore the file it points to, or remove the link",
        ],
    );
}

#[test]
fn a_link_that_loops_is_refused() {
    let sb = Sandbox::new();
    std::fs::remove_file(sb.path("ds/upr.toml")).unwrap();
    symlink("upr.toml", sb.path("ds/upr.toml")).unwrap();
    refused_everywhere(
        &sb,
        &["upr.toml: the file is a symbolic link to `upr.toml` that loops back on itself"],
    );
}

#[test]
fn a_directory_in_place_of_a_file_is_refused() {
    let sb = Sandbox::new();
    std::fs::remove_file(sb.path("ds/upr.toml")).unwrap();
    std::fs::create_dir(sb.path("ds/upr.toml")).unwrap();
    refused_everywhere(
        &sb,
        &["upr.toml: the file is a directory, not a regular file"],
    );
}

#[test]
fn a_link_leaving_the_dataset_is_neither_read_nor_quoted() {
    let sb = Sandbox::new();
    // A file outside the dataset whose first line would be quoted in a
    // syntax error if it were read.
    sb.write("secret", "root:$6$not-for-printing:19000:0:99999:7:::\n");
    std::fs::remove_file(sb.path("ds/sources.toml")).unwrap();
    symlink("../secret", sb.path("ds/sources.toml")).unwrap();
    refused_everywhere(
        &sb,
        &[
            "sources.toml: the file is a symbolic link to `../secret`, outside the dataset directory",
            "copy the file into the dataset instead of linking to it",
        ],
    );
    let run = sb.run(["check", "ds"], &[]);
    assert!(!run.stderr.contains("not-for-printing"), "{}", run.stderr);
    assert!(!run.stdout.contains("not-for-printing"), "{}", run.stdout);
    // A device outside the dataset is not read either.
    std::fs::remove_file(sb.path("ds/sources.toml")).unwrap();
    symlink("/dev/zero", sb.path("ds/sources.toml")).unwrap();
    refused_everywhere(
        &sb,
        &["sources.toml: the file is a symbolic link to `/dev/zero`, outside the dataset directory"],
    );
}

#[test]
fn a_link_to_a_file_inside_the_dataset_is_read() {
    let sb = Sandbox::new();
    std::fs::rename(sb.path("ds/upr.toml"), sb.path("ds/upr-current.txt")).unwrap();
    symlink("upr-current.txt", sb.path("ds/upr.toml")).unwrap();
    let run = sb.run(["check", "ds"], &[]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(run.stdout.contains("recommendations"), "{}", run.stdout);
    assert!(!run.stdout.contains("0 recommendations"), "{}", run.stdout);
}
