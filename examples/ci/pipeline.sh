#!/usr/bin/env bash
# The CI steps of examples/ci/github-actions.yml as one script, so that any CI service (or a person) can run
# them, and the tests run exactly these:
#
#   pipeline.sh plan    # on a pull request: plan against the shared state, save the plan in $ARTIFACTS
#                       # (plan.creact, plan.txt, plan.json) and say whether it changes anything
#   pipeline.sh apply   # on the main branch, after review: deploy exactly the saved $ARTIFACTS/plan.creact
#                       # (refused if the state moved on since it was made: plan again)
#
# The state lives in PostgreSQL: CREACT_BACKEND_URL (jdbc:postgresql://host:5432/db?user=ci, or
# postgres://ci@host/db) and PGPASSWORD come from the CI service's secrets; creact.config.json names the
# backend type and schema only. Deploys from several pipelines at once queue on the stack's lock for up to
# LOCK_TIMEOUT (default 10m) instead of failing.
#
# Environment: CREACT (the creact command, default: creact on the PATH), PROJECT (default: this folder),
# ARTIFACTS (default: $PROJECT/artifacts), STACK (default: prod), LOCK_TIMEOUT.
set -euo pipefail

step="${1:?usage: pipeline.sh plan|apply}"
PROJECT="${PROJECT:-$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)}"
ARTIFACTS="${ARTIFACTS:-$PROJECT/artifacts}"
STACK="${STACK:-prod}"
LOCK_TIMEOUT="${LOCK_TIMEOUT:-10m}"
read -r -a CREACT <<<"${CREACT:-creact}"
: "${CREACT_BACKEND_URL:?set CREACT_BACKEND_URL (a secret of the CI service) to the team database}"
export NO_COLOR=1

creact() { "${CREACT[@]}" "$@" --project "$PROJECT" --stack "$STACK"; }

case "$step" in
  plan)
    mkdir -p "$ARTIFACTS"
    set +e
    # One run: the saved plan, the plan for people (stderr with --json) and the plan document (stdout).
    creact plan --detailed-exitcode --out "$ARTIFACTS/plan.creact" --json >"$ARTIFACTS/plan.json" 2>"$ARTIFACTS/plan.txt"
    code=$?
    set -e
    cat "$ARTIFACTS/plan.txt"
    case "$code" in
      0) echo "changes=false" >"$ARTIFACTS/outcome"; echo "pipeline: no changes." ;;
      2) echo "changes=true" >"$ARTIFACTS/outcome"; echo "pipeline: the plan changes infrastructure; it is saved as plan.creact." ;;
      *) echo "pipeline: the plan failed (exit $code)." >&2; exit "$code" ;;
    esac
    ;;
  apply)
    [ -f "$ARTIFACTS/plan.creact" ] || { echo "pipeline: no saved plan in $ARTIFACTS (run the plan step first)" >&2; exit 1; }
    creact deploy "$ARTIFACTS/plan.creact" --lock-timeout "$LOCK_TIMEOUT"
    ;;
  *)
    echo "usage: pipeline.sh plan|apply" >&2; exit 1 ;;
esac
