//! `hexlint files` output: the listing with sizes and totals, the tree, and the JSON document.

#[path = "files_support.rs"]
mod support;

use hexlint::commands::files::{human, to_json};
use hexlint::config::Config;
use hexlint::files::FileSet;
use support::{Ex, project, write};

fn fixture() -> (tempfile::TempDir, FileSet) {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &[
            ("mix.exs", "defmodule Fixture.MixProject do\nend\n"),
            ("lib/fixture.ex", "defmodule Fixture do\nend\n"),
            (
                "lib/fixture/worker.ex",
                "defmodule Fixture.Worker do\nend\n",
            ),
            ("lib/fixture/secret.ex", "x"),
            ("README.md", "# Fixture\n"),
        ],
    );
    let set = FileSet::for_project(
        &project(
            dir.path(),
            Some(&["lib", "mix.exs", "README.md"]),
            &[Ex::Str("secret")],
        ),
        &Config::default(),
    );
    (dir, set)
}

#[test]
fn json_has_the_documented_fields() {
    let (_dir, set) = fixture();
    let json = to_json(&set);
    assert_eq!(json["schema"], 1);
    let files = json["files"].as_array().unwrap();
    let paths: Vec<&str> = files.iter().map(|f| f["path"].as_str().unwrap()).collect();
    for p in [
        "lib",
        "lib/fixture.ex",
        "lib/fixture",
        "lib/fixture/worker.ex",
        "mix.exs",
        "README.md",
    ] {
        assert!(paths.contains(&p), "{p} missing: {paths:?}");
    }
    assert!(!paths.contains(&"lib/fixture/secret.ex"));
    let readme = files.iter().find(|f| f["path"] == "README.md").unwrap();
    assert_eq!(readme["kind"], "file");
    assert_eq!(readme["size"], 10);
    let lib = files.iter().find(|f| f["path"] == "lib").unwrap();
    assert_eq!(lib["kind"], "directory");
    let expected_total: u64 = 36 + 25 + 32 + 10;
    assert_eq!(json["total_size"], expected_total);
    let summary = set.tarball().as_ref().unwrap();
    assert_eq!(json["compressed_size"], summary.compressed_size);
    assert_eq!(json["uncompressed_size"], summary.uncompressed_size);
    // 4 files, each one header + one data block, plus the two end blocks.
    assert_eq!(summary.uncompressed_size, 4 * 1024 + 1024);
    assert_eq!(json["limits"]["compressed"], 16 * 1024 * 1024);
    assert_eq!(json["excluded"][0]["path"], "lib/fixture/secret.ex");
    assert_eq!(json["excluded"][0]["excluded_by"], "\"secret\"");
}

#[test]
fn human_listing_shows_sizes_totals_and_headroom() {
    let (_dir, set) = fixture();
    let text = human(&set, false);
    assert!(text.contains("README.md"), "{text}");
    assert!(
        text.contains("lib/fixture/"),
        "directories end with /: {text}"
    );
    assert!(
        text.contains("lib/fixture/secret.ex  (by \"secret\")"),
        "{text}"
    );
    assert!(
        text.contains("6 entries: 4 files (103 B), 2 directories, 0 symlinks"),
        "{text}"
    );
    assert!(
        text.contains(
            "contents.tar        5.0 KiB  128.0 MiB headroom to the 128.0 MiB uncompressed limit"
        ),
        "{text}"
    );
    assert!(text.contains("contents.tar.gz"), "{text}");
    assert!(
        text.contains("headroom to the 16.0 MiB compressed limit"),
        "{text}"
    );
}

#[test]
fn tree_view_nests_directories() {
    let (_dir, set) = fixture();
    let text = human(&set, true);
    let expected = "\
├── README.md  (10 B)
├── lib/
│   ├── fixture/
│   │   └── worker.ex  (32 B)
│   └── fixture.ex  (25 B)
└── mix.exs  (36 B)
";
    assert!(text.starts_with(expected), "{text}");
}

#[test]
fn cli_exits_2_when_the_project_cannot_be_read() {
    let dir = tempfile::tempdir().unwrap();
    let out = assert_cmd::Command::cargo_bin("hexlint")
        .unwrap()
        .args(["files", "--format", "json"])
        .arg(dir.path().join("missing"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot open"));
}

const MIX_EXS: &str = r#"defmodule Fixture.MixProject do
  use Mix.Project

  def project do
    [
      app: :fixture,
      version: "0.1.0",
      description: "A fixture",
      package: package()
    ]
  end

  defp package do
    [
      licenses: ["MIT"],
      links: %{"GitHub" => "https://github.com/x/fixture"},
      files: ~w(lib mix.exs README.md CHANGES.md),
      exclude_patterns: [~r/\.bak$/]
    ]
  end
end
"#;

fn cli_fixture() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &[
            ("mix.exs", MIX_EXS),
            ("lib/fixture.ex", "defmodule Fixture do\nend\n"),
            ("lib/fixture.ex.bak", "old"),
            ("README.md", "# Fixture\n"),
        ],
    );
    dir
}

#[test]
fn cli_json_from_a_real_mix_exs() {
    let dir = cli_fixture();
    let out = assert_cmd::Command::cargo_bin("hexlint")
        .unwrap()
        .args(["files", "--format", "json"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let paths: Vec<&str> = json["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["lib", "lib/fixture.ex", "mix.exs", "README.md"]);
    assert_eq!(json["excluded"][0]["path"], "lib/fixture.ex.bak");
    assert_eq!(json["excluded"][0]["excluded_by"], "~r/\\.bak$/");
    assert!(json["compressed_size"].as_u64().unwrap() > 10);
}

#[test]
fn cli_check_reports_missing_files_at_the_pattern() {
    let dir = cli_fixture();
    let out = assert_cmd::Command::cargo_bin("hexlint")
        .unwrap()
        .args(["check", "--format", "json", "--select", "missing-files"])
        .arg(dir.path())
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)));
    let diags = json["packages"][0]["diagnostics"].as_array().unwrap();
    assert_eq!(diags.len(), 1, "{json}");
    assert_eq!(diags[0]["rule"], "missing-files");
    assert_eq!(diags[0]["severity"], "error");
    assert_eq!(diags[0]["message"], "Missing files: CHANGES.md");
    assert_eq!(diags[0]["range"]["start"]["line"], 17);
    assert_eq!(
        diags[0]["range"]["start"]["column"], 39,
        "the ~w element itself"
    );
    assert_eq!(out.status.code(), Some(1));
}
