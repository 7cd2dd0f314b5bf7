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

root = Path.join(System.tmp_dir!(), "hexlint-test-#{System.pid()}")
Application.put_env(:hexlint, :test_tmp_root, root)
ExUnit.after_suite(fn _ -> File.rm_rf(root) end)

ExUnit.start()
