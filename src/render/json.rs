//! The JSON format: hexlint's public, versioned machine interface.
//!
//! One document per run (pretty-printed, stable key order):
//!
//! ```json
//! {
//!   "schema": 1,
//!   "tool": { "name": "hexlint", "version": "0.1.0" },
//!   "packages": [
//!     {
//!       "path": "pkgs/tiny",                 // the project directory as given
//!       "name": "tiny",                      // package name, or null when unknown
//!       "diagnostics": [ <diagnostic>, … ],  // sorted by file, position, rule
//!       "error": null                        // or {"code","message","file","range"} when the
//!     }                                      // project could not be read (exit code 2)
//!   ],
//!   "summary": { "errors": 3, "warnings": 2, "infos": 1 }
//! }
//! ```
//!
//! Each `<diagnostic>`:
//!
//! | key        | value                                                                       |
//! |------------|-----------------------------------------------------------------------------|
//! | `rule`     | kebab-case rule id (`invalid-license`)                                      |
//! | `severity` | `"error"`, `"warning"` or `"info"` (after `.hexlint.toml` overrides)         |
//! | `message`  | one-paragraph description                                                   |
//! | `file`     | path of the file the range points into (normally mix.exs), `/`-separated    |
//! | `range`    | `{"start":{"line","column"},"end":{"line","column"}}` or `null` (no span)   |
//! | `help`     | how to fix it, or `null`                                                    |
//! | `url`      | the rule's documentation                                                    |
//! | `fix`      | `null` or `{"message", "applicability", "edits":[{"range", "content"}]}`    |
//! | `key_path` | where in the mix.exs config the value lives (`package.licenses[0]`) or null |
//! | `labels`   | secondary locations: `[{"range", "message"}]`                               |
//!
//! `fix.applicability` (added in schema 1, hexlint 0.1): `"safe"` (applied by `check --fix`),
//! `"unsafe"` (applied only with `--unsafe-fixes`: it changes what the project means) or
//! `"display-only"` (never applied). Edits of one fix never overlap; `content` replaces the
//! range's text.
//!
//! Positions are 1-based. Columns count Unicode scalar values (chars), not bytes or UTF-16 units.
//! `end` is exclusive: it is the position just after the last character of the span.
//!
//! Compatibility: fields may be added within schema 1; removing or changing the meaning of a
//! field bumps `schema`.

use super::{Report, display_path, load_error_location};
use crate::diagnostic::Diagnostic;
use crate::source::Range;
use serde_json::{Value as Json, json};

/// The version of the JSON envelope.
pub const SCHEMA_VERSION: u32 = 1;

pub fn render(report: &Report) -> String {
    let mut text = serde_json::to_string_pretty(&to_json(report)).unwrap_or_default();
    text.push('\n');
    text
}

/// The report as a JSON value (see the module docs for the schema).
pub fn to_json(report: &Report) -> Json {
    let packages: Vec<Json> = report
        .packages
        .iter()
        .map(|p| {
            let error = p.error.as_ref().map(|e| {
                let (file, range) = load_error_location(e);
                json!({
                    "code": e.code,
                    "message": e.message,
                    "file": file,
                    "range": range.map(range_json),
                })
            });
            json!({
                "path": display_path(&p.path),
                "name": p.name,
                "diagnostics": p.diagnostics.iter().map(diagnostic_json).collect::<Vec<_>>(),
                "error": error,
            })
        })
        .collect();
    let summary = report.summary();
    json!({
        "schema": SCHEMA_VERSION,
        "tool": { "name": "hexlint", "version": env!("CARGO_PKG_VERSION") },
        "packages": packages,
        "summary": {
            "errors": summary.errors,
            "warnings": summary.warnings,
            "infos": summary.infos,
        },
    })
}

/// One diagnostic as JSON.
pub fn diagnostic_json(d: &Diagnostic) -> Json {
    let src = &d.source;
    let fix = d.fix.as_ref().map(|f| {
        json!({
            "message": f.message,
            "applicability": f.applicability.as_str(),
            "edits": f.edits.iter().map(|e| json!({
                "range": range_json(src.range(e.span)),
                "content": e.replacement,
            })).collect::<Vec<_>>(),
        })
    });
    json!({
        "rule": d.rule,
        "severity": d.severity.as_str(),
        "message": d.message,
        "file": display_path(d.file()),
        "range": d.range().map(range_json),
        "help": d.help,
        "url": d.url(),
        "fix": fix,
        "key_path": d.key_path,
        "labels": d.labels.iter().map(|l| json!({
            "range": range_json(src.range(l.span)),
            "message": l.message,
        })).collect::<Vec<_>>(),
    })
}

fn range_json(r: Range) -> Json {
    json!({
        "start": { "line": r.start.line, "column": r.start.column },
        "end": { "line": r.end.line, "column": r.end.column },
    })
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{load_error_report, sample_report};
    use super::*;

    #[test]
    fn json_snapshot() {
        let out = render(&sample_report());
        let out = out.replace(
            &format!("\"version\": \"{}\"", env!("CARGO_PKG_VERSION")),
            "\"version\": \"[version]\"",
        );
        insta::with_settings!({snapshot_path => "../../snapshots"}, {
            insta::assert_snapshot!("render_json", out);
        });
    }

    #[test]
    fn json_envelope_shape() {
        let v = to_json(&load_error_report());
        assert_eq!(v["schema"], 1);
        assert_eq!(v["tool"]["name"], "hexlint");
        assert_eq!(
            v["summary"],
            json!({"errors": 2, "warnings": 1, "infos": 1})
        );
        let broken = &v["packages"][0];
        assert_eq!(broken["path"], "broken");
        assert_eq!(broken["name"], Json::Null);
        assert_eq!(broken["diagnostics"], json!([]));
        assert_eq!(
            broken["error"],
            json!({
                "code": "parse-error",
                "message": "unexpected `end`, expected `]`",
                "file": "broken/mix.exs",
                "range": {"start": {"line": 4, "column": 3}, "end": {"line": 4, "column": 6}},
            })
        );
        let d = &v["packages"][1]["diagnostics"][0];
        assert_eq!(d["rule"], "invalid-version");
        assert_eq!(d["severity"], "error");
        assert_eq!(d["file"], "tiny/mix.exs");
        assert_eq!(
            d["range"],
            json!({"start": {"line": 7, "column": 16}, "end": {"line": 7, "column": 21}})
        );
        assert_eq!(d["fix"]["edits"][0]["content"], "\"0.1.0\"");
        assert_eq!(d["key_path"], "version");
        let no_span = &v["packages"][1]["diagnostics"][3];
        assert_eq!(no_span["range"], Json::Null);
        assert_eq!(no_span["fix"], Json::Null);
        assert_eq!(no_span["labels"], json!([]));
    }

    #[test]
    fn json_columns_count_chars_not_bytes() {
        let v = to_json(&sample_report());
        let d = &v["packages"][1]["diagnostics"][0];
        // Line 4 of MIX_B starts with `  def project, do: [app: :émoji, …`: `é` is 2 bytes but
        // one column.
        let line = super::super::test_support::MIX_B.lines().nth(3).unwrap();
        let col = line.find("git:").unwrap();
        let byte_col = col + 1;
        let char_col = line[..col].chars().count() + 1;
        assert_ne!(byte_col, char_col);
        assert_eq!(d["range"]["start"]["column"], char_col);
        assert_eq!(d["labels"][0]["message"], "declared here");
    }
}
