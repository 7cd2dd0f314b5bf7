//! Elixir's `Path.wildcard/1`: erlang `filelib:wildcard/1` with Elixir's `Path.Wildcard` file
//! module, whose `list_dir` hides names starting with `.` (so `*`, `?`, `[.]x`, `{.a,b}` never
//! match dotfiles, while a fully literal `.formatter.exs` does).
//!
//! Semantics reproduced from OTP `filelib.erl` (stdlib 4.x): a pattern is split on `/` (empty
//! parts dropped); the leading literal parts form a prefix that is only checked for existence
//! (`lstat`); after the first wildcard part every part is matched against directory listings.
//! `**` (a whole part) matches any number of directories, including zero, and follows
//! symlinked directories. `{a,b}` alternatives extend to the end of the part, `[a-z]` is a set
//! (no negation; an unclosed `[` is literal), `\` escapes. Results are sorted. An unclosed `{`
//! makes Elixir raise; nested braces make OTP crash: both are [`GlobError`]s.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// Most directory entries one wildcard may visit before giving up (keeps hostile trees cheap).
pub const MAX_VISITED: usize = 1_000_000;

/// Deepest `**` descent (directories below the `**`) before giving up.
pub const MAX_DEPTH: usize = 512;

/// Why a pattern could not be expanded like Elixir does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GlobError {
    /// `{` without a closing `}`: `Path.wildcard` raises `badpattern, missing_delimiter`.
    MissingDelimiter,
    /// `{a,{b,c}}`: OTP's `filelib` crashes with a `case_clause`.
    NestedBraces,
}

impl std::fmt::Display for GlobError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            GlobError::MissingDelimiter => {
                f.write_str("unclosed `{` (Path.wildcard raises badpattern missing_delimiter)")
            }
            GlobError::NestedBraces => {
                f.write_str("nested `{...}` alternatives (erlang filelib crashes on them)")
            }
        }
    }
}

/// What a wildcard run noticed besides its matches.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GlobReport {
    /// Matching paths, sorted.
    pub matches: Vec<String>,
    /// `**` reached a symlinked directory that leads back to one of its own ancestors. Erlang
    /// keeps descending until the OS refuses (ELOOP); hexlint stops at the first repeat.
    pub symlink_loops: Vec<String>,
    /// The walk stopped at [`MAX_VISITED`] entries.
    pub truncated: bool,
    /// Paths (lossily decoded) whose name is not valid UTF-8: Erlang skips them with a warning
    /// ("Non-unicode filename … ignored"), so they never match.
    pub non_utf8: Vec<String>,
}

/// `dir/name`, or `name` in the current directory.
fn join_name(dir: &str, name: &str) -> String {
    if dir.is_empty() || dir == "." {
        name.to_string()
    } else {
        format!("{}/{name}", dir.trim_end_matches('/'))
    }
}

/// One token of a compiled part.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Tok {
    Char(char),
    Question,
    /// `*` followed by more tokens.
    Star,
    /// A trailing `*` (or a `**` inside a longer part): matches the rest.
    Accept,
    /// A whole `**` part.
    DoubleStar,
    OneOf(Vec<char>),
    /// Alternatives, each already followed by the rest of the part.
    Alt(Vec<Vec<Tok>>),
}

/// An input character, remembering whether it was escaped with `\`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct In {
    c: char,
    escaped: bool,
}

/// Is the pattern absolute (`/x`, `\x`, or a drive letter `C:`)? Hex joins such patterns under
/// the root, where they usually match nothing.
pub fn is_absolute(pattern: &str) -> bool {
    let b = pattern.as_bytes();
    b.first().is_some_and(|c| *c == b'/' || *c == b'\\')
        || (b.len() >= 2 && b[0].is_ascii_alphabetic() && b[1] == b':')
}

/// Does the text contain characters `filelib` treats specially (`*?[{`)?
pub fn has_glob_chars(text: &str) -> bool {
    text.contains(['*', '?', '[', '{'])
}

/// Most directory listings a pattern that reaches outside the project may make (Hex's raw
/// `Path.wildcard(pattern)` of `files: ["/**"]` would walk the whole disk; hexlint only needs to
/// know whether anything matches).
pub const MAX_VISITED_OUTSIDE: usize = 2_000;

/// `Path.wildcard(pattern)` for an absolute pattern, or a relative one resolved against `cwd`
/// (results then stay relative, as `filelib:wildcard(Pattern, Cwd)` returns them).
pub fn wildcard(pattern: &str, cwd: &Path) -> Result<GlobReport, GlobError> {
    wildcard_bounded(pattern, cwd, MAX_VISITED)
}

/// [`wildcard`] listing at most `max_visited` directories; past that the report is `truncated`.
pub fn wildcard_bounded(
    pattern: &str,
    cwd: &Path,
    max_visited: usize,
) -> Result<GlobReport, GlobError> {
    let inputs = escape(pattern);
    let absolute = inputs.first().is_some_and(|i| i.c == '/' && !i.escaped);
    let parts: Vec<Vec<In>> = inputs
        .split(|i| i.c == '/' && !i.escaped)
        .filter(|p| !p.is_empty())
        .map(<[In]>::to_vec)
        .collect();
    let mut compiled = Vec::with_capacity(parts.len());
    for part in &parts {
        compiled.push(compile_part(part)?);
    }
    let literal_len = compiled
        .iter()
        .take_while(|p| literal_text(p).is_some())
        .count();
    let mut prefix = String::new();
    if absolute {
        prefix.push('/');
    }
    for part in &compiled[..literal_len] {
        let text = literal_text(part).unwrap_or_default();
        if !prefix.is_empty() && !prefix.ends_with('/') {
            prefix.push('/');
        }
        prefix.push_str(&text);
    }
    let rest = &compiled[literal_len..];
    let mut walk = Walk {
        cwd: cwd.to_path_buf(),
        report: GlobReport::default(),
        visited: 0,
        max_visited,
    };
    if rest.is_empty() {
        if prefix.is_empty() {
            return Ok(walk.report);
        }
        if std::fs::symlink_metadata(walk.disk(&prefix)).is_ok() {
            walk.report.matches.push(prefix);
        }
        return Ok(walk.report);
    }
    let base = if prefix.is_empty() {
        ".".to_string()
    } else {
        prefix
    };
    let strip_dot = base == ".";
    let mut out = Vec::new();
    walk.parts(&base, rest, &mut out, &mut Vec::new());
    let mut matches: Vec<String> = out
        .into_iter()
        .map(|m| {
            if strip_dot {
                m.strip_prefix("./").map(str::to_string).unwrap_or(m)
            } else {
                m
            }
        })
        .collect();
    matches.sort();
    walk.report.matches = matches;
    Ok(walk.report)
}

struct Walk {
    cwd: PathBuf,
    report: GlobReport,
    visited: usize,
    max_visited: usize,
}

impl Walk {
    fn disk(&self, path: &str) -> PathBuf {
        if path.starts_with('/') {
            PathBuf::from(path)
        } else {
            self.cwd.join(path)
        }
    }

    /// `Path.Wildcard.list_dir/1`: the names in a directory (following symlinks), without
    /// names starting with `.`. `None` when it cannot be listed.
    fn list_dir(&mut self, dir: &str) -> Option<Vec<String>> {
        if self.visited >= self.max_visited {
            self.report.truncated = true;
            return None;
        }
        let rd = std::fs::read_dir(self.disk(dir)).ok()?;
        let mut names = Vec::new();
        for entry in rd.flatten() {
            self.visited += 1;
            let Some(name) = entry.file_name().to_str().map(str::to_string) else {
                let lossy = entry.file_name().to_string_lossy().into_owned();
                if !lossy.starts_with('.') {
                    self.report.non_utf8.push(join_name(dir, &lossy));
                }
                continue;
            };
            if !name.starts_with('.') {
                names.push(name);
            }
        }
        Some(names)
    }

    /// `do_wildcard_3`: match the remaining parts below `base`.
    fn parts(
        &mut self,
        base: &str,
        rest: &[Vec<Tok>],
        out: &mut Vec<String>,
        chain: &mut Vec<PathBuf>,
    ) {
        let Some((part, tail)) = rest.split_first() else {
            out.push(base.to_string());
            return;
        };
        if part.as_slice() == [Tok::DoubleStar] {
            self.double_star(base, tail, out, chain);
            return;
        }
        if literal_text(part).as_deref() == Some("..") {
            if std::fs::metadata(self.disk(base)).is_ok_and(|m| m.is_dir()) {
                let next = join(base, "..");
                self.parts(&next, tail, out, chain);
            }
            return;
        }
        let Some(names) = self.list_dir(base) else {
            return;
        };
        for name in names {
            if match_part(part, &name) {
                let next = join(base, &name);
                self.parts(&next, tail, out, chain);
            }
        }
    }

    /// `do_double_star`: every entry below `dir` (following symlinked directories), each tried
    /// against the part after `**` (or taken as is when `**` ends the pattern).
    fn double_star(
        &mut self,
        dir: &str,
        tail: &[Vec<Tok>],
        out: &mut Vec<String>,
        chain: &mut Vec<PathBuf>,
    ) {
        // Real paths are at most PATH_MAX long, so this depth is only reached by hostile trees;
        // it keeps the recursion off the end of a test thread's stack.
        if chain.len() >= MAX_DEPTH {
            self.report.truncated = true;
            return;
        }
        let real = std::fs::canonicalize(self.disk(dir)).ok();
        if let Some(real) = &real {
            if chain.contains(real) {
                self.report.symlink_loops.push(dir.to_string());
                return;
            }
            chain.push(real.clone());
        }
        if let Some(names) = self.list_dir(dir) {
            for name in names {
                let full = join(dir, &name);
                self.double_star(&full, tail, out, chain);
                match tail.split_first() {
                    None => out.push(full),
                    Some((next, after)) => {
                        if match_part(next, &name) {
                            self.parts(&full, after, out, chain);
                        }
                    }
                }
            }
        }
        if real.is_some() {
            chain.pop();
        }
    }
}

/// `filename:join(Base, Name)` for the shapes the walk produces.
fn join(base: &str, name: &str) -> String {
    if base == "/" {
        format!("/{name}")
    } else {
        format!("{base}/{name}")
    }
}

/// Turn `\x` into an escaped `x` (a trailing `\` disappears, as in filelib).
fn escape(pattern: &str) -> Vec<In> {
    let mut out = Vec::with_capacity(pattern.len());
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(n) = chars.next() {
                out.push(In {
                    c: n,
                    escaped: true,
                });
            }
        } else {
            out.push(In { c, escaped: false });
        }
    }
    out
}

/// The text of a part made only of plain characters.
fn literal_text(part: &[Tok]) -> Option<String> {
    part.iter()
        .map(|t| match t {
            Tok::Char(c) => Some(*c),
            _ => None,
        })
        .collect()
}

fn compile_part(part: &[In]) -> Result<Vec<Tok>, GlobError> {
    let (toks, rest) = compile_until(part, false)?;
    debug_assert!(rest.is_none());
    Ok(toks)
}

/// Compile up to the end (or, inside braces, up to an unescaped `,` or `}`, returned as the
/// delimiter and the remaining input).
#[allow(clippy::type_complexity)]
fn compile_until(input: &[In], upto: bool) -> Result<(Vec<Tok>, Option<(char, &[In])>), GlobError> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < input.len() {
        let In { c, escaped } = input[i];
        if escaped {
            out.push(Tok::Char(c));
            i += 1;
            continue;
        }
        match c {
            ',' | '}' if upto => return Ok((out, Some((c, &input[i + 1..])))),
            '?' => out.push(Tok::Question),
            '*' => {
                let next_star = input.get(i + 1).is_some_and(|n| n.c == '*' && !n.escaped);
                if next_star && i + 2 == input.len() {
                    out.push(if out.is_empty() && !upto {
                        Tok::DoubleStar
                    } else {
                        Tok::Accept
                    });
                    i += 2;
                    continue;
                } else if next_star {
                    out.push(Tok::Star);
                    i += 2;
                    continue;
                } else if i + 1 == input.len() {
                    out.push(Tok::Accept);
                } else {
                    out.push(Tok::Star);
                }
            }
            '[' => match compile_charset(&input[i + 1..]) {
                Some((set, used)) => {
                    out.push(Tok::OneOf(set));
                    i += 1 + used;
                    continue;
                }
                None => out.push(Tok::Char('[')),
            },
            '{' => {
                if upto {
                    return Err(GlobError::NestedBraces);
                }
                let alts = compile_alt(&input[i + 1..])?;
                out.push(Tok::Alt(alts));
                return Ok((out, None));
            }
            _ => out.push(Tok::Char(c)),
        }
        i += 1;
    }
    if upto {
        return Err(GlobError::MissingDelimiter);
    }
    Ok((out, None))
}

/// `{a,b}rest`: each alternative followed by the compiled rest of the part.
fn compile_alt(input: &[In]) -> Result<Vec<Vec<Tok>>, GlobError> {
    let mut alts = Vec::new();
    let mut rest = input;
    loop {
        let (alt, delim) = compile_until(rest, true)?;
        let Some((d, after)) = delim else {
            return Err(GlobError::MissingDelimiter);
        };
        alts.push(alt);
        rest = after;
        if d == '}' {
            break;
        }
    }
    let tail = compile_part(rest)?;
    Ok(alts
        .into_iter()
        .map(|mut a| {
            a.extend(tail.iter().cloned());
            a
        })
        .collect())
}

/// `[...]` after the `[`: the set and how many inputs it used (through the `]`), or `None`
/// when there is no closing `]` (the `[` is then literal).
fn compile_charset(input: &[In]) -> Option<(Vec<char>, usize)> {
    let mut set = Vec::new();
    let mut i = 0;
    if input.first().is_some_and(|x| x.c == ']' && !x.escaped) {
        set.push(']');
        i = 1;
    }
    while i < input.len() {
        let x = input[i];
        if let (Some(dash), Some(up)) = (input.get(i + 1), input.get(i + 2))
            && !x.escaped
            && dash.c == '-'
            && !dash.escaped
            && x.c <= up.c
        {
            set.extend(x.c..=up.c);
            i += 3;
            continue;
        }
        if x.c == ']' && !x.escaped {
            return Some((set, i + 1));
        }
        set.push(x.c);
        i += 1;
    }
    None
}

/// `filelib:match_part/2` on one file name.
fn match_part(pattern: &[Tok], name: &str) -> bool {
    let chars: Vec<char> = name.chars().collect();
    match_chars(pattern, &chars)
}

fn match_chars(pattern: &[Tok], name: &[char]) -> bool {
    let Some((tok, rest)) = pattern.split_first() else {
        return name.is_empty();
    };
    match tok {
        Tok::Accept | Tok::DoubleStar => true,
        Tok::Question => !name.is_empty() && match_chars(rest, &name[1..]),
        Tok::Star => (0..=name.len()).any(|i| match_chars(rest, &name[i..])),
        Tok::OneOf(set) => name
            .first()
            .is_some_and(|c| set.contains(c) && match_chars(rest, &name[1..])),
        Tok::Alt(alts) => alts.iter().any(|a| match_chars(a, name)),
        Tok::Char(c) => name.first() == Some(c) && match_chars(rest, &name[1..]),
    }
}

/// Every distinct path string `pattern` could be compiled to is checked lazily; this helper is
/// for tests and the CLI: does a single name match a one-part pattern?
pub fn matches_name(pattern: &str, name: &str) -> Result<bool, GlobError> {
    let part = compile_part(&escape(pattern))?;
    Ok(match_part(&part, name))
}

/// Deduplicate while keeping the first occurrence (Elixir's `Enum.uniq/1`).
pub fn uniq(items: Vec<String>) -> Vec<String> {
    let mut seen = HashSet::new();
    items
        .into_iter()
        .filter(|i| seen.insert(i.clone()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_like_filelib() {
        let m = |p: &str, n: &str| matches_name(p, n).unwrap();
        assert!(m("*.ex", "a.ex"));
        assert!(!m("*.ex", "a.exs"));
        assert!(m("README*", "README.md"));
        assert!(!m("README*", "Readme.md"));
        assert!(m("{a,mix}.exs", "mix.exs"));
        assert!(m("[a-m]ix.exs", "mix.exs"));
        assert!(!m("[n-z]ix.exs", "mix.exs"));
        assert!(m("[!]x", "!x"), "no negation in filelib sets");
        assert!(m("[x", "[x"), "an unclosed [ is literal");
        assert!(m("?ix.exs", "mix.exs"));
        assert!(m("a**", "abc"), "** inside a part acts like a trailing *");
        assert!(m("\\*", "*"));
        assert!(!m("\\*", "a"));
    }

    #[test]
    fn bad_braces_are_errors() {
        assert_eq!(matches_name("{a", "a"), Err(GlobError::MissingDelimiter));
        assert_eq!(matches_name("{a,{b,c}}", "a"), Err(GlobError::NestedBraces));
    }

    #[test]
    fn absolute_patterns() {
        assert!(is_absolute("/etc"));
        assert!(is_absolute("C:/x"));
        assert!(!is_absolute("lib"));
    }
}
