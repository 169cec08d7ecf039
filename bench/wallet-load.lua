-- wrk script for bench/run.sh: POSTs wallet debits or top-ups, round-robin over the seeded customers.
--
--   wrk -t2 -c16 -d20s --latency -s bench/wallet-load.lua http://127.0.0.1:5099 -- MODE IDS_FILE TOKEN_FILE THREADS
--
-- MODE is "debit" (POST /v1/customers/{id}/wallet/adjustments, 1.00 EUR manual debit) or "topup"
-- (POST /v1/customers/{id}/wallet/top-ups, 5.00 EUR via the sandbox gateway). IDS_FILE holds one
-- customer id per line; TOKEN_FILE holds the admin JWT. Thread t (0-based) of T sends request n to
-- customer (t + n*T) mod #ids, so the threads together walk the customers round-robin.
--
-- done() prints one machine-readable line that run.sh parses:
--   BENCH requests=… duration_s=… rps=… ok=… non2xx=… p50_ms=… p90_ms=… p99_ms=… max_ms=… …
-- and, when there were non-2xx answers, a count per status and the first body seen.

local threads = {}

-- main state: runs once per thread before the threads start
function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end

local function read_lines(path)
  local out = {}
  local f = assert(io.open(path, "r"))
  for line in f:lines() do
    line = line:gsub("%s+$", "")
    if #line > 0 then table.insert(out, line) end
  end
  f:close()
  return out
end

local reqs = {}
local nreqs = 0
local counter = 0
local stride = 1

-- thread state from here on
function init(args)
  local mode, ids_file, token_file = args[1], args[2], args[3]
  stride = tonumber(args[4] or "1")
  local ids = read_lines(ids_file)
  local token = read_lines(token_file)[1]
  assert(#ids > 0, "no customer ids in " .. ids_file)
  local headers = {
    ["Authorization"] = "Bearer " .. token,
    ["Content-Type"] = "application/json",
    ["Accept"] = "application/json",
  }
  local path_suffix, body
  if mode == "debit" then
    path_suffix = "/wallet/adjustments"
    body = '{"direction":"debit","amount":{"amount":100,"currency":"EUR"},"reason":"bench"}'
  elseif mode == "topup" then
    path_suffix = "/wallet/top-ups"
    body = '{"amount":{"amount":500,"currency":"EUR"},"payment":{"gateway":"sandbox","paymentMethod":"pm_card_visa"}}'
  else
    error("MODE must be debit or topup, not " .. tostring(mode))
  end
  for i, id in ipairs(ids) do
    reqs[i] = wrk.format("POST", "/v1/customers/" .. id .. path_suffix, headers, body)
  end
  nreqs = #reqs
  -- globals read back by done() through thread:get
  ok = 0
  non2xx = 0
  statuses = ""
  first_error = ""
  status_counts = {}
  counter = tid
end

function request()
  local r = reqs[(counter % nreqs) + 1]
  counter = counter + stride
  return r
end

function response(status, headers, body)
  if status >= 200 and status < 300 then
    ok = ok + 1
  else
    non2xx = non2xx + 1
    status_counts[status] = (status_counts[status] or 0) + 1
    local parts = {}
    for s, n in pairs(status_counts) do table.insert(parts, s .. ":" .. n) end
    statuses = table.concat(parts, ",")
    if first_error == "" then
      first_error = string.sub((body or ""):gsub("[\r\n]+", " "), 1, 400)
    end
  end
end

-- main state again: thread globals come back through thread:get
function done(summary, latency, requests)
  local ok_total, non2xx_total = 0, 0
  local status_list, first = {}, ""
  for _, t in ipairs(threads) do
    ok_total = ok_total + (t:get("ok") or 0)
    non2xx_total = non2xx_total + (t:get("non2xx") or 0)
    local s = t:get("statuses") or ""
    if s ~= "" then table.insert(status_list, s) end
    local f = t:get("first_error") or ""
    if first == "" and f ~= "" then first = f end
  end
  local e = summary.errors
  local secs = summary.duration / 1e6
  io.write(string.format(
    "BENCH requests=%d duration_s=%.3f rps=%.2f ok=%d non2xx=%d p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f max_ms=%.3f mean_ms=%.3f connect_err=%d read_err=%d write_err=%d timeout_err=%d\n",
    summary.requests, secs, summary.requests / secs, ok_total, non2xx_total,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, latency.mean / 1000,
    e.connect, e.read, e.write, e.timeout))
  if non2xx_total > 0 then
    io.write("BENCH_STATUSES " .. table.concat(status_list, ",") .. "\n")
    io.write("BENCH_FIRST_ERROR " .. first .. "\n")
  end
end
