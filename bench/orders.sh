#!/usr/bin/env bash
# CleanPrepay load run on PostgreSQL for PlaceOrder and the entitlement check:
#   - orders per second (p50/p99) for PlaceOrder paid from the wallet (one rental per order),
#     against pgbench's default TPC-B-like script at the same concurrency, and the ratio;
#   - the entitlement check (GET /v1/customers/{id}/entitlements/{videoId}) with 1,000,000
#     accesses in the database, its p50/p99, and EXPLAIN (ANALYZE, BUFFERS) of the SQL EF sends;
#   - the SQL of one logged PlaceOrder request (round trips per order).
# Same structure and conventions as bench/run.sh; see bench/README.md ("Orders and entitlements").
# Summary goes to stdout and bench/results/orders-latest.txt.
#
# Knobs (environment), defaults in brackets:
#   BENCH_CONNECTIONS [16]        concurrent connections for wrk and pgbench (-c)
#   BENCH_THREADS [2]             wrk threads / pgbench jobs (-j)
#   BENCH_DURATION [20]           measured seconds per phase
#   BENCH_WARMUP [60]             warm-up seconds before the orders phase (the first load the API
#                                 sees: .NET tiered JIT needs about a minute on 2 cores to settle)
#   BENCH_ENT_WARMUP [30]         warm-up seconds before the entitlement phase
#   BENCH_SOLO_DURATION [10]      seconds of an extra entitlement run at 1 connection, 1 thread
#                                 (latency without queueing; informational; 0 = skip)
#   BENCH_PGBENCH_WARMUP [5]      pgbench warm-up seconds
#   BENCH_CUSTOMERS [64]          seeded customers the orders walk round-robin
#   BENCH_VIDEOS [3]              seeded videos (rent 3.99 EUR, 48 h) the orders walk round-robin
#   BENCH_ACCESSES [1000000]      synthetic accesses inserted with SQL before the entitlement phase
#   BENCH_ACCESS_CUSTOMERS [100000]  synthetic customer ids they are spread over
#   BENCH_ACCESS_VIDEOS [2000]    synthetic video ids they name
#   BENCH_PAIRS [4000]            (customer, video) pairs the entitlement load walks: half drawn from
#                                 accesses that name a video, half random customer/video pairs
#   BENCH_PORT [5098]             API port on 127.0.0.1
#   BENCH_PGBENCH_SCALE [16]      pgbench -i -s
#   BENCH_CONN_EXTRA []           appended to the API's connection string
#   BENCH_PG_PRIVATE [0]          1 = a private copy of scripts/pg-up.sh under /tmp (as run.sh)
#   BENCH_REF []                  a commit (e.g. HEAD) to bench instead of the working tree (as run.sh)
#   BENCH_SKIP_BUILD [0]          1 = use the existing Release build (working tree only)
#   BENCH_SQL_TRACE [1]           0 = skip the logged single-request run (SQL per order, EXPLAIN)
#   BENCH_PERF [0]                1 = `perf record -a -g` during the measured orders and entitlement
#                                 windows, with the API's JIT frames resolved; reports in
#                                 bench/results/orders-perf.txt and entitlement-perf.txt
#                                 (the figures of that run carry perf's overhead)
#   BENCH_STRICT [0]              1 = exit 2 when a target is missed
#   BENCH_WEBHOOK_EVENTS []       e.g. '*' or 'order.paid': an outgoing webhook endpoint for these events,
#                                 delivered to bench/webhook-receiver.py on loopback during the run (ADR 0045);
#                                 compare with Webhooks__Enabled=false for what the outbox rows cost
#
# Exit status: 0 = the run completed and orders and ledger are consistent (targets may still be
# missed: read the verdict); 1 = the run failed or something is inconsistent; 2 = BENCH_STRICT=1
# and a target was missed.
set -euo pipefail

CONNECTIONS="${BENCH_CONNECTIONS:-16}"
THREADS="${BENCH_THREADS:-2}"
DURATION="${BENCH_DURATION:-20}"
WARMUP="${BENCH_WARMUP:-60}"
ENT_WARMUP="${BENCH_ENT_WARMUP:-30}"
SOLO_DURATION="${BENCH_SOLO_DURATION:-10}"
PGBENCH_WARMUP="${BENCH_PGBENCH_WARMUP:-5}"
CUSTOMERS="${BENCH_CUSTOMERS:-64}"
VIDEOS="${BENCH_VIDEOS:-3}"
ACCESSES="${BENCH_ACCESSES:-1000000}"
ACCESS_CUSTOMERS="${BENCH_ACCESS_CUSTOMERS:-100000}"
ACCESS_VIDEOS="${BENCH_ACCESS_VIDEOS:-2000}"
PAIRS="${BENCH_PAIRS:-4000}"
PORT="${BENCH_PORT:-5098}"
PGBENCH_SCALE="${BENCH_PGBENCH_SCALE:-16}"
CONN_EXTRA="${BENCH_CONN_EXTRA:-}"
PG_PRIVATE="${BENCH_PG_PRIVATE:-0}"
REF="${BENCH_REF:-}"
SKIP_BUILD="${BENCH_SKIP_BUILD:-0}"
SQL_TRACE="${BENCH_SQL_TRACE:-1}"
PERF="${BENCH_PERF:-0}"
STRICT="${BENCH_STRICT:-0}"

# targets (from the issue)
TARGET_RATIO_PCT=30
TARGET_ENT_P99_MS=5

# names of their own, so that this run and bench/run.sh cannot drop each other's databases
APP_DB=cleanprepay_orders_bench
PGB_DB=pgbench_orders_bench

BENCH_NAME=orders
PG_PRIVATE_PORT=56532
# shellcheck source=bench/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_prepare wrk curl jq awk perl
PERF_ENV=()
[ "$PERF" = 1 ] && PERF_ENV=(DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0)
start_api "$RESULTS/orders-api.log" "${PERF_ENV[@]}"

# --- 3. seed through the HTTP API ----------------------------------------------------------------
TOKEN=""
new_token
WEBHOOK_EVENTS="${BENCH_WEBHOOK_EVENTS:-}"
RECEIVER_PID=""
if [ -n "$WEBHOOK_EVENTS" ]; then
  receiver_port=$((PORT + 10))
  endpoint="$(post /v1/webhook-endpoints "$(jq -cn --arg u "http://127.0.0.1:$receiver_port/hook" --arg e "$WEBHOOK_EVENTS" '{url: $u, events: ($e | split(","))}')")"
  python3 "$REPO_ROOT/bench/webhook-receiver.py" "$receiver_port" "$(jq -r .secret <<<"$endpoint")" &
  RECEIVER_PID=$!
  trap 'kill "$RECEIVER_PID" 2>/dev/null || true; cleanup' EXIT
  log "webhook endpoint for [$WEBHOOK_EVENTS] delivering to a receiver on port $receiver_port"
fi

log "seeding $VIDEOS videos (rent 3.99 EUR, 48 h) and $CUSTOMERS customers with 1,000,000.00 EUR each"
seed_videos "$VIDEOS"
seed_customers "$CUSTOMERS" orders-bench

declare -A RPS P50 P99 ERRS WARM_ERRS LOAD REQS

# --- 4. orders ----------------------------------------------------------------------------------
orders_wrk() { run_wrk orders-load.lua "$1" "$2" "$CONNECTIONS" "$THREADS" "$WORK/ids" "$WORK/videos" "$WORK/token" "$THREADS"; }
log "orders: ${WARMUP}s warm-up, then ${DURATION}s at $CONNECTIONS connections ($THREADS wrk threads)"
orders_wrk "$WARMUP" "$RESULTS/orders-warmup.txt"
warm="$(bench_line "$RESULTS/orders-warmup.txt")"
WARM_ERRS[orders]="$(errors_of "$warm")"
log "orders warm-up: $(kv "$warm" rps) req/s, p50 $(kv "$warm" p50_ms) ms, p99 $(kv "$warm" p99_ms) ms, errors ${WARM_ERRS[orders]}"
checkpoint "$APP_DB"
# MultiXact ids the window uses (read from the checkpoint record, hence the CHECKPOINTs around it):
# PostgreSQL needs one whenever a row locked by a transaction is then updated by one of its
# subtransactions (SELECT … FOR UPDATE, then UPDATE inside a SAVEPOINT), and every later locker
# of that row must resolve its members (GetMultiXactIdMembers)
mxid() { psql -X -q -tA -d "$APP_DB" -c 'SELECT next_multixact_id FROM pg_control_checkpoint()' 2>/dev/null || echo ""; }
MX0="$(mxid)"
LOAD[orders]="$(loadavg)"
perf_begin
cpu_begin
orders_wrk "$DURATION" "$RESULTS/orders.txt"
line="$(bench_line "$RESULTS/orders.txt")"
cpu_end orders "$(kv "$line" requests)"
RPS[orders]="$(kv "$line" rps)"; P50[orders]="$(kv "$line" p50_ms)"; P99[orders]="$(kv "$line" p99_ms)"
ERRS[orders]="$(errors_of "$line")"; REQS[orders]="$(kv "$line" requests)"
checkpoint "$APP_DB"
MX1="$(mxid)"
MXACT_LINE="PostgreSQL MultiXact ids used in the orders window: n/a"
if [ -n "$MX0" ] && [ -n "$MX1" ]; then
  MXACT_LINE="PostgreSQL MultiXact ids used in the orders window: $((MX1 - MX0)) ($(awk -v m=$((MX1 - MX0)) -v n="${REQS[orders]}" 'BEGIN { printf "%.2f", (n > 0 ? m / n : 0) }') per order; one is needed whenever a row locked FOR UPDATE is then updated inside a SAVEPOINT)"
fi
log "$MXACT_LINE"
log "orders: ${RPS[orders]} req/s, p50 ${P50[orders]} ms, p99 ${P99[orders]} ms, errors ${ERRS[orders]}"
log "orders: ${CPU_LINE[orders]}"
show_statuses "$RESULTS/orders-warmup.txt" "$RESULTS/orders.txt"

perf_end orders "${RPS[orders]}" orders-perf.txt

# --- 5. consistency: orders, accesses, payments, ledger -----------------------------------------
sleep 2 # requests aborted when wrk stopped finish or roll back
log "checking orders, accesses, payments and the ledger"
ORDERS_ROW="$(sql -F' ' <<'SQL'
WITH acc AS (SELECT order_id, count(*) AS n FROM accesses WHERE order_id IS NOT NULL GROUP BY order_id),
     led AS (SELECT reference, count(*) AS n, sum(amount) AS s FROM ledger_entries WHERE kind = 'OrderPayment' GROUP BY reference),
     pay AS (SELECT purpose_id, count(*) AS n, sum(amount_amount) AS s FROM payments
             WHERE purpose = 'Order' AND status = 'Succeeded' GROUP BY purpose_id),
     o AS (SELECT o.id, o.status, o.total, COALESCE(acc.n, 0) AS accesses, COALESCE(led.n, 0) AS entries,
                  COALESCE(led.s, 0) AS debited, COALESCE(pay.n, 0) AS payments, COALESCE(pay.s, 0) AS paid
           FROM orders o LEFT JOIN acc ON acc.order_id = o.id LEFT JOIN led ON led.reference = o.id
                         LEFT JOIN pay ON pay.purpose_id = o.id)
SELECT
  (SELECT count(*) FROM o WHERE status = 'Paid'),
  (SELECT count(*) FROM o WHERE status <> 'Paid'),
  (SELECT count(*) FROM o WHERE status = 'Paid' AND accesses <> 1),
  (SELECT count(*) FROM o WHERE status = 'Paid' AND entries <> 1),
  (SELECT count(*) FROM o WHERE status = 'Paid' AND debited <> -total),
  (SELECT count(*) FROM o WHERE status = 'Paid' AND (payments <> 1 OR paid <> total)),
  (SELECT count(*) FROM led WHERE NOT EXISTS (SELECT 1 FROM orders x WHERE x.id = led.reference AND x.status = 'Paid')),
  (SELECT count(*) FROM acc WHERE NOT EXISTS (SELECT 1 FROM orders x WHERE x.id = acc.order_id AND x.status = 'Paid')),
  (SELECT count(*) FROM accesses a JOIN orders x ON x.id = a.order_id
    WHERE a.kind <> 'Rental' OR a.starts_at <> x.paid_at OR a.expires_at <> x.paid_at + interval '48 hours' OR a.revoked_at IS NOT NULL);
SQL
)"
read -r PAID NOT_PAID ACC_BAD LED_BAD AMT_BAD PAY_BAD LED_ORPHANS ACC_ORPHANS ACC_SHAPE_BAD <<<"$ORDERS_ROW"
ORDERS_OK=1; ORDERS_NOTE=""
[ "$PAID" -gt 0 ] || { ORDERS_OK=0; ORDERS_NOTE+=" no paid order;"; }
[ "$NOT_PAID" = 0 ] || { ORDERS_OK=0; ORDERS_NOTE+=" $NOT_PAID order(s) not paid;"; }
[ "$ACC_BAD" = 0 ] || { ORDERS_OK=0; ORDERS_NOTE+=" $ACC_BAD paid order(s) without exactly one access;"; }
[ "$LED_BAD" = 0 ] || { ORDERS_OK=0; ORDERS_NOTE+=" $LED_BAD paid order(s) without exactly one order_payment entry;"; }
[ "$AMT_BAD" = 0 ] || { ORDERS_OK=0; ORDERS_NOTE+=" $AMT_BAD paid order(s) whose debit is not -total;"; }
[ "$PAY_BAD" = 0 ] || { ORDERS_OK=0; ORDERS_NOTE+=" $PAY_BAD paid order(s) without exactly one succeeded payment of the total;"; }
[ "$LED_ORPHANS" = 0 ] || { ORDERS_OK=0; ORDERS_NOTE+=" $LED_ORPHANS order_payment reference(s) without a paid order;"; }
[ "$ACC_ORPHANS" = 0 ] || { ORDERS_OK=0; ORDERS_NOTE+=" $ACC_ORPHANS order id(s) on accesses without a paid order;"; }
[ "$ACC_SHAPE_BAD" = 0 ] || { ORDERS_OK=0; ORDERS_NOTE+=" $ACC_SHAPE_BAD access(es) not a 48 h rental from paidAt;"; }
if [ "$ORDERS_OK" = 1 ]; then
  ORDERS_LINE="orders consistent: $PAID paid orders, each with exactly one access (48 h rental from paidAt), one order_payment ledger entry of -total and one succeeded payment; no orphan entries or accesses"
else
  ORDERS_LINE="orders INCONSISTENT ($PAID paid):$ORDERS_NOTE"
fi
log "$ORDERS_LINE"
ORDER_STATUSES="$(sql -F'=' -c "SELECT status, count(*) FROM orders GROUP BY 1 ORDER BY 1" | paste -sd' ' -)"

ledger_check

# --- 6. entitlement check with 1,000,000 accesses ------------------------------------------------
# Synthetic accesses straight into the table (ids shaped like the API's: prefix_ + 32 hex). The
# entitlement query only reads accesses (as admin there is no ownership check and no customers row
# is needed), so the customer ids need not exist. Mix: 70 % rentals (48 h, started in the last
# 10 days: about a fifth still running), 20 % purchases (never expire), 7 % subscriptions (no
# video, one of 5 plans, 30 days, started in the last 90 days), 3 % manual grants (half a video,
# half a plan); 2 % revoked.
seed_accesses
cp "$WORK/pairs" "$RESULTS/entitlement-pairs.txt"
# how many pairs are entitled now (the same predicate as the API's query; the SQL goes through stdin)
PAIRS_ENTITLED="$(awk '
  BEGIN { printf "SELECT count(*) FROM (VALUES " }
  { printf "%s(\x27%s\x27,\x27%s\x27)", (NR > 1 ? "," : ""), $1, $2 }
  END { print ") AS p(c, v) WHERE EXISTS (SELECT 1 FROM accesses a WHERE a.customer_id = p.c" \
        " AND a.revoked_at IS NULL AND a.starts_at <= now() AND (a.expires_at IS NULL OR a.expires_at > now())" \
        " AND (a.video_id = p.v OR a.kind = \x27Subscription\x27 OR (a.kind = \x27Manual\x27 AND a.plan_id IS NOT NULL)));" }
' "$WORK/pairs" | sql)"
log "$ACCESS_TOTAL accesses ($ACCESS_MIX; $ACCESS_LIVE live), table + indexes $ACCESS_SIZE; $NPAIRS pairs, $PAIRS_ENTITLED of them entitled now"

ent_wrk() { run_wrk entitlement-load.lua "$1" "$2" "$3" "$4" "$WORK/pairs" "$WORK/token" "$4" "${5:-0}"; }
log "entitlement: ${ENT_WARMUP}s warm-up, then ${DURATION}s at $CONNECTIONS connections ($THREADS wrk threads)"
ent_wrk "$ENT_WARMUP" "$RESULTS/entitlement-warmup.txt" "$CONNECTIONS" "$THREADS"
warm="$(bench_line "$RESULTS/entitlement-warmup.txt")"
WARM_ERRS[ent]="$(errors_of "$warm")"
log "entitlement warm-up: $(kv "$warm" rps) req/s, p50 $(kv "$warm" p50_ms) ms, p99 $(kv "$warm" p99_ms) ms, errors ${WARM_ERRS[ent]}"
checkpoint "$APP_DB"
LOAD[ent]="$(loadavg)"
perf_begin
cpu_begin
ent_wrk "$DURATION" "$RESULTS/entitlement.txt" "$CONNECTIONS" "$THREADS"
line="$(bench_line "$RESULTS/entitlement.txt")"
cpu_end ent "$(kv "$line" requests)"
RPS[ent]="$(kv "$line" rps)"; P50[ent]="$(kv "$line" p50_ms)"; P99[ent]="$(kv "$line" p99_ms)"
ERRS[ent]="$(errors_of "$line")"; REQS[ent]="$(kv "$line" requests)"
ENT_ENTITLED="$(kv "$line" entitled)"
log "entitlement: ${RPS[ent]} req/s, p50 ${P50[ent]} ms, p99 ${P99[ent]} ms, errors ${ERRS[ent]}, entitled ${ENT_ENTITLED}/${REQS[ent]}"
log "entitlement: ${CPU_LINE[ent]}"
show_statuses "$RESULTS/entitlement-warmup.txt" "$RESULTS/entitlement.txt"
perf_end entitlement "${RPS[ent]}" entitlement-perf.txt

# The same 16 connections at a steady rate of about half what they reached flat out: each connection
# waits PACE_MS before each request. Flat out, 16 clients on 2 shared cores measure the queue
# (p50 ~ connections / throughput); paced, they measure a check under a busy but unsaturated server.
PACE_MS="$(awk -v c="$CONNECTIONS" -v r="${RPS[ent]}" 'BEGIN { printf "%d", (r > 0 ? 1000 * c / (r / 2) : 0) }')"
ERRS[paced]=0
log "entitlement at $CONNECTIONS connections, each pausing ${PACE_MS} ms between requests (about half of ${RPS[ent]} req/s): ${DURATION}s"
LOAD[paced]="$(loadavg)"
cpu_begin
ent_wrk "$DURATION" "$RESULTS/entitlement-paced.txt" "$CONNECTIONS" "$THREADS" "$PACE_MS"
line="$(bench_line "$RESULTS/entitlement-paced.txt")"
cpu_end paced "$(kv "$line" requests)"
RPS[paced]="$(kv "$line" rps)"; P50[paced]="$(kv "$line" p50_ms)"; P99[paced]="$(kv "$line" p99_ms)"
ERRS[paced]="$(errors_of "$line")"
log "entitlement paced: ${RPS[paced]} req/s, p50 ${P50[paced]} ms, p99 ${P99[paced]} ms; ${CPU_LINE[paced]}"
show_statuses "$RESULTS/entitlement-paced.txt"

ERRS[solo]=0
if [ "$SOLO_DURATION" -gt 0 ]; then
  log "entitlement at 1 connection: ${SOLO_DURATION}s"
  LOAD[solo]="$(loadavg)"
  cpu_begin
  ent_wrk "$SOLO_DURATION" "$RESULTS/entitlement-solo.txt" 1 1
  line="$(bench_line "$RESULTS/entitlement-solo.txt")"
  cpu_end solo "$(kv "$line" requests)"
  RPS[solo]="$(kv "$line" rps)"; P50[solo]="$(kv "$line" p50_ms)"; P99[solo]="$(kv "$line" p99_ms)"
  ERRS[solo]="$(errors_of "$line")"
  log "entitlement at 1 connection: ${RPS[solo]} req/s, p50 ${P50[solo]} ms, p99 ${P99[solo]} ms; ${CPU_LINE[solo]}"
  show_statuses "$RESULTS/entitlement-solo.txt"
fi

stop_api # pgbench gets the machine without the API on it

# --- 7. pgbench, default TPC-B-like script, same server, same concurrency ------------------------
log "pgbench -i -s $PGBENCH_SCALE $PGB_DB"
pgbench -i -s "$PGBENCH_SCALE" -q "$PGB_DB" >"$RESULTS/orders-pgbench-init.txt" 2>&1 \
  || { cat "$RESULTS/orders-pgbench-init.txt" >&2; die "pgbench -i failed"; }
pgbench -c "$CONNECTIONS" -j "$THREADS" -T "$PGBENCH_WARMUP" "$PGB_DB" >"$RESULTS/orders-pgbench-warmup.txt" 2>&1 \
  || { cat "$RESULTS/orders-pgbench-warmup.txt" >&2; die "pgbench warm-up failed"; }
checkpoint "$PGB_DB"
LOAD[pgbench]="$(loadavg)"
log "pgbench (TPC-B-like) -c $CONNECTIONS -j $THREADS -T $DURATION -P 5 $PGB_DB"
pgbench_measure pgbench "$RESULTS/orders-pgbench.txt" -c "$CONNECTIONS" -j "$THREADS" -T "$DURATION" -P 5
log "pgbench: $PGB_TPS tps; ${CPU_LINE[pgbench]}"

# --- 8. the SQL of one order and one entitlement check, and the entitlement plan -----------------
# A second, short API start with EF Core's command log on (and transaction events at Debug) and
# the outbox processor off (its 1 s poll would mix its own SQL into the capture): one order and one
# entitlement check are sent twice each and the second of each is kept (the first fills caches:
# the 2 s settings cache, prepared statements, EF's query cache).
ORDER_SQL_LINE="not traced (BENCH_SQL_TRACE=0)"
ENT_SQL_LINE=""
EXPLAIN_LINE=""
if [ "$SQL_TRACE" = 1 ]; then
  TRACE_LOG="$RESULTS/orders-sql-api.log"
  start_api "$TRACE_LOG" \
    'Logging__LogLevel__Microsoft.EntityFrameworkCore.Database.Command=Information' \
    'Logging__LogLevel__Microsoft.EntityFrameworkCore.Database.Transaction=Debug' \
    'Logging__Console__FormatterName=simple' \
    'Outbox__Enabled=false'
  new_token
  C1="$(head -n 1 "$WORK/ids")"; V1="$(head -n 1 "$WORK/videos")"
  # the entitlement traced and explained: a customer with a running rental, and that video
  read -r EC EV <<<"$(sql -F' ' -c "SELECT customer_id, video_id FROM accesses WHERE kind = 'Rental' AND order_id LIKE 'ord\_%'
    AND revoked_at IS NULL AND expires_at > now() + interval '1 hour' AND customer_id NOT IN (SELECT id FROM customers) ORDER BY id LIMIT 1")"
  ORDER_BODY="{\"customerId\":\"$C1\",\"items\":[{\"videoId\":\"$V1\",\"mode\":\"rent\"}],\"payment\":{\"method\":\"wallet\"}}"
  # capture FILE CMD...: run CMD, keep only the log lines it produced
  capture() {
    local file="$1"; shift
    sleep 0.1
    local off; off="$(stat -c %s "$TRACE_LOG")"
    "$@" >/dev/null || log "traced request failed: $*"
    sleep 0.4 # the console logger writes from a queue (short: the 2 s settings cache must stay warm)
    tail -c +"$((off + 1))" "$TRACE_LOG" >"$file"
  }
  get() { curl -fsS "$BASE_URL$1" -H "Authorization: Bearer $TOKEN"; }
  capture "$WORK/order1.log" post /v1/orders "$ORDER_BODY"
  capture "$RESULTS/orders-sql-one-order.txt" post /v1/orders "$ORDER_BODY"
  capture "$WORK/ent1.log" get "/v1/customers/$EC/entitlements/$EV"
  capture "$RESULTS/orders-sql-entitlement.txt" get "/v1/customers/$EC/entitlements/$EV"
  stop_api
  count_in() { grep -c "$1" "$2" || true; }
  ORDER_CMDS="$(count_in 'Executed DbCommand' "$RESULTS/orders-sql-one-order.txt")"
  ORDER_CMDS_FIRST="$(count_in 'Executed DbCommand' "$WORK/order1.log")"
  ORDER_COMMITS="$(count_in 'Committing transaction' "$RESULTS/orders-sql-one-order.txt")"
  ORDER_RELEASES="$(count_in 'Releasing transaction savepoint' "$RESULTS/orders-sql-one-order.txt")"
  ORDER_DB_MS="$(grep -o 'Executed DbCommand ([0-9]*ms)' "$RESULTS/orders-sql-one-order.txt" | grep -o '[0-9]*' | awk '{ s += $1 } END { print s + 0 }')"
  # the request's database traffic in order: each command (its first SQL line; for a batch, the
  # statements in it) and the transaction events EF logs
  ORDER_SQL_LIST="$(awk '
    function tables(text,   out, t, rest) { # FROM/JOIN targets, in order
      out = ""; rest = text
      while (match(rest, /(FROM|JOIN) "?[a-z_]+/)) {
        t = substr(rest, RSTART, RLENGTH); sub(/^(FROM|JOIN) "?/, "", t)
        out = out (out == "" ? "" : " + ") t
        rest = substr(rest, RSTART + RLENGTH)
      }
      return out
    }
    function flush(   d) {
      if (!incmd) return
      n++
      if (stmts > 1) d = sprintf("batch of %d statements: %s", stmts, list)
      else if (sqltext ~ /^SELECT/) d = "SELECT from " tables(sqltext) (sqltext ~ /FOR UPDATE/ ? " FOR UPDATE" : "") \
        (sqltext ~ /FROM "?merchant_settings/ ? " (settings cache refresh: once per 2 s per instance, not per order)" : "")
      else d = list
      printf "    %2d. %s\n", n, d; incmd = 0
    }
    /^(info|dbug|warn|fail|trce|crit): / { flush(); next }
    /Began transaction/ { print "        BEGIN (Npgsql sends it with the next command)"; next }
    /Creating transaction savepoint/ { print "        SAVEPOINT (EF: SaveChanges inside a transaction; Npgsql sends it with the next command)"; next }
    /Releasing transaction savepoint/ { print "        RELEASE SAVEPOINT"; next }
    /Committing transaction/ { print "        COMMIT"; next }
    /Executed DbCommand/ { incmd = 1; sqltext = ""; stmts = 0; list = ""; prev = ";"; next }
    incmd {
      l = $0; sub(/^ +/, "", l); sqltext = sqltext (sqltext == "" ? "" : " ") l
      if (prev ~ /;$/ && l ~ /^(INSERT INTO|UPDATE|DELETE FROM|SELECT) /) {
        stmts++
        split(l, w, /[ (]/); tbl = (w[1] == "UPDATE" ? w[2] : w[3]); gsub(/"/, "", tbl)
        list = list (list == "" ? "" : ", ") w[1] " " (w[1] == "SELECT" ? "" : tbl)
      }
      prev = l
    }
    END { flush() }
  ' "$RESULTS/orders-sql-one-order.txt")"
  ORDER_SQL_LINE="SQL per order (one logged request, warm caches, outbox processor off): $ORDER_CMDS commands + $ORDER_COMMITS COMMIT + $ORDER_RELEASES RELEASE SAVEPOINT, ${ORDER_DB_MS} ms summed as EF logs them (first order after start: $ORDER_CMDS_FIRST commands); bench/results/orders-sql-one-order.txt"
  log "$ORDER_SQL_LINE"

  # the entitlement statement: the SQL lines after its "Executed DbCommand ... [Parameters=[...]]"
  awk '
    /Executed DbCommand/ { grab = 1; params = $0; sqltext = ""; next }
    grab && /^(info|dbug|warn|fail|trce|crit): / { if (sqltext ~ /accesses/) { found = 1; exit } grab = 0; next }
    grab { line = $0; sub(/^      /, "", line); sqltext = sqltext line "\n" }
    END { if (grab && sqltext ~ /accesses/) found = 1; if (found) { print params > "/dev/stderr"; printf "%s", sqltext } }
  ' "$RESULTS/orders-sql-entitlement.txt" >"$WORK/ent.sql" 2>"$WORK/ent.params" || true
  if [ -s "$WORK/ent.sql" ]; then
    ENT_CMDS="$(count_in 'Executed DbCommand' "$RESULTS/orders-sql-entitlement.txt")"
    ENT_SQL_LINE="SQL per entitlement check: $ENT_CMDS command(s)"
    NOW_SQL="$(sql -c "SELECT now()")"
    # parameters by name: customer…, video…, now/time… (anything else: no EXPLAIN, the SQL is shown)
    mapfile -t PNAMES < <(grep -o '@[A-Za-z0-9_]*' "$WORK/ent.params" | awk '!seen[$0]++')
    LITERAL_SQL="$(cat "$WORK/ent.sql")"; PREP_SQL="$LITERAL_SQL"; PTYPES=(); PVALUES=(); unmapped=""
    i=0
    # longest names first, so @p1 does not eat into @p10
    for name in $(printf '%s\n' "${PNAMES[@]}" | awk '{ print length($0), $0 }' | sort -rn | cut -d' ' -f2); do
      lower="$(tr 'A-Z' 'a-z' <<<"$name")"
      case "$lower" in
        *customer*) lit="'$EC'"; typ=text ;;
        *video*) lit="'$EV'"; typ=text ;;
        *now*|*time*|*date*|*at*) lit="'$NOW_SQL'::timestamptz"; typ=timestamptz ;;
        *) unmapped+=" $name"; continue ;;
      esac
      i=$((i + 1))
      LITERAL_SQL="$(NAME="$name" LIT="$lit" perl -0pe 's/\Q$ENV{NAME}\E(?![A-Za-z0-9_])/$ENV{LIT}/g' <<<"$LITERAL_SQL")"
      PREP_SQL="$(NAME="$name" LIT="\$$i" perl -0pe 's/\Q$ENV{NAME}\E(?![A-Za-z0-9_])/$ENV{LIT}/g' <<<"$PREP_SQL")"
      PTYPES+=("$typ"); PVALUES+=("$lit")
    done
    {
      echo "-- entitlement SQL as EF Core sends it (bench/results/orders-sql-entitlement.txt):"
      grep -o 'Parameters=\[[^]]*\]' "$WORK/ent.params" | sed 's/^/-- /'
      cat "$WORK/ent.sql"
      echo
      if [ -n "$unmapped" ]; then
        echo "-- no EXPLAIN: parameter(s) this script cannot map:$unmapped"
      else
        echo "-- EXPLAIN (ANALYZE, BUFFERS), parameters as literals (custom plan), customer $EC, video $EV:"
        sql -c "EXPLAIN (ANALYZE, BUFFERS) $LITERAL_SQL"
        echo
        echo "-- the same as a prepared statement with plan_cache_mode = force_generic_plan (what a"
        echo "-- statement Npgsql auto-prepares may run with after PostgreSQL's first five executions):"
        sql <<SQL
SET plan_cache_mode = force_generic_plan;
PREPARE ent($(IFS=,; echo "${PTYPES[*]}")) AS $PREP_SQL;
EXPLAIN (ANALYZE, BUFFERS) EXECUTE ent($(IFS=,; echo "${PVALUES[*]}"));
SQL
      fi
    } >"$RESULTS/orders-explain.txt" 2>&1 || log "EXPLAIN failed (see bench/results/orders-explain.txt)"
    ENT_INDEXES="$(grep -oE '(Bitmap Index|Index Only|Index|Seq) Scan (using [a-z_0-9]+ )?on [a-z_0-9]+' "$RESULTS/orders-explain.txt" | sort | uniq | paste -sd';' -)"
    ENT_EXEC="$(grep -o 'Execution Time: [0-9.]* ms' "$RESULTS/orders-explain.txt" | awk '{print $3}' | paste -sd'/' -)"
    EXPLAIN_LINE="entitlement plan: ${ENT_INDEXES:-?}; execution ${ENT_EXEC:-?} ms (custom/generic plan, bench/results/orders-explain.txt)"
    log "$EXPLAIN_LINE"
  else
    ENT_SQL_LINE="entitlement SQL: not found in the trace (bench/results/orders-sql-entitlement.txt)"
    : >"$RESULTS/orders-explain.txt"
  fi
fi

# --- 9. summary -----------------------------------------------------------------------------------
pct() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", (b > 0 ? 100 * a / b : 0) }'; }
ge() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a >= b) }'; }
lt() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a < b) }'; }
verdict() { if "$@"; then echo PASS; else echo FAIL; fi; }

ORDERS_PCT="$(pct "${RPS[orders]}" "$PGB_TPS")"
TOTAL_ERRS=$(( ERRS[orders] + WARM_ERRS[orders] + ERRS[ent] + WARM_ERRS[ent] + ERRS[paced] + ERRS[solo] ))
V_RATIO="$(verdict ge "$ORDERS_PCT" "$TARGET_RATIO_PCT")"
V_ENT="$(verdict lt "${P99[paced]}" "$TARGET_ENT_P99_MS")"
V_ERRS="$(verdict test "$TOTAL_ERRS" -eq 0)"
V_ORDERS="$(verdict test "$ORDERS_OK" -eq 1)"
V_LEDGER="$(verdict test "$LEDGER_OK" -eq 1)"
OVERALL=PASS
for v in "$V_RATIO" "$V_ENT" "$V_ERRS" "$V_ORDERS" "$V_LEDGER"; do [ "$v" = PASS ] || OVERALL=FAIL; done

if [ -n "$REF" ]; then
  COMMIT="${REF_SHA:0:7} (exported $REF: $(git -C "$REPO_ROOT" log -1 --format=%s "$REF_SHA" | cut -c1-80))"
else
  COMMIT="$(git -C "$REPO_ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
  if [ -n "$(git -C "$REPO_ROOT" status --porcelain -- src 2>/dev/null)" ]; then COMMIT+=" + uncommitted changes in src/ (working tree)"; fi
fi

row() { printf '%-36s %10s %9s %9s %7s   %s\n' "$@"; }
{
  bench_header
  echo "CleanPrepay orders & entitlement run — $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "commit $COMMIT; PostgreSQL $PG_VERSION; $(nproc) cores shared by API, PostgreSQL and load generator"
  echo "$CONNECTIONS connections, $THREADS wrk threads / pgbench jobs; ${DURATION}s measured per phase after warm-ups of ${WARMUP}s (orders), ${ENT_WARMUP}s (entitlement), ${PGBENCH_WARMUP}s (pgbench); $CUSTOMERS customers, $VIDEOS videos; pgbench scale $PGBENCH_SCALE${CONN_EXTRA:+; connection string + \"$CONN_EXTRA\"}$([ "$PERF" != 1 ] || echo "; perf record running during the orders and entitlement windows")"
  echo
  row operation "req/s" "p50 ms" "p99 ms" errors "load avg before"
  row "PlaceOrder (wallet, 1 rental)" "${RPS[orders]}" "${P50[orders]}" "${P99[orders]}" "${ERRS[orders]}" "${LOAD[orders]}"
  row "entitlement check (1M accesses)" "${RPS[ent]}" "${P50[ent]}" "${P99[ent]}" "${ERRS[ent]}" "${LOAD[ent]}"
  row "  same, paced to ~half that rate" "${RPS[paced]}" "${P50[paced]}" "${P99[paced]}" "${ERRS[paced]}" "${LOAD[paced]}"
  [ "$SOLO_DURATION" -gt 0 ] && row "  same, 1 connection (informational)" "${RPS[solo]}" "${P50[solo]}" "${P99[solo]}" "${ERRS[solo]}" "${LOAD[solo]}"
  row "pgbench TPC-B-like (tps)" "$PGB_TPS" "$PGB_P50" "$PGB_P99" "$PGB_FAILED" "${LOAD[pgbench]}"
  echo
  echo "orders window:      ${CPU_LINE[orders]}"
  echo "entitlement window: ${CPU_LINE[ent]}"
  echo "paced window:       ${CPU_LINE[paced]} (each connection pauses ${PACE_MS} ms before each request)"
  [ "$SOLO_DURATION" -gt 0 ] && echo "1-connection window: ${CPU_LINE[solo]}"
  echo "pgbench window:     ${CPU_LINE[pgbench]}"
  echo
  echo "orders / pgbench TPC-B-like: $ORDERS_PCT %"
  echo "warm-up errors: orders ${WARM_ERRS[orders]}, entitlement ${WARM_ERRS[ent]}; orders by status: $ORDER_STATUSES; ledger entries by kind: $LEDGER_COUNTS"
  echo "$ORDERS_LINE"
  echo "$LEDGER_LINE"
  echo "$MXACT_LINE"
  echo "accesses: $ACCESS_TOTAL ($ACCESS_MIX; $ACCESS_LIVE live now), table + indexes $ACCESS_SIZE, synthetic rows inserted in ${INSERT_SECS}s; $NPAIRS (customer, video) pairs, $PAIRS_ENTITLED entitled; measured window answered entitled=true ${ENT_ENTITLED}/${REQS[ent]}"
  echo "$ORDER_SQL_LINE"
  [ -n "${ORDER_SQL_LIST:-}" ] && echo "$ORDER_SQL_LIST"
  [ -n "$ENT_SQL_LINE" ] && echo "$ENT_SQL_LINE"
  [ -n "$EXPLAIN_LINE" ] && echo "$EXPLAIN_LINE"
  echo
  echo "targets:"
  printf '  %-4s orders >= %s %% of pgbench TPC-B-like tps (%s %%)\n' "$V_RATIO" "$TARGET_RATIO_PCT" "$ORDERS_PCT"
  printf '  %-4s entitlement p99 < %s ms at %s connections paced to ~half the flat-out rate (%s ms at %s req/s)\n' "$V_ENT" "$TARGET_ENT_P99_MS" "$CONNECTIONS" "${P99[paced]}" "${RPS[paced]}"
  printf '       (informational: flat out, CPU saturated, p99 %s ms at %s req/s; 1 connection p99 %s ms)\n' "${P99[ent]}" "${RPS[ent]}" "${P99[solo]:-n/a}"
  printf '  %-4s zero errors (%s, warm-ups included)\n' "$V_ERRS" "$TOTAL_ERRS"
  printf '  %-4s orders consistent (access + order_payment entry + payment per paid order)\n' "$V_ORDERS"
  printf '  %-4s ledger consistent (pockets = sum of entries)\n' "$V_LEDGER"
  echo "overall: $OVERALL"
  if [ -s "$RESULTS/orders-explain.txt" ]; then
    echo
    cat "$RESULTS/orders-explain.txt"
  fi
} | tee "$RESULTS/orders-latest.txt"
if [ -n "$RECEIVER_PID" ]; then
  log "webhook receiver: $(curl -fsS "http://127.0.0.1:$((PORT + 10))/stats"); deliveries by status: $(sql -c "SELECT string_agg(status || ' ' || n, ', ') FROM (SELECT status, count(*) n FROM webhook_deliveries GROUP BY status) s")"
fi

[ "$LEDGER_OK" = 1 ] && [ "$ORDERS_OK" = 1 ] || exit 1
if [ "$STRICT" = 1 ] && [ "$OVERALL" != PASS ]; then exit 2; fi
exit 0
