//! `unparsable-source`: a packaged `.ex` file hexlint cannot parse (or read), so its modules are
//! not checked; usually the file does not compile either.

use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Context, Group, Rule};

pub static RULE: Rule = Rule {
    id: "unparsable-source",
    group: Group::Namespace,
    severity: Severity::Warning,
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
            "its modules are not checked for namespace problems or collisions; Elixir will most \
             likely not compile it either",
        ));
    }
}
