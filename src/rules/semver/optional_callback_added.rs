//! `optional-callback-added`: a behaviour gained an optional callback (requires a minor bump).

use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Context, Group, Rule};
use crate::semver_diff::ChangeKind;

pub static RULE: Rule = Rule {
    id: "optional-callback-added",
    group: Group::Semver,
    severity: Severity::Info,
    summary: "a behaviour gained an optional callback",
    doc: include_str!("../../../rules/optional-callback-added.md"),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    super::report(ctx, &RULE, ChangeKind::OptionalCallbackAdded, out);
}
