//! `ignored-file-packaged`: a packaged file that git ignores or does not track.

use crate::diagnostic::{Diagnostic, Severity};
use crate::files::FileSet;
use crate::files::hygiene::{list_paths, origin, pattern_key_path, pattern_span};
use crate::rules::{Context, Group, Rule};
use foldhash::HashMap;
use std::collections::{BTreeMap, BTreeSet};

pub static RULE: Rule = Rule {
    id: "ignored-file-packaged",
    group: Group::Files,
    severity: Severity::Warning,
    summary: "a packaged file is ignored by git or not tracked",
    doc: include_str!("../../../rules/ignored-file-packaged.md"),
    check,
};

/// Paths named in one message before "and N more".
const SHOWN: usize = 5;

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let files = ctx.files();
    if files.unknown.is_some() {
        return;
    }
    let status = ctx.hygiene().git(files);
    for (pattern, paths) in by_pattern(files, &status.ignored) {
        let (count, noun) = plural(paths.len());
        out.push(
            ctx.diag(
                &RULE,
                pattern_span(ctx.project, files, pattern),
                format!(
                    "{count} {noun} ignored by git but {}: {}",
                    origin(files, pattern, &paths),
                    list_paths(&paths, SHOWN)
                ),
            )
            .key_path(pattern_key_path(files, pattern))
            .help(
                "Hex does not read .gitignore; leave these out with an `exclude_patterns` entry \
                 (e.g. `~r/^priv\\/static\\//`) or a narrower `files` list",
            ),
        );
    }
    if let Some(untracked) = &status.untracked {
        for (pattern, paths) in by_pattern(files, untracked) {
            let (count, noun) = plural(paths.len());
            out.push(
                ctx.diag(
                    &RULE,
                    pattern_span(ctx.project, files, pattern),
                    format!(
                        "{count} {noun} not tracked by git but {}: {}",
                        origin(files, pattern, &paths),
                        list_paths(&paths, SHOWN)
                    ),
                )
                .key_path(pattern_key_path(files, pattern))
                .help(
                    "commit the files if they belong in the release; otherwise leave them out \
                     with an `exclude_patterns` entry or a narrower `files` list",
                ),
            );
        }
    }
}

/// Group paths by the index of the `:files` pattern that brought each in.
fn by_pattern<'a>(files: &FileSet, set: &'a BTreeSet<String>) -> BTreeMap<usize, Vec<&'a str>> {
    let pattern_of: HashMap<&str, usize> = files
        .entries
        .iter()
        .map(|e| (e.path.as_str(), e.pattern))
        .collect();
    let mut groups: BTreeMap<usize, Vec<&'a str>> = BTreeMap::new();
    for path in set {
        if let Some(&pattern) = pattern_of.get(path.as_str()) {
            groups.entry(pattern).or_default().push(path);
        }
    }
    groups
}

fn plural(n: usize) -> (usize, &'static str) {
    (n, if n == 1 { "file is" } else { "files are" })
}
