#!/usr/bin/env bash
# Runs every fuzz target (fuzz/fuzz_targets/) with libFuzzer for a set time each and prints a
# table of executions and time per target. A crash stops with status 1 and leaves its input in
# fuzz/artifacts/<target>/; turn it into a regression test (tests/hostile_input.rs).
#
#   bash scripts/fuzz.sh            # 60 s per target
#   bash scripts/fuzz.sh 600        # 10 minutes per target
#   bash scripts/fuzz.sh 10 analysis
#
# Needs the nightly toolchain (libFuzzer's instrumentation) and cargo-fuzz, which it installs.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-60}
shift || true

if ! rustup toolchain list | grep -q '^nightly'; then
  echo "fuzz.sh: the nightly toolchain is missing (rustup toolchain list)" >&2
  exit 2
fi
if ! command -v cargo-fuzz >/dev/null; then
  echo "==> installing cargo-fuzz" >&2
  cargo install cargo-fuzz >&2
fi

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  mapfile -t targets < <(cargo +nightly fuzz list)
fi

# Seeds: every manifest the project has, so the fuzzer starts from real structure, and
# fuzz/seeds (kubectl Lists, YAML and JSON, which the parse reads item by item when it keeps
# readings).
seed() {
  local corpus=fuzz/corpus/$1
  mkdir -p "$corpus"
  if [ -z "$(ls -A "$corpus")" ] && [ "$1" = kubectl ]; then
    # The console's target reads command lines: the sessions' commands, one file per session.
    for s in crates/reachmap-kubectl/tests/kubectl/*.session; do
      grep -E '^(\$|/ #) ' "$s" | sed -E 's/^(\$|\/ #) //' >"$corpus/$(basename "$s" .session)"
    done
  elif [ -z "$(ls -A "$corpus")" ]; then
    find public/examples crates/reachmap-core/tests/netpol_scenarios fuzz/seeds \( -name '*.yaml' -o -name '*.json' \) -size -64k \
      -exec cp -t "$corpus" {} + 2>/dev/null || true
    for f in "$corpus"/*; do mv "$f" "$corpus/$(sha1sum "$f" | cut -c1-16)"; done
  fi
}

summary=()
status=0
for t in "${targets[@]}"; do
  seed "$t"
  log=$(mktemp)
  echo "==> fuzz $t for ${seconds}s" >&2
  if cargo +nightly fuzz run "$t" "fuzz/corpus/$t" -- \
      -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
      -print_final_stats=1 >"$log" 2>&1; then
    result=ok
  else
    result=CRASH
    status=1
    tail -40 "$log" >&2
  fi
  runs=$(grep -o 'Done [0-9]* runs in [0-9]* second' "$log" | awk '{print $2" runs in "$5" s"}' | tail -1)
  summary+=("$(printf '%-14s %-6s %s' "$t" "$result" "${runs:-?}")")
  rm -f "$log"
done

printf '\n%-14s %-6s %s\n' target result executions
printf '%s\n' "${summary[@]}"
exit $status
