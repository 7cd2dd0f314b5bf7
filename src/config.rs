//! `.hexlint.toml` and inline suppressions.

use crate::diagnostic::Diagnostic;
use crate::project::Project;

/// The effective configuration for one project.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// Extra module namespaces this package owns (`namespaces = ["Phoenix"]`).
    pub namespaces: Vec<String>,
    /// `large-file` threshold in bytes (`large-file-size`, default 1 MiB).
    pub large_file_size: Option<u64>,
}

impl Config {
    pub fn is_enabled(&self, _rule: &str) -> bool {
        true
    }

    /// Apply severity overrides and inline suppressions; report unused suppressions.
    pub fn apply(&self, _project: &Project, diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
        diags
    }
}

/// The closest candidate to `input` by Jaro-Winkler similarity, if any is close enough.
pub fn did_you_mean<'a>(input: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .map(|c| (strsim::jaro_winkler(input, c), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}
