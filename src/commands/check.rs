//! `hexlint check`: lint projects and report.
//!
//! Exit codes (as ruff's): 0 when no finding reaches the fail level; 1 when one does; 2 when the
//! command line, a `.hexlint.toml` or a mix.exs could not be used, or hexlint failed (e.g. the
//! `-o` file could not be written). `--exit-zero` turns 1 into 0 but keeps 2.
//!
//! The fail level is `--fail-on`, else the package's `fail-on` in `.hexlint.toml`, else `error`.
//!
//! The report goes to stdout, or to `-o FILE` (never coloured). When `GITHUB_ACTIONS=true` and no
//! `--format` is given, GitHub annotations follow the human report on stdout, so findings show up
//! in the pull request without any setup.

use crate::cli::{CheckArgs, ExitStatus, LintArgs};
use crate::config::Config;
use crate::diagnostic::FailOn;
use crate::load::{LoadError, Overlay, WorldProject, load_worlds_overlay};
use crate::parallel;
use crate::render::{CheckFormat, ColorChoice, Listing, PackageReport, Report};
use std::path::{Path, PathBuf};

pub fn run(args: CheckArgs, color: ColorChoice) -> ExitStatus {
    // A bad --select/--ignore is a usage error: say it once, before reading any project.
    if let Err(e) = crate::config::cli_selection(&args.lint) {
        return super::report_load_error(&e);
    }
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    if args.unsafe_fixes && !args.fix && !args.diff {
        super::eprint_safe("error: --unsafe-fixes needs --fix or --diff");
        return ExitStatus::Error;
    }
    if args.fix || args.diff {
        return super::fix::run(&args, &paths, color);
    }
    let started = std::time::Instant::now();
    let report = lint_paths(&paths, &args.lint, args.recursive);
    // Hidden, for measuring: `HEXLINT_TIMING=1` prints the lint time and how many license
    // texts needed full detection (the rest were settled by the fast path).
    if std::env::var_os("HEXLINT_TIMING").is_some() {
        eprintln!(
            "hexlint-timing: lint {:.2} ms, license texts needing full detection: {}",
            started.elapsed().as_secs_f64() * 1000.0,
            crate::files::hygiene::license_text::FULL_DETECTIONS
                .load(std::sync::atomic::Ordering::Relaxed)
        );
    }
    let output = ReportOutput {
        format: args.format,
        output: args.output.as_deref(),
        verbose: args.verbose,
        fail_on: args.lint.fail_on,
        exit_zero: args.exit_zero,
    };
    write_report(&report, &output, color)
}

/// Where and how a report goes (`check` and `semver` share it).
pub struct ReportOutput<'a> {
    pub format: Option<CheckFormat>,
    pub output: Option<&'a Path>,
    pub verbose: bool,
    pub fail_on: Option<FailOn>,
    pub exit_zero: bool,
}

/// Print a report: input errors on stderr, the report on stdout or to `-o FILE`, GitHub
/// annotations after the human report in GitHub Actions; then the exit status.
pub fn write_report(report: &Report, out: &ReportOutput, color: ColorChoice) -> ExitStatus {
    // Input errors also go to stderr (as `metadata`, `files` and `modules` report them), whatever
    // the format: a script reading JSON from stdout still sees why the exit code is 2.
    for err in report.packages.iter().filter_map(|p| p.error.as_ref()) {
        super::write_stderr(&format!(
            "{}\n",
            crate::render::concise::load_error_line(err)
        ));
    }
    let format = out.format.unwrap_or(CheckFormat::Human);
    let text = crate::render::render(
        report,
        format,
        color,
        out.output.is_none(),
        listing(out.verbose),
    );
    if let Some(path) = out.output {
        if let Err(e) = std::fs::write(path, text) {
            eprintln!("error: cannot write {}: {e}", path.display());
            return ExitStatus::Error;
        }
    } else {
        super::write_stdout(&text);
    }
    // In GitHub Actions, the default human report is followed by annotations for the PR view.
    if out.format.is_none() && github_actions(|k| std::env::var(k).ok()) {
        super::write_stdout(&crate::render::github::render(report));
    }
    exit_status(report, out.fail_on, out.exit_zero)
}

/// `--verbose` lists every finding in the human and concise formats.
pub fn listing(verbose: bool) -> Listing {
    if verbose {
        Listing::All
    } else {
        Listing::Capped
    }
}

/// Is this a GitHub Actions run (`GITHUB_ACTIONS=true`)?
pub fn github_actions(env: impl Fn(&str) -> Option<String>) -> bool {
    env("GITHUB_ACTIONS").as_deref() == Some("true")
}

/// Lint every project, in parallel, and collect one report sorted by path — the same whatever the
/// thread count. With `recursive`, every mix.exs below each path is a project (see
/// [`crate::discover::find_projects`]); an umbrella root stands for its apps.
pub fn lint_paths(paths: &[PathBuf], lint: &LintArgs, recursive: bool) -> Report {
    let targets = targets(paths, recursive);
    let progress = progress_bar(targets.len());
    let mut packages: Vec<PackageReport> =
        parallel::map(&targets, parallel::PACKAGES_FOR_THREADS, |path| {
            let reports = lint_target(path, lint);
            progress.inc(1);
            reports
        })
        .into_iter()
        .flatten()
        .collect();
    progress.finish_and_clear();
    packages.sort_by(|a, b| a.path.cmp(&b.path));
    // With --recursive an umbrella's apps are found twice (as apps and as projects): keep one.
    packages.dedup_by(|a, b| a.path == b.path);
    Report { packages }
}

/// The project paths to lint: the given ones, or with `recursive` every project below them.
pub fn targets(paths: &[PathBuf], recursive: bool) -> Vec<PathBuf> {
    let mut targets: Vec<PathBuf> = Vec::new();
    for path in paths {
        let found = if recursive && path.is_dir() {
            crate::discover::find_projects(path)
        } else {
            Vec::new()
        };
        if found.is_empty() {
            targets.push(path.clone());
        } else {
            targets.extend(found);
        }
    }
    targets.sort();
    targets.dedup();
    targets
}

/// A progress bar on stderr, only for more than a handful of packages and when stderr is a
/// terminal.
fn progress_bar(len: usize) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if len <= 8 || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(len as u64);
    if let Ok(style) = indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} packages") {
        bar.set_style(style);
    }
    bar
}

/// Lint one path: a package, or an umbrella root and each of its apps.
fn lint_target(path: &Path, lint: &LintArgs) -> Vec<PackageReport> {
    lint_target_overlay(path, lint, &Overlay::new())
}

/// [`lint_target`] with some files read from `overlay` instead of the disk.
pub fn lint_target_overlay(path: &Path, lint: &LintArgs, overlay: &Overlay) -> Vec<PackageReport> {
    match prepare(path, lint, overlay) {
        Ok(ready) => lint_prepared(ready, lint, overlay),
        Err(report) => vec![*report],
    }
}

/// [`lint_target_overlay`] of a project already read.
fn lint_prepared(
    (mut report, worlds, config): Prepared,
    lint: &LintArgs,
    overlay: &Overlay,
) -> Vec<PackageReport> {
    let project = &worlds[0].project;
    let apps = project
        .is_umbrella()
        .then(|| crate::discover::umbrella_apps(project))
        .flatten();
    let Some(apps) = apps else {
        report.diagnostics = run_rules(&worlds, &config, None, None);
        return vec![report];
    };
    // Hex refuses umbrellas, so the root is not a package: say so once and lint each app that
    // is meant for Hex (has a `package:` or a `description:`).
    let linted: Vec<Option<Vec<PackageReport>>> =
        parallel::map(&apps, parallel::PACKAGES_FOR_THREADS, |app| {
            lint_app(app, lint, overlay)
        });
    let skipped: Vec<String> = apps
        .iter()
        .zip(&linted)
        .filter(|(_, r)| r.is_none())
        .filter_map(|(app, _)| app.file_name().map(|n| n.to_string_lossy().into_owned()))
        .collect();
    let published = apps.len() - skipped.len();
    let mut message = format!(
        "umbrella project: Hex cannot publish it, so each of its {published} apps with a `package:` or `description:` is linted as a package of its own"
    );
    if !skipped.is_empty() {
        message.push_str(&format!(
            "; {} without either {} not meant for Hex and skipped: {}",
            skipped.len(),
            if skipped.len() == 1 { "is" } else { "are" },
            skipped.join(", ")
        ));
    }
    let span = project.apps_path.as_ref().map(|v| v.span);
    // Through the config like any finding: `--ignore umbrella-project`, `[severity]` and inline
    // suppressions apply to it.
    report.diagnostics = config.apply(
        project,
        vec![
            crate::diagnostic::Diagnostic::new(
                crate::rules::metadata::umbrella_project::RULE.id,
                crate::rules::metadata::umbrella_project::RULE.severity,
                project.source.clone(),
                span,
                message,
            )
            .help("publish each app from its own directory (`cd apps/NAME && hexlint publish`)")
            .key_path("apps_path"),
        ],
    );
    let mut reports = vec![report];
    reports.extend(linted.into_iter().flatten().flatten());
    reports
}

/// Lint an umbrella app, or `None` when it is not meant for Hex: no `package:` and no
/// `description:` (an app that cannot be read is linted, so that its error shows). The app is
/// read once, for both.
fn lint_app(app: &Path, lint: &LintArgs, overlay: &Overlay) -> Option<Vec<PackageReport>> {
    let ready = match prepare(app, lint, overlay) {
        Ok(ready) => ready,
        Err(report) => return Some(vec![*report]),
    };
    let project = &ready.1[0].project;
    if project.package.is_none() && project.description.is_none() && !project.config.is_unknown() {
        return None;
    }
    Some(lint_prepared(ready, lint, overlay))
}

/// Lint one project directory (or mix.exs) as a single package.
pub fn lint_one(path: &Path, lint: &LintArgs) -> PackageReport {
    let (mut report, worlds, config) = match prepare(path, lint, &Overlay::new()) {
        Ok(ready) => ready,
        Err(report) => return *report,
    };
    report.diagnostics = run_rules(&worlds, &config, None, None);
    report
}

/// The rules in every world the project was read in, their findings merged (a finding of only
/// some worlds says on which Elixir releases it holds).
fn run_rules(
    worlds: &[WorldProject],
    config: &Config,
    publish: Option<&crate::publish::PublishPlan>,
    semver: Option<&crate::semver_diff::SemverFacts>,
) -> Vec<crate::diagnostic::Diagnostic> {
    let groups = worlds
        .iter()
        .map(|w| {
            let mut ctx = crate::rules::Context::new(&w.project, config);
            ctx.publish = publish;
            ctx.semver = semver;
            (w.worlds.clone(), crate::rules::run_with(ctx))
        })
        .collect();
    crate::worlds::merge_findings(groups)
}

/// A project read for linting: its report so far, the worlds it was read in, and its config.
pub(crate) type Prepared = (PackageReport, Vec<WorldProject>, Config);

/// Read the project (in every world that differs) and its config; on failure, the report
/// carrying the error.
pub(crate) fn prepare(
    path: &Path,
    lint: &LintArgs,
    overlay: &Overlay,
) -> Result<Prepared, Box<PackageReport>> {
    let mut report = PackageReport::new(path);
    let fail = |mut report: PackageReport, e: LoadError| {
        report.error = Some(e);
        Box::new(report)
    };
    // The config first: its `elixir-version` is what mix.exs sees in `System.version()`.
    let root = match crate::load::resolve(path) {
        Ok((root, _)) => root,
        Err(e) => return Err(fail(report, e)),
    };
    let config = match Config::load_overlay(&root, lint, overlay) {
        Ok(c) => c,
        Err(e) => return Err(fail(report, *e)),
    };
    let elixir = lint.elixir.as_deref().or(config.elixir_version.as_deref());
    let worlds = match load_worlds_overlay(path, lint.env.clone(), elixir, overlay) {
        Ok(w) => w,
        Err(e) => return Err(fail(report, e)),
    };
    report.name = worlds[0]
        .project
        .package_name()
        .and_then(|v| v.as_str_or_atom())
        .map(str::to_string);
    report.fail_on = config.fail_on;
    Ok((report, worlds, config))
}

/// Lint one project for `hexlint publish`: the full check plus the publish checks, evaluated in
/// the environment `mix hex.publish` will run in.
pub fn lint_publish(path: &Path, lint: &LintArgs, plan: &crate::publish::PublishPlan) -> Report {
    let (mut report, worlds, config) = match prepare(path, lint, &Overlay::new()) {
        Ok(ready) => ready,
        Err(report) => {
            return Report {
                packages: vec![*report],
            };
        }
    };
    // The semver comparison, when a baseline exists and the `semver` rules are enabled. Without
    // a tag below the version (a first release, no git) it is skipped with a note; an explicit
    // baseline that cannot be read is an input error.
    let mut facts = None;
    if let Some(spec) = &plan.semver
        && config.is_enabled(crate::rules::semver::version_bump::RULE.id)
    {
        match crate::commands::semver::facts_for(&worlds[0].project, &config, spec) {
            Ok(f) => facts = Some(f),
            Err(e) if *spec == crate::semver_diff::baseline::BaselineSpec::DefaultTag => {
                crate::commands::eprint_safe(&format!("hexlint: no semver comparison ({e})"));
            }
            Err(e) => {
                report.error = Some(LoadError {
                    code: "baseline-error",
                    message: e,
                    source: None,
                    span: None,
                    label: String::new(),
                    help: None,
                    path: path.to_path_buf(),
                });
                return Report {
                    packages: vec![report],
                };
            }
        }
    }
    report.diagnostics = run_rules(&worlds, &config, Some(plan), facts.as_ref());
    Report {
        packages: vec![report],
    }
}

/// 0 clean, 1 when a finding reaches the fail level, 2 when a project (or its config) could not
/// be read. The fail level is `fail_on` (the CLI's), else the package's config `fail-on`, else
/// `error`.
pub fn exit_status(report: &Report, fail_on: Option<FailOn>, exit_zero: bool) -> ExitStatus {
    if report.has_load_errors() {
        return ExitStatus::Error;
    }
    if exit_zero {
        return ExitStatus::Success;
    }
    let failing = report.packages.iter().any(|p| {
        let threshold = fail_on.or(p.fail_on).unwrap_or(FailOn::Error).threshold();
        p.diagnostics.iter().any(|d| d.severity >= threshold)
    });
    if failing {
        ExitStatus::Findings
    } else {
        ExitStatus::Success
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::test_support::sample_report;

    #[test]
    fn exit_status_follows_the_fail_level() {
        let report = sample_report();
        assert_eq!(exit_status(&report, None, false), ExitStatus::Findings);
        assert_eq!(exit_status(&report, None, true), ExitStatus::Success);
        let mut warnings_only = sample_report();
        for p in &mut warnings_only.packages {
            p.diagnostics
                .retain(|d| d.severity < crate::diagnostic::Severity::Error);
        }
        assert_eq!(
            exit_status(&warnings_only, None, false),
            ExitStatus::Success
        );
        assert_eq!(
            exit_status(&warnings_only, Some(FailOn::Warning), false),
            ExitStatus::Findings
        );
        // The config's fail-on applies when the CLI gives none, and the CLI's wins.
        warnings_only.packages[0].fail_on = Some(FailOn::Info);
        assert_eq!(
            exit_status(&warnings_only, None, false),
            ExitStatus::Findings
        );
        assert_eq!(
            exit_status(&warnings_only, Some(FailOn::Error), false),
            ExitStatus::Success
        );
    }

    #[test]
    fn load_errors_exit_2_even_with_exit_zero() {
        let report = crate::render::test_support::load_error_report();
        assert_eq!(exit_status(&report, None, true), ExitStatus::Error);
    }

    #[test]
    fn github_actions_detection() {
        assert!(github_actions(
            |k| (k == "GITHUB_ACTIONS").then(|| "true".into())
        ));
        assert!(!github_actions(
            |k| (k == "GITHUB_ACTIONS").then(|| "false".into())
        ));
        assert!(!github_actions(|_| None));
    }
}
