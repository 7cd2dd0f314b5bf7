//! `function-removed`: a public function or macro of the baseline was removed or hidden (requires a major bump).

use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Context, Group, Rule};
use crate::semver_diff::ChangeKind;

pub static RULE: Rule = Rule {
    id: "function-removed",
    group: Group::Semver,
    severity: Severity::Info,
    summary: "a public function or macro of the baseline was removed or hidden",
    doc: include_str!("../../../rules/function-removed.md"),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    super::report(ctx, &RULE, ChangeKind::FunctionRemoved, out);
}
