//! `revert-window`: hex.pm only lets a public release be reverted shortly after publishing.

use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Context, Group, Rule};

pub static RULE: Rule = Rule {
    id: "revert-window",
    group: Group::Publish,
    severity: Severity::Warning,
    summary: "`--revert` only works within an hour of publishing (24 hours for a new package)",
    doc: include_str!("../../../rules/revert-window.md"),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(plan) = ctx.publish else { return };
    let Some(version) = plan.revert.as_deref() else {
        return;
    };
    if plan.organization.is_some() || !ctx.is_public() {
        return; // private repositories can always revert
    }
    out.push(
        ctx.diag(
            &RULE,
            None,
            format!(
                "hex.pm refuses to revert {version} if it was published more than one hour ago (24 hours for a package's first release)"
            ),
        )
        .help(format!(
            "past the window, retire the release instead: `mix hex.retire PACKAGE {version} REASON`"
        )),
    );
}
