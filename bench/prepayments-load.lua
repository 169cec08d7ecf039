-- wrk script for bench/subscriptions.sh: GetPendingPrepayments, GET /v1/prepayments?status=pending&…
--
--   wrk -t2 -c16 -d20s --latency -s bench/prepayments-load.lua http://127.0.0.1:5098 -- QUERIES_FILE TOKEN_FILE [PACE_MS]
--
-- QUERIES_FILE holds one path-and-query per line (first pages, per-customer lists, creation ranges,
-- deeper pages through a cursor); TOKEN_FILE the admin JWT. Requests cycle through the lines from a
-- different start per thread. PACE_MS > 0 makes each connection wait that long before each request
-- (wrk's delay()): a steady rate below what the server can take, instead of a queue.

package.path = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "?.lua;" .. package.path
local lib = require("wrklib")
setup, response, done = lib.setup, lib.response, lib.done

local queries = {}
local headers = {}
local counter = 0
local pace = 0

function init(args)
  queries = lib.read_lines(args[1])
  local token = lib.read_lines(args[2])[1]
  headers = { ["Authorization"] = "Bearer " .. token, ["Accept"] = "application/json" }
  pace = tonumber(args[3] or "0")
  lib.init_counters()
  counter = tid * 7919
end

function delay()
  return pace
end

function request()
  counter = counter + 1
  return wrk.format("GET", queries[(counter % #queries) + 1], headers)
end
