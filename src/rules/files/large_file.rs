//! `large-file`: a packaged file above the configured size.

use crate::diagnostic::{Diagnostic, Severity};
use crate::files::hygiene::{origin, pattern_key_path, pattern_span};
use crate::rules::{Context, Group, Rule};

pub static RULE: Rule = Rule {
    id: "large-file",
    group: Group::Files,
    severity: Severity::Warning,
    summary: "a packaged file is larger than the configured size",
    doc: include_str!("../../../rules/large-file.md"),
    check,
};

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
    for entry in files
        .entries
        .iter()
        .filter(|e| e.is_file() && e.size > limit)
    {
        let share = if total > 0 {
            entry.size as f64 * 100.0 / total as f64
        } else {
            100.0
        };
        out.push(
            ctx.diag(
                &RULE,
                pattern_span(ctx.project, files, entry.pattern),
                format!(
                    "`{}` ({}) is {}, {share:.0}% of the package's {} of files \
                     (limit {})",
                    entry.path,
                    origin(files, entry.pattern, &[entry.path.as_str()]),
                    human_size(entry.size),
                    human_size(total),
                    human_size(limit)
                ),
            )
            .key_path(pattern_key_path(files, entry.pattern))
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
