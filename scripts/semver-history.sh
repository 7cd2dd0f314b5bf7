#!/usr/bin/env bash
# Run `hexlint semver` between consecutive release tags of real packages and print one line per
# pair: repo, old tag, new tag, the bump taken, the bump hexlint requires, its verdict, the number
# of breaking changes and of additions, and the first breaking findings — to compare by hand with
# the package's CHANGELOG.
#
# usage: scripts/semver-history.sh GIT_REPO [N]   (the N newest pairs, default 8)
# Each tag's mix.exs, lib/ and src/ (plus VERSION files) are taken with `git archive` into a
# temporary directory (the repository is never touched; other files may be absent, as in
# mirrors that omit large blobs), and compared with `--baseline-dir`.
set -euo pipefail
repo=$(cd "$1" && pwd)
n=${2:-8}
hexlint=${HEXLINT:-$(cd "$(dirname "$0")/.." && pwd)/target/debug/hexlint}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat > "$tmp/summarize.py" <<'PY'
import json, sys
name, old, new, path = sys.argv[1:5]
try:
    data = json.load(open(path))
    pkg = data["packages"][0]
except Exception:
    print(f"{name}\t{old}\t{new}\terror\t\t\t\t")
    sys.exit()
if pkg.get("error"):
    print(f"{name}\t{old}\t{new}\terror: {pkg['error'].get('message','')[:80]}")
    sys.exit()
ds = pkg["diagnostics"]
major = {"module-removed","function-removed","arity-removed","function-kind-changed","callback-added",
         "struct-field-removed","struct-field-enforced","type-removed","type-made-opaque","protocol-function-removed"}
breaking = [d for d in ds if d["rule"] in major]
adds = [d for d in ds if d["rule"] not in major and d["rule"] != "version-bump"]
verdict = next((d for d in ds if d["rule"] == "version-bump"), None)
v = "?" if verdict is None else ("UNDER" if verdict["severity"] == "error" else "ok")
msg = verdict["message"] if verdict else ""
taken = msg.split(" is a ")[1].split(" bump")[0] if " is a " in msg else ("none" if "not greater" in msg else "?")
need = "major" if breaking else ("minor" if adds else "patch")
first = "; ".join(d["message"].split(" (requires")[0] for d in breaking[:3])
print(f"{name}\t{old}\t{new}\t{taken}\t{need}\t{v}\t{len(breaking)}\t{len(adds)}\t{first}")
PY
cd "$repo"
extract() {
  local paths=()
  for p in mix.exs lib src VERSION version; do
    git cat-file -e "$1:$p" 2>/dev/null && paths+=("$p")
  done
  mkdir -p "$tmp/$1"
  git archive "$1" -- "${paths[@]}" 2>/dev/null | tar -x -C "$tmp/$1"
}
# Release tags (vX.Y.Z or X.Y.Z, no pre-releases), oldest first.
tags=$(git tag --list | grep -E '^v?[0-9]+\.[0-9]+\.[0-9]+$' | sort -V | tail -n $((n + 1)))
prev=""
for tag in $tags; do
  if [ -n "$prev" ]; then
    [ -d "$tmp/$prev" ] || extract "$prev"
    extract "$tag"
    "$hexlint" semver "$tmp/$tag" --baseline-dir "$tmp/$prev" --format json > "$tmp/out.json" 2>/dev/null || true
    python3 "$tmp/summarize.py" "$(basename "$repo")" "$prev" "$tag" "$tmp/out.json"
  fi
  prev=$tag
done
