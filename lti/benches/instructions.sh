#!/bin/sh
# Instruction counts (callgrind: load-independent, unlike wall time) of LTI launch verification.
#
#   lti/benches/instructions.sh           LaunchVerifier::verify_id_token vs jsonwebtoken::decode of the
#                                         same token (verify_launch bench's token, about 3 KB)
#   lti/benches/instructions.sh --growth  one verification against key sets of 1, 10 and 100 keys
#
# Keys are generated once, natively, into a temporary directory (RSA key generation is slow under
# callgrind and its cost varies), then every run reads them. Each workload runs 200 times; its count is
# (run - the same run's set-up alone) / 200 (the set-up signs and reads keys, whose cost varies a little from run to run). Needs valgrind. Run from anywhere inside the workspace.
set -eu
cd "$(dirname "$0")/../.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

binary() {
    cargo bench -p learnwire-lti --bench "$1" --no-run 2>&1 |
        sed -n "s/.*Executable benches\/$1.rs (\(.*\))/\1/p"
}
count() {
    LEARNWIRE_LTI_PROFILE=$2 LEARNWIRE_LTI_KEYS="$work" LEARNWIRE_LTI_KEY="$work/key0.pem" \
        valgrind --tool=callgrind --callgrind-out-file="$work/callgrind.%p" "$1" >/dev/null 2>"$work/log" ||
        { cat "$work/log" >&2; exit 1; }
    sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$work/log" | sort -n | tail -1
}
ratio() { awk "BEGIN { printf \"%.2f\", $1 / $2 }"; }
per() { awk "BEGIN { printf \"%.0f\", $1 / $2 }"; }

growth=$(binary growth)
LEARNWIRE_LTI_PROFILE="write-keys:$work" "$growth"

if [ "${1:-}" = "--growth" ]; then
    echo "| key set | instructions per verification | vs 1 key |"
    echo "|---|---|---|"
    one=
    for n in 1 10 100; do
        each=$(per $(( $(count "$growth" "verify:$n") - $(count "$growth" "setup:$n") )) 200)
        one=${one:-$each}
        echo "| $n keys | $each | $(ratio $each $one)x |"
    done
    exit 0
fi

bench=$(binary verify_launch)
none=$(count "$bench" none)
ours=$(per $(( $(count "$bench" launch) - none )) 200)
floor=$(per $(( $(count "$bench" jsonwebtoken) - none )) 200)
echo "one launch: verify_id_token $ours instructions, jsonwebtoken::decode $floor: $(ratio $ours $floor)x the floor"
