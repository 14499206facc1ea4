#!/usr/bin/env bash
# npm run test:citus: starts a coordinator and two workers (scripts/citus-cluster.sh), runs the Citus tests and the
# integration tests that pass against the coordinator, stops the cluster (also on failure).
set -uo pipefail
cd "$(dirname "$0")/.."
port="${CITUS_PORTS:-55432}"; port="${port%% *}"
export CITUS_URL="postgres://postgres@127.0.0.1:$port/atlas"
scripts/citus-cluster.sh start || exit 1
trap 'scripts/citus-cluster.sh stop' EXIT
status=0
npx vitest run test/citus.test.ts --maxWorkers=1 || status=1
# Other integration tests named in CITUS_INTEGRATION_TESTS, with DATABASE_URL at the coordinator (test/support/stores.ts makes each test's
# database a Citus cluster of its own). docs/SCALING.md lists what passes there and what does not yet.
if [ -n "${CITUS_INTEGRATION_TESTS:-}" ]; then
  DATABASE_URL="$CITUS_URL" npx vitest run $CITUS_INTEGRATION_TESTS --maxWorkers=1 || status=1
fi
exit "$status"
