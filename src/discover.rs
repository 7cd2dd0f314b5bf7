//! Which projects a `hexlint check` run covers: the given paths, every mix.exs below them with
//! `--recursive` (honouring .gitignore, skipping `deps/` and `_build/`), and the apps of umbrella
//! roots.

use crate::project::Project;
use std::path::{Path, PathBuf};

/// Directories never searched for projects: dependencies and build output.
const SKIPPED_DIRS: &[&str] = &["deps", "_build", "node_modules", ".elixir_ls", ".lexical"];

/// Every directory containing a `mix.exs` at or below `root`, sorted. Honours `.gitignore`,
/// `.git/info/exclude` and global git excludes (even outside a git repository), and never follows
/// symlinks, so a symlink loop cannot hang the walk.
pub fn find_projects(root: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let walker = ignore::WalkBuilder::new(root)
        .hidden(false)
        .require_git(false)
        .follow_links(false)
        .filter_entry(|e| {
            !(e.file_type().is_some_and(|t| t.is_dir())
                && e.depth() > 0
                && (SKIPPED_DIRS.contains(&e.file_name().to_string_lossy().as_ref())
                    || e.file_name() == ".git"))
        })
        .build();
    for entry in walker.flatten() {
        if entry.file_name() == "mix.exs" && entry.file_type().is_some_and(|t| t.is_file()) {
            let dir = entry.path().parent().unwrap_or(root);
            found.push(if dir.as_os_str().is_empty() {
                PathBuf::from(".")
            } else {
                dir.to_path_buf()
            });
        }
    }
    found.sort();
    found.dedup();
    found
}

/// The app directories of an umbrella project (`apps_path`, optionally limited by `apps:`), sorted.
/// `None` when the project is not an umbrella or `apps_path` is not statically known.
pub fn umbrella_apps(project: &Project) -> Option<Vec<PathBuf>> {
    let apps_path = project.apps_path.as_ref()?.as_str()?;
    let only: Option<Vec<&str>> = project
        .config
        .get("apps")
        .and_then(|a| a.as_list())
        .map(|items| items.iter().filter_map(|i| i.as_atom()).collect());
    let dir = project.root.join(apps_path);
    let mut apps: Vec<PathBuf> = std::fs::read_dir(&dir)
        .ok()?
        .filter_map(Result::ok)
        .filter(|e| e.path().join("mix.exs").is_file())
        .filter(|e| {
            only.as_ref()
                .is_none_or(|o| o.contains(&e.file_name().to_string_lossy().as_ref()))
        })
        .map(|e| e.path())
        .collect();
    apps.sort();
    Some(apps)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn touch(p: &Path) {
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, "").unwrap();
    }

    #[test]
    fn finds_projects_but_not_deps_build_or_ignored() {
        let t = tempfile::tempdir().unwrap();
        let r = t.path();
        touch(&r.join("a/mix.exs"));
        touch(&r.join("b/c/mix.exs"));
        touch(&r.join("a/deps/dep/mix.exs"));
        touch(&r.join("a/_build/dev/lib/x/mix.exs"));
        touch(&r.join("vendored/mix.exs"));
        std::fs::write(r.join(".gitignore"), "vendored/\n").unwrap();
        let found = find_projects(r);
        assert_eq!(found, vec![r.join("a"), r.join("b/c")]);
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loops_do_not_hang() {
        let t = tempfile::tempdir().unwrap();
        let r = t.path();
        touch(&r.join("p/mix.exs"));
        std::os::unix::fs::symlink(r, r.join("p/loop")).unwrap();
        assert_eq!(find_projects(r), vec![r.join("p")]);
    }
}
