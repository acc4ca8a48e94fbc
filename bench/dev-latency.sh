#!/usr/bin/env bash
# The hot-reload benchmark of issue 6: save → applied, end to end, for `creact dev` (the file watcher) and for
# the language server's dev mode (`creact lsp`, deploy on didSave). For each run a fresh project of N
# `local:File` resources is generated (by the client, bench/dev/latency.mjs: Node 20+).
#   CLIENT cli: `creact dev --json --auto-approve --debounce=D` deploys it and watches the entry; then one
#     resource's content is edited and infrastructure.tsx saved (temp file + rename, like an editor's safe write;
#     SIZE:DEBOUNCE:direct in RUNS for a write in place), and the clock runs from the save until the target file
#     under out/ has the new content on disk. The engine's own split (build / plan / apply) comes from the
#     `cycle` events.
#   CLIENT lsp: an LSP client (vscode-jsonrpc from server/src/test/node/node_modules, installed with `npm ci`
#     there if missing) opens the entry, switches dev mode on (`creact.dev`) and saves once: that deploys all N
#     (the question is answered Apply). Each save is then didChange (full text) + the file written + didSave;
#     the clock runs from didSave sent until the target file has the new content. The server has no debounce
#     on didSave, so DEBOUNCE does not apply (write 0 or -). A cycle's end is its `$/progress` end, whose
#     message carries the engine's total.
# The command is bin/creact's exec line for `dev` and `lsp` (the same: C2, G1, its AOT cache), spelled out
# so that the client owns the java process. Prints Markdown on stdout (also saved to
# bench/target/dev-results.md); progress on stderr.
#
#   bench/dev-latency.sh                          # creact dev: 100 and 1,000 resources at the default 25 ms debounce,
#                                                 # 100 at 10 ms; creact lsp (didSave): 100 and 1,000
#   RUNS="100:25 1000:25" bench/dev-latency.sh    # runs: SIZE:DEBOUNCE_MS[:WRITE[:CLIENT]], WRITE rename|direct,
#                                                 # CLIENT cli|lsp
#   RUNS="100:0:rename:lsp" bench/dev-latency.sh  # the language server only (DEBOUNCE ignored)
#   RUNS="100:25:direct" bench/dev-latency.sh     # saves written in place instead of renamed
#   WARMUP=5 EDITS=30 PAUSE_MS=150 bench/dev-latency.sh
#   SKIP_BUILD=1 bench/dev-latency.sh             # use the jar as built
#   KEEP=1 bench/dev-latency.sh                   # keep the generated projects (in $TMPDIR)
#   CREACT_JAVA_OPTS="-XX:StartFlightRecording=filename=/tmp/dev.jfr,settings=profile" bench/dev-latency.sh
#   CREACT_NO_CDS=1 bench/dev-latency.sh          # without the AOT cache
#   WRAP=eatmydata bench/dev-latency.sh           # fsyncs turned into no-ops (apt-get install eatmydata): their share
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$HERE"
# shellcheck source=../scripts/java-env.sh
. scripts/java-env.sh
creact_find_java || exit 1
log() { echo "dev-latency: $*" >&2; }

export RUNS="${RUNS:-100:25 1000:25 100:10 100:0:rename:lsp 1000:0:rename:lsp}"
# shellcheck source=server-command.sh
. bench/server-command.sh
if [[ " $RUNS" == *:lsp* ]]; then
  bench_node_client
else
  command -v node >/dev/null 2>&1 || { log "node (20 or newer) is needed"; exit 1; }
fi
if [ -z "${SKIP_BUILD:-}" ]; then
  bin/creact --version >/dev/null   # builds the jar if stale and (re)makes the AOT cache
fi
bench_server_command   # CMD: the client appends `dev …` or `lsp`

mkdir -p bench/target
OUT=bench/target/dev-results.md
JSON_CMD="$(node -e 'console.log(JSON.stringify(process.argv.slice(1)))' "${CMD[@]}")"
{
  echo "### Hot reload: save → applied (\`creact dev\`, \`creact lsp\` didSave)"
  echo
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) CPUs; $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//');" \
    "$(free -g | awk '/^Mem:/ {print $2 " GiB RAM"}'); $("$JAVA_HOME/bin/java" -version 2>&1 | head -1); node $(node --version);" \
    "file system of \$TMPDIR: $(df -T "${TMPDIR:-/tmp}" | awk 'NR==2 {print $2}'); load average at start $(cut -d' ' -f1-3 /proc/loadavg); $CDS_NOTE;" \
    "${WRAP:+run under \`$WRAP\`; }runs: $RUNS."
  echo
} | tee "$OUT"
log "running the client (bench/dev/latency.mjs)"
DEV_CMD="$JSON_CMD" DEV_RAW="$HERE/bench/target/dev-results.json" node "$HERE/bench/dev/latency.mjs" | tee -a "$OUT"
{
  echo "Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
  echo
} | tee -a "$OUT"
log "results in $OUT (raw figures in bench/target/dev-results.json)"
