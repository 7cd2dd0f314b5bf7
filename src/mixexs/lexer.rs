//! Tokens of Elixir source, with exact byte spans.
//!
//! [`tokenize`] turns source text into a flat list of [`Token`]s. Strings, charlists, heredocs,
//! sigils and quoted atoms are single tokens; their `#{…}` interpolations hold their own nested
//! token lists ([`Fragment::Interp`]). Comments are [`TokenKind::Comment`] tokens.
//!
//! **Finding code outside strings and comments** (e.g. `defmodule` for module discovery): walk the
//! top-level token list and look for `TokenKind::Identifier("defmodule")` (or `defimpl`,
//! `defprotocol`). Text inside strings, heredocs, sigils and comments never produces top-level
//! identifier tokens, so no extra filtering is needed; skip `Fragment::Interp` unless code inside
//! interpolations matters.
//!
//! Newlines follow Elixir's tokenizer: a [`TokenKind::Newline`] ends an expression, but none is
//! emitted after an operator, `,` or an opening bracket, and one is removed when the next line
//! starts with a binary operator (`|>`, `and`, `.`, `when` …; not `+`, `-`, `!`, `^`, `not`, `&`,
//! `@`), or with `do`. Several blank lines give one `Newline` token.

use super::ParseError;

/// The lexer's results: the error boxed, so that every `Ok` is no bigger than its value (a
/// `Result` with an unboxed [`ParseError`] is 112 bytes, copied for every token).
type Lexed<T> = Result<T, Box<ParseError>>;
use crate::limits::MAX_NESTING_DEPTH;
use crate::source::Span;
use nom::IResult;
use nom::Parser;
use nom::bytes::complete::take_while1;
use nom::character::complete::char as nom_char;
use nom::combinator::recognize;
use nom::multi::many0;
use nom::sequence::pair;

/// One token. `space_before` is true when spaces, tabs or a newline come right before it; the
/// parser uses it to tell `foo -1` (a call) from `foo - 1` and `foo [1]` (a call) from `foo[1]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    pub kind: TokenKind,
    pub span: Span,
    pub space_before: bool,
}

impl TokenKind {
    /// Opens a group that a later token closes: a bracket, `<<`, `do` or `fn`.
    pub fn opens_group(&self) -> bool {
        matches!(
            self,
            TokenKind::LParen
                | TokenKind::LBracket
                | TokenKind::LBrace
                | TokenKind::BinOpen
                | TokenKind::Do
                | TokenKind::Fn
        )
    }

    /// Closes a group: a closing bracket, `>>` or `end`.
    pub fn closes_group(&self) -> bool {
        matches!(
            self,
            TokenKind::RParen
                | TokenKind::RBracket
                | TokenKind::RBrace
                | TokenKind::BinClose
                | TokenKind::End
        )
    }

    /// The parts of a string or sigil token (where interpolations can hold code); none for
    /// other tokens.
    pub fn string_parts(&self) -> &[Fragment] {
        match self {
            TokenKind::Str { parts, .. } => parts,
            TokenKind::Sigil(sigil) => &sigil.parts,
            _ => &[],
        }
    }
}

/// A name in a token (identifiers, aliases, atoms, keyword keys): stored inline up to 24 bytes,
/// so that lexing a source file does not allocate once per name.
pub type Name = compact_str::CompactString;

/// A sigil: `name` is `w` in `~w(a b)a`, `delimiter` the opening delimiter (`(`, `"""` …).
#[derive(Debug, Clone, PartialEq)]
pub struct Sigil {
    pub name: String,
    pub parts: Vec<Fragment>,
    pub modifiers: String,
    pub delimiter: &'static str,
}

/// A piece of a string-like token: literal text (escapes already processed where Elixir processes
/// them) or an interpolation `#{…}` whose `span` covers `#{` to `}`.
#[derive(Debug, Clone, PartialEq)]
pub enum Fragment {
    Lit(String),
    Interp { tokens: Vec<Token>, span: Span },
}

#[derive(Debug, Clone, PartialEq)]
pub enum TokenKind {
    /// `foo`, `foo?`, `bar!`, `_x`, `__MODULE__`.
    Identifier(Name),
    /// One alias segment: `Foo` (dots are separate [`TokenKind::Dot`] tokens).
    Alias(Name),
    /// `:foo`, `:"foo-bar"`, `:+`, `:Foo`.
    Atom(Name),
    /// `:"a#{x}"`.
    AtomInterp(Vec<Fragment>),
    /// Keyword key `foo:`, `Foo:`, `"foo-bar":` (the span includes the colon).
    KwKey(Name),
    /// `"a#{x}":`.
    KwKeyInterp(Vec<Fragment>),
    /// `"…"` or a `"""` heredoc.
    Str {
        parts: Vec<Fragment>,
        heredoc: bool,
    },
    /// `'…'` or a `'''` heredoc.
    Charlist {
        parts: Vec<Fragment>,
        heredoc: bool,
    },
    /// `~w(a b)a` (boxed: the rarest token is the largest, and every token is as big as it).
    Sigil(Box<Sigil>),
    /// Integers, including `0x1F`, `1_000` and char literals `?a`.
    Integer(IntLiteral),
    Float(f64),
    /// `&1`.
    CaptureArg(u32),
    /// An operator, as written: `+`, `|>`, `and`, `not`, `in`, `when`, `->`, `=>`, `\\`, `@`, `&`,
    /// `..`, `::`, `|` …
    Op(&'static str),
    LParen,
    RParen,
    LBracket,
    RBracket,
    LBrace,
    RBrace,
    /// `<<`
    BinOpen,
    /// `>>`
    BinClose,
    Comma,
    Semicolon,
    Dot,
    /// `%` (maps and structs).
    Percent,
    True,
    False,
    Nil,
    Do,
    End,
    Fn,
    /// `else`, `after`, `rescue`, `catch`.
    BlockKw(&'static str),
    /// End of line (also stands for several blank lines and comment-only lines).
    Newline,
    /// `# text`: the span covers `#` and the text (the text is `src[span.start + 1..span.end]`).
    Comment,
}

/// An integer literal's value in two 64-bit halves: an `i128` field would give the whole token
/// 16-byte alignment, and every token 8 bytes of padding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IntLiteral([u64; 2]);

impl IntLiteral {
    pub fn value(self) -> i128 {
        let [low, high] = self.0;
        (i128::from(high as i64) << 64) | i128::from(low)
    }
}

impl From<i128> for IntLiteral {
    fn from(value: i128) -> Self {
        IntLiteral([value as u64, (value >> 64) as u64])
    }
}

/// Operators, longest first so that the first match is the longest one.
const OPERATORS: &[&str] = &[
    "===", "!==", "<<<", ">>>", "|||", "&&&", "^^^", "~~~", "<<~", "~>>", "<~>", "<|>", "+++",
    "---", "...", "==", "!=", "<=", ">=", "=~", "&&", "||", "|>", "<>", "++", "--", "..", "::",
    "<-", "->", "=>", "\\\\", "**", "<~", "~>", "//", "<<", ">>", "+", "-", "*", "/", "<", ">",
    "=", "|", "!", "^", "&", "@", ".",
];

/// The operator `rest` starts with, the longest if several do.
fn operator_at(rest: &str) -> Option<&'static str> {
    // OPERATORS grouped by first byte (in their order, longest first): `.` is the most common
    // operator and the last in the list.
    static BY_FIRST_BYTE: std::sync::LazyLock<Vec<Vec<&'static str>>> =
        std::sync::LazyLock::new(|| {
            let mut table = vec![Vec::new(); 128];
            for op in OPERATORS {
                table[usize::from(op.as_bytes()[0])].push(*op);
            }
            table
        });
    let rest = rest.as_bytes();
    let candidates = BY_FIRST_BYTE.get(usize::from(*rest.first()?))?;
    // Compared byte by byte in line: operators are 1 to 3 bytes, too short for a `memcmp` call
    // (what `starts_with` makes of it) to pay.
    let starts_with =
        |op: &str| op.len() <= rest.len() && op.bytes().zip(rest).all(|(a, &b)| a == b);
    candidates.iter().find(|op| starts_with(op)).copied()
}

/// Operators that cannot be keyword keys (`op: value`): punctuation-like ones that are not atoms.
const NOT_KEYWORD_OPERATORS: &[&str] = &["=>", "->", "::", "\\\\", "|", "&", "^", "=", "<-"];

/// Operators that may begin an expression; a line starting with one does NOT continue the
/// previous line (everything else at a line start does, as in Elixir).
const UNARY_STARTERS: &[&str] = &["+", "-", "!", "^", "not", "~~~", "&", "@", "..."];

/// Nesting allowed on the caller's stack. Real mix.exs files nest far less; input that nests
/// deeper is lexed/parsed again on a thread with a [`BIG_STACK_BYTES`] stack, where the real
/// limit, [`MAX_NESTING_DEPTH`], applies. (One level can take over 10 KiB of stack in
/// unoptimised builds, so 256 levels would not fit in a 2 MiB rayon worker.)
pub(crate) const SMALL_STACK_DEPTH: usize = 48;

/// Stack of the thread used for deeply nested input (only reserved, touched as needed).
const BIG_STACK_BYTES: usize = 64 * 1024 * 1024;

/// `ParseError::limit` of the internal error meaning "nesting exceeds [`SMALL_STACK_DEPTH`],
/// retry on a big stack"; never returned to callers.
pub(crate) const NEEDS_BIG_STACK: &str = "NEEDS_BIG_STACK";

/// Run `f(SMALL_STACK_DEPTH)` here; if it reports [`NEEDS_BIG_STACK`], run
/// `f(MAX_NESTING_DEPTH)` on a scoped thread with a [`BIG_STACK_BYTES`] stack.
pub(crate) fn with_stack_for_depth<T: Send>(
    f: &(dyn Fn(usize) -> Result<T, ParseError> + Sync),
) -> Result<T, ParseError> {
    match f(SMALL_STACK_DEPTH) {
        Err(e) if e.limit == Some(NEEDS_BIG_STACK) => on_big_stack(f),
        done => done,
    }
}

/// `f(MAX_NESTING_DEPTH)` on a scoped thread with a [`BIG_STACK_BYTES`] stack.
fn on_big_stack<T: Send>(
    f: &(dyn Fn(usize) -> Result<T, ParseError> + Sync),
) -> Result<T, ParseError> {
    std::thread::scope(|scope| {
        match std::thread::Builder::new()
            .name("hexlint-parser".into())
            .stack_size(BIG_STACK_BYTES)
            .spawn_scoped(scope, || f(MAX_NESTING_DEPTH))
        {
            Ok(handle) => match handle.join() {
                Ok(value) => value,
                Err(panic) => std::panic::resume_unwind(panic),
            },
            Err(_) => Err(depth_error(Span::new(0, 0))),
        }
    })
}

/// Split source text into tokens. Fails on unterminated strings/heredocs/sigils/interpolations,
/// invalid characters and on a byte order mark (Elixir rejects it too). Safe to call from
/// threads with small stacks (see [`SMALL_STACK_DEPTH`]).
pub fn tokenize(src: &str) -> Result<Vec<Token>, ParseError> {
    with_stack_for_depth(&|limit| tokenize_with_limit(src, limit))
}

/// [`tokenize`] into `buffer`'s memory (cleared first): a caller that tokenizes many files
/// hands back the vector of the previous one, so its pages are written once, not per file.
/// With [`StringText::Skip`], strings, charlists and sigils hold only their interpolations;
/// with [`Comments::Drop`], there are no comment tokens (in interpolations neither).
pub fn tokenize_reusing(
    src: &str,
    mut buffer: Vec<Token>,
    string_text: StringText,
    comments: Comments,
) -> Result<Vec<Token>, ParseError> {
    buffer.clear();
    let lex = |limit, buffer| tokenize_into(src, limit, buffer, string_text, comments);
    match lex(SMALL_STACK_DEPTH, buffer) {
        // Nesting deeper than this stack allows (rare): again on a big stack, in new memory.
        Err(e) if e.limit == Some(NEEDS_BIG_STACK) => on_big_stack(&|limit| lex(limit, Vec::new())),
        done => done,
    }
}

/// Empty `tokens` for the next [`tokenize_reusing`]. Only the tokens that own memory (a long
/// name, a string with interpolations, a sigil) are dropped one by one; `clear` calls the
/// destructor of every token, an out-of-line call and a jump through a table each time (8% of
/// module discovery).
pub fn recycle(tokens: &mut Vec<Token>) {
    for token in tokens.iter_mut() {
        let owns_memory = match &token.kind {
            TokenKind::Identifier(name)
            | TokenKind::Alias(name)
            | TokenKind::Atom(name)
            | TokenKind::KwKey(name) => name.is_heap_allocated(),
            TokenKind::Str { parts, .. }
            | TokenKind::Charlist { parts, .. }
            | TokenKind::AtomInterp(parts)
            | TokenKind::KwKeyInterp(parts) => parts.capacity() != 0,
            TokenKind::Integer(_)
            | TokenKind::Float(_)
            | TokenKind::CaptureArg(_)
            | TokenKind::Op(_)
            | TokenKind::LParen
            | TokenKind::RParen
            | TokenKind::LBracket
            | TokenKind::RBracket
            | TokenKind::LBrace
            | TokenKind::RBrace
            | TokenKind::BinOpen
            | TokenKind::BinClose
            | TokenKind::Comma
            | TokenKind::Semicolon
            | TokenKind::Dot
            | TokenKind::Percent
            | TokenKind::True
            | TokenKind::False
            | TokenKind::Nil
            | TokenKind::Do
            | TokenKind::End
            | TokenKind::Fn
            | TokenKind::BlockKw(_)
            | TokenKind::Newline
            | TokenKind::Comment => false,
            _ => true,
        };
        if owns_memory {
            // Drops what the token held.
            token.kind = TokenKind::Comma;
        }
    }
    // SAFETY: a length of zero is always valid, and no token left owns memory, so skipping
    // their destructors leaks nothing.
    unsafe { tokens.set_len(0) }
}

/// `tokens` without their comments: borrowed when there are none, so a caller that dropped them
/// already (`tokens.retain`) pays for one scan, not for a copy.
pub fn without_comments(tokens: &[Token]) -> std::borrow::Cow<'_, [Token]> {
    if tokens.iter().any(|t| matches!(t.kind, TokenKind::Comment)) {
        let kept = tokens
            .iter()
            .filter(|t| !matches!(t.kind, TokenKind::Comment));
        std::borrow::Cow::Owned(kept.cloned().collect())
    } else {
        std::borrow::Cow::Borrowed(tokens)
    }
}

/// [`tokenize`] on the current stack, nesting interpolations at most `depth_limit` deep.
pub(crate) fn tokenize_with_limit(src: &str, depth_limit: usize) -> Result<Vec<Token>, ParseError> {
    tokenize_into(
        src,
        depth_limit,
        Vec::new(),
        StringText::Keep,
        Comments::Keep,
    )
}

fn tokenize_into(
    src: &str,
    depth_limit: usize,
    tokens: Vec<Token>,
    string_text: StringText,
    comments: Comments,
) -> Result<Vec<Token>, ParseError> {
    if src.starts_with('\u{feff}') {
        return Err(ParseError {
            message: "unexpected byte order mark (U+FEFF) at the start of the file".into(),
            span: Span::new(0, 3),
            label: "byte order mark".into(),
            help: Some("Elixir rejects this file too; save it as UTF-8 without a BOM".into()),
            limit: None,
        });
    }
    check_bidi(src)?;
    let mut lexer = Lexer {
        src,
        pos: 0,
        depth: 0,
        depth_limit,
        brackets: 0,
        string_text,
        comments,
    };
    lexer.lex_tokens(None, tokens).map_err(|e| *e)
}

pub(crate) fn error(
    message: impl Into<String>,
    span: Span,
    label: impl Into<String>,
) -> ParseError {
    ParseError {
        message: message.into(),
        span,
        label: label.into(),
        help: None,
        limit: None,
    }
}

/// The error for nesting beyond `depth_limit`: the real limit error, or the internal
/// [`NEEDS_BIG_STACK`] request when only the small-stack limit was hit.
pub(crate) fn limit_error(span: Span, depth_limit: usize) -> ParseError {
    if depth_limit < MAX_NESTING_DEPTH {
        let mut e = error("nesting needs a larger stack", span, "");
        e.limit = Some(NEEDS_BIG_STACK);
        e
    } else {
        depth_error(span)
    }
}

pub(crate) fn depth_error(span: Span) -> ParseError {
    ParseError {
        message: format!(
            "nesting is deeper than MAX_NESTING_DEPTH ({MAX_NESTING_DEPTH}); hexlint stops here"
        ),
        span,
        label: "nested too deeply".into(),
        help: Some("real mix.exs files never nest this deeply; simplify the expression".into()),
        limit: Some("MAX_NESTING_DEPTH"),
    }
}

/// Longest atom Erlang can create, in characters (Elixir: "atom length must be less than system
/// limit").
pub const MAX_ATOM_CHARS: usize = 255;

/// Atoms (and keyword keys and identifiers, which are atoms too) longer than Erlang allows:
/// Elixir refuses to compile the file.
fn check_atom_length(kind: &TokenKind, span: Span) -> Lexed<()> {
    let (TokenKind::Atom(name) | TokenKind::KwKey(name) | TokenKind::Identifier(name)) = kind
    else {
        return Ok(());
    };
    // A name of at most MAX_ATOM_CHARS bytes has at most as many characters.
    if name.len() <= MAX_ATOM_CHARS {
        return Ok(());
    }
    let chars = name.chars().count();
    if chars <= MAX_ATOM_CHARS {
        return Ok(());
    }
    let mut e = error(
        format!("atom length must be less than system limit: an atom of {chars} characters"),
        span,
        "longer than 255 characters",
    );
    e.help = Some("Elixir refuses to compile this file: atoms have at most 255 characters".into());
    Err(e.into())
}

/// Bidirectional formatting characters Elixir's tokenizer refuses anywhere in a file (in code,
/// comments, strings, charlists and sigils): they can make code read differently from how it
/// runs ("Trojan Source", CVE-2021-42574). U+200E/U+200F and U+061C are allowed in strings.
pub fn is_rejected_bidi(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// The first bidi formatting character Elixir refuses, as an error at its position.
fn check_bidi(src: &str) -> Result<(), ParseError> {
    // Every rejected character's UTF-8 encoding starts with the byte 0xE2, a leading byte: only
    // the characters there are looked at (SIMD `memchr`; typographic quotes and dashes in docs
    // start with it too).
    let Some((at, c)) = memchr::memchr_iter(0xE2, src.as_bytes())
        .filter_map(|at| Some((at, src[at..].chars().next()?)))
        .find(|&(_, c)| is_rejected_bidi(c))
    else {
        return Ok(());
    };
    let name = match c {
        '\u{202a}' => "LEFT-TO-RIGHT EMBEDDING",
        '\u{202b}' => "RIGHT-TO-LEFT EMBEDDING",
        '\u{202c}' => "POP DIRECTIONAL FORMATTING",
        '\u{202d}' => "LEFT-TO-RIGHT OVERRIDE",
        '\u{202e}' => "RIGHT-TO-LEFT OVERRIDE",
        '\u{2066}' => "LEFT-TO-RIGHT ISOLATE",
        '\u{2067}' => "RIGHT-TO-LEFT ISOLATE",
        '\u{2068}' => "FIRST STRONG ISOLATE",
        _ => "POP DIRECTIONAL ISOLATE",
    };
    let mut e = error(
        format!(
            "invalid bidirectional formatting character U+{:04X} ({name})",
            c as u32
        ),
        Span::new(at, at + c.len_utf8()),
        "invisible bidi character here",
    );
    e.help = Some(
        "Elixir refuses to compile this file: the character is invisible and can make the code \
         read differently from how it runs (Trojan Source); delete it, or write it as an escape \
         (`\\u202E`) inside a string"
            .into(),
    );
    Err(e)
}

/// A carriage return not followed by a newline, outside strings and comments.
fn bare_cr_error(src: &str, at: usize) -> ParseError {
    let only_cr = !src.contains('\n');
    let mut e = error(
        if only_cr {
            "bare carriage return (CR) line endings: Elixir accepts only LF or CRLF".to_string()
        } else {
            "bare carriage return (CR) not followed by a newline".to_string()
        },
        Span::new(at, at + 1),
        "carriage return here",
    );
    e.help = Some(
        "Elixir refuses to compile this file (\"unexpected token: carriage return\"); convert the \
         line endings to LF or CRLF"
            .into(),
    );
    e
}

/// How backslashes inside a quoted token are treated.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Escapes {
    /// Strings, charlists, quoted atoms, lower-case sigils: Elixir's escapes are processed.
    Full,
    /// `~r`/`~R` and upper-case sigils: only an escaped closing delimiter loses its backslash.
    DelimiterOnly,
}

struct Quote {
    close: &'static str,
    heredoc: bool,
    interpolate: bool,
    escapes: Escapes,
    /// What to call it in errors: "string", "heredoc", "sigil", …
    what: &'static str,
    /// Keep the literal text (as [`Fragment::Lit`]); without it only interpolations are kept.
    keep_text: bool,
}

struct Lexer<'a> {
    src: &'a str,
    pos: usize,
    /// Nesting of interpolations (each one lexes recursively).
    depth: usize,
    depth_limit: usize,
    /// Brackets (`(`, `[`, `{`, `<<`) open at this point. Each one is at least one level of the
    /// parser's nesting, so more than [`MAX_NESTING_DEPTH`] fails here, before the parser runs
    /// (and before the rest of the file is even lexed).
    brackets: usize,
    /// Whether strings, charlists and sigils keep their literal text (see [`StringText`]).
    string_text: StringText,
    comments: Comments,
}

/// Whether comments are tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Comments {
    Keep,
    /// Left out, for a reader that would only drop them (module discovery): the result is
    /// [`tokenize`]'s without its [`TokenKind::Comment`] tokens. A comment always runs to the end
    /// of its line, so leaving it out changes no newline handling.
    Drop,
}

/// What the tokens of strings, charlists and sigils hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StringText {
    /// Their text and their interpolations.
    Keep,
    /// Only their interpolations: for a reader that never looks at their text (module
    /// discovery), this saves copying, unindenting and unescaping every docstring. Quoted atoms
    /// and keyword keys (`"a-b":`) keep their text.
    Skip,
}

fn is_ident_start(c: char) -> bool {
    c == '_' || c.is_lowercase() || (c.is_alphabetic() && !c.is_uppercase())
}

/// ASCII bytes that continue an identifier (letters, digits, `_`), as a table: this is the
/// lexer's innermost loop.
const IDENT_ASCII: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        table[b] = c.is_ascii_alphanumeric() || c == b'_';
        b += 1;
    }
    table
};

fn is_ident_continue(c: char) -> bool {
    c == '_' || c.is_alphanumeric()
}

fn is_horizontal_space(c: char) -> bool {
    c == ' ' || c == '\t'
}

/// `digits` without their `_` separators (copied only when there are some).
fn without_underscores(digits: &str) -> std::borrow::Cow<'_, str> {
    if digits.contains('_') {
        digits.replace('_', "").into()
    } else {
        digits.into()
    }
}

/// Digits with single underscores between them (`1_000`), parsed with nom.
fn digits_with_underscores(input: &str, is_digit: fn(char) -> bool) -> IResult<&str, &str> {
    recognize(pair(
        take_while1(is_digit),
        many0(pair(nom_char('_'), take_while1(is_digit))),
    ))
    .parse(input)
}

impl<'a> Lexer<'a> {
    fn rest(&self) -> &'a str {
        &self.src[self.pos..]
    }

    fn peek(&self) -> Option<char> {
        match *self.src.as_bytes().get(self.pos)? {
            b if b.is_ascii() => Some(char::from(b)),
            _ => self.rest().chars().next(),
        }
    }

    /// The length of the run of identifier characters at the current position (ASCII byte by
    /// byte; other characters decoded).
    fn ident_len(&self) -> usize {
        let rest = self.rest();
        let bytes = rest.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if IDENT_ASCII[usize::from(b)] {
                i += 1;
            } else if b.is_ascii() {
                break;
            } else {
                match rest[i..].chars().next() {
                    Some(c) if is_ident_continue(c) => i += c.len_utf8(),
                    _ => break,
                }
            }
        }
        i
    }

    /// Count an opening bracket at `start`; fail fast past [`MAX_NESTING_DEPTH`].
    fn count_open(&mut self, start: usize) -> Lexed<()> {
        self.brackets += 1;
        if self.brackets > MAX_NESTING_DEPTH {
            return Err(depth_error(Span::new(start, start + 1)).into());
        }
        Ok(())
    }

    fn open_bracket(&mut self, kind: TokenKind) -> Lexed<TokenKind> {
        self.count_open(self.pos)?;
        Ok(self.single(kind))
    }

    fn close_bracket(&mut self, kind: TokenKind) -> TokenKind {
        self.brackets = self.brackets.saturating_sub(1);
        self.single(kind)
    }

    fn peek_at(&self, n: usize) -> Option<char> {
        self.rest().chars().nth(n)
    }

    /// Lex until the end of input, or (inside an interpolation opened at `interp`) until the
    /// `}` that closes it, which is consumed.
    fn lex_tokens(&mut self, interp: Option<Span>, mut tokens: Vec<Token>) -> Lexed<Vec<Token>> {
        if interp.is_none() {
            // Real source has about one token per 4–6 bytes: reserving that up front saves
            // regrowing (and copying) the whole vector a dozen times on a large file.
            let wanted = self.src.len() / 5 + 16;
            if tokens.is_empty() && tokens.capacity() < wanted {
                // A reused vector too small for this file: fresh memory, not `reserve`, whose
                // `realloc` copies the whole old allocation (the allocator knows no length) and
                // so writes to every page of the new one. On absinthe those copies were 11% of
                // the page faults.
                tokens = Vec::with_capacity(wanted);
            } else {
                tokens.reserve(wanted);
            }
        }
        let mut braces = 0usize;
        let mut space_before = interp.is_none();
        loop {
            let ws_start = self.pos;
            // Horizontal space and `\` line continuations.
            loop {
                match self.peek() {
                    Some(' ' | '\t') => {
                        // The whole run of spaces and tabs at once (indentation).
                        self.pos += self.src.as_bytes()[self.pos..]
                            .iter()
                            .take_while(|b| matches!(b, b' ' | b'\t'))
                            .count();
                    }
                    Some('\r') if self.peek_at(1) != Some('\n') => {
                        return Err(bare_cr_error(self.src, self.pos).into());
                    }
                    Some('\\') if self.rest()[1..].starts_with('\n') => self.pos += 2,
                    Some('\\') if self.rest()[1..].starts_with("\r\n") => self.pos += 3,
                    _ => break,
                }
            }
            if self.pos > ws_start {
                space_before = true;
            }
            let start = self.pos;
            let Some(c) = self.peek() else {
                if let Some(open) = interp {
                    let mut e = error(
                        "unterminated interpolation: missing `}`",
                        open,
                        "interpolation started here",
                    );
                    e.help = Some("close it with `}`".into());
                    return Err(e.into());
                }
                break;
            };
            let kind = match c {
                '\n' | '\r' => {
                    self.pos += if c == '\r' { 2 } else { 1 };
                    push_newline(&mut tokens, Span::new(start, self.pos));
                    space_before = true;
                    continue;
                }
                '#' => {
                    let line_end = memchr::memchr(b'\n', self.rest().as_bytes())
                        .map_or(self.src.len(), |i| self.pos + i);
                    let end = if self.src[..line_end].ends_with('\r') {
                        line_end - 1
                    } else {
                        line_end
                    };
                    self.pos = end;
                    if self.comments == Comments::Keep {
                        tokens.push(Token {
                            kind: TokenKind::Comment,
                            span: Span::new(start, end),
                            space_before,
                        });
                    }
                    continue;
                }
                ';' => self.single(TokenKind::Semicolon),
                ',' => self.single(TokenKind::Comma),
                '(' => self.open_bracket(TokenKind::LParen)?,
                ')' => self.close_bracket(TokenKind::RParen),
                '[' => self.open_bracket(TokenKind::LBracket)?,
                ']' => self.close_bracket(TokenKind::RBracket),
                '{' => {
                    braces += 1;
                    self.open_bracket(TokenKind::LBrace)?
                }
                '}' => {
                    if interp.is_some() && braces == 0 {
                        self.pos += 1;
                        return Ok(tokens);
                    }
                    braces = braces.saturating_sub(1);
                    self.close_bracket(TokenKind::RBrace)
                }
                '%' => self.single(TokenKind::Percent),
                '"' | '\'' => self.lex_string(c)?,
                ':' => self.lex_colon()?,
                '?' => self.lex_char_literal()?,
                '~' if self.peek_at(1).is_some_and(|c| c.is_ascii_alphabetic()) => {
                    self.lex_sigil()?
                }
                '0'..='9' => self.lex_number()?,
                '&' if self.peek_at(1).is_some_and(|c| c.is_ascii_digit()) => {
                    self.pos += 1;
                    let digits = self.rest().len()
                        - self
                            .rest()
                            .trim_start_matches(|c: char| c.is_ascii_digit())
                            .len();
                    let text = &self.rest()[..digits];
                    self.pos += digits;
                    match text.parse::<u32>() {
                        Ok(n) => TokenKind::CaptureArg(n),
                        Err(_) => {
                            return Err(error(
                                "capture argument is too large",
                                Span::new(start, self.pos),
                                "here",
                            )
                            .into());
                        }
                    }
                }
                c if is_ident_start(c) => self.lex_identifier()?,
                c if c.is_uppercase() => self.lex_alias()?,
                _ => match operator_at(self.rest()) {
                    Some(op) => {
                        self.pos += op.len();
                        match op {
                            "<<" => {
                                self.count_open(start)?;
                                TokenKind::BinOpen
                            }
                            ">>" => {
                                self.brackets = self.brackets.saturating_sub(1);
                                TokenKind::BinClose
                            }
                            "." => TokenKind::Dot,
                            // An operator keyword key (`[==: 2, <>: 1]`, as in ecto's builder).
                            _ if self.rest().starts_with(':')
                                && !NOT_KEYWORD_OPERATORS.contains(&op)
                                && matches!(
                                    self.rest()[1..].chars().next(),
                                    None | Some(' ' | '\t' | '\n' | '\r')
                                ) =>
                            {
                                self.pos += 1;
                                TokenKind::KwKey(Name::new(op))
                            }
                            _ => TokenKind::Op(op),
                        }
                    }
                    None => {
                        let len = c.len_utf8();
                        return Err(error(
                            format!("unexpected character {c:?}"),
                            Span::new(start, start + len),
                            "not valid Elixir here",
                        )
                        .into());
                    }
                },
            };
            let span = Span::new(start, self.pos);
            check_atom_length(&kind, span)?;
            push_token(&mut tokens, kind, span, space_before);
            space_before = false;
        }
        Ok(tokens)
    }

    fn single(&mut self, kind: TokenKind) -> TokenKind {
        self.pos += 1;
        kind
    }

    fn lex_identifier(&mut self) -> Lexed<TokenKind> {
        let start = self.pos;
        self.pos += self.ident_len();
        if matches!(self.peek(), Some('?' | '!')) && self.peek_at(1) != Some('=') {
            self.pos += 1;
        }
        let name = &self.src[start..self.pos];
        if let Some(key) = self.keyword_key(name)? {
            return Ok(key);
        }
        Ok(match name {
            "true" => TokenKind::True,
            "false" => TokenKind::False,
            "nil" => TokenKind::Nil,
            "do" => TokenKind::Do,
            "end" => TokenKind::End,
            "fn" => TokenKind::Fn,
            "else" => TokenKind::BlockKw("else"),
            "after" => TokenKind::BlockKw("after"),
            "rescue" => TokenKind::BlockKw("rescue"),
            "catch" => TokenKind::BlockKw("catch"),
            "and" => TokenKind::Op("and"),
            "or" => TokenKind::Op("or"),
            "not" => TokenKind::Op("not"),
            "in" => TokenKind::Op("in"),
            "when" => TokenKind::Op("when"),
            _ => TokenKind::Identifier(Name::new(name)),
        })
    }

    fn lex_alias(&mut self) -> Lexed<TokenKind> {
        let start = self.pos;
        self.pos += self.ident_len();
        let name = &self.src[start..self.pos];
        if let Some(key) = self.keyword_key(name)? {
            return Ok(key);
        }
        Ok(TokenKind::Alias(Name::new(name)))
    }

    /// After a name or a quoted string: `name:` followed by whitespace is a keyword key.
    /// Inlined for its first test (most names are not followed by `:`); the rest is
    /// [`Lexer::keyword_key_after_colon`], out of line.
    #[inline(always)]
    fn keyword_key(&mut self, name: &str) -> Lexed<Option<TokenKind>> {
        if self.src.as_bytes().get(self.pos) != Some(&b':') {
            return Ok(None);
        }
        self.keyword_key_after_colon(name)
    }

    #[inline(never)]
    fn keyword_key_after_colon(&mut self, name: &str) -> Lexed<Option<TokenKind>> {
        let rest = self.rest();
        if rest.starts_with("::") {
            return Ok(None);
        }
        match rest[1..].chars().next() {
            None | Some(' ' | '\t' | '\n' | '\r') => {
                self.pos += 1;
                Ok(Some(TokenKind::KwKey(Name::new(name))))
            }
            Some(_) => Err(error(
                format!("keyword argument must be followed by space after `{name}:`"),
                Span::new(self.pos, self.pos + 1),
                "add a space after this colon",
            )
            .into()),
        }
    }

    fn lex_colon(&mut self) -> Lexed<TokenKind> {
        let start = self.pos;
        let rest = self.rest();
        if rest.starts_with("::") {
            self.pos += 2;
            return Ok(TokenKind::Op("::"));
        }
        let after = &rest[1..];
        match after.chars().next() {
            Some(q @ ('"' | '\'')) => {
                let open = Span::new(start, start + 2);
                self.pos += 2;
                let close = if q == '"' { "\"" } else { "'" };
                let parts = self.scan_quoted(
                    open,
                    Quote {
                        close,
                        heredoc: false,
                        interpolate: true,
                        escapes: Escapes::Full,
                        what: "atom",
                        keep_text: true,
                    },
                )?;
                Ok(match literal_text(&parts) {
                    Some(text) => TokenKind::Atom(text.into()),
                    None => TokenKind::AtomInterp(parts),
                })
            }
            Some(c) if is_ident_start(c) || c.is_uppercase() => {
                self.pos += 1;
                let len = self
                    .rest()
                    .char_indices()
                    .find(|&(_, c)| !is_ident_continue(c))
                    .map_or(self.rest().len(), |(i, _)| i);
                self.pos += len;
                if matches!(self.peek(), Some('?' | '!')) {
                    self.pos += 1;
                }
                Ok(TokenKind::Atom(Name::new(&self.src[start + 1..self.pos])))
            }
            _ => {
                for special in ["<<>>", "%{}", "{}", "[]", "%"] {
                    if after.starts_with(special) {
                        self.pos += 1 + special.len();
                        return Ok(TokenKind::Atom(Name::new(special)));
                    }
                }
                if let Some(op) = operator_at(after) {
                    self.pos += 1 + op.len();
                    return Ok(TokenKind::Atom(Name::new(op)));
                }
                Err(error(
                    "unexpected `:`",
                    Span::new(start, start + 1),
                    "expected an atom name after `:`",
                )
                .into())
            }
        }
    }

    fn lex_char_literal(&mut self) -> Lexed<TokenKind> {
        let start = self.pos;
        self.pos += 1;
        let Some(c) = self.peek() else {
            return Err(error(
                "missing character after `?`",
                Span::new(start, self.pos),
                "char literal started here",
            )
            .into());
        };
        self.pos += c.len_utf8();
        if c != '\\' {
            return Ok(TokenKind::Integer((c as i128).into()));
        }
        let Some(e) = self.peek() else {
            return Err(error(
                "missing character after `?\\`",
                Span::new(start, self.pos),
                "char literal started here",
            )
            .into());
        };
        self.pos += e.len_utf8();
        let value = simple_escape(e).unwrap_or(e);
        Ok(TokenKind::Integer((value as i128).into()))
    }

    fn lex_number(&mut self) -> Lexed<TokenKind> {
        let start = self.pos;
        let rest = self.rest();
        let radix = match rest.get(..2) {
            Some("0x") => Some((16, (|c: char| c.is_ascii_hexdigit()) as fn(char) -> bool)),
            Some("0o") => Some((8, (|c: char| ('0'..='7').contains(&c)) as fn(char) -> bool)),
            Some("0b") => Some((2, (|c: char| c == '0' || c == '1') as fn(char) -> bool)),
            _ => None,
        };
        if let Some((radix, is_digit)) = radix {
            let Ok((_, digits)) = digits_with_underscores(&rest[2..], is_digit) else {
                return Err(error(
                    "invalid number literal",
                    Span::new(start, start + 2),
                    "expected digits after the prefix",
                )
                .into());
            };
            self.pos += 2 + digits.len();
            return i128::from_str_radix(&without_underscores(digits), radix)
                .map(|n| TokenKind::Integer(n.into()))
                .map_err(|_| too_large(Span::new(start, self.pos)).into());
        }
        let is_dec = |c: char| c.is_ascii_digit();
        let Ok((_, int_part)) = digits_with_underscores(rest, is_dec) else {
            return Err(error("invalid number", Span::new(start, start + 1), "here").into());
        };
        let mut len = int_part.len();
        let mut is_float = false;
        let after = &rest[len..];
        if after.starts_with('.')
            && after[1..].starts_with(|c: char| c.is_ascii_digit())
            && let Ok((_, frac)) = digits_with_underscores(&after[1..], is_dec)
        {
            len += 1 + frac.len();
            is_float = true;
            let after = &rest[len..];
            if after.starts_with(['e', 'E']) {
                let sign = usize::from(after[1..].starts_with(['+', '-']));
                if let Ok((_, exp)) = digits_with_underscores(&after[1 + sign..], is_dec) {
                    len += 1 + sign + exp.len();
                }
            }
        }
        self.pos += len;
        let clean = without_underscores(&rest[..len]);
        if is_float {
            match clean.parse::<f64>() {
                // Elixir refuses a float literal outside the range of a 64-bit float.
                Ok(f) if f.is_finite() => Ok(TokenKind::Float(f)),
                Ok(_) => {
                    let mut e = error(
                        format!("invalid float number {}", &rest[..len]),
                        Span::new(start, self.pos),
                        "out of the range of a 64-bit float",
                    );
                    e.help = Some(
                        "Elixir refuses to compile this file: the largest float is about 1.8e308"
                            .into(),
                    );
                    Err(e.into())
                }
                Err(_) => Err(error("invalid float", Span::new(start, self.pos), "here").into()),
            }
        } else {
            clean
                .parse::<i128>()
                .map(|n| TokenKind::Integer(n.into()))
                .map_err(|_| too_large(Span::new(start, self.pos)).into())
        }
    }

    /// `"…"`, `"""…"""`, `'…'`, `'''…'''`, and a keyword key when followed by `: `.
    fn lex_string(&mut self, q: char) -> Lexed<TokenKind> {
        let start = self.pos;
        let triple = if q == '"' { "\"\"\"" } else { "'''" };
        let single = if q == '"' { "\"" } else { "'" };
        if self.rest().starts_with(triple) {
            let open = Span::new(start, start + 3);
            self.pos += 3;
            self.heredoc_header(open)?;
            let parts = self.scan_quoted(
                open,
                Quote {
                    close: triple,
                    heredoc: true,
                    interpolate: true,
                    escapes: Escapes::Full,
                    what: "heredoc",
                    keep_text: self.string_text == StringText::Keep,
                },
            )?;
            return Ok(if q == '"' {
                TokenKind::Str {
                    parts,
                    heredoc: true,
                }
            } else {
                TokenKind::Charlist {
                    parts,
                    heredoc: true,
                }
            });
        }
        let open = Span::new(start, start + 1);
        self.pos += 1;
        let quote = |keep_text| Quote {
            close: single,
            heredoc: false,
            interpolate: true,
            escapes: Escapes::Full,
            what: if q == '"' { "string" } else { "charlist" },
            keep_text,
        };
        let mut parts = self.scan_quoted(open, quote(self.string_text == StringText::Keep))?;
        // `"foo-bar": value`
        let rest = self.rest();
        if rest.starts_with(':')
            && !rest.starts_with("::")
            && rest[1..]
                .chars()
                .next()
                .is_none_or(|c| matches!(c, ' ' | '\t' | '\n' | '\r'))
        {
            if self.string_text == StringText::Skip {
                // A keyword key keeps its text: scan it again.
                self.pos = open.end;
                parts = self.scan_quoted(open, quote(true))?;
            }
            self.pos += 1;
            return Ok(match literal_text(&parts) {
                Some(text) => TokenKind::KwKey(text.into()),
                None => TokenKind::KwKeyInterp(parts),
            });
        }
        Ok(if q == '"' {
            TokenKind::Str {
                parts,
                heredoc: false,
            }
        } else {
            TokenKind::Charlist {
                parts,
                heredoc: false,
            }
        })
    }

    /// After an opening `"""`: only spaces/tabs, then a newline (consumed).
    fn heredoc_header(&mut self, open: Span) -> Lexed<()> {
        let rest = self.rest();
        let trimmed = rest.trim_start_matches(is_horizontal_space);
        let skip = rest.len() - trimmed.len();
        if trimmed.starts_with('\n') {
            self.pos += skip + 1;
            Ok(())
        } else if trimmed.starts_with("\r\n") {
            self.pos += skip + 2;
            Ok(())
        } else if trimmed.is_empty() {
            Err(error("unterminated heredoc", open, "heredoc started here").into())
        } else {
            let mut e = error(
                "heredoc start must be followed by a new line",
                open,
                "only spaces may follow this on the same line",
            );
            e.help = Some("move the heredoc text to the next line".into());
            Err(e.into())
        }
    }

    fn lex_sigil(&mut self) -> Lexed<TokenKind> {
        let start = self.pos;
        self.pos += 1; // `~`
        let first = self.peek().unwrap_or('a');
        let name_len = if first.is_ascii_lowercase() {
            1
        } else {
            self.rest()
                .char_indices()
                .find(|&(_, c)| !(c.is_ascii_uppercase() || c.is_ascii_digit()))
                .map_or(self.rest().len(), |(i, _)| i)
        };
        let name = self.rest()[..name_len].to_string();
        self.pos += name_len;
        let lower = first.is_ascii_lowercase();
        let rest = self.rest();
        let (delimiter, close, heredoc): (&'static str, &'static str, bool) =
            if rest.starts_with("\"\"\"") {
                ("\"\"\"", "\"\"\"", true)
            } else if rest.starts_with("'''") {
                ("'''", "'''", true)
            } else {
                match rest.chars().next() {
                    Some('(') => ("(", ")", false),
                    Some('[') => ("[", "]", false),
                    Some('{') => ("{", "}", false),
                    Some('<') => ("<", ">", false),
                    Some('/') => ("/", "/", false),
                    Some('|') => ("|", "|", false),
                    Some('"') => ("\"", "\"", false),
                    Some('\'') => ("'", "'", false),
                    _ => {
                        return Err(error(
                            format!("invalid sigil delimiter after `~{name}`"),
                            Span::new(start, self.pos),
                            "expected one of ( [ { < / | \" ' after the sigil name",
                        )
                        .into());
                    }
                }
            };
        self.pos += delimiter.len();
        let open = Span::new(start, self.pos);
        if heredoc {
            self.heredoc_header(open)?;
        }
        let escapes = if lower && name != "r" {
            Escapes::Full
        } else {
            Escapes::DelimiterOnly
        };
        let parts = self.scan_quoted(
            open,
            Quote {
                close,
                heredoc,
                interpolate: lower,
                escapes,
                what: "sigil",
                keep_text: self.string_text == StringText::Keep,
            },
        )?;
        let mods_len = self
            .rest()
            .char_indices()
            .find(|&(_, c)| !c.is_ascii_alphanumeric())
            .map_or(self.rest().len(), |(i, _)| i);
        let modifiers = self.rest()[..mods_len].to_string();
        self.pos += mods_len;
        Ok(TokenKind::Sigil(Box::new(Sigil {
            name,
            parts,
            modifiers,
            delimiter,
        })))
    }

    /// Scan the inside of a quoted token up to and including its closing delimiter. `open` is the
    /// opening delimiter's span (for "unterminated" errors).
    fn scan_quoted(&mut self, open: Span, quote: Quote) -> Lexed<Vec<Fragment>> {
        if self.depth >= self.depth_limit {
            return Err(limit_error(open, self.depth_limit).into());
        }
        self.depth += 1;
        let result = self.scan_quoted_inner(open, &quote);
        self.depth -= 1;
        result
    }

    fn scan_quoted_inner(&mut self, open: Span, quote: &Quote) -> Lexed<Vec<Fragment>> {
        let mut frags: Vec<Fragment> = Vec::new();
        let mut buf = String::new();
        let mut line_start = quote.heredoc;
        let close_first = quote.close.chars().next().unwrap_or('"');
        // Closing delimiters are ASCII; a run of text stops before this byte.
        let close_byte = quote.close.as_bytes().first().copied().unwrap_or(b'"');
        let indent: usize;
        loop {
            if quote.heredoc && line_start {
                line_start = false;
                let rest = self.rest();
                let trimmed = rest.trim_start_matches(is_horizontal_space);
                if trimmed.starts_with(quote.close) {
                    indent = rest.len() - trimmed.len();
                    self.pos += indent + quote.close.len();
                    break;
                }
            }
            let Some(c) = self.peek() else {
                let what = quote.what;
                let mut e = error(
                    format!("unterminated {what}"),
                    open,
                    format!("{what} started here"),
                );
                e.help = Some(if quote.heredoc {
                    format!("close it with `{}` on a line of its own", quote.close)
                } else {
                    format!("close it with `{}`", quote.close)
                });
                return Err(e.into());
            };
            if !quote.heredoc && self.rest().starts_with(quote.close) {
                self.pos += quote.close.len();
                indent = 0;
                break;
            }
            match c {
                '\\' => {
                    self.pos += 1;
                    let Some(e) = self.peek() else { continue };
                    self.pos += e.len_utf8();
                    let delimiter = quote.escapes == Escapes::DelimiterOnly
                        && e == close_first
                        && !quote.heredoc;
                    if quote.keep_text {
                        if !delimiter {
                            buf.push('\\');
                        }
                        buf.push(e);
                    }
                    if e == '\n' {
                        line_start = quote.heredoc;
                    }
                }
                '\n' => {
                    self.pos += 1;
                    if quote.keep_text {
                        buf.push('\n');
                    }
                    line_start = quote.heredoc;
                }
                '#' if quote.interpolate && self.rest().starts_with("#{") => {
                    let start = self.pos;
                    self.pos += 2;
                    if !buf.is_empty() {
                        frags.push(Fragment::Lit(std::mem::take(&mut buf)));
                    }
                    let open_interp = Span::new(start, start + 2);
                    let tokens = self.lex_tokens(Some(open_interp), Vec::new())?;
                    frags.push(Fragment::Interp {
                        tokens,
                        span: Span::new(start, self.pos),
                    });
                }
                _ => {
                    // Copy the run of characters up to the next one that may matter: an escape,
                    // an interpolation, and the end of a line in a heredoc (whose closing
                    // delimiter can only start a line) or the closing delimiter elsewhere.
                    let rest = self.rest();
                    let stop = if quote.heredoc { b'\n' } else { close_byte };
                    let run = memchr::memchr3(b'\\', b'#', stop, &rest.as_bytes()[1..])
                        .map_or(rest.len(), |i| i + 1);
                    let run = if rest.is_char_boundary(run) {
                        run
                    } else {
                        c.len_utf8()
                    };
                    self.pos += run;
                    if quote.keep_text {
                        buf.push_str(&rest[..run]);
                    }
                }
            }
        }
        if !buf.is_empty() {
            frags.push(Fragment::Lit(buf));
        }
        if quote.heredoc {
            strip_heredoc_indent(&mut frags, indent);
        }
        if quote.escapes == Escapes::Full {
            for frag in &mut frags {
                if let Fragment::Lit(text) = frag
                    && text.contains('\\')
                {
                    *text = unescape(text);
                }
            }
        }
        frags.retain(|f| !matches!(f, Fragment::Lit(t) if t.is_empty()));
        Ok(frags)
    }
}

fn too_large(span: Span) -> ParseError {
    error(
        "integer literal is too large for hexlint",
        span,
        "larger than 128 bits",
    )
}

/// The text of fragments without interpolation.
fn literal_text(parts: &[Fragment]) -> Option<String> {
    let mut out = String::new();
    for part in parts {
        match part {
            Fragment::Lit(t) => out.push_str(t),
            Fragment::Interp { .. } => return None,
        }
    }
    Some(out)
}

/// Remove up to `indent` spaces/tabs at the start of every line (Elixir strips heredoc lines by
/// the closing delimiter's indentation, before processing escapes).
fn strip_heredoc_indent(frags: &mut [Fragment], indent: usize) {
    if indent == 0 {
        return;
    }
    let mut at_line_start = true;
    for frag in frags.iter_mut() {
        match frag {
            Fragment::Lit(text) => {
                let mut out = String::with_capacity(text.len());
                let mut skipping = if at_line_start { indent } else { 0 };
                for c in text.chars() {
                    if skipping > 0 && is_horizontal_space(c) {
                        skipping -= 1;
                        continue;
                    }
                    skipping = 0;
                    out.push(c);
                    if c == '\n' {
                        skipping = indent;
                    }
                }
                at_line_start = out.ends_with('\n') || (out.is_empty() && at_line_start);
                *text = out;
            }
            Fragment::Interp { .. } => at_line_start = false,
        }
    }
}

/// Single-character escapes shared by strings and `?\x` char literals.
fn simple_escape(c: char) -> Option<char> {
    Some(match c {
        'n' => '\n',
        't' => '\t',
        'r' => '\r',
        'e' => '\u{1b}',
        's' => ' ',
        '0' => '\0',
        'a' => '\u{7}',
        'b' => '\u{8}',
        'd' => '\u{7f}',
        'f' => '\u{c}',
        'v' => '\u{b}',
        _ => return None,
    })
}

/// Process Elixir escapes in raw string text: `\n \t \" \\ \#`, `\xHH`, `\uHHHH`, `\u{H…}`,
/// line continuation (`\` newline). Unknown escapes give the character itself (as in Elixir);
/// malformed `\x`/`\u` escapes are kept as written.
pub fn unescape(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let Some((_, e)) = chars.next() else {
            out.push('\\');
            break;
        };
        if let Some(s) = simple_escape(e) {
            out.push(s);
            continue;
        }
        match e {
            '\n' => {}
            '\r' if chars.peek().is_some_and(|&(_, c)| c == '\n') => {
                chars.next();
            }
            'x' => {
                let rest = &raw[i + 2..];
                let n = rest
                    .chars()
                    .take(2)
                    .take_while(|c| c.is_ascii_hexdigit())
                    .count();
                match u32::from_str_radix(&rest[..n], 16)
                    .ok()
                    .and_then(char::from_u32)
                {
                    Some(ch) if n > 0 => {
                        out.push(ch);
                        for _ in 0..n {
                            chars.next();
                        }
                    }
                    _ => out.push_str("\\x"),
                }
            }
            'u' => {
                let rest = &raw[i + 2..];
                let (hex, consumed) = if let Some(inner) = rest.strip_prefix('{') {
                    let n = inner.find('}').unwrap_or(usize::MAX);
                    if n != usize::MAX && (1..=6).contains(&n) {
                        (&inner[..n], n + 2)
                    } else {
                        ("", 0)
                    }
                } else if rest.len() >= 4 && rest.is_char_boundary(4) {
                    (&rest[..4], 4)
                } else {
                    ("", 0)
                };
                match u32::from_str_radix(hex, 16).ok().and_then(char::from_u32) {
                    Some(ch) if consumed > 0 && hex.chars().all(|c| c.is_ascii_hexdigit()) => {
                        out.push(ch);
                        for _ in 0..consumed {
                            chars.next();
                        }
                    }
                    _ => out.push_str("\\u"),
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// Whether a newline after this token is meaningless (Elixir drops it).
fn eats_following_newline(kind: &TokenKind) -> bool {
    matches!(
        kind,
        TokenKind::Op(_)
            | TokenKind::Comma
            | TokenKind::LParen
            | TokenKind::LBracket
            | TokenKind::LBrace
            | TokenKind::BinOpen
            | TokenKind::Dot
            | TokenKind::Newline
            | TokenKind::Semicolon
            | TokenKind::Percent
    )
}

fn push_newline(tokens: &mut Vec<Token>, span: Span) {
    match tokens
        .iter()
        .rev()
        .find(|t| !matches!(t.kind, TokenKind::Comment))
    {
        None => {}
        Some(t) if eats_following_newline(&t.kind) => {}
        Some(_) => tokens.push(Token {
            kind: TokenKind::Newline,
            span,
            space_before: false,
        }),
    }
}

/// Push a token; a binary operator, `.` or `do` at the start of a line joins the previous line.
/// Inlined, so that the token is written straight into the vector: built on the stack and
/// copied, its bytes were read back (wide) right after being written (narrow), a stall on every
/// token (a third of the lexer's time).
#[inline(always)]
fn push_token(tokens: &mut Vec<Token>, kind: TokenKind, span: Span, space_before: bool) {
    let joins = match &kind {
        TokenKind::Op(op) => !UNARY_STARTERS.contains(op),
        TokenKind::Dot | TokenKind::Do => true,
        _ => false,
    };
    if joins
        && tokens
            .last()
            .is_some_and(|t| matches!(t.kind, TokenKind::Newline | TokenKind::Comment))
    {
        join_previous_line(tokens);
    }
    // Room first, then the token written into it: with `push`, the token was assembled on the
    // stack (in case the vector grows) and copied, and reading it back right after writing it
    // stalled the store buffer on every token.
    tokens.reserve(1);
    tokens.spare_capacity_mut()[0].write(Token {
        kind,
        span,
        space_before,
    });
    // SAFETY: the slot at `len` is within the capacity reserved above and was just initialised.
    unsafe { tokens.set_len(tokens.len() + 1) }
}

/// Remove the newlines among the trailing newline and comment tokens.
#[cold]
fn join_previous_line(tokens: &mut Vec<Token>) {
    let mut i = tokens.len();
    while i > 0 && matches!(tokens[i - 1].kind, TokenKind::Newline | TokenKind::Comment) {
        i -= 1;
    }
    let tail: Vec<Token> = tokens
        .drain(i..)
        .filter(|t| t.kind != TokenKind::Newline)
        .collect();
    tokens.extend(tail);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recycled_tokens_leave_an_empty_vector_that_lexes_again() {
        let src = "defmodule A.VeryLongModuleNameThatIsNotInline do\n  @x ~w(a b)\n  def f, do: \"#{1}\"\nend\n";
        let mut tokens = tokenize(src).unwrap();
        let capacity = tokens.capacity();
        recycle(&mut tokens);
        assert!(tokens.is_empty());
        assert_eq!(tokens.capacity(), capacity);
        let again = tokenize_reusing(src, tokens, StringText::Keep, Comments::Keep).unwrap();
        assert_eq!(again, tokenize(src).unwrap());
    }

    #[test]
    fn operator_at_finds_the_longest_operator_like_a_scan_of_the_list() {
        let texts = OPERATORS
            .iter()
            .flat_map(|op| [op.to_string(), format!("{op}x"), format!("{op}=")])
            .chain(["a".into(), "é".into(), String::new(), "\\\\".into()]);
        for text in texts {
            let scanned = OPERATORS.iter().find(|op| text.starts_with(**op)).copied();
            assert_eq!(operator_at(&text), scanned, "{text:?}");
        }
    }

    #[test]
    fn without_comments_copies_only_when_there_is_a_comment() {
        let commented = tokenize("a # note\nb").unwrap();
        let kept = without_comments(&commented);
        assert!(matches!(kept, std::borrow::Cow::Owned(_)));
        assert_eq!(kept.len(), commented.len() - 1);
        assert!(!kept.iter().any(|t| t.kind == TokenKind::Comment));
        let plain = tokenize("a\nb").unwrap();
        assert!(matches!(
            without_comments(&plain),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn dropping_comments_gives_the_tokens_without_comments() {
        for src in [
            "# first\n|> x\n",
            "a # note\n# more\n\n  |> b # end\n  # c\n  .c()\r\n# d\r\ndo: 1",
            "if x # why\n# because\ndo\n  \"#{y # inner\n}\"\nend # done",
            "[\n  a, # one\n  # two\n  b\n]\n-1 # unary after a comment line\n",
            "# only a comment",
            "~s(#{a # c\n}) <> :\"x#{b # d\n}\"",
        ] {
            let dropped = tokenize_reusing(src, Vec::new(), StringText::Keep, Comments::Drop);
            let kept = tokenize(src).unwrap();
            assert_ne!(kept, strip_comments(&kept), "{src:?} has comments");
            assert_eq!(dropped.unwrap(), strip_comments(&kept), "{src:?}");
        }
    }

    /// `tokens` without comments, in interpolations too.
    fn strip_comments(tokens: &[Token]) -> Vec<Token> {
        let strip_parts = |parts: &mut Vec<Fragment>| {
            for part in parts {
                if let Fragment::Interp { tokens, .. } = part {
                    *tokens = strip_comments(tokens);
                }
            }
        };
        let mut out = without_comments(tokens).into_owned();
        for t in &mut out {
            match &mut t.kind {
                TokenKind::Str { parts, .. }
                | TokenKind::Charlist { parts, .. }
                | TokenKind::AtomInterp(parts)
                | TokenKind::KwKeyInterp(parts) => strip_parts(parts),
                TokenKind::Sigil(sigil) => strip_parts(&mut sigil.parts),
                _ => {}
            }
        }
        out
    }

    #[test]
    fn reusing_a_buffer_gives_the_same_tokens_in_its_memory() {
        let src = "x = ~w(a b)a # note\n\"s#{y}\"";
        let mut buffer = tokenize("defmodule A do\n  def f, do: :ok\nend\n").unwrap();
        buffer.reserve(100);
        let memory = buffer.as_ptr();
        let tokens = tokenize_reusing(src, buffer, StringText::Keep, Comments::Keep).unwrap();
        assert_eq!(tokens, tokenize(src).unwrap());
        assert_eq!(tokens.as_ptr(), memory);
        // Interpolations nested deeper than the small stack allows: done again on a big stack.
        let mut deep = "x".to_string();
        for _ in 0..SMALL_STACK_DEPTH + 10 {
            deep = format!("\"#{{{deep}}}\"");
        }
        let small = tokenize_with_limit(&deep, SMALL_STACK_DEPTH).unwrap_err();
        assert_eq!(small.limit, Some(NEEDS_BIG_STACK));
        assert_eq!(
            tokenize_reusing(&deep, tokens, StringText::Keep, Comments::Keep).unwrap(),
            tokenize(&deep).unwrap()
        );
    }

    #[test]
    fn skipping_string_text_keeps_everything_else() {
        let src = "@moduledoc \"\"\"\n  Docs #{inspect(A.B)}\\n\n  \"\"\"\n\
                   x = [\"a-b\": 'c', d: ~S(e \\) f), g: :\"h i\", j: \"k#{L}m\"]";
        let skip = |src| tokenize_reusing(src, Vec::new(), StringText::Skip, Comments::Keep);
        let (kept, skipped) = (tokenize(src).unwrap(), skip(src).unwrap());
        assert_eq!(kept.len(), skipped.len());
        let lits = |parts: &[Fragment]| {
            parts
                .iter()
                .filter(|p| matches!(p, Fragment::Lit(_)))
                .count()
        };
        let mut strings = 0;
        for (k, s) in kept.iter().zip(&skipped) {
            assert_eq!(k.span, s.span);
            match (&k.kind, &s.kind) {
                (TokenKind::Str { parts: kp, .. }, TokenKind::Str { parts: sp, .. })
                | (TokenKind::Charlist { parts: kp, .. }, TokenKind::Charlist { parts: sp, .. }) => {
                    strings += 1;
                    assert!(lits(kp) > 0 && lits(sp) == 0, "{kp:?} / {sp:?}");
                    let interps = |parts: &[Fragment]| parts.len() - lits(parts);
                    assert_eq!(interps(kp), interps(sp));
                }
                (TokenKind::Sigil(k), TokenKind::Sigil(s)) => {
                    strings += 1;
                    assert!(lits(&k.parts) > 0 && lits(&s.parts) == 0);
                }
                // Keyword keys and quoted atoms keep their text.
                _ => assert_eq!(k.kind, s.kind),
            }
        }
        assert_eq!(strings, 4);
        assert!(
            skipped
                .iter()
                .any(|t| t.kind == TokenKind::KwKey("a-b".into()))
        );
        assert!(
            skipped
                .iter()
                .any(|t| t.kind == TokenKind::Atom("h i".into()))
        );
        // The same errors, and nesting deep enough for the big stack.
        for bad in ["x = \"abc", "\"\"\"\nabc", "~S(abc", "\"#{\"", "a\rb"] {
            assert_eq!(skip(bad).unwrap_err(), tokenize(bad).unwrap_err(), "{bad}");
        }
        let mut deep = "x".to_string();
        for _ in 0..SMALL_STACK_DEPTH + 10 {
            deep = format!("\"a#{{{deep}}}\"");
        }
        assert_eq!(skip(&deep).unwrap().len(), 1);
    }

    #[test]
    fn bidi_controls_are_found_among_other_characters_that_start_with_0xe2() {
        // `…`, `—` and `“` start with the byte 0xE2 too; U+2066 is the first rejected one.
        let src = "# “quoted” — and…\nx = \"\u{2066}\" <> \"\u{202e}\"";
        let e = tokenize(src).unwrap_err();
        let at = src.find('\u{2066}').unwrap();
        assert_eq!((e.span.start, e.span.end), (at, at + 3));
        assert!(e.message.contains("U+2066"), "{}", e.message);
        assert!(tokenize("# “quoted” — and…\nx = 1").is_ok());
    }

    #[test]
    fn tokens_stay_small() {
        // Every token is as big as the largest kind: sigils are boxed to keep it so.
        assert!(std::mem::size_of::<Token>() <= 56);
        for n in [0, 1, -1, i128::MAX, i128::MIN, 1 << 64, -(1 << 64) - 7] {
            assert_eq!(IntLiteral::from(n).value(), n);
        }
    }
}
