//! `organisation-spelling`: `package[:organisation]` makes `mix hex.build` abort.

use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::metadata::renamed_key;
use crate::rules::{Context, Group, Rule};

pub static RULE: Rule = Rule {
    id: "organisation-spelling",
    group: Group::Metadata,
    severity: Severity::Error,
    summary: "`:organisation` under `package:` (Hex aborts; spell it `:organization`)",
    doc: include_str!("../../../rules/organisation-spelling.md"),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(package) = ctx.project.package.as_ref() else {
        return;
    };
    for (key, key_span, value) in &package.entries {
        // Hex checks `opts[:organisation]`, i.e. a truthy value.
        if key != "organisation" || value.truthy() != Some(true) {
            continue;
        }
        let mut d = ctx
            .diag(
                &RULE,
                Some(*key_span),
                "\"Invalid Hex package config :organisation, use spelling :organization\"",
            )
            .help("Hex only knows the American spelling `:organization`")
            .key_path("package.organisation");
        if let Some(fixed) = renamed_key(ctx.project, *key_span, "organisation", "organization") {
            d = d.fix("rename to `organization`", *key_span, fixed);
        }
        out.push(d);
    }
}
