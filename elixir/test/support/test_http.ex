defmodule Hexlint.TestHTTP do
  @moduledoc false
  # A static file server on 127.0.0.1 (OTP's :inets httpd), on a free port, for download tests.

  def start(root) do
    {:ok, _} = Application.ensure_all_started(:inets)

    {:ok, pid} =
      :inets.start(:httpd,
        port: 0,
        bind_address: {127, 0, 0, 1},
        server_name: ~c"hexlint-test",
        server_root: String.to_charlist(root),
        document_root: String.to_charlist(root),
        modules: [:mod_alias, :mod_get],
        mime_types: [{~c"gz", ~c"application/gzip"}, {~c"zip", ~c"application/zip"}]
      )

    port = Keyword.fetch!(:httpd.info(pid), :port)
    {pid, "http://127.0.0.1:#{port}"}
  end

  def stop(pid), do: :inets.stop(:httpd, pid)
end
