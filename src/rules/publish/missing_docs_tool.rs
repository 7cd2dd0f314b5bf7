//! `missing-docs-tool`: no `docs` task in the environment `mix hex.publish` runs in.

use crate::diagnostic::{Diagnostic, Severity};
use crate::mixexs::value::Value;
use crate::rules::{Context, Group, Rule};

pub static RULE: Rule = Rule {
    id: "missing-docs-tool",
    group: Group::Publish,
    severity: Severity::Error,
    summary: "no `docs` task (ex_doc, an alias or a task module) for `mix hex.publish` to build docs with",
    doc: include_str!("../../../rules/missing-docs-tool.md"),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    // `hexlint check` assumes the default `mix hex.publish`, which publishes docs.
    if ctx.publish.is_some_and(|p| !p.docs || p.revert.is_some()) {
        return;
    }
    let project = ctx.project;
    if project.is_umbrella() {
        return;
    }
    // A `docs` alias, or a `Mix.Tasks.Docs` of the package's own, provides the task everywhere.
    match project.config.get("aliases") {
        Some(a) if a.is_unknown() => return,
        Some(a) if a.get("docs").is_some() => return,
        _ => {}
    }
    if ctx
        .modules()
        .modules
        .iter()
        .any(|m| m.name == "Mix.Tasks.Docs")
    {
        return;
    }
    let Some(deps) = &project.deps else {
        out.push(missing(ctx, None));
        return;
    };
    if deps
        .entries
        .iter()
        .any(|e| matches!(e, crate::project::DepEntry::Unknown(_)))
    {
        return; // an unknown entry could be ex_doc
    }
    let Some(ex_doc) = deps.known().find(|d| d.app == "ex_doc") else {
        out.push(missing(ctx, Some(deps.value.span)));
        return;
    };
    let Some(only) = ex_doc.option("only") else {
        return; // available in every env
    };
    if only.contains_unknown() {
        return;
    }
    let envs: Vec<&str> = match only.as_list() {
        Some(items) => items.iter().filter_map(Value::as_str_or_atom).collect(),
        None => only.as_str_or_atom().into_iter().collect(),
    };
    let publish_env = project.task_env("hex.publish");
    let Some(env) = publish_env.env.as_deref() else {
        return; // the environment is chosen by a value hexlint cannot know
    };
    if envs.contains(&env) {
        return;
    }
    let listed = envs
        .iter()
        .map(|e| format!("`{e}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let span = ex_doc.option_span("only").map(|s| s.to(only.span));
    let first = envs.first().copied().unwrap_or("docs");
    let diag = if ctx.publish.is_some() {
        // `hexlint publish` knows the real environment: Hex would stop.
        ctx.diag(
            &RULE,
            span,
            format!(
                "ex_doc is only available in {listed}, but this `mix hex.publish` runs in `{env}` ({}): Hex builds the docs before it uploads anything, so the publish would abort on the missing `docs` task",
                publish_env.source.describe()
            ),
        )
        .help(format!(
            "publish with `MIX_ENV={first} hexlint publish`, or set the publishing environment in mix.exs: {}",
            cli_hint(project, first)
        ))
    } else {
        ctx.diag(
            &RULE,
            span,
            format!(
                "ex_doc is only available in {listed}; `mix hex.publish` runs in `{env}` ({}) unless you publish with `MIX_ENV={first}`",
                publish_env.source.describe()
            ),
        )
        .severity(Severity::Info)
        .help(format!(
            "to make a plain `mix hex.publish` work, {}; `hexlint publish` checks the real environment before delegating",
            cli_hint(project, first)
        ))
    };
    out.push(diag.key_path("deps"));
}

/// How to make `hex.publish` run in `env`: `def cli` when mix.exs has one (Elixir 1.15+),
/// else `preferred_cli_env`, which every Elixir reads when there is no `def cli`.
fn cli_hint(project: &crate::project::Project, env: &str) -> String {
    if project.cli.is_some() {
        format!("add `\"hex.publish\": :{env}` to `preferred_envs` in `def cli`")
    } else {
        format!(
            "add `\"hex.publish\": :{env}` to `preferred_cli_env` in `project/0` (or, on Elixir 1.15+, to `preferred_envs` in `def cli`)"
        )
    }
}

fn missing(ctx: &Context, span: Option<crate::source::Span>) -> Diagnostic {
    let diag = ctx
        .diag(
            &RULE,
            span,
            "no `ex_doc` dependency, `docs` alias or `Mix.Tasks.Docs` module: `mix hex.publish` builds the docs before it uploads anything and aborts on the missing `docs` task",
        )
        .help("add `{:ex_doc, \">= 0.0.0\", only: :dev, runtime: false}` to deps, or publish without docs: `hexlint publish -- package`")
        .key_path("deps");
    // An Erlang project with a rebar.config is usually published with `rebar3 hex publish`,
    // whose docs come from rebar3: in `check`, only a note.
    let rebar = ctx
        .hygiene()
        .top_level_names(&ctx.project.root)
        .iter()
        .any(|n| n == "rebar.config");
    if rebar && ctx.publish.is_none() {
        let mut diag = diag.severity(Severity::Info);
        diag.message.push_str(
            " (a rebar.config is here: if you publish with `rebar3 hex publish`, ignore this)",
        );
        diag
    } else {
        diag
    }
}
