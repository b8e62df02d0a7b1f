#!/usr/bin/env bash
# Events/s through producer -> Kafka -> trackweave-relay -> Track API emulator, with one relay and with two
# (docs/benchmarks.md, "Relay"). A real KRaft broker in its own JVM; producer and relays are child JVMs.
#
#   benchmarks/relay.sh            # 200,000 events per run
#   EVENTS=50000 benchmarks/relay.sh
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -pl relay -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=RelayThroughputBenchmark -Dfailsafe.failIfNoSpecifiedTests=false \
  -DargLine="-Dbench.events=${EVENTS:-200000}"
sed -n '/RELAY BENCHMARK/,/^$/p' relay/target/failsafe-reports/io.trackweave.relay.RelayThroughputBenchmark-output.txt 2>/dev/null \
  || grep -A6 "RELAY BENCHMARK" relay/target/failsafe-reports/TEST-io.trackweave.relay.RelayThroughputBenchmark.xml
