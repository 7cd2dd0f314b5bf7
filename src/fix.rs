//! Applying fixes: choose non-overlapping fixes, apply their edits to the text they were computed
//! on, re-parse, re-lint, repeat (what `hexlint check --fix` / `--diff` and the server's "fix all"
//! do).
//!
//! The loop never touches the disk: it works on an [`Overlay`] of texts and the caller decides
//! whether to write them (`--fix`) or print a diff (`--diff`). A round whose result the reader
//! cannot parse is not kept: that is a bug in a fix, reported as [`FixError::Unparsable`].

use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::load::{LoadError, Overlay};
use crate::source::Span;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// How many lint-and-fix rounds before giving up (a fix that keeps producing new fixes).
pub const MAX_ROUNDS: usize = 10;

/// One fix that was applied.
#[derive(Debug, Clone, PartialEq)]
pub struct Applied {
    pub rule: &'static str,
    pub message: String,
    pub file: PathBuf,
}

/// Why the loop stopped early.
#[derive(Debug, Clone)]
pub enum FixError {
    /// The project could not be read before any fix: an input error (exit 2).
    Load(Box<LoadError>),
    /// A fix produced text the reader cannot parse (or a project it cannot load): a bug in the
    /// fix. The round was not kept.
    Unparsable {
        rules: Vec<&'static str>,
        file: PathBuf,
        message: String,
    },
}

/// The outcome of [`fix_loop`].
#[derive(Debug, Default)]
pub struct FixRun {
    /// For every file a fix touched: (text before any fix, text after the last kept round).
    pub files: BTreeMap<PathBuf, (String, String)>,
    pub applied: Vec<Applied>,
    pub rounds: usize,
    /// `true` when the loop stopped at [`MAX_ROUNDS`] with fixes still to apply.
    pub exhausted: bool,
    pub error: Option<FixError>,
}

impl FixRun {
    /// The files whose text changed.
    pub fn changed(&self) -> impl Iterator<Item = (&PathBuf, &str, &str)> {
        self.files
            .iter()
            .filter(|(_, (a, b))| a != b)
            .map(|(p, (a, b))| (p, a.as_str(), b.as_str()))
    }
    /// The overlay holding the fixed texts.
    pub fn overlay(&self) -> Overlay {
        self.files
            .iter()
            .map(|(p, (_, b))| (p.clone(), b.clone()))
            .collect()
    }
}

/// Choose the fixes to apply in one round: those allowed by `unsafe_fixes`, whose edits overlap
/// neither each other nor an edit already chosen (first come, in diagnostic order).
pub fn select(diags: &[Diagnostic], unsafe_fixes: bool) -> Vec<&Diagnostic> {
    let mut taken: BTreeMap<PathBuf, Vec<Span>> = BTreeMap::new();
    let mut chosen = Vec::new();
    for d in diags {
        let Some(fix) = &d.fix else { continue };
        if !fix.applies(unsafe_fixes) || fix.edits.is_empty() || !edits_valid(fix, &d.source.text) {
            continue;
        }
        let spans = taken.entry(d.source.path.clone()).or_default();
        if fix
            .edits
            .iter()
            .any(|e| spans.iter().any(|&s| overlaps(s, e.span)))
        {
            continue;
        }
        spans.extend(fix.edits.iter().map(|e| e.span));
        chosen.push(d);
    }
    chosen
}

/// Two edits conflict when their spans share a byte, or both insert at the same place, or one
/// inserts strictly inside the other.
fn overlaps(a: Span, b: Span) -> bool {
    if a == b {
        return true;
    }
    if a.is_empty() || b.is_empty() {
        let (point, other) = if a.is_empty() { (a, b) } else { (b, a) };
        return other.start < point.start && point.start < other.end;
    }
    a.start < b.end && b.start < a.end
}

/// Edits must lie in the text, on char boundaries, and not overlap each other.
fn edits_valid(fix: &Fix, text: &str) -> bool {
    let mut spans: Vec<Span> = fix.edits.iter().map(|e| e.span).collect();
    spans.sort();
    spans.windows(2).all(|w| !overlaps(w[0], w[1]))
        && spans.iter().all(|s| {
            s.start <= s.end
                && s.end <= text.len()
                && text.is_char_boundary(s.start)
                && text.is_char_boundary(s.end)
        })
}

/// Apply non-overlapping edits to `text`. Line breaks in replacements follow the file: in a
/// CRLF file, `\n` becomes `\r\n`.
pub fn apply_edits(text: &str, edits: &[&Edit]) -> String {
    let crlf = text.contains("\r\n");
    let mut sorted: Vec<&Edit> = edits.to_vec();
    sorted.sort_by_key(|e| (e.span.start, e.span.end));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for e in sorted {
        if e.span.start < at {
            continue; // overlapping edits are filtered out before; never apply one twice
        }
        out.push_str(&text[at..e.span.start]);
        if crlf {
            out.push_str(&e.replacement.replace("\r\n", "\n").replace('\n', "\r\n"));
        } else {
            out.push_str(&e.replacement);
        }
        at = e.span.end;
    }
    out.push_str(&text[at..]);
    out
}

/// Can the reader take this text? mix.exs (and other Elixir files) must parse; `.hexlint.toml`
/// must be valid TOML. Other files are not checked.
pub fn reparse(path: &std::path::Path, text: &str) -> Result<(), String> {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if name.ends_with(".exs") || name.ends_with(".ex") {
        crate::mixexs::parse(text)
            .map(|_| ())
            .map_err(|e| e.message)
    } else if name.ends_with(".toml") {
        crate::config::Config::parse(path, text)
            .map(|_| ())
            .map_err(|e| e.message)
    } else {
        Ok(())
    }
}

/// Lint, apply the chosen fixes, re-parse, and repeat until no fix applies (at most
/// [`MAX_ROUNDS`] rounds). `lint` reads the project with the overlay's texts in place of the
/// files on disk; it returns the diagnostics, or the load error.
pub fn fix_loop(
    unsafe_fixes: bool,
    mut lint: impl FnMut(&Overlay) -> Result<Vec<Diagnostic>, Box<LoadError>>,
) -> FixRun {
    let mut run = FixRun::default();
    let mut overlay = Overlay::new();
    loop {
        let diags = match lint(&overlay) {
            Ok(d) => d,
            Err(e) if run.rounds == 0 => {
                run.error = Some(FixError::Load(e));
                return run;
            }
            Err(e) => {
                // The previous round's text parsed but the project no longer loads: undo it.
                run.error = Some(FixError::Unparsable {
                    rules: run.applied.iter().map(|a| a.rule).collect(),
                    file: e.path.clone(),
                    message: e.message,
                });
                return run;
            }
        };
        let chosen = select(&diags, unsafe_fixes);
        if chosen.is_empty() {
            return run;
        }
        if run.rounds == MAX_ROUNDS {
            run.exhausted = true;
            return run;
        }
        run.rounds += 1;
        let mut by_file: BTreeMap<PathBuf, Vec<&Diagnostic>> = BTreeMap::new();
        for d in &chosen {
            by_file.entry(d.source.path.clone()).or_default().push(d);
        }
        let mut next = overlay.clone();
        let mut applied = Vec::new();
        for (path, ds) in by_file {
            let text = &ds[0].source.text;
            let edits: Vec<&Edit> = ds
                .iter()
                .flat_map(|d| d.fix.iter().flat_map(|f| f.edits.iter()))
                .collect();
            let fixed = apply_edits(text, &edits);
            if let Err(message) = reparse(&path, &fixed) {
                run.error = Some(FixError::Unparsable {
                    rules: ds.iter().map(|d| d.rule).collect(),
                    file: path,
                    message,
                });
                return run;
            }
            run.files
                .entry(path.clone())
                .or_insert_with(|| (text.to_string(), text.to_string()))
                .1 = fixed.clone();
            for d in &ds {
                applied.push(Applied {
                    rule: d.rule,
                    message: d
                        .fix
                        .as_ref()
                        .map(|f| f.message.clone())
                        .unwrap_or_default(),
                    file: path.clone(),
                });
            }
            next.insert(path, fixed);
        }
        if next == overlay {
            return run;
        }
        run.applied.extend(applied);
        overlay = next;
    }
}

/// A unified diff of one file (`--- a/PATH`, `+++ b/PATH`), empty when nothing changed.
pub fn unified_diff(path: &std::path::Path, before: &str, after: &str) -> String {
    if before == after {
        return String::new();
    }
    let name = path.display().to_string().replace('\\', "/");
    let name = name.strip_prefix("./").unwrap_or(&name);
    similar::TextDiff::from_lines(before, after)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{name}"), &format!("b/{name}"))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(start: usize, end: usize, r: &str) -> Edit {
        Edit {
            span: Span::new(start, end),
            replacement: r.into(),
        }
    }

    #[test]
    fn edits_apply_in_order_and_keep_crlf() {
        let text = "a = 1\r\nb = 2\r\n";
        let e1 = edit(4, 5, "10");
        let e2 = edit(11, 12, "x\ny");
        assert_eq!(apply_edits(text, &[&e2, &e1]), "a = 10\r\nb = x\r\ny\r\n");
        assert_eq!(apply_edits("ab", &[&edit(1, 1, "-")]), "a-b");
    }

    #[test]
    fn overlap_rules() {
        assert!(overlaps(Span::new(0, 3), Span::new(2, 5)));
        assert!(!overlaps(Span::new(0, 3), Span::new(3, 5)));
        assert!(overlaps(Span::new(3, 3), Span::new(3, 3)));
        assert!(overlaps(Span::new(0, 5), Span::new(2, 2)));
        assert!(!overlaps(Span::new(0, 5), Span::new(5, 5)));
    }

    #[test]
    fn diff_has_headers_and_is_empty_when_equal() {
        let p = std::path::Path::new("mix.exs");
        assert_eq!(unified_diff(p, "x\n", "x\n"), "");
        let d = unified_diff(p, "a\nb\n", "a\nc\n");
        assert!(d.starts_with("--- a/mix.exs\n+++ b/mix.exs\n"), "{d}");
        assert!(d.contains("-b\n+c\n"), "{d}");
    }
}
