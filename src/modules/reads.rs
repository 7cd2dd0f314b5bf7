//! Files that code reads while it is being compiled (or, for mix.exs, while Mix loads it), found
//! statically in the token stream: `File.read!/1`, `File.stream!`, `EEx.compile_file`,
//! `EEx.function_from_file`, `Code.eval_file`/`require_file`/`compile_file` and
//! `@external_resource`, with paths built from string literals, `__DIR__`, `__ENV__.file`,
//! `Path.join`/`Path.expand`/`Path.dirname`, `<>` with a literal, module attributes and variables
//! bound to such paths at the same level, and pipes through them.
//!
//! Only reads that run at compile time count in compiled files: the module body (and blocks in
//! it such as `if`, `for`, `case`), not the bodies of `def`/`defp`/`defmacro`, `fn` or `quote`.
//! In mix.exs every function body runs when Mix loads the project (`project/0` calls them), so
//! only `fn` and `quote` bodies are left out. A path that cannot be computed from literals is not
//! guessed. A read whose path is also tested with `File.exists?` in the same file is guarded.

use crate::mixexs::lexer::{Fragment, Token, TokenKind, without_comments};
use crate::source::Span;
use std::collections::HashMap;

/// What kind of read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReadKind {
    /// `File.read!`, `File.stream!`, `EEx.*_file`, `Code.*_file`: fails when the file is absent.
    Read,
    /// `@external_resource path`: declares that the module is built from the file.
    ExternalResource,
}

/// One file read at compile time, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileRead {
    /// `/`-separated path relative to the project root, normalised (no `.`/`..`).
    pub path: String,
    pub kind: ReadKind,
    /// The call (or attribute) that reads it: `File.read!`, `@external_resource` …
    pub via: String,
    /// Where in the source: the path argument or the call.
    pub span: Span,
    /// Built from `Application.app_dir(:app, …)` or `:code.priv_dir(:app)`: the app, whose
    /// directory is the package root only when it is the package's own.
    pub app: Option<String>,
}

/// Where a relative path starts.
#[derive(Debug, Clone, PartialEq)]
enum Base {
    /// The working directory Mix compiles in: the project (dependency) root.
    Root,
    /// The directory of the file being compiled (`__DIR__`).
    FileDir,
    /// `Application.app_dir(:app)`: at compile time, the app's build directory, whose `priv`
    /// is the package's `priv`.
    App(String),
}

/// A path computed from literals.
#[derive(Debug, Clone, PartialEq)]
struct PathVal {
    base: Base,
    /// Raw text joined with `/` (may contain `..`).
    text: String,
}

impl PathVal {
    fn join(&self, other: &PathVal) -> PathVal {
        if other.base != Base::Root {
            return other.clone();
        }
        if other.text.starts_with('/') {
            return other.clone();
        }
        PathVal {
            base: self.base.clone(),
            text: join_text(&self.text, &other.text),
        }
    }
    fn dirname(&self) -> PathVal {
        PathVal {
            base: self.base.clone(),
            text: join_text(&self.text, ".."),
        }
    }
}

fn join_text(a: &str, b: &str) -> String {
    match (a.is_empty(), b.is_empty()) {
        (true, _) => b.to_string(),
        (_, true) => a.to_string(),
        _ => format!("{}/{}", a.trim_end_matches('/'), b.trim_start_matches('/')),
    }
}

/// Normalise `path` (relative to `base`) to a path relative to the root, for a file at `file`
/// (relative to the root). `None` when it is absolute, leaves the root, or names the root.
fn resolve(path: &PathVal, file: &str) -> Option<String> {
    if path.text.starts_with('/') || path.text.starts_with('~') || path.text.contains('\\') {
        return None;
    }
    let mut parts: Vec<&str> = Vec::new();
    if path.base == Base::FileDir {
        parts.extend(file.split('/'));
        parts.pop();
    }
    for seg in path.text.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    (!parts.is_empty()).then(|| parts.join("/"))
}

/// The calls [`compile_reads`] records, by module: `File.read!` …
const READ_CALLS: &[(&str, &[&str])] = &[
    ("File", &["read!", "stream!", "exists?"]),
    ("EEx", &["compile_file", "eval_file", "function_from_file"]),
    ("Code", &["eval_file", "require_file", "compile_file"]),
];

/// Can `src` hold a compile-time read at all? Every read [`compile_reads`] finds is one of
/// [`READ_CALLS`], whose module and function names are both in the text, or an
/// `@external_resource`. Most source files have none, and then their tokens are not walked
/// again and their strings not kept: of the 3,900 `lib/**/*.ex` files of 125 real packages, 872
/// name `File`, `EEx` or `Code`, and 144 also name one of their read functions.
pub fn may_read_files(src: &str) -> bool {
    let has = |word: &str| memchr::memmem::find(src.as_bytes(), word.as_bytes()).is_some();
    has("external_resource")
        || READ_CALLS
            .iter()
            .any(|(module, funs)| has(module) && funs.iter().any(|f| has(f)))
}

/// Compile-time reads of a tokenized source at `file` (relative to the root). `mix_exs`: the
/// project file itself, where function bodies run too.
pub fn compile_reads(tokens: &[Token], file: &str, mix_exs: bool) -> Vec<FileRead> {
    let toks = without_comments(tokens);
    let mut s = Scanner {
        mix_exs,
        bindings: HashMap::new(),
        raw: Vec::new(),
        exists: Vec::new(),
    };
    s.walk(&toks, false);
    let exists: Vec<Option<String>> = s.exists.iter().map(|p| resolve(p, file)).collect();
    let mut out: Vec<FileRead> = Vec::new();
    for (p, kind, via, span) in s.raw {
        let Some(path) = resolve(&p, file) else {
            continue;
        };
        let app = match &p.base {
            Base::App(a) => Some(a.clone()),
            _ => None,
        };
        if exists.iter().any(|e| e.as_deref() == Some(path.as_str())) {
            continue;
        }
        // One finding per path and file: `@external_resource` next to its `File.read!`.
        if out.iter().any(|r| r.path == path) {
            continue;
        }
        out.push(FileRead {
            path,
            kind,
            via,
            span,
            app,
        });
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Frame {
    /// Runs when the enclosing code runs (module body, `if`, `for` …).
    Same,
    /// Runs later: a function body, `fn`, `quote`.
    Later,
}

struct Scanner {
    mix_exs: bool,
    /// Module attributes and variables bound to computable paths (`@readme "README.md"`).
    bindings: HashMap<String, PathVal>,
    raw: Vec<(PathVal, ReadKind, String, Span)>,
    exists: Vec<PathVal>,
}

type Toks<'t> = &'t [Token];

fn kind<'t>(t: Toks<'t>, i: usize) -> Option<&'t TokenKind> {
    t.get(i).map(|t| &t.kind)
}

fn is_ident(t: Toks, i: usize, want: &str) -> bool {
    matches!(kind(t, i), Some(TokenKind::Identifier(w)) if w == want)
}

fn is_alias(t: Toks, i: usize, want: &str) -> bool {
    matches!(kind(t, i), Some(TokenKind::Alias(w)) if w == want)
}

/// `Mod.fun(` at `i` (`Mod` an alias, or `:mod` for Erlang): the function name.
fn remote_call<'t>(t: Toks<'t>, i: usize, module: &str) -> Option<&'t str> {
    if !(is_alias(t, i, module) && matches!(kind(t, i + 1), Some(TokenKind::Dot))) {
        return None;
    }
    // Not `Foo.File.read!`.
    if i > 0 && matches!(kind(t, i - 1), Some(TokenKind::Dot)) {
        return None;
    }
    match (kind(t, i + 2), kind(t, i + 3)) {
        (Some(TokenKind::Identifier(f)), Some(TokenKind::LParen)) => Some(f.as_str()),
        _ => None,
    }
}

/// The index after the bracket opened at `open` (or `t.len()`).
fn skip_group(t: Toks, open: usize) -> usize {
    let mut depth = 0usize;
    let mut i = open;
    while let Some(k) = kind(t, i) {
        match k {
            k if k.opens_group() => depth += 1,
            k if k.closes_group() => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return i + 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    t.len()
}

/// The end of the expression starting at `i` (a `Newline`/`;` at depth 0, or the `end`/closing
/// bracket of the enclosing block).
fn expression_end(t: Toks, i: usize) -> usize {
    let mut depth = 0usize;
    let mut j = i;
    while let Some(k) = kind(t, j) {
        match k {
            k if k.opens_group() => depth += 1,
            k if k.closes_group() => {
                if depth == 0 {
                    return j;
                }
                depth -= 1;
            }
            TokenKind::Newline | TokenKind::Semicolon if depth == 0 => return j,
            _ => {}
        }
        j += 1;
    }
    t.len()
}

/// The `do` opening the block of the call whose arguments start at `i`, if it has one.
fn block_do(t: Toks, i: usize) -> Option<usize> {
    super::discover::block_do_in(t, i)
}

const DEFS: &[&str] = &[
    "def",
    "defp",
    "defmacro",
    "defmacrop",
    "defn",
    "defnp",
    "defguard",
    "defguardp",
];

impl Scanner {
    /// Walk `t`; `later`: the whole stream runs later (an interpolation inside a function).
    fn walk(&mut self, t: Toks, later: bool) {
        let mut frames: Vec<Frame> = Vec::new();
        let mut pending: Option<(usize, Frame)> = None;
        // Tokens before this index belong to a `def …, do: expr` one-liner.
        let mut later_until = 0usize;
        let mut i = 0;
        while i < t.len() {
            let now_later = later || i < later_until || frames.contains(&Frame::Later);
            match &t[i].kind {
                TokenKind::Do => {
                    let f = match pending.take() {
                        Some((at, f)) if at == i => f,
                        _ => Frame::Same,
                    };
                    frames.push(f);
                }
                TokenKind::Fn => frames.push(Frame::Later),
                TokenKind::End => {
                    frames.pop();
                }
                k @ (TokenKind::Str { .. } | TokenKind::Sigil(_)) => {
                    for part in k.string_parts() {
                        if let Fragment::Interp { tokens, .. } = part {
                            self.walk(&without_comments(tokens), now_later);
                        }
                    }
                    if !now_later && starts_statement(t, i) {
                        self.path_chain(t, i);
                    }
                }
                TokenKind::Identifier(w)
                    if !(i > 0 && matches!(kind(t, i - 1), Some(TokenKind::Dot))) =>
                {
                    let w = w.as_str();
                    if (DEFS.contains(&w) && !self.mix_exs) || w == "quote" {
                        match block_do(t, i + 1) {
                            Some(at) => pending = Some((at, Frame::Later)),
                            None => later_until = later_until.max(expression_end(t, i + 1)),
                        }
                    } else if !now_later
                        && matches!(kind(t, i + 1), Some(TokenKind::Op("=")))
                        && !(i > 0 && matches!(kind(t, i - 1), Some(TokenKind::Op("@"))))
                    {
                        // `readme = Path.join(__DIR__, "../README.md")`.
                        if let Some((p, _)) = self.path_chain(t, i + 2) {
                            self.bindings.insert(w.to_string(), p);
                        }
                    } else if !now_later && starts_statement(t, i) {
                        self.path_chain(t, i);
                    }
                }
                TokenKind::Op("@") if !now_later => {
                    if let Some(TokenKind::Identifier(name)) = kind(t, i + 1) {
                        let mut j = i + 2;
                        let mut var = None;
                        // `@external_resource readme = Path.join(…)`.
                        if let (Some(TokenKind::Identifier(v)), Some(TokenKind::Op("="))) =
                            (kind(t, j), kind(t, j + 1))
                        {
                            var = Some(v.clone());
                            j += 2;
                        }
                        if let Some((p, end)) = self.path_chain(t, j) {
                            let span = t[j].span.to(t[end.max(j + 1) - 1].span);
                            if name == "external_resource" {
                                self.raw.push((
                                    p.clone(),
                                    ReadKind::ExternalResource,
                                    "@external_resource".into(),
                                    span,
                                ));
                            }
                            if let Some(v) = var {
                                self.bindings.insert(v.to_string(), p.clone());
                            }
                            self.bindings.insert(name.to_string(), p);
                        }
                        i += 1;
                    }
                }
                TokenKind::Alias(_) if !now_later => {
                    self.call(t, i);
                }
                _ => {}
            }
            i += 1;
        }
    }

    /// A read call at `i` (`File.read!(path)` …), recorded.
    fn call(&mut self, t: Toks, i: usize) {
        let module = match kind(t, i) {
            Some(TokenKind::Alias(m)) => m.as_str(),
            _ => return,
        };
        let Some(fun) = remote_call(t, i, module) else {
            return;
        };
        let arg = i + 4;
        let (path_at, rel_dir) = match (module, fun) {
            ("File", "read!" | "stream!") => (arg, false),
            ("File", "exists?") => {
                if let Some((p, _)) = self.path_chain(t, arg) {
                    self.exists.push(p);
                }
                return;
            }
            ("EEx", "compile_file" | "eval_file") => (arg, false),
            ("EEx", "function_from_file") => match nth_arg(t, i + 3, 2) {
                Some(at) => (at, false),
                None => return,
            },
            ("Code", "eval_file" | "require_file" | "compile_file") => (arg, true),
            _ => return,
        };
        let Some((mut p, end)) = self.path_chain(t, path_at) else {
            return;
        };
        let span = t[path_at].span.to(t[end.max(path_at + 1) - 1].span);
        // `Code.require_file("x.exs", __DIR__)`: relative to the second argument.
        if rel_dir
            && let Some(at) = nth_arg(t, i + 3, 1)
            && let Some((dir, _)) = self.path_chain(t, at)
        {
            p = dir.join(&p);
        }
        self.raw
            .push((p, ReadKind::Read, format!("{module}.{fun}"), span));
    }

    /// A path expression at `i` followed by pipes through `Path.*` (and into read calls, which
    /// are recorded): the path and the index after it.
    fn path_chain(&mut self, t: Toks, i: usize) -> Option<(PathVal, usize)> {
        let (mut p, mut j) = self.primary(t, i)?;
        loop {
            // `"lib/" <> "x.eex"`.
            if matches!(kind(t, j), Some(TokenKind::Op("<>")))
                && let Some(TokenKind::Str { parts, .. }) = kind(t, j + 1)
                && let Some(lit) = literal(parts)
            {
                p.text.push_str(&lit);
                j += 2;
                continue;
            }
            if !matches!(kind(t, j), Some(TokenKind::Op("|>"))) {
                break;
            }
            let at = j + 1;
            let module = match kind(t, at) {
                Some(TokenKind::Alias(m)) => m.as_str(),
                _ => break,
            };
            let Some(fun) = remote_call(t, at, module) else {
                break;
            };
            let open = at + 3;
            let close = skip_group(t, open);
            match (module, fun) {
                ("Path", "join") => {
                    let (q, _) = self.path_chain(t, open + 1)?;
                    p = p.join(&q);
                }
                ("Path", "expand" | "absname") => {
                    if !matches!(kind(t, open + 1), Some(TokenKind::RParen)) {
                        let (dir, _) = self.path_chain(t, open + 1)?;
                        p = dir.join(&p);
                    }
                }
                ("Path", "dirname") => p = p.dirname(),
                ("File", "read!" | "stream!") | ("EEx", "compile_file" | "eval_file") => {
                    self.raw.push((
                        p.clone(),
                        ReadKind::Read,
                        format!("{module}.{fun}"),
                        t[at].span,
                    ));
                    return Some((p, close));
                }
                ("File", "exists?") => {
                    self.exists.push(p.clone());
                    return Some((p, close));
                }
                _ => break,
            }
            j = close;
        }
        Some((p, j))
    }

    /// A path without pipes at `i`.
    fn primary(&mut self, t: Toks, i: usize) -> Option<(PathVal, usize)> {
        match kind(t, i)? {
            TokenKind::Str {
                parts,
                heredoc: false,
            } => {
                let text = literal(parts)?;
                Some((
                    PathVal {
                        base: Base::Root,
                        text,
                    },
                    i + 1,
                ))
            }
            TokenKind::Identifier(w) if w == "__DIR__" => Some((
                PathVal {
                    base: Base::FileDir,
                    text: String::new(),
                },
                i + 1,
            )),
            // `__ENV__.file`.
            TokenKind::Identifier(w)
                if w == "__ENV__"
                    && matches!(kind(t, i + 1), Some(TokenKind::Dot))
                    && is_ident(t, i + 2, "file") =>
            {
                Some((
                    PathVal {
                        base: Base::FileDir,
                        text: "\u{0}file".into(),
                    },
                    i + 3,
                ))
            }
            TokenKind::Op("@") => match kind(t, i + 1)? {
                TokenKind::Identifier(name) => {
                    Some((self.bindings.get(name.as_str())?.clone(), i + 2))
                }
                _ => None,
            },
            TokenKind::Identifier(name)
                if !matches!(kind(t, i + 1), Some(TokenKind::LParen | TokenKind::Dot)) =>
            {
                Some((self.bindings.get(name.as_str())?.clone(), i + 1))
            }
            TokenKind::LParen => {
                let (p, j) = self.path_chain(t, i + 1)?;
                matches!(kind(t, j), Some(TokenKind::RParen)).then_some((p, j + 1))
            }
            // `:code.priv_dir(:app)`.
            TokenKind::Atom(m)
                if m == "code"
                    && matches!(kind(t, i + 1), Some(TokenKind::Dot))
                    && is_ident(t, i + 2, "priv_dir")
                    && matches!(kind(t, i + 3), Some(TokenKind::LParen))
                    && matches!(kind(t, i + 5), Some(TokenKind::RParen)) =>
            {
                let Some(TokenKind::Atom(app)) = kind(t, i + 4) else {
                    return None;
                };
                Some((
                    PathVal {
                        base: Base::App(app.to_string()),
                        text: "priv".into(),
                    },
                    i + 6,
                ))
            }
            // `Application.app_dir(:app)` / `Application.app_dir(:app, "priv/x")`.
            TokenKind::Alias(m) if m == "Application" => {
                if remote_call(t, i, "Application")? != "app_dir" {
                    return None;
                }
                let open = i + 3;
                let close = skip_group(t, open);
                let args = args_of(t, open);
                let Some(TokenKind::Atom(app)) = args.first().and_then(|&a| kind(t, a)) else {
                    return None;
                };
                let base = PathVal {
                    base: Base::App(app.to_string()),
                    text: String::new(),
                };
                let p = match args.get(1) {
                    None => base,
                    Some(&at) if matches!(kind(t, at), Some(TokenKind::LBracket)) => {
                        let mut acc = base;
                        for item in list_items(t, at) {
                            let (q, _) = self.path_chain(t, item)?;
                            acc = acc.join(&q);
                        }
                        acc
                    }
                    Some(&at) => base.join(&self.path_chain(t, at)?.0),
                };
                Some((p, close))
            }
            TokenKind::Alias(m) if m == "Path" => {
                let fun = remote_call(t, i, "Path")?;
                let open = i + 3;
                let close = skip_group(t, open);
                let args = args_of(t, open);
                let p = match (fun, args.as_slice()) {
                    ("join", [list]) if matches!(kind(t, *list), Some(TokenKind::LBracket)) => {
                        let items = list_items(t, *list);
                        let mut acc: Option<PathVal> = None;
                        for at in items {
                            let (q, _) = self.path_chain(t, at)?;
                            acc = Some(match acc {
                                None => q,
                                Some(a) => a.join(&q),
                            });
                        }
                        acc?
                    }
                    ("join", [a, b]) => {
                        let (a, _) = self.path_chain(t, *a)?;
                        let (b, _) = self.path_chain(t, *b)?;
                        a.join(&b)
                    }
                    ("expand" | "absname", [a]) => self.path_chain(t, *a)?.0,
                    ("expand" | "absname", [a, dir]) => {
                        let (a, _) = self.path_chain(t, *a)?;
                        let (dir, _) = self.path_chain(t, *dir)?;
                        dir.join(&a)
                    }
                    ("dirname", [a]) => self.path_chain(t, *a)?.0.dirname(),
                    _ => return None,
                };
                Some((p, close))
            }
            _ => None,
        }
    }
}

/// The text of a string without interpolation.
fn literal(parts: &[Fragment]) -> Option<String> {
    let mut s = String::new();
    for p in parts {
        match p {
            Fragment::Lit(l) => s.push_str(l),
            Fragment::Interp { .. } => return None,
        }
    }
    Some(s)
}

/// May a path expression start a statement at `i` (so a pipe from it is read here)?
fn starts_statement(t: Toks, i: usize) -> bool {
    i == 0
        || matches!(
            kind(t, i - 1),
            Some(
                TokenKind::Newline
                    | TokenKind::Semicolon
                    | TokenKind::Do
                    | TokenKind::Comma
                    | TokenKind::LParen
                    | TokenKind::LBracket
                    | TokenKind::KwKey(_)
                    | TokenKind::Op("=" | "->")
            )
        )
}

/// The start indexes of the arguments of the call whose `(` is at `open`.
fn args_of(t: Toks, open: usize) -> Vec<usize> {
    list_items(t, open)
}

/// The start indexes of the comma-separated items in the bracket opened at `open`.
fn list_items(t: Toks, open: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let close = skip_group(t, open).saturating_sub(1);
    let mut j = open + 1;
    if j >= close {
        return out;
    }
    out.push(j);
    let mut depth = 0usize;
    while j < close {
        match kind(t, j) {
            Some(k) if k.opens_group() => depth += 1,
            Some(k) if k.closes_group() => depth = depth.saturating_sub(1),
            // Keyword arguments (`engine: X`) are not positional.
            Some(TokenKind::Comma)
                if depth == 0 && !matches!(kind(t, j + 1), Some(TokenKind::KwKey(_))) =>
            {
                out.push(j + 1);
            }
            _ => {}
        }
        j += 1;
    }
    out.retain(|&k| !matches!(kind(t, k), Some(TokenKind::Newline)));
    out
}

/// The start of the `n`th (0-based) argument of the call whose `(` is at `open`.
fn nth_arg(t: Toks, open: usize, n: usize) -> Option<usize> {
    args_of(t, open).get(n).copied()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mixexs::lexer::tokenize;

    fn reads(src: &str, file: &str) -> Vec<(String, ReadKind)> {
        let found = compile_reads(&tokenize(src).unwrap(), file, false);
        // Discovery skips the walk where this says no: it must never hide a read.
        assert!(found.is_empty() || may_read_files(src), "{src}");
        found.into_iter().map(|r| (r.path, r.kind)).collect()
    }

    #[test]
    fn a_text_without_file_eex_code_or_external_resource_reads_nothing() {
        let no_read = "defmodule A do\n  @x Path.join(__DIR__, \"a\")\nend\n";
        assert!(!may_read_files(no_read));
        assert!(may_read_files("@external_resource \"a\""));
        assert!(may_read_files("\"a\" |> File.read!()"));
        // The module alone, or a read function of another module, is not enough.
        assert!(!may_read_files(
            "File.write!(\"a\", x)\nCode.ensure_loaded?(X)"
        ));
        assert!(!may_read_files("Repo.exists?(q)\nIO.read(:stdio, :line)"));
        for (module, funs) in READ_CALLS {
            for fun in *funs {
                assert!(may_read_files(&format!("{module}.{fun}(\"a\")")));
            }
        }
    }

    fn paths(src: &str, file: &str) -> Vec<String> {
        reads(src, file).into_iter().map(|(p, _)| p).collect()
    }

    #[test]
    fn module_level_reads_are_found() {
        let src = r#"
defmodule A do
  @external_resource "README.md"
  @moduledoc "README.md" |> File.read!() |> String.split("<!-- MDOC -->") |> Enum.at(1)
  @data File.read!(Path.join(__DIR__, "data/codes.txt"))
  readme = Path.join([__DIR__, "..", "CHANGELOG.md"])
  @doc File.read!(readme)
  def f, do: 1
  EEx.function_from_file(:def, :page, "priv/templates/page.html.eex", [:assigns])
  @static Path.expand("../priv/static", __DIR__)
  @external_resource css = Path.join(@static, "app.css")
  @css File.read!(css)
  Code.require_file("helpers.exs", __DIR__)
  @tpl "lib/a/" <> "tpl.eex"
  EEx.function_from_file(:defp, :tpl, @tpl)
end
"#;
        assert_eq!(
            paths(src, "lib/a.ex"),
            [
                "README.md",
                "lib/data/codes.txt",
                "CHANGELOG.md",
                "priv/templates/page.html.eex",
                "priv/static/app.css",
                "lib/helpers.exs",
                "lib/a/tpl.eex",
            ]
        );
    }

    #[test]
    fn app_dir_and_priv_dir_at_compile_time() {
        let src = "defmodule D do\n  @external_resource Application.app_dir(:demo, \"priv/codes.csv\")\n  @table Path.join(:code.priv_dir(:demo), \"table.bin\") |> File.read!()\n  @other File.read!(Application.app_dir(:other, [\"priv\", \"x\"]))\nend\n";
        let got: Vec<(String, Option<String>)> =
            compile_reads(&tokenize(src).unwrap(), "lib/d.ex", false)
                .into_iter()
                .map(|r| (r.path, r.app))
                .collect();
        assert_eq!(
            got,
            [
                ("priv/codes.csv".into(), Some("demo".into())),
                ("priv/table.bin".into(), Some("demo".into())),
                ("priv/x".into(), Some("other".into())),
            ]
        );
    }

    #[test]
    fn heredoc_interpolation_and_attribute_reference() {
        let src = "defmodule B do\n  @external_resource Path.join([__DIR__, \"../README.md\"])\n  @moduledoc \"\"\"\n  #{@external_resource |> File.read!()}\n  \"\"\"\n  @moduledoc @external_resource |> File.read!()\nend\n";
        assert_eq!(paths(src, "lib/b.ex"), ["README.md"]);
    }

    #[test]
    fn runtime_and_guarded_reads_are_not_compile_time() {
        let src = r#"
defmodule C do
  def load, do: File.read!("priv/data.json")
  def other do
    File.read!("priv/other.json")
  end
  defmacro __using__(_) do
    quote do
      @external_resource "priv/quoted.txt"
    end
  end
  @f fn -> File.read!("priv/fn.txt") end
  if File.exists?("VERSION"), do: @version(File.read!("VERSION"))
  @x File.read("priv/soft.txt")
  @y File.read!(some_function())
  @z File.read!("/etc/hosts")
  @w File.read!(Path.join(__DIR__, "../../../outside.txt"))
end
"#;
        assert!(
            paths(src, "lib/c.ex").is_empty(),
            "{:?}",
            paths(src, "lib/c.ex")
        );
    }

    #[test]
    fn mix_exs_function_bodies_run() {
        let src = "defmodule P.MixProject do\n  use Mix.Project\n  @version File.read!(\"VERSION\") |> String.trim()\n  def project, do: [version: @version, docs: docs()]\n  defp docs do\n    [extras: [\"README.md\"], before: File.read!(\"docs/header.html\")]\n  end\n  defp aliases, do: [x: fn _ -> File.read!(\"tmp/x\") end]\nend\n";
        let got: Vec<String> = compile_reads(&tokenize(src).unwrap(), "mix.exs", true)
            .into_iter()
            .map(|r| r.path)
            .collect();
        assert_eq!(got, ["VERSION", "docs/header.html"]);
    }
}
