#!/usr/bin/env bash
# The language server's memory settings (issue 20, lever 6), compared in one run: the same deployed stack and the
# same client (bench/lsp/latency.mjs) against `creact lsp` started with each candidate setting, the settings
# interleaved round by round (A B C… A B C…) so that a drifting machine load hits each of them alike. Per run:
# keystroke latency (median / p95), RSS after the memory phase's 1,000 edits, peak RSS, the live heap after a
# full GC, the server's CPU time, and (LSP_MEM_DETAIL) smaps_rollup and NMT, kept in bench/target/lsp-memory/.
#
#   bench/lsp-memory.sh                                  # every setting below, ROUNDS=2
#   SETTINGS="shipped serial256" ROUNDS=3 bench/lsp-memory.sh
#   WARMUP=20 EDITS=60 MEM_EDITS=1000 RESOURCES=1000 LSP_EDIT=component bench/lsp-memory.sh
#   NMT=1 bench/lsp-memory.sh                            # -XX:NativeMemoryTracking=summary in every setting
#
# Needs the jar and the bench classes built (bench/lsp-latency.sh builds them; this script does not).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$HERE"
# shellcheck source=../scripts/java-env.sh
. scripts/java-env.sh
creact_find_java || exit 1
log() { echo "lsp-memory: $*" >&2; }
# shellcheck source=server-command.sh
. bench/server-command.sh
bench_node_client

# name -> "ENV=… ENV=… | JVM flags" (the flags replace bin/creact's GC and heap flags; the rest of its line stays)
declare -A SETTING=(
  [shipped]="| -XX:+UseG1GC -Xmx1g -XX:G1PeriodicGCInterval=30000"
  [g1-small]="| -XX:+UseG1GC -Xms16m -Xmx1g -XX:G1PeriodicGCInterval=30000 -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -XX:GCTimeRatio=4"
  [serial1g]="| -XX:+UseSerialGC -Xms16m -Xmx1g -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30"
  [serial256]="| -XX:+UseSerialGC -Xms16m -Xmx256m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30"
  [g1-rest]="| -XX:+UseG1GC -XX:MinHeapSize=16m -Xmx1g -XX:G1PeriodicGCInterval=30000 -XX:TrimNativeHeapInterval=5000"
  [g1-idle]="| -XX:+UseG1GC -Xms16m -Xmx1g -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -XX:TrimNativeHeapInterval=5000"
  [serial-shrink]="| -XX:+UseSerialGC -Xms16m -Xmx1g -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -XX:-ShrinkHeapInSteps -XX:TrimNativeHeapInterval=5000"
  [serial1g-native]="MALLOC_ARENA_MAX=2 | -XX:+UseSerialGC -Xms16m -Xmx1g -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -XX:ReservedCodeCacheSize=64m"
)
NAMES=(${SETTINGS:-shipped g1-small serial1g serial256 serial1g-native})
for n in "${NAMES[@]}"; do [ -n "${SETTING[$n]+x}" ] || { log "no setting $n (known: ${!SETTING[*]})"; exit 1; }; done
ROUNDS="${ROUNDS:-2}"

jar="$HERE/cli/target/creact.jar" aot="$HERE/cli/target/creact.aot"
[ -f "$jar" ] || { log "no $jar: run bin/creact --version"; exit 1; }
AOT_FLAGS=()
[ -f "$aot" ] && [ ! "$jar" -nt "$aot" ] && AOT_FLAGS=("-XX:AOTCache=$aot" -Xlog:aot=off -Xlog:cds=off)

N="${RESOURCES:-1000}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/creact-lsp-memory.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
STACK="$WORK/stack"
log "generating a $N-resource stack in $STACK and deploying it once"
"$JAVA_HOME/bin/java" -cp "bench/target/classes:bench/target/lib/*" dev.creact.bench.StackGenerator "$STACK" "$N" >/dev/null
bin/creact deploy --auto-approve --no-color --no-daemon --stack=dev --entry="$STACK/infrastructure.tsx" >"$WORK/deploy.log" 2>&1 \
  || { tail -20 "$WORK/deploy.log" >&2; exit 1; }

OUTDIR="$HERE/bench/target/lsp-memory"
mkdir -p "$OUTDIR"
ROWS="$OUTDIR/rows.tsv"
: >"$ROWS"
for round in $(seq 1 "$ROUNDS"); do
  for n in "${NAMES[@]}"; do
    envs="${SETTING[$n]%%|*}" flags="${SETTING[$n]#*|}"
    # shellcheck disable=SC2206
    cmd=("$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow -Xss16m
      $flags ${NMT:+-XX:NativeMemoryTracking=summary} "${AOT_FLAGS[@]}" ${CREACT_JAVA_OPTS:-} -jar "$jar" lsp)
    json="$(node -e 'console.log(JSON.stringify(process.argv.slice(1)))' "${cmd[@]}")"
    load0="$(cut -d' ' -f1 /proc/loadavg)"
    log "round $round, $n (load $load0): $envs ${flags}"
    raw="$OUTDIR/$n.$round.json" detail="$OUTDIR/$n.$round.detail.txt"
    # shellcheck disable=SC2086
    env $envs WARMUP="${WARMUP:-20}" EDITS="${EDITS:-60}" MEM_EDITS="${MEM_EDITS:-1000}" \
      LSP_CMD="$json" LSP_STACK="$STACK" LSP_JCMD="$JAVA_HOME/bin/jcmd" LSP_RAW="$raw" LSP_MEM_DETAIL="$detail" \
      node bench/lsp/latency.mjs >"$OUTDIR/$n.$round.md"
    load1="$(cut -d' ' -f1 /proc/loadavg)"
    node -e '
      const [raw, detail, name, round, l0, l1] = process.argv.slice(1);
      const r = JSON.parse(require("fs").readFileSync(raw, "utf8"));
      const d = require("fs").readFileSync(detail, "utf8");
      const kib = (re) => { const m = d.match(re); return m ? (Number(m[1]) / 1024).toFixed(0) : "-"; };
      const s = [...r.lat].sort((a, b) => a - b);
      const med = s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
      const p95 = s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)];
      console.log([name, round, med.toFixed(0), p95.toFixed(0), (r.rssEnd / 1024).toFixed(0), kib(/VmHWM:\s+(\d+)/),
        (r.rssEndAfterGc / 1024).toFixed(0), r.heapEnd ? (r.heapEnd.live / 1024).toFixed(0) : "-",
        r.cpuMeasured + "/" + r.cpuEnd, l0 + "->" + l1].join("\t"));
    ' "$raw" "$detail" "$n" "$round" "$load0" "$load1" | tee -a "$ROWS"
  done
done
echo
echo "| setting | round | median ms | p95 ms | RSS after 1,000 edits MiB | peak RSS MiB | RSS after full GC MiB | live heap MiB | server CPU ms (measured edits / whole run) | load |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|"
sed 's/\t/ | /g; s/^/| /; s/$/ |/' "$ROWS"
