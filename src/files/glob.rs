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

use crate::portable::ChildKind;
use std::collections::{HashMap, HashSet};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::rc::Rc;

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
    /// The walk stopped at [`MAX_VISITED`] entries (or [`MAX_DEPTH`] levels).
    pub truncated: bool,
    /// How many directory listings the walk made (each directory is listed at most once).
    pub listings: usize,
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
    /// `{a,b}`: the alternatives alone. The tokens after the group are shared by all of them
    /// (matched by backtracking, as `filelib` does), never copied into each: 30 groups in a
    /// part stay 30 groups, not 2^30 copies.
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

/// [`wildcard`] listing at most `max_visited` directory entries; past that the report is
/// `truncated`.
///
/// Each directory is listed (and each symlink resolved) at most once per call, and each
/// (directory, rest of the pattern) pair is walked at most once, so `**/**/x` or `**/a/**/b` cost
/// one pass over the tree instead of one per backtracking path. Consecutive `**` parts are
/// collapsed (they match the same paths as one). The matches are sorted and without duplicates
/// (Hex de-duplicates the expanded list anyway).
pub fn wildcard_bounded(
    pattern: &str,
    cwd: &Path,
    max_visited: usize,
) -> Result<GlobReport, GlobError> {
    wildcard_with(pattern, cwd, max_visited, false)
}

/// `Path.wildcard(pattern, match_dot: true)`: as [`wildcard_bounded`], but `*`, `?` and the
/// other wildcards also match names starting with `.`.
pub fn wildcard_match_dot(pattern: &str, cwd: &Path) -> Result<GlobReport, GlobError> {
    wildcard_with(pattern, cwd, MAX_VISITED, true)
}

fn wildcard_with(
    pattern: &str,
    cwd: &Path,
    max_visited: usize,
    match_dot: bool,
) -> Result<GlobReport, GlobError> {
    let inputs = escape(pattern);
    let absolute = inputs.first().is_some_and(|i| i.c == '/' && !i.escaped);
    let parts: Vec<Vec<In>> = inputs
        .split(|i| i.c == '/' && !i.escaped)
        .filter(|p| !p.is_empty())
        .map(<[In]>::to_vec)
        .collect();
    let mut compiled: Vec<Vec<Tok>> = Vec::with_capacity(parts.len());
    for part in &parts {
        let part = compile_part(part)?;
        let is_double = part.as_slice() == [Tok::DoubleStar];
        if is_double
            && compiled
                .last()
                .is_some_and(|p| p.as_slice() == [Tok::DoubleStar])
        {
            continue;
        }
        compiled.push(part);
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
        listings: HashMap::new(),
        walked: HashSet::new(),
        reals: HashMap::new(),
        match_dot,
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
    matches.dedup();
    walk.report.matches = matches;
    Ok(walk.report)
}

/// A directory's children and what its listing says each one is (`Other`: a file or anything
/// else that cannot be listed).
type Listing = Rc<Vec<(String, ChildKind)>>;

struct Walk {
    cwd: PathBuf,
    report: GlobReport,
    visited: usize,
    max_visited: usize,
    /// Every directory listed so far (`None`: it cannot be listed).
    listings: HashMap<String, Option<Listing>>,
    /// (path, parts left) pairs already walked.
    walked: HashSet<(String, usize)>,
    /// Resolved paths of the directories `**` went through, so that a `**` further down the
    /// pattern does not resolve them again.
    reals: HashMap<String, Option<PathBuf>>,
    /// `match_dot: true`: listings keep names starting with `.`.
    match_dot: bool,
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
    /// names starting with `.`. `None` when it cannot be listed. Listed once per run.
    fn list_dir(&mut self, dir: &str) -> Option<Listing> {
        if let Some(l) = self.listings.get(dir) {
            return l.clone();
        }
        if self.visited >= self.max_visited {
            self.report.truncated = true;
            return None;
        }
        let listing = self.read_listing(dir);
        self.report.listings += 1;
        self.listings.insert(dir.to_string(), listing.clone());
        listing
    }

    fn read_listing(&mut self, dir: &str) -> Option<Listing> {
        let mut names = Vec::new();
        crate::portable::for_each_child(&self.disk(dir), |name, kind| {
            self.visited += 1;
            let Some(name) = name.to_str() else {
                let lossy = name.to_string_lossy();
                if self.match_dot || !lossy.starts_with('.') {
                    self.report.non_utf8.push(join_name(dir, &lossy));
                }
                return ControlFlow::Continue(());
            };
            if self.match_dot || !name.starts_with('.') {
                // Unknown type: treated as a link, so the listing attempt decides.
                names.push((name.to_string(), kind.unwrap_or(ChildKind::Symlink)));
            }
            ControlFlow::Continue(())
        })
        .ok()?;
        Some(Rc::new(names))
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
        if !self.walked.insert((base.to_string(), rest.len())) {
            return;
        }
        if part.as_slice() == [Tok::DoubleStar] {
            let real = match self.reals.get(base) {
                Some(real) => real.clone(),
                None => std::fs::canonicalize(self.disk(base)).ok(),
            };
            self.double_star(base, real, tail, out, chain);
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
        let mut matcher = Matcher::new(part);
        for (name, _) in names.iter() {
            if matcher.matches(name) {
                let next = join(base, name);
                self.parts(&next, tail, out, chain);
            }
        }
    }

    /// `do_double_star`: every entry below `dir` (following symlinked directories), each tried
    /// against the part after `**` (or taken as is when `**` ends the pattern). `real` is the
    /// resolved path of `dir` (`None` when it does not resolve); it is extended name by name
    /// below plain directories, and only symlinks are resolved again.
    fn double_star(
        &mut self,
        dir: &str,
        real: Option<PathBuf>,
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
        if let Some(real) = &real {
            // Byte comparison: `Path`'s `==` compares component by component.
            if chain.iter().any(|c| c.as_os_str() == real.as_os_str()) {
                self.report.symlink_loops.push(dir.to_string());
                return;
            }
            chain.push(real.clone());
        }
        if let Some(names) = self.list_dir(dir) {
            let mut matcher = tail.first().map(|next| Matcher::new(next));
            for (name, kind) in names.iter() {
                let full = join(dir, name);
                let child_real = match kind {
                    ChildKind::Dir => real.as_ref().map(|r| r.join(name)),
                    ChildKind::Symlink => std::fs::canonicalize(self.disk(&full)).ok(),
                    ChildKind::Other => None,
                };
                if *kind != ChildKind::Other && tail.len() > 1 {
                    self.reals.insert(full.clone(), child_real.clone());
                }
                if *kind != ChildKind::Other && self.walked.insert((full.clone(), tail.len() + 1)) {
                    self.double_star(&full, child_real, tail, out, chain);
                }
                match (&mut matcher, tail.split_first()) {
                    (_, None) => out.push(full),
                    (Some(m), Some((_, after))) => {
                        if m.matches(name) {
                            self.parts(&full, after, out, chain);
                        }
                    }
                    (None, Some(_)) => {}
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
                let (alts, used) = compile_alt(&input[i + 1..])?;
                out.push(Tok::Alt(alts));
                i += 1 + used;
                continue;
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

/// `{a,b}` after the `{`: the alternatives and how many inputs they used (through the `}`).
fn compile_alt(input: &[In]) -> Result<(Vec<Vec<Tok>>, usize), GlobError> {
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
    Ok((alts, input.len() - rest.len()))
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

/// `filelib:match_part/2` for one compiled part, reused over a directory's names.
///
/// Backtracking like `filelib`, with the failures of `*` and `{...}` remembered per (token,
/// position): a name is matched in time polynomial in its length whatever the pattern
/// (`{a,a}{a,a}...` against `aaa...b` would otherwise take 2^n steps).
struct Matcher<'p> {
    part: &'p [Tok],
    /// Does the part need the failure memo (it has alternatives or several stars)?
    memo: bool,
    failed: HashSet<(usize, usize, usize)>,
    name: Vec<char>,
}

impl<'p> Matcher<'p> {
    fn new(part: &'p [Tok]) -> Self {
        let stars = part.iter().filter(|t| matches!(t, Tok::Star)).count();
        let memo = stars > 1 || part.iter().any(|t| matches!(t, Tok::Alt(_)));
        Matcher {
            part,
            memo,
            failed: HashSet::new(),
            name: Vec::new(),
        }
    }

    fn matches(&mut self, name: &str) -> bool {
        self.name.clear();
        self.name.extend(name.chars());
        self.failed.clear();
        self.at(self.part, 0, None)
    }

    /// Match `pat` from `pos`, then `cont` (the tokens after the group an alternative is in;
    /// groups do not nest, so one level is enough).
    fn at(&mut self, pat: &[Tok], pos: usize, cont: Option<&[Tok]>) -> bool {
        let Some((tok, rest)) = pat.split_first() else {
            return match cont {
                Some(c) => self.at(c, pos, None),
                None => pos == self.name.len(),
            };
        };
        let key = (pat.as_ptr() as usize, pat.len(), pos);
        let memoised = self.memo && matches!(tok, Tok::Star | Tok::Alt(_));
        if memoised && self.failed.contains(&key) {
            return false;
        }
        let ok = match tok {
            Tok::Accept | Tok::DoubleStar => true,
            Tok::Question => pos < self.name.len() && self.at(rest, pos + 1, cont),
            Tok::Star => (pos..=self.name.len()).any(|i| self.at(rest, i, cont)),
            Tok::OneOf(set) => {
                self.name.get(pos).is_some_and(|c| set.contains(c)) && self.at(rest, pos + 1, cont)
            }
            Tok::Alt(alts) => {
                debug_assert!(cont.is_none(), "groups do not nest");
                alts.iter().any(|a| self.at(a, pos, Some(rest)))
            }
            Tok::Char(c) => self.name.get(pos) == Some(c) && self.at(rest, pos + 1, cont),
        };
        if memoised && !ok {
            self.failed.insert(key);
        }
        ok
    }
}

/// `filelib:match_part/2` on one file name.
fn match_part(pattern: &[Tok], name: &str) -> bool {
    Matcher::new(pattern).matches(name)
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
