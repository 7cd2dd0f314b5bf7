//! The modules of the project's dependencies, for collision checks.
//!
//! For each dependency in mix.exs: the `modules` list of its compiled
//! `_build/<env>/lib/<app>/ebin/<app>.app` when there is one (the current `MIX_ENV` first, then
//! any other build), else the modules discovered in its fetched sources (`deps/<app>/lib/**/*.ex`,
//! `deps/<app>/src/**/*.erl`). Dependencies that are neither built nor fetched contribute nothing.

use super::discover::source_lang;
use super::{app_file, scan_all, walk_sources};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Where a dependency's module list came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DepSource {
    /// A compiled application resource file (relative to the root).
    AppFile(String),
    /// Fetched sources under `deps/<app>`.
    Sources,
    /// Neither built nor fetched.
    Missing,
}

/// Module name → the dependency (app) that defines it.
#[derive(Debug, Default)]
pub struct DepModules {
    owners: HashMap<String, String>,
    /// Per dependency, in mix.exs order: where its modules came from and how many.
    pub sources: Vec<(String, DepSource, usize)>,
}

impl DepModules {
    /// Read the modules of `apps` under `root`.
    pub fn load(root: &Path, mix_env: &str, apps: &[String]) -> DepModules {
        // Without `_build/` or `deps/` there is nothing to read, and no reason for threads.
        let on_disk = root.join("_build").is_dir() || root.join("deps").is_dir();
        let min_for_threads = if on_disk {
            crate::parallel::PACKAGES_FOR_THREADS
        } else {
            usize::MAX
        };
        let found: Vec<(DepSource, Vec<String>)> =
            crate::parallel::map(apps, min_for_threads, |app| modules_of(root, mix_env, app));
        let mut out = DepModules::default();
        for (app, (source, modules)) in apps.iter().zip(found) {
            out.sources.push((app.clone(), source, modules.len()));
            for m in modules {
                out.owners.entry(m).or_insert_with(|| app.clone());
            }
        }
        out
    }

    /// The dependency that defines `module`.
    pub fn owner(&self, module: &str) -> Option<&str> {
        self.owners.get(module).map(String::as_str)
    }

    pub fn len(&self) -> usize {
        self.owners.len()
    }

    pub fn is_empty(&self) -> bool {
        self.owners.is_empty()
    }
}

/// Only names that can be a directory entry: no separators, no `..`.
fn plain_name(app: &str) -> bool {
    !app.is_empty() && app != "." && app != ".." && !app.contains(['/', '\\'])
}

fn modules_of(root: &Path, mix_env: &str, app: &str) -> (DepSource, Vec<String>) {
    if !plain_name(app) {
        return (DepSource::Missing, Vec::new());
    }
    for app_path in app_file_candidates(root, mix_env, app) {
        if let Ok(text) = std::fs::read_to_string(&app_path)
            && let Ok(modules) = app_file::app_modules(&text)
        {
            let rel = app_path
                .strip_prefix(root)
                .unwrap_or(&app_path)
                .to_string_lossy()
                .replace('\\', "/");
            return (DepSource::AppFile(rel), modules);
        }
    }
    let dep_dir = format!("deps/{app}");
    if !root.join(&dep_dir).is_dir() {
        return (DepSource::Missing, Vec::new());
    }
    let items: Vec<_> = ["lib", "src"]
        .iter()
        .flat_map(|sub| walk_sources(root, &format!("{dep_dir}/{sub}")))
        .filter_map(|(full, rel)| {
            let lang = source_lang(&rel)?;
            Some((full, rel, lang))
        })
        .collect();
    let modules = scan_all(&super::drop_generated_erl(items), root)
        .into_iter()
        .flat_map(|f| f.modules.into_iter().map(|m| m.name))
        .collect();
    (DepSource::Sources, modules)
}

/// `_build/<mix_env>/lib/<app>/ebin/<app>.app`, then the same in every other `_build/*`, sorted.
fn app_file_candidates(root: &Path, mix_env: &str, app: &str) -> Vec<PathBuf> {
    let build = root.join("_build");
    let in_env = |env: &str| {
        build
            .join(env)
            .join("lib")
            .join(app)
            .join("ebin")
            .join(format!("{app}.app"))
    };
    let mut out = vec![in_env(mix_env)];
    if let Ok(dir) = std::fs::read_dir(&build) {
        let mut envs: Vec<String> = dir
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|e| e != mix_env)
            .collect();
        envs.sort();
        out.extend(envs.iter().map(|e| in_env(e)));
    }
    out
}
