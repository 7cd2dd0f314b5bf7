//! `invalid-license`: a `licenses` entry that is not an SPDX id Hex accepts.

use super::{elixir_string, licenses, list_entries, publicity, string_literal_span};
use crate::diagnostic::{Diagnostic, Severity};
use crate::hex::license::{self, Suggestion};
use crate::mixexs::value::{Value, ValueKind};
use crate::rules::{Context, Group, Rule};
use crate::source::Span;

pub static RULE: Rule = Rule {
    id: "invalid-license",
    group: Group::License,
    severity: Severity::Error,
    summary: "A license that is not an SPDX identifier Hex accepts (hex.pm rejects it)",
    doc: include_str!("../../../rules/invalid-license.md"),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(value) = licenses(ctx) else { return };
    // hex.pm rejects invalid ids only for hexpm; for organizations Hex does not check them.
    let severity = match publicity(ctx) {
        Some(true) => Severity::Error,
        _ => Severity::Warning,
    };
    match &value.kind {
        ValueKind::List(items) => {
            for (index, item) in items.iter().enumerate() {
                if let Some(diag) = check_entry(ctx, value, item, severity) {
                    out.push(diag.key_path(format!("package.licenses[{index}]")));
                }
            }
        }
        ValueKind::Unknown { .. } => {}
        // hex.build checks licenses only for public packages: `Enum.reject(nil, …)` crashes.
        ValueKind::Nil if severity == Severity::Error => out.push(
            ctx.diag(&RULE, Some(value.span), "`licenses: nil`: `mix hex.build` crashes on it (Protocol.UndefinedError: Enumerable is not implemented for nil), and hex.pm requires licenses (\"can't be blank\")")
                .key_path("package.licenses")
                .help("write the package's licenses, e.g. `licenses: [\"Apache-2.0\"]`"),
        ),
        ValueKind::Nil => {}
        ValueKind::String(s) => {
            let mut diag = ctx
                .diag(
                    &RULE,
                    Some(value.span),
                    "`licenses` must be a list, not a string",
                )
                .key_path("package.licenses")
                .help(format!(
                    "write `licenses: [{}]`; for a public package hex.build crashes on a bare \
                     string (Protocol.UndefinedError), and hex.pm rejects it with \"is invalid\"",
                    elixir_string(s)
                ));
            if let Some(span) = string_literal_span(ctx, value) {
                diag = diag.fix(
                    "wrap the license in a list",
                    span,
                    format!("[{}]", ctx.project.source.slice(span)),
                );
            }
            out.push(diag);
        }
        _ => out.push(
            ctx.diag(
                &RULE,
                Some(value.span),
                format!(
                    "`licenses` must be a list of strings, got `{}`",
                    value.inspect()
                ),
            )
            .key_path("package.licenses")
            .help("write e.g. `licenses: [\"Apache-2.0\"]`; hex.pm rejects anything but a list of strings with \"is invalid\""),
        ),
    }
}

/// One diagnostic for a bad list entry, or `None` when it is fine (or unknown).
fn check_entry(
    ctx: &Context,
    list: &Value,
    item: &Value,
    severity: Severity,
) -> Option<Diagnostic> {
    match &item.kind {
        ValueKind::Unknown { .. } => None,
        ValueKind::String(s) if license::is_valid(s) => None,
        ValueKind::String(s) => Some(invalid_text(ctx, list, item, s, severity)),
        ValueKind::Atom(a) if license::is_valid(a) => Some(atom_entry(ctx, item, a)),
        ValueKind::Atom(a) => Some(invalid_text(ctx, list, item, a, severity)),
        ValueKind::Nil => Some(invalid_text(ctx, list, item, "nil", severity)),
        ValueKind::Charlist(text) => {
            let mut diag = ctx
                .diag(
                    &RULE,
                    Some(item.span),
                    format!("license `{}` is a charlist, not a string", item.inspect()),
                )
                .severity(Severity::Error)
                .help(format!(
                    "write it as a string, {}; hex.pm rejects a list of integers with \"is invalid\"",
                    elixir_string(text)
                ));
            if license::is_valid(text) && !item.span.is_empty() {
                diag = diag.fix(
                    "write the license as a string",
                    item.span,
                    elixir_string(text),
                );
            }
            Some(diag)
        }
        _ => Some(
            ctx.diag(
                &RULE,
                Some(item.span),
                format!("license `{}` is not a string", item.inspect()),
            )
            .severity(Severity::Error)
            .help("each license must be a string with an SPDX identifier, e.g. \"MIT\"; hex.pm rejects the metadata with \"is invalid\""),
        ),
    }
}

/// `:MIT`: hex.build warns (it checks the atom), but hex.pm receives the string and accepts it.
fn atom_entry(ctx: &Context, item: &Value, atom: &str) -> Diagnostic {
    let mut diag = ctx
        .diag(
            &RULE,
            Some(item.span),
            format!("license `{}` is an atom, not a string", item.inspect()),
        )
        .severity(Severity::Warning)
        .help(format!(
            "write it as a string, \"{atom}\": hex.build warns that it is not recognized by SPDX; \
             hex.pm receives it as a string and accepts it"
        ));
    let source_text = ctx.project.source.slice(item.span);
    if source_text == item.inspect() || source_text == format!(":{}", elixir_string(atom)) {
        diag = diag.fix(
            "write the license as a string",
            item.span,
            elixir_string(atom),
        );
    }
    diag
}

/// An entry whose text Hex rejects, with the best suggestion as help (and fix when certain).
fn invalid_text(
    ctx: &Context,
    list: &Value,
    item: &Value,
    text: &str,
    severity: Severity,
) -> Diagnostic {
    let message = format!("invalid license \"{text}\": not an SPDX identifier that Hex accepts");
    let mut diag = ctx.diag(&RULE, Some(item.span), message).severity(severity);
    let suggestion = license::suggest(text);
    let help = match &suggestion {
        Some(Suggestion::Replace { id, note: None }) => format!("did you mean \"{id}\"?"),
        Some(Suggestion::Replace {
            id,
            note: Some(note),
        }) => {
            format!("did you mean \"{id}\"? ({note})")
        }
        Some(Suggestion::OneOf(ids)) if ids.len() == 1 => {
            format!("did you mean \"{}\"?", ids[0])
        }
        Some(Suggestion::OneOf(ids)) => format!(
            "\"{text}\" is ambiguous: use the exact id, one of {}",
            ids.iter()
                .map(|id| format!("\"{id}\""))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Some(Suggestion::Split { ids, conjunctive }) => {
            let mut help = format!(
                "Hex accepts one identifier per entry, not SPDX expressions: list them \
                 separately, `licenses: [{}]`",
                list_entries(ids)
            );
            if *conjunctive {
                help.push_str(
                    " (a list does not say whether all or any apply; explain it in your LICENSE file)",
                );
            }
            help
        }
        Some(Suggestion::Exception { base, exception }) => format!(
            "Hex cannot express license exceptions (`WITH {exception}`): list \"{base}\" and \
             state the exception in your LICENSE file, or use a `LicenseRef-…` id for the \
             combined terms"
        ),
        Some(Suggestion::FileName) => format!(
            "\"{text}\" looks like a file name: `licenses` takes SPDX identifiers such as \
             \"MIT\"; the license file itself is packaged through `files`"
        ),
        None => "use an identifier from https://spdx.org/licenses (exact case), or \
                 `LicenseRef-<name>` for a custom license"
            .to_string(),
    };
    diag = diag.help(help);
    let ids = suggestion.as_ref().and_then(Suggestion::replacement_ids);
    // Several entries can only replace a literal written inside the list itself (not, say, the
    // literal of a module attribute that the list reads).
    let in_list = |span: Span| list.span.start <= span.start && span.end <= list.span.end;
    let literal = string_literal_span(ctx, item)
        .filter(|&span| ids.as_ref().is_some_and(|ids| ids.len() == 1) || in_list(span));
    if let (Some(ids), Some(span)) = (ids, literal) {
        let description = match ids.as_slice() {
            [one] => format!("replace with \"{one}\""),
            _ => "split into one entry per license".to_string(),
        };
        diag = diag.fix(description, span, list_entries(&ids));
    }
    diag
}
