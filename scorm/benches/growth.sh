#!/bin/sh
# Instruction counts (callgrind: load-independent, unlike wall time) of the SCORM checks per size:
# check_manifest on manifests of 100, 10 000 and 100 000 items (per item, and the NsReader floor), and
# check_zip on stored zips of 10, 1 000 and 65 000 entries (per entry). Each count is the run's minus
# the same run's set-up alone (building the input). Needs valgrind; takes a few minutes.
#
#   scorm/benches/growth.sh
set -eu
cd "$(dirname "$0")/../.."
bench=$(cargo bench -p learnwire-scorm --bench growth --no-run 2>&1 |
    sed -n 's/.*Executable benches\/growth.rs (\(.*\))/\1/p')
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
count() {
    LEARNWIRE_SCORM_GROWTH=$1 valgrind --tool=callgrind --callgrind-out-file="$work/callgrind.%p" \
        "$bench" >/dev/null 2>"$work/log" || { cat "$work/log" >&2; exit 1; }
    sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$work/log" | sort -n | tail -1
}
ratio() { awk "BEGIN { printf \"%.2f\", $1 / $2 }"; }
per() { awk "BEGIN { printf \"%.0f\", $1 / $2 }"; }
echo "| input | check | per element | NsReader floor | ratio |"
echo "|---|---|---|---|---|"
for n in 100 10000 100000; do
    setup=$(count "manifest-setup:$n")
    ours=$(( $(count "manifest:$n") - setup ))
    floor=$(( $(count "ns:$n") - setup ))
    echo "| manifest of $n items | $ours | $(per $ours $n) per item | $floor ($(per $floor $n) per item) | $(ratio $ours $floor)x |"
done
for n in 10 1000 65000; do
    ours=$(( $(count "zip:$n") - $(count "zip-setup:$n") ))
    echo "| zip of $n entries | $ours | $(per $ours $n) per entry | | |"
done
