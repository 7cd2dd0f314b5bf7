//! The order and the per-rule cap of the human and concise reports, `--verbose`, and the machine
//! formats keeping every finding in their own (file, position) order — end to end, on a project
//! written to a temp dir.

use assert_cmd::Command;
use std::path::Path;

/// Eight misspelt `package:` keys (eight `unknown-package-key` warnings, lines 10–17) and, below
/// them, a float in `extra` (one `unreadable-metadata-value` error, line 19). In file order the
/// error comes last, and its rule id sorts after the warnings' too.
const NOISY: &str = r#"defmodule Noisy.MixProject do
  use Mix.Project

  def project do
    [
      app: :noisy,
      version: "0.2.0",
      description: "Noisy",
      package: [
        maintainer: "ana",
        licence: "MIT",
        link: "https://example.com",
        file: "lib",
        exclude: "tmp",
        builds: "mix",
        organisations: "acme",
        homepage: "https://example.com",
        licenses: ["MIT"],
        extra: %{"ratio" => 1.5}
      ]
    ]
  end
end
"#;

/// Only the two rules the fixture controls, so that other rules do not change the counts.
const SELECT: [&str; 2] = ["--select", "unknown-package-key,unreadable-metadata-value"];

const WARNINGS: usize = 8;

fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("mix.exs"), NOISY).unwrap();
    std::fs::create_dir(dir.path().join("lib")).unwrap();
    std::fs::write(dir.path().join("lib/noisy.ex"), "defmodule Noisy do\nend\n").unwrap();
    dir
}

/// Runs `hexlint ARGS --select …` in `dir` and returns (exit code, stdout).
fn run(dir: &Path, args: &[&str]) -> (i32, String) {
    let mut cmd = Command::cargo_bin("hexlint").unwrap();
    cmd.current_dir(dir).args(args).args(SELECT);
    for var in [
        "GITHUB_ACTIONS",
        "CLICOLOR_FORCE",
        "FORCE_COLOR",
        "MIX_ENV",
        "CI",
    ] {
        cmd.env_remove(var);
    }
    cmd.env("NO_COLOR", "1");
    let out = cmd.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

const MORE_LINE: &str = "… and 3 more `unknown-package-key` findings (--verbose shows all)";

#[test]
fn concise_lists_the_error_first_then_five_warnings_and_a_more_line() {
    let dir = project();
    let (code, out) = run(dir.path(), &["check", "--format", "concise"]);
    assert_eq!(code, 1, "{out}");
    let lines: Vec<&str> = out.lines().collect();
    assert!(
        lines[0].starts_with("mix.exs:19:")
            && lines[0].contains("error[unreadable-metadata-value]"),
        "{out}"
    );
    // The five shown are the first five in file order (lines 10–14).
    for (i, line) in lines[1..6].iter().enumerate() {
        assert!(
            line.starts_with(&format!("mix.exs:{}:", 10 + i))
                && line.contains("warning[unknown-package-key]"),
            "{out}"
        );
    }
    assert_eq!(lines[6], MORE_LINE);
    // The summary still counts every finding.
    assert_eq!(lines[7], "Found 1 error, 8 warnings in 1 package.");
    assert_eq!(lines.len(), 8);
}

#[test]
fn human_lists_the_error_first_and_caps_the_warnings() {
    let dir = project();
    let (code, out) = run(dir.path(), &["check"]);
    assert_eq!(code, 1, "{out}");
    let error = out
        .find("unreadable-metadata-value (")
        .expect("the error is shown");
    let first_warning = out
        .find("unknown-package-key (")
        .expect("warnings are shown");
    assert!(error < first_warning, "{out}");
    assert_eq!(
        out.matches("unknown-package-key (https://").count(),
        5,
        "{out}"
    );
    assert!(out.contains(&format!("\n{MORE_LINE}\n")), "{out}");
    assert!(
        out.ends_with("Found 1 error, 8 warnings in 1 package.\n"),
        "{out}"
    );
}

#[test]
fn verbose_lists_every_finding() {
    let dir = project();
    let (_, concise) = run(dir.path(), &["check", "--format", "concise", "--verbose"]);
    assert_eq!(
        concise.matches("warning[unknown-package-key]").count(),
        WARNINGS,
        "{concise}"
    );
    assert!(!concise.contains("more `"), "{concise}");
    assert!(
        concise.lines().next().unwrap().contains("error["),
        "{concise}"
    );
    let (_, human) = run(dir.path(), &["check", "--verbose"]);
    assert_eq!(
        human.matches("unknown-package-key (https://").count(),
        WARNINGS,
        "{human}"
    );
    assert!(!human.contains("more `"), "{human}");
}

#[test]
fn publish_takes_verbose_for_its_report() {
    let dir = project();
    // The error stops publish before mix runs, so no `mix` is needed.
    let (code, capped) = run(dir.path(), &["publish", "--dry-run"]);
    assert_eq!(code, 1, "{capped}");
    assert!(capped.contains(MORE_LINE), "{capped}");
    let (code, all) = run(dir.path(), &["publish", "--verbose", "--dry-run"]);
    assert_eq!(code, 1, "{all}");
    assert_eq!(
        all.matches("unknown-package-key (https://").count(),
        WARNINGS,
        "{all}"
    );
}

#[test]
fn machine_formats_keep_every_finding_in_file_order() {
    let dir = project();
    let (_, json) = run(dir.path(), &["check", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    let diags = json["packages"][0]["diagnostics"].as_array().unwrap();
    assert_eq!(diags.len(), WARNINGS + 1);
    let lines: Vec<u64> = diags
        .iter()
        .map(|d| d["range"]["start"]["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, [10, 11, 12, 13, 14, 15, 16, 17, 19]);
    assert_eq!(diags[WARNINGS]["rule"], "unreadable-metadata-value");
    assert_eq!(json["summary"]["warnings"], WARNINGS);

    let (_, sarif) = run(dir.path(), &["check", "--format", "sarif"]);
    let sarif: serde_json::Value = serde_json::from_str(&sarif).unwrap();
    assert_eq!(
        sarif["runs"][0]["results"].as_array().unwrap().len(),
        WARNINGS + 1
    );

    let (_, github) = run(dir.path(), &["check", "--format", "github"]);
    assert_eq!(github.matches("::warning ").count(), WARNINGS, "{github}");
    assert_eq!(github.matches("::error ").count(), 1, "{github}");
    assert!(!github.contains("more `"), "{github}");
}
