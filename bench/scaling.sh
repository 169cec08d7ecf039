#!/usr/bin/env bash
# CleanPrepay scaling table (issue 14, item 2): for each connection count C the API's wallet
# debits, sandbox top-ups, PlaceOrder from the wallet and the entitlement check (with
# $BENCH_ACCESSES accesses), then pgbench -N, TPC-B and -S at the same C with the API stopped;
# then one hot wallet (16 connections debiting ONE customer), checked for lost updates.
# Runs on the durable private cluster (bench/lib.sh, BENCH_PG). See bench/README.md ("Scaling").
# Markdown table to stdout and bench/results/scaling.md.
#
# Knobs (environment), defaults in brackets:
#   BENCH_SCALING_CONNECTIONS [1 4 16 64]  the columns
#   BENCH_DURATION [10]        measured seconds per cell
#   BENCH_WARMUP [45]          one warm-up (debits at 16 connections) at the start, for the JIT
#   BENCH_CELL_WARMUP [3]      warm-up seconds before each cell
#   BENCH_HOT_CONNECTIONS [16] connections of the hot-wallet row
#   BENCH_WALLETS [500]        seeded customers the debits/top-ups/orders pick at random / walk
#   BENCH_VIDEOS [3]           videos with a rent offer for PlaceOrder
#   BENCH_ACCESSES [1000000]   synthetic accesses for the entitlement row (as orders.sh)
#   BENCH_PGBENCH_SCALE [16]   pgbench -i -s
#   BENCH_LOG_LEVEL []         the API's Logging:LogLevel:Default; empty = appsettings.json's
#   BENCH_ROWS [debit topup orders entitlement]  the API rows measured (the hot wallet always runs)
#   BENCH_PGSS [0]             1 = pg_stat_statements per cell, per request, in scaling-ROW-cC-pgss.txt
#   BENCH_AUTO_TOPUP [0]       1 = an auto top-up its debits never cross on every debited wallet (ADR 0039)
#   BENCH_PORT [5097], BENCH_PG, BENCH_REF, BENCH_SKIP_BUILD, BENCH_CONN_EXTRA: as bench/run.sh
#
# Exit status: 0 = completed, ledger and hot wallet consistent; 1 = failed or inconsistent.
set -euo pipefail

SCALING_CONNECTIONS="${BENCH_SCALING_CONNECTIONS:-1 4 16 64}"
DURATION="${BENCH_DURATION:-10}"
WARMUP="${BENCH_WARMUP:-45}"
CELL_WARMUP="${BENCH_CELL_WARMUP:-3}"
HOT_CONNECTIONS="${BENCH_HOT_CONNECTIONS:-16}"
WALLETS="${BENCH_WALLETS:-500}"
VIDEOS="${BENCH_VIDEOS:-3}"
ACCESSES="${BENCH_ACCESSES:-1000000}"
ACCESS_CUSTOMERS="${BENCH_ACCESS_CUSTOMERS:-100000}"
ACCESS_VIDEOS="${BENCH_ACCESS_VIDEOS:-2000}"
PAIRS="${BENCH_PAIRS:-4000}"
PGBENCH_SCALE="${BENCH_PGBENCH_SCALE:-16}"
CONN_EXTRA="${BENCH_CONN_EXTRA:-}"
PG_PRIVATE="${BENCH_PG_PRIVATE:-1}"
REF="${BENCH_REF:-}"
PORT="${BENCH_PORT:-5097}"
SKIP_BUILD="${BENCH_SKIP_BUILD:-0}"
API_LOG_LEVEL="${BENCH_LOG_LEVEL:-}" # empty: the default level of appsettings.json
ROWS="${BENCH_ROWS:-debit topup orders entitlement}"
PGSS="${BENCH_PGSS:-0}"

APP_DB=cleanprepay_scaling
PGB_DB=pgbench_scaling
BENCH_NAME=scaling
PG_PRIVATE_PORT=56537
PERF=0
# shellcheck source=bench/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_prepare wrk curl jq awk pgbench
start_api "$RESULTS/scaling-api.log"

# --- seed through the HTTP API (accesses with SQL, as orders.sh) -------------------------------
TOKEN=""
new_token
log "seeding the hot wallet, $VIDEOS videos and $WALLETS customers (1,000,000.00 EUR each)"
seed_customers 1 scaling-hot
mv "$WORK/ids" "$WORK/hot"
HOT_ID="$(cat "$WORK/hot")"
seed_videos "$VIDEOS"
seed_customers "$WALLETS" scaling
if [ "${BENCH_AUTO_TOPUP:-0}" = 1 ]; then
  # ADR 0039: every debited wallet (the hot one too) has an auto top-up its debits never cross (threshold 1.00 EUR of
  # 1,000,000.00), so the debit rows measure what auto top-up adds to a debit that does not cross its threshold
  log "BENCH_AUTO_TOPUP=1: a saved sandbox card and an auto top-up (threshold 1.00 EUR) on each of $((WALLETS + 1)) wallets"
  for id in $(cat "$WORK/ids" "$WORK/hot"); do
    spm="$(post "/v1/customers/$id/payment-methods" '{"gateway":"sandbox","paymentMethod":"pm_card_visa"}' | jq -r .id)"
    curl -fsS -o /dev/null -X PUT "$BASE_URL/v1/customers/$id/wallet/auto-top-up" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
      --data "{\"threshold\":{\"amount\":100,\"currency\":\"EUR\"},\"amount\":{\"amount\":1000,\"currency\":\"EUR\"},\"savedMethodId\":\"$spm\"}" ||
      die "auto top-up for $id"
  done
  log "$(sql -c "SELECT count(*) FROM auto_top_ups WHERE enabled") auto top-ups enabled"
fi
seed_accesses
log "$ACCESS_TOTAL accesses ($ACCESS_MIX; $ACCESS_LIVE live), $ACCESS_SIZE; $NPAIRS pairs"

threads_for() { if [ "$1" -lt 2 ]; then echo "$1"; else echo 2; fi; }
cell() { # ROW C SECONDS OUTFILE: one wrk window of a row at C connections
  local row="$1" c="$2" t; t="$(threads_for "$2")"
  case "$row" in
    debit | topup) run_wrk wallet-load.lua "$3" "$4" "$c" "$t" "$row" "$WORK/ids" "$WORK/token" "$t" random ;;
    orders) run_wrk orders-load.lua "$3" "$4" "$c" "$t" "$WORK/ids" "$WORK/videos" "$WORK/token" "$t" ;;
    entitlement) run_wrk entitlement-load.lua "$3" "$4" "$c" "$t" "$WORK/pairs" "$WORK/token" "$t" 0 ;;
    hot) run_wrk wallet-load.lua "$3" "$4" "$c" "$t" debit "$WORK/hot" "$WORK/token" "$t" ;;
  esac
}
declare -A RATE P50 P99 ERRS CPU
pgss_per_request() { # REQUESTS: what the server executed per request in the window, by statement
  sql -F ' | ' -c "SELECT round(calls::numeric / $1, 2) AS calls_per_req, round((total_exec_time / $1)::numeric * 1000, 1) AS exec_us_per_req,
                          round((total_exec_time / NULLIF(calls, 0))::numeric * 1000, 1) AS us_per_call, left(regexp_replace(query, '\s+', ' ', 'g'), 160)
                   FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
                   ORDER BY total_exec_time DESC LIMIT 25"
}
measure() { # ROW C
  local row="$1" c="$2" out="$RESULTS/scaling-$1-c$2.txt" line
  cell "$row" "$c" "$CELL_WARMUP" "$RESULTS/scaling-$row-c$c-warmup.txt"
  [ "$PGSS" != 1 ] || sql -c 'SELECT pg_stat_statements_reset()' >/dev/null
  cpu_begin
  cell "$row" "$c" "$DURATION" "$out"
  line="$(bench_line "$out")"
  [ "$PGSS" != 1 ] || pgss_per_request "$(kv "$line" requests)" >"$RESULTS/scaling-$row-c$c-pgss.txt"
  cpu_end "$row-$c" "$(kv "$line" requests)"
  RATE[$row,$c]="$(kv "$line" rps)"; P50[$row,$c]="$(kv "$line" p50_ms)"; P99[$row,$c]="$(kv "$line" p99_ms)"
  ERRS[$row,$c]="$(errors_of "$line")"; CPU[$row,$c]="${CPU_LINE[$row-$c]}"
  log "$row c=$c: ${RATE[$row,$c]} req/s, p50 ${P50[$row,$c]} ms, p99 ${P99[$row,$c]} ms, errors ${ERRS[$row,$c]}; ${CPU[$row,$c]}"
  show_statuses "$out"
}

log "JIT warm-up: ${WARMUP}s of debits at 16 connections"
cell debit 16 "$WARMUP" "$RESULTS/scaling-warmup.txt"
for c in $SCALING_CONNECTIONS; do
  for row in $ROWS; do measure "$row" "$c"; done
done

# --- hot wallet: HOT_CONNECTIONS connections debiting one customer ------------------------------
hot_balance() { sql -c "SELECT p.balance FROM wallet_pockets p JOIN wallets w ON w.id = p.wallet_id WHERE w.customer_id = '$HOT_ID' AND p.currency = 'EUR'"; }
hot_debits() { sql -c "SELECT count(*), COALESCE(-SUM(l.amount), 0) FROM ledger_entries l JOIN wallets w ON w.id = l.wallet_id WHERE w.customer_id = '$HOT_ID' AND l.amount < 0" | tr '|' ' '; }
HOT_B0="$(hot_balance)"; read -r HOT_N0 HOT_S0 <<<"$(hot_debits)"
measure hot "$HOT_CONNECTIONS"
HOT_2XX=0
for f in "$RESULTS/scaling-hot-c$HOT_CONNECTIONS-warmup.txt" "$RESULTS/scaling-hot-c$HOT_CONNECTIONS.txt"; do
  l="$(bench_line "$f")"; HOT_2XX=$((HOT_2XX + $(kv "$l" requests) - $(errors_of "$l")))
done
HOT_B1="$(hot_balance)"; read -r HOT_N1 HOT_S1 <<<"$(hot_debits)"
HOT_LEDGER_SUM="$(sql -c "SELECT COALESCE(SUM(l.amount), 0) FROM ledger_entries l JOIN wallets w ON w.id = l.wallet_id WHERE w.customer_id = '$HOT_ID' AND l.currency = 'EUR'")"
HOT_OK=1
eq() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a + 0 == b + 0) }'; }
HOT_DROP="$(awk -v a="$HOT_B0" -v b="$HOT_B1" 'BEGIN { print a - b }')"
HOT_SUM="$(awk -v a="$HOT_S0" -v b="$HOT_S1" 'BEGIN { print b - a }')"
HOT_NOTE="hot wallet $HOT_ID: balance $HOT_B0 -> $HOT_B1, $((HOT_N1 - HOT_N0)) debit entries summing to $HOT_SUM, $HOT_2XX 2xx answers (warm-up + window), ledger sum $HOT_LEDGER_SUM"
eq "$HOT_DROP" "$HOT_SUM" || { HOT_OK=0; HOT_NOTE+="; LOST UPDATE: balance drop != sum of debits"; }
eq "$HOT_LEDGER_SUM" "$HOT_B1" || { HOT_OK=0; HOT_NOTE+="; ledger sum != pocket"; }
# wrk does not count the answers to requests still in flight when it stops (at most C per run,
# two runs): those debits are committed but uncounted, so entries - 2xx must be in [0, 2*C]
HOT_INFLIGHT=$((HOT_N1 - HOT_N0 - HOT_2XX))
if [ "$HOT_INFLIGHT" -ge 0 ] && [ "$HOT_INFLIGHT" -le $((2 * HOT_CONNECTIONS)) ]; then
  HOT_NOTE+="; $HOT_INFLIGHT entries more than 2xx answers (requests in flight when wrk stopped, <= $((2 * HOT_CONNECTIONS)))"
else
  HOT_OK=0; HOT_NOTE+="; ledger entries - 2xx answers = $HOT_INFLIGHT, outside [0, $((2 * HOT_CONNECTIONS))]"
fi
log "$HOT_NOTE (ok=$HOT_OK)"

stop_api # pgbench gets the machine without the API on it
ledger_check

# --- pgbench at the same connection counts ------------------------------------------------------
log "pgbench -i -s $PGBENCH_SCALE $PGB_DB"
pgbench -i -s "$PGBENCH_SCALE" -q "$PGB_DB" >"$RESULTS/scaling-pgbench-init.txt" 2>&1 \
  || { cat "$RESULTS/scaling-pgbench-init.txt" >&2; die "pgbench -i failed"; }
declare -A PGB_ARGS=([N]=-N [B]="" [S]=-S)
for c in $SCALING_CONNECTIONS; do
  for k in N B S; do
    t="$(threads_for "$c")"
    # shellcheck disable=SC2086
    pgbench ${PGB_ARGS[$k]} -c "$c" -j "$t" -T "$CELL_WARMUP" "$PGB_DB" >"$WORK/pgb-warm.txt" 2>&1 \
      || { cat "$WORK/pgb-warm.txt" >&2; die "pgbench warm-up failed"; }
    # shellcheck disable=SC2086
    pgbench_measure "pgb$k-$c" "$RESULTS/scaling-pgbench-$k-c$c.txt" ${PGB_ARGS[$k]} -c "$c" -j "$t" -T "$DURATION"
    RATE[pgb$k,$c]="$PGB_TPS"; P50[pgb$k,$c]="$PGB_P50"; P99[pgb$k,$c]="$PGB_P99"; ERRS[pgb$k,$c]="$PGB_FAILED"
    CPU[pgb$k,$c]="${CPU_LINE[pgb$k-$c]}"
    log "pgbench ${PGB_ARGS[$k]:-TPC-B} c=$c: $PGB_TPS tps, p50 $PGB_P50 ms, p99 $PGB_P99 ms; ${CPU[pgb$k,$c]}"
  done
done

# --- the table ----------------------------------------------------------------------------------
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b + 0 == 0) print "n/a"; else printf "%.2f", a / b }'; }
first="${SCALING_CONNECTIONS%% *}"
has16=0; for c in $SCALING_CONNECTIONS; do [ "$c" != 16 ] || has16=1; done
{
  bench_header
  echo "# Scaling: API vs pgbench, ${DURATION}s per cell (warm-up ${WARMUP}s once, ${CELL_WARMUP}s per cell)"
  echo
  echo "API log level: ${API_LOG_LEVEL:-appsettings.json default}; wrk threads = min(C, 2); $WALLETS wallets; $ACCESS_TOTAL accesses"
  echo
  printf '| row | pgbench ref |'; for c in $SCALING_CONNECTIONS; do printf ' C=%s rate | p50 / p99 ms | err | x pgbench |' "$c"; done
  echo " 16/$first API | 16/$first pgbench |"
  printf '|---|---|'; for _ in $SCALING_CONNECTIONS; do printf -- '---|---|---|---|'; done; echo '---|---|'
  for spec in "debit:N:wallet debits (1.00 EUR)" "topup:N:top-ups (sandbox)" "orders:B:PlaceOrder (wallet)" "entitlement:S:entitlement check" \
              "pgbN:-:pgbench -N" "pgbB:-:pgbench TPC-B" "pgbS:-:pgbench -S"; do
    row="${spec%%:*}"; rest="${spec#*:}"; ref="${rest%%:*}"; label="${rest#*:}"
    printf '| %s | %s |' "$label" "$([ "$ref" = - ] && echo - || echo "pgbench -$ref" | sed 's/-B/TPC-B/')"
    for c in $SCALING_CONNECTIONS; do
      printf ' %s | %s / %s | %s | %s |' "${RATE[$row,$c]:-}" "${P50[$row,$c]:-}" "${P99[$row,$c]:-}" "${ERRS[$row,$c]:-}" \
        "$([ "$ref" = - ] && echo - || ratio "${RATE[$row,$c]:-}" "${RATE[pgb$ref,$c]:-}")"
    done
    if [ "$has16" = 1 ] && [ "$first" != 16 ]; then
      pr="$([ "$ref" = - ] && echo "$row" | sed 's/^pgb//' || echo "$ref")"
      printf ' %s | %s |\n' "$(ratio "${RATE[$row,16]:-}" "${RATE[$row,$first]:-}")" "$(ratio "${RATE[pgb$pr,16]:-}" "${RATE[pgb$pr,$first]:-}")"
    else
      echo ' n/a | n/a |'
    fi
  done
  echo
  echo "hot wallet, $HOT_CONNECTIONS connections on one customer: ${RATE[hot,$HOT_CONNECTIONS]} debits/s, p50 ${P50[hot,$HOT_CONNECTIONS]} ms, p99 ${P99[hot,$HOT_CONNECTIONS]} ms, errors ${ERRS[hot,$HOT_CONNECTIONS]}"
  echo "$HOT_NOTE: $([ "$HOT_OK" = 1 ] && echo "no lost update" || echo "INCONSISTENT")"
  echo
  echo "CPU per window:"
  for c in $SCALING_CONNECTIONS; do for row in $ROWS pgbN pgbB pgbS; do echo "- $row c=$c: ${CPU[$row,$c]:-}"; done; done
  echo "- hot c=$HOT_CONNECTIONS: ${CPU[hot,$HOT_CONNECTIONS]}"
  echo
  echo "$LEDGER_LINE"
  echo "ledger entries by kind: $LEDGER_COUNTS"
} | tee "$RESULTS/scaling.md"

[ "$LEDGER_OK" = 1 ] && [ "$HOT_OK" = 1 ] || exit 1
