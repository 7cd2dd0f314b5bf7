defmodule Hexlint.TestRelease do
  @moduledoc false
  # Fake hexlint releases laid out as cargo-dist lays them out: `hexlint-<triple>.tar.gz` with
  # `hexlint-<triple>/hexlint` inside, `hexlint-<triple>.zip` with `LICENSE`, `README.md` and
  # `hexlint.exe` at its root for Windows (as `dist plan` lists them), and `sha256.sum`.

  # Every test directory lives under one root per test run, removed when the suite ends.
  def tmp_root do
    Application.get_env(:hexlint, :test_tmp_root) ||
      Path.join(System.tmp_dir!(), "hexlint-test-#{System.pid()}")
  end

  def tmp_dir(name) do
    dir = Path.join(tmp_root(), "#{name}-#{System.unique_integer([:positive])}")

    File.rm_rf!(dir)
    File.mkdir_p!(dir)
    dir
  end

  def archive(triple, executable) do
    if String.contains?(triple, "windows") do
      files = [
        {~c"LICENSE", "Apache-2.0\n"},
        {~c"README.md", "# hexlint\n"},
        {~c"hexlint.exe", executable}
      ]

      {:ok, {_, zip}} = :zip.create(~c"a.zip", files, [:memory])
      zip
    else
      tar = Path.join(tmp_dir("tar"), "a.tar.gz")
      entry = String.to_charlist("hexlint-#{triple}/hexlint")
      readme = String.to_charlist("hexlint-#{triple}/README.md")

      :ok =
        :erl_tar.create(String.to_charlist(tar), [{readme, "# hexlint\n"}, {entry, executable}], [
          :compressed
        ])

      File.read!(tar)
    end
  end

  @doc "Writes the archives for `triples` and `sha256.sum` into `dir`; returns the sum text."
  def write(dir, triples, executable) do
    File.mkdir_p!(dir)

    sums =
      Enum.map_join(triples, fn triple ->
        name = Hexlint.Target.archive_name(triple)
        data = archive(triple, executable)
        File.write!(Path.join(dir, name), data)
        "#{Hexlint.Checksums.sha256(data)}  #{name}\n"
      end)

    File.write!(Path.join(dir, "sha256.sum"), sums)
    sums
  end
end
