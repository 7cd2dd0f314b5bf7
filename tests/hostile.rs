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

/// The findings of the (first) package in `check --format json` output.
fn diagnostics(out: &str) -> Vec<serde_json::Value> {
    let mut json: serde_json::Value = serde_json::from_str(out).unwrap();
    match json["packages"][0]["diagnostics"].take() {
        serde_json::Value::Array(diagnostics) => diagnostics,
        other => panic!("no diagnostics array ({other}): {out}"),
    }
}

/// The first finding of `rule`; fails the test when there is none.
fn finding(out: &str, rule: &str) -> serde_json::Value {
    diagnostics(out)
        .into_iter()
        .find(|d| d["rule"] == rule)
        .unwrap_or_else(|| panic!("no {rule} finding: {out}"))
}

fn rules_in(out: &str) -> Vec<String> {
    diagnostics(out)
        .iter()
        .map(|d| d["rule"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn escaping_and_absolute_patterns_are_one_finding_each_and_never_walk_the_disk() {
    let dir = package_with_files(r#"["lib", "../../../../../../**", "/**"]"#);
    let (code, out, _) = run(&["check", "--format", "json"], dir.path());
    assert_eq!(code, 1);
    let rules = rules_in(&out);
    let unsafe_paths = rules.iter().filter(|r| *r == "unsafe-path").count();
    assert_eq!(unsafe_paths, 2, "one per pattern: {rules:?}");
    assert!(rules.len() < 20, "no per-file flood: {rules:?}");
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
    let empty = finding(&out, "empty-file-list");
    assert!(
        empty["message"].as_str().unwrap().contains('[')
            || empty["help"].as_str().unwrap_or("").contains("glob"),
        "{empty}"
    );
}

// ---- Issue 14: hostile and broken projects, second round ----

/// Run `hexlint ARGS DIR` and return (exit code, stdout, stderr) as bytes.
fn run_raw(args: &[&str], dir: &Path) -> (i32, Vec<u8>, Vec<u8>) {
    let out = hexlint().args(args).arg(dir).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "hexlint panicked:\n{stderr}");
    let code = out.status.code().expect("hexlint was killed");
    (code, out.stdout, out.stderr)
}

/// The first control character (other than newline and tab), C1 control or bidi control in
/// `text`, which must never reach a terminal.
fn raw_control(text: &[u8]) -> Option<char> {
    String::from_utf8_lossy(text).chars().find(|&c| {
        (c.is_control() && c != '\n' && c != '\t')
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}')
    })
}

fn assert_clean(what: &str, out: &[u8], err: &[u8]) {
    assert_eq!(
        raw_control(out),
        None,
        "{what}: raw control character on stdout:\n{}",
        String::from_utf8_lossy(out)
    );
    assert_eq!(
        raw_control(err),
        None,
        "{what}: raw control character on stderr:\n{}",
        String::from_utf8_lossy(err)
    );
}

#[test]
fn control_sequences_from_mix_exs_never_reach_the_terminal() {
    // A license that would retitle the window, clear the screen and ring the bell; C1 CSI too.
    let evil = r#"MIT\e]0;pwned\a\e[2J\u009b31m\r"#;
    let dir = package_with_files(r#"["lib", "mix.exs"]"#);
    let src = mix_exs(
        "",
        &format!("description: \"x\", package: [licenses: [\"{evil}\"]],"),
    );
    std::fs::write(dir.path().join("mix.exs"), src).unwrap();
    std::fs::write(
        dir.path().join("lib/\u{1b}[2Jevil\u{7}.ex"),
        "defmodule Evil do\nend\n",
    )
    .unwrap();
    for format in ["human", "concise", "github"] {
        let (code, out, err) = run_raw(
            &["check", "--color", "never", "--format", format],
            dir.path(),
        );
        assert_eq!(code, 1, "{format}: {}", String::from_utf8_lossy(&err));
        assert!(
            String::from_utf8_lossy(&out).contains("invalid-license"),
            "{format}"
        );
        assert_clean(format, &out, &err);
    }
    // The value is shown escaped, so the reader sees what is there.
    let (_, out, _) = run_raw(&["check", "--format", "concise"], dir.path());
    assert!(
        String::from_utf8_lossy(&out).contains(r"MIT\e]0;pwned"),
        "{}",
        String::from_utf8_lossy(&out)
    );
    for cmd in ["metadata", "files", "modules"] {
        let (code, out, err) = run_raw(&[cmd], dir.path());
        assert_eq!(code, 0, "{cmd}: {}", String::from_utf8_lossy(&err));
        assert_clean(cmd, &out, &err);
    }
    // JSON escapes them by its own rules (C0 as `\u001b`; JSON allows C1 and bidi as they are).
    let (_, out, _) = run_raw(&["check", "--format", "json"], dir.path());
    assert!(!out.iter().any(|&b| b < 0x20 && b != b'\n'));
    assert!(String::from_utf8_lossy(&out).contains(r"\u001b]0;pwned"));
}

#[test]
fn a_raw_escape_in_a_parse_error_snippet_is_shown_as_a_picture() {
    let dir = project(
        "defmodule X do\n  use Mix.Project\n  def project, do: [\u{1b}]0;title\u{7}]\nend\n",
    );
    let (code, out, err) = run_raw(&["check", "--color", "never"], dir.path());
    assert_eq!(code, 2);
    assert_clean("check", &out, &err);
    assert!(
        String::from_utf8_lossy(&out).contains("␛]0;title␇"),
        "{}",
        String::from_utf8_lossy(&out)
    );
    let (code, out, err) = run_raw(&["metadata"], dir.path());
    assert_eq!(code, 2);
    assert_clean("metadata", &out, &err);
}

#[test]
fn elixir_refuses_bidi_controls_and_so_does_hexlint() {
    // Elixir 1.14: "invalid bidirectional formatting character in comment: \u202E".
    for (body, what) in [
        ("  # admin \u{202e} }\u{2066} check\n", "comment"),
        ("  @d \"a\u{2066}b\"\n", "string"),
    ] {
        let dir = project(mix_exs(body, ""));
        let (code, out, err) = run_raw(&["check"], dir.path());
        assert_eq!(code, 2, "{what}");
        let err_text = String::from_utf8_lossy(&err);
        assert!(
            err_text.contains("invalid bidirectional formatting character U+"),
            "{what}: {err_text}"
        );
        assert!(
            err_text.contains("mix.exs:3:"),
            "{what}: location: {err_text}"
        );
        assert_clean(what, &out, &err);
    }
}

#[test]
fn values_elixir_refuses_are_errors_not_silent_values() {
    let long_atom = "a".repeat(256);
    for (project_src, needle) in [
        (
            format!("description: :{long_atom},"),
            "atom length must be less than system limit",
        ),
        (
            format!("{long_atom}: 1,"),
            "atom length must be less than system limit",
        ),
        (
            "description: 1.0e999,".to_string(),
            "invalid float number 1.0e999",
        ),
    ] {
        let dir = project(mix_exs("", &project_src));
        let (code, out, err) = run(&["check"], dir.path());
        assert_eq!(code, 2, "{needle}: {out}");
        assert!(err.contains(needle), "{needle}: {err}");
        assert!(err.contains("mix.exs:8:"), "{needle}: location: {err}");
        assert!(!out.contains("inf"), "{out}");
    }
    // 255 characters are fine.
    let dir = project(mix_exs("", &format!("description: :{},", "a".repeat(255))));
    let (code, _, err) = run(&["metadata"], dir.path());
    assert_eq!(code, 0, "{err}");
}

#[test]
fn bare_cr_line_endings_are_named_and_the_line_matches_the_snippet() {
    let dir = project(mix_exs("", "").replace('\n', "\r"));
    let (code, out, err) = run_raw(&["check", "--color", "never"], dir.path());
    assert_eq!(code, 2);
    let err_text = String::from_utf8_lossy(&err);
    assert!(
        err_text.contains("bare carriage return (CR) line endings"),
        "{err_text}"
    );
    // No newline in the file: everything is line 1, as the snippet shows it.
    assert!(err_text.contains("mix.exs:1:"), "{err_text}");
    let out_text = String::from_utf8_lossy(&out);
    assert!(out_text.contains("mix.exs:1:"), "{out_text}");
    assert!(out_text.contains(" 1 │ "), "{out_text}");
    assert_clean("bare CR", &out, &err);
    // A CR inside a string is fine, as in Elixir.
    let dir = project(mix_exs("", "description: \"a\rb\","));
    let (code, _, err) = run(&["metadata"], dir.path());
    assert_eq!(code, 0, "{err}");
}

#[test]
fn a_mix_exs_without_a_mix_project_is_not_a_project() {
    for (src, what) in [
        ("", "empty"),
        ("# just a comment\n", "comments only"),
        (
            "defmodule Foo do\n  def project, do: [app: :foo]\nend\n",
            "no use Mix.Project",
        ),
    ] {
        let dir = project(src);
        for cmd in ["check", "metadata"] {
            let (code, out, err) = run(&[cmd], dir.path());
            assert_eq!(code, 2, "{what} {cmd}: {out}");
            assert!(
                err.contains("Could not find a Mix.Project"),
                "{what} {cmd}: {err}"
            );
        }
    }
}

#[test]
fn check_reports_input_errors_on_stderr_with_a_location() {
    let dir = project(mix_exs("", ""));
    std::fs::write(
        dir.path().join(".hexlint.toml"),
        "select = [\"license\"\nfail-on = 3\n",
    )
    .unwrap();
    let (code, out, err) = run(&["check", "--format", "json"], dir.path());
    assert_eq!(code, 2);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(json["packages"][0]["error"].is_object(), "{out}");
    assert!(err.contains(".hexlint.toml:"), "location on stderr: {err}");
    // Nested too deeply.
    let deep = format!("x = {}{}\n", "[".repeat(5000), "]".repeat(5000));
    std::fs::write(dir.path().join(".hexlint.toml"), deep).unwrap();
    let (code, _, err) = run(&["check", "--format", "json"], dir.path());
    assert_eq!(code, 2);
    assert!(err.contains(".hexlint.toml"), "{err}");
    std::fs::remove_file(dir.path().join(".hexlint.toml")).unwrap();
    // Invalid UTF-8 in mix.exs: stderr has the line and column.
    let mut bytes = mix_exs("", "").into_bytes();
    bytes.splice(40..40, [0xFF]);
    std::fs::write(dir.path().join("mix.exs"), bytes).unwrap();
    let (code, _, err) = run(&["check", "--format", "sarif"], dir.path());
    assert_eq!(code, 2);
    assert!(
        err.contains("mix.exs:2:") && err.contains("not valid UTF-8"),
        "{err}"
    );
}

#[test]
fn a_200000_character_line_is_never_echoed() {
    let long = "x".repeat(200_000);
    let dir = project(format!(
        "defmodule X do\n  use Mix.Project\n  def project, do: [a: {long} 1]\nend\n"
    ));
    let (code, out, err) = run_raw(&["check", "--color", "never"], dir.path());
    assert_eq!(code, 2);
    for (what, text) in [("stdout", &out), ("stderr", &err)] {
        let text = String::from_utf8_lossy(text);
        let longest = text.lines().map(|l| l.chars().count()).max().unwrap_or(0);
        assert!(longest < 1000, "{what}: a line of {longest} characters");
    }
    let (_, _, err) = run_raw(&["metadata"], dir.path());
    let longest = String::from_utf8_lossy(&err)
        .lines()
        .map(|l| l.chars().count())
        .max()
        .unwrap_or(0);
    assert!(
        longest < 1000,
        "metadata stderr: a line of {longest} characters"
    );
}

fn git_available() -> bool {
    std::process::Command::new("git")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn git(dir: &Path, args: &[&str]) {
    let ok = std::process::Command::new("git")
        .args([
            "-c",
            "user.email=t@t",
            "-c",
            "user.name=t",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
        .status
        .success();
    assert!(ok, "git {args:?}");
}

/// `untracked` findings of `ignored-file-packaged` in a check's JSON.
fn untracked_findings(out: &str) -> usize {
    diagnostics(out)
        .iter()
        .filter(|d| d["rule"] == "ignored-file-packaged")
        .count()
}

#[test]
fn a_broken_git_dir_means_no_repository_not_the_enclosing_one() {
    if !git_available() {
        eprintln!("SKIPPED: git is not installed");
        return;
    }
    let outer = tempfile::tempdir().unwrap();
    git(outer.path(), &["init", "-q", "."]);
    std::fs::write(outer.path().join("README.md"), "x").unwrap();
    git(outer.path(), &["add", "README.md"]);
    git(outer.path(), &["commit", "-qm", "x"]);
    let inner = outer.path().join("pkg");
    std::fs::create_dir(&inner).unwrap();
    std::fs::write(inner.join("mix.exs"), mix_exs("", "description: \"x\",")).unwrap();
    // The enclosing repository does not track pkg/: were it used, every file would be untracked.
    let (_, out, _) = run(&["check", "--format", "json"], &inner);
    assert!(
        untracked_findings(&out) > 0,
        "the fixture must show untracked files: {out}"
    );
    // A dangling `gitdir:` file: git says "not a git repository".
    std::fs::write(inner.join(".git"), "gitdir: /nonexistent/hexlint-test\n").unwrap();
    let (_, out, _) = run(&["check", "--format", "json"], &inner);
    assert_eq!(untracked_findings(&out), 0, "{out}");
    // A repository with a truncated index: git refuses it too.
    std::fs::remove_file(inner.join(".git")).unwrap();
    git(&inner, &["init", "-q", "."]);
    git(&inner, &["add", "mix.exs"]);
    // Shorter than an index header and checksum: "index file smaller than expected".
    let index = inner.join(".git/index");
    std::fs::OpenOptions::new()
        .write(true)
        .open(&index)
        .unwrap()
        .set_len(20)
        .unwrap();
    let (_, out, _) = run(&["check", "--format", "json"], &inner);
    assert_eq!(untracked_findings(&out), 0, "{out}");
}

/// Findings of `rule` in a check's JSON, as (message, key_path, file).
fn findings(out: &str, rule: &str) -> Vec<(String, String, String)> {
    diagnostics(out)
        .iter()
        .filter(|d| d["rule"] == rule)
        .map(|d| {
            (
                d["message"].as_str().unwrap_or("").to_string(),
                d["key_path"].as_str().unwrap_or("").to_string(),
                d["file"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

#[cfg(unix)]
#[test]
fn what_files_knows_check_says() {
    use std::os::unix::ffi::OsStrExt;
    // `lib/**` follows symlinked directories as Path.wildcard does (a plain "lib" does not).
    let dir = package_with_files(r#"["lib/**", "mix.exs"]"#);
    let lib = dir.path().join("lib");
    std::os::unix::fs::symlink("..", lib.join("loop")).unwrap();
    std::os::unix::fs::symlink("nowhere", lib.join("gone")).unwrap();
    std::fs::write(
        lib.join(std::ffi::OsStr::from_bytes(b"bad\xffname.ex")),
        "x",
    )
    .unwrap();
    std::fs::write(
        lib.join("broken.ex"),
        "defmodule Broken do\n  @x \"unterminated\nend\n",
    )
    .unwrap();
    let (code, out, err) = run(&["check", "--format", "json"], dir.path());
    assert_eq!(code, 1, "{err}");
    let unpackable = findings(&out, "unpackable-file");
    let said = |needle: &str| {
        unpackable
            .iter()
            .any(|(m, k, _)| m.contains(needle) && k == "package.files[0]")
    };
    assert!(said("symlink loop at lib/loop"), "{unpackable:?}");
    assert!(said("dangling symlink lib/gone"), "{unpackable:?}");
    assert!(
        said("not valid UTF-8: lib/bad\u{fffd}name.ex"),
        "{unpackable:?}"
    );
    let unparsable = findings(&out, "unparsable-source");
    assert!(
        unparsable
            .iter()
            .any(|(m, _, file)| file.ends_with("lib/broken.ex") && m.contains("unterminated")),
        "{unparsable:?}"
    );
    // The non-UTF-8 name is not packaged, and `modules` does not fail on it.
    let (code, out, err) = run(&["files", "--format", "json"], dir.path());
    assert_eq!(code, 0, "{err}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let listed: Vec<&str> = json["files"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["path"].as_str())
        .collect();
    assert!(!listed.iter().any(|p| p.contains("bad")), "{listed:?}");
    assert!(
        out.contains("not valid UTF-8"),
        "the problem is listed: {out}"
    );
    let (code, _, err) = run(&["modules"], dir.path());
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("lib/broken.ex"), "{err}");
}

#[cfg(unix)]
#[test]
fn a_mix_exs_symlink_loop_says_so() {
    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink("mix.exs", dir.path().join("mix.exs")).unwrap();
    let (code, out, err) = run(&["check"], dir.path());
    assert_eq!(code, 2);
    assert!(err.contains("symlink loop"), "{err}");
    assert!(!format!("{out}{err}").contains("no mix.exs"), "{out}{err}");
}

#[test]
fn an_unterminated_do_names_the_line_of_the_do() {
    let dir = project("defmodule X do\n  use Mix.Project\n\n  def project do\n    [app: :x]\n");
    let (code, _, err) = run(&["check"], dir.path());
    assert_eq!(code, 2);
    assert!(err.contains("opened on line"), "{err}");
}

#[test]
fn a_doubled_letter_typosquat_is_similar() {
    let dir = project(mix_exs("", "").replace(":hostile", ":jasonn"));
    let (_, out, _) = run(&["check", "--format", "json"], dir.path());
    let similar = findings(&out, "similar-package-name");
    assert_eq!(similar.len(), 1, "{out}");
    assert!(similar[0].0.contains("`jason`"), "{similar:?}");
}

// ---- Globs and sizes that grew without bound (issue 13). Verdicts are real `mix hex.build`'s
// (Hex 2.5.1, checked by hand on the same trees); speed is measured in benches/, not here.

/// The `files` list of `hexlint files --format json`.
fn packaged_paths(dir: &Path) -> Vec<String> {
    let (code, out, err) = run(&["files", "--format", "json"], dir);
    assert_eq!(code, 0, "{err}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    json["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn thirty_brace_groups_match_like_hex_without_expanding() {
    let pattern = "{a,b}".repeat(30);
    let dir = package_with_files(&format!(r#"["lib", "mix.exs", "{pattern}"]"#));
    let name = "ab".repeat(15);
    std::fs::write(dir.path().join(&name), "").unwrap();
    std::fs::write(dir.path().join("ab"), "").unwrap();
    // Hex packages the one 30-letter name made of a/b and nothing else from that pattern.
    assert_eq!(
        packaged_paths(dir.path()),
        ["lib", "lib/hostile.ex", "mix.exs", name.as_str()]
    );
    // Matching is backtracking over shared alternatives: 2^30 paths are never built.
    let report = hexlint::files::glob::wildcard(&pattern, dir.path()).unwrap();
    assert_eq!(report.matches, [name]);
    assert_eq!(report.listings, 1);
    // Alternatives that all match keep matching polynomial, not 2^30 backtracking steps.
    let same = "{a,a}".repeat(30);
    let report = hexlint::files::glob::wildcard(&same, dir.path()).unwrap();
    assert!(report.matches.is_empty());
}

/// lib/a0..a4/a0..a4/a0..a3/m.ex (100 files) plus a 40-level chain lib/deep/a/a/…/d.ex.
fn wide_and_deep_tree(root: &Path) -> usize {
    let mut dirs = 1;
    for i in 0..5 {
        for j in 0..5 {
            for k in 0..4 {
                let d = root.join(format!("lib/a{i}/a{j}/a{k}"));
                std::fs::create_dir_all(&d).unwrap();
                std::fs::write(d.join("m.ex"), format!("defmodule M{i}{j}{k} do\nend\n")).unwrap();
            }
        }
    }
    dirs += 5 + 25 + 100;
    let mut deep = root.join("lib/deep");
    for _ in 0..40 {
        deep.push("a");
    }
    std::fs::create_dir_all(&deep).unwrap();
    std::fs::write(deep.join("d.ex"), "defmodule Deep do\nend\n").unwrap();
    dirs + 41
}

#[test]
fn repeated_double_stars_walk_each_directory_once() {
    let dir = package_with_files(r#"["mix.exs", "lib/**/**/**/a*/**/*.ex"]"#);
    std::fs::remove_file(dir.path().join("lib/hostile.ex")).unwrap();
    let dirs = wide_and_deep_tree(dir.path());
    // Hex: every .ex file below an `a*` directory (all 101 of them) and mix.exs.
    let paths = packaged_paths(dir.path());
    assert_eq!(paths.len(), 102, "{paths:?}");
    assert!(paths.iter().any(|p| p.ends_with("/a/d.ex")));
    let report = hexlint::files::glob::wildcard("lib/**/**/**/a*/**/*.ex", dir.path()).unwrap();
    assert_eq!(report.matches.len(), 101);
    assert!(!report.truncated);
    assert!(
        report.listings <= dirs,
        "{} listings for {dirs} directories",
        report.listings
    );
}

#[test]
fn a_walk_cut_short_is_a_finding_in_check() {
    let dir = package_with_files(r#"["lib/**"]"#);
    let mut deep = dir.path().join("lib");
    for _ in 0..(hexlint::files::glob::MAX_DEPTH + 5) {
        deep.push("d");
    }
    std::fs::create_dir_all(&deep).unwrap();
    let (_, out, _) = run(&["check", "--format", "json"], dir.path());
    let walk_limit = finding(&out, "unpackable-file");
    assert!(
        walk_limit["message"]
            .as_str()
            .unwrap()
            .contains("incomplete"),
        "{walk_limit}"
    );
}

#[test]
fn a_sparse_gigabyte_is_over_the_limit_without_being_read() {
    let dir = package_with_files(r#"["lib", "mix.exs"]"#);
    let f = std::fs::File::create(dir.path().join("lib/huge.ex")).unwrap();
    f.set_len(1 << 30).unwrap();
    // Hex: "package exceeds max uncompressed size" (after reading the whole gigabyte).
    let (code, out, _) = run(&["check", "--format", "json"], dir.path());
    assert_eq!(code, 1);
    let too_large = finding(&out, "package-too-large");
    assert!(
        too_large["message"]
            .as_str()
            .unwrap()
            .contains("max uncompressed size"),
        "{too_large}"
    );
    // `files` gives the compressed size as a bound: nothing is compressed.
    let (code, out, _) = run(&["files", "--format", "json"], dir.path());
    assert_eq!(code, 0);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["compressed_size_exact"], false, "{json}");
    assert!(json["compressed_size_bound"].as_u64().unwrap() > 1 << 30);
}
