//! `hexlint check`: lint projects and report.

use crate::cli::{CheckArgs, CheckFormat, ColorChoice, ExitStatus, FailOn, LintArgs};
use crate::config::Config;
use crate::diagnostic::Severity;
use crate::load::load_project;
use crate::render::{PackageReport, Report};
use std::path::{Path, PathBuf};

pub fn run(args: CheckArgs, color: ColorChoice) -> ExitStatus {
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let report = lint_paths(&paths, &args.lint);
    let format = args.format.unwrap_or(CheckFormat::Human);
    let text = crate::render::render(&report, format, color, args.output.is_none());
    if let Some(out) = &args.output {
        if let Err(e) = std::fs::write(out, text) {
            eprintln!("error: cannot write {}: {e}", out.display());
            return ExitStatus::Error;
        }
    } else {
        print!("{text}");
    }
    exit_status(&report, args.lint.fail_on, args.exit_zero)
}

/// Lint every project and collect one report (sorted by path).
pub fn lint_paths(paths: &[PathBuf], lint: &LintArgs) -> Report {
    let mut packages: Vec<PackageReport> = paths.iter().map(|p| lint_one(p, lint)).collect();
    packages.sort_by(|a, b| a.path.cmp(&b.path));
    Report { packages }
}

/// Lint one project directory (or mix.exs).
pub fn lint_one(path: &Path, lint: &LintArgs) -> PackageReport {
    let mut report = PackageReport {
        path: path.to_path_buf(),
        name: None,
        diagnostics: Vec::new(),
        error: None,
    };
    let project = match load_project(path, lint.env.clone()) {
        Ok(p) => p,
        Err(e) => {
            report.error = Some(e);
            return report;
        }
    };
    report.name = project
        .package_name()
        .and_then(|v| v.as_str_or_atom())
        .map(str::to_string);
    let config = Config::default();
    report.diagnostics = crate::rules::run(&project, &config);
    report
}

/// Lint one project for `hexlint publish`: the full check plus the publish checks, evaluated in
/// the environment `mix hex.publish` will run in.
pub fn lint_publish(path: &Path, lint: &LintArgs, plan: &crate::publish::PublishPlan) -> Report {
    let mut report = PackageReport {
        path: path.to_path_buf(),
        name: None,
        diagnostics: Vec::new(),
        error: None,
    };
    let project = match load_project(path, lint.env.clone()) {
        Ok(p) => p,
        Err(e) => {
            report.error = Some(e);
            return Report {
                packages: vec![report],
            };
        }
    };
    report.name = project
        .package_name()
        .and_then(|v| v.as_str_or_atom())
        .map(str::to_string);
    let config = Config::default();
    let mut ctx = crate::rules::Context::new(&project, &config);
    ctx.publish = Some(plan);
    report.diagnostics = crate::rules::run_with(ctx);
    Report {
        packages: vec![report],
    }
}

/// 0 clean, 1 when a finding reaches the fail level, 2 when a project could not be read.
pub fn exit_status(report: &Report, fail_on: Option<FailOn>, exit_zero: bool) -> ExitStatus {
    if report.has_load_errors() {
        return ExitStatus::Error;
    }
    if exit_zero {
        return ExitStatus::Success;
    }
    let threshold = match fail_on.unwrap_or(FailOn::Error) {
        FailOn::Error => Severity::Error,
        FailOn::Warning => Severity::Warning,
        FailOn::Info => Severity::Info,
    };
    if report.diagnostics().any(|d| d.severity >= threshold) {
        ExitStatus::Findings
    } else {
        ExitStatus::Success
    }
}
