//! Hostile and broken inputs: each ends with a clear diagnostic and a defined exit code
//! (2 for unreadable input, 1 for lint findings, 0 when the input is fine), never a panic or hang.
//! Every run is bounded by a generous timeout.

use assert_cmd::Command;
use std::path::Path;
use std::time::Duration;

const TIMEOUT: Duration = Duration::from_secs(60);

fn hexlint() -> Command {
    let mut cmd = Command::cargo_bin("hexlint").unwrap();
    cmd.timeout(TIMEOUT)
        .env("NO_COLOR", "1")
        .env_remove("MIX_ENV");
    cmd
}

/// Run `hexlint ARGS` and return (exit code, stdout, stderr), asserting it did not panic.
fn run(args: &[&str], dir: &Path) -> (i32, String, String) {
    let out = hexlint().args(args).arg(dir).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(
        !stderr.contains("panicked") && !stderr.contains("RUST_BACKTRACE"),
        "hexlint panicked:\n{stderr}"
    );
    let code = out
        .status
        .code()
        .expect("hexlint was killed (timeout or signal)");
    (code, stdout, stderr)
}

fn project(mix_exs: impl AsRef<[u8]>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("mix.exs"), mix_exs).unwrap();
    dir
}

/// A typical, valid mix.exs with `EXTRA` spliced into the module body and `PROJECT` into the
/// project keyword list.
fn mix_exs(extra: &str, project: &str) -> String {
    format!(
        r#"defmodule Hostile.MixProject do
  use Mix.Project
{extra}
  def project do
    [
      app: :hostile,
      version: "0.1.0",
      {project}
      deps: []
    ]
  end
end
"#
    )
}

#[test]
fn deeply_nested_brackets_hit_the_nesting_limit() {
    let src = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let dir = project(src);
    let (code, _, err) = run(&["metadata"], dir.path());
    assert_eq!(code, 2);
    assert!(err.contains("MAX_NESTING_DEPTH"), "{err}");
}

#[test]
fn deep_defp_chain_is_unknown_not_a_crash() {
    let mut defs = String::new();
    for i in 0..2000 {
        defs.push_str(&format!("  defp f{i}, do: f{}()\n", i + 1));
    }
    defs.push_str("  defp f2000, do: \"0.1.0\"\n");
    let src = mix_exs(&defs, "description: f0(),");
    let dir = project(src);
    let (code, out, err) = run(&["metadata", "--format", "json"], dir.path());
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("MAX_CALL_DEPTH"), "{out}");
}

#[test]
fn mutual_recursion_is_bounded() {
    let defs = "  defp ping(n), do: pong(n + 1)\n  defp pong(n), do: ping(n + 1)\n";
    let dir = project(mix_exs(defs, "description: ping(0),"));
    let (code, out, _) = run(&["metadata", "--format", "json"], dir.path());
    assert_eq!(code, 0);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(
        json["description"]["unknown"]
            .as_str()
            .unwrap()
            .contains("MAX_CALL_DEPTH")
    );
}

#[test]
fn oversized_mix_exs_is_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let f = std::fs::File::create(dir.path().join("mix.exs")).unwrap();
    f.set_len(50 * 1024 * 1024).unwrap(); // sparse 50 MB file
    let (code, _, err) = run(&["metadata"], dir.path());
    assert_eq!(code, 2);
    assert!(err.contains("MAX_INPUT_BYTES"), "{err}");
}

#[test]
fn a_multi_megabyte_single_line_string_is_handled() {
    let long = "x".repeat(6 * 1024 * 1024);
    let dir = project(mix_exs("", &format!("description: \"{long}\",")));
    let (code, out, _) = run(&["metadata", "--format", "json"], dir.path());
    assert_eq!(code, 0);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["description"].as_str().map(str::len), Some(long.len()));
}

#[test]
fn invalid_utf8_is_reported_with_a_location() {
    let mut bytes = mix_exs("", "").into_bytes();
    bytes.splice(20..20, [0xC3, 0x28]);
    let dir = project(bytes);
    let (code, _, err) = run(&["metadata"], dir.path());
    assert_eq!(code, 2);
    assert!(err.contains("not valid UTF-8"), "{err}");
    assert!(err.contains("mix.exs:1:"), "location missing: {err}");
}

#[test]
fn utf16_is_refused_clearly() {
    let mut bytes = vec![0xFF, 0xFE];
    for u in mix_exs("", "").encode_utf16() {
        bytes.extend(u.to_le_bytes());
    }
    let dir = project(bytes);
    let (code, _, err) = run(&["metadata"], dir.path());
    assert_eq!(code, 2);
    assert!(err.contains("UTF-16"), "{err}");
}

#[test]
fn nul_bytes_are_refused_with_a_location() {
    let dir = project(mix_exs("  # a\0b\n", ""));
    let (code, _, err) = run(&["metadata"], dir.path());
    assert_eq!(code, 2);
    assert!(err.contains("NUL"), "{err}");
}

#[test]
fn crlf_line_endings_read_like_lf() {
    let dir = project(mix_exs("", "description: \"ok\",").replace('\n', "\r\n"));
    let (code, out, err) = run(&["metadata", "--format", "json"], dir.path());
    assert_eq!(code, 0, "{err}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["version"], "0.1.0");
    assert_eq!(json["description"], "ok");
}

#[test]
fn utf8_bom_is_refused_like_elixir_does() {
    // Elixir 1.14: `** (SyntaxError) mix.exs:1:1: unexpected token: "\u{FEFF}"`.
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(mix_exs("", "").into_bytes());
    let dir = project(bytes);
    let (code, _, err) = run(&["metadata"], dir.path());
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("byte order mark"), "{err}");
    assert!(err.contains("mix.exs:1:1"), "{err}");
}

#[test]
fn unterminated_constructs_point_at_their_start() {
    for (src, what) in [
        ("defmodule X do\n  @d \"abc\nend\n", "string"),
        ("defmodule X do\n  @d \"\"\"\n  abc\nend\n", "heredoc"),
        ("defmodule X do\n  @d ~w(a b\nend\n", "sigil"),
        ("defmodule X do\n  @d \"a #{b \nend\n", "interpolation"),
    ] {
        let dir = project(src);
        let (code, _, err) = run(&["metadata"], dir.path());
        assert_eq!(code, 2, "{what}: {err}");
        assert!(err.to_lowercase().contains("unterminated"), "{what}: {err}");
        assert!(
            err.contains("mix.exs:2:"),
            "{what}: location missing: {err}"
        );
    }
}

#[test]
fn mix_exs_that_tries_to_run_code_has_no_side_effects() {
    let dir = tempfile::tempdir().unwrap();
    let marker = dir.path().join("pwned");
    let src = mix_exs(
        &format!(
            "  System.cmd(\"touch\", [{m:?}])\n  File.write!({m:?}, \"x\")\n  @v System.cmd(\"sh\", [\"-c\", \"touch {m}\"])\n",
            m = marker.display().to_string()
        ),
        "description: elem(System.cmd(\"touch\", [\"pwned\"]), 0),",
    );
    std::fs::write(dir.path().join("mix.exs"), src).unwrap();
    for cmd in ["metadata", "check"] {
        let (code, _, err) = run(&[cmd], dir.path());
        assert!(code == 0 || code == 1, "{cmd}: {err}");
    }
    assert!(!marker.exists(), "hexlint executed project code");
    assert!(
        !dir.path().join("pwned").exists(),
        "hexlint executed project code"
    );
}

#[test]
fn unset_environment_variables_read_as_nil() {
    let dir = project(mix_exs(
        "",
        "description: System.get_env(\"HEXLINT_SURELY_UNSET\") || \"fallback\",",
    ));
    let mut cmd = hexlint();
    cmd.env_remove("HEXLINT_SURELY_UNSET");
    let out = cmd
        .args(["metadata", "--format", "json"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["description"], "fallback");
}

#[test]
fn missing_and_non_project_paths_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, err) = run(&["check"], &dir.path().join("nope"));
    assert_eq!(code, 2, "{err}");
    let (code, out, err) = run(&["check"], dir.path());
    assert_eq!(code, 2);
    assert!(format!("{out}{err}").contains("no mix.exs"), "{out}{err}");
}

/// A package whose `files:` list is `files` (an Elixir list literal), with lib/ and a README.
fn package_with_files(files: &str) -> tempfile::TempDir {
    let dir = project(mix_exs(
        "",
        &format!(
            "description: \"x\", package: [licenses: [\"MIT\"], links: %{{\"GitHub\" => \"https://github.com/x/y\"}}, files: {files}],"
        ),
    ));
    std::fs::create_dir(dir.path().join("lib")).unwrap();
    std::fs::write(
        dir.path().join("lib/hostile.ex"),
        "defmodule Hostile do\nend\n",
    )
    .unwrap();
    dir
}

fn rules_in(out: &str) -> Vec<String> {
    let json: serde_json::Value = serde_json::from_str(out).unwrap();
    json["packages"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn escaping_and_absolute_patterns_are_one_finding_each_and_never_walk_the_disk() {
    let dir = package_with_files(r#"["lib", "../../../../../../**", "/**"]"#);
    let start = std::time::Instant::now();
    let (code, out, _) = run(&["check", "--format", "json"], dir.path());
    assert_eq!(code, 1);
    let rules = rules_in(&out);
    let unsafe_paths = rules.iter().filter(|r| *r == "unsafe-path").count();
    assert_eq!(unsafe_paths, 2, "one per pattern: {rules:?}");
    assert!(rules.len() < 20, "no per-file flood: {rules:?}");
    assert!(start.elapsed() < Duration::from_secs(20), "walked too much");
}

#[cfg(unix)]
#[test]
fn double_star_over_a_symlink_loop_terminates() {
    let dir = package_with_files(r#"["lib/**"]"#);
    std::os::unix::fs::symlink("..", dir.path().join("lib/loop")).unwrap();
    let (code, out, err) = run(&["files", "--format", "json"], dir.path());
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("lib/hostile.ex"));
}

#[test]
fn a_directory_of_100_000_files_is_listed() {
    let dir = package_with_files(r#"["lib", "priv"]"#);
    let priv_dir = dir.path().join("priv/many");
    std::fs::create_dir_all(&priv_dir).unwrap();
    for i in 0..100_000 {
        std::fs::File::create(priv_dir.join(format!("f{i}"))).unwrap();
    }
    let (code, out, err) = run(&["files", "--format", "json"], dir.path());
    assert_eq!(code, 0, "{err}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(json["files"].as_array().unwrap().len() > 100_000);
}

#[cfg(unix)]
#[test]
fn a_fifo_in_the_package_is_an_error_not_a_hang() {
    let dir = package_with_files(r#"["lib"]"#);
    let status = std::process::Command::new("mkfifo")
        .arg(dir.path().join("lib/pipe"))
        .status()
        .unwrap();
    assert!(status.success());
    let (code, out, _) = run(&["check", "--format", "json"], dir.path());
    assert_eq!(code, 1);
    assert!(rules_in(&out).contains(&"unsupported-file-type".to_string()));
}

#[cfg(unix)]
#[test]
fn an_unreadable_file_does_not_crash() {
    use std::os::unix::fs::PermissionsExt;
    let dir = package_with_files(r#"["lib"]"#);
    let secret = dir.path().join("lib/secret.ex");
    std::fs::write(&secret, "defmodule Secret do\nend\n").unwrap();
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o000)).unwrap();
    // As root the file stays readable; the run must succeed either way.
    let (code, _, err) = run(&["check"], dir.path());
    assert!(code == 0 || code == 1, "{err}");
}

#[test]
fn a_project_path_with_glob_metacharacters_and_spaces_is_explained() {
    let outer = tempfile::tempdir().unwrap();
    let root = outer.path().join("we[ir]d {dir} with spaces");
    std::fs::create_dir_all(root.join("lib")).unwrap();
    std::fs::write(root.join("mix.exs"), mix_exs("", "description: \"x\",")).unwrap();
    std::fs::write(root.join("lib/hostile.ex"), "defmodule Hostile do\nend\n").unwrap();
    let (code, out, err) = run(&["check", "--format", "json"], &root);
    assert_eq!(code, 1, "{err}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let diags = json["packages"][0]["diagnostics"].as_array().unwrap();
    let empty = diags
        .iter()
        .find(|d| d["rule"] == "empty-file-list")
        .expect("Hex's empty file list in such a directory is reported");
    assert!(
        empty["message"].as_str().unwrap().contains('[')
            || empty["help"].as_str().unwrap_or("").contains("glob"),
        "{empty}"
    );
}
