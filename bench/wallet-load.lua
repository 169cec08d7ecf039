-- wrk script for bench/run.sh: POSTs wallet debits or top-ups, round-robin over the seeded customers.
--
--   wrk -t2 -c16 -d20s --latency -s bench/wallet-load.lua http://127.0.0.1:5099 -- MODE IDS_FILE TOKEN_FILE THREADS
--
-- MODE is "debit" (POST /v1/customers/{id}/wallet/adjustments, 1.00 EUR manual debit) or "topup"
-- (POST /v1/customers/{id}/wallet/top-ups, 5.00 EUR via the sandbox gateway). IDS_FILE holds one
-- customer id per line; TOKEN_FILE holds the admin JWT. Thread t (0-based) of T sends request n to
-- customer (t + n*T) mod #ids, so the threads together walk the customers round-robin.
--
-- An optional fifth argument "random" picks each request's customer uniformly at random instead
-- (bench/scaling.sh: 500 wallets picked at random).
--
-- done() prints the machine-readable BENCH line of bench/wrklib.lua, which run.sh parses.

package.path = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "?.lua;" .. package.path
local lib = require("wrklib")
setup, response, done = lib.setup, lib.response, lib.done

local reqs = {}
local nreqs = 0
local counter = 0
local stride = 1
local random = false

function init(args)
  local mode, ids_file, token_file = args[1], args[2], args[3]
  stride = tonumber(args[4] or "1")
  random = args[5] == "random"
  local ids = lib.read_lines(ids_file)
  local token = lib.read_lines(token_file)[1]
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
  lib.init_counters()
  counter = tid
  math.randomseed(os.time() * 1000 + tid)
end

function request()
  if random then return reqs[math.random(nreqs)] end
  local r = reqs[(counter % nreqs) + 1]
  counter = counter + stride
  return r
end
