#!/usr/bin/env bash
# Time to ready of a Spring Boot web application without and with trackweave-spring-boot-starter.
# Usage: benchmarks/spring-boot-startup/run.sh [runs] [extra maven args, e.g. -Dmaven.repo.local=/tmp/m2]
# Needs the Trackweave build installed (mvn -B -q install -DskipTests). Runs alternate, so drift hits both.
set -euo pipefail
cd "$(dirname "$0")"
runs="${1:-15}"; shift || true
mvn -B -q package -DskipTests "$@"
mvn -B -q package -DskipTests -Ptrackweave "$@"
# the starter's runtime really starts (threads, HTTP client); nothing is sent during start-up
args=(--server.port=0 --trackweave.endpoint=http://127.0.0.1:9 --trackweave.site.id=bench
      --trackweave.api.key=bench --trackweave.spool.enabled=false)
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
for jar in plain trackweave; do java -Dbench.exit=true -jar "target/startup-$jar.jar" "${args[@]}" >/dev/null; done  # warm the page cache
declare -A wall=([plain]="" [trackweave]="") cpu=([plain]="" [trackweave]="")
for ((i = 1; i <= runs; i++)); do
  for jar in plain trackweave; do
    read -r w c < <(java -Dbench.exit=true -jar "target/startup-$jar.jar" "${args[@]}" | sed -n 's/^READY_MS \([0-9]*\) CPU_MS \([0-9]*\)/\1 \2/p')
    wall[$jar]+="$w "; cpu[$jar]+="$c "
  done
done
stats() { printf '%s\n' $2 | sort -n | awk -v name="$1" '{a[NR]=$1; s+=$1} END {
  printf "%-24s n=%d median=%d ms mean=%.0f ms min=%d max=%d\n", name, NR, (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2), s/NR, a[1], a[NR]}'; }
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
for jar in plain trackweave; do
  stats "$jar wall to ready" "${wall[$jar]}"
  stats "$jar CPU to ready" "${cpu[$jar]}"
done
