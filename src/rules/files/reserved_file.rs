//! `reserved-file`: `hex_metadata.config` in the package (Hex: "Do not include this file").

use crate::diagnostic::{Diagnostic, Severity};
use crate::files::RESERVED_FILE;
use crate::rules::{Context, Group, Rule};

pub static RULE: Rule = Rule {
    id: "reserved-file",
    group: Group::Files,
    severity: Severity::Error,
    summary: "`hex_metadata.config` is reserved and cannot be packaged",
    doc: include_str!("../../../rules/reserved-file.md"),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let files = ctx.files();
    if files.unknown.is_some() {
        return;
    }
    // Hex's own check: an explicit pattern whose top-level wildcard result is the file.
    let mut reported = false;
    if files.explicit {
        for (i, pattern) in files.patterns.iter().enumerate() {
            if pattern.raw_matches_reserved {
                reported = true;
                out.push(
                    ctx.diag(
                        &RULE,
                        pattern.span(),
                        format!("Do not include this file: {RESERVED_FILE}"),
                    )
                    .key_path(format!("package.files[{i}]"))
                    .help(format!(
                        "`{}` matches {RESERVED_FILE}, which hex_core writes when it unpacks a \
                         dependency; remove it from `files:`",
                        pattern.text
                    )),
                );
            }
        }
    }
    // Packaged some other way (inside a walked directory, or through `.`): Hex does not stop,
    // but the file collides with the one hex_core writes on unpack.
    if reported {
        return;
    }
    for entry in files
        .entries
        .iter()
        .filter(|e| e.file_name() == RESERVED_FILE)
    {
        out.push(
            ctx.diag(
                &RULE,
                files.span_for_pattern(entry.pattern),
                format!("{} is packaged; hex_core overwrites it when unpacking", entry.path),
            )
            .severity(Severity::Warning)
            .help("Hex does not stop the build here, but the packaged copy is lost on unpack: exclude it"),
        );
    }
}
