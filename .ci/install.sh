#!/usr/bin/env bash
# Installs what the build ("build") or the tests ("test") need and is missing.
# Every version is pinned here or in the lock files: wasm-bindgen-cli equals the
# wasm-bindgen in Cargo.lock, npm packages come from package-lock.json, Python's
# from tests/interop/requirements.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-build}

say() { printf '==> %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# Rust: the wasm32 target, rustfmt and clippy.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
for component in rustfmt clippy; do
  if ! rustup component list --installed | grep -q "^$component"; then
    rustup component add "$component"
  fi
done

# wasm-bindgen-cli at exactly the version in Cargo.lock. Not --locked: its own lock
# file pins a crate version the registry no longer has.
want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }' || true)
if [ "$have" != "$want" ]; then
  say "installing wasm-bindgen-cli $want (found '${have:-none}'); this takes a few minutes"
  cargo install wasm-bindgen-cli --version "$want" --force
fi

# npm: binaryen's wasm-opt (Debian's is too old), esbuild, playwright-core, noble.
if [ ! -x node_modules/.bin/wasm-opt ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages from package-lock.json"
  npm ci --no-audit --no-fund
fi

# make fuzz: nightly Rust (for libFuzzer's instrumentation) and cargo-fuzz, pinned. The
# build itself stays on stable.
if [ "$what" = fuzz ]; then
  if ! rustup toolchain list | grep -q '^nightly'; then
    say "installing the nightly toolchain for cargo-fuzz"
    rustup toolchain install nightly --profile minimal
  fi
  if [ "$(cargo fuzz --version 2>/dev/null | awk '{ print $2 }')" != 0.13.2 ]; then
    say "installing cargo-fuzz 0.13.2"
    cargo install cargo-fuzz --version 0.13.2 --locked
  fi
  exit 0
fi

[ "$what" = test ] || exit 0

# Debian's Chromium and ChromeDriver for the browser tests (never a downloaded browser).
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  say "installing chromium and chromium-driver with apt"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver
fi
# OpenSSL and OpenSSH's ssh-keygen: the interop tests make fresh keys with both.
if ! command -v openssl >/dev/null || ! command -v ssh-keygen >/dev/null; then
  say "installing openssl and openssh-client with apt"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openssl openssh-client
fi

# Python virtualenv for the interop tests.
if [ ! -x .venv/bin/python ] || [ tests/interop/requirements.txt -nt .venv/.installed ]; then
  say "creating .venv with the interop test requirements"
  python3 -m venv .venv
  .venv/bin/pip install -q --disable-pip-version-check -r tests/interop/requirements.txt
  touch .venv/.installed
fi
