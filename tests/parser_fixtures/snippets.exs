foo -1
foo - 1
foo-1
foo [1]
foo[1]
foo.bar -1
x = 1
  |> foo
  |> bar()
a not in b
1..10//2
&Mod.fun/2
&(&1 + 1)
-x + 1
"a\
b"
[1, a: 2]
%{m | k: v}
%Version{major: 1}
fn a, b when g -> x; _ -> y end
fn -> x end
:"foo-bar"
:+
?a
0x1F
1.0e-3
[h | t]
<<1, 2::size(8)>>
a.b.c
__MODULE__.Sub
x.(1)
foo bar do
  1
end
for x <- list, into: %{}, do: {x, 1}
x when y when z
:"a#{x}"
if x
do 1 end
~r/a\/b\d\n/iu
~S(a\)b)
~s(a\)b\n)
~w[a b c]a
~H"""
  <div>#{x}</div>
  """
cond do
  a -> 1
  true -> 2
end
try do
  x
rescue
  e in RuntimeError -> e
after
  :ok
end
with {:ok, a} <- foo(),
     b = a do
  b
else
  _ -> nil
end
receive do
  {:x, y} -> y
after
  100 -> :timeout
end
quote do: unquote(x)
unless Code.ensure_loaded?(Hex), do: raise "x"
import_config "#{Mix.env()}.exs"
Mix.shell().info "x"
:file.consult('x')
System.get_env("X", "d")
Path.join([__DIR__, "VERSION"])
map.key.sub
@version
!x == y
a || b && c
x = y = 1
@spec foo(t) :: t | nil
'abc'
'''
  x
  '''
%{"GitHub" => url, key: 1}
%{}
{}
[]
()
foo()
foo.()
@doc false
def foo(a \\ []), do: a
%__MODULE__{a: 1}
1 + 2 * 3 - 4 / 5
2 ** 3
a <> b <> c
a ++ b ++ c
"#{}"
"#{a; b}"
"x" <> "#{"nested #{1}"}"
Enum.map(list, & &1.name)
alias Foo.{Bar, Baz}
:"foo"
Foo.bar()
foo (1)
fn (a, b) -> a end
fn (a, b) when a > b -> a; (x) -> x end
fn(x) -> x end
case x do
  (1) -> 2
end
