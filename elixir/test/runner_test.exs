defmodule Hexlint.RunnerTest do
  use ExUnit.Case, async: true

  test "arguments arrive unchanged and the exit status comes back" do
    dir = Hexlint.TestRelease.tmp_dir("runner")
    log = Path.join(dir, "args")
    script = Path.join(dir, "fake")

    File.write!(
      script,
      "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\0' \"$a\"; done > '#{log}'\nexit 3\n"
    )

    File.chmod!(script, 0o755)
    args = ["check", "--format", "json", "with space", "", "ünïcode", "--", "-x", "$HOME"]

    assert Hexlint.Runner.run(script, args, cd: dir) == 3
    assert String.split(File.read!(log), "\0", trim: false) == args ++ [""]
  end

  test "exit_with returns on success and exits with the status otherwise" do
    assert Hexlint.exit_with(0) == :ok
    assert catch_exit(Hexlint.exit_with(2)) == {:shutdown, 2}
  end

  test "the package's version is the hexlint version it installs by default" do
    assert Hexlint.latest_version() == Mix.Project.config()[:version]
  end
end
