defmodule Hexlint.Checksums do
  @moduledoc """
  The SHA-256 checksums of hexlint's release archives, shipped inside this package.

  `priv/checksums/<version>.sha256` is the `sha256.sum` file of hexlint's GitHub release
  `v<version>` (one `<hex digest>  <archive name>` line per archive, as `sha256sum` writes it),
  copied verbatim by the release workflow. A download is installed only when its digest matches
  the line for its archive name, so a mirror or a compromised release cannot change what runs.
  """

  @doc "The checksums directory inside this package (`priv/checksums`)."
  def default_dir do
    case :code.priv_dir(:hexlint) do
      {:error, _} -> Path.expand("../../priv/checksums", __DIR__)
      priv -> Path.join(List.to_string(priv), "checksums")
    end
  end

  @doc "The versions this package has checksums for, sorted."
  def versions(dir \\ default_dir()) do
    Path.wildcard(Path.join(dir, "*.sha256"))
    |> Enum.map(&Path.basename(&1, ".sha256"))
    |> Enum.sort()
  end

  @doc "Reads the checksums of `version`: `{:ok, %{archive_name => hex_digest}}` or an error."
  def read(version, dir \\ default_dir()) do
    path = Path.join(dir, "#{version}.sha256")

    case File.read(path) do
      {:ok, text} ->
        parse(text)

      {:error, :enoent} ->
        known =
          case versions(dir) do
            [] -> "none"
            list -> Enum.join(list, ", ")
          end

        {:error,
         "this hexlint package has no checksums for hexlint #{version} (#{path} is missing; " <>
           "versions it knows: #{known}). Configure one of those versions, upgrade the hexlint " <>
           "package, or point HEXLINT_PATH at a hexlint binary"}

      {:error, reason} ->
        {:error, "could not read #{path}: #{:file.format_error(reason)}"}
    end
  end

  @doc "Parses `sha256sum` output (`<64 hex digits> [ *]<name>` per line)."
  def parse(text) do
    text
    |> String.split(["\r\n", "\n"], trim: true)
    |> Enum.reduce_while({:ok, %{}}, fn line, {:ok, acc} ->
      case Regex.run(~r/\A([0-9a-fA-F]{64}) [ *](.+)\z/, String.trim_trailing(line)) do
        [_, digest, name] -> {:cont, {:ok, Map.put(acc, name, String.downcase(digest))}}
        nil -> {:halt, {:error, "malformed checksums line: #{inspect(line)}"}}
      end
    end)
  end

  @doc "The lowercase hex SHA-256 of `data`."
  def sha256(data), do: :crypto.hash(:sha256, data) |> Base.encode16(case: :lower)
end
