#!/usr/bin/env bash
# The render benchmark of the engine foundation (docs/benchmarks.md, "Render (engine foundation)").
# Builds the project (bench module included, with the Graal compiler jar for the JIT variant), builds
# bin/creact's jar, then runs dev.creact.bench.RenderBench, which prints Markdown tables on stdout
# (also saved to bench/target/render-results.md). Progress goes to stderr.
#
#   bench/render.sh                                   # everything: sizes 10,1000,10000; interp and JIT
#   bench/render.sh --variants interp --skip process  # any RenderBench option, passed through
#   bench/render.sh --no-build ...                    # use what is built (the tree is mid-edit)
#
# The whole-process runs use a snapshot of bin/creact and its jar (bench/target/cli-snapshot), so that
# edits to engine/ or cli/ during the run do not make bin/creact rebuild (or fail) mid-measurement.
#
# Options (RenderBench): --sizes 10,1000,10000  --warm-sizes 1000,10000  --warmup 20  --iterations 30
#   --cold-runs 5  --variants interp,jit[,jit-throughput]  --skip warm,cold,process,phases  --work DIR
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$HERE"
# shellcheck source=../scripts/java-env.sh
. scripts/java-env.sh
creact_find_java || exit 1

if [ "${1:-}" = "--no-build" ]; then
  shift
else
  echo "render.sh: building (mvn -q -DskipTests package)…" >&2
  mvn -q -B -DskipTests package >&2
fi

SNAP=bench/target/cli-snapshot
rm -rf "$SNAP"
mkdir -p "$SNAP/bin" "$SNAP/scripts" "$SNAP/cli/target"
cp bin/creact "$SNAP/bin/"
cp scripts/java-env.sh "$SNAP/scripts/"
cp -r cli/target/creact.jar cli/target/lib "$SNAP/cli/target/"
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
  -cp "bench/target/classes:bench/target/lib/*" dev.creact.bench.RenderBench \
  --work bench/target/stacks --lib bench/target/lib --jit-dir bench/target/jit \
  --classes bench/target/classes --creact "$SNAP/bin/creact" "$@" | tee bench/target/render-results.md
