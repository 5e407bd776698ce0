#!/usr/bin/env bash
# Starts a throwaway PostgreSQL from Debian's packages on loopback for the store contract suite and prints its URL.
# fsync is off: this database holds nothing worth keeping and the suite runs faster without it.
set -euo pipefail
PGBIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
PORT="${TEST_PG_PORT:-54329}"
# A server left running on the port (an earlier run on this machine) must not fail this one: take the next free port.
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for _ in $(seq 1 20); do port_busy "$PORT" || break; PORT=$((PORT + 1)); done
DIR="${TEST_PG_DIR:-/tmp/waypoint-test-pg}"
RUN_AS=()
if [ "$(id -u)" = "0" ]; then RUN_AS=(runuser -u postgres --); fi
rm -rf "$DIR" && mkdir -p "$DIR" && chown -R "$( [ "$(id -u)" = "0" ] && echo postgres || id -un )" "$DIR"
"${RUN_AS[@]}" "$PGBIN/initdb" -D "$DIR/data" -U waypoint --auth=trust >/dev/null
"${RUN_AS[@]}" "$PGBIN/pg_ctl" -D "$DIR/data" -l "$DIR/log" -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" -w start >/dev/null
"${RUN_AS[@]}" "$PGBIN/createdb" -h 127.0.0.1 -p "$PORT" -U waypoint waypoint_test
echo "postgres://waypoint@127.0.0.1:$PORT/waypoint_test"
