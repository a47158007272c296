#!/usr/bin/env bash
# Handshake sessions under a spoofed-id flood (docs/benchmarks.md). Not part of `mvn verify`.
#   bench/session-flood.sh [gate|no-gate] [ids=100000] [ips=100] [rate=2000] [seconds=120]
# Starts one discovery node (its own JVM, as the agent runs it), floods it with valid discv5
# packets from `ids` made-up source ids sent from `ips` loopback addresses at `rate` packets a
# second, and prints the node's RSS and the sessions its library holds once a second.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mode=${1:-gate} ids=${2:-100000} ips=${3:-100} rate=${4:-2000} seconds=${5:-120}
if [[ -z "${JAVA_HOME:-}" ]]; then
  for candidate in /usr/lib/jvm/*25*; do [[ -x "$candidate/bin/java" ]] && JAVA_HOME=$candidate; done
fi
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
mvn -B -q --no-transfer-progress -pl core -am -DskipTests test-compile \
  dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
cp="core/target/test-classes:core/target/classes:$(cat core/target/bench-classpath.txt)"
out=$(mktemp)
java -cp "$cp" io.waypost.core.discovery.SessionFloodBench target "$mode" "$seconds" >"$out" 2>/dev/null &
target=$!
trap 'kill "$target" 2>/dev/null || true; rm -f "$out"' EXIT
until grep -q '^ENR ' "$out"; do
  kill -0 "$target" 2>/dev/null || { echo "the target node did not start" >&2; exit 1; }
  sleep 0.2
done
sleep 5 # a baseline before the flood
java -cp "$cp" io.waypost.core.discovery.SessionFloodBench flood "$(sed -n 's/^ENR //p' "$out")" \
  "$ids" "$ips" "$rate"
wait "$target"
grep '^t=' "$out" | awk 'NR % 5 == 1'
grep '^t=' "$out" | awk -F'[ =]' '$4 + 0 > peak { peak = $4 + 0; line = $0 } END { print "peak RSS: " line }'
