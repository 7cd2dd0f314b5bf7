# Deliberate problem: this module sits outside the PlugCache namespace, so it can clash with a
# module of the same name in any application that depends on plug_cache.
defmodule CacheKey do
  @moduledoc false

  def build(%Plug.Conn{method: method, request_path: path, query_string: query}) do
    :erlang.phash2({method, path, query})
  end
end
