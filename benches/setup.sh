# Sourced by the CLI benchmarks (cli.sh, dump.sh) from the repository's root: the probes they
# time, /usr/bin/time, the release binaries (built here) and the folder of inputs.
PORTS=TCP/80,TCP/443,TCP/8080,TCP/9090,TCP/9100,UDP/53,SCTP/9
TIME=/usr/bin/time
OUT=target/bench-inputs

if [ ! -x "$TIME" ]; then
    echo "$(basename "$0"): $TIME is missing (Debian: apt-get install time)" >&2
    exit 1
fi

echo "== building (release)" >&2
cargo build --release --bin reachmap >&2 || exit 1
cargo build --release -p reachmap-synth >&2 || exit 1
BIN=target/release/reachmap
SYNTH=target/release/reachmap-synth
mkdir -p "$OUT"
