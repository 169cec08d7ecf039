#!/usr/bin/env bash
# CleanPrepay load run for customer search (issue 18): GET /v1/customers?q= over BENCH_CUSTOMERS
# customers (1,000,000 by default) inserted straight into a DURABLE PostgreSQL, then, one kind at a
# time, wrk at a few connections (a back office's load, not a storm): p50/p99 per kind against the
# 20 ms p99 target. The kinds: an exact email, a short and a long email prefix, a name prefix, a
# one-letter prefix (the widest), a prefix that finds nobody, a search with filters, and the second
# page of a broad search. EXPLAIN of each kind's SQL goes to bench/results/search-plans.txt.
# Summary to stdout and bench/results/search-latest.txt.
#
# Knobs (environment), defaults in brackets:
#   BENCH_CUSTOMERS [1000000]  customers inserted
#   BENCH_CONNECTIONS [4]      concurrent connections (wrk -c)
#   BENCH_THREADS [2]          wrk threads
#   BENCH_DURATION [10]        measured seconds per kind
#   BENCH_WARMUP [10]          warm-up seconds (every kind mixed) before the first
#   BENCH_PORT [5096]          API port on 127.0.0.1
#   BENCH_REF []               a commit (e.g. HEAD) to bench instead of the working tree
#   BENCH_SKIP_BUILD [0]       1 = use the existing Release build (working tree only)
#   BENCH_STRICT [0]           1 = exit 2 when the target is missed
set -euo pipefail

CUSTOMERS="${BENCH_CUSTOMERS:-1000000}"
CONNECTIONS="${BENCH_CONNECTIONS:-4}"
THREADS="${BENCH_THREADS:-2}"
DURATION="${BENCH_DURATION:-10}"
WARMUP="${BENCH_WARMUP:-10}"
PORT="${BENCH_PORT:-5096}"
CONN_EXTRA="${BENCH_CONN_EXTRA:-}"
PG_PRIVATE="${BENCH_PG_PRIVATE:-1}"
REF="${BENCH_REF:-}"
SKIP_BUILD="${BENCH_SKIP_BUILD:-0}"
STRICT="${BENCH_STRICT:-0}"
PERF=0
TARGET_P99_MS=20

APP_DB=cleanprepay_search_bench
PGB_DB=""
BENCH_NAME=search
PG_PRIVATE_PORT=56536
# shellcheck source=bench/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_prepare wrk curl jq awk
start_api "$RESULTS/search-api.log"
TOKEN=""
new_token
printf '%s\n' "$TOKEN" >"$WORK/token"

# --- customers: first and last names drawn from short lists, so prefixes are shared as in life ---
log "inserting $CUSTOMERS customers"
t0="$(date +%s.%N)"
sql <<SQL
WITH first(f) AS (SELECT unnest(ARRAY['Anna','Marie','Jean','Lucas','Emma','Noah','Léa','Hugo','Chloé','Louis',
       'Sofia','Elias','Maja','Oscar','Alice','Liam','Ines','Adam','Zoé','Nils','Mia','Theo','Clara','Felix',
       'Eva','Leon','Julia','Arthur','Sara','Victor','Olivia','Paul'])),
     last(l) AS (SELECT unnest(ARRAY['Martin','Bernard','Dubois','Thomas','Robert','Richard','Petit','Durand',
       'Leroy','Moreau','Simon','Laurent','Lefebvre','Michel','Garcia','David','Bertrand','Roux','Vincent',
       'Fournier','Andersson','Johansson','Karlsson','Nilsson','Eriksson','Larsson','Müller','Schmidt',
       'Schneider','Fischer','Weber','Meyer','Wagner','Becker','Schulz','Hoffmann','Rossi','Russo','Ferrari',
       'Esposito','Bianchi','Romano','Colombo','Ricci','Marino','Greco','Bruno','Gallo','Conti','Smith'])),
     f AS (SELECT array_agg(f) a FROM first), l AS (SELECT array_agg(l) a FROM last),
     s AS (SELECT g, f.a[1 + (hashint4(g) & 2147483647) % cardinality(f.a)] AS fn,
                     l.a[1 + (hashint4(g + 7919) & 2147483647) % cardinality(l.a)] AS ln
             FROM generate_series(1, $CUSTOMERS) g, f, l)
INSERT INTO customers (id, email, normalized_email, name, normalized_name, language, country, newsletter, opt_in,
                       status, registered_at, last_visit_at, version, attached_coupons)
SELECT 'cus_' || lpad(to_hex(g), 32, '0'),
       lower(fn) || '.' || lower(ln) || g || '@example.test', lower(fn) || '.' || lower(ln) || g || '@example.test',
       fn || ' ' || ln, lower(fn || ' ' || ln), 'en', 'FR', g % 3 = 0, g % 2 = 0,
       CASE WHEN g % 10 = 0 THEN 'Inactive' ELSE 'Active' END,
       now() - (($CUSTOMERS - g) || ' seconds')::interval, NULL, 1, 0
  FROM s;
VACUUM (ANALYZE) customers;
SQL
INSERT_SECS="$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')"
log "inserted in $INSERT_SECS s"
checkpoint "$APP_DB"

# --- one query file per kind -------------------------------------------------------------------------
enc() { jq -rn --arg v "$1" '$v|@uri'; }
random_ids() { awk -v n="$CUSTOMERS" -v k="$1" -v seed="$2" 'BEGIN { srand(seed); for (i = 0; i < k; i++) print 1 + int(rand() * n) }'; }
sql -c "SELECT email FROM customers WHERE id IN ($(random_ids 500 1 | awk '{ printf "%s'"'"'cus_%032x'"'"'", (NR > 1 ? "," : ""), $1 }'))" \
  | while read -r e; do echo "q=$(enc "${e^^}")"; done >"$WORK/q-exact"
sql -c "SELECT DISTINCT lower(split_part(name, ' ', 1)) FROM customers" | while read -r f; do echo "q=$(enc "${f:0:3}")"; done >"$WORK/q-email3"
sql -c "SELECT DISTINCT email FROM customers WHERE id IN ($(random_ids 300 2 | awk '{ printf "%s'"'"'cus_%032x'"'"'", (NR > 1 ? "," : ""), $1 }'))" \
  | while read -r e; do local_part="${e%%@*}"; echo "q=$(enc "${local_part:0:${#local_part}-2}")"; done >"$WORK/q-email-long"
sql -c "SELECT DISTINCT name FROM customers LIMIT 400" | while read -r n; do echo "q=$(enc "${n:0:${#n}-2}")"; done >"$WORK/q-name"
for c in a b c e j l m n o p s t v z; do echo "q=$c"; done >"$WORK/q-letter"
for i in $(seq 1 200); do echo "q=$(enc "qx$i")"; done >"$WORK/q-none"
sed 's/$/\&status=inactive\&newsletter=true\&optIn=true/' "$WORK/q-name" >"$WORK/q-filters"
: >"$WORK/q-page2"
for c in a e m s; do
  cursor="$(curl -fsS -H "Authorization: Bearer $TOKEN" "$BASE_URL/v1/customers?q=$c&limit=50" | jq -r .nextCursor)"
  [ -n "$cursor" ] && [ "$cursor" != null ] || die "no next page for q=$c"
  echo "q=$c&limit=50&cursor=$(enc "$cursor")" >>"$WORK/q-page2"
done
KINDS=(exact email3 email-long name letter none filters page2)

# EXPLAIN (ANALYZE) of each kind's statements as EF sends them (ADR 0044), written out here because
# the API logs no SQL at Warning: the candidate walk of both keys, then the dense path's query.
plans="$RESULTS/search-plans.txt"; : >"$plans"
explain() {
  local label="$1" from="$2" where="${3:-}"
  { echo "== $label (q='$from'): candidates"; sql <<SQL
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT * FROM (SELECT id, false FROM customers WHERE normalized_email >= '$from' AND normalized_email < '$from' || U&'\+10FFFF' ORDER BY normalized_email LIMIT 1001) e
UNION ALL
SELECT * FROM (SELECT id, true FROM customers WHERE normalized_name >= '$from' AND normalized_name < '$from' || U&'\+10FFFF' ORDER BY normalized_name LIMIT 1001) n;
SQL
  echo "== $label (q='$from'): the dense path's query"; sql <<SQL
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT * FROM customers c
 WHERE ((c.normalized_email >= '$from' AND c.normalized_email < '$from' || U&'\+10FFFF')
     OR (c.normalized_name >= '$from' AND c.normalized_name < '$from' || U&'\+10FFFF')) $where
 ORDER BY c.id DESC LIMIT 51;
SQL
  } >>"$plans"
}
explain exact "$(sql -c "SELECT normalized_email FROM customers WHERE id = 'cus_$(printf '%032x' 4242)'")"
explain email3 "mar"; explain name "marie mar"; explain letter "a"; explain none "qx1"
explain filters "marie mar" "AND c.status = 'Inactive' AND c.newsletter AND c.opt_in"

# --- load --------------------------------------------------------------------------------------------
cat "${KINDS[@]/#/$WORK/q-}" | shuf --random-source=<(yes) >"$WORK/q-all"
log "warm-up ${WARMUP}s (every kind)"
run_wrk search-load.lua "$WARMUP" "$RESULTS/search-warmup.txt" "$CONNECTIONS" "$THREADS" "$WORK/q-all" "$WORK/token" "$THREADS"
SUMMARY=()
WORST=0
FAILED=0
for kind in "${KINDS[@]}"; do
  checkpoint "$APP_DB"
  out="$RESULTS/search-$kind.txt"
  run_wrk search-load.lua "$DURATION" "$out" "$CONNECTIONS" "$THREADS" "$WORK/q-$kind" "$WORK/token" "$THREADS"
  line="$(bench_line "$out")"
  errs="$(errors_of "$line")"
  p99="$(kv "$line" p99_ms)"
  SUMMARY+=("$(printf '%-11s %6d queries  rps %7.0f  p50 %6.2f ms  p99 %6.2f ms  max %7.2f ms  found %6d  errors %d' \
    "$kind" "$(wc -l <"$WORK/q-$kind")" "$(kv "$line" rps)" "$(kv "$line" p50_ms)" "$p99" "$(kv "$line" max_ms)" "$(kv "$line" found)" "$errs")")
  log "${SUMMARY[-1]}"
  [ "$errs" = 0 ] || { FAILED=1; show_statuses "$out"; }
  WORST="$(awk -v a="$WORST" -v b="$p99" 'BEGIN { print (b > a ? b : a) }')"
done
MET="$(awk -v w="$WORST" -v t="$TARGET_P99_MS" 'BEGIN { print (w < t ? "met" : "MISSED") }')"

{
  bench_header
  echo "customers: $CUSTOMERS (inserted in $INSERT_SECS s); wrk -c$CONNECTIONS -t$THREADS, ${DURATION}s per kind after ${WARMUP}s warm-up"
  echo "table: $(sql -c "SELECT pg_size_pretty(pg_total_relation_size('customers'))") with indexes"
  echo
  printf '%s\n' "${SUMMARY[@]}"
  echo
  echo "worst p99: $WORST ms (target < $TARGET_P99_MS ms: $MET)$([ "$FAILED" = 0 ] || echo '; SOME REQUESTS FAILED')"
  echo "plans: bench/results/search-plans.txt"
} | tee "$RESULTS/search-latest.txt"
[ "$FAILED" = 0 ] || exit 1
[ "$STRICT" != 1 ] || [ "$MET" = met ] || exit 2
