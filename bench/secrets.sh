#!/usr/bin/env bash
# The secrets benchmark (figures in docs/benchmarks.md): dev.creact.bench.SecretsOverheadBench deploys 1,000
# MockResources, 100 of them with a secret() prop, against the same without secrets, alternating in one JVM.
#   bench/secrets.sh [--size 1000 --with-secrets 100 --runs 5 --warmup 2]
# Compiles the one class with javac against cli/target/lib (bin/creact builds the jar when needed).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$HERE"
# shellcheck source=../scripts/java-env.sh
. scripts/java-env.sh
creact_find_java || exit 1
"$HERE/bin/creact" --help >/dev/null
CLASSES="$HERE/bench/target/secrets-classes"
rm -rf "$CLASSES" && mkdir -p "$CLASSES"
"$JAVA_HOME/bin/javac" -nowarn -d "$CLASSES" -cp "cli/target/lib/*:cli/target/creact.jar" \
  bench/src/main/java/dev/creact/bench/SecretsOverheadBench.java
echo "- date: $(date -u), git $(git rev-parse --short HEAD), $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow -Xss16m \
  -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp "$CLASSES:cli/target/lib/*:cli/target/creact.jar" \
  dev.creact.bench.SecretsOverheadBench "$@"
echo
echo "- load after: $(cut -d' ' -f1-3 /proc/loadavg)"
