#!/usr/bin/env bash
# The one command that runs every test of CleanPrepay, on a fresh machine too.
#
#   ./test.sh            (from any directory)
#
# 1. installs what is missing (PostgreSQL server binaries; python3-aiosmtpd, the
#    SMTP server of the email tests; node/npm for the TypeScript client and the
#    gateway contract validator, whose packages `npm ci` installs)
#    from Debian's packages
# 2. starts a throwaway PostgreSQL cluster (scripts/pg-up.sh) and exports
#    CLEANPREPAY_TEST_PG / PGHOST / PGPORT / PGUSER / PGPASSWORD from .pgtest/env
# 3. dotnet build + dotnet test of CleanPrepay.sln (Release)
# 4. if clients/typescript/package.json exists: npm ci, start the API on
#    http://127.0.0.1:5087 against a temp SQLite file, wait for /health/ready,
#    run `npm test` with CLEANPREPAY_API_URL set, stop the API
# 5. stops the cluster (also on failure) and prints one closing line
#    "N passed, N failed"; exits non-zero if anything failed.
#
# Knobs (environment): CLEANPREPAY_DOTNET_TEST_TIMEOUT (s, default 3600),
# CLEANPREPAY_NPM_TEST_TIMEOUT (s, default 1200), CLEANPREPAY_API_PORT (5087).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"
ROOT="$(pwd)"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export NUGET_XMLDOC_MODE=skip

TS_DIR="$ROOT/clients/typescript"
CONSOLE_DIR="$ROOT/clients/console"
# ajv + js-yaml: the gateway contract tests check our requests against the providers' published specs
CONTRACT_DIR="$ROOT/tests/Gateways.ContractTests/contract"
API_PORT="${CLEANPREPAY_API_PORT:-5087}"
API_URL="http://127.0.0.1:$API_PORT"
DOTNET_TEST_TIMEOUT="${CLEANPREPAY_DOTNET_TEST_TIMEOUT:-3600}"
NPM_TEST_TIMEOUT="${CLEANPREPAY_NPM_TEST_TIMEOUT:-1200}"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/cleanprepay-test.XXXXXX")"
API_PID=""
CLEANED=0

say() { printf '\n==> %s\n' "$*"; }
warn() { printf '[test.sh] %s\n' "$*" >&2 || true; }

stop_api() {
  [ -n "$API_PID" ] || return 0
  # the API runs in its own process group (setsid): stop dotnet run and the app
  kill -TERM -- "-$API_PID" 2>/dev/null || kill -TERM "$API_PID" 2>/dev/null || true
  local _
  for _ in $(seq 1 20); do
    kill -0 -- "-$API_PID" 2>/dev/null || break
    sleep 0.5
  done
  kill -KILL -- "-$API_PID" 2>/dev/null || true
  wait "$API_PID" 2>/dev/null || true
  API_PID=""
}

cleanup() {
  [ "$CLEANED" -eq 0 ] || return 0
  CLEANED=1
  # after Ctrl-C on `./test.sh | tee log` stdout may be a dead pipe: keep cleaning
  trap '' PIPE
  set +e
  stop_api
  "$ROOT/scripts/pg-down.sh" || warn "pg-down.sh failed"
  rm -rf "$WORK"
  set -e
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# timeout(1) puts the command in its own process group, out of reach of Ctrl-C;
# at a terminal use --foreground so Ctrl-C still stops the tests.
with_timeout() { # seconds command...
  local t="$1"
  shift
  if [ -t 0 ]; then
    timeout --foreground --kill-after=30 "$t" "$@"
  else
    timeout --kill-after=30 "$t" "$@"
  fi
}

# --- prerequisites ------------------------------------------------------------
say "prerequisites"
command -v dotnet >/dev/null 2>&1 || { warn "dotnet (the .NET 10 SDK) is not on PATH"; exit 1; }
dotnet --version

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo -n "$@"; fi
}
apt_pkgs=()
if ! compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; then
  apt_pkgs+=(postgresql)
fi
# the SMTP server the email tests send to (tests/WebApi.IntegrationTests/Support/SmtpSink.cs)
if ! /usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1; then
  apt_pkgs+=(python3-aiosmtpd)
fi
if [ -f "$TS_DIR/package.json" ] || [ -f "$CONTRACT_DIR/package.json" ]; then
  command -v node >/dev/null 2>&1 || apt_pkgs+=(nodejs)
  command -v npm >/dev/null 2>&1 || apt_pkgs+=(npm)
fi
# the console's browser tests drive Debian's chromium headless (playwright-core downloads no browser)
if [ -f "$CONSOLE_DIR/package.json" ] && [ ! -x /usr/bin/chromium ]; then
  apt_pkgs+=(chromium)
fi
if [ "${#apt_pkgs[@]}" -gt 0 ]; then
  warn "installing from Debian: ${apt_pkgs[*]}"
  as_root apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${apt_pkgs[@]}"
fi
if [ -f "$TS_DIR/package.json" ]; then
  printf 'node %s, npm %s\n' "$(node --version)" "$(npm --version)"
fi

# --- PostgreSQL -----------------------------------------------------------------
say "PostgreSQL (throwaway cluster)"
"$ROOT/scripts/pg-up.sh"
# shellcheck source=/dev/null
. "$ROOT/.pgtest/env"
printf 'CLEANPREPAY_TEST_PG=%s\n' "$CLEANPREPAY_TEST_PG"

if [ -f "$CONTRACT_DIR/package.json" ]; then
  say "npm ci (gateway contract validator)"
  (cd "$CONTRACT_DIR" && npm ci --no-audit --no-fund)
fi

# --- .NET -------------------------------------------------------------------------
say "dotnet build"
# no build servers: nothing is left running after the script
dotnet build "$ROOT/CleanPrepay.sln" -c Release --disable-build-servers

say "dotnet test"
DOTNET_LOG="$WORK/dotnet-test.log"
set +e
with_timeout "$DOTNET_TEST_TIMEOUT" \
  dotnet test "$ROOT/CleanPrepay.sln" -c Release --no-build \
  --logger "console;verbosity=normal" \
  --blame-hang-timeout 15m --blame-hang-dump-type none \
  --results-directory "$WORK/TestResults" 2>&1 | tee "$DOTNET_LOG"
dotnet_rc=${PIPESTATUS[0]}
set -e

# Sums the per-assembly summaries of `dotnet test` (VSTest) into "passed failed skipped".
# Minimal verbosity prints one line per assembly:
#   Passed!  - Failed:     0, Passed:    12, Skipped:     0, Total:    12, Duration: ...
# normal/detailed verbosity prints a block per assembly instead:
#   Test Run Successful.|Test Run Failed.|Test Run Aborted.
#   Total tests: 12 /      Passed: 12 /      Failed: 0 /     Skipped: 0 /  Total time: ...
parse_dotnet_counts() {
  sed -e 's/\x1b\[[0-9;?]*[A-Za-z]//g' -e 's/\r$//' "$1" | awk '
    /^[[:space:]]*(Passed|Failed)![[:space:]]+-[[:space:]]+Failed:/ {
      line = $0; sub(/^[^-]*-[[:space:]]*/, "", line)
      n = split(line, parts, ",")
      for (i = 1; i <= n; i++) {
        split(parts[i], kv, ":"); k = kv[1]; gsub(/[[:space:]]/, "", k); v = kv[2] + 0
        if (k == "Passed") ap += v; else if (k == "Failed") af += v; else if (k == "Skipped") as += v
      }
      a = 1; next
    }
    /^[[:space:]]*Test Run (Successful|Failed|Aborted)\.[[:space:]]*$/ { inb = 1; next }
    inb && /^[[:space:]]*Passed:[[:space:]]*[0-9]+[[:space:]]*$/  { bp += $2; next }
    inb && /^[[:space:]]*Failed:[[:space:]]*[0-9]+[[:space:]]*$/  { bf += $2; next }
    inb && /^[[:space:]]*Skipped:[[:space:]]*[0-9]+[[:space:]]*$/ { bs += $2; next }
    inb && /^[[:space:]]*Total time:/ { inb = 0 }
    END { if (a) print ap + 0, af + 0, as + 0; else print bp + 0, bf + 0, bs + 0 }'
}

read -r dn_passed dn_failed dn_skipped < <(parse_dotnet_counts "$DOTNET_LOG")
total_passed=$dn_passed
total_failed=$dn_failed
total_skipped=$dn_skipped
printf 'dotnet test: %s passed, %s failed, %s skipped (exit code %s)\n' \
  "$dn_passed" "$dn_failed" "$dn_skipped" "$dotnet_rc"
if [ "$dotnet_rc" -ne 0 ] && [ "$dn_failed" -eq 0 ]; then
  warn "dotnet test exited with $dotnet_rc but reported no failed test (crash, abort or timeout): counted as 1 failure"
  total_failed=$((total_failed + 1))
fi

# --- TypeScript client ------------------------------------------------------------
# Sums the closing counts of node's test runner (spec or TAP), vitest, jest and
# mocha into "passed failed skipped".
parse_node_counts() {
  sed -e 's/\x1b\[[0-9;?]*[A-Za-z]//g' -e 's/\r$//' "$1" | awk '
    function grab(s, word,   m) {
      if (match(s, "[0-9]+ " word)) { m = substr(s, RSTART, RLENGTH); sub(/ .*/, "", m); return m + 0 }
      return 0
    }
    # node --test: "ℹ pass 3" (spec) or "# pass 3" (tap)
    /^[^[:alnum:]]*[#ℹ] pass [0-9]+[[:space:]]*$/    { p += $NF; next }
    /^[^[:alnum:]]*[#ℹ] fail [0-9]+[[:space:]]*$/    { f += $NF; next }
    /^[^[:alnum:]]*[#ℹ] skipped [0-9]+[[:space:]]*$/ { s += $NF; next }
    /^[^[:alnum:]]*[#ℹ] todo [0-9]+[[:space:]]*$/    { s += $NF; next }
    /^[^[:alnum:]]*[#ℹ] cancelled [0-9]+[[:space:]]*$/ { f += $NF; next }
    # vitest: "Tests  1 failed | 11 passed (12)"; jest: "Tests:       1 failed, 11 passed, 12 total"
    /^[[:space:]]*Tests:?[[:space:]]+[0-9]/ {
      p += grab($0, "passed"); f += grab($0, "failed"); s += grab($0, "skipped") + grab($0, "todo"); next
    }
    # mocha: "  11 passing (20ms)" / "  1 failing" / "  2 pending"
    /^[[:space:]]*[0-9]+ passing/ { p += $1; next }
    /^[[:space:]]*[0-9]+ failing/ { f += $1; next }
    /^[[:space:]]*[0-9]+ pending/ { s += $1; next }
    END { print p + 0, f + 0, s + 0 }'
}

http_status() { # URL path on 127.0.0.1:$API_PORT -> prints the HTTP status code
  if command -v curl >/dev/null 2>&1; then
    curl -s -o /dev/null -m 5 -w '%{http_code}' "$API_URL$1" || true
  else
    (
      exec 3<>"/dev/tcp/127.0.0.1/$API_PORT" || exit 0
      printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1:%s\r\nConnection: close\r\n\r\n' "$1" "$API_PORT" >&3
      IFS=' ' read -r -t 5 _ code _ <&3 || true
      printf '%s' "${code:-000}"
    ) 2>/dev/null || true
  fi
}

if [ -f "$TS_DIR/package.json" ]; then
  say "TypeScript client: npm install"
  npm_ok=1
  if [ -f "$TS_DIR/package-lock.json" ]; then
    (cd "$TS_DIR" && npm ci --no-audit --no-fund) || npm_ok=0
  else
    warn "clients/typescript has no package-lock.json: using npm install instead of npm ci"
    (cd "$TS_DIR" && npm install --no-audit --no-fund) || npm_ok=0
  fi

  # The console is built before the API starts, so that the API serves it at /console.
  console_ok=0
  if [ -f "$CONSOLE_DIR/package.json" ]; then
    say "console: npm ci, unit tests, build"
    CONSOLE_LOG="$WORK/console-unit.log"
    set +e
    (cd "$CONSOLE_DIR" && npm ci --no-audit --no-fund && npm test 2>&1 | tee "$CONSOLE_LOG" && test "${PIPESTATUS[0]}" -eq 0 && npm run build) 2>&1
    console_rc=$?
    set -e
    read -r cu_passed cu_failed cu_skipped < <(parse_node_counts "$CONSOLE_LOG" 2>/dev/null || echo "0 0 0")
    printf 'console unit tests: %s passed, %s failed (build exit code %s)\n' "$cu_passed" "$cu_failed" "$console_rc"
    total_passed=$((total_passed + cu_passed))
    total_failed=$((total_failed + cu_failed))
    if [ "$console_rc" -ne 0 ]; then
      warn "the console's install, unit tests or build failed: counted as 1 failure"
      total_failed=$((total_failed + 1))
    else
      console_ok=1
    fi
  fi

  api_ok=0
  if [ "$npm_ok" -eq 1 ]; then
    say "TypeScript client: starting the API on $API_URL"
    if (exec 3<>"/dev/tcp/127.0.0.1/$API_PORT") 2>/dev/null; then
      warn "port $API_PORT is already in use: cannot start the API for the TypeScript tests"
    else
      API_LOG="$WORK/api.log"
      API_DB="$WORK/cleanprepay-ts-test.db"
      # setsid: own process group, so stop_api can end dotnet run and the app together
      ASPNETCORE_ENVIRONMENT=Development \
        ConnectionStrings__CleanPrepay="Data Source=$API_DB" \
        setsid dotnet run --project "$ROOT/src/WebApi" -c Release --no-build --no-launch-profile \
        --urls "$API_URL" </dev/null >"$API_LOG" 2>&1 &
      API_PID=$!
      deadline=$((SECONDS + 60))
      while [ "$SECONDS" -lt "$deadline" ]; do
        if ! kill -0 "$API_PID" 2>/dev/null; then
          warn "the API exited before it was ready"
          break
        fi
        if [ "$(http_status /health/ready)" = "200" ]; then
          api_ok=1
          break
        fi
        sleep 1
      done
      if [ "$api_ok" -eq 1 ]; then
        printf 'API ready (GET /health/ready -> 200)\n'
      else
        warn "the API did not answer 200 on /health/ready within 60 s; its log:"
        tail -n 60 "$API_LOG" >&2 || true
      fi
    fi
  fi

  if [ "$api_ok" -eq 1 ]; then
    say "TypeScript client: npm test"
    NPM_LOG="$WORK/npm-test.log"
    set +e
    (cd "$TS_DIR" && CLEANPREPAY_API_URL="$API_URL" with_timeout "$NPM_TEST_TIMEOUT" npm test) 2>&1 |
      tee "$NPM_LOG"
    npm_rc=${PIPESTATUS[0]}
    set -e
    read -r nd_passed nd_failed nd_skipped < <(parse_node_counts "$NPM_LOG")
    printf 'npm test: %s passed, %s failed, %s skipped (exit code %s)\n' \
      "$nd_passed" "$nd_failed" "$nd_skipped" "$npm_rc"
    total_passed=$((total_passed + nd_passed))
    total_failed=$((total_failed + nd_failed))
    total_skipped=$((total_skipped + nd_skipped))
    if [ "$npm_rc" -ne 0 ] && [ "$nd_failed" -eq 0 ]; then
      warn "npm test exited with $npm_rc but reported no failed test: counted as 1 failure"
      total_failed=$((total_failed + 1))
    fi
    if [ "$npm_rc" -eq 0 ] && [ "$nd_passed" -eq 0 ] && [ "$nd_failed" -eq 0 ]; then
      warn "npm test passed but printed no test counts this script recognises"
    fi

    if [ "$console_ok" -eq 1 ]; then
      say "console: browser tests (chromium headless)"
      E2E_LOG="$WORK/console-e2e.log"
      set +e
      (cd "$CONSOLE_DIR" && CLEANPREPAY_API_URL="$API_URL" with_timeout "$NPM_TEST_TIMEOUT" npm run e2e) 2>&1 | tee "$E2E_LOG"
      e2e_rc=${PIPESTATUS[0]}
      set -e
      read -r ce_passed ce_failed ce_skipped < <(parse_node_counts "$E2E_LOG")
      printf 'console browser tests: %s passed, %s failed (exit code %s)\n' "$ce_passed" "$ce_failed" "$e2e_rc"
      total_passed=$((total_passed + ce_passed))
      total_failed=$((total_failed + ce_failed))
      if [ "$e2e_rc" -ne 0 ] && [ "$ce_failed" -eq 0 ]; then
        warn "the console's browser tests exited with $e2e_rc but reported no failed test: counted as 1 failure"
        total_failed=$((total_failed + 1))
      fi
    fi
  else
    warn "TypeScript client tests not run: counted as 1 failure"
    total_failed=$((total_failed + 1))
  fi
  stop_api
else
  printf '\n(no clients/typescript/package.json: TypeScript client tests skipped)\n'
fi

# --- summary --------------------------------------------------------------------
if [ "$dn_failed" -gt 0 ]; then
  # The names again at the end: CI shows only the tail of a long log.
  printf '\nfailed .NET tests:\n'
  sed -e 's/\x1b\[[0-9;?]*[A-Za-z]//g' "$DOTNET_LOG" | grep -E '^[[:space:]]+Failed [A-Za-z]' | sed 's/^[[:space:]]*/  /' || true
fi
cleanup
trap - EXIT
if [ "$total_skipped" -gt 0 ]; then printf '\n(%s skipped)\n' "$total_skipped"; fi
printf '\n%s passed, %s failed\n' "$total_passed" "$total_failed"
if [ "$total_failed" -gt 0 ]; then exit 1; fi
exit 0
