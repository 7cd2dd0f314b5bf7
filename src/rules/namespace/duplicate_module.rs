//! `duplicate-module`: the same module defined twice within the package.

use super::at_module;
use crate::diagnostic::{Diagnostic, Severity};
use crate::modules::Module;
use crate::rules::{Context, Group, Rule};
use foldhash::{HashMap, HashMapExt};

pub static RULE: Rule = Rule {
    id: "duplicate-module",
    group: Group::Namespace,
    severity: Severity::Error,
    summary: "module defined more than once in the package",
    doc: include_str!("../../../rules/duplicate-module.md"),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let map = ctx.modules();
    let mut first_definitions: HashMap<&str, &Module> = HashMap::with_capacity(map.modules.len());
    for module in &map.modules {
        let Some(first) = first_definitions.get(module.name.as_str()) else {
            first_definitions.insert(&module.name, module);
            continue;
        };
        // Two conditional definitions are usually alternatives
        // (`if Code.ensure_loaded?(…) do defmodule … else defmodule … end`).
        if module.conditional && first.conditional {
            continue;
        }
        let first_at = first.position();
        let mut diag = at_module(
            &RULE,
            module,
            format!(
                "module `{}` is defined twice; it is also defined at {}:{}:{}",
                module.name,
                first.file,
                first_at.line,
                first_at.column
            ),
        )
        .help("the later definition replaces the earlier one when the package is compiled (Elixir warns `redefining module`); rename one of them or merge them");
        if first.file == module.file {
            diag = diag.label(first.span, "first defined here");
        }
        out.push(diag);
    }
}
