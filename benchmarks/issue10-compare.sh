#!/usr/bin/env bash
# Issue 10: the caller cost and throughput before (c7d3223, before the reshaping) and after (c6f126a), alternating
# jars in one run. BEFORE/AFTER are JMH jars (benchmarks/jmh/target/benchmarks.jar) built in a worktree of each
# commit against its own installed artifacts (-Dmaven.repo.local=<its own repo>; see docs/benchmarks.md).
set -euo pipefail
before="${BEFORE:-/work/bench-before.jar}"; after="${AFTER:-/work/bench-after.jar}"
out="${OUT:-/work/main/benchmarks/results/issue10-compare}"; mkdir -p "$out"
rounds="${ROUNDS:-2}"
for r in $(seq 1 "$rounds"); do
  for side in before after; do
    jar=$before; extra=(); [[ $side == after ]] && { jar=$after; extra=(-p transport=http); }
    java -jar "$jar" 'CallerCostBenchmark.trackweave(TrackOnly|CaptureAndTrack)_1thread' -p pipeline=idle "${extra[@]}" \
      -wi 2 -i 4 -f 1 -prof gc -rf json -rff "$out/caller-$side-$r.json" > "$out/caller-$side-$r.txt"
    java -jar "$jar" 'LoadBenchmark.track' -p spool=off -wi 1 -i 3 -f 1 -bm thrpt \
      -rf json -rff "$out/load-$side-$r.json" > "$out/load-$side-$r.txt"
  done
done
