//! The file list matches what Hex (real Elixir `Path.wildcard`, `File.ls!`, `Path.expand`)
//! produces on tricky trees: dotfiles, `**`, braces, sets, symlinks, `..`, absolute patterns,
//! excludes, `.DS_Store`, glob characters in the project path.

#[path = "files_support.rs"]
mod support;

use hexlint::config::Config;
#[cfg(unix)]
use hexlint::files::EntryKind;
use hexlint::files::{ExcludedBy, FileSet, Problem};
use std::collections::HashSet;
#[cfg(unix)]
use std::os::unix::fs::symlink;
use std::path::Path;
use support::{Ex, have_elixir, hex_file_list, project, write};

fn fileset(root: &Path, files: Option<&[&str]>, excludes: &[Ex]) -> FileSet {
    FileSet::for_project(&project(root, files, excludes), &Config::default())
}

/// Every path Hex would list, in its order: pattern order, then walk order (entries outside the
/// project are kept apart in `outside`).
fn paths(set: &FileSet) -> Vec<String> {
    let mut all: Vec<&hexlint::files::Entry> = set.entries.iter().chain(&set.outside).collect();
    all.sort_by_key(|e| e.pattern);
    all.into_iter().map(|e| e.path.clone()).collect()
}

/// Same set of paths as real Elixir; order compared too, where readdir order is shared.
fn assert_same_as_hex(root: &Path, patterns: &[&str], excludes: &[Ex], excludes_elixir: &str) {
    let ours = fileset(root, Some(patterns), excludes);
    if !have_elixir() {
        eprintln!("elixir not installed: skipping the cross-check");
        return;
    }
    let hex = hex_file_list(root, patterns, excludes_elixir);
    assert_eq!(paths(&ours), hex, "patterns {patterns:?}");
}

fn tricky_tree() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        &[
            ("mix.exs", "defmodule X do end"),
            (".formatter.exs", "[]"),
            ("README.md", "# x"),
            ("Readme.txt", "x"),
            ("LICENSE", "MIT"),
            ("lib/a.ex", "a"),
            ("lib/.hidden.ex", "h"),
            ("lib/.dir/c.ex", "c"),
            ("lib/sub/b.ex", "b"),
            ("lib/.DS_Store", "junk"),
            ("priv/static/app.js", "js"),
            ("tmp/cache.bin", "bin"),
            ("lib/mysecret.ex", "s"),
            ("notes.log", "log"),
        ],
    );
    std::fs::create_dir_all(root.join("priv/empty")).unwrap();
    dir
}

#[test]
fn defaults_walk_dotfiles_but_globs_skip_them() {
    let dir = tricky_tree();
    let set = fileset(dir.path(), None, &[]);
    let p: HashSet<String> = paths(&set).into_iter().collect();
    for expected in [
        "lib",
        "lib/a.ex",
        "lib/.hidden.ex",
        "lib/.dir",
        "lib/.dir/c.ex",
        "priv/empty",
        ".formatter.exs",
        "mix.exs",
        "README.md",
        "LICENSE",
    ] {
        assert!(p.contains(expected), "{expected} missing from {p:?}");
    }
    assert!(!p.contains("Readme.txt"), "defaults are case-sensitive");
    assert!(!p.contains("lib/.DS_Store"));
    assert!(
        set.excluded
            .iter()
            .any(|x| x.entry.path == "lib/.DS_Store" && x.reason == ExcludedBy::DsStore)
    );
    assert!(!set.explicit);
    if have_elixir() {
        let defaults: Vec<&str> = hexlint::files::DEFAULT_FILES.to_vec();
        assert_eq!(paths(&set), hex_file_list(dir.path(), &defaults, "[]"));
    }
}

#[test]
fn globs_match_like_path_wildcard() {
    let dir = tricky_tree();
    let root = dir.path();
    for pats in [
        &["lib/**"][..],
        &["**/*.ex"],
        &["{lib,priv}/*", "mix.exs"],
        &["{.formatter.exs,mix.exs}"],
        &["[a-m]ix.exs", "?EADME.md"],
        &["lib/*.ex", "lib/.hidden.ex"],
        &["*"],
        &["."],
        &["lib/", "./mix.exs", "lib/../LICENSE"],
    ] {
        assert_same_as_hex(root, pats, &[], "[]");
    }
}

#[test]
fn dotfiles_match_only_literally() {
    let dir = tricky_tree();
    let set = fileset(dir.path(), Some(&["lib/*", ".formatter.exs", ".*"]), &[]);
    let p = paths(&set);
    assert!(p.contains(&".formatter.exs".to_string()));
    assert!(!p.contains(&"lib/.hidden.ex".to_string()));
    assert!(set.patterns[2].matches.is_empty(), "`.*` matches nothing");
    assert!(set.patterns[2].raw_matches_nothing);
}

#[test]
fn excludes_substring_and_regex() {
    let dir = tricky_tree();
    let root = dir.path();
    let excludes = [Ex::Str("secret"), Ex::Str("*.log"), Ex::Re("^lib/sub$", "")];
    let set = fileset(root, Some(&["lib", "notes.log", "tmp"]), &excludes);
    let p = paths(&set);
    assert!(
        !p.contains(&"lib/mysecret.ex".to_string()),
        "substring test"
    );
    assert!(
        p.contains(&"notes.log".to_string()),
        "a glob string is literal"
    );
    assert!(!p.contains(&"lib/sub".to_string()));
    assert!(
        p.contains(&"lib/sub/b.ex".to_string()),
        "excluding a directory entry keeps its children"
    );
    let by = |path: &str| {
        set.excluded
            .iter()
            .find(|x| x.entry.path == path)
            .map(|x| x.reason)
    };
    assert_eq!(by("lib/mysecret.ex"), Some(ExcludedBy::Pattern(0)));
    assert_eq!(by("lib/sub"), Some(ExcludedBy::Pattern(2)));
    assert_same_as_hex(
        root,
        &["lib", "notes.log", "tmp"],
        &excludes,
        r#"["secret", "*.log", ~r/^lib\/sub$/]"#,
    );
}

#[test]
fn untranslatable_regex_makes_the_set_unknown() {
    let dir = tricky_tree();
    let set = fileset(dir.path(), Some(&["lib"]), &[Ex::Re("(?<=lib)/a", "")]);
    let unknown = set
        .unknown
        .expect("lookbehind is not supported by the regex crate");
    assert!(
        unknown.reason.contains("~r/(?<=lib)/a/"),
        "{}",
        unknown.reason
    );
    assert!(set.entries.is_empty());
}

#[cfg(unix)]
#[test]
fn symlinks_stay_entries_and_double_star_follows_them() {
    let dir = tricky_tree();
    let root = dir.path();
    symlink("lib", root.join("linklib")).unwrap();
    symlink("../lib/a.ex", root.join("priv/a_link.ex")).unwrap();
    let set = fileset(root, Some(&["linklib", "priv"]), &[]);
    let link = set.get("linklib").unwrap();
    assert_eq!(
        link.kind,
        EntryKind::Symlink {
            target: "lib".into()
        }
    );
    assert!(
        set.get("linklib/a.ex").is_none(),
        "a symlinked dir is not walked"
    );
    assert_same_as_hex(root, &["linklib", "priv"], &[], "[]");
    assert_same_as_hex(root, &["linklib/**"], &[], "[]");
    assert_same_as_hex(root, &["**/a.ex"], &[], "[]");
}

#[cfg(unix)]
#[test]
fn symlink_loops_are_detected_not_followed_forever() {
    let dir = tricky_tree();
    let root = dir.path();
    symlink("..", root.join("priv/up")).unwrap();
    let set = fileset(root, Some(&["priv/**"]), &[]);
    assert!(
        set.problems
            .iter()
            .any(|p| matches!(p, Problem::SymlinkLoop { pattern: 0, .. })),
        "{:?}",
        set.problems
    );
    assert!(set.entries.len() < 1000);
}

#[test]
fn parent_patterns_stay_absolute_and_absolute_patterns_are_dropped() {
    let outer = tempfile::tempdir().unwrap();
    let root = outer.path().join("pkg");
    write(
        &root,
        &[("mix.exs", "x"), ("lib/a.ex", "a"), ("etc/passwd", "p")],
    );
    write(outer.path(), &[("shared.txt", "s")]);
    let set = fileset(&root, Some(&["../shared.txt", "/etc/passwd", "/nope"]), &[]);
    let shared = outer.path().canonicalize().unwrap().join("shared.txt");
    assert_eq!(set.outside[0].path, shared.to_string_lossy());
    assert!(set.outside[0].outside_root);
    assert!(set.entries.iter().all(|e| !e.path.starts_with('/')));
    assert!(
        set.get("etc/passwd").is_some(),
        "/etc/passwd is joined under the root"
    );
    assert!(
        set.problems
            .contains(&Problem::AbsolutePattern { pattern: 1 })
    );
    assert!(!set.patterns[1].raw_matches_nothing, "/etc/passwd exists");
    assert!(set.patterns[2].raw_matches_nothing);
    assert_same_as_hex(&root, &["../shared.txt", "/etc/passwd", "/nope"], &[], "[]");
}

#[test]
fn glob_characters_in_the_root_empty_every_pattern() {
    let outer = tempfile::tempdir().unwrap();
    let root = outer.path().join("we[ir]d {x}");
    write(&root, &[("mix.exs", "x"), ("lib/a.ex", "a")]);
    let set = fileset(&root, None, &[]);
    assert!(set.root_has_glob_chars);
    assert!(set.entries.is_empty());
    let explicit = fileset(&root, Some(&["lib", "mix.exs"]), &[]);
    assert!(explicit.entries.is_empty());
    assert!(
        !explicit.patterns[0].raw_matches_nothing,
        "the missing-files check globs the raw pattern, which works"
    );
    assert_same_as_hex(&root, &["lib", "mix.exs"], &[], "[]");
}

#[test]
fn empty_files_list_is_not_nil() {
    let dir = tricky_tree();
    let set = fileset(dir.path(), Some(&[]), &[]);
    assert!(set.explicit);
    assert!(set.patterns.is_empty());
    assert!(set.entries.is_empty());
}

#[cfg(unix)]
#[test]
fn fifo_is_an_other_entry() {
    let dir = tricky_tree();
    let root = dir.path();
    let status = std::process::Command::new("mkfifo")
        .arg(root.join("lib/pipe"))
        .status()
        .unwrap();
    assert!(status.success());
    let set = fileset(root, Some(&["lib"]), &[]);
    assert_eq!(
        set.get("lib/pipe").unwrap().kind,
        EntryKind::Other(hexlint::files::OtherKind::Fifo)
    );
}

#[cfg(unix)]
#[test]
fn unreadable_files_and_directories_are_reported() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tricky_tree();
    let root = dir.path();
    write(root, &[("lib/locked.ex", "x"), ("lib/closed/x.ex", "x")]);
    std::fs::set_permissions(
        root.join("lib/locked.ex"),
        std::fs::Permissions::from_mode(0o000),
    )
    .unwrap();
    std::fs::set_permissions(
        root.join("lib/closed"),
        std::fs::Permissions::from_mode(0o000),
    )
    .unwrap();
    let running_as_root = std::fs::read(root.join("lib/locked.ex")).is_ok();
    let set = fileset(root, Some(&["lib"]), &[]);
    std::fs::set_permissions(
        root.join("lib/closed"),
        std::fs::Permissions::from_mode(0o755),
    )
    .unwrap();
    if running_as_root {
        eprintln!("running as root: permissions are not enforced, skipping");
        return;
    }
    assert!(set.get("lib/locked.ex").unwrap().read_error.is_some());
    assert!(set.problems.iter().any(|p| matches!(
        p,
        Problem::UnreadableDirectory { path, .. } if path.ends_with("lib/closed")
    )));
}

#[cfg(unix)]
#[test]
fn safe_relative_path_agrees_with_otp_filelib() {
    let outer = tempfile::tempdir().unwrap();
    let outer_path = outer.path().canonicalize().unwrap();
    let root = outer_path.join("pkg");
    write(&root, &[("lib/a.ex", "a")]);
    write(&outer_path, &[("shared/x.ex", "x")]);
    symlink("../shared", root.join("vendor")).unwrap();
    symlink("lib", root.join("source")).unwrap();
    symlink("../lib/a.ex", root.join("lib/alias.ex")).unwrap();
    symlink("loop_b", root.join("loop_a")).unwrap();
    symlink("loop_a", root.join("loop_b")).unwrap();
    let cases = [
        "vendor/x.ex",
        "source/a.ex",
        "lib/alias.ex",
        "vendor",
        "lib/../lib/a.ex",
        "loop_a",
        "lib/../../x",
    ];
    let ours: Vec<bool> = cases
        .iter()
        .map(|c| hexlint::files::expand::safe_relative_path(c, &root))
        .collect();
    assert_eq!(ours, [false, true, true, false, true, false, false]);
    if !have_elixir() {
        return;
    }
    let list: Vec<String> = cases.iter().map(|c| format!("{c:?}")).collect();
    let script = format!(
        "for p <- [{}], do: IO.puts(:filelib.safe_relative_path(p, {:?}) != :unsafe)",
        list.join(", "),
        root.to_string_lossy()
    );
    let otp: Vec<bool> = support::elixir(&root, &script)
        .lines()
        .map(|l| l == "true")
        .collect();
    assert_eq!(ours, otp);
}

/// Regression (found by the `glob` fuzz target: input `/**` timed out walking the whole disk):
/// patterns that reach outside the project are expanded with a small budget.
#[test]
fn escaping_patterns_walk_a_bounded_budget() {
    let dir = tricky_tree();
    let report = hexlint::files::glob::wildcard_bounded(
        "/**",
        dir.path(),
        hexlint::files::glob::MAX_VISITED_OUTSIDE,
    )
    .unwrap();
    assert!(report.truncated);
    let set = fileset(
        dir.path(),
        Some(&["lib", "/**", "../../../../../../**"]),
        &[],
    );
    assert!(set.entries.iter().all(|e| !e.path.starts_with('/')));
    assert!(
        !set.patterns[1].raw_matches_nothing,
        "a cut-short walk is not \"nothing\""
    );
}

#[test]
fn a_directory_is_empty_only_when_the_walk_found_no_child_at_all() {
    // The walk's own listing decides (the directory is not listed a second time): a dotfile or
    // an excluded `.DS_Store` is a child, so its directory is not empty and gets no tar entry.
    let dir = tricky_tree();
    let root = dir.path();
    std::fs::create_dir_all(root.join("priv/dot_only")).unwrap();
    std::fs::write(root.join("priv/dot_only/.keep"), "").unwrap();
    std::fs::create_dir_all(root.join("priv/junk_only")).unwrap();
    std::fs::write(root.join("priv/junk_only/.DS_Store"), "").unwrap();
    for pats in [
        &["priv"][..],
        &["priv/*"],
        &["priv/**"],
        &["priv/empty", "priv/dot_only"],
    ] {
        let set = fileset(root, Some(pats), &[]);
        let empty = |path: &str| {
            set.entries
                .iter()
                .find(|e| e.path == path)
                .map(|e| e.kind == EntryKind::Directory { empty: true })
        };
        assert_eq!(empty("priv/empty"), Some(true), "{pats:?}");
        assert_eq!(empty("priv/dot_only"), Some(false), "{pats:?}");
        if !pats.contains(&"priv/dot_only") {
            assert_eq!(empty("priv/junk_only"), Some(false), "{pats:?}");
            assert_eq!(empty("priv/static"), Some(false), "{pats:?}");
        }
    }
}
