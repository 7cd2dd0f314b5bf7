//! `unsafe-path`: a packaged path outside the project (hex_core: "unsafe path in tarball"), and
//! absolute `:files` patterns, which Hex silently drops.

use crate::diagnostic::{Diagnostic, Severity};
use crate::files::{EntryKind, Problem, is_safe_archive_path, is_safe_symlink};
use crate::rules::{Context, Group, Rule};

pub static RULE: Rule = Rule {
    id: "unsafe-path",
    group: Group::Files,
    severity: Severity::Error,
    summary: "A packaged path is absolute or leaves the project (hex_core: \"unsafe path in tarball\")",
    doc: include_str!("../../../rules/unsafe-path.md"),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let files = ctx.files();
    if files.unknown.is_some() {
        return;
    }
    for entry in &files.entries {
        // A symlink whose own target escapes is `unsafe-symlink`'s finding (hex_core checks it
        // first).
        if let EntryKind::Symlink { target } = &entry.kind
            && !is_safe_symlink(&entry.path, target)
        {
            continue;
        }
        let escapes_by_name = !is_safe_archive_path(&entry.path);
        if !escapes_by_name && !entry.outside_root {
            continue;
        }
        let why = if escapes_by_name {
            "its name is absolute, has a drive letter, or climbs with `..`"
        } else {
            "it is reached through a symlinked directory that points outside the project"
        };
        out.push(
            ctx.diag(
                &RULE,
                files.span_for_pattern(entry.pattern),
                format!("unsafe path in tarball: {}", entry.path),
            )
            .key_path(format!("package.files[{}]", entry.pattern))
            .help(format!(
                "hex_core refuses {} because {why}; package only paths inside the project",
                entry.path
            )),
        );
    }
    // Paths outside the project: once per pattern (a `../..` pattern can match thousands).
    let mut outside: std::collections::BTreeMap<usize, Vec<&str>> = Default::default();
    for entry in &files.outside {
        outside.entry(entry.pattern).or_default().push(&entry.path);
    }
    for (pattern, paths) in outside {
        let shown: Vec<&str> = paths.iter().take(3).copied().collect();
        let more = paths.len() - shown.len();
        let text = files.patterns.get(pattern).map_or("", |p| p.text.as_str());
        out.push(
            ctx.diag(
                &RULE,
                files.span_for_pattern(pattern),
                format!(
                    "unsafe path in tarball: {}{}",
                    shown.join(", "),
                    if more > 0 {
                        format!(" and {more} more")
                    } else {
                        String::new()
                    }
                ),
            )
            .key_path(format!("package.files[{pattern}]"))
            .help(format!(
                "{text:?} climbs out of the project directory, so Hex keeps its matches as \
                 absolute paths and hex_core refuses them; package only paths inside the project"
            )),
        );
    }
    for problem in &files.problems {
        let Problem::AbsolutePattern { pattern } = problem else {
            continue;
        };
        let Some(p) = files.patterns.get(*pattern) else {
            continue;
        };
        let joined = p.text.trim_start_matches('/');
        let what = if p.matches.is_empty() {
            "matches nothing there, so it is silently dropped".to_string()
        } else {
            format!("so it packages the project's own `{joined}` instead")
        };
        out.push(
            ctx.diag(
                &RULE,
                p.span(),
                format!(
                    "absolute path {:?} in `files:` is read relative to the project by Hex",
                    p.text
                ),
            )
            .severity(Severity::Warning)
            .key_path(format!("package.files[{pattern}]"))
            .help(format!(
                "Hex joins every pattern under the project root (`Path.join(cwd, {:?})`) and {what}; \
                 write `{joined}` if a project file is meant",
                p.text
            )),
        );
    }
}
