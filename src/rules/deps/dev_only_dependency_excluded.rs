//! `dev-only-dependency-excluded`: which dependencies will not be requirements of the package.

use super::known_deps;
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Context, Group, Rule};

pub static RULE: Rule = Rule {
    id: "dev-only-dependency-excluded",
    group: Group::Deps,
    severity: Severity::Info,
    summary: "Dependencies without `:prod` in `only:` are left out of the package",
    doc: include_str!("../../../rules/dev-only-dependency-excluded.md"),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let excluded: Vec<_> = known_deps(ctx)
        .filter(|(_, dep)| dep.is_prod() == Some(false))
        .collect();
    let Some((_, first)) = excluded.first() else {
        return;
    };
    let names: Vec<&str> = excluded.iter().map(|(_, d)| d.app.as_str()).collect();
    // Point at the `deps:` key when it is written in `project/0`, else at the first such dep.
    let span = ctx
        .project
        .config
        .key_span("deps")
        .filter(|s| !s.is_empty())
        .unwrap_or(first.app_span);
    let (count, verb) = match names.len() {
        1 => ("1 dependency".to_string(), "is"),
        n => (format!("{n} dependencies"), "are"),
    };
    let mut diag = ctx
        .diag(
            &RULE,
            Some(span),
            format!(
                "{count} {verb} not part of the package (not for :prod): {}",
                names.join(", ")
            ),
        )
        .key_path("deps")
        .help(
            "only dependencies without `only:`, or with `:prod` in it, become requirements of \
             the package; make sure none of these is needed at runtime",
        );
    for (_, dep) in &excluded {
        let span = match (dep.option_span("only"), dep.option("only")) {
            (Some(key), Some(value)) => key.to(value.span),
            _ => dep.app_span,
        };
        diag = diag.label(span, format!("`{}` is not for :prod", dep.app));
    }
    out.push(diag);
}
