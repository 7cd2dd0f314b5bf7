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
        // An extension or bridge package, named after the owner of the protocol or of the
        // type, implements it for them (`Phoenix.HTML.FormData` for `Ecto.Changeset` in
        // phoenix_ecto, `Scrivener.Paginater` for `Atom` in scrivener_ecto).
        if let ModuleKind::Impl { protocol, for_type } = &module.kind
            && let Some(name) = map.package.as_deref()
            && [protocol, for_type]
                .iter()
                .filter_map(|m| map.foreign_owner(m))
                .any(|owner| names_part(name, &owner))
        {
            continue;
        }
        let key = match &module.kind {
            ModuleKind::Impl { protocol, .. } => format!("impl {protocol}"),
            _ => map
                .spelled_name(&module.name)
                .unwrap_or_else(|| top_level(&module.name).to_string()),
        };
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, group)) => group.push(module),
            None => groups.push((key, vec![module])),
        }
    }
    // A package whose every module sits in one namespace nobody else owns chose it on purpose.
    let chosen = groups.len() == 1
        && !map
            .modules
            .iter()
            .any(|m| matches!(map.verdict(m), Verdict::Inside { .. }));
    for (namespace, group) in groups {
        let (first, examples) = representative(&group);
        out.push(match &first.kind {
            ModuleKind::Impl { protocol, for_type } => {
                impl_finding(first, protocol, for_type, &group, &examples, prefix)
            }
            _ => namespace_finding(map, &namespace, first, &group, &examples, prefix, chosen),
        });
    }
}

/// `dep`'s words appear, whole, in `name` (`ecto` in `phoenix_ecto`).
fn names_part(name: &str, dep: &str) -> bool {
    format!("_{name}_").contains(&format!("_{dep}_"))
}

fn top_level(name: &str) -> &str {
    name.split('.').next().unwrap_or(name)
}

fn namespace_finding(
    map: &ModuleMap,
    namespace: &str,
    first: &Module,
    group: &[&Module],
    examples: &str,
    prefix: &str,
    chosen: bool,
) -> Diagnostic {
    let owner = map.foreign_owner(&first.name);
    let top = top_level(&first.name);
    let n = group.len();
    let where_ = if n == 1 {
        format!("module `{}` is", first.name)
    } else {
        format!("{n} modules are")
    };
    let listed = if n == 1 {
        String::new()
    } else {
        format!(" ({examples})")
    };
    // `Phoenix.HTML` in `phoenix_html`: the package's own name, inside another's namespace.
    if namespace != top
        && let Some(owner) = &owner
    {
        return at_module(
            &RULE,
            first,
            format!(
                "{where_} under `{namespace}`, the package's name inside `{top}`, the namespace of the `{owner}` package on Hex{listed}"
            ),
        )
        .severity(Severity::Info)
        .help(format!(
            "extensions of `{owner}` often live there; `{owner}` may add a module of the same name in any release. If its maintainers agreed, add `namespaces = [\"{namespace}\"]` to .hexlint.toml"
        ));
    }
    let mut message = if n == 1 {
        format!(
            "module `{}` is outside the package's namespace `{prefix}`",
            first.name
        )
    } else {
        format!("{n} modules are under `{top}`, not the package's namespace `{prefix}`{listed}")
    };
    if let Some(owner) = &owner {
        message.push_str(&format!(
            "; `{top}` is the namespace of the `{owner}` package on Hex"
        ));
    }
    let them = if n == 1 { "it" } else { "them" };
    let mut help = match suggested_name(map, &first.name, top, prefix, false) {
        Some(name) => format!(
            "move {them} under `{prefix}` (e.g. `{}` → `{name}`)",
            first.name
        ),
        None => format!("move {them} under `{prefix}`"),
    };
    help.push_str(&match &owner {
        Some(owner) => format!(
            ": any application that also uses `{owner}` may get two modules of the same name, and the one loaded last wins"
        ),
        None => format!(
            ": all modules of an application and its dependencies share one namespace; if the package owns `{top}`, add `namespaces = [\"{top}\"]` to .hexlint.toml"
        ),
    });
    let diag = at_module(&RULE, first, message).help(help);
    // `PowResetPassword` in `pow`: a namespace named after the package, by its own convention.
    let named_after = top
        .get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
        && top[prefix.len()..].starts_with(|c: char| c.is_ascii_uppercase());
    if owner.is_none() && (chosen || named_after) {
        // Every module of the package is under `top`: a deliberate choice, worth a note.
        diag.severity(Severity::Info)
    } else {
        diag
    }
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
