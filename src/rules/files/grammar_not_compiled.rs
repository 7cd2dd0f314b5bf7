//! `grammar-not-compiled`: a leex/yecc grammar (`.xrl`/`.yrl`) that users of the package will
//! not get compiled: the file is not packaged, or `:compilers` lacks `:leex`/`:yecc`, which
//! Elixir 1.16 dropped from Mix's defaults.

use crate::diagnostic::{Diagnostic, Severity};
use crate::hex::version::{Requirement, Version};
use crate::modules::ModuleKind;
use crate::rules::{Context, Group, Rule};

pub static RULE: Rule = Rule {
    id: "grammar-not-compiled",
    group: Group::Files,
    severity: Severity::Warning,
    summary: "a .xrl/.yrl grammar is not packaged, or :compilers lacks :leex/:yecc (Elixir 1.16+)",
    doc: include_str!("../../../rules/grammar-not-compiled.md"),
    check,
};

/// Could the package be compiled by Elixir 1.16 or later (its `elixir:` requirement allows it,
/// or is not known)?
fn allows_new_elixir(ctx: &Context) -> bool {
    let Some(req) = ctx
        .project
        .elixir
        .as_ref()
        .and_then(|v| v.as_str())
        .and_then(|s| Requirement::parse(s).ok())
    else {
        return true;
    };
    (16..=30)
        .any(|minor| Version::parse(&format!("1.{minor}.0")).is_ok_and(|v| req.matches(&v, false)))
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let files = ctx.files();
    if files.unknown.is_some() {
        return;
    }
    let map = ctx.modules();
    for path in &map.unpackaged_grammars {
        out.push(
            ctx.diag(&RULE, files.files_key_span.or(files.package_span), format!(
                "`{path}` is a grammar Mix compiles into an Erlang module, but it is not in the package: users get no `{}` module",
                path.rsplit('/').next().and_then(|f| f.rsplit_once('.')).map_or(path.as_str(), |(s, _)| s)
            ))
            .severity(Severity::Error)
            .key_path("package.files")
            .help(format!("package it: add `{path}` (or `src`) to `package[:files]`")),
        );
    }
    let grammars: Vec<&str> = map
        .modules
        .iter()
        .filter(|m| m.kind == ModuleKind::Generated)
        .map(|m| m.file.as_str())
        .collect();
    if grammars.is_empty() || !allows_new_elixir(ctx) {
        return;
    }
    // `compilers:` unset means Mix's defaults; a value hexlint cannot read is not guessed.
    let compilers: Option<Vec<&str>> = match ctx.project.config.get("compilers") {
        None => Some(Vec::new()),
        Some(v) => v
            .as_list()
            .and_then(|items| items.iter().map(|i| i.as_atom()).collect()),
    };
    let Some(compilers) = compilers else {
        return;
    };
    for (ext, compiler) in [("xrl", "leex"), ("yrl", "yecc")] {
        let Some(first) = grammars.iter().find(|f| f.ends_with(&format!(".{ext}"))) else {
            continue;
        };
        if compilers.contains(&compiler) {
            continue;
        }
        let span = ctx.project.config.get("compilers").map(|v| v.span).or(ctx
            .project
            .app
            .as_ref()
            .map(|a| a.span));
        out.push(
            ctx.diag(&RULE, span, format!(
                "`{first}` needs the `:{compiler}` compiler, which is not in `:compilers`: since Elixir 1.16 Mix no longer runs it by default and warns every user who compiles the package"
            ))
            .key_path("compilers")
            .help(format!("add it to the project: `compilers: [:{compiler}] ++ Mix.compilers()`")),
        );
    }
}
