#!/usr/bin/env bash
# CleanPrepay load run on PostgreSQL for provider webhooks (issue 6): POST /v1/webhooks/stripe with
# Stripe-signed events, through verification, the inbox and the payment settlement.
#   1. apply: BENCH_EVENTS payment_intent.succeeded events, each for its own top-up waiting on 3-D
#      Secure; each delivered once: verify the signature, write the inbox row, lock the payment and
#      the wallet, credit the wallet and its ledger, in one transaction;
#   2. re-deliveries: the same events again, flat out for BENCH_DURATION s: verified, found in the
#      inbox, nothing changed;
#   3. afterwards: every payment succeeded, every wallet credited exactly once, one inbox row per
#      event, the ledger consistent.
# The top-ups are written with SQL (set-based) in the API's own schema; plumbing in bench/lib.sh.
# Summary to stdout and bench/results/webhooks-latest.txt.
#
# Knobs (environment), defaults in brackets:
#   BENCH_CONNECTIONS [16]  concurrent connections (wrk -c)
#   BENCH_THREADS [2]       wrk threads
#   BENCH_EVENTS [20000]    top-ups waiting on 3-D Secure, one event each
#   BENCH_DURATION [20]     measured seconds of re-deliveries
#   BENCH_PORT [5099]       API port on 127.0.0.1
#   BENCH_PG_PRIVATE [0]    1 = a private copy of scripts/pg-up.sh under /tmp
#   BENCH_REF []            a commit to bench instead of the working tree
#   BENCH_SKIP_BUILD [0]    1 = use the existing Release build (working tree only)
set -euo pipefail

CONNECTIONS="${BENCH_CONNECTIONS:-16}"
THREADS="${BENCH_THREADS:-2}"
EVENTS="${BENCH_EVENTS:-20000}"
DURATION="${BENCH_DURATION:-20}"
PORT="${BENCH_PORT:-5099}"
CONN_EXTRA="${BENCH_CONN_EXTRA:-}"
PG_PRIVATE="${BENCH_PG_PRIVATE:-0}"
REF="${BENCH_REF:-}"
SKIP_BUILD="${BENCH_SKIP_BUILD:-0}"
PERF=0

APP_DB=cleanprepay_webhooks_bench
PGB_DB=""
BENCH_NAME=webhooks
PG_PRIVATE_PORT=56536
# shellcheck source=bench/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_prepare wrk curl jq awk python3

SECRET="whsec_bench_$(date +%s%N)"
API_ENV=(
  Gateways__Stripe__SecretKey=sk_test_bench_unused
  Gateways__Stripe__WebhookSecret="$SECRET"
  Gateways__Stripe__BaseUrl=http://127.0.0.1:9
  Subscriptions__WorkerEnabled=false
  Reconciliation__WorkerEnabled=false
  Outbox__Enabled=false
)

# --- 1. schema, then the top-ups waiting on 3-D Secure -----------------------------------------------
start_api "$RESULTS/webhooks-api.log" "${API_ENV[@]}"
stop_api
log "seeding $EVENTS customers, wallets and top-ups of 25.00 EUR waiting on 3-D Secure at Stripe"
sql <<SQL
INSERT INTO customers (id, email, normalized_email, name, language, country, newsletter, opt_in, status, registered_at, last_visit_at, attached_coupons, version)
SELECT 'cus_wh_' || lpad(g::text, 7, '0'), 'wh-' || g || '@bench.example', 'wh-' || g || '@bench.example', 'Bench ' || g, 'en', 'FR', false, false, 'Active', now(), NULL, 0, 0
  FROM generate_series(1, $EVENTS) g;
INSERT INTO wallets (id, customer_id, credits, created_at, version)
SELECT 'wal_wh_' || lpad(g::text, 7, '0'), 'cus_wh_' || lpad(g::text, 7, '0'), 0, now(), 0 FROM generate_series(1, $EVENTS) g;
INSERT INTO top_ups (id, customer_id, wallet_id, package_id, grant_credits, payment_id, status, ledger_entry_id, created_at, completed_at,
  grant_amount, grant_currency, price_amount, price_currency, version)
SELECT 'top_wh_' || lpad(g::text, 7, '0'), 'cus_wh_' || lpad(g::text, 7, '0'), 'wal_wh_' || lpad(g::text, 7, '0'), NULL, NULL,
  'pay_wh_' || lpad(g::text, 7, '0'), 'RequiresAction', NULL, now(), NULL, 2500, 'EUR', 2500, 'EUR', 1
  FROM generate_series(1, $EVENTS) g;
INSERT INTO payments (id, customer_id, gateway, status, purpose, purpose_id, provider_reference, next_action_type, next_action_url,
  failure_code, failure_message, created_at, updated_at, completed_at, amount_amount, amount_currency, version, credits, refunded_amount,
  refunded_credits, next_sync_at, sync_attempts)
SELECT 'pay_wh_' || lpad(g::text, 7, '0'), 'cus_wh_' || lpad(g::text, 7, '0'), 'stripe', 'RequiresAction', 'TopUp', 'top_wh_' || lpad(g::text, 7, '0'),
  'pi_wh_' || lpad(g::text, 7, '0'), 'redirect', 'https://hooks.stripe.com/3d_secure_2/hosted', NULL, NULL, now(), now(), NULL, 2500, 'EUR', 1, NULL, 0, 0,
  NULL, 1
  FROM generate_series(1, $EVENTS) g;
ANALYZE;
SQL
checkpoint "$APP_DB"

# --- 2. the signed events (signed just before delivery: Stripe's window is 300 s) -------------------
make_events() {
  python3 - "$EVENTS" "$SECRET" >"$WORK/events" <<'PY'
import hashlib, hmac, json, sys, time
n, secret = int(sys.argv[1]), sys.argv[2].encode()
t = int(time.time())
for g in range(1, n + 1):
    i = f"{g:07d}"
    body = json.dumps({
        "id": f"evt_wh_{i}", "object": "event", "type": "payment_intent.succeeded", "api_version": "2023-08-16", "livemode": False, "created": t,
        "data": {"object": {"id": f"pi_wh_{i}", "object": "payment_intent", "status": "succeeded", "amount": 2500, "currency": "eur",
                             "metadata": {"payment_id": f"pay_wh_{i}"}}}}, separators=(",", ":"))
    sig = hmac.new(secret, f"{t}.{body}".encode(), hashlib.sha256).hexdigest()
    print(f"t={t},v1={sig}\t{body}")
PY
}

start_api "$RESULTS/webhooks-api.log" "${API_ENV[@]}"
make_events
log "phase 1: $EVENTS events, each delivered once ($CONNECTIONS connections)"
api0="$(api_ticks)"; pg0="$(pg_ticks)"
# wrk keeps its clock running after its threads stop, so it is interrupted (it then reports) once the
# inbox holds every event
WRK_THREADS="$THREADS" wrk -t"$THREADS" -c"$CONNECTIONS" -d3600s --timeout 10s --latency \
  -s "$BENCH_DIR/webhooks-load.lua" "$BASE_URL" -- "$WORK/events" "$EVENTS" >"$RESULTS/webhooks-apply.txt" 2>&1 &
WRK_PID=$!
for _ in $(seq 1 6000); do
  kill -0 "$WRK_PID" 2>/dev/null || break
  [ "$(sql -c "SELECT count(*) FROM gateway_webhook_events")" -ge "$EVENTS" ] && break
  sleep 0.1
done
kill -INT "$WRK_PID" 2>/dev/null || true
wait "$WRK_PID" || true
api1="$(api_ticks)"; pg1="$(pg_ticks)"
grep -q '^BENCH ' "$RESULTS/webhooks-apply.txt" || { cat "$RESULTS/webhooks-apply.txt" >&2; die "no BENCH line in the apply phase"; }
APPLY="$(bench_line "$RESULTS/webhooks-apply.txt")"
SERVER_S="$(sql -c "SELECT round(extract(epoch FROM max(received_at) - min(received_at))::numeric, 2) FROM gateway_webhook_events")"

make_events # fresh timestamps: the same event ids, signed again, as Stripe's retries are
log "phase 2: the same events re-delivered for ${DURATION}s"
WRK_THREADS="$THREADS" run_wrk webhooks-load.lua "$DURATION" "$RESULTS/webhooks-redeliver.txt" "$CONNECTIONS" "$THREADS" "$WORK/events" 0
REDELIVER="$(bench_line "$RESULTS/webhooks-redeliver.txt")"
show_statuses "$RESULTS/webhooks-apply.txt" "$RESULTS/webhooks-redeliver.txt"

# --- 3. exactly once --------------------------------------------------------------------------------
read -r SUCCEEDED CREDITED BALANCE INBOX APPLIED_ROWS <<<"$(sql -F' ' -c "
  SELECT (SELECT count(*) FROM payments WHERE id LIKE 'pay_wh_%' AND status = 'Succeeded'),
         (SELECT count(*) FROM ledger_entries WHERE wallet_id LIKE 'wal_wh_%' AND kind = 'TopUp'),
         (SELECT coalesce(sum(balance), 0) FROM wallet_pockets WHERE wallet_id LIKE 'wal_wh_%'),
         (SELECT count(*) FROM gateway_webhook_events WHERE gateway = 'stripe'),
         (SELECT count(*) FROM gateway_webhook_events WHERE gateway = 'stripe' AND result = 'applied')")"
ledger_check
EXPECTED_BALANCE=$((EVENTS * 2500))
OK=1
[ "$SUCCEEDED" = "$EVENTS" ] && [ "$CREDITED" = "$EVENTS" ] && [ "$BALANCE" = "$EXPECTED_BALANCE" ] && [ "$INBOX" = "$EVENTS" ] && [ "$APPLIED_ROWS" = "$EVENTS" ] && [ "$LEDGER_OK" = 1 ] || OK=0
[ "$(errors_of "$APPLY")" = 0 ] && [ "$(errors_of "$REDELIVER")" = 0 ] || OK=0

{
  bench_header
  echo "webhooks bench ($(date -u +%FT%TZ)), ${REF_SHA:-working tree $(git -C "$REPO_ROOT" rev-parse --short HEAD)}, PostgreSQL $PG_VERSION, $(nproc) cores"
  echo "phase 1, each of $EVENTS events once: requests=$(kv "$APPLY" requests) in $(kv "$APPLY" duration_s) s, rps=$(kv "$APPLY" rps) p50=$(kv "$APPLY" p50_ms) ms p99=$(kv "$APPLY" p99_ms) ms applied=$(kv "$APPLY" applied) errors=$(errors_of "$APPLY")"
  echo "  first to last inbox row: $SERVER_S s ($(awk -v n="$EVENTS" -v s="$SERVER_S" 'BEGIN{ if (s > 0) printf "%.0f", n / s; else print "n/a" }') events/s applied)"
  echo "  CPU per applied event: API $(awk -v a="$((api1 - api0))" -v n="$EVENTS" -v hz="$HZ" 'BEGIN{printf "%.2f", a / hz * 1000 / n}') ms, PostgreSQL $(awk -v a="$((pg1 - pg0))" -v n="$EVENTS" -v hz="$HZ" 'BEGIN{printf "%.2f", a / hz * 1000 / n}') ms"
  echo "phase 2, re-deliveries for ${DURATION}s: requests=$(kv "$REDELIVER" requests) rps=$(kv "$REDELIVER" rps) p50=$(kv "$REDELIVER" p50_ms) ms p99=$(kv "$REDELIVER" p99_ms) ms applied=$(kv "$REDELIVER" applied) errors=$(errors_of "$REDELIVER")"
  echo "exactly once: $SUCCEEDED/$EVENTS payments succeeded, $CREDITED top-up ledger entries, balance $BALANCE (expected $EXPECTED_BALANCE), inbox $INBOX rows ($APPLIED_ROWS applied); $LEDGER_LINE"
  echo "verdict: $([ "$OK" = 1 ] && echo OK || echo FAILED)"
} | tee "$RESULTS/webhooks-latest.txt"
[ "$OK" = 1 ]
