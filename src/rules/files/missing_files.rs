//! `missing-files`: an explicit `:files` pattern that matches nothing (Hex: "Missing files: …").

use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Context, Group, Rule};

pub static RULE: Rule = Rule {
    id: "missing-files",
    group: Group::Files,
    severity: Severity::Error,
    summary: "A `:files` pattern matches no file (mix hex.build stops with \"Missing files\")",
    doc: include_str!("../../../rules/missing-files.md"),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let files = ctx.files();
    if files.unknown.is_some() || !files.explicit {
        return;
    }
    for (i, pattern) in files.patterns.iter().enumerate() {
        if !pattern.raw_matches_nothing {
            continue;
        }
        let mut diag = ctx
            .diag(
                &RULE,
                pattern.span(),
                format!("Missing files: {}", pattern.text),
            )
            .key_path(format!("package.files[{i}]"));
        diag = if pattern.is_absolute() {
            diag.help(
                "this absolute path does not exist; Hex also never packages absolute paths \
                 (they are joined under the project root): use a path relative to the project",
            )
        } else {
            diag.help(format!(
                "no file or directory matches `{}` in {}; fix the path, or remove it from `files:`",
                pattern.text,
                files.root.display()
            ))
        };
        out.push(diag);
    }
}
