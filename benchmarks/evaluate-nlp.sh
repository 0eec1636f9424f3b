#!/usr/bin/env bash
# Negation precision/recall on the NegEx/ConText gold and recall of Synthea encounters' problems, drugs and
# procedures from their notes (see docs/nlp-quality.md):
#   benchmarks/evaluate-nlp.sh                                  # data in ../shared/data (relative to the repo root)
#   benchmarks/evaluate-nlp.sh --notes 200 --synthea-profiles full,lite
#   benchmarks/evaluate-nlp.sh --write docs/nlp-quality.md      # also rewrite the results part of the doc
# Builds the benchmarks module first if it has not been built (mvn -o -DskipTests package -pl benchmarks -am).
# The full profile needs ~700 MB of heap per engine; one engine is built at a time.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
if [[ ! -f "$root/benchmarks/target/classpath.txt" || ! -f "$root/benchmarks/target/classes/io/annota/bench/eval/NlpEvaluation.class" ]]; then
  (cd "$root" && mvn -B -q -o -DskipTests package -pl benchmarks -am)
fi
cd "$root"
args=("$@")
if [[ " $* " != *" --data "* ]]; then
  args=(--data "$root/../shared/data" "${args[@]}")
fi
exec java -Xmx1500m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "$root/benchmarks/target/classes:$root/benchmarks/target/lib/*:$(cat "$root/benchmarks/target/classpath.txt")" \
  io.annota.bench.eval.NlpEvaluation "${args[@]}"
