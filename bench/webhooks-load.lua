-- wrk script for bench/webhooks.sh: POST /v1/webhooks/stripe with signed Stripe events.
--
--   wrk -t2 -c16 -d20s --latency -s bench/webhooks-load.lua http://127.0.0.1:5099 -- EVENTS_FILE [LIMIT]
--
-- EVENTS_FILE holds one event per line: "<Stripe-Signature>\t<JSON body>". Thread i of n sends lines
-- i, i+n, i+2n, …; with LIMIT > 0 each thread stops after its share of the first LIMIT lines (every
-- event delivered once), else it cycles (re-deliveries: the inbox's duplicate path).

package.path = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "?.lua;" .. package.path
local lib = require("wrklib")
setup, done = lib.setup, lib.done
lib.count_if('"applied":1', "applied")

local events = {}
local next_index = 0
local step = 1
local limit = 0
local sent = 0
local answered = 0
local share = 0

function init(args)
  for _, line in ipairs(lib.read_lines(args[1])) do
    local tab = line:find("\t", 1, true)
    table.insert(events, { signature = line:sub(1, tab - 1), body = line:sub(tab + 1) })
  end
  limit = tonumber(args[2] or "0")
  lib.init_counters()
  local threads_total = tonumber(os.getenv("WRK_THREADS") or "2")
  step = threads_total
  next_index = tid
  if limit > 0 then
    share = math.floor(limit / threads_total) + ((tid < limit % threads_total) and 1 or 0)
  end
end

function request()
  local e = events[(next_index % #events) + 1]
  next_index = next_index + step
  sent = sent + 1
  return wrk.format("POST", "/v1/webhooks/stripe", { ["Content-Type"] = "application/json", ["Stripe-Signature"] = e.signature }, e.body)
end

function response(status, headers, body)
  lib.response(status, headers, body)
  answered = answered + 1
  if limit > 0 and answered >= share then
    wrk.thread:stop()
  end
end
