//! `dependency-namespace-intrusion`: modules inside the namespace of one of the dependencies,
//! reported once per dependency namespace.

use super::{at_module, representative, suggested_name};
use crate::diagnostic::{Diagnostic, Severity};
use crate::modules::{Module, ModuleMap, Verdict};
use crate::rules::{Context, Group, Rule};

pub static RULE: Rule = Rule {
    id: "dependency-namespace-intrusion",
    group: Group::Namespace,
    severity: Severity::Info,
    summary: "modules inside a dependency's namespace (`Plug.Auth` in a package depending on `plug`), once per namespace",
    doc: include_str!("../../../rules/dependency-namespace-intrusion.md"),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let map = ctx.modules();
    let Some(prefix) = map.prefixes.first() else {
        return;
    };
    let mut groups: Vec<((String, String), Vec<&Module>)> = Vec::new();
    for module in &map.modules {
        let Verdict::DependencyNamespace { dep, namespace } = map.verdict(module) else {
            continue;
        };
        if ModuleMap::is_polyfill(module) {
            continue;
        }
        let key = (dep, namespace);
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, group)) => group.push(module),
            None => groups.push((key, vec![module])),
        }
    }
    for ((dep, namespace), group) in groups {
        let (first, examples) = representative(&group);
        let message = if group.len() == 1 {
            format!(
                "module `{}` extends the namespace `{namespace}` of the dependency `{dep}`",
                first.name
            )
        } else {
            format!(
                "{} modules extend the namespace `{namespace}` of the dependency `{dep}` ({examples})",
                group.len()
            )
        };
        let rename = suggested_name(map, &first.name, &namespace, prefix, true)
            .map(|n| format!(", or rename (`{}` → `{n}`)", first.name))
            .unwrap_or_default();
        out.push(at_module(&RULE, first, message).help(format!(
            "adapters and plugins often live in the namespace of what they extend; `{dep}` may add a module of the same name in any release (a clash with one it has is `module-collision`). If the `{dep}` maintainers agreed, add `namespaces = [\"{namespace}\"]` to .hexlint.toml{rename}"
        )));
    }
}
