//! GitHub Actions workflow commands, one annotation per finding:
//!
//! ```text
//! ::error file=mix.exs,line=7,col=16,endLine=7,endColumn=21,title=hexlint (invalid-version)::mix.exs:7:16: invalid-version version "0.1" is not …
//! ```
//!
//! - levels: `error`, `warning`, and `notice` for info;
//! - escaping as in `@actions/core`: the message gets `%`→`%25`, CR→`%0D`, LF→`%0A`; property
//!   values additionally `:`→`%3A` and `,`→`%2C`;
//! - `col`/`endColumn` are sent only when the span is on one line and `endColumn >= col`:
//!   otherwise the runner silently drops the annotation (astral-sh/ruff#22074);
//! - the message repeats `path:line:col: rule` so the raw log stays readable, and the help
//!   follows on its own line;
//! - every finding is printed, uncapped (`--verbose` changes nothing here): GitHub itself shows at
//!   most 10 annotations of each level per step and 50 per job (actions/toolkit
//!   `docs/problem-matchers.md`); the rest stay readable in the log.

use super::terminal::escape_controls;
use super::{Report, display_path, load_error_location};
use crate::diagnostic::Severity;
use crate::source::Range;

pub fn render(report: &Report) -> String {
    let mut out = String::new();
    for package in &report.packages {
        if let Some(err) = &package.error {
            let (file, range) = load_error_location(err);
            out.push_str(&command(
                "error",
                &file,
                range,
                err.code,
                &err.message,
                err.help.as_deref(),
            ));
        }
        for d in &package.diagnostics {
            let level = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            out.push_str(&command(
                level,
                &display_path(d.file()),
                d.range(),
                d.rule,
                &d.message,
                d.help.as_deref(),
            ));
        }
    }
    out
}

fn command(
    level: &str,
    file: &str,
    range: Option<Range>,
    code: &str,
    message: &str,
    help: Option<&str>,
) -> String {
    // Control characters from the input are escaped before the toolkit's escaping (which only
    // encodes `%`, CR and LF, and the runner decodes them again).
    let file = &escape_controls(file);
    let message = &escape_controls(message);
    let help = help.map(escape_controls);
    let mut props = vec![format!("file={}", escape_property(file))];
    let mut at = file.to_string();
    if let Some(r) = range {
        props.push(format!("line={}", r.start.line));
        let one_line = r.start.line == r.end.line && r.end.column >= r.start.column;
        if one_line {
            props.push(format!("col={}", r.start.column));
        }
        props.push(format!("endLine={}", r.end.line));
        if one_line {
            props.push(format!("endColumn={}", r.end.column));
        }
        at = format!("{file}:{}:{}", r.start.line, r.start.column);
    }
    props.push(format!(
        "title={}",
        escape_property(&format!("hexlint ({code})"))
    ));
    let mut text = format!("{at}: {code} {message}");
    if let Some(help) = help {
        text.push_str("\nhelp: ");
        text.push_str(&help);
    }
    format!("::{level} {}::{}\n", props.join(","), escape_data(&text))
}

/// `escapeData` from `@actions/core`: for the message.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// `escapeProperty` from `@actions/core`: for property values.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{load_error_report, sample_report};
    use super::*;
    use crate::source::Position;

    #[test]
    fn github_snapshot() {
        let out = render(&sample_report());
        insta::with_settings!({snapshot_path => "../../snapshots"}, {
            insta::assert_snapshot!("render_github", out);
        });
    }

    #[test]
    fn escaping_follows_the_actions_toolkit() {
        assert_eq!(escape_data("50% a\r\nb:c,d"), "50%25 a%0D%0Ab:c,d");
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    }

    #[test]
    fn multi_line_spans_drop_columns() {
        let r = Range {
            start: Position { line: 3, column: 5 },
            end: Position { line: 4, column: 2 },
        };
        let out = command("warning", "mix.exs", Some(r), "x", "m", None);
        assert_eq!(
            out,
            "::warning file=mix.exs,line=3,endLine=4,title=hexlint (x)::mix.exs:3:5: x m\n"
        );
    }

    #[test]
    fn one_line_spans_keep_columns_and_help() {
        let r = Range {
            start: Position { line: 3, column: 5 },
            end: Position { line: 3, column: 9 },
        };
        let out = command("error", "a,b:c.exs", Some(r), "x", "100% bad", Some("do y"));
        assert_eq!(
            out,
            "::error file=a%2Cb%3Ac.exs,line=3,col=5,endLine=3,endColumn=9,title=hexlint (x)::a,b:c.exs:3:5: x 100%25 bad%0Ahelp: do y\n"
        );
    }

    #[test]
    fn every_finding_and_load_error_is_one_annotation() {
        let out = render(&load_error_report());
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 5);
        assert!(lines[0].starts_with(
            "::error file=broken/mix.exs,line=4,col=3,endLine=4,endColumn=6,title=hexlint (parse-error)::"
        ));
        assert!(lines[4].starts_with("::notice file=tiny/mix.exs,title=hexlint (missing-changelog)::tiny/mix.exs: missing-changelog"));
        assert!(lines.iter().all(|l| l.starts_with("::")));
    }
}
