#!/usr/bin/env bash
# Core benchmarks on a real anvil: devnet cold boot, indexing 1,000 / 5,000 / 10,000 nodes, and
# verifying 1,000 discovered nodes (local index, batch view, naive), and stopping the devnet's
# discovery network (parallel against one by one), and encrypted requests on loopback.
# Usage: bench/core.sh [boot|index|verify|stop|request] [args...]   (no argument: all)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source tools/find-jdk.sh
JAVA_HOME=$(find_jdk)
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
mvn -B -q --no-transfer-progress -pl core -am -DskipTests package dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >target-bench-build.log \
  || { echo "bench: the build failed, see target-bench-build.log" >&2; exit 1; }
rm -f target-bench-build.log
cp="core/target/test-classes:core/target/classes:$(cat core/target/bench.classpath)"
run() { java --enable-native-access=ALL-UNNAMED -Dwaypost.contracts.dir=contracts -cp "$cp" "$@"; }
case "${1:-all}" in
  boot) shift; run io.waypost.core.bench.DevnetBootBenchmark "$@" ;;
  index) shift; run io.waypost.core.bench.IndexBenchmark "$@" ;;
  verify) shift; run io.waypost.core.bench.VerifyBenchmark "$@" ;;
  stop) shift; run io.waypost.core.bench.DiscoveryStopBenchmark "$@" ;;
  request) shift; run io.waypost.core.bench.RequestBenchmark "$@" ;;
  *) run io.waypost.core.bench.DevnetBootBenchmark; run io.waypost.core.bench.IndexBenchmark
     run io.waypost.core.bench.VerifyBenchmark; run io.waypost.core.bench.DiscoveryStopBenchmark
     run io.waypost.core.bench.RequestBenchmark ;;
esac
