defmodule ExampleNif.MixProject do
  use Mix.Project

  @version "0.4.2"
  @source_url "https://github.com/example/example_nif"
  @dev? String.ends_with?(@version, "-dev")
  @force_build? System.get_env("EXAMPLE_BUILD") in ["1", "true"]

  def project do
    [
      app: :example_nif,
      version: @version,
      elixir: "~> 1.12",
      start_permanent: Mix.env() == :prod,
      deps: deps(),
      package: package(),
      docs: docs(),
      description: "Example NIF with precompiled binaries",
      source_url: @source_url,
      compilers: if(@dev?, do: [:rustler], else: []) ++ Mix.compilers()
    ]
  end

  def application, do: [extra_applications: [:logger]]

  defp deps do
    [
      {:rustler_precompiled, "~> 0.6"},
      {:rustler, ">= 0.0.0", optional: not (@dev? or @force_build?)},
      {:ex_doc, ">= 0.0.0", only: :dev, runtime: false}
    ]
  end

  defp package do
    [
      files: [
        "lib",
        "native/example_nif/.cargo",
        "native/example_nif/src",
        "native/example_nif/Cargo*",
        "checksum-*.exs",
        "mix.exs"
      ],
      licenses: ["MIT", "Apache-2.0"],
      links: %{"GitHub" => @source_url}
    ]
  end

  defp docs do
    [main: "ExampleNif", source_ref: "v#{@version}", extras: ~w[README.md CHANGELOG.md]]
  end
end
