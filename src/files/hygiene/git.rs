//! What git thinks of the packaged files: ignored (`.gitignore`, `.git/info/exclude`, the global
//! `core.excludesFile`) or untracked (absent from the index).
//!
//! The index is read in-process (`gix-discover` finds the repository, `gix-index` decodes it);
//! setups that reading would get wrong (`GIT_DIR`-style variables, `core.worktree`, sparse or
//! SHA-256 indexes, repositories owned by another user) are left to one `git ls-files -z` run
//! instead (reading repository state; no project code and, with `core.fsmonitor` off, no hooks
//! run). Ignore rules come from the `ignore` crate and are only consulted for files that the
//! index does not hold: git never ignores a tracked file.

use foldhash::{HashSet, HashSetExt};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
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
    let is_tracked = |f: &str| tracked.as_ref().is_some_and(|t| t.contains(f));
    let not_in_index: Vec<&str> = files.iter().copied().filter(|f| !is_tracked(f)).collect();
    let not_ignored = if not_in_index.is_empty() {
        BTreeSet::new()
    } else {
        walk_not_ignored(root, &not_in_index)
    };
    let ignored: BTreeSet<String> = not_in_index
        .iter()
        .filter(|f| !not_ignored.contains(**f))
        .map(|f| f.to_string())
        .collect();
    let untracked = tracked.as_ref().map(|_| {
        not_in_index
            .iter()
            .filter(|f| !ignored.contains(**f))
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
/// Hashed: a large repository's paths share long prefixes, which a tree would compare over and
/// over.
fn tracked_files(root: &Path) -> Option<HashSet<String>> {
    match read_index(root) {
        IndexRead::Tracked(files) => Some(files),
        IndexRead::NotAWorkTree => None,
        IndexRead::AskGit => ls_files(root),
    }
}

/// What reading the index in-process found out.
enum IndexRead {
    Tracked(HashSet<String>),
    NotAWorkTree,
    /// A setup the in-process reader does not model: let `git ls-files` decide.
    AskGit,
}

/// Variables that change where git finds the repository, its work tree or its index.
const GIT_LOCATION_VARIABLES: &[&str] = &[
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_INDEX_FILE",
    "GIT_COMMON_DIR",
    "GIT_CEILING_DIRECTORIES",
    "GIT_DISCOVERY_ACROSS_FILESYSTEM",
];

/// Read the tracked files under `root` from the index, as `git ls-files --cached` lists them.
fn read_index(root: &Path) -> IndexRead {
    use IndexRead::AskGit;
    if GIT_LOCATION_VARIABLES
        .iter()
        .any(|v| std::env::var_os(v).is_some())
    {
        return AskGit;
    }
    if broken_gitfile(root) {
        return IndexRead::NotAWorkTree;
    }
    let (found, trust) = match gix_discover::upwards(root) {
        Ok(found) => found,
        Err(err) => {
            use gix_discover::upwards::Error;
            return match err.downcast_any_ref::<Error>() {
                Some(Error::NoGitRepository { .. } | Error::NoGitRepositoryWithinFs { .. }) => {
                    IndexRead::NotAWorkTree
                }
                _ => AskGit,
            };
        }
    };
    // Another user's repository: git applies `safe.directory` and may refuse it.
    if trust != gix_sec::Trust::Full {
        return AskGit;
    }
    let (git_dir, Some(work_tree)) = found.into_repository_and_work_tree_directories() else {
        return AskGit; // bare, or a work tree only configuration knows
    };
    if config_outside_the_model(&git_dir) {
        return AskGit;
    }
    let (Ok(work_tree), Ok(root)) = (work_tree.canonicalize(), root.canonicalize()) else {
        return AskGit;
    };
    let Ok(prefix) = root.strip_prefix(&work_tree) else {
        return AskGit;
    };
    let prefix = slash_path(prefix);
    let index_path = git_dir.join("index");
    if !index_path.exists() {
        return IndexRead::Tracked(HashSet::new()); // a fresh `git init`: nothing tracked yet
    }
    // SHA-1 (SHA-256 repositories declare `objectFormat` and went to git above). The trailing
    // checksum is not verified: hashing the whole index would cost more than decoding it.
    let Ok(index) = gix_index::File::at(
        &index_path,
        gix_hash::Kind::Sha1,
        true,
        gix_index::decode::Options::default(),
    ) else {
        return AskGit;
    };
    if index.is_sparse() {
        return AskGit;
    }
    let tracked = index
        .entries()
        .iter()
        .filter_map(|entry| {
            let path = entry.path(&index);
            let path = String::from_utf8_lossy(path.as_ref());
            if prefix.is_empty() {
                Some(path.into_owned())
            } else {
                path.strip_prefix(prefix.as_str())?
                    .strip_prefix('/')
                    .map(str::to_string)
            }
        })
        .collect();
    IndexRead::Tracked(tracked)
}

/// Is the nearest `.git` above `root` a file that does not lead to a repository (a dangling
/// `gitdir:`, or not a gitfile at all)? git then stops with "not a git repository" instead of
/// looking further up, so the enclosing repository must not be used either.
fn broken_gitfile(root: &Path) -> bool {
    let Ok(start) = root.canonicalize() else {
        return false;
    };
    for dir in start.ancestors() {
        let dot_git = dir.join(".git");
        let Ok(meta) = std::fs::symlink_metadata(&dot_git) else {
            continue;
        };
        if !meta.is_file() {
            return false; // a directory (or a link to one): gix-discover decides, as git does
        }
        let Ok(text) = std::fs::read_to_string(&dot_git) else {
            return true;
        };
        return match text.trim_end().strip_prefix("gitdir:") {
            Some(target) => !dir.join(target.trim()).is_dir(),
            None => true,
        };
    }
    false
}

/// Does the repository's config use what the in-process reader does not model? `core.worktree`
/// (or per-worktree config) can move the work tree away from the `.git`, and
/// `extensions.objectFormat` can make the index SHA-256; an `include` could bring either in. A
/// linked worktree's `git_dir` names the shared directory (with the repository's config) in
/// `commondir`. Other settings, such as the `extensions.worktreeConfig` and `core.sparseCheckout`
/// that `git sparse-checkout` writes, leave the index readable as it is.
fn config_outside_the_model(git_dir: &Path) -> bool {
    let common_dir = std::fs::read_to_string(git_dir.join("commondir")).map_or_else(
        |_| git_dir.to_path_buf(),
        |common| git_dir.join(common.trim()),
    );
    let outside = |path: PathBuf| match std::fs::read(path) {
        Ok(bytes) => config_text_outside_the_model(&bytes),
        Err(err) => err.kind() != std::io::ErrorKind::NotFound,
    };
    outside(common_dir.join("config")) || outside(git_dir.join("config.worktree"))
}

/// The check of [`config_outside_the_model`] on one config file's text; text that does not parse
/// is outside too.
fn config_text_outside_the_model(bytes: &[u8]) -> bool {
    let meta = gix_config::file::Metadata::from(gix_config::Source::Local);
    let Ok(config) = gix_config::File::from_bytes_no_includes(bytes, meta, Default::default())
    else {
        return true;
    };
    config.raw_value("core.worktree").is_ok()
        || config.raw_value("extensions.objectFormat").is_ok()
        || ["include", "includeIf"]
            .iter()
            .any(|name| config.sections_by_name(name).is_some())
}

/// The tracked files under `root` from `git ls-files`; `None` when git fails (not a work tree,
/// git missing, a repository git refuses).
fn ls_files(root: &Path) -> Option<HashSet<String>> {
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

#[cfg(test)]
mod index_reader_tests {
    use super::*;
    use std::fs;

    /// Run git in `dir` with a fixed identity; panics on failure (git is a test requirement).
    fn git(dir: &Path, args: &[&str]) {
        let out = Command::new("git")
            .arg("-C")
            .arg(dir)
            .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
            .args(args)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .output()
            .expect("git runs");
        assert!(out.status.success(), "git {args:?}: {out:?}");
    }

    fn tracked(root: &Path) -> HashSet<String> {
        match read_index(root) {
            IndexRead::Tracked(files) => files,
            IndexRead::NotAWorkTree => panic!("not a work tree: {}", root.display()),
            IndexRead::AskGit => panic!("fell back to git for {}", root.display()),
        }
    }

    /// A repository whose package sits in `apps/my pkg/`, with an untracked file, an
    /// intent-to-add file and a non-ASCII name.
    fn repo() -> tempfile::TempDir {
        let tmp = tempfile::tempdir().unwrap();
        let top = tmp.path();
        let pkg = top.join("apps/my pkg");
        fs::create_dir_all(pkg.join("lib")).unwrap();
        for f in [
            "mix.exs",
            "lib/a.ex",
            "lib/ü.ex",
            "lib/new.ex",
            "lib/later.ex",
        ] {
            fs::write(pkg.join(f), "x").unwrap();
        }
        fs::write(top.join("README.md"), "x").unwrap();
        git(top, &["init", "-q"]);
        git(
            top,
            &[
                "add",
                "README.md",
                "apps/my pkg/mix.exs",
                "apps/my pkg/lib/a.ex",
            ],
        );
        git(top, &["add", "apps/my pkg/lib/ü.ex"]);
        git(top, &["add", "-N", "apps/my pkg/lib/later.ex"]);
        git(top, &["commit", "-q", "-m", "init"]);
        tmp
    }

    #[test]
    fn agrees_with_git_ls_files_in_a_subdirectory_and_at_the_top() {
        let tmp = repo();
        for root in [tmp.path().join("apps/my pkg"), tmp.path().to_path_buf()] {
            let got = tracked(&root);
            assert_eq!(Some(&got), ls_files(&root).as_ref(), "{}", root.display());
        }
        let pkg = tracked(&tmp.path().join("apps/my pkg"));
        assert_eq!(
            pkg.iter().map(String::as_str).collect::<BTreeSet<_>>(),
            BTreeSet::from(["lib/a.ex", "lib/later.ex", "lib/ü.ex", "mix.exs"])
        );
    }

    #[test]
    fn agrees_with_git_in_a_linked_worktree_and_with_a_split_index() {
        let tmp = repo();
        let top = tmp.path();
        let linked = tempfile::tempdir().unwrap();
        let wt = linked.path().join("wt");
        git(top, &["worktree", "add", "-q", wt.to_str().unwrap()]);
        let root = wt.join("apps/my pkg");
        assert_eq!(Some(tracked(&root)), ls_files(&root));
        assert!(tracked(&root).contains("lib/a.ex"));

        git(top, &["update-index", "--split-index"]);
        fs::write(top.join("apps/my pkg/lib/split.ex"), "x").unwrap();
        git(top, &["add", "apps/my pkg/lib/split.ex"]);
        let root = top.join("apps/my pkg");
        assert!(fs::read_dir(top.join(".git")).unwrap().any(|e| {
            e.unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with("sharedindex.")
        }));
        assert_eq!(Some(tracked(&root)), ls_files(&root));
        assert!(tracked(&root).contains("lib/split.ex"));
    }

    #[test]
    fn agrees_with_git_in_a_sparse_checkout_without_a_sparse_index() {
        // `git sparse-checkout` turns `extensions.worktreeConfig` on and writes
        // `config.worktree`; the index keeps every entry (skip-worktree ones too).
        for args in [
            &[
                "sparse-checkout",
                "set",
                "--no-cone",
                "/*",
                "!/apps/my pkg/lib/a.ex",
            ][..],
            &["sparse-checkout", "set", "--cone", "apps"][..],
        ] {
            let tmp = repo();
            let top = tmp.path();
            git(top, args);
            assert!(top.join(".git/config.worktree").exists());
            for root in [top.join("apps/my pkg"), top.to_path_buf()] {
                assert_eq!(Some(tracked(&root)), ls_files(&root), "{args:?}");
            }
            assert!(tracked(&top.join("apps/my pkg")).contains("lib/a.ex"));
        }
    }

    #[test]
    fn unusual_setups_are_left_to_git() {
        let sha256 = tempfile::tempdir().unwrap();
        git(sha256.path(), &["init", "-q", "--object-format=sha256"]);
        fs::write(sha256.path().join("a.ex"), "x").unwrap();
        git(sha256.path(), &["add", "a.ex"]);
        assert!(matches!(read_index(sha256.path()), IndexRead::AskGit));
        assert!(ls_files(sha256.path()).unwrap().contains("a.ex"));
        git(sha256.path(), &["commit", "-q", "-m", "init"]);
        let linked = tempfile::tempdir().unwrap();
        let wt = linked.path().join("wt");
        git(
            sha256.path(),
            &["worktree", "add", "-q", wt.to_str().unwrap()],
        );
        assert!(matches!(read_index(&wt), IndexRead::AskGit));
        let wt_git_dir = sha256.path().join(".git/worktrees/wt");
        assert!(
            config_outside_the_model(&wt_git_dir),
            "config is in the common dir"
        );

        let tmp = repo();
        let top = tmp.path();
        git(top, &["config", "core.worktree", top.to_str().unwrap()]);
        assert!(matches!(read_index(top), IndexRead::AskGit));

        let sparse = repo();
        let top = sparse.path();
        git(top, &["add", "-A"]);
        git(top, &["commit", "-q", "-m", "all"]);
        git(
            top,
            &["sparse-checkout", "init", "--cone", "--sparse-index"],
        );
        git(top, &["sparse-checkout", "set", "docs"]);
        // A sparse index (directory entries instead of files) goes to git.
        assert!(matches!(read_index(top), IndexRead::AskGit));
        assert!(ls_files(top).unwrap().contains("README.md"));

        // Config that names the work tree or the hash, or may include either, also goes to git.
        for text in [
            "[core]\n\tWorkTree = /elsewhere\n",
            "[core] worktree = /elsewhere\n",
            "[Extensions]\n\tobjectformat = sha256\n",
            "[include]\n\tpath = other.config\n",
            "[includeIf \"gitdir:~/work/\"]\n\tpath = work.config\n",
            "[core\n\tbare = false\n",
        ] {
            assert!(config_text_outside_the_model(text.as_bytes()), "{text}");
        }
        for text in [
            "",
            "[core]\n\tbare = false\n\tsparseCheckout = true\n[extensions]\n\tworktreeConfig = true\n",
            "[core \"x\"]\n\tworktree = /elsewhere\n# core.worktree = /elsewhere\n",
            "[remote \"origin\"]\n\turl = /x/worktree\n",
        ] {
            assert!(!config_text_outside_the_model(text.as_bytes()), "{text}");
        }

        // A corrupt index (truncated, garbage) is git's to judge; reading it must not panic.
        let corrupt = repo();
        let index = corrupt.path().join(".git/index");
        let bytes = fs::read(&index).unwrap();
        for damaged in [
            &bytes[..bytes.len() / 2],
            &bytes[..12],
            b"DIRC\0\0\0\x02\xff\xff\xff\xff",
        ] {
            fs::write(&index, damaged).unwrap();
            assert!(matches!(read_index(corrupt.path()), IndexRead::AskGit));
        }

        let plain = tempfile::tempdir().unwrap();
        assert!(matches!(read_index(plain.path()), IndexRead::NotAWorkTree));
        assert_eq!(ls_files(plain.path()), None);

        let fresh = tempfile::tempdir().unwrap();
        git(fresh.path(), &["init", "-q"]);
        assert!(matches!(read_index(fresh.path()), IndexRead::Tracked(t) if t.is_empty()));
        assert_eq!(ls_files(fresh.path()), Some(HashSet::new()));
    }
}
