Code.ensure_loaded?(Hex) and Hex.start()

defmodule Postgrex.MixProject do
  use Mix.Project

  @source_url "https://github.com/elixir-ecto/postgrex"
  @version "0.17.1"
  @envs [:dev, :test]

  def project do
    [
      app: :postgrex,
      version: @version,
      elixir: "~> 1.11",
      deps: deps(),
      name: "Postgrex",
      description: "PostgreSQL driver for Elixir",
      source_url: @source_url,
      package: package(),
      docs: docs(),
      elixirc_paths: elixirc_paths(Mix.env()),
      start_permanent: Mix.env == :prod,
      preferred_cli_env: ["coveralls.html": :test, coveralls: :test],
      aliases: aliases(),
      xref: [exclude: [Jason, :ssl]]
    ]
  end

  # Run "mix help compile.app" to learn about applications.
  def application do
    [extra_applications: [:logger, :crypto, :ssl], mod: {Postgrex.App, []}, env: [type_server_reap_after: 3 * 60_000]]
  end

  defp elixirc_paths(:test), do: ["lib", "test/support"]
  defp elixirc_paths(_), do: ["lib"]

  defp deps do
    [
      {:ex_doc, ">= 0.0.0", only: :docs},
      {:jason, "~> 1.0", optional: true},
      {:table, "~> 0.1.0", optional: true},
      {:decimal, "~> 1.5 or ~> 2.0"},
      {:db_connection, "~> 2.1"},
      {:connection, "~> 1.1"}
    ] ++ extra_deps(Mix.env())
  end

  defp extra_deps(env) when env in @envs, do: [{:credo, "~> 1.0", runtime: false}]
  defp extra_deps(_env), do: []

  defp docs do
    [
      source_url: @source_url,
      source_ref: "v#{@version}",
      main: "readme",
      extras: ["README.md", "CHANGELOG.md": [title: "Changelog"]],
      groups_for_modules: [Types: [~r/Postgrex\.Extensions\..*/m]],
      before_closing_body_tag: &before_closing_body_tag/1
    ]
  end

  defp before_closing_body_tag(:html), do: """
    <script>x = 1;</script>
    """
  defp before_closing_body_tag(_), do: ""

  defp package do
    %{
      licenses: ["Apache-2.0"],
      maintainers: ~w(José Eric),
      links: %{"GitHub" => @source_url},
      files: ~w(lib mix.exs README.md CHANGELOG.md LICENSE)a
    }
  end

  defp aliases do
    [
      test: ["ecto.create --quiet", "test"],
      "docs.all": fn _ -> Mix.shell().info "x" end,
      compile: [&check/1, "compile"]
    ]
  end

  defp check(_args) do
    case System.get_env("X", "d") do
      "1" -> :ok
      other when is_binary(other) ->
        raise "bad #{other}"
    end

    File.read!("VERSION")
    |> String.trim()
    |> Version.parse!()
  end

  defp version(%Version{major: 1} = v, opts \\ []) do
    if v.pre == [] and opts[:x], do: v, else: nil
  end
end
