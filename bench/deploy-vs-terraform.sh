#!/usr/bin/env bash
# Whole-process deploy time, creact against terraform, on the same graph: 1,000 resources where resource i
# depends on resource i-10 (ten chains, 100 deep), nothing deployed yet (every resource is a create).
#
#   creact:    one infrastructure.tsx with 1,000 `useInstance(MockResource, { key, name, latencyMs: 0, after: r(i-10).outputs.id })`
#              (an output reference, resolved by the deployer once r(i-10) exists; SHAPE=dependsOn uses
#              `dependsOn: [r(i-10)]` instead). MockResource (from "creact/mock") records each call in
#              <project>/.creact/mock-ledger.jsonl; nothing leaves the machine.
#   terraform: one main.tf with 1,000 separate `terraform_data` blocks, `input = { name = ..., after = terraform_data.r(i-10).id }`
#              (terraform_data is built into terraform: `terraform init` downloads nothing and works offline).
#
# Times, whole process, each repetition from nothing:
#   bin/creact deploy --auto-approve --entry DIR/infrastructure.tsx           (before each: rm -rf DIR/.creact)
#   terraform apply -auto-approve -input=false -lock=false                    (before each: rm -f terraform.tfstate*)
# both at their default parallelism (10), RUNS repetitions each (default 3) after one untimed, checked run
# (which also warms the OS file cache and writes creact's AOT cache); creact is timed before
# terraform's checked run, so terraform's busy minute does not weigh on creact's figures; hyperfine when it is
# installed, else a date +%s%N loop. Also times creact on the other creact shape and on a 10-resource stack.
# Prints a Markdown table on stdout (also saved to bench/target/deploy-vs-terraform.md); progress on stderr.
#
#   bench/deploy-vs-terraform.sh                 # RUNS=3, SIZE=1000
#   RUNS=5 bench/deploy-vs-terraform.sh
#   MAX_LOAD=1.0 bench/deploy-vs-terraform.sh    # wait (up to WAIT_SECS, default 600) for the 1-min load to drop below 1.0 before each timing
#   SKIP_TERRAFORM=1 bench/deploy-vs-terraform.sh
#   CREACT_JAVA_OPTS=... bench/deploy-vs-terraform.sh   # JVM flags for creact (bin/creact passes them on)
#
# bin/creact and its jar are copied to bench/target/deploy-snapshot first (or CREACT_SNAPSHOT=DIR names a
# copy made already, as bench/deploy.sh does), so that edits to engine/ or cli/ during the run do not make
# bin/creact rebuild mid-measurement. When the sources are newer than the jar it is rebuilt first; if that
# build fails (a tree mid-edit) the existing jar is used, with a warning.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$HERE"
RUNS="${RUNS:-3}"
SIZE="${SIZE:-1000}"
SHAPE="${SHAPE:-ref}"
WORK="$HERE/bench/target/deploy-vs-terraform"
log() { echo "deploy-vs-terraform: $*" >&2; }
command -v python3 >/dev/null || { log "python3 is needed to write the stacks"; exit 1; }
if [ -z "${SKIP_TERRAFORM:-}" ] && ! command -v terraform >/dev/null; then
  log "terraform is not on the PATH (install it, or SKIP_TERRAFORM=1)"; exit 1
fi
case "$SHAPE" in ref|dependsOn) ;; *) log "SHAPE must be ref or dependsOn"; exit 1 ;; esac
OTHER_SHAPE=$([ "$SHAPE" = ref ] && echo dependsOn || echo ref)

# ---------------------------------------------------------------- creact, frozen
make_snapshot() { # DIR: copies bin/creact with its jar; builds the jar first when the sources are newer
  local snap="$1"
  if ! "$HERE/bin/creact" --help >/dev/null 2>&1; then
    if [ -f "$HERE/cli/target/creact.jar" ]; then
      log "WARNING: bin/creact could not (re)build the jar (see cli/build.log); using the existing cli/target/creact.jar"
    else
      log "bin/creact cannot build the jar; see cli/build.log"; exit 1
    fi
  fi
  rm -rf "$snap"
  mkdir -p "$snap/bin" "$snap/scripts" "$snap/cli/target"
  cp "$HERE/bin/creact" "$snap/bin/"
  cp "$HERE/scripts/java-env.sh" "$snap/scripts/"
  cp -r "$HERE/cli/target/creact.jar" "$HERE/cli/target/lib" "$snap/cli/target/"
}
if [ -z "${CREACT_SNAPSHOT:-}" ]; then
  CREACT_SNAPSHOT="$HERE/bench/target/deploy-snapshot"
  log "copying bin/creact and its jar to $CREACT_SNAPSHOT…"
  make_snapshot "$CREACT_SNAPSHOT"
fi
CREACT="$CREACT_SNAPSHOT/bin/creact"

rm -rf "$WORK"
mkdir -p "$WORK"

# ---------------------------------------------------------------- the stacks
# The shared generator (bench/stacks.py): the same graph as bench/inner-loop.sh writes.
write_creact() { # DIR N SHAPE
  python3 "$HERE/bench/stacks.py" creact "$1" "$2" --shape "$3" --latency 0 --by bench/deploy-vs-terraform.sh
}
write_terraform() { # DIR N
  python3 "$HERE/bench/stacks.py" terraform "$1" "$2" --by bench/deploy-vs-terraform.sh
}
C_MAIN="$WORK/creact-$SIZE-$SHAPE"
C_OTHER="$WORK/creact-$SIZE-$OTHER_SHAPE"
C_SMALL="$WORK/creact-10-$SHAPE"
T_MAIN="$WORK/terraform-$SIZE"
write_creact "$C_MAIN" "$SIZE" "$SHAPE"
write_creact "$C_OTHER" "$SIZE" "$OTHER_SHAPE"
write_creact "$C_SMALL" 10 "$SHAPE"

if [ -z "${SKIP_TERRAFORM:-}" ]; then
  write_terraform "$T_MAIN" "$SIZE"
  # terraform: no network, no checkpoint calls, no prompts.
  printf 'disable_checkpoint = true\n' >"$WORK/terraformrc"
  export TF_CLI_CONFIG_FILE="$WORK/terraformrc" TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1 NO_COLOR=1
  (cd "$T_MAIN" && terraform init -input=false -no-color >"$WORK/terraform-init.log" 2>&1) || {
    log "terraform init failed; see $WORK/terraform-init.log"; exit 1; }
  grep -q "terraform.io/builtin/terraform is built in" "$WORK/terraform-init.log" \
    && log "terraform init: terraform_data comes from the built-in provider (nothing downloaded)"
fi

# ---------------------------------------------------------------- checked, untimed runs
creact_deploy() { # DIR -> output in DIR.out
  rm -rf "$1/.creact"
  "$CREACT" deploy --auto-approve --entry "$1/infrastructure.tsx" >"$1.out" 2>&1 || {
    log "creact deploy failed in $1; the last lines:"; tail -n 20 "$1.out" >&2; exit 1; }
  local created
  created=$(grep -c '"op":"create","id":"[^"]*","result":"ok"' "$1/.creact/mock-ledger.jsonl" || true)
  log "creact ($(basename "$1")): $(grep -E 'deploy complete' "$1.out" | tail -1) — ledger: $created successful creates"
  [ "$created" -eq "$2" ] || { log "expected $2 creates in the mock ledger, found $created"; exit 1; }
}
creact_deploy "$C_MAIN" "$SIZE"
creact_deploy "$C_OTHER" "$SIZE"
creact_deploy "$C_SMALL" 10
CREACT_SUMMARY=$(grep -E 'deploy complete' "$C_MAIN.out" | tail -1 | sed 's/^[^a-z]*//')
TF_SUMMARY="(skipped)"
# ---------------------------------------------------------------- timing
loadavg() { cut -d' ' -f1 /proc/loadavg; }
wait_quiet() { # waits (up to WAIT_SECS) for the 1-minute load average to drop below MAX_LOAD, when set
  [ -n "${MAX_LOAD:-}" ] || return 0
  local waited=0
  while python3 -c "import sys; sys.exit(0 if float('$(loadavg)') >= float('$MAX_LOAD') else 1)"; do
    if [ "$waited" -ge "${WAIT_SECS:-600}" ]; then log "load still $(loadavg) after ${waited}s; measuring anyway"; return 0; fi
    sleep 10; waited=$((waited + 10))
  done
}
# measure NAME PREPARE COMMAND -> "median min max load_before load_after" (ms, 1-min load average)
measure() {
  local name="$1" prepare="$2" cmd="$3" before after
  wait_quiet
  before=$(loadavg)
  if command -v hyperfine >/dev/null; then
    hyperfine --style none --runs "$RUNS" --prepare "$prepare" --export-json "$WORK/$name.json" --output null \
      --shell bash "$cmd" >&2
    after=$(loadavg)
    python3 - "$WORK/$name.json" "$before" "$after" <<'EOF'
import json, statistics, sys
times = sorted(t * 1000 for t in json.load(open(sys.argv[1]))["results"][0]["times"])
print(f"{statistics.median(times):.0f} {times[0]:.0f} {times[-1]:.0f} {sys.argv[2]} {sys.argv[3]}")
EOF
  else
    local i start end times=()
    for ((i = 0; i < RUNS; i++)); do
      bash -c "$prepare"
      start=$(date +%s%N)
      bash -c "$cmd" >/dev/null 2>&1
      end=$(date +%s%N)
      times+=("$(( (end - start) / 1000000 ))")
    done
    after=$(loadavg)
    python3 - "$before" "$after" "${times[@]}" <<'EOF'
import statistics, sys
xs = sorted(float(x) for x in sys.argv[3:])
print(f"{statistics.median(xs):.0f} {xs[0]:.0f} {xs[-1]:.0f} {sys.argv[1]} {sys.argv[2]}")
EOF
  fi
}
creact_cmd() { echo "$CREACT deploy --auto-approve --entry $1/infrastructure.tsx"; }
TIMER=$(command -v hyperfine >/dev/null && echo "hyperfine $(hyperfine --version | cut -d' ' -f2)" || echo "date +%s%N loop")

log "timing creact deploy ($SIZE, $SHAPE), $RUNS runs (load $(loadavg))…"
read -r c_med c_min c_max c_lb c_la < <(measure creact-main "rm -rf $C_MAIN/.creact" "$(creact_cmd "$C_MAIN")")
log "timing creact deploy ($SIZE, $OTHER_SHAPE), $RUNS runs (load $(loadavg))…"
read -r o_med o_min o_max o_lb o_la < <(measure creact-other "rm -rf $C_OTHER/.creact" "$(creact_cmd "$C_OTHER")")
log "timing creact deploy (10, $SHAPE), $RUNS runs (load $(loadavg))…"
read -r s_med s_min s_max s_lb s_la < <(measure creact-small "rm -rf $C_SMALL/.creact" "$(creact_cmd "$C_SMALL")")
if [ -z "${SKIP_TERRAFORM:-}" ]; then
  log "terraform: one untimed, checked apply of $SIZE resources (about a minute)…"
  (cd "$T_MAIN" && rm -f terraform.tfstate* && terraform apply -auto-approve -input=false -lock=false -no-color \
    >"$WORK/terraform-apply.txt" 2>&1) || { log "terraform apply failed; see $WORK/terraform-apply.txt"; exit 1; }
  TF_SUMMARY=$(grep -E '^Apply complete' "$WORK/terraform-apply.txt" | tail -1)
  tf_count=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["resources"]))' "$T_MAIN/terraform.tfstate")
  log "terraform: $TF_SUMMARY — state: $tf_count resources"
  [ "$tf_count" -eq "$SIZE" ] || { log "expected $SIZE resources in terraform.tfstate"; exit 1; }
fi

if [ -z "${SKIP_TERRAFORM:-}" ]; then
  log "timing terraform apply ($SIZE), $RUNS runs (about a minute each; load $(loadavg))…"
  read -r t_med t_min t_max t_lb t_la < <(measure terraform "cd $T_MAIN && rm -f terraform.tfstate terraform.tfstate.backup" \
    "cd $T_MAIN && terraform apply -auto-approve -input=false -lock=false -no-color")
fi

verdict() { [ "$1" -lt 2000 ] && echo "met" || echo "NOT met"; }
shape_text() { [ "$1" = ref ] && echo "output ref \`r[i-10].outputs.id\`" || echo "\`dependsOn: [r[i-10]]\`"; }
{
  echo "| command | resources | shape | median (ms) | min (ms) | max (ms) | 1-min load before → after | target |"
  echo "|---|---:|---|---:|---:|---:|---|---|"
  echo "| \`bin/creact deploy --auto-approve\` | $SIZE | $(shape_text "$SHAPE") | **$c_med** | $c_min | $c_max | $c_lb → $c_la | < 2000 ms: **$(verdict "$c_med")** |"
  echo "| \`bin/creact deploy --auto-approve\` | $SIZE | $(shape_text "$OTHER_SHAPE") | $o_med | $o_min | $o_max | $o_lb → $o_la | < 2000 ms: $(verdict "$o_med") |"
  if [ -z "${SKIP_TERRAFORM:-}" ]; then
    echo "| \`terraform apply -auto-approve -input=false -lock=false\` | $SIZE | \`input = terraform_data.r[i-10].id\` | **$t_med** | $t_min | $t_max | $t_lb → $t_la | (reference) |"
  fi
  echo "| \`bin/creact deploy --auto-approve\` | 10 | $(shape_text "$SHAPE") | $s_med | $s_min | $s_max | $s_lb → $s_la | (fixed cost) |"
  echo
  if [ -z "${SKIP_TERRAFORM:-}" ]; then
    ratio=$(python3 -c "print(f'{$t_med / $c_med:.1f}')")
    echo "terraform / creact (medians, $SIZE resources, $SHAPE shape): **${ratio}×** (above 1: creact is faster)."
  fi
  echo "Whole-process wall time, $RUNS timed runs each ($TIMER) after one untimed, checked run; fresh .creact / terraform.tfstate before every run;"
  echo "both at default parallelism 10; CREACT_JAVA_OPTS='${CREACT_JAVA_OPTS:-}'; $(nproc) CPUs."
  echo "creact: $CREACT_SUMMARY — terraform: $TF_SUMMARY"
} | tee "$WORK/../deploy-vs-terraform.md"
