//! `deprecated-cli-config`: `preferred_cli_env`, `preferred_cli_target` or `default_task` in
//! `project/0`, which Mix ignores when `def cli` exists and deprecates (Elixir 1.19) otherwise.

use crate::diagnostic::{Diagnostic, Severity};
use crate::hex::version::Requirement;
use crate::rules::{Context, Group, Rule};

pub static RULE: Rule = Rule {
    id: "deprecated-cli-config",
    group: Group::Metadata,
    severity: Severity::Warning,
    summary: "`preferred_cli_env`/`default_task` in `project/0`: ignored beside `def cli`, deprecated otherwise",
    doc: include_str!("../../../rules/deprecated-cli-config.md"),
    check,
};

/// The `project/0` keys that moved into `def cli` (Elixir 1.15), with their new name there.
const MOVED: &[(&str, &str)] = &[
    ("preferred_cli_env", "preferred_envs"),
    ("preferred_cli_target", "preferred_targets"),
    ("default_task", "default_task"),
];

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let project = ctx.project;
    // Whether every Elixir the package supports has `def cli` (1.15+). Unknown: assume not.
    let only_new = project
        .package_field("elixir")
        .and_then(|v| v.as_str())
        .and_then(|r| Requirement::parse(r).ok())
        .is_some_and(|req| !req.allows_before(1, 15));
    for (key, new_key) in MOVED {
        let Some(span) = project.config.key_span(key) else {
            continue;
        };
        // A `def cli` that this Elixir does not define (it sits in a branch on the Elixir
        // version): the key is the fallback for the older releases, as it should be.
        if project.cli.is_none() && defines_cli_elsewhere(&project.source.text) {
            continue;
        }
        let diag = if project.cli.is_some() {
            // Elixir before 1.15 reads the key and ignores `def cli`: both are right there.
            if !only_new {
                continue;
            }
            ctx.diag(
                &RULE,
                Some(span),
                format!(
                    "`{key}` in `project/0` has no effect: every Elixir this package supports (1.15+) reads `def cli` instead, and Mix ignores the key without a word"
                ),
            )
            .help(format!("move it into `def cli` as `{new_key}:`, or remove it"))
        } else if only_new {
            ctx.diag(
                &RULE,
                Some(span),
                format!(
                    "`{key}` in `project/0` is deprecated: Elixir 1.19 warns about it on every `mix` command"
                ),
            )
            .help(format!(
                "move it into `def cli, do: [{new_key}: …]` (every Elixir this package supports has it)"
            ))
        } else {
            ctx.diag(
                &RULE,
                Some(span),
                format!(
                    "`{key}` in `project/0` is deprecated: Elixir 1.19 warns about it on every `mix` command"
                ),
            )
            .severity(Severity::Info)
            .help(format!(
                "the `elixir:` requirement still allows Elixir before 1.15, which only reads this key: keep it while you support those releases, choosing it or `def cli, do: [{new_key}: …]` by `Version.match?(System.version(), \">= 1.15.0\")`; once `elixir:` requires 1.15 or later, move it into `def cli`"
            ))
        };
        out.push(diag.key_path(*key));
    }
}

/// Does mix.exs define a public `cli/0` somewhere (for instance under `if Version.match?(…)`)?
fn defines_cli_elsewhere(text: &str) -> bool {
    text.lines().any(|l| {
        l.trim_start()
            .strip_prefix("def cli")
            .is_some_and(|rest| rest.starts_with([',', ' ', '(']) || rest.is_empty())
    })
}
