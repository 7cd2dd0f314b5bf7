#!/usr/bin/env bash
# Installs a released hexlint binary for the GitHub Actions runner (used by action.yml; tested by
# scripts/test-action.py against a local server). Inputs, from the environment:
#   HEXLINT_VERSION   the release version, e.g. 0.1.0 (no leading v)
#   HEXLINT_BASE_URL  optional; default https://github.com/hexlint/hexlint/releases/download/v$version
#   RUNNER_OS, RUNNER_ARCH   as GitHub sets them (Linux/macOS/Windows, X64/ARM64)
#   INSTALL_DIR       where the binary goes ($INSTALL_DIR/hexlint)
# The archive's SHA-256 must match its line in the release's sha256.sum, else nothing is installed.
set -euo pipefail

version="${HEXLINT_VERSION#v}"
case "${RUNNER_OS}/${RUNNER_ARCH}" in
  Linux/X64) target=x86_64-unknown-linux-musl ;;
  Linux/ARM64) target=aarch64-unknown-linux-musl ;;
  macOS/X64) target=x86_64-apple-darwin ;;
  macOS/ARM64) target=aarch64-apple-darwin ;;
  *)
    echo "::error::hexlint has no prebuilt binary for ${RUNNER_OS}/${RUNNER_ARCH} (Linux and macOS on X64 and ARM64 only)"
    exit 1
    ;;
esac
base="${HEXLINT_BASE_URL:-https://github.com/hexlint/hexlint/releases/download/v\$version}"
base="${base//\$version/$version}"
base="${base//\$target/$target}"
base="${base%/}"
archive="hexlint-${target}.tar.gz"

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
if command -v sha256sum >/dev/null 2>&1; then
  actual="$(sha256sum "$work/$archive" | cut -d' ' -f1)"
else
  actual="$(shasum -a 256 "$work/$archive" | cut -d' ' -f1)"
fi
if [ "$actual" != "$expected" ]; then
  echo "::error::checksum mismatch for $base/$archive: expected sha256 $expected, got $actual; nothing installed"
  exit 1
fi

mkdir -p "$work/x"
tar -xzf "$work/$archive" -C "$work/x"
bin="$(find "$work/x" -type f -name hexlint | head -n 1)"
if [ -z "$bin" ]; then
  echo "::error::$archive contains no hexlint executable"
  exit 1
fi
mkdir -p "$INSTALL_DIR"
install -m 0755 "$bin" "$INSTALL_DIR/hexlint.part"
mv -f "$INSTALL_DIR/hexlint.part" "$INSTALL_DIR/hexlint"
echo "hexlint $version ($target) installed in $INSTALL_DIR; sha256 $actual verified"
