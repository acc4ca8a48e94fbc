#!/usr/bin/env bash
# The plan benchmarks (figures recorded in docs/benchmarks.md): builds the project, runs dev.creact.bench.ReconcilerBench
# (the reconciler and the whole Planner in process, 10,000 and 100,000 nodes, 1% changed) twice -- with
# the JVM's default JIT and GC, and with bin/creact's flags (C1 only, Serial GC) -- then
# bench/plan-vs-terraform.sh (whole-process `creact plan` against `terraform plan`, 1,000 resources, and
# creact on 10 resources). Prints Markdown on stdout (also saved to bench/target/plan-results.md);
# progress on stderr.
#
#   bench/plan.sh                       # everything
#   SKIP_BUILD=1 bench/plan.sh          # use the jars as built
#   RECONCILER_ARGS="--sizes 10000 --runs 10" RUNS=3 bench/plan.sh
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$HERE"
# shellcheck source=../scripts/java-env.sh
. scripts/java-env.sh
creact_find_java || exit 1

if [ -z "${SKIP_BUILD:-}" ]; then
  echo "plan.sh: building (mvn -q -B -DskipTests package)…" >&2
  mvn -q -B -DskipTests package >&2
fi
mkdir -p bench/target
OUT=bench/target/plan-results.md
CP="bench/target/classes:bench/target/lib/*"
# shellcheck disable=SC2206
ARGS=(${RECONCILER_ARGS:---sizes 10000,100000 --warmup 10 --runs 20})

{
  echo "## Plan benchmarks"
  echo
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) CPUs; $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//');" \
    "$("$JAVA_HOME/bin/java" -version 2>&1 | head -1); $(terraform version 2>/dev/null | head -1); load average at start $(cut -d' ' -f1-3 /proc/loadavg)."
  echo
  echo "### Reconciler and Planner, in process"
  echo
  echo "Synthetic CloudDOMs (groups of ten nodes, three levels, 3-5 props each, five 1/10-N-deep dependsOn/reference chains), 1% of nodes changed (70% prop edits, 10% type changes, 10% deletes, 10% adds); first run, then median / p95 / min / max of the timed runs after warm-up. Target: reconcile < 200 ms at 100,000 nodes."
  echo
} | tee "$OUT"

echo "plan.sh: ReconcilerBench, default JVM flags…" >&2
"$JAVA_HOME/bin/java" -cp "$CP" dev.creact.bench.ReconcilerBench "${ARGS[@]}" | tee -a "$OUT"
echo "plan.sh: ReconcilerBench, bin/creact's JVM flags (C1 only, Serial GC)…" >&2
"$JAVA_HOME/bin/java" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp "$CP" dev.creact.bench.ReconcilerBench "${ARGS[@]}" \
  | tail -n +3 | tee -a "$OUT"

{
  echo
  echo "### Whole process: creact plan against terraform plan"
  echo
} | tee -a "$OUT"
bench/plan-vs-terraform.sh | tee -a "$OUT"
echo "plan.sh: results in $OUT" >&2
