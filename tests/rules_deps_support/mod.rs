//! Test support for the deps and license rule tests: builds a [`Project`] from mix.exs text with
//! the real parser and evaluator (no environment variables, `MIX_ENV=dev`), as `hexlint check`
//! would. A call to an undefined function, such as `unknown()`, evaluates to an unknown value.

#![allow(dead_code)]

use hexlint::config::Config;
use hexlint::diagnostic::{Diagnostic, Severity};
use hexlint::mixexs::{self, eval::EvalOptions};
use hexlint::project::Project;
use hexlint::source::SourceFile;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Parse and evaluate `text` as the mix.exs of a project in `root`.
pub fn project_in(root: &Path, text: &str) -> Project {
    let source = Arc::new(SourceFile::new("mix.exs", text));
    let parsed = mixexs::parse(text).expect("fixture parses");
    let opts = EvalOptions::new(root);
    let evaluated = mixexs::eval::evaluate(&parsed, &opts);
    Project::from_config(
        root.to_path_buf(),
        source,
        evaluated.module,
        evaluated.project,
        evaluated.notes,
        parsed.comments,
    )
}

/// Parse and evaluate `text` as a mix.exs in a directory that does not exist.
pub fn project(text: &str) -> Project {
    project_in(&PathBuf::from("/nonexistent/my_lib"), text)
}

/// Run every rule and keep the diagnostics of `rule`.
pub fn diagnostics(text: &str, rule: &str) -> Vec<Diagnostic> {
    let project = project(text);
    hexlint::rules::run(&project, &Config::default())
        .into_iter()
        .filter(|d| d.rule == rule)
        .collect()
}

/// `(rule, severity, line, column)` of a diagnostic, for compact assertions.
pub fn at(d: &Diagnostic) -> (&'static str, Severity, usize, usize) {
    let r = d.range().expect("diagnostic has a span");
    (d.rule, d.severity, r.start.line, r.start.column)
}

/// Apply a diagnostic's fix to the text.
pub fn apply_fix(text: &str, d: &Diagnostic) -> String {
    let fix = d.fix.as_ref().expect("diagnostic has a fix");
    let mut out = text.to_string();
    let mut edits = fix.edits.clone();
    edits.sort_by_key(|e| std::cmp::Reverse(e.span.start));
    for e in edits {
        out.replace_range(e.span.start..e.span.end, &e.replacement);
    }
    out
}
