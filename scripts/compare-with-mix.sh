#!/usr/bin/env bash
# Times `hexlint check` against Mix on the same project, with hyperfine, and prints the ratio.
#   - with Hex installed: against `mix hex.build`;
#   - without Hex: against Mix merely loading the project config
#     (`mix run --no-compile --no-deps-check --no-start -e 'Mix.Project.config()'`).
# Projects: examples/demo and a generated package (40 modules, README, LICENSE, priv assets,
# committed to a fresh git repository).
#
#     scripts/compare-with-mix.sh            # needs hyperfine (apt-get install hyperfine) and mix
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
command -v hyperfine >/dev/null || { echo "needs hyperfine: apt-get install hyperfine"; exit 2; }
command -v mix >/dev/null || { echo "needs mix (Elixir): apt-get install elixir"; exit 2; }

cargo build --release --quiet --manifest-path "$repo/Cargo.toml"
hexlint="${CARGO_TARGET_DIR:-$repo/target}/release/hexlint"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# A generated, typical package.
gen="$work/gen_pkg"
mkdir -p "$gen/lib/gen_pkg" "$gen/priv/static"
cat > "$gen/mix.exs" <<'MIX'
defmodule GenPkg.MixProject do
  use Mix.Project

  @version "1.2.3"
  @source_url "https://github.com/example/gen_pkg"

  def project do
    [
      app: :gen_pkg,
      version: @version,
      elixir: "~> 1.14",
      start_permanent: Mix.env() == :prod,
      description: "A generated package used to benchmark hexlint against Mix.",
      package: package(),
      deps: deps(),
      docs: [main: "readme", source_ref: "v#{@version}", source_url: @source_url, extras: ["README.md"]]
    ]
  end

  def application, do: [extra_applications: [:logger]]

  defp package do
    [licenses: ["MIT"], links: %{"GitHub" => @source_url}, files: ~w(lib priv mix.exs README.md LICENSE)]
  end

  defp deps do
    [{:ex_doc, "~> 0.34", only: :dev, runtime: false}]
  end
end
MIX
for i in $(seq 1 40); do
  printf 'defmodule GenPkg.Mod%s do\n  @moduledoc "Module %s."\n  def value, do: %s\nend\n' "$i" "$i" "$i" > "$gen/lib/gen_pkg/mod$i.ex"
done
printf 'defmodule GenPkg do\n  @moduledoc "Generated."\nend\n' > "$gen/lib/gen_pkg.ex"
printf '# GenPkg\n' > "$gen/README.md"
cp "$repo/tests/fixtures/pre-commit/good/LICENSE" "$gen/LICENSE"
# A 270 KB asset of seeded random base64: the same bytes on every run (a worst case for the
# secret scan, whose anchors then need a SIMD search over the whole file).
python3 -c 'import base64, random; random.seed(1); print(base64.encodebytes(random.randbytes(200000)).decode())' \
  > "$gen/priv/static/app.js"
# Packages are published from git checkouts: commit it, as a maintainer's repository would be.
(cd "$gen" && git init -q && git add -A \
  && git -c user.name=bench -c user.email=bench@example.com commit -qm "generated") \
  || echo "(git unavailable: the generated package is not a repository)"

if (cd "$gen" && mix help hex.build >/dev/null 2>&1); then
  mix_name="mix hex.build"
  mix_cmd="mix hex.build --output /dev/null"
else
  mix_name="mix loading the project (Hex not installed)"
  mix_cmd="mix run --no-compile --no-deps-check --no-start -e 'Mix.Project.config()'"
fi

for dir in "$repo/examples/demo" "$gen"; do
  echo "== $(basename "$dir"): hexlint check vs $mix_name"
  hyperfine --warmup 3 --min-runs 10 --ignore-failure --style basic --export-json "$work/h.json" \
    -n hexlint "$hexlint check --exit-zero $dir >/dev/null" \
    -n mix "cd $dir && $mix_cmd >/dev/null 2>&1"
  python3 - "$work/h.json" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
h, m = r["hexlint"]["mean"], r["mix"]["mean"]
print(f"hexlint {h*1000:.2f} ms, mix {m*1000:.1f} ms: hexlint is {m/h:.0f}x faster")
PY
done
