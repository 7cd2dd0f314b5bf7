//! `optional-dependency-unguarded`: compiled code needs an `optional: true` dependency to
//! compile, outside an `if Code.ensure_loaded?(…)` guard.

use super::{known_deps, refs_to_dep};
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Context, Group, Rule};

pub static RULE: Rule = Rule {
    id: "optional-dependency-unguarded",
    group: Group::Deps,
    severity: Severity::Error,
    summary: "compiled code needs an optional dependency without a Code.ensure_loaded? guard",
    doc: include_str!("../../../rules/optional-dependency-unguarded.md"),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for (_, dep) in known_deps(ctx) {
        let optional = dep
            .option("optional")
            .is_some_and(|v| v.truthy() == Some(true));
        if !optional || dep.is_prod() != Some(true) {
            continue;
        }
        let needed: Vec<_> = refs_to_dep(ctx, dep)
            .into_iter()
            .filter(|r| r.reference.kind.needed_to_compile() && !r.reference.guarded)
            .collect();
        let Some(first) = needed.first() else {
            continue;
        };
        let more = match needed.len() {
            1 => String::new(),
            n => format!(
                " (and {} more place{})",
                n - 1,
                if n == 2 { "" } else { "s" }
            ),
        };
        let r = &first.reference;
        out.push(
            Diagnostic::new(
                RULE.id,
                RULE.severity,
                first.source.clone(),
                Some(r.span),
                format!(
                    "`:{}` is optional (`optional: true`), but this {} of `{}` needs it to compile and is not under `if Code.ensure_loaded?({})`{more}: the package fails to compile for every user who does not add `:{}` themselves",
                    dep.app,
                    r.kind.as_str(),
                    r.name,
                    r.name.split('.').next().unwrap_or(&r.name),
                    dep.app
                ),
            )
            .help(format!(
                "wrap the code in `if Code.ensure_loaded?({}) do … end` (at the top of the file, around the module), or make `:{}` a required dependency",
                r.name.split('.').next().unwrap_or(&r.name),
                dep.app
            )),
        );
    }
}
