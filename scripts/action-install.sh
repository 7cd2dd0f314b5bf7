#!/usr/bin/env bash
# Installs a released hexlint binary for the GitHub Actions runner (used by action.yml; tested by
# scripts/test-action.py against a local server). Inputs, from the environment:
#   HEXLINT_VERSION   the release version, e.g. 0.1.0 (no leading v)
#   HEXLINT_BASE_URL  optional; default https://github.com/hexlint/hexlint/releases/download/v$version
#   RUNNER_OS, RUNNER_ARCH   as GitHub sets them (Linux/macOS/Windows, X64/ARM64)
#   INSTALL_DIR       where the binary goes ($INSTALL_DIR/hexlint, $INSTALL_DIR/hexlint.exe on Windows)
# The archive's SHA-256 must match its line in the release's sha256.sum, else nothing is installed.
# On Windows (Git Bash, as `shell: bash` runs there) the release is a .zip with hexlint.exe at its
# top level; it is extracted with unzip, else 7z, else PowerShell's Expand-Archive.
set -euo pipefail

version="${HEXLINT_VERSION#v}"
case "${RUNNER_OS}/${RUNNER_ARCH}" in
  Linux/X64) target=x86_64-unknown-linux-musl ;;
  Linux/ARM64) target=aarch64-unknown-linux-musl ;;
  macOS/X64) target=x86_64-apple-darwin ;;
  macOS/ARM64) target=aarch64-apple-darwin ;;
  Windows/X64) target=x86_64-pc-windows-msvc ;;
  Windows/ARM64) target=aarch64-pc-windows-msvc ;;
  *)
    echo "::error::hexlint has no prebuilt binary for ${RUNNER_OS}/${RUNNER_ARCH} (Linux, macOS and Windows on X64 and ARM64 only)"
    exit 1
    ;;
esac
base="${HEXLINT_BASE_URL:-https://github.com/hexlint/hexlint/releases/download/v\$version}"
base="${base//\$version/$version}"
base="${base//\$target/$target}"
base="${base%/}"
if [ "$RUNNER_OS" = Windows ]; then
  archive="hexlint-${target}.zip" exe=hexlint.exe
else
  archive="hexlint-${target}.tar.gz" exe=hexlint
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
fetch() { curl --fail --silent --show-error --location --retry 3 --output "$2" "$1"; }
fetch "$base/$archive" "$work/$archive"
fetch "$base/sha256.sum" "$work/sha256.sum"

expected="$(awk -v name="$archive" '{ n = $2; sub(/^\*/, "", n) } n == name { print $1 }' "$work/sha256.sum")"
if [ -z "$expected" ]; then
  echo "::error::$archive is not listed in the release's sha256.sum"
  exit 1
fi
# From standard input: sha256sum escapes names holding a backslash (Windows paths) with a leading \.
if command -v sha256sum >/dev/null 2>&1; then
  actual="$(sha256sum <"$work/$archive" | cut -d' ' -f1)"
else
  actual="$(shasum -a 256 <"$work/$archive" | cut -d' ' -f1)"
fi
if [ "$actual" != "$expected" ]; then
  echo "::error::checksum mismatch for $base/$archive: expected sha256 $expected, got $actual; nothing installed"
  exit 1
fi

mkdir -p "$work/x"
if [ "$exe" = hexlint.exe ]; then
  if command -v unzip >/dev/null 2>&1; then
    unzip -q -o "$work/$archive" -d "$work/x"
  elif command -v 7z >/dev/null 2>&1; then
    7z x -y -bd -o"$work/x" "$work/$archive" >/dev/null
  else
    # PowerShell wants Windows paths; they go through the environment, not the command's text.
    winpath() { if command -v cygpath >/dev/null 2>&1; then cygpath -w "$1"; else printf '%s\n' "$1"; fi; }
    # shellcheck disable=SC2016 # $env:… is PowerShell's, expanded by PowerShell
    HEXLINT_ZIP="$(winpath "$work/$archive")" HEXLINT_DEST="$(winpath "$work/x")" \
      powershell -NoProfile -NonInteractive -Command \
      'Expand-Archive -LiteralPath $env:HEXLINT_ZIP -DestinationPath $env:HEXLINT_DEST -Force'
  fi
  # cargo-dist puts hexlint.exe at the zip's top level; accept one folder down too.
  bin=""
  for candidate in "$work/x/hexlint.exe" "$work/x"/*/hexlint.exe; do
    if [ -f "$candidate" ]; then bin="$candidate" && break; fi
  done
else
  tar -xzf "$work/$archive" -C "$work/x"
  bin="$(find "$work/x" -type f -name hexlint | head -n 1)"
fi
if [ -z "$bin" ]; then
  echo "::error::$archive contains no $exe"
  exit 1
fi
mkdir -p "$INSTALL_DIR"
cp -f "$bin" "$INSTALL_DIR/$exe.part"
chmod 0755 "$INSTALL_DIR/$exe.part"
mv -f "$INSTALL_DIR/$exe.part" "$INSTALL_DIR/$exe"
echo "hexlint $version ($target) installed in $INSTALL_DIR as $exe; sha256 $actual verified"
