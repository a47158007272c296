#!/usr/bin/env bash
# Console cold start: JVM start to the window's first frame, and the heap, in fresh JVMs.
# Runs on JavaFX's headless platform (software rendering), as the UI tests do.
# Usage: bench/console.sh [runs]   (default 5)
#        bench/console.sh table    the Discovery screen: 10,000 nodes, 200 verdict changes/s through
#                                  the session's verdict stream; pulse times, heap
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source tools/find-jdk.sh
JAVA_HOME=$(find_jdk)
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
build_log=$(mktemp)
trap 'rm -f "$build_log"' EXIT
if ! mvn -B -q --no-transfer-progress -pl app -am -DskipTests package dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >"$build_log" 2>&1; then
  cat "$build_log" >&2
  echo "bench/console.sh: the build failed (above); nothing was measured" >&2
  exit 1
fi
cp="app/target/test-classes:app/target/classes:$(cat app/target/bench.classpath)"
run() {
  java --enable-native-access=ALL-UNNAMED -Dwaypost.contracts.dir=contracts \
    -Dglass.platform=Headless -Dprism.order=sw -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -cp "$cp" "$@"
}
if [[ "${1:-}" == table ]]; then
  run 'io.waypost.app.console.discovery.DiscoveryTableBenchmark$Main' |
    grep -E '^(NODES|PULSE|FX_APPLY|FRAME|CHANGE_TO_TABLE|HEAP)'
  exit 0
fi
for _ in $(seq "${1:-5}"); do
  run 'io.waypost.app.bench.ConsoleStartBenchmark$Main' | grep FIRST_FRAME
done
