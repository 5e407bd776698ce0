#!/usr/bin/env bash
# compose.yaml's topology without Docker: Debian's PostgreSQL (a throwaway cluster unless DATABASE_URL is set), the
# one-shot migration, one web and two worker processes, each with its log under $TOPOLOGY_DIR. Ctrl+C or SIGTERM
# stops them (each drains as in production) and the cluster it started.
#   npm run topology                  HubSpot settings from .env or the environment, as with compose
#   TOPOLOGY_PORT_OFFSET=100 ...      every process port shifted (web on 3100), for a machine where 3000 is taken
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="$PWD/node_modules/.bin:$PATH"   # the repo's Node 24, as npm scripts use
export NODE_OPTIONS="--max-semi-space-size=16 ${NODE_OPTIONS:-}"   # the young generation capped, as in the image

# name, PROCESS_ROLE, PORT: the services of compose.yaml, in its order (tests/deploy/topology.test.ts compares them).
PROCESSES=("web web 3000" "worker-1 worker 3001" "worker-2 worker 3002")
MIGRATE=(node --liftoff-only dist/src/cli.js migrate)
COMMAND=(node --liftoff-only dist/src/main.js)

TOPOLOGY_DIR="${TOPOLOGY_DIR:-/tmp/waypoint-topology}"
OFFSET="${TOPOLOGY_PORT_OFFSET:-0}"
mkdir -p "$TOPOLOGY_DIR"

started_pg=""
if [ -z "${DATABASE_URL:-}" ]; then
  started_pg="${TOPOLOGY_PG_DIR:-/tmp/waypoint-topology-pg}"
  DATABASE_URL="$(TEST_PG_DIR="$started_pg" TEST_PG_PORT="${TOPOLOGY_PG_PORT:-55432}" scripts/test-postgres.sh)"
fi
export DATABASE_URL
# The image builds dist/ from the sources; here a build older than any source is rebuilt, never run stale.
if [ ! -f dist/src/main.js ] || [ -n "$(find src emulator -name '*.ts' -newer dist/src/main.js -print -quit)" ]; then
  npm run build >"$TOPOLOGY_DIR/build.log" 2>&1
fi

pids=()
stop() {
  trap - INT TERM EXIT
  [ ${#pids[@]} -gt 0 ] && kill -TERM "${pids[@]}" 2>/dev/null || true
  wait "${pids[@]}" 2>/dev/null || true
  if [ -n "$started_pg" ]; then
    PGBIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
    if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$PGBIN/pg_ctl" -D "$started_pg/data" -m fast stop >/dev/null || true
    else "$PGBIN/pg_ctl" -D "$started_pg/data" -m fast stop >/dev/null || true; fi
  fi
}
trap stop INT TERM EXIT

"${MIGRATE[@]}"
for process in "${PROCESSES[@]}"; do
  read -r name role port <<<"$process"
  PROCESS_ROLE="$role" PORT="$((port + OFFSET))" "${COMMAND[@]}" >"$TOPOLOGY_DIR/$name.log" 2>&1 &
  pids+=("$!")
  echo "$name: PROCESS_ROLE=$role PORT=$((port + OFFSET)) pid $! (log $TOPOLOGY_DIR/$name.log)"
done
echo "topology up on $DATABASE_URL"
# Any process ending ends the topology: a half-running one would only mislead.
wait -n "${pids[@]}" || true
