//! Test fixtures for the file-hygiene rules: a project directory in a temp dir plus a mix.exs
//! whose `:package` is rendered from a small value tree, so every value's span is exact.
//!
//! (Built with `Project::from_config` and hand-made values; no Elixir parser is needed.)

#![allow(dead_code)]

use hexlint::config::Config;
use hexlint::diagnostic::{Diagnostic, Severity};
use hexlint::mixexs::value::{Value, ValueKind};
use hexlint::project::Project;
use hexlint::rules::{Context, Rule};
use hexlint::source::{SourceFile, Span};
use std::path::Path;
use std::sync::Arc;

/// A value to render into mix.exs.
#[derive(Clone)]
pub enum V {
    Str(&'static str),
    Atom(&'static str),
    Regex(&'static str),
    List(Vec<V>),
    Kw(Vec<(&'static str, V)>),
    /// Elixir text whose value cannot be known statically (`System.get_env("X")`).
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

    /// Build the project with `package: <package>` (rendered into mix.exs, which is written to
    /// disk too) and return it.
    pub fn project(&self, package: Option<V>) -> Project {
        let mut text = HEAD.to_string();
        let mut entries = Vec::new();
        let app_key = text.find("app:").unwrap();
        let app_val = text.find(":my_pkg").unwrap();
        entries.push(pair(
            "app",
            Span::new(app_key, app_key + 3),
            Value::new(
                ValueKind::Atom("my_pkg".into()),
                Span::new(app_val, app_val + 7),
            ),
        ));
        match &package {
            Some(p) => {
                let key = text.rfind("package:").unwrap();
                let value = render(p, &mut text);
                entries.push(pair("package", Span::new(key, key + 7), value));
            }
            None => text.push_str("nil"),
        }
        text.push_str(TAIL);
        let whole = Span::new(0, text.len());
        let config = Value::new(ValueKind::List(entries), whole);
        std::fs::write(self.root().join("mix.exs"), &text).expect("write mix.exs");
        let source = Arc::new(SourceFile::new("mix.exs", text));
        Project::from_config(
            self.root().to_path_buf(),
            source,
            Some("Fixture.MixProject".into()),
            config,
            Vec::new(),
            Vec::new(),
        )
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

fn pair(key: &str, key_span: Span, value: Value) -> Value {
    let span = key_span.to(value.span);
    Value::new(
        ValueKind::Tuple(vec![
            Value::new(ValueKind::Atom(key.into()), key_span),
            value,
        ]),
        span,
    )
}

/// Append the Elixir text of `v` to `out` and return its value with exact spans.
fn render(v: &V, out: &mut String) -> Value {
    let start = out.len();
    let kind = match v {
        V::Str(t) => {
            out.push_str(&format!("{t:?}"));
            ValueKind::String(t.to_string())
        }
        V::Atom(a) => {
            out.push_str(&format!(":{a}"));
            ValueKind::Atom(a.to_string())
        }
        V::Regex(src) => {
            out.push_str(&format!("~r/{src}/"));
            ValueKind::Regex {
                source: src.to_string(),
                opts: String::new(),
            }
        }
        V::Unknown(text) => {
            out.push_str(text);
            ValueKind::Unknown {
                reason: format!("{text} is not known statically"),
            }
        }
        V::List(items) => {
            out.push('[');
            let mut values = Vec::new();
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                values.push(render(item, out));
            }
            out.push(']');
            ValueKind::List(values)
        }
        V::Kw(pairs) => {
            out.push('[');
            let mut values = Vec::new();
            for (i, (k, item)) in pairs.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                let key_start = out.len();
                out.push_str(k);
                let key_span = Span::new(key_start, out.len());
                out.push_str(": ");
                let value = render(item, out);
                values.push(pair(k, key_span, value));
            }
            out.push(']');
            ValueKind::List(values)
        }
    };
    Value::new(kind, Span::new(start, out.len()))
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
