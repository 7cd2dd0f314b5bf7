//! `deprecated-project-config`: project settings Mix deprecates and that do nothing for the
//! package's users: `xref: [exclude: …]`, the `:xref` compiler, and `warnings_as_errors` in
//! `elixirc_options`.

use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Context, Group, Rule};

pub static RULE: Rule = Rule {
    id: "deprecated-project-config",
    group: Group::Metadata,
    severity: Severity::Warning,
    summary: "`xref: [exclude: …]`, the `:xref` compiler or `warnings_as_errors` in `elixirc_options` (deprecated)",
    doc: include_str!("../../../rules/deprecated-project-config.md"),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let config = &ctx.project.config;
    if let Some(xref) = config.get("xref")
        && let Some(span) = xref.key_span("exclude")
    {
        out.push(
            ctx.diag(&RULE, Some(span), "`xref: [exclude: …]` is deprecated (Elixir 1.20): list the modules in `@compile {:no_warn_undefined, …}` in the modules that call them")
                .key_path("xref.exclude")
                .help("replace it with `@compile {:no_warn_undefined, [Mod]}` (or `{Mod, :fun, arity}`) next to the calls"),
        );
    }
    if let Some(compilers) = config.get("compilers")
        && let Some(items) = compilers.as_list()
        && let Some(xref) = items.iter().find(|i| i.as_atom() == Some("xref"))
        && ctx.project.source.slice(xref.span) == ":xref"
    {
        out.push(
            ctx.diag(&RULE, Some(xref.span), "the `:xref` compiler is deprecated (Elixir 1.20) and does nothing: Mix checks cross references while it compiles")
                .key_path("compilers")
                .help("remove `:xref` from `compilers:`"),
        );
    }
    if let Some(opts) = config.get("elixirc_options")
        && let Some(span) = opts.key_span("warnings_as_errors")
        && opts.get("warnings_as_errors").and_then(|v| v.truthy()) == Some(true)
    {
        out.push(
            ctx.diag(&RULE, Some(span), "`elixirc_options: [warnings_as_errors: true]` is deprecated and does nothing for the package's users (Mix never applies it to dependencies)")
                .key_path("elixirc_options.warnings_as_errors")
                .help("remove it and run `mix compile --warnings-as-errors` in CI instead"),
        );
    }
}
