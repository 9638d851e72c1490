#!/usr/bin/env bash
# Prints raw, gzip and brotli sizes of the module and its glue (gzip -9, brotli -q 11).
set -euo pipefail
cd "$(dirname "$0")/.."
row() {
  local raw gz br
  raw=$(wc -c < "$1")
  gz=$(gzip -9 -c "$1" | wc -c)
  if command -v brotli >/dev/null; then br=$(brotli -q 11 -c "$1" | wc -c); else br="-"; fi
  printf '%-36s %9s %9s %9s\n' "$2" "$raw" "$gz" "$br"
}
printf '%-36s %9s %9s %9s\n' file raw gzip brotli
for build in pkg pkg/core; do
  row "www/$build/ecdh_playground_bg.wasm" "$build/ecdh_playground_bg.wasm"
  row "www/$build/ecdh_playground.js" "$build/ecdh_playground.js (glue)"
  cat "www/$build/ecdh_playground_bg.wasm" "www/$build/ecdh_playground.js" > "${TMPDIR:-/tmp}/ecdh-size.$$"
  row "${TMPDIR:-/tmp}/ecdh-size.$$" "$build: module + glue"
done
rm -f "${TMPDIR:-/tmp}/ecdh-size.$$"
