//! Parser tests: AST shape (as a compact s-expression), spans, errors, limits, robustness.

use hexlint::mixexs::ast::{Body, Clause, Expr, ExprKind, StrPart};
use hexlint::mixexs::{ParseError, ParsedFile, parse};

/// A compact, Elixir-like rendering of the AST that keeps every structural detail.
fn sexp(e: &Expr) -> String {
    use ExprKind::*;
    match &e.kind {
        Nil => "nil".into(),
        Bool(b) => b.to_string(),
        Integer(n) => n.to_string(),
        Float(f) => format!("{f:?}"),
        Atom(a) => format!(":{a}"),
        InterpolatedAtom(parts) => format!(":\"{}\"", str_parts(parts)),
        Alias(segs) => segs.join("."),
        String(parts) => format!("\"{}\"", str_parts(parts)),
        Charlist(parts) => format!("'{}'", str_parts(parts)),
        Sigil {
            name,
            parts,
            modifiers,
        } => format!("~{name}\"{}\"{modifiers}", str_parts(parts)),
        List(items) => format!("[{}]", list(items)),
        Cons(items, tail) => format!("[{} | {}]", list(items), sexp(tail)),
        Tuple(items) => format!("{{{}}}", list(items)),
        Map(entries) => format!("%{{{}}}", pairs(entries)),
        MapUpdate(base, entries) => format!("%{{{} | {}}}", sexp(base), pairs(entries)),
        Struct { name, base, fields } => match base {
            Some(b) => format!("%{}{{{} | {}}}", sexp(name), sexp(b), pairs(fields)),
            None => format!("%{}{{{}}}", sexp(name), pairs(fields)),
        },
        Bitstring(items) => format!("<<{}>>", list(items)),
        Var(v) => v.clone(),
        AttrRead(n) => format!("@{n}"),
        AttrSet { name, value } => format!("(@{name} {})", sexp(value)),
        Call(c) => {
            let mut s = std::string::String::new();
            if let Some(t) = &c.target {
                s.push_str(&sexp(t));
                s.push('.');
            }
            s.push_str(&c.name);
            if c.parens {
                s = format!("{s}({})", list(&c.args));
            } else {
                s = format!(
                    "({s}{}{})",
                    if c.args.is_empty() { "" } else { " " },
                    list(&c.args)
                );
            }
            for (name, body) in &c.blocks {
                s.push_str(&format!(" {name}{{{}}}", body_s(body)));
            }
            s
        }
        AnonCall { fun, args } => format!("{}.({})", sexp(fun), list(args)),
        Access { expr, key } => format!("{}[{}]", sexp(expr), sexp(key)),
        Fn(clauses) => format!(
            "fn({})",
            clauses.iter().map(clause).collect::<Vec<_>>().join("; ")
        ),
        Capture(x) => format!("&{}", sexp(x)),
        CaptureArg(n) => format!("&{n}"),
        Unary { op, expr } => format!("({op:?} {})", sexp(expr)),
        Binary { op, lhs, rhs } => format!("({} {op:?} {})", sexp(lhs), sexp(rhs)),
        Block(items) => format!(
            "{{;{}}}",
            items.iter().map(sexp).collect::<Vec<_>>().join("; ")
        ),
        Other(what) => format!("<{what}>"),
    }
}

fn list(items: &[Expr]) -> String {
    items.iter().map(sexp).collect::<Vec<_>>().join(", ")
}

fn pairs(entries: &[(Expr, Expr)]) -> String {
    entries
        .iter()
        .map(|(k, v)| format!("{} => {}", sexp(k), sexp(v)))
        .collect::<Vec<_>>()
        .join(", ")
}

fn str_parts(parts: &[StrPart]) -> String {
    parts
        .iter()
        .map(|p| match p {
            StrPart::Lit(t) => t.escape_debug().to_string(),
            StrPart::Interp(e) => format!("#{{{}}}", sexp(e)),
        })
        .collect()
}

fn clause(c: &Clause) -> String {
    let guard = c
        .guard
        .as_ref()
        .map(|g| format!(" when {}", sexp(g)))
        .unwrap_or_default();
    format!(
        "{}{guard} -> {}",
        list(&c.patterns),
        c.body.iter().map(sexp).collect::<Vec<_>>().join("; ")
    )
}

fn body_s(b: &Body) -> String {
    match b {
        Body::Exprs(e) => e.iter().map(sexp).collect::<Vec<_>>().join("; "),
        Body::Clauses(c) => c.iter().map(clause).collect::<Vec<_>>().join("; "),
    }
}

fn parse_ok(src: &str) -> ParsedFile {
    match parse(src) {
        Ok(f) => f,
        Err(e) => panic!("parse error for {src:?}: {e:?}"),
    }
}

/// The whole file as s-expressions, one top-level expression per line.
fn s(src: &str) -> String {
    parse_ok(src)
        .exprs
        .iter()
        .map(sexp)
        .collect::<Vec<_>>()
        .join("\n")
}

fn parse_err(src: &str) -> ParseError {
    match parse(src) {
        Ok(f) => panic!(
            "expected an error for {src:?}, got {:?}",
            f.exprs.iter().map(sexp).collect::<Vec<_>>()
        ),
        Err(e) => e,
    }
}

fn slice<'a>(src: &'a str, e: &Expr) -> &'a str {
    &src[e.span.start..e.span.end]
}

#[test]
fn dump() {
    if let Ok(path) = std::env::var("DUMP_FILE") {
        let src = std::fs::read_to_string(path).unwrap();
        match parse(&src) {
            Ok(f) => {
                for e in &f.exprs {
                    println!("{}", sexp(e));
                }
            }
            Err(e) => println!("{e:?}"),
        }
    }
}
