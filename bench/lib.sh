# Shared plumbing of the load scripts (bench/run.sh, bench/orders.sh, bench/coupons.sh): sourced,
# not run. The caller sets, before sourcing:
#   BENCH_NAME   log prefix and results-file prefix ("bench", "orders", "coupons")
#   APP_DB       the API's database; PGB_DB a pgbench database or "" for none
#   PORT, PG_PRIVATE, REF, SKIP_BUILD, CONN_EXTRA, PERF (as documented in the caller's header)
#   PG_PRIVATE_PORT  the port of a private cluster (BENCH_PG_PRIVATE=1), distinct per script
# and then calls bench_prepare (tools, PostgreSQL, databases, build) and start_api.
# shellcheck shell=bash

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$BENCH_DIR/.." && pwd)"
RESULTS="$BENCH_DIR/results"
BASE_URL="http://127.0.0.1:$PORT"

log() { printf '[%s] %s\n' "$BENCH_NAME" "$*" >&2; }
die() { printf '[%s] ERROR: %s\n' "$BENCH_NAME" "$*" >&2; exit 1; }

WORK="$(mktemp -d "/tmp/cleanprepay-$BENCH_NAME-bench.XXXXXX")"
STARTED_PG=0
PG_ROOT="$REPO_ROOT" # where scripts/pg-up.sh keeps .pgtest
API_PID=""
API_LOG_LEVEL="${BENCH_LOG_LEVEL-${API_LOG_LEVEL-Warning}}" # "" = appsettings.json default
API_PIDS_SEEN=() # every API process seen, for the perf map files in /tmp
DBS_CREATED=0
PERF_PID=""

# --- cleanup: API process group, perf, bench databases, the PG cluster if we started it ----------
stop_api() {
  [ -n "$API_PID" ] || return 0
  if kill -0 "$API_PID" 2>/dev/null; then
    log "stopping the API (process group $API_PID)"
    kill -TERM -- "-$API_PID" 2>/dev/null || true
    for _ in $(seq 1 40); do
      kill -0 -- "-$API_PID" 2>/dev/null || break
      sleep 0.25
    done
    if kill -0 -- "-$API_PID" 2>/dev/null; then
      log "API did not stop in 10 s; killing its process group"
      kill -KILL -- "-$API_PID" 2>/dev/null || true
    fi
  fi
  wait "$API_PID" 2>/dev/null || true
  API_PID=""
}

cleanup() {
  local rc=$?
  set +e
  if [ -n "$PERF_PID" ] && kill -0 "$PERF_PID" 2>/dev/null; then kill -INT "$PERF_PID" 2>/dev/null; wait "$PERF_PID" 2>/dev/null; fi
  stop_api
  local p
  for p in "${API_PIDS_SEEN[@]}"; do rm -f "/tmp/perf-$p.map" "/tmp/perfinfo-$p.map"; done
  if [ "$DBS_CREATED" = 1 ]; then
    psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $APP_DB WITH (FORCE);" >/dev/null 2>&1
    [ -z "$PGB_DB" ] || psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $PGB_DB WITH (FORCE);" >/dev/null 2>&1
  fi
  if [ "$STARTED_PG" = 1 ]; then
    "$PG_ROOT/scripts/pg-down.sh" >/dev/null 2>&1 || log "pg-down.sh failed"
  fi
  rm -rf "$WORK"
  exit "$rc"
}

pg_alive() {
  [ -f "$PG_ROOT/.pgtest/env" ] || return 1
  # shellcheck disable=SC1091
  . "$PG_ROOT/.pgtest/env"
  psql -X -q -d postgres -tAc 'SELECT 1' >/dev/null 2>&1
}
sql() { psql -X -q -tA -v ON_ERROR_STOP=1 -d "$APP_DB" "$@"; }

# start_api LOGFILE [NAME=VALUE ...]: the API in its own process group (setsid), extra environment
# passed through env(1) so that names with dots (logging categories) work; waits for /health/ready
start_api() {
  local logfile="$1"; shift
  log "starting the API on $BASE_URL (Release, Postgres)${1:+ with $*}"
  env ASPNETCORE_ENVIRONMENT=Development \
    Database__Provider=Postgres \
    ConnectionStrings__CleanPrepay="$CONN" \
    ${API_LOG_LEVEL:+Logging__LogLevel__Default=$API_LOG_LEVEL} \
    DOTNET_CLI_TELEMETRY_OPTOUT=1 \
    DOTNET_NOLOGO=1 \
    "$@" \
    setsid dotnet run --project src/WebApi -c Release --no-build --no-launch-profile --urls "$BASE_URL" \
    >"$logfile" 2>&1 </dev/null &
  API_PID=$!
  local ready=0
  for _ in $(seq 1 240); do
    if ! kill -0 "$API_PID" 2>/dev/null; then
      tail -n 40 "$logfile" >&2
      die "the API exited during start ($logfile)"
    fi
    if curl -fsS -o /dev/null "$BASE_URL/health/ready" 2>/dev/null; then ready=1; break; fi
    sleep 0.5
  done
  [ "$ready" = 1 ] || die "the API was not ready after 120 s ($logfile)"
  local p
  for p in $(pgrep -g "$API_PID" || true); do API_PIDS_SEEN+=("$p"); done
  log "API ready"
}

# bench_prepare TOOLS...: checks the tools, installs the traps, starts or reuses PostgreSQL, creates
# the databases and builds the API (from BENCH_REF when set)
bench_prepare() {
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool is missing (apt-get update && apt-get install -y wrk curl jq)"
  done
  if [ "$PERF" = 1 ]; then command -v perf >/dev/null 2>&1 || die "BENCH_PERF=1 needs perf (apt-get install linux-perf)"; fi
  mkdir -p "$RESULTS"
  trap cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  # BENCH_PG [durable]: a private DURABLE cluster under /tmp (scripts/pg-up.sh with
  # CLEANPREPAY_PG_DURABLE=1); BENCH_PG=nondurable: the throwaway test settings, as before
  BENCH_PG="${BENCH_PG:-durable}"
  case "$BENCH_PG" in
    durable) PG_PRIVATE=1; export CLEANPREPAY_PG_DURABLE=1 ;;
    nondurable) export CLEANPREPAY_PG_DURABLE=0 ;;
    *) die "BENCH_PG=$BENCH_PG: use durable or nondurable" ;;
  esac
  if [ "$PG_PRIVATE" = 1 ]; then
    # the same script, run from a copy: its cluster lives in $WORK/pg/.pgtest, on the next free port
    PG_ROOT="$WORK/pg"
    mkdir -p "$PG_ROOT/scripts"
    cp "$REPO_ROOT/scripts/pg-up.sh" "$REPO_ROOT/scripts/pg-down.sh" "$PG_ROOT/scripts/"
    chmod 755 "$WORK" "$PG_ROOT"
  fi
  if [ "$PG_PRIVATE" != 1 ] && [ "$BENCH_PG" = nondurable ] && pg_alive; then
    log "reusing the PostgreSQL cluster in .pgtest (port $PGPORT); it stays up afterwards"
  else
    log "starting a $BENCH_PG PostgreSQL cluster ($([ "$PG_PRIVATE" = 1 ] && echo "private copy of ")scripts/pg-up.sh)"
    STARTED_PG=1
    CLEANPREPAY_PG_PORT="${CLEANPREPAY_PG_PORT:-$([ "$PG_PRIVATE" = 1 ] && echo "$PG_PRIVATE_PORT" || echo 55432)}" \
      "$PG_ROOT/scripts/pg-up.sh" >/dev/null
    pg_alive || die "PostgreSQL did not come up"
  fi
  export PGDATABASE=postgres
  export PGOPTIONS="-c client_min_messages=warning"
  PG_VERSION="$(psql -X -tAc 'SHOW server_version')"
  [ -z "$PGB_DB" ] || command -v pgbench >/dev/null 2>&1 || die "pgbench not found on PATH"

  if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
    die "something already listens on 127.0.0.1:$PORT; set BENCH_PORT"
  fi

  log "creating databases $APP_DB${PGB_DB:+ and $PGB_DB}"
  DBS_CREATED=1
  local db
  for db in "$APP_DB" ${PGB_DB:+"$PGB_DB"}; do
    psql -X -q -v ON_ERROR_STOP=1 -c "DROP DATABASE IF EXISTS $db WITH (FORCE);" -c "CREATE DATABASE $db;" >/dev/null
  done
  if [ "$BENCH_PG" = durable ]; then
    psql -X -q -d "$APP_DB" -c 'CREATE EXTENSION IF NOT EXISTS pg_stat_statements;' >/dev/null ||
      log "pg_stat_statements not available"
  fi

  # the API, built from BENCH_REF when set
  SRC_ROOT="$REPO_ROOT"
  if [ -n "$REF" ]; then
    # resolved once: HEAD may move while the run goes on (the summary names what was built)
    REF_SHA="$(git -C "$REPO_ROOT" rev-parse --verify "$REF^{commit}")" || die "BENCH_REF=$REF is not a commit"
    SRC_ROOT="$WORK/src"
    mkdir -p "$SRC_ROOT"
    log "exporting $REF (${REF_SHA:0:7}) to $SRC_ROOT"
    git -C "$REPO_ROOT" archive --format=tar "$REF_SHA" | tar -x -C "$SRC_ROOT"
    SKIP_BUILD=0
  fi
  cd "$SRC_ROOT"
  if [ "$SKIP_BUILD" != 1 ]; then
    log "dotnet build -c Release src/WebApi"
    dotnet build -c Release src/WebApi -nologo -v q -nodeReuse:false -p:UseSharedCompilation=false \
      >"$RESULTS/$BENCH_NAME-build.log" 2>&1 || { tail -n 40 "$RESULTS/$BENCH_NAME-build.log" >&2; die "build failed (bench/results/$BENCH_NAME-build.log)"; }
  fi

  CONN="Host=$PGHOST;Port=$PGPORT;Username=cleanprepay;Password=cleanprepay;Database=$APP_DB;No Reset On Close=true" # the pool: the API's own default (ADR 0037)
  [ -z "$CONN_EXTRA" ] || CONN="$CONN;$CONN_EXTRA"
  if [ -n "${CLEANPREPAY_PG_DATA:-}" ] && [ -r "$CLEANPREPAY_PG_DATA/postmaster.pid" ]; then
    PG_PM="$(head -n 1 "$CLEANPREPAY_PG_DATA/postmaster.pid")"
  fi
}

# bench_header: the first lines of every result file: the cluster as the SERVER reports it
bench_header() {
  local settings
  settings="$(psql -X -tA -F' ' -d postgres -c "SELECT name, setting || COALESCE(unit, '') FROM pg_settings
    WHERE name IN ('fsync','synchronous_commit','full_page_writes','wal_sync_method','shared_buffers',
                   'max_connections','shared_preload_libraries') ORDER BY name" | paste -sd';' - | sed 's/;/; /g')"
  echo "cluster: $BENCH_PG ($([ "$BENCH_PG" = durable ] && echo "private durable cluster, scripts/pg-up.sh CLEANPREPAY_PG_DURABLE=1" || echo "THROWAWAY test settings: NOT durable")), port $PGPORT"
  echo "server: $(psql -X -tAc 'SHOW server_version'); fsync=$(psql -X -tAc 'SHOW fsync'), synchronous_commit=$(psql -X -tAc 'SHOW synchronous_commit'), full_page_writes=$(psql -X -tAc 'SHOW full_page_writes'), wal_sync_method=$(psql -X -tAc 'SHOW wal_sync_method'), shared_buffers=$(psql -X -tAc 'SHOW shared_buffers')"
  echo "pg_settings: $settings"
  echo "commit: ${REF_SHA:-$(git -C "$REPO_ROOT" rev-parse HEAD)}$([ -n "$REF" ] || { [ -z "$(git -C "$REPO_ROOT" status --porcelain -- src)" ] || echo ' (+ uncommitted src/ changes)'; })"
  echo "date: $(date -u '+%Y-%m-%d %H:%M:%S UTC'); cores: $(nproc); load average at the end: $(loadavg)"
  echo
}

# seed_videos N: N videos with a 3.99 EUR / 48 h rent offer, ids to $WORK/videos
seed_videos() {
  : >"$WORK/videos"
  for i in $(seq 1 "$1"); do
    id="$(post /v1/videos "{\"title\":\"Bench video $i\",\"rent\":{\"price\":{\"amount\":399,\"currency\":\"EUR\"},\"credits\":1,\"accessHours\":48}}" | jq -r .id)"
    [ -n "$id" ] && [ "$id" != null ] || die "video $i: no id"
    printf '%s\n' "$id" >>"$WORK/videos"
  done
}
# seed_customers N EMAIL_PREFIX: N customers with 1,000,000.00 EUR each, ids to $WORK/ids
seed_customers() {
  : >"$WORK/ids"
  for i in $(seq 1 "$1"); do
    id="$(post /v1/customers "{\"email\":\"$2-$i@bench.example\",\"name\":\"Bench $i\"}" | jq -r .id)"
    [ -n "$id" ] && [ "$id" != null ] || die "customer $i: no id"
    post "/v1/customers/$id/wallet/adjustments" \
      '{"direction":"credit","amount":{"amount":100000000,"currency":"EUR"},"reason":"bench seed"}' >/dev/null
    printf '%s\n' "$id" >>"$WORK/ids"
  done
}
# seed_accesses: $ACCESSES synthetic accesses over $ACCESS_CUSTOMERS customer and $ACCESS_VIDEOS
# video ids straight into the table, then $PAIRS (customer, video) pairs for the entitlement load in
# $WORK/pairs (see bench/orders.sh, "entitlement check"); sets INSERT_SECS, ACCESS_*, NPAIRS
seed_accesses() {
  log "inserting $ACCESSES accesses over $ACCESS_CUSTOMERS customer ids and $ACCESS_VIDEOS video ids"
  t0="$(date +%s.%N)"
  sql >/dev/null <<SQL
SELECT setseed(0.42);
INSERT INTO accesses (id, customer_id, kind, video_id, plan_id, order_id, starts_at, expires_at, revoked_at, reason, granted_by, version)
SELECT 'acc_' || md5('bench-acc-' || g),
       'cus_' || md5('bench-cus-' || c),
       kind,
       CASE WHEN kind IN ('Rental', 'Purchase') OR (kind = 'Manual' AND r2 < 0.5) THEN 'vid_' || md5('bench-vid-' || v) END,
       CASE WHEN kind = 'Subscription' OR (kind = 'Manual' AND r2 >= 0.5) THEN 'pln_' || md5('bench-pln-' || (v % 5)) END,
       CASE WHEN kind <> 'Manual' THEN 'ord_' || md5('bench-ord-' || g) END,
       starts_at,
       CASE kind WHEN 'Rental' THEN starts_at + interval '48 hours'
                 WHEN 'Purchase' THEN NULL
                 WHEN 'Subscription' THEN starts_at + interval '30 days'
                 ELSE CASE WHEN r2 >= 0.5 THEN starts_at + interval '30 days' END END,
       CASE WHEN r3 < 0.02 THEN starts_at + interval '1 hour' END,
       CASE WHEN kind = 'Manual' THEN 'bench grant' END,
       CASE WHEN kind = 'Manual' THEN 'admin:bench' END,
       1
FROM (
  SELECT g, c, v, r, r2, r3,
         CASE WHEN r < 0.70 THEN 'Rental' WHEN r < 0.90 THEN 'Purchase' WHEN r < 0.97 THEN 'Subscription' ELSE 'Manual' END AS kind,
         now() - CASE WHEN r < 0.70 THEN r2 * interval '10 days'
                      WHEN r < 0.90 THEN r2 * interval '700 days'
                      ELSE r2 * interval '90 days' END AS starts_at
  FROM (
    SELECT g, floor(random() * $ACCESS_CUSTOMERS)::int AS c, floor(random() * $ACCESS_VIDEOS)::int AS v,
           random() AS r, random() AS r2, random() AS r3
    FROM generate_series(1, $ACCESSES) AS g
  ) raw
) mixed;
SQL
  INSERT_SECS="$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')"
  log "inserted in ${INSERT_SECS}s; VACUUM (ANALYZE) accesses"
  sql -c 'VACUUM (ANALYZE) accesses;' >/dev/null
  ACCESS_TOTAL="$(sql -c 'SELECT count(*) FROM accesses')"
  ACCESS_MIX="$(sql -F'=' -c "SELECT kind, count(*) FROM accesses GROUP BY 1 ORDER BY 1" | paste -sd' ' -)"
  ACCESS_LIVE="$(sql -c "SELECT count(*) FROM accesses WHERE revoked_at IS NULL AND starts_at <= now() AND (expires_at IS NULL OR expires_at > now())")"
  ACCESS_SIZE="$(sql -c "SELECT pg_size_pretty(pg_total_relation_size('accesses'))")"

  # pairs: half (customer, video) of accesses that name a video (live or not), half random customer
  # with random video (mostly no grant, unless a subscription or a plan grant covers everything)
  half=$((PAIRS / 2))
  sql -F' ' >"$WORK/pairs" <<SQL
SELECT setseed(0.17);
SELECT customer_id, video_id FROM (
  (SELECT customer_id, video_id FROM accesses TABLESAMPLE BERNOULLI (1) REPEATABLE (7)
   WHERE video_id IS NOT NULL ORDER BY random() LIMIT $half)
  UNION ALL
  (SELECT 'cus_' || md5('bench-cus-' || floor(random() * $ACCESS_CUSTOMERS)::int),
          'vid_' || md5('bench-vid-' || floor(random() * $ACCESS_VIDEOS)::int)
   FROM generate_series(1, $((PAIRS - half))))
) p ORDER BY random();
SQL
  sed -i '/^$/d; /^ *$/d' "$WORK/pairs"
  NPAIRS="$(wc -l <"$WORK/pairs")"
  [ "$NPAIRS" -gt 0 ] || die "no entitlement pairs"
}

# pgbench_measure NAME OUTFILE PGBENCH_ARGS...: one measured pgbench window on $PGB_DB with
# per-transaction logs; sets PGB_TPS, PGB_TXNS, PGB_FAILED, PGB_P50, PGB_P99 (ms) and CPU_LINE[NAME]
pgbench_measure() {
  local name="$1" out="$2"; shift 2
  rm -rf "$WORK/pgblog"; mkdir -p "$WORK/pgblog"
  cpu_begin
  (cd "$WORK/pgblog" && pgbench "$@" -l --log-prefix=pgb "$PGB_DB") \
    >"$out" 2>&1 || { cat "$out" >&2; die "pgbench failed"; }
  PGB_TPS_RAW="$(awk '/^tps = / && /(without initial connection time|excluding connections establishing)/ {print $3; exit}' "$out")"
  [ -n "$PGB_TPS_RAW" ] || PGB_TPS_RAW="$(awk '/^tps = / {print $3; exit}' "$out")"
  [ -n "$PGB_TPS_RAW" ] || die "no tps in $out"
  PGB_TPS="$(awk -v t="$PGB_TPS_RAW" 'BEGIN { printf "%.2f", t }')"
  PGB_TXNS="$(awk -F': *' '/number of transactions actually processed/ { split($2, a, "/"); print a[1]; exit }' "$out")"
  cpu_end "$name" "${PGB_TXNS:-0}" 0.5
  PGB_FAILED="$(awk -F'[ :]+' '/number of failed transactions/ {print $5; exit}' "$out")"
  PGB_FAILED="${PGB_FAILED:-0}"
  # per-transaction latencies (column 3, microseconds) from the -l logs
  read -r PGB_P50 PGB_P99 <<<"$(cat "$WORK"/pgblog/pgb* | awk '{print $3}' | sort -n | awk '
    { v[NR] = $1 }
    END { if (NR == 0) { print "n/a n/a"; exit }
          i50 = int(NR * 0.50 + 0.999999); i99 = int(NR * 0.99 + 0.999999);
          printf "%.3f %.3f\n", v[i50] / 1000, v[i99] / 1000 }')"
}

# ledger_check: every pocket equals the sum of its ledger entries (and more), in the app database;
# sets LEDGER_OK (1/0), LEDGER_LINE, POCKETS, WALLETS and LEDGER_COUNTS, and logs the verdict
ledger_check() {
  log "checking the ledger"
  local row
  row="$(sql -F' ' <<'SQL'
WITH pockets AS (
  SELECT p.wallet_id, p.currency, p.balance,
         COALESCE((SELECT SUM(l.amount) FROM ledger_entries l
                   WHERE l.wallet_id = p.wallet_id AND l.currency = p.currency), 0) AS ledger_sum,
         (SELECT l.balance_after FROM ledger_entries l
          WHERE l.wallet_id = p.wallet_id AND l.currency = p.currency
          ORDER BY l.sequence DESC LIMIT 1) AS last_balance_after
  FROM wallet_pockets p
), credit_pockets AS (
  SELECT w.id, w.credits,
         COALESCE((SELECT SUM(l.amount) FROM ledger_entries l
                   WHERE l.wallet_id = w.id AND l.currency IS NULL), 0) AS ledger_sum
  FROM wallets w
)
SELECT
  (SELECT count(*) FROM pockets),
  (SELECT count(*) FROM pockets WHERE balance <> ledger_sum),
  (SELECT count(*) FROM credit_pockets),
  (SELECT count(*) FROM credit_pockets WHERE credits <> ledger_sum),
  (SELECT count(*) FROM (SELECT wallet_id, sequence FROM ledger_entries GROUP BY 1, 2 HAVING count(*) > 1) d),
  (SELECT count(*) FROM ledger_entries l WHERE l.currency IS NOT NULL AND NOT EXISTS
     (SELECT 1 FROM wallet_pockets p WHERE p.wallet_id = l.wallet_id AND p.currency = l.currency)),
  (SELECT count(*) FROM pockets WHERE last_balance_after IS DISTINCT FROM balance AND ledger_sum <> 0),
  (SELECT count(*) FROM (SELECT wallet_id FROM ledger_entries GROUP BY 1 HAVING max(sequence) <> count(*)) g);
SQL
  )"
  local POCKET_BAD CREDITS_BAD DUP_SEQ ORPHANS LAST_BAD GAPPY LEDGER_NOTE
  read -r POCKETS POCKET_BAD WALLETS CREDITS_BAD DUP_SEQ ORPHANS LAST_BAD GAPPY <<<"$row"
  LEDGER_OK=1
  LEDGER_NOTE=""
  [ "$POCKET_BAD" = 0 ] || { LEDGER_OK=0; LEDGER_NOTE+=" $POCKET_BAD pocket(s) differ from their ledger sum;"; }
  [ "$CREDITS_BAD" = 0 ] || { LEDGER_OK=0; LEDGER_NOTE+=" $CREDITS_BAD credits pocket(s) differ from their ledger sum;"; }
  [ "$DUP_SEQ" = 0 ] || { LEDGER_OK=0; LEDGER_NOTE+=" $DUP_SEQ duplicate (wallet, sequence);"; }
  [ "$ORPHANS" = 0 ] || { LEDGER_OK=0; LEDGER_NOTE+=" $ORPHANS ledger entries without a pocket;"; }
  [ "$LAST_BAD" = 0 ] || { LEDGER_OK=0; LEDGER_NOTE+=" $LAST_BAD pocket(s) whose last balance_after is not the balance;"; }
  if [ "$LEDGER_OK" = 1 ]; then
    LEDGER_LINE="ledger consistent: $((POCKETS + WALLETS)) pockets checked ($POCKETS currency pockets, $WALLETS credits pockets): each equals the sum of its ledger entries"
  else
    LEDGER_LINE="ledger INCONSISTENT:$LEDGER_NOTE"
  fi
  log "$LEDGER_LINE"
  [ "$GAPPY" = 0 ] || log "note: $GAPPY wallet(s) whose ledger sequences are not 1..n (informational)"
  LEDGER_COUNTS="$(sql -F'=' -c "SELECT kind, count(*) FROM ledger_entries GROUP BY kind ORDER BY kind" | paste -sd' ' -)"
}

post() { # $1 path, $2 body; prints the response body, fails on non-2xx
  curl -fsS -X POST "$BASE_URL$1" -H 'Content-Type: application/json' -H "Authorization: Bearer $TOKEN" --data "$2"
}
new_token() {
  TOKEN="$(curl -fsS -X POST "$BASE_URL/v1/dev/tokens" -H 'Content-Type: application/json' --data '{"role":"admin"}' | jq -r .token)"
  [ -n "$TOKEN" ] && [ "$TOKEN" != null ] || die "no admin token from /v1/dev/tokens"
  printf '%s\n' "$TOKEN" >"$WORK/token"
}

# --- CPU accounting (as run.sh) ------------------------------------------------------------------
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
checkpoint() { psql -X -q -d "$1" -c 'CHECKPOINT;' >/dev/null; }
HZ="$(getconf CLK_TCK)"
PG_PM="" # the postmaster's pid, set by bench_prepare once PostgreSQL is up
pid_ticks() {
  local t=0 p v
  for p in "$@"; do
    v="$(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || true)"
    t=$((t + ${v:-0}))
  done
  echo "$t"
}
api_ticks() { if [ -n "$API_PID" ]; then pid_ticks $(pgrep -g "$API_PID" || true); else echo 0; fi; }
pg_ticks() {
  if [ -z "$PG_PM" ]; then echo 0; return; fi
  local own
  own="$(awk '{print $14 + $15 + $16 + $17}' "/proc/$PG_PM/stat" 2>/dev/null || echo 0)"
  echo $((own + $(pid_ticks $(pgrep -P "$PG_PM" || true))))
}
child_ticks() { awk 'NR == 2 { split($1, u, /[ms]/); split($2, s, /[ms]/); printf "%d\n", (u[1] * 60 + u[2] + s[1] * 60 + s[2]) * '"$HZ"' }' "$WORK/times"; }
busy_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat; }
# every process's utime+stime (pid ticks comm), to name the busiest processes that are none of ours
proc_snap() { awk '{ print $1, $14 + $15, $2 }' /proc/[0-9]*/stat 2>/dev/null | sort -k1,1 >"$1" || true; }
others_line() { # SECONDS: the 3 busiest other commands over the window (>= 1 % of all cores; processes
  # that started and ended inside the window are missed: they only show in "other processes")
  local ours
  ours="$( { [ -z "$API_PID" ] || pgrep -g "$API_PID"; [ -z "$PG_PM" ] || { echo "$PG_PM"; pgrep -P "$PG_PM"; }; echo $$; } 2>/dev/null | sort -u | paste -sd' ' -)"
  join "$WORK/snap0" "$WORK/snap1" | awk -v ours=" $ours " -v hz="$HZ" -v secs="$1" -v cores="$(nproc)" '
    index(ours, " " $1 " ") == 0 { d = $4 - $2; if (d > 0) by[$3] += d }
    END { for (c in by) printf "%d %s\n", by[c], c }' | sort -rn | head -n 3 |
    awk -v hz="$HZ" -v secs="$1" -v cores="$(nproc)" '{ gsub(/[()]/, "", $2); p = 100 * $1 / (hz * secs * cores)
      if (p >= 1) { printf "%s%s %.0f%%", (k++ ? ", " : ""), $2, p } }'
}
cpu_begin() { proc_snap "$WORK/snap0"; times >"$WORK/times"; C0=("$(api_ticks)" "$(pg_ticks)" "$(child_ticks)" "$(busy_ticks)" "$(date +%s.%N)"); }
declare -A CPU_LINE
cpu_end() { # NAME REQUESTS [SETTLE_SECONDS]
  # SETTLE: the window ends now, but CPU is read that much later, once PostgreSQL has reaped the
  # backends of a client that just disconnected (pgbench): a backend that exited and is not yet
  # reaped is in neither the live children nor the postmaster's cutime, and would count as "other"
  local t1; t1="$(date +%s.%N)"
  [ -z "${3:-}" ] || sleep "$3"
  times >"$WORK/times"
  local c1=("$(api_ticks)" "$(pg_ticks)" "$(child_ticks)" "$(busy_ticks)" "$t1")
  proc_snap "$WORK/snap1"
  local others
  others="$(others_line "$(awk -v x="${C0[4]}" -v y="${c1[4]}" 'BEGIN { print y - x }')")"
  CPU_LINE[$1]="$(awk -v a=$((c1[0] - C0[0])) -v p=$((c1[1] - C0[1])) -v g=$((c1[2] - C0[2])) -v b=$((c1[3] - C0[3])) \
    -v secs="$(awk -v x="${C0[4]}" -v y="${c1[4]}" 'BEGIN { print y - x }')" -v n="$2" -v hz="$HZ" -v cores="$(nproc)" 'BEGIN {
      cap = hz * secs * cores; o = b - a - p - g; if (o < 0) o = 0
      printf "cpu of %d cores: api %.0f%%, postgres %.0f%%, load generator %.0f%%, other processes %.0f%%, idle %.0f%%", cores, 100*a/cap, 100*p/cap, 100*g/cap, 100*o/cap, (cap > b ? 100*(cap-b)/cap : 0)
      if (n > 0 && a > 0) printf "; CPU per request: api %.2f ms, postgres %.2f ms", 1000*a/hz/n, 1000*p/hz/n
      else if (n > 0) printf "; CPU per transaction: postgres %.2f ms, pgbench %.2f ms", 1000*p/hz/n, 1000*g/hz/n
    }')${others:+; busiest others: $others}"
}

# run_wrk SCRIPT SECONDS OUTFILE CONNECTIONS THREADS ARGS...
run_wrk() {
  local script="$1" secs="$2" out="$3" c="$4" t="$5"; shift 5
  wrk -t"$t" -c"$c" -d"${secs}s" --timeout 10s --latency \
    -s "$BENCH_DIR/$script" "$BASE_URL" -- "$@" >"$out" 2>&1 \
    || { cat "$out" >&2; die "wrk failed ($script)"; }
  grep -q '^BENCH ' "$out" || { cat "$out" >&2; die "no BENCH line in $out"; }
}
bench_line() { grep -m1 '^BENCH ' "$1"; }
kv() { sed -n "s/.*[ ]$2=\([^ ]*\).*/\1/p" <<<"$1"; }
errors_of() { local l="$1"; echo $(( $(kv "$l" non2xx) + $(kv "$l" connect_err) + $(kv "$l" read_err) + $(kv "$l" write_err) + $(kv "$l" timeout_err) )); }
show_statuses() { # files...: print non-2xx breakdowns, if any
  if grep -q '^BENCH_STATUSES' "$@"; then grep -h '^BENCH_STATUSES\|^BENCH_FIRST_ERROR' "$@" >&2 || true; fi
}

# BENCH_PERF=1: perf record -a -g over a measured window, then a report of where the API's and
# PostgreSQL's cycles went. The perf map the API writes (/tmp/perf-PID.map) resolves JIT frames;
# each of its lines is one method the JIT compiled.
jitted_methods() { local t=0 p n; for p in $(pgrep -g "$API_PID" || true); do n="$(wc -l <"/tmp/perf-$p.map" 2>/dev/null || echo 0)"; t=$((t + n)); done; echo "$t"; }
perf_begin() { # [SECONDS, default $DURATION]
  [ "$PERF" = 1 ] || return 0
  JIT0="$(jitted_methods)"
  PERF_SECONDS="${1:-$DURATION}"
  perf record -F 999 -a -g -o "$WORK/perf.data" -- sleep "$PERF_SECONDS" >"$WORK/perf-record.log" 2>&1 &
  PERF_PID=$!
}
perf_end() { # NAME REQ_PER_S OUTFILE (under bench/results)
  [ "$PERF" = 1 ] || return 0
  local name="$1" rate="$2" out="$RESULTS/$3" p app_pid jit1
  wait "$PERF_PID" 2>/dev/null || true
  PERF_PID=""
  jit1="$(jitted_methods)"
  log "perf report -> bench/results/$3"
  preport() { perf report -i "$WORK/perf.data" --stdio "$@" -g none 2>/dev/null | grep -v '^#' | grep -v '^$' || true; }
  cat >"$WORK/stacks.awk" <<'AWK'
# perf script output (one process) -> self time by assembly/object, top self symbols, top inclusive
# frames; weights are the sample periods (cycles). Sections selected by -v what=groups|self|incl
function short(s, dso,   a, r) {
  if (s == "[unknown]") { sub(/.*\//, "", dso); return (dso ~ /^perf-[0-9]+\.map$/ ? "[JIT, unresolved]" : "[unknown in " dso "]") }
  if (match(s, /\[[A-Za-z0-9_.]+\] /)) {
    a = substr(s, RSTART, RLENGTH - 1); r = substr(s, RSTART + RLENGTH)
    sub(/\(.*/, "", r); return a " " r
  }
  sub(/\+0x[0-9a-f]+$/, "", s); return s
}
function group(s, dso) {
  if (match(s, /^\[[A-Za-z0-9_.]+\]/)) return ".NET " substr(s, 2, RLENGTH - 2)
  if (s ~ /^\[JIT/) return ".NET (unresolved)"
  sub(/.*\//, "", dso); return dso
}
function flush(   k) {
  if (w > 0 && nf > 0) {
    total += w; selfw[first] += w; grp[firstgroup] += w
    for (k in seen) incl[k] += w
  }
  delete seen; nf = 0; w = 0
}
/^[^\t]/ { flush(); if (match($0, /[0-9]+ +cycles/)) { w = substr($0, RSTART, RLENGTH); sub(/ .*/, "", w) } next }
/^\t/ {
  line = $0; sub(/^\t *[0-9a-f]+ /, "", line)
  dso = line; sub(/.* \(/, "", dso); sub(/\)$/, "", dso)
  sym = line; sub(/ \([^()]*\)$/, "", sym)
  s = short(sym, dso)
  if (nf == 0) { first = s; firstgroup = group(s, dso) }
  nf++; seen[s] = 1
  next
}
END {
  flush()
  if (total == 0) { print "  (no samples)"; exit }
  if (what == "groups") for (k in grp) { if (100 * grp[k] / total >= 0.5) printf "%7.2f%%  %s\n", 100 * grp[k] / total, k }
  if (what == "self") for (k in selfw) { if (100 * selfw[k] / total >= 0.3) printf "%7.2f%%  %s\n", 100 * selfw[k] / total, substr(k, 1, 200) }
  if (what == "incl") for (k in incl) { if (100 * incl[k] / total >= 2) printf "%7.2f%%  %s\n", 100 * incl[k] / total, substr(k, 1, 200) }
}
AWK
  app_pid="$(for p in $(pgrep -g "$API_PID"); do echo "$(wc -l <"/tmp/perf-$p.map" 2>/dev/null || echo 0) $p"; done | sort -rn | awk 'NR == 1 { print $2 }')"
  perf script -i "$WORK/perf.data" --pid "$app_pid" >"$WORK/api-stacks.txt" 2>/dev/null || true
  api_view() { awk -v what="$1" -f "$WORK/stacks.awk" "$WORK/api-stacks.txt" | sort -rn | head -n "$2"; }
  {
    echo "perf record -F 999 -a -g during the measured $name window (${PERF_SECONDS}s, $rate req/s); API process $app_pid"
    echo "methods JIT-compiled by the API during the window: $((jit1 - JIT0)) (perf map lines $JIT0 -> $jit1)"
    echo
    echo "== all processes: % of all samples by thread name and object =="
    preport --no-children --sort comm,dso --percent-limit 0.5
    echo
    echo "== API process: self time by .NET assembly (JIT-compiled code) or native object, % of the API's cycles =="
    api_view groups 30
    echo
    echo "== API process: hottest functions, self, % of the API's cycles =="
    api_view self 60
    echo
    echo "== API process: inclusive time of frames on the sampled stacks, % of the API's cycles, top 70 =="
    echo "   (async methods resume on thread-pool threads: a frame covers its synchronous part only)"
    api_view incl 70
    echo
    echo "== PostgreSQL backends: hottest symbols, self (% of the backends' samples) =="
    preport --no-children --comm postgres --sort sym --percentage relative --percent-limit 0.5 | head -n 40
  } >"$out" 2>&1 || log "perf report failed (see bench/results/$3)"
}
