#!/usr/bin/env bash
# How much native stack swc4j needs per level of nesting, and how its pretty-printed output grows with size
# times depth (docs/benchmarks.md, "Parser limits"): the figures behind the engine's NativeParserStack and
# SourceLimits. Rerun it when swc4j is upgraded. Prints Markdown on stdout; takes a few minutes (each try
# is a child JVM, since a stack overflow in swc kills its process).
#
#   bench/swc-stack.sh              # build, then measure
#   bench/swc-stack.sh --no-build   # use what is built
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$HERE"
# shellcheck source=../scripts/java-env.sh
. scripts/java-env.sh
creact_find_java || exit 1

if [ "${1:-}" = "--no-build" ]; then
  shift
else
  echo "swc-stack.sh: building (mvn -q -DskipTests -pl bench -am package)…" >&2
  mvn -q -B -DskipTests -pl bench -am package >&2
fi
CP="bench/target/classes:$(find bench/target/lib -name '*.jar' | tr '\n' ':')"
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
  -cp "$CP" dev.creact.bench.SwcStackBench "$@"
