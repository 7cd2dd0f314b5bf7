//! `changelog-missing-entry`: the changelog does not mention the version being published.

use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Context, Group, Rule};

pub static RULE: Rule = Rule {
    id: "changelog-missing-entry",
    group: Group::Publish,
    severity: Severity::Warning,
    summary: "the CHANGELOG has no entry for the version being published",
    doc: include_str!("../../../rules/changelog-missing-entry.md"),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(plan) = ctx.publish else { return };
    let Some((name, text)) = &plan.changelog else {
        return;
    };
    if !plan.package || plan.revert.is_some() {
        return;
    }
    let Some(version) = ctx.project.version.as_ref() else {
        return;
    };
    let Some(v) = version.as_str() else { return };
    if crate::publish::changelog_mentions(text, v) {
        return;
    }
    out.push(
        ctx.diag(
            &RULE,
            Some(version.span),
            format!("{name} has no entry for {v}"),
        )
        .help(format!(
            "add a `## v{v}` section to {name} describing the release"
        ))
        .key_path("version"),
    );
}
