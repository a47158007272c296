#!/usr/bin/env bash
# TopDisc at network scale, simulated (docs/benchmarks.md, "TopDisc at network scale").
# Not part of `mvn verify`. One scenario per call; prints a summary and a Markdown table row:
#   bench/topdisc-sim.sh cost    N advertiser-share seed          e.g. cost 10000 0.01 1
#   bench/topdisc-sim.sh churn   N advertiser-share offline-share seed
#   bench/topdisc-sim.sh load    N popular-advertisers rare-advertisers seed
#   bench/topdisc-sim.sh eclipse N malicious-share per-ip spoof|honest-ip new|old seed
# The production topic classes (Registrar, Advertiser, TopicSearch, EnrWalkSearch) run on virtual
# time over a simulated WAN; see core/src/test/java/io/waypost/core/discovery/sim/.
# TOPDISC_SIM_SKIP_BUILD=1 reuses the last build. Needs a JDK 25 (as ./waypost finds one).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if [[ -z "${JAVA_HOME:-}" ]]; then
  for candidate in /usr/lib/jvm/*25*; do [[ -x "$candidate/bin/java" ]] && JAVA_HOME=$candidate; done
fi
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
if [[ -z "${TOPDISC_SIM_SKIP_BUILD:-}" || ! -f core/target/bench-classpath.txt ]]; then
  mvn -B -q --no-transfer-progress -pl core -am -DskipTests test-compile \
    dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
fi
cp="core/target/test-classes:core/target/classes:$(cat core/target/bench-classpath.txt)"
# One JVM, one thread of virtual time; the heap holds every node's record, table and ad cache.
exec java -Xmx8g -XX:+UseParallelGC -cp "$cp" io.waypost.core.discovery.sim.TopDiscBench "$@"
