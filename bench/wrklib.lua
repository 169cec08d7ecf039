-- Shared plumbing of the wrk scripts (wallet-, orders-, entitlement- and coupons-load.lua):
-- thread registry, file reading, response counting and the machine-readable BENCH line.
--
--   package.path = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "?.lua;" .. package.path
--   local lib = require("wrklib")
--   setup = lib.setup; response = lib.response; done = lib.done
--   lib.count_if('"entitled":true', "entitled")   -- optional: an extra counter of 2xx bodies
--
-- done() prints, for the bench scripts to parse:
--   BENCH requests=… duration_s=… rps=… ok=… non2xx=… p50_ms=… p90_ms=… p99_ms=… max_ms=… mean_ms=…
--         connect_err=… read_err=… write_err=… timeout_err=… [NAME=…]
-- and, when there were non-2xx answers, BENCH_STATUSES (count per status) and BENCH_FIRST_ERROR.

local M = {}
local threads = {}
local marker, marker_name = nil, nil

function M.setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end

function M.read_lines(path)
  local out = {}
  local f = assert(io.open(path, "r"))
  for line in f:lines() do
    line = line:gsub("%s+$", "")
    if #line > 0 then table.insert(out, line) end
  end
  f:close()
  return out
end

-- Counts the 2xx answers whose body contains TEXT, reported as NAME=… on the BENCH line.
function M.count_if(text, name)
  marker, marker_name = text, name
end

-- Per-thread counters; call from init().
function M.init_counters()
  ok, non2xx, marked = 0, 0, 0
  statuses, first_error = "", ""
  status_counts = {}
end

function M.response(status, headers, body)
  if status >= 200 and status < 300 then
    ok = ok + 1
    if marker and body and body:find(marker, 1, true) then marked = marked + 1 end
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

function M.done(summary, latency, requests)
  local ok_total, non2xx_total, marked_total = 0, 0, 0
  local status_list, first = {}, ""
  for _, t in ipairs(threads) do
    ok_total = ok_total + (t:get("ok") or 0)
    non2xx_total = non2xx_total + (t:get("non2xx") or 0)
    marked_total = marked_total + (t:get("marked") or 0)
    local s = t:get("statuses") or ""
    if s ~= "" then table.insert(status_list, s) end
    local f = t:get("first_error") or ""
    if first == "" and f ~= "" then first = f end
  end
  local e = summary.errors
  local secs = summary.duration / 1e6
  io.write(string.format(
    "BENCH requests=%d duration_s=%.3f rps=%.2f ok=%d non2xx=%d p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f max_ms=%.3f mean_ms=%.3f connect_err=%d read_err=%d write_err=%d timeout_err=%d%s\n",
    summary.requests, secs, summary.requests / secs, ok_total, non2xx_total,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, latency.mean / 1000,
    e.connect, e.read, e.write, e.timeout,
    marker_name and string.format(" %s=%d", marker_name, marked_total) or ""))
  if non2xx_total > 0 then
    io.write("BENCH_STATUSES " .. table.concat(status_list, ",") .. "\n")
    io.write("BENCH_FIRST_ERROR " .. first .. "\n")
  end
end

return M
