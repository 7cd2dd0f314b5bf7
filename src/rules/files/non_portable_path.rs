//! `non-portable-path`: packaged paths that break on Windows, on case-insensitive file systems or
//! in plain ustar headers.

use crate::diagnostic::{Diagnostic, Severity};
use crate::files::hygiene::portable::{case_collisions, path_problems};
use crate::files::hygiene::{list_paths, origin, pattern_key_path, pattern_span};
use crate::rules::{Context, Group, Rule};
use std::collections::BTreeSet;

pub static RULE: Rule = Rule {
    id: "non-portable-path",
    group: Group::Files,
    severity: Severity::Warning,
    summary: "a packaged path is not portable (Windows names, case clashes, long paths)",
    doc: include_str!("../../../rules/non-portable-path.md"),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let files = ctx.files();
    if files.unknown.is_some() {
        return;
    }
    let entries: Vec<_> = files
        .entries
        .iter()
        .filter(|e| !e.outside_root && e.path != ".")
        .collect();
    for entry in &entries {
        let problems = path_problems(&entry.path);
        if problems.is_empty() {
            continue;
        }
        let text: Vec<String> = problems.iter().map(|p| p.describe()).collect();
        out.push(
            ctx.diag(
                &RULE,
                pattern_span(ctx.project, files, entry.pattern),
                format!(
                    "`{}` ({}) is not portable: {}",
                    entry.path,
                    origin(files, entry.pattern, &[entry.path.as_str()]),
                    text.join("; ")
                ),
            )
            .key_path(pattern_key_path(files, entry.pattern))
            .help("rename it, or leave it out with an `exclude_patterns` entry"),
        );
    }
    // Every packaged path and each of its parent directories, so `Lib/a.ex` clashes with `lib/`.
    let mut all: BTreeSet<&str> = BTreeSet::new();
    for entry in &entries {
        let path = entry.path.as_str();
        all.insert(path);
        for (i, _) in path.match_indices('/') {
            all.insert(&path[..i]);
        }
    }
    for group in case_collisions(all.iter().copied()) {
        // Point at the pattern that brought in the first path (or the first file under it).
        let pattern = entries
            .iter()
            .find(|e| e.path == group[0] || e.path.starts_with(&format!("{}/", group[0])))
            .map_or(0, |e| e.pattern);
        out.push(
            ctx.diag(
                &RULE,
                pattern_span(ctx.project, files, pattern),
                format!(
                    "{} differ only by case: on macOS and Windows one overwrites the other when \
                     the package is unpacked",
                    list_paths(&group, 5)
                ),
            )
            .key_path(pattern_key_path(files, pattern))
            .help("rename one of them"),
        );
    }
}
