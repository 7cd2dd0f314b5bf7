//! `unpackable-file`: what the file walk found that Hex cannot package as listed: a directory it
//! cannot list or a file it cannot read (the build crashes), a symlink loop (packaged again and
//! again), a dangling symlink, a name that is not UTF-8 (skipped), or a walk cut short by
//! hexlint's own limits. One finding per cause and path.

use crate::diagnostic::{Diagnostic, Severity};
use crate::files::Problem;
use crate::rules::{Context, Group, Rule};

pub static RULE: Rule = Rule {
    id: "unpackable-file",
    group: Group::Files,
    severity: Severity::Error,
    summary: "a listed path Hex cannot package as it is (unreadable, symlink loop, dangling symlink, non-UTF-8 name)",
    doc: include_str!("../../../rules/unpackable-file.md"),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let files = ctx.files();
    if files.unknown.is_some() {
        return;
    }
    let at = |pattern: usize, severity: Severity, message: String, help: &str| {
        ctx.diag(&RULE, files.span_for_pattern(pattern), message)
            .severity(severity)
            .key_path(format!("package.files[{pattern}]"))
            .help(help.to_string())
    };
    for problem in &files.problems {
        let diag = match problem {
            Problem::UnreadableDirectory {
                pattern,
                path,
                error,
            } => at(
                *pattern,
                Severity::Error,
                format!("directory {path} cannot be listed: {error}"),
                "`mix hex.build` lists every packaged directory with `File.ls!` and crashes here; \
                 fix its permissions or exclude it",
            ),
            Problem::SymlinkLoop { pattern, path } => at(
                *pattern,
                Severity::Error,
                format!("symlink loop at {path}: Hex packages the same files again and again"),
                "Erlang's wildcard follows the link into itself until the OS refuses (about 40 \
                 levels), so the package holds ~40 copies of the directory; remove the link or \
                 add it to `exclude_patterns`",
            ),
            Problem::DanglingSymlink {
                pattern,
                path,
                error,
            } => at(
                *pattern,
                Severity::Warning,
                format!("dangling symlink {path}: {error}"),
                "Hex packages the link as it is, and it points to nothing on users' machines; \
                 remove it or exclude it",
            ),
            Problem::NonUtf8Name { pattern, path } => at(
                *pattern,
                Severity::Warning,
                format!("file name is not valid UTF-8: {path} (Hex skips it)"),
                "Erlang ignores file names that are not UTF-8 (\"Non-unicode filename … \
                 ignored\"), so this file is not packaged; rename it",
            ),
            Problem::WalkLimit { pattern, limit } => at(
                *pattern,
                Severity::Warning,
                format!("the file list is incomplete: the walk stopped at hexlint's {limit} limit"),
                "the pattern reaches far more files than a package holds; narrow it",
            ),
            Problem::AbsolutePattern { .. } | Problem::OutsideRoot { .. } => continue,
        };
        out.push(diag);
    }
    // A listed file that cannot be read: `File.read!` in the build crashes.
    for entry in files.entries.iter().filter(|e| e.is_file()) {
        let Some(error) = &entry.read_error else {
            continue;
        };
        out.push(at(
            entry.pattern,
            Severity::Error,
            format!("file {} cannot be read: {error}", entry.path),
            "`mix hex.build` reads every packaged file and crashes here; fix its permissions \
             or exclude it",
        ));
    }
}
