#!/bin/sh
# Instruction counts (callgrind: load-independent, unlike wall time) of RS256 verification of an
# LTI-sized token: learnwire-jose (strict read, key chosen by kid, signature, strict JSON claims) and
# jsonwebtoken::decode, each against the floor, aws-lc-rs alone verifying the signature over the
# signing input (key parsed once, signature decoded).
#
#   jose/benches/instructions.sh
#
# The key is generated once, natively, then every run reads it. Each verification runs 200 times; its
# count is (run - the same run's set-up alone) / 200. Needs valgrind. Run from anywhere in the workspace.
set -eu
cd "$(dirname "$0")/../.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bench=$(cargo bench -p learnwire-jose --bench verify --no-run 2>&1 |
    sed -n 's/.*Executable benches\/verify.rs (\(.*\))/\1/p')
LEARNWIRE_JOSE_PROFILE="write-key:$work/key.pem" "$bench"
count() {
    LEARNWIRE_JOSE_PROFILE=$1 LEARNWIRE_JOSE_KEY="$work/key.pem" \
        valgrind --tool=callgrind --callgrind-out-file="$work/callgrind.%p" "$bench" >/dev/null 2>"$work/log" ||
        { cat "$work/log" >&2; exit 1; }
    sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$work/log" | sort -n | tail -1
}
ratio() { awk "BEGIN { printf \"%.2f\", $1 / $2 }"; }
per() { awk "BEGIN { printf \"%.0f\", $1 / $2 }"; }
none=$(count none)
ours=$(per $(( $(count ours) - none )) 200)
jwt=$(per $(( $(count jsonwebtoken) - none )) 200)
raw=$(per $(( $(count raw) - none )) 200)
echo "one verification: learnwire-jose $ours instructions ($(ratio $ours $raw)x the floor), jsonwebtoken::decode $jwt ($(ratio $jwt $raw)x), aws-lc-rs verify_sig $raw"
