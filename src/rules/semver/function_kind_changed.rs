//! `function-kind-changed`: a public function became a macro, or a macro a function (requires a major bump).

use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Context, Group, Rule};
use crate::semver_diff::ChangeKind;

pub static RULE: Rule = Rule {
    id: "function-kind-changed",
    group: Group::Semver,
    severity: Severity::Info,
    summary: "a public function became a macro, or a macro a function",
    doc: include_str!("../../../rules/function-kind-changed.md"),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    super::report(ctx, &RULE, ChangeKind::FunctionKindChanged, out);
}
