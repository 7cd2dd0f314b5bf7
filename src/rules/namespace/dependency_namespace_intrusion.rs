//! `dependency-namespace-intrusion`: a module inside the namespace of one of the dependencies.

use super::{at_module, merged_into};
use crate::diagnostic::{Diagnostic, Severity};
use crate::modules::Verdict;
use crate::rules::{Context, Group, Rule};

pub static RULE: Rule = Rule {
    id: "dependency-namespace-intrusion",
    group: Group::Namespace,
    severity: Severity::Warning,
    summary: "module inside a dependency's namespace (`Plug.Auth` in a package depending on `plug`)",
    doc: include_str!("../../../rules/dependency-namespace-intrusion.md"),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let map = ctx.modules();
    let Some(prefix) = map.prefixes.first() else {
        return;
    };
    for module in &map.modules {
        let Verdict::DependencyNamespace { dep, namespace } = map.verdict(module) else {
            continue;
        };
        // `Plug.Auth.User` → `PlugAuth.User`; `Plug.Auth` → `PlugAuth.Auth`.
        let suggestion = merged_into(&module.name, prefix)
            .filter(|m| m != prefix)
            .unwrap_or_else(|| {
                let rest = module.name[namespace.len()..].trim_start_matches('.');
                if rest.is_empty() {
                    prefix.clone()
                } else {
                    format!("{prefix}.{rest}")
                }
            });
        out.push(
            at_module(
                &RULE,
                module,
                format!(
                    "module `{}` is inside the namespace `{namespace}` of the dependency `{dep}`",
                    module.name
                ),
            )
            .help(format!(
                "`{namespace}` belongs to the `{dep}` package, which may add a module of the same name in any release; rename it to `{suggestion}`, or, if the `{dep}` maintainers agreed, add `namespaces = [\"{}\"]` to .hexlint.toml",
                module.name
            )),
        );
    }
}
