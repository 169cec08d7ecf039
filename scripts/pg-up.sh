#!/usr/bin/env bash
# Start a THROWAWAY PostgreSQL cluster for the test suite.
#
#   scripts/pg-up.sh            # installs PostgreSQL if missing, starts a cluster
#   source .pgtest/env          # CLEANPREPAY_TEST_PG, PGHOST, PGPORT, PGUSER, ...
#   scripts/pg-down.sh          # stops it and removes .pgtest
#
# The cluster lives in <repo>/.pgtest (gitignored), listens on 127.0.0.1 only,
# uses trust auth and has durability switched off (fsync, full_page_writes,
# synchronous_commit) because it is thrown away after the run. It never touches
# the Debian-managed "main" cluster. Port: $CLEANPREPAY_PG_PORT or 55432, or the
# next free port after it.
#
# CLEANPREPAY_PG_DURABLE=1 (used by bench/, never by the test suite) keeps Debian's durable
# defaults instead: fsync, synchronous_commit and full_page_writes on, wal_sync_method default,
# with operator-style settings for a benchmark (shared_buffers 512MB, max_connections 300,
# pg_stat_statements preloaded). Run it from a copy under /tmp (bench/lib.sh does) so that it
# never touches <repo>/.pgtest.
#
# Idempotent: a cluster left over from a previous run is stopped and wiped first.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PGTEST="$REPO_ROOT/.pgtest"
START_PORT="${CLEANPREPAY_PG_PORT:-55432}"
ROLE=cleanprepay
ROLE_PASSWORD=cleanprepay

log() { printf '[pg-up] %s\n' "$*" >&2 || true; }
die() { printf '[pg-up] ERROR: %s\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo -n "$@"
  else
    die "need root to run: $*"
  fi
}

find_pg_bindir() {
  local initdb
  initdb="$(find /usr/lib/postgresql -mindepth 3 -maxdepth 3 -path '*/bin/initdb' 2>/dev/null | sort -V | tail -n 1 || true)"
  if [ -n "$initdb" ]; then dirname "$initdb"; fi
}

# --- 1. server binaries -------------------------------------------------------
PG_BIN="$(find_pg_bindir)"
if [ -z "$PG_BIN" ]; then
  log "PostgreSQL server binaries not found; installing the Debian 'postgresql' package"
  as_root apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >&2
  PG_BIN="$(find_pg_bindir)"
  [ -n "$PG_BIN" ] || die "postgresql installed but no /usr/lib/postgresql/*/bin/initdb found"
fi
for tool in initdb pg_ctl postgres psql pgbench; do
  [ -x "$PG_BIN/$tool" ] || die "$PG_BIN/$tool missing"
done
log "using $PG_BIN ($("$PG_BIN/postgres" --version))"

# --- 2. who runs the server ---------------------------------------------------
# initdb/pg_ctl refuse to run as root: as root, run them as the 'postgres' user.
if [ "$(id -u)" -eq 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
  PG_OWNER=postgres
  # cd /: the postgres user may not be allowed into the caller's cwd
  as_pg() { (cd / && runuser -u postgres -- "$@"); }
else
  PG_OWNER="$(id -un)"
  as_pg() { "$@"; }
fi

# --- 3. wipe a leftover cluster -----------------------------------------------
stop_cluster() { # $1 = data dir
  local d="$1"
  [ -f "$d/postmaster.pid" ] || return 0
  log "stopping leftover cluster in $d"
  as_pg "$PG_BIN/pg_ctl" -D "$d" -m fast -w -t 30 stop >/dev/null 2>&1 ||
    as_pg "$PG_BIN/pg_ctl" -D "$d" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
  # last resort: the postmaster pid from the pid file
  local pid
  pid="$(head -n 1 "$d/postmaster.pid" 2>/dev/null || true)"
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    sleep 2
    if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; fi
  fi
}
if [ -d "$PGTEST" ]; then
  if [ -f "$PGTEST/datadir" ]; then stop_cluster "$(cat "$PGTEST/datadir")"; fi
  stop_cluster "$PGTEST/data"
  if [ -f "$PGTEST/outside" ]; then
    old="$(cat "$PGTEST/outside")"
    case "$old" in /tmp/cleanprepay-pgtest.*) rm -rf "$old" ;; esac
  fi
  rm -rf "$PGTEST"
fi

# --- 4. directories -----------------------------------------------------------
mkdir -p "$PGTEST"
BASE="$PGTEST"
# The server user must be able to reach the repo, and a unix socket path must be
# short (< 108 bytes). If either fails, keep data and socket in a temp dir and
# record it so pg-down.sh can remove it.
outside=""
sockpath="$PGTEST/run/.s.PGSQL.65535"
if ! as_pg test -x "$PGTEST" 2>/dev/null || [ "${#sockpath}" -gt 100 ]; then
  outside="$(mktemp -d /tmp/cleanprepay-pgtest.XXXXXX)"
  chmod 755 "$outside"
  printf '%s\n' "$outside" >"$PGTEST/outside"
  BASE="$outside"
  log "repo path not usable by $PG_OWNER (or too long); cluster goes to $outside"
fi
DATA="$BASE/data"
SOCKDIR="$BASE/run"
PGLOG="$BASE/postgres.log"
mkdir -p "$DATA" "$SOCKDIR"
chmod 700 "$DATA"
chown "$PG_OWNER" "$DATA" "$SOCKDIR" "$PGTEST"
printf '%s\n' "$DATA" >"$PGTEST/datadir"

# --- 5. initdb ----------------------------------------------------------------
log "initdb into $DATA"
as_pg "$PG_BIN/initdb" -D "$DATA" -U postgres --auth=trust -E UTF8 --locale=C --no-sync \
  >"$PGTEST/initdb.log" 2>&1 || { cat "$PGTEST/initdb.log" >&2; die "initdb failed"; }

# trust for local + loopback, nothing else
cat >"$DATA/pg_hba.conf" <<'EOF'
# throwaway test cluster: trust on loopback only
local   all  all                trust
host    all  all  127.0.0.1/32  trust
host    all  all  ::1/128       trust
local   replication  all                trust
host    replication  all  127.0.0.1/32  trust
EOF
chown "$PG_OWNER" "$DATA/pg_hba.conf"

# --- 6. pick a port and start -------------------------------------------------
port_in_use() { # does anything accept connections on 127.0.0.1:$1?
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

write_conf() { # $1 = port
  if [ "${CLEANPREPAY_PG_DURABLE:-0}" = 1 ]; then write_durable_conf "$1"; return; fi
  cat >"$DATA/postgresql.auto.conf" <<EOF
# written by scripts/pg-up.sh (throwaway test cluster)
listen_addresses = '127.0.0.1'
port = $1
unix_socket_directories = '$SOCKDIR'
max_connections = 300
shared_buffers = '256MB'
fsync = off
synchronous_commit = off
full_page_writes = off
wal_level = minimal
max_wal_senders = 0
max_wal_size = '2GB'
checkpoint_timeout = '30min'
log_min_messages = warning
logging_collector = off
EOF
  chown "$PG_OWNER" "$DATA/postgresql.auto.conf"
}

# durable (benchmark) cluster: fsync, synchronous_commit, full_page_writes and wal_sync_method
# stay at their defaults (on, on, on, fdatasync on Linux), as Debian ships them
write_durable_conf() { # $1 = port
  cat >"$DATA/postgresql.auto.conf" <<EOF
# written by scripts/pg-up.sh (DURABLE benchmark cluster, CLEANPREPAY_PG_DURABLE=1)
listen_addresses = '127.0.0.1'
port = $1
unix_socket_directories = '$SOCKDIR'
max_connections = 300
shared_buffers = '512MB'
effective_cache_size = '1GB'
work_mem = '8MB'
maintenance_work_mem = '128MB'
wal_buffers = '16MB'
max_wal_size = '4GB'
checkpoint_timeout = '15min'
checkpoint_completion_target = 0.9
shared_preload_libraries = 'pg_stat_statements'
pg_stat_statements.track = top
log_min_messages = warning
logging_collector = off
EOF
  chown "$PG_OWNER" "$DATA/postgresql.auto.conf"
}

PORT=""
port="$START_PORT"
last=$((START_PORT + 100))
while [ "$port" -le "$last" ]; do
  if port_in_use "$port"; then
    log "port $port is taken, trying $((port + 1))"
    port=$((port + 1))
    continue
  fi
  write_conf "$port"
  : >"$PGLOG"
  chown "$PG_OWNER" "$PGLOG"
  if as_pg "$PG_BIN/pg_ctl" -D "$DATA" -l "$PGLOG" -w -t 60 start >"$BASE/pg_ctl.out" 2>&1; then
    PORT="$port"
    break
  fi
  as_pg "$PG_BIN/pg_ctl" -D "$DATA" -m immediate stop >/dev/null 2>&1 || true
  if grep -qiE 'could not bind|address already in use|could not create any TCP/IP sockets|lock file .* already exists' "$PGLOG"; then
    log "port $port: lost a race for it, trying $((port + 1))"
    port=$((port + 1))
    continue
  fi
  cat "$BASE/pg_ctl.out" >&2 || true
  tail -n 30 "$PGLOG" >&2 || true
  die "PostgreSQL failed to start (log: $PGLOG)"
done
[ -n "$PORT" ] || die "could not start PostgreSQL on any port in $START_PORT..$last"
log "PostgreSQL listening on 127.0.0.1:$PORT (socket dir $SOCKDIR)"

# --- 7. role ------------------------------------------------------------------
"$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PORT" -U postgres -d postgres \
  -c "CREATE ROLE $ROLE WITH LOGIN SUPERUSER CREATEDB PASSWORD '$ROLE_PASSWORD';" >&2

# --- 8. env file --------------------------------------------------------------
CONN="Host=127.0.0.1;Port=$PORT;Username=$ROLE;Password=$ROLE_PASSWORD;Database=postgres"
cat >"$PGTEST/env" <<EOF
# written by scripts/pg-up.sh; source it: . .pgtest/env
export CLEANPREPAY_TEST_PG="$CONN"
export PGHOST=127.0.0.1
export PGPORT=$PORT
export PGUSER=$ROLE
export PGPASSWORD=$ROLE_PASSWORD
export PGDATABASE=postgres
export CLEANPREPAY_PG_BIN="$PG_BIN"
export CLEANPREPAY_PG_DATA="$DATA"
export CLEANPREPAY_PG_LOG="$PGLOG"
case ":\$PATH:" in *":$PG_BIN:"*) ;; *) export PATH="$PG_BIN:\$PATH" ;; esac
EOF
chmod 644 "$PGTEST/env"

log "wrote $PGTEST/env"
printf 'CLEANPREPAY_TEST_PG=%s\n' "$CONN"
