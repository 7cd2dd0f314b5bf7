//! `umbrella-project`: Hex refuses to build umbrella projects (`apps_path` is set).

use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Context, Group, Rule};

pub static RULE: Rule = Rule {
    id: "umbrella-project",
    group: Group::Metadata,
    severity: Severity::Info,
    summary: "umbrella projects cannot be published (info in check, error in publish)",
    doc: include_str!("../../../rules/umbrella-project.md"),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(apps_path) = ctx.project.apps_path.as_ref() else {
        return;
    };
    // `Mix.Project.umbrella?/1` is `config[:apps_path] != nil`.
    if apps_path.is_unknown() || apps_path.is_nil() {
        return;
    }
    // `hexlint check` at an umbrella root lints the apps (see `commands::check`); publishing
    // the root is what Hex refuses.
    let severity = if ctx.publish.is_some() {
        Severity::Error
    } else {
        Severity::Info
    };
    out.push(
        ctx.diag(
            &RULE,
            Some(apps_path.span),
            "`apps_path` makes this an umbrella project: \"Hex does not support umbrella projects\"",
        )
        .severity(severity)
        .label(apps_path.span, "umbrella because of this")
        .help("publish each app on its own: run the publish from `apps/<app>`, whose mix.exs has its own `package:`")
        .key_path("apps_path"),
    );
}
