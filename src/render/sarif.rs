//! SARIF 2.1.0, as GitHub code scanning accepts it (`github/codeql-action/upload-sarif`).
//!
//! One run for the whole report (several packages give one combined document):
//! - `tool.driver`: name, version, `informationUri` and `rules[]` for the rules that produced a
//!   result (id, name, short/full description, help, `helpUri`, `defaultConfiguration.level`);
//! - `results[]`: `ruleId`, `ruleIndex`, `level` (`error`|`warning`|`note`), `message.text`, one
//!   location with a relative `artifactLocation.uri` (base `%SRCROOT%`, the directory hexlint
//!   ran in, normally the repository root) and a `region` (columns are Unicode code points,
//!   declared by the run's `columnKind`; end column exclusive), labels as `relatedLocations`,
//!   the suggested fix as `fixes[]`, and `partialFingerprints` that do not depend on line numbers;
//! - `invocations[0]`: `executionSuccessful` is false when a package could not be read, and each
//!   such error is a `toolExecutionNotification`.
//!
//! `snippet` and `message` are objects (`{"text": …}`), never strings (cargo-deny#845).

use super::{Report, display_path, load_error_location};
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::Range;
use serde_json::{Map, Value as Json, json};
use std::path::Path;

pub const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";
pub const INFORMATION_URI: &str = "https://github.com/hexlint/hexlint";
/// Longest `region.snippet.text` emitted, in bytes (the span is cut at a char boundary).
const MAX_SNIPPET: usize = 400;

pub fn render(report: &Report) -> String {
    let mut text = serde_json::to_string_pretty(&to_sarif(report)).unwrap_or_default();
    text.push('\n');
    text
}

pub fn to_sarif(report: &Report) -> Json {
    let mut rule_ids: Vec<&'static str> = Vec::new();
    let mut rules: Vec<Json> = Vec::new();
    let mut results = Vec::new();
    for d in report.diagnostics() {
        let index = match rule_ids.iter().position(|r| *r == d.rule) {
            Some(i) => i,
            None => {
                rule_ids.push(d.rule);
                rules.push(rule_json(d));
                rule_ids.len() - 1
            }
        };
        results.push(result_json(d, index));
    }
    let notifications: Vec<Json> = report
        .packages
        .iter()
        .filter_map(|p| p.error.as_ref())
        .map(|e| {
            let (file, range) = load_error_location(e);
            json!({
                "level": "error",
                "message": { "text": e.message },
                "descriptor": { "id": e.code },
                "locations": [location_json(&file, range, None)],
            })
        })
        .collect();
    let mut invocation = Map::new();
    invocation.insert(
        "executionSuccessful".into(),
        Json::Bool(notifications.is_empty()),
    );
    if !notifications.is_empty() {
        invocation.insert(
            "toolExecutionNotifications".into(),
            Json::Array(notifications),
        );
    }
    json!({
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "hexlint",
                    "version": env!("CARGO_PKG_VERSION"),
                    "informationUri": INFORMATION_URI,
                    "rules": rules,
                }
            },
            "columnKind": "unicodeCodePoints",
            "invocations": [invocation],
            "results": results,
        }]
    })
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// `reportingDescriptor` for a rule, from the registry when the rule is known.
fn rule_json(d: &Diagnostic) -> Json {
    let registered = crate::rules::find(d.rule);
    let summary = registered.map_or(d.rule, |r| r.summary);
    let doc = registered.map_or("", |r| r.doc);
    let full = doc_section(doc, "What it checks").unwrap_or_else(|| summary.to_string());
    let help = doc_section(doc, "How to fix").unwrap_or_else(|| format!("See {}", d.url()));
    let default_level = level(registered.map_or(d.severity, |r| r.severity));
    let mut rule = json!({
        "id": d.rule,
        "name": d.rule,
        "shortDescription": { "text": summary },
        "fullDescription": { "text": full },
        "help": { "text": help },
        "helpUri": d.url(),
        "defaultConfiguration": { "level": default_level },
    });
    if let Some(r) = registered {
        rule["help"]["markdown"] = Json::String(r.doc.to_string());
        rule["properties"] = json!({ "tags": ["hexlint", r.group.as_str()] });
    }
    rule
}

/// The text of a `## heading` section of a rule doc, trimmed, if present and non-empty.
fn doc_section(doc: &str, heading: &str) -> Option<String> {
    let marker = format!("## {heading}");
    let start = doc.lines().position(|l| l.trim() == marker)?;
    let body: Vec<&str> = doc
        .lines()
        .skip(start + 1)
        .take_while(|l| !l.starts_with("## "))
        .collect();
    let text = body.join("\n").trim().to_string();
    (!text.is_empty()).then_some(text)
}

fn result_json(d: &Diagnostic, rule_index: usize) -> Json {
    let file = display_path(d.file());
    let snippet = d.span.map(|s| snippet(d.source.slice(s)));
    let mut result = json!({
        "ruleId": d.rule,
        "ruleIndex": rule_index,
        "level": level(d.severity),
        "message": { "text": d.message },
        "locations": [location_json(&file, d.range(), snippet)],
        "partialFingerprints": { "hexlint/v1": fingerprint(d, &file) },
    });
    if !d.labels.is_empty() {
        result["relatedLocations"] = d
            .labels
            .iter()
            .enumerate()
            .map(|(i, l)| {
                let mut loc = location_json(&file, Some(d.source.range(l.span)), None);
                loc["id"] = json!(i + 1);
                loc["message"] = json!({ "text": l.message });
                loc
            })
            .collect();
    }
    if let Some(fix) = &d.fix {
        let replacements: Vec<Json> = fix
            .edits
            .iter()
            .map(|e| {
                json!({
                    "deletedRegion": region_json(d.source.range(e.span), None),
                    "insertedContent": { "text": e.replacement },
                })
            })
            .collect();
        result["fixes"] = json!([{
            "description": { "text": fix.message },
            "artifactChanges": [{
                "artifactLocation": artifact_json(&file),
                "replacements": replacements,
            }],
        }]);
    }
    result
}

/// A `location` with a region; findings without a span point at line 1 (GitHub requires a
/// `startLine`).
fn location_json(file: &str, range: Option<Range>, snippet: Option<String>) -> Json {
    let region = match range {
        Some(r) => region_json(r, snippet),
        None => json!({ "startLine": 1 }),
    };
    json!({
        "physicalLocation": {
            "artifactLocation": artifact_json(file),
            "region": region,
        }
    })
}

fn region_json(r: Range, snippet: Option<String>) -> Json {
    let mut region = json!({
        "startLine": r.start.line,
        "startColumn": r.start.column,
        "endLine": r.end.line,
        "endColumn": r.end.column,
    });
    if let Some(text) = snippet {
        region["snippet"] = json!({ "text": text });
    }
    region
}

/// `artifactLocation`: relative paths are URI references against `%SRCROOT%`; absolute paths
/// become `file://` URIs.
fn artifact_json(file: &str) -> Json {
    if Path::new(file).is_absolute() {
        // A Windows path (`C:\x`) is `file:///C:/x` (RFC 8089).
        let path = crate::portable::slash_text(Path::new(file));
        let slash = if path.starts_with('/') { "" } else { "/" };
        json!({ "uri": format!("file://{slash}{}", percent_encode(&path)) })
    } else {
        json!({ "uri": percent_encode(file), "uriBaseId": "%SRCROOT%" })
    }
}

/// Percent-encode everything but RFC 3986 unreserved characters, sub-delims, `:`, `@` and `/`.
fn percent_encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=:@".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn snippet(text: &str) -> String {
    if text.len() <= MAX_SNIPPET {
        return text.to_string();
    }
    let mut end = MAX_SNIPPET;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &text[..end])
}

/// A fingerprint stable across runs and unaffected by lines added above the finding: FNV-1a
/// (64 bit, fixed by definition, unlike std's hasher) over rule, file, key path (or the spanned
/// text) and message.
fn fingerprint(d: &Diagnostic, file: &str) -> String {
    let anchor = match (&d.key_path, d.span) {
        (Some(k), _) => k.as_str(),
        (None, Some(s)) => d.source.slice(s),
        (None, None) => "",
    };
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in [d.rule, file, anchor, d.message.as_str()] {
        for b in part.bytes().chain(std::iter::once(0)) {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{load_error_report, sample_report};
    use super::*;

    #[test]
    fn sarif_snapshot() {
        let out = render(&sample_report());
        let out = out.replace(
            &format!("\"version\": \"{}\"", env!("CARGO_PKG_VERSION")),
            "\"version\": \"[version]\"",
        );
        insta::with_settings!({snapshot_path => "../../snapshots"}, {
            insta::assert_snapshot!("render_sarif", out);
        });
    }

    #[test]
    fn sarif_has_the_fields_github_requires() {
        let v = to_sarif(&sample_report());
        assert_eq!(v["$schema"], SCHEMA_URI);
        assert_eq!(v["version"], "2.1.0");
        let runs = v["runs"].as_array().unwrap();
        assert_eq!(runs.len(), 1, "two packages give one combined run");
        let run = &runs[0];
        let driver = &run["tool"]["driver"];
        assert_eq!(driver["name"], "hexlint");
        assert!(driver["version"].is_string());
        assert_eq!(driver["informationUri"], INFORMATION_URI);
        let rules = driver["rules"].as_array().unwrap();
        let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
        assert_eq!(
            ids,
            [
                "invalid-version",
                "license-expression",
                "empty-links",
                "missing-changelog",
                "git-dependency"
            ]
        );
        for r in rules {
            assert!(r["shortDescription"]["text"].is_string());
            assert!(r["fullDescription"]["text"].is_string());
            assert!(r["help"]["text"].is_string());
            assert!(r["helpUri"].as_str().unwrap().starts_with("https://"));
            assert!(r["defaultConfiguration"]["level"].is_string());
        }
        let results = run["results"].as_array().unwrap();
        assert_eq!(results.len(), 5);
        let levels: Vec<&str> = results
            .iter()
            .map(|r| r["level"].as_str().unwrap())
            .collect();
        assert_eq!(levels, ["error", "error", "warning", "note", "error"]);
        for (r, expected_index) in results.iter().zip([0, 1, 2, 3, 4]) {
            assert_eq!(r["ruleIndex"], expected_index);
            assert!(r["message"]["text"].is_string());
            let loc = &r["locations"][0]["physicalLocation"];
            let uri = loc["artifactLocation"]["uri"].as_str().unwrap();
            assert!(!uri.starts_with('/') && !uri.starts_with("./"), "{uri}");
            assert_eq!(loc["artifactLocation"]["uriBaseId"], "%SRCROOT%");
            assert!(loc["region"]["startLine"].as_u64().unwrap() >= 1);
            if let Some(snippet) = loc["region"].get("snippet") {
                assert!(snippet.is_object(), "snippet must be an object");
            }
            assert_eq!(
                r["partialFingerprints"]["hexlint/v1"]
                    .as_str()
                    .unwrap()
                    .len(),
                16
            );
        }
        let first = &results[0]["locations"][0]["physicalLocation"];
        assert_eq!(first["artifactLocation"]["uri"], "tiny/mix.exs");
        assert_eq!(
            first["region"],
            json!({"startLine": 7, "startColumn": 16, "endLine": 7, "endColumn": 21,
                   "snippet": {"text": "\"0.1\""}})
        );
        assert_eq!(
            results[4]["relatedLocations"][0]["message"],
            json!({"text": "declared here"})
        );
        assert_eq!(run["invocations"][0]["executionSuccessful"], true);
    }

    #[test]
    fn sarif_deserialises_into_the_typed_sarif_model() {
        // serde-sarif's types are generated from the official 2.1.0 schema: a string where an
        // object is required (cargo-deny#845) or a missing required field fails here.
        for report in [sample_report(), load_error_report()] {
            let typed: serde_sarif::sarif::Sarif =
                serde_json::from_value(to_sarif(&report)).expect("valid SARIF");
            assert_eq!(typed.runs.len(), 1);
        }
    }

    #[test]
    fn sarif_reports_load_errors_as_notifications() {
        let v = to_sarif(&load_error_report());
        let inv = &v["runs"][0]["invocations"][0];
        assert_eq!(inv["executionSuccessful"], false);
        let n = &inv["toolExecutionNotifications"][0];
        assert_eq!(n["descriptor"]["id"], "parse-error");
        assert_eq!(n["message"]["text"], "unexpected `end`, expected `]`");
        assert_eq!(
            n["locations"][0]["physicalLocation"]["region"]["startLine"],
            4
        );
    }

    #[test]
    fn fingerprints_ignore_line_moves() {
        let report = sample_report();
        let d = &report.packages[0].diagnostics[0];
        let moved_text = format!("# a new comment line\n{}", d.source.text);
        let moved_src = std::sync::Arc::new(crate::source::SourceFile::new(
            d.source.path.clone(),
            moved_text,
        ));
        let shift = "# a new comment line\n".len();
        let moved = Diagnostic {
            source: moved_src,
            span: d
                .span
                .map(|s| crate::source::Span::new(s.start + shift, s.end + shift)),
            ..d.clone()
        };
        assert_eq!(
            fingerprint(d, "tiny/mix.exs"),
            fingerprint(&moved, "tiny/mix.exs")
        );
        let other = report.packages[0].diagnostics[1].clone();
        assert_ne!(
            fingerprint(d, "tiny/mix.exs"),
            fingerprint(&other, "tiny/mix.exs")
        );
    }

    #[test]
    fn registered_rules_take_their_descriptions_from_the_docs() {
        let src = std::sync::Arc::new(crate::source::SourceFile::new(
            "mix.exs",
            "# hexlint: ignore[x]\n",
        ));
        let d = Diagnostic::new(
            "unused-suppression",
            Severity::Info,
            src,
            Some(crate::source::Span::new(18, 19)),
            "unknown rule `x` in hexlint suppression",
        );
        let rule = rule_json(&d);
        let registered = crate::rules::find("unused-suppression").unwrap();
        assert_eq!(rule["shortDescription"]["text"], registered.summary);
        assert!(
            rule["fullDescription"]["text"]
                .as_str()
                .unwrap()
                .starts_with("Inline suppression comments in `mix.exs`")
        );
        assert!(
            rule["help"]["text"]
                .as_str()
                .unwrap()
                .starts_with("Delete the comment")
        );
        assert_eq!(rule["help"]["markdown"], registered.doc);
        // The default level is the rule's, not the (overridden) finding's.
        assert_eq!(rule["defaultConfiguration"]["level"], "warning");
        assert_eq!(rule["properties"]["tags"], json!(["hexlint", "config"]));
        assert_eq!(result_json(&d, 0)["level"], "note");
    }

    #[test]
    fn uris_are_percent_encoded() {
        assert_eq!(percent_encode("my app/mix.exs"), "my%20app/mix.exs");
        assert_eq!(percent_encode("émoji/mix.exs"), "%C3%A9moji/mix.exs");
        let (absolute, uri) = if cfg!(windows) {
            (r"C:\abs dir\mix.exs", "file:///C:/abs%20dir/mix.exs")
        } else {
            ("/abs dir/mix.exs", "file:///abs%20dir/mix.exs")
        };
        assert_eq!(artifact_json(absolute), json!({ "uri": uri }));
        assert_eq!(
            artifact_json("lib/a.ex"),
            json!({"uri": "lib/a.ex", "uriBaseId": "%SRCROOT%"})
        );
    }
}
