#!/usr/bin/env bash
# Compares `hexlint files` with the file list `mix hex.build` prints, for each project directory
# given. Needs mix with the Hex archive installed. Runs the project's mix.exs through Mix (that is
# what hex.build does), so use it only on code you trust.
#
#     scripts/compare-files-with-hex.sh path/to/project...
set -uo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
hexlint="${HEXLINT:-${CARGO_TARGET_DIR:-$repo/target}/release/hexlint}"
[ -x "$hexlint" ] || cargo build --release --quiet --manifest-path "$repo/Cargo.toml"
same=0; differ=0; skipped=0
for dir in "$@"; do
  name=$(basename "$dir")
  # hex.build prints "  Files:" then one indented path per line, before any error.
  hex=$(cd "$dir" && MIX_ENV=dev timeout 120 mix hex.build --output /dev/null 2>&1 </dev/null \
        | awk '/^  Files:/{f=1;next} f&&/^    /{sub(/^    /,"");print;next} f{exit}' | sort)
  if [ -z "$hex" ]; then
    echo "skip  $name (mix hex.build printed no file list)"; skipped=$((skipped+1)); continue
  fi
  ours=$("$hexlint" files --format json "$dir" 2>/dev/null \
         | python3 -c 'import json,sys; [print(f["path"]) for f in json.load(sys.stdin)["files"]]' | sort)
  if [ "$hex" == "$ours" ]; then
    echo "same  $name ($(echo "$hex" | wc -l) paths)"; same=$((same+1))
  else
    echo "DIFF  $name"; differ=$((differ+1))
    diff <(echo "$hex") <(echo "$ours") | head -10 | sed 's/^/      /'
  fi
done
echo "compare-files: $same same, $differ different, $skipped skipped"
