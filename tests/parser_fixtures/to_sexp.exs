# Prints a file's quoted form in the s-expression format of tests/parser.rs (`sexp`), so the Rust
# parser can be compared with Elixir's own. Regenerate the expected outputs with:
#   cd tests/parser_fixtures && for f in *.exs; do elixir to_sexp.exs $f > ${f%.exs}.sexp; done
defmodule ToSexp do
  @binops %{
    :|> => "Pipe", :<> => "Concat", :++ => "ListConcat", :-- => "ListSub", :== => "Eq",
    :!= => "NotEq", :=== => "StrictEq", :!== => "StrictNotEq", :< => "Lt", :> => "Gt",
    :<= => "Le", :>= => "Ge", := => "Match", :=~ => "RegexMatch", :and => "And", :or => "Or",
    :&& => "AndAnd", :|| => "OrOr", :in => "In", :+ => "Add", :- => "Sub", :* => "Mul",
    :/ => "Div", :.. => "Range", :when => "When", :\\ => "Default", :"::" => "Type",
    :<- => "Arrow", :| => "Pipe2", :** => "Other", :~> => "Other", :<<< => "Other",
    :>>> => "Other", :||| => "Other", :&&& => "Other", :<~ => "Other", :^^^ => "Other",
    :+++ => "Other", :--- => "Other", :<~> => "Other", :"<|>" => "Other", :"~>>" => "Other",
    :"<<~" => "Other"
  }
  @unops %{:- => "Neg", :+ => "Pos", :! => "Bang", :not => "Not", :^ => "Pin"}

  def s(x) when is_integer(x), do: Integer.to_string(x)
  def s(x) when is_float(x), do: inspect(x)
  def s(x) when x in [true, false, nil], do: Atom.to_string(x)
  def s(x) when is_atom(x), do: ":" <> Atom.to_string(x)
  def s(x) when is_binary(x), do: "\"" <> esc(x) <> "\""
  def s({a, b}), do: "{" <> s(a) <> ", " <> s(b) <> "}"

  def s(list) when is_list(list) and list != [] do
    if :io_lib.printable_unicode_list(list),
      do: "'" <> esc(List.to_string(list)) <> "'",
      else: list_s(list)
  end

  def s(list) when is_list(list), do: list_s(list)

  def s({:__aliases__, _, [{:__MODULE__, _, _} = m | rest]}),
    do: Enum.reduce(rest, s(m), fn seg, acc -> "(" <> acc <> "." <> Atom.to_string(seg) <> ")" end)

  def s({:__aliases__, _, segs}), do: Enum.map_join(segs, ".", &Atom.to_string/1)
  def s({:__block__, _, []}), do: "{;}"
  def s({:__block__, _, [x]}), do: s(x)
  def s({:__block__, _, xs}), do: "{;" <> Enum.map_join(xs, "; ", &s/1) <> "}"
  def s({:{}, _, xs}), do: "{" <> join(xs) <> "}"
  def s({:%{}, _, [{:|, _, [base, kv]}]}), do: "%{" <> s(base) <> " | " <> pairs(kv) <> "}"
  def s({:%{}, _, kv}), do: "%{" <> pairs(kv) <> "}"

  def s({:%, _, [name, {:%{}, _, [{:|, _, [base, kv]}]}]}),
    do: "%" <> s(name) <> "{" <> s(base) <> " | " <> pairs(kv) <> "}"

  def s({:%, _, [name, {:%{}, _, kv}]}), do: "%" <> s(name) <> "{" <> pairs(kv) <> "}"

  def s({:<<>>, _, []}), do: "<<>>"

  def s({:<<>>, _, parts} = bin) do
    if Enum.all?(parts, &string_part?/1), do: "\"" <> parts(parts) <> "\"", else: bits(bin)
  end

  def s({{:., _, [:erlang, :binary_to_atom]}, _, [{:<<>>, _, parts}, :utf8]}),
    do: ":\"" <> parts(parts) <> "\""

  def s({{:., _, [List, :to_charlist]}, _, [parts]}), do: "'" <> parts(parts) <> "'"

  def s({:@, _, [{name, _, ctx}]}) when is_atom(ctx), do: "@" <> Atom.to_string(name)
  def s({:@, _, [{name, _, [v]}]}), do: "(@" <> Atom.to_string(name) <> " " <> s(v) <> ")"
  def s({:&, _, [n]}) when is_integer(n), do: "&" <> Integer.to_string(n)
  def s({:&, _, [x]}), do: "&" <> s(x)
  def s({:fn, _, clauses}), do: "fn(" <> Enum.map_join(clauses, "; ", &clause/1) <> ")"
  def s({:not, _, [{:in, _, [a, b]}]}), do: "(" <> s(a) <> " NotIn " <> s(b) <> ")"
  def s({:"..//", _, [a, b, c]}), do: "((" <> s(a) <> " Range " <> s(b) <> ") RangeStep " <> s(c) <> ")"
  def s({{:., _, [Access, :get]}, _, [e, k]}), do: s(e) <> "[" <> s(k) <> "]"
  def s({{:., _, [f]}, _, args}), do: s(f) <> ".(" <> join(args) <> ")"
  def s({name, _, ctx}) when is_atom(name) and is_atom(ctx), do: Atom.to_string(name)

  def s({op, _, [a, b]} = node) when is_map_key(@binops, op) do
    if Keyword.has_key?(elem(node, 1), :closing),
      do: call(node),
      else: "(" <> s(a) <> " " <> @binops[op] <> " " <> s(b) <> ")"
  end

  def s({op, _, [a]} = node) when is_map_key(@unops, op) do
    if Keyword.has_key?(elem(node, 1), :closing),
      do: call(node),
      else: "(" <> @unops[op] <> " " <> s(a) <> ")"
  end

  def s({sigil, _, [{:<<>>, _, parts}, mods]} = node) when is_atom(sigil) do
    case Atom.to_string(sigil) do
      "sigil_" <> name ->
        # hexlint stores lower-case sigils (except ~r) with escapes processed, as the sigil does.
        parts =
          if name =~ ~r/^[a-z]$/ and name != "r",
            do: Enum.map(parts, fn p when is_binary(p) -> Macro.unescape_string(p); p -> p end),
            else: parts

        "~" <> name <> "\"" <> parts(parts) <> "\"" <> List.to_string(mods)
      _ -> call(node)
    end
  end

  def s(node), do: call(node)

  defp call({callee, meta, args}) do
    {name, target} =
      case callee do
        {:., _, [t, n]} -> {Atom.to_string(n), s(t) <> "."}
        n -> {Atom.to_string(n), ""}
      end

    {args, blocks} =
      if Keyword.has_key?(meta, :do) do
        {Enum.drop(args, -1), List.last(args)}
      else
        {args, []}
      end

    head =
      if Keyword.has_key?(meta, :closing) do
        target <> name <> "(" <> join(args) <> ")"
      else
        "(" <> target <> name <> if(args == [], do: "", else: " ") <> join(args) <> ")"
      end

    head <> Enum.map_join(blocks, "", fn {k, v} -> " #{k}{" <> body(v) <> "}" end)
  end

  defp list_s(list) do
    case List.last(list) do
      {:|, _, [h, t]} -> "[" <> join(Enum.drop(list, -1) ++ [h]) <> " | " <> s(t) <> "]"
      _ -> "[" <> join(list) <> "]"
    end
  end

  defp body([{:->, _, _} | _] = clauses), do: Enum.map_join(clauses, "; ", &clause/1)
  defp body({:__block__, _, xs}), do: Enum.map_join(xs, "; ", &s/1)
  defp body(x), do: s(x)

  defp clause({:->, _, [args, b]}) do
    {args, guard} =
      case args do
        [{:when, _, wargs}] -> {Enum.drop(wargs, -1), " when " <> s(List.last(wargs))}
        _ -> {args, ""}
      end

    join(args) <> guard <> " -> " <> body(b)
  end

  defp bits({:<<>>, _, parts}), do: "<<" <> join(parts) <> ">>"

  defp string_part?(p) when is_binary(p), do: true
  defp string_part?({:"::", _, [{{:., _, [Kernel, :to_string]}, _, [_]}, {:binary, _, _}]}), do: true
  defp string_part?(_), do: false

  defp parts(parts) do
    Enum.map_join(parts, fn
      p when is_binary(p) -> esc(p)
      {:"::", _, [{{:., _, [Kernel, :to_string]}, _, [e]}, _]} -> "\#{" <> interp(e) <> "}"
      {{:., _, [Kernel, :to_string]}, _, [e]} -> "\#{" <> interp(e) <> "}"
      other -> "\#{" <> s(other) <> "}"
    end)
  end

  defp interp({:__block__, _, []}), do: "nil"
  defp interp(e), do: s(e)

  defp pairs(kv), do: Enum.map_join(kv, ", ", fn {k, v} -> s(k) <> " => " <> s(v) end)
  defp join(xs), do: Enum.map_join(xs, ", ", &s/1)

  defp esc(str) do
    str
    |> String.to_charlist()
    |> Enum.map_join(fn
      ?\n -> "\\n"
      ?\t -> "\\t"
      ?\r -> "\\r"
      ?" -> "\\\""
      ?' -> "\\'"
      ?\\ -> "\\\\"
      0 -> "\\0"
      c when c < 32 or c == 127 -> "\\u{" <> String.downcase(Integer.to_string(c, 16)) <> "}"
      c -> <<c::utf8>>
    end)
  end
end

[file] = System.argv()
quoted = Code.string_to_quoted!(File.read!(file), token_metadata: true, columns: true)

exprs =
  case quoted do
    {:__block__, meta, xs} -> if Keyword.has_key?(meta, :closing), do: [quoted], else: xs
    x -> [x]
  end

Enum.each(exprs, &IO.puts(ToSexp.s(&1)))
