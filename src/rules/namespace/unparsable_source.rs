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
    for skipped in &ctx.modules().skipped {
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
