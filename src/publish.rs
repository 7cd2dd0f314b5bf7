//! What a `mix hex.publish` invocation will do, read from its arguments, plus the repository facts
//! the publish checks need. Computed once by `hexlint publish`; rules read it from the Context.

use std::path::Path;
use std::process::Command;

/// The parsed `mix hex.publish` arguments (Hex's `@switches`: revert, progress, organization,
/// organisation, yes, dry_run, replace; positional `package` or `docs`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PublishPlan {
    /// The arguments exactly as they will be passed to mix.
    pub args: Vec<String>,
    /// Whether the package tarball is published (`mix hex.publish` or `… package`).
    pub package: bool,
    /// Whether docs are built and published (`mix hex.publish` or `… docs`).
    pub docs: bool,
    pub dry_run: bool,
    pub yes: bool,
    pub replace: bool,
    pub revert: Option<String>,
    pub organization: Option<String>,
    /// The British spelling, which Hex parses and then never reads.
    pub organisation: Option<String>,
    /// Facts about the git repository around the project.
    pub git: GitFacts,
    /// The project's changelog file name and text, when there is one.
    pub changelog: Option<(String, String)>,
    /// The baseline to compare the API with (`hexlint semver`'s checks); `None` when disabled
    /// (`--no-semver`).
    pub semver: Option<crate::semver_diff::baseline::BaselineSpec>,
}

/// What git says about the project directory (empty outside a repository).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GitFacts {
    pub is_repo: bool,
    /// `git status --porcelain` lines for the project directory.
    pub uncommitted: Vec<String>,
    pub tags: Vec<String>,
}

impl PublishPlan {
    /// Read Hex's switches the way `OptionParser.parse!(args, strict: @switches)` does.
    pub fn parse(args: &[String]) -> PublishPlan {
        let mut plan = PublishPlan {
            args: args.to_vec(),
            ..PublishPlan::default()
        };
        let mut positional = Vec::new();
        let mut iter = args.iter().peekable();
        while let Some(arg) = iter.next() {
            let (name, inline) = match arg.split_once('=') {
                Some((n, v)) if arg.starts_with("--") => (n, Some(v.to_string())),
                _ => (arg.as_str(), None),
            };
            let value = |iter: &mut std::iter::Peekable<std::slice::Iter<String>>| {
                inline.clone().or_else(|| iter.next().cloned())
            };
            match name {
                "--dry-run" => plan.dry_run = true,
                "--yes" => plan.yes = true,
                "--replace" => plan.replace = true,
                "--revert" => plan.revert = value(&mut iter),
                "--organization" => plan.organization = value(&mut iter),
                "--organisation" => plan.organisation = value(&mut iter),
                _ if !arg.starts_with('-') => positional.push(arg.clone()),
                _ => {}
            }
        }
        match positional.first().map(String::as_str) {
            Some("package") => plan.package = true,
            Some("docs") => plan.docs = true,
            _ => {
                plan.package = true;
                plan.docs = true;
            }
        }
        plan
    }

    /// Is nobody there to read warnings and answer prompts? (`--yes`, no TTY, or `CI=true`.)
    pub fn unattended(&self) -> bool {
        use std::io::IsTerminal;
        self.yes
            || !std::io::stdin().is_terminal()
            || std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
    }

    /// Read the facts the publish checks need: git state and the changelog.
    pub fn read_repo(&mut self, dir: &Path) {
        self.read_git(dir);
        self.changelog = find_changelog(dir);
    }

    /// Ask git about `dir` (read-only commands; no project code runs).
    fn read_git(&mut self, dir: &Path) {
        let git = |args: &[&str]| {
            Command::new("git")
                .arg("-C")
                .arg(dir)
                .args(args)
                .output()
                .ok()
                .filter(|o| o.status.success())
                .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        };
        let Some(_) = git(&["rev-parse", "--is-inside-work-tree"]) else {
            return;
        };
        self.git.is_repo = true;
        self.git.uncommitted = git(&["status", "--porcelain", "--", "."])
            .unwrap_or_default()
            .lines()
            .map(str::to_string)
            .collect();
        self.git.tags = git(&["tag", "--list"])
            .unwrap_or_default()
            .lines()
            .map(str::to_string)
            .collect();
    }
}

/// `CHANGELOG*`/`CHANGES*`/`HISTORY*` in any letter case, at the project root (largest 4 MiB).
fn find_changelog(dir: &Path) -> Option<(String, String)> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| {
            let lower = n.to_ascii_lowercase();
            ["changelog", "changes", "history"]
                .iter()
                .any(|p| lower.starts_with(p))
        })
        .collect();
    names.sort();
    let name = names.into_iter().next()?;
    let path = dir.join(&name);
    if std::fs::metadata(&path).ok()?.len() > 4 * 1024 * 1024 {
        return None;
    }
    let text = String::from_utf8_lossy(&std::fs::read(path).ok()?).into_owned();
    Some((name, text))
}

/// Does the changelog mention `version` as a whole token (`## v1.2.0`, `[1.2.0]`, `1.2.0 (2026-…)`)?
pub fn changelog_mentions(text: &str, version: &str) -> bool {
    text.match_indices(version).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + version.len()..].chars().next();
        let boundary = |c: Option<char>| {
            c.is_none_or(|c| !(c.is_ascii_alphanumeric() || c == '.' || c == '-'))
        };
        (boundary(before) || before == Some('v')) && boundary(after)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(args: &[&str]) -> PublishPlan {
        PublishPlan::parse(&args.iter().map(|s| s.to_string()).collect::<Vec<_>>())
    }

    #[test]
    fn default_publishes_package_and_docs() {
        let p = plan(&[]);
        assert!(p.package && p.docs && !p.dry_run);
    }

    #[test]
    fn reads_hex_switches() {
        let p = plan(&[
            "package",
            "--dry-run",
            "--revert=1.0.0",
            "--organisation",
            "acme",
        ]);
        assert!(p.package && !p.docs && p.dry_run);
        assert_eq!(p.revert.as_deref(), Some("1.0.0"));
        assert_eq!(p.organisation.as_deref(), Some("acme"));
        assert_eq!(p.organization, None);
        assert!(plan(&["docs", "--yes"]).yes);
        assert!(!plan(&["docs"]).package);
    }

    #[test]
    fn changelog_version_must_be_a_whole_token() {
        assert!(changelog_mentions("## v1.2.0 (2026-01-01)", "1.2.0"));
        assert!(changelog_mentions("## [1.2.0] - 2026", "1.2.0"));
        assert!(!changelog_mentions("## v1.2.0-rc.1", "1.2.0"));
        assert!(!changelog_mentions("## v11.2.0", "1.2.0"));
        assert!(!changelog_mentions("## v1.2.01", "1.2.0"));
    }
}
