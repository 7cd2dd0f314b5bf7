//! `protocol-function-removed`: a protocol lost a function (requires a major bump).

use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Context, Group, Rule};
use crate::semver_diff::ChangeKind;

pub static RULE: Rule = Rule {
    id: "protocol-function-removed",
    group: Group::Semver,
    severity: Severity::Info,
    summary: "a protocol lost a function",
    doc: include_str!("../../../rules/protocol-function-removed.md"),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    super::report(ctx, &RULE, ChangeKind::ProtocolFunctionRemoved, out);
}
