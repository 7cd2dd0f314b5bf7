#!/usr/bin/env bash
# End-to-end test of .pre-commit-hooks.yaml through the real pre-commit tool: a bad package must
# fail the `hexlint` hook and a good one must pass. Used by .ci/run (it builds hexlint through
# `cargo install`, which is too slow for `cargo test`).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if ! python3 -c "import pre_commit" >/dev/null 2>&1; then
  python3 -m pip install --quiet pre-commit
fi

make_pkg() { # make_pkg DIR FIXTURE
  mkdir -p "$1"
  cp -R "$repo/tests/fixtures/pre-commit/$2/." "$1/"
  git -C "$1" init -q
  git -C "$1" add -A
  git -C "$1" -c user.email=ci@example.com -c user.name=ci commit -qm init
}

run_hook() { # run_hook DIR -> exit status of the hook
  (cd "$1" && python3 -m pre_commit try-repo "$repo" hexlint --all-files --verbose) >"$1.log" 2>&1
}

make_pkg "$work/good" good
make_pkg "$work/bad" bad

if run_hook "$work/good"; then
  echo "pre-commit e2e: good package passes: ok"
else
  echo "pre-commit e2e: FAILED: the good package should pass"; cat "$work/good.log"; exit 1
fi
if run_hook "$work/bad"; then
  echo "pre-commit e2e: FAILED: the bad package should fail"; cat "$work/bad.log"; exit 1
else
  grep -q "invalid-license" "$work/bad.log" \
    || { echo "pre-commit e2e: FAILED: expected invalid-license in the output"; cat "$work/bad.log"; exit 1; }
  echo "pre-commit e2e: bad package fails with invalid-license: ok"
fi
passed=2

# The hexlint-mix hook (`language: system`, `entry: mix hexlint`) in packages that depend on the
# Elixir package by path, with the debug hexlint built by `cargo test` as HEXLINT_PATH.
bin="$repo/target/debug/hexlint"
if ! command -v mix >/dev/null 2>&1 || [ ! -x "$bin" ]; then
  echo "SKIP: pre-commit e2e hexlint-mix: needs mix and $bin (cargo build)"
else
  export HEXLINT_PATH="$bin"
  for kind in good bad; do
    mkdir -p "$work/mix-$kind"
    cp -R "$repo/tests/fixtures/pre-commit/$kind/." "$work/mix-$kind/"
    # The hexlint package by path; ex_doc only where Hex is installed (CI has none, and Mix will
    # not load a project that has a Hex dependency without Hex).
    sed -i 's|\[{:ex_doc, "~> 0.34", only: :dev, runtime: false}\]|[{:hexlint, path: "'"$repo"'/elixir", only: [:dev, :test], runtime: false}] ++ if(Code.ensure_loaded?(Hex), do: [{:ex_doc, "~> 0.34", only: :docs, runtime: false}], else: [])|' "$work/mix-$kind/mix.exs"
    grep -q ':hexlint, path:' "$work/mix-$kind/mix.exs" \
      || { echo "pre-commit e2e: FAILED: could not add the hexlint dependency to the $kind fixture"; exit 1; }
    git -C "$work/mix-$kind" init -q
    git -C "$work/mix-$kind" add -A
    git -C "$work/mix-$kind" -c user.email=ci@example.com -c user.name=ci commit -qm init
  done
  run_mix_hook() { # run_mix_hook DIR -> exit status of the hook
    (cd "$1" && python3 -m pre_commit try-repo "$repo" hexlint-mix --all-files --verbose) >"$1.log" 2>&1
  }
  if run_mix_hook "$work/mix-good"; then
    echo "pre-commit e2e: hexlint-mix passes the good package: ok"
  else
    echo "pre-commit e2e: FAILED: hexlint-mix should pass the good package"; cat "$work/mix-good.log"; exit 1
  fi
  if run_mix_hook "$work/mix-bad"; then
    echo "pre-commit e2e: FAILED: hexlint-mix should fail the bad package"; cat "$work/mix-bad.log"; exit 1
  fi
  grep -q "invalid-license" "$work/mix-bad.log" \
    || { echo "pre-commit e2e: FAILED: expected invalid-license from mix hexlint"; cat "$work/mix-bad.log"; exit 1; }
  echo "pre-commit e2e: hexlint-mix fails the bad package with invalid-license: ok"
  passed=4
fi
echo "pre-commit e2e: $passed passed, 0 failed"
