//! `hexlint metadata` end to end: JSON and human output for a few fixtures (insta snapshots in
//! `snapshots/`), and the load errors (exit status 2 with a clear message).

use assert_cmd::Command;
use predicates::prelude::*;

fn hexlint() -> Command {
    let mut cmd = Command::cargo_bin("hexlint").expect("hexlint binary");
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("MIX_ENV")
        .env("NO_COLOR", "1");
    cmd
}

/// stdout of `hexlint metadata <fixture> --format <format> [--env env]`, which must succeed.
fn metadata(fixture: &str, format: &str, env: Option<&str>) -> String {
    let mut cmd = hexlint();
    cmd.arg("metadata")
        .arg(format!("tests/fixtures/{fixture}"))
        .args(["--format", format]);
    if let Some(env) = env {
        cmd.args(["--env", env]);
    }
    let out = cmd.assert().success().get_output().stdout.clone();
    String::from_utf8(out).expect("UTF-8 output")
}

macro_rules! snapshot {
    ($name:expr, $value:expr) => {
        insta::with_settings!({snapshot_path => "../snapshots", prepend_module_to_snapshot => true}, {
            insta::assert_snapshot!($name, $value);
        })
    };
}

#[test]
fn json_for_a_typical_library() {
    let out = metadata("jason_style", "json", None);
    let doc: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    assert_eq!(doc["schema"], 1);
    assert_eq!(doc["version"], "1.4.1");
    assert_eq!(doc["docs"]["source_ref"], "v1.4.1");
    snapshot!("metadata_json_jason_style", out);
}

#[test]
fn json_with_unknown_values_and_prod_env() {
    let out = metadata("system_cmd_version", "json", Some("prod"));
    let doc: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    assert!(doc["version"]["unknown"].is_string(), "{out}");
    snapshot!("metadata_json_system_cmd_version", out);
}

#[test]
fn json_for_an_umbrella_root() {
    let out = metadata("umbrella_root", "json", None);
    let doc: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    assert_eq!(doc["umbrella"], true);
    assert_eq!(doc["app"], serde_json::Value::Null);
    snapshot!("metadata_json_umbrella_root", out);
}

#[test]
fn human_for_a_typical_library() {
    let out = metadata("jason_style", "human", None);
    assert!(out.contains("version       \"1.4.1\""), "{out}");
    snapshot!("metadata_human_jason_style", out);
}

#[test]
fn human_with_unknown_values() {
    let out = metadata("system_cmd_version", "human", None);
    assert!(
        out.contains("unknown (could not be determined statically)"),
        "{out}"
    );
    snapshot!("metadata_human_system_cmd_version", out);
}

#[test]
fn missing_path_exits_2() {
    hexlint()
        .args([
            "metadata",
            "tests/fixtures/does_not_exist",
            "--format",
            "json",
        ])
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains(
            "cannot open tests/fixtures/does_not_exist",
        ));
}

#[test]
fn directory_without_mix_exs_exits_2() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("README.md"), "# not a project\n").expect("write");
    hexlint()
        .arg("metadata")
        .arg(dir.path())
        .args(["--format", "json"])
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains("no mix.exs in"))
        .stderr(predicate::str::contains(
            "point hexlint at an Elixir project directory or its mix.exs",
        ));
}

#[test]
fn mix_exs_path_is_accepted_like_its_directory() {
    let by_dir = metadata("nimble_style", "json", None);
    let by_file = metadata("nimble_style/mix.exs", "json", None);
    assert_eq!(by_dir, by_file);
}

/// `--elixir` answers `System.version()`: a module-level `if Version.match?(System.version(), …)`
/// is known under either version, and a bad version is a usage error.
#[test]
fn elixir_version_can_be_given() {
    for version in ["1.14", "1.19.0"] {
        let out = hexlint()
            .args([
                "metadata",
                "tests/fixtures/module_level_if_def",
                "--format",
                "json",
            ])
            .args(["--elixir", version])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let doc: serde_json::Value = serde_json::from_slice(&out).expect("valid JSON");
        assert_eq!(doc["unknown"], serde_json::json!([]), "{version}");
    }
    hexlint()
        .args([
            "metadata",
            "tests/fixtures/module_level_if_def",
            "--elixir",
            "latest",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not an Elixir version"));
}
