// End-to-end test of the generated client's subscription calls against a live CleanPrepay API
// (Development): the riverty-prepayment seed example, a risk-rejected consumer's pending
// prepayment, and the confirmation emails.
//
//   CLEANPREPAY_API_URL=http://127.0.0.1:5087 npm test
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { ApiException, CleanPrepayClient, withBearerToken } from "../dist/index.js";

const BASE = (process.env.CLEANPREPAY_API_URL ?? "").replace(/\/+$/, "");
if (!BASE) {
  throw new Error("CLEANPREPAY_API_URL is not set: start the API in Development and set it, e.g. CLEANPREPAY_API_URL=http://127.0.0.1:5087 npm test");
}

async function devToken(body) {
  const res = await fetch(`${BASE}/v1/dev/tokens`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  assert.equal(res.status, 200);
  return (await res.json()).token;
}

const run = Date.now().toString(36) + Math.random().toString(36).slice(2, 8);
const iso = (d) => d.toISOString().slice(0, 10);
let admin;
let plan;

/** The 20th of the next 30-day month (UTC), so the seed example's figures hold whatever today is. */
function next20thOf30DayMonth() {
  const now = new Date();
  for (let k = 1; k <= 12; k++) {
    const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + k, 1));
    const days = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
    if (days === 30) return new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), 20));
  }
  throw new Error("no 30-day month within a year");
}

function newCustomer(label) {
  return admin.createCustomer({
    email: `ts-sub-${label}-${run}@example.test`, name: `TS sub ${label}`, language: "fr", country: "FR", newsletter: false, optIn: false,
  });
}

before(async () => {
  admin = new CleanPrepayClient(BASE, withBearerToken(await devToken({ role: "admin" })));
  plan = await admin.createPlan({
    name: `Mensuel ${run}`, price: { amount: 5000, currency: "EUR" }, interval: "month", intervalCount: 1,
    billing: "fixed", billingDay: 1, minPrepayment: { amount: 2500, currency: "EUR" },
  });
});

test("quoteSubscription gives the seed example: 16.66 for 10 of 30 days plus the next month, 66.66", async () => {
  const customer = await newCustomer("quote");
  const start = next20thOf30DayMonth();
  const quote = await admin.quoteSubscription({ customerId: customer.id, planId: plan.id, startDate: iso(start) });

  const lastDay = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), 30));
  const nextEnd = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 2, 0));
  assert.deepEqual(quote.total, { amount: 6666, currency: "EUR" });
  assert.equal(quote.periodStart, iso(start));
  assert.equal(quote.periodEnd, iso(nextEnd));
  assert.deepEqual(
    { from: quote.partial.from, to: quote.partial.to, days: quote.partial.days, amount: quote.partial.amount.amount },
    { from: iso(start), to: iso(lastDay), days: 10, amount: 1666 },
  );
  assert.equal(quote.fullPeriods.length, 1);
  assert.equal(quote.fullPeriods[0].amount.amount, 5000);
});

test("startSubscription by card prepays 66.66, replays with its key, and the customer is emailed in French", async () => {
  const customer = await newCustomer("start");
  const client = new CleanPrepayClient(BASE, withBearerToken(await devToken({ role: "customer", customerId: customer.id })));
  const body = {
    customerId: customer.id, planId: plan.id, startDate: iso(next20thOf30DayMonth()),
    payment: { method: "gateway", gateway: "sandbox", paymentMethod: "pm_card_visa" },
  };
  const key = `ts-sub-${run}`;
  const started = await client.startSubscription(body, key);
  const replayed = await client.startSubscription(body, key);

  assert.equal(replayed.id, started.id);
  assert.equal(started.status, "active");
  assert.equal(started.prepayment.status, "paid");
  assert.deepEqual(started.prepayment.amount, { amount: 6666, currency: "EUR" });
  assert.equal((await client.getSubscription(started.id)).paidThrough, started.prepayment.periodEnd);

  let sent = [];
  for (let i = 0; i < 50 && sent.length < 2; i++) {
    sent = (await client.listCustomerNotifications(customer.id)).items;
    if (sent.length < 2) await new Promise((r) => setTimeout(r, 200));
  }
  assert.deepEqual(sent.map((n) => n.kind).sort(), ["payment_confirmation", "welcome"]);
  const confirmation = sent.find((n) => n.kind === "payment_confirmation");
  assert.equal(confirmation.language, "fr");
  assert.match(confirmation.body, /66,66 EUR/);
  assert.match(confirmation.body, /16,66 EUR/);
});

test("a risk-rejected consumer waits in pending_prepayment, listed by listPrepayments, until payPrepayment", async () => {
  await admin.updateSettings({ prepaymentEnabled: true });
  const customer = await newCustomer("risk");
  const started = await admin.startSubscription({ customerId: customer.id, planId: plan.id, riskCheck: { outcome: "rejected" } });
  assert.equal(started.status, "pending_prepayment");

  const pending = await admin.listPrepayments("pending", customer.id);
  assert.deepEqual(pending.items.map((p) => p.id), [started.prepayment.id]);

  const paid = await admin.payPrepayment(started.prepayment.id, { payment: { method: "gateway", gateway: "sandbox", paymentMethod: "pm_card_visa" } });
  assert.equal(paid.status, "active");
  assert.equal((await admin.listPrepayments("pending", customer.id)).items.length, 0);

  await assert.rejects(
    () => admin.payPrepayment(started.prepayment.id, { payment: { method: "wallet" } }),
    (e) => e instanceof ApiException && e.status === 409,
  );
});
