#!/usr/bin/env bash
# Installs what building and testing the page needs, and only what is missing, so a second run
# takes a second or two:
#   - the wasm32-unknown-unknown Rust target;
#   - trunk 0.21.14 (builds the page) and wasm-bindgen-cli 0.2.130 (must equal the
#     wasm-bindgen crate pinned in Cargo.toml), with cargo install (~7 min for trunk);
#   - Debian's chromium and chromium-driver (the browser of the end-to-end tests and the page
#     benchmark; Playwright's own browser download is never used);
#   - e2e/node_modules from e2e/package-lock.json with `npm ci`: @playwright/test and binaryen
#     (its wasm-opt is the one trunk runs).
# Prints what it installs and what it found.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
WASM_BINDGEN_VERSION=0.2.130

say() { printf 'setup-web: %s\n' "$*"; }

# `cargo install` puts binaries here; a fresh shell may not have it on PATH yet.
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

# The version a tool prints (`trunk 0.21.14`, `wasm-bindgen 0.2.130`), or nothing.
version_of() { "$1" --version 2>/dev/null | awk '{ print $2; exit }' || true; }

# The lead's one-time background installs (and any other) hold cargo's install lock; a second
# install of the same crate meanwhile would build it twice. Wait for them to finish.
wait_for_cargo_install() {
  local crate=$1
  while pgrep -f "cargo install.* $crate( |\$)" >/dev/null 2>&1; do
    say "waiting for a running 'cargo install $crate' to finish"
    sleep 15
  done
}

if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "rust target wasm32-unknown-unknown: present"
else
  say "installing rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

wait_for_cargo_install trunk
if [ "$(version_of trunk)" = "$TRUNK_VERSION" ]; then
  say "trunk $TRUNK_VERSION: present"
else
  say "installing trunk $TRUNK_VERSION (cargo install, about 7 minutes)"
  cargo install --locked trunk --version "$TRUNK_VERSION"
fi

wait_for_cargo_install wasm-bindgen-cli
if [ "$(version_of wasm-bindgen)" = "$WASM_BINDGEN_VERSION" ]; then
  say "wasm-bindgen-cli $WASM_BINDGEN_VERSION: present"
else
  # Without --locked: the crate's own lock file pins dependencies that no longer build on a
  # current toolchain.
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (cargo install)"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  say "chromium: present ($(/usr/bin/chromium --version 2>/dev/null || echo 'version unknown'))"
else
  say "installing Debian's chromium and chromium-driver (apt-get)"
  sudo=""
  if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
  # Another apt run (the lead's background install) holds the dpkg lock: wait for it.
  while pgrep -x apt-get >/dev/null 2>&1 || pgrep -x dpkg >/dev/null 2>&1; do
    say "waiting for a running apt-get/dpkg to finish"
    sleep 10
  done
  $sudo apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends \
    chromium chromium-driver
fi

# npm ci reinstalls from scratch every time, so it runs only when the lock file is newer than
# what node_modules holds (npm writes node_modules/.package-lock.json on every install).
if [ -f e2e/node_modules/.package-lock.json ] &&
  [ e2e/node_modules/.package-lock.json -nt e2e/package-lock.json ] &&
  [ -x e2e/node_modules/.bin/wasm-opt ] && [ -x e2e/node_modules/.bin/playwright ]; then
  say "e2e/node_modules: present"
else
  say "installing e2e/node_modules (npm ci: @playwright/test, binaryen)"
  # No browser download: the tests use /usr/bin/chromium.
  (cd e2e && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund)
fi

say "ready: $(trunk --version), $(wasm-bindgen --version), wasm-opt $(e2e/node_modules/.bin/wasm-opt --version | awk '{ print $3 }'), $(/usr/bin/chromium --version 2>/dev/null)"
