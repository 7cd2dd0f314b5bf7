//! `hexlint verify`: the proof, like `cargo package` verifying its archive. The packaged files
//! (exactly the list Hex would build, [`FileSet`]) are copied to a temporary directory and
//! compiled there the way a user's project compiles a Hex dependency: as a `path:` dependency of
//! a throwaway project, with `MIX_ENV=prod`. This is the one place hexlint runs the project's
//! code (its mix.exs and whatever runs at compile time).
//!
//! Dependencies are not downloaded unless asked (`fetch`): the project's own `mix.lock` and
//! fetched `deps/` are reused (linked, never written), and what is missing is reported as not
//! checked.

use crate::files::{EntryKind, FileSet};
use crate::project::Project;
use std::path::{Path, PathBuf};
use std::process::Command;

/// How a verification ended.
#[derive(Debug)]
pub enum Outcome {
    /// The packaged files compiled as a dependency.
    Compiled,
    /// The compile failed; `missing` is the first file it could not find, relative to the
    /// package (when the output names one).
    Failed {
        missing: Option<String>,
        output: String,
    },
    /// The compile could not be tried or finished for a reason that is not the package's
    /// (no `mix`, dependencies not fetched …).
    NotChecked { reason: String, output: String },
}

/// What to run.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Let `mix deps.get` download missing dependencies (network, needs Hex).
    pub fetch: bool,
    /// Keep the temporary directory (its path is returned).
    pub keep: bool,
    /// The `mix` executable (default: `mix` on `PATH`).
    pub mix: Option<PathBuf>,
}

/// The result: the outcome and, when kept, where the copy is.
#[derive(Debug)]
pub struct Verification {
    pub outcome: Outcome,
    pub kept: Option<PathBuf>,
    /// Things that were not checked (printed after the outcome).
    pub notes: Vec<String>,
}

/// The app name of the package, as the throwaway project names the dependency.
fn app_name(project: &Project) -> Option<String> {
    project
        .app
        .as_ref()
        .and_then(|v| v.as_atom())
        .map(str::to_string)
}

/// Copy the packaged entries of `files` under `dest` (symlinks as symlinks, empty directories
/// created).
pub fn copy_package(files: &FileSet, dest: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dest)?;
    for e in files.entries.iter().filter(|e| !e.outside_root) {
        let to = dest.join(&e.path);
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent)?;
        }
        match &e.kind {
            EntryKind::File => {
                std::fs::copy(files.root.join(&e.path), &to)?;
            }
            EntryKind::Directory { .. } => std::fs::create_dir_all(&to)?,
            EntryKind::Symlink { target } => crate::portable::symlink(Path::new(target), &to)?,
            EntryKind::Other(_) => {}
        }
    }
    Ok(())
}

/// The throwaway project's mix.exs.
fn consumer_mix_exs(app: &str) -> String {
    format!(
        "defmodule HexlintVerifyConsumer.MixProject do\n  use Mix.Project\n\n  def project do\n    [\n      app: :hexlint_verify_consumer,\n      version: \"0.0.0\",\n      deps: [{{:{app}, path: \"../package\"}}]\n    ]\n  end\nend\n"
    )
}

/// Copy the package and compile it as a dependency.
pub fn verify(project: &Project, files: &FileSet, opts: &Options) -> Result<Verification, String> {
    if let Some(unknown) = &files.unknown {
        return Err(format!(
            "cannot build the package's file list: {}",
            unknown.reason
        ));
    }
    let app = app_name(project)
        .ok_or("the project's `app` is not statically known, so the package cannot be named")?;
    let tmp = tempfile::Builder::new()
        .prefix("hexlint-verify-")
        .tempdir()
        .map_err(|e| format!("cannot create a temporary directory: {e}"))?;
    let package = tmp.path().join("package");
    let consumer = tmp.path().join("consumer");
    copy_package(files, &package).map_err(|e| format!("cannot copy the package files: {e}"))?;
    std::fs::create_dir_all(&consumer).map_err(|e| e.to_string())?;
    std::fs::write(consumer.join("mix.exs"), consumer_mix_exs(&app)).map_err(|e| e.to_string())?;
    let mut notes = Vec::new();
    // Dependencies a user's project fetches with the package: for :prod and not optional.
    let has_deps = project.deps.as_ref().is_some_and(|d| {
        d.known().any(|dep| {
            dep.is_prod() != Some(false)
                && dep
                    .option("optional")
                    .is_none_or(|v| v.truthy() != Some(true))
        })
    });
    if has_deps {
        reuse_deps(&project.root, &consumer, &mut notes);
    }
    let mix = opts
        .mix
        .clone()
        .unwrap_or_else(|| PathBuf::from(crate::portable::MIX));
    let run = |args: &[&str]| {
        Command::new(&mix)
            .args(args)
            .current_dir(&consumer)
            .env("MIX_ENV", "prod")
            .env_remove("MIX_EXS")
            .env_remove("MIX_DEPS_PATH")
            .env_remove("MIX_BUILD_PATH")
            .env_remove("MIX_BUILD_ROOT")
            .output()
    };
    let outcome = (|| {
        if has_deps && opts.fetch {
            let out = match run(&["deps.get"]) {
                Ok(o) => o,
                Err(e) => return not_started(&mix, e),
            };
            if !out.status.success() {
                return Outcome::NotChecked {
                    reason: "`mix deps.get` failed in the throwaway project".into(),
                    output: text(&out),
                };
            }
        }
        let out = match run(&["compile"]) {
            Ok(o) => o,
            Err(e) => return not_started(&mix, e),
        };
        let output = text(&out);
        if out.status.success() {
            return Outcome::Compiled;
        }
        if let Some(reason) = deps_not_available(&output) {
            return Outcome::NotChecked {
                reason: format!(
                    "{reason}: run `mix deps.get` in the project first, or pass `--fetch` to let verify download them"
                ),
                output,
            };
        }
        Outcome::Failed {
            missing: first_missing_file(&output, &package),
            output,
        }
    })();
    let kept = opts.keep.then(|| tmp.keep());
    Ok(Verification {
        outcome,
        kept,
        notes,
    })
}

fn not_started(mix: &Path, e: std::io::Error) -> Outcome {
    let reason = if e.kind() == std::io::ErrorKind::NotFound {
        format!(
            "`{}` was not found; install Elixir (https://elixir-lang.org/install.html) to verify",
            mix.display()
        )
    } else {
        format!("could not start `{}`: {e}", mix.display())
    };
    Outcome::NotChecked {
        reason,
        output: String::new(),
    }
}

fn text(out: &std::process::Output) -> String {
    let mut s = String::from_utf8_lossy(&out.stdout).into_owned();
    s.push_str(&String::from_utf8_lossy(&out.stderr));
    s
}

/// Link the project's fetched dependencies and copy its lock into the throwaway project, so
/// that Mix finds them without the network.
fn reuse_deps(root: &Path, consumer: &Path, notes: &mut Vec<String>) {
    if let Ok(lock) = std::fs::read(root.join("mix.lock")) {
        let _ = std::fs::write(consumer.join("mix.lock"), lock);
    } else {
        notes.push("the project has no mix.lock: dependency versions are not pinned".into());
    }
    let deps = root.join("deps");
    let Ok(entries) = std::fs::read_dir(&deps) else {
        notes.push(format!(
            "no fetched dependencies in {}: run `mix deps.get` there, or pass `--fetch`",
            deps.display()
        ));
        return;
    };
    let target = consumer.join("deps");
    if std::fs::create_dir_all(&target).is_err() {
        return;
    }
    for e in entries.flatten() {
        // Windows makes symlinks only in Developer Mode or with the privilege: say so.
        if let Err(err) = crate::portable::symlink(&e.path(), &target.join(e.file_name())) {
            notes.push(format!(
                "cannot link {} into the throwaway project: {err}",
                e.path().display()
            ));
        }
    }
}

/// Mix's messages for dependencies it does not have.
fn deps_not_available(output: &str) -> Option<String> {
    let markers = [
        "Unchecked dependencies",
        "the dependency is not available",
        "dependencies are not available",
        "is out of date, run \"mix deps.get\"",
    ];
    markers
        .iter()
        .any(|m| output.contains(m))
        .then(|| "the package's dependencies are not available to the throwaway project".into())
}

/// The first error line of Mix's output (`** (ArgumentError) …`), for a failure that names no
/// file.
pub fn first_error(output: &str) -> Option<&str> {
    output
        .lines()
        .map(str::trim)
        .find(|l| l.starts_with("** ("))
}

/// The first file the compile could not find, relative to the package copy when it is in it:
/// `could not read file "…"`, `could not load …`, `can't find include file "…"`, `no such file`.
pub fn first_missing_file(output: &str, package: &Path) -> Option<String> {
    static PATTERNS: std::sync::OnceLock<Vec<regex::Regex>> = std::sync::OnceLock::new();
    let patterns = PATTERNS.get_or_init(|| {
        [
            r#"could not read file "([^"]+)""#,
            r#"could not stream "([^"]+)""#,
            r#"could not load ((?:/|\./|[\w.-]+/)[^\s,]*|[\w.-]+\.exs?)\b"#,
            r#"can't find include (?:lib|file) "([^"]+)""#,
            r#"could not (?:open|find) file "([^"]+)""#,
        ]
        .iter()
        .map(|p| regex::Regex::new(p).expect("pattern compiles"))
        .collect()
    });
    let mut best: Option<(usize, String)> = None;
    for re in patterns {
        if let Some(c) = re.captures(output) {
            let m = c.get(1)?;
            if best.as_ref().is_none_or(|(at, _)| m.start() < *at) {
                best = Some((m.start(), m.as_str().to_string()));
            }
        }
    }
    let (_, path) = best?;
    let prefixes = [
        package.display().to_string(),
        std::fs::canonicalize(package)
            .map(|p| p.display().to_string())
            .unwrap_or_default(),
    ];
    for p in prefixes.iter().filter(|p| !p.is_empty()) {
        if let Some(rel) = path.strip_prefix(p.as_str()) {
            return Some(normalize(rel.trim_start_matches('/')));
        }
    }
    Some(path)
}

/// `lib/../docs/x.md` → `docs/x.md` (lexically; a path leaving its base is kept as written).
fn normalize(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return path.to_string();
                }
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_the_missing_file_relative_to_the_package() {
        let out = "== Compilation error in file lib/tally.ex ==\n** (File.Error) could not read file \"/tmp/x/package/lib/../docs/overview.md\": no such file or directory\n";
        assert_eq!(
            first_missing_file(out, Path::new("/tmp/x/package")).as_deref(),
            Some("docs/overview.md")
        );
        let out = "** (File.Error) could not read file \"VERSION\": no such file or directory\n    (elixir 1.14.0) lib/file.ex:358: File.read!/1\n";
        assert_eq!(
            first_missing_file(out, Path::new("/tmp/x/package")).as_deref(),
            Some("VERSION")
        );
        assert_eq!(
            first_missing_file("** (CompileError) undefined function", Path::new("/p")),
            None
        );
    }
}
