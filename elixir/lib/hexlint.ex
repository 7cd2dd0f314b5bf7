defmodule Hexlint do
  @latest_version "0.1.0"

  @moduledoc """
  Runs [hexlint](https://github.com/hexlint/hexlint), the linter and pre-publish validator for
  Hex packages, from a Mix project.

  Which binary runs, first match wins:

    1. `HEXLINT_PATH` (environment variable): a hexlint already on the machine.
    2. `config :hexlint, path: "/path/to/hexlint"`.
    3. The binary `mix hexlint.install` put under `_build/hexlint-<version>/` for the configured
       version (`config :hexlint, version: "0.1.0"`, default `#{@latest_version}`); `mix hexlint`
       installs it first when it is missing.

  See `Hexlint.Installer` for the download (base URL, checksums, platforms).
  """

  @doc "The hexlint version this package installs when none is configured."
  def latest_version, do: @latest_version

  @doc "The hexlint version to install: `config :hexlint, version: …`, else `latest_version/0`."
  def configured_version do
    Application.get_env(:hexlint, :version, @latest_version)
  end

  @doc """
  The binary to run and where the choice came from: `{:env, path}` (`HEXLINT_PATH`),
  `{:config, path}` (`config :hexlint, path: …`) or `{:installed, path}` (under `_build`,
  which may not exist yet).
  """
  def bin_path do
    cond do
      path = non_empty(System.get_env("HEXLINT_PATH")) -> {:env, Path.expand(path)}
      path = Application.get_env(:hexlint, :path) -> {:config, Path.expand(path)}
      true -> {:installed, installed_path(configured_version())}
    end
  end

  @doc "Where `mix hexlint.install` puts hexlint `version`: `_build/hexlint-<version>/hexlint`."
  def installed_path(version) do
    Path.join(install_dir(version), Hexlint.Target.executable_name())
  end

  @doc false
  def install_dir(version) do
    Path.join(Path.dirname(Mix.Project.build_path()), "hexlint-#{version}")
  end

  @doc """
  Runs hexlint with `args` (the subcommand first, e.g. `["check", "--format", "json"]`) and
  returns its exit status. Installs the configured version first when no binary is configured
  and none is installed.
  """
  def run(args) when is_list(args) do
    path = ensure_binary!()
    Hexlint.Runner.run(path, args)
  end

  @doc "Ends a Mix task with hexlint's exit status: returns on 0, else exits with that status."
  def exit_with(0), do: :ok
  def exit_with(status) when is_integer(status), do: exit({:shutdown, status})

  defp ensure_binary! do
    case bin_path() do
      {:installed, path} ->
        unless File.exists?(path) do
          IO.puts(:stderr, "hexlint #{configured_version()} is not installed; installing it")
          install!()
        end

        path

      {source, path} ->
        if File.regular?(path) do
          path
        else
          Mix.raise("hexlint was not found at #{path} (#{describe(source)})")
        end
    end
  end

  @doc false
  def install!(opts \\ []) do
    case Hexlint.Installer.install(opts) do
      {:ok, info} -> info
      {:error, message} -> Mix.raise(message)
    end
  end

  @doc false
  def describe(:env), do: "HEXLINT_PATH"
  def describe(:config), do: "config :hexlint, path: …"
  def describe(:installed), do: "installed by mix hexlint.install"

  defp non_empty(nil), do: nil
  defp non_empty(""), do: nil
  defp non_empty(value), do: value
end
