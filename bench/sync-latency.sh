#!/usr/bin/env bash
# The state sync benchmark of the issue "State sync" (figures recorded in docs/benchmarks.md):
# dev.creact.bench.SyncLatencyBench runs `creact serve` beside `creact deploy` on a project of SIZE
# MockResources (default 1,000; resource i reads an output of resource i-10) and measures
#   1. state write → message received: from each resource's result line in the deploy's journal to its
#      DEPLOYED message at each of 1 and of 100 WebSocket subscribers (median, p90, p99), and from the
#      deployment record's last write to the final DEPLOYED message;
#   2. the whole `creact deploy` process with no server, with a server and no subscriber, and with a
#      server and 100 subscribers (rounds interleaved), and the server's CPU meanwhile.
# Prints Markdown on stdout (also saved to bench/target/sync-results.md); progress on stderr.
#
#   bench/sync-latency.sh
#   SIZE=1000 LATENCY_RUNS=3 DEPLOY_RUNS=5 SUBSCRIBERS=1,100 bench/sync-latency.sh
#   MAX_LOAD=1.0 bench/sync-latency.sh    # wait (up to WAIT_SECS, default 600) for the 1-minute load to drop below 1.0
#
# Self-contained like bench/deploy.sh: bin/creact and its jar are frozen in bench/target/sync-snapshot, and
# SyncLatencyBench is compiled alone against that jar's libraries.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$HERE"
# shellcheck source=../scripts/java-env.sh
. scripts/java-env.sh
creact_find_java || exit 1
log() { echo "sync-latency.sh: $*" >&2; }

if ! "$HERE/bin/creact" --help >/dev/null 2>&1; then
  if [ -f "$HERE/cli/target/creact.jar" ]; then
    log "WARNING: bin/creact could not (re)build the jar (see cli/build.log); using the existing cli/target/creact.jar"
  else
    log "bin/creact cannot build the jar; see cli/build.log"; exit 1
  fi
fi
SNAP="$HERE/bench/target/sync-snapshot"
rm -rf "$SNAP"
mkdir -p "$SNAP/bin" "$SNAP/scripts" "$SNAP/cli/target"
cp bin/creact "$SNAP/bin/"
cp scripts/java-env.sh "$SNAP/scripts/"
cp -r cli/target/creact.jar cli/target/lib "$SNAP/cli/target/"

CLASSES="$HERE/bench/target/sync-classes"
rm -rf "$CLASSES"
mkdir -p "$CLASSES"
"$JAVA_HOME/bin/javac" -nowarn -d "$CLASSES" -cp "$SNAP/cli/target/lib/*" bench/src/main/java/dev/creact/bench/SyncLatencyBench.java

if [ -n "${MAX_LOAD:-}" ]; then
  waited=0
  while python3 -c "import sys; sys.exit(0 if float(open('/proc/loadavg').read().split()[0]) >= float('$MAX_LOAD') else 1)"; do
    [ "$waited" -ge "${WAIT_SECS:-600}" ] && { log "load still high after ${waited}s; measuring anyway"; break; }
    sleep 10; waited=$((waited + 10))
  done
fi

WORK="$HERE/bench/target/sync-work"
rm -rf "$WORK"
mkdir -p "$WORK"
OUT="$HERE/bench/target/sync-results.md"
{
  echo "## State sync benchmark"
  echo
  echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "- git: $(git -C "$HERE" rev-parse --short HEAD 2>/dev/null || echo '?')$( [ -n "$(git -C "$HERE" status --porcelain 2>/dev/null)" ] && echo ' (with uncommitted changes)')"
  echo "- machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/^Mem:/ {print $2}') GiB RAM"
  echo "- java: $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
  echo "- load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
} | tee "$OUT"
"$JAVA_HOME/bin/java" -Xmx2g -cp "$CLASSES:$SNAP/cli/target/lib/*" dev.creact.bench.SyncLatencyBench \
  --creact "$SNAP/bin/creact" --work "$WORK" --size "${SIZE:-1000}" --subscribers "${SUBSCRIBERS:-1,100}" \
  --latency-runs "${LATENCY_RUNS:-3}" --deploy-runs "${DEPLOY_RUNS:-5}" | tee -a "$OUT"
echo "- load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT"
