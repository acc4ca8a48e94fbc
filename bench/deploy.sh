#!/usr/bin/env bash
# The deploy benchmarks of the issue "Deploy" (figures recorded in docs/benchmarks.md):
#   1. bench/deploy-vs-terraform.sh: whole-process `bin/creact deploy --auto-approve` of 1,000 MockResources
#      (resource i refers to resource i-10, latencyMs 0) against `terraform apply` of 1,000 terraform_data
#      of the same shape; target for creact: under 2 s.
#   2. dev.creact.bench.DeployMakespanBench: 1,000 MockResources with latencies 10–200 ms and random acyclic
#      dependencies (new Random(42)) deployed through CreactEngine.deploy with parallelism 1000; apply
#      makespan against the critical path (target: ≤ 1.10×) and against a level-by-level executor.
# Prints Markdown on stdout (also saved to bench/target/deploy-results.md); progress on stderr.
#
#   bench/deploy.sh                       # both (terraform's part takes about 4 minutes)
#   SKIP_TERRAFORM=1 bench/deploy.sh      # creact only in part 1
#   SKIP_VS=1 bench/deploy.sh             # part 2 only
#   SKIP_MAKESPAN=1 bench/deploy.sh       # part 1 only
#   MAX_LOAD=1.0 bench/deploy.sh          # wait (up to WAIT_SECS, default 600, each) for the 1-minute load to drop below 1.0
#   RUNS=5 bench/deploy.sh                # repetitions of part 1 (default 3)
#   bench/deploy.sh --runs 5 --seed 7     # anything after the script name goes to DeployMakespanBench
#                                         # (--size --seed --min-latency --max-latency --max-deps --parallelism
#                                         #  --runs --warmup --work --keep --dump DIR)
#   BENCH_JAVA_OPTS="..." bench/deploy.sh # JVM flags for DeployMakespanBench (default: bin/creact's own)
#
# Self-contained: it freezes bin/creact and its jar in bench/target/deploy-snapshot (rebuilding the jar first
# when the sources are newer; if that build fails, the existing jar is used, with a warning), and compiles
# DeployMakespanBench alone with javac against that jar's libraries, so neither edits elsewhere in the tree
# nor the other benchmark classes can break or change a run halfway.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$HERE"
# shellcheck source=../scripts/java-env.sh
. scripts/java-env.sh
creact_find_java || exit 1
log() { echo "deploy.sh: $*" >&2; }

SNAP="$HERE/bench/target/deploy-snapshot"
if ! "$HERE/bin/creact" --help >/dev/null 2>&1; then
  if [ -f "$HERE/cli/target/creact.jar" ]; then
    log "WARNING: bin/creact could not (re)build the jar (see cli/build.log); using the existing cli/target/creact.jar"
  else
    log "bin/creact cannot build the jar; see cli/build.log"; exit 1
  fi
fi
rm -rf "$SNAP"
mkdir -p "$SNAP/bin" "$SNAP/scripts" "$SNAP/cli/target"
cp bin/creact "$SNAP/bin/"
cp scripts/java-env.sh "$SNAP/scripts/"
cp -r cli/target/creact.jar cli/target/lib "$SNAP/cli/target/"
export CREACT_SNAPSHOT="$SNAP"

CLASSES="$HERE/bench/target/deploy-classes"
rm -rf "$CLASSES"
mkdir -p "$CLASSES"
"$JAVA_HOME/bin/javac" -nowarn -d "$CLASSES" -cp "$SNAP/cli/target/lib/*" \
  bench/src/main/java/dev/creact/bench/DeployMakespanBench.java

OUT="$HERE/bench/target/deploy-results.md"
{
  echo "## Deploy benchmarks"
  echo
  echo "- date: $(date)"
  echo "- git: $(git -C "$HERE" rev-parse --short HEAD 2>/dev/null || echo '?')$( [ -n "$(git -C "$HERE" status --porcelain 2>/dev/null)" ] && echo ' (with uncommitted changes)')"
  echo "- machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/^Mem:/ {print $2}') GiB RAM"
  echo "- java: $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
  echo "- terraform: $(command -v terraform >/dev/null && terraform -version 2>/dev/null | head -1 || echo 'not installed')"
  echo "- load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
} | tee "$OUT"

if [ -z "${SKIP_VS:-}" ]; then
  {
    echo "### creact deploy vs terraform apply (whole process)"
    echo
    bench/deploy-vs-terraform.sh
    echo
  } | tee -a "$OUT"
fi

if [ -z "${SKIP_MAKESPAN:-}" ]; then
  if [ -n "${MAX_LOAD:-}" ]; then
    waited=0
    while python3 -c "import sys; sys.exit(0 if float(open('/proc/loadavg').read().split()[0]) >= float('$MAX_LOAD') else 1)"; do
      [ "$waited" -ge "${WAIT_SECS:-600}" ] && { log "load still high after ${waited}s; measuring anyway"; break; }
      sleep 10; waited=$((waited + 10))
    done
  fi
  before=$(cut -d' ' -f1 /proc/loadavg)
  log "makespan benchmark (load $before)…"
  # shellcheck disable=SC2086
  "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
    ${BENCH_JAVA_OPTS:--Xss16m -XX:+UseSerialGC -XX:TieredStopAtLevel=1} \
    -cp "$CLASSES:$SNAP/cli/target/lib/*" dev.creact.bench.DeployMakespanBench "$@" | tee -a "$OUT"
  {
    echo
    echo "1-minute load average before → after the makespan benchmark: $before → $(cut -d' ' -f1 /proc/loadavg);" \
      "JVM flags: ${BENCH_JAVA_OPTS:--Xss16m -XX:+UseSerialGC -XX:TieredStopAtLevel=1} (bin/creact's)."
  } | tee -a "$OUT"
fi
