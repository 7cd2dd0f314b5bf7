//! Test fixtures for the file-hygiene rules: a project directory in a temp dir plus a mix.exs
//! whose `:package` is rendered from a small value tree, loaded with `load_project` (the real
//! parser and evaluator), so positions in assertions are positions in that text.

#![allow(dead_code)]

use hexlint::config::Config;
use hexlint::diagnostic::{Diagnostic, Severity};
use hexlint::project::Project;
use hexlint::rules::{Context, Rule};
use std::path::Path;

/// A value to render into mix.exs.
#[derive(Clone)]
pub enum V {
    Str(&'static str),
    Atom(&'static str),
    Regex(&'static str),
    List(Vec<V>),
    Kw(Vec<(&'static str, V)>),
    /// Elixir text whose value cannot be known statically (a call to an unknown function).
    Unknown(&'static str),
}

pub fn s(text: &'static str) -> V {
    V::Str(text)
}
pub fn re(source: &'static str) -> V {
    V::Regex(source)
}
pub fn list(items: Vec<V>) -> V {
    V::List(items)
}
pub fn strs(items: &[&'static str]) -> V {
    V::List(items.iter().map(|i| V::Str(i)).collect())
}

pub struct Fixture {
    pub dir: tempfile::TempDir,
    pub config: Config,
}

/// The mix.exs text before the package value; the package is on line 7.
const HEAD: &str = "defmodule Fixture.MixProject do\n  use Mix.Project\n\n  def project do\n    [\n      app: :my_pkg,\n      package: ";
const TAIL: &str = "\n    ]\n  end\nend\n";

impl Fixture {
    pub fn new() -> Fixture {
        Fixture {
            dir: tempfile::tempdir().expect("temp dir"),
            config: Config::default(),
        }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// Write a file (creating parent directories).
    pub fn file(&self, rel: &str, contents: impl AsRef<[u8]>) -> &Self {
        let path = self.root().join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::write(path, contents).expect("write");
        self
    }

    /// Write mix.exs with `package: <package>` rendered into it, and load the project the way
    /// `hexlint check` does (parser + evaluator).
    pub fn project(&self, package: Option<V>) -> Project {
        let mut text = HEAD.to_string();
        match &package {
            Some(p) => render(p, &mut text),
            None => text.push_str("nil"),
        }
        text.push_str(TAIL);
        std::fs::write(self.root().join("mix.exs"), &text).expect("write mix.exs");
        hexlint::load::load_project(self.root(), None).expect("fixture mix.exs loads")
    }

    /// Run one rule over the project.
    pub fn run(&self, rule: &Rule, package: Option<V>) -> Vec<Diagnostic> {
        let project = self.project(package);
        let ctx = Context::new(&project, &self.config);
        let mut out = Vec::new();
        (rule.check)(&ctx, &mut out);
        out
    }
}

/// Append the Elixir text of `v` to `out`.
fn render(v: &V, out: &mut String) {
    match v {
        V::Str(t) => out.push_str(&format!("{t:?}")),
        V::Atom(a) => out.push_str(&format!(":{a}")),
        V::Regex(src) => out.push_str(&format!("~r/{src}/")),
        V::Unknown(text) => out.push_str(text),
        V::List(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                render(item, out);
            }
            out.push(']');
        }
        V::Kw(pairs) => {
            out.push('[');
            for (i, (k, item)) in pairs.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(k);
                out.push_str(": ");
                render(item, out);
            }
            out.push(']');
        }
    }
}

/// `(rule, severity, line, column)` of each diagnostic, for compact assertions.
pub fn summary(diags: &[Diagnostic]) -> Vec<(&'static str, Severity, usize, usize)> {
    diags
        .iter()
        .map(|d| {
            let r = d.range().expect("diagnostic has a span");
            (d.rule, d.severity, r.start.line, r.start.column)
        })
        .collect()
}

/// The text a diagnostic's span covers.
pub fn spanned(d: &Diagnostic) -> &str {
    d.source.slice(d.span.expect("span"))
}

/// Run git in `dir` (no system config), asserting success.
pub fn git(dir: &Path, args: &[&str]) {
    let ok = std::process::Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(ok, "git {args:?} failed");
}
