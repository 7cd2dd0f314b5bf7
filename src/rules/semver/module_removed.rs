//! `module-removed`: a public module of the baseline was removed or hidden (requires a major bump).

use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Context, Group, Rule};
use crate::semver_diff::ChangeKind;

pub static RULE: Rule = Rule {
    id: "module-removed",
    group: Group::Semver,
    severity: Severity::Info,
    summary: "a public module of the baseline was removed or hidden",
    doc: include_str!("../../../rules/module-removed.md"),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    super::report(ctx, &RULE, ChangeKind::ModuleRemoved, out);
}
