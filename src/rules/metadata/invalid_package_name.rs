//! `invalid-package-name`: hex.pm's package name format (`^[a-z][a-z0-9_]*$`, at least 2 chars).

use crate::diagnostic::{Diagnostic, Severity};
use crate::hex::names::{PackageNameProblem, package_name_problems, suggest_package_name};
use crate::rules::metadata::{package_name, shown};
use crate::rules::{Context, Group, Rule};

pub static RULE: Rule = Rule {
    id: "invalid-package-name",
    group: Group::Metadata,
    severity: Severity::Error,
    summary: "package name hex.pm rejects (format `^[a-z][a-z0-9_]*$`, at least 2 characters)",
    doc: include_str!("../../../rules/invalid-package-name.md"),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some((value, key_path)) = package_name(ctx.project) else {
        return;
    };
    // Hex `to_string`s the name; only strings and atoms are meaningful here.
    let Some(name) = value.as_str_or_atom() else {
        return;
    };
    let problems = package_name_problems(name);
    let mut reasons = Vec::new();
    if problems.contains(&PackageNameProblem::TooShort) {
        reasons.push("\"should be at least 2 character(s)\"");
    }
    if problems.contains(&PackageNameProblem::Format) {
        reasons.push("\"has invalid format\"");
    }
    if reasons.is_empty() {
        return;
    }
    let source = if key_path == "app" {
        " (taken from `app:` because `package:` has no `name:`)"
    } else {
        ""
    };
    let mut help = "package names use lower-case ASCII letters, digits and `_`, start with a letter and have at least 2 characters".to_string();
    if let Some(suggestion) = suggest_package_name(name) {
        help.push_str(&format!(
            "; for example `name: \"{suggestion}\"` under `package:`"
        ));
    }
    out.push(
        ctx.diag(
            &RULE,
            Some(value.span),
            format!(
                "package name {}{source} is rejected by hex.pm: {}",
                shown(value),
                reasons.join(", ")
            ),
        )
        .help(help)
        .key_path(key_path),
    );
}
