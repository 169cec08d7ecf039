import { useEffect, useState, type FormEvent } from "react";
import type {
  AccessDto, AutoTopUpDto, ConversationDto, PaymentMethodDto, ConversationSummaryDto, CouponRedemptionDto, CustomerAccountDto, CustomerDto, CustomerProductDto, OrderDto, SubscriptionDto, WalletDto, WalletTransactionDto,
} from "@cleanprepay/client";
import { api, newKey, toProblem } from "../api";
import { Confirm, Money, ProblemBanner, Time, useAction } from "../components";
import { formatMoney, parseMoney } from "../money";

const TABS = ["Information", "Wallet", "Orders", "Access", "Coupons used", "Products bought", "Subscriptions", "Messages", "Watched videos"] as const;
type Tab = (typeof TABS)[number];

export function CustomerAccount({ customerId }: { customerId: string }) {
  const [tab, setTab] = useState<Tab>("Information");
  const [customer, setCustomer] = useState<CustomerDto | null>(null);
  const load = useAction();
  useEffect(() => {
    void load.run(() => api.getCustomer(customerId)).then((c) => c && setCustomer(c));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [customerId]);

  return (
    <section aria-labelledby="account-title">
      <h1 id="account-title">{customer ? `${customer.name} <${customer.email}>` : customerId}</h1>
      <ProblemBanner problem={load.problem} />
      <div role="tablist" aria-label="Account">
        {TABS.map((t) => (
          <button key={t} role="tab" type="button" aria-selected={tab === t} onClick={() => setTab(t)}>
            {t}
          </button>
        ))}
      </div>
      <div role="tabpanel" aria-label={tab}>
        {tab === "Information" && customer && <Information customer={customer} onSaved={setCustomer} />}
        {tab === "Wallet" && (
          <>
            <Wallet customerId={customerId} />
            <SavedMethods customerId={customerId} />
          </>
        )}
        {tab === "Orders" && <Orders customerId={customerId} />}
        {tab === "Access" && <Access customerId={customerId} />}
        {tab === "Messages" && <Messages customerId={customerId} />}
        {tab === "Coupons used" && <CouponsUsed customerId={customerId} />}
        {tab === "Products bought" && <Products customerId={customerId} />}
        {tab === "Subscriptions" && <Subscriptions customerId={customerId} />}
        {tab === "Watched videos" && <Watched customerId={customerId} />}
      </div>
    </section>
  );
}

function Information({ customer, onSaved }: { customer: CustomerDto; onSaved: (c: CustomerDto) => void }) {
  const [draft, setDraft] = useState({ name: customer.name as string, language: customer.language as string, newsletter: customer.newsletter, optIn: customer.optIn, status: customer.status });
  const save = useAction();
  async function submit(event: FormEvent) {
    event.preventDefault();
    const saved = await save.run(() => api.updateCustomer(customer.id, draft));
    if (saved) {
      onSaved(saved);
    }
  }

  return (
    <form onSubmit={submit} className="stack">
      <p>
        Registered <Time iso={customer.registeredAt} />, last visit <Time iso={customer.lastVisitAt} />
      </p>
      <label>
        Name <input value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
      </label>
      <label>
        Language <input value={draft.language} onChange={(e) => setDraft({ ...draft, language: e.target.value })} />
      </label>
      <label>
        Status
        <select value={draft.status} onChange={(e) => setDraft({ ...draft, status: e.target.value as CustomerDto["status"] })}>
          <option value="active">Active</option>
          <option value="inactive">Inactive</option>
        </select>
      </label>
      <label>
        <input type="checkbox" checked={draft.newsletter} onChange={(e) => setDraft({ ...draft, newsletter: e.target.checked })} /> Newsletter
      </label>
      <label>
        <input type="checkbox" checked={draft.optIn} onChange={(e) => setDraft({ ...draft, optIn: e.target.checked })} /> Opt-in
      </label>
      <button type="submit" disabled={save.busy}>
        Save
      </button>
      <ProblemBanner problem={save.problem} />
    </form>
  );
}

function Wallet({ customerId }: { customerId: string }) {
  const [wallet, setWallet] = useState<WalletDto | null>(null);
  const [ledger, setLedger] = useState<WalletTransactionDto[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [form, setForm] = useState({ direction: "credit" as "credit" | "debit", amount: "", currency: "EUR", reason: "" });
  const [pending, setPending] = useState<{ minor: number; key: string } | null>(null);
  const load = useAction();
  const adjust = useAction();

  async function refresh() {
    const [w, page] = (await load.run(() => Promise.all([api.getWallet(customerId), api.listWalletTransactions(customerId, 200)]))) ?? [];
    if (w && page) {
      setWallet(w);
      setLedger(page.items);
      setCursor(page.nextCursor ?? null);
    }
  }

  useEffect(() => {
    void refresh();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [customerId]);

  async function more() {
    const page = await load.run(() => api.listWalletTransactions(customerId, 200, cursor ?? undefined));
    if (page) {
      setLedger([...ledger, ...page.items]);
      setCursor(page.nextCursor ?? null);
    }
  }

  function ask(event: FormEvent) {
    event.preventDefault();
    const parsed = parseMoney(form.amount, form.currency);
    if (!parsed.ok) {
      adjust.setProblem({ status: 0, code: "invalid_amount", detail: parsed.error });
      return;
    }

    // One key per intent: a double click or a retry of this confirmation moves the money once.
    setPending({ minor: parsed.minor, key: newKey() });
  }

  async function confirm() {
    if (!pending) {
      return;
    }

    const done = await adjust.run(() =>
      api.adjustWallet(customerId, { direction: form.direction, amount: { amount: pending.minor, currency: form.currency }, reason: form.reason }, pending.key),
    );
    setPending(null);
    if (done) {
      setForm({ ...form, amount: "", reason: "" });
      await refresh();
    }
  }

  return (
    <div>
      <h2>Balances</h2>
      <ul aria-label="Balances">
        {wallet?.balances.map((b) => (
          <li key={b.currency}>
            <Money amount={b.amount} currency={b.currency} />
          </li>
        ))}
        <li>{wallet?.credits ?? 0} credits</li>
        {wallet?.overdrawn && <li className="warn">Overdrawn</li>}
      </ul>
      <h2>Credit or debit by hand</h2>
      <form onSubmit={ask} className="stack">
        <label>
          Direction
          <select value={form.direction} onChange={(e) => setForm({ ...form, direction: e.target.value as "credit" | "debit" })}>
            <option value="credit">Credit</option>
            <option value="debit">Debit</option>
          </select>
        </label>
        <label>
          Amount <input inputMode="decimal" required value={form.amount} onChange={(e) => setForm({ ...form, amount: e.target.value })} />
        </label>
        <label>
          Currency <input required maxLength={3} value={form.currency} onChange={(e) => setForm({ ...form, currency: e.target.value.toUpperCase() })} />
        </label>
        <label>
          Reason <input required value={form.reason} onChange={(e) => setForm({ ...form, reason: e.target.value })} />
        </label>
        <button type="submit">Review</button>
      </form>
      {pending && (
        <Confirm
          busy={adjust.busy}
          message={`${form.direction === "credit" ? "Credit" : "Debit"} ${formatMoney(pending.minor, form.currency)} — ${form.reason}?`}
          onConfirm={confirm}
          onCancel={() => setPending(null)}
        />
      )}
      <ProblemBanner problem={adjust.problem ?? load.problem} />
      <h2>Ledger</h2>
      <table aria-label="Ledger" data-rows={ledger.length}>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Kind</th>
            <th scope="col">Amount</th>
            <th scope="col">Credits</th>
            <th scope="col">Reason</th>
            <th scope="col">By</th>
          </tr>
        </thead>
        <tbody>
          {ledger.map((t) => (
            <tr key={t.id}>
              <td>
                <Time iso={t.createdAt} />
              </td>
              <td>{t.kind}</td>
              <td>{t.amount ? <Money amount={t.amount.amount} currency={t.amount.currency} /> : ""}</td>
              <td>{t.credits ?? ""}</td>
              <td>{t.reason}</td>
              <td>{t.createdBy}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {cursor && (
        <button type="button" onClick={more} disabled={load.busy}>
          More
        </button>
      )}
    </div>
  );
}

function Orders({ customerId }: { customerId: string }) {
  const { rows: orders, problem: loadProblem, refresh } = usePage<OrderDto>(() => api.listCustomerOrders(customerId, undefined, 100), [customerId]);
  const [refunding, setRefunding] = useState<{ order: OrderDto; key: string } | null>(null);
  const refund = useAction();

  async function confirm() {
    if (!refunding?.order.payment) {
      return;
    }

    const done = await refund.run(() => api.refundPayment(refunding.order.payment!.id, refunding.key, null));
    setRefunding(null);
    if (done) {
      await refresh();
    }
  }

  return (
    <div>
      <table aria-label="Orders">
        <thead>
          <tr>
            <th scope="col">Order</th>
            <th scope="col">Status</th>
            <th scope="col">Total</th>
            <th scope="col">Refunded</th>
            <th scope="col">Placed</th>
            <th scope="col">Action</th>
          </tr>
        </thead>
        <tbody>
          {orders.map((o) => (
            <tr key={o.id}>
              <td>
                <code>{o.id}</code> {o.items.map((i) => i.description).join(", ")}
              </td>
              <td>{o.status}</td>
              <td>{o.creditsTotal != null ? `${o.creditsTotal} credits` : <Money amount={o.total.amount} currency={o.total.currency} />}</td>
              <td>{o.refundedCredits ? `${o.refundedCredits} credits` : <Money amount={o.refunded.amount} currency={o.refunded.currency} />}</td>
              <td>
                <Time iso={o.createdAt} />
              </td>
              <td>
                {o.payment && o.status === "paid" && (
                  <button type="button" onClick={() => setRefunding({ order: o, key: newKey() })}>
                    Refund
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {refunding && (
        <Confirm busy={refund.busy} message={`Refund what is left of order ${refunding.order.id}?`} onConfirm={confirm} onCancel={() => setRefunding(null)} />
      )}
      <ProblemBanner problem={refund.problem ?? loadProblem} />
    </div>
  );
}

function Access({ customerId }: { customerId: string }) {
  const { rows: accesses, problem: loadProblem, refresh } = usePage<AccessDto>(() => api.listCustomerAccesses(customerId, undefined, 200), [customerId]);
  const [form, setForm] = useState({ videoId: "", hours: "", reason: "" });
  const grant = useAction();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const expiresAt = form.hours ? new Date(Date.now() + Number(form.hours) * 3_600_000).toISOString() : null;
    const done = await grant.run(() => api.grantAccess(customerId, { videoId: form.videoId, planId: null, startsAt: null, expiresAt, reason: form.reason }, newKey()));
    if (done) {
      setForm({ videoId: "", hours: "", reason: "" });
      await refresh();
    }
  }

  const now = Date.now();
  const current = accesses.filter((a) => a.active);
  const past = accesses.filter((a) => !a.active || (a.expiresAt && Date.parse(a.expiresAt) < now));
  return (
    <div>
      <h2>In progress</h2>
      <AccessTable label="Accesses in progress" rows={current} />
      <h2>Past</h2>
      <AccessTable label="Past accesses" rows={past} />
      <h2>Grant an access</h2>
      <form onSubmit={submit} className="stack">
        <label>
          Video id <input required value={form.videoId} onChange={(e) => setForm({ ...form, videoId: e.target.value })} />
        </label>
        <label>
          Hours (empty: permanent) <input inputMode="numeric" value={form.hours} onChange={(e) => setForm({ ...form, hours: e.target.value })} />
        </label>
        <label>
          Reason <input required value={form.reason} onChange={(e) => setForm({ ...form, reason: e.target.value })} />
        </label>
        <button type="submit" disabled={grant.busy}>
          Grant access
        </button>
      </form>
      <ProblemBanner problem={grant.problem ?? loadProblem} />
    </div>
  );
}

function AccessTable({ label, rows }: { label: string; rows: AccessDto[] }) {
  return (
    <table aria-label={label}>
      <thead>
        <tr>
          <th scope="col">Item</th>
          <th scope="col">Kind</th>
          <th scope="col">From</th>
          <th scope="col">Until</th>
          <th scope="col">Reason</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((a) => (
          <tr key={a.id}>
            <td>{a.videoId ?? a.planId}</td>
            <td>{a.kind}</td>
            <td>
              <Time iso={a.startsAt} />
            </td>
            <td>{a.expiresAt ? <Time iso={a.expiresAt} /> : "permanent"}</td>
            <td>{a.reason}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Messages({ customerId }: { customerId: string }) {
  const { rows: list, problem: loadProblem, refresh } = usePage<ConversationSummaryDto>(() => api.listConversations(customerId, undefined, 100), [customerId]);
  const [open, setOpen] = useState<ConversationDto | null>(null);
  const [reply, setReply] = useState("");
  const act = useAction();

  async function show(id: string) {
    const c = await act.run(() => api.getConversation(id));
    if (c) {
      setOpen(c);
    }
  }

  async function send(event: FormEvent) {
    event.preventDefault();
    const c = await act.run(() => api.replyToConversation(open!.id, { body: reply }, newKey()));
    if (c) {
      setOpen(c);
      setReply("");
      await refresh();
    }
  }

  async function close() {
    const c = await act.run(() => api.closeConversation(open!.id));
    if (c) {
      setOpen(c);
      await refresh();
    }
  }

  return (
    <div className="columns">
      <ul aria-label="Conversations">
        {list.map((c) => (
          <li key={c.id}>
            <button type="button" onClick={() => show(c.id)}>
              {c.subject} ({c.status}, {c.messageCount})
            </button>
          </li>
        ))}
      </ul>
      {open && (
        <article aria-label="Conversation">
          <h2>{open.subject}</h2>
          <ol>
            {open.messages.map((m) => (
              <li key={m.id} className={m.from}>
                <strong>{m.from === "staff" ? `Staff${m.author ? ` (${m.author})` : ""}` : "Customer"}</strong> <Time iso={m.createdAt} />
                <p>{m.body}</p>
              </li>
            ))}
          </ol>
          {open.status === "open" ? (
            <form onSubmit={send} className="stack">
              <label>
                Reply <textarea required value={reply} onChange={(e) => setReply(e.target.value)} />
              </label>
              <button type="submit" disabled={act.busy}>
                Send reply
              </button>
              <button type="button" onClick={close} disabled={act.busy}>
                Close conversation
              </button>
            </form>
          ) : (
            <p>Closed <Time iso={open.closedAt} /></p>
          )}
        </article>
      )}
      <ProblemBanner problem={act.problem ?? loadProblem} />
    </div>
  );
}

function usePage<T>(fetch: () => Promise<{ items: T[] }>, deps: unknown[]) {
  const [rows, setRows] = useState<T[]>([]);
  const load = useAction();
  async function refresh() {
    const page = await load.run(fetch);
    if (page) setRows(page.items);
  }

  useEffect(() => {
    void refresh();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return { rows, problem: load.problem, refresh };
}

function CouponsUsed({ customerId }: { customerId: string }) {
  const { rows, problem } = usePage<CouponRedemptionDto>(() => api.listCustomerCoupons(customerId, 200), [customerId]);
  return (
    <div>
      <ProblemBanner problem={problem} />
      <table aria-label="Coupons used">
        <thead>
          <tr>
            <th scope="col">Campaign</th>
            <th scope="col">Code</th>
            <th scope="col">Status</th>
            <th scope="col">Discount</th>
            <th scope="col">Redeemed</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <td>{r.campaignName}</td>
              <td>{r.code}</td>
              <td>{r.status}</td>
              <td>{r.discount ? <Money amount={r.discount.amount} currency={r.discount.currency} /> : "—"}</td>
              <td>
                <Time iso={r.redeemedAt} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Products({ customerId }: { customerId: string }) {
  const { rows, problem } = usePage<CustomerProductDto>(() => api.listCustomerProducts(customerId, 200), [customerId]);
  return (
    <div>
      <ProblemBanner problem={problem} />
      <table aria-label="Products bought">
        <thead>
          <tr>
            <th scope="col">Product</th>
            <th scope="col">Kind</th>
            <th scope="col">Times</th>
            <th scope="col">First bought</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((p) => (
            <tr key={`${p.kind}-${p.itemId}`}>
              <td>{p.description}</td>
              <td>{p.kind}</td>
              <td>{p.timesBought}</td>
              <td>
                <Time iso={p.firstBoughtAt} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Subscriptions({ customerId }: { customerId: string }) {
  const { rows, problem, refresh } = usePage<SubscriptionDto>(() => api.listCustomerSubscriptions(customerId, 100), [customerId]);
  const [canceling, setCanceling] = useState<{ id: string; key: string } | null>(null);
  const [changing, setChanging] = useState<{ id: string; planId: string; key: string } | null>(null);
  const [plans, setPlans] = useState<{ id: string; name: string }[]>([]);
  const [choice, setChoice] = useState<Record<string, string>>({});
  const act = useAction();
  useEffect(() => {
    void api.listPlans(true, 200).then((page) => setPlans(page.items.map((p) => ({ id: p.id, name: p.name }))), () => setPlans([]));
  }, []);

  async function confirm() {
    const done = await act.run(() => api.cancelSubscription(canceling!.id, canceling!.key, { atPeriodEnd: true }));
    setCanceling(null);
    if (done) await refresh();
  }

  async function confirmChange() {
    // The new plan is charged from today, prorated like a start: it moves money, so it is confirmed and keyed once.
    const done = await act.run(() => api.changeSubscriptionPlan(changing!.id, { planId: changing!.planId }, changing!.key));
    setChanging(null);
    if (done) await refresh();
  }

  return (
    <div>
      <ProblemBanner problem={problem ?? act.problem} />
      <table aria-label="Subscriptions">
        <thead>
          <tr>
            <th scope="col">Plan</th>
            <th scope="col">Status</th>
            <th scope="col">Price</th>
            <th scope="col">Paid through</th>
            <th scope="col">Renews by</th>
            <th scope="col">Action</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((s) => (
            <tr key={s.id}>
              <td>{s.planId}</td>
              <td>
                {s.status}
                {s.cancelAtPeriodEnd ? " (ends at period end)" : ""}
              </td>
              <td>
                <Money amount={s.price.amount} currency={s.price.currency} />
              </td>
              <td>{s.paidThrough ?? "—"}</td>
              <td>{s.renewal.method}</td>
              <td>
                {s.status !== "canceled" && !s.cancelAtPeriodEnd && (
                  <>
                    <button type="button" onClick={() => setCanceling({ id: s.id, key: newKey() })}>
                      Cancel at period end
                    </button>{" "}
                    <label>
                      New plan
                      <select value={choice[s.id] ?? ""} onChange={(e) => setChoice({ ...choice, [s.id]: e.target.value })}>
                        <option value="">Choose…</option>
                        {plans.filter((p) => p.id !== s.planId).map((p) => (
                          <option key={p.id} value={p.id}>
                            {p.name}
                          </option>
                        ))}
                      </select>
                    </label>
                    <button type="button" disabled={!choice[s.id]} onClick={() => setChanging({ id: s.id, planId: choice[s.id], key: newKey() })}>
                      Change plan
                    </button>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {canceling && <Confirm busy={act.busy} message={`Cancel ${canceling.id} at the end of its paid period?`} onConfirm={confirm} onCancel={() => setCanceling(null)} />}
      {changing && (
        <Confirm
          busy={act.busy}
          message={`Move ${changing.id} to ${plans.find((p) => p.id === changing.planId)?.name}? The new plan is charged from today, prorated.`}
          onConfirm={confirmChange}
          onCancel={() => setChanging(null)}
        />
      )}
    </div>
  );
}

function Watched({ customerId }: { customerId: string }) {
  const [account, setAccount] = useState<CustomerAccountDto | null>(null);
  const load = useAction();
  useEffect(() => {
    void load.run(() => api.getCustomerAccount(customerId)).then((a) => a && setAccount(a));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [customerId]);
  return (
    <div>
      <ProblemBanner problem={load.problem} />
      {account && (
        <dl className="figures" aria-label="Viewing statistics">
          <dt>Videos viewed</dt>
          <dd>{account.videosViewed}</dd>
          <dt>Time watched</dt>
          <dd>{Math.floor(account.totalWatchedSeconds / 3600)} h {Math.floor((account.totalWatchedSeconds % 3600) / 60)} min</dd>
          <dt>Valid orders</dt>
          <dd>{account.validOrders}</dd>
          <dt>Accesses in progress</dt>
          <dd>{account.activeAccesses}</dd>
        </dl>
      )}
    </div>
  );
}

/** Saved payment methods (display fields only) and the auto top-up they pay. */
function SavedMethods({ customerId }: { customerId: string }) {
  const [methods, setMethods] = useState<PaymentMethodDto[]>([]);
  const [auto, setAuto] = useState<AutoTopUpDto | null>(null);
  const [form, setForm] = useState({ threshold: "", amount: "", currency: "EUR", savedMethodId: "", maxPerMonth: "5" });
  const load = useAction();
  const act = useAction();
  async function refresh() {
    const listed = await load.run(() => api.listPaymentMethods(customerId));
    if (listed) setMethods(listed.items);
    try {
      setAuto(await api.getAutoTopUp(customerId));
    } catch (error) {
      const problem = toProblem(error);
      if (problem.status === 404) {
        setAuto(null); // none set up: not a problem to show
      } else {
        load.setProblem(problem);
      }
    }
  }

  useEffect(() => {
    void refresh();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [customerId]);

  async function makeDefault(id: string) {
    if (await act.run(() => api.setDefaultPaymentMethod(customerId, id))) await refresh();
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    const threshold = parseMoney(form.threshold, form.currency);
    const amount = parseMoney(form.amount, form.currency);
    if (!threshold.ok || !amount.ok) {
      act.setProblem({ status: 0, code: "invalid_amount", detail: (!threshold.ok ? threshold.error : !amount.ok ? amount.error : "") });
      return;
    }

    const saved = await act.run(() =>
      api.putAutoTopUp(customerId, {
        enabled: true,
        threshold: { amount: threshold.minor, currency: form.currency },
        amount: { amount: amount.minor, currency: form.currency },
        packageId: null,
        savedMethodId: form.savedMethodId,
        maxPerMonth: Number(form.maxPerMonth),
      }),
    );
    if (saved) setAuto(saved);
  }

  async function remove() {
    const done = await act.run(async () => {
      await api.deleteAutoTopUp(customerId, auto?.threshold.currency);
      return true;
    });
    if (done) setAuto(null);
  }

  return (
    <div>
      <h2>Saved payment methods</h2>
      <table aria-label="Saved payment methods">
        <thead>
          <tr>
            <th scope="col">Method</th>
            <th scope="col">Gateway</th>
            <th scope="col">Status</th>
            <th scope="col">Default</th>
          </tr>
        </thead>
        <tbody>
          {methods.map((m) => (
            <tr key={m.id}>
              <td>
                {m.display.brand ?? m.kind} {m.display.last4 ? `•••• ${m.display.last4}` : ""} <code>{m.id}</code>
              </td>
              <td>{m.gateway}</td>
              <td>{m.status}</td>
              <td>
                {m.default ? (
                  "default"
                ) : (
                  <button type="button" onClick={() => makeDefault(m.id)} disabled={act.busy || m.status !== "active"}>
                    Make default
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Auto top-up</h2>
      {auto ? (
        <p aria-label="Auto top-up">
          {auto.enabled ? "On" : "Off"}: below <Money amount={auto.threshold.amount} currency={auto.threshold.currency} />, top up{" "}
          {auto.amount ? <Money amount={auto.amount.amount} currency={auto.amount.currency} /> : `package ${auto.packageId}`} from <code>{auto.savedMethodId}</code>; {auto.startedThisMonth} of{" "}
          {auto.maxPerMonth} this month, {auto.failures} failures.{" "}
          <button type="button" onClick={remove} disabled={act.busy}>
            Remove auto top-up
          </button>
        </p>
      ) : (
        <p>None.</p>
      )}
      <form onSubmit={save} className="stack" aria-label="Set the auto top-up">
        <label>
          Threshold <input required inputMode="decimal" value={form.threshold} onChange={(e) => setForm({ ...form, threshold: e.target.value })} />
        </label>
        <label>
          Top-up amount <input required inputMode="decimal" value={form.amount} onChange={(e) => setForm({ ...form, amount: e.target.value })} />
        </label>
        <label>
          Pocket currency <input maxLength={3} value={form.currency} onChange={(e) => setForm({ ...form, currency: e.target.value.toUpperCase() })} />
        </label>
        <label>
          Saved method
          <select required value={form.savedMethodId} onChange={(e) => setForm({ ...form, savedMethodId: e.target.value })}>
            <option value="">Choose…</option>
            {methods.filter((m) => m.status === "active").map((m) => (
              <option key={m.id} value={m.id}>
                {m.display.brand ?? m.kind} {m.display.last4 ?? ""} ({m.id})
              </option>
            ))}
          </select>
        </label>
        <label>
          At most per month <input inputMode="numeric" value={form.maxPerMonth} onChange={(e) => setForm({ ...form, maxPerMonth: e.target.value })} />
        </label>
        <button type="submit" disabled={act.busy}>
          Save auto top-up
        </button>
      </form>
      <ProblemBanner problem={act.problem ?? load.problem} />
    </div>
  );
}
