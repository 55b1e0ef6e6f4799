#!/usr/bin/env bash
# Opens Reachmap's page: installs what is missing (scripts/setup-web.sh), then builds the page
# and serves it with trunk on http://127.0.0.1:8080/ (PORT=… to change), rebuilding when a
# source file changes. Ctrl-C stops it.
#
# The page is static: `bash scripts/build-web.sh` writes it to dist/, which any static host
# can serve, under any sub-path.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup-web.sh
export PATH="$PWD/e2e/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
# The same size-optimised build as scripts/build-web.sh.
export CARGO_PROFILE_RELEASE_OPT_LEVEL=${CARGO_PROFILE_RELEASE_OPT_LEVEL:-z}
port=${PORT:-8080}
echo "run: serving Reachmap on http://127.0.0.1:$port/ (the first build takes a few minutes)"
TRUNK_OFFLINE=true exec trunk serve --release --address 127.0.0.1 --port "$port"
