#!/usr/bin/env bash
# Times `reachmap probe --format summary` (7 probes, the whole matrix) on real-looking cluster
# dumps, `kubectl get namespaces,pods,deployments,replicasets,statefulsets,daemonsets,services,
# endpointslices,networkpolicies -A -o yaml|json` of Online Boutique shops (reachmap-synth
# --dump), side by side with Python's `json.load` of the JSON (the floor of merely reading it)
# and, when BEFORE names one, an older reachmap binary. Then the worst case of the matrix: 5,000
# pods all distinct to the policies. It prints figures only; it never fails on time.
#
#   bash benches/dump.sh
#   BEFORE=/path/to/old/reachmap RUNS=5 bash benches/dump.sh
#   SIZES="1008:4 5040:10" bash benches/dump.sh          # pods:replicas per Deployment
#
# Inputs are generated into target/bench-inputs/ (deterministic: same sizes, same bytes).
set -uo pipefail

cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
SIZES=${SIZES:-"1008:4 2016:4 5040:10 10080:10"}
BEFORE=${BEFORE:-}
# shellcheck source=benches/setup.sh
source benches/setup.sh

# best WALL and largest RSS (MB) of RUNS runs of a command; sets $best $rss_mb $status.
measure() {
    best=""
    local rss=0 wall kb
    status=ok
    for _ in $(seq "$RUNS"); do
        if ! "$TIME" -o "$OUT/time.txt" -f '%e %M' "$@" >"$OUT/out.txt" 2>"$OUT/err.txt"; then
            status=failed
        fi
        read -r wall kb < <(tail -1 "$OUT/time.txt")
        if [ -z "$best" ] || awk -v a="$wall" -v b="$best" 'BEGIN { exit !(a < b) }'; then
            best=$wall
        fi
        [ "${kb:-0}" -gt "$rss" ] 2>/dev/null && rss=$kb
    done
    rss_mb=$(awk -v k="$rss" 'BEGIN { printf "%.0f", k / 1024 }')
    grep -q '\[limit\]' "$OUT/err.txt" && status=refused
}

echo
echo "reachmap probe --format summary --ports $PORTS FILE"
echo "wall: best of $RUNS (/usr/bin/time %e); RSS: largest max RSS; parse: the library's parse alone"
echo "$(nproc) cores, $(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo
printf '%-7s %-5s %9s %9s %7s %7s %9s %8s %7s %14s %14s\n' \
    pods format "MB in" "parse MB/s" endpts classes "wall s" "RSS MB" errors "python s/MB" "before s/MB"
for size in $SIZES; do
    pods=${size%%:*}
    replicas=${size##*:}
    for format in yaml json; do
        file="$OUT/d$pods.$format"
        [ -s "$file" ] || "$SYNTH" --dump "$format" --pods "$pods" --replicas "$replicas" >"$file"
        bytes=$(wc -c <"$file")
        timing=$("$SYNTH" --time --in "$file")
        parse_ms=$(sed -n 's/.*parse_ms=\([0-9.]*\).*/\1/p' <<<"$timing")
        errors=$(sed -n 's/.*errors=\([0-9]*\).*/\1/p' <<<"$timing")
        measure "$BIN" probe --format summary --ports "$PORTS" "$file"
        summary=$(head -1 "$OUT/out.txt")
        endpoints=$(sed -n 's/^\([0-9]*\) pod endpoints.*/\1/p' <<<"$summary")
        classes=$(sed -n 's/.* \([0-9]*\) classes.*/\1/p' <<<"$summary")
        ours="$best"
        [ "$status" = ok ] || ours="$status"
        ours_rss=$rss_mb
        python="-"
        if [ "$format" = json ]; then
            measure python3 -c 'import json, sys; json.load(open(sys.argv[1]))' "$file"
            python="$best/$rss_mb"
        fi
        before="-"
        if [ -n "$BEFORE" ]; then
            measure "$BEFORE" probe --format summary --ports "$PORTS" "$file"
            before="$best/$rss_mb"
            [ "$status" = ok ] || before="$status"
        fi
        mbps=$(awk -v b="$bytes" -v ms="$parse_ms" 'BEGIN { printf "%.0f", (ms > 0) ? b / ms / 1000 : 0 }')
        printf '%-7s %-5s %9.1f %9s %7s %7s %9s %8s %7s %14s %14s\n' \
            "$pods" "$format" "$(awk -v b="$bytes" 'BEGIN { print b / 1e6 }')" "$mbps" \
            "${endpoints:-?}" "${classes:-?}" "$ours" "$ours_rss" "${errors:-?}" "$python" "$before"
    done
done

echo
echo "5,000 pods all distinct to the policies, 1,000 policies, 50 namespaces, 500 Services"
file="$OUT/distinct-5k.yaml"
"$SYNTH" --distinct --pods 5000 --policies 1000 --namespaces 50 --services 500 --seed 1 >"$file"
timing=$("$SYNTH" --time --in "$file")
measure "$BIN" probe --format summary --ports "$PORTS" "$file"
echo "classes $(sed -n 's/.*classes=\([0-9]*\).*/\1/p' <<<"$timing"), parse $(sed -n 's/.*parse_ms=\([0-9.]*\).*/\1/p' <<<"$timing") ms, matrix $(sed -n 's/.*matrix_ms=\([0-9.]*\).*/\1/p' <<<"$timing") ms (7 probes); whole process: $best s, $rss_mb MB"
if [ -n "$BEFORE" ]; then
    measure "$BEFORE" probe --format summary --ports "$PORTS" "$file"
    echo "before: $best s, $rss_mb MB ($status)"
fi
rm -f "$OUT/time.txt" "$OUT/out.txt" "$OUT/err.txt"
