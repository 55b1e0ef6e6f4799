#!/usr/bin/env bash
# Every test of the project, from a fresh machine: installs what is missing, then checks
# formatting, lints, the core's wasm build, and runs the test suites.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }

step "toolchain"
rustup component add rustfmt clippy >/dev/null 2>&1 || true
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy -D warnings"
cargo clippy --all-targets -- -D warnings

step "the core builds for wasm32 without any web crate"
cargo build --lib --target wasm32-unknown-unknown

step "cargo test"
log=$(mktemp)
cargo test --all-targets 2>&1 | tee "$log"
# One closing line for the whole run: the sum of every test binary's result.
awk '/^test result:/ { for (i = 1; i <= NF; i++) { if ($i ~ /^passed/) p += $(i-1); if ($i ~ /^failed/) f += $(i-1) } }
     END { printf "\n%d passed, %d failed\n", p, f }' "$log"
rm -f "$log"
