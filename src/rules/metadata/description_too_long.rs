//! `description-too-long`: more than 300 characters (graphemes) after trimming.

use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Context, Group, Rule};
use unicode_segmentation::UnicodeSegmentation;

pub static RULE: Rule = Rule {
    id: "description-too-long",
    group: Group::Metadata,
    severity: Severity::Error,
    summary: "description longer than 300 characters (Hex aborts)",
    doc: include_str!("../../../rules/description-too-long.md"),
    check,
};

const MAX_DESCRIPTION_LENGTH: usize = 300;

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(description) = ctx.project.package_field("description") else {
        return;
    };
    let Some(text) = description.as_str() else {
        return;
    };
    // `String.length(String.trim(description))`: graphemes, Unicode whitespace trimmed.
    let length = text.trim().graphemes(true).count();
    if length <= MAX_DESCRIPTION_LENGTH {
        return;
    }
    let key_path = if ctx
        .project
        .package
        .as_ref()
        .and_then(|p| p.get("description"))
        .is_some()
    {
        "package.description"
    } else {
        "description"
    };
    out.push(
        ctx.diag(
            &RULE,
            Some(description.span),
            format!(
                "the description is {length} characters long: \"Package description is too long (exceeds 300 characters)\""
            ),
        )
        .help(format!(
            "shorten it by {} characters to one or two sentences; longer explanations belong in the README",
            length - MAX_DESCRIPTION_LENGTH
        ))
        .key_path(key_path),
    );
}
