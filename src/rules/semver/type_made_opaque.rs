//! `type-made-opaque`: a public type became opaque (requires a major bump).

use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Context, Group, Rule};
use crate::semver_diff::ChangeKind;

pub static RULE: Rule = Rule {
    id: "type-made-opaque",
    group: Group::Semver,
    severity: Severity::Info,
    summary: "a public type became opaque",
    doc: include_str!("../../../rules/type-made-opaque.md"),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    super::report(ctx, &RULE, ChangeKind::TypeMadeOpaque, out);
}
