//! `unused-suppression`: a `# hexlint: ignore[…]` comment that suppresses nothing.
//!
//! The findings are produced by [`crate::config::Config::apply`], after every other rule has run
//! and the suppressions have been matched; the check itself has nothing to do.

use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Context, Group, Rule};

pub static RULE: Rule = Rule {
    id: crate::config::UNUSED_SUPPRESSION,
    group: Group::Config,
    severity: Severity::Warning,
    summary: "an inline `# hexlint: ignore[…]` comment suppresses nothing, names an unknown rule or is malformed",
    doc: include_str!("../../../rules/unused-suppression.md"),
    check,
};

fn check(_ctx: &Context, _out: &mut Vec<Diagnostic>) {}
