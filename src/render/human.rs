//! The human format: one miette graphical report per finding (the mix.exs snippet with the span
//! underlined, labels, help, the rule id as code and its doc URL), load errors with their own
//! snippet, then one summary line. Findings come in reading order, capped per rule (see
//! [`super::reading_order`]); a capped rule's left-out findings are one `… and N more` line.

use super::{Item, Listing, Report, display_path, more_line, reading_order};
use crate::diagnostic::{Diagnostic, Severity};
use crate::load::LoadError;
use crate::source::{SourceFile, Span};
use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, MietteError,
    MietteSpanContents, SourceCode, SourceSpan, SpanContents,
};
use std::sync::Arc;

/// Fixed wrap width, so output does not depend on the terminal (and snapshots are stable).
const WIDTH: usize = 100;

pub fn render(report: &Report, color: bool, listing: Listing) -> String {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    // Text links: the doc URL is printed after the code, readable in every terminal and log.
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(WIDTH)
        .with_links(false);
    let mut out = String::new();
    for package in &report.packages {
        if let Some(err) = &package.error {
            let _ = handler.render_report(&mut out, load_error_to_miette(err).as_ref());
            out.push('\n');
        }
        for item in reading_order(&package.diagnostics, listing) {
            match item {
                Item::Finding(diag) => {
                    let _ = handler.render_report(&mut out, to_miette(diag).as_ref());
                }
                Item::More { rule, count } => out.push_str(&more_line(rule, count)),
            }
            out.push('\n');
        }
    }
    out.push_str(&report.summary_line());
    out.push('\n');
    out
}

/// A miette report for one finding, carrying its mix.exs text.
pub fn to_miette(diag: &Diagnostic) -> miette::Report {
    let severity = match diag.severity {
        Severity::Error => miette::Severity::Error,
        Severity::Warning => miette::Severity::Warning,
        Severity::Info => miette::Severity::Advice,
    };
    let mut m = MietteDiagnostic::new(diag.message.clone())
        .with_code(diag.rule)
        .with_severity(severity)
        .with_url(diag.url());
    if let Some(help) = help_text(diag) {
        m = m.with_help(help);
    }
    let src = &diag.source;
    let mut labels = Vec::new();
    if let Some(span) = diag.span {
        labels.push(LabeledSpan::new_primary_with_span(
            diag.key_path.clone(),
            clamp(src, span),
        ));
    }
    labels.extend(
        diag.labels
            .iter()
            .map(|l| LabeledSpan::new_with_span(Some(l.message.clone()), clamp(src, l.span))),
    );
    with_source(m, labels, src)
}

/// A miette report for a project that could not be read (parse error, bad config …).
pub fn load_error_to_miette(err: &LoadError) -> miette::Report {
    let mut m =
        MietteDiagnostic::new(err.message.clone()).with_code(format!("hexlint::{}", err.code));
    if let Some(help) = &err.help {
        m = m.with_help(help.clone());
    }
    match (&err.source, err.span) {
        (Some(src), Some(span)) => {
            let label = Some(err.label.clone()).filter(|l| !l.is_empty());
            with_source(
                m,
                vec![LabeledSpan::new_primary_with_span(label, clamp(src, span))],
                src,
            )
        }
        _ => miette::Report::new(m),
    }
}

fn with_source(
    m: MietteDiagnostic,
    labels: Vec<LabeledSpan>,
    src: &Arc<SourceFile>,
) -> miette::Report {
    if labels.is_empty() {
        return miette::Report::new(m);
    }
    miette::Report::new(m.with_labels(labels)).with_source_code(CharColumns {
        name: display_path(&src.path),
        file: src.clone(),
    })
}

/// A span clamped to the text, as miette's `(offset, length)`.
fn clamp(src: &SourceFile, span: Span) -> (usize, usize) {
    let len = src.text.len();
    let start = span.start.min(len);
    (start, span.end.min(len).saturating_sub(start))
}

/// mix.exs for miette, reporting columns in chars (as every other hexlint output does) instead of
/// miette's bytes, so the `[mix.exs:4:66]` header matches `concise` and JSON on non-ASCII lines.
#[derive(Debug)]
struct CharColumns {
    name: String,
    file: Arc<SourceFile>,
}

impl SourceCode for CharColumns {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let inner =
            self.file
                .text
                .as_str()
                .read_span(span, context_lines_before, context_lines_after)?;
        let column = self.file.position(inner.span().offset()).column - 1;
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            *inner.span(),
            inner.line(),
            column,
            inner.line_count(),
        )))
    }
}

/// The help line: the rule's help, plus the suggested fix when there is one. Short one-line
/// edits are shown as `old` → `new`; others (deletions, long or multi-line text) by their message.
fn help_text(diag: &Diagnostic) -> Option<String> {
    let fix = diag.fix.as_ref().map(|f| {
        let short = |t: &str| !t.is_empty() && t.chars().count() <= 40 && !t.contains('\n');
        let edits: Vec<String> = f
            .edits
            .iter()
            .map(|e| (diag.source.slice(e.span), e.replacement.as_str()))
            .filter(|(old, new)| short(old) && short(new))
            .map(|(old, new)| format!("`{old}` → `{new}`"))
            .collect();
        if edits.len() == f.edits.len() && !edits.is_empty() {
            format!("fix: {} ({})", f.message, edits.join(", "))
        } else {
            format!("fix: {}", f.message)
        }
    });
    match (&diag.help, fix) {
        (Some(h), Some(f)) => Some(format!("{h}\n{f}")),
        (Some(h), None) => Some(h.clone()),
        (None, f) => f,
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{load_error_report, sample_report};
    use super::*;

    #[test]
    fn human_report_snapshot() {
        let out = render(&sample_report(), false, Listing::Capped);
        insta::with_settings!({snapshot_path => "../../snapshots"}, {
            insta::assert_snapshot!("render_human", out);
        });
    }

    #[test]
    fn human_report_with_load_error_snapshot() {
        let out = render(&load_error_report(), false, Listing::Capped);
        assert!(out.contains("hexlint::parse-error"));
        insta::with_settings!({snapshot_path => "../../snapshots"}, {
            insta::assert_snapshot!("render_human_load_error", out);
        });
    }

    #[test]
    fn spans_past_the_end_do_not_panic() {
        let src = Arc::new(SourceFile::new("mix.exs", "[app: :é]"));
        let d = Diagnostic::new("x", Severity::Warning, src, Some(Span::new(8, 400)), "m")
            .label(Span::new(500, 600), "far away");
        let out = render(
            &super::super::Report {
                packages: vec![super::super::PackageReport {
                    diagnostics: vec![d],
                    ..super::super::PackageReport::new(".")
                }],
            },
            false,
            Listing::Capped,
        );
        assert!(out.contains("mix.exs:1:8"), "{out}");
    }

    #[test]
    fn human_report_names_rule_url_and_position() {
        let out = render(&sample_report(), false, Listing::Capped);
        assert!(out.contains("invalid-version (https://github.com/hexlint/hexlint/blob/main/rules/invalid-version.md)"));
        assert!(out.contains("[tiny/mix.exs:7:16]"), "{out}");
        assert!(out.ends_with("Found 3 errors, 1 warning, 1 info in 2 packages.\n"));
    }
}
