#!/usr/bin/env bash
# Start the local PostgreSQL and Redis the tests use, when they are installed
# but not running. Both are optional for `./portal start` (SQLite in memory);
# the test suite needs them for its PostgreSQL and production-config tests.
set -uo pipefail

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

if listening 5432; then
  echo "[services] PostgreSQL is up on 127.0.0.1:5432"
elif command -v pg_ctlcluster >/dev/null && [ -d /etc/postgresql ]; then
  echo "[services] starting PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start || true
else
  echo "[services] PostgreSQL is not installed (tests that need it will fail)"
fi

if listening 6379; then
  echo "[services] Redis is up on 127.0.0.1:6379"
elif command -v redis-server >/dev/null; then
  echo "[services] starting Redis"
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no || true
else
  echo "[services] Redis is not installed (tests that need it will fail)"
fi

for _ in $(seq 1 30); do
  listening 5432 && listening 6379 && exit 0
  sleep 1
done
echo "[services] PostgreSQL or Redis did not come up" >&2
exit 1
