//! What git thinks of the packaged files: ignored (`.gitignore`, `.git/info/exclude`, the global
//! `core.excludesFile`) or untracked (absent from the index).
//!
//! Ignore rules come from the `ignore` crate. The index is read with one `git ls-files -z` run
//! (reading repository state; no project code and, with `core.fsmonitor` off, no hooks run).

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

/// Git's view of a set of packaged files.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GitStatus {
    /// Packaged files that the ignore rules exclude and that are not tracked.
    pub ignored: BTreeSet<String>,
    /// Packaged files that git does not track and that are not ignored. `None` outside a git
    /// work tree (or when git cannot be run): the untracked check is skipped then.
    pub untracked: Option<BTreeSet<String>>,
}

/// Compute the status of `files` (relative `/`-separated paths of packaged regular files and
/// symlinks under `root`). Paths inside `.git/` are left out: they are junk, not ignored files.
pub fn status(root: &Path, files: &[&str]) -> GitStatus {
    let files: Vec<&str> = files
        .iter()
        .copied()
        .filter(|f| !f.split('/').any(|c| c == ".git"))
        .collect();
    if files.is_empty() {
        return GitStatus::default();
    }
    let tracked = tracked_files(root);
    let not_ignored = walk_not_ignored(root, &files);
    let is_tracked = |f: &str| tracked.as_ref().is_some_and(|t| t.contains(f));
    let ignored: BTreeSet<String> = files
        .iter()
        .filter(|f| !not_ignored.contains(**f) && !is_tracked(f))
        .map(|f| f.to_string())
        .collect();
    let untracked = tracked.as_ref().map(|t| {
        files
            .iter()
            .filter(|f| !t.contains(**f) && !ignored.contains(**f))
            .map(|f| f.to_string())
            .collect()
    });
    GitStatus { ignored, untracked }
}

/// Walk only the directories that hold packaged files, with git's ignore rules on, and return the
/// files the walk yields (everything it does not yield is ignored).
fn walk_not_ignored(root: &Path, files: &[&str]) -> BTreeSet<String> {
    let mut dirs: BTreeSet<String> = BTreeSet::new();
    for f in files {
        let mut prefix = String::new();
        let parts: Vec<&str> = f.split('/').collect();
        for part in &parts[..parts.len().saturating_sub(1)] {
            if !prefix.is_empty() {
                prefix.push('/');
            }
            prefix.push_str(part);
            dirs.insert(prefix.clone());
        }
    }
    let root_buf = root.to_path_buf();
    let mut builder = ignore::WalkBuilder::new(root);
    builder
        .standard_filters(false)
        .git_ignore(true)
        .git_exclude(true)
        .git_global(true)
        .parents(true)
        .require_git(false)
        .follow_links(false)
        .filter_entry(move |entry| {
            if !entry.file_type().is_some_and(|t| t.is_dir()) {
                return true;
            }
            match entry.path().strip_prefix(&root_buf) {
                Ok(rel) if rel.as_os_str().is_empty() => true,
                Ok(rel) => dirs.contains(&slash_path(rel)),
                Err(_) => false,
            }
        });
    builder
        .build()
        .filter_map(Result::ok)
        .filter(|e| !e.file_type().is_some_and(|t| t.is_dir()))
        .filter_map(|e| e.path().strip_prefix(root).ok().map(slash_path))
        .collect()
}

fn slash_path(p: &Path) -> String {
    p.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// The tracked files under `root`, relative to it; `None` when `root` is not in a git work tree.
fn tracked_files(root: &Path) -> Option<BTreeSet<String>> {
    let output = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["-c", "core.fsmonitor=false", "ls-files", "-z", "--cached"])
        .stdin(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .output()
        .ok()?;
    if !output.status.success() {
        return None;
    }
    Some(
        output
            .stdout
            .split(|&b| b == 0)
            .filter(|p| !p.is_empty())
            .map(|p| String::from_utf8_lossy(p).into_owned())
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn git(dir: &Path, args: &[&str]) -> bool {
        Command::new("git")
            .arg("-C")
            .arg(dir)
            .args(args)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .output()
            .is_ok_and(|o| o.status.success())
    }

    #[test]
    fn ignored_and_untracked_in_a_repo() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        fs::create_dir_all(root.join("lib")).unwrap();
        fs::create_dir_all(root.join("priv/static")).unwrap();
        fs::write(root.join(".gitignore"), "/priv/static/\n*.log\n").unwrap();
        fs::write(root.join("lib/a.ex"), "x").unwrap();
        fs::write(root.join("lib/new.ex"), "x").unwrap();
        fs::write(root.join("lib/debug.log"), "x").unwrap();
        fs::write(root.join("priv/static/app.js"), "x").unwrap();
        if !git(root, &["init", "-q"]) || !git(root, &["add", "lib/a.ex", ".gitignore"]) {
            return; // no git on this machine: the untracked half cannot be tested
        }
        let got = status(
            root,
            &[
                "lib/a.ex",
                "lib/new.ex",
                "lib/debug.log",
                "priv/static/app.js",
            ],
        );
        assert_eq!(
            got.ignored.iter().map(String::as_str).collect::<Vec<_>>(),
            vec!["lib/debug.log", "priv/static/app.js"]
        );
        assert_eq!(
            got.untracked
                .unwrap()
                .iter()
                .map(String::as_str)
                .collect::<Vec<_>>(),
            vec!["lib/new.ex"]
        );
    }

    #[test]
    fn outside_a_repo_only_gitignore_counts() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        fs::create_dir_all(root.join("lib")).unwrap();
        fs::write(root.join(".gitignore"), "secret.txt\n").unwrap();
        fs::write(root.join("lib/a.ex"), "x").unwrap();
        fs::write(root.join("lib/secret.txt"), "x").unwrap();
        let got = status(root, &["lib/a.ex", "lib/secret.txt"]);
        assert_eq!(
            got.ignored.iter().map(String::as_str).collect::<Vec<_>>(),
            vec!["lib/secret.txt"]
        );
        assert_eq!(got.untracked, None);
    }
}
