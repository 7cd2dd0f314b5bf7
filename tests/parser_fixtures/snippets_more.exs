foo.bar.baz do end
x = fn -> 1 end.()
[a: 1] ++ [b: 2]
%{a | b: 1}
-1..-5
!!x
not not x
@attr [1, 2]
&(&1)
&+/2
foo.(a).(b)
Mix.env |> to_string
if true, do: (a; b)
case {a, b} do {1, _} -> 1 end
1 |> (&(&1 + 1)).()
"a" <> rest = x
x.y[:z].w
[do: 1]
foo do: 1
foo(do: 1)
<<a::size(8)-unit(1)>>
{:a, :b, :c}
%{"a" => %{b: [1, {2, 3}]}}
a when is_list(a) and length(a) > 0
1 + -1
1 - -1
foo(-1)
[-1, +2]
x = -1
?\s
?é
:"with space"
:'single'
:a?
Foo.Bar.baz!
'a\nb'
"\x41"
a = b |> c
x = y || raise "no"
fn {a, b} -> a; [h | _] -> h end
a
|> b()
|> c(1)
@moduledoc """
Text with "quotes" and \"escapes\" and #{1 + 2}
  indented
"""
for {k, v} <- kw, k in [:a, :b], into: %{}, do: {k, v}
foo bar, baz: 1
Enum.reduce(list, 0, fn x, acc -> x + acc end)
[{:a, 1}, b: 2]
~w(a b c)a ++ ~w(d)
if a and not b, do: 1
unless is_nil(x) do :ok else :error end
a = %{}
Map.get(a, :b, %{}).c
x = case y do
  :a -> 1
  _ ->
    2
end
a ||
  b
System.get_env("A") ||
  System.get_env("B") ||
  "default"
quote do
  unquote_splicing(args)
end
deps = [{:a, ">= 0.0.0"}] ++ if Mix.env() == :test, do: [{:b, "1"}], else: []
{:ok, _} = Application.ensure_all_started(:x)
:ok
@description """
  Some text
""" |> String.trim()
x = """
  a
    \#{not_interp}
  b \
  c
  """
y = ~s"""
  #{x}
  \t
  """
z = ~w"""
  a b
  c
  """a
