#!/usr/bin/env bash
# Runs the whole `npm test` several times in a row while busy loops keep the CPU loaded, and prints pass or fail and
# the duration of each run: the check that no test depends on the machine's speed.
#   scripts/soak-tests.sh [runs=5] [hogs=2]      (npm run test:soak -- [runs] [hogs])
# Each run's output is kept in a temporary folder named at the start. Exits 0 only when every run passed.
set -uo pipefail
RUNS="${1:-5}"
HOGS="${2:-2}"
LOGS="$(mktemp -d "${TMPDIR:-/tmp}/waypoint-soak.XXXXXX")"
cd "$(dirname "$0")/.."

HOG_PIDS=()
stop_hogs() { for pid in "${HOG_PIDS[@]}"; do kill "$pid" 2>/dev/null; done; }
trap stop_hogs EXIT
for _ in $(seq 1 "$HOGS"); do node -e 'for (;;) {}' & HOG_PIDS+=("$!"); done

echo "soak: $RUNS runs of npm test with $HOGS busy loops; $(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg); logs in $LOGS"
passed=0
for run in $(seq 1 "$RUNS"); do
  started=$(date +%s)
  npm test >"$LOGS/run-$run.log" 2>&1
  status=$?
  seconds=$(( $(date +%s) - started ))
  summary="$(grep -E '^ +Tests ' "$LOGS/run-$run.log" | tail -1 | sed -E 's/\x1b\[[0-9;]*m//g; s/^ +//')"
  if [ "$status" -eq 0 ]; then verdict=pass; passed=$((passed + 1)); else verdict=FAIL; fi
  echo "run $run: $verdict in ${seconds}s (load $(cut -d' ' -f1-3 /proc/loadavg)) ${summary}"
  if [ "$status" -ne 0 ]; then grep -E '(FAIL|×) ' "$LOGS/run-$run.log" | sed -E 's/\x1b\[[0-9;]*m//g' | head -20; fi
done
echo "soak: $passed of $RUNS runs passed"
[ "$passed" -eq "$RUNS" ]
