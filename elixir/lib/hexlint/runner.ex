defmodule Hexlint.Runner do
  @moduledoc """
  Runs the hexlint binary as a child of the BEAM with the terminal handed over.

  The child is spawned with `:nouse_stdio`, so its standard output and standard error are the very
  file descriptors Mix writes to: hexlint sees the terminal (colours, its own TTY checks), output
  is neither buffered nor re-encoded, and stderr stays separate from stdout. The exit status is
  returned unchanged.

  Standard input is the one Mix itself has. The BEAM keeps that descriptor open and may read from
  it, so input piped into `mix hexlint.publish`, or typed before a prompt appears, can be consumed
  by Mix instead of reaching hexlint or Hex; answers typed at a prompt in a terminal do arrive.
  For unattended publishing pass `--yes` and set `HEX_API_KEY`, as with `mix hex.publish`.

  Erlang starts port programs in a session of their own, so Ctrl-C in the terminal reaches Mix
  (the BEAM's BREAK menu), not hexlint or the `mix hex.publish` it started; the menu and that
  child then share the keyboard. To stop at a Hex prompt, answer `n`. Closing the terminal ends
  all of them.
  """

  @doc "Runs `path` with `args` in the current directory; returns the exit status."
  def run(path, args, opts \\ []) when is_binary(path) and is_list(args) do
    port =
      Port.open({:spawn_executable, path}, [
        :nouse_stdio,
        :exit_status,
        args: args,
        cd: Keyword.get_lazy(opts, :cd, &File.cwd!/0)
      ])

    wait(port)
  end

  defp wait(port) do
    receive do
      {^port, {:exit_status, status}} -> status
      {^port, _other} -> wait(port)
    end
  end
end
