defmodule Hexlint.TargetTest do
  use ExUnit.Case, async: true
  alias Hexlint.Target

  test "Linux with glibc tries the gnu build, then the static musl one" do
    assert Target.candidates(%{os: :linux, arch: "x86_64", libc: :gnu}) ==
             {:ok, ["x86_64-unknown-linux-gnu", "x86_64-unknown-linux-musl"]}

    assert Target.candidates(%{os: :linux, arch: "aarch64", libc: :gnu}) ==
             {:ok, ["aarch64-unknown-linux-gnu", "aarch64-unknown-linux-musl"]}
  end

  test "Linux with musl tries only musl" do
    assert Target.candidates(%{os: :linux, arch: "aarch64", libc: :musl}) ==
             {:ok, ["aarch64-unknown-linux-musl"]}
  end

  test "macOS and Windows on both architectures" do
    assert Target.candidates(%{os: :macos, arch: "aarch64"}) == {:ok, ["aarch64-apple-darwin"]}
    assert Target.candidates(%{os: :macos, arch: "x86_64"}) == {:ok, ["x86_64-apple-darwin"]}
    assert Target.candidates(%{os: :windows, arch: "x86_64"}) == {:ok, ["x86_64-pc-windows-msvc"]}

    assert Target.candidates(%{os: :windows, arch: "aarch64"}) ==
             {:ok, ["aarch64-pc-windows-msvc"]}
  end

  test "an unknown platform is a clear error that says what to do" do
    {:error, message} = Target.candidates(%{os: :freebsd, arch: "x86_64", libc: nil})
    assert message =~ "no prebuilt binary for this platform (freebsd x86_64)"
    assert message =~ "HEXLINT_PATH"

    assert {:error, message} = Target.candidates(%{os: :linux, arch: "riscv64", libc: :gnu})
    assert message =~ "linux riscv64 gnu"
  end

  test "architecture names from the BEAM and from Windows are normalised" do
    assert Target.arch("x86_64-pc-linux-gnu") == "x86_64"
    assert Target.arch("aarch64-apple-darwin23.1.0") == "aarch64"
    assert Target.arch("arm64-apple-darwin") == "aarch64"
    assert Target.arch("AMD64") == "x86_64"
    assert Target.arch("ARM64") == "aarch64"
    assert Target.arch("riscv64-unknown-linux-gnu") == "riscv64"
  end

  test "libc: musl from the BEAM's own build or from the loaders present" do
    none = fn _ -> [] end
    assert Target.libc("x86_64-alpine-linux-musl", none) == :musl
    assert Target.libc("x86_64-pc-linux-gnu", none) == :gnu

    musl_only = fn
      "/lib/ld-musl-*.so.1" -> ["/lib/ld-musl-x86_64.so.1"]
      _ -> []
    end

    assert Target.libc("x86_64-pc-linux-gnu", musl_only) == :musl

    both = fn
      "/lib/ld-musl-*.so.1" -> ["/lib/ld-musl-x86_64.so.1"]
      "/lib64/ld-linux-*.so.*" -> ["/lib64/ld-linux-x86-64.so.2"]
      _ -> []
    end

    assert Target.libc("x86_64-pc-linux-gnu", both) == :gnu
  end

  test "this machine is one the release builds for" do
    assert {:ok, [_ | _]} = Target.candidates(Target.facts())
  end

  test "archive names follow cargo-dist's" do
    assert Target.archive_name("x86_64-unknown-linux-musl") ==
             "hexlint-x86_64-unknown-linux-musl.tar.gz"

    assert Target.archive_name("x86_64-pc-windows-msvc") == "hexlint-x86_64-pc-windows-msvc.zip"
  end
end
