//! `organisation-flag`: `--organisation` is parsed by Hex but never read.

use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Context, Group, Rule};

pub static RULE: Rule = Rule {
    id: "organisation-flag",
    group: Group::Publish,
    severity: Severity::Error,
    summary: "`mix hex.publish --organisation` is silently ignored and publishes publicly",
    doc: include_str!("../../../rules/organisation-flag.md"),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(org) = ctx.publish.and_then(|p| p.organisation.as_deref()) else {
        return;
    };
    out.push(
        ctx.diag(
            &RULE,
            None,
            format!(
                "`--organisation {org}` is ignored by Hex: the package would be published to the public hexpm repository, not to `{org}`"
            ),
        )
        .help(format!("spell it `--organization {org}`")),
    );
}
