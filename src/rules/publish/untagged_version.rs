//! `untagged-version`: the version being published has no git tag yet.

use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Context, Group, Rule};

pub static RULE: Rule = Rule {
    id: "untagged-version",
    group: Group::Publish,
    severity: Severity::Info,
    summary: "the version being published has no git tag",
    doc: include_str!("../../../rules/untagged-version.md"),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(plan) = ctx.publish else { return };
    if !plan.git.is_repo || !plan.package || plan.revert.is_some() {
        return;
    }
    let Some(version) = ctx.project.version.as_ref() else {
        return;
    };
    let Some(v) = version.as_str() else { return };
    if plan
        .git
        .tags
        .iter()
        .any(|t| t == v || *t == format!("v{v}"))
    {
        return;
    }
    out.push(
        ctx.diag(&RULE, Some(version.span), format!("no git tag `v{v}` (or `{v}`) for the version being published"))
            .help(format!("tag the release commit: `git tag v{v} && git push origin v{v}` (docs' `source_ref` usually points at it)"))
            .key_path("version"),
    );
}
