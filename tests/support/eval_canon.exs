# Evaluates snippets the way mix.exs would and prints each result in the canonical text form
# that tests/eval.rs (`differential_against_real_elixir`) also produces, one line per snippet.
# Usage: elixir tests/support/eval_canon.exs SNIPPETS_FILE   (snippets separated by "\n#---\n",
# each one "prelude\n#body\nexpression").
Mix.start()

defmodule Canon do
  def p(nil), do: "nil"
  def p(true), do: "true"
  def p(false), do: "false"
  def p(a) when is_atom(a), do: ":" <> Atom.to_string(a)
  def p(i) when is_integer(i), do: "i:" <> Integer.to_string(i)
  def p(f) when is_float(f) do
    <<bits::64>> = <<f::float>>
    "f:" <> Integer.to_string(bits)
  end
  def p(s) when is_binary(s), do: "s\"" <> esc(s) <> "\""
  def p(l) when is_list(l), do: "[" <> Enum.map_join(l, ",", &p/1) <> "]"
  def p(t) when is_tuple(t), do: "{" <> Enum.map_join(Tuple.to_list(t), ",", &p/1) <> "}"
  def p(%Regex{source: s, opts: o}), do: "~r\"" <> esc(s) <> "\"" <> o
  def p(f) when is_function(f), do: "fun"
  def p(%{} = m) do
    "%{" <> (m |> Enum.map(fn {k, v} -> p(k) <> "=>" <> p(v) end) |> Enum.sort() |> Enum.join(",")) <> "}"
  end

  defp esc(s) do
    s |> String.replace("\\", "\\\\") |> String.replace("\"", "\\\"") |> String.replace("\n", "\\n")
  end
end

[file] = System.argv()
root = Path.dirname(file)
File.cd!(root)

file
|> File.read!()
|> String.split("\n#---\n")
|> Enum.with_index()
|> Enum.each(fn {snippet, i} ->
  [prelude, expr] = String.split(snippet, "\n#body\n", parts: 2)
  src = "defmodule Canon.T#{i} do\n#{prelude}\ndef project do\n#{expr}\nend\nend\n"
  line =
    try do
      [{mod, _}] = Code.compile_string(src, Path.join(root, "mix.exs"))
      Canon.p(mod.project())
    rescue
      _ -> "ERROR"
    catch
      _, _ -> "ERROR"
    end
  IO.puts(line)
end)
