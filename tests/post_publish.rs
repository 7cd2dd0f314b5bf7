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
                d["range"]["start"]["line"].as_u64().unwrap_or(0) as usize,
                d["range"]["start"]["column"].as_u64().unwrap_or(0) as usize,
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

/// Is `mix` (Elixir) installed? CI has Elixir 1.14; without it the verify tests say so.
fn has_mix() -> bool {
    std::process::Command::new("mix")
        .arg("--version")
        .env("MIX_QUIET", "1")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn verify(dir: &Path) -> std::process::Output {
    Command::cargo_bin("hexlint")
        .unwrap()
        .arg("verify")
        .arg(dir)
        .output()
        .unwrap()
}

#[test]
fn verify_confirms_the_failure_with_real_elixir() {
    if !has_mix() {
        eprintln!("SKIP: `mix` is not installed; hexlint verify needs Elixir");
        return;
    }
    let out = verify(&fixture("compile_read_broken"));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("first file the compile could not find: VERSION"),
        "{stdout}"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("runs the project's code"));
}

#[test]
fn verify_passes_once_the_fixture_is_fixed() {
    if !has_mix() {
        eprintln!("SKIP: `mix` is not installed; hexlint verify needs Elixir");
        return;
    }
    let out = verify(&fixture("compile_read_fixed"));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("verified"), "{stdout}");
}

#[test]
fn verify_names_a_compile_time_read_in_a_module() {
    if !has_mix() {
        eprintln!("SKIP: `mix` is not installed; hexlint verify needs Elixir");
        return;
    }
    // The broken fixture with VERSION packaged: the next failure is the @moduledoc read.
    let dir = tempfile::tempdir().unwrap();
    let src = fixture("compile_read_broken");
    for f in [
        "mix.exs",
        "VERSION",
        "README.md",
        "docs/overview.md",
        "lib/tally.ex",
        "lib/tally/counter.ex",
        "priv/templates/report.eex",
    ] {
        let to = dir.path().join(f);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(src.join(f), &to).unwrap();
    }
    let mix = std::fs::read_to_string(dir.path().join("mix.exs")).unwrap();
    std::fs::write(
        dir.path().join("mix.exs"),
        mix.replace(
            "~w(lib priv mix.exs README.md)",
            "~w(lib priv mix.exs README.md VERSION)",
        ),
    )
    .unwrap();
    assert_eq!(
        findings(dir.path(), "file-read-not-packaged")
            .iter()
            .map(|f| f.0.as_str())
            .collect::<Vec<_>>(),
        ["lib/tally.ex"]
    );
    let out = verify(dir.path());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("first file the compile could not find: docs/overview.md"),
        "{stdout}"
    );
}

#[test]
fn publish_with_verify_stops_before_mix_when_the_package_does_not_compile() {
    if !has_mix() {
        eprintln!("SKIP: `mix` is not installed; hexlint verify needs Elixir");
        return;
    }
    let out = Command::cargo_bin("hexlint")
        .unwrap()
        .args(["publish", "--no-lint", "--verify", "--path"])
        .arg(fixture("compile_read_broken"))
        .args(["--", "--dry-run"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("nothing was published"), "{stderr}");
}

#[test]
fn dependency_rules_fire_on_what_users_inherit() {
    let dir = fixture("deps_broken");
    let places = |rule: &str| -> Vec<(String, usize, usize)> {
        findings(&dir, rule)
            .into_iter()
            .map(|(f, l, c, _)| (f, l, c))
            .collect()
    };
    assert_eq!(
        places("dev-tool-in-prod-deps"),
        [
            ("mix.exs".to_string(), 19, 8),
            ("mix.exs".to_string(), 20, 8)
        ]
    );
    assert_eq!(
        places("optional-dependency-unguarded"),
        [("lib/ledger.ex".to_string(), 7, 13)]
    );
    let dev_only = findings(&dir, "dev-only-dependency-excluded");
    assert_eq!(dev_only.len(), 1, "{dev_only:?}");
    assert!(
        dev_only[0]
            .3
            .contains("lib/ledger/gen.ex uses `StreamData` (import)"),
        "{}",
        dev_only[0].3
    );
}

#[test]
fn dev_tool_fix_adds_only_and_keeps_runtime_false_once() {
    let out = Command::cargo_bin("hexlint")
        .unwrap()
        .args([
            "check",
            "--format",
            "json",
            "--exit-zero",
            "--select",
            "dev-tool-in-prod-deps",
        ])
        .arg(fixture("deps_broken"))
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let fixes: Vec<String> = json["packages"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            d["fix"]["edits"][0]["content"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(
        fixes,
        [", only: :dev, runtime: false", ", only: [:dev, :test]"]
    );
}

#[test]
fn dependency_rules_are_silent_on_the_fixed_package() {
    let dir = fixture("deps_fixed");
    for rule in [
        "dev-tool-in-prod-deps",
        "optional-dependency-unguarded",
        "dev-only-dependency-excluded",
    ] {
        assert_eq!(findings(&dir, rule), [], "{rule}");
    }
}

#[test]
fn grammar_rules_fire_on_an_unpackaged_grammar_and_missing_compilers() {
    let got = findings(&fixture("grammar_broken"), "grammar-not-compiled");
    let summary: Vec<(usize, &str)> = got
        .iter()
        .map(|(_, l, _, m)| (*l, m.split(':').next().unwrap()))
        .collect();
    assert_eq!(
        summary,
        [
            (6, "`src/calc_lexer.xrl` needs the `"),
            (
                11,
                "`src/calc_parser.yrl` is a grammar Mix compiles into an Erlang module, but it is not in the package"
            )
        ]
    );
    assert_eq!(
        findings(&fixture("grammar_fixed"), "grammar-not-compiled"),
        []
    );
}

#[test]
fn precompiled_checksum_missing_or_empty_is_reported_with_the_task() {
    let unlisted = findings(&fixture("nif_unlisted"), "precompiled-checksum-missing");
    assert_eq!(unlisted.len(), 1, "{unlisted:?}");
    assert!(unlisted[0].3.contains("ships no checksum file"));
    let empty = findings(&fixture("nif_empty"), "precompiled-checksum-missing");
    assert_eq!(empty.len(), 1, "{empty:?}");
    assert!(
        empty[0]
            .3
            .contains("`checksum-Elixir.Blake.Native.exs` is packaged but holds no checksums")
    );
    assert_eq!(
        findings(&fixture("nif_fixed"), "precompiled-checksum-missing"),
        []
    );
    // The help names the task, with the module that uses RustlerPrecompiled.
    let out = Command::cargo_bin("hexlint")
        .unwrap()
        .args([
            "check",
            "--format",
            "json",
            "--exit-zero",
            "--select",
            "precompiled-checksum-missing",
        ])
        .arg(fixture("nif_empty"))
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let help = json["packages"][0]["diagnostics"][0]["help"]
        .as_str()
        .unwrap();
    assert!(
        help.contains("mix rustler_precompiled.download Blake.Native --all --print"),
        "{help}"
    );
}

#[test]
fn configuration_users_inherit_is_reported_and_the_key_never_printed() {
    let dir = fixture("config_broken");
    let lines = |rule: &str| -> Vec<usize> {
        findings(&dir, rule)
            .into_iter()
            .map(|(_, l, _, _)| l)
            .collect()
    };
    assert_eq!(lines("invalid-elixirc-paths"), [22]);
    assert_eq!(lines("deprecated-project-config"), [11, 12, 13]);
    let key = findings(&dir, "hex-key-in-mix-exs");
    assert_eq!(key.len(), 1);
    assert!(
        key[0]
            .3
            .contains("on line 15 of mix.exs holds a literal key")
    );
    for format in ["human", "concise", "json", "sarif", "github"] {
        let out = Command::cargo_bin("hexlint")
            .unwrap()
            .args([
                "check",
                "--format",
                format,
                "--select",
                "hex-key-in-mix-exs",
            ])
            .arg(&dir)
            .output()
            .unwrap();
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(all.contains("hex-key-in-mix-exs"), "{format}: {all}");
        assert!(
            !all.contains("0123456789abcdef"),
            "{format} prints the key: {all}"
        );
    }
    let fixed = fixture("config_fixed");
    for rule in [
        "invalid-elixirc-paths",
        "deprecated-project-config",
        "hex-key-in-mix-exs",
    ] {
        assert_eq!(findings(&fixed, rule), [], "{rule}");
    }
    // The `:hex` project key is valid configuration: nothing calls it unknown or misplaced.
    for rule in ["unknown-package-key", "misplaced-package-field"] {
        assert_eq!(findings(&fixed, rule), [], "{rule}");
    }
    if !has_mix() {
        eprintln!("SKIP: `mix` is not installed; hexlint verify needs Elixir");
        return;
    }
    // Only the :prod branch is broken (hexlint reads mix.exs in dev here, and checks prod too).
    let out = verify(&dir);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains(":elixirc_paths should be a list of paths"),
        "{stdout}"
    );
    assert_eq!(verify(&fixed).status.code(), Some(0));
}

#[test]
fn docs_that_will_not_build_are_reported_where_they_are_named() {
    let got = findings(&fixture("docs_broken"), "docs-file-missing");
    let places: Vec<(usize, usize)> = got.iter().map(|(_, l, c, _)| (*l, *c)).collect();
    // main (warning), the missing extra, the logo, the assets directory (warning); README.md,
    // the keyword-form extra and source_ref are fine.
    assert_eq!(places, [(13, 15), (14, 31), (15, 15), (16, 19)]);
    assert!(got[1].3.contains("`guides/getting-started.md`"));
    assert_eq!(findings(&fixture("docs_fixed"), "docs-file-missing"), []);
}

/// Copy a fixture to a temporary directory, with some files replaced.
fn variant(name: &str, replace: &[(&str, &Path)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let src = fixture(name);
    let mut stack = vec![src.clone()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            let rel = p.strip_prefix(&src).unwrap();
            if p.is_dir() {
                std::fs::create_dir_all(dir.path().join(rel)).unwrap();
                stack.push(p);
            } else {
                std::fs::copy(&p, dir.path().join(rel)).unwrap();
            }
        }
    }
    for (to, from) in replace {
        std::fs::copy(from, dir.path().join(to)).unwrap();
    }
    dir
}

#[test]
fn optional_and_dev_only_dependencies_fail_for_users_and_verify_shows_it() {
    let broken = fixture("optional_broken");
    assert_eq!(
        findings(&broken, "optional-dependency-unguarded")
            .iter()
            .map(|(f, l, c, _)| (f.as_str(), *l, *c))
            .collect::<Vec<_>>(),
        [("lib/porter.ex", 3, 11)]
    );
    let dev_only = findings(&broken, "dev-only-dependency-excluded");
    assert_eq!(dev_only.len(), 1);
    assert!(
        dev_only[0]
            .3
            .contains("lib/sample.ex uses `TinyGen` (require)")
    );
    let fixed = fixture("optional_fixed");
    assert_eq!(findings(&fixed, "optional-dependency-unguarded"), []);
    assert_eq!(findings(&fixed, "dev-only-dependency-excluded"), []);
    if !has_mix() {
        eprintln!("SKIP: `mix` is not installed; hexlint verify needs Elixir");
        return;
    }
    // The optional dependency is not fetched for a project that depends on the package.
    let out = verify(&broken);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("cannot derive TinyCodec.Encoder"),
        "{stdout}"
    );
    let out = verify(&fixed);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    // Nor is the dev-only one: `require TinyGen` alone breaks the compile.
    let sample = broken.join("lib/sample.ex");
    let dir = variant("optional_fixed", &[("lib/sample.ex", &sample)]);
    let out = verify(dir.path());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("module TinyGen is not loaded"), "{stdout}");
}

#[test]
fn verify_without_mix_says_it_could_not_check() {
    let out = Command::cargo_bin("hexlint")
        .unwrap()
        .arg("verify")
        .arg(fixture("compile_read_fixed"))
        .env("PATH", "")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("not checked: `mix` was not found"),
        "{stderr}"
    );
}
