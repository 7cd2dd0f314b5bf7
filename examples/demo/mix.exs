defmodule PlugCache.MixProject do
  use Mix.Project

  @version "0.4.0"
  @source_url "https://github.com/example/plug_cache"

  def project do
    [
      app: :plug_cache,
      version: @version,
      elixir: "~> 1.14",
      start_permanent: Mix.env() == :prod,
      deps: deps(),
      description: "HTTP response caching for Plug applications, with ETS storage.",
      package: package(),
      name: "PlugCache",
      source_url: @source_url,
      docs: [
        main: "readme",
        source_ref: "v#{@version}",
        extras: ["README.md", "CHANGELOG.md"]
      ]
    ]
  end

  def application do
    [
      extra_applications: [:logger],
      mod: {PlugCache.Application, []}
    ]
  end

  defp deps do
    [
      {:plug, "~> 1.14"},
      {:telemetry, "~> 1.0"},
      # Deliberate problem: a git dependency needed at runtime (Hex refuses to publish it).
      {:cachex_lite, github: "example/cachex_lite", tag: "v0.2.0"},
      {:ex_doc, "~> 0.31", only: :dev, runtime: false}
    ]
  end

  defp package do
    [
      # Deliberate problems: not an SPDX identifier, and a misspelled key Hex ignores.
      licenses: ["Apache 2.0"],
      licences: ["Apache-2.0"],
      links: %{
        "GitHub" => @source_url,
        "Changelog" => "#{@source_url}/blob/main/CHANGELOG.md",
        # Deliberate problem: hex.pm only accepts http(s) links.
        "Chat" => "irc://irc.libera.chat/#plug_cache"
      },
      files: ~w(lib mix.exs README.md LICENSE CHANGELOG.md)
    ]
  end
end
