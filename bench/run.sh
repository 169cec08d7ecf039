#!/usr/bin/env bash
# CleanPrepay load run on PostgreSQL: wallet debits and top-ups per second (p50/p99) through the
# HTTP API, then `pgbench -N` on the same server at the same concurrency, and the ratio.
# See bench/README.md. Summary goes to stdout and bench/results/latest.txt.
#
# Knobs (environment), defaults in brackets:
#   BENCH_CONNECTIONS [16]    concurrent connections for wrk and pgbench (-c)
#   BENCH_THREADS [2]         wrk threads / pgbench jobs (-j)
#   BENCH_DURATION [20]       measured seconds per phase
#   BENCH_WARMUP [60]         warm-up seconds before the debit phase (the first load the API sees:
#                             .NET tiered JIT needs about a minute of load on 2 cores to settle)
#   BENCH_TOPUP_WARMUP [20]   warm-up seconds before the top-up phase
#   BENCH_PGBENCH_WARMUP [5]  pgbench warm-up seconds
#   BENCH_CUSTOMERS [64]      seeded customers the load walks round-robin
#   BENCH_PORT [5099]         API port on 127.0.0.1
#   BENCH_PGBENCH_SCALE [16]  pgbench -i -s
#   BENCH_CONN_EXTRA []       appended to the API's connection string, e.g. "Max Auto Prepare=20"
#   BENCH_PG_PRIVATE [0]      1 = run a private copy of scripts/pg-up.sh under /tmp instead of
#                             .pgtest, so a concurrent ./test.sh (which wipes .pgtest) cannot collide
#   BENCH_REF []              a commit (e.g. HEAD) to bench instead of the working tree: it is
#                             exported with `git archive` into a temp dir and built there, so
#                             uncommitted or concurrent edits in src/ neither break nor skew the run
#   BENCH_SKIP_BUILD [0]      1 = use the existing Release build (working tree only)
#   BENCH_STRICT [0]          1 = exit 2 when a target is missed
#
# Exit status: 0 = the run completed and the ledger is consistent (targets may still be missed:
# read the verdict); 1 = the run failed or the ledger is inconsistent; 2 = BENCH_STRICT=1 and a
# target was missed.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$BENCH_DIR/.." && pwd)"
RESULTS="$BENCH_DIR/results"

CONNECTIONS="${BENCH_CONNECTIONS:-16}"
THREADS="${BENCH_THREADS:-2}"
DURATION="${BENCH_DURATION:-20}"
WARMUP="${BENCH_WARMUP:-60}"
TOPUP_WARMUP="${BENCH_TOPUP_WARMUP:-20}"
PGBENCH_WARMUP="${BENCH_PGBENCH_WARMUP:-5}"
CONN_EXTRA="${BENCH_CONN_EXTRA:-}"
PG_PRIVATE="${BENCH_PG_PRIVATE:-0}"
REF="${BENCH_REF:-}"
CUSTOMERS="${BENCH_CUSTOMERS:-64}"
PORT="${BENCH_PORT:-5099}"
PGBENCH_SCALE="${BENCH_PGBENCH_SCALE:-16}"
SKIP_BUILD="${BENCH_SKIP_BUILD:-0}"
STRICT="${BENCH_STRICT:-0}"

# targets (from the issue)
TARGET_RATIO_PCT=35
TARGET_P99_MS=50

APP_DB=cleanprepay_bench
PGB_DB=pgbench_bench
BASE_URL="http://127.0.0.1:$PORT"

log() { printf '[bench] %s\n' "$*" >&2; }
die() { printf '[bench] ERROR: %s\n' "$*" >&2; exit 1; }

for tool in wrk curl jq awk; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool is missing (apt-get update && apt-get install -y wrk curl jq)"
done

mkdir -p "$RESULTS"
WORK="$(mktemp -d /tmp/cleanprepay-bench.XXXXXX)"
STARTED_PG=0
PG_ROOT="$REPO_ROOT" # where scripts/pg-up.sh keeps .pgtest
API_PID=""
DBS_CREATED=0

# --- cleanup: API process group, bench databases, the PG cluster if we started it ----------------
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
  stop_api
  if [ "$DBS_CREATED" = 1 ]; then
    psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $APP_DB WITH (FORCE);" >/dev/null 2>&1
    psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $PGB_DB WITH (FORCE);" >/dev/null 2>&1
  fi
  if [ "$STARTED_PG" = 1 ]; then
    "$PG_ROOT/scripts/pg-down.sh" >/dev/null 2>&1 || log "pg-down.sh failed"
  fi
  rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- 1. PostgreSQL -----------------------------------------------------------------------------
pg_alive() {
  [ -f "$PG_ROOT/.pgtest/env" ] || return 1
  # shellcheck disable=SC1091
  . "$PG_ROOT/.pgtest/env"
  psql -X -q -d postgres -tAc 'SELECT 1' >/dev/null 2>&1
}
if [ "$PG_PRIVATE" = 1 ]; then
  # the same script, run from a copy: its cluster lives in $WORK/pg/.pgtest, on the next free port
  PG_ROOT="$WORK/pg"
  mkdir -p "$PG_ROOT/scripts"
  cp "$REPO_ROOT/scripts/pg-up.sh" "$REPO_ROOT/scripts/pg-down.sh" "$PG_ROOT/scripts/"
  chmod 755 "$WORK" "$PG_ROOT"
fi
if [ "$PG_PRIVATE" != 1 ] && pg_alive; then
  log "reusing the PostgreSQL cluster in .pgtest (port $PGPORT); it stays up afterwards"
else
  log "starting a throwaway PostgreSQL cluster ($([ "$PG_PRIVATE" = 1 ] && echo "private copy of ")scripts/pg-up.sh)"
  STARTED_PG=1
  CLEANPREPAY_PG_PORT="${CLEANPREPAY_PG_PORT:-$([ "$PG_PRIVATE" = 1 ] && echo 56432 || echo 55432)}" \
    "$PG_ROOT/scripts/pg-up.sh" >/dev/null
  pg_alive || die "PostgreSQL did not come up"
fi
export PGDATABASE=postgres
export PGOPTIONS="-c client_min_messages=warning"
PG_VERSION="$(psql -X -tAc 'SHOW server_version')"
command -v pgbench >/dev/null 2>&1 || die "pgbench not found on PATH"

if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
  die "something already listens on 127.0.0.1:$PORT; set BENCH_PORT"
fi

log "creating databases $APP_DB and $PGB_DB"
DBS_CREATED=1
for db in "$APP_DB" "$PGB_DB"; do
  psql -X -q -v ON_ERROR_STOP=1 -c "DROP DATABASE IF EXISTS $db WITH (FORCE);" -c "CREATE DATABASE $db;" >/dev/null
done

# --- 2. build and start the API -----------------------------------------------------------------
SRC_ROOT="$REPO_ROOT"
if [ -n "$REF" ]; then
  SRC_ROOT="$WORK/src"
  mkdir -p "$SRC_ROOT"
  log "exporting $REF ($(git -C "$REPO_ROOT" rev-parse --short "$REF")) to $SRC_ROOT"
  git -C "$REPO_ROOT" archive --format=tar "$REF" | tar -x -C "$SRC_ROOT"
  SKIP_BUILD=0
fi
cd "$SRC_ROOT"
if [ "$SKIP_BUILD" != 1 ]; then
  log "dotnet build -c Release src/WebApi"
  # no build servers left behind (node reuse, shared compilation)
  dotnet build -c Release src/WebApi -nologo -v q -nodeReuse:false -p:UseSharedCompilation=false \
    >"$RESULTS/build.log" 2>&1 || { tail -n 40 "$RESULTS/build.log" >&2; die "build failed (bench/results/build.log)"; }
fi

CONN="Host=$PGHOST;Port=$PGPORT;Username=cleanprepay;Password=cleanprepay;Database=$APP_DB;Maximum Pool Size=64;No Reset On Close=true"
[ -z "$CONN_EXTRA" ] || CONN="$CONN;$CONN_EXTRA"
log "starting the API on $BASE_URL (Release, Postgres)"
# setsid: the API (dotnet run and the app it spawns) gets its own process group, killed as one.
ASPNETCORE_ENVIRONMENT=Development \
  Database__Provider=Postgres \
  ConnectionStrings__CleanPrepay="$CONN" \
  Logging__LogLevel__Default=Warning \
  DOTNET_CLI_TELEMETRY_OPTOUT=1 \
  DOTNET_NOLOGO=1 \
  setsid dotnet run --project src/WebApi -c Release --no-build --no-launch-profile --urls "$BASE_URL" \
  >"$RESULTS/api.log" 2>&1 </dev/null &
API_PID=$!

ready=0
for _ in $(seq 1 240); do
  if ! kill -0 "$API_PID" 2>/dev/null; then
    tail -n 40 "$RESULTS/api.log" >&2
    die "the API exited during start (bench/results/api.log)"
  fi
  if curl -fsS -o /dev/null "$BASE_URL/health/ready" 2>/dev/null; then ready=1; break; fi
  sleep 0.5
done
[ "$ready" = 1 ] || die "the API was not ready after 120 s (bench/results/api.log)"
log "API ready"

# --- 3. seed through the HTTP API ----------------------------------------------------------------
post() { # $1 path, $2 body; prints the response body, fails on non-2xx
  curl -fsS -X POST "$BASE_URL$1" -H 'Content-Type: application/json' -H "Authorization: Bearer $TOKEN" --data "$2"
}
TOKEN=""
TOKEN="$(curl -fsS -X POST "$BASE_URL/v1/dev/tokens" -H 'Content-Type: application/json' --data '{"role":"admin"}' | jq -r .token)"
[ -n "$TOKEN" ] && [ "$TOKEN" != null ] || die "no admin token from /v1/dev/tokens"
printf '%s\n' "$TOKEN" >"$WORK/token"

log "seeding $CUSTOMERS customers, 1,000,000.00 EUR each"
: >"$WORK/ids"
for i in $(seq 1 "$CUSTOMERS"); do
  id="$(post /v1/customers "{\"email\":\"bench-$i@bench.example\",\"name\":\"Bench $i\"}" | jq -r .id)"
  [ -n "$id" ] && [ "$id" != null ] || die "customer $i: no id"
  post "/v1/customers/$id/wallet/adjustments" \
    '{"direction":"credit","amount":{"amount":100000000,"currency":"EUR"},"reason":"bench seed"}' >/dev/null
  printf '%s\n' "$id" >>"$WORK/ids"
done

# --- 4./5. load ---------------------------------------------------------------------------------
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
checkpoint() { psql -X -q -d "$1" -c 'CHECKPOINT;' >/dev/null; }

# CPU accounting (clock ticks, 100 per second per core) so that every figure says who had the
# 2 cores: the API (its process group), PostgreSQL (postmaster and children), the load generator
# (this shell's reaped children) and everything else on the machine.
HZ="$(getconf CLK_TCK)"
PG_PM=""
if [ -n "${CLEANPREPAY_PG_DATA:-}" ] && [ -r "$CLEANPREPAY_PG_DATA/postmaster.pid" ]; then
  PG_PM="$(head -n 1 "$CLEANPREPAY_PG_DATA/postmaster.pid")"
fi
pid_ticks() { # pids... -> utime+stime summed
  local t=0 p v
  for p in "$@"; do
    v="$(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || true)"
    t=$((t + ${v:-0}))
  done
  echo "$t"
}
api_ticks() { if [ -n "$API_PID" ]; then pid_ticks $(pgrep -g "$API_PID" || true); else echo 0; fi; }
# postmaster: its own time plus that of exited backends (cutime, cstime), plus the live backends
pg_ticks() {
  if [ -z "$PG_PM" ]; then echo 0; return; fi
  local own
  own="$(awk '{print $14 + $15 + $16 + $17}' "/proc/$PG_PM/stat" 2>/dev/null || echo 0)"
  echo $((own + $(pid_ticks $(pgrep -P "$PG_PM" || true))))
}
# children of this shell that were waited for (wrk, pgbench); `times` must run in this shell,
# not in a $(...) subshell, so it writes to a file first
child_ticks() { awk 'NR == 2 { split($1, u, /[ms]/); split($2, s, /[ms]/); printf "%d\n", (u[1] * 60 + u[2] + s[1] * 60 + s[2]) * '"$HZ"' }' "$WORK/times"; }
busy_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat; }
cpu_begin() { times >"$WORK/times"; C0=("$(api_ticks)" "$(pg_ticks)" "$(child_ticks)" "$(busy_ticks)" "$(date +%s.%N)"); }
# cpu_end NAME REQUESTS [SETTLE_SECONDS]: sets CPU_LINE[NAME]
# SETTLE: the window ends now, but CPU is read that much later, once PostgreSQL has reaped the
# backends of a client that just disconnected (pgbench): a backend that exited and is not yet
# reaped is in neither the live children nor the postmaster's cutime, and would count as "other"
declare -A CPU_LINE
cpu_end() {
  local t1; t1="$(date +%s.%N)"
  [ -z "${3:-}" ] || sleep "$3"
  times >"$WORK/times"
  local c1=("$(api_ticks)" "$(pg_ticks)" "$(child_ticks)" "$(busy_ticks)" "$t1")
  CPU_LINE[$1]="$(awk -v a=$((c1[0] - C0[0])) -v p=$((c1[1] - C0[1])) -v g=$((c1[2] - C0[2])) -v b=$((c1[3] - C0[3])) \
    -v secs="$(awk -v x="${C0[4]}" -v y="${c1[4]}" 'BEGIN { print y - x }')" -v n="$2" -v hz="$HZ" -v cores="$(nproc)" 'BEGIN {
      cap = hz * secs * cores; o = b - a - p - g; if (o < 0) o = 0
      printf "cpu of %d cores: api %.0f%%, postgres %.0f%%, load generator %.0f%%, other processes %.0f%%, idle %.0f%%", cores, 100*a/cap, 100*p/cap, 100*g/cap, 100*o/cap, (cap > b ? 100*(cap-b)/cap : 0)
      if (n > 0 && a > 0) printf "; CPU per request: api %.2f ms, postgres %.2f ms", 1000*a/hz/n, 1000*p/hz/n
      else if (n > 0) printf "; CPU per transaction: postgres %.2f ms, pgbench %.2f ms", 1000*p/hz/n, 1000*g/hz/n
    }')"
}

# run_wrk MODE SECONDS OUTFILE
run_wrk() {
  local mode="$1" secs="$2" out="$3"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${secs}s" --timeout 10s --latency \
    -s "$BENCH_DIR/wallet-load.lua" "$BASE_URL" -- "$mode" "$WORK/ids" "$WORK/token" "$THREADS" >"$out" 2>&1 \
    || { cat "$out" >&2; die "wrk failed ($mode)"; }
  grep -q '^BENCH ' "$out" || { cat "$out" >&2; die "no BENCH line in $out"; }
}
bench_line() { grep -m1 '^BENCH ' "$1"; }
kv() { sed -n "s/.*[ ]$2=\([^ ]*\).*/\1/p" <<<"$1"; }
errors_of() { local l="$1"; echo $(( $(kv "$l" non2xx) + $(kv "$l" connect_err) + $(kv "$l" read_err) + $(kv "$l" write_err) + $(kv "$l" timeout_err) )); }

declare -A RPS P50 P99 ERRS WARM_ERRS LOAD
for mode in debit topup; do
  warm_secs="$WARMUP"; [ "$mode" = topup ] && warm_secs="$TOPUP_WARMUP"
  log "$mode: ${warm_secs}s warm-up, then ${DURATION}s at $CONNECTIONS connections ($THREADS wrk threads)"
  run_wrk "$mode" "$warm_secs" "$RESULTS/$mode-warmup.txt"
  warm="$(bench_line "$RESULTS/$mode-warmup.txt")"
  log "$mode warm-up: $(kv "$warm" rps) req/s, p50 $(kv "$warm" p50_ms) ms, p99 $(kv "$warm" p99_ms) ms"
  checkpoint "$APP_DB"
  LOAD[$mode]="$(loadavg)"
  cpu_begin
  run_wrk "$mode" "$DURATION" "$RESULTS/$mode.txt"
  line="$(bench_line "$RESULTS/$mode.txt")"
  cpu_end "$mode" "$(kv "$line" requests)"
  RPS[$mode]="$(kv "$line" rps)"
  P50[$mode]="$(kv "$line" p50_ms)"
  P99[$mode]="$(kv "$line" p99_ms)"
  ERRS[$mode]="$(errors_of "$line")"
  WARM_ERRS[$mode]="$(errors_of "$warm")"
  log "$mode: ${RPS[$mode]} req/s, p50 ${P50[$mode]} ms, p99 ${P99[$mode]} ms, errors ${ERRS[$mode]} (warm-up errors ${WARM_ERRS[$mode]})"
  log "$mode: ${CPU_LINE[$mode]}"
  if grep -q '^BENCH_STATUSES' "$RESULTS/$mode.txt" "$RESULTS/$mode-warmup.txt"; then
    grep -h '^BENCH_STATUSES\|^BENCH_FIRST_ERROR' "$RESULTS/$mode-warmup.txt" "$RESULTS/$mode.txt" >&2 || true
  fi
done

OUTBOX_PENDING="$(psql -X -tAc "SELECT count(*) FROM outbox_messages WHERE processed_at IS NULL" -d "$APP_DB")"
stop_api # pgbench gets the machine without the API on it

# --- 7. ledger consistency ----------------------------------------------------------------------
log "checking the ledger"
LEDGER_ROW="$(psql -X -tA -F' ' -v ON_ERROR_STOP=1 -d "$APP_DB" <<'SQL'
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
read -r POCKETS POCKET_BAD WALLETS CREDITS_BAD DUP_SEQ ORPHANS LAST_BAD GAPPY <<<"$LEDGER_ROW"
LEDGER_OK=1
LEDGER_NOTE=""
[ "$POCKET_BAD" = 0 ] || { LEDGER_OK=0; LEDGER_NOTE+=" $POCKET_BAD pocket(s) differ from their ledger sum;"; }
[ "$CREDITS_BAD" = 0 ] || { LEDGER_OK=0; LEDGER_NOTE+=" $CREDITS_BAD credits pocket(s) differ from their ledger sum;"; }
[ "$DUP_SEQ" = 0 ] || { LEDGER_OK=0; LEDGER_NOTE+=" $DUP_SEQ duplicate (wallet, sequence);"; }
[ "$ORPHANS" = 0 ] || { LEDGER_OK=0; LEDGER_NOTE+=" $ORPHANS ledger entries without a pocket;"; }
[ "$LAST_BAD" = 0 ] || { LEDGER_OK=0; LEDGER_NOTE+=" $LAST_BAD pocket(s) whose last balance_after is not the balance;"; }
CHECKED=$((POCKETS + WALLETS))
if [ "$LEDGER_OK" = 1 ]; then
  LEDGER_LINE="ledger consistent: $CHECKED pockets checked ($POCKETS currency pockets, $WALLETS credits pockets)"
else
  LEDGER_LINE="ledger INCONSISTENT:$LEDGER_NOTE"
fi
log "$LEDGER_LINE"
[ "$GAPPY" = 0 ] || log "note: $GAPPY wallet(s) whose ledger sequences are not 1..n (informational)"
LEDGER_COUNTS="$(psql -X -tA -F'=' -d "$APP_DB" -c \
  "SELECT kind, count(*) FROM ledger_entries GROUP BY kind ORDER BY kind" | paste -sd' ' -)"
TOPUP_COUNTS="$(psql -X -tA -F'=' -d "$APP_DB" -c \
  "SELECT status, count(*) FROM top_ups GROUP BY status ORDER BY status" | paste -sd' ' -)"

# --- 6. pgbench on the same server, same concurrency ----------------------------------------------
log "pgbench -i -s $PGBENCH_SCALE $PGB_DB"
pgbench -i -s "$PGBENCH_SCALE" -q "$PGB_DB" >"$RESULTS/pgbench-init.txt" 2>&1 \
  || { cat "$RESULTS/pgbench-init.txt" >&2; die "pgbench -i failed"; }
pgbench -N -c "$CONNECTIONS" -j "$THREADS" -T "$PGBENCH_WARMUP" "$PGB_DB" >"$RESULTS/pgbench-warmup.txt" 2>&1 \
  || { cat "$RESULTS/pgbench-warmup.txt" >&2; die "pgbench warm-up failed"; }
checkpoint "$PGB_DB"
LOAD[pgbench]="$(loadavg)"
log "pgbench -N -c $CONNECTIONS -j $THREADS -T $DURATION -P 5 $PGB_DB"
mkdir -p "$WORK/pgblog"
cpu_begin
(cd "$WORK/pgblog" && pgbench -N -c "$CONNECTIONS" -j "$THREADS" -T "$DURATION" -P 5 -l --log-prefix=pgb "$PGB_DB") \
  >"$RESULTS/pgbench.txt" 2>&1 || { cat "$RESULTS/pgbench.txt" >&2; die "pgbench failed"; }
PGB_TPS_RAW="$(awk '/^tps = / && /(without initial connection time|excluding connections establishing)/ {print $3; exit}' "$RESULTS/pgbench.txt")"
[ -n "$PGB_TPS_RAW" ] || PGB_TPS_RAW="$(awk '/^tps = / {print $3; exit}' "$RESULTS/pgbench.txt")"
[ -n "$PGB_TPS_RAW" ] || die "no tps in bench/results/pgbench.txt"
PGB_TPS="$(awk -v t="$PGB_TPS_RAW" 'BEGIN { printf "%.2f", t }')"
PGB_TXNS="$(awk -F': *' '/number of transactions actually processed/ { split($2, a, "/"); print a[1]; exit }' "$RESULTS/pgbench.txt")"
cpu_end pgbench "${PGB_TXNS:-0}" 0.5
log "pgbench: $PGB_TPS tps; ${CPU_LINE[pgbench]}"
PGB_FAILED="$(awk -F'[ :]+' '/number of failed transactions/ {print $5; exit}' "$RESULTS/pgbench.txt")"
PGB_FAILED="${PGB_FAILED:-0}"
# per-transaction latencies (column 3, microseconds) from the -l logs
read -r PGB_P50 PGB_P99 <<<"$(cat "$WORK"/pgblog/pgb* | awk '{print $3}' | sort -n | awk '
  { v[NR] = $1 }
  END { if (NR == 0) { print "n/a n/a"; exit }
        i50 = int(NR * 0.50 + 0.999999); i99 = int(NR * 0.99 + 0.999999);
        printf "%.3f %.3f\n", v[i50] / 1000, v[i99] / 1000 }')"

# --- 8. summary ---------------------------------------------------------------------------------
pct() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", (b > 0 ? 100 * a / b : 0) }'; }
ge() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a >= b) }'; }
lt() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a < b) }'; }
verdict() { if "$@"; then echo PASS; else echo FAIL; fi; }

DEBIT_PCT="$(pct "${RPS[debit]}" "$PGB_TPS")"
TOPUP_PCT="$(pct "${RPS[topup]}" "$PGB_TPS")"
TOTAL_ERRS=$(( ERRS[debit] + ERRS[topup] + WARM_ERRS[debit] + WARM_ERRS[topup] ))
V_RATIO="$(verdict ge "$DEBIT_PCT" "$TARGET_RATIO_PCT")"
V_P99="$(verdict lt "${P99[debit]}" "$TARGET_P99_MS")"
V_ERRS="$(verdict test "$TOTAL_ERRS" -eq 0)"
V_LEDGER="$(verdict test "$LEDGER_OK" -eq 1)"
V_TOPUP_P99="$(verdict lt "${P99[topup]}" "$TARGET_P99_MS")"
OVERALL=PASS
for v in "$V_RATIO" "$V_P99" "$V_ERRS" "$V_LEDGER"; do [ "$v" = PASS ] || OVERALL=FAIL; done

if [ -n "$REF" ]; then
  COMMIT="$(git -C "$REPO_ROOT" rev-parse --short "$REF") (exported $REF)"
else
  COMMIT="$(git -C "$REPO_ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
  if [ -n "$(git -C "$REPO_ROOT" status --porcelain -- src 2>/dev/null)" ]; then COMMIT+=" + uncommitted changes in src/ (working tree)"; fi
fi

{
  echo "CleanPrepay load run — $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "commit $COMMIT; PostgreSQL $PG_VERSION; $(nproc) cores shared by API, PostgreSQL and load generator"
  echo "$CONNECTIONS connections, $THREADS wrk threads / pgbench jobs; ${DURATION}s measured per phase after warm-ups of ${WARMUP}s (debit), ${TOPUP_WARMUP}s (top-up), ${PGBENCH_WARMUP}s (pgbench); $CUSTOMERS customers; pgbench scale $PGBENCH_SCALE${CONN_EXTRA:+; connection string + \"$CONN_EXTRA\"}"
  echo
  printf '%-26s %10s %9s %9s %7s   %s\n' operation "req/s" "p50 ms" "p99 ms" errors "load avg before"
  printf '%-26s %10s %9s %9s %7s   %s\n' "wallet debit (adjustment)" "${RPS[debit]}" "${P50[debit]}" "${P99[debit]}" "${ERRS[debit]}" "${LOAD[debit]}"
  printf '%-26s %10s %9s %9s %7s   %s\n' "wallet top-up (sandbox)" "${RPS[topup]}" "${P50[topup]}" "${P99[topup]}" "${ERRS[topup]}" "${LOAD[topup]}"
  printf '%-26s %10s %9s %9s %7s   %s\n' "pgbench -N (tps)" "$PGB_TPS" "$PGB_P50" "$PGB_P99" "$PGB_FAILED" "${LOAD[pgbench]}"
  echo
  echo "debit window:   ${CPU_LINE[debit]}"
  echo "top-up window:  ${CPU_LINE[topup]}"
  echo "pgbench window: ${CPU_LINE[pgbench]}"
  echo
  echo "debits  / pgbench: $DEBIT_PCT %"
  echo "top-ups / pgbench: $TOPUP_PCT %"
  echo "warm-up errors: debit ${WARM_ERRS[debit]}, top-up ${WARM_ERRS[topup]}; outbox messages pending at the end: $OUTBOX_PENDING"
  echo "ledger entries by kind: $LEDGER_COUNTS; top-ups by status: $TOPUP_COUNTS"
  echo "$LEDGER_LINE"
  echo
  echo "targets:"
  printf '  %-4s debits >= %s %% of pgbench tps (%s %%)\n' "$V_RATIO" "$TARGET_RATIO_PCT" "$DEBIT_PCT"
  printf '  %-4s debit p99 < %s ms (%s ms)\n' "$V_P99" "$TARGET_P99_MS" "${P99[debit]}"
  printf '  %-4s zero errors (%s, warm-ups included)\n' "$V_ERRS" "$TOTAL_ERRS"
  printf '  %-4s ledger consistent\n' "$V_LEDGER"
  printf '  (%s top-up p99 < %s ms: %s ms — informational)\n' "$V_TOPUP_P99" "$TARGET_P99_MS" "${P99[topup]}"
  echo "overall: $OVERALL"
} | tee "$RESULTS/latest.txt"

[ "$LEDGER_OK" = 1 ] || exit 1
if [ "$STRICT" = 1 ] && [ "$OVERALL" != PASS ]; then exit 2; fi
exit 0
