//! Erlang `-include`/`-include_lib` attributes: which header files a shipped `.erl` needs.

use regex::bytes::Regex;
use std::sync::OnceLock;

/// One include attribute found in an Erlang source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Include {
    /// The path as written (`"x.hrl"`, `"app/include/x.hrl"`).
    pub path: String,
    /// `-include_lib` rather than `-include`.
    pub lib: bool,
    /// 1-based line of the attribute.
    pub line: usize,
}

/// Every `-include("…")` and `-include_lib("…")` at the start of a line (comments and strings
/// elsewhere are not attributes; macros and `$VAR` paths are skipped). Takes the source as bytes:
/// only the lines that contain `include` are matched, so a source is neither decoded nor
/// scanned by the regex as a whole (a package's Erlang sources can be megabytes).
pub fn erlang_includes(source: &[u8]) -> Vec<Include> {
    static ATTR: OnceLock<Regex> = OnceLock::new();
    let attr = ATTR.get_or_init(|| {
        Regex::new(r#"^[ \t]*-[ \t]*include(_lib)?[ \t]*\([ \t]*"([^"\n]+)"[ \t]*\)"#)
            .expect("include regex compiles")
    });
    let mut out = Vec::new();
    // Lines before `counted` hold `line - 1` newlines; a line is looked at once even when it
    // says `include` twice.
    let (mut counted, mut line, mut next_line) = (0, 1, 0);
    for hit in memchr::memmem::find_iter(source, b"include") {
        if hit < next_line {
            continue;
        }
        let start = memchr::memrchr(b'\n', &source[..hit]).map_or(0, |nl| nl + 1);
        let end = memchr::memchr(b'\n', &source[hit..]).map_or(source.len(), |nl| hit + nl);
        next_line = end;
        let Some(c) = attr.captures(&source[start..end]) else {
            continue;
        };
        let Some(path) = c.get(2).map(|m| String::from_utf8_lossy(m.as_bytes())) else {
            continue;
        };
        if path.starts_with('$') || path.contains('?') {
            continue;
        }
        line += memchr::memchr_iter(b'\n', &source[counted..start]).count();
        counted = start;
        out.push(Include {
            path: path.into_owned(),
            lib: c.get(1).is_some(),
            line,
        });
    }
    out
}

/// The project-relative places a header can come from, in the order the compiler looks:
/// `-include("x.hrl")` from `src/a/b.erl` → `src/a/x.hrl`, `include/x.hrl` (rebar3 and Mix add
/// `include/` to the include path); `-include_lib("app/include/x.hrl")` of the package's own app
/// → `include/x.hrl`. Other apps' headers are not the package's business.
pub fn candidate_paths(include: &Include, source_path: &str, app: Option<&str>) -> Vec<String> {
    let path = include.path.trim_start_matches("./");
    if include.lib {
        let mut parts = path.splitn(2, '/');
        let (Some(lib_app), Some(rest)) = (parts.next(), parts.next()) else {
            return Vec::new();
        };
        return if Some(lib_app) == app {
            vec![rest.to_string()]
        } else {
            Vec::new()
        };
    }
    if path.starts_with('/') || path.split('/').any(|c| c == "..") {
        return Vec::new();
    }
    let dir = source_path.rsplit_once('/').map_or("", |(d, _)| d);
    let mut out = Vec::new();
    out.push(if dir.is_empty() {
        path.to_string()
    } else {
        format!("{dir}/{path}")
    });
    let in_include = format!("include/{path}");
    if !out.contains(&in_include) {
        out.push(in_include);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_include_attributes() {
        let src = "-module(a).\n-include(\"a.hrl\").\n  - include_lib( \"my_app/include/b.hrl\" ).\n% -include(\"c.hrl\").\n-include(\"?MACRO\").\n";
        let got = erlang_includes(src.as_bytes());
        assert_eq!(
            got,
            vec![
                Include {
                    path: "a.hrl".into(),
                    lib: false,
                    line: 2
                },
                Include {
                    path: "my_app/include/b.hrl".into(),
                    lib: true,
                    line: 3
                },
            ]
        );
    }

    #[test]
    fn counts_lines_across_lines_that_only_mention_include() {
        // "include" in code, in a comment and twice on one line; CRLF endings; no final newline.
        let src = "-include(\"first.hrl\").\r\nf() -> include.\r\n% include include\r\n\r\n-include_lib(\"app/include/last.hrl\")";
        let got = erlang_includes(src.as_bytes());
        assert_eq!(
            got.iter()
                .map(|i| (i.path.as_str(), i.line))
                .collect::<Vec<_>>(),
            vec![("first.hrl", 1), ("app/include/last.hrl", 5)]
        );
        assert!(erlang_includes(b"").is_empty());
        assert!(erlang_includes(b"-include(\"\xff.hrl").is_empty());
    }

    #[test]
    fn candidates() {
        let inc = Include {
            path: "a.hrl".into(),
            lib: false,
            line: 1,
        };
        assert_eq!(
            candidate_paths(&inc, "src/sub/x.erl", None),
            vec!["src/sub/a.hrl".to_string(), "include/a.hrl".to_string()]
        );
        let lib = Include {
            path: "my_app/include/b.hrl".into(),
            lib: true,
            line: 1,
        };
        assert_eq!(
            candidate_paths(&lib, "src/x.erl", Some("my_app")),
            vec!["include/b.hrl".to_string()]
        );
        assert!(candidate_paths(&lib, "src/x.erl", Some("other")).is_empty());
        let kernel = Include {
            path: "kernel/include/file.hrl".into(),
            lib: true,
            line: 1,
        };
        assert!(candidate_paths(&kernel, "src/x.erl", Some("my_app")).is_empty());
    }
}
