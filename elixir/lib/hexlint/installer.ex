defmodule Hexlint.Installer do
  @moduledoc """
  Downloads, verifies and installs hexlint's prebuilt binary.

  1. The platform's target triples come from `Hexlint.Target` (an unknown platform is an error).
  2. The checksums of the configured version come from this package (`Hexlint.Checksums`); the
     first triple with a checksum names the archive (`hexlint-<triple>.tar.gz`, `.zip` on
     Windows), which is fetched from the base URL.
  3. The archive's SHA-256 must equal the shipped one; then the `hexlint` executable inside it is
     written to `_build/hexlint-<version>/` through a temporary file and a rename. Any failure
     leaves nothing installed.

  The base URL is `HEXLINT_BASE_URL`, else `config :hexlint, base_url: …`, else
  `#{"https://github.com/hexlint/hexlint/releases/download/v$version"}`; `$version` and
  `$target` in it are replaced. A mirror only needs to serve the release's archives under
  their original names.
  """

  @default_base_url "https://github.com/hexlint/hexlint/releases/download/v$version"

  @doc "The base URL template (see the module doc)."
  def base_url do
    System.get_env("HEXLINT_BASE_URL") || Application.get_env(:hexlint, :base_url) ||
      @default_base_url
  end

  @doc """
  Installs hexlint. Options (all optional, for tests and tools): `:version`, `:base_url`,
  `:checksums_dir`, `:targets` (triples to try) or `:facts` (a machine for
  `Hexlint.Target.candidates/1`), `:dest_dir`. Returns
  `{:ok, %{path:, version:, target:, url:, sha256:}}` or `{:error, message}`.
  """
  def install(opts \\ []) do
    version = Keyword.get_lazy(opts, :version, &Hexlint.configured_version/0)
    dest_dir = Keyword.get_lazy(opts, :dest_dir, fn -> Hexlint.install_dir(version) end)

    with {:ok, triples} <- targets(opts),
         {:ok, sums} <- Hexlint.Checksums.read(version, checksums_dir(opts)),
         {:ok, triple, name} <- pick(triples, sums, version),
         url = url(Keyword.get_lazy(opts, :base_url, &base_url/0), version, triple, name),
         {:ok, archive} <- Hexlint.Download.get(url),
         :ok <- verify(archive, Map.fetch!(sums, name), url),
         {:ok, binary} <- extract(name, archive),
         {:ok, path} <- write(dest_dir, binary) do
      {:ok, %{path: path, version: version, target: triple, url: url, sha256: sums[name]}}
    end
  end

  defp targets(opts) do
    cond do
      triples = opts[:targets] -> {:ok, triples}
      facts = opts[:facts] -> Hexlint.Target.candidates(facts)
      true -> Hexlint.Target.candidates()
    end
  end

  defp checksums_dir(opts),
    do: Keyword.get_lazy(opts, :checksums_dir, &Hexlint.Checksums.default_dir/0)

  defp pick(triples, sums, version) do
    Enum.find_value(triples, fn triple ->
      name = Hexlint.Target.archive_name(triple)
      if Map.has_key?(sums, name), do: {:ok, triple, name}
    end) ||
      {:error,
       "hexlint #{version} has no build for this platform (tried #{Enum.join(triples, ", ")}); " <>
         "point HEXLINT_PATH or `config :hexlint, path:` at a hexlint binary"}
  end

  @doc false
  def url(template, version, triple, name) do
    base =
      template
      |> String.replace("$version", version)
      |> String.replace("$target", triple)
      |> String.trim_trailing("/")

    base <> "/" <> name
  end

  defp verify(archive, expected, url) do
    actual = Hexlint.Checksums.sha256(archive)

    if actual == expected do
      :ok
    else
      {:error,
       "checksum mismatch for #{url}: expected sha256 #{expected}, got #{actual}. " <>
         "Nothing was installed. The download is not the released archive (a wrong mirror, " <>
         "a proxy rewriting it, or tampering)"}
    end
  end

  @doc false
  def extract(name, archive) do
    wanted = ["hexlint", "hexlint.exe"]

    entries =
      cond do
        String.ends_with?(name, ".zip") ->
          :zip.unzip(archive, [:memory])

        String.ends_with?(name, ".tar.gz") ->
          :erl_tar.extract({:binary, archive}, [:memory, :compressed])

        true ->
          {:error, :unknown_format}
      end

    case entries do
      {:ok, files} ->
        case Enum.find(files, fn {path, _} -> Path.basename(to_string(path)) in wanted end) do
          {_, binary} -> {:ok, binary}
          nil -> {:error, "#{name} does not contain a hexlint executable"}
        end

      {:error, reason} ->
        {:error, "could not unpack #{name}: #{inspect(reason)}"}
    end
  end

  defp write(dest_dir, binary) do
    path = Path.join(dest_dir, Hexlint.Target.executable_name())
    tmp = path <> ".part-#{System.unique_integer([:positive])}"

    with :ok <- File.mkdir_p(dest_dir),
         :ok <- File.write(tmp, binary),
         :ok <- File.chmod(tmp, 0o755),
         :ok <- File.rename(tmp, path) do
      {:ok, path}
    else
      {:error, reason} ->
        File.rm(tmp)
        {:error, "could not write #{path}: #{:file.format_error(reason)}"}
    end
  end
end
