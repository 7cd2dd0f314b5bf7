//! `unsafe-symlink`: a packaged symlink pointing outside the package.

use crate::diagnostic::{Diagnostic, Severity};
use crate::files::{EntryKind, is_safe_symlink};
use crate::rules::{Context, Group, Rule};

pub static RULE: Rule = Rule {
    id: "unsafe-symlink",
    group: Group::Files,
    severity: Severity::Error,
    summary: "A packaged symlink points outside the package (hex_core: \"unsafe symlink in tarball\")",
    doc: include_str!("../../../rules/unsafe-symlink.md"),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let files = ctx.files();
    if files.unknown.is_some() {
        return;
    }
    for entry in &files.entries {
        let EntryKind::Symlink { target } = &entry.kind else {
            continue;
        };
        if is_safe_symlink(&entry.path, target) {
            continue;
        }
        out.push(
            ctx.diag(
                &RULE,
                files.span_for_pattern(entry.pattern),
                format!("unsafe symlink in tarball: {} -> {target}", entry.path),
            )
            .key_path(format!("package.files[{}]", entry.pattern))
            .help(
                "the link target is absolute or climbs above the package root; replace the link \
                 with the file itself, point it inside the package, or exclude it",
            ),
        );
    }
}
