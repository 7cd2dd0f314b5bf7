//! `.hexlint.toml`, the CLI rule selection, severity overrides and inline suppressions.
//!
//! # The file
//!
//! `.hexlint.toml` in the project directory, or the first one found walking up from it (the
//! closest file wins; files are not merged). `--config FILE` replaces the search.
//!
//! ```toml
//! select = ["license", "invalid-version"]   # rule ids or group names; default: every rule
//! ignore = ["missing-changelog"]             # rule ids or group names
//! fail-on = "warning"                        # lowest severity that exits 1 (default "error")
//! namespaces = ["Phoenix"]                   # extra module namespaces this package owns
//! large-file-size = "2 MiB"                  # or a number of bytes
//!
//! [severity]
//! missing-changelog = "info"                 # "error" | "warning" | "info" | "off"
//! ```
//!
//! An unknown key, rule id or value is an error (exit code 2) pointing at the file, line and
//! column, with a did-you-mean.
//!
//! # Which rules run
//!
//! Two layers are applied in order, the file then the command line (as in ruff): in each layer,
//! `select` (when given) replaces the set of enabled rules and `ignore` then removes rules from
//! it; `severity = "off"` counts as an `ignore` of the file layer. So `--select X` runs X even if
//! the file ignores it, `--ignore Y` adds to the file's ignores, and `--select` with `--ignore`
//! on the same rule leaves it off. `--select`/`--ignore` accept comma-separated lists.
//!
//! # Inline suppressions
//!
//! In mix.exs, `# hexlint: ignore[rule-id] reason` (or `ignore[a, b]`) suppresses the findings
//! of those rules that start on the comment's line (when the comment ends a line of code) or on
//! the next line of code (when the comment stands on its own line; blank and comment lines in
//! between are skipped). Findings without a position can only be turned off in the config. A
//! suppression that suppresses nothing, names an unknown rule or is malformed is reported as
//! `unused-suppression`.

use crate::cli::{FailOn, LintArgs};
use crate::diagnostic::{Diagnostic, Severity};
use crate::load::LoadError;
use crate::project::Project;
use crate::source::{SourceFile, Span};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// The config file name searched for.
pub const FILE_NAME: &str = ".hexlint.toml";

/// Every key `.hexlint.toml` accepts.
pub const KEYS: &[&str] = &[
    "select",
    "ignore",
    "severity",
    "fail-on",
    "namespaces",
    "large-file-size",
];

/// One layer of rule selection (the file's, or the command line's).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RuleSelection {
    /// `None`: keep what the previous layer enabled.
    pub select: Option<Vec<String>>,
    pub ignore: Vec<String>,
}

/// The effective configuration for one project.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// Extra module namespaces this package owns (`namespaces = ["Phoenix"]`).
    pub namespaces: Vec<String>,
    /// `large-file` threshold in bytes (`large-file-size`, default 1 MiB).
    pub large_file_size: Option<u64>,
    /// `select`/`ignore` (and `severity = "off"`) from the file.
    pub file_rules: RuleSelection,
    /// `--select`/`--ignore` from the command line.
    pub cli_rules: RuleSelection,
    /// `[severity]` overrides (`off` is in `file_rules.ignore` instead).
    pub severity: BTreeMap<String, Severity>,
    /// `fail-on` from the file.
    pub fail_on: Option<FailOn>,
    /// The file this config was read from, if any.
    pub path: Option<PathBuf>,
}

impl Config {
    /// Read the config for the project in `project_dir` (`--config` or the closest
    /// `.hexlint.toml`) and add the command line's `--select`/`--ignore`.
    pub fn load(project_dir: &Path, lint: &LintArgs) -> Result<Config, LoadError> {
        let mut config = match &lint.config {
            Some(path) => Config::read(path)?,
            None => match find_config_file(project_dir) {
                Some(path) => Config::read(&path)?,
                None => Config::default(),
            },
        };
        config.cli_rules = cli_selection(lint)?;
        Ok(config)
    }

    /// Read and validate one config file.
    pub fn read(path: &Path) -> Result<Config, LoadError> {
        let text = std::fs::read_to_string(path).map_err(|e| LoadError {
            code: "config-error",
            message: format!("cannot read config file {}: {e}", path.display()),
            source: None,
            span: None,
            label: String::new(),
            help: None,
            path: path.to_path_buf(),
        })?;
        Config::parse(path, &text)
    }

    /// Parse `.hexlint.toml` text; `path` is used for messages.
    pub fn parse(path: &Path, text: &str) -> Result<Config, LoadError> {
        let source = Arc::new(SourceFile::new(path, text));
        let error = |span: Span, message: String, label: &str, help: Option<String>| LoadError {
            code: "config-error",
            message,
            source: Some(source.clone()),
            span: Some(span),
            label: label.to_string(),
            help,
            path: path.to_path_buf(),
        };
        let table = DeTable::parse(text).map_err(|e| {
            let span = e.span().map_or(Span::new(0, 0), |r| Span::new(r.start, r.end));
            error(
                span,
                format!("{} is not valid TOML: {}", path.display(), e.message().trim()),
                "here",
                None,
            )
        })?;
        let mut config = Config {
            path: Some(path.to_path_buf()),
            ..Config::default()
        };
        let mut entries: Vec<_> = table.get_ref().iter().collect();
        entries.sort_by_key(|(k, _)| k.span().start);
        for (key, value) in entries {
            let key_span = to_span(key.span());
            let vspan = to_span(value.span());
            match key.get_ref().as_ref() {
                "select" => {
                    config.file_rules.select = Some(rule_list(value, "select", &error)?);
                }
                "ignore" => {
                    config
                        .file_rules
                        .ignore
                        .extend(rule_list(value, "ignore", &error)?);
                }
                "namespaces" => {
                    for (name, span) in string_list(value, "namespaces", &error)? {
                        if !is_module_name(&name) {
                            return Err(error(
                                span,
                                format!("`{name}` is not an Elixir module name"),
                                "expected e.g. \"Phoenix\" or \"MyApp.Plugins\"",
                                Some("namespaces are module prefixes, written without `Elixir.`".into()),
                            ));
                        }
                        config.namespaces.push(name);
                    }
                }
                "large-file-size" => {
                    config.large_file_size = Some(match value.get_ref() {
                        DeValue::Integer(i) => i
                            .as_str()
                            .replace('_', "")
                            .parse::<u64>()
                            .ok()
                            .filter(|_| i.radix() == 10)
                            .ok_or_else(|| {
                                error(vspan, "`large-file-size` must be a positive number of bytes".into(), "here", None)
                            })?,
                        DeValue::String(s) => parse_size(s).ok_or_else(|| {
                            error(
                                vspan,
                                format!("`large-file-size`: cannot read `{s}` as a size"),
                                "expected e.g. \"2 MiB\", \"500 KB\" or a number of bytes",
                                None,
                            )
                        })?,
                        _ => {
                            return Err(error(
                                vspan,
                                "`large-file-size` must be a size string or a number of bytes".into(),
                                "expected e.g. \"2 MiB\"",
                                None,
                            ));
                        }
                    });
                }
                "fail-on" => {
                    let (s, span) = string_value(value, "fail-on", &error)?;
                    config.fail_on = Some(match s.as_str() {
                        "error" => FailOn::Error,
                        "warning" => FailOn::Warning,
                        "info" => FailOn::Info,
                        other => {
                            return Err(error(
                                span,
                                format!("`fail-on` must be \"error\", \"warning\" or \"info\", not \"{other}\""),
                                "unknown level",
                                did_you_mean(other, ["error", "warning", "info"].into_iter())
                                    .map(|c| format!("did you mean \"{c}\"?")),
                            ));
                        }
                    });
                }
                "severity" => {
                    let DeValue::Table(levels) = value.get_ref() else {
                        return Err(error(
                            vspan,
                            "`severity` must be a table of `rule-id = \"level\"`".into(),
                            "expected a table",
                            Some("write it as a section: [severity]".into()),
                        ));
                    };
                    let mut levels: Vec<_> = levels.iter().collect();
                    levels.sort_by_key(|(k, _)| k.span().start);
                    for (rule, level) in levels {
                        let rule_span = to_span(rule.span());
                        let id = rule.get_ref().as_ref();
                        if crate::rules::find(id).is_none() {
                            return Err(unknown_rule_error(id, rule_span, "[severity]", &error, false));
                        }
                        let (s, span) = string_value(level, "severity", &error)?;
                        match s.as_str() {
                            "off" => config.file_rules.ignore.push(id.to_string()),
                            other => match Severity::parse(other) {
                                Some(sev) => {
                                    config.severity.insert(id.to_string(), sev);
                                }
                                None => {
                                    return Err(error(
                                        span,
                                        format!("unknown severity \"{other}\" for `{id}`"),
                                        "expected \"error\", \"warning\", \"info\" or \"off\"",
                                        did_you_mean(other, ["error", "warning", "info", "off"].into_iter())
                                            .map(|c| format!("did you mean \"{c}\"?")),
                                    ));
                                }
                            },
                        }
                    }
                }
                other => {
                    let help = match did_you_mean(other, KEYS.iter().copied()) {
                        Some(c) => format!("did you mean `{c}`? Known keys: {}", KEYS.join(", ")),
                        None => format!("known keys: {}", KEYS.join(", ")),
                    };
                    return Err(error(
                        key_span,
                        format!("unknown key `{other}` in {}", path.display()),
                        "unknown key",
                        Some(help),
                    ));
                }
            }
        }
        Ok(config)
    }

    /// Is the rule enabled after the file's and the command line's selection?
    pub fn is_enabled(&self, rule: &str) -> bool {
        let mut on = true;
        for layer in [&self.file_rules, &self.cli_rules] {
            if let Some(select) = &layer.select {
                on = select.iter().any(|s| selector_matches(s, rule));
            }
            if layer.ignore.iter().any(|s| selector_matches(s, rule)) {
                on = false;
            }
        }
        on
    }

    /// The severity a finding of `rule` gets: the `[severity]` override, or `default`.
    pub fn severity_of(&self, rule: &str, default: Severity) -> Severity {
        self.severity.get(rule).copied().unwrap_or(default)
    }

    /// Apply severity overrides and inline suppressions; report unused suppressions.
    pub fn apply(&self, project: &Project, diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
        let mut diags: Vec<Diagnostic> = diags
            .into_iter()
            .filter(|d| self.is_enabled(d.rule))
            .map(|d| {
                let severity = self.severity_of(d.rule, d.severity);
                d.severity(severity)
            })
            .collect();
        let suppressions = find_suppressions(&project.source, &project.comments);
        if suppressions.is_empty() {
            return diags;
        }
        let mut used: Vec<Vec<bool>> = suppressions
            .iter()
            .map(|s| match s {
                Suppression::Valid { ids, .. } => vec![false; ids.len()],
                Suppression::Malformed { .. } => Vec::new(),
            })
            .collect();
        diags.retain(|d| {
            let Some(span) = d.span else { return true };
            let line = d.source.position(span.start).line;
            let mut suppressed = false;
            for (s, used) in suppressions.iter().zip(used.iter_mut()) {
                let Suppression::Valid { target_line, ids, .. } = s else {
                    continue;
                };
                if *target_line != Some(line) {
                    continue;
                }
                for ((id, _), used) in ids.iter().zip(used.iter_mut()) {
                    if selector_matches(id, d.rule) {
                        *used = true;
                        suppressed = true;
                    }
                }
            }
            !suppressed
        });
        if self.is_enabled(UNUSED_SUPPRESSION) {
            let severity = self.severity_of(UNUSED_SUPPRESSION, unused_rule_severity());
            for (s, used) in suppressions.iter().zip(&used) {
                diags.extend(
                    self.unused_suppression_diagnostics(project, s, used)
                        .into_iter()
                        .map(|d| d.severity(severity)),
                );
            }
        }
        diags
    }

    fn unused_suppression_diagnostics(
        &self,
        project: &Project,
        suppression: &Suppression,
        used: &[bool],
    ) -> Vec<Diagnostic> {
        let src = &project.source;
        let new = |span: Span, message: String| {
            Diagnostic::new(
                UNUSED_SUPPRESSION,
                Severity::Warning,
                src.clone(),
                Some(span),
                message,
            )
        };
        let (comment, target_line, ids) = match suppression {
            Suppression::Malformed { comment } => {
                return vec![
                    new(
                        *comment,
                        "malformed hexlint comment: it suppresses nothing".into(),
                    )
                    .help("write it as `# hexlint: ignore[rule-id] reason` (several ids: `ignore[a, b]`)"),
                ];
            }
            Suppression::Valid {
                comment,
                target_line,
                ids,
            } => (*comment, *target_line, ids),
        };
        let all_unused = used.iter().all(|u| !u);
        let mut out = Vec::new();
        for ((id, span), used) in ids.iter().zip(used) {
            if *used {
                continue;
            }
            if !is_known_selector(id) {
                let help = match did_you_mean(id, known_rule_ids()) {
                    Some(c) => format!("did you mean `{c}`? (`hexlint rules` lists every rule)"),
                    None => "`hexlint rules` lists every rule".to_string(),
                };
                out.push(new(*span, format!("unknown rule `{id}` in hexlint suppression")).help(help));
                continue;
            }
            if !crate::rules::RULES
                .iter()
                .any(|r| selector_matches(id, r.id) && self.is_enabled(r.id))
            {
                // The rule is turned off, so it cannot fire: the comment is not stale.
                continue;
            }
            let mut d = match target_line {
                Some(line) => new(
                    *span,
                    format!("unused suppression: no `{id}` finding on line {line}"),
                ),
                None => new(
                    *span,
                    format!("unused suppression: no line of code follows this `{id}` suppression"),
                ),
            }
            .help("remove it, or move it to the line before the finding (or to the end of that line)");
            if all_unused {
                d = d.fix("remove the unused suppression", removal_span(src, comment), "");
            }
            out.push(d);
        }
        out
    }
}

/// Id of the rule that reports stale suppressions.
pub const UNUSED_SUPPRESSION: &str = "unused-suppression";

fn unused_rule_severity() -> Severity {
    crate::rules::find(UNUSED_SUPPRESSION).map_or(Severity::Warning, |r| r.severity)
}

/// Does `selector` (a rule id, a group name or `all`) cover `rule`?
pub fn selector_matches(selector: &str, rule: &str) -> bool {
    selector == rule
        || selector == "all"
        || crate::rules::find(rule).is_some_and(|r| r.group.as_str() == selector)
}

/// Is `selector` a rule id, a group name or `all`?
pub fn is_known_selector(selector: &str) -> bool {
    selector == "all"
        || crate::rules::RULES
            .iter()
            .any(|r| r.id == selector || r.group.as_str() == selector)
}

fn known_rule_ids() -> impl Iterator<Item = &'static str> {
    crate::rules::RULES.iter().map(|r| r.id)
}

fn known_selectors() -> Vec<&'static str> {
    let mut all: Vec<&'static str> = known_rule_ids().collect();
    for r in crate::rules::RULES {
        if !all.contains(&r.group.as_str()) {
            all.push(r.group.as_str());
        }
    }
    all.push("all");
    all
}

/// The `.hexlint.toml` in `dir` or the closest one above it.
pub fn find_config_file(dir: &Path) -> Option<PathBuf> {
    let start = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    start
        .ancestors()
        .map(|d| d.join(FILE_NAME))
        .find(|p| p.is_file())
}

/// The command line's `--select`/`--ignore` (comma-separated lists allowed), validated.
pub fn cli_selection(lint: &LintArgs) -> Result<RuleSelection, LoadError> {
    let split = |values: &[String], flag: &str| -> Result<Vec<String>, LoadError> {
        let mut out = Vec::new();
        for v in values.iter().flat_map(|v| v.split(',')) {
            let v = v.trim();
            if v.is_empty() {
                continue;
            }
            if !is_known_selector(v) {
                let help = match did_you_mean(v, known_selectors().into_iter()) {
                    Some(c) => format!("did you mean `{c}`? (`hexlint rules` lists every rule)"),
                    None => "`hexlint rules` lists every rule".to_string(),
                };
                return Err(LoadError {
                    code: "usage-error",
                    message: format!("unknown rule `{v}` in {flag}"),
                    source: None,
                    span: None,
                    label: String::new(),
                    help: Some(help),
                    path: PathBuf::from(flag),
                });
            }
            out.push(v.to_string());
        }
        Ok(out)
    };
    let select = split(&lint.select, "--select")?;
    Ok(RuleSelection {
        select: (!select.is_empty()).then_some(select),
        ignore: split(&lint.ignore, "--ignore")?,
    })
}

fn to_span(r: std::ops::Range<usize>) -> Span {
    Span::new(r.start, r.end)
}

type ErrorFn<'a> = dyn Fn(Span, String, &str, Option<String>) -> LoadError + 'a;

fn string_value(
    value: &Spanned<DeValue>,
    key: &str,
    error: &ErrorFn,
) -> Result<(String, Span), LoadError> {
    match value.get_ref() {
        DeValue::String(s) => Ok((s.to_string(), to_span(value.span()))),
        _ => Err(error(
            to_span(value.span()),
            format!("`{key}` must be a string"),
            "expected a string",
            None,
        )),
    }
}

fn string_list(
    value: &Spanned<DeValue>,
    key: &str,
    error: &ErrorFn,
) -> Result<Vec<(String, Span)>, LoadError> {
    let DeValue::Array(items) = value.get_ref() else {
        return Err(error(
            to_span(value.span()),
            format!("`{key}` must be a list of strings"),
            "expected a list",
            Some(format!("e.g. {key} = [\"…\"]")),
        ));
    };
    items
        .iter()
        .map(|item| string_value(item, key, error))
        .collect()
}

fn rule_list(value: &Spanned<DeValue>, key: &str, error: &ErrorFn) -> Result<Vec<String>, LoadError> {
    let mut out = Vec::new();
    for (id, span) in string_list(value, key, error)? {
        if !is_known_selector(&id) {
            return Err(unknown_rule_error(&id, span, key, error, true));
        }
        out.push(id);
    }
    Ok(out)
}

fn unknown_rule_error(
    id: &str,
    span: Span,
    place: &str,
    error: &ErrorFn,
    groups_allowed: bool,
) -> LoadError {
    let candidates: Vec<&str> = if groups_allowed {
        known_selectors()
    } else {
        known_rule_ids().collect()
    };
    let help = match did_you_mean(id, candidates.into_iter()) {
        Some(c) => format!("did you mean `{c}`? (`hexlint rules` lists every rule)"),
        None => "`hexlint rules` lists every rule".to_string(),
    };
    error(
        span,
        format!("unknown rule `{id}` in `{place}`"),
        "unknown rule",
        Some(help),
    )
}

fn is_module_name(name: &str) -> bool {
    !name.is_empty()
        && name.split('.').all(|part| {
            let mut chars = part.chars();
            chars.next().is_some_and(|c| c.is_ascii_uppercase())
                && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        })
}

/// `"2 MiB"`, `"500 KB"`, `"1.5MiB"`, `"1048576"` → bytes. KB/MB/GB are powers of 1000,
/// KiB/MiB/GiB powers of 1024 (case-insensitive; `k`, `m`, `g` alone mean KiB, MiB, GiB).
pub fn parse_size(text: &str) -> Option<u64> {
    let text = text.trim();
    let split = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '_'))
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let number: f64 = number.replace('_', "").parse().ok()?;
    let factor: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "kb" => 1000,
        "k" | "kib" => 1024,
        "mb" => 1000 * 1000,
        "m" | "mib" => 1024 * 1024,
        "gb" => 1000 * 1000 * 1000,
        "g" | "gib" => 1024 * 1024 * 1024,
        _ => return None,
    };
    let bytes = number * factor as f64;
    (bytes.is_finite() && bytes >= 0.0 && bytes < u64::MAX as f64).then(|| bytes.round() as u64)
}

/// The closest candidate to `input` by Jaro-Winkler similarity, if any is close enough.
pub fn did_you_mean<'a>(input: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .map(|c| (strsim::jaro_winkler(input, c), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// An inline `# hexlint: …` comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Suppression {
    /// `# hexlint: ignore[ids] reason`.
    Valid {
        /// The whole comment, `#` included.
        comment: Span,
        /// The 1-based line whose findings it suppresses (`None`: no code follows it).
        target_line: Option<usize>,
        /// Each rule id (or group) with its span in mix.exs.
        ids: Vec<(String, Span)>,
    },
    /// Starts with `hexlint:` but is not a valid suppression.
    Malformed { comment: Span },
}

/// Every `# hexlint:` comment in a file. `comments` are `(span of the whole comment, text after
/// '#')`, as the parser reports them.
pub fn find_suppressions(source: &SourceFile, comments: &[(Span, String)]) -> Vec<Suppression> {
    let mut out = Vec::new();
    for (span, text) in comments {
        // Prefer the source text, so that the id spans are exact.
        let raw = source.slice(*span);
        let (body, body_start) = match raw.strip_prefix('#') {
            Some(b) => (b, span.start + 1),
            None => (text.as_str(), span.start),
        };
        let trimmed = body.trim_start();
        let Some(rest) = trimmed.strip_prefix("hexlint:") else {
            continue;
        };
        let rest_start = body_start + (body.len() - trimmed.len()) + "hexlint:".len();
        let after_ws = rest.trim_start();
        let mut offset = rest_start + (rest.len() - after_ws.len());
        let parsed = after_ws.strip_prefix("ignore[").and_then(|inner| {
            offset += "ignore[".len();
            let close = inner.find(']')?;
            let mut ids = Vec::new();
            let mut at = offset;
            for part in inner[..close].split(',') {
                let lead = part.len() - part.trim_start().len();
                let id = part.trim();
                if id.is_empty() || id.contains(char::is_whitespace) {
                    return None;
                }
                ids.push((id.to_string(), Span::new(at + lead, at + lead + id.len())));
                at += part.len() + 1;
            }
            Some(ids)
        });
        match parsed {
            Some(ids) => out.push(Suppression::Valid {
                comment: *span,
                target_line: target_line(source, *span),
                ids,
            }),
            None => out.push(Suppression::Malformed { comment: *span }),
        }
    }
    out
}

/// The line a suppression comment applies to: its own line when code precedes it there, else
/// the next line with code.
fn target_line(source: &SourceFile, comment: Span) -> Option<usize> {
    let line = source.position(comment.start).line;
    let line_start = source.line_span(line)?.start;
    if !source.text.get(line_start..comment.start)?.trim().is_empty() {
        return Some(line);
    }
    (line + 1..=source.line_count()).find(|&n| {
        source.line_span(n).is_some_and(|s| {
            let text = source.slice(s).trim();
            !text.is_empty() && !text.starts_with('#')
        })
    })
}

/// What to delete to remove a comment: the whole line when the comment is alone on it, else the
/// comment and the spaces before it.
fn removal_span(source: &SourceFile, comment: Span) -> Span {
    let line = source.position(comment.start).line;
    let Some(line_span) = source.line_span(line) else {
        return comment;
    };
    let before = source.text.get(line_span.start..comment.start).unwrap_or("");
    if before.trim().is_empty() {
        let end = (line_span.end + 1).min(source.text.len());
        Span::new(line_span.start, end)
    } else {
        let trimmed = before.trim_end().len();
        Span::new(line_span.start + trimmed, comment.end)
    }
}
