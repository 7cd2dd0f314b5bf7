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

/// The safe fix for a development tool written without `only:`: add `only: ONLY, runtime: false`
/// (only the part that is missing) after the last element written in the tuple (inside a
/// bracketed options list), when the tuple is written literally in mix.exs; `None` when the dep
/// already has `only:` or is not a literal tuple.
pub fn dev_tool_only_fix(ctx: &Context, dep: &Dep, only: &str) -> Option<crate::diagnostic::Fix> {
    use crate::diagnostic::{Edit, Fix};
    use crate::source::Span;
    if dep.has_option("only") {
        return None;
    }
    let source = &ctx.project.source;
    let text = source.slice(dep.span);
    if !text.starts_with('{') || !text.ends_with('}') {
        return None;
    }
    let only = format!("only: {only}");
    let mut add = vec![only.as_str()];
    if !dep.has_option("runtime") {
        add.push("runtime: false");
    }
    // After the last element written in the tuple (the options' last value, the requirement,
    // or the app), inside the braces.
    let last_end = dep
        .options_value
        .as_ref()
        .map(|v| v.span.end)
        .or(dep.requirement.as_ref().map(|r| r.span.end))
        .unwrap_or(dep.app_span.end);
    // The options list may be written with brackets (`[runtime: false]`): insert inside it.
    let at = if source.slice(Span::new(last_end.saturating_sub(1), last_end)) == "]" {
        last_end - 1
    } else {
        last_end
    };
    if at <= dep.span.start || at >= dep.span.end {
        return None;
    }
    Some(Fix::safe(
        format!("add `{}`", add.join(", ")),
        vec![Edit {
            span: Span::new(at, at),
            replacement: format!(", {}", add.join(", ")),
        }],
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixed(deps: &str) -> String {
        let dir = tempfile_dir();
        let mix = format!(
            "defmodule D.MixProject do\n  use Mix.Project\n  def project, do: [app: :d, version: \"0.1.0\", deps: [{deps}]]\nend\n"
        );
        std::fs::write(dir.join("mix.exs"), &mix).unwrap();
        let project = crate::load::load_project(&dir, None).unwrap();
        let config = crate::config::Config::default();
        let ctx = Context::new(&project, &config);
        let dep = project.deps.as_ref().unwrap().known().next().unwrap();
        let out = match dev_tool_only_fix(&ctx, dep, ":dev") {
            Some(fix) => {
                let edits: Vec<_> = fix.edits.iter().collect();
                crate::fix::apply_edits(&mix, &edits)
            }
            None => mix.clone(),
        };
        let _ = std::fs::remove_dir_all(&dir);
        let start = out.find("deps: [").unwrap() + 7;
        out[start..out.rfind("]]").unwrap()].to_string()
    }

    fn tempfile_dir() -> std::path::PathBuf {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static N: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "hexlint-devtool-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::SeqCst)
        ));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn dev_tools_get_only_dev() {
        assert_eq!(
            fixed("{:ex_doc, \"~> 0.30\"}"),
            "{:ex_doc, \"~> 0.30\", only: :dev, runtime: false}"
        );
        assert_eq!(
            fixed("{:credo, \"~> 1.7\", runtime: false}"),
            "{:credo, \"~> 1.7\", runtime: false, only: :dev}"
        );
        assert_eq!(
            fixed("{:dialyxir, \"~> 1.4\", [runtime: false]}"),
            "{:dialyxir, \"~> 1.4\", [runtime: false, only: :dev]}"
        );
        assert_eq!(
            fixed("{:ex_doc, \"~> 0.30\", only: :docs}"),
            "{:ex_doc, \"~> 0.30\", only: :docs}"
        );
    }
}
