//! The human format: one miette graphical report per finding (the mix.exs snippet with the span
//! underlined, labels, help, the rule id as code and its doc URL), load errors with their own
//! snippet, then one summary line.

use super::{Report, display_path};
use crate::diagnostic::{Diagnostic, Severity};
use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, NamedSource};

/// Fixed wrap width, so output does not depend on the terminal (and snapshots are stable).
const WIDTH: usize = 100;

pub fn render(report: &Report, color: bool) -> String {
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
            let _ = handler.render_report(&mut out, err.to_report().as_ref());
            out.push('\n');
        }
        for diag in &package.diagnostics {
            let _ = handler.render_report(&mut out, to_miette(diag).as_ref());
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
    let text_len = diag.source.text.len();
    let clamp = |s: crate::source::Span| {
        let start = s.start.min(text_len);
        (start, s.end.min(text_len).saturating_sub(start))
    };
    let mut labels = Vec::new();
    if let Some(span) = diag.span {
        labels.push(LabeledSpan::new_primary_with_span(
            diag.key_path.clone(),
            clamp(span),
        ));
    }
    labels.extend(
        diag.labels
            .iter()
            .map(|l| LabeledSpan::new_with_span(Some(l.message.clone()), clamp(l.span))),
    );
    if labels.is_empty() {
        return miette::Report::new(m);
    }
    let source = NamedSource::new(display_path(&diag.source.path), diag.source.text.clone());
    miette::Report::new(m.with_labels(labels)).with_source_code(source)
}

/// The help line: the rule's help, plus the suggested fix when there is one.
fn help_text(diag: &Diagnostic) -> Option<String> {
    let fix = diag.fix.as_ref().map(|f| {
        let edits: Vec<String> = f
            .edits
            .iter()
            .map(|e| format!("`{}` → `{}`", diag.source.slice(e.span), e.replacement))
            .collect();
        format!("fix: {} ({})", f.message, edits.join(", "))
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
        let out = render(&sample_report(), false);
        insta::with_settings!({snapshot_path => "../../snapshots"}, {
            insta::assert_snapshot!("render_human", out);
        });
    }

    #[test]
    fn human_report_with_load_error_snapshot() {
        let out = render(&load_error_report(), false);
        assert!(out.contains("hexlint::parse-error"));
        insta::with_settings!({snapshot_path => "../../snapshots"}, {
            insta::assert_snapshot!("render_human_load_error", out);
        });
    }

    #[test]
    fn human_report_names_rule_url_and_position() {
        let out = render(&sample_report(), false);
        assert!(out.contains("invalid-version (https://github.com/hexlint/hexlint/blob/main/rules/invalid-version.md)"));
        assert!(out.contains("[tiny/mix.exs:7:16]"), "{out}");
        assert!(out.ends_with("Found 3 errors, 1 warning, 1 info in 2 packages.\n"));
    }
}
