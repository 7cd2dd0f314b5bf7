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

fn compiled_lines(fixture: &Path, ebin: &Path) -> Vec<String> {
    let status = Command::new("elixirc")
        .args(["--ignore-module-conflict", "-o"])
        .arg(ebin)
        .arg(fixture.join("lib"))
        .output()
        .expect("elixirc runs");
    assert!(
        status.status.success(),
        "elixirc failed on {}: {}{}",
        fixture.display(),
        String::from_utf8_lossy(&status.stdout),
        String::from_utf8_lossy(&status.stderr)
    );
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
    lines
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
        let api = PackageApi::from_files(&sources(fixture), "");
        assert!(api.unreadable.is_empty(), "{name}: {:?}", api.unreadable);
        let tmp = tempfile::tempdir().unwrap();
        let compiled = compiled_lines(fixture, tmp.path());
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
        let expected_partial: BTreeSet<String> =
            std::fs::read_to_string(fixture.join("expected-partial.txt"))
                .unwrap_or_default()
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .map(str::to_string)
                .collect();
        let partial: BTreeSet<String> = api
            .modules
            .values()
            .filter(|m| !m.is_complete())
            .map(|m| m.name.clone())
            .collect();
        if partial != expected_partial {
            failures.push(format!(
                "{name}: partly unknown modules {partial:?}, expected {expected_partial:?}"
            ));
        }
        let empty = BTreeSet::new();
        for m in &modules {
            let o = ours_by.get(m).unwrap_or(&empty);
            let t = theirs_by.get(m).unwrap_or(&empty);
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
            }
        }
        println!(
            "{name}: {} compiled facts, {} static, {} modules partly unknown",
            compiled.len(),
            ours.len(),
            partial.len()
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
