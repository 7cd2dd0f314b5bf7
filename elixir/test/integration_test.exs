defmodule Hexlint.IntegrationTest do
  # Real Mix in a throwaway project that depends on this package by `path:`, with the hexlint
  # binary built from this repository, and a local HTTP server for `mix hexlint.install`.
  use ExUnit.Case, async: false
  alias Hexlint.{TestHTTP, TestRelease}

  @moduletag :integration
  @moduletag timeout: 300_000

  @mix_exs """
  defmodule Demo.MixProject do
    use Mix.Project

    def project do
      [
        app: :demo,
        version: "0.1.0",
        elixir: "~> 1.14",
        description: "A throwaway package for hexlint's Mix integration test.",
        package: [licenses: ["Apache-2.0"], links: %{"GitHub" => "https://github.com/example/demo"}],
        deps: [{:hexlint, path: "../hexlint", only: [:dev, :test], runtime: false}]
      ]
    end
  end
  """

  setup_all do
    bin = Application.fetch_env!(:hexlint, :test_bin)
    mix = System.find_executable("mix")
    work = TestRelease.tmp_dir("integration")

    # The package as it would be published: copied, so the test can add the release's checksums
    # to priv/checksums as the release workflow does.
    package = Path.join(work, "hexlint")
    File.mkdir_p!(package)

    for entry <- ~w(lib priv mix.exs README.md LICENSE CHANGELOG.md) do
      File.cp_r!(Path.expand("../#{entry}", __DIR__), Path.join(package, entry))
    end

    app = Path.join(work, "demo")
    File.mkdir_p!(Path.join(app, "lib"))
    File.write!(Path.join(app, "mix.exs"), @mix_exs)
    File.write!(Path.join(app, "lib/demo.ex"), "defmodule Demo do\n  @moduledoc false\nend\n")
    File.write!(Path.join(app, "README.md"), "# Demo\n")
    File.cp!(Path.expand("../LICENSE", __DIR__), Path.join(app, "LICENSE"))

    # Compile the dependency once, so later runs print only what hexlint prints.
    {_, 0} = System.cmd(mix, ["deps.compile"], cd: app, env: env([]), stderr_to_stdout: true)

    %{bin: bin, mix: mix, app: app, package: package, work: work}
  end

  # The child Mix runs in dev, whatever this test run's environment.
  defp env(extra), do: [{"MIX_ENV", "dev"}, {"HEXLINT_PATH", nil}, {"NO_COLOR", "1"}] ++ extra

  # Runs `cmd args` in `dir`; returns {stdout, stderr, status}.
  defp run(cmd, args, dir, extra_env) do
    err = Path.join(System.tmp_dir!(), "hexlint-stderr-#{System.unique_integer([:positive])}")

    {out, status} =
      System.cmd(
        "sh",
        ["-c", "exec \"$0\" \"$@\" 2>\"$HEXLINT_TEST_STDERR\" </dev/null", cmd | args],
        cd: dir,
        env: env([{"HEXLINT_TEST_STDERR", err} | extra_env])
      )

    stderr = File.read!(err)
    File.rm!(err)
    {out, stderr, status}
  end

  test "mix hexlint is hexlint check: same stdout, stderr and exit status", ctx do
    with_path = [{"HEXLINT_PATH", ctx.bin}]

    for args <- [[], ["--format", "json"], ["--format", "concise", "--fail-on", "warning"]] do
      direct = run(ctx.bin, ["check" | args], ctx.app, [])
      via_mix = run(ctx.mix, ["hexlint" | args], ctx.app, with_path)
      assert via_mix == direct, "mix hexlint #{Enum.join(args, " ")}"
    end

    {out, stderr, status} = run(ctx.mix, ["hexlint", "--format", "json"], ctx.app, with_path)
    assert status in [0, 1]
    assert stderr == ""
    assert out =~ ~s("schema")

    # With HEXLINT_PATH there is nothing to download.
    {out, _, 0} = run(ctx.mix, ["hexlint.install"], ctx.app, with_path)
    assert out =~ "using #{Path.expand(ctx.bin)} (HEXLINT_PATH); nothing to install"
    refute File.exists?(Path.join(ctx.app, "_build/hexlint-0.1.0"))
    missing = [{"HEXLINT_PATH", "/nonexistent/hexlint"}]
    {"", err, 1} = run(ctx.mix, ["hexlint.install"], ctx.app, missing)
    assert err =~ "hexlint was not found at /nonexistent/hexlint (HEXLINT_PATH)"
    {"", err, 1} = run(ctx.mix, ["hexlint"], ctx.app, missing)
    assert err =~ "hexlint was not found at /nonexistent/hexlint (HEXLINT_PATH)"

    # A usage error: exit 2, the message on stderr and nothing on stdout.
    assert {"", stderr, 2} = run(ctx.mix, ["hexlint", "--no-such-flag"], ctx.app, with_path)
    assert stderr =~ "--no-such-flag"
  end

  test "the package passes hexlint check itself", ctx do
    {out, status} =
      System.cmd(ctx.bin, ["check", "--format", "concise", Path.expand("..", __DIR__)])

    assert status == 0, out
  end

  test "config :hexlint, path: runs that binary", ctx do
    config = Path.join(ctx.work, "config.exs")
    File.write!(config, "import Config\nconfig :hexlint, path: #{inspect(ctx.bin)}\n")
    dir = Path.join(ctx.work, "with_config")
    File.rm_rf!(dir)
    File.cp_r!(ctx.app, dir)
    File.mkdir_p!(Path.join(dir, "config"))
    File.cp!(config, Path.join(dir, "config/config.exs"))
    # A new config may make Mix recompile the dependency: do it before comparing outputs.
    {_, 0} = System.cmd(ctx.mix, ["deps.compile"], cd: dir, env: env([]), stderr_to_stdout: true)

    assert run(ctx.mix, ["hexlint", "--format", "json"], dir, []) ==
             run(ctx.bin, ["check", "--format", "json"], dir, [])
  end

  test "mix hexlint.install against a local server, then mix hexlint; a mismatch installs nothing",
       ctx do
    root = TestRelease.tmp_dir("release")
    {pid, url} = TestHTTP.start(root)
    on_exit(fn -> TestHTTP.stop(pid) end)

    # A release as cargo-dist publishes it: archives plus sha256.sum. The executable inside is a
    # wrapper around the hexlint built from this repository.
    {:ok, triples} = Hexlint.Target.candidates()
    linux_musl = Enum.find(triples, &String.ends_with?(&1, "-musl")) || hd(triples)
    wrapper = "#!/bin/sh\nexec '#{ctx.bin}' \"$@\"\n"
    release = Path.join(root, "v0.1.0")

    TestRelease.write(
      release,
      [linux_musl, "aarch64-apple-darwin", "x86_64-pc-windows-msvc"],
      wrapper
    )

    # The release step: the release's sha256.sum becomes priv/checksums/<version>.sha256.
    {:ok, sums} = Hexlint.Download.get(url <> "/v0.1.0/sha256.sum")
    File.write!(Path.join(ctx.package, "priv/checksums/0.1.0.sha256"), sums)

    {_, 0} =
      System.cmd(ctx.mix, ["deps.compile", "hexlint", "--force"],
        cd: ctx.app,
        env: env([]),
        stderr_to_stdout: true
      )

    installed = Path.join(ctx.app, "_build/hexlint-0.1.0/hexlint")
    base = [{"HEXLINT_BASE_URL", url <> "/v$version"}]

    {out, _err, 0} = run(ctx.mix, ["hexlint.install"], ctx.app, base)
    assert out =~ "hexlint 0.1.0 (#{linux_musl}) installed at"
    assert File.read!(installed) == wrapper

    # Installed once: mix hexlint runs it (no HEXLINT_PATH), exactly like hexlint check.
    assert run(ctx.mix, ["hexlint", "--format", "json"], ctx.app, base) ==
             run(ctx.bin, ["check", "--format", "json"], ctx.app, [])

    {out, _, 0} = run(ctx.mix, ["hexlint.install"], ctx.app, base)
    assert out =~ "already installed"

    # The server now serves a different archive under the released name.
    name = Hexlint.Target.archive_name(linux_musl)

    File.write!(
      Path.join(release, name),
      TestRelease.archive(linux_musl, "#!/bin/sh\necho evil\n")
    )

    File.rm_rf!(Path.dirname(installed))

    {_out, err, status} = run(ctx.mix, ["hexlint.install"], ctx.app, base)
    assert status == 1
    assert err =~ "checksum mismatch for #{url}/v0.1.0/#{name}"
    refute File.exists?(Path.dirname(installed))

    # mix hexlint would install first, and fails the same way without running anything.
    {out, err, 1} = run(ctx.mix, ["hexlint"], ctx.app, base)
    assert out == ""
    assert err =~ "checksum mismatch"
    refute File.exists?(installed)
  end

  test "mix hexlint.publish --dry-run reaches mix hex.publish with the arguments unchanged",
       ctx do
    # A fake `mix` first on PATH stands in for the one hexlint publish starts (CI has no Hex);
    # the real mix runs the task by its full path.
    fake = Path.join(ctx.work, "fakebin")
    File.mkdir_p!(fake)
    log = Path.join(ctx.work, "mix.args")

    File.write!(Path.join(fake, "mix"), """
    #!/bin/sh
    for a in "$@"; do printf '%s\\n' "$a"; done > '#{log}'
    pwd >> '#{log}'
    echo "fake mix hex.publish ran"
    exit 7
    """)

    File.chmod!(Path.join(fake, "mix"), 0o755)
    path = [{"PATH", fake <> ":" <> System.get_env("PATH")}, {"HEXLINT_PATH", ctx.bin}]
    args = ["--fail-on", "error", "--dry-run", "package", "--organization", "acme"]

    {out, err, status} = run(ctx.mix, ["hexlint.publish" | args], ctx.app, path)
    assert status == 7, "stdout:\n#{out}\nstderr:\n#{err}"
    assert out =~ "fake mix hex.publish ran"

    assert File.read!(log) ==
             Enum.join(
               ["hex.publish", "--dry-run", "package", "--organization", "acme", ctx.app],
               "\n"
             ) <>
               "\n"
  end

  test "with Hex installed, mix hexlint.publish --dry-run reaches the real mix hex.publish",
       ctx do
    {archives, 0} = System.cmd(ctx.mix, ["archive"], env: env([]), stderr_to_stdout: true)

    if archives =~ ~r/^\* hex\b/m do
      args = ["--fail-on", "error", "--dry-run", "package"]
      env = [{"HEXLINT_PATH", ctx.bin}, {"HEX_API_KEY", nil}, {"HEX_OFFLINE", "1"}]
      {out, err, _status} = run(ctx.mix, ["hexlint.publish" | args], ctx.app, env)
      # Hex builds the package (its own output) before it asks who is publishing.
      assert out =~ "Building demo 0.1.0", "stdout:\n#{out}\nstderr:\n#{err}"
    else
      IO.puts("SKIP: mix hexlint.publish with the real Hex: Hex is not installed (mix archive)")
    end
  end
end
