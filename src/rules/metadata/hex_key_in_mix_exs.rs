//! `hex-key-in-mix-exs`: a literal Hex API key in the project's `:hex` configuration. mix.exs is
//! packaged (it is in Hex's default `:files`), so the key is published with the package.

use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Context, Group, Rule};

pub static RULE: Rule = Rule {
    id: "hex-key-in-mix-exs",
    group: Group::Metadata,
    severity: Severity::Error,
    summary: "a literal `api_key`/`repos_key` in the project's `:hex` configuration (published with mix.exs)",
    doc: include_str!("../../../rules/hex-key-in-mix-exs.md"),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let project = ctx.project;
    let Some(hex) = project.config.get("hex") else {
        return;
    };
    for key in ["api_key", "repos_key"] {
        let Some(value) = hex.get(key) else {
            continue;
        };
        // A literal string as written; `System.get_env("HEX_API_KEY")` and the like are fine.
        let literal = value.as_str().is_some_and(|s| !s.is_empty())
            && project
                .source
                .slice(value.span)
                .starts_with(['"', '~', '\'']);
        if !literal {
            continue;
        }
        let packaged = ctx.files().get("mix.exs").is_some();
        // No span: a snippet of that line would print the key. The line is in the message.
        let line = project
            .source
            .position(hex.key_span(key).unwrap_or(value.span).start)
            .line;
        out.push(
            ctx.diag(&RULE, None, format!(
                "`hex: [{key}: …]` on line {line} of mix.exs holds a literal key{}: anyone who downloads the package can read it",
                if packaged { ", and mix.exs is in the package" } else { " (mix.exs is committed)" }
            ))
            .key_path(format!("hex.{key}"))
            .help("revoke the key now (`mix hex.user key revoke NAME`, or on hex.pm), remove it from mix.exs, and pass keys through the environment (`HEX_API_KEY`) or `mix hex.user auth`"),
        );
    }
}
