//! `file-read-not-packaged`: code that runs while the package compiles (or mix.exs itself) reads
//! a file the package does not contain.

use crate::diagnostic::{Diagnostic, Severity};
use crate::files::FileSet;
use crate::modules::reads::ReadKind;
use crate::rules::{Context, Group, Rule};

pub static RULE: Rule = Rule {
    id: "file-read-not-packaged",
    group: Group::Files,
    severity: Severity::Error,
    summary: "mix.exs or compile-time code reads a file that is not packaged",
    doc: include_str!("../../../rules/file-read-not-packaged.md"),
    check,
};

/// `path` is a packaged file, or a directory with packaged files in it.
pub fn is_packaged(files: &FileSet, path: &str) -> bool {
    files.get(path).is_some()
        || files.entries.iter().any(|e| {
            e.path
                .strip_prefix(path)
                .is_some_and(|r| r.starts_with('/'))
        })
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let files = ctx.files();
    if files.unknown.is_some() || files.get("mix.exs").is_none() {
        return;
    }
    let mut missing: Vec<_> = ctx
        .modules()
        .reads
        .iter()
        .filter(|r| r.on_disk && !is_packaged(files, &r.read.path))
        .collect();
    missing.sort_by(|a, b| (&a.file, a.read.span.start).cmp(&(&b.file, b.read.span.start)));
    // One finding per missing file, at its first read, counting the other places.
    for (i, r) in missing.iter().enumerate() {
        if missing[..i].iter().any(|o| o.read.path == r.read.path) {
            continue;
        }
        let others = missing[i + 1..]
            .iter()
            .filter(|o| o.read.path == r.read.path)
            .count();
        let path = &r.read.path;
        let when = if r.file == "mix.exs" {
            "when Mix loads the project"
        } else {
            "at compile time"
        };
        let what = match r.read.kind {
            ReadKind::Read => format!("`{}` reads `{path}` {when}", r.read.via),
            ReadKind::ExternalResource => {
                format!("`@external_resource` names `{path}`, which the module is built from")
            }
        };
        let excluded = files.excluded.iter().any(|e| &e.entry.path == path);
        let why = if excluded {
            "it is left out by `exclude_patterns`"
        } else {
            "no `:files` pattern packages it"
        };
        let d = Diagnostic::new(
            RULE.id,
            RULE.severity,
            r.source.clone(),
            Some(r.read.span),
            format!(
                "{what}{}, but `{path}` is not in the package ({why}): the package builds from git and fails for every Hex user",
                match others {
                    0 => String::new(),
                    1 => " (and 1 more place reads it)".to_string(),
                    n => format!(" (and {n} more places read it)"),
                }
            ),
        )
        .help(format!(
            "add `{path}` (or its directory) to `package[:files]`, or stop reading it at compile time; `hexlint files` shows the packaged list and `hexlint verify` compiles the package as a user would"
        ));
        out.push(d);
    }
}
