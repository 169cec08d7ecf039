#!/usr/bin/env bash
# CleanPrepay load run on PostgreSQL for subscriptions (issue 5):
#   - GetPendingPrepayments (GET /v1/prepayments?status=pending…) at 16 connections over 1,000,000
#     prepayments (30 % pending), p50/p99: first pages, per-customer lists, creation ranges and pages
#     reached through a cursor, with the query plan of each shape; flat out (16 connections on 2
#     shared cores measure the queue), then paced to about half that rate (judged, as the
#     entitlement check in bench/orders.sh);
#   - the renewal worker: 100,000 subscriptions due, each paid from its wallet, billed by the API's
#     worker; timed from the API's start until the last is paid, and from the first renewal to the
#     last; then every subscription billed exactly once and the ledger consistent;
#   - the confirmation emails of those renewals, delivered by the outbox (informational).
# The data is written with SQL (set-based) in the API's own schema; plumbing in bench/lib.sh; see
# bench/README.md ("Subscriptions"). Summary to stdout and bench/results/subscriptions-latest.txt.
#
# Knobs (environment), defaults in brackets:
#   BENCH_CONNECTIONS [16]     concurrent connections (wrk -c)
#   BENCH_THREADS [2]          wrk threads
#   BENCH_DURATION [20]        measured seconds of GetPendingPrepayments
#   BENCH_WARMUP [15]          warm-up seconds before it
#   BENCH_PREPAYMENTS [1000000] prepayments in the table
#   BENCH_DUE [100000]         subscriptions due for renewal (one customer and wallet each)
#   BENCH_BATCH [250]          Subscriptions:BatchSize of the worker
#   BENCH_PERF [0]             1 = `perf record -a -g` during the measured list window and for
#                              BENCH_PERF_RENEW_S [10] seconds of the renewals, from BENCH_PERF_RENEW_DELAY [5]
#                              seconds after the API is ready (past its start-up JIT); bench/results/subscriptions-*-perf.txt
#   BENCH_LOOPS [2]            Subscriptions:WorkerConcurrency (billing loops in the instance)
#   BENCH_OUTBOX [0]           1 = the outbox processor on during the renewals, sending the confirmation
#                              emails as they go (it competes for the 2 cores); 0 = a billing instance
#                              (Outbox:Enabled=false), the emails then sent in a timed phase of their own
#   BENCH_EMAILS [1]           1 = that email phase: the API with only its outbox on, until every
#                              renewal's confirmation is written (to a pickup directory, no SMTP server)
#   BENCH_PORT [5098]          API port on 127.0.0.1
#   BENCH_CONN_EXTRA []        appended to the API's connection string
#   BENCH_PG_PRIVATE [0]       1 = a private copy of scripts/pg-up.sh under /tmp (as run.sh)
#   BENCH_REF []               a commit (e.g. HEAD) to bench instead of the working tree
#   BENCH_SKIP_BUILD [0]       1 = use the existing Release build (working tree only)
#   BENCH_STRICT [0]           1 = exit 2 when a target is missed
set -euo pipefail

CONNECTIONS="${BENCH_CONNECTIONS:-16}"
THREADS="${BENCH_THREADS:-2}"
DURATION="${BENCH_DURATION:-20}"
WARMUP="${BENCH_WARMUP:-15}"
PREPAYMENTS="${BENCH_PREPAYMENTS:-1000000}"
DUE="${BENCH_DUE:-100000}"
BATCH="${BENCH_BATCH:-250}"
OUTBOX="${BENCH_OUTBOX:-0}"
EMAILS="${BENCH_EMAILS:-1}"
LOOPS="${BENCH_LOOPS:-2}"
PORT="${BENCH_PORT:-5098}"
CONN_EXTRA="${BENCH_CONN_EXTRA:-}"
PG_PRIVATE="${BENCH_PG_PRIVATE:-0}"
REF="${BENCH_REF:-}"
SKIP_BUILD="${BENCH_SKIP_BUILD:-0}"
STRICT="${BENCH_STRICT:-0}"
PERF="${BENCH_PERF:-0}"
PERF_RENEW_S="${BENCH_PERF_RENEW_S:-10}"
PERF_RENEW_DELAY="${BENCH_PERF_RENEW_DELAY:-5}"

# targets (from the issue)
TARGET_LIST_P99_MS=20
TARGET_RENEWAL_S=60

APP_DB=cleanprepay_subscriptions_bench
PGB_DB=""
BENCH_NAME=subscriptions
PG_PRIVATE_PORT=56535
# shellcheck source=bench/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_prepare wrk curl jq awk

# --- 1. schema (the API migrates on start), a plan, and the data ----------------------------------
start_api "$RESULTS/subscriptions-api.log" Subscriptions__WorkerEnabled=false
TOKEN=""
new_token
PLAN="$(post /v1/plans '{"name":"Bench monthly","price":{"amount":1000,"currency":"EUR"},"interval":"month","billing":"activation"}' | jq -r .id)"
stop_api

TODAY="$(date -u +%F)"
log "seeding $DUE customers with wallets and due subscriptions, and $PREPAYMENTS prepayments"
sql <<SQL
INSERT INTO customers (id, email, normalized_email, name, language, country, newsletter, opt_in, status, registered_at, last_visit_at, attached_coupons, version)
SELECT 'cus_bench_' || lpad(g::text, 7, '0'), 'renew-' || g || '@bench.example', 'renew-' || g || '@bench.example', 'Bench ' || g, 'en', 'SE', false, false, 'Active', now() - interval '60 days', NULL, 0, 0
  FROM generate_series(1, $DUE) g;
INSERT INTO wallets (id, customer_id, credits, created_at, version)
SELECT 'wal_bench_' || lpad(g::text, 7, '0'), 'cus_bench_' || lpad(g::text, 7, '0'), 0, now() - interval '60 days', 1
  FROM generate_series(1, $DUE) g;
-- each wallet holds 50.00 EUR, credited by one ledger entry: the balance is the sum of its ledger
INSERT INTO wallet_pockets (wallet_id, currency, balance)
SELECT 'wal_bench_' || lpad(g::text, 7, '0'), 'EUR', 5000 FROM generate_series(1, $DUE) g;
INSERT INTO ledger_entries (id, wallet_id, sequence, kind, currency, amount, balance_after, reference, reason, created_by, created_at)
SELECT 'led_bench_' || lpad(g::text, 7, '0'), 'wal_bench_' || lpad(g::text, 7, '0'), 1, 'ManualCredit', 'EUR', 5000, 5000, NULL, 'bench seed', 'bench', now() - interval '60 days'
  FROM generate_series(1, $DUE) g;
-- due now: paid through yesterday, one month from activation on the same day last month
INSERT INTO subscriptions (id, customer_id, plan_id, currency, price, interval, interval_count, anchor_day, status, start_date, trial_ends_on,
  paid_through, next_charge_at, renewal_method, gateway, payment_method_token, risk_outcome, cancel_at_period_end, canceled_at, cancel_reason,
  failed_attempts, coupon_campaign_id, coupon_code, coupon_until, created_at, updated_at, version)
SELECT 'sub_bench_' || lpad(g::text, 7, '0'), 'cus_bench_' || lpad(g::text, 7, '0'), '$PLAN', 'EUR', 1000, 'Month', 1,
  extract(day FROM date '$TODAY')::int, 'Active', (date '$TODAY' - interval '1 month')::date, NULL,
  (date '$TODAY' - 1), (date '$TODAY')::timestamptz - (g % 3600) * interval '1 second', 'Wallet', NULL, NULL, NULL, false, NULL, NULL,
  0, NULL, NULL, NULL, now() - interval '31 days', now() - interval '31 days', 1
  FROM generate_series(1, $DUE) g;
-- the prepayments list: 30 % pending, over $DUE customers and 120 days of creation
INSERT INTO prepayments (id, customer_id, subscription_id, kind, amount, currency, period_start, period_end, partial_to, partial_amount, cut_after,
  status, order_id, attempts, created_at, expires_at, paid_at, closed_at, version)
SELECT 'ppm_bench_' || lpad(g::text, 8, '0'), 'cus_bench_' || lpad((1 + (g::bigint * 7919) % $DUE)::text, 7, '0'), 'sub_hist_' || g, 'Initial',
  500 + g % 5000, 'EUR', date '$TODAY' - (g % 120), date '$TODAY' - (g % 120) + 30, NULL, NULL, NULL,
  CASE WHEN g % 10 < 3 THEN 'Pending' WHEN g % 10 < 9 THEN 'Paid' ELSE 'Expired' END, NULL, 1,
  now() - (g % 120) * interval '1 day' - (g % 86400) * interval '1 second', now() + interval '3 days', NULL, NULL, 1
  FROM generate_series(1, $PREPAYMENTS) g;
ANALYZE;
SQL
checkpoint "$APP_DB"
PENDING="$(sql -c "SELECT count(*) FROM prepayments WHERE status = 'Pending'")"
log "$(sql -c "SELECT count(*) FROM prepayments") prepayments ($PENDING pending), $(sql -c "SELECT count(*) FROM subscriptions WHERE next_charge_at <= now()") subscriptions due"

# --- 2. GetPendingPrepayments ------------------------------------------------------------------------
PERF_ENV=()
[ "$PERF" = 1 ] && PERF_ENV=(DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0)
start_api "$RESULTS/subscriptions-api.log" Subscriptions__WorkerEnabled=false "${PERF_ENV[@]}"
new_token
: >"$WORK/queries"
enc() { jq -rn --arg v "$1" '$v|@uri'; }
for i in $(seq 1 50); do
  c="cus_bench_$(printf '%07d' $(( (i * 104729) % DUE + 1 )))"
  from="$(date -u -d "-$((i % 100 + 5)) days" +%FT%TZ)"; to="$(date -u -d "-$((i % 100)) days" +%FT%TZ)"
  {
    echo "/v1/prepayments?status=pending&limit=50"
    echo "/v1/prepayments?status=pending&customerId=$c"
    echo "/v1/prepayments?status=pending&createdFrom=$(enc "$from")&createdTo=$(enc "$to")&limit=50"
  } >>"$WORK/queries"
done
# pages deeper in: follow the cursor of the first page 20 times
cursor=""
for _ in $(seq 1 20); do
  page="$(curl -fsS "$BASE_URL/v1/prepayments?status=pending&limit=50${cursor:+&cursor=$cursor}" -H "Authorization: Bearer $TOKEN")"
  cursor="$(jq -r .nextCursor <<<"$page")"
  echo "/v1/prepayments?status=pending&limit=50&cursor=$cursor" >>"$WORK/queries"
done
[ "$(jq '.items | length' <<<"$(curl -fsS "$BASE_URL$(sed -n 1p "$WORK/queries")" -H "Authorization: Bearer $TOKEN")")" = 50 ] || die "the first page is not 50 items"

explain() { sql -c "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) $1" | sed 's/^/    /'; }
PLANS="$WORK/plans"
{
  echo "  first page:"; explain "SELECT * FROM prepayments WHERE status = 'Pending' ORDER BY created_at DESC, id DESC LIMIT 51"
  echo "  one customer:"; explain "SELECT * FROM prepayments WHERE status = 'Pending' AND customer_id = 'cus_bench_0000042' ORDER BY created_at DESC, id DESC LIMIT 51"
  echo "  a creation range:"; explain "SELECT * FROM prepayments WHERE status = 'Pending' AND created_at >= now() - interval '40 days' AND created_at < now() - interval '35 days' ORDER BY created_at DESC, id DESC LIMIT 51"
} >"$PLANS"

log "GetPendingPrepayments: ${WARMUP}s warm-up, then ${DURATION}s at $CONNECTIONS connections over $(wc -l <"$WORK/queries") queries"
run_wrk prepayments-load.lua "$WARMUP" "$RESULTS/subscriptions-warmup.txt" "$CONNECTIONS" "$THREADS" "$WORK/queries" "$WORK/token"
LOAD_LIST="$(loadavg)"
cpu_begin
perf_begin
run_wrk prepayments-load.lua "$DURATION" "$RESULTS/subscriptions-list.txt" "$CONNECTIONS" "$THREADS" "$WORK/queries" "$WORK/token"
line="$(bench_line "$RESULTS/subscriptions-list.txt")"
cpu_end list "$(kv "$line" requests)"
perf_end list "$(kv "$line" rps)" subscriptions-list-perf.txt
LIST_ERRS="$(errors_of "$line")"
show_statuses "$RESULTS/subscriptions-warmup.txt" "$RESULTS/subscriptions-list.txt"
log "GetPendingPrepayments: $(kv "$line" rps) req/s, p50 $(kv "$line" p50_ms) ms, p99 $(kv "$line" p99_ms) ms, errors $LIST_ERRS"
PACE_MS="$(awk -v c="$CONNECTIONS" -v r="$(kv "$line" rps)" 'BEGIN { printf "%d", (r > 0 ? 1000 * c / (r / 2) : 0) }')"
log "GetPendingPrepayments paced: each connection pausing ${PACE_MS} ms between requests, ${DURATION}s"
LOAD_PACED="$(loadavg)"
cpu_begin
run_wrk prepayments-load.lua "$DURATION" "$RESULTS/subscriptions-list-paced.txt" "$CONNECTIONS" "$THREADS" "$WORK/queries" "$WORK/token" "$PACE_MS"
paced="$(bench_line "$RESULTS/subscriptions-list-paced.txt")"
cpu_end paced "$(kv "$paced" requests)"
PACED_ERRS="$(errors_of "$paced")"
show_statuses "$RESULTS/subscriptions-list-paced.txt"
log "GetPendingPrepayments paced: $(kv "$paced" rps) req/s, p50 $(kv "$paced" p50_ms) ms, p99 $(kv "$paced" p99_ms) ms, errors $PACED_ERRS"
stop_api

# --- 3. the renewal worker ----------------------------------------------------------------------------
log "renewals: starting the API with its worker (batch $BATCH) on $DUE due subscriptions"
checkpoint "$APP_DB"
T0="$(date +%s.%N)"
LOAD_RENEW="$(loadavg)"
cpu_begin
start_api "$RESULTS/subscriptions-api.log" Subscriptions__WorkerEnabled=true Subscriptions__BatchSize="$BATCH" Subscriptions__PollInterval=00:00:01 Subscriptions__WorkerConcurrency="$LOOPS" \
  Outbox__Enabled="$([ "$OUTBOX" = 1 ] && echo true || echo false)" Smtp__PickupDirectory="$WORK/mail" "${PERF_ENV[@]}"
T_READY="$(date +%s.%N)"
[ "$PERF" != 1 ] || { sleep "$PERF_RENEW_DELAY"; perf_begin "$PERF_RENEW_S"; }
while :; do
  left="$(sql -c "SELECT count(*) FROM subscriptions WHERE id LIKE 'sub_bench_%' AND next_charge_at <= now()")"
  [ "$left" = 0 ] && break
  awk -v t0="$T0" -v now="$(date +%s.%N)" 'BEGIN { exit !(now - t0 > 600) }' && die "renewals not done after 600 s ($left left)"
  sleep 0.5
done
T1="$(date +%s.%N)"
cpu_end renew "$DUE"
perf_end renewals "-" subscriptions-renew-perf.txt
stop_api
RENEW_WALL="$(awk -v a="$T0" -v b="$T1" 'BEGIN { printf "%.1f", b - a }')"
RENEW_FROM_READY="$(awk -v a="$T_READY" -v b="$T1" 'BEGIN { printf "%.1f", b - a }')"
read -r PAID SPAN <<<"$(sql -F' ' -c "SELECT count(*), round(extract(epoch FROM max(paid_at) - min(created_at))::numeric, 1) FROM prepayments WHERE kind = 'Renewal' AND status = 'Paid' AND subscription_id LIKE 'sub_bench_%'")"
TWICE="$(sql -c "SELECT count(*) FROM (SELECT subscription_id FROM prepayments WHERE kind = 'Renewal' AND subscription_id LIKE 'sub_bench_%' GROUP BY 1 HAVING count(*) > 1) d")"
WRONG_BALANCE="$(sql -c "SELECT count(*) FROM wallet_pockets WHERE wallet_id LIKE 'wal_bench_%' AND balance <> 4000")"
PAST="$(sql -c "SELECT count(*) FROM subscriptions WHERE id LIKE 'sub_bench_%' AND (status <> 'Active' OR paid_through <= date '$TODAY')")"
ledger_check
EMAIL_LINE="not measured (BENCH_EMAILS=0)"
if [ "$EMAILS" = 1 ]; then
  pending_mail() { sql -c "SELECT count(*) FROM outbox_messages WHERE type = 'PrepaymentPaid' AND processed_at IS NULL"; }
  MAIL0="$(pending_mail)"
  log "emails: the outbox delivers $MAIL0 renewal confirmations (API with the outbox only)"
  E0="$(date +%s.%N)"
  cpu_begin
  start_api "$RESULTS/subscriptions-api.log" Subscriptions__WorkerEnabled=false Outbox__Enabled=true Smtp__PickupDirectory="$WORK/mail"
  while [ "$(pending_mail)" != 0 ]; do
    awk -v t0="$E0" -v now="$(date +%s.%N)" 'BEGIN { exit !(now - t0 > 900) }' && { log "emails: not done after 900 s"; break; }
    sleep 1
  done
  E1="$(date +%s.%N)"
  cpu_end mail "$MAIL0"
  stop_api
  SENT="$(sql -c "SELECT count(*) FROM notifications WHERE kind = 'PaymentConfirmation'")"
  FILES="$(find "$WORK/mail" -name '*.eml' 2>/dev/null | wc -l)"
  EMAIL_LINE="$SENT confirmations sent ($FILES .eml files) in $(awk -v a="$E0" -v b="$E1" 'BEGIN { printf "%.1f", b - a }') s from the API's start; ${CPU_LINE[mail]}"
  log "emails: $EMAIL_LINE"
fi
log "renewals: $PAID paid in $RENEW_WALL s from the API's start ($RENEW_FROM_READY s from ready; first renewal to last payment $SPAN s); billed twice $TWICE; wrong balances $WRONG_BALANCE; not renewed $PAST"

verdict() { if awk -v a="$2" -v b="$3" "BEGIN { exit !(a $1 b) }"; then echo PASS; else echo FAIL; fi; }
V_LIST="$(verdict '<' "$(kv "$paced" p99_ms)" "$TARGET_LIST_P99_MS")"
V_RENEW="$(verdict '<' "$RENEW_WALL" "$TARGET_RENEWAL_S")"
CONSISTENT=1
[ "$PAID" = "$DUE" ] && [ "$TWICE" = 0 ] && [ "$WRONG_BALANCE" = 0 ] && [ "$PAST" = 0 ] && [ "$LEDGER_OK" = 1 ] || CONSISTENT=0
V_CONS="$(verdict '==' "$CONSISTENT" 1)"
V_ERRS="$(verdict '==' $((LIST_ERRS + PACED_ERRS)) 0)"
OVERALL=PASS
for v in "$V_LIST" "$V_RENEW" "$V_CONS" "$V_ERRS"; do [ "$v" = PASS ] || OVERALL=FAIL; done

if [ -n "$REF" ]; then COMMIT="${REF_SHA:0:7} (exported $REF)"; else COMMIT="$(git -C "$REPO_ROOT" rev-parse --short HEAD) (working tree)"; fi
{
  bench_header
  echo "CleanPrepay subscriptions run — $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "commit $COMMIT; PostgreSQL $PG_VERSION; $(nproc) cores shared by API, PostgreSQL and load generator"
  echo
  printf '%-40s %10s %9s %9s %7s   %s\n' operation "req/s" "p50 ms" "p99 ms" errors "load avg before"
  printf '%-40s %10s %9s %9s %7s   %s\n' "GetPendingPrepayments ($PREPAYMENTS rows)" "$(kv "$line" rps)" "$(kv "$line" p50_ms)" "$(kv "$line" p99_ms)" "$LIST_ERRS" "$LOAD_LIST"
  printf '%-40s %10s %9s %9s %7s   %s\n' "  same, paced to ~half that rate" "$(kv "$paced" rps)" "$(kv "$paced" p50_ms)" "$(kv "$paced" p99_ms)" "$PACED_ERRS" "$LOAD_PACED"
  echo "list window:   ${CPU_LINE[list]}"
  echo "paced window:  ${CPU_LINE[paced]} (each connection pauses ${PACE_MS} ms before each request)"
  echo "query plans (one execution each, after the run):"
  cat "$PLANS"
  echo
  echo "renewals: $DUE due subscriptions paid from wallets by one API instance's worker ($LOOPS loops, batch $BATCH): $RENEW_WALL s from the API's start, $RENEW_FROM_READY s from /health/ready; first renewal to last payment $SPAN s ($(awk -v n="$DUE" -v s="$SPAN" 'BEGIN { printf "%.0f", n / s }') renewals/s); load avg before $LOAD_RENEW"
  echo "renewal window: ${CPU_LINE[renew]}"
  echo "paid $PAID; billed twice $TWICE; wallets not at 40.00 EUR $WRONG_BALANCE; not renewed $PAST; $LEDGER_LINE"
  echo "outbox during the renewals: $([ "$OUTBOX" = 1 ] && echo "on (emails sent as they go)" || echo "off (a billing instance)"); confirmation emails afterwards: $EMAIL_LINE"
  echo
  echo "targets:"
  printf '  %-4s GetPendingPrepayments p99 under %s ms at %s connections paced to ~half the flat-out rate, %s prepayments (%s ms at %s req/s)\n' "$V_LIST" "$TARGET_LIST_P99_MS" "$CONNECTIONS" "$PREPAYMENTS" "$(kv "$paced" p99_ms)" "$(kv "$paced" rps)"
  printf '       (informational: flat out, p99 %s ms at %s req/s: the queue of 16 clients on 2 shared cores)\n' "$(kv "$line" p99_ms)" "$(kv "$line" rps)"
  printf '  %-4s %s renewals from wallets in under %s s (%s s from the API start)\n' "$V_RENEW" "$DUE" "$TARGET_RENEWAL_S" "$RENEW_WALL"
  printf '  %-4s each subscription billed exactly once, balances and ledger consistent\n' "$V_CONS"
  printf '  %-4s zero errors (%s)\n' "$V_ERRS" $((LIST_ERRS + PACED_ERRS))
  echo "overall: $OVERALL"
} | tee "$RESULTS/subscriptions-latest.txt"

[ "$CONSISTENT" = 1 ] || exit 1
[ "$STRICT" != 1 ] || [ "$OVERALL" = PASS ] || exit 2
