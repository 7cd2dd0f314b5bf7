# Evaluates mix.exs files with REAL Mix and prints what hexlint's `metadata --format json` prints
# (schema 1), so the differential test can compare the two.
#
# Usage:
#   elixir tests/support/mix_eval.exs [--out FILE] [--env ENV] [--elixir V] DIR [DIR ...] [--env ENV2 DIR ...]
#
# `--env ENV` sets the Mix environment for the directories that follow it (default: $MIX_ENV or
# dev). `--elixir V` makes mix.exs see Elixir V: before compiling, its syntax tree is rewritten so
# that `System.version()` is "V", `Mix.compilers()` is V's default list, and
# `Code.ensure_loaded?(Mod)` of a standard module newer than the installed Elixir follows
# data/stdlib-modules-newer.txt (`--elixir installed`, the default, changes nothing). The output is ONE JSON object keyed by the directory as given on the command line; each
# value is the metadata document of that project, or `{"error": message}` when loading its mix.exs
# raised. With `--out FILE` the JSON goes to FILE (so that anything a mix.exs prints cannot corrupt
# it); otherwise to stdout.
#
# The project is never compiled and no dependency is fetched: only mix.exs is compiled (as
# `Mix.Project.in_project/3` does) and the project module's `project/0` is called. The raw value of
# `project/0` is used, not `Mix.Project.config/0`, which would add Mix's defaults (`deps: []`, ...)
# that are not written in mix.exs.
#
# Encoding, mirroring `Value::to_json` / `Project::to_metadata_json` in hexlint:
#   nil -> null; true/false -> booleans; other atoms -> strings without the colon, module aliases
#   without "Elixir."; integers -> numbers (outside the i64 range: decimal strings); floats ->
#   numbers; strings -> strings; [] -> []; non-empty keyword lists and maps -> objects (map keys
#   that are neither atoms nor strings become their compact JSON text); tuples -> arrays;
#   regexes -> {"regex": source, "opts": opts}; functions -> {"function": "name/arity"}
#   ("Mod.name/arity" for remote captures, "fn" for anonymous functions).
#   CHARLISTS: at run time a non-empty list of printable code points cannot be told from a charlist,
#   so such a list is encoded as a string (hexlint encodes a charlist literal as a string too).
#   Deps are normalised as Hex does: {app}, {app, req}, {app, opts}, {app, req, opts} ->
#   {"app", "requirement", "options"}, options always an object when they are a keyword list.

defmodule MixEval.JSON do
  @moduledoc false

  # A tiny, correct JSON encoder for the terms produced by `MixEval.Encode` (maps with string
  # keys kept as ordered pair lists, lists, strings, numbers, booleans, null).

  def encode({:object, pairs}) do
    inner =
      pairs
      |> Enum.map(fn {k, v} -> string(k) <> ":" <> encode(v) end)
      |> Enum.join(",")

    "{" <> inner <> "}"
  end

  def encode(list) when is_list(list), do: "[" <> Enum.map_join(list, ",", &encode/1) <> "]"
  def encode(nil), do: "null"
  def encode(true), do: "true"
  def encode(false), do: "false"
  def encode(int) when is_integer(int), do: Integer.to_string(int)

  def encode(float) when is_float(float) do
    # Float.to_string/1 prints the shortest round-tripping form ("1.0", "1.0e20").
    Float.to_string(float)
  end

  def encode(bin) when is_binary(bin), do: string(bin)

  def string(bin) do
    "\"" <> escape(bin, "") <> "\""
  end

  defp escape(<<>>, acc), do: acc
  defp escape(<<?", rest::binary>>, acc), do: escape(rest, acc <> "\\\"")
  defp escape(<<?\\, rest::binary>>, acc), do: escape(rest, acc <> "\\\\")
  defp escape(<<?\n, rest::binary>>, acc), do: escape(rest, acc <> "\\n")
  defp escape(<<?\r, rest::binary>>, acc), do: escape(rest, acc <> "\\r")
  defp escape(<<?\t, rest::binary>>, acc), do: escape(rest, acc <> "\\t")
  defp escape(<<?\b, rest::binary>>, acc), do: escape(rest, acc <> "\\b")
  defp escape(<<?\f, rest::binary>>, acc), do: escape(rest, acc <> "\\f")

  defp escape(<<c, rest::binary>>, acc) when c < 0x20 or c == 0x7F do
    hex = c |> Integer.to_string(16) |> String.pad_leading(4, "0")
    escape(rest, acc <> "\\u" <> hex)
  end

  # U+2028 / U+2029 are valid JSON but escape them for safety in any consumer.
  defp escape(<<c::utf8, rest::binary>>, acc) when c in [0x2028, 0x2029] do
    escape(rest, acc <> "\\u" <> Integer.to_string(c, 16))
  end

  defp escape(<<c::utf8, rest::binary>>, acc), do: escape(rest, acc <> <<c::utf8>>)

  # Not UTF-8 (callers check String.valid?/1 first, this is a last resort).
  defp escape(<<c, rest::binary>>, acc), do: escape(rest, acc <> "\\u00" <> Integer.to_string(c, 16))
end

defmodule MixEval.Encode do
  @moduledoc false

  @i64_min -9_223_372_036_854_775_808
  @i64_max 9_223_372_036_854_775_807

  # Generic value encoding (`Value::to_json`).
  def value(nil), do: nil
  def value(true), do: true
  def value(false), do: false
  def value(atom) when is_atom(atom), do: atom_text(atom)

  def value(int) when is_integer(int) do
    if int >= @i64_min and int <= @i64_max, do: int, else: Integer.to_string(int)
  end

  def value(float) when is_float(float), do: float

  def value(bin) when is_binary(bin) do
    if String.valid?(bin), do: bin, else: unknown("binary that is not UTF-8")
  end

  def value([]), do: []

  def value(list) when is_list(list) do
    cond do
      not proper_list?(list) -> unknown("improper list: " <> inspect(list))
      printable_charlist?(list) -> List.to_string(list)
      keyword?(list) -> object(Enum.map(list, fn {k, v} -> {atom_text(k), value(v)} end))
      true -> Enum.map(list, &value/1)
    end
  end

  def value(tuple) when is_tuple(tuple), do: tuple |> Tuple.to_list() |> Enum.map(&value/1)

  def value(%Regex{source: source, opts: opts}) do
    object([{"regex", source}, {"opts", regex_opts(opts)}])
  end

  def value(map) when is_map(map) do
    map
    |> Enum.map(fn {k, v} -> {map_key(k), value(v)} end)
    |> object()
  end

  def value(fun) when is_function(fun) do
    info = Function.info(fun)
    name = Atom.to_string(info[:name])

    text =
      cond do
        info[:type] == :external ->
          inspect(info[:module]) <> "." <> name <> "/" <> Integer.to_string(info[:arity])

        String.starts_with?(name, "-") ->
          "fn"

        true ->
          name <> "/" <> Integer.to_string(info[:arity])
      end

    object([{"function", text}])
  end

  def value(other), do: unknown("cannot encode " <> inspect(other))

  # Duplicate keys: the last one wins (as serde_json's map does when collecting).
  def object(pairs) do
    deduped =
      Enum.reduce(pairs, [], fn {k, v}, acc ->
        if List.keymember?(acc, k, 0), do: List.keyreplace(acc, k, 0, {k, v}), else: acc ++ [{k, v}]
      end)

    {:object, deduped}
  end

  def unknown(reason), do: object([{"unknown", reason}])

  def atom_text(atom) do
    text = Atom.to_string(atom)

    case text do
      "Elixir." <> rest -> rest
      _ -> text
    end
  end

  defp map_key(k) when is_binary(k), do: k
  defp map_key(k) when is_atom(k) and k not in [nil, true, false], do: atom_text(k)
  defp map_key(k), do: MixEval.JSON.encode(value(k))

  defp regex_opts(opts) when is_binary(opts), do: opts
  defp regex_opts(opts) when is_list(opts), do: opts |> Enum.map(&Atom.to_string/1) |> Enum.join()
  defp regex_opts(opts), do: inspect(opts)

  defp proper_list?([]), do: true
  defp proper_list?([_ | t]), do: proper_list?(t)
  defp proper_list?(_), do: false

  defp keyword?(list), do: Enum.all?(list, &match?({k, _} when is_atom(k), &1))

  defp printable_charlist?(list) do
    Enum.all?(list, &is_integer/1) and :io_lib.printable_unicode_list(list)
  end

  # The metadata document (`Project::to_metadata_json`).
  def document(config, mix_exs) when is_list(config) do
    get = fn key -> value(Keyword.get(config, key)) end

    object([
      {"schema", 1},
      {"path", mix_exs},
      {"app", get.(:app)},
      {"version", get.(:version)},
      {"elixir", get.(:elixir)},
      {"description", get.(:description)},
      {"name", get.(:name)},
      {"source_url", get.(:source_url)},
      {"homepage_url", get.(:homepage_url)},
      {"umbrella", Keyword.get(config, :apps_path) != nil},
      {"package", package(Keyword.fetch(config, :package))},
      {"deps", deps(Keyword.fetch(config, :deps))},
      {"docs", get.(:docs)},
      {"unknown", []}
    ])
  end

  def document(other, _mix_exs) do
    object([{"error", "project/0 did not return a keyword list: " <> inspect(other)}])
  end

  defp package(:error), do: nil
  defp package({:ok, []}), do: object([])

  defp package({:ok, pkg}) when is_list(pkg) or is_map(pkg) do
    if entries?(pkg) do
      pkg |> Enum.map(fn {k, v} -> {atom_text(k), value(v)} end) |> object()
    else
      value(pkg)
    end
  end

  defp package({:ok, other}), do: value(other)

  defp deps(:error), do: nil
  defp deps({:ok, list}) when is_list(list), do: Enum.map(list, &dep/1)
  defp deps({:ok, other}), do: [value(other)]

  defp dep(tuple) when is_tuple(tuple) and tuple_size(tuple) in 1..3 and is_atom(elem(tuple, 0)) do
    {app, req, opts} =
      case tuple do
        {app} -> {app, nil, nil}
        {app, opts} when is_list(opts) -> {app, nil, opts}
        {app, req} -> {app, req, nil}
        {app, req, opts} -> {app, req, opts}
      end

    options =
      cond do
        opts == nil -> object([])
        entries?(opts) -> opts |> Enum.map(fn {k, v} -> {atom_text(k), value(v)} end) |> object()
        true -> value(opts)
      end

    object([{"app", atom_text(app)}, {"requirement", value(req)}, {"options", options}])
  end

  defp dep(other), do: value(other)

  # A keyword list (possibly empty) or a map whose keys are all atoms.
  defp entries?(list) when is_list(list), do: proper_list?(list) and keyword?(list)
  defp entries?(map) when is_map(map) and not is_struct(map), do: Enum.all?(Map.keys(map), &is_atom/1)
  defp entries?(_), do: false
end

defmodule MixEval do
  @moduledoc false

  def main(argv) do
    {out, jobs} = parse_args(argv, nil, {System.get_env("MIX_ENV") || "dev", "installed"}, [])
    Mix.start()
    Code.compiler_options(ignore_module_conflict: true)

    results = Enum.map(jobs, fn {dir, env} -> {dir, eval_project(dir, env)} end)
    json = MixEval.JSON.encode(MixEval.Encode.object(results)) <> "\n"

    case out do
      nil -> IO.write(json)
      path -> File.write!(path, json)
    end
  end

  defp parse_args([], out, _set, acc), do: {out, Enum.reverse(acc)}
  defp parse_args(["--out", path | rest], _out, set, acc), do: parse_args(rest, path, set, acc)

  defp parse_args(["--env", env | rest], out, {_, elixir}, acc),
    do: parse_args(rest, out, {env, elixir}, acc)

  defp parse_args(["--elixir", elixir | rest], out, {env, _}, acc),
    do: parse_args(rest, out, {env, elixir}, acc)

  defp parse_args([dir | rest], out, set, acc), do: parse_args(rest, out, set, [{dir, set} | acc])

  # Load one mix.exs on a fresh project stack and encode its project/0 value.
  defp eval_project(dir, {env, elixir}) do
    clear_stack()
    Mix.env(String.to_atom(env))
    mix_exs = Path.join(dir, "mix.exs")
    abs_dir = Path.expand(dir)

    try do
      if not File.regular?(mix_exs), do: raise("no mix.exs in #{dir}")

      File.cd!(abs_dir, fn ->
        # `use Mix.Project` pushes the module on the project stack after it compiles.
        compile_as(Path.join(abs_dir, "mix.exs"), elixir)

        case Mix.Project.get() do
          nil -> raise "mix.exs defines no Mix project"
          module -> MixEval.Encode.document(module.project(), mix_exs)
        end
      end)
    rescue
      e -> MixEval.Encode.object([{"error", Exception.message(e)}])
    catch
      kind, reason -> MixEval.Encode.object([{"error", "#{kind}: #{inspect(reason)}"}])
    after
      clear_stack()
    end
  end

  defp compile_as(file, "installed"), do: Code.compile_file(file)

  defp compile_as(file, version) do
    file
    |> File.read!()
    |> Code.string_to_quoted!(file: file)
    |> Macro.prewalk(&as_release(&1, version))
    |> Code.eval_quoted([], file: file)
  end

  # `System.version()`, `Mix.compilers()` and `Code.ensure_loaded?(Mod)` as Elixir `version`
  # would answer them.
  defp as_release({{:., _, [{:__aliases__, _, [:System]}, :version]}, _, []}, version),
    do: version

  defp as_release({{:., _, [{:__aliases__, _, [:Mix]}, :compilers]}, _, []}, version) do
    if Version.match?(version, ">= 1.16.0"),
      do: [:erlang, :elixir, :app],
      else: [:yecc, :leex, :erlang, :elixir, :app]
  end

  defp as_release({{:., _, [{:__aliases__, _, [:Code]}, :ensure_loaded?]}, _, [mod]} = call, version) do
    name = mod |> Macro.expand(__ENV__) |> inspect()

    case newer_modules()[name] do
      nil -> call
      since -> Version.compare(version, since <> ".0") != :lt
    end
  end

  defp as_release(ast, _version), do: ast

  # data/stdlib-modules-newer.txt: "Module<TAB>app<TAB>since".
  defp newer_modules do
    Path.join(__DIR__, "../../data/stdlib-modules-newer.txt")
    |> File.read!()
    |> String.split("\n", trim: true)
    |> Enum.reject(&String.starts_with?(&1, "#"))
    |> Map.new(fn line ->
      [mod, _app, since] = String.split(line, "\t")
      {mod, since}
    end)
  end

  defp clear_stack do
    if Mix.Project.get() != nil do
      Mix.Project.pop()
      clear_stack()
    end
  end
end

MixEval.main(System.argv())
