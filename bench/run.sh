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
#   BENCH_PG [durable]        durable = a private durable cluster under /tmp (the default);
#                             nondurable = the throwaway test settings (labelled so in the results)
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

BENCH_NAME=bench
PG_PRIVATE_PORT=56432
PERF=0
# shellcheck source=bench/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_prepare wrk curl jq awk
start_api "$RESULTS/api.log"

# --- 3. seed through the HTTP API ----------------------------------------------------------------
TOKEN=""
new_token

log "seeding $CUSTOMERS customers, 1,000,000.00 EUR each"
seed_customers "$CUSTOMERS" bench

# --- 4./5. load ---------------------------------------------------------------------------------
wallet_wrk() { run_wrk wallet-load.lua "$2" "$3" "$CONNECTIONS" "$THREADS" "$1" "$WORK/ids" "$WORK/token" "$THREADS"; } # MODE SECONDS OUTFILE

declare -A RPS P50 P99 ERRS WARM_ERRS LOAD
for mode in debit topup; do
  warm_secs="$WARMUP"; [ "$mode" = topup ] && warm_secs="$TOPUP_WARMUP"
  log "$mode: ${warm_secs}s warm-up, then ${DURATION}s at $CONNECTIONS connections ($THREADS wrk threads)"
  wallet_wrk "$mode" "$warm_secs" "$RESULTS/$mode-warmup.txt"
  warm="$(bench_line "$RESULTS/$mode-warmup.txt")"
  log "$mode warm-up: $(kv "$warm" rps) req/s, p50 $(kv "$warm" p50_ms) ms, p99 $(kv "$warm" p99_ms) ms"
  checkpoint "$APP_DB"
  LOAD[$mode]="$(loadavg)"
  cpu_begin
  wallet_wrk "$mode" "$DURATION" "$RESULTS/$mode.txt"
  line="$(bench_line "$RESULTS/$mode.txt")"
  cpu_end "$mode" "$(kv "$line" requests)"
  RPS[$mode]="$(kv "$line" rps)"
  P50[$mode]="$(kv "$line" p50_ms)"
  P99[$mode]="$(kv "$line" p99_ms)"
  ERRS[$mode]="$(errors_of "$line")"
  WARM_ERRS[$mode]="$(errors_of "$warm")"
  log "$mode: ${RPS[$mode]} req/s, p50 ${P50[$mode]} ms, p99 ${P99[$mode]} ms, errors ${ERRS[$mode]} (warm-up errors ${WARM_ERRS[$mode]})"
  log "$mode: ${CPU_LINE[$mode]}"
  show_statuses "$RESULTS/$mode-warmup.txt" "$RESULTS/$mode.txt"
done

OUTBOX_PENDING="$(psql -X -tAc "SELECT count(*) FROM outbox_messages WHERE processed_at IS NULL" -d "$APP_DB")"
stop_api # pgbench gets the machine without the API on it

# --- 7. ledger consistency ----------------------------------------------------------------------
ledger_check
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
pgbench_measure pgbench "$RESULTS/pgbench.txt" -N -c "$CONNECTIONS" -j "$THREADS" -T "$DURATION" -P 5
log "pgbench: $PGB_TPS tps; ${CPU_LINE[pgbench]}"

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
  bench_header
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
