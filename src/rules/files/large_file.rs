//! `large-file`: a packaged file above the configured size.

use crate::diagnostic::{Diagnostic, Severity};
use crate::files::Entry;
use crate::files::hygiene::{list_items, origin, pattern_key_path, pattern_span};
use crate::rules::{Context, Group, Rule};
use std::collections::BTreeMap;

pub static RULE: Rule = Rule {
    id: "large-file",
    group: Group::Files,
    severity: Severity::Warning,
    summary: "a packaged file is larger than the configured size",
    doc: include_str!("../../../rules/large-file.md"),
    check,
};

/// Files named in a grouped finding before "and N more".
const SHOWN: usize = 3;

/// The default threshold: 1 MiB.
pub const DEFAULT_LARGE_FILE_SIZE: u64 = 1024 * 1024;

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let files = ctx.files();
    if files.unknown.is_some() {
        return;
    }
    let limit = ctx
        .config
        .large_file_size
        .unwrap_or(DEFAULT_LARGE_FILE_SIZE);
    let total = files.total_size();
    let share = |size: u64| {
        if total > 0 {
            size as f64 * 100.0 / total as f64
        } else {
            100.0
        }
    };
    // One finding per `:files` pattern: excluding (or narrowing) the pattern is the one fix for
    // every large file it brings in.
    let mut by_pattern: BTreeMap<usize, Vec<&Entry>> = BTreeMap::new();
    for entry in files
        .entries
        .iter()
        .filter(|e| e.is_file() && e.size > limit)
    {
        by_pattern.entry(entry.pattern).or_default().push(entry);
    }
    for (pattern, mut large) in by_pattern {
        // Largest first: the examples are the ones worth acting on.
        large.sort_by(|a, b| b.size.cmp(&a.size).then(a.path.cmp(&b.path)));
        let paths: Vec<&str> = large.iter().map(|e| e.path.as_str()).collect();
        let message = if let [only] = large.as_slice() {
            format!(
                "`{}` ({}) is {}, {:.0}% of the package's {} of files (limit {})",
                only.path,
                origin(files, pattern, &paths),
                human_size(only.size),
                share(only.size),
                human_size(total),
                human_size(limit)
            )
        } else {
            let sum: u64 = large.iter().map(|e| e.size).sum();
            let examples: Vec<String> = large
                .iter()
                .map(|e| format!("`{}` ({})", e.path, human_size(e.size)))
                .collect();
            format!(
                "{} files {} are over the limit of {}, together {}, {:.0}% of the package's {} \
                 of files: {}",
                large.len(),
                origin(files, pattern, &paths),
                human_size(limit),
                human_size(sum),
                share(sum),
                human_size(total),
                list_items(&examples, SHOWN)
            )
        };
        out.push(
            ctx.diag(&RULE, pattern_span(ctx.project, files, pattern), message)
                .key_path(pattern_key_path(files, pattern))
                .help(
                    "every user downloads it with each version; leave it out with an \
                     `exclude_patterns` entry, fetch it at runtime, or raise `large-file-size` in \
                     .hexlint.toml",
                ),
        );
    }
}

/// `512 B`, `3.2 KiB`, `1.5 MiB`.
pub fn human_size(bytes: u64) -> String {
    const KIB: f64 = 1024.0;
    let b = bytes as f64;
    if b < KIB {
        format!("{bytes} B")
    } else if b < KIB * KIB {
        format!("{:.1} KiB", b / KIB)
    } else if b < KIB * KIB * KIB {
        format!("{:.1} MiB", b / (KIB * KIB))
    } else {
        format!("{:.1} GiB", b / (KIB * KIB * KIB))
    }
}

#[cfg(test)]
mod tests {
    use super::human_size;

    #[test]
    fn sizes() {
        assert_eq!(human_size(512), "512 B");
        assert_eq!(human_size(1536), "1.5 KiB");
        assert_eq!(human_size(3 * 1024 * 1024 + 200 * 1024), "3.2 MiB");
    }
}
