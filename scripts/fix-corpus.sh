#!/usr/bin/env bash
# Measure `hexlint check --fix --unsafe-fixes` on real packages: every package directory below the
# given directories that has something to fix is copied (without .git, deps, _build), fixed, and
# both copies are loaded with REAL Mix (tests/support/mix_eval.exs). Prints, per package, whether
# the fixed mix.exs loads and which values of project/0 changed; then a second --fix must change
# nothing. Needs elixir on PATH.
#
#   scripts/fix-corpus.sh /work/corpus /work/corpus2
set -euo pipefail
cd "$(dirname "$0")/.."
HEXLINT=${HEXLINT:-target/debug/hexlint}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/before" "$tmp/after"
for root in "$@"; do
  for pkg in "$root"/*/; do
    pkg=${pkg%/}
    [ -f "$pkg/mix.exs" ] || continue
    rc=0
    "$HEXLINT" check --diff --unsafe-fixes "$pkg" >/dev/null 2>&1 || rc=$?
    [ "$rc" = 1 ] || continue
    name=$(basename "$pkg")
    for side in before after; do
      mkdir -p "$tmp/$side/$name"
      tar -C "$pkg" --exclude=.git --exclude=deps --exclude=_build -cf - . | tar -C "$tmp/$side/$name" -xf -
    done
    "$HEXLINT" check --fix --unsafe-fixes "$tmp/after/$name" 2>&1 >/dev/null | grep '^fixed' | sed "s|$tmp/after/||" || true
    cp "$tmp/after/$name/mix.exs" "$tmp/once.exs"
    "$HEXLINT" check --fix --unsafe-fixes "$tmp/after/$name" >/dev/null 2>&1 || true
    cmp -s "$tmp/once.exs" "$tmp/after/$name/mix.exs" || echo "$name: SECOND --fix CHANGED mix.exs"
  done
done
ls "$tmp/before" | grep -q . || { echo "nothing to fix"; exit 0; }
(cd "$tmp" && elixir "$OLDPWD/tests/support/mix_eval.exs" --out "$tmp/mix.json" before/* after/* >/dev/null 2>&1) || true
python3 - "$tmp/mix.json" <<'PY'
import json, sys
# The copies' own paths (path deps) differ only by before/after: compare without them.
docs = json.loads(open(sys.argv[1]).read().replace("/after/", "/before/"))
names = sorted({k.split("/", 1)[1] for k in docs})
def diff(a, b, path=""):
    if isinstance(a, dict) and isinstance(b, dict):
        for k in sorted(set(a) | set(b)):
            yield from diff(a.get(k), b.get(k), f"{path}.{k}" if path else k)
    elif a != b:
        yield f"{path}: {json.dumps(a)} -> {json.dumps(b)}"
loads = 0
for n in names:
    a, b = docs.get(f"before/{n}", {}), docs.get(f"after/{n}", {})
    if "error" in b and "error" not in a:
        print(f"{n}: FIXED mix.exs DOES NOT LOAD: {b['error']}")
        continue
    loads += 1
    a.pop("path", None); b.pop("path", None)
    print(f"{n}: loads; changed: " + ("; ".join(diff(a, b)) or "nothing in project/0"))
print(f"{loads} of {len(names)} fixed mix.exs load with real Mix")
PY
