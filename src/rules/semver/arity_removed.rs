//! `arity-removed`: a public function no longer accepts an arity it accepted (requires a major bump).

use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Context, Group, Rule};
use crate::semver_diff::ChangeKind;

pub static RULE: Rule = Rule {
    id: "arity-removed",
    group: Group::Semver,
    severity: Severity::Info,
    summary: "a public function no longer accepts an arity it accepted",
    doc: include_str!("../../../rules/arity-removed.md"),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    super::report(ctx, &RULE, ChangeKind::ArityRemoved, out);
}
