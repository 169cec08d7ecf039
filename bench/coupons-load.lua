-- wrk script for bench/coupons.sh: ApplyCoupon, POST /v1/coupons/apply {"code", "customerId"}
-- (no order: the coupon attaches to the account).
--
--   wrk -t2 -c16 -d20s --latency -s bench/coupons-load.lua http://127.0.0.1:5097 -- CUSTOMERS_FILE CODES_FILE TOKEN_FILE THREADS OFFSET
--
-- CUSTOMERS_FILE holds one customer id per line, CODES_FILE one campaign code per line (a shared
-- code each, for mass distribution); TOKEN_FILE holds the admin JWT. A customer redeems a campaign
-- once, so every request must be a new (customer, campaign) pair: request n (counted over all
-- threads, from OFFSET, so that the measured run continues where the warm-up stopped) goes to
-- customer n mod #customers and campaign n div #customers. Consecutive requests thus redeem the
-- same campaign: all 16 connections race for one campaign row, the worst case of a mass code.

package.path = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "?.lua;" .. package.path
local lib = require("wrklib")
setup, response, done = lib.setup, lib.response, lib.done

local customers, codes = {}, {}
local headers = {}
local counter, stride = 0, 1

function init(args)
  customers = lib.read_lines(args[1])
  codes = lib.read_lines(args[2])
  local token = lib.read_lines(args[3])[1]
  stride = tonumber(args[4] or "1")
  local offset = tonumber(args[5] or "0")
  headers = {
    ["Authorization"] = "Bearer " .. token,
    ["Content-Type"] = "application/json",
    ["Accept"] = "application/json",
  }
  lib.init_counters()
  counter = offset + tid
end

function request()
  local n = counter
  counter = counter + stride
  local customer = customers[(n % #customers) + 1]
  local code = codes[(math.floor(n / #customers) % #codes) + 1]
  return wrk.format("POST", "/v1/coupons/apply", headers,
    string.format('{"code":"%s","customerId":"%s"}', code, customer))
end
