{:ok, [{:application, :erlflav, props}]} = :file.consult('src/erlflav.app.src')
props = Map.new(props)

defmodule Erlflav.Mixfile do
  use Mix.Project

  @props Map.new(elem(hd(elem(:file.consult('src/erlflav.app.src'), 1)), 2))
  @version to_string(@props[:vsn])

  def project() do
    [app: :erlflav,
     version: @version,
     description: to_string(@props[:description]),
     language: :erlang,
     erlc_options: erlc_options(Mix.env),
     deps: deps,
     package: package()]
  end

  defp erlc_options(:prod), do: [:debug_info, {:d, :PROD}]
  defp erlc_options(env) when env in [:dev, :test] and is_atom(env), do: [:debug_info, {:d, :TEST, 1}]
  defp erlc_options(_), do: [:debug_info | []]

  defp deps do
    [{:edown, "~> 0.8", only: :dev},
     {:meck, git: "https://github.com/eproxus/meck.git", tag: "0.8.13", only: :test}]
  end

  defp package(opts \\ []) do
    base = %{licenses: ["Apache 2.0"], maintainers: ["Someone"], links: %{"GitHub" => "https://github.com/x/erlflav"}}
    files = ~w(src include rebar.config README.md LICENSE) ++ Keyword.get(opts, :extra, [])
    case :os.getenv('HEX_EXTRA') do
      false -> Map.put(base, :files, files)
      extra when is_list(extra) ->
        base
        |> Map.put(:files, files ++ [List.to_string(extra)])
        |> Map.update!(:licenses, &[&1 | []])
    end
  end

  def version(%Version{major: 1, minor: minor} = v) when minor >= 2 do
    cond do
      v.pre != [] -> raise ArgumentError, "pre-release #{inspect v}"
      true -> :ok
    end
  end

  defp ver(x), do: <<x::binary, ?.::utf8, 0x2E, "0">>
  def f(<<a, rest::binary>>, acc), do: f(rest, [a | acc])
  def f(<<>>, acc), do: :lists.reverse(acc)
  defp tagged, do: {:"quoted-tag", :"a#{1 + 1}", ?a, ?\n, -1, - 2, 1.5e3, 0xFF, 0b1010, 0o777, 1_000_000}
  defp neg(x), do: -x + +x - (-1) * (not true |> to_string |> String.length)
  defp ops(a, b), do: a <> b |> String.upcase() =~ ~r/X/i && !a || a != b and b === a or a in b
  defp range, do: Enum.to_list(1..10//2) -- [1] ++ for(x <- 1..3, x > 1, into: [], do: x * 2)
  defp access(m), do: m[:a][:b] || get_in(m, [:a, Access.key(:b)]) || m.a.b
  defp try_it do
    try do
      throw(:x)
    rescue
      e in [RuntimeError, ArgumentError] -> e
    catch
      kind, value -> {kind, value}
    else
      v -> v
    after
      :ok
    end
  end
  defp with_it(a) do
    with {:ok, b} <- a,
         [c | _] when is_integer(c) <- b,
         d = c + 1 do
      d
    else
      :error -> nil
      _other -> nil
    end
  end
  defp rec do
    receive do
      {:msg, m} -> m
    after
      0 -> :none
    end
  end
  defp q(x), do: quote(do: unquote(x) + 1)
  defp capture, do: [&String.upcase/1, &(&1 <> "x"), &Kernel.+/2, & &1, &{&1, &2}]
  defp anon, do: (fn -> :ok end).() && (fn a, b when a > b -> a; _, b -> b end).(1, 2)
  defp sigils, do: [~c(abc), ~C(a\b), ~s[x#{1}y], ~S|raw\n|, ~w<a b>c, ~W"a b"s, ~r{a/b}iu, ~R'x', ~D[2020-01-01], ~U[2020-01-01 00:00:00Z]]
  defp heredoc_sigil, do: ~S"""
  raw \n text
    indented
  """
  defp charlist_heredoc, do: '''
    one
    two
    '''
  defp pins(^x = y), do: y
end
