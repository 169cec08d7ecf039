-- wrk script for bench/search.sh: GET /v1/customers?q=… (customer search, issue 18).
--
--   wrk -t2 -c4 -d10s --latency -s bench/search-load.lua http://127.0.0.1:5099 -- QUERIES_FILE TOKEN_FILE THREADS
--
-- QUERIES_FILE holds one query string per line (already URL-encoded, without the "?"); TOKEN_FILE
-- the admin JWT. Thread t of T sends line t, t+T, … round-robin. done() prints the BENCH line of
-- bench/wrklib.lua plus found=… (answers with at least one customer).

package.path = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "?.lua;" .. package.path
local lib = require("wrklib")
setup, response, done = lib.setup, lib.response, lib.done
lib.count_if('"id":"cus_', "found")

local reqs = {}
local counter = 0
local stride = 1

function init(args)
  local lines = lib.read_lines(args[1])
  local token = lib.read_lines(args[2])[1]
  stride = tonumber(args[3] or "1")
  assert(#lines > 0, "no queries in " .. args[1])
  local headers = { ["Authorization"] = "Bearer " .. token, ["Accept"] = "application/json" }
  for i, line in ipairs(lines) do
    reqs[i] = wrk.format("GET", "/v1/customers?" .. line, headers)
  end
  lib.init_counters()
  counter = tid
end

function request()
  local r = reqs[(counter % #reqs) + 1]
  counter = counter + stride
  return r
end
