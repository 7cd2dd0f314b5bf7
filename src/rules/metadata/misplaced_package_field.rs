//! `misplaced-package-field`: package-only keys written at the root of `project/0`.

use super::literal_keywords;
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::rules::{Context, Group, Rule};
use crate::source::Span;

pub static RULE: Rule = Rule {
    id: "misplaced-package-field",
    group: Group::Metadata,
    severity: Severity::Warning,
    summary: "a `package:` key written at the root of `project/0`, where Hex ignores it",
    doc: include_str!("../../../rules/misplaced-package-field.md"),
    check,
};

/// hex.build's `package_only_fields`: `[:organisation, :organization] ++ @meta_fields` minus the
/// root fields (`app version elixir description`) and `:name`.
pub const PACKAGE_ONLY_FIELDS: &[&str] = &[
    "organisation",
    "organization",
    "files",
    "build_tools",
    "licenses",
    "links",
    "extra",
    "secret_scan",
];

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(entries) = ctx.project.config.entries() else {
        return;
    };
    for (key, key_span, _) in entries {
        if !PACKAGE_ONLY_FIELDS.contains(&key) {
            continue;
        }
        let consequence = match key {
            "organization" | "organisation" => {
                " — the package would be published to the public hexpm repository".to_string()
            }
            _ => format!(" — Hex ignores it here, so the package has no `{key}`"),
        };
        let mut diag = ctx
            .diag(
                &RULE,
                Some(key_span),
                format!(
                    "\"Mix project configuration :{key} belongs under the :package key, did you misplace it?\"{consequence}"
                ),
            )
            .help(format!("move `{key}:` into the `package:` keyword list"))
            .key_path(key);
        if let Some(fix) = move_into_package(ctx, key, key_span) {
            diag = diag.with_fix(fix);
        }
        out.push(diag);
    }
}

/// Unsafe fix: cut `key: value` from `project/0` and append it to the `package:` keyword list,
/// when both are literal keyword lists and the package has no such key yet. Unsafe because Hex
/// then starts using the value (an `organization:` moves the package to a private repository).
fn move_into_package(ctx: &Context, key: &str, key_span: Span) -> Option<Fix> {
    let project = literal_keywords(ctx, &ctx.project.config)?;
    let package = ctx.project.package.as_ref()?;
    let package_items = literal_keywords(ctx, &package.value)?;
    if package.entries.iter().any(|(k, _, _)| k == key) {
        return None;
    }
    let index = project.iter().position(|(k, _)| *k == key_span)?;
    let entry = project[index].1;
    let removal = super::keyword_removal(&project, index);
    let text = ctx.project.source.slice(entry).to_string();
    let insertion = match package_items.last() {
        Some((_, last)) => {
            // One entry per line stays one entry per line, at the same indentation.
            let source = &ctx.project.source.text;
            let line_start = source[..last.start].rfind('\n').map_or(0, |i| i + 1);
            let indent = &source[line_start..last.start];
            let separator = if indent.trim().is_empty() && line_start > package.value.span.start {
                format!(",\n{indent}")
            } else {
                ", ".to_string()
            };
            Edit {
                span: Span::new(last.end, last.end),
                replacement: format!("{separator}{text}"),
            }
        }
        None => Edit {
            span: Span::new(package.value.span.start + 1, package.value.span.end - 1),
            replacement: text,
        },
    };
    // The two edits must not overlap (a package list written inside the removed text).
    if insertion.span.start >= removal.start && insertion.span.start <= removal.end {
        return None;
    }
    Some(Fix::unsafe_edits(
        format!("move `{key}:` under `package:`"),
        vec![
            Edit {
                span: removal,
                replacement: String::new(),
            },
            insertion,
        ],
    ))
}
