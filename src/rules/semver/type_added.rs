//! `type-added`: a public type was added (requires a minor bump).

use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Context, Group, Rule};
use crate::semver_diff::ChangeKind;

pub static RULE: Rule = Rule {
    id: "type-added",
    group: Group::Semver,
    severity: Severity::Info,
    summary: "a public type was added",
    doc: include_str!("../../../rules/type-added.md"),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    super::report(ctx, &RULE, ChangeKind::TypeAdded, out);
}
