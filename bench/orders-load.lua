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
-- done() prints the machine-readable BENCH line of bench/wrklib.lua, which orders.sh parses.

package.path = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "?.lua;" .. package.path
local lib = require("wrklib")
setup, response, done = lib.setup, lib.response, lib.done

local reqs = {}
local nreqs = 0
local counter = 0
local stride = 1

function init(args)
  local ids_file, videos_file, token_file = args[1], args[2], args[3]
  stride = tonumber(args[4] or "1")
  local ids = lib.read_lines(ids_file)
  local videos = lib.read_lines(videos_file)
  local token = lib.read_lines(token_file)[1]
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
  lib.init_counters()
  counter = tid
end

function request()
  local r = reqs[(counter % nreqs) + 1]
  counter = counter + stride
  return r
end
