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
