//! `prerelease-requirement`: a stable release that depends on a pre-release requirement.

use crate::diagnostic::{Diagnostic, Severity};
use crate::hex::version::{Requirement, Version};
use crate::rules::metadata::prod_hex_deps;
use crate::rules::{Context, Group, Rule};

pub static RULE: Rule = Rule {
    id: "prerelease-requirement",
    group: Group::Metadata,
    severity: Severity::Info,
    summary: "stable release with a dependency requirement that names a pre-release",
    doc: include_str!("../../../rules/prerelease-requirement.md"),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(version) = ctx
        .project
        .package_field("version")
        .and_then(|v| v.as_str())
        .and_then(|s| Version::parse(s).ok())
    else {
        return;
    };
    if version.is_prerelease() {
        return;
    }
    for dep in prod_hex_deps(ctx.project) {
        let Some(value) = dep.requirement.as_ref() else {
            continue;
        };
        let Some(req) = value.as_str().and_then(|s| Requirement::parse(s).ok()) else {
            continue;
        };
        if !req.mentions_prerelease() {
            continue;
        }
        out.push(
            ctx.diag(
                &RULE,
                Some(value.span),
                format!(
                    "stable release {version} requires a pre-release of `:{}` ({:?}): everyone who installs it gets pre-release code",
                    dep.app, req.source
                ),
            )
            .help("wait for the dependency's stable release, or publish this version as a pre-release too (e.g. \"X.Y.Z-rc.1\"); Hex 0.16–2.0 refused this combination")
            .key_path(format!("deps.{}", dep.app)),
        );
    }
}
