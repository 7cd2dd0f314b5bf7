//! `misplaced-package-field`: package-only keys written at the root of `project/0`.

use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Context, Group, Rule};

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
        out.push(
            ctx.diag(
                &RULE,
                Some(key_span),
                format!(
                    "\"Mix project configuration :{key} belongs under the :package key, did you misplace it?\"{consequence}"
                ),
            )
            .help(format!("move `{key}:` into the `package:` keyword list"))
            .key_path(key),
        );
    }
}
