#!/usr/bin/env bash
# Runs `hexlint check` on each project directory given (git clones of real packages, as their
# maintainers have them) and prints every error and warning, one per line, then the counts per
# severity and rule: the raw material for judging precision by hand (tests/precision/README.md).
#
#     scripts/precision.sh ~/corpus/*
set -uo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
hexlint="${HEXLINT:-${CARGO_TARGET_DIR:-$repo/target}/release/hexlint}"
[ -x "$hexlint" ] || cargo build --release --quiet --manifest-path "$repo/Cargo.toml"
for dir in "$@"; do
  "$hexlint" check --format json "$dir" 2>/dev/null \
    | python3 -c '
import json, sys
name = sys.argv[1]
for p in json.load(sys.stdin)["packages"]:
    for d in p["diagnostics"]:
        print("\t".join([name, d["severity"], d["rule"], d["message"][:200]]))
' "$(basename "$dir")"
done | tee /dev/stderr | awk -F'\t' '$2 != "info" { n[$2 " " $3]++ } END { for (k in n) print n[k], k }' | sort -k2,2 -k1,1nr
