#!/usr/bin/env bash
# The language-server benchmark of issue 5: keystroke to diagnostics, start-up and memory of the real
# `creact lsp` (stdio) with a 1,000-resource stack, driven by a Node LSP client (bench/lsp/latency.mjs,
# vscode-jsonrpc + vscode-languageserver-protocol from server/src/test/node/node_modules: no new npm
# dependencies). Steps: build the jar (through bin/creact, which also makes its AOT cache)
# and the bench classes, generate a stack with dev.creact.bench.StackGenerator into a temp folder, deploy it
# once (mock provider, so that an edit shows as `~ update … 7 → V` in the diagnostics), then run the client
# against `java <bin/creact's flags> [-XX:AOTCache=cli/target/creact.aot] -jar cli/target/creact.jar lsp`.
# Prints Markdown on stdout (also saved to bench/target/lsp-results.md); progress on stderr.
#
#   bench/lsp-latency.sh                         # 20 warm-up + 100 measured edits, 1,000 edits 40 ms apart for memory
#   SKIP_BUILD=1 bench/lsp-latency.sh            # use the jar and bench classes as built
#   WARMUP=20 EDITS=100 MEM_EDITS=1000 PAUSE_MS=40 GAP_MS=20 bench/lsp-latency.sh
#   RESOURCES=1000 bench/lsp-latency.sh          # stack size (a multiple of 10)
#   LSP_EDIT=root bench/lsp-latency.sh           # what the edits change (bench/lsp/latency.mjs): component (default),
#                                                # root (one <Service>'s prop in infrastructure.tsx), or flat, with
#   STACK_FROM=DIR LSP_EDIT=flat bench/lsp-latency.sh   # a copy of that stack instead of StackGenerator's
#                                                # (flat: `python3 bench/stacks.py creact DIR 1000 --size`)
#   LSP_OUT=FILE.md LSP_RAW=FILE.json bench/lsp-latency.sh   # where the results go (default bench/target/lsp-results.*)
#   HEAP_EVERY=250 bench/lsp-latency.sh          # also the live heap (jcmd GC.run + GC.heap_info) every 250 memory-phase edits
#   CREACT_JAVA_OPTS="-XX:StartFlightRecording=filename=/tmp/lsp.jfr,settings=profile -Xlog:jfr+startup=off" \
#     bench/lsp-latency.sh                       # extra JVM flags for the server (a JFR profile, say; JFR's
#                                                # start-up message must not go to stdout, the LSP channel)
#   CREACT_NO_CDS=1 bench/lsp-latency.sh         # without the AOT cache
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$HERE"
# shellcheck source=../scripts/java-env.sh
. scripts/java-env.sh
creact_find_java || exit 1
log() { echo "lsp-latency: $*" >&2; }

# shellcheck source=server-command.sh
. bench/server-command.sh
bench_node_client

if [ -z "${SKIP_BUILD:-}" ]; then
  if [ ! -d bench/target/classes ] || [ ! -d bench/target/lib ]; then
    log "building (mvn -q -B -DskipTests package)…"
    mvn -q -B -DskipTests package >&2
  fi
  bin/creact --version >/dev/null   # builds the jar if stale and (re)makes the AOT cache
fi
# The client owns the java process: its pid for /proc and jcmd.
bench_server_command
CMD+=(lsp)

N="${RESOURCES:-1000}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/creact-lsp-bench.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
STACK="$WORK/stack"
if [ -n "${STACK_FROM:-}" ]; then
  log "copying the stack in $STACK_FROM to $STACK"
  cp -r "$STACK_FROM" "$STACK"
  rm -rf "$STACK/.creact" "$STACK/out"
else
  log "generating a $N-resource stack in $STACK"
  "$JAVA_HOME/bin/java" -cp "bench/target/classes:bench/target/lib/*" dev.creact.bench.StackGenerator "$STACK" "$N" >/dev/null
fi
log "deploying it once (stack dev, mock provider)"
bin/creact deploy --auto-approve --no-color --stack=dev --entry="$STACK/infrastructure.tsx" >"$WORK/deploy.log" 2>&1 \
  || { tail -20 "$WORK/deploy.log" >&2; exit 1; }

mkdir -p bench/target
OUT="${LSP_OUT:-bench/target/lsp-results.md}"
RAW="${LSP_RAW:-$HERE/bench/target/lsp-results.json}"
JSON_CMD="$(node -e 'console.log(JSON.stringify(process.argv.slice(1)))' "${CMD[@]}")"
{
  echo "### Language server: keystroke to diagnostics, $N resources"
  echo
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) CPUs; $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//');" \
    "$("$JAVA_HOME/bin/java" -version 2>&1 | head -1); node $(node --version); load average at start $(cut -d' ' -f1-3 /proc/loadavg); server $CDS_NOTE."
  echo
} | tee "$OUT"
log "running the client (bench/lsp/latency.mjs)"
LSP_CMD="$JSON_CMD" LSP_STACK="$STACK" LSP_JCMD="$JAVA_HOME/bin/jcmd" LSP_RAW="$RAW" \
  node "$HERE/bench/lsp/latency.mjs" | tee -a "$OUT"
{
  echo "Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
  echo
  echo "For comparison, terraform-ls' published figures (cited, not measured here): 15 ms and 1.7 MB for an empty"
  echo "module; 1.5 s and 119 MB for a module using the aws provider."
} | tee -a "$OUT"
log "results in $OUT (raw figures in $RAW)"
