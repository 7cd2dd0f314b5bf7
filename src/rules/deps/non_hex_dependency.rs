//! `non-hex-dependency`: a prod dependency fetched from git or a path.

use super::{SCM_KEYS, known_deps};
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Context, Group, Rule};

pub static RULE: Rule = Rule {
    id: "non-hex-dependency",
    group: Group::Deps,
    severity: Severity::Error,
    summary: "A runtime dependency from git or a path (Hex packages can only depend on Hex packages)",
    doc: include_str!("../../../rules/non-hex-dependency.md"),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let excluded: Vec<_> = known_deps(ctx)
        .filter(|(_, dep)| dep.is_prod() == Some(true) && !dep.is_hex())
        .collect();
    if excluded.is_empty() {
        return;
    }
    let names = excluded
        .iter()
        .map(|(_, dep)| dep.app.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    for (index, dep) in &excluded {
        // The first SCM option as written points at where the dep comes from.
        let Some((key, key_span, value)) = dep
            .options
            .iter()
            .find(|(k, _, _)| SCM_KEYS.contains(&k.as_str()))
        else {
            continue;
        };
        let kind = match key.as_str() {
            "git" | "github" => "a git dependency",
            "path" => "a path dependency",
            _ => "an umbrella dependency",
        };
        let app = &dep.app;
        out.push(
            ctx.diag(
                &RULE,
                Some(key_span.to(value.span)),
                format!("`{app}` is {kind}, but a Hex package can only depend on Hex packages"),
            )
            .key_path(format!("deps[{index}].{key}"))
            .help(format!(
                "publish `{app}` to Hex and depend on it with a requirement, e.g. \
                 `{{:{app}, \"~> 1.0\"}}`, or, if it is not needed at runtime, add \
                 `only: [:dev, :test]`; mix hex.build aborts with \"Dependencies excluded \
                 from the package (only Hex packages can be dependencies): {names}\""
            )),
        );
    }
}
