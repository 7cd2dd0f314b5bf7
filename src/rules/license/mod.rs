//! Rules of the `license` group, one per file.

pub mod deprecated_license;
pub mod empty_licenses;
pub mod invalid_license;

use crate::mixexs::value::{Value, ValueKind};
use crate::rules::Context;
use crate::source::Span;

/// `package[:licenses]`, as written. Hex reads licenses only from `:package`.
fn licenses<'a>(ctx: &Context<'a>) -> Option<&'a Value> {
    ctx.project.package.as_ref()?.get("licenses")
}

/// Whether the package goes to the public hexpm repository: `None` when `:organization` is
/// written but cannot be evaluated.
fn publicity(ctx: &Context) -> Option<bool> {
    let org = ctx
        .project
        .package
        .as_ref()
        .and_then(|p| p.get("organization"));
    if org.is_some_and(Value::is_unknown) {
        return None;
    }
    Some(ctx.is_public())
}

/// The text of a license entry as Hex's server would see it after `binarify`: strings as is,
/// atoms by name (`nil` becomes `"nil"`).
fn entry_text(v: &Value) -> Option<&str> {
    match &v.kind {
        ValueKind::String(s) => Some(s),
        ValueKind::Atom(a) => Some(a),
        ValueKind::Nil => Some("nil"),
        _ => None,
    }
}

/// The span of `v` when it is a plain double-quoted string literal in mix.exs (so that an edit
/// replacing it cannot break surrounding code, e.g. an interpolation or a module attribute use).
fn string_literal_span(ctx: &Context, v: &Value) -> Option<Span> {
    let s = v.as_str()?;
    (ctx.project.source.slice(v.span) == elixir_string(s)).then_some(v.span)
}

/// A double-quoted Elixir string literal for simple text (ids never need more than `\"`/`\\`).
fn elixir_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '#' if chars.peek() == Some(&'{') => out.push_str("\\#"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Entries written as a list: `"MIT", "Apache-2.0"`.
fn list_entries(ids: &[String]) -> String {
    ids.iter()
        .map(|id| elixir_string(id))
        .collect::<Vec<_>>()
        .join(", ")
}
