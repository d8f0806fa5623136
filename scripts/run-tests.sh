#!/usr/bin/env bash
# Run the whole suite on SQLite and, when TEST_DATABASE_URL names PostgreSQL, again on
# PostgreSQL at the same time (two processes, two databases). Extra arguments go to pytest.
set -uo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
PG_URL="${TEST_DATABASE_URL:-}"
if [ "${CI:-}" = "true" ] && [ -z "$PG_URL" ]; then
  echo "CI=true needs TEST_DATABASE_URL (PostgreSQL): nothing may be skipped in CI." >&2
  exit 1
fi
logdir=$(mktemp -d)
status=0
if [ -n "$PG_URL" ]; then
  (TEST_DATABASE_URL="$PG_URL" "$BIN/pytest" "$@" > "$logdir/pg.log" 2>&1; echo $? > "$logdir/pg.rc") &
  pg_pid=$!
fi
echo "== SQLite =="
env -u TEST_DATABASE_URL "$BIN/pytest" "$@" || status=1
if [ -n "$PG_URL" ]; then
  wait "$pg_pid"
  echo "== PostgreSQL ($PG_URL) =="
  cat "$logdir/pg.log"
  [ "$(cat "$logdir/pg.rc")" = "0" ] || status=1
fi
rm -rf "$logdir"
exit $status
