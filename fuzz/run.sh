#!/usr/bin/env bash
# Runs fuzz targets and prints the executions each made.
#
#   ./run.sh [--time SECONDS | --runs N] [TARGET...]
#
# --time SECONDS  stop each target after SECONDS (libFuzzer -max_total_time; default 30)
# --runs N        stop each target after N executions (libFuzzer -runs=N)
# TARGET...       the targets to run (default: every [[bin]] of Cargo.toml)
#
# The old form `./run.sh SECONDS` still works. Exits 1 when a target crashed or failed to build.
set -euo pipefail
cd "$(dirname "$0")"

limit=(-max_total_time=30)
what="30s"
targets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --time) limit=(-max_total_time="$2"); what="$2s"; shift 2 ;;
    --runs) limit=(-runs="$2"); what="runs=$2"; shift 2 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    [0-9]*) limit=(-max_total_time="$1"); what="$1s"; shift ;;
    *) targets+=("$1"); shift ;;
  esac
done
if [ ${#targets[@]} -eq 0 ]; then
  mapfile -t targets < <(sed -n 's/^name = "\(.*\)"$/\1/p' Cargo.toml | grep -v '^learnwire-fuzz$')
fi

toolchain=+nightly
rustup toolchain list 2>/dev/null | grep -q nightly || toolchain=""
mkdir -p artifacts
failed=0
for target in "${targets[@]}"; do
  mkdir -p "corpus/$target"
  log="artifacts/$target.log"
  if cargo $toolchain fuzz run "$target" "corpus/$target" "seeds/$target" -- \
      "${limit[@]}" -rss_limit_mb=2048 -print_final_stats=1 >"$log" 2>&1; then
    runs=$(awk '/^stat::number_of_executed_units/ {print $2}' "$log" | tail -n 1)
    corpus=$(find "corpus/$target" -type f | wc -l)
    echo "$target: ${runs:-?} executions ($what), corpus $corpus files, no crash"
  else
    echo "$target: FAILED (see fuzz/$log)"
    failed=1
  fi
done
exit "$failed"
