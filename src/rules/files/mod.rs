//! Rules of the `files` group, one per file.

// files: Hex parity
pub mod empty_file_list;
pub mod metadata_too_large;
pub mod missing_files;
pub mod package_too_large;
pub mod reserved_file;
pub mod unpackable_file;
pub mod unsafe_path;
pub mod unsafe_symlink;
pub mod unsupported_file_type;

// files: hygiene (Hex has none of these checks)
pub mod exclude_pattern_never_matches;
pub mod exclude_pattern_overbroad;
pub mod file_read_not_packaged;
pub mod grammar_not_compiled;
pub mod ignored_file_packaged;
pub mod junk_file_packaged;
pub mod large_file;
pub mod license_text_mismatch;
pub mod missing_build_file;
pub mod missing_license_file;
pub mod missing_readme;
pub mod non_portable_path;
pub mod precompiled_checksum_missing;
pub mod sensitive_file_packaged;

/// A safe fix that adds `name` to `package[:files]` when that is a literal list of string
/// literals written in mix.exs (where it is defined: an attribute's or a helper's list too).
/// `None` when `files:` is absent (Hex's defaults apply) or built by code.
pub(crate) fn add_to_files_fix(
    ctx: &crate::rules::Context,
    name: &str,
) -> Option<crate::diagnostic::Fix> {
    use crate::diagnostic::{Edit, Fix};
    use crate::source::Span;
    let files = ctx.project.package.as_ref()?.get("files")?;
    let items = files.as_list()?;
    let source = &ctx.project.source;
    let text = source.slice(files.span);
    if !text.starts_with('[') || !text.ends_with(']') {
        return None;
    }
    let inside = |s: Span| files.span.start < s.start && s.end < files.span.end;
    let literal = |v: &crate::mixexs::value::Value| {
        v.as_str().is_some() && inside(v.span) && source.slice(v.span).starts_with('"')
    };
    if !items.iter().all(literal) {
        return None;
    }
    let quoted = format!("{name:?}");
    let edit = match items.last() {
        Some(last) => Edit {
            span: Span::new(last.span.end, last.span.end),
            replacement: format!(", {quoted}"),
        },
        None => Edit {
            span: Span::new(files.span.start + 1, files.span.end - 1),
            replacement: quoted,
        },
    };
    Some(Fix::safe(format!("add \"{name}\" to `files`"), vec![edit]))
}
