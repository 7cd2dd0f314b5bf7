//! Renderers: every output format reads the same [`Report`] of [`Diagnostic`]s.

use crate::diagnostic::{Diagnostic, Severity};
use crate::load::LoadError;
use std::path::PathBuf;

/// The result of checking one package.
#[derive(Debug, Clone)]
pub struct PackageReport {
    /// The project directory, as given (relative paths stay relative).
    pub path: PathBuf,
    /// The package name, when known.
    pub name: Option<String>,
    pub diagnostics: Vec<Diagnostic>,
    /// Set when the project could not be read at all (exit code 2).
    pub error: Option<LoadError>,
}

/// Everything one `hexlint check` run found, packages sorted by path.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub packages: Vec<PackageReport>,
}

/// Counts per severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Report {
    pub fn diagnostics(&self) -> impl Iterator<Item = &Diagnostic> {
        self.packages.iter().flat_map(|p| p.diagnostics.iter())
    }

    pub fn summary(&self) -> Summary {
        let mut s = Summary::default();
        for d in self.diagnostics() {
            match d.severity {
                Severity::Error => s.errors += 1,
                Severity::Warning => s.warnings += 1,
                Severity::Info => s.infos += 1,
            }
        }
        s
    }

    pub fn has_load_errors(&self) -> bool {
        self.packages.iter().any(|p| p.error.is_some())
    }
}

/// Render a report in the given format. `to_terminal` is false when writing to a file.
pub fn render(
    report: &Report,
    _format: crate::cli::CheckFormat,
    _color: crate::cli::ColorChoice,
    _to_terminal: bool,
) -> String {
    let mut out = String::new();
    for p in &report.packages {
        if let Some(e) = &p.error {
            out.push_str(&format!("{}\n", e.one_line()));
        }
        for d in &p.diagnostics {
            let pos = d
                .range()
                .map(|r| format!("{}:{}", r.start.line, r.start.column))
                .unwrap_or_default();
            out.push_str(&format!(
                "{}:{pos}: {} [{}] {}\n",
                d.file().display(),
                d.severity,
                d.rule,
                d.message
            ));
        }
    }
    out
}
