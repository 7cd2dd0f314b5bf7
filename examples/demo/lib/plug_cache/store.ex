defmodule PlugCache.Store do
  @moduledoc "ETS-backed storage with per-entry expiry."
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  @impl true
  def init(_opts) do
    table = :ets.new(__MODULE__, [:named_table, :public, read_concurrency: true])
    {:ok, table}
  end

  @doc "Look a key up, ignoring expired entries."
  def fetch(table, key) do
    now = System.monotonic_time(:millisecond)

    case :ets.lookup(table, key) do
      [{^key, value, expires_at}] when expires_at > now -> {:ok, value}
      _ -> :miss
    end
  end

  @doc "Store a value for `ttl` milliseconds."
  def put(table, key, value, ttl) do
    :ets.insert(table, {key, value, System.monotonic_time(:millisecond) + ttl})
    :ok
  end
end
