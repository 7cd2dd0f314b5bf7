//! `dev-tool-in-prod-deps`: a development tool (ex_doc, credo, dialyxir …) declared without
//! `only:`, so Hex makes it a requirement of every user of the package.

use super::{known_deps, refs_to_dep};
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Context, Group, Rule};

pub static RULE: Rule = Rule {
    id: "dev-tool-in-prod-deps",
    group: Group::Deps,
    severity: Severity::Warning,
    summary: "a development tool (ex_doc, credo, dialyxir …) is a dependency for every user",
    doc: include_str!("../../../rules/dev-tool-in-prod-deps.md"),
    check,
};

/// Tools used while developing a package, and the `only:` they conventionally get.
const TOOLS: &[(&str, &str)] = &[
    ("ex_doc", ":dev"),
    ("credo", "[:dev, :test]"),
    ("dialyxir", "[:dev, :test]"),
    ("excoveralls", ":test"),
    ("mix_test_watch", "[:dev, :test]"),
    ("sobelow", "[:dev, :test]"),
    ("benchee", ":dev"),
];

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let package = ctx
        .project
        .package_name()
        .and_then(|v| v.as_str_or_atom())
        .map(str::to_string);
    for (_, dep) in known_deps(ctx) {
        let Some(&(tool, only)) = TOOLS.iter().find(|(t, _)| *t == dep.app) else {
            continue;
        };
        if dep.is_prod() != Some(true) || !dep.is_hex() {
            continue;
        }
        // A plugin of the tool (`credo_naming`, `benchee_html`) or a package built on it.
        if package
            .as_deref()
            .is_some_and(|p| p.starts_with(&format!("{tool}_")) || p == tool)
            || !refs_to_dep(ctx, dep).is_empty()
        {
            continue;
        }
        let runtime_false = dep
            .option("runtime")
            .is_some_and(|v| v.truthy() == Some(false));
        let insert = if runtime_false {
            format!(", only: {only}")
        } else {
            format!(", only: {only}, runtime: false")
        };
        let mut d = ctx
            .diag(
                &RULE,
                Some(dep.app_span),
                format!(
                    "`:{tool}` has no `only:`, so Hex makes it a requirement of the package: every user fetches it{}, and projects that declare it `only: :dev` fail with \"dependencies have diverged\"",
                    if runtime_false {
                        " (`runtime: false` does not keep it out of the package)"
                    } else {
                        " and starts it with their application"
                    }
                ),
            )
            .key_path(format!("deps.{tool}"))
            .help(format!(
                "declare it for development only: `{{:{tool}, …{insert}}}`; `mix hex.build` then leaves it out of the package"
            ));
        if let Some(fix) = super::dev_tool_only_fix(ctx, dep, only) {
            d = d.with_fix(fix);
        }
        out.push(d);
    }
}
