// End-to-end test of the generated client against a live CleanPrepay API (Development).
//
//   CLEANPREPAY_API_URL=http://127.0.0.1:5087 npm test
//
// Dev tokens come from POST /v1/dev/tokens (not in the OpenAPI document, so plain fetch);
// everything else goes through the generated CleanPrepayClient compiled to dist/.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { ApiException, CleanPrepayClient, withBearerToken } from "../dist/index.js";

const BASE = (process.env.CLEANPREPAY_API_URL ?? "").replace(/\/+$/, "");
if (!BASE) {
  throw new Error(
    "CLEANPREPAY_API_URL is not set: start the API in Development and set it, " +
      "e.g. CLEANPREPAY_API_URL=http://127.0.0.1:5087 npm test",
  );
}

const PAYMENT = (paymentMethod) => ({ gateway: "sandbox", paymentMethod });

async function devToken(body) {
  const res = await fetch(`${BASE}/v1/dev/tokens`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  assert.equal(res.status, 200, `POST /v1/dev/tokens ${JSON.stringify(body)} -> ${res.status}: ${await res.clone().text()}`);
  const { token } = await res.json();
  assert.equal(typeof token, "string");
  return token;
}

const run = Date.now().toString(36) + Math.random().toString(36).slice(2, 8);
let admin; // CleanPrepayClient with an admin token
let customer; // CustomerDto
let otherCustomer; // CustomerDto

function newCustomer(label) {
  return admin.createCustomer({
    email: `ts-client-${label}-${run}@example.test`,
    name: `TS client ${label}`,
    language: "en",
    country: "SE",
    newsletter: false,
    optIn: false,
  });
}

async function eurBalance(customerId) {
  const wallet = await admin.getWallet(customerId);
  assert.equal(wallet.customerId, customerId);
  return wallet.balances.find((b) => b.currency === "EUR")?.amount ?? 0;
}

before(async () => {
  admin = new CleanPrepayClient(BASE, withBearerToken(await devToken({ role: "admin" })));
  customer = await newCustomer("main");
  otherCustomer = await newCustomer("other");
});

// The steps share one wallet, so they run in order (node:test runs top-level tests serially).

test("createCustomer answers the new customer with an id", () => {
  assert.equal(typeof customer.id, "string");
  assert.ok(customer.id.length > 0);
  assert.equal(customer.email, `ts-client-main-${run}@example.test`);
  assert.equal(customer.status, "active");
  assert.notEqual(customer.id, otherCustomer.id);
});

test("topUpWallet by amount succeeds and credits 25.00 EUR, once however often it is retried with its key", async () => {
  const body = { amount: { amount: 2500, currency: "EUR" }, payment: PAYMENT("pm_card_visa") };
  const key = `ts-topup-${run}`;
  const topUp = await admin.topUpWallet(customer.id, body, key);
  const retried = await admin.topUpWallet(customer.id, body, key);
  assert.equal(retried.id, topUp.id);
  assert.equal(topUp.status, "succeeded");
  assert.equal(topUp.payment.status, "succeeded");
  assert.deepEqual(topUp.credited.amount, { amount: 2500, currency: "EUR" });
  assert.equal(typeof topUp.id, "string");
});

test("getWallet shows the EUR balance of 2500", async () => {
  const wallet = await admin.getWallet(customer.id);
  assert.equal(wallet.customerId, customer.id);
  const eur = wallet.balances.find((b) => b.currency === "EUR");
  assert.deepEqual(eur, { amount: 2500, currency: "EUR" });
  assert.equal(wallet.credits, 0);
});

test("topUpWallet with a prepayment package grants 10 credits", async () => {
  const pkg = await admin.createPrepaymentPackage({
    name: `10 credits ${run}`,
    price: { amount: 999, currency: "EUR" },
    grants: { amount: null, credits: 10 },
    active: true,
  });
  assert.equal(typeof pkg.id, "string");
  assert.deepEqual(pkg.price, { amount: 999, currency: "EUR" });
  assert.equal(pkg.grants.credits, 10);

  const topUp = await admin.topUpWallet(customer.id, {
    packageId: pkg.id,
    amount: null,
    payment: PAYMENT("pm_card_visa"),
  });
  assert.equal(topUp.status, "succeeded");
  assert.equal(topUp.packageId, pkg.id);
  assert.equal(topUp.credited.credits, 10);
  assert.deepEqual(topUp.price, { amount: 999, currency: "EUR" });

  const wallet = await admin.getWallet(customer.id);
  assert.equal(wallet.credits, 10);
  assert.equal(await eurBalance(customer.id), 2500, "a credits package leaves the EUR pocket alone");
});

test("3-D Secure top-up requires action, then confirmPayment credits the wallet exactly once", async () => {
  const before = await eurBalance(customer.id);
  const topUp = await admin.topUpWallet(customer.id, {
    packageId: null,
    amount: { amount: 1000, currency: "EUR" },
    payment: PAYMENT("pm_card_threeDSecureRequired"),
  });
  assert.equal(topUp.status, "requires_action");
  assert.equal(topUp.payment.status, "requires_action");
  assert.ok(topUp.payment.nextAction, "nextAction is present");
  assert.equal(topUp.payment.nextAction.type, "redirect");
  assert.match(topUp.payment.nextAction.url ?? "", /^https?:\/\//, "nextAction.url is a URL");
  assert.equal(await eurBalance(customer.id), before, "nothing is credited before the payment succeeds");

  const first = await admin.confirmPayment(topUp.payment.id);
  assert.equal(first.id, topUp.payment.id);
  assert.equal(first.status, "succeeded");
  const second = await admin.confirmPayment(topUp.payment.id);
  assert.equal(second.status, "succeeded");

  assert.equal(await eurBalance(customer.id), before + 1000, "credited exactly once");
  const again = await admin.getTopUp(customer.id, topUp.id);
  assert.equal(again.status, "succeeded");
});

test("listWalletTransactions: EUR amounts sum to the EUR balance", async () => {
  const entries = [];
  let cursor;
  do {
    const page = await admin.listWalletTransactions(customer.id, 200, cursor);
    entries.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);

  assert.ok(entries.length >= 3, `expected at least 3 entries, got ${entries.length}`);
  const eurSum = entries
    .filter((e) => e.amount?.currency === "EUR")
    .reduce((sum, e) => sum + e.amount.amount, 0);
  const creditSum = entries.reduce((sum, e) => sum + (e.credits ?? 0), 0);
  const wallet = await admin.getWallet(customer.id);
  assert.equal(eurSum, await eurBalance(customer.id));
  assert.equal(eurSum, 3500);
  assert.equal(creditSum, wallet.credits);
  for (const e of entries) assert.equal(e.kind, "top_up");
});

test("a declined card fails and leaves the wallet unchanged", async () => {
  const before = await admin.getWallet(customer.id);
  const topUp = await admin.topUpWallet(customer.id, {
    packageId: null,
    amount: { amount: 700, currency: "EUR" },
    payment: PAYMENT("pm_card_chargeDeclined"),
  });
  assert.equal(topUp.status, "failed");
  assert.equal(topUp.payment.status, "failed");
  const after = await admin.getWallet(customer.id);
  assert.deepEqual(after.balances, before.balances);
  assert.equal(after.credits, before.credits);
});

test("another customer's token gets 404 for this customer's wallet", async () => {
  const token = await devToken({ role: "customer", customerId: otherCustomer.id });
  const asOther = new CleanPrepayClient(BASE, withBearerToken(token));

  // their own wallet is readable...
  const own = await asOther.getWallet(otherCustomer.id);
  assert.equal(own.customerId, otherCustomer.id);

  // ...someone else's is not found
  await assert.rejects(asOther.getWallet(customer.id), (err) => {
    assert.ok(err instanceof ApiException, `expected ApiException, got ${err}`);
    assert.ok(ApiException.isApiException(err));
    assert.equal(err.status, 404);
    assert.equal(JSON.parse(err.response).code, "not_found");
    return true;
  });
});

test("a validation error surfaces as ApiException 400 with the problem details", async () => {
  await assert.rejects(
    admin.topUpWallet(customer.id, {
      packageId: null,
      amount: { amount: 2500, currency: "NOPE" },
      payment: PAYMENT("pm_card_visa"),
    }),
    (err) => {
      assert.ok(err instanceof ApiException, `expected ApiException, got ${err}`);
      assert.equal(err.status, 400);
      assert.equal(err.result?.status, 400);
      assert.equal(JSON.parse(err.response).code, "validation_failed");
      return true;
    },
  );
});
