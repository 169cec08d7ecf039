#!/usr/bin/env bash
# CleanPrepay load run for outgoing webhooks (issue 17, ADR 0045): BENCH_EVENTS committed events (written
# straight into the outbox, as the unit of work writes them) fanned out to 3 endpoints and delivered to 3
# receivers on loopback (bench/webhook-receiver.py, which verifies a sample of the signatures). Measures
# the time from the commit of the events to the last successful delivery, against the 60 s target for
# 10,000 events, and checks that every delivery arrived exactly once.
# Summary to stdout and bench/results/outgoing-webhooks-latest.txt.
#
# Knobs (environment), defaults in brackets:
#   BENCH_EVENTS [10000]     events written
#   BENCH_PORT [5094]        API port on 127.0.0.1 (the receivers take the next three)
#   BENCH_TIMEOUT [300]      give up after this many seconds
#   BENCH_REF []             a commit (e.g. HEAD) to bench instead of the working tree
#   BENCH_SKIP_BUILD [0]     1 = use the existing Release build (working tree only)
set -euo pipefail

EVENTS="${BENCH_EVENTS:-10000}"
PORT="${BENCH_PORT:-5094}"
TIMEOUT="${BENCH_TIMEOUT:-300}"
CONN_EXTRA="${BENCH_CONN_EXTRA:-}"
PG_PRIVATE="${BENCH_PG_PRIVATE:-1}"
REF="${BENCH_REF:-}"
SKIP_BUILD="${BENCH_SKIP_BUILD:-0}"
STRICT="${BENCH_STRICT:-0}"
PERF=0
TARGET_SECONDS=60

APP_DB=cleanprepay_outgoing_bench
PGB_DB=""
BENCH_NAME=outgoing-webhooks
PG_PRIVATE_PORT=56538
# shellcheck source=bench/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_prepare curl jq awk python3
RECEIVER_PIDS=()
stop_receivers() { local p; for p in "${RECEIVER_PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap 'stop_receivers; cleanup' EXIT

start_api "$RESULTS/outgoing-webhooks-api.log"
new_token
for i in 1 2 3; do
  port=$((PORT + i))
  endpoint="$(post /v1/webhook-endpoints "{\"url\": \"http://127.0.0.1:$port/hook\", \"events\": [\"customer.created\"]}")"
  python3 "$REPO_ROOT/bench/webhook-receiver.py" "$port" "$(jq -r .secret <<<"$endpoint")" &
  RECEIVER_PIDS+=($!)
done
sleep 1

log "writing $EVENTS customer.created events to the outbox in one transaction"
sql <<SQL
INSERT INTO outbox_messages (id, type, payload, occurred_at, processed_at, attempts, webhook)
SELECT 'evt_' || lpad(to_hex(g), 32, '0'), 'CustomerCreated',
       json_build_object('customerId', 'cus_' || lpad(to_hex(g), 32, '0'), 'email', 'c' || g || '@example.test', 'name', 'Customer ' || g,
                         'language', 'en', 'newsletter', g % 2 = 0, 'optIn', false, 'occurredAt', now())::text,
       now(), now(), 0, true
  FROM generate_series(1, $EVENTS) g;
SQL
t0="$(date +%s.%N)"
expected=$((EVENTS * 3))
fanned_at="" done_at=""
while :; do
  now="$(date +%s.%N)"
  elapsed="$(awk -v a="$t0" -v b="$now" 'BEGIN { printf "%.1f", b - a }')"
  if [ -z "$fanned_at" ] && [ "$(sql -c "SELECT count(*) FROM outbox_messages WHERE webhook AND fanned_out_at IS NULL")" = 0 ]; then fanned_at="$elapsed"; fi
  delivered="$(sql -c "SELECT count(*) FROM webhook_deliveries WHERE status = 'Succeeded'")"
  if [ "$delivered" -ge "$expected" ]; then done_at="$elapsed"; break; fi
  awk -v e="$elapsed" -v t="$TIMEOUT" 'BEGIN { exit !(e > t) }' && die "only $delivered of $expected deliveries after $TIMEOUT s"
  sleep 0.5
done
sleep 2 # a second copy of anything would arrive now
posts=0 distinct=0 bad=0
for i in 1 2 3; do
  s="$(curl -fsS "http://127.0.0.1:$((PORT + i))/stats")"
  posts=$((posts + $(jq .posts <<<"$s"))); distinct=$((distinct + $(jq .distinct <<<"$s"))); bad=$((bad + $(jq .bad_signatures <<<"$s")))
done
failed="$(sql -c "SELECT count(*) FROM webhook_deliveries WHERE status <> 'Succeeded' OR attempts <> 1")"
rate="$(awk -v n="$expected" -v s="$done_at" 'BEGIN { printf "%.0f", n / s }')"
verdict="$(awk -v s="$done_at" -v t="$TARGET_SECONDS" 'BEGIN { print (s < t ? "met" : "MISSED") }')"
{
  bench_header
  echo "events: $EVENTS to 3 endpoints ($expected deliveries), receivers on loopback"
  echo "fanned out: ${fanned_at} s after the commit; all delivered: ${done_at} s ($rate deliveries/s); target < $TARGET_SECONDS s: $verdict"
  echo "receivers: $posts POSTs, $distinct distinct webhook-ids, $bad bad signatures in the sample; deliveries not succeeded at the first attempt: $failed"
} | tee "$RESULTS/outgoing-webhooks-latest.txt"
[ "$posts" = "$expected" ] && [ "$distinct" = "$expected" ] && [ "$bad" = 0 ] || die "deliveries were lost, doubled or badly signed"
