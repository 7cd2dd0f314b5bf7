//! `unknown-package-key`: a `package:` key Hex drops without a word (typos, `maintainers`).

use crate::config::did_you_mean;
use crate::diagnostic::{Diagnostic, Severity};
use crate::project::PACKAGE_KEYS;
use crate::rules::metadata::renamed_key;
use crate::rules::{Context, Group, Rule};
use crate::source::Span;

pub static RULE: Rule = Rule {
    id: "unknown-package-key",
    group: Group::Metadata,
    severity: Severity::Warning,
    summary: "`package:` key that Hex silently ignores (typo or obsolete key)",
    doc: include_str!("../../../rules/unknown-package-key.md"),
    check,
};

/// Misspellings whose intended key is certain (the fix renames the key).
const TYPOS: &[(&str, &str)] = &[
    ("licences", "licenses"),
    ("licence", "licenses"),
    ("license", "licenses"),
    ("link", "links"),
    ("file", "files"),
    ("exclude_pattern", "exclude_patterns"),
    ("build_tool", "build_tools"),
];

/// Project-level keys people put under `package:`, where nothing reads them.
const ROOT_KEYS: &[&str] = &[
    "source_url",
    "homepage_url",
    "docs",
    "deps",
    "elixirc_paths",
];

/// Keys Hex does take from `package:` although they are usually set at the root (`Map.merge`
/// of the package over the root fields), and `organisation`, reported by its own rule.
const ALSO_KNOWN: &[&str] = &["app", "version", "elixir", "organisation"];

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(package) = ctx.project.package.as_ref() else {
        return;
    };
    for (key, key_span, value) in &package.entries {
        let key = key.as_str();
        // `maintainers` is dead but harmless, and still in most packages: not worth a word.
        if PACKAGE_KEYS.contains(&key) || ALSO_KNOWN.contains(&key) {
            continue;
        }
        let key_path = format!("package.{key}");
        if let Some((_, intended)) = TYPOS.iter().find(|(typo, _)| *typo == key) {
            let mut d = ctx
                .diag(
                    &RULE,
                    Some(*key_span),
                    format!(
                        "unknown package key `{key}` is dropped by Hex; did you mean `{intended}`?"
                    ),
                )
                .help(format!("rename it to `{intended}`"))
                .key_path(key_path);
            let key_text = ctx.project.source.slice(*key_span);
            if *intended == "licenses" && value.as_str().is_some() && key_text.ends_with(':') {
                // `license: "MIT"` → `licenses: ["MIT"]`: Hex needs a list, too.
                let span = Span::new(key_span.start, value.span.end);
                let value_text = ctx.project.source.slice(value.span);
                d = d.fix(
                    "use a `licenses` list",
                    span,
                    format!("licenses: [{value_text}]"),
                );
            } else if let Some(fixed) = renamed_key(ctx.project, *key_span, key, intended) {
                d = d.fix(format!("rename to `{intended}`"), *key_span, fixed);
            }
            out.push(d);
            continue;
        }
        let help = if ROOT_KEYS.contains(&key) {
            format!("`{key}` is a project option: move it out of `package:` into `project/0`")
        } else if let Some(guess) = did_you_mean(key, PACKAGE_KEYS.iter().copied()) {
            format!("did you mean `{guess}`?")
        } else {
            format!(
                "Hex reads only these package keys: {}",
                PACKAGE_KEYS.join(", ")
            )
        };
        out.push(
            ctx.diag(
                &RULE,
                Some(*key_span),
                format!("unknown package key `{key}` is dropped by Hex without a message"),
            )
            .help(help)
            .key_path(key_path),
        );
    }
}
