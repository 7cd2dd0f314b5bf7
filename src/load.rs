//! From a path on disk to a [`Project`]: find mix.exs, read it safely, parse, evaluate.
//! Every failure is a [`LoadError`] with a location when there is one (exit code 2).

use crate::limits;
use crate::mixexs::{self, eval::EvalOptions};
use crate::project::Project;
use crate::source::{SourceFile, Span};
use crate::toolchain::Toolchain;
use crate::worlds::{Minor, Worlds};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Texts that stand in for files on disk: what `check --diff` would write, or the editor's
/// unsaved buffers in `hexlint server`. Keyed by the path hexlint reads the file from.
pub type Overlay = std::collections::HashMap<PathBuf, String>;

/// Why a project could not be read.
#[derive(Debug, Clone)]
pub struct LoadError {
    /// A short kebab-case code: `not-found`, `io-error`, `invalid-utf8`, `parse-error`, `limit` …
    pub code: &'static str,
    pub message: String,
    /// The file and span the error points into, when there is one.
    pub source: Option<Arc<SourceFile>>,
    pub span: Option<Span>,
    pub label: String,
    pub help: Option<String>,
    /// The path the user asked about.
    pub path: PathBuf,
}

impl LoadError {
    fn new(code: &'static str, path: &Path, message: impl Into<String>) -> Self {
        LoadError {
            code,
            message: message.into(),
            source: None,
            span: None,
            label: String::new(),
            help: None,
            path: path.to_path_buf(),
        }
    }
}

/// Resolve a user-given path (project dir or mix.exs) to `(project dir, mix.exs path)`.
pub fn resolve(path: &Path) -> Result<(PathBuf, PathBuf), LoadError> {
    let meta = std::fs::metadata(path).map_err(|e| {
        LoadError::new(
            "not-found",
            path,
            format!("cannot open {}: {e}", path.display()),
        )
    })?;
    if meta.is_dir() {
        let mix = path.join("mix.exs");
        // A mix.exs that is there but cannot be followed (a symlink loop, a dangling link) is
        // named as such, not as a missing file.
        if let (Err(e), Ok(link)) = (std::fs::metadata(&mix), std::fs::symlink_metadata(&mix))
            && link.file_type().is_symlink()
        {
            let what = if crate::portable::is_symlink_loop(&mix) {
                "is a symlink loop".to_string()
            } else {
                format!("is a symlink that cannot be followed ({e})")
            };
            let mut err = LoadError::new("io-error", path, format!("{} {what}", mix.display()));
            err.help = Some("point mix.exs at a real file".into());
            return Err(err);
        }
        if !mix.exists() {
            let mut err = LoadError::new(
                "not-found",
                path,
                format!("no mix.exs in {}", path.display()),
            );
            err.help = Some("point hexlint at an Elixir project directory or its mix.exs".into());
            return Err(err);
        }
        Ok((path.to_path_buf(), mix))
    } else {
        let dir = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        Ok((dir.to_path_buf(), path.to_path_buf()))
    }
}

/// Read mix.exs as UTF-8 text, rejecting what Elixir would reject, with a location.
pub fn read_source(mix: &Path) -> Result<SourceFile, LoadError> {
    let meta = std::fs::metadata(mix).map_err(|e| {
        LoadError::new(
            "io-error",
            mix,
            format!("cannot read {}: {e}", mix.display()),
        )
    })?;
    if !meta.is_file() {
        return Err(LoadError::new(
            "io-error",
            mix,
            format!("{} is not a regular file", mix.display()),
        ));
    }
    if meta.len() > limits::MAX_INPUT_BYTES as u64 {
        let mut err = LoadError::new(
            "limit",
            mix,
            format!(
                "{} is {} bytes, over hexlint's MAX_INPUT_BYTES limit of {} bytes",
                mix.display(),
                meta.len(),
                limits::MAX_INPUT_BYTES
            ),
        );
        err.help = Some("a real mix.exs is a few KiB; is this the right file?".into());
        return Err(err);
    }
    let bytes = std::fs::read(mix).map_err(|e| {
        LoadError::new(
            "io-error",
            mix,
            format!("cannot read {}: {e}", mix.display()),
        )
    })?;
    decode(mix, bytes)
}

fn decode(mix: &Path, bytes: Vec<u8>) -> Result<SourceFile, LoadError> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        let mut err = LoadError::new(
            "invalid-utf8",
            mix,
            format!(
                "{} is UTF-16 encoded; Elixir source files must be UTF-8",
                mix.display()
            ),
        );
        err.help = Some("re-save the file as UTF-8".into());
        return Err(err);
    }
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let lossy = String::from_utf8_lossy(e.as_bytes()).into_owned();
            // Map the byte offset into the lossy text: everything before `at` is unchanged.
            let src = Arc::new(SourceFile::new(mix, lossy));
            let mut err = LoadError::new(
                "invalid-utf8",
                mix,
                format!("{} is not valid UTF-8", mix.display()),
            );
            err.source = Some(src);
            err.span = Some(Span::new(at, at + 1));
            err.label = "invalid byte here".into();
            err.help = Some("Elixir source files must be UTF-8".into());
            return Err(err);
        }
    };
    if let Some(at) = text.find('\0') {
        let src = Arc::new(SourceFile::new(mix, text.replace('\0', " ")));
        let mut err = LoadError::new(
            "invalid-input",
            mix,
            format!("{} contains a NUL byte", mix.display()),
        );
        err.source = Some(src);
        err.span = Some(Span::new(at, at + 1));
        err.label = "NUL byte here".into();
        return Err(err);
    }
    Ok(SourceFile::new(mix, text))
}

/// Load a project: resolve the path, read, parse and evaluate mix.exs, with the Elixir that
/// `mix` on PATH runs.
pub fn load_project(path: &Path, mix_env: Option<String>) -> Result<Project, LoadError> {
    load_project_with(path, mix_env, None)
}

/// [`load_project`] with `System.version()` given (`--elixir`, `elixir-version`) instead of
/// detected. One evaluation: without a version (and with `--elixir all`) what depends on it is
/// unknown; [`load_worlds`] evaluates every world instead.
pub fn load_project_with(
    path: &Path,
    mix_env: Option<String>,
    elixir: Option<&str>,
) -> Result<Project, LoadError> {
    load_project_overlay(path, mix_env, elixir, &Overlay::new())
}

/// [`load_project_with`], reading mix.exs from `overlay` when it holds a text for it.
pub fn load_project_overlay(
    path: &Path,
    mix_env: Option<String>,
    elixir: Option<&str>,
    overlay: &Overlay,
) -> Result<Project, LoadError> {
    let read = Read::new(path, mix_env, overlay)?;
    let mut opts = read.opts.clone();
    if let Some(toolchain) = read.toolchain(elixir)? {
        opts.elixir_version = toolchain.elixir;
        opts.otp_release = toolchain.otp_release;
    }
    let evaluated = mixexs::eval::evaluate(&read.parsed, &opts);
    read.project(evaluated, &opts)
}

/// A project as read in some of the worlds (see [`crate::worlds`]); `worlds` is `None` when
/// the Elixir version is fixed (installed, or given) or nothing in mix.exs depends on it.
pub struct WorldProject {
    pub worlds: Option<Worlds>,
    pub project: Project,
}

/// Load a project in every world that gives a different result: one entry when the Elixir
/// version is known (installed, `--elixir VERSION`, `elixir-version`) or mix.exs never asks for
/// it; otherwise one per group of Elixir minor releases (allowed by the project's own `elixir:`)
/// under which mix.exs evaluates alike. `--elixir all` asks for every world even when an Elixir
/// is installed.
pub fn load_worlds(
    path: &Path,
    mix_env: Option<String>,
    elixir: Option<&str>,
) -> Result<Vec<WorldProject>, LoadError> {
    load_worlds_overlay(path, mix_env, elixir, &Overlay::new())
}

/// [`load_worlds`], reading mix.exs from `overlay` when it holds a text for it.
pub fn load_worlds_overlay(
    path: &Path,
    mix_env: Option<String>,
    elixir: Option<&str>,
    overlay: &Overlay,
) -> Result<Vec<WorldProject>, LoadError> {
    let read = Read::new(path, mix_env, overlay)?;
    let mut opts = read.opts.clone();
    if let Some(toolchain) = read.toolchain(elixir)?
        && toolchain.elixir.is_some()
    {
        opts.elixir_version = toolchain.elixir;
        opts.otp_release = toolchain.otp_release;
        let project = read.project(mixexs::eval::evaluate(&read.parsed, &opts), &opts)?;
        return Ok(vec![WorldProject {
            worlds: None,
            project,
        }]);
    }
    // Every world: the Elixir release varies; the OTP release is the installed one, if any.
    opts.otp_release = Toolchain::detect().otp_release;
    let unversioned = mixexs::eval::evaluate(&read.parsed, &opts);
    if !unversioned.version_dependent {
        let project = read.project(unversioned, &opts)?;
        return Ok(vec![WorldProject {
            worlds: None,
            project,
        }]);
    }
    let mut groups: Vec<(Vec<Minor>, mixexs::eval::Evaluated)> = Vec::new();
    let mut all: Vec<Minor> = Vec::new();
    for release in crate::worlds::releases() {
        opts.elixir_version = Some(release.to_string());
        let evaluated = mixexs::eval::evaluate(&read.parsed, &opts);
        if !allows(&evaluated.project, &release) {
            continue;
        }
        let minor = (release.major, release.minor);
        all.push(minor);
        match groups.iter_mut().find(|(_, e)| same_result(e, &evaluated)) {
            Some((minors, _)) => minors.push(minor),
            None => groups.push((vec![minor], evaluated)),
        }
    }
    // The requirement allows no known release (`~> 2.0`): what depends on the version stays
    // unknown.
    if groups.is_empty() {
        opts.elixir_version = None;
        let project = read.project(unversioned, &opts)?;
        return Ok(vec![WorldProject {
            worlds: None,
            project,
        }]);
    }
    groups
        .into_iter()
        .map(|(these, evaluated)| {
            let minor = these[these.len() - 1];
            opts.elixir_version = crate::worlds::releases()
                .into_iter()
                .find(|r| (r.major, r.minor) == minor)
                .map(|r| r.to_string());
            Ok(WorldProject {
                worlds: Some(Worlds {
                    all: all.clone(),
                    these,
                }),
                project: read.project(evaluated, &opts)?,
            })
        })
        .collect()
}

/// Does the `elixir:` requirement in this `project/0` value allow `release`? Mix refuses to run
/// a project under an Elixir it excludes, so that world does not exist. An unknown or invalid
/// requirement excludes nothing.
fn allows(project: &crate::mixexs::value::Value, release: &crate::hex::version::Version) -> bool {
    let Some(req) = project
        .get("elixir")
        .and_then(|v| v.as_str().map(str::to_string))
    else {
        return true;
    };
    match crate::hex::version::Requirement::parse(&req) {
        Ok(req) => req.matches(release, true),
        Err(_) => true,
    }
}

fn same_result(a: &mixexs::eval::Evaluated, b: &mixexs::eval::Evaluated) -> bool {
    a.project == b.project && a.cli == b.cli && a.notes == b.notes && a.raised == b.raised
}

/// mix.exs read and parsed, with the evaluation options of the process.
struct Read {
    root: PathBuf,
    mix: PathBuf,
    source: Arc<SourceFile>,
    parsed: mixexs::ParsedFile,
    opts: EvalOptions,
    /// `MIX_ENV` or `--env` was given.
    explicit_env: bool,
}

impl Read {
    fn new(path: &Path, mix_env: Option<String>, overlay: &Overlay) -> Result<Read, LoadError> {
        let (root, mix) = resolve(path)?;
        let source = Arc::new(match overlay.get(&mix) {
            Some(text) => decode(&mix, text.clone().into_bytes())?,
            None => read_source(&mix)?,
        });
        let parsed = mixexs::parse(&source.text).map_err(|e| {
            let mut err = LoadError::new("parse-error", &mix, e.message);
            if let Some(limit) = e.limit {
                err.code = "limit";
                err.help = Some(format!("hexlint's {limit} limit was reached"));
            }
            err.source = Some(source.clone());
            err.span = Some(e.span);
            err.label = e.label;
            if e.help.is_some() {
                err.help = e.help;
            }
            err
        })?;
        let explicit_env =
            mix_env.is_some() || std::env::var_os("MIX_ENV").is_some_and(|v| !v.is_empty());
        let opts = EvalOptions::from_env(root.clone(), mix_env);
        Ok(Read {
            root,
            mix,
            source,
            parsed,
            opts,
            explicit_env,
        })
    }

    /// The Elixir to evaluate under: the one given, else the installed one; `None` for
    /// `--elixir all` (every world).
    fn toolchain(&self, elixir: Option<&str>) -> Result<Option<Toolchain>, LoadError> {
        Ok(match elixir {
            Some(crate::worlds::ALL) => None,
            Some(given) => match crate::toolchain::normalize_version(given) {
                Some(v) => Some(Toolchain::detect().with_elixir(&v, "given")),
                None => {
                    let mut err = LoadError::new(
                        "usage",
                        &self.mix,
                        format!(
                            "`{given}` is not an Elixir version or `all` (--elixir / elixir-version)"
                        ),
                    );
                    err.help = Some(
                        "give a version such as 1.18 or 1.18.4, or `all` for every release".into(),
                    );
                    return Err(err);
                }
            },
            None => Some(Toolchain::detect()),
        })
    }

    /// The project of one evaluation.
    fn project(
        &self,
        evaluated: mixexs::eval::Evaluated,
        opts: &EvalOptions,
    ) -> Result<Project, LoadError> {
        // Without a module that calls `use Mix.Project` there is no project: real Mix stops
        // with "Could not find a Mix.Project". (A file that raises first is `mix-load-error`'s
        // finding.)
        if evaluated.module.is_none() && !evaluated.raised {
            let why = evaluated
                .project
                .unknown_reason()
                .unwrap_or("no module in mix.exs calls `use Mix.Project`");
            let mut err = LoadError::new(
                "no-mix-project",
                &self.mix,
                format!(
                    "Could not find a Mix.Project in {}: {why}",
                    self.mix.display()
                ),
            );
            err.help = Some(
                "mix.exs must define a module that calls `use Mix.Project` (`defmodule MyApp.MixProject do use Mix.Project … end`)"
                    .into(),
            );
            return Err(err);
        }
        let mut project = Project::from_config(
            self.root.clone(),
            self.source.clone(),
            evaluated.module,
            evaluated.project,
            evaluated.notes,
            self.parsed.comments.clone(),
        );
        project.mix_env = opts.mix_env.clone();
        project.mix_env_explicit = self.explicit_env;
        project.elixir_version = opts.elixir_version.clone();
        project.cli = evaluated.cli;
        // What users compile (`prod`) and what `mix hex.publish` reads, when mix.exs asks for
        // the environment (see `mix-env-divergence`).
        if evaluated.env_dependent {
            let publish = project.task_env("hex.publish").env;
            let mut envs: Vec<String> = vec!["prod".to_string()];
            envs.extend(publish);
            envs.sort();
            envs.dedup();
            for env in envs.into_iter().filter(|e| *e != project.mix_env) {
                let other = EvalOptions {
                    mix_env: env.clone(),
                    ..opts.clone()
                };
                let value = mixexs::eval::evaluate(&self.parsed, &other).project;
                project.env_configs.push((env, value));
            }
        }
        Ok(project)
    }
}
