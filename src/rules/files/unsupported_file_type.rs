//! `unsupported-file-type`: a FIFO, socket or device file in the package.

use crate::diagnostic::{Diagnostic, Severity};
use crate::files::{EntryKind, OtherKind};
use crate::rules::{Context, Group, Rule};

pub static RULE: Rule = Rule {
    id: "unsupported-file-type",
    group: Group::Files,
    severity: Severity::Error,
    summary: "A FIFO, socket or device is in the package (hex_core: \"unsupported file type\")",
    doc: include_str!("../../../rules/unsupported-file-type.md"),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let files = ctx.files();
    if files.unknown.is_some() {
        return;
    }
    for entry in &files.entries {
        let EntryKind::Other(kind) = entry.kind else {
            continue;
        };
        // Erlang's file_info type: `device` for character/block devices, `other` otherwise.
        let erlang_type = match kind {
            OtherKind::CharDevice | OtherKind::BlockDevice => "device",
            OtherKind::Fifo | OtherKind::Socket => "other",
        };
        out.push(
            ctx.diag(
                &RULE,
                files.span_for_pattern(entry.pattern),
                format!(
                    "unsupported file type in tarball: {} ({erlang_type})",
                    entry.path
                ),
            )
            .key_path(format!("package.files[{}]", entry.pattern))
            .help(format!(
                "{} is a {}; only regular files, directories and symlinks can be packaged: \
                 remove it or add it to `exclude_patterns`",
                entry.path,
                kind.as_str()
            )),
        );
    }
}
