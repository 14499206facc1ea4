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
# The integration suites that pass against the coordinator (docs/SCALING.md "On Citus" lists them, and those that do
# not yet, with why), with DATABASE_URL at it: test/support/stores.ts makes each test's database a Citus cluster of its
# own. Only their server half (-t): the embedded half runs in the ordinary suite. CITUS_INTEGRATION_TESTS names others.
CITUS_INTEGRATION_TESTS="${CITUS_INTEGRATION_TESTS:-test/export.test.ts test/ogc.test.ts test/graphql-core.test.ts test/tile-etags.test.ts}"
if [ -n "$CITUS_INTEGRATION_TESTS" ]; then
  DATABASE_URL="$CITUS_URL" npx vitest run $CITUS_INTEGRATION_TESTS --maxWorkers=1 -t "server. store" || status=1
fi
exit "$status"
