defmodule Hexlint.ChecksumsTest do
  use ExUnit.Case, async: true
  alias Hexlint.Checksums

  @a String.duplicate("a", 64)
  @b String.duplicate("B", 64)

  test "parses sha256sum lines, text and binary mode, LF and CRLF" do
    text =
      "#{@a}  hexlint-x86_64-unknown-linux-musl.tar.gz\r\n#{@b} *hexlint-x86_64-pc-windows-msvc.zip\n"

    assert Checksums.parse(text) ==
             {:ok,
              %{
                "hexlint-x86_64-unknown-linux-musl.tar.gz" => @a,
                "hexlint-x86_64-pc-windows-msvc.zip" => String.downcase(@b)
              }}
  end

  test "a malformed line is an error, not a silently missing checksum" do
    assert {:error, message} = Checksums.parse("#{@a}  ok.tar.gz\nabc  short.tar.gz\n")
    assert message =~ "malformed checksums line"
  end

  test "a version without a checksums file names the versions there are" do
    dir = Hexlint.TestRelease.tmp_dir("sums")
    File.write!(Path.join(dir, "0.1.0.sha256"), "#{@a}  x.tar.gz\n")
    assert Checksums.versions(dir) == ["0.1.0"]
    assert {:ok, %{"x.tar.gz" => @a}} = Checksums.read("0.1.0", dir)
    assert {:error, message} = Checksums.read("9.9.9", dir)
    assert message =~ "no checksums for hexlint 9.9.9"
    assert message =~ "versions it knows: 0.1.0"
  end

  test "sha256 is lowercase hex" do
    assert Checksums.sha256("abc") ==
             "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
  end

  test "the package's own checksums files parse" do
    dir = Checksums.default_dir()

    for version <- Checksums.versions(dir) do
      assert {:ok, sums} = Checksums.read(version, dir)
      assert map_size(sums) > 0
    end
  end
end
