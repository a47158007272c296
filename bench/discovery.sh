#!/usr/bin/env bash
# Discovery benchmarks (docs/benchmarks.md, "Discovery"). Not part of `mvn verify`.
#   bench/discovery.sh [nodes=200] [advertisers=10] [runs=9] [ad-lifetime-seconds=20] [settle-seconds=3E+30]
# Runs the loopback network benchmark (topic query vs ENR-entry random walk), then the registrar
# at full capacity. Builds core's test classes first; needs a JDK 25 (as ./waypost finds one).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if [[ -z "${JAVA_HOME:-}" ]]; then
  for candidate in /usr/lib/jvm/*25*; do [[ -x "$candidate/bin/java" ]] && JAVA_HOME=$candidate; done
fi
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
mvn -B -q --no-transfer-progress -pl core -am -DskipTests test-compile \
  dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
cp="core/target/test-classes:core/target/classes:$(cat core/target/bench-classpath.txt)"
# Many nodes in one JVM: each has its own Netty loop and schedulers.
java -Xmx8g -cp "$cp" io.waypost.core.discovery.bench.DiscoveryBenchmark "$@"
java -Xmx2g -cp "$cp" io.waypost.core.discovery.bench.RegistrarBenchmark
