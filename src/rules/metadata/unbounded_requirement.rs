//! `unbounded-requirement`: a prod dependency requirement without an upper bound.

use crate::diagnostic::{Diagnostic, Severity};
use crate::hex::version::Requirement;
use crate::rules::metadata::prod_hex_deps;
use crate::rules::{Context, Group, Rule};

pub static RULE: Rule = Rule {
    id: "unbounded-requirement",
    group: Group::Metadata,
    severity: Severity::Info,
    summary: "dependency requirement with no upper bound (`>= 0.0.0`)",
    doc: include_str!("../../../rules/unbounded-requirement.md"),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for dep in prod_hex_deps(ctx.project) {
        let Some(value) = dep.requirement.as_ref() else {
            continue;
        };
        // An optional dependency's version is the user's choice (`{:rustler, ">= 0.0.0",
        // optional: true}` is rustler_precompiled's documented pattern).
        if dep
            .option("optional")
            .is_some_and(|o| o.truthy() == Some(true))
        {
            continue;
        }
        let Some(req) = value.as_str().and_then(|s| Requirement::parse(s).ok()) else {
            continue;
        };
        if !req.is_unbounded() {
            continue;
        }
        out.push(
            ctx.diag(
                &RULE,
                Some(value.span),
                format!(
                    "{:?} puts no upper bound on `:{}`: a future major release of it can break every project that uses this package",
                    req.source, dep.app
                ),
            )
            .help("bound it to the major versions you have tested, e.g. \"~> 1.0\" or \">= 1.0.0 and < 3.0.0\"")
            .key_path(format!("deps.{}", dep.app)),
        );
    }
}
