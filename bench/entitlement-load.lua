-- wrk script for bench/orders.sh: the entitlement check, GET /v1/customers/{id}/entitlements/{videoId}.
--
--   wrk -t2 -c16 -d20s --latency -s bench/entitlement-load.lua http://127.0.0.1:5099 -- PAIRS_FILE TOKEN_FILE THREADS [PACE_MS]
--
-- PAIRS_FILE holds one "customerId videoId" pair per line (orders.sh draws a few thousand from the
-- synthetic accesses, shuffled: pairs that have an access of that video, live or expired, and
-- random customer/video pairs); TOKEN_FILE holds the admin JWT. PACE_MS > 0 makes each connection
-- wait that long before each request (wrk's delay()), so the load is a steady rate below what the
-- machine can serve rather than as fast as it answers; the wait is not counted in the latency. Thread t of T sends request n to
-- pair (t + n*T) mod #pairs, so the threads together walk the shuffled list round-robin.
--
-- done() prints the same machine-readable line as bench/wallet-load.lua, plus entitled=… (answers
-- with "entitled":true) so the run shows how many checks found a grant:
--   BENCH requests=… duration_s=… rps=… ok=… non2xx=… p50_ms=… p90_ms=… p99_ms=… max_ms=… … entitled=…

local threads = {}

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

function init(args)
  local pairs_file, token_file = args[1], args[2]
  stride = tonumber(args[3] or "1")
  pace = tonumber(args[4] or "0")
  local lines = read_lines(pairs_file)
  local token = read_lines(token_file)[1]
  assert(#lines > 0, "no pairs in " .. pairs_file)
  local headers = {
    ["Authorization"] = "Bearer " .. token,
    ["Accept"] = "application/json",
  }
  for i, line in ipairs(lines) do
    local customer, video = line:match("^(%S+)%s+(%S+)$")
    assert(customer and video, "bad pair line " .. i .. ": " .. line)
    reqs[i] = wrk.format("GET", "/v1/customers/" .. customer .. "/entitlements/" .. video, headers)
  end
  nreqs = #reqs
  ok = 0
  non2xx = 0
  entitled = 0
  statuses = ""
  first_error = ""
  status_counts = {}
  counter = tid
end

function delay()
  return pace
end

function request()
  local r = reqs[(counter % nreqs) + 1]
  counter = counter + stride
  return r
end

function response(status, headers, body)
  if status >= 200 and status < 300 then
    ok = ok + 1
    if body and body:find('"entitled":true', 1, true) then entitled = entitled + 1 end
  else
    non2xx = non2xx + 1
    status_counts[status] = (status_counts[status] or 0) + 1
    local parts = {}
    for s, c in pairs(status_counts) do table.insert(parts, s .. ":" .. c) end
    statuses = table.concat(parts, ",")
    if first_error == "" then
      first_error = string.sub((body or ""):gsub("[\r\n]+", " "), 1, 400)
    end
  end
end

function done(summary, latency, requests)
  local ok_total, non2xx_total, entitled_total = 0, 0, 0
  local status_list, first = {}, ""
  for _, t in ipairs(threads) do
    ok_total = ok_total + (t:get("ok") or 0)
    non2xx_total = non2xx_total + (t:get("non2xx") or 0)
    entitled_total = entitled_total + (t:get("entitled") or 0)
    local s = t:get("statuses") or ""
    if s ~= "" then table.insert(status_list, s) end
    local f = t:get("first_error") or ""
    if first == "" and f ~= "" then first = f end
  end
  local e = summary.errors
  local secs = summary.duration / 1e6
  io.write(string.format(
    "BENCH requests=%d duration_s=%.3f rps=%.2f ok=%d non2xx=%d p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f max_ms=%.3f mean_ms=%.3f connect_err=%d read_err=%d write_err=%d timeout_err=%d entitled=%d\n",
    summary.requests, secs, summary.requests / secs, ok_total, non2xx_total,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, latency.mean / 1000,
    e.connect, e.read, e.write, e.timeout, entitled_total))
  if non2xx_total > 0 then
    io.write("BENCH_STATUSES " .. table.concat(status_list, ",") .. "\n")
    io.write("BENCH_FIRST_ERROR " .. first .. "\n")
  end
end
