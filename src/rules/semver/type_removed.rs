//! `type-removed`: a public type was removed (requires a major bump).

use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Context, Group, Rule};
use crate::semver_diff::ChangeKind;

pub static RULE: Rule = Rule {
    id: "type-removed",
    group: Group::Semver,
    severity: Severity::Info,
    summary: "a public type was removed",
    doc: include_str!("../../../rules/type-removed.md"),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    super::report(ctx, &RULE, ChangeKind::TypeRemoved, out);
}
