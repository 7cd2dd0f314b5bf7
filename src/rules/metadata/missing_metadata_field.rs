//! `missing-metadata-field`: a field `mix hex.build` requires is absent from the merged metadata.

use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::metadata::{
    known_public, missing_field_anchor, package_keys_known, root_keys_known,
};
use crate::rules::{Context, Group, Rule};

pub static RULE: Rule = Rule {
    id: "missing-metadata-field",
    group: Group::Metadata,
    severity: Severity::Error,
    summary: "description, licenses, links (or app, name, version) missing from the package metadata",
    doc: include_str!("../../../rules/missing-metadata-field.md"),
    check,
};

/// Fields hex.build checks, in its order (`@error_fields ++ @warn_fields` without `files` and
/// `build_tools`, which it always fills in). The flag says whether an organization package gets
/// only a warning for it.
const FIELDS: &[(&str, bool)] = &[
    ("app", false),
    ("name", false),
    ("version", false),
    ("description", true),
    ("licenses", true),
    ("links", true),
];

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let project = ctx.project;
    if !root_keys_known(project) || !package_keys_known(project) {
        return;
    }
    let package_has = |key: &str| {
        project
            .package
            .as_ref()
            .is_some_and(|p| p.get(key).is_some())
    };
    // Hex merges the root fields with `:package` (Map.take/merge), so a key counts as present
    // even when its value is nil or empty.
    let present = |field: &str| match field {
        "app" | "version" | "description" => {
            project.config.get(field).is_some() || package_has(field)
        }
        // `maybe_put(:name, package[:name] || config[:app], …)`: needs a truthy value.
        "name" => [
            project.package.as_ref().and_then(|p| p.get("name")),
            project.app.as_ref(),
        ]
        .into_iter()
        .flatten()
        .any(|v| v.truthy() != Some(false)),
        _ => package_has(field),
    };
    let missing: Vec<(&str, bool)> = FIELDS
        .iter()
        .copied()
        .filter(|(f, _)| !present(f))
        .collect();
    if missing.is_empty() {
        return;
    }
    let public = known_public(ctx);
    let hex_message = format!(
        "Missing metadata fields: {}",
        missing
            .iter()
            .map(|(f, _)| *f)
            .collect::<Vec<_>>()
            .join(", ")
    );
    let anchor = missing_field_anchor(project);
    for (field, relaxed_for_orgs) in missing {
        let severity = if relaxed_for_orgs && public != Some(true) {
            Severity::Warning
        } else {
            Severity::Error
        };
        let (where_, example) = match field {
            "app" => ("in `project/0`", "app: :my_package"),
            "version" => ("in `project/0`", "version: \"0.1.0\""),
            "name" => ("under `package:` (or set `app:`)", "name: \"my_package\""),
            "description" => (
                "in `project/0` or under `package:`",
                "description: \"One sentence about what the package does.\"",
            ),
            "licenses" => ("under `package:`", "licenses: [\"Apache-2.0\"]"),
            _ => (
                "under `package:`",
                "links: %{\"GitHub\" => \"https://github.com/you/my_package\"}",
            ),
        };
        let outcome = if severity == Severity::Error {
            format!("`mix hex.build` stops with \"{hex_message}\"")
        } else {
            format!("`mix hex.build` warns \"{hex_message}\" for organization packages")
        };
        out.push(
            ctx.diag(
                &RULE,
                anchor,
                format!("missing metadata field `{field}`: {outcome}"),
            )
            .severity(severity)
            .help(format!("add `{example}` {where_}"))
            .key_path(match field {
                "app" | "version" | "description" => field.to_string(),
                _ => format!("package.{field}"),
            }),
        );
    }
}
