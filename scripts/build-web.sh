#!/usr/bin/env bash
# Builds the page into dist/: trunk's release build (wasm-bindgen, then wasm-opt from
# e2e/node_modules), offline, as CI and the end-to-end tests use it, with its
# Content-Security-Policy (scripts/csp.mjs) in index.html. Then prints the wasm's
# size, raw and gzipped, and checks the gzipped size against the page-weight budget
# (WASM_GZIP_BUDGET bytes, default 400000: issue 3's "under 400 KB").
# Exit status: 0 built within budget; 1 not built; 3 built (dist/ is usable) but over budget.
# DIST=dir builds elsewhere than dist/ (to compare builds without touching the one the tests
# serve); extra arguments go to `trunk build` (e.g. --public-url /reachmap/).
# Needs scripts/setup-web.sh to have run.
set -euo pipefail
cd "$(dirname "$0")/.."

budget=${WASM_GZIP_BUDGET:-400000}
dist=${DIST:-dist}

# binaryen's wasm-opt (from npm) first, so trunk finds that one and downloads nothing.
export PATH="$PWD/e2e/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
for tool in trunk wasm-bindgen wasm-opt; do
  if ! command -v "$tool" >/dev/null; then
    echo "build-web: $tool is missing; run scripts/setup-web.sh" >&2
    exit 1
  fi
done

# The page is optimised for size: opt-level "z" for this build only (the CLI's release build
# keeps opt-level 3). Measured on the page: 421 KB gzipped instead of 623 KB, and no slower
# from an edit to the updated diagram (the time goes to the DOM, not to the analysis).
# Set CARGO_PROFILE_RELEASE_OPT_LEVEL to build otherwise.
export CARGO_PROFILE_RELEASE_OPT_LEVEL=${CARGO_PROFILE_RELEASE_OPT_LEVEL:-z}

TRUNK_OFFLINE=true trunk build --release --dist "$dist" "$@"

# The Content-Security-Policy, in the release build only (trunk serve's page has an inline
# live-reload script): its own files, inline scripts and the diagram's stylesheet by hash.
policy=$(node scripts/csp.mjs "$dist")
echo "build-web: Content-Security-Policy: $policy"

shopt -s nullglob
# Three wasms: the page's (its name hashed by trunk), loaded with the page and budgeted; the
# analysis worker's (reachmap-worker_bg.wasm), started with the page in a Web Worker; and the
# console's (reachmap-console_bg.wasm), fetched only when the console is first used.
size() {
  local raw gz
  raw=$(wc -c <"$1")
  gz=$(gzip -9 -c "$1" | wc -c)
  awk -v f="$1" -v raw="$raw" -v gz="$gz" -v what="$2" 'BEGIN {
    printf "build-web: %s: %d bytes raw, %d bytes gzipped (%.1f KiB; %s)\n", f, raw, gz, gz / 1024, what }' >&2
  echo "$gz"
}
console="$dist/reachmap-console_bg.wasm"
worker="$dist/reachmap-worker_bg.wasm"
pages=()
for w in "$dist"/*.wasm; do [ "$w" != "$console" ] && [ "$w" != "$worker" ] && pages+=("$w"); done
if [ "${#pages[@]}" -ne 1 ] || [ ! -f "$console" ] || [ ! -f "$worker" ]; then
  echo "build-web: expected the page's wasm, $worker and $console in $dist/, found ${#pages[@]} page wasm(s)" >&2
  exit 1
fi
gz=$(size "${pages[0]}" "the page, budget $budget bytes")
size "$worker" "the analysis worker, started with the page" >/dev/null
size "$console" "the console, fetched on first use" >/dev/null
if [ "$gz" -gt "$budget" ]; then
  echo "build-web: the page's gzipped wasm is over the budget of $budget bytes" >&2
  exit 3
fi
