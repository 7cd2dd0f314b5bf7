((foo.bar).baz) do{}
(x Match fn( -> 1).())
([{:a, 1}] ListConcat [{:b, 2}])
%{a | :b => 1}
((Neg 1) Range (Neg 5))
(Bang (Bang x))
(Not (Not x))
(@attr [1, 2])
&&1
&(+ Div 2)
foo.(a).(b)
((Mix.env) Pipe to_string)
(if true, [{:do, {;a; b}}])
(case {a, b}) do{{1, _} -> 1}
(1 Pipe &(&1 Add 1).())
(("a" Concat rest) Match x)
((x.y)[:z].w)
[{:do, 1}]
(foo [{:do, 1}])
foo([{:do, 1}])
<<(a Type (size(8) Sub unit(1)))>>
{:a, :b, :c}
%{"a" => %{:b => [1, {2, 3}]}}
(a When (is_list(a) And (length(a) Gt 0)))
(1 Add (Neg 1))
(1 Sub (Neg 1))
foo((Neg 1))
[(Neg 1), (Pos 2)]
(x Match (Neg 1))
32
233
:with space
:single
:a?
(Foo.Bar.baz!)
'a\nb'
"A"
(a Match (b Pipe c))
(x Match (y OrOr (raise "no")))
fn({a, b} -> a; [h | _] -> h)
((a Pipe b()) Pipe c(1))
(@moduledoc "Text with \"quotes\" and \"escapes\" and #{(1 Add 2)}\n  indented\n")
(for ({k, v} Arrow kw), (k In [:a, :b]), [{:into, %{}}, {:do, {k, v}}])
(foo bar, [{:baz, 1}])
Enum.reduce(list, 0, fn(x, acc -> (x Add acc)))
[{:a, 1}, {:b, 2}]
(~w"a b c"a ListConcat ~w"d")
(if (a And (Not b)), [{:do, 1}])
(unless is_nil(x)) do{:ok} else{:error}
(a Match %{})
(Map.get(a, :b, %{}).c)
(x Match (case y) do{:a -> 1; _ -> 2})
(a OrOr b)
((System.get_env("A") OrOr System.get_env("B")) OrOr "default")
(quote) do{unquote_splicing(args)}
(deps Match ([{:a, ">= 0.0.0"}] ListConcat (if (Mix.env() Eq :test), [{:do, [{:b, "1"}]}, {:else, []}])))
({:ok, _} Match Application.ensure_all_started(:x))
:ok
(@description ("  Some text\n" Pipe String.trim()))
(x Match "a\n  #{not_interp}\nb c\n")
(y Match ~s"#{x}\n\t\n")
(z Match ~w"a b\nc\n"a)
