//! `hexlint semver`: compare the package's public API with a baseline release and judge the
//! version bump.
//!
//! Exit codes as `check`'s: 0 when no finding reaches the fail level (the API changes are infos,
//! the under-bumped version an error), 1 when one does — so 1 means "the version is lower than the
//! changes require" by default — and 2 when the project, its config or the baseline cannot be
//! read. `--exit-zero` turns 1 into 0.

use crate::cli::{BaselineArgs, ExitStatus, SemverArgs};
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::load::LoadError;
use crate::project::Project;
use crate::render::{ColorChoice, Report};
use crate::semver_diff::SemverFacts;
use crate::semver_diff::baseline::{self, Baseline, BaselineSpec};
use std::path::Path;

pub fn run(args: SemverArgs, color: ColorChoice) -> ExitStatus {
    if let Err(e) = crate::config::cli_selection(&args.lint) {
        return super::report_load_error(&e);
    }
    let path = super::path_or_cwd(args.path.clone());
    if args.print_api {
        return print_api(&path, &args.lint);
    }
    let spec = spec_of(&args.baseline, args.repo_url.as_deref());
    let report =
        match crate::commands::check::prepare(&path, &args.lint, &crate::load::Overlay::new()) {
            Err(report) => *report,
            Ok((mut report, worlds, config)) => {
                // The API comes from the source files; the first world's project names them.
                let project = &worlds[0].project;
                match facts_for(project, &config, &spec) {
                    Ok(facts) => report.diagnostics = run_rules(project, &config, &facts),
                    Err(message) => report.error = Some(baseline_error(&path, message)),
                }
                report
            }
        };
    let report = Report {
        packages: vec![report],
    };
    let output = crate::commands::check::ReportOutput {
        format: args.format,
        output: args.output.as_deref(),
        verbose: args.verbose,
        fail_on: args.lint.fail_on,
        exit_zero: args.exit_zero,
    };
    crate::commands::check::write_report(&report, &output, color)
}

/// `--print-api`: the current tree's API, its partly unknown modules and unreadable files.
fn print_api(path: &Path, lint: &crate::cli::LintArgs) -> ExitStatus {
    let (_, worlds, config) =
        match crate::commands::check::prepare(path, lint, &crate::load::Overlay::new()) {
            Ok((report, worlds, config)) => (report, worlds, config),
            Err(report) => {
                return match &report.error {
                    Some(e) => super::report_load_error(e),
                    None => ExitStatus::Error,
                };
            }
        };
    let project = &worlds[0].project;
    let files = crate::files::FileSet::for_project(project, &config);
    let api = baseline::api_of(project, &files, "");
    let mut text = String::new();
    for line in api.lines() {
        text.push_str(&line);
        text.push('\n');
    }
    for m in api.modules.values() {
        for (why, span) in &m.unknown {
            text.push_str(&format!(
                "partly-unknown {} {}:{}: {why}\n",
                m.name,
                m.source.path.display(),
                m.line(*span)
            ));
        }
    }
    for (file, why) in &api.unreadable {
        text.push_str(&format!("unreadable {file}: {why}\n"));
    }
    super::write_stdout(&crate::render::terminal::escape_controls(&text));
    ExitStatus::Success
}

/// The baseline the options name (the default tag when none does).
pub fn spec_of(args: &BaselineArgs, repo_url: Option<&str>) -> BaselineSpec {
    if let Some(rev) = &args.baseline_rev {
        BaselineSpec::Rev(rev.clone())
    } else if let Some(dir) = &args.baseline_dir {
        BaselineSpec::Dir(dir.clone())
    } else if let Some(file) = &args.baseline_tarball {
        BaselineSpec::Tarball(file.clone())
    } else if let Some(version) = &args.baseline_version {
        BaselineSpec::Version {
            version: version.clone(),
            repo: repo_url
                .filter(|u| !u.is_empty())
                .unwrap_or(baseline::HEX_REPO)
                .to_string(),
        }
    } else {
        BaselineSpec::DefaultTag
    }
}

fn baseline_error(path: &Path, message: String) -> LoadError {
    LoadError {
        code: "baseline-error",
        message,
        source: None,
        span: None,
        label: String::new(),
        help: None,
        path: path.to_path_buf(),
    }
}

/// Read the baseline and both APIs, and compare them.
pub fn facts_for(
    project: &Project,
    config: &Config,
    spec: &BaselineSpec,
) -> Result<SemverFacts, String> {
    if project.is_umbrella() {
        return Err(
            "an umbrella project is not a package: run `hexlint semver` in each app".to_string(),
        );
    }
    let current = project
        .version
        .as_ref()
        .and_then(|v| v.as_str())
        .and_then(|s| crate::hex::version::Version::parse(s).ok());
    let name = project
        .package_name()
        .and_then(|v| v.as_str_or_atom())
        .map(str::to_string);
    let base = Baseline::resolve(spec, &project.root, current.as_ref(), name.as_deref())?;
    let (old, base_version) = base.api();
    let files = crate::files::FileSet::for_project(project, config);
    // Locations shown the way mix.exs is (`examples/demo/lib/x.ex` when run on `examples/demo`).
    let shown = project
        .source
        .path
        .parent()
        .map(|p| p.to_string_lossy().into_owned())
        .filter(|p| !p.is_empty())
        .map(|p| format!("{p}/"))
        .unwrap_or_default();
    let new = baseline::api_of(project, &files, &shown);
    if old.modules.is_empty() && !new.modules.is_empty() {
        return Err(format!(
            "the baseline ({}) defines no module: is it the same package?",
            base.label
        ));
    }
    Ok(SemverFacts::compare(
        base.label.clone(),
        base_version,
        &old,
        &new,
    ))
}

/// Run the semver rules (only them, unless `--select` names others) over the facts.
pub fn run_rules(project: &Project, config: &Config, facts: &SemverFacts) -> Vec<Diagnostic> {
    let mut config = config.clone();
    if config.cli_rules.select.is_none() {
        config.cli_rules.select = Some(vec!["semver".to_string()]);
    }
    let mut ctx = crate::rules::Context::new(project, &config);
    ctx.semver = Some(facts);
    crate::rules::run_with(ctx)
}
