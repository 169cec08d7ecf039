import { useEffect, useState, type FormEvent } from "react";
import type { CouponCampaignDto, CouponDuration, CouponScope, CreateCouponCampaignCommand } from "@cleanprepay/client";
import { api, newKey } from "../api";
import { CampaignReport } from "./CampaignReport";
import { Money, ProblemBanner, useAction } from "../components";
import { parseMoney } from "../money";

type Kind = "percent" | "amount" | "trial";

export function Coupons() {
  const [campaigns, setCampaigns] = useState<CouponCampaignDto[]>([]);
  const [form, setForm] = useState({ name: "", kind: "percent" as Kind, value: "", currency: "EUR", duration: "once" as CouponDuration, months: "", appliesTo: "order" as CouponScope, cap: "", redeemBy: "", code: "", bulk: "" });
  const [shown, setShown] = useState<CouponCampaignDto | null>(null);
  const load = useAction();
  const act = useAction();
  async function refresh() {
    const page = await load.run(() => api.listCouponCampaigns(undefined, 100));
    if (page) {
      setCampaigns(page.items);
    }
  }

  useEffect(() => {
    void refresh();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const body: CreateCouponCampaignCommand = { name: form.name, duration: form.duration, appliesTo: form.appliesTo };
    if (form.kind === "percent") {
      // The API counts percent in basis points: 12.5 % is 1250.
      const bp = parseMoney(form.value, "EUR");
      if (!bp.ok) {
        act.setProblem({ status: 0, code: "invalid_percent", detail: "Enter a percentage such as 12.5." });
        return;
      }
      body.percentOff = bp.minor; // "12.5" read with two decimals is 1250
    } else if (form.kind === "amount") {
      const amount = parseMoney(form.value, form.currency);
      if (!amount.ok) {
        act.setProblem({ status: 0, code: "invalid_amount", detail: amount.error });
        return;
      }
      body.amountOff = { amount: amount.minor, currency: form.currency };
    } else {
      body.freeTrialDays = Number(form.value);
    }

    if (form.duration === "repeating") body.durationInMonths = Number(form.months);
    if (form.cap) body.maxRedemptions = Number(form.cap);
    if (form.redeemBy) body.redeemBy = new Date(form.redeemBy).toISOString();
    if (form.bulk) body.bulk = { count: Number(form.bulk) };
    else if (form.code) body.code = form.code;
    const made = await act.run(() => api.createCouponCampaign(body, newKey()));
    if (made) {
      await refresh();
    }
  }

  async function toggle(c: CouponCampaignDto) {
    const done = await act.run(() => (c.status === "active" ? api.expireCouponCampaign(c.id) : api.restoreCouponCampaign(c.id)));
    if (done) {
      await refresh();
    }
  }

  return (
    <section aria-labelledby="coupons-title">
      <h1 id="coupons-title">Coupon campaigns</h1>
      <table aria-label="Campaigns">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Code</th>
            <th scope="col">Discount</th>
            <th scope="col">Redemptions</th>
            <th scope="col">Status</th>
            <th scope="col">Action</th>
          </tr>
        </thead>
        <tbody>
          {campaigns.map((c) => (
            <tr key={c.id}>
              <td>{c.name}</td>
              <td>{c.bulk ? "bulk" : c.code}</td>
              <td>
                {c.percentOff != null ? `${c.percentOff / 100} %` : c.amountOff ? <Money amount={c.amountOff.amount} currency={c.amountOff.currency} /> : `${c.freeTrialDays} trial days`}
              </td>
              <td>
                {c.redemptions}
                {c.maxRedemptions != null ? ` / ${c.maxRedemptions}` : ""}
              </td>
              <td>{c.status}</td>
              <td>
                <button type="button" onClick={() => toggle(c)} disabled={act.busy}>
                  {c.status === "active" ? "Expire" : "Restore"} {c.name}
                </button>{" "}
                <button type="button" onClick={() => setShown(c)}>
                  Report of {c.name}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ProblemBanner problem={act.problem ?? load.problem} />
      {shown && <CampaignReport key={shown.id} campaign={shown} onChanged={refresh} />}
      <h2>New campaign</h2>
      <form onSubmit={submit} className="stack">
        <label>
          Name <input required value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
        </label>
        <label>
          Kind
          <select value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value as Kind })}>
            <option value="percent">Percent off</option>
            <option value="amount">Amount off</option>
            <option value="trial">Free trial (days)</option>
          </select>
        </label>
        <label>
          Value <input required inputMode="decimal" value={form.value} onChange={(e) => setForm({ ...form, value: e.target.value })} />
        </label>
        {form.kind === "amount" && (
          <label>
            Currency <input maxLength={3} value={form.currency} onChange={(e) => setForm({ ...form, currency: e.target.value.toUpperCase() })} />
          </label>
        )}
        <label>
          Duration
          <select value={form.duration} onChange={(e) => setForm({ ...form, duration: e.target.value as CouponDuration })}>
            <option value="once">Once</option>
            <option value="repeating">N months</option>
            <option value="forever">Forever</option>
          </select>
        </label>
        {form.duration === "repeating" && (
          <label>
            Months <input inputMode="numeric" value={form.months} onChange={(e) => setForm({ ...form, months: e.target.value })} />
          </label>
        )}
        <label>
          Applies to
          <select value={form.appliesTo} onChange={(e) => setForm({ ...form, appliesTo: e.target.value as CouponScope })}>
            <option value="order">Orders</option>
            <option value="subscription">Subscriptions</option>
            <option value="account">The account</option>
          </select>
        </label>
        <label>
          Redemption cap <input inputMode="numeric" value={form.cap} onChange={(e) => setForm({ ...form, cap: e.target.value })} />
        </label>
        <label>
          Redeem by <input type="datetime-local" value={form.redeemBy} onChange={(e) => setForm({ ...form, redeemBy: e.target.value })} />
        </label>
        <label>
          Code <input value={form.code} onChange={(e) => setForm({ ...form, code: e.target.value.toUpperCase() })} />
        </label>
        <label>
          Or bulk unique codes (how many) <input inputMode="numeric" value={form.bulk} onChange={(e) => setForm({ ...form, bulk: e.target.value })} />
        </label>
        <button type="submit" disabled={act.busy}>
          Create campaign
        </button>
      </form>
    </section>
  );
}
