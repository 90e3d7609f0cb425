#!/usr/bin/env bash
# End to end (issue #13): `learnwire lti verify --lines` (as a tool, RS256, no --nonce) on a file of N
# launches (default 20 000) against a program that only calls `jsonwebtoken::decode` on each line of the
# same file (lti/benches/e2e/floor.rs: one key read from the same JWKS, then RS256 with iss, aud and exp
# checked, claims into a Map<String, Value>), twice: with the system allocator (the verify_launch bench
# binary's `decode-lines` mode) and with mimalloc, the allocator of the learnwire binary (the
# floor_mimalloc bench binary), so the comparison can be made allocator for allocator.
#
#   lti/benches/e2e.sh [N [N_CALLGRIND]]
#
# The launches are generated at run time into a temporary directory (verify_launch bench,
# `write-launches` mode: the bench's 3 KB launch with its own sub and nonce, 100 distinct tokens in turn,
# signed by one RSA-2048 key made by `learnwire lti keygen`, issued now, valid for a day), with the
# platform's jwks.json beside them.
#
# Prints, whole processes:
#   - CPU time (user + sys) and wall time, the fastest of LEARNWIRE_E2E_RUNS (default 5) interleaved runs,
#     with `uptime` before and after (time moves with the machine's load). LEARNWIRE_E2E_RUNS=0 skips them;
#   - instructions (callgrind, the whole process, nothing subtracted; the load does not move them) on a
#     second file of N_CALLGRIND launches (default 2 000: an RS256 verification is about 0.5M instructions
#     and callgrind runs some 50x slower than the machine). LEARNWIRE_E2E_CALLGRIND=0 skips them.
# learnwire prints its default text output (a line per launch) to /dev/null.
#
# Run from anywhere inside the workspace.
set -eu
cd "$(dirname "$0")/../.."
count=${1:-20000}
small=${2:-2000}
crate=learnwire-lti
unit=launches
. testkit/bench/e2e-common.sh
bench=$(binary verify_launch)
mimalloc_floor=$(binary floor_mimalloc)
mkdir "$work/full" "$work/small"
# One key for both files (RSA public-key arithmetic runs in variable time: another key of the same size
# moves the counts by a few per cent).
"$cli" lti keygen --kid lw-platform-2023-01 --out "$work/key" >/dev/null
export LEARNWIRE_LTI_KEY=$work/key/private.pem
LEARNWIRE_LTI_PROFILE="write-launches:$count:$work/full" "$bench"

# learnwire lti verify on directory $1's launches.
verify() {
    "$cli" lti verify --jwks "$1/jwks.json" --issuer https://platform.example.edu --client-id client-1 \
        --lines "$1/launches.jwt"
}
if [ "$runs" -gt 0 ]; then
    verify "$work/full" | tail -1
    LEARNWIRE_LTI_PROFILE="decode-lines:$work/full" "$bench"
    echo "load before: $(uptime)"
    i=0
    while [ "$i" -lt "$runs" ]; do
        timed ours verify "$work/full"
        timed floor env LEARNWIRE_LTI_PROFILE="decode-lines:$work/full" "$bench"
        timed floor-mimalloc env LEARNWIRE_LTI_FLOOR="$work/full" "$mimalloc_floor"
        i=$((i + 1))
    done
    echo "load after: $(uptime)"

    echo "$count launches, $(wc -c <"$work/full/launches.jwt") bytes; fastest of $runs interleaved runs each:"
    floors
    report ours "learnwire lti verify --lines" " (goal #13: at most 1.1x)"
    report floor "floor: jsonwebtoken::decode per line (system allocator)"
    report floor-mimalloc "floor with mimalloc, as learnwire"
fi

[ "${LEARNWIRE_E2E_CALLGRIND:-1}" = 0 ] && exit 0
LEARNWIRE_LTI_PROFILE="write-launches:$small:$work/small" "$bench"
ours=$(instructions "$cli" lti verify --jwks "$work/small/jwks.json" --issuer https://platform.example.edu \
    --client-id client-1 --lines "$work/small/launches.jwt")
floor=$(LEARNWIRE_LTI_PROFILE="decode-lines:$work/small" instructions "$bench")
mfloor=$(LEARNWIRE_LTI_FLOOR="$work/small" instructions "$mimalloc_floor")
echo "instructions, whole processes (callgrind), $small launches: learnwire lti verify --lines $ours; floor $floor (system allocator): $(ratio "$ours" "$floor")x; floor $mfloor (mimalloc, as learnwire): $(ratio "$ours" "$mfloor")x (goal #13: at most 1.1x)"
