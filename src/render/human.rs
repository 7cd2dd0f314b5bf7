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
    let handler = handler(color);
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

/// A miette report for one finding, carrying its mix.exs text. Every text from the input is
/// made safe for a terminal (see [`super::terminal`]).
pub fn to_miette(diag: &Diagnostic) -> miette::Report {
    let severity = match diag.severity {
        Severity::Error => miette::Severity::Error,
        Severity::Warning => miette::Severity::Warning,
        Severity::Info => miette::Severity::Advice,
    };
    let mut m = MietteDiagnostic::new(safe(&diag.message))
        .with_code(diag.rule)
        .with_severity(severity)
        .with_url(diag.url());
    if let Some(help) = help_text(diag) {
        m = m.with_help(safe(&help));
    }
    let mut spans: Vec<(Span, Option<String>, bool)> = Vec::new();
    if let Some(span) = diag.span {
        spans.push((span, diag.key_path.as_deref().map(safe), true));
    }
    spans.extend(
        diag.labels
            .iter()
            .map(|l| (l.span, Some(safe(&l.message)), false)),
    );
    with_source(m, spans, &diag.source)
}

/// A miette report for a project that could not be read (parse error, bad config …).
pub fn load_error_to_miette(err: &LoadError) -> miette::Report {
    let mut m =
        MietteDiagnostic::new(safe(&err.message)).with_code(format!("hexlint::{}", err.code));
    if let Some(help) = &err.help {
        m = m.with_help(safe(help));
    }
    match (&err.source, err.span) {
        (Some(src), Some(span)) => {
            let label = Some(safe(&err.label)).filter(|l| !l.is_empty());
            with_source(m, vec![(span, label, true)], src)
        }
        _ => miette::Report::new(m),
    }
}

/// A load error as the human format prints it (on stderr for `metadata`, `files`, `modules` and
/// `check`): the miette report with its snippet.
pub fn render_load_error(err: &LoadError, color: bool) -> String {
    let mut out = String::new();
    let _ = handler(color).render_report(&mut out, load_error_to_miette(err).as_ref());
    out
}

fn handler(color: bool) -> GraphicalReportHandler {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    // Text links: the doc URL is printed after the code, readable in every terminal and log.
    GraphicalReportHandler::new_themed(theme)
        .with_width(WIDTH)
        .with_links(false)
}

fn safe(text: &str) -> String {
    super::terminal::escape_controls(text).into_owned()
}

/// `(span, label, primary)` for each label of a report.
type Spans = Vec<(Span, Option<String>, bool)>;

fn with_source(m: MietteDiagnostic, spans: Spans, src: &Arc<SourceFile>) -> miette::Report {
    if spans.is_empty() {
        return miette::Report::new(m);
    }
    let excerpt = Excerpt::new(src, spans.iter().map(|(s, _, _)| *s));
    let labels: Vec<LabeledSpan> = spans
        .into_iter()
        .map(|(span, label, primary)| {
            let at = excerpt.span(span);
            if primary {
                LabeledSpan::new_primary_with_span(label, at)
            } else {
                LabeledSpan::new_with_span(label, at)
            }
        })
        .collect();
    miette::Report::new(m.with_labels(labels)).with_source_code(CharColumns {
        name: safe(&display_path(&src.path)),
        file: src.clone(),
        excerpt,
    })
}

/// Longest snippet line shown whole, in characters; longer lines are cut to a window around
/// the span (a minified line of 200,000 characters is never echoed).
pub const MAX_SNIPPET_LINE: usize = 160;
/// Lines of context kept around the spans.
const CONTEXT_LINES: usize = 2;

/// The lines of mix.exs a report shows, made printable: every unsafe character (see
/// [`super::terminal`]) replaced by one visible character, the `\r` of `\r\n` dropped, and long
/// lines cut to [`MAX_SNIPPET_LINE`] characters around the spans with `…`. Keeps the offset map
/// between the file and the excerpt, so spans and reported columns stay those of the file.
#[derive(Debug)]
struct Excerpt {
    text: String,
    /// 0-based line of the file where the excerpt starts.
    first_line: usize,
    /// Consecutive pieces: `(file range, excerpt range, copied byte for byte)`.
    pieces: Vec<(std::ops::Range<usize>, std::ops::Range<usize>, bool)>,
}

impl Excerpt {
    fn new(src: &SourceFile, spans: impl Iterator<Item = Span>) -> Excerpt {
        let len = src.text.len();
        let offsets: Vec<usize> = spans
            .flat_map(|s| [s.start.min(len), s.end.min(len)])
            .collect();
        let lo = offsets.iter().copied().min().unwrap_or(0);
        let hi = offsets.iter().copied().max().unwrap_or(0);
        let first_line = (src.position(lo).line - 1).saturating_sub(CONTEXT_LINES);
        let last_line = src.position(hi).line + CONTEXT_LINES;
        let mut ex = Excerpt {
            text: String::new(),
            first_line,
            pieces: Vec::new(),
        };
        for line in first_line + 1..=last_line.min(src.line_count()) {
            let Some(span) = src.line_span(line) else {
                break;
            };
            let end = if line < src.line_count() {
                span.end + 1
            } else {
                span.end
            };
            // Where to look in a long line: the first span offset on it.
            let focus = offsets
                .iter()
                .copied()
                .filter(|o| (span.start..=span.end).contains(o))
                .min();
            ex.push_line(&src.text, span.start, end, focus);
        }
        ex
    }

    /// Copy the line `text[start..end]` (with its newline), made printable and cut when long.
    fn push_line(&mut self, text: &str, start: usize, end: usize, focus: Option<usize>) {
        let line = &text[start..end];
        let chars = line.chars().count();
        let (keep_from, keep_to) = if chars > MAX_SNIPPET_LINE {
            let focus_char = focus
                .and_then(|f| text.get(start..f))
                .map_or(0, |t| t.chars().count());
            let from = focus_char.saturating_sub(MAX_SNIPPET_LINE / 4);
            (from, from + MAX_SNIPPET_LINE)
        } else {
            (0, usize::MAX)
        };
        let mut cut_open: Option<usize> = None;
        for (i, (at, c)) in line.char_indices().enumerate() {
            let at = start + at;
            let next = at + c.len_utf8();
            let newline = c == '\n';
            if (i < keep_from || i >= keep_to) && !newline {
                cut_open.get_or_insert(at);
                continue;
            }
            if let Some(cut) = cut_open.take() {
                self.piece(cut..at, "…", false);
            }
            if c == '\r' && text[next..].starts_with('\n') {
                self.piece(at..next, "", false);
            } else if super::terminal::is_unsafe(c) {
                let mut buf = [0; 4];
                self.piece(
                    at..next,
                    super::terminal::picture(c).encode_utf8(&mut buf),
                    false,
                );
            } else {
                self.piece(at..next, &text[at..next], true);
            }
        }
        if let Some(cut) = cut_open.take() {
            self.piece(cut..end, "…", false);
        }
    }

    fn piece(&mut self, file: std::ops::Range<usize>, shown: &str, exact: bool) {
        let start = self.text.len();
        self.text.push_str(shown);
        // Runs of copied bytes are merged, so the map stays small.
        if let Some((f, e, true)) = self.pieces.last_mut()
            && exact
            && f.end == file.start
        {
            f.end = file.end;
            e.end = self.text.len();
            return;
        }
        self.pieces.push((file, start..self.text.len(), exact));
    }

    /// A file offset in the excerpt (offsets before it map to its start, after it to its end).
    fn offset(&self, at: usize) -> usize {
        let i = self.pieces.partition_point(|(f, _, _)| f.start <= at);
        let Some((f, e, exact)) = i.checked_sub(1).map(|i| &self.pieces[i]) else {
            return 0;
        };
        if at >= f.end {
            e.end
        } else if *exact {
            e.start + (at - f.start)
        } else {
            e.start
        }
    }

    /// An excerpt offset back in the file.
    fn file_offset(&self, at: usize) -> usize {
        let i = self.pieces.partition_point(|(_, e, _)| e.start <= at);
        let Some((f, e, exact)) = i.checked_sub(1).map(|i| &self.pieces[i]) else {
            return 0;
        };
        if *exact {
            (f.start + (at - e.start)).min(f.end)
        } else if at >= e.end {
            f.end
        } else {
            f.start
        }
    }

    /// A file span as miette's `(offset, length)` in the excerpt.
    fn span(&self, span: Span) -> (usize, usize) {
        let start = self.offset(span.start);
        let end = self.offset(span.end.max(span.start));
        (start, end.saturating_sub(start))
    }
}

/// The excerpt of mix.exs for miette, reporting lines of the file and columns in chars (as every
/// other hexlint output does) instead of miette's bytes, so the `[mix.exs:4:66]` header matches
/// `concise` and JSON on non-ASCII lines.
#[derive(Debug)]
struct CharColumns {
    name: String,
    file: Arc<SourceFile>,
    excerpt: Excerpt,
}

impl SourceCode for CharColumns {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let inner = self.excerpt.text.as_str().read_span(
            span,
            context_lines_before,
            context_lines_after,
        )?;
        let at = self.excerpt.file_offset(inner.span().offset());
        let column = self.file.position(at).column - 1;
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            *inner.span(),
            inner.line() + self.excerpt.first_line,
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
        let label = match f.applicability {
            crate::diagnostic::Applicability::Safe => "fix",
            crate::diagnostic::Applicability::Unsafe => "unsafe fix",
            crate::diagnostic::Applicability::DisplayOnly => "suggestion",
        };
        if edits.len() == f.edits.len() && !edits.is_empty() {
            format!("{label}: {} ({})", f.message, edits.join(", "))
        } else {
            format!("{label}: {}", f.message)
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
    fn control_characters_in_the_snippet_keep_columns_and_long_lines_are_cut() {
        let text = format!(
            "x = \"\u{1b}[2J\u{202e}\" <> bad\ny = {}bad{}\n",
            "a".repeat(500),
            "b".repeat(500)
        );
        let src = Arc::new(SourceFile::new("mix.exs", text.clone()));
        let first = text.find("bad").unwrap();
        let second = text.rfind("bad").unwrap();
        let report = super::super::Report {
            packages: vec![super::super::PackageReport {
                diagnostics: vec![
                    Diagnostic::new(
                        "x",
                        Severity::Warning,
                        src.clone(),
                        Some(Span::new(first, first + 3)),
                        "m\u{1b}[2J",
                    ),
                    Diagnostic::new(
                        "y",
                        Severity::Warning,
                        src,
                        Some(Span::new(second, second + 3)),
                        "n",
                    ),
                ],
                ..super::super::PackageReport::new(".")
            }],
        };
        let out = render(&report, false, Listing::Capped);
        assert!(
            !out.chars()
                .any(|c| c != '\n' && super::super::terminal::is_unsafe(c)),
            "{out}"
        );
        // The header column is the file's (chars), the same as in concise and JSON.
        assert!(out.contains("[mix.exs:1:16]"), "{out}");
        assert!(out.contains("x = \"␛[2J�\" <> bad"), "{out}");
        assert!(out.contains("m\\e[2J"), "{out}");
        assert!(out.contains("[mix.exs:2:505]"), "{out}");
        let longest = out.lines().map(|l| l.chars().count()).max().unwrap_or(0);
        assert!(
            longest < MAX_SNIPPET_LINE + 20,
            "a line of {longest} characters:\n{out}"
        );
        assert!(out.contains("…aaa"), "{out}");
    }

    #[test]
    fn human_report_names_rule_url_and_position() {
        let out = render(&sample_report(), false, Listing::Capped);
        assert!(out.contains("invalid-version (https://github.com/hexlint/hexlint/blob/main/rules/invalid-version.md)"));
        assert!(out.contains("[tiny/mix.exs:7:16]"), "{out}");
        assert!(out.ends_with("Found 3 errors, 1 warning, 1 info in 2 packages.\n"));
    }
}
