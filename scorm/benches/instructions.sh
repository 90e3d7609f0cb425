#!/bin/sh
# Instruction counts (callgrind: load-independent, unlike wall time) of the SCORM manifest check
# against the NsReader floor, on the bench's generated manifests.
#
#   scorm/benches/instructions.sh          check_manifest vs NsReader scan + attributes, 10 000 items
#   scorm/benches/instructions.sh --e2e    also `learnwire check --format json` on a 40 000-item
#                                          imsmanifest.xml vs a program that reads it and scans it
#                                          with NsReader (whole processes); with GNU time
#                                          (/usr/bin/time) also their wall and CPU times, page faults
#                                          and peak memory, fastest of RUNS (default 15) interleaved
#                                          runs (these move with the machine's load: see `uptime`)
#
# Needs valgrind. Run from anywhere inside the workspace.
set -eu
cd "$(dirname "$0")/../.."
target=${CARGO_TARGET_DIR:-target}
bench=$(cargo bench -p learnwire-scorm --bench manifest --no-run 2>&1 |
    sed -n 's/.*Executable benches\/manifest.rs (\(.*\))/\1/p')
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Instructions of one command under callgrind (the largest count reported, the process itself).
count() {
    valgrind --tool=callgrind --callgrind-out-file="$work/callgrind.%p" "$@" >/dev/null 2>"$work/log" ||
        { cat "$work/log" >&2; exit 1; }
    sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$work/log" | sort -n | tail -1
}
ratio() { awk "BEGIN { printf \"%.2f\", $1 / $2 }"; }

none=$(LEARNWIRE_SCORM_PROFILE=none count "$bench")
check=$(( $(LEARNWIRE_SCORM_PROFILE=check count "$bench") - none ))
ns=$(( $(LEARNWIRE_SCORM_PROFILE=ns count "$bench") - none ))
echo "10 000 items: check_manifest $check instructions, NsReader scan + attributes $ns: $(ratio $check $ns)x the floor"

if [ "${1:-}" = "--e2e" ]; then
    cargo build --release -p learnwire-cli >/dev/null 2>&1 || cargo build --release -p learnwire-cli
    LEARNWIRE_SCORM_PROFILE=write:40000 "$bench" >"$work/imsmanifest.xml"
    cli=$(count "$target/release/learnwire" check --format json "$work/imsmanifest.xml")
    floor=$(LEARNWIRE_SCORM_PROFILE="ns-file:$work/imsmanifest.xml" count "$bench")
    echo "40 000 items, end to end: learnwire check --format json $cli instructions, read + NsReader scan $floor: $(ratio $cli $floor)x the floor"
    if [ -x /usr/bin/time ]; then
        # One line per run: wall (ns, from date) user sys faults peak-KB; the fastest wall of each side
        # is kept.
        timed() {
            start=$(date +%s%N)
            /usr/bin/time -f '%U %S %R %M' -o "$work/t" "$@" >/dev/null 2>&1
            end=$(date +%s%N)
            echo "$((end - start)) $(cat "$work/t")"
        }
        runs=${RUNS:-15}
        : >"$work/cli.t"
        : >"$work/floor.t"
        i=0
        while [ "$i" -lt "$runs" ]; do
            timed "$target/release/learnwire" check --format json "$work/imsmanifest.xml" >>"$work/cli.t"
            LEARNWIRE_SCORM_PROFILE="ns-file:$work/imsmanifest.xml" timed "$bench" >>"$work/floor.t"
            i=$((i + 1))
        done
        best() { sort -n "$1" | head -1; }
        ms() { awk "BEGIN { printf \"%.1f\", $1 / 1000000 }"; }
        set -- $(best "$work/cli.t") $(best "$work/floor.t")
        echo "wall, fastest of $runs interleaved runs: learnwire $(ms $1) ms (user $2 s, sys $3 s, $4 page faults, peak $(($5 / 1024)) MB), floor $(ms $6) ms (user $7 s, sys $8 s, $9 page faults, peak $((${10} / 1024)) MB): $(ratio $1 $6)x; load average $(uptime | sed 's/.*load average: //')"
    fi
fi
