//! `module-outside-namespace`: a module that is not under the package's prefix.

use super::{at_module, renamed_under};
use crate::diagnostic::{Diagnostic, Severity};
use crate::modules::{ModuleKind, Verdict};
use crate::rules::{Context, Group, Rule};

pub static RULE: Rule = Rule {
    id: "module-outside-namespace",
    group: Group::Namespace,
    severity: Severity::Warning,
    summary: "module not under the package's namespace (`plug_auth` → `PlugAuth.*`)",
    doc: include_str!("../../../rules/module-outside-namespace.md"),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let map = ctx.modules();
    let Some(prefix) = map.prefixes.first() else {
        return;
    };
    for module in &map.modules {
        // Mix tasks, own protocol impls and dependency namespaces (`dependency-namespace-intrusion`)
        // have other verdicts.
        if map.verdict(module) != Verdict::Outside {
            continue;
        }
        let also = match map.prefixes.len() {
            1 => String::new(),
            _ => format!(
                " (accepted namespaces: {})",
                map.prefixes
                    .iter()
                    .map(|p| format!("`{p}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        let diag = match &module.kind {
            ModuleKind::Impl { protocol, for_type } => at_module(
                &RULE,
                module,
                format!(
                    "`{}` implements `{protocol}`, a protocol the package does not own, for `{for_type}`, a type it does not own",
                    module.name
                ),
            )
            .help(format!(
                "only the owner of `{protocol}` or of `{for_type}` should implement it, or two packages doing the same will clash; implement the protocol for a struct of your own (under `{prefix}`)"
            )),
            _ => at_module(
                &RULE,
                module,
                format!(
                    "module `{}` is outside the package's namespace `{prefix}`{also}",
                    module.name
                ),
            )
            .help(format!(
                "all modules of an application and its dependencies share one global namespace; rename it to `{}`, or list the namespace under `namespaces` in .hexlint.toml if the package owns it",
                renamed_under(&module.name, prefix)
            )),
        };
        out.push(diag);
    }
}
