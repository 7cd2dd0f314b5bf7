//! `erlang-module-prefix`: an Erlang module not named after the application.

use super::at_module;
use crate::diagnostic::{Diagnostic, Severity};
use crate::modules::{ModuleKind, Verdict};
use crate::rules::{Context, Group, Rule};

pub static RULE: Rule = Rule {
    id: "erlang-module-prefix",
    group: Group::Namespace,
    severity: Severity::Warning,
    summary: "Erlang module not named `<app>_…`",
    doc: include_str!("../../../rules/erlang-module-prefix.md"),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let map = ctx.modules();
    let Some(app) = &map.app else {
        return;
    };
    for module in &map.modules {
        if map.verdict(module) != Verdict::ErlangUnprefixed {
            continue;
        }
        let renamed = format!("{app}_{}", module.name);
        let how = if module.kind == ModuleKind::Generated {
            format!(
                "the module is generated from `{}` and named after it: rename the file to `{renamed}`",
                module.file
            )
        } else {
            format!("rename it to `{renamed}` (the file and its `-module` attribute)")
        };
        out.push(
            at_module(
                &RULE,
                module,
                format!(
                    "Erlang module `{}` does not start with the application name `{app}`",
                    module.name
                ),
            )
            .help(format!(
                "Erlang modules share one flat namespace with every other application; {how}"
            )),
        );
    }
}
