//! `.hexlint.toml`, the CLI rule selection, severity overrides and inline suppressions.
//!
//! # The file
//!
//! `.hexlint.toml` in the project directory, or the first one found walking up from it (the
//! closest file wins; files are not merged). `--config FILE` replaces the search.
//!
//! ```toml
//! select = ["license", "invalid-version"]   # rule ids or group names; default: every rule
//! ignore = ["unbounded-requirement"]         # rule ids or group names
//! fail-on = "warning"                        # lowest severity that exits 1 (default "error")
//! namespaces = ["Phoenix"]                   # extra module namespaces this package owns
//! large-file-size = "2 MiB"                  # or a number of bytes
//! elixir-version = "1.18.4"                  # System.version() for mix.exs, or "all" (default: detected)
//!
//! [severity]
//! missing-readme = "info"                    # "error" | "warning" | "info" | "off"
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

use crate::cli::LintArgs;
use crate::diagnostic::{Diagnostic, FailOn, Severity};
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
    "elixir-version",
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
    /// `System.version()` for mix.exs (`elixir-version`; default: the installed Elixir's).
    pub elixir_version: Option<String>,
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
    pub fn load(project_dir: &Path, lint: &LintArgs) -> Result<Config, Box<LoadError>> {
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

    /// [`Config::load`], reading the config file from `overlay` when it holds a text for it.
    pub fn load_overlay(
        project_dir: &Path,
        lint: &LintArgs,
        overlay: &crate::load::Overlay,
    ) -> Result<Config, Box<LoadError>> {
        let path = lint
            .config
            .clone()
            .or_else(|| find_config_file(project_dir));
        let mut config = match path {
            Some(path) => match overlay.get(&path).or_else(|| {
                std::fs::canonicalize(&path)
                    .ok()
                    .and_then(|p| overlay.get(&p))
            }) {
                Some(text) => Config::parse(&path, text)?,
                None => Config::read(&path)?,
            },
            None => Config::default(),
        };
        config.cli_rules = cli_selection(lint)?;
        Ok(config)
    }

    /// Read and validate one config file.
    pub fn read(path: &Path) -> Result<Config, Box<LoadError>> {
        let text = std::fs::read_to_string(path).map_err(|e| {
            Box::new(LoadError {
                code: "config-error",
                message: format!("cannot read config file {}: {e}", path.display()),
                source: None,
                span: None,
                label: String::new(),
                help: None,
                path: path.to_path_buf(),
            })
        })?;
        Config::parse(path, &text)
    }

    /// Parse `.hexlint.toml` text; `path` is used for messages.
    pub fn parse(path: &Path, text: &str) -> Result<Config, Box<LoadError>> {
        let source = Arc::new(SourceFile::new(path, text));
        let error = |span: Span, message: String, label: &str, help: Option<String>| {
            Box::new(LoadError {
                code: "config-error",
                message,
                source: Some(source.clone()),
                span: Some(span),
                label: label.to_string(),
                help,
                path: path.to_path_buf(),
            })
        };
        let table = DeTable::parse(text).map_err(|e| {
            let span = e
                .span()
                .map_or(Span::new(0, 0), |r| Span::new(r.start, r.end));
            error(
                span,
                format!(
                    "{} is not valid TOML: {}",
                    path.display(),
                    e.message().trim()
                ),
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
                                Some(
                                    "namespaces are module prefixes, written without `Elixir.`"
                                        .into(),
                                ),
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
                                error(
                                    vspan,
                                    "`large-file-size` must be a positive number of bytes".into(),
                                    "here",
                                    None,
                                )
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
                                "`large-file-size` must be a size string or a number of bytes"
                                    .into(),
                                "expected e.g. \"2 MiB\"",
                                None,
                            ));
                        }
                    });
                }
                "elixir-version" => {
                    let (s, span) = string_value(value, "elixir-version", &error)?;
                    let version = if s == crate::worlds::ALL {
                        Some(s.clone())
                    } else {
                        crate::toolchain::normalize_version(&s)
                    };
                    let Some(version) = version else {
                        return Err(error(
                            span,
                            format!(
                                "`elixir-version` must be a version such as \"1.18.4\", or \"all\", not \"{s}\""
                            ),
                            "here",
                            None,
                        ));
                    };
                    config.elixir_version = Some(version);
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
                                format!(
                                    "`fail-on` must be \"error\", \"warning\" or \"info\", not \"{other}\""
                                ),
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
                            return Err(unknown_rule_error(
                                id,
                                rule_span,
                                "[severity]",
                                &error,
                                false,
                            ));
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
                                        did_you_mean(
                                            other,
                                            ["error", "warning", "info", "off"].into_iter(),
                                        )
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
                        format!("unknown key `{other}`"),
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
            // Suppression comments live in mix.exs; they never apply to lines of other files.
            if !std::sync::Arc::ptr_eq(&d.source, &project.source) {
                return true;
            }
            let line = d.source.position(span.start).line;
            let mut suppressed = false;
            for (s, used) in suppressions.iter().zip(used.iter_mut()) {
                let Suppression::Valid {
                    target_line, ids, ..
                } = s
                else {
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
                out.push(
                    new(*span, format!("unknown rule `{id}` in hexlint suppression")).help(help),
                );
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
            .help(
                "remove it, or move it to the line before the finding (or to the end of that line)",
            );
            if all_unused {
                d = d.fix(
                    "remove the unused suppression",
                    removal_span(src, comment),
                    "",
                );
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

/// The `.hexlint.toml` in `dir` or the closest one above it, relative to the current directory
/// when it is below it (so messages show `.hexlint.toml`, not an absolute path).
pub fn find_config_file(dir: &Path) -> Option<PathBuf> {
    let start = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    let found = start
        .ancestors()
        .map(|d| d.join(FILE_NAME))
        .find(|p| p.is_file())?;
    let cwd = std::env::current_dir().and_then(std::fs::canonicalize);
    match cwd.as_deref().map(|cwd| found.strip_prefix(cwd)) {
        Ok(Ok(relative)) => Some(relative.to_path_buf()),
        _ => Some(found),
    }
}

/// The command line's `--select`/`--ignore` (comma-separated lists allowed), validated.
pub fn cli_selection(lint: &LintArgs) -> Result<RuleSelection, Box<LoadError>> {
    let split = |values: &[String], flag: &str| -> Result<Vec<String>, Box<LoadError>> {
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
                return Err(Box::new(LoadError {
                    code: "usage-error",
                    message: format!("unknown rule `{v}` in {flag}"),
                    source: None,
                    span: None,
                    label: String::new(),
                    help: Some(help),
                    path: PathBuf::from(flag),
                }));
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

type ErrorFn<'a> = dyn Fn(Span, String, &str, Option<String>) -> Box<LoadError> + 'a;

fn string_value(
    value: &Spanned<DeValue>,
    key: &str,
    error: &ErrorFn,
) -> Result<(String, Span), Box<LoadError>> {
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
) -> Result<Vec<(String, Span)>, Box<LoadError>> {
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

fn rule_list(
    value: &Spanned<DeValue>,
    key: &str,
    error: &ErrorFn,
) -> Result<Vec<String>, Box<LoadError>> {
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
) -> Box<LoadError> {
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
    if !source
        .text
        .get(line_start..comment.start)?
        .trim()
        .is_empty()
    {
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
    let before = source
        .text
        .get(line_span.start..comment.start)
        .unwrap_or("");
    if before.trim().is_empty() {
        let end = (line_span.end + 1).min(source.text.len());
        Span::new(line_span.start, end)
    } else {
        let trimmed = before.trim_end().len();
        Span::new(line_span.start + trimmed, comment.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mixexs::value::Value;

    fn parse(text: &str) -> Result<Config, Box<LoadError>> {
        Config::parse(Path::new("proj/.hexlint.toml"), text)
    }

    /// Line and column of a config error.
    fn position(err: &LoadError) -> (usize, usize) {
        let src = err.source.as_ref().expect("error has the file");
        let p = src.position(err.span.expect("error has a span").start);
        (p.line, p.column)
    }

    fn lint_args(select: &[&str], ignore: &[&str]) -> LintArgs {
        LintArgs {
            fail_on: None,
            ignore: ignore.iter().map(|s| s.to_string()).collect(),
            select: select.iter().map(|s| s.to_string()).collect(),
            env: None,
            elixir: None,
            config: None,
        }
    }

    #[test]
    fn full_config_parses() {
        let c = parse(
            "select = [\"publish\", \"unused-suppression\"]\nignore = [\"revert-window\"]\nfail-on = \"warning\"\nnamespaces = [\"Phoenix\", \"My_App.Plugins\"]\nlarge-file-size = \"2 MiB\"\n\n[severity]\nuntagged-version = \"error\"\nunused-suppression = \"off\"\n",
        )
        .unwrap();
        assert_eq!(c.fail_on, Some(FailOn::Warning));
        assert_eq!(c.namespaces, ["Phoenix", "My_App.Plugins"]);
        assert_eq!(c.large_file_size, Some(2 * 1024 * 1024));
        assert_eq!(
            c.severity_of("untagged-version", Severity::Info),
            Severity::Error
        );
        assert_eq!(
            c.severity_of("revert-window", Severity::Info),
            Severity::Info
        );
        assert!(c.is_enabled("untagged-version"));
        assert!(!c.is_enabled("revert-window"), "ignored");
        assert!(!c.is_enabled("unused-suppression"), "severity off");
        assert_eq!(c.path.as_deref(), Some(Path::new("proj/.hexlint.toml")));
    }

    #[test]
    fn unknown_key_is_an_error_with_position_and_suggestion() {
        let err = parse("select = []\nfail_on = \"warning\"\n").unwrap_err();
        assert_eq!(err.code, "config-error");
        assert_eq!(err.message, "unknown key `fail_on`");
        assert_eq!(position(&err), (2, 1));
        assert!(
            err.help
                .as_deref()
                .unwrap()
                .starts_with("did you mean `fail-on`?"),
            "{:?}",
            err.help
        );
        assert_eq!(err.path, Path::new("proj/.hexlint.toml"));
    }

    #[test]
    fn unknown_rule_ids_are_errors_with_suggestions() {
        let err = parse("ignore = [\"revert-window\", \"untaged-version\"]\n").unwrap_err();
        assert_eq!(err.message, "unknown rule `untaged-version` in `ignore`");
        assert_eq!(position(&err), (1, 28));
        assert!(
            err.help
                .as_deref()
                .unwrap()
                .contains("did you mean `untagged-version`?")
        );

        let err = parse("[severity]\nunused-supression = \"info\"\n").unwrap_err();
        assert_eq!(
            err.message,
            "unknown rule `unused-supression` in `[severity]`"
        );
        assert_eq!(position(&err), (2, 1));
        assert!(
            err.help
                .as_deref()
                .unwrap()
                .contains("`unused-suppression`")
        );
    }

    #[test]
    fn bad_values_are_errors() {
        let err = parse("[severity]\nrevert-window = \"warn\"\n").unwrap_err();
        assert_eq!(err.message, "unknown severity \"warn\" for `revert-window`");
        assert_eq!(position(&err), (2, 17));
        assert_eq!(err.help.as_deref(), Some("did you mean \"warning\"?"));

        let err = parse("fail-on = \"never\"\n").unwrap_err();
        assert_eq!(position(&err), (1, 11));

        let err = parse("namespaces = [\"phoenix\"]\n").unwrap_err();
        assert_eq!(err.message, "`phoenix` is not an Elixir module name");

        let err = parse("large-file-size = \"2 parsecs\"\n").unwrap_err();
        assert_eq!(
            err.message,
            "`large-file-size`: cannot read `2 parsecs` as a size"
        );

        let err = parse("select = \"all\"\n").unwrap_err();
        assert_eq!(err.message, "`select` must be a list of strings");
        assert_eq!(position(&err), (1, 10));

        let err = parse("severity = \"off\"\n").unwrap_err();
        assert!(err.message.starts_with("`severity` must be a table"));
    }

    #[test]
    fn invalid_toml_points_at_the_syntax_error() {
        let err = parse("select = [\n\"a\"\nignore = 3\n").unwrap_err();
        assert_eq!(err.code, "config-error");
        assert!(
            err.message
                .starts_with("proj/.hexlint.toml is not valid TOML"),
            "{}",
            err.message
        );
        assert!(err.span.is_some());
    }

    #[test]
    fn sizes() {
        assert_eq!(parse_size("1048576"), Some(1_048_576));
        assert_eq!(parse_size("2 MiB"), Some(2_097_152));
        assert_eq!(parse_size("1.5 KB"), Some(1500));
        assert_eq!(parse_size("500kb"), Some(500_000));
        assert_eq!(parse_size("1 GiB"), Some(1 << 30));
        assert_eq!(parse_size("3 parsecs"), None);
        assert_eq!(parse_size("MiB"), None);
        assert_eq!(parse_size(""), None);
        let c = parse("elixir-version = \"1.18\"\n").unwrap();
        assert_eq!(c.elixir_version.as_deref(), Some("1.18.0"));
        assert!(parse("elixir-version = \"newest\"\n").is_err());
        let c = parse("large-file-size = 1_000\n").unwrap();
        assert_eq!(c.large_file_size, Some(1000));
        assert!(parse("large-file-size = -5\n").is_err());
    }

    #[test]
    fn command_line_overrides_the_file() {
        let mut c = parse("ignore = [\"untagged-version\"]\n[severity]\nrevert-window = \"off\"\n")
            .unwrap();
        c.cli_rules = cli_selection(&lint_args(&["untagged-version"], &[])).unwrap();
        // --select beats the file's ignore; rules not selected are off.
        assert!(c.is_enabled("untagged-version"));
        assert!(!c.is_enabled("revert-window"));
        assert!(!c.is_enabled("unused-suppression"));

        let mut c = parse("select = [\"publish\"]\n").unwrap();
        c.cli_rules = cli_selection(&lint_args(&[], &["revert-window,untagged-version"])).unwrap();
        // --ignore adds to the file's selection.
        assert!(!c.is_enabled("revert-window"));
        assert!(!c.is_enabled("untagged-version"));
        assert!(c.is_enabled("uncommitted-changes"));
        assert!(
            !c.is_enabled("unused-suppression"),
            "not in the file's select"
        );

        let c = Config {
            cli_rules: cli_selection(&lint_args(&["publish"], &["publish"])).unwrap(),
            ..Config::default()
        };
        assert!(
            !c.is_enabled("revert-window"),
            "ignore wins within one layer"
        );
        assert!(Config::default().is_enabled("revert-window"));
    }

    #[test]
    fn unknown_command_line_rule_is_a_usage_error() {
        let err = cli_selection(&lint_args(&["revert-windw"], &[])).unwrap_err();
        assert_eq!(err.code, "usage-error");
        assert_eq!(err.message, "unknown rule `revert-windw` in --select");
        assert!(
            err.help
                .unwrap()
                .starts_with("did you mean `revert-window`?")
        );
        assert!(cli_selection(&lint_args(&["all"], &["config"])).is_ok());
    }

    #[test]
    fn config_file_is_found_walking_upward_and_closest_wins() {
        let dir = tempfile::tempdir().unwrap();
        let project = dir.path().join("apps/tiny");
        std::fs::create_dir_all(&project).unwrap();
        std::fs::write(dir.path().join(FILE_NAME), "fail-on = \"info\"\n").unwrap();
        let c = Config::load(&project, &lint_args(&[], &[])).unwrap();
        assert_eq!(c.fail_on, Some(FailOn::Info));
        std::fs::write(project.join(FILE_NAME), "fail-on = \"warning\"\n").unwrap();
        let c = Config::load(&project, &lint_args(&[], &[])).unwrap();
        assert_eq!(c.fail_on, Some(FailOn::Warning));
        // --config replaces the search.
        let mut args = lint_args(&[], &[]);
        args.config = Some(dir.path().join(FILE_NAME));
        assert_eq!(
            Config::load(&project, &args).unwrap().fail_on,
            Some(FailOn::Info)
        );
        args.config = Some(dir.path().join("missing.toml"));
        let err = Config::load(&project, &args).unwrap_err();
        assert!(
            err.message.starts_with("cannot read config file"),
            "{}",
            err.message
        );
    }

    // ── inline suppressions ──────────────────────────────────────────────────

    /// A project for `text`, with its `#` comments (test texts have no `#` inside strings).
    fn project(text: &str) -> Project {
        let source = Arc::new(SourceFile::new("mix.exs", text));
        let mut comments = Vec::new();
        let mut offset = 0;
        for line in text.split_inclusive('\n') {
            if let Some(i) = line.find('#') {
                let body = line[i + 1..].trim_end_matches(['\n', '\r']);
                let start = offset + i;
                comments.push((Span::new(start, start + 1 + body.len()), body.to_string()));
            }
            offset += line.len();
        }
        Project::from_config(
            PathBuf::from("."),
            source,
            None,
            Value::unknown("test", Span::default()),
            Vec::new(),
            comments,
        )
    }

    /// A finding of `rule` at the first occurrence of `needle`.
    fn finding(p: &Project, rule: &'static str, needle: &str) -> Diagnostic {
        let start = p.source.text.find(needle).expect("needle");
        Diagnostic::new(
            rule,
            Severity::Info,
            p.source.clone(),
            Some(Span::new(start, start + needle.len())),
            "finding",
        )
    }

    fn summary(diags: &[Diagnostic]) -> Vec<(String, String, usize, usize)> {
        diags
            .iter()
            .map(|d| {
                let r = d.range().unwrap();
                (
                    d.rule.to_string(),
                    d.severity.to_string(),
                    r.start.line,
                    r.start.column,
                )
            })
            .collect()
    }

    const MIX: &str = "def project do\n  [\n    # hexlint: ignore[untagged-version] tagged by CI\n    version: \"1.0.0\",\n    app: :tiny, # hexlint: ignore[revert-window]\n    docs: []\n  ]\nend\n";

    #[test]
    fn suppression_on_the_line_before_and_at_the_end_of_the_line() {
        let p = project(MIX);
        let diags = vec![
            finding(&p, "untagged-version", "\"1.0.0\""),
            finding(&p, "revert-window", ":tiny"),
            finding(&p, "revert-window", "docs"),
        ];
        let out = Config::default().apply(&p, diags);
        assert_eq!(
            summary(&out),
            [("revert-window".into(), "info".into(), 6, 5)]
        );
    }

    #[test]
    fn blank_and_comment_lines_between_are_skipped() {
        let p = project(
            "[\n  # hexlint: ignore[untagged-version] ok\n\n  # another comment\n  version: \"1\"\n]\n",
        );
        let out = Config::default().apply(&p, vec![finding(&p, "untagged-version", "\"1\"")]);
        assert!(out.is_empty(), "{:?}", summary(&out));
    }

    #[test]
    fn unused_suppression_is_reported_at_the_rule_id_with_a_fix() {
        let p = project(MIX);
        let out = Config::default().apply(&p, vec![finding(&p, "revert-window", ":tiny")]);
        assert_eq!(
            summary(&out),
            [("unused-suppression".into(), "warning".into(), 3, 23)]
        );
        let d = &out[0];
        assert_eq!(
            d.message,
            "unused suppression: no `untagged-version` finding on line 4"
        );
        assert_eq!(d.source.slice(d.span.unwrap()), "untagged-version");
        let fix = d.fix.as_ref().unwrap();
        assert_eq!(
            p.source.slice(fix.edits[0].span),
            "    # hexlint: ignore[untagged-version] tagged by CI\n"
        );
    }

    #[test]
    fn end_of_line_fix_keeps_the_code() {
        let p = project(MIX);
        let out = Config::default().apply(&p, vec![finding(&p, "untagged-version", "\"1.0.0\"")]);
        let fix = out[0].fix.as_ref().unwrap();
        assert_eq!(
            p.source.slice(fix.edits[0].span),
            " # hexlint: ignore[revert-window]"
        );
    }

    #[test]
    fn unknown_rule_in_suppression_is_reported_with_did_you_mean() {
        let p =
            project("[\n  version: \"1\" # hexlint: ignore[untaged-version, revert-window]\n]\n");
        let out = Config::default().apply(&p, vec![finding(&p, "revert-window", "\"1\"")]);
        assert_eq!(
            summary(&out),
            [("unused-suppression".into(), "warning".into(), 2, 34)]
        );
        assert_eq!(
            out[0].message,
            "unknown rule `untaged-version` in hexlint suppression"
        );
        assert!(
            out[0]
                .help
                .as_deref()
                .unwrap()
                .starts_with("did you mean `untagged-version`?")
        );
        assert!(out[0].fix.is_none(), "the other id is used: no removal fix");
    }

    #[test]
    fn malformed_suppression_is_reported() {
        let p = project("[\n  # hexlint: ignore untagged-version\n  version: \"1\"\n]\n");
        let out = Config::default().apply(&p, vec![finding(&p, "untagged-version", "\"1\"")]);
        assert_eq!(
            summary(&out),
            [
                ("untagged-version".into(), "info".into(), 3, 12),
                ("unused-suppression".into(), "warning".into(), 2, 3),
            ]
        );
        assert!(out[1].message.starts_with("malformed hexlint comment"));
        // Ordinary comments are not suppressions.
        let p = project("[\n  # hexlint is great\n  # ignore[untagged-version]\n  a: 1\n]\n");
        assert!(find_suppressions(&p.source, &p.comments).is_empty());
    }

    #[test]
    fn crlf_files_and_group_selectors() {
        let p = project(
            "[\r\n  # hexlint: ignore[publish] reason\r\n  version: \"1\", # hexlint: ignore[all]\r\n  app: :x\r\n]\r\n",
        );
        let out = Config::default().apply(
            &p,
            vec![
                finding(&p, "untagged-version", "version"),
                finding(&p, "revert-window", "\"1\""),
                finding(&p, "revert-window", ":x"),
            ],
        );
        assert_eq!(
            summary(&out),
            [("revert-window".into(), "info".into(), 4, 8)]
        );
        let stale = project("[\r\n  # hexlint: ignore[revert-window]\r\n  app: :x\r\n]\r\n");
        let out = Config::default().apply(&stale, Vec::new());
        let fix = out[0].fix.as_ref().unwrap();
        assert_eq!(
            stale.source.slice(fix.edits[0].span),
            "  # hexlint: ignore[revert-window]\r\n"
        );
    }

    #[test]
    fn suppressions_of_disabled_rules_are_not_stale() {
        let p = project(MIX);
        let c = parse("ignore = [\"untagged-version\", \"revert-window\"]\n").unwrap();
        assert!(c.apply(&p, Vec::new()).is_empty());
    }

    #[test]
    fn severity_overrides_apply_to_findings_and_to_unused_suppression() {
        let p = project(MIX);
        let c = parse("[severity]\nrevert-window = \"error\"\nunused-suppression = \"info\"\n")
            .unwrap();
        let out = c.apply(&p, vec![finding(&p, "revert-window", "docs")]);
        assert_eq!(
            summary(&out),
            [
                ("revert-window".into(), "error".into(), 6, 5),
                ("unused-suppression".into(), "info".into(), 3, 23),
                ("unused-suppression".into(), "info".into(), 5, 35),
            ]
        );
        let off = parse("[severity]\nunused-suppression = \"off\"\n").unwrap();
        assert!(off.apply(&p, Vec::new()).is_empty());
    }

    #[test]
    fn findings_of_disabled_rules_are_dropped_and_spanless_ones_kept() {
        let p = project(MIX);
        let c = parse("ignore = [\"revert-window\"]\n").unwrap();
        let spanless = Diagnostic::new(
            "untagged-version",
            Severity::Info,
            p.source.clone(),
            None,
            "x",
        );
        let out = c.apply(&p, vec![finding(&p, "revert-window", "docs"), spanless]);
        // The untagged-version suppression is unused (the finding has no position).
        assert_eq!(out.len(), 2);
        assert_eq!(out[0].rule, "untagged-version");
        assert_eq!(out[0].span, None);
        assert_eq!(out[1].rule, "unused-suppression");
    }
}
