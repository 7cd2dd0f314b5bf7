# The integration tests drive real Mix in a throwaway project and need a hexlint binary:
# HEXLINT_TEST_BIN, else the debug build of this repository (`cargo build`).
bin =
  System.get_env("HEXLINT_TEST_BIN") ||
    Path.expand("../target/debug/hexlint", Path.dirname(__DIR__))

if File.regular?(bin) do
  Application.put_env(:hexlint, :test_bin, bin)
else
  IO.puts(
    "SKIP: integration tests (no hexlint binary at #{bin}; run `cargo build` or set HEXLINT_TEST_BIN)"
  )

  ExUnit.configure(exclude: [:integration])
end

ExUnit.start()
