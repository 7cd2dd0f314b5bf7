//! `invalid-elixirc-paths`: `elixirc_paths` that is not a list of strings.

use crate::diagnostic::{Diagnostic, Severity};
use crate::mixexs::value::ValueKind;
use crate::rules::{Context, Group, Rule};

pub static RULE: Rule = Rule {
    id: "invalid-elixirc-paths",
    group: Group::Metadata,
    severity: Severity::Error,
    summary: "`elixirc_paths` is not a list of strings (Mix refuses it; atoms are refused from Elixir 1.20)",
    doc: include_str!("../../../rules/invalid-elixirc-paths.md"),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    // Users compile the package in :prod: that branch of `elixirc_paths(Mix.env())` counts (the
    // loader reads `project/0` in :prod too when it asks `Mix.env()`; otherwise every env agrees).
    let project = ctx.project;
    let (config, env) = match project.config_in("prod") {
        Some(c) => (c, "prod"),
        None => (&project.config, project.mix_env.as_str()),
    };
    let Some(value) = config.get("elixirc_paths") else {
        return;
    };
    match &value.kind {
        ValueKind::Unknown { .. } => {}
        ValueKind::List(items) => {
            if items.iter().any(|i| i.is_unknown()) {
                return;
            }
            let Some(bad) = items.iter().find(|i| i.as_str().is_none()) else {
                return;
            };
            let shown = project.source.slice(bad.span).to_string();
            out.push(
                ctx.diag(&RULE, Some(bad.span), format!(
                    "`elixirc_paths` (evaluated for {env}) holds `{shown}`, which is not a string: Mix accepts it today, and Elixir 1.20 refuses anything but a list of strings"
                ))
                .severity(Severity::Warning)
                .key_path("elixirc_paths")
                .help("write each path as a string: `elixirc_paths: [\"lib\"]`"),
            );
        }
        _ => {
            out.push(
                ctx.diag(&RULE, Some(value.span), format!(
                    "`elixirc_paths` (evaluated for {env}) is `{}`, not a list: Mix stops with \":elixirc_paths should be a list of paths\" for everyone who compiles the package",
                    project.source.slice(value.span)
                ))
                .key_path("elixirc_paths")
                .help("make it a list of strings: `elixirc_paths: [\"lib\"]`"),
            );
        }
    }
}
