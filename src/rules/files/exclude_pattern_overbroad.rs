//! `exclude-pattern-overbroad`: an exclude string that also removes source files it was not meant
//! for, and an anchored regex on a directory that leaves the directory's files in.

use crate::diagnostic::{Diagnostic, Severity};
use crate::files::hygiene::list_paths;
use crate::files::{ExcludeKind, ExcludedBy};
use crate::rules::{Context, Group, Rule};

pub static RULE: Rule = Rule {
    id: "exclude-pattern-overbroad",
    group: Group::Files,
    severity: Severity::Warning,
    summary: "an exclude pattern removes more, or less, than it seems to",
    doc: include_str!("../../../rules/exclude-pattern-overbroad.md"),
    check,
};

const SHOWN: usize = 5;

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let files = ctx.files();
    if files.unknown.is_some() {
        return;
    }
    for (index, pattern) in files.exclude_patterns.iter().enumerate() {
        let excluded: Vec<&str> = files
            .excluded
            .iter()
            .filter(|x| x.reason == ExcludedBy::Pattern(index))
            .map(|x| x.entry.path.as_str())
            .collect();
        let key_path = format!("package.exclude_patterns[{index}]");
        match &pattern.kind {
            ExcludeKind::Substring(s) if !s.is_empty() => {
                let collateral: Vec<&str> = excluded
                    .iter()
                    .copied()
                    .filter(|p| is_source(p) && !s.contains('/') && only_inside_words(p, s))
                    .collect();
                if collateral.is_empty() {
                    continue;
                }
                out.push(
                    ctx.diag(
                        &RULE,
                        Some(pattern.span),
                        format!(
                            "{s:?} is a substring test, so it also removes {}",
                            list_paths(&collateral, SHOWN)
                        ),
                    )
                    .key_path(key_path)
                    .help(format!(
                        "anchor it with a regex on whole path segments, e.g. `~r/(^|\\/){}(\\/|$)/`",
                        regex::escape(s).replace('/', "\\/")
                    )),
                );
            }
            ExcludeKind::Regex { source, regex, .. } => {
                // Directory entries this regex removed whose files are still packaged.
                for dir in files
                    .excluded
                    .iter()
                    .filter(|x| x.reason == ExcludedBy::Pattern(index) && x.entry.is_dir())
                {
                    let prefix = format!("{}/", dir.entry.path);
                    let kept: Vec<&str> = files
                        .entries
                        .iter()
                        .filter(|e| e.path.starts_with(&prefix) && !regex.is_match(&e.path))
                        .map(|e| e.path.as_str())
                        .collect();
                    if kept.is_empty() {
                        continue;
                    }
                    out.push(
                        ctx.diag(
                            &RULE,
                            Some(pattern.span),
                            format!(
                                "{} removes only the directory entry `{}`; its contents are \
                                 still packaged: {}",
                                pattern.display(),
                                dir.entry.path,
                                list_paths(&kept, SHOWN)
                            ),
                        )
                        .key_path(key_path.clone())
                        .help(match source.strip_suffix('$') {
                            Some(stem) => format!(
                                "Hex tests each path separately; match the directory and \
                                 everything under it with `~r/{stem}(\\/|$)/`"
                            ),
                            None => "Hex tests each path separately; make the regex match the \
                                     paths under the directory too"
                                .to_string(),
                        }),
                    );
                }
            }
            _ => {}
        }
    }
}

/// Source files under `lib/` or `src/`: the files a package is for.
fn is_source(path: &str) -> bool {
    (path.starts_with("lib/") || path.starts_with("src/"))
        && [".ex", ".exs", ".erl", ".hrl", ".eex", ".heex"]
            .iter()
            .any(|e| path.ends_with(e))
}

/// Every occurrence of `needle` in `path` sits inside a larger word (`test` in `latest.ex`),
/// never as a whole segment or a `_`/`-`/`.`-separated part of one (`test_helper.exs`).
fn only_inside_words(path: &str, needle: &str) -> bool {
    let is_boundary = |c: Option<char>| c.is_none_or(|c| matches!(c, '/' | '.' | '_' | '-'));
    let mut any = false;
    for (at, _) in path.match_indices(needle) {
        any = true;
        let before = path[..at].chars().next_back();
        let after = path[at + needle.len()..].chars().next();
        if is_boundary(before) && is_boundary(after) {
            return false;
        }
    }
    any
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inside_words() {
        assert!(only_inside_words("lib/latest.ex", "test"));
        assert!(!only_inside_words("lib/test/helper.ex", "test"));
        assert!(!only_inside_words("lib/app/test_helper.ex", "test"));
        assert!(!only_inside_words("lib/latest/test.ex", "test"));
        assert!(!only_inside_words("lib/app.ex", "test"));
    }
}
