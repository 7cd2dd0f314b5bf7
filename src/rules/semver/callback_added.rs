//! `callback-added`: a behaviour gained a required callback (or a protocol a function) (requires a major bump).

use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Context, Group, Rule};
use crate::semver_diff::ChangeKind;

pub static RULE: Rule = Rule {
    id: "callback-added",
    group: Group::Semver,
    severity: Severity::Info,
    summary: "a behaviour gained a required callback (or a protocol a function)",
    doc: include_str!("../../../rules/callback-added.md"),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    super::report(ctx, &RULE, ChangeKind::CallbackAdded, out);
}
