import { useEffect, useState, type FormEvent } from "react";
import type { PaymentDto, PrepaymentDto, SettingsDto } from "@cleanprepay/client";
import { api, newKey } from "../api";
import { Confirm, Money, ProblemBanner, Time, useAction } from "../components";
import { formatMoney, parseMoney } from "../money";

/** riverty-prepayment: the prepayments waiting on their payer. */
export function PendingPrepayments() {
  const [rows, setRows] = useState<PrepaymentDto[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const load = useAction();
  async function fetchPage(after: string | null) {
    const page = await load.run(() => api.listPrepayments("pending", undefined, undefined, undefined, 200, after ?? undefined));
    if (page) {
      setRows(after ? [...rows, ...page.items] : page.items);
      setCursor(page.nextCursor ?? null);
    }
  }

  useEffect(() => {
    void fetchPage(null);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return (
    <section aria-labelledby="prepayments-title">
      <h1 id="prepayments-title">Pending prepayments</h1>
      <ProblemBanner problem={load.problem} />
      <table aria-label="Pending prepayments">
        <thead>
          <tr>
            <th scope="col">Customer</th>
            <th scope="col">Kind</th>
            <th scope="col">Period</th>
            <th scope="col">Amount</th>
            <th scope="col">Attempts</th>
            <th scope="col">Expires</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((p) => (
            <tr key={p.id}>
              <td>
                <a href={`#/customers/${p.customerId}`}>{p.customerId}</a>
              </td>
              <td>{p.kind}</td>
              <td>
                {p.periodStart} – {p.periodEnd}
              </td>
              <td>
                <Money amount={p.amount.amount} currency={p.amount.currency} />
              </td>
              <td>{p.attempts}</td>
              <td>
                <Time iso={p.expiresAt} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {cursor && (
        <button type="button" onClick={() => fetchPage(cursor)} disabled={load.busy}>
          More
        </button>
      )}
    </section>
  );
}

/** Find a payment by id and refund it, in full or in part. */
export function Payments() {
  const [id, setId] = useState("");
  const [payment, setPayment] = useState<PaymentDto | null>(null);
  const [amount, setAmount] = useState("");
  const [pending, setPending] = useState<{ minor: number | null; key: string } | null>(null);
  const find = useAction();
  const refund = useAction();
  async function submit(event: FormEvent) {
    event.preventDefault();
    const found = await find.run(() => api.getPayment(id.trim()));
    setPayment(found ?? null);
  }

  function ask() {
    if (!payment) return;
    if (amount) {
      const parsed = parseMoney(amount, payment.amount.currency);
      if (!parsed.ok) {
        refund.setProblem({ status: 0, code: "invalid_amount", detail: parsed.error });
        return;
      }
      setPending({ minor: parsed.minor, key: newKey() });
    } else {
      setPending({ minor: null, key: newKey() });
    }
  }

  async function confirm() {
    if (!payment || !pending) return;
    const body = pending.minor === null ? null : { amount: { amount: pending.minor, currency: payment.amount.currency }, credits: null };
    const done = await refund.run(() => api.refundPayment(payment.id, pending.key, body));
    setPending(null);
    if (done) {
      setPayment((await find.run(() => api.getPayment(payment.id))) ?? payment);
      setAmount("");
    }
  }

  return (
    <section aria-labelledby="payments-title">
      <h1 id="payments-title">Payments</h1>
      <form onSubmit={submit} className="filters">
        <label>
          Payment id <input required value={id} onChange={(e) => setId(e.target.value)} />
        </label>
        <button type="submit" disabled={find.busy}>
          Find
        </button>
      </form>
      <ProblemBanner problem={find.problem ?? refund.problem} />
      {payment && (
        <div>
          <dl className="figures" aria-label="Payment">
            <dt>Status</dt>
            <dd>{payment.status}</dd>
            <dt>Amount</dt>
            <dd>
              <Money amount={payment.amount.amount} currency={payment.amount.currency} />
            </dd>
            <dt>Gateway</dt>
            <dd>{payment.gateway}</dd>
            <dt>For</dt>
            <dd>
              {payment.purpose} <code>{payment.purposeId}</code>
            </dd>
            <dt>Customer</dt>
            <dd>
              <a href={`#/customers/${payment.customerId}`}>{payment.customerId}</a>
            </dd>
            <dt>Dispute</dt>
            <dd>{payment.dispute ? `${payment.dispute.status}` : "none"}</dd>
            <dt>Created</dt>
            <dd>
              <Time iso={payment.createdAt} />
            </dd>
          </dl>
          {payment.status === "succeeded" && (
            <div className="stack">
              <label>
                Refund amount (empty: all that is left) <input inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} />
              </label>
              <button type="button" onClick={ask}>
                Refund
              </button>
            </div>
          )}
          {pending && (
            <Confirm
              busy={refund.busy}
              message={pending.minor === null ? `Refund what is left of ${payment.id}?` : `Refund ${formatMoney(pending.minor, payment.amount.currency)} of ${payment.id}?`}
              onConfirm={confirm}
              onCancel={() => setPending(null)}
            />
          )}
        </div>
      )}
    </section>
  );
}

/** The merchant's settings: prepayment on or off, negative-balance limits, the default minimum prepayment. */
export function Settings() {
  const [settings, setSettings] = useState<SettingsDto | null>(null);
  const [draft, setDraft] = useState({ prepaymentEnabled: false, limits: "", creditsLimit: "0", minPercent: "50" });
  const load = useAction();
  const save = useAction();
  function adopt(s: SettingsDto) {
    setSettings(s);
    setDraft({
      prepaymentEnabled: s.prepaymentEnabled,
      limits: s.negativeBalanceLimits.map((m) => `${formatMoney(m.amount, m.currency, "en-US").replace(/[^\d.]/g, "")} ${m.currency}`).join(", "),
      creditsLimit: String(s.negativeCreditsLimit),
      minPercent: String(s.defaultMinPrepaymentPercent),
    });
  }

  useEffect(() => {
    void load.run(() => api.getSettings()).then((s) => s && adopt(s));
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const limits: { amount: number; currency: string }[] = [];
    for (const part of draft.limits.split(",").map((p) => p.trim()).filter(Boolean)) {
      const [text, currency] = part.split(/\s+/);
      const parsed = parseMoney(text ?? "", (currency ?? "").toUpperCase());
      if (!parsed.ok || !currency) {
        save.setProblem({ status: 0, code: "invalid_amount", detail: `"${part}": write each limit as an amount and a currency, such as 10.00 EUR.` });
        return;
      }
      limits.push({ amount: parsed.minor, currency: currency.toUpperCase() });
    }

    const saved = await save.run(() =>
      api.updateSettings({
        prepaymentEnabled: draft.prepaymentEnabled,
        negativeBalanceLimits: limits,
        negativeCreditsLimit: Number(draft.creditsLimit),
        defaultMinPrepaymentPercent: Number(draft.minPercent),
      }),
    );
    if (saved) adopt(saved);
  }

  return (
    <section aria-labelledby="settings-title">
      <h1 id="settings-title">Settings</h1>
      <ProblemBanner problem={load.problem} />
      {settings && (
        <form onSubmit={submit} className="stack">
          <label>
            <input type="checkbox" checked={draft.prepaymentEnabled} onChange={(e) => setDraft({ ...draft, prepaymentEnabled: e.target.checked })} /> Prepayment enabled
          </label>
          <label>
            Negative-balance limits (such as 10.00 EUR, 100 SEK) <input value={draft.limits} onChange={(e) => setDraft({ ...draft, limits: e.target.value })} />
          </label>
          <label>
            Negative credits limit <input inputMode="numeric" value={draft.creditsLimit} onChange={(e) => setDraft({ ...draft, creditsLimit: e.target.value })} />
          </label>
          <label>
            Default minimum prepayment (% of the price) <input inputMode="numeric" value={draft.minPercent} onChange={(e) => setDraft({ ...draft, minPercent: e.target.value })} />
          </label>
          <p>
            Currencies: {settings.currencies.join(", ")}. Updated <Time iso={settings.updatedAt} />.
          </p>
          <button type="submit" disabled={save.busy}>
            Save settings
          </button>
          <ProblemBanner problem={save.problem} />
        </form>
      )}
    </section>
  );
}
