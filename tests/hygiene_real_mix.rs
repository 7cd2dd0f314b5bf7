//! The file-hygiene rules on a project read from real mix.exs text (parser + evaluator), the way
//! `hexlint check` sees it: `package/0` as a private function, `~w` sigils, module attributes.

use hexlint::config::Config;
use hexlint::diagnostic::Severity::{Error, Warning};
use hexlint::rules::{Context, RULES};

const MIX_EXS: &str = r#"defmodule Demo.MixProject do
  use Mix.Project

  @version "0.1.0"
  @source_url "https://github.com/example/demo"

  def project do
    [
      app: :demo,
      version: @version,
      description: "A demo package",
      package: package(),
      deps: []
    ]
  end

  defp package do
    [
      licenses: ["Apache-2.0"],
      links: %{"GitHub" => @source_url},
      files: ~w(lib priv mix.exs .env License.md),
      exclude_patterns: ["*.log", "test"]
    ]
  end
end
"#;

fn write(root: &std::path::Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

#[test]
fn hygiene_rules_point_into_real_mix_exs() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "mix.exs", MIX_EXS);
    write(root, "lib/demo.ex", "defmodule Demo do end\n");
    write(root, "lib/latest.ex", "defmodule Demo.Latest do end\n");
    write(root, "priv/data.json", "{}\n");
    write(root, ".env", "SECRET=1\n");
    write(root, "License.md", include_str!("hygiene_support/mit.txt"));
    let project = hexlint::load::load_project(root, None).expect("mix.exs loads");
    let config = Config::default();
    let ctx = Context::new(&project, &config);
    let mut out = Vec::new();
    for rule in RULES.iter().filter(|r| {
        [
            "sensitive-file-packaged",
            "license-text-mismatch",
            "missing-readme",
            "exclude-pattern-never-matches",
            "exclude-pattern-overbroad",
        ]
        .contains(&r.id)
    }) {
        (rule.check)(&ctx, &mut out);
    }
    let mut got: Vec<_> = out
        .iter()
        .map(|d| {
            let r = d.range().expect("span");
            (
                d.rule,
                d.severity,
                r.start.line,
                r.start.column,
                d.source.slice(d.span.unwrap()).to_string(),
            )
        })
        .collect();
    got.sort_by(|a, b| (a.2, a.3, a.0).cmp(&(b.2, b.3, b.0)));
    assert_eq!(
        got,
        vec![
            ("missing-readme", Warning, 21, 7, "files:".to_string()),
            ("sensitive-file-packaged", Error, 21, 34, ".env".to_string()),
            (
                "license-text-mismatch",
                Warning,
                21,
                39,
                "License.md".to_string()
            ),
            (
                "exclude-pattern-never-matches",
                Warning,
                22,
                26,
                "\"*.log\"".to_string()
            ),
            (
                "exclude-pattern-overbroad",
                Warning,
                22,
                35,
                "\"test\"".to_string()
            ),
        ]
    );
}
