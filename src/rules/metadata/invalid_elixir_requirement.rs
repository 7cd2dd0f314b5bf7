//! `invalid-elixir-requirement`: the project's `elixir:` requirement hex.pm refuses.

use crate::diagnostic::{Diagnostic, Severity};
use crate::hex::version::Requirement;
use crate::rules::metadata::invalid_requirement::requirement_problem;
use crate::rules::metadata::string_literal_replacement;
use crate::rules::{Context, Group, Rule};

pub static RULE: Rule = Rule {
    id: "invalid-elixir-requirement",
    group: Group::Metadata,
    severity: Severity::Error,
    summary: "`elixir:` requirement that is not a valid Elixir requirement (hex.pm rejects it)",
    doc: include_str!("../../../rules/invalid-elixir-requirement.md"),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(value) = ctx.project.package_field("elixir") else {
        return;
    };
    if value.is_nil() {
        // Mix skips a nil `:elixir`, but hex.build keeps the key and writes the text "nil".
        out.push(
            ctx.diag(
                &RULE,
                Some(value.span),
                "`elixir: nil` is written as \"nil\" into the metadata; hex.pm: invalid requirement: \"nil\"",
            )
            .help("remove `elixir:` or set it to a requirement such as \"~> 1.14\"")
            .key_path("elixir"),
        );
        return;
    }
    let Some(problem) = requirement_problem(value, "`elixir` requirement") else {
        return;
    };
    let unparseable = value
        .as_str()
        .is_some_and(|s| Requirement::parse(s).is_err());
    let help = if unparseable {
        format!(
            "{}; Mix's deps.loadpaths (run by compile and by hex.publish) also stops with \"Invalid Elixir version requirement … in mix.exs file\"",
            problem.help
        )
    } else {
        problem.help
    };
    let mut d = ctx
        .diag(&RULE, Some(value.span), problem.message)
        .severity(problem.severity)
        .help(help)
        .key_path("elixir");
    if let (Some(new), Some(old)) = (&problem.replacement, value.as_str())
        && let Some(replacement) = string_literal_replacement(ctx.project, value.span, old, new)
    {
        d = d.fix(format!("use \"{new}\""), value.span, replacement);
    }
    out.push(d);
}
