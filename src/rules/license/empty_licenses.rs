//! `empty-licenses`: a public package with `licenses: []`.

use super::{licenses, publicity};
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Context, Group, Rule};

pub static RULE: Rule = Rule {
    id: "empty-licenses",
    group: Group::License,
    severity: Severity::Warning,
    summary: "A public package lists no license (`licenses: []`)",
    doc: include_str!("../../../rules/empty-licenses.md"),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(value) = licenses(ctx) else { return };
    if value.as_list().is_none_or(|items| !items.is_empty()) || publicity(ctx) != Some(true) {
        return;
    }
    out.push(
        ctx.diag(&RULE, Some(value.span), "the package lists no license")
            .key_path("package.licenses")
            .help(
                "add the SPDX identifier of the license in your LICENSE file, e.g. \
                 `licenses: [\"Apache-2.0\"]`; hex.build warns \"You have not included any \
                 licenses\" and hex.pm shows the package without a license",
            ),
    );
}
