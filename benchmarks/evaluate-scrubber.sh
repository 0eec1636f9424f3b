#!/usr/bin/env bash
# Span recall/precision per PHI type and throughput of the free-text scrubber, on presidio-research's synthetic
# sentences, on Synthea's notes and on the PhysioNet deid development notes (real ICU notes, beside deid.pl), and
# on request the clinical damage (cTAKES mentions lost by scrubbing); see docs/privacy.md, "Text scrubber quality":
#   benchmarks/evaluate-scrubber.sh                         # data in ../shared/data (relative to the repo root)
#   benchmarks/evaluate-scrubber.sh --data /path/to/data --seconds 5 --misses
#   benchmarks/evaluate-scrubber.sh --sets physionet --damage [--damage-profile full] [--damage-notes 300]
#   benchmarks/evaluate-scrubber.sh --sets physionet --write-spans /tmp/spans.jsonl   # for score_phi_spans.py
# The PhysioNet notes are GPL and for evaluation only: read at run time, never copied into the repository.
# Builds the benchmarks module first if it has not been built (mvn -o -DskipTests package -pl benchmarks -am).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
if [[ ! -f "$root/benchmarks/target/classpath.txt" || ! -f "$root/benchmarks/target/classes/io/annota/bench/eval/ScrubberEvaluation.class" ]]; then
  (cd "$root" && mvn -B -q -o -DskipTests package -pl benchmarks -am)
fi
cd "$root"
args=("$@")
if [[ " $* " != *" --data "* ]]; then
  args=(--data "$root/../shared/data" "${args[@]}")
fi
exec java -cp "$root/benchmarks/target/classes:$root/benchmarks/target/lib/*:$(cat "$root/benchmarks/target/classpath.txt")" \
  io.annota.bench.eval.ScrubberEvaluation "${args[@]}"
