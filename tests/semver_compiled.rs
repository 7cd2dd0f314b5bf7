//! Differential test: hexlint's static API of each fixture library under
//! `tests/fixtures/semver/compiled/` against what the compiler says.
//!
//! Each fixture's `lib/` is compiled with the real `elixirc` (and `src/*.erl` with `erlc`) into a
//! temporary directory; `tests/support/api_dump.exs` then prints, from the `.beam` files,
//! `__info__(:functions)`, `__info__(:macros)`, `Code.fetch_docs/1` (hidden, defaults,
//! deprecated), `behaviour_info/1`, the public types and the struct's keys and enforced keys — in
//! the line format of `PackageApi::lines`. For every module hexlint reads completely the two sets
//! of lines must be equal; a module hexlint marks partly unknown must be listed in the fixture's
//! `expected-partial.txt` (the documented unknowns), and everything hexlint claims about it must
//! still be true (its lines a subset of the compiler's).
//!
//! Without Elixir on PATH the test prints `SKIP: …` and passes (CI installs Elixir).

use hexlint::api::PackageApi;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Is `tool` on PATH? (Spawning is enough: `erlc` has no `--version`.)
fn have(tool: &str) -> bool {
    Command::new(tool).arg("--version").output().is_ok()
}

fn sources(dir: &Path) -> Vec<(PathBuf, String, bool)> {
    let mut out = Vec::new();
    for (sub, ext, erlang) in [("lib", "ex", false), ("src", "erl", true)] {
        let mut stack = vec![dir.join(sub)];
        while let Some(d) = stack.pop() {
            let Ok(entries) = std::fs::read_dir(&d) else {
                continue;
            };
            for e in entries.flatten() {
                let p = e.path();
                if p.is_dir() {
                    stack.push(p);
                } else if p.extension().is_some_and(|x| x == ext) {
                    let rel = p.strip_prefix(dir).unwrap().to_string_lossy().into_owned();
                    out.push((p, rel, erlang));
                }
            }
        }
    }
    out.sort();
    out
}

/// The module a line is about: the longest known module name that prefixes its second word.
fn module_of<'a>(line: &str, modules: &'a BTreeSet<String>) -> Option<&'a String> {
    let word = line.split(' ').nth(1)?;
    modules
        .iter()
        .filter(|m| word == m.as_str() || word.starts_with(&format!("{m}.")))
        .max_by_key(|m| m.len())
}

fn compiled_lines(fixture: &Path, ebin: &Path) -> Result<Vec<String>, String> {
    let status = Command::new("elixirc")
        .args(["--ignore-module-conflict", "-o"])
        .arg(ebin)
        .arg(fixture.join("lib"))
        .output()
        .expect("elixirc runs");
    if !status.status.success() {
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&status.stdout),
            String::from_utf8_lossy(&status.stderr)
        );
        let line = text
            .lines()
            .find(|l| l.contains("error") || l.contains("Error"))
            .unwrap_or("")
            .to_string();
        return Err(format!("elixirc failed on {}: {line}", fixture.display()));
    }
    let erls: Vec<PathBuf> = sources(fixture)
        .into_iter()
        .filter(|(_, _, erl)| *erl)
        .map(|(p, _, _)| p)
        .collect();
    if !erls.is_empty() {
        let out = Command::new("erlc")
            .arg("-o")
            .arg(ebin)
            .args(&erls)
            .output()
            .expect("erlc runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let out = Command::new("elixir")
        .arg(Path::new(ROOT).join("tests/support/api_dump.exs"))
        .arg(ebin)
        .output()
        .expect("elixir runs");
    assert!(
        out.status.success(),
        "api_dump.exs failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut lines: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_string)
        .collect();
    lines.sort();
    Ok(lines)
}

/// Compare one library's static API with its compiled one; returns the failures and a summary.
/// `compiled` is `None` when `elixirc` failed (the error in the summary).
fn compare(
    name: &str,
    dir: &Path,
    expected_partial: Option<&BTreeSet<String>>,
) -> (Vec<String>, String) {
    let api = PackageApi::from_files(&sources(dir), "");
    let mut failures: Vec<String> = api
        .unreadable
        .iter()
        .map(|(f, e)| format!("{name}: {f} unreadable: {e}"))
        .collect();
    let tmp = tempfile::tempdir().unwrap();
    let compiled = match compiled_lines(dir, tmp.path()) {
        Ok(lines) => lines,
        Err(e) => return (failures, format!("{name}: not compiled: {e}")),
    };
    let ours = api.lines();
    let modules: BTreeSet<String> = api
        .modules
        .keys()
        .cloned()
        .chain(compiled.iter().filter_map(|l| {
            l.strip_prefix("module ")
                .map(|r| r.split(' ').next().unwrap().to_string())
        }))
        .collect();
    let group = |lines: &[String]| {
        let mut by: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for l in lines {
            let m = module_of(l, &modules).cloned().unwrap_or_default();
            by.entry(m).or_default().insert(l.clone());
        }
        by
    };
    let (ours_by, theirs_by) = (group(&ours), group(&compiled));
    let partial: BTreeSet<String> = api
        .modules
        .values()
        .filter(|m| !m.is_complete())
        .map(|m| m.name.clone())
        .collect();
    if let Some(expected) = expected_partial
        && partial != *expected
    {
        failures.push(format!(
            "{name}: partly unknown modules {partial:?}, expected {expected:?}"
        ));
    }
    let empty = BTreeSet::new();
    let mut equal_modules = 0;
    for m in &modules {
        let o = ours_by.get(m).unwrap_or(&empty);
        let t = theirs_by.get(m).unwrap_or(&empty);
        let before = failures.len();
        if partial.contains(m) {
            for l in o.difference(t) {
                failures.push(format!(
                    "{name}: hexlint claims `{l}`, the compiler does not"
                ));
            }
        } else {
            for l in o.difference(t) {
                failures.push(format!("{name}: only hexlint: `{l}`"));
            }
            for l in t.difference(o) {
                failures.push(format!("{name}: only the compiler: `{l}`"));
            }
            if failures.len() == before {
                equal_modules += 1;
            }
        }
    }
    let summary = format!(
        "{name}: {} compiled facts, {} static; {} modules: {equal_modules} read completely and equal, {} partly unknown",
        compiled.len(),
        ours.len(),
        modules.len(),
        partial.len()
    );
    (failures, summary)
}

#[test]
fn static_api_equals_compiled_api() {
    if !have("elixirc") || !have("erlc") {
        println!("SKIP: the API differential test needs elixirc and erlc: apt-get install elixir");
        return;
    }
    let base = Path::new(ROOT).join("tests/fixtures/semver/compiled");
    let mut fixtures: Vec<PathBuf> = std::fs::read_dir(&base)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    fixtures.sort();
    assert!(fixtures.len() >= 2);
    let mut failures = Vec::new();
    for fixture in &fixtures {
        let name = fixture.file_name().unwrap().to_string_lossy().into_owned();
        let expected_partial: BTreeSet<String> =
            std::fs::read_to_string(fixture.join("expected-partial.txt"))
                .unwrap_or_default()
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .map(str::to_string)
                .collect();
        let (f, summary) = compare(&name, fixture, Some(&expected_partial));
        assert!(!summary.contains("not compiled"), "{summary}");
        println!("{summary}");
        failures.extend(f);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The same comparison on real libraries without dependencies:
/// `HEXLINT_API_DIRS=dir1:dir2 cargo test --test semver_compiled -- --ignored --nocapture`
/// prints, per library, the facts compared and every difference (partly unknown modules are only
/// checked for false claims). Libraries that need their dependencies to compile are reported as
/// not compiled.
#[test]
#[ignore]
fn real_libraries() {
    let Ok(dirs) = std::env::var("HEXLINT_API_DIRS") else {
        println!("SKIP: set HEXLINT_API_DIRS");
        return;
    };
    let mut total = 0;
    for dir in dirs.split(':').filter(|d| !d.is_empty()) {
        let dir = Path::new(dir);
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        let (failures, summary) = compare(&name, dir, None);
        let claims = failures
            .iter()
            .filter(|f| f.contains("hexlint claims"))
            .count();
        println!(
            "{summary}; {} differences in completely read modules, {claims} claims about partly unknown modules",
            failures.len() - claims
        );
        for f in &failures {
            println!("  {f}");
        }
        total += failures.len();
    }
    println!("total differences: {total}");
}
