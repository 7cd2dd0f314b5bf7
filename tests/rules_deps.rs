//! The `deps` rules.

#[path = "rules_deps_support/mod.rs"]
mod support;

use hexlint::diagnostic::Severity::{Error, Info, Warning};
use hexlint::rules::Group;
use support::{apply_fix, at, diagnostics};

/// A mix.exs with the given `package` and `deps` values (line 9 holds `package:`, the deps
/// start on line 11).
fn mix_exs(package: &str, deps: &str) -> String {
    format!(
        r#"defmodule MyLib.MixProject do
  use Mix.Project

  def project do
    [
      app: :my_lib,
      version: "0.1.0",
      description: "A library",
      package: {package},
      deps: [
{deps}
      ]
    ]
  end
end
"#
    )
}

const PUBLIC: &str = r#"[licenses: ["MIT"], links: %{}]"#;

/// A realistic, publishable deps list: nothing here may produce an error.
const CLEAN_DEPS: &str = r#"        {:jason, "~> 1.4"},
        {:telemetry, "~> 0.4 or ~> 1.0", optional: true},
        {:plug, "~> 1.15", hex: :plug, warn_if_outdated: true},
        {:nimble_options, "~> 1.0", runtime: true, targets: [:host]},
        {:ex_doc, "~> 0.31", only: :dev, runtime: false},
        {:credo, "~> 1.7", only: [:dev, :test], runtime: false},
        {:local_tool, path: "../local_tool", only: :test},
        {:patched, github: "me/patched", branch: "fix", only: :dev, override: true},
        {:mimic, "~> 1.7", only: :test, system_env: [{"CC", "clang"}]},
        {:castore, "~> 1.0", only: [:prod]},
        {:forked, "~> 1.0", github: "me/forked", hex: :forked}"#;

const DEPS_RULES: &[&str] = &[
    "non-hex-dependency",
    "forbidden-dependency-option",
    "foreign-dependency-repository",
    "unknown-dependency-option",
    "dev-only-dependency-excluded",
];

#[test]
fn clean_project_has_no_errors_or_warnings_from_deps_rules() {
    let text = mix_exs(PUBLIC, CLEAN_DEPS);
    for rule in DEPS_RULES {
        let diags = diagnostics(&text, rule);
        let loud: Vec<_> = diags.iter().filter(|d| d.severity > Info).collect();
        assert!(
            loud.is_empty(),
            "{rule}: {:?}",
            loud.iter().map(|d| &d.message).collect::<Vec<_>>()
        );
    }
    // And no error from any rule of the license and deps groups.
    let project = support::project(&text);
    let errors: Vec<_> = hexlint::rules::run(&project, &Default::default())
        .into_iter()
        .filter(|d| d.severity == Error)
        .filter(|d| {
            hexlint::rules::find(d.rule)
                .is_some_and(|r| matches!(r.group, Group::Deps | Group::License))
        })
        .map(|d| (d.rule, d.message))
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
}

#[test]
fn non_hex_dependency_points_at_the_scm_option() {
    let deps = r#"        {:jason, "~> 1.4"},
        {:foo, github: "me/foo"},
        {:bar, "~> 1.0", path: "../bar", only: [:dev, :prod]},
        {:baz, in_umbrella: true},
        {:dev_only, git: "https://example.com/x.git", only: :dev}"#;
    let text = mix_exs(PUBLIC, deps);
    let diags = diagnostics(&text, "non-hex-dependency");
    assert_eq!(
        diags.iter().map(at).collect::<Vec<_>>(),
        vec![
            ("non-hex-dependency", Error, 12, 16),
            ("non-hex-dependency", Error, 13, 26),
            ("non-hex-dependency", Error, 14, 16),
        ]
    );
    assert_eq!(
        diags[0].message,
        "`foo` is a git dependency, but a Hex package can only depend on Hex packages"
    );
    assert_eq!(diags[1].key_path.as_deref(), Some("deps[2].path"));
    assert!(diags[2].message.contains("umbrella dependency"));
    assert!(diags[0].help.as_deref().unwrap().contains(
        "\"Dependencies excluded from the package (only Hex packages can be dependencies): foo, bar, baz\""
    ));
}

#[test]
fn non_hex_dependency_skips_unknown_only_and_options() {
    let deps = r#"        {:foo, github: "me/foo", only: unknown()},
        {:bar, "~> 1.0", unknown()},
        {:baz, unknown()}"#;
    let text = mix_exs(PUBLIC, deps);
    for rule in DEPS_RULES {
        assert!(diagnostics(&text, rule).is_empty(), "{rule}");
    }
}

#[test]
fn forbidden_options_are_all_reported_with_hex_messages() {
    let deps = r#"        {:a, "~> 1.0", override: false},
        {:b, "~> 1.0", compile: "make", manager: :rebar3},
        {:c, "~> 1.0", app: false, system_env: [{"X", "1"}]},
        {:d, "~> 1.0", system_env: []},
        {:e, "~> 1.0", override: true, only: :test},
        {:f, github: "me/f", override: true}"#;
    let text = mix_exs(PUBLIC, deps);
    let diags = diagnostics(&text, "forbidden-dependency-option");
    assert_eq!(
        diags.iter().map(at).collect::<Vec<_>>(),
        vec![
            ("forbidden-dependency-option", Error, 11, 24),
            ("forbidden-dependency-option", Error, 12, 24),
            ("forbidden-dependency-option", Error, 12, 41),
            ("forbidden-dependency-option", Error, 13, 24),
            ("forbidden-dependency-option", Error, 13, 36),
        ]
    );
    let messages: Vec<_> = diags.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(
        messages,
        vec![
            "Can't build package with overridden dependency a, remove `override: true`",
            "Can't build package when :compile is set for dependency b, remove `compile: ...`",
            "Can't build package when :manager is set for dependency b, remove `manager: ...`",
            "Can't build package when :app is set for dependency c, remove `app: ...`",
            "Can't build package when :system_env is set for dependency c, remove `system_env: ...`",
        ]
    );
    assert_eq!(diags[3].key_path.as_deref(), Some("deps[2].app"));
}

#[test]
fn foreign_repository_for_public_packages() {
    let deps = r#"        {:a, "~> 1.0", organization: "acme"},
        {:b, "~> 1.0", repo: "hexpm:acme"},
        {:c, "~> 1.0", repo: "hexpm"},
        {:d, "~> 1.0", repo: nil, organization: :acme},
        {:e, "~> 1.0", organization: "acme", only: :dev},
        {:f, "~> 1.0", repo: unknown()}"#;
    let text = mix_exs(PUBLIC, deps);
    let diags = diagnostics(&text, "foreign-dependency-repository");
    assert_eq!(
        diags.iter().map(at).collect::<Vec<_>>(),
        vec![
            ("foreign-dependency-repository", Error, 11, 38),
            ("foreign-dependency-repository", Error, 12, 30),
            ("foreign-dependency-repository", Error, 14, 49),
        ]
    );
    assert_eq!(
        diags[1].message,
        "dependencies can only belong to public repository \"hexpm\", got: \"acme\""
    );
    assert_eq!(diags[2].key_path.as_deref(), Some("deps[3].organization"));
}

#[test]
fn foreign_repository_for_organization_packages() {
    let deps = r#"        {:a, "~> 1.0", organization: "acme"},
        {:b, "~> 1.0", organization: "other"},
        {:c, "~> 1.0"}"#;
    let text = mix_exs(r#"[organization: "acme", licenses: ["MIT"]]"#, deps);
    let diags = diagnostics(&text, "foreign-dependency-repository");
    assert_eq!(
        diags.iter().map(at).collect::<Vec<_>>(),
        vec![("foreign-dependency-repository", Error, 12, 38)]
    );
    assert_eq!(
        diags[0].message,
        "dependencies can only belong to public repository \"hexpm\" or current repository \"acme\", got: \"other\""
    );
}

#[test]
fn unknown_dependency_option_suggests_and_fixes() {
    let deps = r#"        {:a, "~> 1.0", optinal: true},
        {:b, "~> 1.0", bogus: 1, only: :test},
        {:c, "~> 1.0", branch: "main"},
        {:d, github: "me/d", branch: "main", sparse: "x", subdir: "y", depth: 1},
        {:e, path: "../e", dest: "x"}"#;
    let text = mix_exs(PUBLIC, deps);
    let diags = diagnostics(&text, "unknown-dependency-option");
    assert_eq!(
        diags.iter().map(at).collect::<Vec<_>>(),
        vec![
            ("unknown-dependency-option", Warning, 11, 24),
            ("unknown-dependency-option", Warning, 12, 24),
            ("unknown-dependency-option", Warning, 13, 24),
        ]
    );
    assert_eq!(
        diags[0].message,
        "unknown option `optinal:` for dependency `a`"
    );
    assert_eq!(
        diags[0].help.as_deref(),
        Some(
            "did you mean `optional:`? (mix deps.get warns \"a is using unknown options: :optinal\")"
        )
    );
    assert!(apply_fix(&text, &diags[0]).contains(r#"{:a, "~> 1.0", optional: true}"#));
    assert!(diags[1].fix.is_none());
    assert_eq!(
        diags[2].message,
        "`branch:` is a git option, but `c` is fetched from Hex, so it is ignored"
    );
}

#[test]
fn dev_only_dependency_used_by_compiled_code_is_a_warning() {
    let text = mix_exs(PUBLIC, CLEAN_DEPS);
    // Nothing in lib/ uses a dev-only dependency: nothing to say.
    assert!(diagnostics(&text, "dev-only-dependency-excluded").is_empty());
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("lib")).unwrap();
    std::fs::write(dir.path().join("mix.exs"), &text).unwrap();
    std::fs::write(
        dir.path().join("lib/check.ex"),
        "defmodule MyLib.Check do\n  use Credo.Check\nend\n",
    )
    .unwrap();
    let project = support::project_in(dir.path(), &text);
    let diags: Vec<_> = hexlint::rules::run(&project, &Default::default())
        .into_iter()
        .filter(|d| d.rule == "dev-only-dependency-excluded")
        .collect();
    assert_eq!(
        diags.iter().map(at).collect::<Vec<_>>(),
        vec![("dev-only-dependency-excluded", Warning, 16, 28)]
    );
    assert_eq!(
        text[diags[0].span.unwrap().start..diags[0].span.unwrap().end].to_string(),
        "only: [:dev, :test]"
    );
    assert!(
        diags[0].message.contains("lib/check.ex uses `Credo.Check`"),
        "{}",
        diags[0].message
    );
}

#[test]
fn unknown_dependency_option_typos() {
    let cases = [
        ("overide", Some("override")),
        ("optinal", Some("optional")),
        ("organisation", Some("organization")),
        ("submodule", Some("submodules")),
        ("runtme", Some("runtime")),
        ("warn_if_outdate", Some("warn_if_outdated")),
        ("bogus", None),
    ];
    for (typo, expected) in cases {
        let deps = format!("        {{:a, \"~> 1.0\", {typo}: true}}");
        let text = mix_exs(PUBLIC, &deps);
        let diags = diagnostics(&text, "unknown-dependency-option");
        assert_eq!(diags.len(), 1, "{typo}");
        let fixed = diags[0].fix.as_ref().map(|_| apply_fix(&text, &diags[0]));
        let expected_text = expected.map(|e| text.replace(&format!("{typo}:"), &format!("{e}:")));
        assert_eq!(fixed, expected_text, "{typo}");
    }
    // Options read by Nerves tooling and Mix internals are not reported.
    let deps = r#"        {:nerves_system_rpi, "~> 1.0", runtime: false, targets: :rpi, nerves: [compile: true]}"#;
    assert!(diagnostics(&mix_exs(PUBLIC, deps), "unknown-dependency-option").is_empty());
}

/// A realistic mix.exs that Hex publishes: helpers, attributes, `Mix.env()`, a map package.
#[test]
fn realistic_clean_fixture_gets_no_deps_or_license_findings() {
    let dir = std::path::Path::new("tests/fixtures/rules/dev-only-dependency-excluded");
    let text = std::fs::read_to_string(dir.join("mix.exs")).unwrap();
    let project = support::project_in(dir, &text);
    let mine: Vec<_> = hexlint::rules::run(&project, &Default::default())
        .into_iter()
        .filter(|d| {
            hexlint::rules::find(d.rule)
                .is_some_and(|r| matches!(r.group, Group::Deps | Group::License))
        })
        .collect();
    assert_eq!(mine.iter().map(at).collect::<Vec<_>>(), vec![]);
}

#[test]
fn odd_dependency_shapes_are_skipped_without_findings() {
    let deps = r#"        {:a},
        {:b, "~> 1.0", [only: :dev], :extra},
        {"c", "~> 1.0"},
        [only: :dev],
        {:d, "~> 1.0", %{override: true}},
        {:e, "~> 1.0", only: []},
        :f"#;
    let text = mix_exs(PUBLIC, deps);
    for rule in DEPS_RULES {
        let found: Vec<_> = diagnostics(&text, rule).iter().map(at).collect();
        assert_eq!(found, vec![], "{rule}");
    }
    for deps_value in [":not_a_list", "%{}", "unknown()", "nil"] {
        let text =
            mix_exs(PUBLIC, "").replace("deps: [\n\n      ]", &format!("deps: {deps_value}"));
        assert!(text.contains(deps_value));
        for rule in DEPS_RULES {
            assert!(
                diagnostics(&text, rule).is_empty(),
                "{rule} on deps: {deps_value}"
            );
        }
    }
}

#[test]
fn every_fixture_project_is_checked_without_panicking() {
    let mut checked = 0;
    for entry in std::fs::read_dir("tests/fixtures").unwrap() {
        let dir = entry.unwrap().path();
        let Ok(text) = std::fs::read_to_string(dir.join("mix.exs")) else {
            continue;
        };
        let Ok(_) = hexlint::mixexs::parse(&text) else {
            continue;
        };
        let project = support::project_in(&dir, &text);
        let config = hexlint::config::Config::default();
        let ctx = hexlint::rules::Context::new(&project, &config);
        let mut out = Vec::new();
        for rule in hexlint::rules::RULES {
            if matches!(rule.group, Group::Deps | Group::License) {
                (rule.check)(&ctx, &mut out);
            }
        }
        checked += 1;
    }
    assert!(checked >= 40, "only {checked} fixtures found");
}
