//! `invalid-version`: the version hex.pm would refuse (Elixir `Version.parse/1` plus hex.pm's
//! limits: no build metadata, numbers ≤ 99,999,999,999,999, pre-release ≤ 64 bytes).

use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::hex::version::{HEXPM_NUMERIC_MESSAGE, Version, VersionError};
use crate::rules::metadata::string_literal_replacement;
use crate::rules::{Context, Group, Rule};

pub static RULE: Rule = Rule {
    id: "invalid-version",
    group: Group::Metadata,
    severity: Severity::Error,
    summary: "version hex.pm rejects (not SemVer, build metadata, or over hex.pm's limits)",
    doc: include_str!("../../../rules/invalid-version.md"),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(value) = ctx.project.package_field("version") else {
        return;
    };
    if value.is_unknown() {
        return;
    }
    let key_path = if ctx
        .project
        .package
        .as_ref()
        .and_then(|p| p.get("version"))
        .is_some()
    {
        "package.version"
    } else {
        "version"
    };
    let Some(text) = value.as_str() else {
        out.push(
            ctx.diag(
                &RULE,
                Some(value.span),
                format!("the version must be a string, not `{}`", value.inspect()),
            )
            .help("write it as a string such as \"1.0.0\"")
            .key_path(key_path),
        );
        return;
    };
    let mut fixed = None;
    // Dropping a `v` keeps the version; dropping build metadata publishes another one.
    let mut applicability = Applicability::Safe;
    let (message, help) = match Version::parse(text) {
        Err(VersionError::TooManyDigits(n)) => (
            format!("version {text:?}: `{n}` is too large; hex.pm: \"{HEXPM_NUMERIC_MESSAGE}\""),
            "use numbers of at most 14 digits".to_string(),
        ),
        Err(e) => {
            if e == VersionError::VPrefix {
                fixed = Some(text[1..].to_string());
            }
            (
                format!("version {text:?} is invalid: {e}. hex.pm: \"is invalid SemVer\""),
                "versions look like MAJOR.MINOR.PATCH with an optional -PRE-RELEASE, e.g. \"1.2.0\" or \"2.0.0-rc.1\"".to_string(),
            )
        }
        Ok(version) => match version.hexpm_rejection() {
            None => return,
            Some(reason) if !version.build.is_empty() => {
                let without_build = text.split('+').next().unwrap_or(text).to_string();
                fixed = Some(without_build.clone());
                applicability = Applicability::Unsafe;
                (
                    format!(
                        "version {text:?} has build metadata `+{}`; hex.pm: \"{reason}\"",
                        version.build.join(".")
                    ),
                    format!("publish it as \"{without_build}\""),
                )
            }
            Some(reason) => (
                format!(
                    "version {text:?} has a {}-byte pre-release; hex.pm: \"{reason}\"",
                    version.pre_string().len()
                ),
                "shorten the pre-release part (after `-`) to at most 64 characters".to_string(),
            ),
        },
    };
    let mut d = ctx
        .diag(&RULE, Some(value.span), message)
        .help(help)
        .key_path(key_path);
    if let Some(new) = fixed
        && let Some(replacement) = string_literal_replacement(ctx.project, value.span, text, &new)
    {
        d = d
            .fix(format!("use \"{new}\""), value.span, replacement)
            .fix_applicability(applicability);
    }
    out.push(d);
}
