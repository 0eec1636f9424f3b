#!/usr/bin/env bash
# The standard benchmark suite (see docs/benchmarks.md): builds, runs the JMH pairs, starts the server jar on free
# ports with a temporary data directory, replays generated and sample feeds into it, stops it and rewrites the
# results part of docs/benchmarks.md. About 13 minutes on 2 cores.
#
#   benchmarks/run-suite.sh                 the standard suite
#   benchmarks/run-suite.sh --quick         shortened settings, proves the suite works (figures not comparable)
#   benchmarks/run-suite.sh --only hl7,mllp-adt
#   benchmarks/run-suite.sh --no-build ...  reuse the last build
# Other options go to io.annota.bench.suite.Suite (--out DIR, --doc FILE, --server-heap 2g, --hl7-files DIR).
set -euo pipefail
cd "$(dirname "$0")/.."

build=1
args=()
for arg in "$@"; do
  case "$arg" in
    --no-build) build=0 ;;
    *) args+=("$arg") ;;
  esac
done

if [[ $build == 1 ]]; then
  echo "== Building (mvn -B -q -DskipTests package -pl benchmarks -am)"
  mvn -B -q -DskipTests package -pl benchmarks -am
fi

exec java -Xmx1g -cp "benchmarks/target/classes:benchmarks/target/lib/*:$(cat benchmarks/target/classpath.txt)" \
  io.annota.bench.suite.Suite --command "benchmarks/run-suite.sh${*:+ $*}" "${args[@]+"${args[@]}"}"
