//! `unparsable-source`: a packaged `.ex` file hexlint cannot parse (or read), so its modules are
//! not checked. An info: the file may be broken, or use what hexlint's reader does not handle.

use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Context, Group, Rule};

pub static RULE: Rule = Rule {
    id: "unparsable-source",
    group: Group::Namespace,
    severity: Severity::Info,
    summary: "a packaged source file cannot be parsed or read, so its modules are not checked",
    doc: include_str!("../../../rules/unparsable-source.md"),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    // A packaged file that cannot be read is `unpackable-file`'s error already: one cause, one
    // finding.
    let reported_unreadable = |file: &str| {
        ctx.files()
            .get(file)
            .is_some_and(|entry| entry.read_error.is_some())
    };
    for skipped in &ctx.modules().skipped {
        if skipped.location.is_none() && reported_unreadable(&skipped.file) {
            continue;
        }
        let diag = match &skipped.location {
            Some((source, span)) => Diagnostic::new(
                RULE.id,
                RULE.severity,
                source.clone(),
                Some(*span),
                format!("{} cannot be parsed: {}", skipped.file, skipped.error),
            ),
            None => ctx.diag(
                &RULE,
                None,
                format!("{} cannot be read: {}", skipped.file, skipped.error),
            ),
        };
        out.push(diag.help(
            "its modules are not checked for namespace problems or collisions; if `mix compile` \
             fails on it too, fix it, otherwise hexlint's reader is at fault (please report it)",
        ));
    }
}
