#!/usr/bin/env bash
# creact/aws benchmark (figures in docs/benchmarks.md): 100 S3 objects against a local S3-compatible server
# (s3proxy, in the benchmark's JVM), `creact deploy` against the bare AWS SDK calls for the same objects with
# the same parallelism. Prints Markdown on stdout (also bench/target/aws-s3-objects.md); progress on stderr.
#
#   bench/aws-s3-objects.sh                          # 100 objects, parallelism 10, 5 runs after 2 warm-up
#   bench/aws-s3-objects.sh --objects 300 --runs 3   # options go to dev.creact.bench.S3ObjectsBench
#   SKIP_CLI=1 bench/aws-s3-objects.sh               # without the whole-process `creact deploy` runs
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$HERE"
# shellcheck source=../scripts/java-env.sh
. scripts/java-env.sh
creact_find_java || exit 1

"$HERE/bin/creact" --help >/dev/null
echo "aws-s3-objects.sh: building the benchmark module…" >&2
mvn -B -ntp -q -DskipTests -pl bench -am package >"$HERE/bench/target-build.log" 2>&1 || { cat "$HERE/bench/target-build.log" >&2; exit 1; }
rm -f "$HERE/bench/target-build.log"

OUT="$HERE/bench/target/aws-s3-objects.md"
{
  echo "## creact/aws: S3 objects against s3proxy"
  echo
  echo "- date: $(date -u)"
  echo "- git: $(git -C "$HERE" rev-parse --short HEAD 2>/dev/null || echo '?')"
  echo "- machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/^Mem:/ {print $2}') GiB RAM"
  echo "- java: $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
  echo "- load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
} | tee "$OUT"
CLI=(--creact "$HERE/bin/creact")
[ -n "${SKIP_CLI:-}" ] && CLI=()
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow -Xss16m \
  -cp "$HERE/bench/target/classes:$HERE/bench/target/lib/*" dev.creact.bench.S3ObjectsBench "${CLI[@]}" "$@" | tee -a "$OUT"
echo | tee -a "$OUT"
echo "- load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT"
