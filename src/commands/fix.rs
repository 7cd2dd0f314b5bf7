//! `hexlint check --fix` / `--diff` / `--unsafe-fixes`: apply what the rules know, then report
//! what remains.
//!
//! Each project goes through [`crate::fix::fix_loop`] in memory: lint, apply the non-overlapping
//! safe fixes (and unsafe ones with `--unsafe-fixes`), re-parse, re-lint, at most
//! [`crate::fix::MAX_ROUNDS`] rounds. Only then are the files written (`--fix`) or the unified
//! diff printed (`--diff`). When a fix produces a file the reader cannot parse, nothing is
//! written for that project and hexlint says it is a bug (exit 2).
//!
//! Exit codes: `--fix` as `check` on what remains; `--diff` 1 when there is something to fix, 0
//! when there is not, 2 on input errors.

use super::check;
use crate::cli::{CheckArgs, ExitStatus};
use crate::fix::{FixError, fix_loop, unified_diff};
use crate::load::Overlay;
use crate::render::{CheckFormat, ColorChoice, Report};
use std::path::PathBuf;

pub fn run(args: &CheckArgs, paths: &[PathBuf], color: ColorChoice) -> ExitStatus {
    let mut packages = Vec::new();
    let mut diff = String::new();
    let mut notes = String::new();
    let mut fixed = 0usize;
    let mut failed = false;
    for target in check::targets(paths, args.recursive) {
        let run = fix_loop(args.unsafe_fixes, |overlay| {
            let reports = check::lint_target_overlay(&target, &args.lint, overlay);
            if let Some(e) = reports.iter().find_map(|r| r.error.clone()) {
                return Err(Box::new(e));
            }
            Ok(reports.into_iter().flat_map(|r| r.diagnostics).collect())
        });
        match &run.error {
            Some(FixError::Load(_)) => {
                packages.extend(check::lint_target_overlay(
                    &target,
                    &args.lint,
                    &Overlay::new(),
                ));
                continue;
            }
            Some(FixError::Unparsable {
                rules,
                file,
                message,
            }) => {
                failed = true;
                let mut rules = rules.clone();
                rules.dedup();
                notes.push_str(&format!(
                    "error: hexlint bug: the fixes of {} left {} unreadable ({message}); nothing \
                     was written for {}. Please report it with the mix.exs.\n",
                    rules.join(", "),
                    file.display(),
                    target.display(),
                ));
                packages.extend(check::lint_target_overlay(
                    &target,
                    &args.lint,
                    &Overlay::new(),
                ));
                continue;
            }
            None => {}
        }
        if run.exhausted {
            notes.push_str(&format!(
                "warning: {}: still fixable after {} rounds; stopped\n",
                target.display(),
                crate::fix::MAX_ROUNDS
            ));
        }
        for (path, before, after) in run.changed() {
            if args.diff {
                diff.push_str(&unified_diff(path, before, after));
            } else if let Err(e) = std::fs::write(path, after) {
                notes.push_str(&format!("error: cannot write {}: {e}\n", path.display()));
                failed = true;
            }
        }
        fixed += run.applied.len();
        for a in &run.applied {
            notes.push_str(&format!(
                "{} {}: {}: {}\n",
                if args.diff { "would fix" } else { "fixed" },
                a.file.display(),
                a.rule,
                a.message
            ));
        }
        // What remains: read again (from disk after writing, from the overlay for --diff).
        let overlay = if args.diff {
            run.overlay()
        } else {
            Overlay::new()
        };
        packages.extend(check::lint_target_overlay(&target, &args.lint, &overlay));
    }
    packages.sort_by(|a, b| a.path.cmp(&b.path));
    packages.dedup_by(|a, b| a.path == b.path);
    let report = Report { packages };
    let remaining: usize = report.packages.iter().map(|p| p.diagnostics.len()).sum();
    let fixable: usize = report
        .packages
        .iter()
        .flat_map(|p| &p.diagnostics)
        .filter(|d| {
            d.fix
                .as_ref()
                .is_some_and(|f| !f.applies(args.unsafe_fixes) && f.applies(true))
        })
        .count();
    let verb = if args.diff { "Would fix" } else { "Fixed" };
    notes.push_str(&format!(
        "{verb} {fixed} finding{}; {remaining} remain{}",
        if fixed == 1 { "" } else { "s" },
        if remaining == 1 { "s" } else { "" },
    ));
    if fixable > 0 {
        notes.push_str(&format!(
            " ({fixable} with an unsafe fix: add --unsafe-fixes)"
        ));
    }
    notes.push('\n');
    for err in report.packages.iter().filter_map(|p| p.error.as_ref()) {
        notes.push_str(&format!(
            "{}\n",
            crate::render::concise::load_error_line(err)
        ));
    }
    super::write_stderr(&crate::render::terminal::escape_controls(&notes));
    if args.diff {
        super::write_stdout(&diff);
        return if failed || report.has_load_errors() {
            ExitStatus::Error
        } else if diff.is_empty() {
            ExitStatus::Success
        } else {
            ExitStatus::Findings
        };
    }
    let format = args.format.unwrap_or(CheckFormat::Human);
    let text = crate::render::render(
        &report,
        format,
        color,
        args.output.is_none(),
        check::listing(args.verbose),
    );
    if let Some(out) = &args.output {
        if let Err(e) = std::fs::write(out, text) {
            super::eprint_safe(&format!("error: cannot write {}: {e}", out.display()));
            return ExitStatus::Error;
        }
    } else {
        super::write_stdout(&text);
    }
    if failed {
        return ExitStatus::Error;
    }
    check::exit_status(&report, args.lint.fail_on, args.exit_zero)
}
