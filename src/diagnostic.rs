//! The one diagnostic type. Rules create it; every renderer (human, concise, JSON, SARIF, GitHub)
//! reads it.

use crate::source::{Range, SourceFile, Span};
use serde::Serialize;
use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "info" => Some(Severity::Info),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The lowest severity that makes the exit code 1 (`--fail-on`, `fail-on` in `.hexlint.toml`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, clap::ValueEnum)]
pub enum FailOn {
    Info,
    Warning,
    Error,
}

impl FailOn {
    /// The severity a finding needs to reach this threshold.
    pub fn threshold(self) -> Severity {
        match self {
            FailOn::Error => Severity::Error,
            FailOn::Warning => Severity::Warning,
            FailOn::Info => Severity::Info,
        }
    }
}

/// A secondary location with its own message.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Label {
    pub span: Span,
    pub message: String,
}

/// One text replacement.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Edit {
    pub span: Span,
    pub replacement: String,
}

/// How far a fix can be trusted, after ruff's model.
///
/// - `Safe`: keeps the meaning the author intended (a misspelled key, a license id written in
///   the wrong case); `hexlint check --fix` applies it.
/// - `Unsafe`: right in the usual case, but it changes what the project means (a key moved
///   under `package:`, `http://` → `https://`); applied only with `--unsafe-fixes`.
/// - `DisplayOnly`: shown as a suggestion, never applied by a command.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Applicability {
    DisplayOnly,
    Unsafe,
    #[default]
    Safe,
}

impl Applicability {
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::Safe => "safe",
            Applicability::Unsafe => "unsafe",
            Applicability::DisplayOnly => "display-only",
        }
    }
}

/// A suggested fix: a description plus the edits to make, and whether a command may apply it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Fix {
    pub message: String,
    pub edits: Vec<Edit>,
    pub applicability: Applicability,
}

impl Fix {
    /// A safe fix with these edits.
    pub fn safe(message: impl Into<String>, edits: Vec<Edit>) -> Self {
        Fix {
            message: message.into(),
            edits,
            applicability: Applicability::Safe,
        }
    }
    /// An unsafe fix with these edits.
    pub fn unsafe_edits(message: impl Into<String>, edits: Vec<Edit>) -> Self {
        Fix {
            message: message.into(),
            edits,
            applicability: Applicability::Unsafe,
        }
    }
    /// Is it applied when unsafe fixes are allowed (or not)?
    pub fn applies(&self, unsafe_fixes: bool) -> bool {
        match self.applicability {
            Applicability::Safe => true,
            Applicability::Unsafe => unsafe_fixes,
            Applicability::DisplayOnly => false,
        }
    }
}

/// A finding.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    /// The kebab-case rule id (`invalid-license`).
    pub rule: &'static str,
    pub severity: Severity,
    pub message: String,
    /// The file the spans point into (normally mix.exs).
    pub source: Arc<SourceFile>,
    /// The offending text; `None` when the finding is about the project as a whole.
    pub span: Option<Span>,
    pub labels: Vec<Label>,
    pub help: Option<String>,
    /// Where in the config the value lives: `package.licenses[0]`.
    pub key_path: Option<String>,
    pub fix: Option<Fix>,
}

impl Diagnostic {
    pub fn new(
        rule: &'static str,
        severity: Severity,
        source: Arc<SourceFile>,
        span: Option<Span>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            rule,
            severity,
            message: message.into(),
            source,
            span,
            labels: Vec::new(),
            help: None,
            key_path: None,
            fix: None,
        }
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
    pub fn key_path(mut self, path: impl Into<String>) -> Self {
        self.key_path = Some(path.into());
        self
    }
    pub fn label(mut self, span: Span, message: impl Into<String>) -> Self {
        self.labels.push(Label {
            span,
            message: message.into(),
        });
        self
    }
    pub fn severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }
    /// A safe fix that replaces `span` with `replacement`.
    pub fn fix(
        mut self,
        message: impl Into<String>,
        span: Span,
        replacement: impl Into<String>,
    ) -> Self {
        self.fix = Some(Fix::safe(
            message,
            vec![Edit {
                span,
                replacement: replacement.into(),
            }],
        ));
        self
    }
    /// Attach a prepared fix (several edits, or an unsafe one).
    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }
    /// Mark the fix already attached as unsafe (or display-only).
    pub fn fix_applicability(mut self, applicability: Applicability) -> Self {
        if let Some(fix) = &mut self.fix {
            fix.applicability = applicability;
        }
        self
    }

    pub fn file(&self) -> &PathBuf {
        &self.source.path
    }

    /// 1-based start/end positions of the primary span.
    pub fn range(&self) -> Option<Range> {
        self.span.map(|s| self.source.range(s))
    }

    /// The rule's documentation URL.
    pub fn url(&self) -> String {
        rule_url(self.rule)
    }

    /// Sort key: file, position, rule id — keeps every output deterministic.
    pub fn sort_key(&self) -> (PathBuf, usize, &'static str, String) {
        (
            self.source.path.clone(),
            self.span.map_or(0, |s| s.start),
            self.rule,
            self.message.clone(),
        )
    }
}

/// Where a rule's documentation lives online.
pub fn rule_url(rule: &str) -> String {
    format!("https://github.com/hexlint/hexlint/blob/main/rules/{rule}.md")
}
