(foo (Neg 1))
(foo Sub 1)
(foo Sub 1)
(foo [1])
foo[1]
(foo.bar (Neg 1))
(x Match ((1 Pipe foo) Pipe bar()))
(a NotIn b)
((1 Range 10) RangeStep 2)
&((Mod.fun) Div 2)
&(&1 Add 1)
((Neg x) Add 1)
"ab"
[1, {:a, 2}]
%{m | :k => v}
%Version{:major => 1}
fn(a, b when g -> x; _ -> y)
fn( -> x)
:foo-bar
:+
97
31
0.001
[h | t]
<<1, (2 Type size(8))>>
((a.b).c)
(__MODULE__.Sub)
x.(1)
(foo bar) do{1}
(for (x Arrow list), [{:into, %{}}, {:do, {x, 1}}])
(x When (y When z))
:"a#{x}"
(if x) do{1}
~r"a/b\\d\\n"iu
~S"a)b"
~s"a)b\n"
~w"a b c"a
~H"<div>#{x}</div>\n"
(cond) do{a -> 1; true -> 2}
(try) do{x} rescue{(e In RuntimeError) -> e} after{:ok}
(with ({:ok, a} Arrow foo()), (b Match a)) do{b} else{_ -> nil}
(receive) do{{:x, y} -> y} after{100 -> :timeout}
(quote [{:do, unquote(x)}])
(unless Code.ensure_loaded?(Hex), [{:do, (raise "x")}])
(import_config "#{Mix.env()}.exs")
(Mix.shell().info "x")
:file.consult('x')
System.get_env("X", "d")
Path.join([__DIR__, "VERSION"])
((map.key).sub)
@version
((Bang x) Eq y)
(a OrOr (b AndAnd c))
(x Match (y Match 1))
(@spec (foo(t) Type (t Pipe2 nil)))
'abc'
'x\n'
%{"GitHub" => url, :key => 1}
%{}
{}
[]
{;}
foo()
foo.()
(@doc false)
(def foo((a Default [])), [{:do, a}])
%__MODULE__{:a => 1}
((1 Add (2 Mul 3)) Sub (4 Div 5))
(2 Other 3)
(a Concat (b Concat c))
(a ListConcat (b ListConcat c))
"#{nil}"
"#{{;a; b}}"
("x" Concat "#{"nested #{1}"}")
Enum.map(list, &(&1.name))
(alias Foo.{}(Bar, Baz))
:foo
Foo.bar()
(foo 1)
fn(a, b -> a)
fn(a, b when (a Gt b) -> a; x -> x)
fn(x -> x)
(case x) do{1 -> 2}
