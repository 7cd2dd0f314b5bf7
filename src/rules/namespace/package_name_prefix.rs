//! `package-name-prefix`: a package that extends one dependency should be named after it.

use crate::diagnostic::{Diagnostic, Severity};
use crate::modules::{ModuleKind, ModuleMap, is_under};
use crate::rules::metadata::package_name;
use crate::rules::{Context, Group, Rule};

pub static RULE: Rule = Rule {
    id: "package-name-prefix",
    group: Group::Namespace,
    severity: Severity::Info,
    summary: "package extending one dependency is not named `<dep>_…` (as in `plug_auth`)",
    doc: include_str!("../../../rules/package-name-prefix.md"),
    check,
};

/// A dependency counts as extended with at least this many signals…
pub const MIN_SIGNALS: usize = 3;
/// …and at least one signal per this many Elixir modules of the package ("throughout").
pub const MODULES_PER_SIGNAL: usize = 2;

/// How much a package builds on one dependency.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Extension {
    /// Protocol implementations whose protocol or type is in the dependency's namespace.
    pub impls: usize,
    /// Modules the package defines inside the dependency's namespace.
    pub modules: usize,
    /// `use Dep…` and `@behaviour Dep…` in the package's code.
    pub uses: usize,
}

impl Extension {
    pub fn signals(&self) -> usize {
        self.impls + self.modules + self.uses
    }
}

/// The signals for each dependency (in mix.exs order), counted from the discovered tokens.
pub fn extensions(map: &ModuleMap) -> Vec<(String, Extension)> {
    map.deps
        .iter()
        .map(|dep| {
            let inside = |name: &str| dep.namespaces.iter().any(|ns| is_under(name, ns));
            let mut ext = Extension::default();
            for m in &map.modules {
                match &m.kind {
                    ModuleKind::Impl { protocol, for_type }
                        if inside(protocol) || inside(for_type) =>
                    {
                        ext.impls += 1
                    }
                    ModuleKind::Impl { .. } => {}
                    k if !k.is_erlang() && inside(&m.name) => ext.modules += 1,
                    _ => {}
                }
            }
            ext.uses = map.uses.iter().filter(|u| inside(&u.name)).count();
            (dep.hex_name.clone(), ext)
        })
        .collect()
}

/// `name` is `dep`, starts with `dep_`, or has `dep` as a whole `_`-separated part
/// (`absinthe_plug` extends `plug` too).
fn named_after(name: &str, dep: &str) -> bool {
    name == dep
        || name.starts_with(&format!("{dep}_"))
        || name.ends_with(&format!("_{dep}"))
        || name.contains(&format!("_{dep}_"))
}

/// A version a first release has (`0.0.x`, `0.1.0`, `1.0.0`); anything later was published.
fn looks_unreleased(ctx: &Context) -> bool {
    let Some(v) = ctx
        .project
        .version
        .as_ref()
        .and_then(|v| v.as_str())
        .and_then(|v| crate::hex::version::Version::parse(v).ok())
    else {
        return false;
    };
    matches!(
        (v.major, v.minor, v.patch),
        (0, 0, _) | (0, 1, 0) | (1, 0, 0)
    )
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some((value, key_path)) = package_name(ctx.project) else {
        return;
    };
    let Some(name) = value.as_str_or_atom() else {
        return;
    };
    // A published package cannot be renamed: the advice is only worth giving before the first
    // release, and to packages no one depends on yet.
    if !looks_unreleased(ctx) || crate::hex::popular::names().any(|p| p == name) {
        return;
    }
    let map = ctx.modules();
    let elixir_modules = map.modules.iter().filter(|m| !m.kind.is_erlang()).count();
    // An optional dependency is an integration the package offers, not what it extends.
    let optional = |dep: &str| {
        ctx.project.deps.iter().flat_map(|d| d.known()).any(|d| {
            d.hex_name() == dep
                && d.option("optional")
                    .is_some_and(|o| o.truthy() == Some(true))
        })
    };
    let extended: Vec<(String, Extension)> = extensions(map)
        .into_iter()
        .filter(|(dep, _)| !optional(dep))
        .filter(|(_, e)| {
            e.signals() >= MIN_SIGNALS && e.signals() * MODULES_PER_SIGNAL >= elixir_modules
        })
        .collect();
    if extended.iter().any(|(dep, _)| named_after(name, dep)) {
        return;
    }
    let Some((dep, ext)) = extended.iter().rev().max_by_key(|(_, e)| e.signals()) else {
        return;
    };
    let mut evidence = Vec::new();
    for (n, what) in [
        (ext.impls, "protocol implementations"),
        (ext.modules, "modules in its namespace"),
        (ext.uses, "`use`/`@behaviour` of its modules"),
    ] {
        if n > 0 {
            evidence.push(format!("{n} {what}"));
        }
    }
    let base = name.strip_suffix(&format!("_{dep}")).unwrap_or(name);
    let suggestion = format!("{dep}_{base}");
    out.push(
        ctx.diag(
            &RULE,
            Some(value.span),
            format!(
                "package `{name}` extends `{dep}` ({}) but its name does not start with `{dep}_`",
                evidence.join(", ")
            ),
        )
        .help(format!(
            "Hex's naming convention prefixes an extension with the package it extends (`plug_auth` for authentication in Plug); consider `{suggestion}` before the first release, since a published package cannot be renamed"
        ))
        .key_path(key_path),
    );
}
