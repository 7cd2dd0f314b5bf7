//! `empty-file-list`: the package would contain no files (Hex: "File list was empty").

use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Context, Group, Rule};

pub static RULE: Rule = Rule {
    id: "empty-file-list",
    group: Group::Files,
    severity: Severity::Error,
    summary: "The package file list is empty (mix hex.build stops with \"File list was empty\")",
    doc: include_str!("../../../rules/empty-file-list.md"),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let files = ctx.files();
    if files.unknown.is_some() || !files.entries.is_empty() {
        return;
    }
    let span = files.files_key_span.or(files.package_span);
    let (message, help) = if files.root_has_glob_chars {
        (
            format!(
                "The package file list is empty because the project path {} contains glob characters",
                files.root.display()
            ),
            "Hex joins the project path into every `files:` pattern before globbing, so `[`, `{`, \
             `*` or `?` in a directory name make every pattern match nothing; move or rename the \
             project directory"
                .to_string(),
        )
    } else if files.explicit && files.patterns.is_empty() {
        (
            "The package file list is empty: `files: []` packages nothing".to_string(),
            "an empty list is not the default (only a missing or nil `:files` is): list the \
             files, or remove the key to use Hex's defaults"
                .to_string(),
        )
    } else if !files.excluded.is_empty() {
        (
            "The package file list is empty: `exclude_patterns` removes every file".to_string(),
            "a string in `exclude_patterns` removes every path that contains it".to_string(),
        )
    } else {
        (
            "The package file list is empty: no `files:` pattern matches anything".to_string(),
            if files.explicit {
                "check the `files:` patterns against the project tree".to_string()
            } else {
                "none of Hex's default files exists (lib, priv, mix.exs, README*, LICENSE*, …): \
                 add `files:` under `package:`"
                    .to_string()
            },
        )
    };
    let mut diag = ctx.diag(&RULE, span, message).help(help);
    if files.files_key_span.is_some() {
        diag = diag.key_path("package.files");
    }
    out.push(diag);
}
