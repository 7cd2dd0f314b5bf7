//! The partial evaluator against real-looking mix.exs sources: exact values, spans and the
//! reasons of unknown values. Expected values were checked with Elixir 1.14.

use hexlint::mixexs::eval::{EvalOptions, Evaluated, evaluate};
use hexlint::mixexs::parse;
use hexlint::mixexs::value::{Value, ValueKind};
use std::collections::HashMap;

const NO_ROOT: &str = "/nonexistent-hexlint-root";

fn eval_opts(src: &str, opts: &EvalOptions) -> Evaluated {
    let parsed = parse(src).unwrap_or_else(|e| panic!("parse error: {e:?}\n{src}"));
    evaluate(&parsed, opts)
}

fn eval(src: &str) -> Evaluated {
    eval_opts(src, &EvalOptions::new(NO_ROOT))
}

/// A project module whose `project/0` body is `expr`, after `prelude` in the module body.
fn module_src(prelude: &str, expr: &str) -> String {
    format!(
        "defmodule T.MixProject do\n  use Mix.Project\n{prelude}\n  def project do\n    {expr}\n  end\nend\n"
    )
}

/// The value of `expr` evaluated as the body of `project/0`.
fn value_of(expr: &str) -> Value {
    eval(&module_src("", expr)).project
}

fn inspect_of(expr: &str) -> String {
    value_of(expr).inspect()
}

/// `expr` with `prelude` (attributes, helper functions) before `project/0`.
fn inspect_with(prelude: &str, expr: &str) -> String {
    eval(&module_src(prelude, expr)).project.inspect()
}

fn reason_of(v: &Value) -> &str {
    v.unknown_reason()
        .unwrap_or_else(|| panic!("expected an unknown value, got {}", v.inspect()))
}

fn get<'v>(v: &'v Value, key: &str) -> &'v Value {
    v.get(key)
        .unwrap_or_else(|| panic!("no key {key} in {}", v.inspect()))
}

fn text<'s>(src: &'s str, v: &Value) -> &'s str {
    &src[v.span.start..v.span.end]
}

fn opts_with(root: &std::path::Path, env: &[(&str, &str)]) -> EvalOptions {
    let mut opts = EvalOptions::new(root);
    opts.env_vars = env
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect::<HashMap<_, _>>();
    opts
}

// ---------------------------------------------------------------------------------------------
// Finding the project module

#[test]
fn finds_the_module_that_uses_mix_project() {
    let src = r#"
Code.ensure_loaded?(Hex) and Hex.start()

defmodule Helper do
  def version, do: "0.3.0"
end

defmodule Postgrex.MixProject do
  use Mix.Project
  def project, do: [app: :postgrex, version: Helper.version()]
end
"#;
    let e = eval(src);
    assert_eq!(e.module.as_deref(), Some("Postgrex.MixProject"));
    assert_eq!(e.project.inspect(), r#"[app: :postgrex, version: "0.3.0"]"#);
    assert!(e.notes.is_empty());
}

#[test]
fn no_project_module_is_unknown_with_a_reason() {
    let e = eval("defmodule Foo do\n  def project, do: []\nend\n");
    assert_eq!(e.module, None);
    assert_eq!(
        reason_of(&e.project),
        "no module in mix.exs calls `use Mix.Project`"
    );
    let e = eval("IO.puts(:hi)\n");
    assert_eq!(
        reason_of(&e.project),
        "mix.exs defines no module (Mix expects one that calls `use Mix.Project`)"
    );
}

#[test]
fn missing_project_function_is_unknown() {
    let src = "defmodule A.MixProject do\n  use Mix.Project\n  def other, do: 1\nend\n";
    let e = eval(src);
    assert_eq!(e.module.as_deref(), Some("A.MixProject"));
    assert_eq!(
        reason_of(&e.project),
        "module A.MixProject has no project/0 function"
    );
    assert_eq!(text(src, &e.project), &src[..src.len() - 1]);
}

// ---------------------------------------------------------------------------------------------
// Literals and data structures

#[test]
fn literals() {
    assert_eq!(
        inspect_of(r#"[nil, true, false, 1_000, 0x1F, ?a, -3, 1.5, :ok, :"foo-bar", "s", 'cl']"#),
        r#"[nil, true, false, 1000, 31, 97, -3, 1.5, :ok, :"foo-bar", "s", ~c"cl"]"#
    );
    let v = value_of("Foo.Bar");
    assert_eq!(v.kind, ValueKind::Atom("Elixir.Foo.Bar".into()));
}

#[test]
fn keyword_lists_tuples_and_maps() {
    assert_eq!(
        inspect_of(r#"[a: 1, "b-c": {:x, "y"}, d: %{"GitHub" => "https://x"}]"#),
        r#"[a: 1, "b-c": {:x, "y"}, d: %{"GitHub" => "https://x"}]"#
    );
    // Duplicate map keys: the last one wins.
    assert_eq!(inspect_of("%{a: 1, b: 2, a: 3}"), "%{:a => 3, :b => 2}");
    assert_eq!(inspect_of("%{%{a: 1} | a: 2}"), "%{:a => 2}");
    assert_eq!(inspect_of("[1, 2 | [3]]"), "[1, 2, 3]");
}

#[test]
fn map_update_with_a_missing_key_is_unknown() {
    let v = value_of("%{%{a: 1} | b: 2}");
    assert_eq!(
        reason_of(&v),
        "key :b is not in the map (Mix would raise KeyError)"
    );
}

#[test]
fn interpolation_uses_to_string() {
    assert_eq!(
        inspect_with(
            "  @version \"1.2.0\"",
            r##""v#{@version} #{:atom} #{1} #{1.0e10} #{0.1}|#{nil}|#{'cl'} #{Foo.Bar} #{[?a, "b"]}""##
        ),
        r#""v1.2.0 atom 1 1.0e10 0.1||cl Elixir.Foo.Bar ab""#
    );
    let v = value_of(r##""#{{:a}}""##);
    assert_eq!(
        reason_of(&v),
        "{:a} cannot be converted to a string (Mix would raise)"
    );
    assert_eq!(inspect_of(r##":"app_#{1}""##), ":app_1");
}

#[test]
fn sigils() {
    assert_eq!(
        inspect_of("~w(lib mix.exs README.md)"),
        r#"["lib", "mix.exs", "README.md"]"#
    );
    assert_eq!(inspect_of("~w(dev test)a"), "[:dev, :test]");
    assert_eq!(inspect_of("~w(a b)c"), r#"[~c"a", ~c"b"]"#);
    assert_eq!(inspect_of("~w()"), "[]");
    assert_eq!(inspect_of(r#"~s(a "b" #{1})"#), r#""a \"b\" 1""#);
    assert_eq!(inspect_of(r#"~S(a #{1})"#), r##""a #{1}""##);
    assert_eq!(inspect_of("~c(abc)"), r#"~c"abc""#);
    assert_eq!(
        value_of("~r/^lib\\/.*\\.ex$/i").kind,
        ValueKind::Regex {
            // Elixir drops the backslash of an escaped delimiter.
            source: "^lib/.*\\.ex$".into(),
            opts: "i".into()
        }
    );
    let v = value_of("~D[2024-01-01]");
    assert_eq!(reason_of(&v), "~D sigil is not evaluated");
}

#[test]
fn word_sigil_elements_have_their_own_spans() {
    let src = module_src("", "[files: ~w(lib mix.exs)]");
    let p = eval(&src).project;
    let files = get(&p, "files").as_list().unwrap();
    assert_eq!(text(&src, &files[0]), "lib");
    assert_eq!(text(&src, &files[1]), "mix.exs");
}

#[test]
fn captures_and_anonymous_functions() {
    assert_eq!(
        value_of("&docs/0").kind,
        ValueKind::Function("docs/0".into())
    );
    assert_eq!(
        value_of("&Mix.Tasks.Docs.run/1").kind,
        ValueKind::Function("Mix.Tasks.Docs.run/1".into())
    );
    assert_eq!(
        value_of("fn _ -> :ok end").kind,
        ValueKind::Function("fn".into())
    );
    assert_eq!(
        value_of("&(&1 <> \"x\")").kind,
        ValueKind::Function("fn".into())
    );
    let v = value_of("(fn -> 1 end).()");
    assert!(
        reason_of(&v).contains("hexlint never calls functions"),
        "{}",
        reason_of(&v)
    );
}

// ---------------------------------------------------------------------------------------------
// Operators

#[test]
fn list_and_string_operators() {
    assert_eq!(inspect_of("[1, 2] ++ [3]"), "[1, 2, 3]");
    assert_eq!(inspect_of("[1, 2, 1, 3] -- [1, 3]"), "[2, 1]");
    assert_eq!(inspect_of(r#""v" <> "1.0""#), r#""v1.0""#);
    assert_eq!(inspect_of("'ab' ++ 'c'"), r#"~c"abc""#);
    let v = value_of(r#""v" <> 1"#);
    assert_eq!(
        reason_of(&v),
        r#"`"v" <> 1`: `<>` needs two strings (Mix would raise)"#
    );
}

#[test]
fn comparisons_and_booleans() {
    assert_eq!(
        inspect_of("[1 == 1.0, 1 === 1.0, 1 != 2, :a !== :a, 1 < :a, \"21\" < \"3\", 2 >= 2]"),
        "[true, false, true, false, true, true, true]"
    );
    assert_eq!(
        inspect_of("[true and false, false or true, not true, nil && 1, nil || 2, !nil, 1 && 2]"),
        "[false, true, false, nil, 2, true, 2]"
    );
    assert_eq!(
        inspect_of("[:dev in [:dev, :test], 1 in [1.0], :prod not in [:dev]]"),
        "[true, false, true]"
    );
    assert_eq!(inspect_of("[1 + 2 * 3, 7 / 2, 2 - 5.5]"), "[7, 3.5, -3.5]");
    let v = value_of("1 and true");
    assert_eq!(
        reason_of(&v),
        "`1` is not a boolean (Mix would raise BadBooleanError)"
    );
}

#[test]
fn pipes_into_builtins_and_local_functions() {
    let prelude = "  defp suffix(s, x), do: s <> x";
    assert_eq!(
        inspect_with(prelude, r#""  1.0\n" |> String.trim() |> suffix("-dev")"#),
        r#""1.0-dev""#
    );
    assert_eq!(inspect_of("[c: 1] |> Keyword.put(:a, 2)"), "[a: 2, c: 1]");
}

// ---------------------------------------------------------------------------------------------
// Control flow

#[test]
fn if_unless_and_else() {
    assert_eq!(
        inspect_of("if Mix.env() == :dev, do: :yes, else: :no"),
        ":yes"
    );
    assert_eq!(inspect_of("if Mix.env() == :prod, do: :yes"), "nil");
    assert_eq!(
        inspect_of("unless Mix.env() == :prod do\n :a\n else\n :b\n end"),
        ":a"
    );
    assert_eq!(inspect_of("if [], do: 1, else: 2"), "1");
}

#[test]
fn if_on_an_unknown_condition() {
    let src = module_src(
        "",
        "if System.version() >= \"1.12.0\", do: [a: 1], else: [b: 1]",
    );
    let v = eval(&src).project;
    assert_eq!(
        reason_of(&v),
        "depends on `System.version() >= \"1.12.0\"`, which is unknown: System.version/0 depends on the Elixir version running Mix"
    );
    assert!(text(&src, &v).starts_with("if System.version()"));
    // Both branches give the same value: it does not matter which one runs.
    assert_eq!(
        inspect_of("if System.otp_release() > \"21\", do: :same, else: :same"),
        ":same"
    );
}

#[test]
fn case_with_clauses_and_guards() {
    let expr = r#"case Mix.env() do
      :prod -> :p
      env when env in [:dev, :test] -> {:dt, env}
      _ -> :other
    end"#;
    assert_eq!(inspect_of(expr), "{:dt, :dev}");
    assert_eq!(
        inspect_of(r#"case {:ok, "x"} do {:error, _} -> 1; {:ok, s} -> s <> "!" end"#),
        r#""x!""#
    );
    let v = value_of("case :z do :a -> 1 end");
    assert_eq!(
        reason_of(&v),
        "no `case` clause matches :z (Mix would raise CaseClauseError)"
    );
    let v = value_of("case System.version() do \"1\" <> _ -> :one; _ -> :other end");
    assert_eq!(
        reason_of(&v),
        "depends on `System.version()`, which is unknown: System.version/0 depends on the Elixir version running Mix"
    );
}

#[test]
fn cond_picks_the_first_true_clause() {
    assert_eq!(
        inspect_of("cond do\n 1 > 2 -> :a\n Mix.env() == :dev -> :b\n true -> :c\n end"),
        ":b"
    );
    let v = value_of("cond do\n false -> 1\n end");
    assert_eq!(
        reason_of(&v),
        "no `cond` clause is true (Mix would raise CondClauseError)"
    );
}

#[test]
fn variables_blocks_and_match() {
    assert_eq!(
        inspect_of(
            "base = [a: 1]\n    {x, y} = {2, 3}\n    [h | t] = [4, 5, 6]\n    base ++ [b: x + y, h: h, t: t]"
        ),
        "[a: 1, b: 5, h: 4, t: [5, 6]]"
    );
    let v = value_of("{:ok, x} = {:error, 1}\n    x");
    assert!(reason_of(&v).contains("MatchError"), "{}", reason_of(&v));
    // Variables bound inside a branch do not leak.
    let v = value_of("x = 1\n    if true do\n x = 2\n end\n    x");
    assert_eq!(v.kind, ValueKind::Int(1));
}

#[test]
fn for_comprehensions_over_known_lists() {
    assert_eq!(
        inspect_of("for x <- [1, 2, 3], x != 2, do: x * 10"),
        "[10, 30]"
    );
    assert_eq!(
        inspect_of("for {k, v} <- [a: 1, b: 2], {:ok, w} <- [{:ok, v}, :skip], do: {k, w}"),
        "[a: 1, b: 2]"
    );
    assert_eq!(
        inspect_of("for x <- [1, 2], into: %{}, do: {x, x * 2}"),
        "%{1 => 2, 2 => 4}"
    );
    assert_eq!(
        inspect_of("for x <- [1, 1, 2], uniq: true, do: x"),
        "[1, 2]"
    );
    let v = value_of("for x <- [1], reduce: 0, do: (acc -> acc + x)");
    assert_eq!(reason_of(&v), "`for` with `reduce:` is not evaluated");
}

#[test]
fn with_and_match_question() {
    assert_eq!(
        inspect_of("with {:ok, v} <- {:ok, 1}, w = v + 1 do\n w\n end"),
        "2"
    );
    assert_eq!(inspect_of("with {:ok, v} <- :error, do: v"), ":error");
    assert_eq!(
        inspect_of("[match?({:ok, _}, {:ok, 1}), match?([_], [])]"),
        "[true, false]"
    );
}

// ---------------------------------------------------------------------------------------------
// Module attributes

#[test]
fn attributes_are_read_at_the_point_of_the_def() {
    let src = r#"
defmodule A.MixProject do
  use Mix.Project
  @x 1
  def a, do: @x
  @x 2
  def b, do: @x
  def c, do: @later
  @later :set_after
  def project, do: [a: a(), b: b(), c: c(), now: @x]
end
"#;
    assert_eq!(eval(src).project.inspect(), "[a: 1, b: 2, c: nil, now: 2]");
}

#[test]
fn attribute_values_keep_the_span_of_their_literal() {
    let src = r#"
defmodule A.MixProject do
  use Mix.Project
  @version "1.2.0"
  @source_url "https://github.com/a/b"
  def project do
    [version: @version, source_url: @source_url, docs: [source_ref: "v#{@version}"]]
  end
end
"#;
    let p = eval(src).project;
    assert_eq!(text(src, get(&p, "version")), "\"1.2.0\"");
    assert_eq!(
        text(src, get(&p, "source_url")),
        "\"https://github.com/a/b\""
    );
    let source_ref = get(get(&p, "docs"), "source_ref");
    assert_eq!(source_ref.as_str(), Some("v1.2.0"));
    assert_eq!(text(src, source_ref), "\"v#{@version}\"");
}

#[test]
fn attributes_built_from_other_attributes_and_module_variables() {
    let prelude = r##"  @app :my_app
  @version "0.1.0"
  @full "#{@app}-#{@version}"
  @envs [:dev, :test]
  name = "Name"
  @name name
  @doc "ignored"
  @spec project() :: keyword"##;
    assert_eq!(
        inspect_with(prelude, "[full: @full, envs: @envs, name: @name]"),
        r#"[full: "my_app-0.1.0", envs: [:dev, :test], name: "Name"]"#
    );
}

#[test]
fn accumulating_attributes_read_as_lists() {
    let prelude = "  Module.register_attribute(__MODULE__, :extra, accumulate: true)\n  @extra \"a.md\"\n  @extra \"b.md\"\n  @single 1\n  @single 2";
    assert_eq!(
        inspect_with(prelude, "[extra: @extra, single: @single]"),
        r#"[extra: ["b.md", "a.md"], single: 2]"#
    );
}

#[test]
fn nested_modules_and_aliases() {
    let src = r#"
defmodule Outer.MixProject do
  use Mix.Project
  defmodule Versions do
    def current, do: "4.0.0"
  end
  require Logger, as: Log
  def project, do: [version: Versions.current(), inner: Versions, log: Log]
end
"#;
    assert_eq!(
        eval(src).project.inspect(),
        r#"[version: "4.0.0", inner: Outer.MixProject.Versions, log: Logger]"#
    );
}

#[test]
fn module_level_raise_does_not_stop_evaluation() {
    let src = r#"
defmodule Legacy.MixProject do
  use Mix.Project
  if System.otp_release() < "21" do
    raise "Legacy requires OTP 21+"
  end
  @version "2.0.0"
  def project, do: [app: :legacy, version: @version]
end
"#;
    assert_eq!(
        eval(src).project.inspect(),
        r#"[app: :legacy, version: "2.0.0"]"#
    );
}

/// `(span text, message)` of each note.
fn notes_of<'s>(src: &'s str, e: &'s Evaluated) -> Vec<(&'s str, &'s str)> {
    e.notes
        .iter()
        .map(|n| (&src[n.span.start..n.span.end], n.message.as_str()))
        .collect()
}

#[test]
fn a_raise_that_surely_runs_makes_the_whole_project_unknown() {
    let src = r#"
defmodule A.MixProject do
  use Mix.Project
  @supported [:test]
  def project do
    unless Mix.env() in @supported do
      raise "cannot build in #{Mix.env()}"
    end
    [app: :a, version: "0.1.0"]
  end
end
"#;
    let e = eval(src);
    assert_eq!(e.module.as_deref(), Some("A.MixProject"));
    assert_eq!(
        reason_of(&e.project),
        r#"`raise` would abort loading mix.exs: "cannot build in dev""#
    );
    assert_eq!(
        text(src, &e.project),
        r##"raise "cannot build in #{Mix.env()}""##
    );
    assert_eq!(
        notes_of(src, &e),
        vec![(
            r##"raise "cannot build in #{Mix.env()}""##,
            r#"`raise` would abort loading mix.exs: "cannot build in dev"; Mix itself would fail to load this mix.exs"#
        )]
    );
    let mut opts = EvalOptions::new(NO_ROOT);
    opts.mix_env = "test".into();
    let e = eval_opts(src, &opts);
    assert_eq!(e.project.inspect(), r#"[app: :a, version: "0.1.0"]"#);
    assert!(e.notes.is_empty());
}

#[test]
fn raises_at_module_level_and_in_helpers_stop_loading() {
    let src = module_src(
        "  if Mix.env() == :dev do\n    raise \"not in dev\"\n  end",
        "[a: 1]",
    );
    let e = eval(&src);
    assert_eq!(
        notes_of(&src, &e),
        vec![(
            "raise \"not in dev\"",
            "`raise` would abort loading mix.exs: \"not in dev\"; Mix itself would fail to load this mix.exs"
        )]
    );
    assert_eq!(
        reason_of(&e.project),
        "`raise` would abort loading mix.exs: \"not in dev\""
    );

    let src = module_src(
        "  defp paths(:test), do: [\"test\"]",
        "[a: 1, paths: paths(:other)]",
    );
    let e = eval(&src);
    assert_eq!(
        reason_of(&e.project),
        "no clause of paths/1 matches :other (Mix would raise FunctionClauseError)"
    );
    assert_eq!(text(&src, &e.project), "paths(:other)");
    assert_eq!(e.notes.len(), 1);

    let e = eval(&module_src("", "[a: 1, b: Keyword.fetch!([], :b)]"));
    assert_eq!(
        reason_of(&e.project),
        "Keyword.fetch!/2: key :b not found (Mix would raise KeyError)"
    );
}

#[test]
fn code_that_may_not_run_does_not_raise() {
    let src = r#"
defmodule A.MixProject do
  use Mix.Project
  if Version.match?(System.version(), "< 1.0.0") do
    raise "too old"
  end
  def project do
    [
      speculative: if(System.version() > "1", do: File.read!("NOPE"), else: "x"),
      rescued: try do
        Keyword.fetch!([], :a)
      rescue
        _ -> :default
      end,
      known: 1
    ]
  end
end
"#;
    let e = eval(src);
    assert!(e.notes.is_empty(), "{:?}", e.notes);
    let p = &e.project;
    assert!(reason_of(get(p, "speculative")).starts_with("depends on `System.version() > \"1\"`"));
    assert!(
        reason_of(get(p, "rescued"))
            .starts_with("`try` body is unknown and its `rescue`/`catch` may apply")
    );
    assert_eq!(get(p, "known").inspect(), "1");
}

#[test]
fn module_level_if_on_known_and_unknown_conditions() {
    let src = r#"
defmodule A.MixProject do
  use Mix.Project
  if Mix.env() == :dev do
    @mode :dev_mode
  else
    @mode :other_mode
  end
  if Code.ensure_loaded?(Foo) do
    defp extra, do: [:foo]
  else
    defp extra, do: []
  end
  def project, do: [mode: @mode, extra: extra()]
end
"#;
    let p = eval(src).project;
    assert_eq!(get(&p, "mode").inspect(), ":dev_mode");
    assert_eq!(
        reason_of(get(&p, "extra")),
        "defined under a module-level `if Code.ensure_loaded?(Foo)`, which is unknown: Code.ensure_loaded?/1 depends on which modules are loaded when Mix runs"
    );
}

// ---------------------------------------------------------------------------------------------
// Functions

#[test]
fn multi_clause_functions_with_literal_patterns() {
    let prelude = r#"  defp elixirc_paths(:test), do: ["lib", "test/support"]
  defp elixirc_paths(_), do: ["lib"]"#;
    assert_eq!(
        inspect_with(prelude, "elixirc_paths(Mix.env())"),
        r#"["lib"]"#
    );
    assert_eq!(
        inspect_with(prelude, "elixirc_paths(:test)"),
        r#"["lib", "test/support"]"#
    );
}

#[test]
fn guards_on_clauses() {
    let prelude = r#"  @envs [:dev, :test]
  defp a(env) when env in [:dev, :test], do: :dev_or_test
  defp a(_), do: :other
  defp b(env) when env in @envs, do: :in_attr
  defp b(_), do: :not_in_attr
  defp c(x) when is_atom(x) and not is_nil(x), do: :atom
  defp c(x) when is_binary(x) or is_list(x), do: :text
  defp c(x) when x == 1, do: :one
  defp c(_), do: :other"#;
    assert_eq!(
        inspect_with(
            prelude,
            "[a(:dev), a(:prod), b(:test), b(:prod), c(:x), c(nil), c(\"s\"), c([]), c(1.0), c(2)]"
        ),
        "[:dev_or_test, :other, :in_attr, :not_in_attr, :atom, :other, :text, :text, :one, :other]"
    );
}

#[test]
fn structured_patterns_in_function_heads() {
    let prelude = r#"  defp f({:ok, x}), do: x
  defp f([a, a]), do: {:same, a}
  defp f([h | _]), do: {:head, h}
  defp f(%{key: v}), do: {:map, v}
  defp f("v" <> rest), do: {:version, rest}
  defp f(x = {:wrap, _}), do: x
  defp f(%Version{}), do: :struct
  defp f(_), do: :none"#;
    assert_eq!(
        inspect_with(
            prelude,
            r#"[f({:ok, 1}), f([2, 2]), f([3, 4]), f(%{key: 5, other: 6}), f("v1.0"), f({:wrap, 7}), f(%{}), f(:z)]"#
        ),
        r#"[1, {:same, 2}, {:head, 3}, {:map, 5}, {:version, "1.0"}, {:wrap, 7}, :none, :none]"#
    );
}

#[test]
fn default_arguments_fill_from_the_left() {
    let prelude = r#"  def f(a \\ 1, b, c \\ 2), do: {a, b, c}
  defp opts(extra \\ []), do: [a: 1] ++ extra
  defp head(x, y \\ :default)
  defp head(x, y), do: {x, y}"#;
    assert_eq!(
        inspect_with(
            prelude,
            "[f(9), f(8, 9), f(7, 8, 9), opts(), opts(b: 2), head(1)]"
        ),
        "[{1, 9, 2}, {8, 9, 2}, {7, 8, 9}, [a: 1], [a: 1, b: 2], {1, :default}]"
    );
}

#[test]
fn no_matching_clause_is_unknown() {
    let v = eval(&module_src("  defp f(:a), do: 1", "f(:b)")).project;
    assert_eq!(
        reason_of(&v),
        "no clause of f/1 matches :b (Mix would raise FunctionClauseError)"
    );
}

#[test]
fn clause_choice_on_an_unknown_argument_is_unknown() {
    let prelude = "  defp f(:a), do: 1\n  defp f(_), do: 2";
    let v = eval(&module_src(prelude, "f(System.version())")).project;
    assert_eq!(
        reason_of(&v),
        "which clause of f/1 applies depends on an unknown argument: System.version/0 depends on the Elixir version running Mix"
    );
    // A catch-all first clause does not need the argument.
    let v = eval(&module_src("  defp g(_), do: :any", "g(System.version())")).project;
    assert_eq!(v.inspect(), ":any");
}

#[test]
fn old_style_bare_calls_and_mix_env_without_parens() {
    let src = r#"
defmodule Old.Mixfile do
  use Mix.Project
  def project do
    [app: :old, deps: deps, env: Mix.env, target: Mix.target]
  end
  defp deps do
    [{:poison, "~> 3.0"}]
  end
end
"#;
    let e = eval(src);
    assert_eq!(e.module.as_deref(), Some("Old.Mixfile"));
    assert_eq!(
        e.project.inspect(),
        r#"[app: :old, deps: [poison: "~> 3.0"], env: :dev, target: :host]"#
    );
}

#[test]
fn module_qualified_self_calls_module_attribute_and_aliases() {
    let src = r#"
defmodule MyApp.MixProject do
  use Mix.Project
  alias MyApp.Helpers.Deep, as: D
  alias Some.Other.Thing
  def version, do: "3.1.4"
  defp secret, do: :s
  def project do
    [
      version: MyApp.MixProject.version(),
      v2: __MODULE__.version(),
      module: __MODULE__,
      d: D,
      thing: Thing.Sub
    ]
  end
end
"#;
    let p = eval(src).project;
    assert_eq!(get(&p, "version").inspect(), r#""3.1.4""#);
    assert_eq!(get(&p, "v2").inspect(), r#""3.1.4""#);
    assert_eq!(
        get(&p, "module").kind,
        ValueKind::Atom("Elixir.MyApp.MixProject".into())
    );
    assert_eq!(
        get(&p, "d").kind,
        ValueKind::Atom("Elixir.MyApp.Helpers.Deep".into())
    );
    assert_eq!(
        get(&p, "thing").kind,
        ValueKind::Atom("Elixir.Some.Other.Thing.Sub".into())
    );
    let private =
        eval(&src.replace("thing: Thing.Sub", "private: MyApp.MixProject.secret()")).project;
    assert_eq!(
        reason_of(&private),
        "MyApp.MixProject.secret/0 is private (Mix would raise UndefinedFunctionError)"
    );
}

#[test]
fn imported_helper_module_functions() {
    let src = r#"
defmodule Shared do
  def common_deps, do: [{:telemetry, "~> 1.0"}]
end

defmodule App.MixProject do
  use Mix.Project
  import Shared
  def project, do: [deps: common_deps() ++ [{:jason, "~> 1.4"}]]
end
"#;
    assert_eq!(
        eval(src).project.inspect(),
        r#"[deps: [telemetry: "~> 1.0", jason: "~> 1.4"]]"#
    );
}

#[test]
fn attribute_calling_own_function_at_module_level_is_unknown() {
    let src = module_src("  defp v, do: \"1\"\n  @version v()", "[version: @version]");
    let p = eval(&src).project;
    assert!(
        reason_of(get(&p, "version")).contains("while its module is being defined"),
        "{}",
        reason_of(get(&p, "version"))
    );
}

// ---------------------------------------------------------------------------------------------
// Builtins

#[test]
fn string_functions() {
    assert_eq!(
        inspect_of(
            r#"[String.trim("  a \n"), String.trim("xxaxx", "x"), String.trim_trailing("1.0\n\n"), String.trim_leading("  a "), String.upcase("straße"), String.downcase("ABC"), String.capitalize("hELLO wOrld")]"#
        ),
        r#"["a", "a", "1.0", "a ", "STRASSE", "abc", "Hello world"]"#
    );
    assert_eq!(
        inspect_of(
            r#"[String.split("  a b\tc \n "), String.split("a,b,,c", ","), String.split("a,b,,c", ",", trim: true), String.split("a b c", " ", parts: 2), String.split("abc", "")]"#
        ),
        r#"[["a", "b", "c"], ["a", "b", "", "c"], ["a", "b", "c"], ["a", "b c"], ["", "a", "b", "c", ""]]"#
    );
    assert_eq!(
        inspect_of(
            r#"[String.replace("a.b.c", ".", "-"), String.replace("a.b.c", ".", "-", global: false), String.replace("a1b2", ~r/(\d)/, "<\\1>"), String.split("a1b2c", ~r/\d/)]"#
        ),
        r#"["a-b-c", "a-b.c", "a<1>b<2>", ["a", "b", "c"]]"#
    );
    assert_eq!(
        inspect_of(
            r#"[String.to_atom("my_app"), String.to_charlist("ab"), String.contains?("abc", "b"), String.starts_with?("v1", ["x", "v"]), String.length("héllo"), String.to_integer("42")]"#
        ),
        r#"[:my_app, ~c"ab", true, true, 5, 42]"#
    );
}

#[test]
fn conversion_functions() {
    assert_eq!(
        inspect_of(
            r#"[Atom.to_string(:a), Atom.to_string(Foo), to_string(:b), to_string(12), to_string(1.0), Integer.to_string(255, 16), Integer.parse("12ab"), to_charlist("x"), inspect(:ok)]"#
        ),
        r#"["a", "Elixir.Foo", "b", "12", "1.0", "FF", {12, "ab"}, ~c"x", ":ok"]"#
    );
}

#[test]
fn keyword_and_map_functions() {
    assert_eq!(
        inspect_of(
            "l = [a: 1, b: 2, a: 3]\n    [Keyword.get(l, :a), Keyword.get(l, :z, 0), Keyword.put(l, :a, 9), Keyword.merge(l, [b: 5, c: 1]), Keyword.delete(l, :a), Keyword.fetch!(l, :b), Keyword.has_key?(l, :c), Keyword.keys(l), l[:b], l[:zz]]"
        ),
        "[1, 0, [a: 9, b: 2], [a: 1, a: 3, b: 5, c: 1], [b: 2], 2, false, [:a, :b, :a], 2, nil]"
    );
    assert_eq!(
        inspect_of(
            "m = %{b: 1, a: 2}\n    [Map.get(m, :a), Map.get(m, :z, 0), Map.put(m, :c, 3), Map.merge(m, %{b: 9}), Map.delete(m, :b), Map.keys(m), Map.values(m), m[:b], m.a, Map.has_key?(m, :q)]"
        ),
        "[2, 0, %{:b => 1, :a => 2, :c => 3}, %{:b => 9, :a => 2}, %{:a => 2}, [:a, :b], [2, 1], 1, 2, false]"
    );
    let v = value_of("Keyword.fetch!([a: 1], :b)");
    assert_eq!(
        reason_of(&v),
        "Keyword.fetch!/2: key :b not found (Mix would raise KeyError)"
    );
}

#[test]
fn list_and_enum_functions() {
    assert_eq!(
        inspect_of(
            "[List.flatten([1, [2, [3]]]), List.wrap(nil), List.wrap(:a), List.wrap([1]), List.first([]), List.last([1, 2]), Enum.concat([[1], [2, 3]]), Enum.concat([1], [2]), Enum.uniq([1, 1.0, 1]), Enum.reverse([1, 2]), Enum.member?([:a], :a), Enum.join([1, :a, \"b\"], \"-\"), Enum.sort([3, :a, 1])]"
        ),
        r#"[[1, 2, 3], [], [:a], [1], nil, 2, [1, 2, 3], [1, 2], [1, 1.0], [2, 1], true, "1-a-b", [1, 3, :a]]"#
    );
    let v = value_of("Enum.map([1, 2], fn x -> x * 2 end)");
    assert_eq!(
        reason_of(&v),
        "Enum.map/2 takes a function argument; hexlint never calls functions"
    );
}

#[test]
fn path_functions() {
    assert_eq!(
        inspect_of(
            r#"[Path.join("a", "b"), Path.join(["a", "/b", "c/"]), Path.join("a/", "/b"), Path.dirname("/a/b/c.ex"), Path.basename("/a/b.ex"), Path.basename("a/b.ex", ".ex"), Path.rootname("a.tar.gz"), Path.extname("a.tar.gz"), Path.expand("foo/../bar", "/a/b"), Path.absname("x", "/r"), Path.split("/a/b")]"#
        ),
        r#"["a/b", "a/b/c", "a/b", "/a/b", "b.ex", "b", "a.tar", ".gz", "/a/b/bar", "/r/x", ["/", "a", "b"]]"#
    );
    let v = value_of(r#"Path.expand("~/x")"#);
    assert_eq!(
        reason_of(&v),
        r#"Path.expand/1 of "~/x" depends on the user's home directory"#
    );
}

#[test]
fn dir_and_relative_paths_use_the_project_root() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    let root_text = root.to_str().unwrap().to_string();
    let src = module_src(
        "",
        r#"[dir: __DIR__, version_file: Path.join(__DIR__, "VERSION"), expanded: Path.expand("lib"), cwd: File.cwd!()]"#,
    );
    let p = eval_opts(&src, &EvalOptions::new(dir.path())).project;
    assert_eq!(get(&p, "dir").as_str(), Some(root_text.as_str()));
    assert_eq!(
        get(&p, "version_file").as_str(),
        Some(format!("{root_text}/VERSION").as_str())
    );
    assert_eq!(
        get(&p, "expanded").as_str(),
        Some(format!("{root_text}/lib").as_str())
    );
    assert_eq!(get(&p, "cwd").as_str(), Some(root_text.as_str()));
}

#[test]
fn file_reads_relative_to_the_root() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("VERSION"), "1.4.2\n").unwrap();
    std::fs::create_dir(dir.path().join("lib")).unwrap();
    let src = module_src(
        "  @version File.read!(\"VERSION\") |> String.trim()",
        r#"[version: @version, ok: File.read("VERSION"), missing: File.read("NOPE"), exists: File.exists?("VERSION"), dir: File.dir?("lib"), regular: File.regular?("lib"), abs: File.read!(Path.join(__DIR__, "VERSION"))]"#,
    );
    let e = eval_opts(&src, &EvalOptions::new(dir.path()));
    let p = &e.project;
    assert_eq!(get(p, "version").as_str(), Some("1.4.2"));
    assert_eq!(
        text(&src, get(p, "version")),
        "File.read!(\"VERSION\") |> String.trim()"
    );
    assert_eq!(get(p, "ok").inspect(), r#"{:ok, "1.4.2\n"}"#);
    assert_eq!(get(p, "missing").inspect(), "{:error, :enoent}");
    assert_eq!(get(p, "exists").inspect(), "true");
    assert_eq!(get(p, "dir").inspect(), "true");
    assert_eq!(get(p, "regular").inspect(), "false");
    assert_eq!(get(p, "abs").as_str(), Some("1.4.2\n"));
    assert!(e.notes.is_empty());
}

#[test]
fn missing_file_read_is_unknown_with_a_note() {
    let dir = tempfile::tempdir().unwrap();
    let src = module_src(
        "  @version File.read!(\"VERSION\") |> String.trim()",
        "[version: @version]",
    );
    let e = eval_opts(&src, &EvalOptions::new(dir.path()));
    // Mix cannot load this mix.exs at all: no value of project/0 exists.
    let version = &e.project;
    assert_eq!(
        reason_of(version),
        r#"File.read!("VERSION") would raise: no such file or directory"#
    );
    assert_eq!(text(&src, version), "File.read!(\"VERSION\")");
    assert_eq!(e.notes.len(), 1);
    assert_eq!(
        e.notes[0].message,
        r#"File.read!("VERSION") would raise: no such file or directory; Mix itself would fail to load this mix.exs"#
    );
    assert_eq!(
        &src[e.notes[0].span.start..e.notes[0].span.end],
        "File.read!(\"VERSION\")"
    );
}

#[test]
fn path_wildcard_lists_files_like_elixir() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("guides/howto")).unwrap();
    for f in [
        "guides/b.md",
        "guides/a.md",
        "guides/.hidden.md",
        "guides/howto/c.md",
        "guides/x.txt",
    ] {
        std::fs::write(dir.path().join(f), "x").unwrap();
    }
    let src = module_src(
        "",
        r#"[extras: Path.wildcard("guides/*.md"), deep: Path.wildcard("guides/**/*.md"), none: Path.wildcard("nope/*")]"#,
    );
    let p = eval_opts(&src, &EvalOptions::new(dir.path())).project;
    assert_eq!(
        p.inspect(),
        r#"[extras: ["guides/a.md", "guides/b.md"], deep: ["guides/a.md", "guides/b.md", "guides/howto/c.md"], none: []]"#
    );
    let v = value_of(r#"Path.wildcard("/**/*.md")"#);
    assert_eq!(
        reason_of(&v),
        r#"Path.wildcard/1 of "/**/*.md" looks outside the project; hexlint does not walk it"#
    );
    let v = value_of(r#"Path.wildcard("{a,b")"#);
    assert!(reason_of(&v).contains("unclosed `{`"), "{}", reason_of(&v));
}

#[test]
fn environment_variables_and_mix_env() {
    let src = module_src(
        "",
        r#"[ci: System.get_env("CI"), unset: System.get_env("NOPE"), default: System.get_env("NOPE", "d"), fetched: System.fetch_env!("CI"), fetch: System.fetch_env("NOPE"), env: Mix.env(), target: Mix.target()]"#,
    );
    let mut opts = opts_with(std::path::Path::new(NO_ROOT), &[("CI", "true")]);
    opts.mix_env = "prod".into();
    opts.mix_target = "rpi4".into();
    let p = eval_opts(&src, &opts).project;
    assert_eq!(
        p.inspect(),
        r#"[ci: "true", unset: nil, default: "d", fetched: "true", fetch: :error, env: :prod, target: :rpi4]"#
    );
    let v = value_of(r#"System.fetch_env!("HEXLINT_SURELY_UNSET")"#);
    assert_eq!(
        reason_of(&v),
        r#"System.fetch_env!("HEXLINT_SURELY_UNSET") would raise: the environment variable HEXLINT_SURELY_UNSET is not set"#
    );
}

#[test]
fn from_env_honours_the_mix_env_override() {
    let opts = EvalOptions::from_env(NO_ROOT.into(), Some("test".into()));
    assert_eq!(opts.mix_env, "test");
    let p = eval_opts(&module_src("", "[env: Mix.env()]"), &opts).project;
    assert_eq!(p.inspect(), "[env: :test]");
}

// ---------------------------------------------------------------------------------------------
// Unknown values and their reasons

#[test]
fn calls_that_are_never_evaluated_name_the_call_and_why() {
    let cases = [
        (
            "System.version()",
            "System.version/0 depends on the Elixir version running Mix",
        ),
        (
            "System.otp_release()",
            "System.otp_release/0 depends on the Erlang/OTP version running Mix",
        ),
        (
            r#"System.cmd("git", ["describe"])"#,
            "System.cmd/2 would run an external program (hexlint never runs code)",
        ),
        (
            "Application.get_env(:app, :key)",
            "Application.get_env/2 depends on runtime configuration",
        ),
        (
            "Code.ensure_loaded?(Jason)",
            "Code.ensure_loaded?/1 depends on which modules are loaded when Mix runs",
        ),
        (
            r#":file.consult("src/x.app.src")"#,
            ":file.consult/1 would read and parse an Erlang term file; hexlint does not evaluate it",
        ),
        (
            "Mix.Project.config()",
            "Mix.Project.config/0 depends on the project configuration Mix has loaded",
        ),
        (
            "Mix.compilers()",
            "Mix.compilers/0 depends on the Mix version running",
        ),
        (
            r#"Version.to_string("1.0.0")"#,
            "Version.to_string/1 is not evaluated by hexlint",
        ),
        (
            "%Version{major: 1}",
            "struct %Version{} is not evaluated (structs need their module's code)",
        ),
        (
            "Foo.bar(1)",
            "Foo.bar/1 calls Foo, which is not defined in mix.exs (hexlint never loads other code)",
        ),
        (
            r#"String.pad_leading("a", 3)"#,
            "String.pad_leading/2 is not evaluated by hexlint",
        ),
        (
            "undefined_thing(1)",
            "undefined function undefined_thing/1 (neither a variable nor a function of this module)",
        ),
    ];
    for (expr, reason) in cases {
        let src = module_src("", &format!("[x: {expr}]"));
        let p = eval(&src).project;
        let x = get(&p, "x");
        assert_eq!(reason_of(x), reason, "{expr}");
        assert_eq!(text(&src, x), expr, "span of {expr}");
    }
}

#[test]
fn an_unknown_element_keeps_the_rest_of_the_list() {
    let src = module_src(
        "",
        r#"[deps: [{:a, "~> 1.0"}, {:b, System.get_env("B_REQ") || Application.get_env(:x, :req)}, {:c, "~> 2.0"}]]"#,
    );
    let p = eval(&src).project;
    let deps = get(&p, "deps").as_list().unwrap();
    assert_eq!(deps.len(), 3);
    assert_eq!(deps[0].inspect(), r#"{:a, "~> 1.0"}"#);
    assert_eq!(deps[2].inspect(), r#"{:c, "~> 2.0"}"#);
    let ValueKind::Tuple(b) = &deps[1].kind else {
        panic!("{}", deps[1].inspect())
    };
    assert_eq!(b[0].inspect(), ":b");
    assert_eq!(
        reason_of(&b[1]),
        "Application.get_env/2 depends on runtime configuration"
    );
    assert_eq!(text(&src, &b[1]), "Application.get_env(:x, :req)");
}

#[test]
fn concatenation_with_an_unknown_tail_keeps_the_known_front() {
    let prelude =
        "  defp deps, do: [{:a, \"~> 1.0\"}]\n  defp extra_deps, do: System.cmd(\"ls\", [])";
    let src = module_src(prelude, "[deps: deps() ++ extra_deps()]");
    let p = eval(&src).project;
    let deps = get(&p, "deps").as_list().unwrap();
    assert_eq!(deps.len(), 2);
    assert_eq!(deps[0].inspect(), r#"{:a, "~> 1.0"}"#);
    // The unknown tail stands for any number of elements; its reason names the expression.
    assert_eq!(
        reason_of(&deps[1]),
        "in `deps() ++ extra_deps()`: System.cmd/2 would run an external program (hexlint never runs code)"
    );
    assert_eq!(text(&src, &deps[1]), "System.cmd(\"ls\", [])");
    // An unknown left side leaves nothing known.
    let v = value_of("System.version() ++ [1]");
    assert_eq!(
        reason_of(&v),
        "in `System.version() ++ [1]`: System.version/0 depends on the Elixir version running Mix"
    );
}

#[test]
fn a_project_list_with_an_unknown_tail_answers_for_its_known_keys() {
    let src = r#"
defmodule Credo.Mixfile do
  use Mix.Project
  def project do
    [app: :credo, version: "1.8.0"] ++ cli_entry()
  end
  if Version.match?(System.version(), ">= 1.19.0-dev") do
    defp cli_entry, do: []
  else
    defp cli_entry, do: [preferred_cli_env: [t: :test]]
  end
end
"#;
    let p = eval(src).project;
    assert_eq!(get(&p, "app").inspect(), ":credo");
    assert_eq!(text(src, get(&p, "version")), "\"1.8.0\"");
    assert!(reason_of(get(&p, "preferred_cli_env")).contains("module-level `if"));
}

#[test]
fn lengths_of_lists_with_an_unknown_tail_are_unknown() {
    let prelude =
        "  defp l, do: [1] ++ System.version()\n  defp f([]), do: :empty\n  defp f(_), do: :other";
    for expr in [
        "length(l())",
        "Enum.count(l())",
        "f(l())",
        "l() == [1]",
        "Enum.at(l(), 1)",
        "for x <- l(), do: x",
    ] {
        let v = eval(&module_src(prelude, expr)).project;
        assert!(v.is_unknown(), "{expr}: {}", v.inspect());
    }
    assert_eq!(
        inspect_with(
            prelude,
            "[hd(l()), Enum.empty?(l()), Enum.member?(l(), 1), Keyword.get([a: 1] ++ l(), :a), match?([_ | _], l())]"
        ),
        "[1, false, true, 1, true]"
    );
    assert_eq!(inspect_with(prelude, "[0 | l()] |> hd()"), "0");
}

#[test]
fn keyword_lookup_in_a_partially_unknown_list() {
    let prelude = "  defp cfg, do: [a: 1, b: System.version(), c: 3]\n  defp partial, do: [{:a, 1}, System.version(), {:c, 3}]";
    assert_eq!(
        inspect_with(
            prelude,
            "[Keyword.get(cfg(), :a), Keyword.get(cfg(), :c), cfg()[:a], Keyword.get(partial(), :a)]"
        ),
        "[1, 3, 1, 1]"
    );
    let v = eval(&module_src(prelude, "Keyword.get(partial(), :c)")).project;
    assert_eq!(
        reason_of(&v),
        "System.version/0 depends on the Elixir version running Mix"
    );
    let v = eval(&module_src(prelude, "Keyword.get(cfg(), :b)")).project;
    assert_eq!(
        reason_of(&v),
        "System.version/0 depends on the Elixir version running Mix"
    );
}

// ---------------------------------------------------------------------------------------------
// Limits

#[test]
fn mutual_recursion_hits_max_call_depth() {
    let prelude = "  defp a, do: b()\n  defp b, do: a()";
    let v = eval(&module_src(prelude, "[x: a()]")).project;
    let reason = reason_of(get(&v, "x"));
    assert!(reason.contains("MAX_CALL_DEPTH"), "{reason}");
}

#[test]
fn a_deep_chain_of_calls_ends_as_unknown() {
    let mut prelude = String::new();
    for i in 0..2000 {
        prelude.push_str(&format!("  defp f{i}, do: f{}()\n", i + 1));
    }
    prelude.push_str("  defp f2000, do: :bottom\n");
    let src = module_src(&prelude, "[x: f0()]");
    let parsed = parse(&src).unwrap();
    // The caller's stack is only 2 MiB: evaluation must not depend on it.
    let project = std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(move || evaluate(&parsed, &EvalOptions::new(NO_ROOT)).project)
        .unwrap()
        .join()
        .unwrap();
    assert!(reason_of(get(&project, "x")).contains("MAX_CALL_DEPTH"));
}

#[test]
fn exponential_work_hits_max_eval_steps() {
    let prelude = "  defp t(0), do: [0]\n  defp t(n), do: [t(n - 1), t(n - 1)]";
    let v = eval(&module_src(prelude, "[x: t(40)]")).project;
    let x = get(&v, "x");
    assert!(x.contains_unknown());
    let reason = x.first_unknown().and_then(Value::unknown_reason).unwrap();
    assert!(reason.contains("MAX_EVAL_STEPS"), "{reason}");
}

#[test]
fn huge_values_hit_max_value_bytes() {
    let v = value_of(r#"String.duplicate("x", 100_000_000)"#);
    assert!(
        reason_of(&v).contains("MAX_VALUE_BYTES"),
        "{}",
        reason_of(&v)
    );
    let doubling = (0..30).map(|_| "l = l ++ l\n    ").collect::<String>();
    let v = value_of(&format!("l = [1, 2, 3, 4]\n    {doubling}[x: l]"));
    let reason = v
        .first_unknown()
        .and_then(Value::unknown_reason)
        .unwrap_or("known");
    assert!(
        reason.contains("MAX_VALUE_BYTES") || reason.contains("MAX_EVAL_STEPS"),
        "{reason}"
    );
}

// ---------------------------------------------------------------------------------------------
// Whole files

#[test]
fn postgrex_like_file() {
    let src = r#"defmodule Postgrex.Mixfile do
  use Mix.Project

  @source_url "https://github.com/elixir-ecto/postgrex"
  @version "0.17.3"

  def project do
    [
      app: :postgrex,
      version: @version,
      elixir: "~> 1.11",
      deps: deps(),
      name: "Postgrex",
      source_url: @source_url,
      docs: docs(),
      description: "PostgreSQL driver for Elixir",
      package: package(),
      xref: [exclude: [Jason, :ssl]]
    ]
  end

  def application do
    [extra_applications: [:logger, :crypto, :ssl], mod: {Postgrex.App, []}]
  end

  defp deps do
    [
      {:ex_doc, ">= 0.0.0", only: :docs},
      {:jason, "~> 1.0", optional: true},
      {:table, "~> 0.1.0", optional: true},
      {:decimal, "~> 1.5 or ~> 2.0"},
      {:db_connection, "~> 2.1"}
    ]
  end

  defp docs do
    [
      source_url: @source_url,
      source_ref: "v#{@version}",
      main: "readme",
      extras: ["README.md", "CHANGELOG.md"]
    ]
  end

  defp package do
    [
      maintainers: ["Eric Meadows-Jönsson"],
      licenses: ["Apache-2.0"],
      links: %{"GitHub" => @source_url}
    ]
  end
end
"#;
    let e = eval(src);
    assert_eq!(e.module.as_deref(), Some("Postgrex.Mixfile"));
    let p = &e.project;
    assert!(!p.contains_unknown(), "{}", p.inspect());
    assert_eq!(get(p, "version").as_str(), Some("0.17.3"));
    assert_eq!(text(src, get(p, "version")), "\"0.17.3\"");
    assert_eq!(get(get(p, "docs"), "source_ref").as_str(), Some("v0.17.3"));
    let deps = get(p, "deps").as_list().unwrap();
    assert_eq!(deps.len(), 5);
    assert_eq!(deps[1].inspect(), r#"{:jason, "~> 1.0", [optional: true]}"#);
    assert_eq!(text(src, &deps[1]), r#"{:jason, "~> 1.0", optional: true}"#);
    let package = get(p, "package");
    assert_eq!(
        get(package, "links").inspect(),
        r#"%{"GitHub" => "https://github.com/elixir-ecto/postgrex"}"#
    );
    assert_eq!(text(src, get(package, "licenses")), "[\"Apache-2.0\"]");
    assert_eq!(get(get(p, "xref"), "exclude").inspect(), "[Jason, :ssl]");
}

const PHOENIX_LIKE: &str = r#"defmodule Phoenix.MixProject do
  use Mix.Project

  if Mix.env() != :prod do
    for path <- :code.get_path(),
        Regex.match?(~r/phx_new-[\w\.\-]+\/ebin$/, List.to_string(path)) do
      Code.delete_path(path)
    end
  end

  @version "1.7.10"
  @scm_url "https://github.com/phoenixframework/phoenix"
  @elixir_requirement "~> 1.11"

  def project do
    [
      app: :phoenix,
      version: @version,
      elixir: @elixir_requirement,
      deps: deps(),
      package: package(),
      lockfile: lockfile(),
      preferred_cli_env: [docs: :docs],
      consolidate_protocols: Mix.env() != :test,
      xref: [exclude: [Ecto.Type, :ranch, {:cowboy_req, :compact, 1}]],
      elixirc_paths: elixirc_paths(Mix.env()),
      name: "Phoenix",
      docs: docs(),
      aliases: aliases(),
      source_url: @scm_url,
      homepage_url: "https://www.phoenixframework.org",
      description: """
      Peace of mind from prototype to production
      """
    ]
  end

  defp elixirc_paths(:docs), do: ["lib", "installer/lib"]
  defp elixirc_paths(_), do: ["lib"]

  defp lockfile do
    case System.get_env("COWBOY_VERSION") do
      "1" <> _ -> "mix-cowboy1.lock"
      _ -> "mix.lock"
    end
  end

  defp deps do
    [
      {:plug, "~> 1.14"},
      {:plug_crypto, "~> 1.2 or ~> 2.0"},
      {:telemetry, "~> 0.4 or ~> 1.0"},
      {:phoenix_pubsub, "~> 2.1"},
      {:plug_cowboy, "~> 2.6", optional: true},
      {:jason, "~> 1.0", optional: true},
      {:ex_doc, "~> 0.29", only: :docs},
      {:esbuild, "~> 0.2", only: :dev},
      {:websock_adapter, "~> 0.5.3"}
    ]
  end

  defp package do
    [
      maintainers: ["Chris McCord", "José Valim"],
      licenses: ["MIT"],
      links: %{"GitHub" => @scm_url},
      files:
        ~w(assets/js lib priv CHANGELOG.md LICENSE.md mix.exs package.json README.md .formatter.exs)
    ]
  end

  defp docs do
    [
      source_ref: "v#{@version}",
      main: "overview",
      logo: "logo.png",
      extra_section: "GUIDES",
      extras: extras(),
      groups_for_modules: groups_for_modules(),
      skip_undefined_reference_warnings_on: ["CHANGELOG.md"]
    ]
  end

  defp extras do
    ["guides/introduction/overview.md", "CHANGELOG.md"]
  end

  defp groups_for_modules do
    [Testing: [Phoenix.ChannelTest, Phoenix.ConnTest]]
  end

  defp aliases do
    [docs: ["docs", &generate_js_docs/1], "assets.build": ["esbuild module", "esbuild cdn"]]
  end

  def generate_js_docs(_) do
    Mix.Task.run("app.start")
    System.cmd("npm", ["run", "docs"], cd: "assets")
  end
end
"#;

#[test]
fn phoenix_like_file_in_dev_and_prod() {
    let e = eval(PHOENIX_LIKE);
    assert_eq!(e.module.as_deref(), Some("Phoenix.MixProject"));
    let p = &e.project;
    assert!(!p.contains_unknown(), "{:?}", p.first_unknown());
    assert_eq!(get(p, "elixirc_paths").inspect(), r#"["lib"]"#);
    assert_eq!(get(p, "consolidate_protocols").inspect(), "true");
    assert_eq!(get(p, "lockfile").inspect(), r#""mix.lock""#);
    assert_eq!(
        get(p, "description").as_str(),
        Some("Peace of mind from prototype to production\n")
    );
    assert_eq!(
        get(p, "aliases").inspect(),
        r#"[docs: ["docs", &generate_js_docs/1], "assets.build": ["esbuild module", "esbuild cdn"]]"#
    );
    let files = get(get(p, "package"), "files").as_list().unwrap();
    assert_eq!(files.len(), 9);
    assert_eq!(text(PHOENIX_LIKE, &files[8]), ".formatter.exs");

    let mut opts = opts_with(std::path::Path::new(NO_ROOT), &[("COWBOY_VERSION", "1.1")]);
    opts.mix_env = "docs".into();
    let p = eval_opts(PHOENIX_LIKE, &opts).project;
    assert_eq!(
        get(&p, "elixirc_paths").inspect(),
        r#"["lib", "installer/lib"]"#
    );
    assert_eq!(get(&p, "lockfile").inspect(), r#""mix-cowboy1.lock""#);
}

#[test]
fn version_file_project_with_a_differently_named_module() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("VERSION"), "2.3.0-rc.1\n").unwrap();
    let src = r#"defmodule MyTool.Mixfile do
  use Mix.Project

  @version_file Path.join(__DIR__, "VERSION")
  @external_resource @version_file
  @version @version_file |> File.read!() |> String.trim()

  def project do
    [
      app: :other_name,
      version: @version,
      docs: [source_ref: "v#{@version}", main: "MyTool"],
      deps: deps(System.get_env("LOCAL_DEPS"))
    ]
  end

  defp deps(nil), do: [{:nimble_parsec, "~> 1.0"}]
  defp deps(path), do: [{:nimble_parsec, path: path}]
end
"#;
    let e = eval_opts(src, &EvalOptions::new(dir.path()));
    assert_eq!(e.module.as_deref(), Some("MyTool.Mixfile"));
    let p = &e.project;
    assert_eq!(get(p, "app").inspect(), ":other_name");
    assert_eq!(get(p, "version").as_str(), Some("2.3.0-rc.1"));
    assert_eq!(
        text(src, get(p, "version")),
        "@version_file |> File.read!() |> String.trim()"
    );
    assert_eq!(
        get(get(p, "docs"), "source_ref").as_str(),
        Some("v2.3.0-rc.1")
    );
    assert_eq!(get(p, "deps").inspect(), r#"[nimble_parsec: "~> 1.0"]"#);

    let p = eval_opts(src, &opts_with(dir.path(), &[("LOCAL_DEPS", "../np")])).project;
    assert_eq!(
        get(&p, "deps").inspect(),
        r#"[nimble_parsec: [path: "../np"]]"#
    );
}

#[test]
fn conditional_deps_from_environment_variables() {
    let src = r#"defmodule Ecto.SQL.MixProject do
  use Mix.Project

  @version "3.10.1"
  @adapters ~w(pg myxql tds)

  def project do
    [app: :ecto_sql, version: @version, deps: deps(), test_paths: test_paths(System.get_env("ECTO_ADAPTER"))]
  end

  defp deps do
    [
      ecto_dep(),
      {:telemetry, "~> 0.4.0 or ~> 1.0"},
      {:postgrex, "~> 0.16", optional: true}
    ] ++ extra_deps()
  end

  defp ecto_dep do
    if path = System.get_env("ECTO_PATH") do
      {:ecto, path: path}
    else
      {:ecto, "~> 3.10.0"}
    end
  end

  defp extra_deps do
    if System.get_env("WITH_BENCH") in ["1", "true"], do: [{:benchee, "~> 1.0", only: :bench}], else: []
  end

  defp test_paths(adapter) when adapter in @adapters, do: ["integration_test/#{adapter}"]
  defp test_paths(nil), do: ["test"]
  defp test_paths(other), do: raise("unknown adapter #{inspect(other)}")
end
"#;
    let p = eval(src).project;
    assert_eq!(
        get(&p, "deps").inspect(),
        r#"[{:ecto, "~> 3.10.0"}, {:telemetry, "~> 0.4.0 or ~> 1.0"}, {:postgrex, "~> 0.16", [optional: true]}]"#
    );
    assert_eq!(get(&p, "test_paths").inspect(), r#"["test"]"#);

    let opts = opts_with(
        std::path::Path::new(NO_ROOT),
        &[
            ("ECTO_PATH", "../ecto"),
            ("WITH_BENCH", "true"),
            ("ECTO_ADAPTER", "pg"),
        ],
    );
    let p = eval_opts(src, &opts).project;
    let deps = get(&p, "deps").as_list().unwrap();
    assert_eq!(deps[0].inspect(), r#"{:ecto, [path: "../ecto"]}"#);
    assert_eq!(deps[3].inspect(), r#"{:benchee, "~> 1.0", [only: :bench]}"#);
    assert_eq!(
        get(&p, "test_paths").inspect(),
        r#"["integration_test/pg"]"#
    );

    let p = eval_opts(
        src,
        &opts_with(std::path::Path::new(NO_ROOT), &[("ECTO_ADAPTER", "x")]),
    )
    .project;
    assert_eq!(
        reason_of(&p),
        r#"`raise` would abort loading mix.exs: "unknown adapter \"x\"""#
    );
}

#[test]
fn umbrella_root() {
    let src = r#"defmodule MyUmbrella.MixProject do
  use Mix.Project

  def project do
    [
      apps_path: "apps",
      version: "0.1.0",
      start_permanent: Mix.env() == :prod,
      deps: deps(),
      aliases: [setup: ["cmd mix setup"]]
    ]
  end

  defp deps, do: []
end
"#;
    let p = eval(src).project;
    assert_eq!(
        p.inspect(),
        r#"[apps_path: "apps", version: "0.1.0", start_permanent: false, deps: [], aliases: [setup: ["cmd mix setup"]]]"#
    );
    assert_eq!(text(src, get(&p, "apps_path")), "\"apps\"");
}

#[test]
fn version_dependent_options_stay_unknown_but_the_rest_is_known() {
    let src = r#"defmodule Jason.Mixfile do
  use Mix.Project
  @version "1.4.1"
  def project do
    [
      app: :jason,
      version: @version,
      elixir: "~> 1.4",
      consolidate_protocols: Mix.env() != :test,
      dialyzer: dialyzer(),
      deps: deps()
    ]
  end

  defp dialyzer do
    if Version.match?(System.version(), "~> 1.12") do
      [plt_add_apps: [:decimal]]
    else
      []
    end
  end

  defp deps do
    [
      {:decimal, "~> 1.0 or ~> 2.0", optional: true},
      {:benchee, "~> 1.0", only: :bench},
      {:ex_doc, "~> 0.18", only: :dev}
    ] ++ maybe_stream_data()
  end

  defp maybe_stream_data do
    if Version.match?(System.version(), "~> 1.5") do
      [{:stream_data, "~> 0.4", only: :test}]
    else
      []
    end
  end
end
"#;
    let p = eval(src).project;
    assert_eq!(get(&p, "version").as_str(), Some("1.4.1"));
    assert_eq!(get(&p, "consolidate_protocols").inspect(), "true");
    assert_eq!(
        reason_of(get(&p, "dialyzer")),
        "depends on `Version.match?(System.version(), \"~> 1.12\")`, which is unknown: System.version/0 depends on the Elixir version running Mix"
    );
    let deps = get(&p, "deps").as_list().unwrap();
    assert_eq!(deps.len(), 4);
    assert_eq!(deps[2].inspect(), r#"{:ex_doc, "~> 0.18", [only: :dev]}"#);
    assert_eq!(
        reason_of(&deps[3]),
        "in `[…] ++ maybe_stream_data()`: depends on `Version.match?(System.version(), \"~> 1.5\")`, which is unknown: System.version/0 depends on the Elixir version running Mix"
    );
}

#[test]
fn deep_expressions_across_calls_hit_max_eval_depth_without_overflow() {
    // 120 functions, each nesting its call to the next 200 lists deep: far more nested
    // evaluation than any stack would hold if it were unbounded.
    let mut prelude = String::new();
    for i in 0..120 {
        let open = "[".repeat(200);
        let close = "]".repeat(200);
        prelude.push_str(&format!("  defp f{i}, do: {open}f{}(){close}\n", i + 1));
    }
    prelude.push_str("  defp f120, do: :bottom\n");
    let src = module_src(&prelude, "[x: f0()]");
    let parsed = parse(&src).unwrap();
    let project = std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(move || {
            let project = evaluate(&parsed, &EvalOptions::new(NO_ROOT)).project;
            // Walking and dropping the result is safe on a small stack too.
            let reason = project
                .first_unknown()
                .and_then(Value::unknown_reason)
                .map(str::to_string);
            (project.inspect().len(), reason)
        })
        .unwrap()
        .join()
        .unwrap();
    let reason = project.1.unwrap();
    assert!(
        reason.contains("MAX_EVAL_DEPTH") || reason.contains("MAX_NESTING_DEPTH"),
        "{reason}"
    );
}

#[test]
fn deep_control_flow_across_calls_is_bounded() {
    // Nested `if`/`case`/pipes use bigger evaluation frames than lists.
    let mut prelude = String::new();
    for i in 0..120 {
        let mut body = format!("f{}()", i + 1);
        for d in 0..60 {
            body = match d % 3 {
                0 => format!("if true, do: {body}"),
                1 => format!("case :a do\n :a -> {body}\n end"),
                _ => format!("({body} |> List.wrap())"),
            };
        }
        prelude.push_str(&format!("  defp f{i} do\n {body}\n end\n"));
    }
    prelude.push_str("  defp f120, do: :bottom\n");
    let src = module_src(&prelude, "[x: f0()]");
    let parsed = parse(&src).unwrap();
    let project = std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(move || evaluate(&parsed, &EvalOptions::new(NO_ROOT)).project)
        .unwrap()
        .join()
        .unwrap();
    let reason = get(&project, "x")
        .first_unknown()
        .and_then(Value::unknown_reason)
        .unwrap();
    assert!(reason.contains("MAX_EVAL_DEPTH"), "{reason}");
}

#[test]
fn moderately_deep_input_is_evaluated_fully() {
    // Deeper than the first in-place attempt allows, well within MAX_EVAL_DEPTH.
    let expr = format!("{}:deep{}", "[".repeat(150), "]".repeat(150));
    let v = std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(move || value_of(&expr))
        .unwrap()
        .join()
        .unwrap();
    assert!(!v.contains_unknown(), "{:?}", v.first_unknown());
    assert_eq!(
        v.inspect(),
        format!("{}:deep{}", "[".repeat(150), "]".repeat(150))
    );
}

// ---------------------------------------------------------------------------------------------
// Differential check against real Elixir

/// The canonical text of `tests/support/eval_canon.exs` (floats as their IEEE bits so both
/// sides print them identically; charlists as lists of code points).
fn canon(v: &Value) -> String {
    let esc = |s: &str| {
        s.replace('\\', "\\\\")
            .replace('"', "\\\"")
            .replace('\n', "\\n")
    };
    let seq = |items: &[Value]| items.iter().map(canon).collect::<Vec<_>>().join(",");
    match &v.kind {
        ValueKind::Unknown { .. } => "UNKNOWN".into(),
        ValueKind::Nil => "nil".into(),
        ValueKind::Bool(b) => b.to_string(),
        ValueKind::Atom(a) => format!(":{a}"),
        ValueKind::Int(i) => format!("i:{i}"),
        ValueKind::Float(f) => format!("f:{}", f.to_bits()),
        ValueKind::String(s) => format!("s\"{}\"", esc(s)),
        ValueKind::Charlist(s) => format!(
            "[{}]",
            s.chars()
                .map(|c| format!("i:{}", c as u32))
                .collect::<Vec<_>>()
                .join(",")
        ),
        ValueKind::List(items) => format!("[{}]", seq(items)),
        ValueKind::Tuple(items) => format!("{{{}}}", seq(items)),
        ValueKind::Map(pairs) => {
            let mut entries: Vec<String> = pairs
                .iter()
                .map(|(k, x)| format!("{}=>{}", canon(k), canon(x)))
                .collect();
            entries.sort();
            format!("%{{{}}}", entries.join(","))
        }
        ValueKind::Regex { source, opts } => format!("~r\"{}\"{opts}", esc(source)),
        ValueKind::Function(_) => "fun".into(),
    }
}

/// `(prelude, expression, whether hexlint must know the value)`.
const DIFFERENTIAL: &[(&str, &str, bool)] = &[
    (
        "",
        "[nil, true, :ok, :\"a b\", 1_000, 0x1F, 0b101, 0o17, ?a, -7, 1.5, 1.0e10, 0.1]",
        true,
    ),
    ("", "\"tab\\there \\\"q\\\" \\u00e9 #{1 + 1}\"", true),
    ("", "'charlist' ++ [?!]", true),
    ("", "~w(a b  c)", true),
    ("", "~w(a b)a ++ ~w(c)c", true),
    (
        "",
        "[~s(x #{1}), ~S(x #{1}), ~c(abc), ~r/a\\/b+/i, ~r{^\\d+$}m]",
        true,
    ),
    ("", "\"\"\"\n  heredoc\n    indented\n  \"\"\"", true),
    ("", "[a: 1, \"b c\": 2, c: [d: {:e, \"f\"}]]", true),
    ("", "%{:a => 1, \"b\" => 2, 3 => [4], a: 5}", true),
    ("", "%{%{a: 1, b: 2} | b: 3}", true),
    ("", "[1 | [2, 3]]", true),
    (
        "",
        "[1 == 1.0, 1 === 1.0, :a < \"a\", {1} < [1], %{} < [], 2 > 1.5, nil < :a]",
        true,
    ),
    (
        "",
        "[true and nil, false or :x, nil || false, 0 && :y, !0, not false]",
        true,
    ),
    (
        "",
        "[:a in [:a], 1 in [1.0], [2] not in [[2]], \"x\" in ~w(x y)]",
        true,
    ),
    ("", "[1 + 2, 3 - 5, 2 * 4, 7 / 2, 1 + 0.5, 10 / 4]", true),
    (
        "",
        "[[1, 2, 3, 1] -- [1, 4], [1, 2] ++ [3], \"a\" <> \"b\" <> \"c\"]",
        true,
    ),
    (
        "",
        "\"#{:atom}|#{nil}|#{true}|#{Foo.Bar}|#{12}|#{1.0e20}|#{0.00012}|#{'cl'}|#{[?a, [\"b\"]]}\"",
        true,
    ),
    (
        "@x 1\ndef a, do: @x\n@x 2\ndef b, do: @x",
        "[a(), b(), @x]",
        true,
    ),
    (
        "defp f(:a), do: 1\ndefp f(x) when is_atom(x), do: {:atom, x}\ndefp f(x) when is_binary(x) and byte_size(x) > 2, do: :long\ndefp f(_), do: :other",
        "[f(:a), f(:b), f(\"abc\"), f(\"ab\"), f(1)]",
        true,
    ),
    (
        "def g(a \\\\ 1, b, c \\\\ 2), do: {a, b, c}",
        "[g(0), g(0, 0), g(0, 0, 0)]",
        true,
    ),
    (
        "defp h([a, a]), do: :same\ndefp h([a | _] = l), do: {a, length(l)}\ndefp h(\"v\" <> rest), do: rest\ndefp h(%{k: v}), do: v",
        "[h([1, 1]), h([1, 2, 3]), h(\"v1.0\"), h(%{k: :v, x: 1})]",
        true,
    ),
    (
        "",
        "case {:ok, [1, 2]} do\n {:ok, [x | _]} when x > 1 -> :big\n {:ok, [x | _]} -> {:small, x}\n end",
        true,
    ),
    ("", "cond do\n 1 > 2 -> :no\n :x -> :truthy\n end", true),
    (
        "",
        "x = 1\nif true do\n _ = 2\nend\n{y, x} = {x, 3}\n[x, y]",
        true,
    ),
    (
        "",
        "for x <- [1, 2, 3], y <- [:a, :b], x != 2, do: {x, y}",
        true,
    ),
    (
        "",
        "for {:ok, v} <- [{:ok, 1}, :error, {:ok, 2}], do: v * 2",
        true,
    ),
    (
        "",
        "with {:ok, a} <- {:ok, 1}, b = a + 1, {:ok, c} <- {:error, b} do\n c\n end",
        true,
    ),
    (
        "",
        "[String.trim(\"\\u00a0 x \\n\"), String.trim(\"--x--\", \"-\"), String.trim_leading(\"  x \"), String.trim_trailing(\"x\\n\\n\"), String.trim_trailing(\"x!!\", \"!\")]",
        true,
    ),
    (
        "",
        "[String.split(\" a\\u00a0b c\\n\"), String.split(\"a,b,,c,\", \",\"), String.split(\"a,b,,c,\", \",\", trim: true), String.split(\"a b c d\", \" \", parts: 3), String.split(\"ab\", \"\"), String.split(\"a-b_c\", [\"-\", \"_\"]), String.split(\"a1b22c\", ~r/\\d+/)]",
        true,
    ),
    (
        "",
        "[String.replace(\"aXbXc\", \"X\", \"-\"), String.replace(\"aXbXc\", \"X\", \"-\", global: false), String.replace(\"ab\", \"\", \".\"), String.replace(\"v1.2.3\", ~r/(\\d)/, \"<\\\\1>\"), String.replace(\"a.b\", [\".\", \"a\"], \"_\")]",
        true,
    ),
    (
        "",
        "[String.upcase(\"straße é\"), String.downcase(\"ÀB\"), String.capitalize(\"élan VITAL\"), String.length(\"e\\u0301x\"), String.reverse(\"abc\"), String.duplicate(\"ab\", 3)]",
        true,
    ),
    (
        "",
        "[String.to_atom(\"a-b\"), String.to_charlist(\"é\"), String.to_integer(\"-12\"), String.contains?(\"abc\", [\"x\", \"c\"]), String.starts_with?(\"abc\", \"ab\"), String.ends_with?(\"abc\", \"bc\"), String.replace_prefix(\"v1\", \"v\", \"\"), String.replace_suffix(\"a.ex\", \".ex\", \".exs\")]",
        true,
    ),
    (
        "",
        "[to_string(:a), to_string(Foo), to_string('x'), to_string(1.5), to_string([\"a\", ?b]), to_charlist(\"é\"), Atom.to_string(nil), Atom.to_charlist(:ab), Integer.to_string(-255, 16), Integer.to_string(7, 2), Integer.parse(\"+3x\"), Integer.parse(\"x\"), inspect(:ok), inspect(\"s\"), inspect(12), inspect(Foo.Bar)]",
        true,
    ),
    (
        "",
        "l = [a: 1, b: 2, a: 3]\n[Keyword.get(l, :a), Keyword.get(l, :z, :d), Keyword.put(l, :a, 0), Keyword.put(l, :n, 0), Keyword.delete(l, :a), Keyword.merge(l, [a: 9, c: 3]), Keyword.keys(l), Keyword.values(l), Keyword.has_key?(l, :b), Keyword.fetch(l, :b), Keyword.fetch(l, :q), Keyword.take(l, [:a]), Keyword.drop(l, [:a]), Keyword.put_new(l, :a, 5), Keyword.put_new(l, :x, 5), l[:a], l[:nope]]",
        true,
    ),
    (
        "",
        "m = %{b: 1, a: 2, c: 3}\n[Map.get(m, :a), Map.get(m, :z, 0), Map.put(m, :a, 0), Map.delete(m, :b), Map.merge(m, %{a: 9, d: 4}), Map.keys(m), Map.values(m), Map.to_list(m), Map.has_key?(m, :c), Map.fetch(m, :q), Map.new([{:x, 1}, {:x, 2}]), Map.put_new(m, :a, 7), m.b, m[:c]]",
        true,
    ),
    (
        "",
        "[List.flatten([1, [2, [3, []]], 'ab']), List.wrap(nil), List.wrap({1}), List.wrap([1]), List.first([]), List.first([1, 2]), List.last([1, 2]), List.delete([1, 2, 1], 1), List.duplicate(:x, 3), List.to_string([?a, \"b\"])]",
        true,
    ),
    (
        "",
        "[Enum.concat([[1], [2], []]), Enum.concat([1], [2]), Enum.uniq([1, 1.0, 1, :a, :a]), Enum.reverse([1, 2, 3]), Enum.member?([1.0], 1), Enum.join([\"a\", :b, 1], \", \"), Enum.join([1, 2]), Enum.count([1, 2]), Enum.empty?([]), Enum.at([1, 2, 3], -1), Enum.at([1], 5), Enum.sort([3, \"a\", :b, 1.5, [1], {2}])]",
        true,
    ),
    (
        "",
        "[Path.join(\"a\", \"b\"), Path.join([\"a\", \"b/\", \"/c\"]), Path.join(\"/\", \"x\"), Path.join(\"a/\", \"\"), Path.join([\"only\"]), Path.dirname(\"/a/b/\"), Path.dirname(\"a\"), Path.dirname(\"/a\"), Path.basename(\"/a/b.tar.gz\"), Path.basename(\"b.ex\", \".ex\"), Path.rootname(\"a/b.tar.gz\"), Path.rootname(\"a.ex\", \".ex\"), Path.extname(\"a.b/c\"), Path.extname(\".bashrc\"), Path.expand(\"/a/./b/../c\"), Path.expand(\"x/../y\", \"/r\"), Path.absname(\"/a/../b\"), Path.split(\"a//b/\")]",
        true,
    ),
    (
        "",
        "[__DIR__, Path.expand(\"lib\"), Path.join(__DIR__, \"VERSION\") |> File.read!() |> String.trim(), File.read(\"VERSION\"), File.read(\"NOPE\"), File.exists?(\"VERSION\"), File.dir?(\".\"), File.regular?(\"VERSION\"), File.cwd!()]",
        true,
    ),
    (
        "",
        "[Mix.env(), Mix.env, Mix.target(), System.get_env(\"HEXLINT_DIFF_VAR\"), System.get_env(\"HEXLINT_DIFF_UNSET\"), System.get_env(\"HEXLINT_DIFF_UNSET\", \"d\"), System.fetch_env(\"HEXLINT_DIFF_VAR\"), System.fetch_env!(\"HEXLINT_DIFF_VAR\")]",
        true,
    ),
    (
        "",
        "[&project/0, fn -> 1 end, &String.trim/1, &(&1 + 1)]",
        true,
    ),
    (
        "",
        "[max(1, :a), min(\"b\", \"a\"), abs(-3), div(7, 2), rem(-7, 2), round(2.5), trunc(-2.7), hd([1, 2]), tl([1, 2]), elem({:a, :b}, 1), tuple_size({1, 2}), map_size(%{a: 1}), length([1, 2]), is_nil(nil), is_list('a'), is_map(~r/x/)]",
        true,
    ),
    (
        "",
        "[Regex.match?(~r/^v\\d/, \"v1\"), \"abc\" =~ ~r/B/i, \"abc\" =~ \"bc\", Regex.replace(~r/a/, \"banana\", \"o\"), Regex.source(~r/x+/)]",
        true,
    ),
    (
        "",
        "[match?({:ok, _}, {:ok, 1}), match?(x when x > 5, 3)]",
        true,
    ),
    (
        "",
        "[String.split(\"a,b,c\", \",\", parts: 2), String.split(\",a,,b,\", \",\", trim: true, parts: 2), String.split(\"\", \",\"), String.split(\"\", \",\", trim: true), String.split(\"\"), String.split(\"abc\", \"\", parts: 2), String.split(\"a b\", \" \", parts: :infinity), String.split(\"abc\", \"\", trim: true, parts: 2), String.split(\"a--b\", [\"-\", \"--\"]), String.split(\"xa1b\", ~r/^x|\\d/), String.split(\" a  b \", \" \", trim: true)]",
        true,
    ),
    (
        "",
        "[Path.rootname(\".bashrc\"), Path.rootname(\"/a/.b\"), Path.extname(\"a.\"), Path.rootname(\"a.\"), Path.join(\"a\", \"/\"), Path.join(\"a//\", \"b\"), Path.basename(\"/\"), Path.dirname(\"a/\"), Path.expand(\"/..\"), Path.absname(\"x\", \"rel\"), Path.expand(\"x\", \"rel\")]",
        true,
    ),
    (
        "@envs [:dev, :test]\n@base [app: :a]\ndefp paths(env) when env in @envs, do: [\"lib\", \"test/support\"]\ndefp paths(_), do: [\"lib\"]\ndefp opts(o \\\\ @base), do: o",
        "[paths(Mix.env()), paths(:prod), opts(), opts([])]",
        true,
    ),
    (
        "",
        "unless Mix.env() == :prod do\n x = [dev: true]\n x ++ [more: 1]\n else\n []\n end",
        true,
    ),
    (
        "",
        "[~w[a b], ~w{c d}, ~w<e>, ~w|f g|, ~w\"h\", ~w'i']",
        true,
    ),
    (
        "@v \"1.0\"",
        "\"\"\"\n  Version #{@v}\n    line\\tnext\n  \"\"\"",
        true,
    ),
    (
        "",
        "[\"#{1.0e20}\", \"#{123456789.0}\", \"#{1.0e-10}\", \"#{100.0}\", \"#{-0.5}\"]",
        true,
    ),
    (
        "",
        "[%{\"b\" => 1, :a => 2, 1 => 3} |> Map.keys(), Enum.sort([:b, \"a\", 2, {1, 2}, {0}, [0], nil, true])]",
        true,
    ),
    (
        "",
        "[:\"Elixir.Foo\" == Foo, Foo.Bar.Baz, :\"foo-#{1}\", :ok == :\"ok\", nil == :nil]",
        true,
    ),
    (
        "",
        "[{1, 2} == {1, 2.0}, [a: 1] == [{:a, 1}], %{a: 1} == %{a: 1.0}, 'ab' == [97, 98], \"ab\" == 'ab']",
        true,
    ),
    ("", "\"a\" |> String.upcase() |> Kernel.<>(\"b\")", true),
    (
        "",
        "[Keyword.get([a: 1], :a, :d), Keyword.merge([a: 1, b: 2], [a: 3]), Keyword.delete([a: 1, b: 2, a: 3], :a)]",
        true,
    ),
    (
        "",
        "[Path.wildcard(\"*\"), Path.wildcard(\"V*\"), Path.wildcard(\"nope/**\"), Path.wildcard(\"{VERSION,x}\")]",
        true,
    ),
    // Known through the installed Elixir's version, read from its installation files.
    ("", "System.version()", true),
    ("", "System.otp_release()", true),
    ("", "Version.match?(System.version(), \">= 1.0.0\")", true),
    (
        "",
        "Version.match?(System.version(), \">= 1.19.0-dev\")",
        true,
    ),
    ("", "Version.compare(System.version(), \"1.15.0\")", true),
    (
        "",
        "Version.match?(\"1.19.0-dev\", \">= 1.19.0-dev\")",
        true,
    ),
    (
        "",
        "Version.match?(\"1.19.0-rc.1\", \"~> 1.18\", allow_pre: false)",
        true,
    ),
    (
        "",
        "[Code.ensure_loaded?(Kernel), Code.ensure_loaded?(JSON), Code.ensure_loaded?(Duration)]",
        true,
    ),
    ("", "Code.ensure_loaded?(NotAStdlibModule)", false),
    ("", "Application.get_env(:logger, :level)", false),
    ("", "Enum.map([1], fn x -> x end)", false),
    ("", "File.read!(\"NOPE\")", false),
    ("", "System.fetch_env!(\"HEXLINT_DIFF_UNSET\")", false),
    ("", "raise \"no\"", false),
    ("", "%{a: 1}.b", false),
    ("", "String.to_integer(\"1x\")", false),
    ("", "Keyword.fetch!([a: 1], :b)", false),
    ("", "\"a\" <> :b", false),
    ("", "[1] ++ :x", false),
    ("", "{:ok, x} = {:error, 1}\nx", false),
    ("", "case 1 do\n 2 -> :x\n end", false),
    ("", "Path.join([])", false),
];

/// Every snippet through real Elixir (`tests/support/eval_canon.exs`) and through hexlint: known
/// values must be identical; whatever Elixir cannot evaluate must be unknown to hexlint.
/// Needs `elixir` on PATH; without it the test says so visibly and passes.
#[test]
fn differential_against_real_elixir() {
    if std::process::Command::new("elixir")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!(
            "SKIPPED: differential_against_real_elixir needs Elixir (apt-get install elixir)"
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    std::fs::write(root.join("VERSION"), "1.2.3\n").unwrap();
    let snippets_file = root.join("snippets.txt");
    let mut joined = Vec::new();
    for (prelude, expr, _) in DIFFERENTIAL {
        joined.push(format!("{prelude}\n#body\n{expr}"));
    }
    std::fs::write(&snippets_file, joined.join("\n#---\n")).unwrap();
    let output = std::process::Command::new("elixir")
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/support/eval_canon.exs"
        ))
        .arg(&snippets_file)
        .env("MIX_ENV", "dev")
        .env("HEXLINT_DIFF_VAR", "from env")
        .env_remove("HEXLINT_DIFF_UNSET")
        .output()
        .expect("elixir on PATH");
    let stdout = String::from_utf8(output.stdout).unwrap();
    let expected: Vec<&str> = stdout.lines().collect();
    assert_eq!(expected.len(), DIFFERENTIAL.len(), "{stdout}");
    let mut opts = EvalOptions::new(&root);
    opts.env_vars = HashMap::from([("HEXLINT_DIFF_VAR".to_string(), "from env".to_string())]);
    // The same Elixir as the `elixir` run above, as `hexlint check` would find it.
    let toolchain = hexlint::toolchain::Toolchain::detect();
    assert!(
        toolchain.elixir.is_some(),
        "elixir is on PATH but its version was not found"
    );
    opts.elixir_version = toolchain.elixir;
    opts.otp_release = toolchain.otp_release;
    let mut failures = Vec::new();
    for ((prelude, expr, must_know), elixir) in DIFFERENTIAL.iter().zip(expected) {
        let prelude = prelude.replace('\n', "\n  ");
        let src = module_src(&format!("  {prelude}"), expr);
        let ours = canon(&eval_opts(&src, &opts).project);
        let ok = if elixir == "ERROR" || !must_know {
            ours.contains("UNKNOWN")
        } else {
            ours == elixir
        };
        if !ok {
            failures.push(format!("{expr}\n  elixir:  {elixir}\n  hexlint: {ours}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// `System.version()` and what depends on it, under two Elixir versions given explicitly.
#[test]
fn versioned_calls_follow_the_given_elixir_version() {
    let expr = "[System.version(), Version.match?(System.version(), \">= 1.15.0\"), Version.compare(System.version(), \"1.15.0\"), Code.ensure_loaded?(JSON), Code.ensure_loaded?(Enum), Mix.compilers()]";
    let src = module_src("", &format!("[x: {expr}]"));
    let with = |v: &str| {
        let mut opts = EvalOptions::new("/nonexistent");
        opts.elixir_version = Some(v.into());
        opts.otp_release = Some("25".into());
        get(&eval_opts(&src, &opts).project, "x").inspect()
    };
    assert_eq!(
        with("1.14.0"),
        r#"["1.14.0", false, :lt, false, true, [:yecc, :leex, :erlang, :elixir, :app]]"#
    );
    assert_eq!(
        with("1.18.4"),
        r#"["1.18.4", true, :gt, true, true, [:erlang, :elixir, :app]]"#
    );
    // No version: unknown, with the old reasons.
    let x = get(&eval(&src).project, "x").clone();
    assert!(x.contains_unknown());
    // A module that is not Elixir's or OTP's stays unknown whatever the version.
    let src = module_src("", "[x: Code.ensure_loaded?(Jason)]");
    let mut opts = EvalOptions::new("/nonexistent");
    opts.elixir_version = Some("1.18.4".into());
    assert!(get(&eval_opts(&src, &opts).project, "x").is_unknown());
}

#[test]
fn hostile_inputs_end_quickly_as_unknown() {
    // (prelude, expression, what the unknown reason names, or the exact value)
    let cases = [
        (
            "",
            "l = List.duplicate(:x, 200)\n    for a <- l, b <- l, c <- l, do: {a, b, c}",
            "MAX_EVAL_STEPS",
        ),
        (
            "",
            "List.duplicate(List.duplicate(\"x\", 100_000), 100_000)",
            "MAX_VALUE_BYTES",
        ),
        (
            "  defp grow(x, 0), do: x\n  defp grow(x, n), do: grow(x <> x, n - 1)",
            "grow(\"ab\", 64)",
            "MAX_",
        ),
        (
            "  defp loop(n), do: loop(n + 1)",
            "loop(0)",
            "MAX_CALL_DEPTH",
        ),
        (
            "  defp fib(0), do: 0\n  defp fib(1), do: 1\n  defp fib(n), do: fib(n - 1) + fib(n - 2)",
            "fib(60)",
            "MAX_EVAL_STEPS",
        ),
        (
            "",
            "String.replace(String.duplicate(\"a\", 1_000_000), \"\", String.duplicate(\"b\", 100))",
            "MAX_VALUE_BYTES",
        ),
        (
            "",
            "String.replace(String.duplicate(\"a\", 1_000_000), ~r/a/, \"\\\\0\\\\0\\\\0\\\\0\\\\0\\\\0\\\\0\\\\0\\\\0\\\\0\\\\0\\\\0\\\\0\\\\0\\\\0\\\\0\\\\0\\\\0\")",
            "MAX_VALUE_BYTES",
        ),
        (
            "",
            "Keyword.get(Enum.concat(List.duplicate([a: 1], 50_000)), :b)",
            "=nil",
        ),
        (
            "  @a [1]\n  @b @a ++ @a ++ @a ++ @a\n  @c @b ++ @b ++ @b ++ @b",
            "length(@c ++ @c)",
            "=32",
        ),
    ];
    for (prelude, expr, expected) in cases {
        let v = eval(&module_src(prelude, expr)).project;
        match expected.strip_prefix('=') {
            Some(value) => assert_eq!(v.inspect(), value, "{expr}"),
            None => {
                let reason = v.first_unknown().and_then(Value::unknown_reason);
                assert!(
                    reason.is_some_and(|r| r.contains(expected)),
                    "{expr}: {reason:?}"
                );
            }
        }
    }
}

#[test]
fn deeply_nested_modules_do_not_overflow_a_small_stack() {
    let mut src = String::new();
    for i in 0..200 {
        src.push_str(&format!("defmodule M{i} do\n"));
    }
    src.push_str("use Mix.Project\ndef project, do: [app: :deep]\n");
    for _ in 0..200 {
        src.push_str("end\n");
    }
    let parsed = parse(&src).unwrap();
    let e = std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(move || evaluate(&parsed, &EvalOptions::new(NO_ROOT)))
        .unwrap()
        .join()
        .unwrap();
    let expected: Vec<String> = (0..200).map(|i| format!("M{i}")).collect();
    assert_eq!(e.module, Some(expected.join(".")));
    assert_eq!(e.project.inspect(), "[app: :deep]");
}

// ---------------------------------------------------------------------------------------------
// One unknown never poisons its neighbours

#[test]
fn an_unknown_branch_between_keyword_lists_only_hides_their_keys() {
    let prelude = "  defp extra, do: if(Code.ensure_loaded?(Some.Dep), do: [docs: [main: \"x\"]], else: [docs: []])\n  defp more, do: if(Code.ensure_loaded?(Other.Dep), do: [test_coverage: []], else: [])";
    let v = eval(&module_src(
        prelude,
        "Keyword.merge([app: :a, version: \"1.0.0\", docs: [main: \"y\"]], extra()) ++ more() ++ [description: \"d\"]",
    ))
    .project;
    assert_eq!(get(&v, "app").inspect(), ":a");
    assert_eq!(get(&v, "version").inspect(), "\"1.0.0\"");
    // After the unknown parts: still found, since neither can hold `description`.
    assert_eq!(get(&v, "description").inspect(), "\"d\"");
    // `docs` may come from either side: unknown, not the overridden literal.
    assert!(get(&v, "docs").is_unknown());
    assert!(get(&v, "test_coverage").is_unknown());
    // A key no branch has is absent, as in every branch.
    assert!(v.get("deps").is_none());
}

#[test]
fn an_unknown_that_could_hold_any_key_still_hides_what_follows() {
    let v = value_of("[app: :a] ++ Application.get_env(:x, :y) ++ [version: \"1.0.0\"]");
    assert_eq!(get(&v, "app").inspect(), ":a");
    assert!(get(&v, "version").is_unknown());
}

#[test]
fn each_top_level_key_and_dependency_has_its_own_budget() {
    let prelude =
        "  defp fib(0), do: 0\n  defp fib(1), do: 1\n  defp fib(n), do: fib(n - 1) + fib(n - 2)";
    let v = eval(&module_src(
        prelude,
        "[app: :a, heavy: fib(40), version: \"1.0.0\", deps: [{:jason, \"~> 1.0\"}, {:slow, to_string(fib(35))}, {:plug, \"~> 1.14\"}]]",
    ))
    .project;
    assert_eq!(get(&v, "version").inspect(), "\"1.0.0\"");
    let heavy = get(&v, "heavy");
    let reason = heavy
        .first_unknown()
        .and_then(Value::unknown_reason)
        .unwrap();
    assert!(
        reason.contains("evaluating `heavy: fib(40)`") && reason.contains("MAX_EVAL_STEPS"),
        "{reason}"
    );
    let deps = get(&v, "deps").as_list().unwrap();
    assert_eq!(deps[0].inspect(), "{:jason, \"~> 1.0\"}");
    assert!(deps[1].contains_unknown());
    assert_eq!(deps[2].inspect(), "{:plug, \"~> 1.14\"}");
}

#[test]
fn the_whole_file_has_a_total_budget() {
    // Many expensive keys: each has its budget, all together are bounded.
    let prelude =
        "  defp fib(0), do: 0\n  defp fib(1), do: 1\n  defp fib(n), do: fib(n - 1) + fib(n - 2)";
    let keys: Vec<String> = (0..8).map(|i| format!("k{i}: fib(40)")).collect();
    let v = eval(&module_src(
        prelude,
        &format!("[{}, app: :a]", keys.join(", ")),
    ))
    .project;
    let last = get(&v, "k7");
    let reason = last
        .first_unknown()
        .and_then(Value::unknown_reason)
        .unwrap();
    assert!(reason.contains("in all"), "{reason}");
}
