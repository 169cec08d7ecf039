-- wrk script for bench/coupons.sh: ApplyCoupon, POST /v1/coupons/apply {"code", "customerId"}
-- (no order: the coupon attaches to the account).
--
--   wrk -t2 -c16 -d20s --latency -s bench/coupons-load.lua http://127.0.0.1:5097 -- CUSTOMERS_FILE CODES_FILE TOKEN_FILE THREADS OFFSET MODE
--
-- CUSTOMERS_FILE holds one customer id per line, CODES_FILE one campaign code per line (a shared
-- code each, for mass distribution); TOKEN_FILE holds the admin JWT. A customer redeems a campaign
-- once, so every request must be a new (customer, campaign) pair. Request n (counted over all
-- threads, from OFFSET, so that a measured run continues where its warm-up stopped) takes pair p:
--   MODE "hot":    p = n, i.e. customer p mod #customers of campaign p div #customers: consecutive
--                  requests redeem the same campaign, all 16 connections race for one campaign row
--                  (the worst case: a flash promotion);
--   MODE "spread": p = (7919 n + 12345) mod (#customers x #campaigns), a permutation (7919 is a prime
--                  that divides no product of the bench's sizes), so concurrent requests land on
--                  different campaigns, as customers typing different codes do.

package.path = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "?.lua;" .. package.path
local lib = require("wrklib")
setup, response, done = lib.setup, lib.response, lib.done

local customers, codes = {}, {}
local headers = {}
local counter, stride = 0, 1
local spread = false

function init(args)
  customers = lib.read_lines(args[1])
  codes = lib.read_lines(args[2])
  local token = lib.read_lines(args[3])[1]
  stride = tonumber(args[4] or "1")
  local offset = tonumber(args[5] or "0")
  spread = (args[6] or "hot") == "spread"
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
  local p = n
  if spread then p = (7919 * n + 12345) % (#customers * #codes) end
  local customer = customers[(p % #customers) + 1]
  local code = codes[(math.floor(p / #customers) % #codes) + 1]
  return wrk.format("POST", "/v1/coupons/apply", headers,
    string.format('{"code":"%s","customerId":"%s"}', code, customer))
end
