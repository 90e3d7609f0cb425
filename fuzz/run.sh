#!/usr/bin/env bash
# Runs every fuzz target for the given number of seconds (default 30) and prints the executions each made.
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-30}
toolchain=+nightly
rustup toolchain list | grep -q nightly || toolchain=""
for target in $(sed -n 's/^name = "\(.*\)"$/\1/p' Cargo.toml | grep -v '^learnwire-fuzz$'); do
  mkdir -p "corpus/$target"
  log="artifacts/$target.log"
  mkdir -p artifacts
  cargo $toolchain fuzz run "$target" "corpus/$target" "seeds/$target" -- \
    -max_total_time="$seconds" -rss_limit_mb=2048 -print_final_stats=1 >"$log" 2>&1 || {
      echo "$target: FAILED (see fuzz/$log)"; continue; }
  runs=$(grep -E '^stat::number_of_executed_units' "$log" | awk '{print $2}')
  echo "$target: ${runs:-?} executions in ${seconds}s, no crash"
done
