#!/usr/bin/env bash
# Builds the JMH jar and runs Trackweave's benchmarks (see docs/benchmarks.md).
#
#   benchmarks/run.sh [all|caller|e2e|compile|hotpath|startup|load] [more JMH options...]
#   benchmarks/run.sh compile-compare [warmRounds] [coldRounds]   (issue 11: alternating, medians; not JMH)
#   benchmarks/run.sh startup-compare [rounds] [withOtel]          (issue 11: alternating, medians; not JMH)
#
# Needs trackweave-annotations, -runtime and -processor installed in ~/.m2 and agent/target/trackweave-agent.jar
# (mvn -B -q -pl annotations,plan,processor,runtime install -DskipTests; mvn -B -q -pl agent package -DskipTests).
# JAVA=/path/to/bin/java picks the JDK (the forks and child JVMs use the same one).
# Results: benchmarks/results/<group>.json (JMH's JSON) and <group>.txt (console), summarised as
# markdown by benchmarks/report.py.
set -euo pipefail
cd "$(dirname "$0")/.."
group="${1:-all}"
shift || true
java_bin="${JAVA:-java}"

mvn -B -q -f benchmarks/pom.xml -Pstartup-peers package -DskipTests
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
    "$java_bin" -cp "$jar" io.trackweave.bench.startup.StartupComparison "$@" | tee benchmarks/results/startup-compare.txt
    exit 0 ;;
esac

case "$group" in
  caller)  select=(CallerCostBenchmark -prof gc) ;;
  e2e)     select=(EndToEndBenchmark) ;;
  compile) select=(ProcessorCompileBenchmark) ;;
  hotpath) select=(AgentHotPathBenchmark -prof gc) ;;
  startup) select=(AgentStartupBenchmark) ;;
  load)    select=(LoadBenchmark) ;;
  all)     select=(-prof gc) ;;
  *) echo "unknown group '$group': all, caller, e2e, compile, hotpath, startup or load" >&2; exit 2 ;;
esac

mkdir -p benchmarks/results
"$java_bin" -jar benchmarks/jmh/target/benchmarks.jar "${select[@]}" \
  -rf json -rff "benchmarks/results/$group.json" "$@" | tee "benchmarks/results/$group.txt"
python3 benchmarks/report.py "benchmarks/results/$group.json"
