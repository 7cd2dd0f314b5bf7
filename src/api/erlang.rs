//! The API of an Erlang module: its `-module` and `-export` attributes.
//!
//! Read textually (comments and strings aside, attributes are simple terms); `-compile(export_all)`
//! or `-compile([export_all])` exports every function, which is not read: the module is then
//! partly unknown.

use super::{Def, DefKind, ModuleApi, ModuleKind};
use crate::source::{SourceFile, Span};
use regex::Regex;
use std::path::Path;
use std::sync::{Arc, LazyLock};

static MODULE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?m)^-module\(\s*'?([a-zA-Z0-9_@.]+)'?\s*\)").unwrap());
static EXPORT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?ms)^-export\(\s*\[(.*?)\]\s*\)\s*\.").unwrap());
static ENTRY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"'?([a-zA-Z0-9_@]+)'?\s*/\s*(\d+)").unwrap());
static EXPORT_ALL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?m)^-compile\(.*export_all").unwrap());
static DEPRECATED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?ms)^-deprecated\((.*?)\)\s*\.").unwrap());

/// The module an `.erl` file defines (named by `-module`, else by the file), with its exports.
pub fn extract_erlang(source: &Arc<SourceFile>, rel: &Path) -> Option<ModuleApi> {
    let text = strip_comments(&source.text);
    let (name, span) = match MODULE.captures(&text) {
        Some(c) => {
            let g = c.get(1)?;
            (g.as_str().to_string(), Span::new(g.start(), g.end()))
        }
        None => (rel.file_stem()?.to_str()?.to_string(), Span::new(0, 0)),
    };
    let mut m = ModuleApi::new(name, ModuleKind::Erlang, source.clone(), span);
    for c in EXPORT.captures_iter(&text) {
        let list = c.get(1)?;
        for e in ENTRY.captures_iter(list.as_str()) {
            let (Some(n), Some(a)) = (e.get(1), e.get(2)) else {
                continue;
            };
            let Ok(arity) = a.as_str().parse::<u32>() else {
                continue;
            };
            let at = list.start() + n.start();
            m.defs.insert(
                (n.as_str().to_string(), arity),
                Def {
                    kind: DefKind::Function,
                    hidden: false,
                    deprecated: None,
                    max_arity: arity,
                    span: Span::new(at, list.start() + n.end()),
                },
            );
        }
    }
    if let Some(c) = DEPRECATED.captures(&text)
        && let Some(list) = c.get(1)
    {
        for e in ENTRY.captures_iter(list.as_str()) {
            if let (Some(n), Some(a)) = (e.get(1), e.get(2))
                && let Ok(arity) = a.as_str().parse::<u32>()
                && let Some(d) = m.defs.get_mut(&(n.as_str().to_string(), arity))
            {
                d.deprecated = Some(String::new());
            }
        }
    }
    if let Some(c) = EXPORT_ALL.find(&text) {
        m.unknown.push((
            "`-compile(export_all)` exports every function".into(),
            Span::new(c.start(), c.end()),
        ));
    }
    Some(m)
}

/// The text with `%` comments blanked (same length, so offsets stay valid).
fn strip_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let mut in_str = false;
        let mut cut = None;
        let mut prev = '\0';
        for (i, ch) in line.char_indices() {
            match ch {
                '"' if prev != '\\' && prev != '$' => in_str = !in_str,
                '%' if !in_str && prev != '$' => {
                    cut = Some(i);
                    break;
                }
                _ => {}
            }
            prev = ch;
        }
        match cut {
            Some(i) => {
                out.push_str(&line[..i]);
                for ch in line[i..].chars() {
                    if ch == '\n' {
                        out.push('\n');
                    } else {
                        out.extend(std::iter::repeat_n(' ', ch.len_utf8()));
                    }
                }
            }
            None => out.push_str(line),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exports_are_read() {
        let src = "%% -export([nope/0]).\n-module(my_mod).\n-export([a/1, 'b'/2]).\n-export([c/0\n  ]).\n";
        let source = Arc::new(SourceFile::new("src/my_mod.erl", src));
        let m = extract_erlang(&source, Path::new("src/my_mod.erl")).unwrap();
        assert_eq!(m.name, "my_mod");
        let keys: Vec<_> = m.defs.keys().cloned().collect();
        assert_eq!(keys, [("a".into(), 1), ("b".into(), 2), ("c".into(), 0)]);
        assert!(m.is_complete());
    }
}
