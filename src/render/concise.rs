//! The concise format: one line per finding, `path:line:col: severity[rule] message`, then the
//! summary line; findings in reading order, capped per rule (see [`super::reading_order`]), a
//! capped rule's left-out findings as one `… and N more` line. Load errors use the same shape with `error[<load error code>]`. Newlines inside
//! a message are replaced by spaces so that every finding stays on one line.

use super::terminal::escape_controls;
use super::{Item, Listing, Report, display_path, load_error_location, more_line, reading_order};
use crate::load::LoadError;

pub fn render(report: &Report, listing: Listing) -> String {
    let mut out = String::new();
    for package in &report.packages {
        if let Some(err) = &package.error {
            out.push_str(&load_error_line(err));
            out.push('\n');
        }
        for item in reading_order(&package.diagnostics, listing) {
            let d = match item {
                Item::Finding(d) => d,
                Item::More { rule, count } => {
                    out.push_str(&more_line(rule, count));
                    out.push('\n');
                    continue;
                }
            };
            let file = one_line(&display_path(d.file()));
            let at = match d.range() {
                Some(r) => format!("{file}:{}:{}", r.start.line, r.start.column),
                None => file,
            };
            out.push_str(&format!(
                "{at}: {}[{}] {}\n",
                d.severity,
                d.rule,
                one_line(&d.message)
            ));
        }
    }
    out.push_str(&report.summary_line());
    out.push('\n');
    out
}

/// `path:line:col: error[code] message`: a load error on one line, safe for a terminal (also what
/// `check` prints on stderr for a project it could not read).
pub fn load_error_line(err: &LoadError) -> String {
    let (file, range) = load_error_location(err);
    let file = one_line(&file);
    let at = match range {
        Some(r) => format!("{file}:{}:{}", r.start.line, r.start.column),
        None => file,
    };
    format!("{at}: error[{}] {}", err.code, one_line(&err.message))
}

/// One line, safe for a terminal: line breaks become spaces, control characters escapes.
fn one_line(text: &str) -> String {
    let text = text.replace("\r\n", " ").replace(['\n', '\r'], " ");
    escape_controls(&text).into_owned()
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{load_error_report, sample_report};
    use super::*;

    #[test]
    fn concise_snapshot() {
        let out = render(&sample_report(), Listing::Capped);
        insta::with_settings!({snapshot_path => "../../snapshots"}, {
            insta::assert_snapshot!("render_concise", out);
        });
    }

    #[test]
    fn concise_lines_have_positions_and_one_line_messages() {
        let out = render(&load_error_report(), Listing::Capped);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(
            lines[0],
            "broken/mix.exs:4:3: error[parse-error] unexpected `end`, expected `]`"
        );
        assert_eq!(
            lines[1],
            "tiny/mix.exs:7:16: error[invalid-version] version \"0.1\" is not a valid SemVer version"
        );
        assert!(
            lines[3].ends_with("look for a repo, link, line second line"),
            "{}",
            lines[3]
        );
        assert_eq!(
            lines[4],
            "tiny/mix.exs: info[missing-changelog] no CHANGELOG.md in the package"
        );
        assert_eq!(lines.len(), 6);
    }
}
