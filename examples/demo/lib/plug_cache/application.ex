defmodule PlugCache.Application do
  @moduledoc false
  use Application

  @impl true
  def start(_type, _args) do
    children = [PlugCache.Store]
    Supervisor.start_link(children, strategy: :one_for_one, name: PlugCache.Supervisor)
  end
end
