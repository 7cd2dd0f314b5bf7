//! Expressions printed back as short Elixir text, for the reasons of unknown values
//! ("depends on `System.get_env(\"CI\")`, which …").

use crate::mixexs::ast::{BinOp, Body, BodyRef, Expr, ExprKind, StrPart, UnaryOp};

/// Longest description before it is cut with `…`.
const MAX_DESCRIPTION: usize = 80;

/// A list literal longer than this prints as `[…]` (as in "in `[…] ++ extra_deps()`").
const MAX_LIST_LITERAL: usize = 40;

pub(crate) fn describe(e: &Expr) -> String {
    let mut out = String::new();
    write(e, &mut out);
    if out.len() > MAX_DESCRIPTION {
        let mut cut = MAX_DESCRIPTION;
        while !out.is_char_boundary(cut) {
            cut -= 1;
        }
        out.truncate(cut);
        out.push('…');
    }
    out
}

/// Comma-separated items; a trailing keyword list prints without brackets, as written.
fn write_list(items: &[Expr], out: &mut String) {
    for (i, item) in items.iter().enumerate() {
        if i + 1 == items.len()
            && i > 0
            && let ExprKind::List(pairs) = &item.kind
            && !pairs.is_empty()
            && pairs.iter().all(|p| p.as_keyword_pair().is_some())
        {
            out.push_str(", ");
            write_list(pairs, out);
            return;
        }
        if i > 0 {
            out.push_str(", ");
        }
        if out.len() > MAX_DESCRIPTION {
            out.push('…');
            return;
        }
        match item.as_keyword_pair() {
            Some((
                Expr {
                    kind: ExprKind::Atom(k),
                    ..
                },
                v,
            )) => {
                out.push_str(k);
                out.push_str(": ");
                write(v, out);
            }
            _ => write(item, out),
        }
    }
}

fn write_parts(parts: &[StrPart], out: &mut String) {
    for p in parts {
        match p {
            StrPart::Lit(s) => {
                for c in s.chars() {
                    match c {
                        '"' => out.push_str("\\\""),
                        '\\' => out.push_str("\\\\"),
                        '\n' => out.push_str("\\n"),
                        '\t' => out.push_str("\\t"),
                        _ => out.push(c),
                    }
                }
            }
            StrPart::Interp(e) => {
                out.push_str("#{");
                write(e, out);
                out.push('}');
            }
        }
    }
}

fn binop_text(op: BinOp) -> &'static str {
    match op {
        BinOp::Pipe => "|>",
        BinOp::Concat => "<>",
        BinOp::ListConcat => "++",
        BinOp::ListSub => "--",
        BinOp::Eq => "==",
        BinOp::NotEq => "!=",
        BinOp::StrictEq => "===",
        BinOp::StrictNotEq => "!==",
        BinOp::Lt => "<",
        BinOp::Gt => ">",
        BinOp::Le => "<=",
        BinOp::Ge => ">=",
        BinOp::Match => "=",
        BinOp::RegexMatch => "=~",
        BinOp::And => "and",
        BinOp::Or => "or",
        BinOp::AndAnd => "&&",
        BinOp::OrOr => "||",
        BinOp::In => "in",
        BinOp::NotIn => "not in",
        BinOp::Add => "+",
        BinOp::Sub => "-",
        BinOp::Mul => "*",
        BinOp::Div => "/",
        BinOp::Range => "..",
        BinOp::RangeStep => "//",
        BinOp::When => "when",
        BinOp::Default => "\\\\",
        BinOp::Type => "::",
        BinOp::Arrow => "<-",
        BinOp::Pipe2 => "|",
        BinOp::Other => "op",
    }
}

fn write(e: &Expr, out: &mut String) {
    if out.len() > MAX_DESCRIPTION {
        return;
    }
    match &e.kind {
        ExprKind::Nil => out.push_str("nil"),
        ExprKind::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        ExprKind::Integer(i) => out.push_str(&i.to_string()),
        ExprKind::Float(x) => out.push_str(&super::ops::format_float(*x)),
        ExprKind::Atom(a) => {
            out.push(':');
            out.push_str(a);
        }
        ExprKind::InterpolatedAtom(parts) => {
            out.push_str(":\"");
            write_parts(parts, out);
            out.push('"');
        }
        ExprKind::Alias(parts) => out.push_str(&parts.join(".")),
        ExprKind::String(parts) => {
            out.push('"');
            write_parts(parts, out);
            out.push('"');
        }
        ExprKind::Charlist(parts) => {
            out.push('\'');
            write_parts(parts, out);
            out.push('\'');
        }
        ExprKind::Sigil {
            name,
            parts,
            modifiers,
        } => {
            out.push('~');
            out.push_str(name);
            out.push('(');
            write_parts(parts, out);
            out.push(')');
            out.push_str(modifiers);
        }
        ExprKind::List(items) => {
            let mut inner = String::new();
            write_list(items, &mut inner);
            if inner.chars().count() > MAX_LIST_LITERAL {
                out.push_str("[…]");
            } else {
                out.push('[');
                out.push_str(&inner);
                out.push(']');
            }
        }
        ExprKind::Cons(items, tail) => {
            out.push('[');
            write_list(items, out);
            out.push_str(" | ");
            write(tail, out);
            out.push(']');
        }
        ExprKind::Tuple(items) => {
            out.push('{');
            write_list(items, out);
            out.push('}');
        }
        ExprKind::Map(_) | ExprKind::MapUpdate(..) => out.push_str("%{…}"),
        ExprKind::Struct { name, .. } => {
            out.push('%');
            write(name, out);
            out.push_str("{…}");
        }
        ExprKind::Bitstring(_) => out.push_str("<<…>>"),
        ExprKind::Var(v) => out.push_str(v),
        ExprKind::AttrRead(name) => {
            out.push('@');
            out.push_str(name);
        }
        ExprKind::AttrSet { name, value } => {
            out.push('@');
            out.push_str(name);
            out.push(' ');
            write(value, out);
        }
        ExprKind::Call(c) => {
            if let Some(t) = &c.target {
                write(t, out);
                out.push('.');
            }
            out.push_str(&c.name);
            let args = c.args_without_blocks();
            if c.parens || !args.is_empty() {
                out.push('(');
                write_list(args, out);
                out.push(')');
            }
            if matches!(
                c.do_body(),
                Some(BodyRef::Block(Body::Exprs(_) | Body::Clauses(_)))
            ) && !c.blocks.is_empty()
            {
                out.push_str(" do … end");
            }
        }
        ExprKind::AnonCall { fun, args } => {
            write(fun, out);
            out.push_str(".(");
            write_list(args, out);
            out.push(')');
        }
        ExprKind::Access { expr, key } => {
            write(expr, out);
            out.push('[');
            write(key, out);
            out.push(']');
        }
        ExprKind::Fn(_) => out.push_str("fn … end"),
        ExprKind::Capture(inner) => {
            out.push('&');
            write(inner, out);
        }
        ExprKind::CaptureArg(n) => {
            out.push('&');
            out.push_str(&n.to_string());
        }
        ExprKind::Unary { op, expr } => {
            out.push_str(match op {
                UnaryOp::Neg => "-",
                UnaryOp::Pos => "+",
                UnaryOp::Bang => "!",
                UnaryOp::Not => "not ",
                UnaryOp::Pin => "^",
            });
            write(expr, out);
        }
        ExprKind::Binary { op, lhs, rhs } => {
            write(lhs, out);
            out.push(' ');
            out.push_str(binop_text(*op));
            out.push(' ');
            write(rhs, out);
        }
        ExprKind::Block(items) => {
            out.push('(');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str("; ");
                }
                write(item, out);
            }
            out.push(')');
        }
        ExprKind::Other(what) => out.push_str(what),
    }
}
