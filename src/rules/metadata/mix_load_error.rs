//! `mix-load-error`: mix.exs itself fails to load (the evaluator saw, e.g., `File.read!` of a
//! missing file), so every Mix task fails, `mix hex.publish` included.

use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Context, Group, Rule};

pub static RULE: Rule = Rule {
    id: "mix-load-error",
    group: Group::Metadata,
    severity: Severity::Error,
    summary: "mix.exs raises while Mix loads it (e.g. `File.read!` of a missing file)",
    doc: include_str!("../../../rules/mix-load-error.md"),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for note in &ctx.project.notes {
        out.push(
            ctx.diag(&RULE, Some(note.span), note.message.clone())
                .help("Mix evaluates mix.exs before running any task: fix this first (create the file, or make the code tolerate its absence)"),
        );
    }
}
