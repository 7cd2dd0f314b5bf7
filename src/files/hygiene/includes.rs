//! Erlang `-include`/`-include_lib` attributes: which header files a shipped `.erl` needs.

use regex::Regex;
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
/// elsewhere are not attributes; macros and `$VAR` paths are skipped).
pub fn erlang_includes(source: &str) -> Vec<Include> {
    static ATTR: OnceLock<Regex> = OnceLock::new();
    let attr = ATTR.get_or_init(|| {
        Regex::new(r#"(?m)^[ \t]*-[ \t]*include(_lib)?[ \t]*\([ \t]*"([^"\n]+)"[ \t]*\)"#)
            .expect("include regex compiles")
    });
    attr.captures_iter(source)
        .filter_map(|c| {
            let whole = c.get(0)?;
            let path = c.get(2)?.as_str();
            if path.starts_with('$') || path.contains('?') {
                return None;
            }
            Some(Include {
                path: path.to_string(),
                lib: c.get(1).is_some(),
                line: source[..whole.start()].matches('\n').count() + 1,
            })
        })
        .collect()
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
        let got = erlang_includes(src);
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
