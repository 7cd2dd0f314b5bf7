//! Parser from [`super::lexer`] tokens to [`super::ast`]: precedence climbing over Elixir's
//! operator table (`elixir_parser.yrl`), with Elixir's rules for calls without parentheses,
//! `do … end` blocks, keyword lists and `->` clauses.
//!
//! Recursion is bounded: every nested expression, container and operator chain counts towards
//! [`MAX_NESTING_DEPTH`](crate::limits::MAX_NESTING_DEPTH), checked before recursing, so hostile input fails fast instead of
//! overflowing the stack.

use super::ast::{BinOp, Body, Call, Clause, Expr, ExprKind, StrPart, UnaryOp};
use super::lexer::{self, Fragment, Sigil, Token, TokenKind, error, limit_error};
use super::{ParseError, ParsedFile};
use crate::source::Span;

/// The inside of `%{…}`: an optional `base |` and the `key => value` entries.
type MapEntries = (Option<Expr>, Vec<(Expr, Expr)>);

type PResult<T> = Result<T, Box<ParseError>>;

/// Parse a whole file. Safe on threads with small stacks (rayon workers): deeply nested input is
/// parsed on a big-stack thread (see [`lexer::SMALL_STACK_DEPTH`]).
pub fn parse(src: &str) -> Result<ParsedFile, ParseError> {
    lexer::with_stack_for_depth(&|limit| parse_with_limit(src, limit))
}

/// [`parse`] on the current stack, nesting at most `depth_limit` deep.
fn parse_with_limit(src: &str, depth_limit: usize) -> Result<ParsedFile, ParseError> {
    let tokens = lexer::tokenize_with_limit(src, depth_limit)?;
    let mut parser = Parser::new(src, tokens, src.len(), 0, depth_limit);
    let exprs = parser.parse_stmts().map_err(|e| *e)?;
    let mut comments = parser.comments;
    // Comments inside interpolations are collected after the others.
    comments.sort_by_key(|(span, _)| span.start);
    Ok(ParsedFile { exprs, comments })
}

/// Precedence of Elixir's operators (higher binds tighter), from `elixir_parser.yrl`.
mod prec {
    pub const IN_MATCH: u8 = 40; // <- \\
    pub const WHEN: u8 = 50;
    pub const TYPE: u8 = 60; // ::
    pub const PIPE: u8 = 70; // |
    pub const CAPTURE: u8 = 90; // &
    pub const MATCH: u8 = 100; // =
    pub const OR: u8 = 120;
    pub const AND: u8 = 130;
    pub const COMP: u8 = 140;
    pub const REL: u8 = 150;
    pub const ARROW: u8 = 160; // |> <<< ~> …
    pub const IN: u8 = 170;
    pub const XOR: u8 = 180;
    pub const TERNARY: u8 = 190; // //
    pub const CONCAT: u8 = 200; // ++ -- <> ..
    pub const DUAL: u8 = 210; // + -
    pub const MULT: u8 = 220;
    pub const POWER: u8 = 230;
    pub const UNARY: u8 = 250;
}

/// `(op, precedence, right associative)` for a binary operator token.
fn binary_op(op: &str) -> Option<(BinOp, u8, bool)> {
    use BinOp::*;
    Some(match op {
        "<-" => (Arrow, prec::IN_MATCH, false),
        "\\\\" => (Default, prec::IN_MATCH, false),
        "when" => (When, prec::WHEN, true),
        "::" => (Type, prec::TYPE, true),
        "|" => (Pipe2, prec::PIPE, true),
        "=" => (Match, prec::MATCH, true),
        "||" => (OrOr, prec::OR, false),
        "or" => (Or, prec::OR, false),
        "|||" => (Other, prec::OR, false),
        "&&" => (AndAnd, prec::AND, false),
        "and" => (And, prec::AND, false),
        "&&&" => (Other, prec::AND, false),
        "==" => (Eq, prec::COMP, false),
        "!=" => (NotEq, prec::COMP, false),
        "===" => (StrictEq, prec::COMP, false),
        "!==" => (StrictNotEq, prec::COMP, false),
        "=~" => (RegexMatch, prec::COMP, false),
        "<" => (Lt, prec::REL, false),
        ">" => (Gt, prec::REL, false),
        "<=" => (Le, prec::REL, false),
        ">=" => (Ge, prec::REL, false),
        "|>" => (Pipe, prec::ARROW, false),
        "<<<" | ">>>" | "<<~" | "~>>" | "<~" | "~>" | "<~>" | "<|>" => (Other, prec::ARROW, false),
        "in" => (In, prec::IN, false),
        "^^^" => (Other, prec::XOR, false),
        "//" => (Other, prec::TERNARY, true),
        "++" => (ListConcat, prec::CONCAT, true),
        "--" => (ListSub, prec::CONCAT, true),
        "<>" => (Concat, prec::CONCAT, true),
        ".." => (Range, prec::CONCAT, true),
        "+++" | "---" => (Other, prec::CONCAT, true),
        "+" => (Add, prec::DUAL, false),
        "-" => (Sub, prec::DUAL, false),
        "*" => (Mul, prec::MULT, false),
        "/" => (Div, prec::MULT, false),
        "**" => (Other, prec::POWER, false),
        _ => return None,
    })
}

struct Parser<'s> {
    src: &'s str,
    /// Remaining tokens, reversed (the next token is the last element).
    toks: Vec<Token>,
    /// End of the last consumed token.
    last_end: usize,
    /// Where "end of input" errors point.
    eof: usize,
    depth: usize,
    /// [`MAX_NESTING_DEPTH`](crate::limits::MAX_NESTING_DEPTH), or less on a small stack (see [`lexer::SMALL_STACK_DEPTH`]).
    depth_limit: usize,
    /// Whether a `do` block may attach to the call being parsed (false inside the arguments of
    /// a call without parentheses: `if foo x do` gives the block to `if`).
    allow_do: bool,
    comments: Vec<(Span, String)>,
}

fn unexpected_text(src: &str, tok: &Token) -> String {
    match tok.kind {
        TokenKind::Newline => "end of line".to_string(),
        _ => {
            let text = src.get(tok.span.start..tok.span.end).unwrap_or("?");
            let mut short: String = text.chars().take(30).collect();
            if short.len() < text.len() {
                short.push('…');
            }
            format!("`{short}`")
        }
    }
}

fn line_col(src: &str, offset: usize) -> (usize, usize) {
    let before = src.get(..offset).unwrap_or(src);
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

impl<'s> Parser<'s> {
    fn new(src: &'s str, tokens: Vec<Token>, eof: usize, depth: usize, depth_limit: usize) -> Self {
        let mut comments = Vec::new();
        let mut toks: Vec<Token> = tokens
            .into_iter()
            .filter_map(|t| match t.kind {
                TokenKind::Comment => {
                    let text = src.get(t.span.start + 1..t.span.end).unwrap_or_default();
                    comments.push((t.span, text.to_string()));
                    None
                }
                _ => Some(t),
            })
            .collect();
        toks.reverse();
        Parser {
            src,
            toks,
            last_end: 0,
            eof,
            depth,
            depth_limit,
            allow_do: true,
            comments,
        }
    }

    // ---- token helpers -------------------------------------------------------------------

    fn peek(&self) -> Option<&Token> {
        self.toks.last()
    }

    fn kind(&self) -> Option<&TokenKind> {
        self.toks.last().map(|t| &t.kind)
    }

    fn peek2(&self) -> Option<&Token> {
        self.toks
            .len()
            .checked_sub(2)
            .and_then(|i| self.toks.get(i))
    }

    fn at(&self, kind: &TokenKind) -> bool {
        self.kind() == Some(kind)
    }

    fn at_op(&self, op: &str) -> bool {
        matches!(self.kind(), Some(TokenKind::Op(o)) if *o == op)
    }

    fn bump(&mut self) -> Option<Token> {
        let t = self.toks.pop()?;
        self.last_end = t.span.end;
        Some(t)
    }

    fn next_start(&self) -> usize {
        self.peek().map_or(self.eof, |t| t.span.start)
    }

    fn skip_newlines(&mut self) {
        while self.at(&TokenKind::Newline) {
            self.bump();
        }
    }

    fn skip_separators(&mut self) {
        while matches!(self.kind(), Some(TokenKind::Newline | TokenKind::Semicolon)) {
            self.bump();
        }
    }

    fn unexpected(&self, label: &str) -> Box<ParseError> {
        match self.peek() {
            Some(tok) => Box::new(error(
                format!("unexpected {}", unexpected_text(self.src, tok)),
                tok.span,
                label,
            )),
            None => Box::new(error(
                "unexpected end of file",
                Span::new(self.eof, self.eof),
                label,
            )),
        }
    }

    fn enter(&mut self) -> PResult<()> {
        if self.depth >= self.depth_limit {
            let at = self
                .peek()
                .map_or(Span::new(self.eof, self.eof), |t| t.span);
            return Err(Box::new(limit_error(at, self.depth_limit)));
        }
        self.depth += 1;
        Ok(())
    }

    /// Consume the closing token of a bracket opened at `open` (`open_text` like "(").
    fn expect_close(
        &mut self,
        close: &TokenKind,
        open: Span,
        open_text: &str,
        close_text: &str,
    ) -> PResult<()> {
        self.skip_newlines();
        if self.at(close) {
            self.bump();
            return Ok(());
        }
        let (line, col) = line_col(self.src, open.start);
        match self.peek() {
            None => {
                let mut e = error(
                    format!("unclosed `{open_text}`: missing `{close_text}`"),
                    open,
                    format!("this `{open_text}` is never closed"),
                );
                e.help = Some(format!("add `{close_text}`"));
                Err(Box::new(e))
            }
            Some(tok)
                if matches!(
                    tok.kind,
                    TokenKind::RParen
                        | TokenKind::RBracket
                        | TokenKind::RBrace
                        | TokenKind::BinClose
                        | TokenKind::End
                ) =>
            {
                Err(Box::new(error(
                    format!(
                        "mismatched delimiter: `{open_text}` opened at line {line}, column {col} is closed by {}",
                        unexpected_text(self.src, tok)
                    ),
                    tok.span,
                    format!("expected `{close_text}`"),
                )))
            }
            Some(_) => Err(self.unexpected(&format!(
                "expected `,` or `{close_text}` (to close the `{open_text}` at line {line}, column {col})"
            ))),
        }
    }

    // ---- statements ----------------------------------------------------------------------

    /// Expressions separated by newlines or `;`, up to the end of input (of the file or of an
    /// interpolation).
    fn parse_stmts(&mut self) -> PResult<Vec<Expr>> {
        let mut exprs = Vec::new();
        loop {
            self.skip_separators();
            if self.kind().is_none() {
                break;
            }
            exprs.push(self.parse_expr(0)?);
            match self.kind() {
                None | Some(TokenKind::Newline | TokenKind::Semicolon) => {}
                _ => return Err(self.unexpected("expected a new line or `;` before this")),
            }
        }
        Ok(exprs)
    }

    /// A do-block section, `fn` body or parenthesized body (`in_parens`): plain expressions, or
    /// `patterns -> body` clauses. Stops before `end`, a block keyword (`else`, `after`,
    /// `rescue`, `catch`) or, `in_parens`, a `)`.
    fn parse_body(&mut self, in_parens: bool) -> PResult<Body> {
        let mut exprs: Vec<Expr> = Vec::new();
        let mut clauses: Vec<Clause> = Vec::new();
        loop {
            self.skip_separators();
            match self.kind() {
                None | Some(TokenKind::End | TokenKind::BlockKw(_)) => break,
                Some(TokenKind::RParen) if in_parens => break,
                _ => {}
            }
            let start = self.next_start();
            if self.at_op("->") {
                self.bump();
                clauses.push(new_clause(Vec::new(), Span::new(start, self.last_end)));
                continue;
            }
            if self.at(&TokenKind::LParen) && self.parenthesized_clause_head() {
                let open = self.bump().map_or(Span::new(start, start), |t| t.span);
                let saved = std::mem::replace(&mut self.allow_do, true);
                let args = self.parse_args(Some((&TokenKind::RParen, open, "(", ")")), true);
                self.allow_do = saved;
                let mut patterns = args?;
                if self.at_op("when") {
                    self.bump();
                    let guard = self.parse_expr(prec::WHEN)?;
                    let span = Span::new(start, guard.span.end);
                    let pattern = patterns.pop();
                    let lhs = pattern.unwrap_or_else(|| Expr::new(ExprKind::Nil, open));
                    patterns.push(Expr::new(
                        ExprKind::Binary {
                            op: BinOp::When,
                            lhs: Box::new(lhs),
                            rhs: Box::new(guard),
                        },
                        span,
                    ));
                }
                if !self.at_op("->") {
                    return Err(self.unexpected("expected `->` after the clause patterns"));
                }
                self.bump();
                clauses.push(new_clause(patterns, Span::new(start, self.last_end)));
                continue;
            }
            let first = self.parse_expr(0)?;
            if self.at(&TokenKind::Comma) || self.at_op("->") {
                let mut patterns = vec![first];
                while self.at(&TokenKind::Comma) {
                    self.bump();
                    self.skip_newlines();
                    patterns.push(self.parse_expr(0)?);
                }
                if !self.at_op("->") {
                    return Err(self.unexpected("expected `->` after the clause patterns"));
                }
                self.bump();
                clauses.push(new_clause(patterns, Span::new(start, self.last_end)));
                continue;
            }
            match clauses.last_mut() {
                Some(clause) => {
                    clause.span = clause.span.to(first.span);
                    clause.body.push(first);
                }
                None => exprs.push(first),
            }
            match self.kind() {
                None
                | Some(
                    TokenKind::Newline
                    | TokenKind::Semicolon
                    | TokenKind::End
                    | TokenKind::BlockKw(_),
                ) => {}
                Some(TokenKind::RParen) if in_parens => {}
                _ => return Err(self.unexpected("expected a new line or `;` before this")),
            }
        }
        if clauses.is_empty() {
            Ok(Body::Exprs(exprs))
        } else if exprs.is_empty() {
            Ok(Body::Clauses(clauses))
        } else {
            let first = &exprs[0];
            Err(Box::new(error(
                "unexpected expression before the first `->` clause",
                first.span,
                "a block cannot mix `->` clauses with plain expressions",
            )))
        }
    }

    /// Whether the `(` at the current token starts a parenthesized clause head such as
    /// `fn (a, b) -> … end`: its matching `)` is followed by `->` or `when`.
    fn parenthesized_clause_head(&self) -> bool {
        let mut depth = 0usize;
        for (i, tok) in self.toks.iter().enumerate().rev() {
            match tok.kind {
                TokenKind::LParen
                | TokenKind::LBracket
                | TokenKind::LBrace
                | TokenKind::BinOpen => depth += 1,
                TokenKind::RParen
                | TokenKind::RBracket
                | TokenKind::RBrace
                | TokenKind::BinClose => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        return i > 0
                            && matches!(self.toks[i - 1].kind, TokenKind::Op("->" | "when"));
                    }
                }
                TokenKind::Newline if depth == 0 => return false,
                _ => {}
            }
        }
        false
    }

    /// `do … [else …] end` after a call; the current token is `do`.
    fn parse_do_block(&mut self) -> PResult<Vec<(String, Body)>> {
        let Some(do_tok) = self.bump() else {
            return Err(self.unexpected("expected `do`"));
        };
        let saved = std::mem::replace(&mut self.allow_do, true);
        let mut blocks = Vec::new();
        let mut name = "do";
        loop {
            let body = self.parse_body(false)?;
            blocks.push((name.to_string(), body));
            match self.kind() {
                Some(TokenKind::End) => {
                    self.bump();
                    break;
                }
                Some(TokenKind::BlockKw(kw)) => {
                    name = kw;
                    self.bump();
                }
                _ => {
                    let line = self.src[..do_tok.span.start.min(self.src.len())]
                        .matches('\n')
                        .count()
                        + 1;
                    let mut e = error(
                        format!("`do` block opened on line {line} is never closed: missing `end`"),
                        do_tok.span,
                        "this `do` has no matching `end`",
                    );
                    e.help = Some("add `end` after the block".into());
                    return Err(Box::new(e));
                }
            }
        }
        self.allow_do = saved;
        Ok(blocks)
    }

    // ---- expressions ---------------------------------------------------------------------

    fn parse_expr(&mut self, min_prec: u8) -> PResult<Expr> {
        self.enter()?;
        let result = self.parse_expr_inner(min_prec);
        self.depth -= 1;
        result
    }

    /// The binary operator at the current token: `(op, precedence, right assoc, token count)`.
    fn binop_here(&self) -> Option<(BinOp, u8, bool, usize)> {
        let TokenKind::Op(op) = self.kind()? else {
            return None;
        };
        if *op == "not" {
            return matches!(self.peek2().map(|t| &t.kind), Some(TokenKind::Op("in"))).then_some((
                BinOp::NotIn,
                prec::IN,
                false,
                2,
            ));
        }
        let (bin, p, right) = binary_op(op)?;
        Some((bin, p, right, 1))
    }

    fn parse_expr_inner(&mut self, min_prec: u8) -> PResult<Expr> {
        let mut lhs = self.parse_unary()?;
        let mut chain = 0;
        while let Some((op, p, right, ntoks)) = self.binop_here() {
            if p < min_prec {
                break;
            }
            chain += 1;
            if self.depth + chain >= self.depth_limit {
                return Err(Box::new(limit_error(
                    self.peek().map_or(lhs.span, |t| t.span),
                    self.depth_limit,
                )));
            }
            let mut is_step = false;
            for _ in 0..ntoks {
                if let Some(t) = self.bump() {
                    is_step = t.kind == TokenKind::Op("//");
                }
            }
            self.skip_newlines();
            // `… when a: term, b: term` in typespecs: the right side is a bracketless keyword list.
            let rhs = if op == BinOp::When
                && matches!(
                    self.kind(),
                    Some(TokenKind::KwKey(_) | TokenKind::KwKeyInterp(_))
                ) {
                self.parse_bare_keywords()?
            } else {
                self.parse_expr(if right { p } else { p + 1 })?
            };
            let op = if is_step
                && matches!(
                    lhs.kind,
                    ExprKind::Binary {
                        op: BinOp::Range,
                        ..
                    }
                ) {
                BinOp::RangeStep
            } else {
                op
            };
            let span = lhs.span.to(rhs.span);
            lhs = Expr::new(
                ExprKind::Binary {
                    op,
                    lhs: Box::new(lhs),
                    rhs: Box::new(rhs),
                },
                span,
            );
        }
        Ok(lhs)
    }

    fn parse_unary(&mut self) -> PResult<Expr> {
        let Some(TokenKind::Op(op)) = self.kind() else {
            let primary = self.parse_primary()?;
            return self.parse_postfix(primary);
        };
        let op: &'static str = op;
        // `&+/2`, `&and/2`: an operator named in a capture (Elixir's tokenizer does the same).
        if matches!(self.peek2().map(|t| &t.kind), Some(TokenKind::Op("/"))) && op != "/" {
            let Some(tok) = self.bump() else {
                return Err(self.unexpected("expected an expression"));
            };
            return Ok(Expr::new(ExprKind::Var(op.to_string()), tok.span));
        }
        let unary = match op {
            "-" => Some(UnaryOp::Neg),
            "+" => Some(UnaryOp::Pos),
            "!" => Some(UnaryOp::Bang),
            "not" => Some(UnaryOp::Not),
            "^" => Some(UnaryOp::Pin),
            _ => None,
        };
        match (op, unary) {
            (_, Some(uop)) => {
                let Some(tok) = self.bump() else {
                    return Err(self.unexpected("expected an expression"));
                };
                let operand = self.parse_expr(prec::UNARY + 1)?;
                let span = tok.span.to(operand.span);
                Ok(Expr::new(
                    ExprKind::Unary {
                        op: uop,
                        expr: Box::new(operand),
                    },
                    span,
                ))
            }
            ("~~~", None) => {
                let Some(tok) = self.bump() else {
                    return Err(self.unexpected("expected an expression"));
                };
                let operand = self.parse_expr(prec::UNARY + 1)?;
                let span = tok.span.to(operand.span);
                Ok(local_call("~~~", tok.span, vec![operand], span))
            }
            ("&", None) => {
                let Some(tok) = self.bump() else {
                    return Err(self.unexpected("expected an expression"));
                };
                let operand = self.parse_expr(prec::CAPTURE + 1)?;
                let span = tok.span.to(operand.span);
                Ok(Expr::new(ExprKind::Capture(Box::new(operand)), span))
            }
            ("@", None) => self.parse_attribute(),
            ("...", None) => {
                let Some(tok) = self.bump() else {
                    return Err(self.unexpected("expected an expression"));
                };
                Ok(Expr::new(ExprKind::Other("..."), tok.span))
            }
            ("..", None) if !self.next_starts_expression_after_op() => {
                // `..` alone: the full range.
                let Some(tok) = self.bump() else {
                    return Err(self.unexpected("expected an expression"));
                };
                Ok(Expr::new(ExprKind::Other(".."), tok.span))
            }
            _ => Err(self.unexpected("expected an expression")),
        }
    }

    fn next_starts_expression_after_op(&self) -> bool {
        self.peek2().is_some_and(|t| {
            !matches!(
                t.kind,
                TokenKind::Newline
                    | TokenKind::Semicolon
                    | TokenKind::Comma
                    | TokenKind::RParen
                    | TokenKind::RBracket
                    | TokenKind::RBrace
                    | TokenKind::End
            )
        })
    }

    /// `@name` (read) or `@name value` (definition); the current token is `@`.
    fn parse_attribute(&mut self) -> PResult<Expr> {
        let Some(at) = self.bump() else {
            return Err(self.unexpected("expected an attribute"));
        };
        let Some(TokenKind::Identifier(_)) = self.kind() else {
            return Err(self.unexpected("expected an attribute name after `@`"));
        };
        let inner = self.parse_primary()?;
        let span = at.span.to(inner.span);
        let kind = match inner.kind {
            ExprKind::Var(name) => ExprKind::AttrRead(name),
            ExprKind::Call(call) if call.target.is_none() && call.blocks.is_empty() => {
                let call = *call;
                let mut args = call.args;
                match args.len() {
                    0 => ExprKind::AttrRead(call.name),
                    1 => ExprKind::AttrSet {
                        name: call.name,
                        value: Box::new(args.remove(0)),
                    },
                    _ => {
                        return Err(Box::new(error(
                            format!("module attribute `@{}` takes one value", call.name),
                            span,
                            "several values given",
                        )));
                    }
                }
            }
            _ => {
                return Err(Box::new(error(
                    "invalid module attribute",
                    span,
                    "expected `@name` or `@name value`",
                )));
            }
        };
        self.parse_postfix(Expr::new(kind, span))
    }

    fn parse_primary(&mut self) -> PResult<Expr> {
        let Some(tok) = self.peek() else {
            return Err(self.unexpected("expected an expression"));
        };
        match &tok.kind {
            TokenKind::Identifier(_) => self.parse_identifier(),
            TokenKind::LParen => self.parse_parens(),
            TokenKind::LBracket => self.parse_list(),
            TokenKind::LBrace => self.parse_tuple(),
            TokenKind::BinOpen => self.parse_bitstring(),
            TokenKind::Percent => self.parse_map_or_struct(),
            TokenKind::Fn => self.parse_fn(),
            TokenKind::Str { .. }
            | TokenKind::Charlist { .. }
            | TokenKind::Sigil(_)
            | TokenKind::AtomInterp(_) => self.parse_string_like(),
            TokenKind::Integer(_)
            | TokenKind::Float(_)
            | TokenKind::CaptureArg(_)
            | TokenKind::Atom(_)
            | TokenKind::Alias(_)
            | TokenKind::True
            | TokenKind::False
            | TokenKind::Nil => self.parse_literal(),
            TokenKind::KwKey(_) | TokenKind::KwKeyInterp(_) => Err(self.unexpected(
                "a keyword list without brackets is only allowed as the last argument of a call",
            )),
            TokenKind::End => Err(self.unexpected("no `do` block is open here")),
            TokenKind::Do => Err(self.unexpected("`do` must follow a call such as `if x do`")),
            _ => Err(self.unexpected("expected an expression")),
        }
    }

    fn parse_literal(&mut self) -> PResult<Expr> {
        let Some(tok) = self.bump() else {
            return Err(self.unexpected("expected an expression"));
        };
        let kind = match tok.kind {
            TokenKind::Integer(n) => ExprKind::Integer(n.value()),
            TokenKind::Float(f) => ExprKind::Float(f),
            TokenKind::CaptureArg(n) => ExprKind::CaptureArg(n),
            TokenKind::Atom(a) => ExprKind::Atom(a.into()),
            TokenKind::Alias(a) => ExprKind::Alias(vec![a.into()]),
            TokenKind::True => ExprKind::Bool(true),
            TokenKind::False => ExprKind::Bool(false),
            _ => ExprKind::Nil,
        };
        Ok(Expr::new(kind, tok.span))
    }

    fn parse_string_like(&mut self) -> PResult<Expr> {
        let Some(tok) = self.bump() else {
            return Err(self.unexpected("expected an expression"));
        };
        let kind = match tok.kind {
            TokenKind::Str { parts, .. } => ExprKind::String(self.str_parts(parts)?),
            TokenKind::Charlist { parts, .. } => ExprKind::Charlist(self.str_parts(parts)?),
            TokenKind::AtomInterp(parts) => ExprKind::InterpolatedAtom(self.str_parts(parts)?),
            TokenKind::Sigil(sigil) => {
                let Sigil {
                    name,
                    parts,
                    modifiers,
                    ..
                } = *sigil;
                ExprKind::Sigil {
                    name,
                    parts: self.str_parts(parts)?,
                    modifiers,
                }
            }
            _ => ExprKind::Nil,
        };
        Ok(Expr::new(kind, tok.span))
    }

    /// Convert lexer fragments, parsing each interpolation with a nested parser.
    fn str_parts(&mut self, frags: Vec<Fragment>) -> PResult<Vec<StrPart>> {
        let mut parts = Vec::with_capacity(frags.len());
        for frag in frags {
            match frag {
                Fragment::Lit(text) => parts.push(StrPart::Lit(text)),
                Fragment::Interp { tokens, span } => {
                    let mut sub = Parser::new(
                        self.src,
                        tokens,
                        span.end.saturating_sub(1),
                        self.depth,
                        self.depth_limit,
                    );
                    let mut exprs = sub.parse_stmts()?;
                    self.comments.append(&mut sub.comments);
                    let expr = match exprs.len() {
                        0 => Expr::new(ExprKind::Nil, span),
                        1 => exprs.remove(0),
                        _ => {
                            let inner = exprs[0].span.to(exprs[exprs.len() - 1].span);
                            Expr::new(ExprKind::Block(exprs), inner)
                        }
                    };
                    parts.push(StrPart::Interp(expr));
                }
            }
        }
        Ok(parts)
    }

    fn parse_identifier(&mut self) -> PResult<Expr> {
        let Some(tok) = self.bump() else {
            return Err(self.unexpected("expected an expression"));
        };
        let TokenKind::Identifier(name) = tok.kind else {
            return Err(Box::new(error("expected an identifier", tok.span, "here")));
        };
        self.parse_call_rest(None, name.into(), tok.span, tok.span.start)
    }

    /// Whether the next token begins the first argument of a call without parentheses
    /// (`foo 1`, `foo -1`, `foo [1]`, but not `foo - 1`, `foo[1]`, `foo.bar`).
    fn starts_no_parens_arg(&self) -> bool {
        let Some(t) = self.peek() else { return false };
        if !t.space_before {
            return false;
        }
        match &t.kind {
            TokenKind::Identifier(_)
            | TokenKind::Alias(_)
            | TokenKind::Atom(_)
            | TokenKind::AtomInterp(_)
            | TokenKind::KwKey(_)
            | TokenKind::KwKeyInterp(_)
            | TokenKind::Str { .. }
            | TokenKind::Charlist { .. }
            | TokenKind::Sigil(_)
            | TokenKind::Integer(_)
            | TokenKind::Float(_)
            | TokenKind::CaptureArg(_)
            | TokenKind::True
            | TokenKind::False
            | TokenKind::Nil
            | TokenKind::LParen
            | TokenKind::LBracket
            | TokenKind::LBrace
            | TokenKind::BinOpen
            | TokenKind::Percent
            | TokenKind::Fn => true,
            TokenKind::Op("-" | "+") => self
                .peek2()
                .is_some_and(|n| !n.space_before && n.kind != TokenKind::Newline),
            TokenKind::Op("not") => {
                !matches!(self.peek2().map(|t| &t.kind), Some(TokenKind::Op("in")))
            }
            TokenKind::Op("!" | "^" | "&" | "@" | "~~~" | "...") => true,
            _ => false,
        }
    }

    /// After a call name (`foo`, or `bar` in `x.bar`): arguments with or without parentheses and
    /// an optional `do` block. Without any of them it is a variable (or a field access).
    fn parse_call_rest(
        &mut self,
        target: Option<Expr>,
        name: String,
        name_span: Span,
        start: usize,
    ) -> PResult<Expr> {
        let (args, parens) = if matches!(self.peek(), Some(t) if t.kind == TokenKind::LParen && !t.space_before)
        {
            let open = self.bump().map_or(name_span, |t| t.span);
            let saved = std::mem::replace(&mut self.allow_do, true);
            let args = self.parse_args(Some((&TokenKind::RParen, open, "(", ")")), true);
            self.allow_do = saved;
            (args?, true)
        } else if self.starts_no_parens_arg() {
            let saved = std::mem::replace(&mut self.allow_do, false);
            let args = self.parse_args(None, true);
            self.allow_do = saved;
            (args?, false)
        } else {
            (Vec::new(), false)
        };
        let blocks = if self.allow_do && self.at(&TokenKind::Do) {
            self.parse_do_block()?
        } else {
            Vec::new()
        };
        let span = Span::new(start, self.last_end);
        if target.is_none() && !parens && args.is_empty() && blocks.is_empty() {
            return Ok(Expr::new(ExprKind::Var(name), span));
        }
        Ok(Expr::new(
            ExprKind::Call(Box::new(Call {
                target,
                name,
                name_span,
                args,
                parens,
                blocks,
            })),
            span,
        ))
    }

    /// Comma-separated arguments. With `close` (`(`/`[`/`{`/`<<` containers) newlines are allowed
    /// and the closer is consumed. Keyword entries must come last; with `wrap_keywords` they are
    /// collected into one final `List` (calls, tuples), otherwise appended as pairs (lists).
    fn parse_args(
        &mut self,
        close: Option<(&TokenKind, Span, &str, &str)>,
        wrap_keywords: bool,
    ) -> PResult<Vec<Expr>> {
        let mut args = Vec::new();
        let mut keywords: Vec<Expr> = Vec::new();
        loop {
            if let Some((closer, ..)) = close {
                self.skip_newlines();
                if self.at(closer) {
                    break;
                }
            }
            if matches!(
                self.kind(),
                Some(TokenKind::KwKey(_) | TokenKind::KwKeyInterp(_))
            ) {
                keywords.push(self.parse_keyword_pair()?);
            } else {
                if let Some(kw) = keywords.first() {
                    let here = self.peek().map_or(kw.span, |t| t.span);
                    let mut e = error(
                        "unexpected expression after a keyword list",
                        here,
                        "keyword entries must come last",
                    );
                    e.help = Some("move this argument before the keyword entries, or wrap the keywords in `[…]`".into());
                    return Err(Box::new(e));
                }
                args.push(self.parse_expr(0)?);
            }
            if close.is_some() {
                self.skip_newlines();
            }
            if self.at(&TokenKind::Comma) {
                self.bump();
                if close.is_none() {
                    self.skip_newlines();
                }
            } else {
                break;
            }
        }
        if let Some((closer, open, open_text, close_text)) = close {
            self.expect_close(closer, open, open_text, close_text)?;
        }
        if !keywords.is_empty() {
            if wrap_keywords {
                let span = keywords[0].span.to(keywords[keywords.len() - 1].span);
                args.push(Expr::new(ExprKind::List(keywords), span));
            } else {
                args.append(&mut keywords);
            }
        }
        Ok(args)
    }

    /// `key: value` as a 2-tuple `{:key, value}`.
    fn parse_keyword_pair(&mut self) -> PResult<Expr> {
        let Some(tok) = self.bump() else {
            return Err(self.unexpected("expected a keyword"));
        };
        let key_kind = match tok.kind {
            TokenKind::KwKey(k) => ExprKind::Atom(k.into()),
            TokenKind::KwKeyInterp(parts) => ExprKind::InterpolatedAtom(self.str_parts(parts)?),
            _ => return Err(Box::new(error("expected a keyword", tok.span, "here"))),
        };
        let key = Expr::new(key_kind, tok.span);
        self.skip_newlines();
        let value = self.parse_expr(0)?;
        let span = key.span.to(value.span);
        Ok(Expr::new(ExprKind::Tuple(vec![key, value]), span))
    }

    /// Postfix forms: `.name`, `.name(args)`, `.Alias`, `.(args)`, `[key]`.
    fn parse_postfix(&mut self, mut expr: Expr) -> PResult<Expr> {
        let mut chain = 0;
        loop {
            match self.peek() {
                Some(t) if t.kind == TokenKind::Dot => {}
                Some(t)
                    if t.kind == TokenKind::LParen
                        && !t.space_before
                        && matches!(&expr.kind, ExprKind::Call(c) if c.parens) =>
                {
                    // `unquote(name)(args)`: calling the result of a call.
                    chain += 1;
                    self.check_chain(chain)?;
                    let open = self.bump().map_or(expr.span, |t| t.span);
                    let saved = std::mem::replace(&mut self.allow_do, true);
                    let args = self.parse_args(Some((&TokenKind::RParen, open, "(", ")")), true);
                    self.allow_do = saved;
                    let args = args?;
                    let span = Span::new(expr.span.start, self.last_end);
                    expr = Expr::new(
                        ExprKind::AnonCall {
                            fun: Box::new(expr),
                            args,
                        },
                        span,
                    );
                    continue;
                }
                Some(t) if t.kind == TokenKind::LBracket && !t.space_before => {
                    chain += 1;
                    self.check_chain(chain)?;
                    let open = self.bump().map_or(expr.span, |t| t.span);
                    let saved = std::mem::replace(&mut self.allow_do, true);
                    self.skip_newlines();
                    let key = self.parse_expr(0);
                    self.allow_do = saved;
                    let key = key?;
                    self.expect_close(&TokenKind::RBracket, open, "[", "]")?;
                    let span = Span::new(expr.span.start, self.last_end);
                    expr = Expr::new(
                        ExprKind::Access {
                            expr: Box::new(expr),
                            key: Box::new(key),
                        },
                        span,
                    );
                    continue;
                }
                _ => break,
            }
            chain += 1;
            self.check_chain(chain)?;
            let dot = self.bump().map_or(expr.span, |t| t.span);
            self.skip_newlines();
            let start = expr.span.start;
            let Some(next) = self.peek() else {
                return Err(self.unexpected("expected a name after `.`"));
            };
            let next_span = next.span;
            match &next.kind {
                TokenKind::Alias(_) => {
                    let Some(Token {
                        kind: TokenKind::Alias(name),
                        ..
                    }) = self.bump()
                    else {
                        continue;
                    };
                    let span = Span::new(start, next_span.end);
                    expr = match expr.kind {
                        ExprKind::Alias(mut segments) => {
                            segments.push(name.into());
                            Expr::new(ExprKind::Alias(segments), span)
                        }
                        _ => Expr::new(
                            ExprKind::Call(Box::new(Call {
                                target: Some(expr),
                                name: name.into(),
                                name_span: next_span,
                                args: Vec::new(),
                                parens: false,
                                blocks: Vec::new(),
                            })),
                            span,
                        ),
                    };
                }
                TokenKind::LParen => {
                    let open = self.bump().map_or(dot, |t| t.span);
                    let saved = std::mem::replace(&mut self.allow_do, true);
                    let args = self.parse_args(Some((&TokenKind::RParen, open, "(", ")")), true);
                    self.allow_do = saved;
                    let args = args?;
                    let span = Span::new(start, self.last_end);
                    expr = Expr::new(
                        ExprKind::AnonCall {
                            fun: Box::new(expr),
                            args,
                        },
                        span,
                    );
                }
                TokenKind::LBrace => {
                    // `alias Foo.{Bar, Baz}`
                    let open = self.bump().map_or(dot, |t| t.span);
                    let saved = std::mem::replace(&mut self.allow_do, true);
                    let args = self.parse_args(Some((&TokenKind::RBrace, open, "{", "}")), true);
                    self.allow_do = saved;
                    let args = args?;
                    let span = Span::new(start, self.last_end);
                    expr = Expr::new(
                        ExprKind::Call(Box::new(Call {
                            target: Some(expr),
                            name: "{}".into(),
                            name_span: open,
                            args,
                            parens: true,
                            blocks: Vec::new(),
                        })),
                        span,
                    );
                }
                _ => {
                    let Some(name) = self.remote_name() else {
                        return Err(self.unexpected("expected a function name after `.`"));
                    };
                    expr = self.parse_call_rest(Some(expr), name, next_span, start)?;
                }
            }
        }
        Ok(expr)
    }

    /// The function name after `.`: an identifier, a quoted name (`Mod."fun"`), or a keyword or
    /// operator used as a name (`Kernel.and`, `Kernel.+`).
    fn remote_name(&mut self) -> Option<String> {
        let name = match self.kind()? {
            TokenKind::Identifier(n) => n.to_string(),
            TokenKind::Op(op) => op.to_string(),
            TokenKind::True => "true".into(),
            TokenKind::False => "false".into(),
            TokenKind::Nil => "nil".into(),
            TokenKind::Do => "do".into(),
            TokenKind::End => "end".into(),
            TokenKind::Fn => "fn".into(),
            TokenKind::BlockKw(k) => k.to_string(),
            TokenKind::Str { parts, .. } => match parts.as_slice() {
                [] => String::new(),
                [Fragment::Lit(text)] => text.clone(),
                _ => return None,
            },
            _ => return None,
        };
        self.bump();
        Some(name)
    }

    fn check_chain(&self, chain: usize) -> PResult<()> {
        if self.depth + chain >= self.depth_limit {
            let at = self
                .peek()
                .map_or(Span::new(self.eof, self.eof), |t| t.span);
            return Err(Box::new(limit_error(at, self.depth_limit)));
        }
        Ok(())
    }

    // ---- containers ----------------------------------------------------------------------

    /// `( … )`: one expression (its own span), several (`Block`), or none (empty `Block`).
    fn parse_parens(&mut self) -> PResult<Expr> {
        let Some(open) = self.bump() else {
            return Err(self.unexpected("expected `(`"));
        };
        let saved = std::mem::replace(&mut self.allow_do, true);
        let result = self.parse_body(true);
        self.allow_do = saved;
        let body = result?;
        self.expect_close(&TokenKind::RParen, open.span, "(", ")")?;
        let span = Span::new(open.span.start, self.last_end);
        Ok(match body {
            Body::Exprs(mut exprs) if exprs.len() == 1 => exprs.remove(0),
            Body::Exprs(exprs) => Expr::new(ExprKind::Block(exprs), span),
            // `try do: x, rescue: (_ -> y)`: clauses in parentheses; not modelled.
            Body::Clauses(_) => Expr::new(ExprKind::Other("->"), span),
        })
    }

    fn parse_container(
        &mut self,
        close: &TokenKind,
        open_text: &str,
        close_text: &str,
        wrap: bool,
    ) -> PResult<(Vec<Expr>, Span)> {
        let Some(open) = self.bump() else {
            return Err(self.unexpected("expected a bracket"));
        };
        let saved = std::mem::replace(&mut self.allow_do, true);
        let result = self.parse_args(Some((close, open.span, open_text, close_text)), wrap);
        self.allow_do = saved;
        Ok((result?, Span::new(open.span.start, self.last_end)))
    }

    fn parse_list(&mut self) -> PResult<Expr> {
        let (mut items, span) = self.parse_container(&TokenKind::RBracket, "[", "]", false)?;
        // `[h | t]`: the last element parsed as `h | t`.
        if let Some(last) = items.last()
            && matches!(
                last.kind,
                ExprKind::Binary {
                    op: BinOp::Pipe2,
                    ..
                }
            )
            && let Some(Expr {
                kind: ExprKind::Binary { lhs, rhs, .. },
                ..
            }) = items.pop()
        {
            items.push(*lhs);
            return Ok(Expr::new(ExprKind::Cons(items, rhs), span));
        }
        Ok(Expr::new(ExprKind::List(items), span))
    }

    fn parse_tuple(&mut self) -> PResult<Expr> {
        let (items, span) = self.parse_container(&TokenKind::RBrace, "{", "}", true)?;
        Ok(Expr::new(ExprKind::Tuple(items), span))
    }

    fn parse_bitstring(&mut self) -> PResult<Expr> {
        let (items, span) = self.parse_container(&TokenKind::BinClose, "<<", ">>", true)?;
        Ok(Expr::new(ExprKind::Bitstring(items), span))
    }

    /// `%{…}`, `%{base | …}`, `%Name{…}`; the current token is `%`.
    fn parse_map_or_struct(&mut self) -> PResult<Expr> {
        let Some(percent) = self.bump() else {
            return Err(self.unexpected("expected `%`"));
        };
        let name = if self.at(&TokenKind::LBrace) {
            None
        } else {
            Some(self.parse_struct_name()?)
        };
        let Some(open) = self
            .peek()
            .filter(|t| t.kind == TokenKind::LBrace)
            .map(|t| t.span)
        else {
            return Err(self.unexpected("expected `{` after `%`"));
        };
        self.bump();
        let saved = std::mem::replace(&mut self.allow_do, true);
        let result = self.parse_map_entries(open);
        self.allow_do = saved;
        let (base, entries) = result?;
        let span = Span::new(percent.span.start, self.last_end);
        Ok(match (name, base) {
            (Some(name), base) => Expr::new(
                ExprKind::Struct {
                    name: Box::new(name),
                    base: base.map(Box::new),
                    fields: entries,
                },
                span,
            ),
            (None, Some(base)) => Expr::new(ExprKind::MapUpdate(Box::new(base), entries), span),
            (None, None) => Expr::new(ExprKind::Map(entries), span),
        })
    }

    fn parse_struct_name(&mut self) -> PResult<Expr> {
        let expr = match self.kind() {
            Some(TokenKind::Op("@")) => self.parse_attribute()?,
            Some(TokenKind::Identifier(_)) => {
                let Some(Token {
                    kind: TokenKind::Identifier(name),
                    span,
                    ..
                }) = self.bump()
                else {
                    return Err(self.unexpected("expected a struct name"));
                };
                Expr::new(ExprKind::Var(name.into()), span)
            }
            Some(TokenKind::Alias(_) | TokenKind::Atom(_)) => self.parse_literal()?,
            _ => return Err(self.unexpected("expected a struct name after `%`")),
        };
        // `%Foo.Bar{}`, `%__MODULE__.Sub{}`
        let mut expr = expr;
        while self.at(&TokenKind::Dot)
            && matches!(self.peek2().map(|t| &t.kind), Some(TokenKind::Alias(_)))
        {
            self.bump();
            let Some(Token {
                kind: TokenKind::Alias(seg),
                span,
                ..
            }) = self.bump()
            else {
                break;
            };
            let full = expr.span.to(span);
            expr = match expr.kind {
                ExprKind::Alias(mut segs) => {
                    segs.push(seg.into());
                    Expr::new(ExprKind::Alias(segs), full)
                }
                _ => Expr::new(
                    ExprKind::Call(Box::new(Call {
                        target: Some(expr),
                        name: seg.into(),
                        name_span: span,
                        args: Vec::new(),
                        parens: false,
                        blocks: Vec::new(),
                    })),
                    full,
                ),
            };
        }
        Ok(expr)
    }

    /// Entries after `%{` up to and including `}`: `(base of an update, entries)`.
    #[allow(clippy::type_complexity)]
    /// `a: 1, b: 2` without brackets (after `when` in a typespec), as a `List`.
    fn parse_bare_keywords(&mut self) -> PResult<Expr> {
        let mut items = vec![self.parse_keyword_pair()?];
        while self.at(&TokenKind::Comma)
            && matches!(
                self.peek2().map(|t| &t.kind),
                Some(TokenKind::KwKey(_) | TokenKind::KwKeyInterp(_))
            )
        {
            self.bump();
            items.push(self.parse_keyword_pair()?);
        }
        let span = items[0].span.to(items[items.len() - 1].span);
        Ok(Expr::new(ExprKind::List(items), span))
    }

    fn parse_map_entries(&mut self, open: Span) -> PResult<MapEntries> {
        let mut base = None;
        let mut entries = Vec::new();
        let mut first = true;
        loop {
            self.skip_newlines();
            if self.at(&TokenKind::RBrace) {
                break;
            }
            if matches!(
                self.kind(),
                Some(TokenKind::KwKey(_) | TokenKind::KwKeyInterp(_))
            ) {
                let pair = self.parse_keyword_pair()?;
                if let ExprKind::Tuple(mut kv) = pair.kind
                    && kv.len() == 2
                    && let (Some(v), Some(k)) = (kv.pop(), kv.pop())
                {
                    entries.push((k, v));
                }
            } else {
                let key = self.parse_expr(prec::PIPE + 1)?;
                self.skip_newlines();
                if first && self.at_op("|") {
                    self.bump();
                    base = Some(key);
                    first = false;
                    continue;
                }
                // `%{unquote_splicing(pairs)}` in quoted code: entries spliced in.
                if matches!(&key.kind, ExprKind::Call(c) if c.target.is_none() && matches!(c.name.as_str(), "unquote" | "unquote_splicing"))
                    && (self.at(&TokenKind::RBrace) || self.at(&TokenKind::Comma))
                {
                    let span = key.span;
                    entries.push((key, Expr::new(ExprKind::Other("spliced map entries"), span)));
                    first = false;
                    self.skip_newlines();
                    if self.at(&TokenKind::Comma) {
                        self.bump();
                        continue;
                    }
                    break;
                }
                if !self.at_op("=>") {
                    return Err(self.unexpected("expected `=>` after a map key"));
                }
                self.bump();
                self.skip_newlines();
                let value = self.parse_expr(0)?;
                entries.push((key, value));
            }
            first = false;
            self.skip_newlines();
            if self.at(&TokenKind::Comma) {
                self.bump();
            } else {
                break;
            }
        }
        self.expect_close(&TokenKind::RBrace, open, "%{", "}")?;
        Ok((base, entries))
    }

    /// `fn clauses end`; the current token is `fn`.
    fn parse_fn(&mut self) -> PResult<Expr> {
        let Some(fn_tok) = self.bump() else {
            return Err(self.unexpected("expected `fn`"));
        };
        let saved = std::mem::replace(&mut self.allow_do, true);
        let body = self.parse_body(false);
        self.allow_do = saved;
        let body = body?;
        if !self.at(&TokenKind::End) {
            let mut e = error(
                "`fn` is never closed: missing `end`",
                fn_tok.span,
                "this `fn` has no matching `end`",
            );
            e.help = Some("add `end` after the last clause".into());
            return Err(Box::new(e));
        }
        self.bump();
        let span = Span::new(fn_tok.span.start, self.last_end);
        match body {
            Body::Clauses(clauses) => Ok(Expr::new(ExprKind::Fn(clauses), span)),
            Body::Exprs(exprs) if exprs.is_empty() => Err(Box::new(error(
                "`fn` without clauses",
                span,
                "expected `args -> body`",
            ))),
            Body::Exprs(exprs) => Err(Box::new(error(
                "expected `->` in `fn`",
                exprs[0].span,
                "write `fn args -> body end`",
            ))),
        }
    }
}

/// A clause from its head; a guard (`a, b when g`) is split off the last pattern.
fn new_clause(mut patterns: Vec<Expr>, span: Span) -> Clause {
    let mut guard = None;
    if let Some(last) = patterns.pop() {
        match last.kind {
            ExprKind::Binary {
                op: BinOp::When,
                lhs,
                rhs,
            } => {
                patterns.push(*lhs);
                guard = Some(*rhs);
            }
            kind => patterns.push(Expr::new(kind, last.span)),
        }
    }
    Clause {
        patterns,
        guard,
        body: Vec::new(),
        span,
    }
}

fn local_call(name: &str, name_span: Span, args: Vec<Expr>, span: Span) -> Expr {
    Expr::new(
        ExprKind::Call(Box::new(Call {
            target: None,
            name: name.to_string(),
            name_span,
            args,
            parens: false,
            blocks: Vec::new(),
        })),
        span,
    )
}
