//! `sensitive-file-packaged`: a packaged file that is, or contains, a secret.

use crate::diagnostic::{Diagnostic, Severity};
use crate::files::FileSet;
use crate::files::hygiene::secrets::{self, ExampleContext};
use crate::files::hygiene::{origin, pattern_key_path, pattern_span};
use crate::rules::{Context, Group, Rule};

pub static RULE: Rule = Rule {
    id: "sensitive-file-packaged",
    group: Group::Files,
    severity: Severity::Error,
    summary: "a packaged file is a secret or contains credentials",
    doc: include_str!("../../../rules/sensitive-file-packaged.md"),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let files = ctx.files();
    if files.unknown.is_some() {
        return;
    }
    // Unknown `secret_scan` ignores: which files the author exempted cannot be known.
    let scan_config = ctx
        .project
        .package
        .as_ref()
        .and_then(|p| p.get("secret_scan"));
    if scan_config.is_some_and(|v| v.contains_unknown()) {
        return;
    }
    let ignore_help = "if it is a deliberate fixture, add it to \
                       `secret_scan: [ignore: [...]]` in `package`";
    for found in ctx.hygiene().secrets(ctx.project, files) {
        let span = pattern_span(ctx.project, files, found.pattern);
        let label = origin(files, found.pattern, &[found.path.as_str()]);
        if let Some(name) = found.name {
            let mut message = format!(
                "`{}` is {label}: it looks like {}",
                found.path,
                name.describe()
            );
            let example = secrets::path_context(&found.path);
            if let Some(context) = example {
                message.push_str(&example_note(context));
            }
            out.push(
                lowered(ctx.diag(&RULE, span, message), example)
                    .key_path(pattern_key_path(files, found.pattern))
                    .help(removal_help(files, found.pattern, &found.path, ignore_help)),
            );
        }
        for secret in &found.content {
            let mut message = format!(
                "`{}` ({label}) contains what looks like {} on line {} ({})",
                found.path, secret.kind, secret.line, secret.hint
            );
            if let Some(context) = secret.context {
                message.push_str(&example_note(context));
            }
            let help = match secret.context {
                None => format!(
                    "remove the credential from the file (read it at runtime instead) and rotate \
                     it if it was ever published; {ignore_help}"
                ),
                Some(_) => format!(
                    "if it is a real credential, remove it and rotate it; an example is clearer \
                     as an obvious placeholder (`<token>`, `xxxx…`), which is not reported; \
                     {ignore_help}"
                ),
            };
            out.push(
                lowered(ctx.diag(&RULE, span, message), secret.context)
                    .key_path(pattern_key_path(files, found.pattern))
                    .help(help),
            );
        }
    }
}

/// ", inside a @moduledoc: probably a documentation example".
fn example_note(context: ExampleContext) -> String {
    format!(", {}: probably {}", context.describe(), context.probably())
}

/// A finding that is probably an example is a warning, whatever the rule's default; a
/// `[severity]` override in the config still applies to it afterwards, as to every finding.
fn lowered(diag: Diagnostic, example: Option<ExampleContext>) -> Diagnostic {
    match example {
        Some(_) => {
            let severity = Severity::Warning.min(diag.severity);
            diag.severity(severity)
        }
        None => diag,
    }
}

/// How to leave the file out: drop the pattern when it names exactly this file, else exclude it.
fn removal_help(files: &FileSet, pattern: usize, path: &str, ignore_help: &str) -> String {
    match files.patterns.get(pattern) {
        Some(p) if p.is_explicit() && p.text.trim_start_matches("./") == path => {
            format!("remove {:?} from `files`; {ignore_help}", p.text)
        }
        _ => format!(
            "leave it out with `exclude_patterns: [{}]` or a narrower `files` list; {ignore_help}",
            anchored_regex(path)
        ),
    }
}

/// `~r/^priv\/x\.pem$/` for a path.
fn anchored_regex(path: &str) -> String {
    format!("~r/^{}$/", regex::escape(path).replace('/', "\\/"))
}
