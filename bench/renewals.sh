#!/usr/bin/env bash
# CleanPrepay load run on PostgreSQL for off-session renewals (issue 15, ADR 0038):
#   100,000 subscriptions due, each renewing off-session from its saved Stripe card, billed by one API
#   instance's worker through a local fake Stripe (bench/fake-stripe.py) that answers after a realistic
#   50-150 ms; timed from the API's start until the last is paid; then every subscription billed exactly
#   once, here and at the fake (one PaymentIntent per payment, whatever the retries).
# The data is written with SQL (set-based) in the API's own schema; plumbing in bench/lib.sh; see
# bench/README.md ("Off-session renewals"). Summary to stdout and bench/results/renewals-latest.txt.
#
# Knobs (environment), defaults in brackets:
#   BENCH_DUE [100000]        subscriptions due, one customer and saved card each
#   BENCH_LOOPS [48]          Subscriptions:WorkerConcurrency: billing loops, each waiting on the gateway in turn
#   BENCH_BATCH [50]          Subscriptions:BatchSize
#   BENCH_LATENCY [50-150]    the fake Stripe's answer time, milliseconds, uniform
#   BENCH_PORT [5099], BENCH_STRIPE_PORT [5199], BENCH_CONN_EXTRA [], BENCH_REF [], BENCH_SKIP_BUILD [0], BENCH_PG [durable]
set -euo pipefail

DUE="${BENCH_DUE:-100000}"
LOOPS="${BENCH_LOOPS:-48}"
BATCH="${BENCH_BATCH:-50}"
LATENCY="${BENCH_LATENCY:-50-150}"
PORT="${BENCH_PORT:-5099}"
STRIPE_PORT="${BENCH_STRIPE_PORT:-5199}"
CONN_EXTRA="${BENCH_CONN_EXTRA:-}"
PG_PRIVATE="${BENCH_PG_PRIVATE:-0}"
REF="${BENCH_REF:-}"
SKIP_BUILD="${BENCH_SKIP_BUILD:-0}"
PERF=0
TARGET_S=300

APP_DB=cleanprepay_renewals_bench
PGB_DB=""
BENCH_NAME=renewals
PG_PRIVATE_PORT=56536
# shellcheck source=bench/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_prepare curl jq awk python3

STRIPE_PID=""
stop_stripe() { [ -z "$STRIPE_PID" ] || { kill "$STRIPE_PID" 2>/dev/null || true; wait "$STRIPE_PID" 2>/dev/null || true; STRIPE_PID=""; }; }
trap 'stop_stripe; cleanup' EXIT
python3 "$BENCH_DIR/fake-stripe.py" "$STRIPE_PORT" "$LATENCY" &
STRIPE_PID=$!
for _ in $(seq 1 40); do curl -fsS -o /dev/null "http://127.0.0.1:$STRIPE_PORT/stats" 2>/dev/null && break; sleep 0.25; done
STRIPE=(Gateways__Stripe__SecretKey=sk_test_bench_0123456789 Gateways__Stripe__WebhookSecret=whsec_bench
  Gateways__Stripe__BaseUrl="http://127.0.0.1:$STRIPE_PORT" Gateways__Stripe__BreakerMinimumThroughput=1000000)

# --- 1. schema (the API migrates on start), a plan, and the data ----------------------------------
start_api "$RESULTS/renewals-api.log" Subscriptions__WorkerEnabled=false "${STRIPE[@]}"
new_token
PLAN="$(post /v1/plans '{"name":"Bench monthly","price":{"amount":1000,"currency":"EUR"},"interval":"month","billing":"activation"}' | jq -r .id)"
stop_api

TODAY="$(date -u +%F)"
log "seeding $DUE customers with a saved Stripe card each and a subscription due today"
sql <<SQL
INSERT INTO customers (id, email, normalized_email, name, language, country, newsletter, opt_in, status, registered_at, last_visit_at, attached_coupons, version)
SELECT 'cus_bench_' || lpad(g::text, 7, '0'), 'renew-' || g || '@bench.example', 'renew-' || g || '@bench.example', 'Bench ' || g, 'en', 'DE', false, false,
  'Active', now() - interval '60 days', NULL, 0, 0
  FROM generate_series(1, $DUE) g;
INSERT INTO wallets (id, customer_id, credits, created_at, version)
SELECT 'wal_bench_' || lpad(g::text, 7, '0'), 'cus_bench_' || lpad(g::text, 7, '0'), 0, now() - interval '60 days', 1
  FROM generate_series(1, $DUE) g;
INSERT INTO gateway_customers (customer_id, gateway, provider_customer_id, created_at)
SELECT 'cus_bench_' || lpad(g::text, 7, '0'), 'stripe', 'cus_stripe_' || g, now() - interval '60 days' FROM generate_series(1, $DUE) g;
INSERT INTO saved_payment_methods (id, customer_id, gateway, kind, status, provider_customer_id, provider_method_id, setup_reference,
  display_brand, display_last4, display_exp_month, display_exp_year, display_email, is_default, next_action_type, next_action_url,
  failure_code, failure_message, created_at, updated_at, revoked_at, version)
SELECT 'spm_bench_' || lpad(g::text, 7, '0'), 'cus_bench_' || lpad(g::text, 7, '0'), 'stripe', 'Card', 'Active', 'cus_stripe_' || g, 'pm_bench_' || g,
  'seti_bench_' || g, 'visa', '4242', 12, 2034, NULL, true, NULL, NULL, NULL, NULL, now() - interval '60 days', now() - interval '60 days', NULL, 1
  FROM generate_series(1, $DUE) g;
INSERT INTO subscriptions (id, customer_id, plan_id, currency, price, interval, interval_count, anchor_day, status, start_date, trial_ends_on,
  paid_through, next_charge_at, renewal_method, gateway, payment_method_token, saved_method_id, risk_outcome, cancel_at_period_end, canceled_at, cancel_reason,
  failed_attempts, coupon_campaign_id, coupon_code, coupon_until, created_at, updated_at, version)
SELECT 'sub_bench_' || lpad(g::text, 7, '0'), 'cus_bench_' || lpad(g::text, 7, '0'), '$PLAN', 'EUR', 1000, 'Month', 1,
  extract(day FROM date '$TODAY')::int, 'Active', (date '$TODAY' - interval '1 month')::date, NULL,
  (date '$TODAY' - 1), (date '$TODAY')::timestamptz - (g % 3600) * interval '1 second', 'Gateway', 'stripe', NULL,
  'spm_bench_' || lpad(g::text, 7, '0'), NULL, false, NULL, NULL, 0, NULL, NULL, NULL, now() - interval '31 days', now() - interval '31 days', 1
  FROM generate_series(1, $DUE) g;
ANALYZE;
SQL
checkpoint "$APP_DB"
log "$(sql -c "SELECT count(*) FROM subscriptions WHERE next_charge_at <= now()") subscriptions due"

# --- 2. the renewal worker ----------------------------------------------------------------------------
log "renewals: the API's worker ($LOOPS loops, batch $BATCH) against the fake Stripe ($LATENCY ms)"
T0="$(date +%s.%N)"
LOAD_RENEW="$(loadavg)"
cpu_begin
start_api "$RESULTS/renewals-api.log" Subscriptions__WorkerEnabled=true Subscriptions__BatchSize="$BATCH" Subscriptions__PollInterval=00:00:01 \
  Subscriptions__WorkerConcurrency="$LOOPS" Subscriptions__ChargeConcurrency="${BENCH_CHARGES:-8}" Outbox__Enabled=false Reconciliation__WorkerEnabled=false AutoTopUp__WorkerEnabled=false \
  ${BENCH_SPIN:+DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=$BENCH_SPIN} "${STRIPE[@]}"
T_READY="$(date +%s.%N)"
while :; do
  left="$(sql -c "SELECT count(*) FROM subscriptions WHERE id LIKE 'sub_bench_%' AND next_charge_at <= now() AND status = 'Active'")"
  open="$(sql -c "SELECT count(*) FROM prepayments WHERE kind = 'Renewal' AND status = 'Pending'")"
  [ "$left" = 0 ] && [ "$open" = 0 ] && break
  awk -v t0="$T0" -v now="$(date +%s.%N)" 'BEGIN { exit !(now - t0 > 900) }' && die "renewals not done after 900 s ($left due, $open open)"
  sleep 1
done
T1="$(date +%s.%N)"
cpu_end renew "$DUE"
stop_api
RENEW_WALL="$(awk -v a="$T0" -v b="$T1" 'BEGIN { printf "%.1f", b - a }')"
RENEW_FROM_READY="$(awk -v a="$T_READY" -v b="$T1" 'BEGIN { printf "%.1f", b - a }')"
read -r PAID SPAN <<<"$(sql -F' ' -c "SELECT count(*), round(extract(epoch FROM max(paid_at) - min(created_at))::numeric, 1) FROM prepayments WHERE kind = 'Renewal' AND status = 'Paid' AND subscription_id LIKE 'sub_bench_%'")"
TWICE="$(sql -c "SELECT count(*) FROM (SELECT subscription_id FROM prepayments WHERE kind = 'Renewal' AND subscription_id LIKE 'sub_bench_%' GROUP BY 1 HAVING count(*) > 1) d")"
PAYMENTS="$(sql -c "SELECT count(*) FROM payments WHERE saved_method_id LIKE 'spm_bench_%' AND off_session AND status = 'Succeeded'")"
PAST="$(sql -c "SELECT count(*) FROM subscriptions WHERE id LIKE 'sub_bench_%' AND (status <> 'Active' OR paid_through <= date '$TODAY')")"
STATS="$(curl -fsS "http://127.0.0.1:$STRIPE_PORT/stats")"
stop_stripe
log "renewals: $PAID paid in $RENEW_WALL s from the API's start; fake Stripe: $STATS"

verdict() { if awk -v a="$2" -v b="$3" "BEGIN { exit !(a $1 b) }"; then echo PASS; else echo FAIL; fi; }
V_TIME="$(verdict '<' "$RENEW_WALL" "$TARGET_S")"
CONSISTENT=1
[ "$PAID" = "$DUE" ] && [ "$TWICE" = 0 ] && [ "$PAST" = 0 ] && [ "$PAYMENTS" = "$DUE" ] && [ "$(jq .charged_twice <<<"$STATS")" = 0 ] && [ "$(jq .created <<<"$STATS")" = "$DUE" ] || CONSISTENT=0
V_CONS="$(verdict '==' "$CONSISTENT" 1)"
if [ -n "$REF" ]; then COMMIT="${REF_SHA:0:7} (exported $REF)"; else COMMIT="$(git -C "$REPO_ROOT" rev-parse --short HEAD) (working tree)"; fi
{
  bench_header
  echo "CleanPrepay off-session renewals run — $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "commit $COMMIT; PostgreSQL $PG_VERSION; $(nproc) cores shared by API, PostgreSQL and the fake Stripe"
  echo
  echo "renewals: $DUE due subscriptions renewed off-session from saved Stripe cards by one API instance ($LOOPS loops, batch $BATCH), fake Stripe answering in $LATENCY ms"
  echo "  $RENEW_WALL s from the API's start, $RENEW_FROM_READY s from /health/ready; first renewal to last payment $SPAN s ($(awk -v n="$DUE" -v s="$SPAN" 'BEGIN { printf "%.0f", n / s }') renewals/s); load avg before $LOAD_RENEW"
  echo "  window: ${CPU_LINE[renew]}"
  echo "  paid $PAID; off-session payments succeeded $PAYMENTS; billed twice $TWICE; not renewed $PAST"
  echo "  fake Stripe: $STATS"
  echo
  echo "targets:"
  printf '  %-4s %s off-session renewals in under %s s (%s s)\n' "$V_TIME" "$DUE" "$TARGET_S" "$RENEW_WALL"
  printf '  %-4s none billed twice: one renewal, one payment and one PaymentIntent per subscription\n' "$V_CONS"
} | tee "$RESULTS/renewals-latest.txt"
