#!/usr/bin/env bash
# CleanPrepay load run on PostgreSQL for coupons (issue 4):
#   - generating 100,000 bulk codes in one POST /v1/coupon-campaigns, timed end to end (curl), a
#     few times, with the codes counted and checked unique in SQL;
#   - ApplyCoupon (POST /v1/coupons/apply to the account) at 16 connections, p50/p99, every
#     request a new (customer, campaign) pair: spread over 60 campaigns (judged), then all on one
#     capped campaign at a time (the flash-promotion worst case, reported beside it);
#   - consistency afterwards: each campaign's counter equals its redemption rows, every 2xx is one row.
# Plumbing shared with bench/orders.sh in bench/lib.sh; see bench/README.md ("Coupons").
# Summary goes to stdout and bench/results/coupons-latest.txt.
#
# Knobs (environment), defaults in brackets:
#   BENCH_CONNECTIONS [16]   concurrent connections (wrk -c)
#   BENCH_THREADS [2]        wrk threads
#   BENCH_DURATION [20]      measured seconds of ApplyCoupon
#   BENCH_WARMUP [30]        warm-up seconds before it
#   BENCH_BULK [100000]      codes per bulk campaign
#   BENCH_BULK_RUNS [3]      bulk campaigns created (each timed)
#   BENCH_CUSTOMERS [4000]   customers created for ApplyCoupon
#   BENCH_CAMPAIGNS [60]     shared-code campaigns the spread phase redeems; every other one capped
#                            (at the number of customers, so never reached): both paths are measured
#   BENCH_HOT_CAMPAIGNS [8]  capped campaigns the hot phase redeems, one after the other
#   BENCH_PORT [5097]        API port on 127.0.0.1
#   BENCH_CONN_EXTRA []      appended to the API's connection string
#   BENCH_PG_PRIVATE [0]     1 = a private copy of scripts/pg-up.sh under /tmp (as run.sh)
#   BENCH_REF []             a commit (e.g. HEAD) to bench instead of the working tree
#   BENCH_SKIP_BUILD [0]     1 = use the existing Release build (working tree only)
#   BENCH_STRICT [0]         1 = exit 2 when a target is missed
set -euo pipefail

CONNECTIONS="${BENCH_CONNECTIONS:-16}"
THREADS="${BENCH_THREADS:-2}"
DURATION="${BENCH_DURATION:-20}"
WARMUP="${BENCH_WARMUP:-30}"
BULK="${BENCH_BULK:-100000}"
BULK_RUNS="${BENCH_BULK_RUNS:-3}"
CUSTOMERS="${BENCH_CUSTOMERS:-4000}"
CAMPAIGNS="${BENCH_CAMPAIGNS:-60}"
HOT_CAMPAIGNS="${BENCH_HOT_CAMPAIGNS:-8}"
PORT="${BENCH_PORT:-5097}"
CONN_EXTRA="${BENCH_CONN_EXTRA:-}"
PG_PRIVATE="${BENCH_PG_PRIVATE:-0}"
REF="${BENCH_REF:-}"
SKIP_BUILD="${BENCH_SKIP_BUILD:-0}"
STRICT="${BENCH_STRICT:-0}"
PERF=0

# targets (from the issue)
TARGET_BULK_S=5
TARGET_APPLY_P99_MS=20

APP_DB=cleanprepay_coupons_bench
PGB_DB=""
BENCH_NAME=coupons
PG_PRIVATE_PORT=56534
# shellcheck source=bench/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_prepare wrk curl jq awk xargs
start_api "$RESULTS/coupons-api.log"
TOKEN=""
new_token

# --- 1. bulk codes ---------------------------------------------------------------------------------
BULK_TIMES=()
for run in $(seq 1 "$BULK_RUNS"); do
  body="{\"name\":\"Bulk $run\",\"percentOff\":1000,\"duration\":\"once\",\"appliesTo\":\"account\",\"bulk\":{\"count\":$BULK,\"prefix\":\"B$run\"}}"
  out="$(curl -sS -o "$WORK/bulk.json" -w '%{http_code} %{time_total}' -X POST "$BASE_URL/v1/coupon-campaigns" \
    -H 'Content-Type: application/json' -H "Authorization: Bearer $TOKEN" --data "$body")"
  [ "${out%% *}" = 201 ] || { cat "$WORK/bulk.json" >&2; die "bulk campaign $run: HTTP ${out%% *}"; }
  id="$(jq -r .id "$WORK/bulk.json")"
  read -r n distinct <<<"$(sql -c "SELECT count(*), count(DISTINCT key) FROM coupon_codes WHERE campaign_id = '$id'" | tr '|' ' ')"
  [ "$n" = "$BULK" ] && [ "$distinct" = "$BULK" ] || die "bulk campaign $run: $n codes, $distinct distinct (expected $BULK)"
  BULK_TIMES+=("${out#* }")
  log "bulk campaign $run: $BULK codes in ${out#* } s ($n stored, $distinct distinct)"
done
BULK_MAX="$(printf '%s\n' "${BULK_TIMES[@]}" | sort -g | tail -n 1)"
BULK_ALL_DISTINCT="$(sql -c "SELECT count(*) = count(DISTINCT key) FROM coupon_codes")"

# --- 2. customers and shared-code campaigns --------------------------------------------------------
log "creating $CUSTOMERS customers, $CAMPAIGNS + $HOT_CAMPAIGNS shared-code campaigns"
seq 1 "$CUSTOMERS" | xargs -P 8 -I{} curl -fsS -X POST "$BASE_URL/v1/customers" -H 'Content-Type: application/json' \
  -H "Authorization: Bearer $TOKEN" --data '{"email":"coupon-bench-{}@bench.example","name":"Bench {}"}' -o /dev/null
sql -c "SELECT id FROM customers ORDER BY id" >"$WORK/customers"
[ "$(wc -l <"$WORK/customers")" = "$CUSTOMERS" ] || die "expected $CUSTOMERS customers"
: >"$WORK/codes"
for i in $(seq 1 "$CAMPAIGNS"); do
  cap="$([ $((i % 2)) = 0 ] && echo ",\"maxRedemptions\":$CUSTOMERS" || true)"
  post /v1/coupon-campaigns "{\"name\":\"Mass $i\",\"percentOff\":1500,\"duration\":\"once\",\"appliesTo\":\"account\",\"code\":\"MASS-$i\"$cap}" >/dev/null
  printf 'mass-%s\n' "$i" >>"$WORK/codes" # typed in lower case: codes match case-insensitively
done
: >"$WORK/hot-codes"
for i in $(seq 1 "$HOT_CAMPAIGNS"); do
  post /v1/coupon-campaigns "{\"name\":\"Flash $i\",\"amountOff\":{\"amount\":500,\"currency\":\"EUR\"},\"duration\":\"once\",\"appliesTo\":\"account\",\"code\":\"FLASH-$i\",\"maxRedemptions\":$CUSTOMERS}" >/dev/null
  printf 'FLASH%s\n' "$i" >>"$WORK/hot-codes" # typed without the hyphen
done

# --- 3. ApplyCoupon ---------------------------------------------------------------------------------
apply_wrk() { # SECONDS OUTFILE OFFSET MODE CODES_FILE
  run_wrk coupons-load.lua "$1" "$2" "$CONNECTIONS" "$THREADS" "$WORK/customers" "$5" "$WORK/token" "$THREADS" "$3" "$4"
}

log "ApplyCoupon spread: ${WARMUP}s warm-up, then ${DURATION}s at $CONNECTIONS connections"
apply_wrk "$WARMUP" "$RESULTS/coupons-warmup.txt" 0 spread "$WORK/codes"
warm="$(bench_line "$RESULTS/coupons-warmup.txt")"
WARM_ERRS="$(errors_of "$warm")"
OFFSET=$(( $(kv "$warm" requests) + 2000 )) # past every pair the warm-up used, in-flight ones included
LOAD_APPLY="$(loadavg)"
cpu_begin
apply_wrk "$DURATION" "$RESULTS/coupons-apply.txt" "$OFFSET" spread "$WORK/codes"
line="$(bench_line "$RESULTS/coupons-apply.txt")"
cpu_end apply "$(kv "$line" requests)"
ERRS="$(errors_of "$line")"
show_statuses "$RESULTS/coupons-warmup.txt" "$RESULTS/coupons-apply.txt"
log "ApplyCoupon spread: $(kv "$line" rps) req/s, p50 $(kv "$line" p50_ms) ms, p99 $(kv "$line" p99_ms) ms, errors $ERRS (warm-up $WARM_ERRS)"

log "ApplyCoupon hot: ${DURATION}s at $CONNECTIONS connections, one capped campaign at a time"
LOAD_HOT="$(loadavg)"
cpu_begin
apply_wrk "$DURATION" "$RESULTS/coupons-hot.txt" 0 hot "$WORK/hot-codes"
hot="$(bench_line "$RESULTS/coupons-hot.txt")"
cpu_end hot "$(kv "$hot" requests)"
HOT_ERRS="$(errors_of "$hot")"
show_statuses "$RESULTS/coupons-hot.txt"
log "ApplyCoupon hot: $(kv "$hot" rps) req/s, p50 $(kv "$hot" p50_ms) ms, p99 $(kv "$hot" p99_ms) ms, errors $HOT_ERRS"

# --- 4. consistency ---------------------------------------------------------------------------------
REDEMPTIONS="$(sql -c "SELECT count(*) FROM coupon_redemptions")"
OK_TOTAL=$(( $(kv "$warm" ok) + $(kv "$line" ok) + $(kv "$hot" ok) ))
# a capped campaign counts its redemptions (uncapped ones keep no counter: ADR 0017)
COUNTER_BAD="$(sql -c "SELECT count(*) FROM coupon_campaigns c WHERE c.max_redemptions IS NOT NULL AND (c.redemptions <> (SELECT count(*) FROM coupon_redemptions r WHERE r.campaign_id = c.id) OR c.redemptions > c.max_redemptions)")"
CAPPED="$(sql -c "SELECT count(*) FROM coupon_campaigns WHERE max_redemptions IS NOT NULL AND redemptions > 0")"
CONSISTENT=1
[ "$COUNTER_BAD" = 0 ] || CONSISTENT=0
# every 2xx is one row; wrk may not count answers still in flight when it stops, hence "at least"
[ "$REDEMPTIONS" -ge "$OK_TOTAL" ] && [ "$REDEMPTIONS" -le $((OK_TOTAL + 3 * CONNECTIONS)) ] || CONSISTENT=0

verdict() { if awk -v a="$2" -v b="$3" "BEGIN { exit !(a $1 b) }"; then echo PASS; else echo FAIL; fi; }
V_BULK="$(verdict '<' "$BULK_MAX" "$TARGET_BULK_S")"
V_APPLY="$(verdict '<' "$(kv "$line" p99_ms)" "$TARGET_APPLY_P99_MS")"
V_ERRS="$(verdict '==' $((ERRS + WARM_ERRS + HOT_ERRS)) 0)"
V_CONS="$(verdict '==' "$CONSISTENT" 1)"
OVERALL=PASS
for v in "$V_BULK" "$V_APPLY" "$V_ERRS" "$V_CONS"; do [ "$v" = PASS ] || OVERALL=FAIL; done

if [ -n "$REF" ]; then COMMIT="${REF_SHA:0:7} (exported $REF)"; else COMMIT="$(git -C "$REPO_ROOT" rev-parse --short HEAD) (working tree)"; fi
{
  bench_header
  echo "CleanPrepay coupons run — $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "commit $COMMIT; PostgreSQL $PG_VERSION; $(nproc) cores shared by API, PostgreSQL and load generator"
  echo
  echo "bulk codes: $BULK_RUNS campaigns of $BULK codes, end-to-end POST times (s): ${BULK_TIMES[*]}; slowest $BULK_MAX s; all codes in the table distinct: $BULK_ALL_DISTINCT"
  printf '%-36s %10s %9s %9s %7s   %s\n' operation "req/s" "p50 ms" "p99 ms" errors "load avg before"
  printf '%-36s %10s %9s %9s %7s   %s\n' "ApplyCoupon, spread over campaigns" "$(kv "$line" rps)" "$(kv "$line" p50_ms)" "$(kv "$line" p99_ms)" "$ERRS" "$LOAD_APPLY"
  printf '%-36s %10s %9s %9s %7s   %s\n' "  same, all on one capped campaign" "$(kv "$hot" rps)" "$(kv "$hot" p50_ms)" "$(kv "$hot" p99_ms)" "$HOT_ERRS" "$LOAD_HOT"
  echo "spread window: ${CPU_LINE[apply]}"
  echo "hot window:    ${CPU_LINE[hot]}"
  echo "$CUSTOMERS customers x ($CAMPAIGNS + $HOT_CAMPAIGNS) shared-code campaigns; redemptions stored $REDEMPTIONS for $OK_TOTAL answered 2xx (warm-up included); capped campaigns redeemed: $CAPPED, whose counter differs from their rows or passes the cap: $COUNTER_BAD"
  echo
  echo "targets:"
  printf '  %-4s 100,000 bulk codes in under %s s (slowest of %s: %s s)\n' "$V_BULK" "$TARGET_BULK_S" "$BULK_RUNS" "$BULK_MAX"
  printf '  %-4s ApplyCoupon p99 under %s ms at %s connections, spread over campaigns (%s ms)\n' "$V_APPLY" "$TARGET_APPLY_P99_MS" "$CONNECTIONS" "$(kv "$line" p99_ms)"
  printf '       (informational: all 16 on one capped campaign, p99 %s ms at %s req/s)\n' "$(kv "$hot" p99_ms)" "$(kv "$hot" rps)"
  printf '  %-4s zero errors (%s, warm-up included)\n' "$V_ERRS" $((ERRS + WARM_ERRS + HOT_ERRS))
  printf '  %-4s consistent (capped: counter = rows <= cap; one row per 2xx)\n' "$V_CONS"
  echo "overall: $OVERALL"
} | tee "$RESULTS/coupons-latest.txt"

[ "$CONSISTENT" = 1 ] || exit 1
[ "$STRICT" != 1 ] || [ "$OVERALL" = PASS ] || exit 2
