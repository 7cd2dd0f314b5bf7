//! `hexlint publish`: delegation to a fake `mix` that records its argv, cwd and environment, and
//! to the real Debian `mix` (without Hex) when it is installed.

use assert_cmd::Command;
#[cfg(unix)]
use std::path::Path;
use std::path::PathBuf;

const GOOD: &str = r#"defmodule TinyCache.MixProject do
  use Mix.Project

  def project do
    [
      app: :tiny_cache,
      version: "0.3.1",
      elixir: "~> 1.14",
      description: "A tiny ETS-backed cache with TTLs.",
      package: [licenses: ["MIT"], links: %{"GitHub" => "https://github.com/example/tiny_cache"}],
      deps: [{:ex_doc, "~> 0.34", only: :dev, runtime: false}]
    ]
  end
end
"#;

/// A package in a temp dir: mix.exs, README, LICENSE and one module.
fn package(mix_exs: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("mix.exs"), mix_exs).unwrap();
    std::fs::write(dir.path().join("README.md"), "# TinyCache\n").unwrap();
    std::fs::write(
        dir.path().join("LICENSE"),
        include_str!("fixtures/pre-commit/good/LICENSE"),
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("lib")).unwrap();
    std::fs::write(
        dir.path().join("lib/tiny_cache.ex"),
        "defmodule TinyCache do\nend\n",
    )
    .unwrap();
    dir
}

/// A fake `mix` that records argv, cwd and HEX_API_KEY, then exits with `$FAKE_MIX_EXIT`.
#[cfg(unix)]
fn fake_mix() -> (tempfile::TempDir, PathBuf) {
    let bin = tempfile::tempdir().unwrap();
    let log = bin.path().join("mix.log");
    let script = format!(
        "#!/bin/sh\nprintf '%s\\n' \"$@\" > '{log}.args'\npwd > '{log}.cwd'\nprintf '%s' \"$HEX_API_KEY\" > '{log}.key'\necho 'fake mix ran'\nexit \"${{FAKE_MIX_EXIT:-0}}\"\n",
        log = log.display()
    );
    let path = bin.path().join("mix");
    std::fs::write(&path, script).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    (bin, log)
}

#[cfg(unix)]
fn hexlint(bin: &Path, project: &Path) -> Command {
    let mut cmd = Command::cargo_bin("hexlint").unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    cmd.current_dir(project)
        .env("PATH", path)
        .env("NO_COLOR", "1")
        .env("HEX_API_KEY", "secret-hex-api-key-1234")
        .env_remove("CI")
        .env_remove("MIX_ENV")
        .timeout(std::time::Duration::from_secs(60));
    cmd
}

#[cfg(unix)]
fn read(p: PathBuf) -> String {
    std::fs::read_to_string(p).unwrap_or_default()
}

#[cfg(unix)]
fn ext(log: &Path, e: &str) -> PathBuf {
    PathBuf::from(format!("{}.{e}", log.display()))
}

#[cfg(unix)]
#[test]
fn arguments_pass_through_unchanged_and_in_order() {
    let pkg = package(GOOD);
    let (bin, log) = fake_mix();
    let out = hexlint(bin.path(), pkg.path())
        .args([
            "publish",
            "--allow-dirty",
            "package",
            "--dry-run",
            "--revert",
            "1.0.0",
        ])
        .args(["--", "--organization", "acme", "--no-progress"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        read(ext(&log, "args")),
        "hex.publish\npackage\n--dry-run\n--revert\n1.0.0\n--organization\nacme\n--no-progress\n"
    );
    let cwd = read(ext(&log, "cwd"));
    assert_eq!(
        Path::new(cwd.trim()).canonicalize().unwrap(),
        pkg.path().canonicalize().unwrap()
    );
    // The environment reaches mix untouched…
    assert_eq!(read(ext(&log, "key")), "secret-hex-api-key-1234");
    // …and hexlint never prints the key.
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!all.contains("secret-hex-api-key-1234"));
    assert!(all.contains("fake mix ran"));
}

#[cfg(unix)]
#[test]
fn mix_exit_status_is_passed_through() {
    let pkg = package(GOOD);
    let (bin, _log) = fake_mix();
    let out = hexlint(bin.path(), pkg.path())
        .env("FAKE_MIX_EXIT", "7")
        .args(["publish", "--allow-dirty", "--fail-on", "error"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(7));
}

#[cfg(unix)]
#[test]
fn findings_stop_the_publish_before_mix_runs() {
    let bad = GOOD.replace(r#"licenses: ["MIT"]"#, r#"licenses: ["MIT License"]"#);
    let pkg = package(&bad);
    let (bin, log) = fake_mix();
    let out = hexlint(bin.path(), pkg.path())
        .args(["publish", "--allow-dirty", "--yes"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stdout.contains("invalid-license"), "{stdout}");
    assert!(stderr.contains("nothing was published"), "{stderr}");
    assert!(
        !ext(&log, "args").exists(),
        "mix must not run when lint fails"
    );
}

#[cfg(unix)]
#[test]
fn unattended_publish_fails_on_warnings_unless_told_otherwise() {
    // Only a warning: no CHANGELOG entry for the version.
    let pkg = package(GOOD);
    std::fs::write(
        pkg.path().join("CHANGELOG.md"),
        "# Changelog\n\n## v0.3.0\n",
    )
    .unwrap();
    let (bin, log) = fake_mix();
    let out = hexlint(bin.path(), pkg.path())
        .args(["publish", "--allow-dirty", "--yes"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unattended"));
    assert!(!ext(&log, "args").exists());
    let out = hexlint(bin.path(), pkg.path())
        .args(["publish", "--allow-dirty", "--yes", "--fail-on", "error"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(read(ext(&log, "args")), "hex.publish\n--yes\n");
}

#[cfg(unix)]
#[test]
fn no_lint_is_explicit_and_announced() {
    let pkg = package(&GOOD.replace(r#"["MIT"]"#, r#"["MIT License"]"#));
    let (bin, log) = fake_mix();
    let out = hexlint(bin.path(), pkg.path())
        .args(["publish", "--no-lint", "--", "--dry-run"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("WITHOUT any checks"));
    assert_eq!(read(ext(&log, "args")), "hex.publish\n--dry-run\n");
}

#[cfg(unix)]
#[test]
fn organisation_flag_is_refused() {
    let pkg = package(GOOD);
    let (bin, log) = fake_mix();
    let out = hexlint(bin.path(), pkg.path())
        .args(["publish", "--allow-dirty", "--organisation", "acme"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("organisation-flag"));
    assert!(!ext(&log, "args").exists());
}

#[test]
fn missing_mix_is_a_clear_error() {
    let pkg = package(GOOD);
    let empty = tempfile::tempdir().unwrap();
    let mut cmd = Command::cargo_bin("hexlint").unwrap();
    let out = cmd
        .current_dir(pkg.path())
        .env("PATH", empty.path())
        .env("NO_COLOR", "1")
        .args(["publish", "--allow-dirty", "--fail-on", "error"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("`mix` was not found"));
}

#[test]
fn real_mix_without_hex_passes_its_error_through() {
    let Ok(mix) = which_mix() else {
        eprintln!(
            "SKIPPED: real_mix_without_hex_passes_its_error_through needs mix (apt-get install elixir)"
        );
        return;
    };
    let pkg = package(GOOD);
    let home = tempfile::tempdir().unwrap(); // a MIX_HOME without the Hex archive
    let out = Command::cargo_bin("hexlint")
        .unwrap()
        .current_dir(pkg.path())
        .env("NO_COLOR", "1")
        .env("MIX_HOME", home.path())
        .env("MIX_ARCHIVES", home.path().join("archives"))
        .env_remove("CI")
        .args([
            "publish",
            "--allow-dirty",
            "--fail-on",
            "error",
            "--",
            "--dry-run",
        ])
        .timeout(std::time::Duration::from_secs(120))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    // Mix's own message and exit status come through (without Hex, Mix cannot even resolve the
    // Hex dependency: "** (Mix) Could not find an SCM for dependency :ex_doc …"), plus the hint.
    assert!(stderr.contains("** (Mix)"), "{mix:?}: {stderr}");
    assert_eq!(
        out.status.code(),
        Some(1),
        "mix's own exit status: {stderr}"
    );
    assert!(stderr.contains("mix local.hex"), "{stderr}");
}

fn which_mix() -> Result<PathBuf, ()> {
    std::env::var_os("PATH")
        .into_iter()
        .flat_map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .map(|d| d.join("mix"))
        .find(|p| p.is_file())
        .ok_or(())
}
