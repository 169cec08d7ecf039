#!/usr/bin/env bash
# Stop the throwaway PostgreSQL cluster started by scripts/pg-up.sh and remove
# .pgtest (and the temp dir it may have used). Safe to run when nothing is up.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PGTEST="$REPO_ROOT/.pgtest"

log() { printf '[pg-down] %s\n' "$*" >&2 || true; }

[ -d "$PGTEST" ] || { log "nothing to do ($PGTEST absent)"; exit 0; }

PG_BIN="$(find /usr/lib/postgresql -mindepth 3 -maxdepth 3 -path '*/bin/pg_ctl' 2>/dev/null | sort -V | tail -n 1 || true)"
PG_BIN="${PG_BIN%/pg_ctl}"

as_pg() {
  if [ "$(id -u)" -eq 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

stop_cluster() { # $1 = data dir
  local d="$1" pid
  [ -f "$d/postmaster.pid" ] || return 0
  pid="$(head -n 1 "$d/postmaster.pid" 2>/dev/null || true)"
  if [ -n "$PG_BIN" ]; then
    as_pg "$PG_BIN/pg_ctl" -D "$d" -m fast -w -t 30 stop >/dev/null 2>&1 ||
      as_pg "$PG_BIN/pg_ctl" -D "$d" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
  fi
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in 1 2 3 4 5 6 7 8 9 10; do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.5
    done
    if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; fi
  fi
  log "stopped cluster in $d"
}

if [ -f "$PGTEST/datadir" ]; then stop_cluster "$(cat "$PGTEST/datadir")"; fi
stop_cluster "$PGTEST/data"
if [ -f "$PGTEST/outside" ]; then
  outside="$(cat "$PGTEST/outside")"
  case "$outside" in /tmp/cleanprepay-pgtest.*) rm -rf "$outside" ;; esac
fi
rm -rf "$PGTEST"
log "removed $PGTEST"
