//! `metadata-too-large`: metadata.config over hex_core's 1 MiB limit.

use crate::diagnostic::{Diagnostic, Severity};
use crate::files::{MAX_METADATA_SIZE, human_size};
use crate::rules::{Context, Group, Rule};

pub static RULE: Rule = Rule {
    id: "metadata-too-large",
    group: Group::Files,
    severity: Severity::Error,
    summary: "metadata.config would be over hex_core's 1 MiB limit (\"file too big: metadata.config\")",
    doc: include_str!("../../../rules/metadata-too-large.md"),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let files = ctx.files();
    if files.unknown.is_some() || files.metadata_size_estimate <= MAX_METADATA_SIZE {
        return;
    }
    let span = files.files_key_span.or(files.package_span);
    out.push(
        ctx.diag(
            &RULE,
            span,
            format!(
                "file too big: metadata.config would be about {} ({} bytes, limit 1048576)",
                human_size(files.metadata_size_estimate),
                files.metadata_size_estimate
            ),
        )
        .help(format!(
            "metadata.config lists every packaged path ({} entries here); package fewer files, \
             e.g. exclude generated or vendored trees",
            files.entries.len()
        )),
    );
}
