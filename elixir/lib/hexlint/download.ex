defmodule Hexlint.Download do
  @moduledoc """
  HTTP(S) GET with OTP's `:httpc`, in its own profile so the host application's `:httpc`
  settings are left alone.

  HTTPS verifies the server's certificate chain and host name: against `HEXLINT_CACERTFILE` when
  set (a mirror with a private CA), else the operating system's trust store
  (`:public_key.cacerts_get/0`, OTP 25+). `HTTPS_PROXY`/`HTTP_PROXY` (either case) are honoured;
  `NO_PROXY` hosts are reached directly.
  """

  @profile :hexlint

  @doc "Fetches `url`; `{:ok, body}` on HTTP 200, else `{:error, message}`."
  def get(url) do
    uri = URI.parse(url)

    with :ok <- check_scheme(uri, url),
         :ok <- start(uri),
         {:ok, ssl} <- ssl_options(uri) do
      configure_proxy(uri)
      http_options = [timeout: 120_000, connect_timeout: 30_000, autoredirect: true] ++ ssl
      request = {String.to_charlist(url), [{~c"user-agent", ~c"hexlint-mix"}]}

      case :httpc.request(:get, request, http_options, [body_format: :binary], @profile) do
        {:ok, {{_, 200, _}, _headers, body}} ->
          {:ok, body}

        {:ok, {{_, status, reason}, _headers, _body}} ->
          {:error, "downloading #{url} failed: HTTP #{status} #{reason}"}

        {:error, reason} ->
          {:error, "downloading #{url} failed: #{inspect(reason)}"}
      end
    end
  end

  defp check_scheme(%URI{scheme: scheme}, _url) when scheme in ["http", "https"], do: :ok

  defp check_scheme(_uri, url),
    do: {:error, "cannot download #{inspect(url)}: only http:// and https:// URLs are supported"}

  defp start(uri) do
    apps = if uri.scheme == "https", do: [:inets, :ssl], else: [:inets]

    Enum.reduce_while(apps, :ok, fn app, :ok ->
      case Application.ensure_all_started(app) do
        {:ok, _} -> {:cont, :ok}
        {:error, reason} -> {:halt, {:error, "could not start #{app}: #{inspect(reason)}"}}
      end
    end)
    |> case do
      :ok -> start_profile()
      error -> error
    end
  end

  defp start_profile do
    case :inets.start(:httpc, profile: @profile) do
      {:ok, _} -> :ok
      {:error, {:already_started, _}} -> :ok
      {:error, reason} -> {:error, "could not start :httpc: #{inspect(reason)}"}
    end
  end

  defp ssl_options(%URI{scheme: "https"}) do
    with {:ok, trust} <- trust() do
      {:ok,
       [
         ssl:
           trust ++
             [
               verify: :verify_peer,
               depth: 4,
               customize_hostname_check: [
                 match_fun: :public_key.pkix_verify_hostname_match_fun(:https)
               ]
             ]
       ]}
    end
  end

  defp ssl_options(_uri), do: {:ok, []}

  defp trust do
    cond do
      file = System.get_env("HEXLINT_CACERTFILE") ->
        {:ok, [cacertfile: String.to_charlist(file)]}

      function_exported?(:public_key, :cacerts_get, 0) ->
        # credo:disable-for-next-line
        {:ok, [cacerts: apply(:public_key, :cacerts_get, [])]}

      true ->
        {:error,
         "no CA certificates to verify HTTPS with: this OTP is older than 25; " <>
           "set HEXLINT_CACERTFILE to a PEM bundle (e.g. /etc/ssl/certs/ca-certificates.crt)"}
    end
  end

  defp configure_proxy(uri) do
    no_proxy = env(["NO_PROXY", "no_proxy"])

    no_proxy_hosts =
      (no_proxy || "")
      |> String.split(",", trim: true)
      |> Enum.map(&(&1 |> String.trim() |> String.to_charlist()))

    options =
      for {key, names} <- [
            https_proxy: ["HTTPS_PROXY", "https_proxy"],
            proxy: ["HTTP_PROXY", "http_proxy"]
          ],
          value = env(names),
          %URI{host: host, port: port} when is_binary(host) <- [URI.parse(value)] do
        {key, {{String.to_charlist(host), port}, no_proxy_hosts}}
      end

    if options != [] and uri.host not in Enum.map(no_proxy_hosts, &List.to_string/1) do
      :ok = :httpc.set_options(options, @profile)
    end
  end

  defp env(names), do: Enum.find_value(names, &System.get_env/1)
end
