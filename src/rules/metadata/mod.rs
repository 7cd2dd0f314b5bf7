//! Rules of the `metadata` group, one per file, plus the small helpers they share: where a value
//! lives in mix.exs, whether a field is statically known, and which deps Hex writes into metadata.

use crate::mixexs::value::{Value, ValueKind};
use crate::project::{Dep, Project};
use crate::rules::Context;
use crate::source::Span;

pub mod deprecated_cli_config;
pub mod deprecated_project_config;
pub mod description_blank;
pub mod description_too_long;
pub mod empty_build_tools;
pub mod hex_key_in_mix_exs;
pub mod insecure_link;
pub mod invalid_elixir_requirement;
pub mod invalid_elixirc_paths;
pub mod invalid_link;
pub mod invalid_organization;
pub mod invalid_package_name;
pub mod invalid_requirement;
pub mod invalid_version;
pub mod misplaced_package_field;
pub mod missing_metadata_field;
pub mod missing_source_link;
pub mod mix_load_error;
pub mod organisation_spelling;
pub mod prerelease_requirement;
pub mod reserved_package_name;
pub mod umbrella_project;
pub mod unbounded_requirement;
pub mod unknown_package_key;
pub mod unreadable_metadata_value;
pub mod unresolved_value;

/// Is every entry of `project/0` known (so an absent key really is absent)?
pub(crate) fn root_keys_known(project: &Project) -> bool {
    project.config.entries().is_some()
}

/// Is every key of `:package` known (so an absent package key really is absent)? `true` when
/// there is no `:package` at all.
pub(crate) fn package_keys_known(project: &Project) -> bool {
    match &project.package {
        None => root_keys_known(project),
        Some(p) => p.value.entries().is_some(),
    }
}

/// Where to point when something is missing: the `package:` key, else the `project/0` list.
pub(crate) fn missing_field_anchor(project: &Project) -> Option<Span> {
    project
        .config
        .key_span("package")
        .or_else(|| (!project.config.span.is_empty()).then_some(project.config.span))
}

/// `Some(true)` for a public (hexpm) package, `Some(false)` for an organization package, `None`
/// when `package[:organization]` cannot be known.
pub(crate) fn known_public(ctx: &Context) -> Option<bool> {
    let org = ctx
        .project
        .package
        .as_ref()
        .and_then(|p| p.get("organization"));
    match org {
        Some(v) if v.is_unknown() => None,
        Some(v) if v.truthy() == Some(false) => Some(true),
        _ => Some(ctx.is_public()),
    }
}

/// The package name Hex publishes under (`package[:name] || app`), with the value it came from
/// and its key path. `None` when neither is set.
pub(crate) fn package_name(project: &Project) -> Option<(&Value, &'static str)> {
    let from_package = project
        .package
        .as_ref()
        .and_then(|p| p.get("name"))
        .filter(|v| v.truthy() != Some(false));
    match from_package {
        Some(v) => Some((v, "package.name")),
        None => project.app.as_ref().map(|v| (v, "app")),
    }
}

/// Prod Hex deps whose classification is certain: the ones `mix hex.build` writes into the
/// metadata `requirements` (deps with unknown options are skipped; `unresolved-value` says so).
pub(crate) fn prod_hex_deps(project: &Project) -> impl Iterator<Item = &Dep> {
    project
        .deps
        .iter()
        .flat_map(|d| d.prod_hex())
        .map(|(_, dep)| dep)
        .filter(|d| !d.options.iter().any(|(_, _, v)| v.is_unknown()))
}

/// A replacement for the string literal at `span` when the source text is exactly `"old"`
/// (so a fix never rewrites an interpolation, a sigil or a heredoc).
pub(crate) fn string_literal_replacement(
    project: &Project,
    span: Span,
    old: &str,
    new: &str,
) -> Option<String> {
    (project.source.slice(span) == format!("\"{old}\"")).then(|| format!("\"{new}\""))
}

/// The source text of a key (`licences:` or `:licences`) with `old` renamed to `new`, when the
/// key's text contains `old` exactly once.
pub(crate) fn renamed_key(
    project: &Project,
    key_span: Span,
    old: &str,
    new: &str,
) -> Option<String> {
    let text = project.source.slice(key_span);
    (text.matches(old).count() == 1).then(|| text.replacen(old, new, 1))
}

/// Elixir-style text of a string or atom value for messages (`"Foo-Bar"`, `:foo`).
pub(crate) fn shown(v: &Value) -> String {
    match &v.kind {
        ValueKind::String(s) => format!("{s:?}"),
        _ => v.inspect(),
    }
}

/// Keyword items of a list written literally (`[k: v, …]`) in mix.exs: `(key span, item span)`
/// (the item spans `k: v` as written, even when `v` comes from an attribute).
pub(crate) fn literal_keywords(ctx: &Context, list: &Value) -> Option<Vec<(Span, Span)>> {
    let text = ctx.project.source.slice(list.span);
    if !text.starts_with('[') || !text.ends_with(']') {
        return None;
    }
    let inside = |s: Span| list.span.start < s.start && s.end < list.span.end;
    list.as_list()?
        .iter()
        .map(|item| match &item.kind {
            ValueKind::Tuple(t)
                if t.len() == 2
                    && inside(item.span)
                    && item.span.start == t[0].span.start
                    && ctx.project.source.slice(t[0].span).ends_with(':') =>
            {
                Some((t[0].span, item.span))
            }
            _ => None,
        })
        .collect()
}

/// The edit that removes the keyword item `index` of a literal list (see [`literal_keywords`])
/// together with the separator that joins it to its neighbour.
pub(crate) fn keyword_removal(items: &[(Span, Span)], index: usize) -> Span {
    let entry = items[index].1;
    match (items.get(index + 1), index.checked_sub(1)) {
        (Some((_, next)), _) => Span::new(entry.start, next.start),
        (None, Some(prev)) => Span::new(items[prev].1.end, entry.end),
        (None, None) => entry,
    }
}
