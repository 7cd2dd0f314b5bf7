//! `hexlint semver` end to end: every baseline source (a directory, the default git tag, a git
//! revision, a Hex tarball, the Hex repository served by a local HTTP server), the verdict and
//! its exit codes, the output formats, and `hexlint publish` refusing an under-bumped version.
//!
//! The fixture is one package at two versions, `tests/fixtures/semver/history/v1` (1.4.2) and
//! `v2` (with breaking changes, additions and a deprecation).

use assert_cmd::Command;
use serde_json::Value as Json;
use std::collections::BTreeSet;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn fixture(v: &str) -> PathBuf {
    Path::new(ROOT)
        .join("tests/fixtures/semver/history")
        .join(v)
}

fn hexlint() -> Command {
    let mut cmd = Command::cargo_bin("hexlint").unwrap();
    cmd.env("NO_COLOR", "1")
        .env_remove("HEX_MIRROR")
        .env_remove("GITHUB_ACTIONS")
        .env_remove("MIX_ENV")
        .timeout(std::time::Duration::from_secs(120));
    cmd
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(e.file_name());
        if e.path().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

/// Replace the version in a copied fixture's mix.exs.
fn set_version(dir: &Path, version: &str) {
    let p = dir.join("mix.exs");
    let text = std::fs::read_to_string(&p).unwrap();
    let re = regex::Regex::new(r#"@version "[^"]+""#).unwrap();
    std::fs::write(
        &p,
        re.replace(&text, format!("@version \"{version}\"").as_str())
            .as_ref(),
    )
    .unwrap();
}

fn rules_of(json: &Json) -> BTreeSet<String> {
    json["packages"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap().to_string())
        .collect()
}

fn run_json(cmd: &mut Command) -> (i32, Json) {
    let out = cmd.args(["--format", "json"]).output().unwrap();
    let json: Json = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (out.status.code().unwrap(), json)
}

const EVERY_CHANGE: &[&str] = &[
    "arity-removed",
    "callback-added",
    "function-added",
    "function-deprecated",
    "function-kind-changed",
    "function-removed",
    "module-removed",
    "optional-callback-added",
    "struct-field-enforced",
    "struct-field-removed",
    "type-made-opaque",
    "version-bump",
];

#[test]
fn baseline_dir_reports_every_change_and_an_under_bumped_version() {
    let (code, json) = run_json(
        hexlint()
            .arg("semver")
            .arg(fixture("v2"))
            .arg("--baseline-dir")
            .arg(fixture("v1")),
    );
    assert_eq!(code, 1, "{json:#}");
    let expected: BTreeSet<String> = EVERY_CHANGE.iter().map(|s| s.to_string()).collect();
    assert_eq!(rules_of(&json), expected);
    let diags = json["packages"][0]["diagnostics"].as_array().unwrap();
    let verdict = diags.iter().find(|d| d["rule"] == "version-bump").unwrap();
    assert_eq!(verdict["severity"], "error");
    assert!(
        verdict["message"]
            .as_str()
            .unwrap()
            .contains("need a major bump: 2.0.0")
    );
    // Removals point into the baseline, with its line.
    let removed = diags
        .iter()
        .find(|d| d["rule"] == "module-removed")
        .unwrap();
    assert!(
        removed["file"]
            .as_str()
            .unwrap()
            .ends_with("v1/lib/ledger.ex"),
        "{removed}"
    );
    assert_eq!(removed["range"]["start"]["line"], 30);
    // Every other format renders the same findings.
    for format in ["human", "concise", "sarif", "github"] {
        let out = hexlint()
            .arg("semver")
            .arg(fixture("v2"))
            .arg("--baseline-dir")
            .arg(fixture("v1"))
            .args(["--format", format])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{format}");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            text.contains("version-bump") && text.contains("struct-field-removed"),
            "{format}: {text}"
        );
    }
}

#[test]
fn a_sufficient_bump_exits_0_and_says_so() {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&fixture("v2"), tmp.path());
    set_version(tmp.path(), "2.0.0");
    let (code, json) = run_json(
        hexlint()
            .arg("semver")
            .arg(tmp.path())
            .arg("--baseline-dir")
            .arg(fixture("v1")),
    );
    assert_eq!(code, 0, "{json:#}");
    let diags = json["packages"][0]["diagnostics"].as_array().unwrap();
    let verdict = diags.iter().find(|d| d["rule"] == "version-bump").unwrap();
    assert_eq!(verdict["severity"], "info");
    assert!(
        verdict["message"]
            .as_str()
            .unwrap()
            .contains("is a major bump from 1.4.2")
    );
    // --fail-on info makes the changes themselves fail.
    let (code, _) = run_json(
        hexlint()
            .arg("semver")
            .arg(tmp.path())
            .arg("--baseline-dir")
            .arg(fixture("v1"))
            .args(["--fail-on", "info"]),
    );
    assert_eq!(code, 1);
}

#[test]
fn at_zero_x_a_breaking_change_needs_a_minor_bump() {
    let (old, new) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    copy_dir(&fixture("v1"), old.path());
    copy_dir(&fixture("v2"), new.path());
    set_version(old.path(), "0.3.1");
    set_version(new.path(), "0.3.2");
    let (code, json) = run_json(
        hexlint()
            .arg("semver")
            .arg(new.path())
            .arg("--baseline-dir")
            .arg(old.path()),
    );
    assert_eq!(code, 1);
    let diags = json["packages"][0]["diagnostics"].as_array().unwrap();
    let verdict = diags.iter().find(|d| d["rule"] == "version-bump").unwrap();
    assert!(
        verdict["message"].as_str().unwrap().contains("0.4.0"),
        "{verdict}"
    );
    assert!(
        verdict["help"].as_str().unwrap().contains("`~> 0.3`"),
        "{verdict}"
    );
    set_version(new.path(), "0.4.0");
    let (code, _) = run_json(
        hexlint()
            .arg("semver")
            .arg(new.path())
            .arg("--baseline-dir")
            .arg(old.path()),
    );
    assert_eq!(code, 0);
}

fn git(dir: &Path, args: &[&str]) {
    let out = std::process::Command::new("git")
        .args([
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@example.com",
            "-c",
            "commit.gpgsign=false",
            "-c",
            "tag.gpgsign=false",
        ])
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A git repository with the package in `pkg/`: v1 committed and tagged `v1.4.2` (plus a
/// pre-release tag and a tag above the current version, both ignored), v2 in the work tree.
fn repo() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let pkg = tmp.path().join("pkg");
    copy_dir(&fixture("v1"), &pkg);
    git(tmp.path(), &["init", "-q"]);
    git(tmp.path(), &["add", "."]);
    git(tmp.path(), &["commit", "-qm", "v1"]);
    git(tmp.path(), &["tag", "v1.4.2"]);
    git(tmp.path(), &["tag", "v1.0.0"]);
    git(tmp.path(), &["tag", "v1.5.0-rc.0"]);
    git(tmp.path(), &["tag", "v9.0.0"]);
    std::fs::remove_dir_all(&pkg).unwrap();
    copy_dir(&fixture("v2"), &pkg);
    tmp
}

#[test]
fn default_baseline_is_the_newest_lower_tag() {
    let tmp = repo();
    let (code, json) = run_json(hexlint().arg("semver").arg(tmp.path().join("pkg")));
    assert_eq!(code, 1, "{json:#}");
    let diags = json["packages"][0]["diagnostics"].as_array().unwrap();
    let verdict = diags.iter().find(|d| d["rule"] == "version-bump").unwrap();
    assert!(
        verdict["message"]
            .as_str()
            .unwrap()
            .contains("git tag v1.4.2"),
        "{verdict}"
    );
    let removed = diags
        .iter()
        .find(|d| d["rule"] == "module-removed")
        .unwrap();
    assert_eq!(removed["file"], "v1.4.2:pkg/lib/ledger.ex");
    // An explicit revision: the same tree.
    let (code, json2) = run_json(
        hexlint()
            .arg("semver")
            .arg(tmp.path().join("pkg"))
            .args(["--baseline-rev", "v1.4.2"]),
    );
    assert_eq!(code, 1);
    assert_eq!(rules_of(&json), rules_of(&json2));
    // An unknown revision is an input error.
    let out = hexlint()
        .arg("semver")
        .arg(tmp.path().join("pkg"))
        .args(["--baseline-rev", "nope"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("`nope` is not a git revision"));
}

#[test]
fn no_baseline_is_an_input_error() {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&fixture("v2"), tmp.path());
    let out = hexlint().arg("semver").arg(tmp.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("git"), "{err}");
}

/// A Hex package tarball of `dir` (outer tar: VERSION, CHECKSUM, metadata.config,
/// contents.tar.gz), as `mix hex.build` lays it out.
fn hex_tarball(dir: &Path, version: &str) -> Vec<u8> {
    let mut contents = tar::Builder::new(Vec::new());
    contents.append_dir_all(".", dir).unwrap();
    let contents = contents.into_inner().unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(&contents).unwrap();
    let gz = gz.finish().unwrap();
    let metadata =
        format!("{{<<\"name\">>,<<\"ledger\">>}}.\n{{<<\"version\">>,<<\"{version}\">>}}.\n");
    let mut outer = tar::Builder::new(Vec::new());
    for (name, data) in [
        ("VERSION", b"3".to_vec()),
        ("CHECKSUM", b"0000".to_vec()),
        ("metadata.config", metadata.into_bytes()),
        ("contents.tar.gz", gz),
    ] {
        let mut h = tar::Header::new_ustar();
        h.set_size(data.len() as u64);
        h.set_mode(0o644);
        h.set_cksum();
        outer.append_data(&mut h, name, &data[..]).unwrap();
    }
    outer.into_inner().unwrap()
}

#[test]
fn baseline_tarball_reads_a_hex_package() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("ledger-1.4.2.tar");
    std::fs::write(&file, hex_tarball(&fixture("v1"), "1.4.2")).unwrap();
    let (code, json) = run_json(
        hexlint()
            .arg("semver")
            .arg(fixture("v2"))
            .arg("--baseline-tarball")
            .arg(&file),
    );
    assert_eq!(code, 1, "{json:#}");
    let expected: BTreeSet<String> = EVERY_CHANGE.iter().map(|s| s.to_string()).collect();
    assert_eq!(rules_of(&json), expected);
    let diags = json["packages"][0]["diagnostics"].as_array().unwrap();
    let removed = diags
        .iter()
        .find(|d| d["rule"] == "module-removed")
        .unwrap();
    assert_eq!(removed["file"], "ledger-1.4.2.tar:lib/ledger.ex");
    // Not a tarball: exit 2 with a message.
    std::fs::write(&file, b"not a tarball").unwrap();
    let out = hexlint()
        .arg("semver")
        .arg(fixture("v2"))
        .arg("--baseline-tarball")
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

/// Serve `body` for `GET /tarballs/ledger-1.4.2.tar` (404 otherwise) on 127.0.0.1, for as many
/// requests as come; returns the base URL and the paths requested.
fn serve(body: Vec<u8>) -> (String, std::sync::Arc<std::sync::Mutex<Vec<String>>>) {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let log = seen.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut stream = stream;
            let mut buf = Vec::new();
            let mut chunk = [0u8; 1024];
            while !buf.windows(4).any(|w| w == b"\r\n\r\n") {
                match stream.read(&mut chunk) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => buf.extend_from_slice(&chunk[..n]),
                }
            }
            let request = String::from_utf8_lossy(&buf);
            let path = request.split(' ').nth(1).unwrap_or("").to_string();
            log.lock().unwrap().push(path.clone());
            let response = if path == "/tarballs/ledger-1.4.2.tar" {
                let mut r = format!(
                    "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                    body.len()
                )
                .into_bytes();
                r.extend_from_slice(&body);
                r
            } else {
                b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".to_vec()
            };
            let _ = stream.write_all(&response);
        }
    });
    (url, seen)
}

#[test]
fn baseline_version_fetches_from_the_repository() {
    let (url, seen) = serve(hex_tarball(&fixture("v1"), "1.4.2"));
    let (code, json) = run_json(hexlint().arg("semver").arg(fixture("v2")).args([
        "--baseline-version",
        "1.4.2",
        "--repo-url",
        &url,
    ]));
    assert_eq!(code, 1, "{json:#}");
    assert!(rules_of(&json).contains("module-removed"));
    // HEX_MIRROR is the default repository URL.
    let (code, _) = run_json(
        hexlint()
            .env("HEX_MIRROR", &url)
            .arg("semver")
            .arg(fixture("v2"))
            .args(["--baseline-version", "1.4.2"]),
    );
    assert_eq!(code, 1);
    // A version the repository does not have: exit 2, saying which URL failed.
    let out = hexlint()
        .arg("semver")
        .arg(fixture("v2"))
        .args(["--baseline-version", "1.0.0", "--repo-url", &url])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/tarballs/ledger-1.0.0.tar"));
    let seen = seen.lock().unwrap().clone();
    assert_eq!(
        seen,
        [
            "/tarballs/ledger-1.4.2.tar",
            "/tarballs/ledger-1.4.2.tar",
            "/tarballs/ledger-1.0.0.tar"
        ]
    );
}

/// A fake `mix` that records that it ran.
#[cfg(unix)]
fn fake_mix() -> (tempfile::TempDir, PathBuf) {
    let bin = tempfile::tempdir().unwrap();
    let log = bin.path().join("mix.log");
    let script = format!("#!/bin/sh\necho ran > '{}'\n", log.display());
    let path = bin.path().join("mix");
    std::fs::write(&path, script).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    (bin, log)
}

#[cfg(unix)]
#[test]
fn publish_refuses_an_under_bumped_version_unless_told_not_to_compare() {
    let tmp = repo();
    let pkg = tmp.path().join("pkg");
    std::fs::write(pkg.join("README.md"), "# Ledger\n").unwrap();
    std::fs::write(
        pkg.join("LICENSE"),
        include_str!("fixtures/pre-commit/good/LICENSE"),
    )
    .unwrap();
    let (bin, log) = fake_mix();
    let path = format!(
        "{}:{}",
        bin.path().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let publish = |extra: &[&str]| {
        hexlint()
            .current_dir(&pkg)
            .env("PATH", &path)
            .env_remove("CI")
            .args([
                "publish",
                "--allow-dirty",
                "--fail-on",
                "error",
                "--format",
                "concise",
            ])
            .args(extra)
            .args(["--", "package", "--dry-run"])
            .output()
            .unwrap()
    };
    let out = publish(&[]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("error[version-bump]"), "{text}");
    assert!(!log.exists(), "mix must not run");
    let out = publish(&["--no-semver"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!text.contains("version-bump"), "{text}");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(log.exists(), "mix runs");
}

#[test]
fn baseline_tarball_from_real_mix_hex_build() {
    let tmp = tempfile::tempdir().unwrap();
    let pkg = tmp.path().join("ledger");
    copy_dir(&fixture("v1"), &pkg);
    let tarball = tmp.path().join("ledger-1.4.2.tar");
    let built = std::process::Command::new("mix")
        .args(["hex.build", "--output"])
        .arg(&tarball)
        .current_dir(&pkg)
        .env("MIX_ENV", "prod")
        .output();
    match built {
        Ok(out) if out.status.success() && tarball.is_file() => {}
        Ok(out) => {
            println!(
                "SKIP: `mix hex.build` failed (Hex not installed?): {}",
                String::from_utf8_lossy(&out.stderr)
                    .lines()
                    .next()
                    .unwrap_or("")
            );
            return;
        }
        Err(e) => {
            println!("SKIP: no mix: {e}");
            return;
        }
    }
    let (code, json) = run_json(
        hexlint()
            .arg("semver")
            .arg(fixture("v2"))
            .arg("--baseline-tarball")
            .arg(&tarball),
    );
    assert_eq!(code, 1, "{json:#}");
    let expected: BTreeSet<String> = EVERY_CHANGE.iter().map(|s| s.to_string()).collect();
    assert_eq!(rules_of(&json), expected);
}
