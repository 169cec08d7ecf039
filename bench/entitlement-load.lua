-- wrk script for bench/orders.sh: the entitlement check, GET /v1/customers/{id}/entitlements/{videoId}.
--
--   wrk -t2 -c16 -d20s --latency -s bench/entitlement-load.lua http://127.0.0.1:5099 -- PAIRS_FILE TOKEN_FILE THREADS [PACE_MS]
--
-- PAIRS_FILE holds one "customerId videoId" pair per line (orders.sh draws a few thousand from the
-- synthetic accesses, shuffled: pairs that have an access of that video, live or expired, and
-- random customer/video pairs); TOKEN_FILE holds the admin JWT. PACE_MS > 0 makes each connection
-- wait that long before each request (wrk's delay()), so the load is a steady rate below what the
-- machine can serve rather than as fast as it answers; the wait is not counted in the latency.
-- Thread t of T sends request n to pair (t + n*T) mod #pairs, so the threads together walk the
-- shuffled list round-robin.
--
-- done() prints the BENCH line of bench/wrklib.lua, plus entitled=… (answers with
-- "entitled":true) so the run shows how many checks found a grant.

package.path = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "?.lua;" .. package.path
local lib = require("wrklib")
setup, response, done = lib.setup, lib.response, lib.done
lib.count_if('"entitled":true', "entitled")

local reqs = {}
local nreqs = 0
local counter = 0
local stride = 1
local pace = 0

function init(args)
  local pairs_file, token_file = args[1], args[2]
  stride = tonumber(args[3] or "1")
  pace = tonumber(args[4] or "0")
  local lines = lib.read_lines(pairs_file)
  local token = lib.read_lines(token_file)[1]
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
  lib.init_counters()
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
