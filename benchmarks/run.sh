#!/usr/bin/env bash
# Builds the JMH jar and runs Trackweave's benchmarks (see docs/benchmarks.md).
#
#   benchmarks/run.sh [all|caller|caller-transports|e2e|compile|hotpath|startup|load] [more JMH options...]
#   benchmarks/run.sh compile-compare [warmRounds] [coldRounds]   (issue 11: alternating, medians; not JMH)
#   benchmarks/run.sh startup-compare [rounds] [withOtel]          (issue 11: alternating, medians; not JMH)
#     (STARTUP_JAVA_OPTS=-Dtrackweave.bench.agent.before.jar=<older agent jar> adds it to the alternation)
#
# Needs trackweave-annotations, -runtime, -processor and -kafka (with its test jar) installed in ~/.m2 and
# agent/target/trackweave-agent.jar (mvn -B -q -pl agent,kafka -am install -DskipTests).
# MVN_ARGS is passed to the build, e.g. MVN_ARGS=-Dmaven.repo.local=/path/to/repo for a private repository.
# JAVA=/path/to/bin/java picks the JDK (the forks and child JVMs use the same one).
# Results: benchmarks/results/<group>.json (JMH's JSON) and <group>.txt (console), summarised as
# markdown by benchmarks/report.py.
set -euo pipefail
cd "$(dirname "$0")/.."
group="${1:-all}"
shift || true
java_bin="${JAVA:-java}"

mvn -B -q ${MVN_ARGS:-} -f benchmarks/pom.xml -Pstartup-peers package -DskipTests
# snapshot the agent jar, so a concurrent agent build cannot swap it in the middle of a run
if [[ -f agent/target/trackweave-agent.jar ]]; then
  cp agent/target/trackweave-agent.jar benchmarks/jmh/target/agents/trackweave-agent.jar
fi

mkdir -p benchmarks/results
jar=benchmarks/jmh/target/benchmarks.jar
case "$group" in
  compile-compare)
    "$java_bin" -Xms1g -Xmx1g -cp "$jar" io.trackweave.bench.compile.CompileComparison "$@" | tee benchmarks/results/compile-compare.txt
    exit 0 ;;
  startup-compare)
    "$java_bin" ${STARTUP_JAVA_OPTS:-} -cp "$jar" io.trackweave.bench.startup.StartupComparison "$@" | tee benchmarks/results/startup-compare.txt
    exit 0 ;;
esac

case "$group" in
  caller)  select=(CallerCostBenchmark -prof gc) ;;
  # issue 13: Trackweave's caller cost with transport=http and transport=kafka, side by side (no Segment)
  caller-transports) select=('CallerCostBenchmark\.trackweave' -prof gc) ;;
  e2e)     select=(EndToEndBenchmark) ;;
  compile) select=(ProcessorCompileBenchmark) ;;
  hotpath) select=(AgentHotPathBenchmark -prof gc) ;;
  startup) select=(AgentStartupBenchmark) ;;
  load)    select=(LoadBenchmark) ;;
  all)     select=(-prof gc) ;;
  *) echo "unknown group '$group': all, caller, caller-transports, e2e, compile, hotpath, startup or load" >&2; exit 2 ;;
esac

mkdir -p benchmarks/results
"$java_bin" -jar benchmarks/jmh/target/benchmarks.jar "${select[@]}" \
  -rf json -rff "benchmarks/results/$group.json" "$@" | tee "benchmarks/results/$group.txt"
python3 benchmarks/report.py "benchmarks/results/$group.json"
