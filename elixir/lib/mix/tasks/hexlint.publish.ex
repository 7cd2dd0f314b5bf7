defmodule Mix.Tasks.Hexlint.Publish do
  @shortdoc "Lints with hexlint, then runs mix hex.publish (hexlint publish)"
  @moduledoc """
  Runs `hexlint publish ARGS`: the drop-in for `mix hex.publish`.

      mix hexlint.publish
      mix hexlint.publish --dry-run
      mix hexlint.publish package --replace --organization acme
      mix hexlint.publish --fail-on error -- --yes

  hexlint lints the package with its publish checks; when nothing fails it runs
  `mix hex.publish` with the Hex arguments unchanged, in the same directory and environment
  (`HEX_API_KEY`, `MIX_ENV`, …), and this task exits with that command's exit status. Arguments
  that are hexlint's own (`--fail-on`, `--ignore`, `--no-lint`, `--allow-dirty`, …) are read by
  hexlint; everything else, or everything after `--`, goes to `mix hex.publish`.

  Hex's prompts (confirmation, the local password) read from the terminal. Standard input is
  shared with this Mix process (see `Hexlint.Runner`): answers typed at a prompt arrive, input
  piped in may not. Publish unattended with `--yes` and `HEX_API_KEY`.
  """
  use Mix.Task

  @impl Mix.Task
  def run(args) do
    Hexlint.exit_with(Hexlint.run(["publish" | args]))
  end
end
