#!/usr/bin/env bash
# The Policies view's readability (crossings, edges sharing a stretch, bends, length, overlapping
# boxes) on the reference cases, next to Graphviz `dot` on the same boxes, frames and edges, as a
# Markdown table (see docs/benchmarks/layout.md). Prints figures only; never fails on them.
#
#   bash benches/layout.sh              # writes the .dot and dot's .plain files to target/layout
#
# Graphviz is installed here, for the comparison only, when `dot` is missing (Debian: apt-get);
# Reachmap itself never runs it.
set -uo pipefail

cd "$(dirname "$0")/.."
if ! command -v dot >/dev/null; then
    echo "== installing graphviz for the comparison (apt-get)" >&2
    if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
    $SUDO apt-get install -y graphviz >&2 || echo "layout.sh: no dot; only Reachmap's rows" >&2
fi
echo "== building the figures (release)" >&2
cargo build --release -p reachmap-core --example layout_figures >&2 || exit 1
target/release/examples/layout_figures target/layout
