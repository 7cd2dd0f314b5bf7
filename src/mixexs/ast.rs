//! The syntax tree of the Elixir subset found in `mix.exs` files.
//!
//! The shape follows Elixir's own quoted form closely, so that every construct (including ones the
//! evaluator does not understand) parses: `defmodule`, `def`, `if`, `case` … are ordinary calls whose
//! `do`/`else` blocks are kept in [`Call::blocks`]. Every node carries its byte [`Span`].

use crate::source::Span;

#[derive(Debug, Clone, PartialEq)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ExprKind {
    Nil,
    Bool(bool),
    /// Integer literal, including `0x1F`, `0b1`, `0o7`, `1_000` and `?a` char literals.
    Integer(i128),
    Float(f64),
    /// `:foo`, `:foo?`, `:"foo-bar"` without interpolation, and keyword keys (`foo:` / `"foo-bar":`).
    Atom(String),
    /// `:"foo#{x}"` or `"foo#{x}":` — an atom built by interpolation.
    InterpolatedAtom(Vec<StrPart>),
    /// An alias: `Foo`, `Foo.Bar`, `Mix.Project`. `__MODULE__.Sub` is a `Call` with target
    /// `Var("__MODULE__")`, name `"Sub"` and no arguments.
    Alias(Vec<String>),
    /// `"…"` and `"""` heredocs, after escape processing; heredoc indentation already removed.
    String(Vec<StrPart>),
    /// `'…'` and `'''` heredocs.
    Charlist(Vec<StrPart>),
    /// `~w(…)a`, `~r/…/i`, `~S"""…"""`. Lower-case sigils interpolate and process escapes; upper-case
    /// ones keep the raw text as a single `StrPart::Lit`.
    Sigil {
        name: String,
        parts: Vec<StrPart>,
        modifiers: String,
    },
    /// `[a, b]`. Keyword entries (`a: 1`, also trailing ones as in `[1, a: 2]`) are 2-element
    /// `Tuple`s whose first element is an `Atom`/`InterpolatedAtom` key; `keyword` marks them.
    List(Vec<Expr>),
    /// `[h | t]` — a list with an explicit tail.
    Cons(Vec<Expr>, Box<Expr>),
    /// `{a, b}`; also keyword pairs (see `List`).
    Tuple(Vec<Expr>),
    /// `%{k => v, key: v}`.
    Map(Vec<(Expr, Expr)>),
    /// `%{base | k: v}`.
    MapUpdate(Box<Expr>, Vec<(Expr, Expr)>),
    /// `%Mod{k: v}` (and `%Mod{base | …}`), `name` is the struct module expression.
    Struct {
        name: Box<Expr>,
        base: Option<Box<Expr>>,
        fields: Vec<(Expr, Expr)>,
    },
    /// `<<…>>` — parsed, never evaluated.
    Bitstring(Vec<Expr>),
    /// A variable or bare identifier: `foo`, `_`, `__MODULE__`, `__DIR__`, `__ENV__`.
    /// A bare identifier may also be a zero-arity call without parentheses (`deps: deps`).
    Var(String),
    /// `@name` read.
    AttrRead(String),
    /// `@name value` — an attribute definition.
    AttrSet {
        name: String,
        value: Box<Expr>,
    },
    /// A local or remote call. See [`Call`].
    Call(Box<Call>),
    /// `fun.(args)`.
    AnonCall {
        fun: Box<Expr>,
        args: Vec<Expr>,
    },
    /// `expr[key]`.
    Access {
        expr: Box<Expr>,
        key: Box<Expr>,
    },
    /// `fn clauses end`.
    Fn(Vec<Clause>),
    /// `&expr` — `&foo/1`, `&Mod.fun/2`, `&(&1 + 1)`.
    Capture(Box<Expr>),
    /// `&1`.
    CaptureArg(u32),
    Unary {
        op: UnaryOp,
        expr: Box<Expr>,
    },
    Binary {
        op: BinOp,
        lhs: Box<Expr>,
        rhs: Box<Expr>,
    },
    /// `( a; b )` or a do-block body with several expressions.
    Block(Vec<Expr>),
    /// `for` comprehensions, `with`, `try`, `receive`, `quote` are ordinary calls; this variant
    /// exists for anything the parser accepted but does not model (kept so spans stay exact).
    Other(&'static str),
}

/// A call. `name` is the function name (`"def"`, `"if"`, `"read!"`, `"get_env"`, …).
#[derive(Debug, Clone, PartialEq)]
pub struct Call {
    /// `Some(Alias(["File"]))` for `File.read!`, `Some(Atom("file"))` for `:file.consult`,
    /// `Some(Var("map"))` for `map.key` (field access looks like a paren-less remote call).
    pub target: Option<Expr>,
    pub name: String,
    pub name_span: Span,
    /// Arguments. Trailing keyword arguments (`foo(a, b: 1)`, `def x, do: 1`) are collected into one
    /// final `List` argument, exactly as Elixir does.
    pub args: Vec<Expr>,
    /// Whether the arguments were written in parentheses.
    pub parens: bool,
    /// `do … end` blocks in order: `("do", …)`, then optional `("else", …)`, `("after", …)`,
    /// `("rescue", …)`, `("catch", …)`.
    pub blocks: Vec<(String, Body)>,
}

/// The body of a do/else block: plain expressions, or `->` clauses (case, cond, fn, receive).
#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    Exprs(Vec<Expr>),
    Clauses(Vec<Clause>),
}

/// `patterns when guard -> body`.
#[derive(Debug, Clone, PartialEq)]
pub struct Clause {
    pub patterns: Vec<Expr>,
    pub guard: Option<Expr>,
    pub body: Vec<Expr>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum StrPart {
    Lit(String),
    /// `#{expr}`; the expression keeps its own span (`#{a; b}` is a `Block`, an empty `#{}` is
    /// `Nil` spanning `#{}`).
    Interp(Expr),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnaryOp {
    /// `-x`
    Neg,
    /// `+x`
    Pos,
    /// `!x`
    Bang,
    /// `not x`
    Not,
    /// `^x` (pin)
    Pin,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinOp {
    Pipe,        // |>
    Concat,      // <>
    ListConcat,  // ++
    ListSub,     // --
    Eq,          // ==
    NotEq,       // !=
    StrictEq,    // ===
    StrictNotEq, // !==
    Lt,
    Gt,
    Le,
    Ge,
    Match,      // =
    RegexMatch, // =~
    And,        // and
    Or,         // or
    AndAnd,     // &&
    OrOr,       // ||
    In,         // in
    NotIn,      // not in
    Add,
    Sub,
    Mul,
    Div,
    Range,     // ..
    RangeStep, // ..//  (step part)
    When,      // when (guards)
    Default,   // \\ (default arguments)
    Type,      // ::
    Arrow,     // <- (for/with generators)
    Pipe2,     // | (only inside lists/maps; kept for completeness)
    /// Any other operator (`<<<`, `~>`, `**`, …): parsed, never evaluated.
    Other,
}

impl Expr {
    pub fn new(kind: ExprKind, span: Span) -> Self {
        Expr { kind, span }
    }

    /// For a `Tuple` keyword pair built from `key: value`, the key atom and the value.
    pub fn as_keyword_pair(&self) -> Option<(&Expr, &Expr)> {
        match &self.kind {
            ExprKind::Tuple(items) if items.len() == 2 => match items[0].kind {
                ExprKind::Atom(_) | ExprKind::InterpolatedAtom(_) => Some((&items[0], &items[1])),
                _ => None,
            },
            _ => None,
        }
    }

    pub fn as_call(&self) -> Option<&Call> {
        match &self.kind {
            ExprKind::Call(c) => Some(c),
            _ => None,
        }
    }
}

impl Call {
    /// The `do` body, whether written as a block or as a `do:` keyword argument.
    pub fn do_body(&self) -> Option<BodyRef<'_>> {
        self.block("do")
    }

    /// A named block (`do`, `else`, …) from `do … else … end` or from a trailing keyword list
    /// (`if x, do: a, else: b`).
    pub fn block(&self, name: &str) -> Option<BodyRef<'_>> {
        if let Some((_, body)) = self.blocks.iter().find(|(n, _)| n == name) {
            return Some(BodyRef::Block(body));
        }
        let last = self.args.last()?;
        if let ExprKind::List(items) = &last.kind {
            for item in items {
                if let Some((k, v)) = item.as_keyword_pair()
                    && matches!(&k.kind, ExprKind::Atom(a) if a == name)
                {
                    return Some(BodyRef::Expr(v));
                }
            }
        }
        None
    }

    /// Arguments without a trailing `do:`/`else:` keyword list (for `def f(x), do: …`).
    pub fn args_without_blocks(&self) -> &[Expr] {
        if self.blocks.is_empty()
            && let Some(last) = self.args.last()
            && let ExprKind::List(items) = &last.kind
            && !items.is_empty()
            && items.iter().all(|i| {
                i.as_keyword_pair().is_some_and(|(k, _)| {
                    matches!(&k.kind, ExprKind::Atom(a) if matches!(a.as_str(), "do" | "else" | "after" | "rescue" | "catch"))
                })
            })
        {
            return &self.args[..self.args.len() - 1];
        }
        &self.args
    }
}

/// A reference to a body: either a real block or a single keyword value.
#[derive(Debug, Clone, Copy)]
pub enum BodyRef<'a> {
    Block(&'a Body),
    Expr(&'a Expr),
}
