# Prints the public API of every compiled module in the given ebin directories, one fact per
# line, in the format of hexlint's `PackageApi::lines` (see src/api/mod.rs). Used by
# tests/semver_compiled.rs:  elixir tests/support/api_dump.exs EBIN...
#
# Sources of truth: __info__(:functions|:macros) (Erlang: module_info(:exports)), Code.fetch_docs/1
# (hidden entries, defaults, deprecations), behaviour_info(:callbacks|:optional_callbacks),
# Code.Typespec.fetch_types/1, the struct's keys, and struct!/2's error for enforced keys.

generated = [
  __struct__: 0, __struct__: 1, __info__: 1, __protocol__: 1, __impl__: 1,
  behaviour_info: 1, module_info: 0, module_info: 1, __deriving__: 3
]

Enum.each(System.argv(), &Code.prepend_path/1)

for dir <- System.argv(), file <- Path.wildcard(Path.join(dir, "*.beam")) do
  mod = file |> Path.basename(".beam") |> String.to_atom()
  {:module, ^mod} = Code.ensure_loaded(mod)
  elixir? = function_exported?(mod, :__info__, 1)
  name = if elixir?, do: inspect(mod), else: Atom.to_string(mod)
  impl? = elixir? and function_exported?(mod, :__impl__, 1)

  unless impl? do
    {module_hidden, doc_entries} =
      case Code.fetch_docs(mod) do
        {:docs_v1, _, _, _, mdoc, _, entries} -> {mdoc == :hidden, entries}
        _ -> {false, []}
      end

    IO.puts("module #{name}#{if module_hidden, do: " hidden", else: ""}")

    # {kind, name, arity} → {hidden, deprecated}, for every arity the entry covers.
    flags =
      for {{kind, f, arity}, _, _, doc, meta} <- doc_entries,
          kind in [:function, :macro],
          a <- (arity - Map.get(meta, :defaults, 0))..arity,
          into: %{} do
        {{kind, f, a}, {doc == :hidden, Map.has_key?(meta, :deprecated)}}
      end

    exports =
      if elixir? do
        Enum.map(mod.__info__(:functions), &{:function, &1}) ++
          Enum.map(mod.__info__(:macros), &{:macro, &1})
      else
        Enum.map(mod.module_info(:exports), &{:function, &1})
      end

    deprecated_info =
      if elixir?, do: Enum.map(mod.__info__(:deprecated), &elem(&1, 0)), else: []

    for {kind, {f, a}} <- exports, {f, a} not in generated do
      {hidden, deprecated} = Map.get(flags, {kind, f, a}, {false, false})
      deprecated = deprecated or {f, a} in deprecated_info
      IO.puts(
        "#{kind} #{name}.#{f}/#{a}#{if hidden, do: " hidden", else: ""}#{if deprecated, do: " deprecated", else: ""}"
      )
    end

    if function_exported?(mod, :behaviour_info, 1) do
      optional = mod.behaviour_info(:optional_callbacks)

      for {f, a} = cb <- mod.behaviour_info(:callbacks) do
        opt = if cb in optional, do: " optional", else: ""

        case Atom.to_string(f) do
          "MACRO-" <> m -> IO.puts("callback #{name}.#{m}/#{a - 1}#{opt} macro")
          _ -> IO.puts("callback #{name}.#{f}/#{a}#{opt}")
        end
      end
    end

    case Code.Typespec.fetch_types(mod) do
      {:ok, types} ->
        for {kind, {t, _, args}} <- types, kind in [:type, :opaque] do
          IO.puts("type #{name}.#{t}/#{length(args)}#{if kind == :opaque, do: " opaque", else: ""}")
        end

      _ ->
        :ok
    end

    if elixir? and function_exported?(mod, :__struct__, 0) do
      struct = mod.__struct__()
      keys = struct |> Map.keys() |> Enum.reject(&(&1 in [:__struct__, :__exception__]))
      fields = keys |> Enum.map(&Atom.to_string/1) |> Enum.sort() |> Enum.join(",")

      enforce =
        try do
          struct!(mod, [])
          ""
        rescue
          e in ArgumentError ->
            case Regex.run(~r/building struct .*: \[(.*)\]/, Exception.message(e)) do
              [_, list] ->
                list
                |> String.split(", ")
                |> Enum.map(&String.trim_leading(&1, ":"))
                |> Enum.sort()
                |> Enum.join(",")
                |> then(&" enforce #{&1}")

              _ ->
                " enforce ?"
            end
        end

      exception = if Map.has_key?(struct, :__exception__), do: " exception", else: ""
      IO.puts("struct #{name} #{fields}#{enforce}#{exception}")
    end
  end
end
