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

// ---- constructs -------------------------------------------------------------------------

#[test]
fn defmodule_def_and_do_blocks() {
    assert_eq!(
        s(
            "defmodule Foo.MixProject do\n  use Mix.Project\n\n  def project do\n    [app: :foo]\n  end\nend\n"
        ),
        "(defmodule Foo.MixProject) do{(use Mix.Project); (def project) do{[{:app, :foo}]}}"
    );
}

#[test]
fn one_line_def_collects_trailing_keywords_into_one_list() {
    assert_eq!(s("def x, do: 1"), "(def x, [{:do, 1}])");
    assert_eq!(
        s("defp elixirc_paths(:test), do: [\"lib\", \"test/support\"]"),
        "(defp elixirc_paths(:test), [{:do, [\"lib\", \"test/support\"]}])"
    );
    assert_eq!(s("if a, do: 1, else: 2"), "(if a, [{:do, 1}, {:else, 2}])");
    assert_eq!(s("foo(a, b: 1, c: 2)"), "foo(a, [{:b, 1}, {:c, 2}])");
    assert_eq!(
        s("{:dep, \"~> 1.0\", only: :dev}"),
        "{:dep, \"~> 1.0\", [{:only, :dev}]}"
    );
}

#[test]
fn one_line_def_keyword_shape_and_spans() {
    let src = "def x, do: 1";
    let f = parse_ok(src);
    let call = f.exprs[0].as_call().unwrap();
    assert_eq!(call.name, "def");
    assert!(!call.parens);
    assert_eq!(slice(src, &f.exprs[0]), src);
    assert_eq!(&src[call.name_span.start..call.name_span.end], "def");
    assert_eq!(call.args.len(), 2);
    assert_eq!(call.args[0].kind, ExprKind::Var("x".into()));
    let ExprKind::List(items) = &call.args[1].kind else {
        panic!("expected a list")
    };
    assert_eq!(items.len(), 1);
    let (k, v) = items[0].as_keyword_pair().unwrap();
    assert_eq!(k.kind, ExprKind::Atom("do".into()));
    assert_eq!(slice(src, k), "do:");
    assert_eq!(v.kind, ExprKind::Integer(1));
    assert_eq!(slice(src, &items[0]), "do: 1");
    assert_eq!(slice(src, &call.args[1]), "do: 1");
    match call.do_body() {
        Some(hexlint::mixexs::ast::BodyRef::Expr(e)) => assert_eq!(e.kind, ExprKind::Integer(1)),
        other => panic!("unexpected do body {other:?}"),
    }
}

#[test]
fn module_attributes_set_and_read_with_spans() {
    let src = "@version \"1.2.0\"\n@version";
    let f = parse_ok(src);
    let ExprKind::AttrSet { name, value } = &f.exprs[0].kind else {
        panic!("expected AttrSet")
    };
    assert_eq!(name, "version");
    assert_eq!(slice(src, value), "\"1.2.0\"");
    assert_eq!(value.span.start, 9);
    assert_eq!(slice(src, &f.exprs[0]), "@version \"1.2.0\"");
    assert_eq!(f.exprs[1].kind, ExprKind::AttrRead("version".into()));
    assert_eq!(slice(src, &f.exprs[1]), "@version");
    assert_eq!(s("@doc false"), "(@doc false)");
    assert_eq!(s("@envs [:dev, :test]"), "(@envs [:dev, :test])");
    assert_eq!(s("@foo.bar"), "(@foo.bar)");
    assert_eq!(
        s("@spec foo(t) :: t | nil"),
        "(@spec (foo(t) Type (t Pipe2 nil)))"
    );
    assert_eq!(
        s("@version File.read!(\"VERSION\") |> String.trim()"),
        "(@version (File.read!(\"VERSION\") Pipe String.trim()))"
    );
}

#[test]
fn keyword_lists_and_quoted_keys() {
    assert_eq!(s("[a: 1, b: 2]"), "[{:a, 1}, {:b, 2}]");
    assert_eq!(s("[1, a: 2]"), "[1, {:a, 2}]");
    assert_eq!(
        s("[\"coveralls.html\": :test, \"quoted-key\": 1, Foo: 2]"),
        "[{:coveralls.html, :test}, {:quoted-key, 1}, {:Foo, 2}]"
    );
    assert_eq!(s("[\"a#{x}\": 1]"), "[{:\"a#{x}\", 1}]");
    let src = "[\"coveralls.html\": :test]";
    let f = parse_ok(src);
    let ExprKind::List(items) = &f.exprs[0].kind else {
        panic!()
    };
    let (k, v) = items[0].as_keyword_pair().unwrap();
    assert_eq!(slice(src, k), "\"coveralls.html\":");
    assert_eq!(slice(src, v), ":test");
}

#[test]
fn lists_maps_structs_tuples_bitstrings() {
    assert_eq!(s("[h | t]"), "[h | t]");
    assert_eq!(s("[a, b | t]"), "[a, b | t]");
    assert_eq!(s("%{\"GitHub\" => url}"), "%{\"GitHub\" => url}");
    assert_eq!(s("%{key: v, other: 1}"), "%{:key => v, :other => 1}");
    assert_eq!(s("%{\"a\" => 1, b: 2}"), "%{\"a\" => 1, :b => 2}");
    assert_eq!(s("%{m | k: v}"), "%{m | :k => v}");
    assert_eq!(s("%{m | \"k\" => v}"), "%{m | \"k\" => v}");
    assert_eq!(s("%Version{major: 1}"), "%Version{:major => 1}");
    assert_eq!(s("%Foo.Bar{s | a: 1}"), "%Foo.Bar{s | :a => 1}");
    assert_eq!(s("%__MODULE__{a: 1}"), "%__MODULE__{:a => 1}");
    assert_eq!(s("{}"), "{}");
    assert_eq!(s("{:ok, 1}"), "{:ok, 1}");
    assert_eq!(
        s("<<1, 2::size(8), \"a\">>"),
        "<<1, (2 Type size(8)), \"a\">>"
    );
    assert_eq!(s("<<>>"), "<<>>");
    assert_eq!(s("%{}"), "%{}");
    assert_eq!(s("[\n  1,\n  2,\n]"), "[1, 2]");
    assert_eq!(s("%{\n  a: 1,\n  b: 2\n}"), "%{:a => 1, :b => 2}");
}

#[test]
fn atoms_numbers_and_literals() {
    assert_eq!(s(":foo"), ":foo");
    assert_eq!(s(":foo?"), ":foo?");
    assert_eq!(s(":\"foo-bar\""), ":foo-bar");
    assert_eq!(s(":\"a#{x}\""), ":\"a#{x}\"");
    assert_eq!(s(":+"), ":+");
    assert_eq!(s(":=="), ":==");
    assert_eq!(s(":Foo"), ":Foo");
    assert_eq!(s("?a"), "97");
    assert_eq!(s("?\\n"), "10");
    assert_eq!(s("1_000"), "1000");
    assert_eq!(s("0x1F"), "31");
    assert_eq!(s("0b101"), "5");
    assert_eq!(s("0o17"), "15");
    assert_eq!(s("1.0e-3"), "0.001");
    assert_eq!(s("1.5"), "1.5");
    assert_eq!(s("nil"), "nil");
    assert_eq!(s("true"), "true");
    assert_eq!(s("false"), "false");
    assert_eq!(s("1..10"), "(1 Range 10)");
    assert_eq!(s("1..10//2"), "((1 Range 10) RangeStep 2)");
}

#[test]
fn strings_escapes_and_interpolation() {
    assert_eq!(
        s(r#""a\n\t\r\"\\\#\e\s\0\x41\u00e9\u{1F600}b""#),
        "\"a\\n\\t\\r\\\"\\\\#\\u{1b} \\0Aé😀b\""
    );
    assert_eq!(s("\"a\\\nb\""), "\"ab\"");
    assert_eq!(s("\"a\\\r\nb\""), "\"ab\"");
    assert_eq!(s("\"v#{@version}\""), "\"v#{@version}\"");
    assert_eq!(s("\"\\#{x}\""), "\"#{x}\"");
    assert_eq!(s("\"#{}\""), "\"#{nil}\"");
    assert_eq!(s("\"#{a; b}\""), "\"#{{;a; b}}\"");
    assert_eq!(s("\"x#{\"nested #{1}\"}y\""), "\"x#{\"nested #{1}\"}y\"");
    assert_eq!(s("'abc'"), "'abc'");
    assert_eq!(s("'a#{x}'"), "'a#{x}'");
    let src = "source_ref: 1\nx = \"v#{@version}\"";
    let _ = src;
    let src = "\"v#{@version}\"";
    let f = parse_ok(src);
    let ExprKind::String(parts) = &f.exprs[0].kind else {
        panic!()
    };
    let StrPart::Interp(e) = &parts[1] else {
        panic!()
    };
    assert_eq!(slice(src, e), "@version");
    assert_eq!(slice(src, &f.exprs[0]), src);
}

#[test]
fn heredocs_strip_indentation_by_closing_delimiter() {
    assert_eq!(
        s("x = \"\"\"\n  a\n    b\n  \"\"\""),
        "(x Match \"a\\n  b\\n\")"
    );
    assert_eq!(s("\"\"\"\n  a\n    b\n   \"\"\""), "\"a\\n b\\n\"");
    assert_eq!(s("\"\"\"\n  a\\\n  b\n  \"\"\""), "\"ab\\n\"");
    assert_eq!(s("\"\"\"\n  a #{x}\n  b\n  \"\"\""), "\"a #{x}\\nb\\n\"");
    assert_eq!(s("'''\n  x\n  '''"), "'x\\n'");
    assert_eq!(s("\"\"\"\n\"\"\""), "\"\"");
    // CRLF is kept as written, like Elixir.
    assert_eq!(
        s("x = \"\"\"\r\n  a\r\n  b\r\n  \"\"\""),
        "(x Match \"a\\r\\nb\\r\\n\")"
    );
    let src = "@moduledoc \"\"\"\n  Hello\n  \"\"\"\n@x 1";
    let f = parse_ok(src);
    let ExprKind::AttrSet { value, .. } = &f.exprs[0].kind else {
        panic!()
    };
    assert_eq!(slice(src, value), "\"\"\"\n  Hello\n  \"\"\"");
    assert_eq!(f.exprs.len(), 2);
}

#[test]
fn sigils_with_all_delimiters_and_modifiers() {
    assert_eq!(
        s("~w(lib mix.exs README.md)"),
        "~w\"lib mix.exs README.md\""
    );
    assert_eq!(s("~w(a b)a"), "~w\"a b\"a");
    assert_eq!(s("~w[a b]"), "~w\"a b\"");
    assert_eq!(s("~w{a b}"), "~w\"a b\"");
    assert_eq!(s("~w<a b>"), "~w\"a b\"");
    assert_eq!(s("~w/a b/"), "~w\"a b\"");
    assert_eq!(s("~w|a b|"), "~w\"a b\"");
    assert_eq!(s("~w\"a b\""), "~w\"a b\"");
    assert_eq!(s("~w'a b'"), "~w\"a b\"");
    assert_eq!(s("~r/x/iu"), "~r\"x\"iu");
    // ~r keeps regex escapes, only the escaped delimiter loses its backslash (as in Elixir).
    assert_eq!(s(r"~r/a\/b\d\n/"), r#"~r"a/b\\d\\n""#);
    assert_eq!(s(r"~S(a\)b\n)"), r#"~S"a)b\\n""#);
    assert_eq!(s(r"~s(a\)b\n#{x})"), r#"~s"a)b\n#{x}""#);
    assert_eq!(s(r"~S(a#{x})"), r##"~S"a#{x}""##);
    assert_eq!(s("~c(abc)"), "~c\"abc\"");
    assert_eq!(s("~HTML(<p>)"), "~HTML\"<p>\"");
    assert_eq!(s("~S\"\"\"\n  raw \\n\n  \"\"\""), r#"~S"raw \\n\n""#);
    assert_eq!(s("~s'''\n  a\n  '''"), "~s\"a\\n\"");
}

#[test]
fn operators_and_precedence() {
    assert_eq!(s("1 + 2 * 3 - 4 / 5"), "((1 Add (2 Mul 3)) Sub (4 Div 5))");
    assert_eq!(s("a ++ b ++ c"), "(a ListConcat (b ListConcat c))");
    assert_eq!(s("a -- b"), "(a ListSub b)");
    assert_eq!(s("a <> b"), "(a Concat b)");
    assert_eq!(
        s("a == b and c != d or e"),
        "(((a Eq b) And (c NotEq d)) Or e)"
    );
    assert_eq!(
        s("a === b && c !== d || e"),
        "(((a StrictEq b) AndAnd (c StrictNotEq d)) OrOr e)"
    );
    assert_eq!(
        s("a < b and a > c and a <= d and a >= e"),
        "((((a Lt b) And (a Gt c)) And (a Le d)) And (a Ge e))"
    );
    assert_eq!(s("a =~ ~r/x/"), "(a RegexMatch ~r\"x\")");
    assert_eq!(s("x in [1]"), "(x In [1])");
    assert_eq!(s("x not in [1]"), "(x NotIn [1])");
    assert_eq!(s("!x == y"), "((Bang x) Eq y)");
    assert_eq!(s("not x"), "(Not x)");
    assert_eq!(s("-x + 1"), "((Neg x) Add 1)");
    assert_eq!(s("+x"), "(Pos x)");
    assert_eq!(s("^x = 1"), "((Pin x) Match 1)");
    assert_eq!(s("x = y = 1"), "(x Match (y Match 1))");
    assert_eq!(s("a \\\\ []"), "(a Default [])");
    assert_eq!(s("x when y when z"), "(x When (y When z))");
    assert_eq!(s("a :: b"), "(a Type b)");
    assert_eq!(s("x <- y"), "(x Arrow y)");
    assert_eq!(s("a ~> b"), "(a Other b)");
    assert_eq!(s("2 ** 3"), "(2 Other 3)");
    assert_eq!(s("x |> f() |> g"), "((x Pipe f()) Pipe g)");
}

#[test]
fn captures() {
    assert_eq!(s("&docs/0"), "&(docs Div 0)");
    assert_eq!(s("&Mod.fun/2"), "&((Mod.fun) Div 2)");
    assert_eq!(s("&(&1 + 1)"), "&(&1 Add 1)");
    assert_eq!(s("&1"), "&1");
    assert_eq!(s("Enum.map(list, & &1.name)"), "Enum.map(list, &(&1.name))");
    assert_eq!(
        s("[&check/1, \"compile\"]"),
        "[&(check Div 1), \"compile\"]"
    );
}

#[test]
fn calls_with_and_without_parens() {
    assert_eq!(s("[deps: deps]"), "[{:deps, deps}]");
    assert_eq!(s("Mix.env"), "(Mix.env)");
    assert_eq!(s("Mix.env()"), "Mix.env()");
    assert_eq!(s("Mix.env == :prod"), "((Mix.env) Eq :prod)");
    assert_eq!(s("Mix.shell().info \"x\""), "(Mix.shell().info \"x\")");
    assert_eq!(s("raise \"x\""), "(raise \"x\")");
    assert_eq!(
        s("import_config \"#{Mix.env()}.exs\""),
        "(import_config \"#{Mix.env()}.exs\")"
    );
    assert_eq!(s("File.read!(\"VERSION\")"), "File.read!(\"VERSION\")");
    assert_eq!(s(":file.consult('x')"), ":file.consult('x')");
    assert_eq!(
        s("System.get_env(\"X\", \"d\")"),
        "System.get_env(\"X\", \"d\")"
    );
    assert_eq!(
        s("Path.join([__DIR__, \"VERSION\"])"),
        "Path.join([__DIR__, \"VERSION\"])"
    );
    assert_eq!(s("var.field"), "(var.field)");
    assert_eq!(s("map.key.sub"), "((map.key).sub)");
    assert_eq!(s("__MODULE__.Sub"), "(__MODULE__.Sub)");
    assert_eq!(s("__MODULE__"), "__MODULE__");
    assert_eq!(s("fun.(x)"), "fun.(x)");
    assert_eq!(s("fun.()"), "fun.()");
    assert_eq!(s("x[:k]"), "x[:k]");
    assert_eq!(s("opts[:a][:b]"), "opts[:a][:b]");
    assert_eq!(s("foo()"), "foo()");
    assert_eq!(s("Foo.Bar.baz(1)"), "Foo.Bar.baz(1)");
    assert_eq!(s("foo a, b"), "(foo a, b)");
    assert_eq!(s("foo a: 1"), "(foo [{:a, 1}])");
    assert_eq!(s("alias Foo.{Bar, Baz}"), "(alias Foo.{}(Bar, Baz))");
    assert_eq!(
        s("def unquote(name)(), do: 1"),
        "(def unquote(name).(), [{:do, 1}])"
    );
    assert_eq!(s("&+/2"), "&(+ Div 2)");
    assert_eq!(
        s("try do: 1, rescue: (_ -> 2)"),
        "(try [{:do, 1}, {:rescue, <->>}])"
    );
    let src = "File.read!(\"VERSION\")";
    let f = parse_ok(src);
    let call = f.exprs[0].as_call().unwrap();
    assert_eq!(
        call.target.as_ref().map(|t| &t.kind),
        Some(&ExprKind::Alias(vec!["File".into()]))
    );
    assert_eq!(call.name, "read!");
    assert_eq!(&src[call.name_span.start..call.name_span.end], "read!");
    assert!(call.parens);
    assert_eq!(slice(src, &call.args[0]), "\"VERSION\"");
}

#[test]
fn unary_minus_versus_binary_minus_after_a_name() {
    // As in Elixir: `foo -1` is a call, `foo - 1` and `foo-1` subtract.
    assert_eq!(s("foo -1"), "(foo (Neg 1))");
    assert_eq!(s("foo - 1"), "(foo Sub 1)");
    assert_eq!(s("foo-1"), "(foo Sub 1)");
    assert_eq!(s("foo -x"), "(foo (Neg x))");
    assert_eq!(s("foo.bar -1"), "(foo.bar (Neg 1))");
    assert_eq!(s("foo [1]"), "(foo [1])");
    assert_eq!(s("foo[1]"), "foo[1]");
    assert_eq!(s("foo (1)"), "(foo 1)");
}

#[test]
fn newline_rules() {
    // A line starting with a binary operator continues the previous expression.
    assert_eq!(s("x\n|> y\n|> z"), "((x Pipe y) Pipe z)");
    assert_eq!(s("x = 1\nand y"), "(x Match (1 And y))");
    assert_eq!(s("a\n++ b"), "(a ListConcat b)");
    assert_eq!(s("foo\n.bar"), "(foo.bar)");
    assert_eq!(s("x\n# comment\n|> y"), "(x Pipe y)");
    // ... but not with an operator that can start an expression.
    assert_eq!(s("x = 1\n-2"), "(x Match 1)\n(Neg 2)");
    assert_eq!(s("x = 1\n!y"), "(x Match 1)\n(Bang y)");
    assert_eq!(s("x = 1\n&foo/1"), "(x Match 1)\n&(foo Div 1)");
    // After an operator or a comma the expression continues.
    assert_eq!(s("a +\n  b"), "(a Add b)");
    assert_eq!(s("foo a,\n  b"), "(foo a, b)");
    assert_eq!(s("a; b"), "a\nb");
    assert_eq!(s("if x\ndo 1 end"), "(if x) do{1}");
    assert_eq!(s("\n\n# only comments\n\n"), "");
}

#[test]
fn control_flow_blocks() {
    assert_eq!(s("if a do\n  1\nelse\n  2\nend"), "(if a) do{1} else{2}");
    assert_eq!(s("unless a do 1 end"), "(unless a) do{1}");
    assert_eq!(
        s("case x do\n  1 -> :a\n  other when is_atom(other) ->\n    foo()\n    :b\nend"),
        "(case x) do{1 -> :a; other when is_atom(other) -> foo(); :b}"
    );
    assert_eq!(
        s("cond do\n  a -> 1\n  true -> 2\nend"),
        "(cond) do{a -> 1; true -> 2}"
    );
    assert_eq!(
        s("with {:ok, a} <- foo(),\n     b = a do\n  b\nelse\n  _ -> nil\nend"),
        "(with ({:ok, a} Arrow foo()), (b Match a)) do{b} else{_ -> nil}"
    );
    assert_eq!(
        s(
            "try do\n  x\nrescue\n  e in RuntimeError -> e\ncatch\n  :exit, _ -> 1\nafter\n  :ok\nend"
        ),
        "(try) do{x} rescue{(e In RuntimeError) -> e} catch{:exit, _ -> 1} after{:ok}"
    );
    assert_eq!(
        s("receive do\n  {:x, y} -> y\nafter\n  100 -> :timeout\nend"),
        "(receive) do{{:x, y} -> y} after{100 -> :timeout}"
    );
    assert_eq!(s("quote do: unquote(x)"), "(quote [{:do, unquote(x)}])");
    assert_eq!(s("quote do\n  x\nend"), "(quote) do{x}");
    assert_eq!(
        s("for x <- list, into: %{}, do: {x, 1}"),
        "(for (x Arrow list), [{:into, %{}}, {:do, {x, 1}}])"
    );
    assert_eq!(
        s("for p <- ~w(a b), do: Path.join(__DIR__, p)"),
        "(for (p Arrow ~w\"a b\"), [{:do, Path.join(__DIR__, p)}])"
    );
    assert_eq!(s("x = if a do 1 end"), "(x Match (if a) do{1})");
    assert_eq!(s("foo bar do\n  1\nend"), "(foo bar) do{1}");
    assert_eq!(s("foo(bar) do 1 end"), "foo(bar) do{1}");
    assert_eq!(s("if foo(x) do 1 end"), "(if foo(x)) do{1}");
    assert_eq!(s("if a do end"), "(if a) do{}");
}

#[test]
fn do_block_shapes() {
    let src = "case x do\n  1 -> :a\nend";
    let f = parse_ok(src);
    let call = f.exprs[0].as_call().unwrap();
    assert_eq!(call.blocks.len(), 1);
    let (name, Body::Clauses(clauses)) = &call.blocks[0] else {
        panic!("expected clauses")
    };
    assert_eq!(name, "do");
    assert_eq!(clauses.len(), 1);
    assert_eq!(&src[clauses[0].span.start..clauses[0].span.end], "1 -> :a");
    assert_eq!(slice(src, &f.exprs[0]), src);
    let src = "def project do\n  [app: :x]\nend";
    let f = parse_ok(src);
    let call = f.exprs[0].as_call().unwrap();
    assert!(matches!(&call.blocks[0], (n, Body::Exprs(e)) if n == "do" && e.len() == 1));
    assert_eq!(call.args_without_blocks().len(), 1);
}

#[test]
fn anonymous_functions() {
    assert_eq!(
        s("fn a, b when g -> x; _ -> y end"),
        "fn(a, b when g -> x; _ -> y)"
    );
    assert_eq!(s("fn -> x end"), "fn( -> x)");
    assert_eq!(
        s("fn _ -> Mix.shell().info \"x\" end"),
        "fn(_ -> (Mix.shell().info \"x\"))"
    );
    assert_eq!(s("fn (a, b) -> a end"), "fn(a, b -> a)");
    assert_eq!(s("fn(x) -> x end"), "fn(x -> x)");
    assert_eq!(s("fn x ->\n  y = x\n  y\nend"), "fn(x -> (y Match x); y)");
    assert_eq!(
        s("Enum.map(list, fn {k, v} -> {k, v} end)"),
        "Enum.map(list, fn({k, v} -> {k, v}))"
    );
}

#[test]
fn code_outside_defmodule_and_two_modules() {
    let src = "Code.ensure_loaded?(Hex) and Hex.start()\n\ndefmodule A do\nend\n\ndefmodule B.MixProject do\n  use Mix.Project\nend\n";
    assert_eq!(
        s(src),
        "(Code.ensure_loaded?(Hex) And Hex.start())\n(defmodule A) do{}\n(defmodule B.MixProject) do{(use Mix.Project)}"
    );
}

#[test]
fn comments_are_collected_with_spans() {
    let src = "# top\nx = 1 # trailing\r\n\"# not a comment\"\n";
    let f = parse_ok(src);
    assert_eq!(f.comments.len(), 2);
    assert_eq!(f.comments[0].1, " top");
    assert_eq!(&src[f.comments[0].0.start..f.comments[0].0.end], "# top");
    assert_eq!(f.comments[1].1, " trailing");
    assert_eq!(
        &src[f.comments[1].0.start..f.comments[1].0.end],
        "# trailing"
    );
}

#[test]
fn crlf_line_endings_keep_exact_spans() {
    let src = "defmodule A do\r\n  @version \"1.0.0\"\r\n  def project, do: [version: @version]\r\nend\r\n";
    let f = parse_ok(src);
    let call = f.exprs[0].as_call().unwrap();
    let Some((_, Body::Exprs(body))) = call.blocks.first() else {
        panic!()
    };
    let ExprKind::AttrSet { value, .. } = &body[0].kind else {
        panic!()
    };
    assert_eq!(slice(src, value), "\"1.0.0\"");
    assert_eq!(slice(src, &body[1]), "def project, do: [version: @version]");
    assert_eq!(body.len(), 2);
}

#[test]
fn tabs_are_whitespace() {
    assert_eq!(s("def\tx,\tdo:\t1"), "(def x, [{:do, 1}])");
}

// ---- lexer API --------------------------------------------------------------------------

#[test]
fn lexer_finds_defmodule_only_outside_strings_and_comments() {
    use hexlint::mixexs::lexer::{TokenKind, tokenize};
    let src = "# defmodule A do\n\"defmodule B\"\n~s(defmodule C)\n\"\"\"\ndefmodule D\n\"\"\"\ndefmodule E do\nend\n";
    let tokens = tokenize(src).unwrap();
    let found: Vec<&str> = tokens
        .iter()
        .filter(|t| t.kind == TokenKind::Identifier("defmodule".into()))
        .map(|t| &src[t.span.start..t.span.end])
        .collect();
    assert_eq!(found.len(), 1);
    let pos = tokens
        .iter()
        .position(|t| t.kind == TokenKind::Identifier("defmodule".into()))
        .unwrap();
    assert_eq!(tokens[pos + 1].kind, TokenKind::Alias("E".into()));
    assert!(matches!(tokens[0].kind, TokenKind::Comment));
}

// ---- errors -----------------------------------------------------------------------------

fn err_at(src: &str) -> (String, String, String) {
    let e = parse_err(src);
    (
        e.message.clone(),
        src[e.span.start..e.span.end].to_string(),
        e.label.clone(),
    )
}

#[test]
fn unterminated_literals_point_at_the_opening_delimiter() {
    let (msg, at, label) = err_at("x = \"abc\ny = 1\n");
    assert_eq!(
        (msg.as_str(), at.as_str(), label.as_str()),
        ("unterminated string", "\"", "string started here")
    );
    assert_eq!(parse_err("x = \"abc").span.start, 4);
    assert_eq!(
        parse_err("x = \"abc").help.as_deref(),
        Some("close it with `\"`")
    );
    assert_eq!(
        parse_err("x = \"\"\"\nabc").help.as_deref(),
        Some("close it with `\"\"\"` on a line of its own")
    );
    let (msg, at, label) = err_at("@moduledoc \"\"\"\n  text\n");
    assert_eq!(
        (msg.as_str(), at.as_str(), label.as_str()),
        ("unterminated heredoc", "\"\"\"", "heredoc started here")
    );
    let (msg, at, label) = err_at("x = ~w(a b\n");
    assert_eq!(
        (msg.as_str(), at.as_str(), label.as_str()),
        ("unterminated sigil", "~w(", "sigil started here")
    );
    let (msg, at, _) = err_at("x = 'abc");
    assert_eq!((msg.as_str(), at.as_str()), ("unterminated charlist", "'"));
    let (msg, at, label) = err_at("x = \"a#{b");
    assert_eq!(
        (msg.as_str(), at.as_str(), label.as_str()),
        (
            "unterminated interpolation: missing `}`",
            "#{",
            "interpolation started here"
        )
    );
    let (msg, at, _) = err_at("x = \"\"\"abc\n\"\"\"");
    assert_eq!(
        (msg.as_str(), at.as_str()),
        ("heredoc start must be followed by a new line", "\"\"\"")
    );
    let (msg, at, _) = err_at("x = :\"abc");
    assert_eq!((msg.as_str(), at.as_str()), ("unterminated atom", ":\""));
}

#[test]
fn missing_end_points_at_the_do() {
    let src = "defmodule A do\n  def x do\n    1\n  end\n";
    let e = parse_err(src);
    assert_eq!(
        e.message,
        "`do` block opened on line 1 is never closed: missing `end`"
    );
    assert_eq!(e.span.start, 12);
    assert_eq!(&src[e.span.start..e.span.end], "do");
    assert_eq!(e.label, "this `do` has no matching `end`");
    assert!(e.help.is_some());
    let e = parse_err("fn x -> x");
    assert_eq!(e.message, "`fn` is never closed: missing `end`");
    assert_eq!(e.span.start, 0);
}

#[test]
fn unexpected_and_mismatched_tokens() {
    let (msg, at, _) = err_at("foo())");
    assert_eq!((msg.as_str(), at.as_str()), ("unexpected `)`", ")"));
    let e = parse_err("x = [1,\n  2)");
    assert_eq!(
        e.message,
        "mismatched delimiter: `[` opened at line 1, column 5 is closed by `)`"
    );
    assert_eq!(e.span.start, 11);
    assert_eq!(e.label, "expected `]`");
    let e = parse_err("x = {1, 2");
    assert_eq!(e.message, "unclosed `{`: missing `}`");
    assert_eq!(e.span.start, 4);
    let (msg, _, _) = err_at("end");
    assert_eq!(msg, "unexpected `end`");
    let (msg, at, _) = err_at("foo(a: 1, 2)");
    assert_eq!(
        (msg.as_str(), at.as_str()),
        ("unexpected expression after a keyword list", "2")
    );
    let (msg, _, _) = err_at("[a:1]");
    assert_eq!(msg, "keyword argument must be followed by space after `a:`");
    let (msg, at, _) = err_at("x = 1 ` y");
    assert_eq!(
        (msg.as_str(), at.as_str()),
        ("unexpected character '`'", "`")
    );
}

#[test]
fn byte_order_mark_is_rejected_like_elixir_does() {
    let e = parse_err("\u{feff}defmodule A do\nend\n");
    assert!(e.message.contains("byte order mark"), "{}", e.message);
    assert_eq!((e.span.start, e.span.end), (0, 3));
}

// ---- limits -----------------------------------------------------------------------------

fn in_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(f)
        .unwrap()
        .join()
        .unwrap()
}

#[test]
fn deep_nesting_fails_fast_with_the_limit_error() {
    in_small_stack(|| {
        for (open, close) in [
            ("[", "]"),
            ("(", ")"),
            ("{", "}"),
            ("%{a: ", "}"),
            ("<< ", " >>"),
            ("- ", ""),
            ("fn -> ", " end"),
            ("if x do ", " end"),
            ("\"#{", "}\""),
            ("@a ", ""),
            ("& ", ""),
            ("x = ", ""),
            ("not ", ""),
            ("foo ", ""),
            ("Enum.map x, fn y -> ", " end"),
        ] {
            let src = format!("{}1{}", open.repeat(100_000), close.repeat(100_000));
            let e = parse(&src).expect_err(open);
            assert_eq!(e.limit, Some("MAX_NESTING_DEPTH"), "{open}: {}", e.message);
            assert!(e.message.contains("MAX_NESTING_DEPTH"));
        }
        for chain in ["a.b", "+ 1", "[0]"] {
            let src = format!("x{}", chain.repeat(100_000));
            let e = parse(&src).expect_err(chain);
            assert_eq!(e.limit, Some("MAX_NESTING_DEPTH"), "{chain}");
        }
    });
}

#[test]
fn nesting_just_under_the_limit_parses_in_a_small_stack() {
    in_small_stack(|| {
        for (open, close) in [
            ("[", "]"),
            ("(", ")"),
            ("{", "}"),
            ("%{a: ", "}"),
            ("fn -> ", " end"),
            ("if x do ", " end"),
            ("\"#{", "}\""),
        ] {
            let n = 100;
            let src = format!("{}1{}", open.repeat(n), close.repeat(n));
            assert!(parse(&src).is_ok(), "{open}");
        }
        let n = hexlint::limits::MAX_NESTING_DEPTH - 2;
        let src = format!("{}1{}", "[".repeat(n), "]".repeat(n));
        assert!(parse(&src).is_ok());
    });
}

// ---- whole files, compared with Elixir's own parser ------------------------------------

/// Every `tests/parser_fixtures/*.exs` parses to the same tree as Elixir's
/// `Code.string_to_quoted` (its `.sexp` was produced by `to_sexp.exs` with real Elixir).
#[test]
fn realistic_files_match_elixirs_parser() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/parser_fixtures");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "exs") {
            continue;
        }
        let src = std::fs::read_to_string(&path).unwrap();
        let expected = std::fs::read_to_string(path.with_extension("sexp")).unwrap();
        let actual = parse_ok(&src)
            .exprs
            .iter()
            .map(|e| sexp(e) + "\n")
            .collect::<String>();
        assert_eq!(actual, expected, "{}", path.display());
        checked += 1;
    }
    assert!(checked >= 7, "only {checked} fixtures");
}

// ---- robustness -------------------------------------------------------------------------

fn fixture(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/parser_fixtures")
        .join(name);
    std::fs::read_to_string(path).unwrap()
}

/// Parsing any prefix, and random slices, of real files never panics (errors are fine).
#[test]
fn never_panics_on_prefixes_and_slices() {
    let files = [
        "postgrex.exs",
        "erlang_flavoured.exs",
        "phoenix.exs",
        "snippets.exs",
    ];
    for (i, name) in files.iter().enumerate() {
        let src = fixture(name);
        let step = if i < 2 { 1 } else { 5 };
        for end in (0..=src.len())
            .step_by(step)
            .filter(|&e| src.is_char_boundary(e))
        {
            let _ = parse(&src[..end]);
        }
        // A small linear congruential generator: reproducible without a dependency.
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15 ^ i as u64;
        let mut next = |bound: usize| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) as usize % bound.max(1)
        };
        for _ in 0..300 {
            let a = next(src.len());
            let b = a + next(src.len() - a + 1);
            if let Some(slice) = src.get(a..b) {
                let _ = parse(slice);
            }
        }
    }
}

fn walk<'a>(e: &'a Expr, out: &mut Vec<(&'a Expr, Option<&'a Expr>)>, parent: Option<&'a Expr>) {
    use ExprKind::*;
    out.push((e, parent));
    let p = Some(e);
    let mut kids: Vec<&Expr> = Vec::new();
    let parts_kids = |parts: &'a [StrPart], kids: &mut Vec<&'a Expr>| {
        for part in parts {
            if let StrPart::Interp(x) = part {
                kids.push(x);
            }
        }
    };
    match &e.kind {
        InterpolatedAtom(parts) | String(parts) | Charlist(parts) | Sigil { parts, .. } => {
            parts_kids(parts, &mut kids)
        }
        List(items) | Tuple(items) | Bitstring(items) | Block(items) => kids.extend(items),
        Cons(items, tail) => {
            kids.extend(items);
            kids.push(tail);
        }
        Map(entries) => entries.iter().for_each(|(k, v)| kids.extend([k, v])),
        MapUpdate(base, entries) => {
            kids.push(base);
            entries.iter().for_each(|(k, v)| kids.extend([k, v]));
        }
        Struct { name, base, fields } => {
            kids.push(name);
            kids.extend(base.as_deref());
            fields.iter().for_each(|(k, v)| kids.extend([k, v]));
        }
        AttrSet { value, .. } => kids.push(value),
        Call(c) => {
            kids.extend(c.target.as_ref());
            kids.extend(&c.args);
            for (_, body) in &c.blocks {
                match body {
                    Body::Exprs(xs) => kids.extend(xs),
                    Body::Clauses(cs) => cs.iter().for_each(|c| {
                        kids.extend(&c.patterns);
                        kids.extend(c.guard.as_ref());
                        kids.extend(&c.body);
                    }),
                }
            }
        }
        AnonCall { fun, args } => {
            kids.push(fun);
            kids.extend(args);
        }
        Access { expr, key } => kids.extend([&**expr, &**key]),
        Fn(cs) => cs.iter().for_each(|c| {
            kids.extend(&c.patterns);
            kids.extend(c.guard.as_ref());
            kids.extend(&c.body);
        }),
        Capture(x) | Unary { expr: x, .. } => kids.push(x),
        Binary { lhs, rhs, .. } => kids.extend([&**lhs, &**rhs]),
        _ => {}
    }
    for k in kids {
        walk(k, out, p);
    }
}

/// Every node's span lies on char boundaries inside its parent's span, in every fixture.
#[test]
fn every_span_is_inside_its_parent() {
    for name in [
        "postgrex.exs",
        "erlang_flavoured.exs",
        "phoenix.exs",
        "ecto.exs",
        "snippets.exs",
        "plug.exs",
    ] {
        let src = fixture(name);
        let f = parse_ok(&src);
        let mut nodes = Vec::new();
        for e in &f.exprs {
            walk(e, &mut nodes, None);
        }
        assert!(nodes.len() > 100, "{name}");
        for (node, parent) in nodes {
            assert!(
                node.span.start < node.span.end || matches!(node.kind, ExprKind::Nil),
                "{name}: empty span {node:?}"
            );
            assert!(
                src.get(node.span.start..node.span.end).is_some(),
                "{name}: bad span {:?}",
                node.span
            );
            if let Some(p) = parent {
                assert!(
                    p.span.start <= node.span.start && node.span.end <= p.span.end,
                    "{name}: {:?} outside {:?}: {}",
                    node.span,
                    p.span,
                    sexp(p)
                );
            }
        }
    }
}

/// How fast parsing is belongs in `cargo bench --bench parse_eval`; this checks the result.
#[test]
fn parses_a_typical_file() {
    let src = fixture("postgrex.exs");
    let parsed = parse_ok(&src);
    assert!(!parsed.exprs.is_empty());
}

/// Random soups of Elixir fragments and random edits of a real file never panic. Set
/// `FUZZ_ITERS` for a longer run (3 million passed in release before this was committed).
#[test]
fn never_panics_on_random_token_soup_and_edits() {
    let iters: usize = std::env::var("FUZZ_ITERS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(20_000);
    let pieces = [
        "(",
        ")",
        "[",
        "]",
        "{",
        "}",
        "<<",
        ">>",
        "%",
        "%{",
        ",",
        ";",
        ".",
        " do ",
        " end ",
        "fn ",
        "->",
        "=>",
        "|",
        "\n",
        "\r\n",
        "\"",
        "'",
        "\"\"\"\n",
        "'''\n",
        "~w(",
        "~r/",
        "~S\"\"\"\n",
        "#{",
        "}",
        ":",
        "a: ",
        "\"k\": ",
        "foo",
        "Foo",
        "1",
        "-1",
        " -",
        "@x ",
        "&",
        "&1",
        " when ",
        " not ",
        " in ",
        "+",
        "*",
        "?a",
        "\\\\",
        "\\",
        "#",
        " ",
        "\t",
        "é",
        ":\"",
        "else",
        "..",
        "//",
        "::",
        "<-",
        "=",
        "|>",
        "x.(",
        "0x",
        "1.0e",
        "_",
        "?",
        "!",
        "^",
        "__MODULE__",
        "'a'",
        "\"s\"",
        "~",
        "=~",
        "...",
        "not in",
    ];
    let mut state: u64 = 42;
    for i in 0..iters {
        let mut src = std::string::String::new();
        let len = 1 + (i % 150);
        for _ in 0..len {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            src.push_str(pieces[(state >> 33) as usize % pieces.len()]);
        }
        let r = std::panic::catch_unwind(|| parse(&src));
        if r.is_err() {
            panic!("panic on {src:?}");
        }
    }
    // Mutations of a real file: replace a random range with a random piece.
    let base = fixture("erlang_flavoured.exs");
    for _ in 0..iters / 10 {
        let mut src = base.clone();
        for _ in 0..3 {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            let a = (state >> 33) as usize % src.len();
            let b = (a + (state >> 20) as usize % 8).min(src.len());
            if src.is_char_boundary(a) && src.is_char_boundary(b) {
                src.replace_range(a..b, pieces[(state >> 40) as usize % pieces.len()]);
            }
        }
        let r = std::panic::catch_unwind(|| parse(&src));
        if r.is_err() {
            panic!("panic on {src:?}");
        }
    }
}

#[test]
fn lexer_token_kinds_and_spans() {
    use hexlint::mixexs::lexer::{Fragment, TokenKind as K, tokenize};
    let src = "foo: 1, \"a-b\": :x, ~w(a b)a, &1, 0x1F, Mix.env";
    let tokens = tokenize(src).unwrap();
    let kinds: Vec<&K> = tokens.iter().map(|t| &t.kind).collect();
    assert_eq!(kinds[0], &K::KwKey("foo".into()));
    assert_eq!(&src[tokens[0].span.start..tokens[0].span.end], "foo:");
    assert_eq!(kinds[3], &K::KwKey("a-b".into()));
    assert_eq!(&src[tokens[3].span.start..tokens[3].span.end], "\"a-b\":");
    assert_eq!(kinds[4], &K::Atom("x".into()));
    assert!(
        matches!(kinds[6], K::Sigil(s) if s.name == "w" && s.modifiers == "a" && s.delimiter == "(")
    );
    assert_eq!(&src[tokens[6].span.start..tokens[6].span.end], "~w(a b)a");
    assert_eq!(kinds[8], &K::CaptureArg(1));
    assert_eq!(kinds[10], &K::Integer(31.into()));
    assert_eq!(
        kinds[12..],
        [
            &K::Alias("Mix".into()),
            &K::Dot,
            &K::Identifier("env".into())
        ]
    );

    // Interpolations hold their own tokens, with spans into the same source.
    let src = "\"v#{@version}\"";
    let tokens = tokenize(src).unwrap();
    assert_eq!(tokens.len(), 1);
    let K::Str {
        parts,
        heredoc: false,
    } = &tokens[0].kind
    else {
        panic!()
    };
    assert_eq!(parts[0], Fragment::Lit("v".into()));
    let Fragment::Interp {
        tokens: inner,
        span,
    } = &parts[1]
    else {
        panic!()
    };
    assert_eq!(&src[span.start..span.end], "#{@version}");
    assert_eq!(inner[0].kind, K::Op("@"));
    assert_eq!(&src[inner[1].span.start..inner[1].span.end], "version");

    // `foo -1` vs `foo - 1`: the parser reads `space_before`.
    let tokens = tokenize("foo -1").unwrap();
    assert!(tokens[1].space_before && !tokens[2].space_before);
    let tokens = tokenize("foo - 1").unwrap();
    assert!(tokens[1].space_before && tokens[2].space_before);
}

#[test]
fn lexer_newlines_follow_elixir() {
    use hexlint::mixexs::lexer::{TokenKind as K, tokenize};
    let count = |src: &str| {
        tokenize(src)
            .unwrap()
            .iter()
            .filter(|t| t.kind == K::Newline)
            .count()
    };
    assert_eq!(count("a\nb"), 1);
    assert_eq!(count("a\n\n\n# c\n\nb"), 1);
    assert_eq!(count("a +\nb"), 0);
    assert_eq!(count("a\n|> b"), 0);
    assert_eq!(count("a\n# comment\n|> b"), 0);
    assert_eq!(count("a\n-b"), 1);
    assert_eq!(count("[\n1,\n2\n]"), 1); // only before `]`, which the parser skips
    assert_eq!(count("a \\\nb"), 0); // `\` continues the line
    assert_eq!(count("a\r\nb"), 1);
}

/// Operator keyword keys (`[==: 2, !=: 2]`, found in ecto's query builder) lex as keys, as in
/// Elixir: `Code.string_to_quoted!("[==: 2, <>: 4]")` is a keyword list.
#[test]
fn operator_keyword_keys() {
    // `import Kernel, except: [@: 1]` is real code (norm).
    let tokens =
        hexlint::mixexs::lexer::tokenize("[==: 2, !=: 2, +: 1, <>: 4, ..: 5, @: 1]").unwrap();
    let keys: Vec<String> = tokens
        .iter()
        .filter_map(|t| match &t.kind {
            hexlint::mixexs::lexer::TokenKind::KwKey(k) => Some(k.to_string()),
            _ => None,
        })
        .collect();
    assert_eq!(keys, ["==", "!=", "+", "<>", "..", "@"]);
    // Ordinary operators are unaffected.
    assert!(hexlint::mixexs::parse("a = b == :c\nx = %{m | a: 1}\n@x :y\n").is_ok());
}
