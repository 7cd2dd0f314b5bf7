//! Expanding a generated 2,000-file package the way Hex does, and building its exact
//! `contents.tar.gz` in memory. The tree is generated in a temp dir when the bench starts.

use hexlint::files::expand::{Spec, expand};
use hexlint::files::{DEFAULT_FILES, PatternSource, tarball};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn main() {
    divan::main();
}

/// A package tree: 2,000 files of Elixir-like text under lib/ (nested 3 levels), priv/ and
/// test/ (not packaged), plus mix.exs, README.md and LICENSE.
fn tree() -> &'static Path {
    static TREE: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, root) = TREE.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().canonicalize().expect("canonical root");
        let body = "defmodule Generated.Module do\n  @moduledoc \"Generated for the benchmark.\"\n  def value(x), do: x * 2\nend\n";
        for i in 0..2_000 {
            let rel = match i % 4 {
                0 => format!("lib/generated/a{}/b{}/mod_{i}.ex", i % 10, i % 7),
                1 => format!("lib/generated/c{}/mod_{i}.ex", i % 13),
                2 => format!("priv/static/asset_{i}.js"),
                _ => format!("test/generated/mod_{i}_test.exs"),
            };
            let path = root.join(rel);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            std::fs::write(&path, body.repeat(1 + i % 5)).expect("write");
        }
        for (name, text) in [("mix.exs", "defmodule G.MixProject do\nend\n"), ("README.md", "# G\n"), ("LICENSE", "MIT\n")] {
            std::fs::write(root.join(name), text).expect("write");
        }
        (dir, root)
    });
    root
}

fn default_spec() -> Spec {
    Spec {
        patterns: DEFAULT_FILES
            .iter()
            .map(|p| (p.to_string(), PatternSource::Default))
            .collect(),
        explicit: false,
        excludes: Vec::new(),
        files_key_span: None,
        package_span: None,
    }
}

#[divan::bench]
fn expand_default_files() -> usize {
    let set = expand(tree(), &default_spec());
    set.entries.len()
}

#[divan::bench]
fn expand_double_star_glob() -> usize {
    let mut spec = default_spec();
    spec.patterns = vec![("lib/**/*.ex".into(), PatternSource::Default)];
    expand(tree(), &spec).entries.len()
}

#[divan::bench]
fn exact_compressed_size() -> u64 {
    let set = expand(tree(), &default_spec());
    tarball::summarize(&set.entries, &set.root, set.metadata_size_estimate)
        .expect("tarball")
        .compressed_size
}

/// Hostile globs (issue 13): a tree of 4,000 directories (20 × 20 × 10, each with one file)
/// plus a 200-level chain, generated once.
fn hostile_tree() -> &'static Path {
    static TREE: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, root) = TREE.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().canonicalize().expect("canonical root");
        for i in 0..20 {
            for j in 0..20 {
                for k in 0..10 {
                    let d = root.join(format!("lib/a{i}/a{j}/a{k}"));
                    std::fs::create_dir_all(&d).expect("mkdir");
                    std::fs::write(d.join("m.ex"), "defmodule M do\nend\n").expect("write");
                }
            }
        }
        let mut deep = root.join("lib/deep");
        for _ in 0..200 {
            deep.push("a");
        }
        std::fs::create_dir_all(&deep).expect("mkdir");
        std::fs::write(deep.join("d.ex"), "defmodule D do\nend\n").expect("write");
        std::fs::write(root.join("ab".repeat(15)), "").expect("write");
        (dir, root)
    });
    root
}

/// `{a,b}` thirty times in one part: 2^30 alternatives if expanded into copies.
#[divan::bench]
fn hostile_thirty_brace_groups() -> usize {
    hexlint::files::glob::wildcard(&"{a,b}".repeat(30), hostile_tree())
        .expect("pattern")
        .matches
        .len()
}

/// Repeated `**` over 4,000 directories: one listing per directory.
#[divan::bench]
fn hostile_repeated_double_stars() -> usize {
    hexlint::files::glob::wildcard("lib/**/**/**/a*/**/*.ex", hostile_tree())
        .expect("pattern")
        .matches
        .len()
}
