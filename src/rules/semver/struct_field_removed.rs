//! `struct-field-removed`: a struct lost a field (or is no longer a struct) (requires a major bump).

use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Context, Group, Rule};
use crate::semver_diff::ChangeKind;

pub static RULE: Rule = Rule {
    id: "struct-field-removed",
    group: Group::Semver,
    severity: Severity::Info,
    summary: "a struct lost a field (or is no longer a struct)",
    doc: include_str!("../../../rules/struct-field-removed.md"),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    super::report(ctx, &RULE, ChangeKind::StructFieldRemoved, out);
}
