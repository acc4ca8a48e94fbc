#!/usr/bin/env bash
# Issue 20's target table, every row in one run, creact side by side with terraform on the issue's own stack
# shapes. Prints a Markdown table (what | figure | target | met? | 1-min load before → after) with the date,
# git commit, machine and flags; also saved to bench/target/inner-loop.md (the details of each row: the
# files next to it in bench/target/inner-loop/). Progress on stderr.
#
# The rows, and what produces them (the existing benchmarks, called with the issue's shapes):
#   keystroke → published diagnostics (the 30 ms debounce included), real `creact lsp` over stdio,
#     bench/lsp-latency.sh (client bench/lsp/latency.mjs), each stack deployed once first:
#       - 100 instances of a 10-resource component (StackGenerator), one instance's prop edited in the root
#         file (LSP_EDIT=root): median / p95;
#       - the same stack, an edit in the component every service uses (LSP_EDIT=component): the worst case;
#       - one component declaring 1,000 resources (bench/stacks.py), one resource's prop (LSP_EDIT=flat);
#   language server RSS (and live heap after a full GC) after 1,000 more edits, 40 ms apart, at 1,000
#     resources (the component run's memory phase);
#   warm build of 10,000 resources in process (RenderBench's warm phase, as bench/render.sh);
#   `creact plan --json` of 1,000 MockResources in one component, resource i reading an output of i−10,
#     against `terraform plan` of 1,000 terraform_data of the same shape (bench/stacks.py writes both),
#     paired and interleaved (bench/paired.py: A B A B…, the ratio taken pair by pair, wall and CPU time);
#   `creact plan --json` of 10 resources of the same shape, whole process;
#   `creact deploy --auto-approve` of the 1,000 (latencyMs 0: no-op) against `terraform apply` of the same
#     1,000, paired, each run from nothing (fresh .creact / terraform.tfstate);
#   `creact dev` save → file on disk, 1,000 local:File resources (bench/dev-latency.sh, RUNS=1000:25).
#
#   bench/inner-loop.sh                 # about 12-15 min on 2 cores
#   QUICK=1 bench/inner-loop.sh         # fewer repetitions, about 5 min
#   MAX_LOAD=1.5 bench/inner-loop.sh    # before each row wait until the 1-min load is under 1.5 (at most
#                                       # WAIT_SECS, default 300, then measure anyway and say so)
#   ONLY="plan deploy" bench/inner-loop.sh   # some rows: keystroke memory build plan deploy dev
#   SKIP_BUILD=1 bench/inner-loop.sh    # use the jar and bench classes as built
#   CREACT_FLAGS="--no-color" bench/inner-loop.sh   # extra flags for every `bin/creact plan|deploy`
#   CREACT_DAEMON=on|off bench/inner-loop.sh        # the warm engine, when this build of bin/creact has one
#                                       # (read from `bin/creact --help` at run time: ignored, and said so, if not)
#   CREACT_JAVA_OPTS=... bench/inner-loop.sh        # JVM flags for creact (bin/creact and the lsp/dev command)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$HERE"
# shellcheck source=../scripts/java-env.sh
. scripts/java-env.sh
creact_find_java || exit 1
log() { echo "inner-loop: $*" >&2; }

QUICK="${QUICK:-}"
[ "$QUICK" = 0 ] && QUICK=""
ONLY="${ONLY:-keystroke memory build plan deploy dev}"
WAIT_SECS="${WAIT_SECS:-300}"
N=1000
WORK="$HERE/bench/target/inner-loop"
OUT="$HERE/bench/target/inner-loop.md"
CREACT="$HERE/bin/creact"
if [ -n "$QUICK" ]; then
  LSP_WARMUP=10 LSP_EDITS=40 PLAN_RUNS=3 DEPLOY_RUNS=2 DEPLOY_WARMUP=0 BUILD_WARMUP=5 BUILD_ITER=10 DEV_WARMUP=3 DEV_EDITS=15
else
  LSP_WARMUP=20 LSP_EDITS=100 PLAN_RUNS=7 DEPLOY_RUNS=3 DEPLOY_WARMUP=1 BUILD_WARMUP=15 BUILD_ITER=30 DEV_WARMUP=5 DEV_EDITS=30
fi
wants() { [[ " $ONLY " == *" $1 "* ]]; }
START="$(date -u '+%Y-%m-%d %H:%M')" LOAD_START="$(cut -d' ' -f1-3 /proc/loadavg)"

for tool in python3 node; do
  command -v "$tool" >/dev/null || { log "$tool is needed"; exit 1; }
done
HAVE_TF=1
if ! command -v terraform >/dev/null; then
  HAVE_TF=""
  log "terraform is not on the PATH: the plan and deploy rows run without their terraform side"
fi

# ---------------------------------------------------------------- build
if [ -z "${SKIP_BUILD:-}" ]; then
  if [ ! -d bench/target/classes ] || [ ! -d bench/target/lib ]; then
    log "building (mvn -q -B -DskipTests package)…"
    mvn -q -B -ntp -DskipTests package >&2
  fi
  "$CREACT" --version >/dev/null   # builds the jar if stale and (re)makes the CDS archive
fi

# ---------------------------------------------------------------- flags: the daemon, when there is one
HELP="$("$CREACT" --help 2>&1 || true; "$CREACT" plan --help 2>&1 || true)"
# shellcheck disable=SC2206
FLAGS=(${CREACT_FLAGS:-})
DAEMON_NOTE="no daemon option in this build"
if [ -n "${CREACT_DAEMON:-}" ]; then
  case "$CREACT_DAEMON" in on|off) ;; *) log "CREACT_DAEMON must be on or off"; exit 1 ;; esac
  if grep -qi daemon <<<"$HELP"; then
    # bin/creact reads CREACT_NO_DAEMON (its --no-daemon flag is handled by the script, so --help does not list it).
    DAEMON_NOTE="CREACT_DAEMON=$CREACT_DAEMON"
    if [ "$CREACT_DAEMON" = off ]; then
      export CREACT_NO_DAEMON=1
      DAEMON_NOTE+=" (CREACT_NO_DAEMON=1: every command in-process, cold)"
    else
      unset CREACT_NO_DAEMON
    fi
  else
    log "bin/creact --help names no daemon: CREACT_DAEMON=$CREACT_DAEMON ignored"
    DAEMON_NOTE="CREACT_DAEMON=$CREACT_DAEMON asked, but this build has no daemon (ignored)"
    unset CREACT_DAEMON
  fi
elif grep -qi daemon <<<"$HELP"; then
  DAEMON_NOTE="bin/creact's default daemon behaviour (CREACT_DAEMON not set)"
  # bin/creact runs in-process when either is set: say so, as the plan and deploy rows then measure the cold path.
  case "${CI:-}" in ""|0|false|FALSE) ci_set="" ;; *) ci_set=1 ;; esac   # bin/creact's own reading of CI
  if [ -n "${CREACT_NO_DAEMON:-}" ] || [ -n "$ci_set" ]; then
    DAEMON_NOTE+=", but ${CREACT_NO_DAEMON:+CREACT_NO_DAEMON=$CREACT_NO_DAEMON}${CREACT_NO_DAEMON:+${ci_set:+ and }}${ci_set:+CI=$CI} is set:"
    DAEMON_NOTE+=" every command in-process, cold"
    log "note: CREACT_NO_DAEMON or CI is set, so the plan and deploy rows measure the cold in-process path"
  fi
fi

# ---------------------------------------------------------------- stacks
rm -rf "$WORK"
mkdir -p "$WORK"
FLAT="$WORK/creact-$N" FLAT10="$WORK/creact-10" TF="$WORK/terraform-$N"
python3 bench/stacks.py creact "$FLAT" "$N" --size --latency 0 --by bench/inner-loop.sh
python3 bench/stacks.py creact "$FLAT10" 10 --size --latency 0 --by bench/inner-loop.sh
if [ -n "$HAVE_TF" ]; then
  python3 bench/stacks.py terraform "$TF" "$N" --size --by bench/inner-loop.sh
  # terraform: no network, no checkpoint calls, no prompts.
  printf 'disable_checkpoint = true\n' >"$WORK/terraformrc"
  export TF_CLI_CONFIG_FILE="$WORK/terraformrc" TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1
  (cd "$TF" && terraform init -input=false -no-color >"$WORK/terraform-init.log" 2>&1) || {
    log "terraform init failed; see $WORK/terraform-init.log"; exit 1; }
fi
export NO_COLOR=1

# ---------------------------------------------------------------- rows
ROWS="$WORK/rows.tsv"   # what \t figure \t target \t met \t load
: >"$ROWS"
loadavg() { cut -d' ' -f1 /proc/loadavg; }
LOAD_BEFORE=""
row_start() { # NAME: waits for a quiet machine when MAX_LOAD is set, notes the load
  local waited=0
  log "── $1 (load $(loadavg))"
  if [ -n "${MAX_LOAD:-}" ]; then
    while python3 -c "import sys; sys.exit(0 if float('$(loadavg)') >= float('$MAX_LOAD') else 1)"; do
      if [ "$waited" -ge "$WAIT_SECS" ]; then
        log "load still $(loadavg) after ${waited}s (MAX_LOAD=$MAX_LOAD): measuring anyway"; break
      fi
      sleep 10; waited=$((waited + 10))
    done
  fi
  LOAD_BEFORE="$(loadavg)"
}
row() { # WHAT FIGURE TARGET MET
  printf '%s\t%s\t%s\t%s\t%s → %s\n' "$1" "$2" "$3" "$4" "$LOAD_BEFORE" "$(loadavg)" >>"$ROWS"
  log "   $1: $2 (target $3: $4)"
}
missing() { # WHAT TARGET WHY
  printf '%s\t%s\t%s\t%s\t%s\n' "$1" "(not measured: $3)" "$2" "–" "–" >>"$ROWS"
  log "   $1: not measured ($3)"
}
py() { python3 -c "$@"; }

# The keystroke rows: one bench/lsp-latency.sh run each; figures from its raw JSON.
lsp_run() { # MODE MEM_EDITS [STACK_FROM]
  local mode="$1" mem="$2" from="${3:-}"
  SKIP_BUILD=1 LSP_EDIT="$mode" WARMUP="$LSP_WARMUP" EDITS="$LSP_EDITS" MEM_EDITS="$mem" STACK_FROM="$from" \
    LSP_OUT="$WORK/lsp-$mode.md" LSP_RAW="$WORK/lsp-$mode.json" bench/lsp-latency.sh >/dev/null 2>"$WORK/lsp-$mode.log" || {
    log "bench/lsp-latency.sh (LSP_EDIT=$mode) failed; the last lines of $WORK/lsp-$mode.log:"; tail -n 15 "$WORK/lsp-$mode.log" >&2
    return 1; }
}
# median and p95 as bench/lsp/latency.mjs computes them
STATS_PY='
import json, math, statistics, sys
xs = sorted(json.load(open(sys.argv[1]))[sys.argv[2]])
p95 = xs[min(len(xs) - 1, max(0, math.ceil(0.95 * len(xs)) - 1))]
print(f"{statistics.median(xs):.0f} {p95:.0f} {len(xs)}")'
met() { py "import sys; print('**yes**' if $1 else '**no**')"; }

if wants keystroke; then
  row_start "keystroke, one instance's prop in the root file"
  if lsp_run root 0; then
    read -r med p95 n < <(py "$STATS_PY" "$WORK/lsp-root.json" lat)
    row "keystroke → published diagnostics (30 ms debounce included), 100 instances of a 10-resource component, one instance's prop edited in the root file, median / p95 ($n edits)" \
      "$med / $p95 ms" "< 60 / < 90 ms" "$(met "$med < 60 and $p95 < 90")"
  else missing "keystroke, root-file edit" "< 60 / < 90 ms" "the run failed"; fi
fi
if wants keystroke || wants memory; then
  mem_edits=0
  wants memory && mem_edits=1000
  row_start "keystroke, the component every service uses (and memory: $mem_edits edits)"
  if lsp_run component "$mem_edits"; then
    if wants keystroke; then
      read -r med p95 n < <(py "$STATS_PY" "$WORK/lsp-component.json" lat)
      row "the same, an edit in the component every service uses (the worst case), median / p95 ($n edits)" \
        "$med / $p95 ms" "< 100 ms median" "$(met "$med < 100")"
    fi
    if wants memory; then
      read -r rss live < <(py '
import json, sys
d = json.load(open(sys.argv[1]))
h = d.get("heapEnd") or {}
rss, live = d["rssEnd"], h.get("live")
print(f"{rss / 1024:.0f}", f"{live / 1024:.0f}" if live is not None else "–")' "$WORK/lsp-component.json")
      row "language server RSS after 1,000 edits (40 ms apart) at 1,000 resources; live heap after a full GC" \
        "$rss MiB RSS; heap $live MiB" "< 250 MiB RSS" "$(met "$rss < 250")"
    fi
  else missing "keystroke, component edit / memory" "< 100 ms / < 250 MiB" "the run failed"; fi
fi
if wants keystroke; then
  row_start "keystroke, one component declaring 1,000 resources"
  if lsp_run flat 0 "$FLAT"; then
    read -r med p95 n < <(py "$STATS_PY" "$WORK/lsp-flat.json" lat)
    row "the same, one component declaring 1,000 resources (i reads an output of i−10), one resource's prop, median / p95 ($n edits)" \
      "$med / $p95 ms" "< 60 / < 90 ms (as the first row)" "$(met "$med < 60 and $p95 < 90")"
  else missing "keystroke, one-component stack" "< 60 / < 90 ms" "the run failed"; fi
fi

if wants build; then
  row_start "warm build, 10,000 resources"
  if "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
      -cp "bench/target/classes:bench/target/lib/*" dev.creact.bench.RenderBench \
      --work "$WORK/render-stacks" --lib bench/target/lib --jit-dir bench/target/jit --classes bench/target/classes \
      --creact "$CREACT" --sizes 10000 --warm-sizes 10000 --variants interp --skip cold,process,phases \
      --warmup "$BUILD_WARMUP" --iterations "$BUILD_ITER" >"$WORK/render.md" 2>"$WORK/render.log"; then
    read -r med p95 < <(awk -F'|' '$2 ~ /interp/ && $3 ~ /10,000/ {gsub(/ /, ""); print $4, $5; exit}' "$WORK/render.md")
    row "warm build, 10,000 resources (StackGenerator, one engine in process, $BUILD_ITER builds after $BUILD_WARMUP), median (p95)" \
      "$med ms ($p95)" "< 250 ms" "$(met "$med < 250")"
    # The same builds through a RenderMemo (incremental rendering), as the language server and creact dev build.
    for mode in "unchanged" "root edit"; do
      read -r med p95 < <(awk -F'|' -v m="$mode" '$2 ~ /interp/ && $3 ~ /10,000/ && $4 ~ ("^ " m " $") {gsub(/ /, ""); print $5, $6; exit}' "$WORK/render.md")
      row "the same through the memo (incremental rendering), $mode, median (p95)" "$med ms ($p95)" "< 250 ms" "$(met "$med < 250")"
    done
  else
    tail -n 15 "$WORK/render.log" >&2
    missing "warm build, 10,000 resources" "< 250 ms" "RenderBench failed, see $WORK/render.log"
  fi
fi

plan_cmd() { echo "$CREACT plan --json ${FLAGS[*]} --entry $1/infrastructure.tsx"; }
deploy_cmd() { echo "$CREACT deploy --auto-approve ${FLAGS[*]} --entry $1/infrastructure.tsx"; }
TF_PLAN="cd $TF && terraform plan -input=false -lock=false -refresh=false -no-color"
TF_APPLY="cd $TF && terraform apply -auto-approve -input=false -lock=false -no-color"
if wants plan; then
  # Checked first: both plan every resource.
  $(plan_cmd "$FLAT") >"$WORK/creact-plan.json" 2>"$WORK/creact-plan.err" || {
    log "creact plan failed:"; tail -n 20 "$WORK/creact-plan.err" >&2; exit 1; }
  c_sum=$(py 'import json,sys; print(json.load(open(sys.argv[1]))["summary"]["create"], "to create")' "$WORK/creact-plan.json")
  log "   creact plan: $c_sum"
  [ "$c_sum" = "$N to create" ] || { log "expected $N creates"; exit 1; }
  row_start "creact plan vs terraform plan, $N resources ($PLAN_RUNS pairs)"
  if [ -n "$HAVE_TF" ]; then
    (bash -c "$TF_PLAN" >"$WORK/terraform-plan.txt" 2>&1) || { log "terraform plan failed; see $WORK/terraform-plan.txt"; exit 1; }
    log "   terraform: $(grep -E '^Plan:' "$WORK/terraform-plan.txt")"
    if figs=$(python3 bench/paired.py --out "$WORK/plan.json" --log "$WORK/plan-runs" --runs "$PLAN_RUNS" --warmup 1 \
        --a "$(plan_cmd "$FLAT")" --b "$TF_PLAN"); then
    read -r a_w a_wmin a_wmax a_c _ _ b_w b_wmin b_wmax b_c _ _ r r_min r_max <<<"$figs"
    row "\`creact plan --json\`, $N resources in one component (i reads an output of i−10), whole process, against \`terraform plan\` of $N terraform_data of the same shape, $PLAN_RUNS interleaved pairs: median wall (CPU)" \
      "creact $a_w ms (CPU $a_c), terraform $b_w ms (CPU $b_c): terraform / creact **${r}×** (pairs $r_min–$r_max)" \
      "≥ 2× faster" "$(met "$r >= 2")"
    else missing "creact plan against terraform plan" "≥ 2× faster" "a run failed, see $WORK/plan-runs"; fi
  else
    read -r a_w a_wmin a_wmax a_c _ _ < <(python3 bench/paired.py --out "$WORK/plan.json" --log "$WORK/plan-runs" \
      --runs "$PLAN_RUNS" --warmup 1 --a "$(plan_cmd "$FLAT")")
    row "\`creact plan --json\`, $N resources in one component, whole process (no terraform on this machine)" \
      "$a_w ms (CPU $a_c)" "≥ 2× faster than terraform plan" "– (no terraform)"
  fi
  row_start "creact plan, 10 resources"
  if figs=$(python3 bench/paired.py --out "$WORK/plan10.json" --log "$WORK/plan10-runs" \
      --runs "$PLAN_RUNS" --warmup 1 --a "$(plan_cmd "$FLAT10")"); then
    read -r a_w a_wmin a_wmax a_c _ _ <<<"$figs"
    row "\`creact plan --json\`, 10 resources of the same shape, whole process, median of $PLAN_RUNS (min–max; CPU)" \
      "$a_w ms ($a_wmin–$a_wmax; CPU $a_c)" "< 400 ms" "$(met "$a_w < 400")"
  else missing "creact plan, 10 resources" "< 400 ms" "a run failed, see $WORK/plan10-runs"; fi
fi

if wants deploy; then
  # Checked first: a creact deploy creates every resource (the mock ledger says so).
  rm -rf "$FLAT/.creact"
  $(deploy_cmd "$FLAT") >"$WORK/creact-deploy.txt" 2>&1 || {
    log "creact deploy failed:"; tail -n 20 "$WORK/creact-deploy.txt" >&2; exit 1; }
  created=$(grep -c '"op":"create","id":"[^"]*","result":"ok"' "$FLAT/.creact/mock-ledger.jsonl" || true)
  log "   creact deploy: $created successful creates in the mock ledger"
  [ "$created" -eq "$N" ] || { log "expected $N creates"; exit 1; }
  row_start "creact deploy vs terraform apply, $N resources ($DEPLOY_RUNS pairs, about 30-40 s each)"
  if [ -n "$HAVE_TF" ]; then
    if figs=$(python3 bench/paired.py \
      --out "$WORK/deploy.json" --log "$WORK/deploy-runs" --runs "$DEPLOY_RUNS" --warmup "$DEPLOY_WARMUP" \
      --a "$(deploy_cmd "$FLAT")" --a-prepare "rm -rf $FLAT/.creact" \
      --b "$TF_APPLY" --b-prepare "rm -f $TF/terraform.tfstate $TF/terraform.tfstate.backup"); then
    read -r a_w a_wmin a_wmax a_c _ _ b_w b_wmin b_wmax b_c _ _ r r_min r_max <<<"$figs"
    tf_count=$(py 'import json,sys; print(len(json.load(open(sys.argv[1]))["resources"]))' "$TF/terraform.tfstate")
    log "   terraform apply: $tf_count resources in terraform.tfstate after the last run"
    [ "$tf_count" -eq "$N" ] || { log "expected $N resources in terraform.tfstate"; exit 1; }
    row "\`creact deploy --auto-approve\`, $N no-op MockResources (i reads an output of i−10), whole process from nothing, against \`terraform apply\` of the same $N terraform_data, $DEPLOY_RUNS interleaved pairs: median wall (CPU)" \
      "creact $a_w ms (CPU $a_c), terraform $b_w ms (CPU $b_c): terraform / creact **${r}×** (pairs $r_min–$r_max)" \
      "≥ 20× faster" "$(met "$r >= 20")"
    else missing "creact deploy against terraform apply" "≥ 20× faster" "a run failed, see $WORK/deploy-runs"; fi
  else
    read -r a_w a_wmin a_wmax a_c _ _ < <(python3 bench/paired.py --out "$WORK/deploy.json" --log "$WORK/deploy-runs" \
      --runs "$DEPLOY_RUNS" --warmup "$DEPLOY_WARMUP" --a "$(deploy_cmd "$FLAT")" --a-prepare "rm -rf $FLAT/.creact")
    row "\`creact deploy --auto-approve\`, $N no-op MockResources, whole process (no terraform on this machine)" \
      "$a_w ms (CPU $a_c)" "≥ 20× faster than terraform apply" "– (no terraform)"
  fi
fi

if wants dev; then
  row_start "creact dev, save → applied, $N resources"
  if SKIP_BUILD=1 RUNS="$N:25" WARMUP="$DEV_WARMUP" EDITS="$DEV_EDITS" bench/dev-latency.sh >"$WORK/dev.md" 2>"$WORK/dev.log"; then
    cp bench/target/dev-results.json "$WORK/dev.json"
    read -r med p95 n < <(py '
import json, math, statistics, sys
r = json.load(open(sys.argv[1]))[0]
xs = sorted(s["saveToFile"] for s in r["samples"] if not s["warm"])
p95 = xs[min(len(xs) - 1, max(0, math.ceil(0.95 * len(xs)) - 1))]
print(f"{statistics.median(xs):.0f} {p95:.0f} {len(xs)}")' "$WORK/dev.json")
    row "\`creact dev\` save → changed file on disk, $N local:File resources (25 ms debounce included), median / p95 ($n saves)" \
      "$med / $p95 ms" "< 100 ms" "$(met "$med < 100")"
  else
    tail -n 15 "$WORK/dev.log" >&2
    missing "creact dev, save → applied" "< 100 ms" "bench/dev-latency.sh failed, see $WORK/dev.log"
  fi
fi

# ---------------------------------------------------------------- the table
commit="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
[ -n "$(git status --porcelain --untracked-files=no 2>/dev/null)" ] && commit+=" (with uncommitted changes)"
{
  echo "### Issue 20's table, one run ($START–$(date -u '+%H:%M') UTC, git $commit)"
  echo
  echo "$(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')), $(free -g | awk '/^Mem:/ {print $2 " GiB"}');" \
    "$("$JAVA_HOME/bin/java" -version 2>&1 | head -1); $(if [ -n "$HAVE_TF" ]; then (terraform version 2>/dev/null || true) | head -1; else echo 'no terraform'; fi);" \
    "node $(node --version); ${QUICK:+QUICK=1 (fewer repetitions); }${MAX_LOAD:+MAX_LOAD=$MAX_LOAD; }daemon: $DAEMON_NOTE;" \
    "CREACT_FLAGS='${CREACT_FLAGS:-}'; CREACT_JAVA_OPTS='${CREACT_JAVA_OPTS:-}'. Load average at the start $LOAD_START, at the end $(cut -d' ' -f1-3 /proc/loadavg); the last column is the 1-minute load before → after each row."
  echo
  echo "| what | figure | target | met? | load |"
  echo "|---|---|---|---|---|"
  while IFS=$'\t' read -r what fig target ok load; do
    echo "| $what | $fig | $target | $ok | $load |"
  done <"$ROWS"
  echo
  echo "Produced by \`bench/inner-loop.sh\`; each row's details (the Markdown of bench/lsp-latency.sh and"
  echo "bench/dev-latency.sh, RenderBench's tables, every paired run) are in bench/target/inner-loop/."
} | tee "$OUT"
log "table in $OUT"
