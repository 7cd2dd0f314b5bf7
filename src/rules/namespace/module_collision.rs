//! `module-collision`: a module with the same name as one of Elixir, Erlang/OTP or a dependency.

use super::{at_module, renamed_under};
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Context, Group, Rule};

pub static RULE: Rule = Rule {
    id: "module-collision",
    group: Group::Namespace,
    severity: Severity::Error,
    summary: "module already defined by Elixir, Erlang/OTP or a dependency",
    doc: include_str!("../../../rules/module-collision.md"),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let map = ctx.modules();
    for module in &map.modules {
        let Some(owner) = map.collision(&module.name) else {
            continue;
        };
        let rename = if module.kind.is_erlang() {
            map.app.as_ref().map(|app| format!("{app}_{}", module.name))
        } else {
            map.prefixes.first().map(|p| renamed_under(&module.name, p))
        };
        let mut help = "two modules with the same name cannot be loaded together: whichever is loaded last replaces the other, in every application that depends on this package".to_string();
        if let Some(rename) = rename {
            help.push_str(&format!("; rename it, e.g. to `{rename}`"));
        }
        out.push(
            at_module(
                &RULE,
                module,
                format!(
                    "`{}` is already defined by {}",
                    module.name,
                    owner.describe()
                ),
            )
            .help(help),
        );
    }
}
