//! `unknown-dependency-option`: a dependency option neither Mix nor Hex knows, or a git option
//! on a Hex dependency.

use super::{Scm, known_deps, scm};
use crate::config::did_you_mean;
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Context, Group, Rule};
use crate::source::Span;

pub static RULE: Rule = Rule {
    id: "unknown-dependency-option",
    group: Group::Deps,
    severity: Severity::Warning,
    summary: "A dependency option that Mix and Hex do not know (a typo is silently ignored)",
    doc: include_str!("../../../rules/unknown-dependency-option.md"),
    check,
};

/// Options of every dependency (Mix's `deps` task documentation).
const MIX_OPTIONS: &[&str] = &[
    "app",
    "env",
    "compile",
    "optional",
    "only",
    "targets",
    "override",
    "manager",
    "runtime",
    "system_env",
];
/// Options of Hex dependencies (Hex.SCM).
const HEX_OPTIONS: &[&str] = &["hex", "repo", "organization", "warn_if_outdated"];
/// Options of git dependencies (Mix.SCM.Git).
const GIT_OPTIONS: &[&str] = &[
    "git",
    "github",
    "ref",
    "branch",
    "tag",
    "submodules",
    "sparse",
    "subdir",
    "depth",
];
/// Options of path dependencies (Mix.SCM.Path).
const PATH_OPTIONS: &[&str] = &["path", "in_umbrella"];
/// Accepted, never suggested: set by Mix and Hex themselves, or read by well-known tooling
/// (`nerves: [compile: true]` on Nerves system deps).
const INTERNAL_OPTIONS: &[&str] = &[
    "dest",
    "lock",
    "build",
    "checkout",
    "from_umbrella",
    "nerves",
];

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let documented = || {
        MIX_OPTIONS
            .iter()
            .chain(HEX_OPTIONS)
            .chain(GIT_OPTIONS)
            .chain(PATH_OPTIONS)
            .copied()
    };
    for (index, dep) in known_deps(ctx) {
        let app = &dep.app;
        let dep_scm = scm(dep);
        let mut unknown_to_hex: Vec<&str> = Vec::new();
        let mut diags = Vec::new();
        for (key, key_span, _) in &dep.options {
            let key = key.as_str();
            let known = documented().any(|k| k == key) || INTERNAL_OPTIONS.contains(&key);
            let diag = if !known {
                let mut diag = ctx.diag(
                    &RULE,
                    Some(*key_span),
                    format!("unknown option `{key}:` for dependency `{app}`"),
                );
                diag = match did_you_mean(key, documented()) {
                    Some(suggestion) => {
                        diag = diag.help(format!("did you mean `{suggestion}:`?"));
                        match key_name_span(ctx, *key_span, key) {
                            Some(span) => {
                                diag.fix(format!("rename to `{suggestion}:`"), span, suggestion)
                            }
                            None => diag,
                        }
                    }
                    None => diag.help(
                        "Mix ignores options it does not know; `mix help deps` lists the \
                         dependency options.",
                    ),
                };
                Some(diag)
            } else if dep_scm == Scm::Hex && GIT_OPTIONS.contains(&key) {
                Some(
                    ctx.diag(
                        &RULE,
                        Some(*key_span),
                        format!(
                            "`{key}:` is a git option, but `{app}` is fetched from Hex, so it is ignored"
                        ),
                    )
                    .help(format!(
                        "remove `{key}:`, or add `git:`/`github:` if `{app}` should come from git"
                    )),
                )
            } else {
                None
            };
            if let Some(diag) = diag {
                if dep_scm == Scm::Hex {
                    unknown_to_hex.push(key);
                }
                diags.push(diag.key_path(format!("deps[{index}].{key}")));
            }
        }
        // For Hex deps, tell what `mix deps.get` prints (it lists all unknown options at once).
        if !unknown_to_hex.is_empty() {
            let hex_warning = format!(
                "(mix deps.get warns \"{} is using unknown options: {}\")",
                dep.hex_name(),
                unknown_to_hex
                    .iter()
                    .map(|k| format!(":{k}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            for diag in &mut diags {
                let help = diag.help.take().unwrap_or_default();
                diag.help = Some(format!("{help} {hex_warning}"));
            }
        }
        out.extend(diags);
    }
}

/// The span of the key's name alone (`overide` in `overide: true`), for a rename fix; `None`
/// when the key token is not written out there (e.g. built by code).
fn key_name_span(ctx: &Context, key_span: Span, key: &str) -> Option<Span> {
    let offset = ctx.project.source.slice(key_span).find(key)?;
    let start = key_span.start + offset;
    Some(Span::new(start, start + key.len()))
}
