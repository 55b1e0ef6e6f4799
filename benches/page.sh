#!/usr/bin/env bash
# The page benchmark (see benches/page.mjs): time from a change in the editor's text to the
# updated diagram, in headless Chromium, on a synthetic cluster of 500 pods (100 policies,
# 10 namespaces, 50 Services, seed 1: the input of `cargo bench --bench text`).
#
#   bash benches/page.sh [--pods N] [--rebuild] [--runs N] [--view Services|Policies]
#   bash benches/page.sh --dumps "d1008.yaml d5040.yaml" [--before DIST] [--expect WORD]
#
# With --dumps (cluster dumps, `reachmap-synth --dump`; benches/dump.sh writes them into
# target/bench-inputs/), it times paste -> first diagram and keystroke -> next frame (worst of 9)
# on each, with dist/ and, side by side, with an older build (--before DIST: a dist/ directory).
# WORD is what the first diagram must show (default kube-system).
#
# Builds dist/ if it is missing (or with --rebuild), generates the cluster with the synth
# example, then runs the benchmark with node; other options go to benches/page.mjs.
set -euo pipefail
cd "$(dirname "$0")/.."

pods=500
rebuild=no
dumps=""
before=""
expect=kube-system
args=()
while [ $# -gt 0 ]; do
  case $1 in
    --pods) pods=$2; shift 2 ;;
    --dumps) dumps=$2; shift 2 ;;
    --before) before=$2; shift 2 ;;
    --expect) expect=$2; shift 2 ;;
    --rebuild) rebuild=yes; shift ;;
    *) args+=("$1"); shift ;;
  esac
done

if [ ! -x e2e/node_modules/.bin/playwright ] || ! command -v trunk >/dev/null; then
  bash scripts/setup-web.sh
fi
if [ "$rebuild" = yes ] || [ ! -f dist/index.html ]; then
  bash scripts/build-web.sh
fi

if [ -n "$dumps" ]; then
  for dump in $dumps; do
    for dist in ${before:+"$before"} dist; do
      node benches/page.mjs --dist "$dist" --input "$dump" --expect "$expect" --timeout 120000 \
        ${args[@]+"${args[@]}"} || echo "page bench: $dump with $dist failed"
    done
  done
  exit 0
fi

input=$(mktemp /tmp/reachmap-bench-XXXXXX.yaml)
trap 'rm -f "$input"' EXIT
cargo run --quiet --release -p reachmap-synth -- \
  --pods "$pods" --policies $((pods / 5)) --namespaces $((pods / 50 > 0 ? pods / 50 : 1)) \
  --services $((pods / 10)) --seed 1 >"$input"

node benches/page.mjs --dist dist --input "$input" ${args[@]+"${args[@]}"}
