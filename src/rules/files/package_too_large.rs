//! `package-too-large`: the tarball is over Hex's size limits (128 MiB uncompressed contents,
//! 16 MiB compressed package).

use crate::diagnostic::{Diagnostic, Severity};
use crate::files::{FileSet, MAX_COMPRESSED_SIZE, MAX_UNCOMPRESSED_SIZE, human_size};
use crate::rules::{Context, Group, Rule};

pub static RULE: Rule = Rule {
    id: "package-too-large",
    group: Group::Files,
    severity: Severity::Error,
    summary: "The package is over Hex's 16 MiB compressed or 128 MiB uncompressed limit",
    doc: include_str!("../../../rules/package-too-large.md"),
    check,
};

/// The pattern that brought in the most bytes (where the finding points).
fn heaviest_pattern(files: &FileSet) -> Option<(usize, u64)> {
    let mut per_pattern = vec![0u64; files.patterns.len()];
    for e in files.entries.iter().filter(|e| e.is_file()) {
        if let Some(slot) = per_pattern.get_mut(e.pattern) {
            *slot += e.size;
        }
    }
    per_pattern
        .into_iter()
        .enumerate()
        .max_by_key(|(_, size)| *size)
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let files = ctx.files();
    if files.unknown.is_some() || files.entries.is_empty() {
        return;
    }
    let heaviest = heaviest_pattern(files);
    let span = heaviest.and_then(|(i, _)| files.span_for_pattern(i));
    let help = match heaviest {
        Some((i, size)) => format!(
            "`{}` brings in {} of files; exclude large assets (`exclude_patterns`) or ship them \
             separately",
            files.patterns[i].text,
            human_size(size)
        ),
        None => "exclude large files with `exclude_patterns`".to_string(),
    };
    let uncompressed = files.uncompressed_size();
    if uncompressed > MAX_UNCOMPRESSED_SIZE {
        out.push(
            ctx.diag(
                &RULE,
                span,
                format!(
                    "package exceeds max uncompressed size 134.217728 MB: contents.tar is {uncompressed} bytes ({})",
                    human_size(uncompressed)
                ),
            )
            .help(help),
        );
        return;
    }
    let Some(Ok(summary)) = files.tarball_if_needed() else {
        return;
    };
    if summary.outer_size_estimate > MAX_COMPRESSED_SIZE {
        out.push(
            ctx.diag(
                &RULE,
                span,
                format!(
                    "package exceeds max compressed size 16.777216 MB: the package tarball would be about {} bytes ({}; contents.tar.gz is {} bytes)",
                    summary.outer_size_estimate,
                    human_size(summary.outer_size_estimate),
                    summary.compressed_size
                ),
            )
            .help(help),
        );
    }
}
