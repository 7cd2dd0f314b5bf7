//! `function-deprecated`: a public function or macro was newly deprecated (requires a minor bump).

use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Context, Group, Rule};
use crate::semver_diff::ChangeKind;

pub static RULE: Rule = Rule {
    id: "function-deprecated",
    group: Group::Semver,
    severity: Severity::Info,
    summary: "a public function or macro was newly deprecated",
    doc: include_str!("../../../rules/function-deprecated.md"),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    super::report(ctx, &RULE, ChangeKind::FunctionDeprecated, out);
}
