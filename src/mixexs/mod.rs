//! Reading `mix.exs` without running Elixir: lexer, parser (nom), AST and partial evaluator.
//! This module knows Elixir, not Hex.

pub mod ast;
pub mod eval;
pub mod lexer;
pub mod parser;
pub mod value;

use crate::source::Span;

/// A syntax error with the exact span and a useful message.
#[derive(Debug, Clone, PartialEq)]
pub struct ParseError {
    /// "unterminated heredoc", "unexpected token `)`", …
    pub message: String,
    pub span: Span,
    /// Short text under the span ("heredoc started here").
    pub label: String,
    pub help: Option<String>,
    /// Which hard limit was hit, if that is why parsing stopped (e.g. `MAX_NESTING_DEPTH`).
    pub limit: Option<&'static str>,
}

/// A parsed file: top-level expressions plus every comment (for suppressions).
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedFile {
    pub exprs: Vec<ast::Expr>,
    /// `(span of the whole comment including '#', text after '#')`.
    pub comments: Vec<(Span, String)>,
}

/// Parse mix.exs source text.
pub fn parse(src: &str) -> Result<ParsedFile, ParseError> {
    parser::parse(src)
}
