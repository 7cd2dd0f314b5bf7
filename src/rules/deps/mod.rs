//! Rules of the `deps` group, one per file.
//!
//! They follow `mix hex.build`: only prod deps (no `:only`, or `:prod` in it) go into the
//! package; of those, Hex deps (a `:hex` key, or none of git/github/path/in_umbrella) become
//! requirements, and the rest abort the build. A dep whose options or `:only` cannot be
//! evaluated is skipped (the `unresolved-value` rule reports it).

pub mod dev_only_dependency_excluded;
pub mod dev_tool_in_prod_deps;
pub mod forbidden_dependency_option;
pub mod foreign_dependency_repository;
pub mod mix_env_divergence;
pub mod non_hex_dependency;
pub mod optional_dependency_unguarded;
pub mod unknown_dependency_option;

use crate::project::Dep;
use crate::rules::Context;

/// The options that decide where a dep comes from, in the order Mix's SCMs look at them.
pub(crate) const SCM_KEYS: &[&str] = &["git", "github", "path", "in_umbrella"];

/// Deps whose options are fully known, with their index in the `:deps` list.
fn known_deps<'a>(ctx: &Context<'a>) -> impl Iterator<Item = (usize, &'a Dep)> {
    ctx.project.deps.iter().flat_map(|d| d.with_known_options())
}

/// Known prod deps that Hex packages as requirements (`prod_dep?` and `package_dep?`).
fn prod_hex_deps<'a>(ctx: &Context<'a>) -> impl Iterator<Item = (usize, &'a Dep)> {
    ctx.project.deps.iter().flat_map(|d| d.prod_hex())
}

/// Which SCM Mix uses for the dep: git and path are tried before Hex.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scm {
    Git,
    Path,
    Hex,
}

fn scm(dep: &Dep) -> Scm {
    if dep.has_option("git") || dep.has_option("github") {
        Scm::Git
    } else if dep.has_option("path") || dep.has_option("in_umbrella") {
        Scm::Path
    } else {
        Scm::Hex
    }
}

/// References from the package's compiled code to modules in `dep`'s namespaces (by
/// `camelize(hex name)` and `camelize(app)`), leaving out modules the package defines itself.
pub(crate) fn refs_to_dep<'c>(ctx: &'c Context, dep: &Dep) -> Vec<&'c crate::modules::RefSite> {
    let map = ctx.modules();
    let Some(ns) = map.deps.iter().find(|d| d.app == dep.app) else {
        return Vec::new();
    };
    map.refs
        .iter()
        .filter(|r| {
            let name = &r.reference.name;
            ns.namespaces
                .iter()
                .any(|n| crate::modules::is_under(name, n))
                && !map.modules.iter().any(|m| &m.name == name)
                && map.own_prefix(name).is_none()
        })
        .collect()
}
