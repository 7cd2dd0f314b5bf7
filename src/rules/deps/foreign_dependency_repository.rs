//! `foreign-dependency-repository`: a dependency from a repository hex.pm does not allow.

use super::prod_hex_deps;
use crate::diagnostic::{Diagnostic, Severity};
use crate::mixexs::value::Value;
use crate::project::Dep;
use crate::rules::{Context, Group, Rule};

pub static RULE: Rule = Rule {
    id: "foreign-dependency-repository",
    group: Group::Deps,
    severity: Severity::Error,
    summary: "A dependency from an organization repository that hex.pm does not allow",
    doc: include_str!("../../../rules/foreign-dependency-repository.md"),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    // The package's own repository; unknown → cannot tell what is allowed.
    let own = match ctx
        .project
        .package
        .as_ref()
        .and_then(|p| p.get("organization"))
    {
        Some(v) if v.is_unknown() => return,
        _ => ctx.project.organization(),
    };
    for (index, dep) in prod_hex_deps(ctx) {
        let Some(Some((key, value))) = repository_option(dep) else {
            continue;
        };
        let Some(text) = value.as_str_or_atom() else {
            continue;
        };
        let repository = deorg_repo(text);
        if repository == "hexpm" || own == Some(repository) {
            continue;
        }
        let message = match own {
            None => format!(
                "dependencies can only belong to public repository \"hexpm\", got: \"{repository}\""
            ),
            Some(org) => format!(
                "dependencies can only belong to public repository \"hexpm\" or current \
                 repository \"{org}\", got: \"{repository}\""
            ),
        };
        let app = &dep.app;
        let help = match own {
            None => format!(
                "a public package cannot depend on packages of the organization \
                 \"{repository}\", which its users may not be able to fetch: publish `{app}` \
                 publicly, or publish this package to the organization with \
                 `organization: \"{repository}\"` in `package`"
            ),
            Some(org) => format!(
                "a package of the organization \"{org}\" can depend on public packages and \
                 on packages of \"{org}\" only"
            ),
        };
        out.push(
            ctx.diag(&RULE, Some(value.span), message)
                .key_path(format!("deps[{index}].{key}"))
                .help(help),
        );
    }
}

/// hex.build's `opts[:repo] || opts[:organization] || "hexpm"`: the first truthy option, or
/// `Some(None)` for the default. `None` when an option's value is unknown.
fn repository_option(dep: &Dep) -> Option<Option<(&'static str, &Value)>> {
    for key in ["repo", "organization"] {
        let Some(value) = dep.option(key) else {
            continue;
        };
        match value.truthy() {
            None => return None,
            Some(true) => return Some(Some((key, value))),
            Some(false) => {}
        }
    }
    Some(None)
}

/// hex.build's `deorg_repo`: `"hexpm:acme"` → `"acme"` (the part after the first `:`).
fn deorg_repo(repo: &str) -> &str {
    repo.split_once(':').map_or(repo, |(_, rest)| rest)
}
