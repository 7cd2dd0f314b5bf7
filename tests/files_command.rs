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
