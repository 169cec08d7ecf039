-- wrk script for bench/orders.sh: PlaceOrder paid from the wallet, one rental per order.
--
--   wrk -t2 -c16 -d20s --latency -s bench/orders-load.lua http://127.0.0.1:5099 -- IDS_FILE VIDEOS_FILE TOKEN_FILE THREADS
--
-- Each request is POST /v1/orders {"customerId", "items": [{"videoId", "mode": "rent"}],
-- "payment": {"method": "wallet"}} with the admin token. IDS_FILE holds one customer id per line,
-- VIDEOS_FILE one video id per line (each with a rent offer), TOKEN_FILE the admin JWT. Request k
-- (counted over all threads: thread t of T sends k = t, t+T, t+2T, ...) goes to customer
-- k mod #ids and video k mod #videos, so the threads together walk both lists round-robin.
--
-- done() prints the same machine-readable line as bench/wallet-load.lua:
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
  local ids_file, videos_file, token_file = args[1], args[2], args[3]
  stride = tonumber(args[4] or "1")
  local ids = read_lines(ids_file)
  local videos = read_lines(videos_file)
  local token = read_lines(token_file)[1]
  assert(#ids > 0, "no customer ids in " .. ids_file)
  assert(#videos > 0, "no video ids in " .. videos_file)
  local headers = {
    ["Authorization"] = "Bearer " .. token,
    ["Content-Type"] = "application/json",
    ["Accept"] = "application/json",
  }
  -- one pre-built request per (k mod #ids, k mod #videos) combination: #ids * #videos requests
  -- cover every k (the pair repeats with period lcm(#ids, #videos), which divides the product)
  local n = #ids * #videos
  for k = 0, n - 1 do
    local body = string.format(
      '{"customerId":"%s","items":[{"videoId":"%s","mode":"rent"}],"payment":{"method":"wallet"}}',
      ids[(k % #ids) + 1], videos[(k % #videos) + 1])
    reqs[k + 1] = wrk.format("POST", "/v1/orders", headers, body)
  end
  nreqs = n
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
    for s, c in pairs(status_counts) do table.insert(parts, s .. ":" .. c) end
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
