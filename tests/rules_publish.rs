//! The publish-group rules: each fires on one setup and stays silent on another, asserting rule
//! id, severity, line and column (run in process through `lint_publish`, as `hexlint publish`).

use hexlint::cli::LintArgs;
use hexlint::commands::check::{lint_one, lint_publish};
use hexlint::publish::PublishPlan;
use std::path::Path;

const MIX_EXS: &str = r#"defmodule Tiny.MixProject do
  use Mix.Project

  @version "1.2.0"

  def project do
    [
      app: :tiny,
      version: @version,
      description: "Tiny.",
      package: [licenses: ["MIT"], links: %{"GitHub" => "https://github.com/x/tiny"}],
      deps: deps()
    ]
  end

  defp deps do
    [{:ex_doc, "~> 0.34", only: :docs, runtime: false}]
  end
end
"#;

fn lint_args() -> LintArgs {
    lint_args_in(Some("dev"))
}

/// `env: None` lets Mix's own choice (MIX_ENV unset in tests, `def cli`, `preferred_cli_env`) apply.
fn lint_args_in(env: Option<&str>) -> LintArgs {
    LintArgs {
        fail_on: None,
        ignore: Vec::new(),
        select: Vec::new(),
        env: env.map(str::to_string),
        elixir: None,
        config: None,
    }
}

fn project(mix_exs: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("mix.exs"), mix_exs).unwrap();
    dir
}

fn plan(dir: &Path, args: &[&str]) -> PublishPlan {
    let mut plan = PublishPlan::parse(&args.iter().map(|s| s.to_string()).collect::<Vec<_>>());
    plan.read_repo(dir);
    plan
}

/// `(severity, line, column)` of each finding of `rule`.
fn found(dir: &Path, plan: &PublishPlan, rule: &str) -> Vec<(String, Option<(usize, usize)>)> {
    found_with(dir, plan, rule, &lint_args())
}

fn found_with(
    dir: &Path,
    plan: &PublishPlan,
    rule: &str,
    args: &LintArgs,
) -> Vec<(String, Option<(usize, usize)>)> {
    let report = lint_publish(dir, args, plan);
    report
        .diagnostics()
        .filter(|d| d.rule == rule)
        .map(|d| {
            (
                d.severity.to_string(),
                d.range().map(|r| (r.start.line, r.start.column)),
            )
        })
        .collect()
}

fn git(dir: &Path, args: &[&str]) {
    let ok = std::process::Command::new("git")
        .args(["-c", "user.email=t@example.com", "-c", "user.name=t"])
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
        .status
        .success();
    assert!(ok, "git {args:?}");
}

#[test]
fn missing_docs_tool_fires_for_ex_doc_outside_the_publishing_env() {
    let dir = project(MIX_EXS);
    assert_eq!(
        found(dir.path(), &plan(dir.path(), &[]), "missing-docs-tool"),
        [("error".to_string(), Some((17, 27)))]
    );
    // `hexlint check` does not know the real environment: a hint, not a failure.
    let report = lint_one(dir.path(), &lint_args());
    let docs: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.rule == "missing-docs-tool")
        .map(|d| (d.severity.to_string(), d.message.clone()))
        .collect();
    assert_eq!(docs.len(), 1, "{docs:?}");
    assert_eq!(docs[0].0, "info");
    assert!(docs[0].1.contains("MIX_ENV=docs"), "{docs:?}");
    // Publishing only the package needs no docs tool.
    assert!(
        found(
            dir.path(),
            &plan(dir.path(), &["package"]),
            "missing-docs-tool"
        )
        .is_empty()
    );
    // ex_doc available in dev: fine.
    let ok = project(&MIX_EXS.replace("only: :docs", "only: :dev"));
    assert!(found(ok.path(), &plan(ok.path(), &[]), "missing-docs-tool").is_empty());
}

/// mix.exs with ex_doc only in `:docs`, plus `extra` inserted into the module body.
fn docs_env_project(extra: &str, project_extra: &str) -> tempfile::TempDir {
    project(
        &MIX_EXS
            .replace("  defp deps do", &format!("{extra}\n  defp deps do"))
            .replace(
                "      deps: deps()",
                &format!("      deps: deps(){project_extra}"),
            ),
    )
}

fn docs_findings(dir: &Path, env: Option<&str>) -> Vec<(String, Option<(usize, usize)>)> {
    found_with(
        dir,
        &plan(dir, &[]),
        "missing-docs-tool",
        &lint_args_in(env),
    )
}

#[test]
fn missing_docs_tool_follows_the_environment_mix_picks_for_hex_publish() {
    // `def cli` (Elixir 1.15+) sends hex.publish to :docs, where ex_doc is.
    let cli = docs_env_project(
        "  def cli, do: [preferred_envs: [docs: :docs, \"hex.publish\": :docs]]\n",
        "",
    );
    assert!(docs_findings(cli.path(), None).is_empty());
    // ... but MIX_ENV/--env wins over every preference.
    assert_eq!(
        docs_findings(cli.path(), Some("dev")),
        [("error".to_string(), Some((19, 27)))]
    );
    // `default_env` in `def cli` counts too.
    let default = docs_env_project("  def cli, do: [default_env: :docs]\n", "");
    assert!(docs_findings(default.path(), None).is_empty());
    // `preferred_cli_env` in project/0, for Elixir before 1.15.
    let old = docs_env_project("", ",\n      preferred_cli_env: [\"hex.publish\": :docs]");
    assert!(docs_findings(old.path(), None).is_empty());
    // Mix ignores `preferred_cli_env` when `def cli` exists.
    let both = docs_env_project(
        "  def cli, do: [preferred_envs: [test: :test]]\n",
        ",\n      preferred_cli_env: [\"hex.publish\": :docs]",
    );
    assert_eq!(docs_findings(both.path(), None).len(), 1);
    // A `defp cli` is not `def cli`: Mix does not see it.
    let private = docs_env_project(
        "  defp cli, do: [preferred_envs: [\"hex.publish\": :docs]]\n",
        ",\n      preferred_cli_env: [\"hex.publish\": :docs]",
    );
    assert!(docs_findings(private.path(), None).is_empty());
}

/// The severities of `missing-docs-tool` in `hexlint check` (no publish plan).
fn docs_severities(dir: &Path) -> Vec<String> {
    lint_one(dir, &lint_args())
        .diagnostics
        .iter()
        .filter(|d| d.rule == "missing-docs-tool")
        .map(|d| d.severity.to_string())
        .collect()
}

#[test]
fn missing_docs_tool_is_an_error_only_when_no_environment_has_a_docs_task() {
    let none = project(&MIX_EXS.replace(
        "[{:ex_doc, \"~> 0.34\", only: :docs, runtime: false}]",
        "[{:jason, \"~> 1.4\"}]",
    ));
    assert_eq!(docs_severities(none.path()), ["error"]);
    // Beside a rebar.config, the package is usually published with rebar3: a note in `check`.
    std::fs::write(none.path().join("rebar.config"), "{erl_opts, []}.\n").unwrap();
    assert_eq!(docs_severities(none.path()), ["info"]);
    // The package's own `Mix.Tasks.Docs` provides the task.
    std::fs::create_dir(none.path().join("lib")).unwrap();
    std::fs::write(
        none.path().join("lib/docs.ex"),
        "defmodule Mix.Tasks.Docs do\n  use Mix.Task\n  def run(_), do: :ok\nend\n",
    )
    .unwrap();
    assert!(docs_severities(none.path()).is_empty());
}

#[test]
fn organisation_flag_and_dry_run_and_revert() {
    let dir = project(MIX_EXS);
    let p = plan(dir.path(), &["--organisation", "acme", "--dry-run"]);
    assert_eq!(
        found(dir.path(), &p, "organisation-flag"),
        [("error".into(), None)]
    );
    assert_eq!(
        found(dir.path(), &p, "dry-run-needs-auth"),
        [("info".into(), None)]
    );
    let p = plan(dir.path(), &["--revert", "1.1.0"]);
    assert_eq!(
        found(dir.path(), &p, "revert-window"),
        [("warning".into(), None)]
    );
    let quiet = plan(dir.path(), &["--organization", "acme"]);
    for rule in ["organisation-flag", "dry-run-needs-auth", "revert-window"] {
        assert!(found(dir.path(), &quiet, rule).is_empty(), "{rule}");
    }
}

#[test]
fn git_state_rules() {
    let dir = project(MIX_EXS);
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "mix.exs"]);
    git(dir.path(), &["commit", "-qm", "init"]);
    std::fs::write(dir.path().join("notes.txt"), "wip").unwrap();
    // Dirty tree and no tag for 1.2.0 (the version points at `"1.2.0"` in `@version`).
    let p = plan(dir.path(), &[]);
    assert_eq!(
        found(dir.path(), &p, "uncommitted-changes"),
        [("warning".into(), None)]
    );
    assert_eq!(
        found(dir.path(), &p, "untagged-version"),
        [("info".into(), Some((4, 12)))]
    );
    std::fs::remove_file(dir.path().join("notes.txt")).unwrap();
    git(dir.path(), &["tag", "v1.2.0"]);
    let p = plan(dir.path(), &[]);
    assert!(found(dir.path(), &p, "uncommitted-changes").is_empty());
    assert!(found(dir.path(), &p, "untagged-version").is_empty());
}

#[test]
fn changelog_missing_entry() {
    let dir = project(MIX_EXS);
    std::fs::write(
        dir.path().join("CHANGELOG.md"),
        "# Changelog\n\n## v1.1.0\n",
    )
    .unwrap();
    assert_eq!(
        found(
            dir.path(),
            &plan(dir.path(), &[]),
            "changelog-missing-entry"
        ),
        [("warning".into(), Some((4, 12)))]
    );
    std::fs::write(
        dir.path().join("CHANGELOG.md"),
        "# Changelog\n\n## v1.2.0\n",
    )
    .unwrap();
    assert!(
        found(
            dir.path(),
            &plan(dir.path(), &[]),
            "changelog-missing-entry"
        )
        .is_empty()
    );
}

/// `preferred_cli_env` in `project/0`: dead beside `def cli`, deprecated without it, and fine
/// beside it while Elixir before 1.15 (which reads only the key) is still supported.
#[test]
fn deprecated_cli_config_depends_on_def_cli_and_the_elixir_requirement() {
    let with = |elixir: &str, cli: &str| {
        let text = MIX_EXS
            .replace(
                "      description: \"Tiny.\",",
                &format!(
                    "      description: \"Tiny.\",\n      elixir: \"{elixir}\",\n      preferred_cli_env: [docs: :docs],"
                ),
            )
            .replace("  defp deps do", &format!("{cli}\n  defp deps do"));
        let dir = project(&text);
        lint_one(dir.path(), &lint_args())
            .diagnostics
            .iter()
            .filter(|d| d.rule == "deprecated-cli-config")
            .map(|d| (d.severity.to_string(), d.message.clone()))
            .collect::<Vec<_>>()
    };
    let cli = "  def cli, do: [preferred_envs: [docs: :docs]]\n";
    let dead = with("~> 1.15", cli);
    assert_eq!(dead.len(), 1);
    assert_eq!(dead[0].0, "warning");
    assert!(dead[0].1.contains("has no effect"), "{dead:?}");
    let deprecated = with("~> 1.16", "");
    assert_eq!(deprecated[0].0, "warning");
    assert!(deprecated[0].1.contains("deprecated"), "{deprecated:?}");
    assert_eq!(with("~> 1.12", "")[0].0, "info");
    // Both written while 1.12 is supported: each Elixir reads the one it knows.
    assert!(with("~> 1.12", cli).is_empty());
}

/// `System.version()` comes from `--elixir`, else `elixir-version` in .hexlint.toml, else the
/// installed Elixir: here it decides whether ex_doc is a dependency at all.
#[test]
fn the_elixir_version_comes_from_the_flag_then_the_config() {
    let text = MIX_EXS.replace(
        "[{:ex_doc, \"~> 0.34\", only: :docs, runtime: false}]",
        "if Version.match?(System.version(), \">= 1.16.0\"), do: [{:ex_doc, \"~> 0.34\"}], else: []",
    );
    let dir = project(&text);
    std::fs::write(
        dir.path().join(".hexlint.toml"),
        "elixir-version = \"1.16\"\n",
    )
    .unwrap();
    // The config's 1.16 has ex_doc.
    assert!(docs_severities(dir.path()).is_empty());
    // The flag wins: 1.14 has none.
    let mut args = lint_args();
    args.elixir = Some("1.14.2".into());
    let report = lint_one(dir.path(), &args);
    assert!(
        report
            .diagnostics
            .iter()
            .any(|d| d.rule == "missing-docs-tool" && d.severity.to_string() == "error")
    );
}
