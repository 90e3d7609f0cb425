#!/usr/bin/env bash
# End to end (issue #13): `learnwire xapi validate --lines` on a JSON Lines file of N statements
# (default 100 000) against
#   - the floor: a program that only runs serde_json::from_slice::<Value> on each line of the same file
#     (xapi/benches/e2e/floor.rs: reads the file with a 64 KiB buffer, nothing else), twice: with the
#     system allocator (the validate bench binary's `floor-lines` mode) and with mimalloc, the allocator
#     of the learnwire binary (the floor_mimalloc bench binary), so the comparison can be made allocator
#     for allocator;
#   - the Learning Locker validator, @learninglocker/xapi-validation 3.0.0 (JSON.parse + validate per
#     line, xapi/benches/learninglocker.js), installed with npm into a temporary directory. Skipped with a
#     message when node or npm is missing or the install fails.
#
#   xapi/benches/e2e.sh [N]
#
# The file is generated at run time into a temporary directory (validate bench, `write-lines` mode): the
# shared corpus' valid single statements in turn (or the bench's generated mix without ../shared/corpus),
# whitespace between tokens removed, one per line. Nothing is copied into the project.
#
# Prints, for each program, whole processes:
#   - CPU time (user + sys) and wall time, the fastest of LEARNWIRE_E2E_RUNS (default 5) interleaved runs,
#     with `uptime` before and after (wall and CPU time move with the machine's load; node against Rust
#     can only be compared in time). LEARNWIRE_E2E_RUNS=0 skips them;
#   - instructions (callgrind, the whole process, nothing subtracted; the load does not move them), for
#     the Rust programs only. LEARNWIRE_E2E_CALLGRIND=0 skips them (they take a minute or two).
# learnwire runs twice: with its default text output (a line per statement, to /dev/null) and with
# --summary (counts only).
#
# Run from anywhere inside the workspace.
set -eu
cd "$(dirname "$0")/../.."
count=${1:-100000}
crate=learnwire-xapi
unit=statements
rate_decimals=0
. testkit/bench/e2e-common.sh
bench=$(binary validate)
mimalloc_floor=$(binary floor_mimalloc)
file=$work/statements.jsonl
LEARNWIRE_XAPI_PROFILE="write-lines:$count:$file" "$bench"

# Learning Locker, when node and npm are there.
node_ok=
if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
    if (cd "$work" && npm install --silent --no-audit --no-fund --prefix "$work/npm" \
        @learninglocker/xapi-validation@3.0.0 >/dev/null 2>&1); then
        node_ok=1
        NODE_PATH=$work/npm/node_modules node xapi/benches/learninglocker.js "$file"
    else
        echo "Learning Locker skipped: npm install @learninglocker/xapi-validation@3.0.0 failed" >&2
    fi
else
    echo "Learning Locker skipped: node or npm is not installed" >&2
fi

"$cli" xapi validate --lines --summary "$file" || true
if [ "$runs" -gt 0 ]; then
    echo "load before: $(uptime)"
    i=0
    while [ "$i" -lt "$runs" ]; do
        timed text "$cli" xapi validate --lines "$file"
        timed summary "$cli" xapi validate --lines --summary "$file"
        timed floor env LEARNWIRE_XAPI_PROFILE="floor-lines:$file" "$bench"
        timed floor-mimalloc env LEARNWIRE_XAPI_FLOOR="$file" "$mimalloc_floor"
        if [ -n "$node_ok" ]; then
            timed ll env NODE_PATH="$work/npm/node_modules" node xapi/benches/learninglocker.js "$file"
        fi
        i=$((i + 1))
    done
    echo "load after: $(uptime)"

    echo "$count statements, $(wc -c <"$file") bytes; fastest of $runs interleaved runs each:"
    floors
    report text "learnwire xapi validate --lines (text output)"
    report summary "learnwire xapi validate --lines --summary"
    report floor "floor: serde_json::from_slice::<Value> per line (system allocator)"
    report floor-mimalloc "floor with mimalloc, as learnwire"
    if [ -n "$node_ok" ]; then
        report ll "Learning Locker 3.0.0: JSON.parse + validate per line (node $(node --version))"
    fi
    if [ -n "$node_ok" ]; then
        set -- $(fastest ll)
        ll_wall=$1
        ll_cpu=$2
        for name in text summary; do
            set -- $(fastest "$name")
            echo "  Learning Locker / learnwire ($name): $(ratio "$ll_cpu" "$2")x in CPU time, $(ratio "$ll_wall" "$1")x in wall time (goal #13: at least 10x)"
        done
    fi
fi

[ "${LEARNWIRE_E2E_CALLGRIND:-1}" = 0 ] && exit 0
text=$(instructions "$cli" xapi validate --lines "$file")
summary=$(instructions "$cli" xapi validate --lines --summary "$file")
floor=$(LEARNWIRE_XAPI_PROFILE="floor-lines:$file" instructions "$bench")
mfloor=$(LEARNWIRE_XAPI_FLOOR="$file" instructions "$mimalloc_floor")
echo "instructions, whole processes (callgrind): learnwire text output $text, --summary $summary; floor $floor (system allocator), $mfloor (mimalloc, as learnwire)"
echo "  learnwire / floor: text output $(ratio "$text" "$floor")x, --summary $(ratio "$summary" "$floor")x; allocator for allocator (mimalloc floor): $(ratio "$text" "$mfloor")x, $(ratio "$summary" "$mfloor")x (goal #13: below 1x)"
