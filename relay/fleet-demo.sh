#!/usr/bin/env bash
# The fleet demo in one command (README, "Scale out"): builds, then runs a real Kafka broker, the Track API
# emulator, two relays and three shop services publishing with transport=kafka; kills one relay halfway;
# prints what arrived and keeps the emulator's activity page up until Ctrl-C.
#   relay/fleet-demo.sh [port]      (default 8098)
set -euo pipefail
cd "$(dirname "$0")/.."
exec mvn -B -q -DskipTests -Pfleet-demo -pl relay -am verify -Dfleet.demo.port="${1:-8098}"
