//! Differential test: hexlint's static reading of each fixture's mix.exs against REAL Mix.
//!
//! For every project under `tests/fixtures/`, `hexlint metadata DIR --format json` and
//! `tests/support/mix_eval.exs` (one `elixir` run for all fixtures) produce the same JSON document.
//! Wherever hexlint claims a KNOWN value, Mix must have the same value; an `{"unknown": …}` subtree
//! in hexlint's output is skipped (and counted). Each fixture's `expected-unknown.txt` lists exactly
//! the `unknown[].key`s hexlint must report, so losing (or gaining) coverage fails the test.
//! hexlint reads the version of the Elixir on PATH from its installation files, the same Elixir
//! the real Mix run uses, so `System.version()`, `Version.match?` on it and `Mix.compilers()` are
//! known values here and must equal Mix's.
//!
//! Per-fixture files: `env` (the MIX_ENV to use, default `dev`), `env-vars` (`NAME=value` lines
//! set for both hexlint and Mix), `variants` (one more run per line, each line `NAME=value` pairs
//! separated by spaces, `MIX_ENV=prod` choosing the env: the same mix.exs read under other
//! settings, without copying it), `expected-unknown.txt` (for every run), and
//! `mix-error.txt` (text that real Mix's load error must contain; hexlint must then not claim any
//! top-level value, or refuse to load).
//!
//! Without `elixir` on PATH the test prints a notice and passes; `.ci/run` installs Elixir.
//! `HEXLINT_DIFF_DIRS=dir1:dir2 cargo test --test differential -- --ignored --nocapture` runs the
//! same comparison on arbitrary projects (no expected-unknown files needed) and prints every
//! disagreement.

use serde_json::Value as Json;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

const SKIP_NOTICE: &str =
    "SKIPPED: differential tests against real Mix need Elixir: apt-get install elixir";

/// One project to compare.
#[derive(Clone)]
struct Case {
    name: String,
    dir: PathBuf,
    env: String,
    /// Environment variables set for both hexlint and Mix (`env-vars` file, `NAME=value` lines).
    vars: Vec<(String, String)>,
    /// The `System.version()` both answer (`ELIXIR=1.19.5` in `variants`, or the second run of
    /// every fixture); `None`: the installed Elixir's.
    elixir: Option<String>,
}

/// The outcome of comparing two JSON documents.
#[derive(Default)]
struct Comparison {
    /// Scalars compared and found equal.
    known: usize,
    /// Subtrees hexlint reported as unknown (or could not be aligned because of one).
    unknown: usize,
    /// `path: hexlint value != Mix value` lines.
    mismatches: Vec<String>,
}

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn elixir_available() -> bool {
    Command::new("elixir")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Print the skip notice where it is seen even though libtest captures test output: writing to
/// the stderr handle directly bypasses the capture that `eprintln!` goes through.
fn skip_loudly() {
    use std::io::Write;
    let _ = writeln!(
        std::io::stderr(),
        "\n!!!!!!!!!!\n{SKIP_NOTICE}\n!!!!!!!!!!\n"
    );
    println!("{SKIP_NOTICE}");
}

fn fixture_cases() -> Vec<Case> {
    let root = manifest_dir().join("tests/fixtures");
    let mut cases: Vec<Case> = std::fs::read_dir(&root)
        .expect("tests/fixtures exists")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.join("mix.exs").is_file())
        .flat_map(|dir| fixture_runs(&dir))
        .collect();
    cases.sort_by(|a, b| a.name.cmp(&b.name));
    cases
}

/// The runs of one fixture: its base settings (`env`, `env-vars`), then one per `variants` line.
fn fixture_runs(dir: &Path) -> Vec<Case> {
    let base_name = dir.file_name().unwrap().to_string_lossy().into_owned();
    let base = Case {
        name: base_name.clone(),
        env: std::fs::read_to_string(dir.join("env"))
            .map(|s| s.trim().to_string())
            .unwrap_or_else(|_| "dev".to_string()),
        vars: read_env_vars(dir),
        dir: dir.to_path_buf(),
        elixir: None,
    };
    // Every fixture also runs as if another Elixir release ran Mix: hexlint with `--elixir`,
    // real Mix with `System.version()` (and the other versioned calls) answered as that release
    // would (see mix_eval.exs `--elixir`).
    let other = Case {
        name: format!("{base_name} [System.version {}]", other_elixir()),
        elixir: Some(other_elixir().to_string()),
        ..base.clone()
    };
    let variants = std::fs::read_to_string(dir.join("variants")).unwrap_or_default();
    let extra: Vec<Case> = variants
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|line| {
            let mut case = Case {
                name: format!("{base_name} [{line}]"),
                env: base.env.clone(),
                vars: base.vars.clone(),
                dir: dir.to_path_buf(),
                elixir: None,
            };
            for (k, v) in line.split_whitespace().filter_map(|kv| kv.split_once('=')) {
                if k == "MIX_ENV" {
                    case.env = v.to_string();
                } else if k == "ELIXIR" {
                    case.elixir = Some(v.to_string());
                } else {
                    case.vars.push((k.to_string(), v.to_string()));
                }
            }
            case
        })
        .collect();
    [base, other].into_iter().chain(extra).collect()
}

/// A release other than the installed one for the second run of every fixture: 1.19.5, or
/// 1.15.8 when 1.19 is installed.
fn other_elixir() -> &'static str {
    static OTHER: std::sync::OnceLock<&'static str> = std::sync::OnceLock::new();
    OTHER.get_or_init(|| {
        let installed = Command::new("elixir")
            .arg("--short-version")
            .output()
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
            .unwrap_or_default();
        if installed.starts_with("1.19.") {
            "1.15.8"
        } else {
            "1.19.5"
        }
    })
}

/// `NAME=value` lines of a fixture's `env-vars` file.
fn read_env_vars(dir: &Path) -> Vec<(String, String)> {
    std::fs::read_to_string(dir.join("env-vars"))
        .unwrap_or_default()
        .lines()
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect()
}

/// Environment variables set for one fixture (`env-vars` file).
type EnvVars = [(String, String)];

/// What one real Mix run shares: environment variables, MIX_ENV and `System.version()`.
type MixRun<'c> = (&'c EnvVars, &'c str, Option<&'c str>);

/// Evaluate every case with real Mix, one `elixir` run per distinct set of environment variables
/// and MIX_ENV (a handful in all, so one directory can be read under several settings); returns
/// the documents keyed by case name.
fn run_mix(cases: &[Case]) -> serde_json::Map<String, Json> {
    let mut groups: Vec<(MixRun, Vec<&Case>)> = Vec::new();
    for case in cases {
        let key = (
            case.vars.as_slice(),
            case.env.as_str(),
            case.elixir.as_deref(),
        );
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, members)) => members.push(case),
            None => groups.push((key, vec![case])),
        }
    }
    let mut all = serde_json::Map::new();
    for ((vars, _, _), members) in groups {
        let mut by_dir = run_mix_batch(vars, &members);
        for case in members {
            if let Some(doc) = by_dir.remove(case.dir.to_string_lossy().as_ref()) {
                all.insert(case.name.clone(), doc);
            }
        }
    }
    all
}

fn run_mix_batch(vars: &[(String, String)], cases: &[&Case]) -> serde_json::Map<String, Json> {
    let out = tempfile::NamedTempFile::new().expect("temp file");
    let mut cmd = Command::new("elixir");
    cmd.arg(manifest_dir().join("tests/support/mix_eval.exs"))
        .arg("--out")
        .arg(out.path())
        .env_remove("MIX_ENV")
        .envs(vars.iter().map(|(k, v)| (k, v)));
    for case in cases {
        cmd.arg("--env").arg(&case.env);
        cmd.arg("--elixir")
            .arg(case.elixir.as_deref().unwrap_or("installed"));
        cmd.arg(&case.dir);
    }
    let output = cmd.output().expect("run elixir");
    assert!(
        output.status.success(),
        "mix_eval.exs failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = std::fs::read_to_string(out.path()).expect("mix_eval output");
    match serde_json::from_str(&text) {
        Ok(Json::Object(map)) => map,
        other => panic!("mix_eval.exs printed no JSON object: {other:?}\n{text}"),
    }
}

/// `hexlint metadata DIR --format json --env ENV`: `Ok(json)` or `Err((exit code, stderr))`.
fn run_hexlint(case: &Case) -> Result<Json, (Option<i32>, String)> {
    let output = assert_cmd::Command::cargo_bin("hexlint")
        .expect("hexlint binary")
        .args(["metadata"])
        .arg(&case.dir)
        .args(["--format", "json", "--env", &case.env])
        .args(case.elixir.iter().flat_map(|v| ["--elixir", v.as_str()]))
        .env_remove("MIX_ENV")
        .envs(case.vars.iter().map(|(k, v)| (k, v)))
        .output()
        .expect("run hexlint");
    if !output.status.success() {
        return Err((
            output.status.code(),
            String::from_utf8_lossy(&output.stderr).into_owned(),
        ));
    }
    serde_json::from_slice(&output.stdout).map_err(|e| {
        (
            output.status.code(),
            format!(
                "invalid JSON from hexlint: {e}\n{}",
                String::from_utf8_lossy(&output.stdout)
            ),
        )
    })
}

/// hexlint's marker for a value it cannot know: `{"unknown": reason}`.
fn is_unknown(v: &Json) -> bool {
    matches!(v, Json::Object(m) if m.len() == 1 && m.get("unknown").is_some_and(Json::is_string))
}

/// Compare the metadata documents, skipping `schema`, `path` and `unknown`.
fn compare_documents(hexlint: &Json, mix: &Json) -> Comparison {
    let mut cmp = Comparison::default();
    let (Some(h), Some(m)) = (hexlint.as_object(), mix.as_object()) else {
        cmp.mismatches
            .push(format!("documents are not objects: {hexlint} vs {mix}"));
        return cmp;
    };
    let keys: BTreeSet<&String> = h.keys().chain(m.keys()).collect();
    for key in keys {
        if ["schema", "path", "unknown"].contains(&key.as_str()) {
            continue;
        }
        match (h.get(key), m.get(key)) {
            (Some(hv), Some(mv)) => compare(hv, mv, key, &mut cmp),
            (hv, mv) => cmp
                .mismatches
                .push(format!("{key}: hexlint {hv:?} != Mix {mv:?}")),
        }
    }
    cmp
}

fn compare(h: &Json, m: &Json, path: &str, cmp: &mut Comparison) {
    if is_unknown(h) {
        cmp.unknown += 1;
        return;
    }
    match (h, m) {
        (Json::Object(ho), Json::Object(mo)) => {
            let hk: BTreeSet<&String> = ho.keys().collect();
            let mk: BTreeSet<&String> = mo.keys().collect();
            if hk != mk {
                cmp.mismatches.push(format!(
                    "{path}: keys differ: hexlint {hk:?} != Mix {mk:?} (hexlint {h}, Mix {m})"
                ));
                return;
            }
            for (k, hv) in ho {
                compare(hv, &mo[k], &format!("{path}.{k}"), cmp);
            }
        }
        (Json::Array(ha), Json::Array(ma)) => compare_arrays(ha, ma, path, cmp),
        // A keyword list with an unknown part cannot be an object in hexlint's output: it is a list
        // of `[key, value]` pairs. Compare it with Mix's object seen as such a list.
        (Json::Array(ha), Json::Object(mo)) if ha.iter().any(is_unknown) => {
            let pairs: Vec<Json> = mo
                .iter()
                .map(|(k, v)| Json::Array(vec![Json::String(k.clone()), v.clone()]))
                .collect();
            compare_arrays(ha, &pairs, path, cmp);
        }
        (Json::Number(hn), Json::Number(mn)) => {
            let same = if hn.is_f64() || mn.is_f64() {
                hn.is_f64() == mn.is_f64() && hn.as_f64() == mn.as_f64()
            } else {
                hn == mn
            };
            record_scalar(same, h, m, path, cmp);
        }
        _ => record_scalar(h == m, h, m, path, cmp),
    }
}

fn record_scalar(same: bool, h: &Json, m: &Json, path: &str, cmp: &mut Comparison) {
    if same && !h.is_object() && !h.is_array() {
        cmp.known += 1;
    } else if !same {
        cmp.mismatches
            .push(format!("{path}: hexlint {h} != Mix {m}"));
    }
}

/// Arrays: without unknown elements they must match element by element. An unknown element may
/// stand for any number of elements (`base ++ unknown`), so only the known prefix before the first
/// unknown and the known suffix after the last one are aligned and compared.
fn compare_arrays(h: &[Json], m: &[Json], path: &str, cmp: &mut Comparison) {
    let first = h.iter().position(is_unknown);
    let last = h.iter().rposition(is_unknown);
    let (Some(first), Some(last)) = (first, last) else {
        if h.len() != m.len() {
            cmp.mismatches.push(format!(
                "{path}: length {} != Mix length {} (hexlint {}, Mix {})",
                h.len(),
                m.len(),
                Json::Array(h.to_vec()),
                Json::Array(m.to_vec())
            ));
            return;
        }
        for (i, (hv, mv)) in h.iter().zip(m).enumerate() {
            compare(hv, mv, &format!("{path}[{i}]"), cmp);
        }
        return;
    };
    let suffix = h.len() - last - 1;
    if m.len() < first + suffix {
        cmp.mismatches.push(format!(
            "{path}: hexlint knows {} elements around its unknown ones, Mix has only {} (hexlint {}, Mix {})",
            first + suffix,
            m.len(),
            Json::Array(h.to_vec()),
            Json::Array(m.to_vec())
        ));
        return;
    }
    for i in 0..first {
        compare(&h[i], &m[i], &format!("{path}[{i}]"), cmp);
    }
    for j in 0..suffix {
        let (hi, mi) = (last + 1 + j, m.len() - suffix + j);
        compare(&h[hi], &m[mi], &format!("{path}[{hi}]"), cmp);
    }
    // Elements between the first and last unknown cannot be aligned.
    cmp.unknown += last + 1 - first;
}

/// hexlint's `unknown[].key`s.
fn reported_unknown_keys(doc: &Json) -> Vec<String> {
    doc.get("unknown")
        .and_then(Json::as_array)
        .map(|items| {
            items
                .iter()
                .filter_map(|u| u.get("key").and_then(Json::as_str).map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// Lines of `expected-unknown.txt`, without blanks and `#` comments. `(project)` stands for the
/// empty key (the whole `project/0` value is unknown).
fn expected_unknown_keys(dir: &Path) -> Option<Vec<String>> {
    let text = std::fs::read_to_string(dir.join("expected-unknown.txt")).ok()?;
    Some(
        text.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(|l| {
                if l == "(project)" {
                    String::new()
                } else {
                    l.to_string()
                }
            })
            .collect(),
    )
}

/// Top-level values that are neither null nor unknown (what hexlint must not claim when Mix
/// itself cannot load the project).
fn claimed_top_level(doc: &Json) -> Vec<String> {
    [
        "app",
        "version",
        "elixir",
        "description",
        "name",
        "source_url",
        "homepage_url",
        "package",
        "deps",
        "docs",
    ]
    .iter()
    .filter(|k| doc.get(**k).is_some_and(|v| !v.is_null() && !is_unknown(v)))
    .map(|k| k.to_string())
    .collect()
}

/// One row of the agreement table plus its failures.
struct Row {
    name: String,
    env: String,
    known: usize,
    unknown: usize,
    failures: Vec<String>,
}

/// Compare one case; `expect_files` enables the expected-unknown / mix-error checks.
fn check_case(case: &Case, mix_doc: Option<&Json>, expect_files: bool) -> Row {
    let mut row = Row {
        name: case.name.clone(),
        env: case.env.clone(),
        known: 0,
        unknown: 0,
        failures: Vec::new(),
    };
    let hexlint = run_hexlint(case);
    let Some(mix_doc) = mix_doc else {
        row.failures.push("no output from mix_eval.exs".into());
        return row;
    };
    let expected_mix_error = if expect_files {
        std::fs::read_to_string(case.dir.join("mix-error.txt"))
            .ok()
            .map(|s| s.trim().to_string())
    } else {
        None
    };

    if let Some(err) = mix_doc.get("error").and_then(Json::as_str) {
        match &expected_mix_error {
            Some(want) if err.contains(want.as_str()) => {}
            Some(want) => row
                .failures
                .push(format!("Mix error {err:?} does not contain {want:?}")),
            None if expect_files => row.failures.push(format!(
                "real Mix could not load this project: {err} (add mix-error.txt if intended)"
            )),
            None => {
                row.failures
                    .push(format!("(Mix error, not compared) {err}"));
                return row;
            }
        }
        // hexlint may refuse to load, or load without claiming any value.
        if let Ok(doc) = &hexlint {
            let claimed = claimed_top_level(doc);
            if !claimed.is_empty() {
                row.failures.push(format!(
                    "real Mix raises while loading, yet hexlint claims known values for {claimed:?}"
                ));
            }
        }
        return row;
    }
    if let Some(want) = expected_mix_error {
        row.failures.push(format!(
            "expected real Mix to fail with {want:?}, it did not"
        ));
    }

    let doc = match hexlint {
        Ok(doc) => doc,
        Err((code, stderr)) => {
            row.failures
                .push(format!("hexlint exited with {code:?}:\n{stderr}"));
            return row;
        }
    };
    let cmp = compare_documents(&doc, mix_doc);
    row.known = cmp.known;
    row.unknown = cmp.unknown;
    row.failures.extend(cmp.mismatches);

    if expect_files {
        let mut reported = reported_unknown_keys(&doc);
        reported.sort();
        match expected_unknown_keys(&case.dir) {
            None => row.failures.push(format!(
                "missing expected-unknown.txt (hexlint reports unknown keys {reported:?})"
            )),
            Some(mut expected) => {
                expected.sort();
                if expected != reported {
                    row.failures.push(format!(
                        "unknown keys: expected {expected:?}, hexlint reports {reported:?}"
                    ));
                }
            }
        }
    }
    row
}

fn print_table(rows: &[Row]) {
    println!();
    println!(
        "{:<28} {:<5} {:>6} {:>8}  result",
        "fixture", "env", "known", "unknown"
    );
    for r in rows {
        println!(
            "{:<28} {:<5} {:>6} {:>8}  {}",
            r.name,
            r.env,
            r.known,
            r.unknown,
            if r.failures.is_empty() {
                "agree".to_string()
            } else {
                format!("{} problem(s)", r.failures.len())
            }
        );
    }
    let known: usize = rows.iter().map(|r| r.known).sum();
    let unknown: usize = rows.iter().map(|r| r.unknown).sum();
    println!(
        "{:<28} {:<5} {known:>6} {unknown:>8}  {} of {} agree",
        "TOTAL",
        "",
        rows.iter().filter(|r| r.failures.is_empty()).count(),
        rows.len()
    );
}

fn failure_report(rows: &[Row]) -> String {
    rows.iter()
        .filter(|r| !r.failures.is_empty())
        .map(|r| {
            format!(
                "--- {} (env {})\n  {}",
                r.name,
                r.env,
                r.failures.join("\n  ")
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn compare_all(cases: &[Case], expect_files: bool) -> Vec<Row> {
    let mix = run_mix(cases);
    cases
        .iter()
        .map(|case| check_case(case, mix.get(&case.name), expect_files))
        .collect()
}

#[test]
fn fixtures_agree_with_real_mix() {
    if !elixir_available() {
        skip_loudly();
        return;
    }
    let cases = fixture_cases();
    assert!(
        cases.len() >= 40,
        "expected at least 40 fixtures, found {}",
        cases.len()
    );
    let rows = compare_all(&cases, true);
    print_table(&rows);
    let report = failure_report(&rows);
    assert!(
        report.is_empty(),
        "hexlint disagrees with real Mix:\n{report}"
    );
}

/// Compare arbitrary projects (`HEXLINT_DIFF_DIRS`, `:`-separated): prints the table and every
/// disagreement; fails when any known value disagrees.
#[test]
#[ignore = "set HEXLINT_DIFF_DIRS to a list of project directories"]
fn external_projects_agree_with_real_mix() {
    let Ok(dirs) = std::env::var("HEXLINT_DIFF_DIRS") else {
        println!("HEXLINT_DIFF_DIRS not set");
        return;
    };
    if !elixir_available() {
        skip_loudly();
        return;
    }
    let cases: Vec<Case> = std::env::split_paths(&dirs)
        .filter(|d| d.join("mix.exs").is_file())
        .map(|dir| Case {
            name: dir.display().to_string(),
            env: std::env::var("HEXLINT_DIFF_ENV").unwrap_or_else(|_| "dev".into()),
            vars: Vec::new(),
            dir,
            elixir: None,
        })
        .collect();
    let rows = compare_all(&cases, false);
    print_table(&rows);
    let report = failure_report(&rows);
    println!("{report}");
    assert!(
        !rows
            .iter()
            .any(|r| r.failures.iter().any(|f| !f.starts_with("(Mix error"))),
        "disagreements found (see above)"
    );
}

#[cfg(test)]
mod comparison_tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn unknown_subtrees_are_skipped_and_counted() {
        let h = json!({"version": {"unknown": "System.cmd"}, "app": "a", "path": "x"});
        let m = json!({"version": "1.0.0", "app": "a", "path": "y"});
        let cmp = compare_documents(&h, &m);
        assert_eq!((cmp.known, cmp.unknown), (1, 1));
        assert!(cmp.mismatches.is_empty());
    }

    #[test]
    fn a_wrong_known_value_is_a_mismatch() {
        let h = json!({"deps": [{"app": "a", "requirement": "~> 1.0", "options": {}}]});
        let m = json!({"deps": [{"app": "a", "requirement": "~> 2.0", "options": {}}]});
        let cmp = compare_documents(&h, &m);
        assert_eq!(
            cmp.mismatches,
            vec![r#"deps[0].requirement: hexlint "~> 1.0" != Mix "~> 2.0""#]
        );
    }

    #[test]
    fn objects_compare_order_insensitively_but_keys_must_match() {
        let mut cmp = Comparison::default();
        compare(
            &json!({"a": 1, "b": 2}),
            &json!({"b": 2, "a": 1}),
            "x",
            &mut cmp,
        );
        assert_eq!((cmp.known, cmp.mismatches.len()), (2, 0));
        compare(&json!({"a": 1}), &json!({"a": 1, "b": 2}), "x", &mut cmp);
        assert_eq!(cmp.mismatches.len(), 1);
    }

    #[test]
    fn arrays_with_unknowns_align_prefix_and_suffix() {
        let mut cmp = Comparison::default();
        compare(
            &json!(["a", {"unknown": "r"}, "z"]),
            &json!(["a", "b", "c", "z"]),
            "x",
            &mut cmp,
        );
        assert_eq!((cmp.known, cmp.unknown, cmp.mismatches.len()), (2, 1, 0));
        compare(
            &json!(["a", {"unknown": "r"}, "y"]),
            &json!(["a", "b", "c", "z"]),
            "x",
            &mut cmp,
        );
        assert_eq!(cmp.mismatches, vec![r#"x[2]: hexlint "y" != Mix "z""#]);
    }

    #[test]
    fn integers_and_floats_differ() {
        let mut cmp = Comparison::default();
        compare(&json!(1), &json!(1.0), "n", &mut cmp);
        compare(&json!(1.5), &json!(1.5), "n", &mut cmp);
        assert_eq!((cmp.known, cmp.mismatches.len()), (1, 1));
    }
}
