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
echo "pre-commit e2e: 2 passed, 0 failed"
