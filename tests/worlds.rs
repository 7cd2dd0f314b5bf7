//! Every world: without a fixed Elixir version (none installed, or `--elixir all`), mix.exs is
//! evaluated under each Elixir minor release its `elixir:` requirement allows, values that differ
//! are reported per world and findings say on which releases they hold.
//!
//! The fixture `worlds_override` adds `hpax` with `override: true` only below Elixir 1.15 (which
//! Hex refuses to build) and defines `def cli` only on 1.19+, with `preferred_cli_env` as the
//! fallback for older releases.

use assert_cmd::Command;
use serde_json::Value as Json;

const FIXTURE: &str = "tests/fixtures/worlds_override";

fn hexlint() -> Command {
    let mut cmd = Command::cargo_bin("hexlint").expect("hexlint binary");
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("MIX_ENV")
        .env("NO_COLOR", "1");
    cmd
}

fn concise(args: &[&str]) -> (Option<i32>, String) {
    let out = hexlint()
        .args(["check", FIXTURE, "--format", "concise"])
        .args(args)
        .output()
        .expect("run hexlint");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

fn metadata_json(cmd: &mut Command) -> Json {
    let out = cmd.output().expect("run hexlint");
    assert!(out.status.success(), "{out:?}");
    serde_json::from_slice(&out.stdout).expect("JSON")
}

#[test]
fn a_finding_of_some_worlds_says_on_which_releases_it_holds() {
    let (code, out) = concise(&["--elixir", "all"]);
    assert_eq!(code, Some(1), "{out}");
    let line = out
        .lines()
        .find(|l| l.contains("forbidden-dependency-option"))
        .unwrap_or_else(|| panic!("no forbidden-dependency-option in\n{out}"));
    assert!(line.contains("hpax"), "{line}");
    assert!(line.ends_with("(on Elixir < 1.15)"), "{line}");
    // `preferred_cli_env` is the fallback of a `def cli` defined for newer releases: no finding.
    assert!(!out.contains("deprecated-cli-config"), "{out}");
}

#[test]
fn a_fixed_version_has_one_world() {
    let (code, out) = concise(&["--elixir", "1.16"]);
    assert!(!out.contains("forbidden-dependency-option"), "{out}");
    assert_eq!(code, Some(0), "{out}");
    let (code, out) = concise(&["--elixir", "1.14.5"]);
    assert_eq!(code, Some(1), "{out}");
    let line = out
        .lines()
        .find(|l| l.contains("forbidden-dependency-option"))
        .expect("the override on 1.14");
    assert!(!line.contains("(on Elixir"), "{line}");
    // On 1.14 `preferred_cli_env` is the fallback of the `def cli` defined for 1.19+.
    assert!(!out.contains("deprecated-cli-config"), "{out}");
}

#[test]
fn metadata_reports_values_that_differ_per_world() {
    let doc =
        metadata_json(hexlint().args(["metadata", FIXTURE, "--format", "json", "--elixir", "all"]));
    assert_eq!(doc["schema"], 1);
    // What is the same everywhere stays known.
    assert_eq!(doc["app"], "acme");
    assert_eq!(doc["package"]["licenses"][0], "MIT");
    // What differs is unknown at the top, listed, and given per world.
    assert!(doc["deps"]["unknown"].is_string(), "{doc:#}");
    let unknown = doc["unknown"].as_array().expect("unknown list");
    assert!(unknown.iter().any(|u| u["key"] == "deps"), "{unknown:?}");
    let worlds = doc["worlds"].as_array().expect("worlds");
    assert_eq!(worlds.len(), 2, "{worlds:#?}");
    assert_eq!(worlds[0]["elixir"], "Elixir < 1.15");
    assert_eq!(worlds[0]["releases"], serde_json::json!(["1.13", "1.14"]));
    assert_eq!(worlds[0]["values"]["deps"][1]["app"], "hpax");
    assert_eq!(worlds[1]["elixir"], "Elixir 1.15+");
    assert_eq!(
        worlds[1]["values"]["deps"].as_array().map(Vec::len),
        Some(1)
    );
    // The oldest world is the `elixir:` requirement's (~> 1.13), the newest the table's.
    let newest = worlds[1]["releases"].as_array().unwrap().last().cloned();
    assert!(newest.is_some_and(|v| v.as_str().is_some_and(|s| s >= "1.19")));

    let human = hexlint()
        .args(["metadata", FIXTURE, "--elixir", "all"])
        .output()
        .expect("run hexlint");
    let human = String::from_utf8_lossy(&human.stdout);
    assert!(human.contains("on Elixir < 1.15:"), "{human}");
    assert!(human.contains("hpax"), "{human}");
}

#[test]
fn without_an_installed_elixir_every_world_is_evaluated() {
    // An empty PATH: no `mix` to read the version from.
    let empty = tempfile::tempdir().expect("temp dir");
    let doc = metadata_json(
        hexlint()
            .env("PATH", empty.path())
            .args(["metadata", FIXTURE, "--format", "json"]),
    );
    assert_eq!(doc["worlds"].as_array().map(Vec::len), Some(2), "{doc:#}");
}

#[test]
fn a_project_that_never_asks_for_the_version_has_no_worlds() {
    let doc = metadata_json(hexlint().args([
        "metadata",
        "tests/fixtures/jason_style",
        "--format",
        "json",
        "--elixir",
        "all",
    ]));
    assert!(doc.get("worlds").is_none(), "{doc:#}");
}

#[test]
fn a_bad_version_is_a_usage_error_that_mentions_all() {
    let out = hexlint()
        .args(["check", FIXTURE, "--elixir", "newest"])
        .output()
        .expect("run hexlint");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("`all`"), "{err}");
}

#[test]
fn files_lists_the_package_per_world_when_the_lists_differ() {
    let out = hexlint()
        .args([
            "files",
            "tests/fixtures/worlds_files",
            "--elixir",
            "all",
            "--format",
            "json",
        ])
        .output()
        .expect("run hexlint");
    assert!(out.status.success(), "{out:?}");
    let doc: Json = serde_json::from_slice(&out.stdout).expect("JSON");
    let worlds = doc["worlds"].as_array().expect("worlds");
    assert_eq!(worlds.len(), 2);
    assert_eq!(worlds[0]["elixir"], "Elixir < 1.16");
    let paths = |w: &Json| -> Vec<String> {
        w["list"]["files"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["path"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(paths(&worlds[0]).contains(&"src/lexy_lexer.xrl".to_string()));
    assert!(!paths(&worlds[1]).contains(&"src/lexy_lexer.xrl".to_string()));
    // A fixed version: one plain list.
    let out = hexlint()
        .args([
            "files",
            "tests/fixtures/worlds_files",
            "--elixir",
            "1.18",
            "--format",
            "json",
        ])
        .output()
        .expect("run hexlint");
    let doc: Json = serde_json::from_slice(&out.stdout).expect("JSON");
    assert!(doc.get("worlds").is_none());
    assert!(doc["files"].is_array());
}

#[test]
fn prod_is_read_beside_the_publishing_env() {
    let run = |args: &[&str]| {
        let out = hexlint()
            .args([
                "check",
                "tests/fixtures/env_divergent_deps",
                "--format",
                "concise",
                "--select",
                "mix-env-divergence",
            ])
            .args(args)
            .output()
            .expect("run hexlint");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let out = run(&[]);
    let warning = out
        .lines()
        .find(|l| l.contains("warning[mix-env-divergence]"))
        .unwrap_or_else(|| panic!("{out}"));
    assert!(
        warning.contains("`telemetry`") && warning.contains(":24:"),
        "{warning}"
    );
    let info = out
        .lines()
        .find(|l| l.contains("info[mix-env-divergence]"))
        .unwrap_or_else(|| panic!("{out}"));
    assert!(info.contains("`elixirc_paths`"), "{info}");
    // `ex_doc` (only: :dev) and `jason` (everywhere) are not divergences.
    assert!(
        !out.contains("`jason`") && !out.contains("`ex_doc`"),
        "{out}"
    );
    // Publishing from prod: one reading, nothing to compare.
    let out = run(&["--env", "prod"]);
    assert!(!out.contains("mix-env-divergence"), "{out}");
}
