//! Plugins that fail in every way the host knows, given with `render --plugin`.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use super::templates::template;
use super::{Sandbox, PLUGIN};

use crate::support::profile_dir;

/// A template that runs plugin `name`.
fn template_using(sb: &Sandbox, name: &str) {
    template(
        sb,
        &format!("plugins = [\"{name}\"]"),
        "Dear Minister,\n",
        &[],
    );
}

fn refused_with_plugin(sb: &Sandbox, plugin: &Path, env: &[(&str, &str)], messages: &[&str]) {
    let plugin = plugin.to_str().unwrap();
    sb.render_refused_env(
        "case",
        &["--templates", "tpl", "--plugin", plugin],
        env,
        PLUGIN,
        messages,
    );
}

/// Write an executable command plugin: `describe` prints `describe`
/// (a shell fragment), `run` runs `run`.
#[cfg(unix)]
fn command_plugin(sb: &Sandbox, name: &str, describe: &str, run: &str) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let rel = format!("plugins/hrdraft-plugin-{name}");
    sb.write(
        &rel,
        format!("#!/bin/sh\ncase \"$1\" in\n  describe) {describe} ;;\n  run) {run} ;;\nesac\n"),
    );
    let path = sb.path(&rel);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path
}

#[cfg(unix)]
fn describe_as(name: &str) -> String {
    format!(
        "echo '{{\"name\":\"{name}\",\"version\":\"1.0.0\",\"description\":\"A test plugin\",\"sections\":[]}}'"
    )
}

/// A test plugin library, built once (as tests/testsuite/plugin_dylib.rs builds them).
fn library(package: &str) -> PathBuf {
    static BUILT: OnceLock<Result<(), String>> = OnceLock::new();
    let built = BUILT.get_or_init(|| {
        let profile = profile_dir();
        let mut cmd = Command::new(env!("CARGO"));
        cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
            .args(["build", "--offline", "--target-dir"])
            .arg(profile.parent().unwrap());
        if profile.file_name().is_some_and(|n| n == "release") {
            cmd.arg("--release");
        }
        for p in [
            "hrdraft-test-plugin-faulty",
            "hrdraft-test-plugin-old-abi",
            "hrdraft-test-plugin-not-a-plugin",
            "hrdraft-test-plugin-bad-json",
        ] {
            cmd.args(["-p", p]);
        }
        let out = cmd.output().map_err(|e| e.to_string())?;
        if out.status.success() {
            Ok(())
        } else {
            Err(String::from_utf8_lossy(&out.stderr).into_owned())
        }
    });
    if let Err(e) = built {
        panic!("building the test plugins failed:\n{e}");
    }
    profile_dir().join(format!(
        "{}{}{}",
        std::env::consts::DLL_PREFIX,
        package.replace('-', "_"),
        std::env::consts::DLL_SUFFIX
    ))
}

#[test]
fn a_plugin_path_that_does_not_exist_is_refused() {
    let sb = Sandbox::new();
    template_using(&sb, "iri");
    refused_with_plugin(
        &sb,
        Path::new("no/such/plugin.so"),
        &[],
        &["plugin file no/such/plugin.so does not exist; check the path given with --plugin"],
    );
}

#[test]
fn a_library_of_another_abi_is_refused() {
    let sb = Sandbox::new();
    template_using(&sb, "iri");
    refused_with_plugin(
        &sb,
        &library("hrdraft-test-plugin-old-abi"),
        &[],
        &[
            "was built for plugin ABI version 999",
            "rebuild the plugin against hrdraft-sdk",
        ],
    );
}

#[test]
fn a_library_that_is_not_a_plugin_is_refused() {
    let sb = Sandbox::new();
    template_using(&sb, "iri");
    refused_with_plugin(
        &sb,
        &library("hrdraft-test-plugin-not-a-plugin"),
        &[],
        &["is not an hrdraft plugin library", "export_plugin!"],
    );
}

#[test]
fn a_library_answering_bad_json_is_refused() {
    let sb = Sandbox::new();
    template_using(&sb, "bad-json");
    refused_with_plugin(
        &sb,
        &library("hrdraft-test-plugin-bad-json"),
        &[],
        &["plugin `bad-json`", "answered with invalid JSON"],
    );
}

#[test]
fn a_library_that_panics_is_reported_and_the_host_survives() {
    let sb = Sandbox::new();
    sb.edit("country.toml", "name = \"Arcadia\"", "name = \"Panicland\"");
    template_using(&sb, "faulty");
    refused_with_plugin(
        &sb,
        &library("hrdraft-test-plugin-faulty"),
        &[],
        &[
            "panicked: the faulty plugin panics on Panicland",
            "this is a bug in the plugin",
        ],
    );
}

/// The faulty library run on a country named `country`.
fn faulty_on(country: &str, env: &[(&str, &str)], messages: &[&str]) {
    let sb = Sandbox::new();
    sb.edit(
        "country.toml",
        "name = \"Arcadia\"",
        &format!("name = \"{country}\""),
    );
    template_using(&sb, "faulty");
    let lib = library("hrdraft-test-plugin-faulty");
    let mut all = vec!["plugin `faulty`", lib.to_str().unwrap()];
    all.extend_from_slice(messages);
    refused_with_plugin(&sb, &lib, env, &all);
}

#[test]
fn a_library_that_exits_ends_only_its_host_process() {
    faulty_on("Exitland", &[], &["exit status 7"]);
}

#[cfg(unix)]
#[test]
fn a_library_that_aborts_ends_only_its_host_process() {
    faulty_on("Abortland", &[], &["SIGABRT"]);
}

#[test]
fn a_library_that_hangs_is_stopped_at_the_time_limit() {
    let started = std::time::Instant::now();
    faulty_on(
        "Sleepland",
        &[("HRDRAFT_PLUGIN_TIMEOUT", "1")],
        &["did not answer within 1 s and was stopped"],
    );
    assert!(started.elapsed().as_secs() < 20, "the limit was not kept");
}

#[test]
fn a_library_that_prints_on_standard_output_leaves_the_answer_whole() {
    let sb = Sandbox::new();
    sb.edit("country.toml", "name = \"Arcadia\"", "name = \"Chatland\"");
    let lib = library("hrdraft-test-plugin-faulty");
    let run = sb.run(
        [
            "plugins",
            "run",
            "faulty",
            "ds",
            "--plugin",
            lib.to_str().unwrap(),
            "-v",
        ],
        &[],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let answer: serde_json::Value = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("stdout is not the answer ({e}):\n{}", run.stdout));
    assert_eq!(answer, serde_json::json!({ "country": "Chatland" }));
    assert!(
        run.stderr
            .contains("the faulty plugin chats on standard output"),
        "-v shows what it printed:\n{}",
        run.stderr
    );
}

#[cfg(unix)]
#[test]
fn a_command_describing_itself_in_bad_json_is_refused() {
    let sb = Sandbox::new();
    template_using(&sb, "garbled");
    let p = command_plugin(&sb, "garbled", "echo '{not json'", "true");
    refused_with_plugin(&sb, &p, &[], &["answered with invalid JSON", "{not json"]);
}

#[cfg(unix)]
#[test]
fn a_command_answering_bad_json_is_refused() {
    let sb = Sandbox::new();
    template_using(&sb, "garbled");
    let p = command_plugin(
        &sb,
        "garbled",
        &describe_as("garbled"),
        "echo 'Traceback (most recent call last)'",
    );
    refused_with_plugin(
        &sb,
        &p,
        &[],
        &[
            "plugin `garbled`",
            "answered with invalid JSON",
            "Traceback",
        ],
    );
}

#[cfg(unix)]
#[test]
fn a_command_that_hangs_is_stopped_at_the_time_limit() {
    let sb = Sandbox::new();
    template_using(&sb, "sleepy");
    let p = command_plugin(&sb, "sleepy", &describe_as("sleepy"), "exec sleep 30");
    let started = std::time::Instant::now();
    refused_with_plugin(
        &sb,
        &p,
        &[("HRDRAFT_PLUGIN_TIMEOUT", "1")],
        &[
            "plugin `sleepy`",
            "did not answer within 1 s and was stopped",
            "HRDRAFT_PLUGIN_TIMEOUT",
        ],
    );
    assert!(started.elapsed().as_secs() < 20, "the limit was not kept");
}

#[cfg(unix)]
#[test]
fn a_command_that_floods_its_output_is_stopped_at_the_output_limit() {
    let sb = Sandbox::new();
    template_using(&sb, "flood");
    let p = command_plugin(
        &sb,
        "flood",
        &describe_as("flood"),
        "exec yes '[1,2,3,4,5,6,7,8]'",
    );
    refused_with_plugin(&sb, &p, &[], &["plugin `flood`", "64 MiB"]);
}

#[cfg(unix)]
#[test]
fn a_command_that_fails_shows_its_stderr() {
    let sb = Sandbox::new();
    template_using(&sb, "grumpy");
    let p = command_plugin(
        &sb,
        "grumpy",
        &describe_as("grumpy"),
        "echo 'no data for me' >&2; exit 7",
    );
    refused_with_plugin(
        &sb,
        &p,
        &[],
        &["exited with exit status 7", "no data for me"],
    );
}

#[cfg(unix)]
#[test]
fn a_command_with_a_bad_name_is_refused() {
    let sb = Sandbox::new();
    template_using(&sb, "iri");
    let p = command_plugin(&sb, "shouty", &describe_as("SHOUTY NAME"), "true");
    refused_with_plugin(&sb, &p, &[], &["describes itself wrongly"]);
}

#[cfg(unix)]
#[test]
fn two_plugins_of_one_name_are_refused() {
    let sb = Sandbox::new();
    template_using(&sb, "iri");
    let p = command_plugin(&sb, "iri", &describe_as("iri"), "echo '{}'");
    refused_with_plugin(&sb, &p, &[], &["iri", "built-in"]);
}

/// Whether process `pid` has ended (gone, or a zombie no one reaped).
#[cfg(unix)]
fn ended(pid: &str) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Err(_) => true,
        Ok(stat) => stat
            .rsplit_once(')')
            .is_some_and(|(_, rest)| rest.trim_start().starts_with(['Z', 'X'])),
    }
}

/// Wait a moment for `pid` to end.
#[cfg(unix)]
fn ends_soon(pid: &str) -> bool {
    (0..50).any(|_| {
        if ended(pid) {
            return true;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
        false
    })
}

#[cfg(unix)]
#[test]
fn a_command_whose_child_keeps_its_output_open_is_stopped_at_the_limit() {
    let sb = Sandbox::new();
    template_using(&sb, "lingering");
    // The plugin answers and exits, but a process it started holds standard
    // output for a minute.
    let p = command_plugin(
        &sb,
        "lingering",
        &describe_as("lingering"),
        "sleep 60 & echo $! > lingering.pid; echo '{}'",
    );
    let started = std::time::Instant::now();
    refused_with_plugin(
        &sb,
        &p,
        &[("HRDRAFT_PLUGIN_TIMEOUT", "1")],
        &[
            "plugin `lingering`",
            "did not answer within 1 s and was stopped",
        ],
    );
    assert!(
        started.elapsed().as_secs() < 10,
        "the limit was not kept: {:?}",
        started.elapsed()
    );
    // The whole process group was killed, the child with it.
    let pid = sb.read("lingering.pid");
    if std::path::Path::new("/proc/self").exists() {
        assert!(ends_soon(pid.trim()), "the plugin's child {pid} still runs");
    }
}

#[cfg(unix)]
#[test]
fn a_command_that_hangs_is_stopped_with_every_process_it_started() {
    let sb = Sandbox::new();
    template_using(&sb, "hanging");
    let p = command_plugin(
        &sb,
        "hanging",
        &describe_as("hanging"),
        "sleep 60 & echo $! > hanging.pid; sleep 60",
    );
    refused_with_plugin(
        &sb,
        &p,
        &[("HRDRAFT_PLUGIN_TIMEOUT", "1")],
        &[
            "plugin `hanging`",
            "did not answer within 1 s and was stopped",
        ],
    );
    let pid = sb.read("hanging.pid");
    if std::path::Path::new("/proc/self").exists() {
        assert!(ends_soon(pid.trim()), "the plugin's child {pid} still runs");
    }
}

#[cfg(unix)]
#[test]
fn a_commands_stderr_reaches_the_terminal_with_its_control_characters_escaped() {
    let sb = Sandbox::new();
    template_using(&sb, "noisy");
    // A terminal title (OSC), a colour, a screen clear and a bell.
    let p = command_plugin(
        &sb,
        "noisy",
        &describe_as("noisy"),
        "printf '\\033]0;pwned\\007\\033[31mred\\033[2J\\r\\nsecond line\\n' >&2; exit 3",
    );
    refused_with_plugin(
        &sb,
        &p,
        &[],
        &[
            "exited with exit status 3",
            "\\u{1b}]0;pwned\\u{7}\\u{1b}[31mred\\u{1b}[2J",
            "| second line",
        ],
    );
    let run = sb.run(
        [
            "render",
            "ds",
            "-t",
            "case",
            "--templates",
            "tpl",
            "--plugin",
            p.to_str().unwrap(),
            "-o",
            "out",
        ],
        &[],
    );
    assert!(!run.stderr.contains('\u{1b}'), "{}", run.stderr);
    assert!(!run.stderr.contains('\u{7}'), "{}", run.stderr);
}

/// `render` with a plugin that takes a second, stopped by `signal` while
/// the plugin runs: the run ends with `code`, writes nothing, and says so.
#[cfg(unix)]
fn stopped_while_drafting(signal: &str, code: i32, said: &str) {
    let sb = Sandbox::new();
    template_using(&sb, "slow");
    let p = command_plugin(&sb, "slow", &describe_as("slow"), "sleep 1; echo '{}'");
    let before = sb.outputs();
    let child = sb
        .command(
            [
                "render",
                "ds",
                "-t",
                "case",
                "--templates",
                "tpl",
                "--plugin",
                p.to_str().unwrap(),
                "-f",
                "docx",
                "-f",
                "pdf",
                "-f",
                "html",
                "-o",
                "out",
            ],
            &[],
        )
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(400));
    let status = Command::new("kill")
        .args([&format!("-{signal}"), &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(code), "SIG{signal}: {stderr}");
    assert!(stderr.contains(said), "SIG{signal}: {stderr}");
    assert!(
        stderr.contains("interrupted: nothing was written"),
        "SIG{signal}: {stderr}"
    );
    assert_eq!(sb.outputs(), before, "SIG{signal}: out/ changed");
}

#[cfg(unix)]
#[test]
fn sigterm_and_sighup_are_handled_as_ctrl_c() {
    stopped_while_drafting("TERM", 143, "terminated (SIGTERM)");
    stopped_while_drafting("HUP", 129, "hung up (SIGHUP)");
    stopped_while_drafting(
        "INT",
        130,
        "interrupted: finishing the documents being written",
    );
}

#[cfg(unix)]
#[test]
fn plugins_in_the_current_folder_run_only_when_asked_for() {
    use std::os::unix::fs::PermissionsExt;
    let sb = Sandbox::new();
    // A downloaded folder with a plugin in it that leaves a mark when run.
    sb.write(
        "plugins.d/hrdraft-plugin-sneaky",
        format!(
            "#!/bin/sh\ntouch \"$(dirname \"$0\")/../ran\"\ncase \"$1\" in\n  describe) {} ;;\n  run) echo '{{}}' ;;\nesac\n",
            describe_as("sneaky")
        ),
    );
    std::fs::set_permissions(
        sb.path("plugins.d/hrdraft-plugin-sneaky"),
        std::fs::Permissions::from_mode(0o755),
    )
    .unwrap();
    for args in [
        &["plugins"][..],
        &[
            "render",
            "ds",
            "-t",
            "open-letter",
            "-f",
            "html",
            "-o",
            "fresh",
        ],
        &["context", "ds", "-t", "open-letter"],
        &["draft", "ds", "-f", "html", "-o", "fresh"],
    ] {
        let run = sb.run(args, &[]);
        assert_eq!(run.code, Some(0), "{args:?}: {}", run.stderr);
        assert!(!sb.path("ran").exists(), "{args:?} ran ./plugins.d");
        assert!(!run.stdout.contains("sneaky"), "{args:?}: {}", run.stdout);
        assert!(
            run.stderr.contains(
                "note: the plugins in ./plugins.d were not loaded: plugins run as programs with \
                 your rights, so hrdraft loads those of the current folder only with --local-plugins"
            ),
            "{args:?}: {}",
            run.stderr
        );
    }
    // Asked for, it is loaded, and the list says where it comes from.
    let run = sb.run(["plugins", "--local-plugins"], &[]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(sb.path("ran").exists());
    let line = run
        .stdout
        .lines()
        .find(|l| l.starts_with("sneaky"))
        .unwrap_or_else(|| panic!("{}", run.stdout));
    assert!(line.contains("plugins.d/hrdraft-plugin-sneaky"), "{line}");
    assert!(!run.stderr.contains("were not loaded"), "{}", run.stderr);
}
