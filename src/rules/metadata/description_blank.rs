//! `description-blank`: hex.pm rejects a nil or whitespace-only description for public packages.

use crate::diagnostic::{Diagnostic, Severity};
use crate::mixexs::value::ValueKind;
use crate::rules::metadata::known_public;
use crate::rules::{Context, Group, Rule};

pub static RULE: Rule = Rule {
    id: "description-blank",
    group: Group::Metadata,
    severity: Severity::Error,
    summary: "description is empty or only whitespace (hex.pm: \"can't be blank\"), nil, or not a string",
    doc: include_str!("../../../rules/description-blank.md"),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(description) = ctx.project.package_field("description") else {
        return;
    };
    let key_path = if ctx
        .project
        .package
        .as_ref()
        .and_then(|p| p.get("description"))
        .is_some()
    {
        "package.description"
    } else {
        "description"
    };
    let (message, help) = match &description.kind {
        ValueKind::Unknown { .. } => return,
        ValueKind::String(s) if !s.trim().is_empty() => return,
        ValueKind::String(s) if s.is_empty() => (
            "the description is empty".to_string(),
            "write one sentence about what the package does",
        ),
        ValueKind::String(_) => (
            "the description is only whitespace".to_string(),
            "write one sentence about what the package does",
        ),
        ValueKind::Nil => {
            // hex_core's binarify turns the nil atom into the text "nil", which passes.
            out.push(
                ctx.diag(
                    &RULE,
                    Some(description.span),
                    "the description is nil: Hex writes it as the text \"nil\", which hex.pm then shows as the package description",
                )
                .severity(Severity::Warning)
                .help("set `description:` to one sentence about what the package does")
                .key_path(key_path),
            );
            return;
        }
        _ => {
            // hex.build calls String.trim/1 on it and crashes, for every repository.
            out.push(
                ctx.diag(
                    &RULE,
                    Some(description.span),
                    format!(
                        "the description must be a string, not `{}`: `mix hex.build` crashes in String.trim/1",
                        description.inspect()
                    ),
                )
                .help("write the description as a string literal")
                .key_path(key_path),
            );
            return;
        }
    };
    // The server requires a description only in the public repository.
    if known_public(ctx) != Some(true) {
        return;
    }
    out.push(
        ctx.diag(
            &RULE,
            Some(description.span),
            format!("{message}: hex.pm rejects the publish (\"can't be blank\")"),
        )
        .help(help)
        .key_path(key_path),
    );
}
