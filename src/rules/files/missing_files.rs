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
        let text = pattern.text.trim_start_matches("./");
        let base = text.rsplit('/').next().unwrap_or(text);
        diag = if pattern.is_absolute() {
            diag.help(
                "this absolute path does not exist; Hex also never packages absolute paths \
                 (they are joined under the project root): use a path relative to the project",
            )
        } else if base.starts_with("checksum") && base.ends_with(".exs") {
            // Precompiled NIFs: the checksum file is made at release time and often git-ignored.
            let deps = |name: &str| {
                ctx.project
                    .deps
                    .iter()
                    .flat_map(|d| d.known())
                    .any(|d| d.app == name)
            };
            let how = if deps("rustler_precompiled") {
                "`mix rustler_precompiled.download YourNative.Module --all --print`"
            } else if deps("elixir_make") || deps("cc_precompiler") {
                "`mix elixir_make.checksum --all --ignore-unavailable`"
            } else {
                "the task of your precompilation tool"
            };
            diag.help(format!(
                "the checksum of the precompiled binaries is generated at release time: run {how} after the release builds finish, then publish (without it every user's download fails verification)"
            ))
        } else if let Some(module) = ctx
            .hygiene()
            .submodules(&files.root)
            .iter()
            .find(|m| text == m.as_str() || text.starts_with(&format!("{m}/")))
        {
            diag.help(format!(
                "`{module}` is a git submodule that is not checked out here: run `git submodule update --init` before publishing"
            ))
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
