//! Each Hex-parity file rule fires on a fixture that Hex rejects, at the right place in mix.exs,
//! and stays quiet on a fixture that Hex accepts.

#[path = "files_support.rs"]
mod support;

use hexlint::config::Config;
use hexlint::diagnostic::{Diagnostic, Severity};
use hexlint::project::Project;
use hexlint::rules::{Context, Rule, files};
#[cfg(unix)]
use std::os::unix::fs::symlink;
#[cfg(unix)]
use support::Ex;
use support::{line_col, project, write};

fn run(rule: &Rule, project: &Project) -> Vec<Diagnostic> {
    let config = Config::default();
    let ctx = Context::new(project, &config);
    let mut out = Vec::new();
    (rule.check)(&ctx, &mut out);
    out
}

/// `(rule id, severity, line, column)` of each diagnostic.
fn summary(project: &Project, diags: &[Diagnostic]) -> Vec<(&'static str, Severity, usize, usize)> {
    diags
        .iter()
        .map(|d| {
            let (l, c) = d.span.map_or((0, 0), |s| line_col(project, s));
            (d.rule, d.severity, l, c)
        })
        .collect()
}

fn good_tree() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &[
            ("mix.exs", "defmodule Fixture.MixProject do\nend\n"),
            ("lib/fixture.ex", "defmodule Fixture do\nend\n"),
            ("README.md", "# Fixture\n"),
            ("LICENSE", "MIT\n"),
        ],
    );
    dir
}

// In the generated mix.exs, `files: [...]` is on line 9, starting at column 9 (`files`), and
// the first pattern at column 17.

#[test]
fn missing_files_fires_on_a_pattern_matching_nothing() {
    let dir = good_tree();
    let p = project(dir.path(), Some(&["lib", "CHANGELOG.md"]), &[]);
    let diags = run(&files::missing_files::RULE, &p);
    assert_eq!(
        summary(&p, &diags),
        vec![("missing-files", Severity::Error, 9, 24)]
    );
    assert_eq!(diags[0].message, "Missing files: CHANGELOG.md");
    assert_eq!(diags[0].key_path.as_deref(), Some("package.files[1]"));
}

#[test]
fn missing_files_names_the_step_that_makes_the_file() {
    let dir = good_tree();
    // A precompiled-NIF checksum, generated at release time.
    let p = project(dir.path(), Some(&["lib", "checksum-*.exs"]), &[]);
    let diags = run(&files::missing_files::RULE, &p);
    assert_eq!(diags.len(), 1);
    let help = diags[0].help.as_deref().unwrap();
    assert!(help.contains("generated at release time"), "{help}");
    // A git submodule that is not checked out.
    write(
        dir.path(),
        &[(
            ".gitmodules",
            "[submodule \"argon\"]\n\tpath = c_src/argon\n\turl = https://example.com/argon.git\n",
        )],
    );
    let p = project(dir.path(), Some(&["lib", "c_src/argon/src"]), &[]);
    let diags = run(&files::missing_files::RULE, &p);
    let help = diags[0].help.as_deref().unwrap();
    assert!(help.contains("`c_src/argon` is a git submodule"), "{help}");
}

#[test]
fn missing_files_quiet_on_matching_patterns_and_defaults() {
    let dir = good_tree();
    let p = project(dir.path(), Some(&["lib", "README*", "mix.exs"]), &[]);
    assert!(run(&files::missing_files::RULE, &p).is_empty());
    // Defaults that match nothing (priv, src, …) are never reported.
    let p = project(dir.path(), None, &[]);
    assert!(run(&files::missing_files::RULE, &p).is_empty());
}

#[test]
fn reserved_file_fires_when_a_pattern_names_it() {
    let dir = good_tree();
    write(dir.path(), &[("hex_metadata.config", "{}.")]);
    let p = project(dir.path(), Some(&["lib", "*.config"]), &[]);
    let diags = run(&files::reserved_file::RULE, &p);
    assert_eq!(
        summary(&p, &diags),
        vec![("reserved-file", Severity::Error, 9, 24)]
    );
    assert_eq!(
        diags[0].message,
        "Do not include this file: hex_metadata.config"
    );
}

#[test]
fn reserved_file_quiet_when_not_packaged() {
    let dir = good_tree();
    write(dir.path(), &[("hex_metadata.config", "{}.")]);
    let p = project(dir.path(), Some(&["lib", "mix.exs"]), &[]);
    assert!(run(&files::reserved_file::RULE, &p).is_empty());
}

#[test]
fn empty_file_list_fires_on_files_empty_list() {
    let dir = good_tree();
    let p = project(dir.path(), Some(&[]), &[]);
    let diags = run(&files::empty_file_list::RULE, &p);
    assert_eq!(
        summary(&p, &diags),
        vec![("empty-file-list", Severity::Error, 9, 9)]
    );
    assert!(
        diags[0].message.contains("`files: []`"),
        "{}",
        diags[0].message
    );
}

#[test]
fn empty_file_list_explains_glob_characters_in_the_project_path() {
    let outer = tempfile::tempdir().unwrap();
    let root = outer.path().join("we[ir]d");
    write(&root, &[("mix.exs", "x"), ("lib/a.ex", "a")]);
    let p = project(&root, None, &[]);
    let diags = run(&files::empty_file_list::RULE, &p);
    assert_eq!(diags.len(), 1);
    assert_eq!(diags[0].severity, Severity::Error);
    assert!(
        diags[0].message.contains("contains glob characters"),
        "{}",
        diags[0].message
    );
    assert!(diags[0].help.as_deref().unwrap().contains("`[`, `{`"));
}

#[test]
fn empty_file_list_quiet_with_files() {
    let dir = good_tree();
    let p = project(dir.path(), None, &[]);
    assert!(run(&files::empty_file_list::RULE, &p).is_empty());
}

#[test]
fn unsafe_path_fires_on_parent_patterns_and_warns_on_absolute_ones() {
    let outer = tempfile::tempdir().unwrap();
    let root = outer.path().join("pkg");
    write(&root, &[("mix.exs", "x"), ("lib/a.ex", "a")]);
    write(outer.path(), &[("LICENSE", "MIT")]);
    let p = project(&root, Some(&["lib", "../LICENSE", "/nope"]), &[]);
    let diags = run(&files::unsafe_path::RULE, &p);
    assert_eq!(
        summary(&p, &diags),
        vec![
            ("unsafe-path", Severity::Error, 9, 24),
            ("unsafe-path", Severity::Warning, 9, 38),
        ]
    );
    assert!(diags[0].message.starts_with("unsafe path in tarball: /"));
    assert!(diags[0].message.ends_with("/LICENSE"));
}

#[cfg(unix)]
#[test]
fn unsafe_path_fires_through_a_symlinked_directory_leaving_the_project() {
    let outer = tempfile::tempdir().unwrap();
    let root = outer.path().join("pkg");
    write(&root, &[("mix.exs", "x")]);
    write(outer.path(), &[("shared/x.ex", "x")]);
    symlink("../shared", root.join("vendor")).unwrap();
    let p = project(&root, Some(&["vendor/*.ex"]), &[]);
    let diags = run(&files::unsafe_path::RULE, &p);
    assert_eq!(
        summary(&p, &diags),
        vec![("unsafe-path", Severity::Error, 9, 17)]
    );
    assert_eq!(diags[0].message, "unsafe path in tarball: vendor/x.ex");
}

#[cfg(unix)]
#[test]
fn unsafe_path_is_one_finding_for_a_whole_symlinked_directory() {
    let outer = tempfile::tempdir().unwrap();
    let root = outer.path().join("pkg");
    write(&root, &[("mix.exs", "x")]);
    let shared: Vec<(String, &str)> = (0..25)
        .map(|i| (format!("shared/m{i:02}.ex"), "x"))
        .collect();
    let shared: Vec<(&str, &str)> = shared.iter().map(|(p, c)| (p.as_str(), *c)).collect();
    write(outer.path(), &shared);
    symlink("../shared", root.join("vendor")).unwrap();
    let p = project(&root, Some(&["vendor/*.ex"]), &[]);
    let diags = run(&files::unsafe_path::RULE, &p);
    assert_eq!(
        summary(&p, &diags),
        vec![("unsafe-path", Severity::Error, 9, 17)]
    );
    assert_eq!(
        diags[0].message,
        "unsafe path in tarball: vendor/m00.ex, vendor/m01.ex, vendor/m02.ex and 22 more"
    );
    assert!(
        diags[0]
            .help
            .as_deref()
            .unwrap()
            .starts_with("hex_core refuses these 25 paths because they are reached through"),
        "{:?}",
        diags[0].help
    );
}

#[cfg(unix)]
#[test]
fn unsafe_path_quiet_inside_the_project() {
    let dir = good_tree();
    symlink("lib", dir.path().join("source")).unwrap();
    let p = project(dir.path(), Some(&["lib", "source/*.ex", "mix.exs"]), &[]);
    assert!(run(&files::unsafe_path::RULE, &p).is_empty());
}

#[cfg(unix)]
#[test]
fn unsafe_symlink_fires_on_links_leaving_the_package() {
    let dir = good_tree();
    write(dir.path(), &[("priv/ok.txt", "x")]);
    symlink("/etc/hostname", dir.path().join("priv/abs")).unwrap();
    symlink("../../elsewhere", dir.path().join("priv/up")).unwrap();
    symlink("ok.txt", dir.path().join("priv/fine")).unwrap();
    let p = project(dir.path(), Some(&["lib", "priv"]), &[]);
    let diags = run(&files::unsafe_symlink::RULE, &p);
    let mut messages: Vec<&str> = diags.iter().map(|d| d.message.as_str()).collect();
    messages.sort();
    assert_eq!(
        messages,
        vec![
            "unsafe symlink in tarball: priv/abs -> /etc/hostname",
            "unsafe symlink in tarball: priv/up -> ../../elsewhere",
        ]
    );
    assert!(
        summary(&p, &diags)
            .iter()
            .all(|s| *s == ("unsafe-symlink", Severity::Error, 9, 24))
    );
    // The escaping link is unsafe-symlink's finding, not unsafe-path's.
    assert!(run(&files::unsafe_path::RULE, &p).is_empty());
}

#[cfg(unix)]
#[test]
fn unsafe_symlink_quiet_on_links_inside() {
    let dir = good_tree();
    symlink("../lib/fixture.ex", dir.path().join("lib/alias.ex")).unwrap();
    let p = project(dir.path(), None, &[]);
    assert!(run(&files::unsafe_symlink::RULE, &p).is_empty());
}

#[cfg(unix)]
#[test]
fn unsupported_file_type_fires_on_a_fifo() {
    let dir = good_tree();
    let status = std::process::Command::new("mkfifo")
        .arg(dir.path().join("lib/pipe"))
        .status()
        .unwrap();
    assert!(status.success());
    let p = project(dir.path(), Some(&["lib", "mix.exs"]), &[]);
    let diags = run(&files::unsupported_file_type::RULE, &p);
    assert_eq!(
        summary(&p, &diags),
        vec![("unsupported-file-type", Severity::Error, 9, 17)]
    );
    assert_eq!(
        diags[0].message,
        "unsupported file type in tarball: lib/pipe (other)"
    );
}

#[cfg(unix)]
#[test]
fn unsupported_file_type_quiet_when_the_fifo_is_excluded() {
    let dir = good_tree();
    let status = std::process::Command::new("mkfifo")
        .arg(dir.path().join("lib/pipe"))
        .status()
        .unwrap();
    assert!(status.success());
    let p = project(dir.path(), Some(&["lib", "mix.exs"]), &[Ex::Str("pipe")]);
    assert!(run(&files::unsupported_file_type::RULE, &p).is_empty());
}

/// Incompressible bytes (xorshift), so the compressed size tracks the file size.
fn noise(len: usize) -> Vec<u8> {
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect()
}

#[test]
fn package_too_large_fires_over_the_compressed_limit() {
    let dir = good_tree();
    std::fs::create_dir_all(dir.path().join("priv")).unwrap();
    std::fs::write(dir.path().join("priv/video.bin"), noise(17 * 1024 * 1024)).unwrap();
    let p = project(dir.path(), Some(&["lib", "priv", "mix.exs"]), &[]);
    let diags = run(&files::package_too_large::RULE, &p);
    assert_eq!(
        summary(&p, &diags),
        vec![("package-too-large", Severity::Error, 9, 24)],
        "points at `priv`, the heaviest pattern"
    );
    assert!(
        diags[0]
            .message
            .starts_with("package exceeds max compressed size 16.777216 MB"),
        "{}",
        diags[0].message
    );
}

#[test]
fn package_too_large_fires_over_the_uncompressed_limit() {
    let dir = good_tree();
    std::fs::create_dir_all(dir.path().join("priv")).unwrap();
    // A sparse file: 129 MiB on paper, nothing on disk.
    let f = std::fs::File::create(dir.path().join("priv/zeros.bin")).unwrap();
    f.set_len(129 * 1024 * 1024).unwrap();
    let p = project(dir.path(), Some(&["lib", "priv"]), &[]);
    let diags = run(&files::package_too_large::RULE, &p);
    assert_eq!(
        summary(&p, &diags),
        vec![("package-too-large", Severity::Error, 9, 24)]
    );
    assert!(
        diags[0]
            .message
            .starts_with("package exceeds max uncompressed size 134.217728 MB"),
        "{}",
        diags[0].message
    );
}

#[test]
fn package_too_large_quiet_under_the_limits() {
    let dir = good_tree();
    std::fs::create_dir_all(dir.path().join("priv")).unwrap();
    std::fs::write(dir.path().join("priv/blob.bin"), noise(2 * 1024 * 1024)).unwrap();
    let p = project(dir.path(), None, &[]);
    assert!(run(&files::package_too_large::RULE, &p).is_empty());
}

#[test]
fn metadata_too_large_fires_with_tens_of_thousands_of_paths() {
    let dir = good_tree();
    let generated = dir.path().join("priv/generated");
    std::fs::create_dir_all(&generated).unwrap();
    for i in 0..9_000 {
        std::fs::write(
            generated.join(format!("{i:06}_{}.json", "n".repeat(100))),
            "",
        )
        .unwrap();
    }
    let p = project(dir.path(), Some(&["lib", "priv"]), &[]);
    let diags = run(&files::metadata_too_large::RULE, &p);
    assert_eq!(
        summary(&p, &diags),
        vec![("metadata-too-large", Severity::Error, 9, 9)]
    );
    assert!(
        diags[0]
            .message
            .starts_with("file too big: metadata.config")
    );
}

#[test]
fn metadata_too_large_quiet_on_normal_packages() {
    let dir = good_tree();
    let p = project(dir.path(), None, &[]);
    assert!(run(&files::metadata_too_large::RULE, &p).is_empty());
}

#[test]
fn rules_skip_when_files_are_not_statically_known() {
    use hexlint::mixexs::value::{Value, ValueKind};
    use hexlint::source::{SourceFile, Span};
    let dir = good_tree();
    let text = "package: [files: files()]";
    let files_value = Value::unknown("call to files/0", Span::new(17, 24));
    let package = Value::new(
        ValueKind::List(vec![Value::new(
            ValueKind::Tuple(vec![
                Value::new(ValueKind::Atom("files".into()), Span::new(10, 15)),
                files_value,
            ]),
            Span::new(10, 24),
        )]),
        Span::new(9, 25),
    );
    let config = Value::new(
        ValueKind::List(vec![Value::new(
            ValueKind::Tuple(vec![
                Value::new(ValueKind::Atom("package".into()), Span::new(0, 7)),
                package,
            ]),
            Span::new(0, 25),
        )]),
        Span::new(0, 25),
    );
    let p = Project::from_config(
        dir.path().to_path_buf(),
        std::sync::Arc::new(SourceFile::new("mix.exs", text)),
        None,
        config,
        vec![],
        vec![],
    );
    for rule in [
        &files::missing_files::RULE,
        &files::empty_file_list::RULE,
        &files::unsafe_path::RULE,
        &files::package_too_large::RULE,
    ] {
        assert!(run(rule, &p).is_empty(), "{} ran on unknown files", rule.id);
    }
    let set = hexlint::files::FileSet::for_project(&p, &Config::default());
    let unknown = set.unknown.unwrap();
    assert!(unknown.reason.contains("call to files/0"));
    assert_eq!(unknown.span, Some(Span::new(17, 24)));
}
