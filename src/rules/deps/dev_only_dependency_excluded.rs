//! `dev-only-dependency-excluded`: a dependency left out of the package (no `:prod` in
//! `only:`) whose modules the package's compiled code `use`s or implements as a behaviour.

use super::{known_deps, refs_to_dep};
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
        // The strongest evidence first: code that needs the dependency to compile (`use`,
        // `import`, `require`, `@derive`, `defimpl`, `%X{}`), then `@behaviour`, then calls;
        // none of them under `if Code.ensure_loaded?(…)`.
        let refs = refs_to_dep(ctx, dep);
        let unguarded = |f: fn(crate::modules::discover::RefKind) -> bool| -> Vec<(String, String, &'static str)> {
            refs.iter()
                .filter(|r| !r.reference.guarded && f(r.reference.kind))
                .map(|r| (r.file.clone(), r.reference.name.clone(), r.reference.kind.as_str()))
                .collect()
        };
        let mut used = unguarded(|k| k.needed_to_compile());
        let mut fails = "fails to compile for its users";
        if used.is_empty() {
            used = map
                .uses
                .iter()
                .filter(|u| namespaces.iter().any(|n| is_under(&u.name, n)))
                .map(|u| (u.file.clone(), u.name.clone(), "@behaviour"))
                .collect();
            fails = "warns when it compiles for its users";
        }
        if used.is_empty() {
            used = unguarded(|k| k == crate::modules::discover::RefKind::Remote)
                .into_iter()
                .filter(|(file, _, _)| !file.contains("/mix/tasks/"))
                .collect();
            fails = "raises UndefinedFunctionError for its users when that code runs";
        }
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
                    "`:{}` is not part of the package (not for :prod), but {} uses `{}` ({}){more}: the package works here and {fails}",
                    dep.app, first.0, first.1, first.2
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
