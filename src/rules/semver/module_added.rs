//! `module-added`: a public module was added (requires a minor bump).

use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Context, Group, Rule};
use crate::semver_diff::ChangeKind;

pub static RULE: Rule = Rule {
    id: "module-added",
    group: Group::Semver,
    severity: Severity::Info,
    summary: "a public module was added",
    doc: include_str!("../../../rules/module-added.md"),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    super::report(ctx, &RULE, ChangeKind::ModuleAdded, out);
}
