//! `forbidden-dependency-option`: options `mix hex.build` refuses on a prod Hex dependency.

use super::prod_hex_deps;
use crate::diagnostic::{Diagnostic, Severity};
use crate::mixexs::value::ValueKind;
use crate::rules::{Context, Group, Rule};

pub static RULE: Rule = Rule {
    id: "forbidden-dependency-option",
    group: Group::Deps,
    severity: Severity::Error,
    summary: "`override`, `compile`, `manager`, `app` or `system_env` on a runtime Hex dependency",
    doc: include_str!("../../../rules/forbidden-dependency-option.md"),
    check,
};

/// The options in the order hex.build checks them.
const FORBIDDEN: &[&str] = &["override", "compile", "manager", "app", "system_env"];

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for (index, dep) in prod_hex_deps(ctx) {
        for &key in FORBIDDEN {
            let (Some(value), Some(key_span)) = (dep.option(key), dep.option_span(key)) else {
                continue;
            };
            // `system_env: []` is accepted; an unknown value might be `[]`.
            if key == "system_env"
                && (value.is_unknown() || matches!(&value.kind, ValueKind::List(l) if l.is_empty()))
            {
                continue;
            }
            let app = &dep.app;
            let (message, why) = match key {
                "override" => (
                    format!(
                        "Can't build package with overridden dependency {app}, remove `override: true`"
                    ),
                    "An override only affects your own dependency resolution; users of the \
                     package resolve its dependencies themselves. `override: false` counts too: \
                     Hex only checks that the key is there",
                ),
                "compile" => (
                    format!(
                        "Can't build package when :compile is set for dependency {app}, remove `compile: ...`"
                    ),
                    "Users of the package build its dependencies the default way",
                ),
                "manager" => (
                    format!(
                        "Can't build package when :manager is set for dependency {app}, remove `manager: ...`"
                    ),
                    "Users of the package build its dependencies with the manager the \
                     dependency itself declares",
                ),
                "app" => (
                    format!(
                        "Can't build package when :app is set for dependency {app}, remove `app: ...`"
                    ),
                    "The requirement records the dependency's own application; any value, \
                     `app: false` included, is refused",
                ),
                _ => (
                    format!(
                        "Can't build package when :system_env is set for dependency {app}, remove `system_env: ...`"
                    ),
                    "Environment variables for building a dependency are not part of the \
                     package metadata",
                ),
            };
            out.push(
                ctx.diag(&RULE, Some(key_span.to(value.span)), message)
                    .key_path(format!("deps[{index}].{key}"))
                    .help(format!(
                        "remove `{key}:`, or add `only: [:dev, :test]` if `{app}` is not needed \
                         at runtime. {why}."
                    )),
            );
        }
    }
}
