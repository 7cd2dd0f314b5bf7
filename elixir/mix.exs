defmodule Hexlint.MixProject do
  use Mix.Project

  # The package's version is the hexlint version it installs by default; the release workflow
  # publishes both together (see RELEASING.md).
  @version "0.1.0"
  @source_url "https://github.com/hexlint/hexlint"

  def project do
    [
      app: :hexlint,
      version: @version,
      elixir: "~> 1.14",
      start_permanent: Mix.env() == :prod,
      description:
        "Runs hexlint, the linter and pre-publish validator for Hex packages, as `mix hexlint`; " <>
          "installs its prebuilt binary with checksum verification.",
      package: package(),
      deps: deps(),
      docs: [main: "readme", extras: ["README.md"], source_ref: "v#{@version}"],
      source_url: @source_url,
      elixirc_paths: elixirc_paths(Mix.env())
    ]
  end

  def application do
    [extra_applications: [:logger, :crypto, :inets, :public_key]]
  end

  # Nothing at runtime. ex_doc builds the docs `mix hex.publish` uploads; it is declared only
  # when Hex is installed, because Mix refuses to load a project with a Hex dependency without
  # Hex, and this repository's CI tests the package with Debian's Elixir, which has no Hex.
  defp deps do
    if Code.ensure_loaded?(Hex) do
      [{:ex_doc, "~> 0.34", only: :dev, runtime: false}]
    else
      []
    end
  end

  defp elixirc_paths(:test), do: ["lib", "test/support"]
  defp elixirc_paths(_), do: ["lib"]

  defp package do
    [
      licenses: ["Apache-2.0"],
      links: %{"GitHub" => @source_url},
      files: ~w(lib priv mix.exs README.md LICENSE CHANGELOG.md)
    ]
  end
end
