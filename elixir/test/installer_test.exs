defmodule Hexlint.InstallerTest do
  # Not async: one :inets httpd per module, and one test sets HEXLINT_BASE_URL.
  use ExUnit.Case, async: false
  alias Hexlint.{Installer, TestHTTP, TestRelease}

  @linux ["x86_64-unknown-linux-gnu", "x86_64-unknown-linux-musl"]
  @executable "#!/bin/sh\necho fake hexlint \"$@\"\n"

  setup do
    root = TestRelease.tmp_dir("server")
    {pid, url} = TestHTTP.start(root)
    on_exit(fn -> TestHTTP.stop(pid) end)

    release = Path.join(root, "v0.1.0")

    sums =
      TestRelease.write(
        release,
        ["x86_64-unknown-linux-musl", "x86_64-pc-windows-msvc", "aarch64-apple-darwin"],
        @executable
      )

    checksums = TestRelease.tmp_dir("checksums")
    File.write!(Path.join(checksums, "0.1.0.sha256"), sums)
    dest = Path.join(TestRelease.tmp_dir("dest"), "hexlint-0.1.0")

    opts = [
      version: "0.1.0",
      base_url: url <> "/v$version",
      checksums_dir: checksums,
      dest_dir: dest
    ]

    %{opts: opts, release: release, url: url, dest: dest}
  end

  test "downloads, verifies and installs the first triple the release has", %{
    opts: opts,
    dest: dest
  } do
    assert {:ok, info} = Installer.install([targets: @linux] ++ opts)
    assert info.target == "x86_64-unknown-linux-musl"
    assert info.path == Path.join(dest, "hexlint")

    assert info.url =~
             ~r{^http://127\.0\.0\.1:\d+/v0\.1\.0/hexlint-x86_64-unknown-linux-musl\.tar\.gz$}

    assert File.read!(info.path) == @executable
    assert {output, 0} = System.cmd(info.path, ["check", "--x"])
    assert output == "fake hexlint check --x\n"
    assert File.ls!(dest) == ["hexlint"]
  end

  test "Windows archives are zips with hexlint.exe", %{opts: opts, dest: dest} do
    assert {:ok, info} = Installer.install([targets: ["x86_64-pc-windows-msvc"]] ++ opts)
    assert File.read!(info.path) == @executable
    assert Path.dirname(info.path) == dest
  end

  test "a checksum mismatch is an error and installs nothing", %{
    opts: opts,
    release: release,
    dest: dest
  } do
    name = "hexlint-x86_64-unknown-linux-musl.tar.gz"

    File.write!(
      Path.join(release, name),
      TestRelease.archive("x86_64-unknown-linux-musl", "#!/bin/sh\necho evil\n")
    )

    assert {:error, message} = Installer.install([targets: @linux] ++ opts)
    assert message =~ "checksum mismatch for http://127.0.0.1:"
    assert message =~ "Nothing was installed"
    refute File.exists?(dest)
  end

  test "an unknown platform is an error and installs nothing", %{opts: opts, dest: dest} do
    assert {:error, message} =
             Installer.install([facts: %{os: :linux, arch: "s390x", libc: :gnu}] ++ opts)

    assert message =~ "no prebuilt binary for this platform"
    refute File.exists?(dest)
  end

  test "a platform the release did not build for is an error", %{opts: opts, dest: dest} do
    assert {:error, message} =
             Installer.install([targets: ["aarch64-unknown-linux-musl"]] ++ opts)

    assert message =~
             "hexlint 0.1.0 has no build for this platform (tried aarch64-unknown-linux-musl)"

    refute File.exists?(dest)
  end

  test "a version without shipped checksums downloads nothing", %{opts: opts, dest: dest} do
    assert {:error, message} =
             Installer.install(Keyword.put(opts, :version, "0.2.0") ++ [targets: @linux])

    assert message =~ "no checksums for hexlint 0.2.0"
    refute File.exists?(dest)
  end

  test "a missing archive is the server's HTTP status", %{
    opts: opts,
    release: release,
    dest: dest
  } do
    File.rm!(Path.join(release, "hexlint-x86_64-unknown-linux-musl.tar.gz"))
    assert {:error, message} = Installer.install([targets: @linux] ++ opts)
    assert message =~ "HTTP 404"
    refute File.exists?(dest)
  end

  test "the base URL: HEXLINT_BASE_URL, then config, then GitHub releases; $version and $target" do
    assert Installer.base_url() ==
             "https://github.com/hexlint/hexlint/releases/download/v$version"

    Application.put_env(:hexlint, :base_url, "https://config.example/hexlint")
    System.put_env("HEXLINT_BASE_URL", "https://env.example/$version/$target/")

    try do
      assert Installer.base_url() == "https://env.example/$version/$target/"

      assert Installer.url(Installer.base_url(), "0.1.0", "x86_64-apple-darwin", "a.tar.gz") ==
               "https://env.example/0.1.0/x86_64-apple-darwin/a.tar.gz"

      System.delete_env("HEXLINT_BASE_URL")
      assert Installer.base_url() == "https://config.example/hexlint"
    after
      System.delete_env("HEXLINT_BASE_URL")
      Application.delete_env(:hexlint, :base_url)
    end
  end

  test "only http and https URLs are fetched" do
    assert {:error, message} = Hexlint.Download.get("file:///etc/passwd")
    assert message =~ "only http:// and https://"
  end
end
