#!/bin/sh
# Instruction counts (callgrind: load-independent, unlike wall time) of xAPI statement validation.
#
#   xapi/benches/instructions.sh           validate_statement_body vs serde_json::from_slice::<Value>,
#                                          one pass over the bench's statements (the shared corpus'
#                                          valid ones when ../shared/corpus is there, else generated)
#   xapi/benches/instructions.sh --growth  instructions per size: batches of 1, 100, 10 000 statements
#                                          (per statement, and the serde_json floor), one statement
#                                          nested 16, 64, 128, 512 levels deep (per extra level)
#
# Each workload's count is the run's minus the same run's set-up alone (same binary, same input).
# Needs valgrind. Run from anywhere inside the workspace.
set -eu
cd "$(dirname "$0")/../.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

binary() {
    cargo bench -p learnwire-xapi --bench "$1" --no-run 2>&1 |
        sed -n "s/.*Executable benches\/$1.rs (\(.*\))/\1/p"
}
# Instructions of one run of the bench binary under callgrind, profile mode $2.
count() {
    LEARNWIRE_XAPI_PROFILE=$2 valgrind --tool=callgrind --callgrind-out-file="$work/callgrind.%p" \
        "$1" >/dev/null 2>"$work/log" || { cat "$work/log" >&2; exit 1; }
    sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$work/log" | sort -n | tail -1
}
ratio() { awk "BEGIN { printf \"%.2f\", $1 / $2 }"; }
per() { awk "BEGIN { printf \"%.0f\", $1 / $2 }"; }

if [ "${1:-}" = "--growth" ]; then
    bench=$(binary growth)
    echo "| input | validate_statement_body | per element | serde_json Value floor | ratio |"
    echo "|---|---|---|---|---|"
    for n in 1 100 10000; do
        setup=$(count "$bench" "batch-setup:$n")
        ours=$(( $(count "$bench" "batch:$n") - setup ))
        floor=$(( $(count "$bench" "batch-floor:$n") - setup ))
        echo "| batch of $n | $ours | $(per $ours $n) per statement | $floor ($(per $floor $n) per statement) | $(ratio $ours $floor)x |"
    done
    previous=
    for d in 16 64 128 512; do
        ours=$(( $(count "$bench" "depth:$d") - $(count "$bench" "depth-setup:$d") ))
        step=
        if [ -n "$previous" ]; then
            step="$(per $((ours - previous_count)) $((d - previous))) per level over depth $previous"
        fi
        echo "| one statement $d levels deep | $ours | $step | | |"
        previous=$d
        previous_count=$ours
    done
    exit 0
fi

bench=$(binary validate)
none=$(count "$bench" none)
ours=$(( $(count "$bench" validate) - none ))
fast=$(( $(count "$bench" fast) - none ))
floor=$(( $(count "$bench" floor) - none ))
echo "one pass: validate_statement_body $ours instructions (stop at first error $fast), serde_json::from_slice::<Value> $floor: $(ratio $ours $floor)x the floor"
