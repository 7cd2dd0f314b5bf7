//! `erlang-module-prefix`: Erlang modules not named after the application, reported once.

use super::{at_module, representative};
use crate::diagnostic::{Diagnostic, Severity};
use crate::modules::{Module, ModuleKind, Verdict};
use crate::rules::{Context, Group, Rule};

pub static RULE: Rule = Rule {
    id: "erlang-module-prefix",
    group: Group::Namespace,
    severity: Severity::Warning,
    summary: "Erlang modules not named `<app>_…`",
    doc: include_str!("../../../rules/erlang-module-prefix.md"),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let map = ctx.modules();
    let Some(app) = &map.app else {
        return;
    };
    let unprefixed: Vec<&Module> = map
        .modules
        .iter()
        .filter(|m| map.verdict(m) == Verdict::ErlangUnprefixed)
        .collect();
    if unprefixed.is_empty() {
        return;
    }
    let (first, examples) = representative(&unprefixed);
    let renamed = format!("{app}_{}", first.name);
    let how = if first.kind == ModuleKind::Generated {
        format!(
            "`{}` is generated from `{}` and named after it: rename the file to `{renamed}`",
            first.name, first.file
        )
    } else {
        format!(
            "rename `{}` to `{renamed}` (the file and its `-module` attribute)",
            first.name
        )
    };
    let message = if unprefixed.len() == 1 {
        format!(
            "Erlang module `{}` does not start with the application name `{app}`",
            first.name
        )
    } else {
        format!(
            "{} Erlang modules do not start with the application name `{app}` ({examples})",
            unprefixed.len()
        )
    };
    out.push(at_module(&RULE, first, message).help(format!(
        "Erlang modules share one flat namespace with every other application; {how}"
    )));
}
