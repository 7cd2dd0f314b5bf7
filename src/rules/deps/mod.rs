//! Rules of the `deps` group, one per file.
//!
//! They follow `mix hex.build`: only prod deps (no `:only`, or `:prod` in it) go into the
//! package; of those, Hex deps (a `:hex` key, or none of git/github/path/in_umbrella) become
//! requirements, and the rest abort the build. A dep whose options or `:only` cannot be
//! evaluated is skipped (the `unresolved-value` rule reports it).

pub mod dev_only_dependency_excluded;
pub mod forbidden_dependency_option;
pub mod foreign_dependency_repository;
pub mod non_hex_dependency;
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

/// Development tools that belong in `:dev` only and never in the runtime: without `only:` they
/// become requirements of the published package (every user downloads them).
pub const DEV_TOOLS: &[&str] = &["ex_doc", "credo", "dialyxir"];

/// The safe fix for a [`DEV_TOOLS`] dep written without `only:`: add `only: :dev, runtime: false`
/// (only the part that is missing) before the closing `}` of the tuple, when the tuple is written
/// literally in mix.exs. Ready for a rule such as `dev-tool-in-prod-deps` to attach with
/// [`crate::diagnostic::Diagnostic::with_fix`]; `None` when the dep already has `only:`, is not
/// one of the tools, or is not a literal tuple.
pub fn dev_tool_only_fix(ctx: &Context, dep: &Dep) -> Option<crate::diagnostic::Fix> {
    use crate::diagnostic::{Edit, Fix};
    use crate::source::Span;
    if !DEV_TOOLS.contains(&dep.app.as_str()) || dep.has_option("only") {
        return None;
    }
    let source = &ctx.project.source;
    let text = source.slice(dep.span);
    if !text.starts_with('{') || !text.ends_with('}') {
        return None;
    }
    let mut add = vec!["only: :dev"];
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
        let out = match dev_tool_only_fix(&ctx, dep) {
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
        assert_eq!(fixed("{:jason, \"~> 1.4\"}"), "{:jason, \"~> 1.4\"}");
    }
}
