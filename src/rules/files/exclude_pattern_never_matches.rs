//! `exclude-pattern-never-matches`: a glob-looking `exclude_patterns` string that removes nothing
//! (Hex tests strings as substrings, not globs).

use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::files::{ExcludeKind, ExcludedBy};
use crate::rules::{Context, Group, Rule};

pub static RULE: Rule = Rule {
    id: "exclude-pattern-never-matches",
    group: Group::Files,
    severity: Severity::Warning,
    summary: "a glob-like exclude pattern string excludes nothing (Hex tests it as a substring)",
    doc: include_str!("../../../rules/exclude-pattern-never-matches.md"),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let files = ctx.files();
    if files.unknown.is_some() {
        return;
    }
    for (index, pattern) in files.exclude_patterns.iter().enumerate() {
        let used = files
            .excluded
            .iter()
            .any(|x| x.reason == ExcludedBy::Pattern(index));
        if used {
            continue;
        }
        let key_path = format!("package.exclude_patterns[{index}]");
        match &pattern.kind {
            ExcludeKind::Substring(s) if s.contains(['*', '?', '[', '{']) => {
                let mut diag = ctx
                    .diag(
                        &RULE,
                        Some(pattern.span),
                        format!(
                            "{:?} is tested as a substring, not a glob: it only excludes paths \
                             containing a literal {}",
                            s,
                            glob_chars(s)
                        ),
                    )
                    .key_path(key_path)
                    .help(
                        "Hex checks `path =~ pattern`; use a regex such as `~r/\\.log$/` for \
                         \"*.log\"",
                    );
                if let Some(regex) = glob_to_regex(s) {
                    diag = diag
                        .fix(format!("replace with {regex}"), pattern.span, regex.clone())
                        .fix_applicability(Applicability::Unsafe);
                }
                out.push(diag);
            }
            // Any other pattern that removes nothing is not reported: most are protective
            // (`~r/priv\/plts/`, `~r/.*~$/` for files that may exist later or only on some
            // machines), and hexlint cannot tell them from mistakes.
            _ => {}
        }
    }
}

fn glob_chars(s: &str) -> String {
    let mut chars: Vec<String> = Vec::new();
    for c in s.chars().filter(|c| matches!(c, '*' | '?' | '[' | '{')) {
        let shown = format!("`{c}`");
        if !chars.contains(&shown) {
            chars.push(shown);
        }
    }
    chars.join(" and ")
}

/// A regex for the simple glob shapes (`*.log`, `tmp/*`, `**/*.bak`); `None` for anything else.
fn glob_to_regex(glob: &str) -> Option<String> {
    if glob.contains(['[', '{', '/']) && !glob.ends_with("/*") && !glob.starts_with("**/") {
        return None;
    }
    if let Some(ext) = glob
        .strip_prefix("**/*")
        .or_else(|| glob.strip_prefix('*'))
        .filter(|e| !e.contains(['*', '?', '[', '{', '/']))
    {
        return Some(format!("~r/{}$/", escape(ext)));
    }
    if let Some(dir) = glob
        .strip_suffix("/*")
        .or_else(|| glob.strip_suffix("/**"))
        .filter(|d| !d.is_empty() && !d.contains(['*', '?', '[', '{']))
    {
        return Some(format!("~r/^{}\\//", escape(dir)));
    }
    None
}

fn escape(text: &str) -> String {
    regex::escape(text).replace('/', "\\/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glob_shapes() {
        assert_eq!(glob_to_regex("*.log").as_deref(), Some("~r/\\.log$/"));
        assert_eq!(glob_to_regex("**/*.bak").as_deref(), Some("~r/\\.bak$/"));
        assert_eq!(glob_to_regex("tmp/*").as_deref(), Some("~r/^tmp\\//"));
        assert_eq!(
            glob_to_regex("priv/a/*").as_deref(),
            Some("~r/^priv\\/a\\//")
        );
        assert_eq!(glob_to_regex("a*b*c"), None);
        assert_eq!(glob_to_regex("{a,b}"), None);
        assert_eq!(glob_chars("*.l?g*"), "`*` and `?`");
    }
}
