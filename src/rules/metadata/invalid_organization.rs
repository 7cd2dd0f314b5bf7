//! `invalid-organization`: `package[:organization]` names no possible hex.pm organization.

use crate::diagnostic::{Diagnostic, Severity};
use crate::hex::names::organization_name_problems;
use crate::rules::metadata::shown;
use crate::rules::{Context, Group, Rule};

pub static RULE: Rule = Rule {
    id: "invalid-organization",
    group: Group::Metadata,
    severity: Severity::Error,
    summary: "organization name that hex.pm cannot have (format, length or reserved)",
    doc: include_str!("../../../rules/invalid-organization.md"),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(value) = ctx
        .project
        .package
        .as_ref()
        .and_then(|p| p.get("organization"))
    else {
        return;
    };
    let Some(name) = value.as_str_or_atom() else {
        return;
    };
    // "hexpm" is the public repository itself.
    if name == "hexpm" {
        return;
    }
    let problems = organization_name_problems(name);
    if problems.is_empty() {
        return;
    }
    out.push(
        ctx.diag(
            &RULE,
            Some(value.span),
            format!(
                "no hex.pm organization can be named {}: {}; publishing to it fails",
                shown(value),
                problems
                    .iter()
                    .map(|p| format!("\"{p}\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )
        .help("use the organization's name exactly as on hex.pm (lower-case letters, digits and `_`, at least 3 characters), or remove `organization:` to publish publicly")
        .key_path("package.organization"),
    );
}
