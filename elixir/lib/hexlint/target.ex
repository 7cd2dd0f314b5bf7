defmodule Hexlint.Target do
  @moduledoc """
  The release targets (Rust target triples) that run on this machine, best first.

  | machine                      | triples tried                                           |
  |------------------------------|---------------------------------------------------------|
  | Linux with glibc, x86_64     | `x86_64-unknown-linux-gnu`, `x86_64-unknown-linux-musl` |
  | Linux with musl, x86_64      | `x86_64-unknown-linux-musl`                             |
  | macOS, x86_64                | `x86_64-apple-darwin`                                   |
  | Windows, x86_64              | `x86_64-pc-windows-msvc`                                |

  and the same with `aarch64` on 64-bit ARM. The Linux builds are static (musl), so they run on
  glibc systems too; the installer uses the first triple the release has a checksum for.
  `config :hexlint, target: "x86_64-unknown-linux-musl"` overrides the detection.
  """

  @arches %{
    "x86_64" => "x86_64",
    "amd64" => "x86_64",
    "aarch64" => "aarch64",
    "arm64" => "aarch64"
  }

  @doc "The triples for this machine, or `{:error, message}` for a platform without builds."
  def candidates do
    case Application.get_env(:hexlint, :target) do
      nil -> candidates(facts())
      triple -> {:ok, [triple]}
    end
  end

  @doc """
  The triples for a machine described as `%{os: :linux | :macos | :windows | other,
  arch: "x86_64" | "aarch64" | other, libc: :gnu | :musl | nil}`.
  """
  def candidates(%{os: os, arch: arch} = facts) when arch in ["x86_64", "aarch64"] do
    case {os, Map.get(facts, :libc)} do
      {:linux, :musl} -> {:ok, ["#{arch}-unknown-linux-musl"]}
      {:linux, _gnu} -> {:ok, ["#{arch}-unknown-linux-gnu", "#{arch}-unknown-linux-musl"]}
      {:macos, _} -> {:ok, ["#{arch}-apple-darwin"]}
      {:windows, _} -> {:ok, ["#{arch}-pc-windows-msvc"]}
      _ -> unknown(facts)
    end
  end

  def candidates(facts), do: unknown(facts)

  defp unknown(facts) do
    {:error,
     "hexlint has no prebuilt binary for this platform (#{describe(facts)}); builds exist for " <>
       "Linux, macOS and Windows on x86_64 and aarch64. Install hexlint another way " <>
       "(cargo install hexlint) and point HEXLINT_PATH or `config :hexlint, path:` at it"}
  end

  defp describe(facts) do
    [facts[:os], facts[:arch], facts[:libc]]
    |> Enum.reject(&is_nil/1)
    |> Enum.map_join(" ", &to_string/1)
  end

  @doc "What this machine is: operating system, CPU architecture and, on Linux, the C library."
  def facts do
    system_arch = List.to_string(:erlang.system_info(:system_architecture))

    case :os.type() do
      {:win32, _} ->
        %{os: :windows, arch: windows_arch(), libc: nil}

      {:unix, :darwin} ->
        %{os: :macos, arch: arch(system_arch), libc: nil}

      {:unix, :linux} ->
        %{os: :linux, arch: arch(system_arch), libc: libc(system_arch, &Path.wildcard/1)}

      {_, other} ->
        %{os: other, arch: arch(system_arch), libc: nil}
    end
  end

  @doc """
  The CPU architecture from the first part of `:erlang.system_info(:system_architecture)`
  (`"x86_64-pc-linux-gnu"`, `"aarch64-apple-darwin23.1.0"`), normalised to Rust's names.
  """
  def arch(system_arch) do
    first = system_arch |> String.split("-") |> hd() |> String.downcase()
    Map.get(@arches, first, first)
  end

  @doc """
  The C library of a Linux machine: musl when the BEAM itself was built for musl (Alpine's
  Erlang says `x86_64-alpine-linux-musl`), or when the musl loader is there and glibc's is not.
  """
  def libc(system_arch, wildcard) do
    cond do
      String.contains?(system_arch, "musl") -> :musl
      wildcard.("/lib/ld-musl-*.so.1") != [] and glibc_loaders(wildcard) == [] -> :musl
      true -> :gnu
    end
  end

  defp glibc_loaders(wildcard) do
    Enum.flat_map(["/lib64/ld-linux-*.so.*", "/lib/ld-linux-*.so.*"], wildcard)
  end

  defp windows_arch do
    value =
      System.get_env("PROCESSOR_ARCHITEW6432") || System.get_env("PROCESSOR_ARCHITECTURE") || ""

    arch(value)
  end

  @doc "The release archive for `triple`: `hexlint-<triple>.zip` on Windows, else `.tar.gz`."
  def archive_name(triple) do
    if String.contains?(triple, "windows"),
      do: "hexlint-#{triple}.zip",
      else: "hexlint-#{triple}.tar.gz"
  end

  @doc "`hexlint.exe` on Windows, else `hexlint`."
  def executable_name do
    case :os.type() do
      {:win32, _} -> "hexlint.exe"
      _ -> "hexlint"
    end
  end
end
