defmodule Hexlint.TLSTest do
  # HTTPS downloads verify the certificate chain and the host name: a server on 127.0.0.1 with a
  # throwaway CA (OTP's :public_key.pkix_test_data/1) and a certificate for "localhost".
  use ExUnit.Case, async: false
  alias Hexlint.{Download, TestRelease}

  # OTP's :ssl logs each refused handshake; the refusals are what these tests expect.
  @moduletag :capture_log

  setup_all do
    case Application.ensure_all_started(:ssl) do
      {:ok, _} ->
        :ok

      {:error, reason} ->
        IO.puts("SKIP: HTTPS tests: OTP's :ssl is not available (#{inspect(reason)})")
        {:ok, skip: true}
    end
  end

  setup ctx do
    if ctx[:skip] do
      {:ok, skip: true}
    else
      {:ok, _} = Application.ensure_all_started(:inets)
      root = TestRelease.tmp_dir("https")
      File.write!(Path.join(root, "hello.txt"), "hello over TLS\n")
      key = [key: {:namedCurve, :secp256r1}, digest: :sha256]
      san = {:Extension, {2, 5, 29, 17}, false, [{:dNSName, ~c"localhost"}]}

      data =
        :public_key.pkix_test_data(%{
          server_chain: %{root: key, intermediates: [], peer: [extensions: [san]] ++ key},
          client_chain: %{root: key, intermediates: [], peer: key}
        })

      {:ok, pid} =
        :inets.start(:httpd,
          port: 0,
          bind_address: {127, 0, 0, 1},
          server_name: ~c"localhost",
          server_root: String.to_charlist(root),
          document_root: String.to_charlist(root),
          modules: [:mod_get],
          socket_type: {:ssl, Keyword.take(data.server_config, [:cert, :key, :cacerts])}
        )

      on_exit(fn -> :inets.stop(:httpd, pid) end)
      ca = Path.join(root, "ca.pem")
      pem = for der <- data.client_config[:cacerts], do: {:Certificate, der, :not_encrypted}
      File.write!(ca, :public_key.pem_encode(pem))
      port = Keyword.fetch!(:httpd.info(pid), :port)
      {:ok, port: port, ca: ca}
    end
  end

  defp with_ca(ca, fun) do
    if ca,
      do: System.put_env("HEXLINT_CACERTFILE", ca),
      else: System.delete_env("HEXLINT_CACERTFILE")

    try do
      fun.()
    after
      System.delete_env("HEXLINT_CACERTFILE")
    end
  end

  test "a server whose CA is trusted, under the name in its certificate, is accepted", ctx do
    unless ctx[:skip] do
      assert with_ca(ctx.ca, fn -> Download.get("https://localhost:#{ctx.port}/hello.txt") end) ==
               {:ok, "hello over TLS\n"}
    end
  end

  test "an unknown CA is refused (the system trust store does not have it)", ctx do
    unless ctx[:skip] do
      assert {:error, message} =
               with_ca(nil, fn -> Download.get("https://localhost:#{ctx.port}/hello.txt") end)

      assert message =~ "unknown_ca"
    end
  end

  test "a certificate for another host name is refused", ctx do
    unless ctx[:skip] do
      assert {:error, message} =
               with_ca(ctx.ca, fn -> Download.get("https://127.0.0.1:#{ctx.port}/hello.txt") end)

      assert message =~ "hostname_check_failed"
    end
  end
end
