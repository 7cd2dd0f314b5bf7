//! `module-outside-namespace`: modules that are not under the package's namespace, reported once
//! per foreign top-level namespace.

use super::{at_module, representative, suggested_name};
use crate::diagnostic::{Diagnostic, Severity};
use crate::modules::{Module, ModuleKind, ModuleMap, Verdict};
use crate::rules::{Context, Group, Rule};

pub static RULE: Rule = Rule {
    id: "module-outside-namespace",
    group: Group::Namespace,
    severity: Severity::Warning,
    summary: "modules not under the package's namespace (`plug_auth` → `PlugAuth.*`), once per namespace",
    doc: include_str!("../../../rules/module-outside-namespace.md"),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let map = ctx.modules();
    let Some(prefix) = map.prefixes.first() else {
        return;
    };
    // Mix tasks, own protocol impls, dependency namespaces (`dependency-namespace-intrusion`)
    // and polyfills (`module-collision`) have other verdicts. Grouped by top-level namespace,
    // impls by protocol, in file order.
    let mut groups: Vec<(String, Vec<&Module>)> = Vec::new();
    for module in &map.modules {
        if map.verdict(module) != Verdict::Outside || ModuleMap::is_polyfill(module) {
            continue;
        }
        let key = match &module.kind {
            ModuleKind::Impl { protocol, .. } => format!("impl {protocol}"),
            _ => top_level(&module.name).to_string(),
        };
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, group)) => group.push(module),
            None => groups.push((key, vec![module])),
        }
    }
    for (_, group) in groups {
        let (first, examples) = representative(&group);
        out.push(match &first.kind {
            ModuleKind::Impl { protocol, for_type } => {
                impl_finding(first, protocol, for_type, &group, &examples, prefix)
            }
            _ => namespace_finding(map, first, &group, &examples, prefix),
        });
    }
}

fn top_level(name: &str) -> &str {
    name.split('.').next().unwrap_or(name)
}

fn namespace_finding(
    map: &ModuleMap,
    first: &Module,
    group: &[&Module],
    examples: &str,
    prefix: &str,
) -> Diagnostic {
    let top = top_level(&first.name);
    let mut message = if group.len() == 1 {
        format!(
            "module `{}` is outside the package's namespace `{prefix}`",
            first.name
        )
    } else {
        format!(
            "{} modules are under `{top}`, not the package's namespace `{prefix}` ({examples})",
            group.len()
        )
    };
    let owner = crate::hex::popular::namespace_owner(top)
        .filter(|owner| Some(*owner) != map.package.as_deref());
    if let Some(owner) = owner {
        message.push_str(&format!(
            "; `{top}` is the namespace of the `{owner}` package on Hex"
        ));
    }
    let them = if group.len() == 1 { "it" } else { "them" };
    let mut help = match suggested_name(map, &first.name, top, prefix, false) {
        Some(name) => format!(
            "move {them} under `{prefix}` (e.g. `{}` → `{name}`)",
            first.name
        ),
        None => format!("move {them} under `{prefix}`"),
    };
    help.push_str(&match owner {
        Some(owner) => format!(
            ": any application that also uses `{owner}` may get two modules of the same name, and the one loaded last wins"
        ),
        None => format!(
            ": all modules of an application and its dependencies share one namespace; if the package owns `{top}`, add `namespaces = [\"{top}\"]` to .hexlint.toml"
        ),
    });
    at_module(&RULE, first, message).help(help)
}

fn impl_finding(
    first: &Module,
    protocol: &str,
    for_type: &str,
    group: &[&Module],
    examples: &str,
    prefix: &str,
) -> Diagnostic {
    let message = if group.len() == 1 {
        format!(
            "`{}` implements `{protocol}`, a protocol the package does not own, for `{for_type}`, a type it does not own",
            first.name
        )
    } else {
        format!(
            "{} implementations of `{protocol}`, a protocol the package does not own, are for types it does not own ({examples})",
            group.len()
        )
    };
    at_module(&RULE, first, message).help(format!(
        "only the owner of `{protocol}` or of the type should implement it, or two packages doing the same will clash; implement the protocol for a struct of your own (under `{prefix}`)"
    ))
}
