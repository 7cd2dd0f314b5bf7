//! `empty-build-tools`: `build_tools: []` (hex.pm: "can't be blank") or a non-list value.

use crate::diagnostic::{Diagnostic, Severity};
use crate::mixexs::value::ValueKind;
use crate::rules::{Context, Group, Rule};

pub static RULE: Rule = Rule {
    id: "empty-build-tools",
    group: Group::Metadata,
    severity: Severity::Error,
    summary: "`build_tools: []` or a non-list `build_tools` (hex.pm rejects it)",
    doc: include_str!("../../../rules/empty-build-tools.md"),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(value) = ctx
        .project
        .package
        .as_ref()
        .and_then(|p| p.get("build_tools"))
    else {
        return;
    };
    let message = match &value.kind {
        // `[]` is truthy, so Hex does not guess the tools and sends the empty list.
        ValueKind::List(items) if items.is_empty() => {
            "`build_tools: []` is sent as is (Hex only guesses when the key is nil or false); hex.pm: \"can't be blank\"".to_string()
        }
        ValueKind::List(_) | ValueKind::Unknown { .. } | ValueKind::Nil | ValueKind::Bool(false) => {
            return;
        }
        _ => format!(
            "`build_tools` must be a list of strings, not `{}`; hex.pm: \"is invalid\"",
            value.inspect()
        ),
    };
    out.push(
        ctx.diag(&RULE, Some(value.span), message)
            .help("remove `build_tools:` to let Hex detect them from the packaged files, or list them: `build_tools: [\"mix\"]`")
            .key_path("package.build_tools"),
    );
}
