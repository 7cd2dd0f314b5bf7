//! `dev-only-dependency-excluded`: a dependency left out of the package (no `:prod` in
//! `only:`) whose modules the package's compiled code `use`s or implements as a behaviour.

use super::known_deps;
use crate::diagnostic::{Diagnostic, Severity};
use crate::modules::is_under;
use crate::rules::{Context, Group, Rule};

pub static RULE: Rule = Rule {
    id: "dev-only-dependency-excluded",
    group: Group::Deps,
    severity: Severity::Warning,
    summary: "a dependency left out of the package (not for :prod) is used by its compiled code",
    doc: include_str!("../../../rules/dev-only-dependency-excluded.md"),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let excluded: Vec<_> = known_deps(ctx)
        .filter(|(_, dep)| dep.is_prod() == Some(false))
        .collect();
    if excluded.is_empty() {
        return;
    }
    let map = ctx.modules();
    for (_, dep) in excluded {
        let Some(namespaces) = map
            .deps
            .iter()
            .find(|d| d.app == dep.app)
            .map(|d| &d.namespaces)
        else {
            continue;
        };
        let used: Vec<_> = map
            .uses
            .iter()
            .filter(|u| namespaces.iter().any(|n| is_under(&u.name, n)))
            .collect();
        let Some(first) = used.first() else {
            continue;
        };
        let span = match (dep.option_span("only"), dep.option("only")) {
            (Some(key), Some(value)) => key.to(value.span),
            _ => dep.app_span,
        };
        let more = match used.len() {
            1 => String::new(),
            n => format!(" (and {} more)", n - 1),
        };
        out.push(
            ctx.diag(
                &RULE,
                Some(span),
                format!(
                    "`:{}` is not part of the package (not for :prod), but {} uses `{}`{more}: the package compiles here and fails to compile for its users",
                    dep.app, first.file, first.name
                ),
            )
            .key_path(format!("deps.{}", dep.app))
            .help(format!(
                "make `:{}` a runtime dependency (drop `only:`, or add `:prod` to it; `optional: true` if users opt in), or move the code that uses it out of the package",
                dep.app
            )),
        );
    }
}
