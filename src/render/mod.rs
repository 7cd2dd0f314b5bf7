//! Renderers: every output format reads the same [`Report`] of [`Diagnostic`]s.
//!
//! | format    | module        | colour            | meant for                               |
//! |-----------|---------------|-------------------|-----------------------------------------|
//! | `human`   | [`human`]     | see [`use_color`] | people at a terminal (miette snippets)  |
//! | `concise` | [`concise`]   | never             | one line per finding, grep and editors  |
//! | `json`    | [`json`]      | never             | tools; versioned public envelope        |
//! | `sarif`   | [`sarif`]     | never             | GitHub code scanning and other SARIF UIs|
//! | `github`  | [`github`]    | never             | GitHub Actions workflow annotations     |
//!
//! Order: the machine formats (json, sarif, github) list every finding in the report's own order
//! (file, position, rule id: [`Diagnostic::sort_key`]), which is stable across runs and versions.
//! The human and concise formats are read by people, so within each package they list errors,
//! then warnings, then infos; within a severity, findings are grouped by rule id (alphabetically)
//! and then ordered by file and position. Each rule shows at most [`SHOWN_PER_RULE`] findings of a
//! severity per package, followed by one "… and N more" line, unless [`Listing::All`]
//! (`--verbose`). The summary line always counts every finding.

pub mod concise;
pub mod github;
pub mod human;
pub mod json;
pub mod sarif;
pub mod terminal;

use crate::diagnostic::{Diagnostic, FailOn, Severity};
use crate::load::LoadError;
use std::path::{Component, Path, PathBuf};

/// The `check` report formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CheckFormat {
    Human,
    Concise,
    Json,
    Sarif,
    Github,
}

/// When the human format uses colour (see [`use_color`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// How many findings of one rule (and severity) the human and concise formats list per package
/// before folding the rest into one "… and N more" line.
pub const SHOWN_PER_RULE: usize = 5;

/// How many findings the human and concise formats list: [`SHOWN_PER_RULE`] per rule, or all
/// (`--verbose`). Machine formats always list all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Listing {
    #[default]
    Capped,
    All,
}

/// One item of a package's section in the human and concise formats.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Item<'a> {
    Finding(&'a Diagnostic),
    /// The findings of `rule` (at one severity) left out by the cap.
    More {
        rule: &'static str,
        count: usize,
    },
}

/// A package's findings in reading order: errors, then warnings, then infos; within a severity,
/// by rule id, then file and position ([`Diagnostic::sort_key`]). With [`Listing::Capped`], each
/// (severity, rule) group keeps its first [`SHOWN_PER_RULE`] findings and an [`Item::More`].
pub(crate) fn reading_order(diagnostics: &[Diagnostic], listing: Listing) -> Vec<Item<'_>> {
    let mut sorted: Vec<&Diagnostic> = diagnostics.iter().collect();
    sorted.sort_by_cached_key(|d| (std::cmp::Reverse(d.severity), d.rule, d.sort_key()));
    let mut items = Vec::with_capacity(sorted.len());
    for group in sorted.chunk_by(|a, b| a.severity == b.severity && a.rule == b.rule) {
        let shown = match listing {
            Listing::Capped => group.len().min(SHOWN_PER_RULE),
            Listing::All => group.len(),
        };
        items.extend(group[..shown].iter().map(|d| Item::Finding(d)));
        if shown < group.len() {
            items.push(Item::More {
                rule: group[0].rule,
                count: group.len() - shown,
            });
        }
    }
    items
}

/// The line that stands for the findings the cap left out.
pub(crate) fn more_line(rule: &str, count: usize) -> String {
    let noun = if count == 1 { "finding" } else { "findings" };
    format!("… and {count} more `{rule}` {noun} (--verbose shows all)")
}

/// The result of checking one package.
#[derive(Debug, Clone)]
pub struct PackageReport {
    /// The project directory, as given (relative paths stay relative).
    pub path: PathBuf,
    /// The package name, when known.
    pub name: Option<String>,
    pub diagnostics: Vec<Diagnostic>,
    /// Set when the project (or its `.hexlint.toml`) could not be read at all (exit code 2).
    pub error: Option<LoadError>,
    /// The `fail-on` level from the package's `.hexlint.toml` (the CLI `--fail-on` wins).
    pub fail_on: Option<FailOn>,
}

impl PackageReport {
    /// An empty report for the project at `path`.
    pub fn new(path: impl Into<PathBuf>) -> Self {
        PackageReport {
            path: path.into(),
            name: None,
            diagnostics: Vec::new(),
            error: None,
            fail_on: None,
        }
    }
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

    /// The closing line of the human and concise outputs:
    /// `Found 3 errors, 2 warnings, 1 info in 2 packages.` or `No problems found in 1 package.`,
    /// followed by `1 package could not be read.` when loading failed somewhere.
    pub fn summary_line(&self) -> String {
        let failed = self.packages.iter().filter(|p| p.error.is_some()).count();
        let checked = self.packages.len() - failed;
        let s = self.summary();
        let counts: Vec<String> = [
            (s.errors, "error"),
            (s.warnings, "warning"),
            (s.infos, "info"),
        ]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, word)| plural(n, word))
        .collect();
        let mut line = if !counts.is_empty() {
            format!(
                "Found {} in {}.",
                counts.join(", "),
                plural(checked, "package")
            )
        } else if checked > 0 || failed == 0 {
            format!("No problems found in {}.", plural(checked, "package"))
        } else {
            String::new()
        };
        if failed > 0 {
            if !line.is_empty() {
                line.push(' ');
            }
            let verb = if failed == 1 { "was" } else { "were" };
            line.push_str(&format!(
                "{} could not be read (exit code 2) and {verb} not checked.",
                plural(failed, "package")
            ));
        }
        line
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// Render a report in the given format. `to_terminal` is false when writing to a file (`-o`);
/// colour is then always off. Colour is also off for every machine format.
/// `listing` only matters for the human and concise formats.
pub fn render(
    report: &Report,
    format: CheckFormat,
    color: ColorChoice,
    to_terminal: bool,
    listing: Listing,
) -> String {
    let color = format == CheckFormat::Human
        && to_terminal
        && use_color(color, |k| std::env::var(k).ok(), stdout_is_terminal());
    render_with_color(report, format, color, listing)
}

/// [`render`] with the colour decision already made (used by tests).
pub fn render_with_color(
    report: &Report,
    format: CheckFormat,
    color: bool,
    listing: Listing,
) -> String {
    match format {
        CheckFormat::Human => human::render(report, color, listing),
        CheckFormat::Concise => concise::render(report, listing),
        CheckFormat::Json => json::render(report),
        CheckFormat::Sarif => sarif::render(report),
        CheckFormat::Github => github::render(report),
    }
}

fn stdout_is_terminal() -> bool {
    use std::io::IsTerminal;
    std::io::stdout().is_terminal()
}

/// Whether the human report uses colour. Precedence, first match wins:
///
/// 1. `--color always` → on, `--color never` → off;
/// 2. `CLICOLOR_FORCE` or `FORCE_COLOR` set to anything but `""`/`"0"`/`"false"` → on
///    (as the `colored` crate ruff uses: forcing beats `NO_COLOR`);
/// 3. `NO_COLOR` set and non-empty → off (<https://no-color.org>);
/// 4. `CLICOLOR=0` → off;
/// 5. otherwise on exactly when stdout is a terminal.
///
/// Writing to a file (`-o`) and the machine formats never use colour, whatever this says.
pub fn use_color(
    choice: ColorChoice,
    env: impl Fn(&str) -> Option<String>,
    stdout_is_tty: bool,
) -> bool {
    match choice {
        ColorChoice::Always => return true,
        ColorChoice::Never => return false,
        ColorChoice::Auto => {}
    }
    let set = |k: &str| env(k).filter(|v| !v.is_empty());
    let forced = |k: &str| set(k).is_some_and(|v| v != "0" && !v.eq_ignore_ascii_case("false"));
    if forced("CLICOLOR_FORCE") || forced("FORCE_COLOR") {
        return true;
    }
    if set("NO_COLOR").is_some() {
        return false;
    }
    if set("CLICOLOR").as_deref() == Some("0") {
        return false;
    }
    stdout_is_tty
}

/// A path as every output shows it: `/`-separated, without leading `./` (`./mix.exs` → `mix.exs`).
pub fn display_path(path: &Path) -> String {
    let parts: Vec<String> = path
        .components()
        .filter(|c| !matches!(c, Component::CurDir))
        .map(|c| match c {
            Component::RootDir => String::new(),
            other => other.as_os_str().to_string_lossy().into_owned(),
        })
        .collect();
    if parts.is_empty() {
        ".".to_string()
    } else if parts.len() == 1 && parts[0].is_empty() {
        "/".to_string()
    } else {
        parts.join("/")
    }
}

/// Where a load error points: its file (or the path the user gave) and range, if any.
pub(crate) fn load_error_location(err: &LoadError) -> (String, Option<crate::source::Range>) {
    match (&err.source, err.span) {
        (Some(src), Some(span)) => (display_path(&src.path), Some(src.range(span))),
        (Some(src), None) => (display_path(&src.path), None),
        _ => (display_path(&err.path), None),
    }
}

#[cfg(test)]
pub(crate) mod test_support {
    //! A hand-built report with several findings across two packages, shared by the renderer
    //! tests.

    use super::*;
    use crate::diagnostic::Diagnostic;
    use crate::source::{SourceFile, Span};
    use std::sync::Arc;

    pub const MIX_A: &str = "defmodule Tiny.MixProject do\n  use Mix.Project\n\n  def project do\n    [\n      app: :tiny,\n      version: \"0.1\",\n      description: \"Tiny: 100% \\\"fast\\\", small\",\n      package: [licenses: [\"MIT OR Apache-2.0\"], links: %{}]\n    ]\n  end\nend\n";

    pub const MIX_B: &str = "defmodule Émoji.MixProject do\n  use Mix.Project\n  # ünïcödé: columns count chars\n  def project, do: [app: :émoji, version: \"1.0.0\", deps: [{:dep, git: \"https://x\"}]]\nend\n";

    fn span_of(text: &str, needle: &str) -> Span {
        let start = text.find(needle).expect("needle in fixture");
        Span::new(start, start + needle.len())
    }

    pub fn sample_report() -> Report {
        let a = Arc::new(SourceFile::new("./tiny/mix.exs", MIX_A));
        let b = Arc::new(SourceFile::new("pkgs/emoji/mix.exs", MIX_B));
        let lic = span_of(MIX_A, "\"MIT OR Apache-2.0\"");
        let version = span_of(MIX_A, "\"0.1\"");
        let links = span_of(MIX_A, "%{}");
        let git = span_of(MIX_B, "git: \"https://x\"");
        let dep = span_of(MIX_B, "{:dep, git: \"https://x\"}");
        let tiny = PackageReport {
            name: Some("tiny".into()),
            diagnostics: vec![
                Diagnostic::new(
                    "invalid-version",
                    Severity::Error,
                    a.clone(),
                    Some(version),
                    "version \"0.1\" is not a valid SemVer version",
                )
                .help("use three parts: MAJOR.MINOR.PATCH, e.g. \"0.1.0\"")
                .key_path("version")
                .fix("write a full version", version, "\"0.1.0\""),
                Diagnostic::new(
                    "license-expression",
                    Severity::Error,
                    a.clone(),
                    Some(lic),
                    "license \"MIT OR Apache-2.0\" is an SPDX expression; Hex wants one id per entry",
                )
                .help("split it: licenses: [\"MIT\", \"Apache-2.0\"]")
                .key_path("package.licenses[0]"),
                Diagnostic::new(
                    "empty-links",
                    Severity::Warning,
                    a.clone(),
                    Some(links),
                    "package links are empty: 50% of users look for a repo, link, line\nsecond line",
                )
                .key_path("package.links"),
                Diagnostic::new(
                    "missing-changelog",
                    Severity::Info,
                    a.clone(),
                    None,
                    "no CHANGELOG.md in the package",
                ),
            ],
            ..PackageReport::new("./tiny")
        };
        let emoji = PackageReport {
            name: Some("émoji".into()),
            diagnostics: vec![
                Diagnostic::new(
                    "git-dependency",
                    Severity::Error,
                    b.clone(),
                    Some(git),
                    "prod dependency :dep comes from git; Hex only allows Hex packages",
                )
                .label(dep, "declared here")
                .key_path("deps[0]"),
            ],
            ..PackageReport::new("pkgs/emoji")
        };
        Report {
            packages: vec![tiny, emoji],
        }
    }

    /// A report with one package that failed to parse.
    pub fn load_error_report() -> Report {
        let src = Arc::new(SourceFile::new(
            "broken/mix.exs",
            "defmodule X do\n  def project do\n    [app: :x\n  end\nend\n",
        ));
        let err = LoadError {
            code: "parse-error",
            message: "unexpected `end`, expected `]`".into(),
            source: Some(src),
            span: Some(Span::new(47, 50)),
            label: "the list opened on line 3 is not closed".into(),
            help: Some("add `]` before `end`".into()),
            path: PathBuf::from("broken"),
        };
        let mut sample = sample_report();
        sample.packages.truncate(1);
        sample.packages.insert(
            0,
            PackageReport {
                error: Some(err),
                ..PackageReport::new("broken")
            },
        );
        sample
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(vars: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let vars: Vec<(String, String)> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |k| vars.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone())
    }

    #[test]
    fn color_flag_beats_environment() {
        assert!(use_color(
            ColorChoice::Always,
            env(&[("NO_COLOR", "1")]),
            false
        ));
        assert!(!use_color(
            ColorChoice::Never,
            env(&[("CLICOLOR_FORCE", "1")]),
            true
        ));
    }

    #[test]
    fn auto_follows_the_terminal() {
        assert!(use_color(ColorChoice::Auto, env(&[]), true));
        assert!(!use_color(ColorChoice::Auto, env(&[]), false));
    }

    #[test]
    fn no_color_turns_colour_off_on_a_terminal() {
        assert!(!use_color(
            ColorChoice::Auto,
            env(&[("NO_COLOR", "1")]),
            true
        ));
        // An empty NO_COLOR is ignored (no-color.org).
        assert!(use_color(ColorChoice::Auto, env(&[("NO_COLOR", "")]), true));
        assert!(!use_color(
            ColorChoice::Auto,
            env(&[("CLICOLOR", "0")]),
            true
        ));
    }

    #[test]
    fn force_variables_turn_colour_on_without_a_terminal() {
        assert!(use_color(
            ColorChoice::Auto,
            env(&[("CLICOLOR_FORCE", "1")]),
            false
        ));
        assert!(use_color(
            ColorChoice::Auto,
            env(&[("FORCE_COLOR", "3")]),
            false
        ));
        assert!(use_color(
            ColorChoice::Auto,
            env(&[("FORCE_COLOR", "1"), ("NO_COLOR", "1")]),
            false
        ));
        assert!(!use_color(
            ColorChoice::Auto,
            env(&[("FORCE_COLOR", "0")]),
            false
        ));
    }

    #[test]
    fn machine_formats_never_contain_escape_codes() {
        let report = test_support::sample_report();
        for format in [
            CheckFormat::Concise,
            CheckFormat::Json,
            CheckFormat::Sarif,
            CheckFormat::Github,
        ] {
            let out = render_with_color(&report, format, true, Listing::Capped);
            assert!(!out.contains('\u{1b}'), "{format:?} has an escape code");
        }
        let human = |color| render_with_color(&report, CheckFormat::Human, color, Listing::Capped);
        assert!(human(true).contains('\u{1b}'));
        assert!(!human(false).contains('\u{1b}'));
    }

    #[test]
    fn summary_line_counts_and_pluralises() {
        let report = test_support::sample_report();
        assert_eq!(
            report.summary_line(),
            "Found 3 errors, 1 warning, 1 info in 2 packages."
        );
        let clean = Report {
            packages: vec![PackageReport::new(".")],
        };
        assert_eq!(clean.summary_line(), "No problems found in 1 package.");
        let broken = test_support::load_error_report();
        assert_eq!(
            broken.summary_line(),
            "Found 2 errors, 1 warning, 1 info in 1 package. 1 package could not be read (exit code 2) and was not checked."
        );
        let only_broken = Report {
            packages: vec![broken.packages[0].clone()],
        };
        assert_eq!(
            only_broken.summary_line(),
            "1 package could not be read (exit code 2) and was not checked."
        );
    }

    /// `n` findings of `rule`, one per line of a mix.exs, starting at line `first`.
    fn findings(rule: &'static str, severity: Severity, first: usize, n: usize) -> Vec<Diagnostic> {
        let text = "x\n".repeat(first + n);
        let src = std::sync::Arc::new(crate::source::SourceFile::new("mix.exs", text));
        (first..first + n)
            .map(|line| {
                let span = crate::source::Span::new(2 * line, 2 * line + 1);
                Diagnostic::new(
                    rule,
                    severity,
                    src.clone(),
                    Some(span),
                    format!("at {line}"),
                )
            })
            .collect()
    }

    fn describe(items: &[Item]) -> Vec<String> {
        items
            .iter()
            .map(|i| match i {
                Item::Finding(d) => format!("{}[{}] {}", d.severity, d.rule, d.message),
                Item::More { rule, count } => format!("more {rule} {count}"),
            })
            .collect()
    }

    #[test]
    fn reading_order_puts_severity_before_position_and_groups_by_rule() {
        // In file order the info and the warnings come first; the error is last.
        let mut diags = findings("b-rule", Severity::Info, 0, 1);
        diags.extend(findings("c-rule", Severity::Warning, 1, 1));
        diags.extend(findings("a-rule", Severity::Warning, 2, 1));
        diags.extend(findings("z-rule", Severity::Error, 3, 1));
        diags.extend(findings("c-rule", Severity::Warning, 4, 1));
        assert_eq!(
            describe(&reading_order(&diags, Listing::Capped)),
            [
                "error[z-rule] at 3",
                "warning[a-rule] at 2",
                "warning[c-rule] at 1",
                "warning[c-rule] at 4",
                "info[b-rule] at 0",
            ]
        );
    }

    #[test]
    fn reading_order_caps_each_rule_unless_all() {
        let mut diags = findings("many", Severity::Warning, 0, SHOWN_PER_RULE + 3);
        diags.extend(findings("few", Severity::Warning, 20, SHOWN_PER_RULE));
        let capped = describe(&reading_order(&diags, Listing::Capped));
        assert_eq!(capped.len(), 2 * SHOWN_PER_RULE + 1);
        assert_eq!(capped[2 * SHOWN_PER_RULE], "more many 3");
        assert!(capped[..SHOWN_PER_RULE].iter().all(|l| l.contains("[few]")));
        let all = describe(&reading_order(&diags, Listing::All));
        assert_eq!(all.len(), 2 * SHOWN_PER_RULE + 3);
        assert!(all.iter().all(|l| !l.starts_with("more")));
        assert_eq!(
            more_line("large-file", 1),
            "… and 1 more `large-file` finding (--verbose shows all)"
        );
    }

    #[test]
    fn display_path_drops_dot_prefix() {
        assert_eq!(display_path(Path::new("./mix.exs")), "mix.exs");
        assert_eq!(display_path(Path::new(".")), ".");
        assert_eq!(display_path(Path::new("a/./b/mix.exs")), "a/b/mix.exs");
        assert_eq!(display_path(Path::new("/abs/mix.exs")), "/abs/mix.exs");
    }
}
