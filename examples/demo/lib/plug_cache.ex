defmodule PlugCache do
  @moduledoc """
  A plug that caches whole responses in ETS, keyed by method, path and query string.

      plug PlugCache, ttl: :timer.minutes(5)
  """

  @behaviour Plug

  import Plug.Conn

  @impl true
  def init(opts) do
    %{ttl: Keyword.get(opts, :ttl, 60_000), table: Keyword.get(opts, :table, PlugCache.Store)}
  end

  @impl true
  def call(%Plug.Conn{method: "GET"} = conn, %{table: table} = config) do
    key = CacheKey.build(conn)

    case PlugCache.Store.fetch(table, key) do
      {:ok, {status, headers, body}} ->
        conn
        |> merge_resp_headers([{"x-plug-cache", "hit"} | headers])
        |> send_resp(status, body)
        |> halt()

      :miss ->
        register_before_send(conn, &store(&1, table, key, config.ttl))
    end
  end

  def call(conn, _config), do: conn

  defp store(%Plug.Conn{status: 200} = conn, table, key, ttl) do
    PlugCache.Store.put(table, key, {conn.status, conn.resp_headers, conn.resp_body}, ttl)
    conn
  end

  defp store(conn, _table, _key, _ttl), do: conn
end
