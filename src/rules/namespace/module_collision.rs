//! `module-collision`: a module with the same name as one of Elixir, Erlang/OTP or a dependency.

use super::{at_module, renamed_under};
use crate::diagnostic::{Diagnostic, Severity};
use crate::hex::version::Requirement;
use crate::modules::{ModuleMap, Owner, stdlib};
use crate::rules::{Context, Group, Rule};

pub static RULE: Rule = Rule {
    id: "module-collision",
    group: Group::Namespace,
    severity: Severity::Error,
    summary: "module already defined by Elixir, Erlang/OTP or a dependency",
    doc: include_str!("../../../rules/module-collision.md"),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let map = ctx.modules();
    for module in &map.modules {
        let Some(owner) = map.collision(&module.name) else {
            continue;
        };
        if ModuleMap::is_polyfill(module) {
            out.push(polyfill(ctx, module, &owner));
            continue;
        }
        let rename = if module.kind.is_erlang() {
            map.app.as_ref().map(|app| format!("{app}_{}", module.name))
        } else {
            map.prefixes.first().map(|p| renamed_under(&module.name, p))
        };
        let mut help = "two modules with the same name cannot be loaded together: whichever is loaded last replaces the other, in every application that depends on this package".to_string();
        if let Some(rename) = rename {
            help.push_str(&format!("; rename it, e.g. to `{rename}`"));
        }
        out.push(
            at_module(
                &RULE,
                module,
                format!(
                    "`{}` is already defined by {}",
                    module.name,
                    owner.describe()
                ),
            )
            .help(help),
        );
    }
}

/// `unless Code.ensure_loaded?(X), do: defmodule X`: defined only where the owner's `X` is not,
/// so the two are never loaded together. Worth an info: it names the guard, and says when the
/// `elixir:` requirement makes the polyfill dead code.
fn polyfill(ctx: &Context, module: &crate::modules::Module, owner: &Owner) -> Diagnostic {
    let name = &module.name;
    let since = match owner {
        Owner::Stdlib(_) => stdlib::since(name),
        Owner::Dependency(_) => None,
    };
    let requirement = ctx
        .project
        .package_field("elixir")
        .and_then(|v| v.as_str())
        .and_then(|r| Requirement::parse(r).ok().map(|req| (r, req)));
    let mut message = format!(
        "`{name}` is also defined by {}, but only where `Code.ensure_loaded?({name})` is false (a polyfill)",
        owner.describe()
    );
    let mut help =
        "the two are never loaded together; nothing to do while older versions are supported"
            .to_string();
    if let Some((major, minor)) = since {
        message.push_str(&format!(": Elixir before {major}.{minor}"));
        if let Some((text, req)) = &requirement
            && !req.allows_before(major, minor)
        {
            message.push_str(&format!(
                "; `elixir: \"{text}\"` never runs on those, so the polyfill is dead code"
            ));
            help = format!(
                "remove the polyfill and use Elixir's `{name}`, which every supported Elixir has"
            );
        }
    }
    at_module(&RULE, module, message)
        .severity(Severity::Info)
        .help(help)
}
