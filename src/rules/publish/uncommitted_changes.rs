//! `uncommitted-changes`: publishing from a dirty work tree ships files nobody reviewed.

use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Context, Group, Rule};

pub static RULE: Rule = Rule {
    id: "uncommitted-changes",
    group: Group::Publish,
    severity: Severity::Warning,
    summary: "the git work tree has uncommitted changes",
    doc: include_str!("../../../rules/uncommitted-changes.md"),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(plan) = ctx.publish else { return };
    let dirty = &plan.git.uncommitted;
    if dirty.is_empty() {
        return;
    }
    let shown: Vec<&str> = dirty.iter().take(5).map(|l| l.trim()).collect();
    let more = dirty.len().saturating_sub(shown.len());
    out.push(
        ctx.diag(
            &RULE,
            None,
            format!(
                "{} uncommitted change(s) in the work tree: {}{}",
                dirty.len(),
                shown.join(", "),
                if more > 0 {
                    format!(" and {more} more")
                } else {
                    String::new()
                }
            ),
        )
        .help("commit or stash them so the release matches a commit, or pass --allow-dirty"),
    );
}
