//! `reserved-package-name`: a name on hex.pm's reserved list.

use crate::diagnostic::{Diagnostic, Severity};
use crate::hex::names::reserved_package_name;
use crate::rules::metadata::{package_name, shown};
use crate::rules::{Context, Group, Rule};

pub static RULE: Rule = Rule {
    id: "reserved-package-name",
    group: Group::Metadata,
    severity: Severity::Error,
    summary: "package name reserved by hex.pm (Elixir/OTP apps, tools, Windows devices, hexdocs subdomains …)",
    doc: include_str!("../../../rules/reserved-package-name.md"),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some((value, key_path)) = package_name(ctx.project) else {
        return;
    };
    let Some(name) = value.as_str_or_atom() else {
        return;
    };
    let Some(why) = reserved_package_name(name) else {
        return;
    };
    let hint = if key_path == "app" {
        "keep the OTP app name and publish under another name with `name: \"…\"` under `package:`"
    } else {
        "choose another package name"
    };
    out.push(
        ctx.diag(
            &RULE,
            Some(value.span),
            format!(
                "package name {} is reserved on hex.pm ({why}): the publish is rejected with \"is reserved\"",
                shown(value)
            ),
        )
        .help(hint)
        .key_path(key_path),
    );
}
