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
    // One finding per pattern and reason: a symlinked directory that leaves the project makes
    // every file below it unsafe, and one change to the pattern (or the link) fixes them all.
    let mut inside: std::collections::BTreeMap<(usize, bool), Vec<&str>> = Default::default();
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
        inside
            .entry((entry.pattern, escapes_by_name))
            .or_default()
            .push(&entry.path);
    }
    for ((pattern, escapes_by_name), paths) in inside {
        let (refused, why) = match (paths.as_slice(), escapes_by_name) {
            ([only], true) => (
                only.to_string(),
                "its name is absolute, has a drive letter, or climbs with `..`",
            ),
            ([only], false) => (
                only.to_string(),
                "it is reached through a symlinked directory that points outside the project",
            ),
            (_, true) => (
                format!("these {} paths", paths.len()),
                "their names are absolute, have a drive letter, or climb with `..`",
            ),
            (_, false) => (
                format!("these {} paths", paths.len()),
                "they are reached through a symlinked directory that points outside the project",
            ),
        };
        out.push(
            ctx.diag(
                &RULE,
                files.span_for_pattern(pattern),
                format!("unsafe path in tarball: {}", shown(&paths)),
            )
            .key_path(format!("package.files[{pattern}]"))
            .help(format!(
                "hex_core refuses {refused} because {why}; package only paths inside the project"
            )),
        );
    }
    // Paths outside the project: once per pattern (a `../..` pattern can match thousands).
    let mut outside: std::collections::BTreeMap<usize, Vec<&str>> = Default::default();
    for entry in &files.outside {
        outside.entry(entry.pattern).or_default().push(&entry.path);
    }
    for (pattern, paths) in outside {
        let text = files.patterns.get(pattern).map_or("", |p| p.text.as_str());
        out.push(
            ctx.diag(
                &RULE,
                files.span_for_pattern(pattern),
                format!("unsafe path in tarball: {}", shown(&paths)),
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

/// Paths named in one finding before "and N more".
const SHOWN: usize = 3;

/// `a, b, c and 4 more`, as hex_core names the path (no quoting).
fn shown(paths: &[&str]) -> String {
    crate::files::hygiene::list_items(paths, SHOWN)
}
