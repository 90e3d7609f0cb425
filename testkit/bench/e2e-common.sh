# Shared by lti/benches/e2e.sh and xapi/benches/e2e.sh (issue #13): sourced from the workspace root
# with `crate` (the package whose bench binaries are used), `count` (items in the timed file) and
# `unit` (what an item is called) set. Gives:
#   $runs ($LEARNWIRE_E2E_RUNS, default 5), $work (a temporary directory removed on exit), $cli (the
#   release learnwire, built), binary NAME (the path of the crate's bench binary NAME, built);
#   timed NAME COMMAND... (one run, "wall cpu" appended to $work/times.NAME), fastest NAME ("wall cpu");
#   ratio A B, rate SECONDS (thousands of $count per second, $rate_decimals decimals, default 1);
#   floors (the fastest of the `floor` and `floor-mimalloc` runs into floor_wall, floor_cpu,
#   mfloor_wall, mfloor_cpu), report NAME WHAT [GOAL] (one program's line against both floors);
#   instructions COMMAND... (whole-process callgrind count; LEARNWIRE_E2E_PROFILES=DIR keeps the
#   callgrind files there, for callgrind_annotate).
# bash only (`local`, `time`).

runs=${LEARNWIRE_E2E_RUNS:-5}
target=${CARGO_TARGET_DIR:-target}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cargo build --release -p learnwire-cli >/dev/null 2>&1 || cargo build --release -p learnwire-cli
cli=$target/release/learnwire
binary() {
    cargo bench -p "$crate" --bench "$1" --no-run 2>&1 |
        sed -n "s/.*Executable benches\/$1.rs (\(.*\))/\1/p"
}

# One timed run (bash's time: milliseconds, the child's user and sys): appends "wall cpu" to
# $work/times.$1.
TIMEFORMAT='%3R %3U %3S'
timed() {
    local name=$1
    shift
    { time "$@" >/dev/null 2>"$work/stderr"; } 2>"$work/time" || true
    awk '{ printf "%s %.3f\n", $1, $2 + $3 }' "$work/time" >>"$work/times.$name"
}
# Fastest wall and fastest CPU of a program's runs: "wall cpu".
fastest() {
    sort -n "$work/times.$1" | head -1 | cut -d' ' -f1 | tr '\n' ' '
    sort -k2 -n "$work/times.$1" | head -1 | cut -d' ' -f2
}
ratio() { awk "BEGIN { printf \"%.2f\", $1 / $2 }"; }
rate() { awk "BEGIN { printf \"%.${rate_decimals:-1}fk\", $count / $1 / 1000 }"; }

floors() {
    set -- $(fastest floor)
    floor_wall=$1
    floor_cpu=$2
    set -- $(fastest floor-mimalloc)
    mfloor_wall=$1
    mfloor_cpu=$2
}
report() {
    local what=$2 goal=${3:-}
    set -- $(fastest "$1")
    echo "  $what: CPU $2 s ($(rate "$2") $unit/s), wall $1 s ($(rate "$1")/s); $(ratio "$2" "$floor_cpu")x the floor's CPU time, $(ratio "$1" "$floor_wall")x its wall time; $(ratio "$2" "$mfloor_cpu")x and $(ratio "$1" "$mfloor_wall")x the mimalloc floor's$goal"
}

profiles=${LEARNWIRE_E2E_PROFILES:-$work}
# Instructions of one whole process under callgrind (the largest count reported, the process itself).
instructions() {
    valgrind --tool=callgrind --callgrind-out-file="$profiles/callgrind.%p" "$@" >/dev/null 2>"$work/log" || true
    sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$work/log" | sort -n | tail -1
}
