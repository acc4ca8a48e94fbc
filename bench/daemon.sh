#!/usr/bin/env bash
# Whole-process times of the CLI with and without the daemon, side by side in one run, against terraform on
# the same graph (resource i depends on resource i-10; MockResource in creact, terraform_data in terraform):
#   plan of 10 resources; plan of 1,000 against `terraform plan -refresh=false`; a no-op deploy of 1,000
#   (everything deployed, nothing changed) against `terraform apply -auto-approve -refresh=false`.
# Each round runs every command once, in turn (daemon, --no-daemon, terraform), so a machine whose speed
# drifts slows all of them alike; RUNS rounds after one untimed round. Wall time and CPU time (user + system
# of the command and its children: for the daemon that is the client's alone, the daemon's own CPU shows in
# its line of `creact daemon status`). --eval-timeout 60000 so a loaded machine does not stop a render. The daemon lives in a folder of this run and is stopped at the end.
# Prints a Markdown table (also bench/target/daemon.md); progress on stderr.
#
#   bench/daemon.sh            # RUNS=5
#   RUNS=10 SIZE=1000 bench/daemon.sh
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$HERE"
RUNS="${RUNS:-5}"
SIZE="${SIZE:-1000}"
WORK="$HERE/bench/target/daemon"
CREACT="$HERE/bin/creact"
command -v terraform >/dev/null || { echo "daemon bench: terraform is not on the PATH" >&2; exit 1; }
command -v python3 >/dev/null || { echo "daemon bench: python3 is needed to write the stacks and the table" >&2; exit 1; }
unset CI CREACT_NO_DAEMON
export CREACT_DAEMON_DIR="$WORK/daemons" NO_COLOR=1

rm -rf "$WORK"
mkdir -p "$WORK"
trap '"$CREACT" daemon stop --all >/dev/null 2>&1 || true' EXIT

python3 - "$WORK" "$SIZE" <<'EOF'
import os, sys
work, size = sys.argv[1], int(sys.argv[2])
def creact(d, n):
    os.makedirs(d, exist_ok=True)
    lines = ['import { useInstance } from "creact";', 'import { MockResource } from "creact/mock";', "",
             "export default function Stack() {"]
    for i in range(n):
        dep = f", dependsOn: [r{i - 10:04d}]" if i >= 10 else ""
        lines.append(f'  const r{i:04d} = useInstance(MockResource, {{ key: "r{i:04d}", name: "res-{i}", size: {i % 7}{dep} }});')
    lines += ["  return null;", "}"]
    open(os.path.join(d, "infrastructure.tsx"), "w").write("\n".join(lines) + "\n")
def terraform(d, n):
    os.makedirs(d, exist_ok=True)
    out = []
    for i in range(n):
        out.append(f'resource "terraform_data" "r{i:04d}" {{')
        out.append(f'  input = {{ name = "res-{i}", size = {i % 7} }}')
        if i >= 10:
            out.append(f"  depends_on = [terraform_data.r{i - 10:04d}]")
        out.append("}")
    open(os.path.join(d, "main.tf"), "w").write("\n".join(out) + "\n")
creact(f"{work}/plan-10", 10)
creact(f"{work}/plan-{size}", size)
creact(f"{work}/deploy-{size}", size)
terraform(f"{work}/tf-plan-{size}", size)
terraform(f"{work}/tf-deploy-{size}", size)
EOF

printf 'disable_checkpoint = true\n' >"$WORK/terraformrc"
export TF_CLI_CONFIG_FILE="$WORK/terraformrc" TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1
for d in tf-plan-$SIZE tf-deploy-$SIZE; do
  (cd "$WORK/$d" && terraform init -input=false -no-color >"$WORK/$d-init.log" 2>&1) || {
    echo "daemon bench: terraform init failed; see $WORK/$d-init.log" >&2; exit 1; }
done

"$CREACT" --no-daemon --help >/dev/null 2>&1 || true   # builds the jar now, not during a measurement
echo "daemon bench: deploying the no-op stacks once (creact and terraform, $SIZE resources)…" >&2
"$CREACT" deploy --no-daemon --auto-approve --eval-timeout 60000 --entry "$WORK/deploy-$SIZE/infrastructure.tsx" >"$WORK/deploy-first.log" 2>&1
(cd "$WORK/tf-deploy-$SIZE" && terraform apply -auto-approve -input=false -no-color >"$WORK/tf-apply-first.log" 2>&1)

# name | command (run by bash in $WORK)
CASES=(
  "plan 10, daemon|$CREACT plan --eval-timeout 60000 --entry plan-10/infrastructure.tsx"
  "plan 10, --no-daemon|$CREACT plan --no-daemon --eval-timeout 60000 --entry plan-10/infrastructure.tsx"
  "plan $SIZE, daemon|$CREACT plan --eval-timeout 60000 --entry plan-$SIZE/infrastructure.tsx"
  "plan $SIZE, --no-daemon|$CREACT plan --no-daemon --eval-timeout 60000 --entry plan-$SIZE/infrastructure.tsx"
  "terraform plan $SIZE|cd tf-plan-$SIZE && terraform plan -input=false -lock=false -refresh=false -no-color"
  "deploy $SIZE no-op, daemon|$CREACT deploy --auto-approve --eval-timeout 60000 --entry deploy-$SIZE/infrastructure.tsx"
  "deploy $SIZE no-op, --no-daemon|$CREACT deploy --no-daemon --auto-approve --eval-timeout 60000 --entry deploy-$SIZE/infrastructure.tsx"
  "terraform apply $SIZE no-op|cd tf-deploy-$SIZE && terraform apply -auto-approve -input=false -refresh=false -no-color"
)

# One run: wall ms and CPU ms (user+sys of the finished children) as "wall cpu".
time_one() { # COMMAND
  python3 - "$1" <<'EOF'
import os, subprocess, sys, time
before = os.times()
t = time.monotonic()
r = subprocess.run(["bash", "-c", sys.argv[1]], cwd=os.environ["WORK"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
wall = (time.monotonic() - t) * 1000
after = os.times()
cpu = ((after.children_user - before.children_user) + (after.children_system - before.children_system)) * 1000
if r.returncode != 0:
    sys.exit(f"exit {r.returncode}: {sys.argv[1]}")
print(f"{wall:.0f} {cpu:.0f}")
EOF
}
export WORK

echo "daemon bench: load average before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
for ((round = 0; round <= RUNS; round++)); do
  echo "daemon bench: round $round of $RUNS (0 is untimed)" >&2
  for i in "${!CASES[@]}"; do
    cmd="${CASES[$i]#*|}"
    result="$(time_one "$cmd")" || { echo "daemon bench: failed: $cmd" >&2; exit 1; }
    [ "$round" -gt 0 ] && echo "$i $result" >>"$WORK/times.txt"
  done
done
echo "daemon bench: load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
"$CREACT" daemon status >"$WORK/daemon-status.txt" 2>&1 || true

names="$(printf '%s\n' "${CASES[@]}" | cut -d'|' -f1)"
python3 - "$WORK/times.txt" "$SIZE" "$RUNS" "$(cut -d' ' -f1-3 /proc/loadavg)" <<EOF | tee "$WORK/../daemon.md"
import statistics, sys
names = """$names""".splitlines()
rows = {}
for line in open(sys.argv[1]):
    i, wall, cpu = line.split()
    rows.setdefault(int(i), []).append((float(wall), float(cpu)))
size, runs, load = sys.argv[2], sys.argv[3], sys.argv[4]
med = lambda xs: statistics.median(xs)
print("| command | wall median (ms) | wall min–max (ms) | CPU median (ms) |")
print("|---|---:|---:|---:|")
for i, name in enumerate(names):
    walls = [w for w, _ in rows[i]]; cpus = [c for _, c in rows[i]]
    print(f"| {name} | {med(walls):.0f} | {min(walls):.0f}–{max(walls):.0f} | {med(cpus):.0f} |")
w = {name: med([x for x, _ in rows[i]]) for i, name in enumerate(names)}
print()
print(f"terraform plan / creact plan, {size} resources (wall medians): daemon **{w[f'terraform plan {size}'] / w[f'plan {size}, daemon']:.2f}×**, "
      f"--no-daemon {w[f'terraform plan {size}'] / w[f'plan {size}, --no-daemon']:.2f}× (target ≥ 2×).")
print(f"terraform apply / creact deploy, {size} no-op (wall medians): daemon **{w[f'terraform apply {size} no-op'] / w[f'deploy {size} no-op, daemon']:.1f}×**, "
      f"--no-daemon {w[f'terraform apply {size} no-op'] / w[f'deploy {size} no-op, --no-daemon']:.1f}× (target ≥ 20×).")
print(f"plan 10 resources (wall median): daemon {w['plan 10, daemon']:.0f} ms, --no-daemon {w['plan 10, --no-daemon']:.0f} ms (target < 400 ms).")
print(f"{runs} rounds after one untimed round, each command once per round in turn; load average at the end {load}.")
EOF
