//! `missing-docs-tool`: no `docs` task in the environment `mix hex.publish` runs in.

use crate::diagnostic::{Diagnostic, Severity};
use crate::mixexs::value::Value;
use crate::rules::{Context, Group, Rule};

pub static RULE: Rule = Rule {
    id: "missing-docs-tool",
    group: Group::Publish,
    severity: Severity::Error,
    summary: "docs are published but no `ex_doc` dependency or `docs` alias is available",
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
    let env = project.mix_env.as_str();
    // A custom `docs` alias provides the task.
    match project.config.get("aliases") {
        Some(a) if a.is_unknown() => return,
        Some(a) if a.get("docs").is_some() => return,
        _ => {}
    }
    let Some(deps) = &project.deps else {
        out.push(missing(ctx, None, env));
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
        out.push(missing(ctx, Some(deps.value.span), env));
        return;
    };
    let Some(only) = ex_doc.option("only") else {
        return; // available in every env
    };
    let envs: Vec<&str> = match only.as_list() {
        Some(items) => items.iter().filter_map(Value::as_atom).collect(),
        None => only.as_atom().into_iter().collect(),
    };
    if only.contains_unknown() || envs.contains(&env) {
        return;
    }
    let span = ex_doc.option_span("only").map(|s| s.to(only.span));
    out.push(
        ctx.diag(
            &RULE,
            span,
            format!(
                "ex_doc is only available in {} but `mix hex.publish` runs in `{env}`: Hex uploads the package, then fails on the missing `docs` task and leaves the release without docs",
                envs.iter().map(|e| format!("`{e}`")).collect::<Vec<_>>().join(", ")
            ),
        )
        .help(format!(
            "add `:{env}` to ex_doc's `only:` (e.g. `only: :{env}, runtime: false`), or publish with `MIX_ENV={} mix hex.publish`",
            envs.first().copied().unwrap_or("docs")
        ))
        .key_path("deps"),
    );
}

fn missing(ctx: &Context, span: Option<crate::source::Span>, env: &str) -> Diagnostic {
    ctx.diag(
        &RULE,
        span,
        format!(
            "no `ex_doc` dependency (or `docs` alias) in `{env}`: `mix hex.publish` uploads the package first, then fails on the missing `docs` task and leaves the release without docs"
        ),
    )
    .help("add `{:ex_doc, \">= 0.0.0\", only: :dev, runtime: false}` to deps, or publish without docs: `hexlint publish -- package`")
    .key_path("deps")
}
