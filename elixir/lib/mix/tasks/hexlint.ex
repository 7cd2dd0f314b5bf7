defmodule Mix.Tasks.Hexlint do
  @shortdoc "Lints the project for Hex with hexlint (hexlint check)"
  @moduledoc """
  Runs `hexlint check ARGS` in the current directory.

      mix hexlint
      mix hexlint --format github
      mix hexlint --fail-on warning --ignore missing-changelog

  Every argument is passed to `hexlint check` unchanged, hexlint writes straight to the terminal
  (stdout and stderr stay separate), and the task exits with hexlint's exit status: 0 clean,
  1 findings at the fail level, 2 usage or input errors. `mix hexlint --help` shows hexlint's
  own help.

  The binary is `HEXLINT_PATH`, `config :hexlint, path: …`, or the one `mix hexlint.install`
  installs for the configured version (installed on first use when missing). See `Hexlint`.
  hexlint reads `mix.exs` statically: the project is not compiled and its code never runs.
  """
  use Mix.Task

  @impl Mix.Task
  def run(args) do
    Hexlint.exit_with(Hexlint.run(["check" | args]))
  end
end
