//! Rules for what breaks a package's users after Hex accepted it, on the fixture packages in
//! `tests/fixtures/post_publish/` (written to reproduce the real failures), checked through the
//! CLI's JSON output.

use assert_cmd::Command;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/post_publish")
        .join(name)
}

/// `(file relative to the fixture, line, column, message)` of each finding of `rule`.
pub fn findings(dir: &Path, rule: &str) -> Vec<(String, usize, usize, String)> {
    let out = Command::cargo_bin("hexlint")
        .unwrap()
        .args(["check", "--format", "json", "--exit-zero"])
        .arg(dir)
        .env_remove("HEXLINT_CONFIG")
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON output");
    let prefix = format!("{}/", dir.display());
    json["packages"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == rule)
        .map(|d| {
            let file = d["file"].as_str().unwrap();
            (
                file.strip_prefix(&prefix).unwrap_or(file).to_string(),
                d["range"]["start"]["line"].as_u64().unwrap() as usize,
                d["range"]["start"]["column"].as_u64().unwrap() as usize,
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn file_read_not_packaged_fires_on_reads_of_unpackaged_files() {
    let got = findings(&fixture("compile_read_broken"), "file-read-not-packaged");
    let places: Vec<(&str, usize, usize)> = got
        .iter()
        .map(|(f, l, c, _)| (f.as_str(), *l, *c))
        .collect();
    // docs/overview.md (via @external_resource, one finding with its File.read!) and VERSION in
    // mix.exs; README.md and priv/ are packaged, `File.read` in a function runs later.
    assert_eq!(places, [("lib/tally.ex", 3, 33), ("mix.exs", 5, 23)]);
    assert!(
        got[0]
            .3
            .contains("`docs/overview.md` is not in the package"),
        "{}",
        got[0].3
    );
    assert!(
        got[1]
            .3
            .contains("`File.read!` reads `VERSION` when Mix loads the project")
    );
}

#[test]
fn file_read_not_packaged_is_silent_once_the_files_are_packaged() {
    assert_eq!(
        findings(&fixture("compile_read_fixed"), "file-read-not-packaged"),
        []
    );
}
