defmodule Mix.Tasks.Hexlint.Install do
  @shortdoc "Installs the prebuilt hexlint binary for this platform under _build"
  @moduledoc """
  Downloads hexlint's release archive for this platform, verifies its SHA-256 against the
  checksums shipped in this package, and installs the binary as
  `_build/hexlint-<version>/hexlint`.

      mix hexlint.install             # the configured version, unless it is installed already
      mix hexlint.install --force     # download and install again

  Configuration (`config/config.exs`; environment variables win):

      config :hexlint,
        version: "0.1.0",                  # default: this package's version
        base_url: "https://mirror.example/hexlint/v$version",   # or HEXLINT_BASE_URL
        target: "x86_64-unknown-linux-musl" # only to override the platform detection

  With `HEXLINT_PATH` or `config :hexlint, path: …` set, that binary is used and nothing is
  downloaded. A checksum mismatch, a version without shipped checksums, or a platform without a
  build is an error, and nothing is installed. See `Hexlint.Installer`.
  """
  use Mix.Task

  @impl Mix.Task
  def run(args) do
    {opts, rest} = OptionParser.parse!(args, strict: [force: :boolean])

    if rest != [] do
      Mix.raise(
        "mix hexlint.install takes no arguments besides --force, got: #{Enum.join(rest, " ")}"
      )
    end

    case Hexlint.bin_path() do
      {:installed, path} ->
        if File.exists?(path) and !opts[:force] do
          Mix.shell().info(
            "hexlint #{Hexlint.configured_version()} is already installed at #{path}"
          )
        else
          info = Hexlint.install!()

          Mix.shell().info(
            "hexlint #{info.version} (#{info.target}) installed at #{info.path}; " <>
              "sha256 #{info.sha256} verified"
          )
        end

      {source, path} ->
        unless File.regular?(path) do
          Mix.raise("hexlint was not found at #{path} (#{Hexlint.describe(source)})")
        end

        Mix.shell().info(
          "hexlint: using #{path} (#{Hexlint.describe(source)}); nothing to install"
        )
    end
  end
end
