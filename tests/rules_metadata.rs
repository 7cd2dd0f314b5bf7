//! Tests of the `metadata` rules: each rule fires on a small mix.exs and stays silent on a clean
//! one, asserting rule id, severity, line and column.
//!
//! The projects are built by `literal::project`, a reader for the literal subset of Elixir these
//! fixtures use (lists, keyword lists, maps, tuples, strings, atoms, numbers, module attributes,
//! zero-arity local functions; any other call is an unknown value). It gives every value the span
//! the real evaluator gives it, so the rules are tested independently of the evaluator.

use hexlint::config::Config;
use hexlint::diagnostic::{Diagnostic, Severity};
use hexlint::project::{EvalNote, Project};
use hexlint::source::{SourceFile, Span};
use std::path::PathBuf;
use std::sync::Arc;

mod literal {
    use hexlint::mixexs::value::{Value, ValueKind};
    use hexlint::source::Span;

    /// Reads literal Elixir terms from `src`, resolving `@attr` and `name()` from the same file.
    pub struct Reader<'a> {
        pub src: &'a str,
        pos: usize,
        depth: usize,
    }

    impl<'a> Reader<'a> {
        pub fn new(src: &'a str, pos: usize) -> Self {
            Reader { src, pos, depth: 0 }
        }

        fn rest(&self) -> &'a str {
            &self.src[self.pos..]
        }

        fn skip_ws(&mut self) {
            loop {
                let r = self.rest();
                let trimmed = r.trim_start();
                self.pos += r.len() - trimmed.len();
                if trimmed.starts_with('#') {
                    self.pos += trimmed.find('\n').unwrap_or(trimmed.len());
                } else {
                    break;
                }
            }
        }

        fn eat(&mut self, s: &str) -> bool {
            self.skip_ws();
            if self.rest().starts_with(s) {
                self.pos += s.len();
                true
            } else {
                false
            }
        }

        fn expect(&mut self, s: &str) {
            assert!(
                self.eat(s),
                "expected {s:?} at {:?}",
                &self.rest()[..self.rest().len().min(30)]
            );
        }

        fn ident(&mut self) -> &'a str {
            let r = self.rest();
            let n = r
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '?' || c == '!'))
                .unwrap_or(r.len());
            self.pos += n;
            &r[..n]
        }

        /// `key: ` at the current position (after whitespace), without consuming otherwise.
        fn keyword_key(&mut self) -> Option<Value> {
            self.skip_ws();
            let start = self.pos;
            let r = self.rest();
            if !r.starts_with(|c: char| c.is_ascii_lowercase() || c == '_') {
                return None;
            }
            let n = r
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '?' || c == '!'))
                .unwrap_or(r.len());
            if r[n..].starts_with(": ") || r[n..].starts_with(":\n") {
                self.pos += n + 1;
                Some(Value::new(
                    ValueKind::Atom(r[..n].to_string()),
                    Span::new(start, start + n + 1),
                ))
            } else {
                None
            }
        }

        fn string(&mut self, start: usize) -> Value {
            let mut out = String::new();
            let mut chars = self.rest().char_indices();
            while let Some((i, c)) = chars.next() {
                match c {
                    '"' => {
                        self.pos += i + 1;
                        return Value::new(ValueKind::String(out), Span::new(start, self.pos));
                    }
                    '\\' => match chars.next() {
                        Some((_, 'n')) => out.push('\n'),
                        Some((_, c)) => out.push(c),
                        None => break,
                    },
                    c => out.push(c),
                }
            }
            panic!("unterminated string");
        }

        /// The term at the current position.
        pub fn term(&mut self) -> Value {
            self.depth += 1;
            assert!(self.depth < 100, "fixture too deep");
            self.skip_ws();
            let start = self.pos;
            let r = self.rest();
            let v = if self.eat("%{") {
                let mut pairs = Vec::new();
                while !self.eat("}") {
                    if let Some(k) = self.keyword_key() {
                        let v = self.term();
                        pairs.push((k, v));
                    } else {
                        let k = self.term();
                        self.expect("=>");
                        let v = self.term();
                        pairs.push((k, v));
                    }
                    self.eat(",");
                }
                Value::new(ValueKind::Map(pairs), Span::new(start, self.pos))
            } else if self.eat("[") {
                let mut items = Vec::new();
                while !self.eat("]") {
                    if let Some(k) = self.keyword_key() {
                        let v = self.term();
                        let span = k.span.to(v.span);
                        items.push(Value::new(ValueKind::Tuple(vec![k, v]), span));
                    } else {
                        items.push(self.term());
                    }
                    self.eat(",");
                }
                Value::new(ValueKind::List(items), Span::new(start, self.pos))
            } else if self.eat("{") {
                let mut items = Vec::new();
                while !self.eat("}") {
                    if let Some(k) = self.keyword_key() {
                        // A trailing keyword list without brackets: `{:dep, "~> 1.0", only: :dev}`.
                        let kw_start = k.span.start;
                        let mut pairs = Vec::new();
                        let mut key = Some(k);
                        while let Some(k) = key {
                            let v = self.term();
                            let span = k.span.to(v.span);
                            pairs.push(Value::new(ValueKind::Tuple(vec![k, v]), span));
                            self.eat(",");
                            key = self.keyword_key();
                        }
                        let end = pairs.last().map_or(kw_start, |p| p.span.end);
                        items.push(Value::new(ValueKind::List(pairs), Span::new(kw_start, end)));
                        continue;
                    }
                    items.push(self.term());
                    self.eat(",");
                }
                Value::new(ValueKind::Tuple(items), Span::new(start, self.pos))
            } else if self.eat("\"") {
                self.string(start)
            } else if self.eat(":\"") {
                let s = self.string(start);
                Value::new(ValueKind::Atom(s.as_str().unwrap().to_string()), s.span)
            } else if self.eat(":") {
                let name = self.ident().to_string();
                Value::new(ValueKind::Atom(name), Span::new(start, self.pos))
            } else if self.eat("@") {
                let name = self.ident();
                let def = format!("@{name} ");
                let at = self.src.find(&def).expect("attribute defined") + def.len();
                Reader::new(self.src, at).term()
            } else if r.starts_with(|c: char| c.is_ascii_digit() || c == '-') {
                let n = r[1..]
                    .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '_'))
                    .map_or(r.len(), |n| n + 1);
                let text = r[..n].replace('_', "");
                self.pos += n;
                let kind = match text.parse::<i128>() {
                    Ok(i) => ValueKind::Int(i),
                    Err(_) => ValueKind::Float(text.parse().expect("number")),
                };
                Value::new(kind, Span::new(start, self.pos))
            } else {
                let name = self.ident();
                assert!(!name.is_empty(), "unexpected {:?}", &r[..r.len().min(20)]);
                match name {
                    "nil" => Value::new(ValueKind::Nil, Span::new(start, self.pos)),
                    "true" | "false" => {
                        Value::new(ValueKind::Bool(name == "true"), Span::new(start, self.pos))
                    }
                    _ if self.rest().starts_with("()") => {
                        self.pos += 2;
                        // A local zero-arity function: follow `defp name do … end`.
                        let def = ["defp", "def"]
                            .iter()
                            .find_map(|d| {
                                self.src
                                    .find(&format!("{d} {name} do"))
                                    .map(|i| i + d.len() + name.len() + 5)
                            })
                            .expect("function defined");
                        Reader::new(self.src, def).term()
                    }
                    _ => {
                        // A remote call such as `System.get_env("X")`: unknown.
                        let mut end = self.pos;
                        let r2 = &self.src[end..];
                        let dots = r2
                            .find(|c: char| {
                                !(c.is_alphanumeric()
                                    || c == '_'
                                    || c == '.'
                                    || c == '!'
                                    || c == '?')
                            })
                            .unwrap_or(r2.len());
                        end += dots;
                        if self.src[end..].starts_with('(') {
                            let close = self.src[end..].find(')').expect("call closed");
                            end += close + 1;
                        }
                        // `Mix.env() == :prod`: the whole comparison is unknown.
                        let after = &self.src[end..];
                        if after.trim_start_matches(' ').starts_with("==") {
                            end += after.find([',', '\n']).unwrap_or(after.len());
                        }
                        self.pos = end;
                        Value::unknown(
                            format!("call to {}", &self.src[start..end]),
                            Span::new(start, end),
                        )
                    }
                }
            };
            self.depth -= 1;
            v
        }
    }

    /// The value of `def project do … end` in a mix.exs text.
    pub fn project_value(src: &str) -> Value {
        let at = src.find("def project do").expect("def project") + "def project do".len();
        Reader::new(src, at).term()
    }
}

fn project_with_notes(src: &str, notes: Vec<EvalNote>) -> Project {
    let source = Arc::new(SourceFile::new("mix.exs", src));
    let config = literal::project_value(src);
    Project::from_config(
        PathBuf::from("."),
        source,
        Some("Fixture.MixProject".into()),
        config,
        notes,
        Vec::new(),
    )
}

fn project(src: &str) -> Project {
    project_with_notes(src, Vec::new())
}

/// Diagnostics of one rule over a project.
fn run_rule(id: &str, p: &Project) -> Vec<Diagnostic> {
    let config = Config::default();
    let rule = hexlint::rules::find(id).unwrap_or_else(|| panic!("rule {id} is registered"));
    let ctx = hexlint::rules::Context::new(p, &config);
    let mut out = Vec::new();
    (rule.check)(&ctx, &mut out);
    out
}

/// `(severity, line, column)` of each diagnostic, in order.
fn at(diags: &[Diagnostic]) -> Vec<(Severity, usize, usize)> {
    diags
        .iter()
        .map(|d| {
            let r = d.range().expect("diagnostic has a span");
            (d.severity, r.start.line, r.start.column)
        })
        .collect()
}

fn mix(project_body: &str) -> String {
    format!(
        "defmodule Fixture.MixProject do\n  use Mix.Project\n\n  def project do\n{project_body}\n  end\nend\n"
    )
}

/// A realistic mix.exs that `mix hex.build` and hex.pm accept.
const CLEAN: &str = r#"defmodule TinyCache.MixProject do
  use Mix.Project

  @version "1.2.0"
  @source_url "https://github.com/example/tiny_cache"

  def project do
    [
      app: :tiny_cache,
      version: @version,
      elixir: "~> 1.14",
      start_permanent: Mix.env() == :prod,
      description: "A tiny ETS-backed cache with TTLs.",
      source_url: @source_url,
      package: package(),
      deps: deps(),
      docs: [main: "readme", source_ref: "v1.2.0"]
    ]
  end

  defp package do
    [
      licenses: ["Apache-2.0"],
      links: %{"GitHub" => @source_url, "Changelog" => "https://hexdocs.pm/tiny_cache/changelog.html"},
      files: ["lib", "mix.exs", "README.md", "LICENSE", "CHANGELOG.md"],
      extra: %{"maintained" => true, "since" => 2021}
    ]
  end

  defp deps do
    [
      {:telemetry, "~> 1.0"},
      {:jason, "~> 1.4", optional: true},
      {:ex_doc, ">= 0.0.0", only: :dev, runtime: false},
      {:local_tool, path: "../local_tool", only: :test}
    ]
  end
end
"#;

const METADATA_RULES: &[&str] = &[
    "umbrella-project",
    "misplaced-package-field",
    "organisation-spelling",
    "missing-metadata-field",
    "description-too-long",
    "description-blank",
    "invalid-package-name",
    "reserved-package-name",
    "invalid-version",
    "invalid-requirement",
    "invalid-elixir-requirement",
    "invalid-link",
    "insecure-link",
    "unreadable-metadata-value",
    "invalid-organization",
    "empty-build-tools",
    "unknown-package-key",
    "missing-source-link",
    "prerelease-requirement",
    "unbounded-requirement",
    "mix-load-error",
    "deprecated-cli-config",
    "deprecated-project-config",
    "hex-key-in-mix-exs",
    "invalid-elixirc-paths",
];

#[test]
fn clean_project_passes_every_metadata_rule() {
    let p = project(CLEAN);
    for id in METADATA_RULES {
        let diags = run_rule(id, &p);
        assert!(
            diags.is_empty(),
            "{id}: {:?}",
            diags.iter().map(|d| &d.message).collect::<Vec<_>>()
        );
    }
    // `start_permanent: Mix.env() == :prod` is unknown to this reader but not Hex-relevant.
    assert!(run_rule("unresolved-value", &p).is_empty());
}

#[test]
fn clean_project_has_no_errors_from_the_whole_registry() {
    let p = project(CLEAN);
    let errors: Vec<_> = hexlint::rules::run(&p, &Config::default())
        .into_iter()
        .filter(|d| d.severity == Severity::Error && d.rule != "mix-load-error")
        .filter(|d| METADATA_RULES.contains(&d.rule) || d.rule == "unresolved-value")
        .map(|d| format!("{}: {}", d.rule, d.message))
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
}

/// A clean base to which one problem is added per test.
fn base(extra_root: &str, package: &str) -> String {
    mix(&format!(
        "    [\n      app: :tiny_cache,\n      version: \"1.0.0\",\n      description: \"A cache.\",\n{extra_root}      package: [\n        licenses: [\"MIT\"],\n        links: %{{\"GitHub\" => \"https://github.com/x/tiny_cache\"}}{package}\n      ]\n    ]"
    ))
}

#[test]
fn umbrella_project() {
    let fires = project(&mix(
        "    [\n      apps_path: \"apps\",\n      version: \"0.1.0\"\n    ]",
    ));
    let d = run_rule("umbrella-project", &fires);
    // An info in `check` (the apps are what gets linted); `hexlint publish` makes it an error.
    assert_eq!(at(&d), vec![(Severity::Info, 6, 18)]);
    assert_eq!(d[0].rule, "umbrella-project");
    assert!(
        d[0].message
            .contains("Hex does not support umbrella projects")
    );
    let silent = project(&mix(
        "    [\n      apps_path: nil,\n      version: \"0.1.0\"\n    ]",
    ));
    assert!(run_rule("umbrella-project", &silent).is_empty());
}

#[test]
fn misplaced_package_field_reports_every_key() {
    let src = base(
        "      licenses: [\"MIT\"],\n      organization: \"acme\",\n",
        "",
    );
    let d = run_rule("misplaced-package-field", &project(&src));
    assert_eq!(
        at(&d),
        vec![(Severity::Warning, 9, 7), (Severity::Warning, 10, 7)]
    );
    assert!(
        d[0].message
            .contains("Mix project configuration :licenses belongs under the :package key")
    );
    assert!(d[1].message.contains("public hexpm repository"));
    assert!(run_rule("misplaced-package-field", &project(&base("", ""))).is_empty());
}

#[test]
fn organisation_spelling_with_fix() {
    let src = base("", ",\n        organisation: \"acme\"");
    let p = project(&src);
    let d = run_rule("organisation-spelling", &p);
    assert_eq!(at(&d), vec![(Severity::Error, 12, 9)]);
    let fix = d[0].fix.as_ref().expect("certain fix");
    let edit = &fix.edits[0];
    assert_eq!(p.source.slice(edit.span), "organisation:");
    assert_eq!(edit.replacement, "organization:");
    let silent = base("", ",\n        organisation: nil");
    assert!(run_rule("organisation-spelling", &project(&silent)).is_empty());
}

#[test]
fn missing_metadata_field_public_and_org() {
    let src = mix(
        "    [\n      app: :tiny_cache,\n      version: \"1.0.0\",\n      package: [files: [\"lib\"]]\n    ]",
    );
    let d = run_rule("missing-metadata-field", &project(&src));
    // Points at the `package:` key, one finding per field, in Hex's order.
    assert_eq!(
        at(&d),
        vec![
            (Severity::Error, 8, 7),
            (Severity::Error, 8, 7),
            (Severity::Error, 8, 7)
        ]
    );
    assert_eq!(d[0].key_path.as_deref(), Some("description"));
    assert_eq!(d[1].key_path.as_deref(), Some("package.licenses"));
    assert!(
        d[2].message
            .contains("Missing metadata fields: description, licenses, links")
    );

    let org = mix(
        "    [\n      app: :tiny_cache,\n      version: \"1.0.0\",\n      package: [organization: \"acme\", licenses: [], links: %{}]\n    ]",
    );
    let d = run_rule("missing-metadata-field", &project(&org));
    assert_eq!(at(&d), vec![(Severity::Warning, 8, 7)]);
    assert!(d[0].message.contains("description"));

    // Empty values count as present.
    let empty = base("", "");
    assert!(run_rule("missing-metadata-field", &project(&empty)).is_empty());
}

#[test]
fn description_too_long_counts_graphemes() {
    let long = "é".repeat(301);
    let src = base("", "").replace("\"A cache.\"", &format!("\"  {long}  \""));
    let d = run_rule("description-too-long", &project(&src));
    assert_eq!(at(&d), vec![(Severity::Error, 8, 20)]);
    assert!(d[0].message.contains("301 characters"));
    let ok = base("", "").replace("\"A cache.\"", &format!("\"  {}  \"", "é".repeat(300)));
    assert!(run_rule("description-too-long", &project(&ok)).is_empty());
}

#[test]
fn description_blank_public_only() {
    let src = base("", "").replace("\"A cache.\"", "\"   \"");
    let d = run_rule("description-blank", &project(&src));
    assert_eq!(at(&d), vec![(Severity::Error, 8, 20)]);
    assert!(d[0].message.contains("can't be blank"));
    let org = base("", ",\n        organization: \"acme\"").replace("\"A cache.\"", "\"   \"");
    assert!(run_rule("description-blank", &project(&org)).is_empty());
    let nil = base("", "").replace("\"A cache.\"", "nil");
    assert_eq!(
        at(&run_rule("description-blank", &project(&nil))),
        vec![(Severity::Warning, 8, 20)]
    );
    assert!(run_rule("description-blank", &project(&base("", ""))).is_empty());
}

#[test]
fn invalid_package_name_from_package_name() {
    let src = base("", ",\n        name: \"Foo-Bar\"");
    let d = run_rule("invalid-package-name", &project(&src));
    assert_eq!(at(&d), vec![(Severity::Error, 12, 15)]);
    assert!(d[0].message.contains("has invalid format"));
    assert!(d[0].help.as_deref().unwrap().contains("foo_bar"));
    assert!(
        d[0].fix.is_none(),
        "renaming a package is not a certain fix"
    );
    let short = base("", "").replace(":tiny_cache", ":x");
    let d = run_rule("invalid-package-name", &project(&short));
    assert_eq!(at(&d), vec![(Severity::Error, 6, 12)]);
    assert!(d[0].message.contains("at least 2"));
    assert!(run_rule("invalid-package-name", &project(&base("", ""))).is_empty());
}

#[test]
fn reserved_package_name() {
    let src = base("", ",\n        name: \"docs\"");
    let d = run_rule("reserved-package-name", &project(&src));
    assert_eq!(at(&d), vec![(Severity::Error, 12, 15)]);
    assert!(d[0].message.contains("hexdocs.pm subdomain"));
    let app = base("", "").replace(":tiny_cache", ":mix");
    assert_eq!(
        at(&run_rule("reserved-package-name", &project(&app))),
        vec![(Severity::Error, 6, 12)]
    );
    assert!(run_rule("reserved-package-name", &project(&base("", ""))).is_empty());
}

#[test]
fn invalid_version_points_at_the_attribute_literal() {
    let src = "defmodule F.MixProject do\n  use Mix.Project\n  @version \"v1.2.0\"\n\n  def project do\n    [app: :tiny_cache, version: @version]\n  end\nend\n";
    let p = project(src);
    let d = run_rule("invalid-version", &p);
    assert_eq!(at(&d), vec![(Severity::Error, 3, 12)]);
    assert!(d[0].message.contains("is invalid SemVer"));
    let fix = d[0].fix.as_ref().expect("v prefix fix");
    assert_eq!(fix.edits[0].replacement, "\"1.2.0\"");

    let cases = [
        ("1.0", "MAJOR.MINOR.PATCH"),
        ("1.0.0+build.1", "build number not allowed"),
        (
            "100000000000000.0.0",
            "numeric components must be at most 99999999999999",
        ),
        ("01.0.0", "leading zero"),
    ];
    for (version, expected) in cases {
        let src = base("", "").replace("\"1.0.0\"", &format!("\"{version}\""));
        let d = run_rule("invalid-version", &project(&src));
        assert_eq!(at(&d), vec![(Severity::Error, 7, 16)], "{version}");
        assert!(
            d[0].message.contains(expected),
            "{version}: {}",
            d[0].message
        );
    }
    let long_pre = base("", "").replace("\"1.0.0\"", &format!("\"1.0.0-{}\"", "a".repeat(65)));
    assert!(
        run_rule("invalid-version", &project(&long_pre))[0]
            .message
            .contains("at most 64")
    );
    let pre = base("", "").replace("\"1.0.0\"", "\"1.0.0-rc.1\"");
    assert!(run_rule("invalid-version", &project(&pre)).is_empty());
}

fn with_deps(deps: &str) -> String {
    base("      deps: deps(),\n", "").replace(
        "  end\nend\n",
        &format!("  end\n\n  defp deps do\n    [\n{deps}\n    ]\n  end\nend\n"),
    )
}

#[test]
fn invalid_requirement_prod_hex_deps_only() {
    let src = with_deps(
        "      {:jason, \"1.4\"},\n      {:plug, \">= 1.14.0, < 2.0.0\"},\n      {:telemetry, hex: :telemetry},\n      {:bad, \"!= 1.0.0\"},\n      {:dev_only, \"1.0\", only: :dev},\n      {:gitdep, \"1.0\", github: \"a/b\"}",
    );
    let p = project(&src);
    let d = run_rule("invalid-requirement", &p);
    assert_eq!(
        at(&d),
        vec![
            (Severity::Error, 19, 16),
            (Severity::Error, 20, 15),
            (Severity::Error, 21, 8),
            (Severity::Error, 22, 14),
        ]
    );
    assert!(d[0].message.contains("invalid requirement: \"1.4\""));
    assert!(d[0].help.as_deref().unwrap().contains("~> 1.4"));
    let fix = d[1].fix.as_ref().expect("comma fix");
    assert_eq!(fix.edits[0].replacement, "\">= 1.14.0 and < 2.0.0\"");
    assert!(d[2].message.contains("\"nil\""));
    assert!(d[3].message.contains("!= is not allowed in requirements"));
    let ok = with_deps("      {:jason, \"~> 1.4\"},\n      {:plug, \">= 1.14.0 and < 2.0.0\"}");
    assert!(run_rule("invalid-requirement", &project(&ok)).is_empty());
}

#[test]
fn invalid_requirement_in_an_entry_a_later_one_replaces_is_a_warning() {
    // hex_core keys requirements by package name: the last entry is the one hex.pm sees.
    let src = with_deps(
        "      {:telemetry, optional: true},\n      {:telemetry, \"~> 1.0\"},\n      {:jason, \"~> 1.4\"},\n      {:jason, hex: :jason}",
    );
    let d = run_rule("invalid-requirement", &project(&src));
    assert_eq!(
        at(&d),
        vec![(Severity::Warning, 19, 8), (Severity::Error, 22, 8)]
    );
    assert!(
        d[0].message.contains("line 20 replaces it"),
        "{}",
        d[0].message
    );
    assert_eq!(d[0].labels.len(), 1);
}

#[test]
fn invalid_elixir_requirement() {
    let src = base("      elixir: \"1.14\",\n", "");
    let d = run_rule("invalid-elixir-requirement", &project(&src));
    assert_eq!(at(&d), vec![(Severity::Error, 9, 15)]);
    assert!(d[0].message.contains("invalid requirement: \"1.14\""));
    assert!(d[0].help.as_deref().unwrap().contains("~> 1.14"));
    let ok = base("      elixir: \"~> 1.14\",\n", "");
    assert!(run_rule("invalid-elixir-requirement", &project(&ok)).is_empty());
}

#[test]
fn invalid_link() {
    let src = base("", "").replace(
        "%{\"GitHub\" => \"https://github.com/x/tiny_cache\"}",
        "%{\"GitHub\" => \"github.com/x/tiny_cache\", \"Docs\" => \"ftp://x.org\", \"Home\" => 42, \"Ok\" => \"https://x.org\"}",
    );
    let d = run_rule("invalid-link", &project(&src));
    assert_eq!(
        at(&d),
        vec![
            (Severity::Error, 11, 30),
            (Severity::Error, 11, 67),
            (Severity::Error, 11, 92)
        ]
    );
    assert!(
        d[0].message
            .contains("invalid link \"github.com/x/tiny_cache\"")
    );
    assert!(d[2].message.contains("is invalid"));
    let kw = base("", "").replace(
        "%{\"GitHub\" => \"https://github.com/x/tiny_cache\"}",
        "[github: \"https://github.com/x/tiny_cache\"]",
    );
    assert_eq!(
        at(&run_rule("invalid-link", &project(&kw))),
        vec![(Severity::Warning, 11, 16)]
    );
    let broken = base("", "").replace("https://github.com/x/tiny_cache", "https://");
    assert_eq!(
        at(&run_rule("invalid-link", &project(&broken))),
        vec![(Severity::Warning, 11, 30)]
    );
    assert!(run_rule("invalid-link", &project(&base("", ""))).is_empty());
}

#[test]
fn unreadable_metadata_value() {
    let src = base(
        "",
        ",\n        extra: %{\"ratio\" => 2.5, \"pair\" => {1, 2}, \"list\" => [%{\"a\" => 1}]}",
    );
    let d = run_rule("unreadable-metadata-value", &project(&src));
    assert_eq!(
        at(&d),
        vec![
            (Severity::Error, 12, 29),
            (Severity::Error, 12, 44),
            (Severity::Error, 12, 63)
        ]
    );
    assert!(d[0].message.contains("invalid terms"));
    assert_eq!(d[0].key_path.as_deref(), Some("package.extra[\"ratio\"]"));
    assert!(d[1].message.contains("tuple"));
    let kw = base("", ",\n        extra: [team: \"core\"]");
    assert_eq!(
        at(&run_rule("unreadable-metadata-value", &project(&kw))),
        vec![(Severity::Warning, 12, 16)]
    );
    let not_map = base("", ",\n        extra: \"x\"");
    assert_eq!(
        at(&run_rule("unreadable-metadata-value", &project(&not_map))),
        vec![(Severity::Error, 12, 16)]
    );
    let ok = base(
        "",
        ",\n        extra: %{\"n\" => 3, \"tags\" => [\"a\", \"b\"], \"nested\" => %{\"ok\" => true}}",
    );
    assert!(run_rule("unreadable-metadata-value", &project(&ok)).is_empty());
}

#[test]
fn invalid_organization() {
    let src = base("", ",\n        organization: \"My Company\"");
    let d = run_rule("invalid-organization", &project(&src));
    assert_eq!(at(&d), vec![(Severity::Error, 12, 23)]);
    assert!(d[0].message.contains("has invalid format"));
    for ok in ["acme_corp", "hexpm"] {
        let src = base("", &format!(",\n        organization: \"{ok}\""));
        assert!(
            run_rule("invalid-organization", &project(&src)).is_empty(),
            "{ok}"
        );
    }
}

#[test]
fn empty_build_tools() {
    let src = base("", ",\n        build_tools: []");
    let d = run_rule("empty-build-tools", &project(&src));
    assert_eq!(at(&d), vec![(Severity::Error, 12, 22)]);
    assert!(d[0].message.contains("can't be blank"));
    let ok = base("", ",\n        build_tools: [\"mix\"]");
    assert!(run_rule("empty-build-tools", &project(&ok)).is_empty());
}

#[test]
fn unknown_package_key_with_did_you_mean() {
    let src = base(
        "",
        ",\n        licences: [\"MIT\"],\n        maintainers: [\"Jane\"],\n        exclude_patern: [\"x\"]",
    );
    let p = project(&src);
    let d = run_rule("unknown-package-key", &p);
    assert_eq!(
        at(&d),
        // `maintainers` (line 13) is dead but harmless: not reported.
        vec![(Severity::Warning, 12, 9), (Severity::Warning, 14, 9)]
    );
    let fix = d[0].fix.as_ref().expect("licences is a certain typo");
    assert_eq!(fix.edits[0].replacement, "licenses:");
    assert!(d[1].help.as_deref().unwrap().contains("exclude_patterns"));
    assert!(d[1].fix.is_none());
    let single = base("", ",\n        license: \"MIT\"");
    let p = project(&single);
    let d = run_rule("unknown-package-key", &p);
    assert_eq!(at(&d), vec![(Severity::Warning, 12, 9)]);
    let edit = &d[0].fix.as_ref().expect("license fix").edits[0];
    assert_eq!(p.source.slice(edit.span), "license: \"MIT\"");
    assert_eq!(edit.replacement, "licenses: [\"MIT\"]");
    assert!(run_rule("unknown-package-key", &project(&base("", ""))).is_empty());
}

#[test]
fn missing_source_link() {
    let src = base("", "").replace(
        "%{\"GitHub\" => \"https://github.com/x/tiny_cache\"}",
        "%{\"Website\" => \"https://example.com\"}",
    );
    let d = run_rule("missing-source-link", &project(&src));
    assert_eq!(at(&d), vec![(Severity::Warning, 11, 16)]);
    let with_source_url = src.replace(
        "      package: [",
        "      source_url: \"https://git.example.com/x\",\n      package: [",
    );
    assert!(run_rule("missing-source-link", &project(&with_source_url)).is_empty());
    assert!(run_rule("missing-source-link", &project(&base("", ""))).is_empty());
}

#[test]
fn prerelease_requirement_in_stable_release() {
    let src = with_deps(
        "      {:phoenix_live_view, \"~> 1.0.0-rc.6\"},\n      {:dev, \"~> 1.0-rc\", only: :test}",
    );
    let d = run_rule("prerelease-requirement", &project(&src));
    assert_eq!(at(&d), vec![(Severity::Info, 19, 28)]);
    let pre = src.replace("version: \"1.0.0\"", "version: \"1.0.0-rc.1\"");
    assert!(run_rule("prerelease-requirement", &project(&pre)).is_empty());
}

#[test]
fn unbounded_requirement() {
    let src = with_deps(
        "      {:jason, \">= 0.0.0\"},\n      {:plug, \"~> 1.0\"},\n      {:ex_doc, \">= 0.0.0\", only: :dev}",
    );
    let d = run_rule("unbounded-requirement", &project(&src));
    assert_eq!(at(&d), vec![(Severity::Info, 19, 16)]);
    let ok = with_deps("      {:jason, \">= 1.0.0 and < 2.0.0\"}");
    assert!(run_rule("unbounded-requirement", &project(&ok)).is_empty());
    // An optional dependency's version is the opting-in application's choice.
    let optional = with_deps("      {:rustler, \">= 0.0.0\", optional: true}");
    assert!(run_rule("unbounded-requirement", &project(&optional)).is_empty());
}

#[test]
fn unresolved_value_names_skipped_checks() {
    let src = base(
        "",
        ",\n        extra: %{\"build\" => System.get_env(\"BUILD\")}",
    )
    .replace("\"1.0.0\"", "System.get_env(\"VERSION\")");
    let p = project(&src);
    let d = run_rule("unresolved-value", &p);
    assert_eq!(
        at(&d),
        vec![(Severity::Info, 7, 16), (Severity::Info, 12, 29)]
    );
    assert!(d[0].message.contains("`version`"));
    assert!(d[0].message.contains("invalid-version"));
    assert!(d[1].message.contains("unreadable-metadata-value"));
    // The version rules themselves stay silent.
    assert!(run_rule("invalid-version", &p).is_empty());
    assert!(run_rule("unresolved-value", &project(&base("", ""))).is_empty());
}

#[test]
fn unresolved_value_for_deps_entries() {
    let src = with_deps("      {:jason, System.get_env(\"REQ\")},\n      {:plug, \"~> 1.0\"}");
    let d = run_rule("unresolved-value", &project(&src));
    assert_eq!(at(&d), vec![(Severity::Info, 19, 16)]);
    assert!(d[0].message.contains("`deps.jason`"), "{}", d[0].message);
    assert_eq!(d[0].key_path.as_deref(), Some("deps.jason"));
    assert!(run_rule("invalid-requirement", &project(&src)).is_empty());
}

#[test]
fn mix_load_error_reports_evaluator_notes() {
    let src = "defmodule F.MixProject do\n  use Mix.Project\n  @version File.read!(\"VERSION\")\n\n  def project do\n    [app: :tiny_cache, version: @version]\n  end\nend\n";
    let start = src.find("File.read!").unwrap();
    let note = EvalNote {
        span: Span::new(start, start + "File.read!(\"VERSION\")".len()),
        message: "File.read!(\"VERSION\") raises: no such file".into(),
    };
    let d = run_rule("mix-load-error", &project_with_notes(src, vec![note]));
    assert_eq!(at(&d), vec![(Severity::Error, 3, 12)]);
    assert!(run_rule("mix-load-error", &project(CLEAN)).is_empty());
}

#[test]
fn metadata_rules_are_registered_with_complete_docs() {
    let mut ids: Vec<&str> = hexlint::rules::RULES
        .iter()
        .filter(|r| r.group == hexlint::rules::Group::Metadata)
        .map(|r| r.id)
        .collect();
    ids.sort_unstable();
    let mut expected: Vec<&str> = METADATA_RULES.to_vec();
    expected.push("unresolved-value");
    expected.sort_unstable();
    assert_eq!(ids, expected);
    for id in ids {
        let rule = hexlint::rules::find(id).unwrap();
        assert!(rule.doc.starts_with(&format!("# {id}\n")), "{id}");
        for section in [
            "## What it checks",
            "## Why",
            "## Example",
            "## How to fix",
            "## Hex behaviour",
        ] {
            assert!(rule.doc.contains(section), "{id} lacks {section}");
        }
    }
}

#[test]
fn unresolved_value_stays_quiet_where_mix_load_error_reports() {
    let src = "defmodule F.MixProject do\n  use Mix.Project\n  @version File.read!(\"VERSION\")\n\n  def project do\n    [app: :tiny_cache, version: @version]\n  end\nend\n";
    let start = src.find("File.read!").unwrap();
    let span = Span::new(start, start + "File.read!(\"VERSION\")".len());
    let note = EvalNote {
        span,
        message: "File.read!(\"VERSION\") would raise".into(),
    };
    assert!(run_rule("unresolved-value", &project_with_notes(src, vec![note])).is_empty());
    assert_eq!(
        at(&run_rule("unresolved-value", &project(src))),
        vec![(Severity::Info, 3, 12)]
    );
}

/// Write a project (mix.exs plus the usual files) to a temporary directory and load it through
/// the real parser and evaluator.
fn load(mix_exs: &str) -> (tempfile::TempDir, Project) {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    std::fs::write(root.join("mix.exs"), mix_exs).unwrap();
    std::fs::create_dir(root.join("lib")).unwrap();
    std::fs::write(
        root.join("lib/tiny_cache.ex"),
        "defmodule TinyCache do\nend\n",
    )
    .unwrap();
    std::fs::write(root.join("README.md"), "# TinyCache\n").unwrap();
    std::fs::write(root.join("CHANGELOG.md"), "# Changelog\n\n## v1.2.0\n").unwrap();
    std::fs::write(
        root.join("LICENSE"),
        "Apache License\nVersion 2.0, January 2004\n",
    )
    .unwrap();
    let project = hexlint::load::load_project(root, None).expect("loads");
    (dir, project)
}

#[test]
fn real_pipeline_clean_project_has_no_errors() {
    let (_dir, p) = load(CLEAN);
    assert!(!p.config.is_unknown(), "the evaluator reads project/0");
    let diags = hexlint::rules::run(&p, &Config::default());
    let errors: Vec<String> = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| format!("{}: {}", d.rule, d.message))
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    let metadata: Vec<&str> = diags
        .iter()
        .filter(|d| METADATA_RULES.contains(&d.rule) || d.rule == "unresolved-value")
        .map(|d| d.rule)
        .collect();
    assert!(metadata.is_empty(), "{metadata:?}");
}

/// The same findings, with the same positions, through the real evaluator.
#[test]
fn real_pipeline_points_at_the_offending_literals() {
    let src = r#"defmodule FooBar.MixProject do
  use Mix.Project

  @version "v1.2.0"

  def project do
    [
      app: :foo_bar,
      version: @version,
      elixir: "1.14",
      description: "   ",
      licenses: ["MIT"],
      deps: deps(),
      package: package()
    ]
  end

  defp package do
    [
      name: "Foo-Bar",
      organisation: "acme",
      licences: ["MIT"],
      links: %{"Website" => "example.com"},
      build_tools: [],
      extra: %{"ratio" => 2.5}
    ]
  end

  defp deps do
    [
      {:jason, "1.4"},
      {:telemetry, hex: :telemetry},
      {:decimal, ">= 0.0.0"},
      {:ex_doc, ">= 0.0.0", only: :dev, runtime: false}
    ]
  end
end
"#;
    let (_dir, p) = load(src);
    let mut found: Vec<(&str, usize, usize)> = hexlint::rules::run(&p, &Config::default())
        .iter()
        .filter(|d| METADATA_RULES.contains(&d.rule) || d.rule == "unresolved-value")
        .map(|d| {
            let r = d.range().expect("span");
            (d.rule, r.start.line, r.start.column)
        })
        .collect();
    found.sort_unstable();
    let mut expected = vec![
        ("invalid-version", 4, 12),
        ("invalid-elixir-requirement", 10, 15),
        ("description-blank", 11, 20),
        ("misplaced-package-field", 12, 7),
        ("missing-metadata-field", 14, 7),
        ("invalid-package-name", 20, 13),
        ("organisation-spelling", 21, 7),
        ("unknown-package-key", 22, 7),
        ("missing-source-link", 23, 14),
        ("invalid-link", 23, 29),
        ("empty-build-tools", 24, 20),
        ("unreadable-metadata-value", 25, 27),
        ("invalid-requirement", 31, 16),
        ("invalid-requirement", 32, 8),
        ("unbounded-requirement", 33, 18),
    ];
    expected.sort_unstable();
    assert_eq!(found, expected);
}
