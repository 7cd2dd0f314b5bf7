//! `junk-file-packaged`: build output, tool state and editor leftovers in the package, and `:files`
//! patterns that reach into the whole project or its dot-directories.

use crate::diagnostic::{Diagnostic, Severity};
use crate::files::hygiene::junk::{self, Junk};
use crate::files::hygiene::{list_paths, origin, pattern_key_path, pattern_label, pattern_span};
use crate::rules::{Context, Group, Rule};
use std::collections::BTreeMap;

pub static RULE: Rule = Rule {
    id: "junk-file-packaged",
    group: Group::Files,
    severity: Severity::Warning,
    summary: "build artifacts, tool state or editor leftovers are packaged",
    doc: include_str!("../../../rules/junk-file-packaged.md"),
    check,
};

const SHOWN: usize = 5;

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let files = ctx.files();
    if files.unknown.is_some() {
        return;
    }
    let name = ctx
        .project
        .package_name()
        .and_then(|v| v.as_str_or_atom())
        .map(str::to_string);

    // The strong warning: a pattern that takes the whole project directory.
    for (index, pattern) in files.patterns.iter().enumerate() {
        if pattern.is_explicit() && is_whole_project(&pattern.text) {
            out.push(
                ctx.diag(
                    &RULE,
                    pattern_span(ctx.project, files, index),
                    format!(
                        "{:?} packages the entire project directory, with every dot-directory \
                         (.git included) and build artifact in it: this is almost never what you \
                         want",
                        pattern.text
                    ),
                )
                .key_path(pattern_key_path(files, index))
                .help(
                    "list what the package needs instead, e.g. \
                     `files: ~w(lib priv mix.exs README.md LICENSE CHANGELOG.md)`",
                ),
            );
        }
    }

    // Junk entries, one finding per pattern and kind of junk.
    let mut groups: BTreeMap<(usize, &'static str), (Junk, Vec<&str>)> = BTreeMap::new();
    // Dot-directories each pattern reaches (that are not junk already).
    let mut dot_dirs: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    for entry in files.entries.iter().filter(|e| !e.outside_root) {
        if let Some(kind) = junk::junk_kind(&entry.path, name.as_deref()) {
            // `files: ["doc"]` names the docs directory itself: shipped on purpose (committed
            // edoc). Never so for `.git`, `_build` or `deps`.
            let named = files.patterns.get(entry.pattern).is_some_and(|p| {
                matches!(kind, Junk::Directory("doc")) && p.text.trim_end_matches('/') == "doc"
            });
            if !entry.is_dir() && !named {
                groups
                    .entry((entry.pattern, kind.group()))
                    .or_insert_with(|| (kind, Vec::new()))
                    .1
                    .push(&entry.path);
            }
            continue;
        }
        if let Some(prefix) = junk::dot_directory(&entry.path) {
            let list = dot_dirs.entry(entry.pattern).or_default();
            if !list.iter().any(|d| d == prefix) {
                list.push(prefix.to_string());
            }
        }
    }
    for ((pattern, _), (kind, paths)) in groups {
        let (count, noun) = if paths.len() == 1 {
            (1, "file")
        } else {
            (paths.len(), "files")
        };
        let what = match &kind {
            Junk::Directory(d) => format!("{count} {noun} inside `{d}/`"),
            other => format!("{count} {noun} matching {}", other.describe()),
        };
        out.push(
            ctx.diag(
                &RULE,
                pattern_span(ctx.project, files, pattern),
                format!(
                    "{what} {}: {}",
                    origin(files, pattern, &paths),
                    list_paths(&paths, SHOWN)
                ),
            )
            .key_path(pattern_key_path(files, pattern))
            .help(junk_help(&kind)),
        );
    }
    for (pattern, dirs) in dot_dirs {
        if files
            .patterns
            .get(pattern)
            .is_some_and(|p| p.is_explicit() && is_whole_project(&p.text))
        {
            continue; // already reported, more strongly
        }
        let dirs_text: Vec<String> = dirs.iter().map(|d| format!("{d}/")).collect();
        out.push(
            ctx.diag(
                &RULE,
                pattern_span(ctx.project, files, pattern),
                format!(
                    "{} reaches into dot-directories, packaging their contents: {}",
                    pattern_label(files, pattern),
                    list_paths(&dirs_text, SHOWN)
                ),
            )
            .key_path(pattern_key_path(files, pattern))
            .help(
                "dot-directories hold tool and editor state; Hex's directory walk includes them, \
                 so exclude them with an anchored `exclude_patterns` regex or list narrower paths",
            ),
        );
    }
}

/// `"."` (or `"./"`): the project directory itself, walked with every dotfile in it.
fn is_whole_project(pattern: &str) -> bool {
    matches!(pattern.trim_end_matches('/'), "." | "")
}

fn junk_help(kind: &Junk) -> String {
    match kind {
        Junk::Directory(d) => format!(
            "`{d}/` is build output or tool state; narrow `files` or add \
             `exclude_patterns: [~r/(^|\\/){}\\//]`",
            regex::escape(d)
        ),
        Junk::PreviousBuild => {
            "delete the old tarball, or narrow `files` so the project root is not packaged".into()
        }
        Junk::File(_) => {
            "delete the file, or leave it out with an `exclude_patterns` regex".to_string()
        }
    }
}
