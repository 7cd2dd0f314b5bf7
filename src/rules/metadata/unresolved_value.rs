//! `unresolved-value`: a Hex-relevant value hexlint cannot know without running Elixir, and the
//! checks that were skipped because of it. Rules never guess about unknown values; this rule is
//! where that silence becomes visible.

use crate::diagnostic::{Diagnostic, Severity};
use crate::mixexs::value::Value;
use crate::rules::{Context, Group, Rule};

pub static RULE: Rule = Rule {
    id: "unresolved-value",
    group: Group::Metadata,
    severity: Severity::Info,
    summary: "a Hex-relevant value that is only known at run time (lists the checks it skipped)",
    doc: include_str!("../../../rules/unresolved-value.md"),
    check,
};

const DEP_CHECKS: &[&str] = &[
    "invalid-requirement",
    "unbounded-requirement",
    "prerelease-requirement",
    "the deps checks",
];

/// Key path prefix → the checks that cannot run while it is unknown (longest prefix wins).
const SKIPPED: &[(&str, &[&str])] = &[
    ("app", &["invalid-package-name", "reserved-package-name"]),
    ("version", &["invalid-version", "prerelease-requirement"]),
    ("elixir", &["invalid-elixir-requirement"]),
    (
        "description",
        &["description-blank", "description-too-long"],
    ),
    ("apps_path", &["umbrella-project"]),
    ("source_url", &["missing-source-link"]),
    (
        "package",
        &[
            "missing-metadata-field",
            "organisation-spelling",
            "unknown-package-key",
            "invalid-package-name",
            "invalid-link",
            "unreadable-metadata-value",
            "the license and file checks",
        ],
    ),
    (
        "package.name",
        &["invalid-package-name", "reserved-package-name"],
    ),
    (
        "package.organization",
        &[
            "invalid-organization",
            "description-blank",
            "missing-metadata-field (severity)",
        ],
    ),
    (
        "package.description",
        &["description-blank", "description-too-long"],
    ),
    (
        "package.links",
        &[
            "invalid-link",
            "missing-source-link",
            "unreadable-metadata-value",
        ],
    ),
    ("package.extra", &["unreadable-metadata-value"]),
    ("package.secret_scan", &["unreadable-metadata-value"]),
    ("package.build_tools", &["empty-build-tools"]),
    (
        "package.licenses",
        &["invalid-license", "empty-licenses", "deprecated-license"],
    ),
    ("package.files", &["the packaged-file checks"]),
    ("package.exclude_patterns", &["the packaged-file checks"]),
    ("package.organisation", &["organisation-spelling"]),
];

/// The checks skipped for `path` (`package.links["GitHub"]` → the `package.links` entry), or
/// `None` when Hex does not read that key.
pub fn skipped_checks(path: &str) -> Option<&'static [&'static str]> {
    SKIPPED
        .iter()
        .filter(|(prefix, _)| {
            path == *prefix
                || path
                    .strip_prefix(prefix)
                    .is_some_and(|rest| rest.starts_with(['.', '[']))
        })
        .max_by_key(|(prefix, _)| prefix.len())
        .map(|(_, checks)| *checks)
}

fn push(ctx: &Context, out: &mut Vec<Diagnostic>, path: &str, v: &Value, checks: &[&str]) {
    // Already an error from `mix-load-error` (e.g. `File.read!` of a missing file).
    if ctx.project.notes.iter().any(|n| n.span == v.span) {
        return;
    }
    let reason = v.unknown_reason().unwrap_or("not a literal");
    out.push(
        ctx.diag(
            &RULE,
            Some(v.span),
            format!("`{path}` is only known at run time ({reason}); skipped: {}", checks.join(", ")),
        )
        .help("write the value as a literal or a module attribute (`@version \"1.0.0\"`) so it can be checked before publishing")
        .key_path(path.to_string()),
    );
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let project = ctx.project;
    if project.config.is_unknown() {
        push(
            ctx,
            out,
            "project",
            &project.config,
            &["every metadata check"],
        );
        return;
    }
    // Every value is keyed by its real path in the config (`project[2]`, `deps[1][2].only`,
    // `package.links["GitHub"]`); one finding per dependency entry.
    let mut deps_seen: Vec<String> = Vec::new();
    for (path, value) in project.unknowns() {
        if path == "deps" || path.starts_with("deps[") || path.starts_with("deps.") {
            let entry = dep_entry(&path).to_string();
            if !deps_seen.contains(&entry) {
                push(ctx, out, &path, value, DEP_CHECKS);
                deps_seen.push(entry);
            }
            continue;
        }
        if path.starts_with("project[") {
            // An element of the project/0 list itself (`[app: :x] ++ more()`).
            push(
                ctx,
                out,
                &path,
                value,
                &["missing-metadata-field", "misplaced-package-field"],
            );
            continue;
        }
        if let Some(checks) = skipped_checks(&path) {
            push(ctx, out, &path, value, checks);
        }
    }
}

/// The dependency entry a key path is in: `deps[1]` for `deps[1][2].only`, `deps.jason` for
/// `deps.jason` (a list of 2-tuples reads as a keyword list), `deps` for the whole list.
fn dep_entry(path: &str) -> &str {
    let rest = &path["deps".len()..];
    let end = if let Some(r) = rest.strip_prefix('[') {
        r.find(']').map_or(rest.len(), |i| i + 2)
    } else if let Some(r) = rest.strip_prefix('.') {
        r.find(['.', '[']).map_or(rest.len(), |i| i + 1)
    } else {
        0
    };
    &path[..4 + end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_prefix_wins() {
        assert_eq!(
            skipped_checks("package.links[\"GitHub\"]").unwrap()[0],
            "invalid-link"
        );
        assert_eq!(
            skipped_checks("package.extra.k"),
            Some(&["unreadable-metadata-value"][..])
        );
        assert_eq!(
            skipped_checks("package.foo").unwrap()[0],
            "missing-metadata-field"
        );
        assert_eq!(skipped_checks("docs"), None);
        assert_eq!(skipped_checks("versions"), None);
    }

    #[test]
    fn every_named_rule_exists() {
        for (_, checks) in SKIPPED {
            for id in checks.iter().filter(|c| !c.contains(' ')) {
                let known = crate::rules::find(id).is_some()
                    || ["invalid-license", "empty-licenses", "deprecated-license"].contains(id);
                assert!(known, "{id}");
            }
        }
    }
}
