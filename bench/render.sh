#!/usr/bin/env bash
# The render benchmark of the engine foundation (docs/benchmarks.md, "Render (engine foundation)").
# Builds the project (bench module included, with the Graal compiler jar for the JIT variant), builds
# bin/creact's jar, then runs dev.creact.bench.RenderBench, which prints Markdown tables on stdout
# (also saved to bench/target/render-results.md). Progress goes to stderr.
#
#   bench/render.sh                                   # everything: sizes 10,1000,10000; interp and JIT
#   bench/render.sh --variants interp --skip process  # any RenderBench option, passed through
#
# Options (RenderBench): --sizes 10,1000,10000  --warm-sizes 1000,10000  --warmup 20  --iterations 30
#   --cold-runs 5  --variants interp,jit[,jit-throughput]  --skip warm,cold,process,phases  --work DIR
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$HERE"
# shellcheck source=../scripts/java-env.sh
. scripts/java-env.sh
creact_find_java || exit 1

echo "render.sh: building (mvn -q -DskipTests package)…" >&2
mvn -q -B -DskipTests package >&2
# bin/creact rebuilds its jar when sources are newer; make it do so now, not during a measurement.
bin/creact --help >/dev/null 2>&1 || true

mkdir -p bench/target
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
  -cp "bench/target/classes:bench/target/lib/*" dev.creact.bench.RenderBench \
  --work bench/target/stacks --lib bench/target/lib --jit-dir bench/target/jit \
  --classes bench/target/classes --creact bin/creact "$@" | tee bench/target/render-results.md
