//! `dry-run-needs-auth`: `mix hex.publish --dry-run` still authenticates and needs the network.

use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Context, Group, Rule};

pub static RULE: Rule = Rule {
    id: "dry-run-needs-auth",
    group: Group::Publish,
    severity: Severity::Info,
    summary: "`mix hex.publish --dry-run` still needs authentication and network access",
    doc: include_str!("../../../rules/dry-run-needs-auth.md"),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    if !ctx.publish.is_some_and(|p| p.dry_run) {
        return;
    }
    out.push(
        ctx.diag(
            &RULE,
            None,
            "`--dry-run` still asks hex.pm who you are (GET /users/me) and builds the docs: it needs network access and a Hex login or HEX_API_KEY",
        )
        .help("for a fully offline check of the package use `hexlint check` or `mix hex.build`"),
    );
}
