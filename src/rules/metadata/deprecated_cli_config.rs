//! `deprecated-cli-config`: `preferred_cli_env`, `preferred_cli_target` or `default_task` in
//! `project/0`, which Mix ignores when `def cli` exists and deprecates (Elixir 1.19) otherwise.

use super::{keyword_removal, literal_keywords};
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::hex::version::Requirement;
use crate::rules::{Context, Group, Rule};
use crate::source::Span;

pub static RULE: Rule = Rule {
    id: "deprecated-cli-config",
    group: Group::Metadata,
    severity: Severity::Warning,
    summary: "`preferred_cli_env`/`default_task` in `project/0`: ignored beside `def cli`, deprecated otherwise",
    doc: include_str!("../../../rules/deprecated-cli-config.md"),
    check,
};

/// The `project/0` keys that moved into `def cli` (Elixir 1.15), with their new name there.
const MOVED: &[(&str, &str)] = &[
    ("preferred_cli_env", "preferred_envs"),
    ("preferred_cli_target", "preferred_targets"),
    ("default_task", "default_task"),
];

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let project = ctx.project;
    // Whether every Elixir the package supports has `def cli` (1.15+). Unknown: assume not.
    let only_new = project
        .package_field("elixir")
        .and_then(|v| v.as_str())
        .and_then(|r| Requirement::parse(r).ok())
        .is_some_and(|req| !req.allows_before(1, 15));
    for (key, new_key) in MOVED {
        let Some(span) = project.config.key_span(key) else {
            continue;
        };
        // A `def cli` that this Elixir does not define (it sits in a branch on the Elixir
        // version): the key is the fallback for the older releases, as it should be.
        if project.cli.is_none() && defines_cli_elsewhere(&project.source.text) {
            continue;
        }
        let diag = if project.cli.is_some() {
            // Elixir before 1.15 reads the key and ignores `def cli`: both are right there.
            if !only_new {
                continue;
            }
            ctx.diag(
                &RULE,
                Some(span),
                format!(
                    "`{key}` in `project/0` has no effect: every Elixir this package supports (1.15+) reads `def cli` instead, and Mix ignores the key without a word"
                ),
            )
            .help(format!("move it into `def cli` as `{new_key}:`, or remove it"))
        } else if only_new {
            let diag = ctx
                .diag(
                    &RULE,
                    Some(span),
                    format!(
                        "`{key}` in `project/0` is deprecated: Elixir 1.19 warns about it on every `mix` command"
                    ),
                )
                .help(format!(
                    "move it into `def cli, do: [{new_key}: …]` (every Elixir this package supports has it)"
                ));
            match move_into_cli(ctx, span, new_key) {
                Some(fix) => diag.with_fix(fix),
                None => diag,
            }
        } else {
            ctx.diag(
                &RULE,
                Some(span),
                format!(
                    "`{key}` in `project/0` is deprecated: Elixir 1.19 warns about it on every `mix` command"
                ),
            )
            .severity(Severity::Info)
            .help(format!(
                "the `elixir:` requirement still allows Elixir before 1.15, which only reads this key: keep it while you support those releases, choosing it or `def cli, do: [{new_key}: …]` by `Version.match?(System.version(), \">= 1.15.0\")`; once `elixir:` requires 1.15 or later, move it into `def cli`"
            ))
        };
        out.push(diag.key_path(*key));
    }
}

/// Does mix.exs define a public `cli/0` somewhere (for instance under `if Version.match?(…)`)?
fn defines_cli_elsewhere(text: &str) -> bool {
    text.lines().any(|l| {
        l.trim_start()
            .strip_prefix("def cli")
            .is_some_and(|rest| rest.starts_with([',', ' ', '(']) || rest.is_empty())
    })
}

/// Unsafe fix, when no `def cli` exists and every supported Elixir has it: cut `key: value` from
/// a `def project do [ … ] end` written literally and add `def cli do [new_key: value] end` after
/// it. Unsafe: Elixir before 1.15 would lose the setting (the `elixir:` requirement excludes it),
/// and the value moves to another function.
fn move_into_cli(ctx: &Context, key_span: Span, new_key: &str) -> Option<Fix> {
    let source = &ctx.project.source.text;
    let list = ctx.project.config.span;
    let items = literal_keywords(ctx, &ctx.project.config)?;
    let index = items.iter().position(|(k, _)| *k == key_span)?;
    // The list must be the whole body of `def project do … end`.
    let before = source[..list.start].trim_end();
    let before = before.strip_suffix("do")?.trim_end();
    let before = before.strip_suffix("()").unwrap_or(before).trim_end();
    let head = before.strip_suffix("project")?.trim_end();
    let def_at = head.strip_suffix("def")?.len();
    if !head[..def_at].ends_with(char::is_whitespace) && def_at != 0 {
        return None;
    }
    let after = &source[list.end..];
    let gap = after.len() - after.trim_start().len();
    let rest = &after[gap..];
    if !rest.starts_with("end") || rest[3..].starts_with(|c: char| c.is_alphanumeric() || c == '_')
    {
        return None;
    }
    let end_at = list.end + gap + 3;
    let line_start = source[..def_at].rfind('\n').map_or(0, |i| i + 1);
    let indent = &source[line_start..def_at];
    if !indent.trim().is_empty() {
        return None;
    }
    let (_, item) = items[index];
    let value_text = ctx
        .project
        .source
        .slice(Span::new(key_span.end, item.end))
        .trim();
    let definition =
        format!("\n\n{indent}def cli do\n{indent}  [{new_key}: {value_text}]\n{indent}end");
    Some(Fix::unsafe_edits(
        format!("move it into `def cli` as `{new_key}:`"),
        vec![
            Edit {
                span: keyword_removal(&items, index),
                replacement: String::new(),
            },
            Edit {
                span: Span::new(end_at, end_at),
                replacement: definition,
            },
        ],
    ))
}
