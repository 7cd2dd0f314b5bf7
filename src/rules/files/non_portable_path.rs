//! `non-portable-path`: packaged paths that break on Windows, on case-insensitive file systems or
//! in plain ustar headers.

use crate::diagnostic::{Diagnostic, Severity};
use crate::files::Entry;
use crate::files::hygiene::portable::{
    Located, PathProblem, ProblemKind, USTAR_NAME_MAX, case_collisions, located_problems,
};
use crate::files::hygiene::{list_paths, origin, pattern_key_path, pattern_span};
use crate::rules::{Context, Group, Rule};
use std::collections::{BTreeMap, BTreeSet};

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
    // One finding per cause. A name Windows cannot create is one cause for every path below it,
    // and names of one kind in one directory are one cause together (one rename pass fixes
    // them); all paths over the ustar limit are one cause.
    let mut names: BTreeMap<(ProblemKind, &str), BTreeMap<&str, Cause>> = BTreeMap::new();
    let mut too_long: Vec<&Entry> = Vec::new();
    for entry in &entries {
        for Located { at, problem } in located_problems(&entry.path) {
            if problem.kind() == ProblemKind::TooLong {
                too_long.push(entry);
                continue;
            }
            let parent = at.rsplit_once('/').map_or("", |(p, _)| p);
            let cause = names
                .entry((problem.kind(), parent))
                .or_default()
                .entry(at)
                .or_insert_with(|| Cause {
                    problem,
                    entries: Vec::new(),
                });
            cause.entries.push(entry);
        }
    }
    for ((kind, parent), causes) in &names {
        out.push(name_finding(ctx, *kind, parent, causes));
    }
    // A long directory makes every path below it long: name the paths below, not the directory.
    let parents: BTreeSet<&str> = too_long
        .iter()
        .filter_map(|e| e.path.rsplit_once('/').map(|(dir, _)| dir))
        .collect();
    too_long.retain(|e| !(e.is_dir() && parents.contains(e.path.as_str())));
    if !too_long.is_empty() {
        out.push(too_long_finding(ctx, &too_long));
    }
    // Every packaged path and each of its parent directories, so `Lib/a.ex` clashes with `lib/`.
    let all = entries.iter().flat_map(|entry| {
        let path = entry.path.as_str();
        let parents = path.match_indices('/').map(|(i, _)| &path[..i]);
        parents.chain([path])
    });
    for group in case_collisions(all) {
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

/// Example paths named in a grouped finding before "and N more".
const SHOWN: usize = 3;

const HELP: &str = "rename it, or leave it out with an `exclude_patterns` entry";

/// One non-portable name (`priv/aux`) and the packaged paths it makes non-portable.
struct Cause<'a> {
    problem: PathProblem,
    entries: Vec<&'a Entry>,
}

/// How a message says which `:files` patterns brought `entries` in: `packaged by "priv"` (or
/// `listed in \`files\``), or `packaged by 3 patterns`.
fn origin_of(ctx: &Context, entries: &[&Entry]) -> String {
    let files = ctx.files();
    let patterns: BTreeSet<usize> = entries.iter().map(|e| e.pattern).collect();
    if patterns.len() == 1 {
        let paths: Vec<&str> = entries.iter().map(|e| e.path.as_str()).collect();
        origin(files, entries[0].pattern, &paths)
    } else {
        format!("packaged by {} patterns", patterns.len())
    }
}

/// A finding pointing at the pattern that brought in `representative`.
fn finding(ctx: &Context, representative: &Entry, message: String, help: &str) -> Diagnostic {
    let files = ctx.files();
    ctx.diag(
        &RULE,
        pattern_span(ctx.project, files, representative.pattern),
        message,
    )
    .key_path(pattern_key_path(files, representative.pattern))
    .help(help)
}

/// `1 file` / `12 files`.
fn files_count(n: usize) -> String {
    if n == 1 {
        "1 file".to_string()
    } else {
        format!("{n} files")
    }
}

/// The finding for names of one kind in one directory.
fn name_finding(
    ctx: &Context,
    kind: ProblemKind,
    parent: &str,
    causes: &BTreeMap<&str, Cause>,
) -> Diagnostic {
    let all: Vec<&Entry> = causes
        .values()
        .flat_map(|c| c.entries.iter().copied())
        .collect();
    let files_below = all.iter().filter(|e| !e.is_dir()).count().max(1);
    let origin = origin_of(ctx, &all);
    let message = if let [(at, cause)] = causes.iter().collect::<Vec<_>>().as_slice() {
        let what = if let [only] = cause.entries.as_slice()
            && only.path == **at
        {
            format!("`{at}` ({origin})")
        } else {
            format!("`{at}/` ({} below it, {origin})", files_count(files_below))
        };
        format!("{what} is not portable: {}", cause.problem.describe())
    } else {
        let ats: Vec<&str> = causes.keys().copied().collect();
        let dir = if parent.is_empty() {
            "the package root".to_string()
        } else {
            format!("`{parent}/`")
        };
        let why = match kind {
            ProblemKind::ReservedName => "they are reserved device names on Windows",
            ProblemKind::ForbiddenChar => "they contain characters Windows does not allow",
            ProblemKind::TrailingDotOrSpace => "they end with a dot or space, which Windows strips",
            ProblemKind::TooLong => "they are too long",
        };
        format!(
            "{} names in {dir} ({}, {origin}) are not portable: {why}: {}",
            ats.len(),
            files_count(files_below),
            list_paths(&ats, SHOWN)
        )
    };
    finding(ctx, all[0], message, HELP)
}

/// The one finding for every path over the ustar name field.
fn too_long_finding(ctx: &Context, too_long: &[&Entry]) -> Diagnostic {
    let mut longest: Vec<&Entry> = too_long.to_vec();
    longest.sort_by(|a, b| b.path.len().cmp(&a.path.len()).then(a.path.cmp(&b.path)));
    let worst = longest[0];
    if let [only] = too_long {
        return finding(
            ctx,
            only,
            format!(
                "`{}` ({}) is not portable: {}",
                only.path,
                origin_of(ctx, too_long),
                PathProblem::TooLong(only.path.len()).describe()
            ),
            HELP,
        );
    }
    let under = match common_dir(too_long.iter().map(|e| e.path.as_str())) {
        "" => String::new(),
        dir => format!(", all under `{dir}/`"),
    };
    let examples: Vec<&str> = longest.iter().map(|e| e.path.as_str()).collect();
    finding(
        ctx,
        worst,
        format!(
            "{} paths ({}{under}) are not portable: they are over the {USTAR_NAME_MAX}-byte ustar \
             name field (up to {} bytes): {}",
            too_long.len(),
            origin_of(ctx, too_long),
            worst.path.len(),
            list_paths(&examples, SHOWN)
        ),
        "shorten the directory names they share, or leave them out with an `exclude_patterns` \
         entry",
    )
}

/// The longest directory every path lies in (`""` when they share none).
fn common_dir<'a>(mut paths: impl Iterator<Item = &'a str>) -> &'a str {
    let Some(first) = paths.next() else {
        return "";
    };
    let mut dir = first.rsplit_once('/').map_or("", |(d, _)| d);
    for path in paths {
        while !dir.is_empty() && !is_under(path, dir) {
            dir = dir.rsplit_once('/').map_or("", |(d, _)| d);
        }
    }
    dir
}

/// Is `path` inside the directory `dir`?
fn is_under(path: &str, dir: &str) -> bool {
    path.strip_prefix(dir)
        .is_some_and(|rest| rest.starts_with('/'))
}

#[cfg(test)]
mod tests {
    use super::common_dir;

    #[test]
    fn common_dir_of_paths() {
        assert_eq!(
            common_dir(["a/b/c/x", "a/b/y", "a/b/c/d/z"].into_iter()),
            "a/b"
        );
        assert_eq!(common_dir(["a/bc/x", "a/b/y"].into_iter()), "a");
        assert_eq!(common_dir(["a/x", "b/y"].into_iter()), "");
        assert_eq!(common_dir(["x"].into_iter()), "");
    }
}
