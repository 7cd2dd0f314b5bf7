//! `mix-env-divergence`: a dependency, `elixirc_paths`, `erlc_paths` or `compilers` that differs
//! between the environment `mix hex.publish` reads mix.exs in and `:prod`, the environment in
//! which every user of the package compiles it.

use crate::diagnostic::{Diagnostic, Severity};
use crate::mixexs::value::Value;
use crate::project::{Dep, DepEntry, Deps};
use crate::rules::{Context, Group, Rule};

pub static RULE: Rule = Rule {
    id: "mix-env-divergence",
    group: Group::Deps,
    severity: Severity::Warning,
    summary: "dependencies (or compile paths) differ between the env `mix hex.publish` reads and `:prod`, which users compile",
    doc: include_str!("../../../rules/mix-env-divergence.md"),
    check,
};

/// Keys that decide what users compile, compared as values (an info when they differ).
const COMPILE_KEYS: &[&str] = &["elixirc_paths", "erlc_paths", "compilers"];

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let project = ctx.project;
    let Some(publish) = project.task_env("hex.publish").env else {
        return;
    };
    if publish == "prod" {
        return;
    }
    let (Some(published), Some(prod)) = (project.config_in(&publish), project.config_in("prod"))
    else {
        return;
    };
    if published.is_unknown() || prod.is_unknown() {
        return;
    }
    deps(ctx, &publish, published, prod, out);
    for key in COMPILE_KEYS {
        let (Some(a), Some(b)) = (published.get(key), prod.get(key)) else {
            continue;
        };
        if a.contains_unknown() || b.contains_unknown() || a.inspect() == b.inspect() {
            continue;
        }
        out.push(
            ctx.diag(
                &RULE,
                Some(b.span),
                format!(
                    "`{key}` is {} in `:prod`, where users compile the package, but {} in `{publish}`, where `mix hex.publish` runs",
                    b.inspect(),
                    a.inspect()
                ),
            )
            .severity(Severity::Info)
            .help("make sure the package builds with the `:prod` value (`MIX_ENV=prod mix compile` in a clean checkout), since that is the one its users get")
            .key_path(*key),
        );
    }
}

/// Dependencies Hex writes into the package's requirements (read in `publish`) against those
/// Mix fetches for a user compiling the package (read in `:prod`).
fn deps(ctx: &Context, publish: &str, published: &Value, prod: &Value, out: &mut Vec<Diagnostic>) {
    let (Some(a), Some(b)) = (published.get("deps"), prod.get("deps")) else {
        return;
    };
    let (a, b) = (Deps::from_value(a), Deps::from_value(b));
    let runtime = |d: &Deps| -> Option<Vec<Dep>> {
        let mut out = Vec::new();
        for entry in &d.entries {
            match entry {
                DepEntry::Dep(dep) if dep.options_known() => {
                    if dep.is_prod()? {
                        out.push(dep.clone());
                    }
                }
                _ => return None,
            }
        }
        Some(out)
    };
    if a.value.is_unknown() || b.value.is_unknown() {
        return;
    }
    let (Some(a), Some(b)) = (runtime(&a), runtime(&b)) else {
        return;
    };
    let requirement = |d: &Dep| d.requirement.as_ref().map(Value::inspect);
    for dep in &a {
        let message = match b.iter().find(|p| p.app == dep.app) {
            None => format!(
                "`{}` is a requirement of the published package (read in `{publish}`, where `mix hex.publish` runs) but no dependency in `:prod`, where users compile it",
                dep.app
            ),
            Some(p) if requirement(p) != requirement(dep) => format!(
                "`{}` is published as {} (read in `{publish}`) but `:prod`, where users compile the package, asks for {}",
                dep.app,
                requirement(dep).unwrap_or_else(|| "no requirement".into()),
                requirement(p).unwrap_or_else(|| "no requirement".into()),
            ),
            Some(_) => continue,
        };
        out.push(finding(ctx, dep, message));
    }
    for dep in b.iter().filter(|p| !a.iter().any(|d| d.app == p.app)) {
        out.push(finding(
            ctx,
            dep,
            format!(
                "`{}` is a dependency in `:prod`, where users compile the package, but not a requirement of the published package (read in `{publish}`, where `mix hex.publish` runs): users' Mix will not resolve it",
                dep.app
            ),
        ));
    }
}

fn finding(ctx: &Context, dep: &Dep, message: String) -> Diagnostic {
    ctx.diag(&RULE, Some(dep.span), message)
        .help("declare dependencies the same way in every environment (use `only:` to leave tools out), or publish with `MIX_ENV=prod mix hex.publish`")
        .key_path("deps")
}
