//! `struct-field-enforced`: a struct field became enforced (`@enforce_keys`) (requires a major bump).

use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Context, Group, Rule};
use crate::semver_diff::ChangeKind;

pub static RULE: Rule = Rule {
    id: "struct-field-enforced",
    group: Group::Semver,
    severity: Severity::Info,
    summary: "a struct field became enforced (`@enforce_keys`)",
    doc: include_str!("../../../rules/struct-field-enforced.md"),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    super::report(ctx, &RULE, ChangeKind::StructFieldEnforced, out);
}
