#!/usr/bin/env bash
# Windows smoke test without Windows: cross-builds hexlint.exe with MinGW (x86_64-pc-windows-gnu)
# and runs it under Wine on examples/demo and the mix.exs fixtures, comparing `check`, `metadata`
# and `files` (JSON) with the Linux build. Not part of .ci/run (the Windows build of every
# dependency takes several minutes); RELEASING.md says when to run it. Skips, visibly and with
# exit 0, when the Rust target, MinGW or Wine is missing. Setup (Debian):
#   rustup target add x86_64-pc-windows-gnu
#   apt-get install gcc-mingw-w64-x86-64 wine64
# Differences that are Windows' own are left out of the comparison: the absolute root
# (`Z:\work\…` under Wine), `\` in the mix.exs path, the order of `files` (each OS's directory
# listing order, which Hex keeps too) and the gzip sizes that depend on it and on file modes
# (Erlang on Windows reports 0o100666 where Unix has 0o100644).
set -euo pipefail
cd "$(dirname "$0")/.."

skip() {
  echo "SKIP: Windows smoke test: $*"
  exit 0
}
target=x86_64-pc-windows-gnu
rustup target list --installed 2>/dev/null | grep -qx "$target" \
  || skip "the Rust target $target is not installed (rustup target add $target)"
command -v x86_64-w64-mingw32-gcc >/dev/null 2>&1 \
  || skip "MinGW is not installed (apt-get install gcc-mingw-w64-x86-64)"
wine="$(command -v wine64 || command -v wine || true)"
[ -n "$wine" ] || [ ! -x /usr/lib/wine/wine64 ] || wine=/usr/lib/wine/wine64 # Debian's wine64 alone
[ -n "$wine" ] || skip "Wine is not installed (apt-get install wine64)"

echo "--- building hexlint.exe ($target) and the Linux hexlint"
cargo build --quiet --target "$target" --bin hexlint
cargo build --quiet --bin hexlint
exe="target/$target/debug/hexlint.exe"
linux=target/debug/hexlint

export WINEPREFIX="${WINEPREFIX:-$PWD/target/wine-prefix}" WINEDEBUG=-all NO_COLOR=1
if [ ! -d "$WINEPREFIX/drive_c" ]; then
  echo "--- creating the Wine prefix $WINEPREFIX"
  "$wine" wineboot --init >/dev/null 2>&1 || true
fi
# Rust's std (1.78+) gets random bytes from ProcessPrng in bcryptprimitives.dll, which Wine 8
# (Debian 12) lacks; the prefix gets a stand-in that asks BCryptGenRandom. Windows has the DLL.
system32="$WINEPREFIX/drive_c/windows/system32"
if [ ! -f "$system32/bcryptprimitives.dll" ]; then
  echo "--- adding a ProcessPrng stand-in (bcryptprimitives.dll) to the Wine prefix"
  shim="$(mktemp -d)"
  cat >"$shim/bcryptprimitives.c" <<'EOF'
#include <windows.h>
#include <bcrypt.h>
__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
    return BCryptGenRandom(NULL, data, (ULONG)len, BCRYPT_USE_SYSTEM_PREFERRED_RNG) == 0;
}
EOF
  x86_64-w64-mingw32-gcc -shared -O2 -o "$system32/bcryptprimitives.dll" "$shim/bcryptprimitives.c" -lbcrypt
  rm -rf "$shim"
fi

version="$("$wine" "$exe" --version | tr -d '\r')"
echo "--- $version runs under $("$wine" --version 2>/dev/null || echo Wine)"

normalize() {
  python3 -c '
import json, re, sys
text = sys.stdin.read().replace("\r", "")
try:
    data = json.loads(text)
except ValueError:
    print("not JSON:", text[:400])
    sys.exit()
def unix(s):
    # An absolute path as Windows writes it (Z:\work\x under Wine) as Unix does (/work/x).
    return re.sub(r"[A-Za-z]:(\\[^\s;`\"]*)", lambda m: m.group(1).replace("\\", "/"), s)
def walk(x):
    if isinstance(x, dict):
        x.pop("root", None)
        for key in [k for k in x if k.startswith(("compressed_size", "package_size"))]:
            x.pop(key)
        if isinstance(x.get("path"), str):
            x["path"] = x["path"].replace("\\", "/")
        for k, v in x.items():
            x[k] = unix(v) if isinstance(v, str) else walk(v)
        if isinstance(x.get("files"), list):
            x["files"].sort(key=lambda f: json.dumps(f, sort_keys=True))
    elif isinstance(x, list):
        for i, v in enumerate(x):
            x[i] = unix(v) if isinstance(v, str) else walk(v)
    return x
walk(data)
print(json.dumps(data, sort_keys=True, indent=1))'
}

same=0
different=0
for dir in examples/demo tests/fixtures/*/; do
  dir="${dir%/}"
  [ -f "$dir/mix.exs" ] || continue
  for command in check metadata files; do
    args=("$command" --format json --elixir 1.14 "$dir")
    set +e
    "$wine" "$exe" "${args[@]}" 2>/dev/null | normalize >"$WINEPREFIX/windows.json"
    windows_status=${PIPESTATUS[0]}
    "$linux" "${args[@]}" 2>/dev/null | normalize >"$WINEPREFIX/linux.json"
    linux_status=${PIPESTATUS[0]}
    set -e
    if [ "$windows_status" = "$linux_status" ] && cmp -s "$WINEPREFIX/windows.json" "$WINEPREFIX/linux.json"; then
      same=$((same + 1))
    else
      different=$((different + 1))
      echo "DIFFERENT: hexlint ${args[*]} (exit $windows_status on Windows, $linux_status on Linux)"
      diff "$WINEPREFIX/windows.json" "$WINEPREFIX/linux.json" | head -20 || true
    fi
  done
done
echo "--- human output on examples/demo"
{ "$wine" "$exe" check examples/demo || true; } | tr -d '\r' | tail -1
echo "Windows smoke test: $same runs as on Linux, $different different"
[ "$different" = 0 ]
