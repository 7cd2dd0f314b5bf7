//! End-to-end tests of `hexlint check` (exit codes, --fail-on, --exit-zero, -o, config,
//! suppressions, formats, colour) and `hexlint init`, on projects written to temp dirs.

use assert_cmd::Command;
use std::path::Path;

/// A project with no deps and a stale suppression (an `unused-suppression` warning on line 9).
const STALE: &str = r#"defmodule Tiny.MixProject do
  use Mix.Project

  def project do
    [
      app: :tiny,
      version: "0.1.0",
      description: "Tiny",
      # hexlint: ignore[reserved-file] nothing to suppress here
      package: [licenses: ["MIT"]]
    ]
  end
end
"#;

const CLEAN: &str = r#"defmodule Tiny.MixProject do
  use Mix.Project

  def project do
    [app: :tiny, version: "0.1.0", description: "Tiny", package: [licenses: ["MIT"]]]
  end
end
"#;

fn project(mix: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("mix.exs"), mix).unwrap();
    std::fs::create_dir(dir.path().join("lib")).unwrap();
    std::fs::write(dir.path().join("lib/tiny.ex"), "defmodule Tiny do\nend\n").unwrap();
    dir
}

/// `hexlint` run in `dir`, with the environment variables that change output removed.
fn hexlint(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("hexlint").unwrap();
    cmd.current_dir(dir);
    for var in [
        "GITHUB_ACTIONS",
        "NO_COLOR",
        "CLICOLOR",
        "CLICOLOR_FORCE",
        "FORCE_COLOR",
        "MIX_ENV",
    ] {
        cmd.env_remove(var);
    }
    cmd
}

fn stdout(cmd: &mut Command) -> (i32, String, String) {
    let out = cmd.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Only the rule this file controls (plus `reserved-file`, which never fires on these fixtures and
/// makes the stale `reserved-file` suppression count), so other rules landing does not change
/// the tests.
const ONLY_UNUSED: [&str; 2] = ["--select", "unused-suppression,reserved-file"];

#[test]
fn clean_project_exits_0() {
    let dir = project(CLEAN);
    let (code, out, _) = stdout(hexlint(dir.path()).arg("check").args(ONLY_UNUSED));
    assert_eq!(code, 0, "{out}");
    assert_eq!(out, "No problems found in 1 package.\n");
}

#[test]
fn warnings_fail_only_at_fail_on_warning() {
    let dir = project(STALE);
    let (code, out, _) = stdout(
        hexlint(dir.path())
            .args(["check", "--format", "concise"])
            .args(ONLY_UNUSED),
    );
    assert_eq!(code, 0, "{out}");
    assert_eq!(
        out,
        "mix.exs:9:25: warning[unused-suppression] unused suppression: no `reserved-file` finding on line 10\nFound 1 warning in 1 package.\n"
    );
    let (code, _, _) = stdout(
        hexlint(dir.path())
            .args(["check", "--fail-on", "warning"])
            .args(ONLY_UNUSED),
    );
    assert_eq!(code, 1);
    let (code, _, _) = stdout(
        hexlint(dir.path())
            .args(["check", "--fail-on", "warning", "--exit-zero"])
            .args(ONLY_UNUSED),
    );
    assert_eq!(code, 0);
    let (code, _, _) = stdout(
        hexlint(dir.path())
            .args(["check", "--fail-on", "info"])
            .args(ONLY_UNUSED),
    );
    assert_eq!(code, 1);
}

#[test]
fn config_fail_on_and_severity_apply_and_cli_wins() {
    let dir = project(STALE);
    std::fs::write(dir.path().join(".hexlint.toml"), "fail-on = \"warning\"\n").unwrap();
    let (code, _, _) = stdout(hexlint(dir.path()).arg("check").args(ONLY_UNUSED));
    assert_eq!(code, 1);
    let (code, _, _) = stdout(
        hexlint(dir.path())
            .args(["check", "--fail-on", "error"])
            .args(ONLY_UNUSED),
    );
    assert_eq!(code, 0);

    std::fs::write(
        dir.path().join(".hexlint.toml"),
        "[severity]\nunused-suppression = \"error\"\n",
    )
    .unwrap();
    let (code, out, _) = stdout(
        hexlint(dir.path())
            .args(["check", "--format", "concise"])
            .args(ONLY_UNUSED),
    );
    assert_eq!(code, 1);
    assert!(
        out.starts_with("mix.exs:9:25: error[unused-suppression]"),
        "{out}"
    );
}

#[test]
fn config_ignore_and_cli_select_override() {
    let dir = project(STALE);
    std::fs::write(
        dir.path().join(".hexlint.toml"),
        "ignore = [\"unused-suppression\"]\nfail-on = \"warning\"\n",
    )
    .unwrap();
    // The file's ignore turns the rule off…
    let (code, out, _) = stdout(hexlint(dir.path()).args([
        "check",
        "--ignore",
        "missing-docs-tool",
        "--format",
        "concise",
    ]));
    assert!(!out.contains("unused-suppression"), "{out}");
    let _ = code;
    // …and --select on the command line turns it back on.
    let (code, out, _) = stdout(hexlint(dir.path()).arg("check").args(ONLY_UNUSED));
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("unused-suppression"));
}

#[test]
fn config_error_exits_2_with_position_even_with_exit_zero() {
    let dir = project(CLEAN);
    std::fs::write(
        dir.path().join(".hexlint.toml"),
        "select = [\"all\"]\nfail_on = \"warning\"\n",
    )
    .unwrap();
    let (code, out, _) =
        stdout(hexlint(dir.path()).args(["check", "--exit-zero", "--format", "concise"]));
    assert_eq!(code, 2);
    assert!(
        out.starts_with(".hexlint.toml:2:1: error[config-error] unknown key `fail_on`\n"),
        "{out}"
    );
    let (code, out, _) = stdout(hexlint(dir.path()).arg("check"));
    assert_eq!(code, 2);
    assert!(out.contains("did you mean `fail-on`?"), "{out}");
}

#[test]
fn unknown_rule_on_the_command_line_is_a_usage_error() {
    let dir = project(CLEAN);
    let (code, out, err) =
        stdout(hexlint(dir.path()).args(["check", "--ignore", "unused-supression"]));
    assert_eq!(code, 2);
    assert_eq!(out, "");
    assert!(
        err.contains("unknown rule `unused-supression` in --ignore"),
        "{err}"
    );
    assert!(err.contains("did you mean `unused-suppression`?"), "{err}");
}

#[test]
fn unreadable_project_exits_2() {
    let dir = project("defmodule X do\n  def project do\n    [app: :x\n  end\nend\n");
    let (code, out, _) = stdout(hexlint(dir.path()).args(["check", "--exit-zero"]));
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("could not be read"), "{out}");
    let missing = tempfile::tempdir().unwrap();
    let (code, _, _) = stdout(hexlint(missing.path()).arg("check"));
    assert_eq!(code, 2);
}

#[test]
fn output_file_gets_the_report_without_colour() {
    let dir = project(STALE);
    let report = dir.path().join("report.json");
    let (code, out, _) = stdout(
        hexlint(dir.path())
            .args(["--color", "always", "check", "--format", "json", "-o"])
            .arg(&report)
            .args(ONLY_UNUSED),
    );
    assert_eq!(code, 0);
    assert_eq!(out, "", "nothing on stdout with -o");
    let text = std::fs::read_to_string(&report).unwrap();
    assert!(!text.contains('\u{1b}'));
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(json["schema"], 1);
    assert_eq!(json["summary"]["warnings"], 1);
    let d = &json["packages"][0]["diagnostics"][0];
    assert_eq!(d["rule"], "unused-suppression");
    assert_eq!(d["range"]["start"]["line"], 9);
    assert_eq!(d["range"]["start"]["column"], 25);
    // A human report written to a file has no colour either, even with --color always.
    let human = dir.path().join("report.txt");
    hexlint(dir.path())
        .args(["--color", "always", "check", "-o"])
        .arg(&human)
        .args(ONLY_UNUSED)
        .assert()
        .code(0);
    let text = std::fs::read_to_string(&human).unwrap();
    assert!(text.contains("unused-suppression"));
    assert!(!text.contains('\u{1b}'));
}

#[test]
fn output_file_that_cannot_be_written_exits_2() {
    let dir = project(CLEAN);
    let (code, _, err) = stdout(
        hexlint(dir.path())
            .args(["check", "-o", "no/such/dir/report.json"])
            .args(ONLY_UNUSED),
    );
    assert_eq!(code, 2);
    assert!(err.contains("cannot write"), "{err}");
}

#[test]
fn colour_follows_flag_and_environment() {
    let dir = project(STALE);
    let run = |cmd: &mut Command| stdout(cmd.arg("check").args(ONLY_UNUSED)).1;
    // stdout is a pipe here: auto means no colour.
    assert!(!run(&mut hexlint(dir.path())).contains('\u{1b}'));
    assert!(run(hexlint(dir.path()).args(["--color", "always"])).contains('\u{1b}'));
    assert!(run(hexlint(dir.path()).env("CLICOLOR_FORCE", "1")).contains('\u{1b}'));
    assert!(run(hexlint(dir.path()).env("FORCE_COLOR", "1")).contains('\u{1b}'));
    assert!(
        !run(hexlint(dir.path())
            .env("FORCE_COLOR", "1")
            .args(["--color", "never"]))
        .contains('\u{1b}')
    );
    assert!(
        !run(hexlint(dir.path())
            .args(["--color", "always"])
            .args(["check", "--format", "concise"]))
        .contains('\u{1b}')
    );
}

#[test]
fn github_actions_adds_annotations_to_the_default_report() {
    let dir = project(STALE);
    let (_, out, _) = stdout(
        hexlint(dir.path())
            .env("GITHUB_ACTIONS", "true")
            .arg("check")
            .args(ONLY_UNUSED),
    );
    let (human, annotations) = out.split_once("Found 1 warning in 1 package.\n").unwrap();
    assert!(human.contains("unused-suppression"));
    assert_eq!(
        annotations,
        "::warning file=mix.exs,line=9,col=25,endLine=9,endColumn=38,title=hexlint (unused-suppression)::mix.exs:9:25: unused-suppression unused suppression: no `reserved-file` finding on line 10%0Ahelp: remove it, or move it to the line before the finding (or to the end of that line)\n"
    );
    // An explicit format is left alone.
    let (_, out, _) = stdout(
        hexlint(dir.path())
            .env("GITHUB_ACTIONS", "true")
            .args(["check", "--format", "json"])
            .args(ONLY_UNUSED),
    );
    assert!(!out.contains("::warning"));
    serde_json::from_str::<serde_json::Value>(&out).unwrap();
}

#[test]
fn sarif_and_github_formats_end_to_end() {
    let dir = project(STALE);
    let (_, out, _) = stdout(
        hexlint(dir.path())
            .args(["check", "--format", "sarif"])
            .args(ONLY_UNUSED),
    );
    let sarif: serde_json::Value = serde_json::from_str(&out).unwrap();
    let run = &sarif["runs"][0];
    let rule = &run["tool"]["driver"]["rules"][0];
    assert_eq!(rule["id"], "unused-suppression");
    assert!(
        rule["fullDescription"]["text"]
            .as_str()
            .unwrap()
            .starts_with("Inline suppression comments")
    );
    assert_eq!(rule["defaultConfiguration"]["level"], "warning");
    assert_eq!(run["results"][0]["level"], "warning");
    assert_eq!(
        run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "mix.exs"
    );
    let (_, out, _) = stdout(
        hexlint(dir.path())
            .args(["check", "--format", "github"])
            .args(ONLY_UNUSED),
    );
    assert!(
        out.starts_with("::warning file=mix.exs,line=9,col=25,"),
        "{out}"
    );
}

#[test]
fn several_packages_in_one_report() {
    let a = project(STALE);
    let b = project(CLEAN);
    let (code, out, _) = stdout(
        hexlint(a.path())
            .args(["check", "--format", "concise", "."])
            .arg(b.path())
            .args(ONLY_UNUSED),
    );
    assert_eq!(code, 0);
    assert!(out.ends_with("Found 1 warning in 2 packages.\n"), "{out}");
}

#[test]
fn init_writes_once_then_refuses() {
    let dir = tempfile::tempdir().unwrap();
    let (code, out, _) = stdout(hexlint(dir.path()).arg("init"));
    assert_eq!(code, 0);
    assert!(out.starts_with("wrote "));
    let text = std::fs::read_to_string(dir.path().join(".hexlint.toml")).unwrap();
    assert!(text.contains("# [severity]"));
    let (code, _, err) = stdout(hexlint(dir.path()).arg("init"));
    assert_eq!(code, 2);
    assert!(err.contains("already exists"), "{err}");
    // The written template is a valid config for `check`.
    std::fs::write(dir.path().join("mix.exs"), CLEAN).unwrap();
    let (code, _, _) = stdout(hexlint(dir.path()).arg("check").args(ONLY_UNUSED));
    assert_eq!(code, 0);
}

// ── with real rules: `missing-files` fires on a `files:` entry that matches nothing ──────────

fn missing_files_project(files_line: &str) -> tempfile::TempDir {
    project(&format!(
        r#"defmodule Tiny.MixProject do
  use Mix.Project

  def project do
    [
      app: :tiny,
      version: "0.1.0",
      package: [
        licenses: ["MIT"],
{files_line}
      ]
    ]
  end
end
"#
    ))
}

const MISSING_FILES: [&str; 2] = ["--select", "missing-files,unused-suppression"];

#[test]
fn real_finding_fails_with_its_position() {
    let dir = missing_files_project(r#"        files: ["lib", "nope"]"#);
    let (code, out, _) = stdout(
        hexlint(dir.path())
            .args(["check", "--format", "concise"])
            .args(MISSING_FILES),
    );
    assert_eq!(code, 1);
    assert_eq!(
        out,
        "mix.exs:10:24: error[missing-files] Missing files: nope\nFound 1 error in 1 package.\n"
    );
}

#[test]
fn suppression_at_the_end_of_the_line() {
    let dir = missing_files_project(
        r#"        files: ["lib", "nope"] # hexlint: ignore[missing-files] created by the build"#,
    );
    let (code, out, _) = stdout(hexlint(dir.path()).arg("check").args(MISSING_FILES));
    assert_eq!(code, 0, "{out}");
    assert_eq!(out, "No problems found in 1 package.\n");
}

#[test]
fn suppression_on_the_line_before() {
    let dir = missing_files_project(
        "        # hexlint: ignore[missing-files, unsafe-path] created by the build\n        files: [\"lib\", \"nope\"]",
    );
    let (code, out, _) = stdout(
        hexlint(dir.path())
            .args(["check", "--format", "concise", "--select"])
            .arg("missing-files,unsafe-path,unused-suppression"),
    );
    // missing-files is suppressed; the unsafe-path part of the comment suppresses nothing.
    assert_eq!(code, 0, "{out}");
    assert_eq!(
        out,
        "mix.exs:10:42: warning[unused-suppression] unused suppression: no `unsafe-path` finding on line 11\nFound 1 warning in 1 package.\n"
    );
}

#[test]
fn misspelt_suppression_keeps_the_finding_and_is_reported() {
    let dir =
        missing_files_project(r#"        files: ["lib", "nope"] # hexlint: ignore[missing-file]"#);
    let (code, out, _) = stdout(
        hexlint(dir.path())
            .args(["check", "--format", "json"])
            .args(MISSING_FILES),
    );
    assert_eq!(code, 1);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let diags = json["packages"][0]["diagnostics"].as_array().unwrap();
    let rules: Vec<&str> = diags.iter().map(|d| d["rule"].as_str().unwrap()).collect();
    assert_eq!(rules, ["missing-files", "unused-suppression"]);
    assert_eq!(
        diags[1]["message"],
        "unknown rule `missing-file` in hexlint suppression"
    );
    assert!(
        diags[1]["help"]
            .as_str()
            .unwrap()
            .starts_with("did you mean `missing-files`?")
    );
    assert_eq!(diags[1]["range"]["start"]["column"], 50);
}

#[test]
fn severity_override_changes_the_exit_code() {
    let dir = missing_files_project(r#"        files: ["lib", "nope"]"#);
    std::fs::write(
        dir.path().join(".hexlint.toml"),
        "[severity]\nmissing-files = \"warning\"\n",
    )
    .unwrap();
    let (code, out, _) = stdout(
        hexlint(dir.path())
            .args(["check", "--format", "concise"])
            .args(MISSING_FILES),
    );
    assert_eq!(code, 0, "{out}");
    assert!(
        out.starts_with("mix.exs:10:24: warning[missing-files]"),
        "{out}"
    );
    let (code, _, _) = stdout(
        hexlint(dir.path())
            .args(["check", "--fail-on", "warning"])
            .args(MISSING_FILES),
    );
    assert_eq!(code, 1);
    std::fs::write(
        dir.path().join(".hexlint.toml"),
        "[severity]\nmissing-files = \"off\"\n",
    )
    .unwrap();
    let (code, out, _) = stdout(hexlint(dir.path()).arg("check").args(MISSING_FILES));
    assert_eq!(code, 1, "{out}");
    let (code, out, _) =
        stdout(hexlint(dir.path()).args(["check", "--ignore", "missing-docs-tool"]));
    assert!(!out.contains("missing-files"), "{out}");
    assert_ne!(code, 2);
    let (code, out, _) = stdout(hexlint(dir.path()).args(["check", "--select", "missing-files"]));
    // --select on the command line re-enables a rule the file turned off.
    assert_eq!(code, 1, "{out}");
}

#[test]
fn umbrella_root_finding_goes_through_the_config() {
    let dir = project(
        "defmodule Umb.MixProject do\n  use Mix.Project\n  def project, do: [apps_path: \"apps\", deps: []]\nend\n",
    );
    let app = dir.path().join("apps/tiny");
    std::fs::create_dir_all(app.join("lib")).unwrap();
    std::fs::write(app.join("mix.exs"), CLEAN).unwrap();
    let (_, out, _) = stdout(
        hexlint(dir.path())
            .args(["check", "--format", "concise", "--select"])
            .arg("umbrella-project,unused-suppression"),
    );
    assert!(out.contains("[umbrella-project]"), "{out}");
    assert!(out.ends_with("in 2 packages.\n"), "{out}");
    let (_, out, _) = stdout(hexlint(dir.path()).args([
        "check",
        "--format",
        "concise",
        "--select",
        "unused-suppression",
    ]));
    assert_eq!(out, "No problems found in 2 packages.\n");
}

#[test]
fn config_flag_replaces_the_search() {
    let dir = project(STALE);
    std::fs::write(dir.path().join(".hexlint.toml"), "fail-on = \"warning\"\n").unwrap();
    let other = dir.path().join("ci.toml");
    std::fs::write(&other, "fail-on = \"error\"\n").unwrap();
    let (code, _, _) = stdout(hexlint(dir.path()).arg("check").args(ONLY_UNUSED));
    assert_eq!(code, 1, "the project's .hexlint.toml says fail-on warning");
    let (code, _, _) = stdout(
        hexlint(dir.path())
            .args(["check", "--config", "ci.toml"])
            .args(ONLY_UNUSED),
    );
    assert_eq!(code, 0, "--config ci.toml says fail-on error");
    let (code, out, _) = stdout(
        hexlint(dir.path())
            .args(["check", "--format", "concise", "--config", "missing.toml"])
            .args(ONLY_UNUSED),
    );
    assert_eq!(code, 2);
    assert!(
        out.starts_with("missing.toml: error[config-error] cannot read config file missing.toml"),
        "{out}"
    );
}

/// A file nobody may read and a directory nobody may list are errors (`mix hex.build` crashes on
/// both). Root reads everything, so when the tests run as root (CI), hexlint runs as `nobody`
/// through util-linux's `setpriv`.
#[cfg(unix)]
#[test]
fn unreadable_files_and_directories_are_errors_for_an_unprivileged_user() {
    use std::os::unix::fs::PermissionsExt;
    let dir = project(CLEAN);
    let root = dir.path();
    std::fs::write(root.join("LICENSE"), "MIT License\n").unwrap();
    std::fs::write(root.join("lib/locked.ex"), "defmodule Locked do\nend\n").unwrap();
    std::fs::create_dir(root.join("lib/closed")).unwrap();
    std::fs::write(root.join("lib/closed/x.ex"), "defmodule X do\nend\n").unwrap();
    let mode = |path: &Path, mode: u32| {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
    };
    mode(root, 0o755);
    mode(&root.join("lib/locked.ex"), 0o000);
    mode(&root.join("lib/closed"), 0o000);
    let bin = assert_cmd::cargo::cargo_bin("hexlint");
    let as_root = std::fs::read(root.join("lib/locked.ex")).is_ok();
    let mut cmd = if as_root {
        let setpriv = std::path::Path::new("/usr/bin/setpriv");
        if !setpriv.exists() {
            mode(&root.join("lib/closed"), 0o755);
            eprintln!("SKIPPED: running as root and /usr/bin/setpriv is absent (util-linux)");
            return;
        }
        let mut cmd = Command::new(setpriv);
        cmd.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(&bin);
        cmd
    } else {
        Command::new(&bin)
    };
    cmd.current_dir(root)
        .env("HOME", root)
        .env_remove("MIX_ENV");
    let (code, out, err) = stdout(cmd.args(["check", "--format", "concise", "."]));
    mode(&root.join("lib/closed"), 0o755);
    assert_eq!(code, 1, "{out}{err}");
    let unpackable: Vec<&str> = out
        .lines()
        .filter(|l| l.contains("error[unpackable-file]"))
        .collect();
    assert_eq!(unpackable.len(), 2, "{out}");
    assert!(unpackable.iter().any(|l| l.contains("lib/closed")), "{out}");
    assert!(
        unpackable.iter().any(|l| l.contains("lib/locked.ex")),
        "{out}"
    );
    // One cause, one finding: not also "cannot be read" from `unparsable-source`.
    assert!(!out.contains("unparsable-source"), "{out}");
}
