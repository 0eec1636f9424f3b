#!/usr/bin/env bash
# Replays a feed into a running Annota and prints throughput, latency percentiles, outcomes and server CPU/RSS:
#   benchmarks/replay.sh mllp --port 2575 --connections 4 --messages 2000 --generated --seed 42
#   benchmarks/replay.sh mllp --port 2575 --files '../shared/data/hl7v2/**'
#   benchmarks/replay.sh fhir --base http://localhost:8080/fhir --clients 2 --bundles 200 --json out.json
# Needs a build first: mvn -B -DskipTests package -pl benchmarks -am
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
exec java -cp "$root/benchmarks/target/classes:$root/benchmarks/target/lib/*:$(cat "$root/benchmarks/target/classpath.txt")" \
  io.annota.bench.ReplayDriver "$@"
