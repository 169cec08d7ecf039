import { useEffect, useState, type FormEvent } from "react";
import type { BonusRuleDto, PackageDto, PlanDto, VideoDto } from "@cleanprepay/client";
import { api, InputError, newKey } from "../api";
import { Money, ProblemBanner, useAction } from "../components";
import { parseMoney, toDecimalText } from "../money";

type Editing = { kind: "plan" | "video" | "package"; id: string; label: string; currency: string; name: string; price: string; trialDays: string; rent: string; hours: string; buy: string };

/** Plans and videos, prepayment packages and bonus rules: what can be bought, and what buying gives. */
export function Catalogue() {
  const [plans, setPlans] = useState<PlanDto[]>([]);
  const [videos, setVideos] = useState<VideoDto[]>([]);
  const [packages, setPackages] = useState<PackageDto[]>([]);
  const [rules, setRules] = useState<BonusRuleDto[]>([]);
  const [video, setVideo] = useState({ title: "", rent: "", hours: "48", buy: "", currency: "EUR" });
  const [rule, setRule] = useState({ planId: "", credits: "12" });
  const [plan, setPlan] = useState({ name: "", price: "", currency: "EUR", interval: "month" as "day" | "week" | "month" | "year", trialDays: "0" });
  const [pack, setPack] = useState({ name: "", price: "", grant: "", credits: "", currency: "EUR" });
  const [editing, setEditing] = useState<Editing | null>(null);
  const load = useAction();
  const act = useAction();
  async function refresh() {
    const all = await load.run(() => Promise.all([api.listPlans(undefined, 200), api.listVideos(undefined, 200), api.listPrepaymentPackages(undefined, 200), api.listBonusRules()]));
    if (all) {
      setPlans(all[0].items);
      setVideos(all[1].items);
      setPackages(all[2].items);
      setRules(all[3].items);
    }
  }

  useEffect(() => {
    void refresh();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  function money(text: string, currency: string) {
    const parsed = parseMoney(text, currency);
    if (!parsed.ok) throw new InputError(parsed.error);
    return { amount: parsed.minor, currency };
  }

  async function addVideo(event: FormEvent) {
    event.preventDefault();
    const done = await act.run(() =>
      api.createVideo(
        {
          title: video.title,
          rent: video.rent ? { price: money(video.rent, video.currency), prices: null, credits: null, accessHours: Number(video.hours) } : null,
          buy: video.buy ? { price: money(video.buy, video.currency), prices: null, credits: null, accessHours: null } : null,
          active: null,
        },
        newKey(),
      ),
    );
    if (done) await refresh();
  }

  async function addPlan(event: FormEvent) {
    event.preventDefault();
    const done = await act.run(() =>
      api.createPlan(
        {
          name: plan.name, price: money(plan.price, plan.currency), prices: null, interval: plan.interval, intervalCount: 1, trialDays: Number(plan.trialDays),
          cardlessTrial: null, billing: null, billingDay: null, minPrepayment: null, active: null,
        },
        newKey(),
      ),
    );
    if (done) await refresh();
  }

  async function addRule(event: FormEvent) {
    event.preventDefault();
    const done = await act.run(() =>
      api.createBonusRule({ trigger: "subscription_purchased", planId: rule.planId || null, grantCredits: Number(rule.credits), grantAmount: null }, newKey()),
    );
    if (done) await refresh();
  }

  async function removeRule(id: string) {
    const done = await act.run(async () => {
      await api.deleteBonusRule(id);
      return true;
    });
    if (done) await refresh();
  }

  function editPlan(p: PlanDto) {
    setEditing({ kind: "plan", id: p.id, label: p.name, currency: p.price.currency, name: p.name, price: toDecimalText(p.price.amount, p.price.currency), trialDays: String(p.trialDays), rent: "", hours: "", buy: "" });
  }

  function editVideo(v: VideoDto) {
    const currency = v.rent?.price.currency ?? v.buy?.price.currency ?? "EUR";
    setEditing({
      kind: "video", id: v.id, label: v.title, currency, name: v.title, price: "", trialDays: "",
      rent: v.rent ? toDecimalText(v.rent.price.amount, currency) : "", hours: String(v.rent?.accessHours ?? 48),
      buy: v.buy ? toDecimalText(v.buy.price.amount, currency) : "",
    });
  }

  function editPackage(p: PackageDto) {
    setEditing({ kind: "package", id: p.id, label: p.name, currency: p.price.currency, name: p.name, price: toDecimalText(p.price.amount, p.price.currency), trialDays: "", rent: "", hours: "", buy: "" });
  }

  // Only what the form shows is sent: PATCH leaves every other field (other currencies, credits) as it is.
  async function saveEdit(event: FormEvent) {
    event.preventDefault();
    if (!editing) return;
    const e = editing;
    const done = await act.run(async () => {
      if (e.kind === "plan") {
        return api.updatePlan(e.id, {
          name: e.name, price: money(e.price, e.currency), prices: null, trialDays: Number(e.trialDays), cardlessTrial: null, minPrepayment: null,
          active: null, coverage: null, videoIds: null,
        });
      }

      if (e.kind === "video") {
        const old = videos.find((v) => v.id === e.id);
        return api.updateVideo(e.id, {
          title: e.name,
          rent: e.rent ? { price: money(e.rent, e.currency), prices: null, credits: old?.rent?.credits ?? null, accessHours: Number(e.hours) } : null,
          buy: e.buy ? { price: money(e.buy, e.currency), prices: null, credits: old?.buy?.credits ?? null, accessHours: null } : null,
          active: null, rentOrBuyOnly: null,
        });
      }

      return api.updatePrepaymentPackage(e.id, { name: e.name, price: money(e.price, e.currency) });
    });
    if (done) {
      setEditing(null);
      await refresh();
    }
  }

  async function setActive(kind: Editing["kind"], id: string, active: boolean) {
    const done = await act.run<unknown>(() =>
      kind === "plan"
        ? active ? api.activatePlan(id) : api.deactivatePlan(id)
        : kind === "video"
          ? active ? api.activateVideo(id) : api.deactivateVideo(id)
          : api.updatePrepaymentPackage(id, { active }),
    );
    if (done) await refresh();
  }

  function rowActions(kind: Editing["kind"], id: string, label: string, active: boolean, edit: () => void) {
    return (
      <td>
        <button type="button" onClick={edit} disabled={act.busy} aria-label={`Edit ${kind} ${label}`}>
          Edit
        </button>{" "}
        <button type="button" onClick={() => setActive(kind, id, !active)} disabled={act.busy} aria-label={`${active ? "Deactivate" : "Activate"} ${kind} ${label}`}>
          {active ? "Deactivate" : "Activate"}
        </button>
      </td>
    );
  }

  function editForm(kind: Editing["kind"]) {
    if (editing?.kind !== kind) return null;
    const e = editing;
    const set = (patch: Partial<Editing>) => setEditing({ ...e, ...patch });
    return (
      <form onSubmit={saveEdit} className="stack editing" aria-label={`Edit ${kind} ${e.label}`}>
        <h3>
          Edit {kind} {e.label}
        </h3>
        <label>
          {kind === "video" ? "New title" : "New name"} <input required value={e.name} onChange={(x) => set({ name: x.target.value })} />
        </label>
        {kind !== "video" && (
          <label>
            New price ({e.currency}) <input required inputMode="decimal" value={e.price} onChange={(x) => set({ price: x.target.value })} />
          </label>
        )}
        {kind === "plan" && (
          <label>
            New trial days <input inputMode="numeric" value={e.trialDays} onChange={(x) => set({ trialDays: x.target.value })} />
          </label>
        )}
        {kind === "video" && (
          <>
            <label>
              New rental price ({e.currency}) <input inputMode="decimal" value={e.rent} onChange={(x) => set({ rent: x.target.value })} />
            </label>
            <label>
              New rental hours <input inputMode="numeric" value={e.hours} onChange={(x) => set({ hours: x.target.value })} />
            </label>
            <label>
              New purchase price ({e.currency}) <input inputMode="decimal" value={e.buy} onChange={(x) => set({ buy: x.target.value })} />
            </label>
          </>
        )}
        <div>
          <button type="submit" disabled={act.busy}>
            Save {kind}
          </button>{" "}
          <button type="button" onClick={() => setEditing(null)}>
            Cancel
          </button>
        </div>
      </form>
    );
  }

  async function addPackage(event: FormEvent) {
    event.preventDefault();
    const done = await act.run(() =>
      api.createPrepaymentPackage(
        {
          name: pack.name,
          price: money(pack.price, pack.currency),
          grants: pack.credits ? { credits: Number(pack.credits) } : { amount: money(pack.grant, pack.currency) },
        },
        newKey(),
      ),
    );
    if (done) await refresh();
  }

  return (
    <section aria-labelledby="catalogue-title">
      <h1 id="catalogue-title">Catalogue</h1>
      <ProblemBanner problem={load.problem ?? act.problem} />
      <h2>Plans</h2>
      <table aria-label="Plans">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Price</th>
            <th scope="col">Every</th>
            <th scope="col">Trial days</th>
            <th scope="col">Active</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {plans.map((p) => (
            <tr key={p.id}>
              <td>{p.name}</td>
              <td>
                <Money amount={p.price.amount} currency={p.price.currency} />
              </td>
              <td>
                {p.intervalCount} {p.interval}
              </td>
              <td>{p.trialDays}</td>
              <td>{p.active ? "yes" : "no"}</td>
              {rowActions("plan", p.id, p.name, p.active, () => editPlan(p))}
            </tr>
          ))}
        </tbody>
      </table>
      {editForm("plan")}
      <form onSubmit={addPlan} className="stack" aria-label="New plan">
        <label>
          Plan name <input required value={plan.name} onChange={(e) => setPlan({ ...plan, name: e.target.value })} />
        </label>
        <label>
          Plan price <input required inputMode="decimal" value={plan.price} onChange={(e) => setPlan({ ...plan, price: e.target.value })} />
        </label>
        <label>
          Plan currency <input maxLength={3} value={plan.currency} onChange={(e) => setPlan({ ...plan, currency: e.target.value.toUpperCase() })} />
        </label>
        <label>
          Every
          <select value={plan.interval} onChange={(e) => setPlan({ ...plan, interval: e.target.value as typeof plan.interval })}>
            <option value="week">Week</option>
            <option value="month">Month</option>
            <option value="year">Year</option>
          </select>
        </label>
        <label>
          Trial days <input inputMode="numeric" value={plan.trialDays} onChange={(e) => setPlan({ ...plan, trialDays: e.target.value })} />
        </label>
        <button type="submit" disabled={act.busy}>
          Add plan
        </button>
      </form>
      <h2>Videos</h2>
      <table aria-label="Videos">
        <thead>
          <tr>
            <th scope="col">Title</th>
            <th scope="col">Rent</th>
            <th scope="col">Buy</th>
            <th scope="col">Active</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {videos.map((v) => (
            <tr key={v.id}>
              <td>
                {v.title} <code>{v.id}</code>
              </td>
              <td>{v.rent?.price ? <Money amount={v.rent.price.amount} currency={v.rent.price.currency} /> : "—"}</td>
              <td>{v.buy?.price ? <Money amount={v.buy.price.amount} currency={v.buy.price.currency} /> : "—"}</td>
              <td>{v.active ? "yes" : "no"}</td>
              {rowActions("video", v.id, v.title, v.active, () => editVideo(v))}
            </tr>
          ))}
        </tbody>
      </table>
      {editForm("video")}
      <form onSubmit={addVideo} className="stack" aria-label="New video">
        <label>
          Title <input required value={video.title} onChange={(e) => setVideo({ ...video, title: e.target.value })} />
        </label>
        <label>
          Rental price <input inputMode="decimal" value={video.rent} onChange={(e) => setVideo({ ...video, rent: e.target.value })} />
        </label>
        <label>
          Rental hours <input inputMode="numeric" value={video.hours} onChange={(e) => setVideo({ ...video, hours: e.target.value })} />
        </label>
        <label>
          Purchase price <input inputMode="decimal" value={video.buy} onChange={(e) => setVideo({ ...video, buy: e.target.value })} />
        </label>
        <label>
          Currency <input maxLength={3} value={video.currency} onChange={(e) => setVideo({ ...video, currency: e.target.value.toUpperCase() })} />
        </label>
        <button type="submit" disabled={act.busy}>
          Add video
        </button>
      </form>
      <h2>Prepayment packages</h2>
      <table aria-label="Packages">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Price</th>
            <th scope="col">Grants</th>
            <th scope="col">Active</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {packages.map((p) => (
            <tr key={p.id}>
              <td>{p.name}</td>
              <td>
                <Money amount={p.price.amount} currency={p.price.currency} />
              </td>
              <td>{p.grants.amount ? <Money amount={p.grants.amount.amount} currency={p.grants.amount.currency} /> : `${p.grants.credits} credits`}</td>
              <td>{p.active ? "yes" : "no"}</td>
              {rowActions("package", p.id, p.name, p.active, () => editPackage(p))}
            </tr>
          ))}
        </tbody>
      </table>
      {editForm("package")}
      <form onSubmit={addPackage} className="stack" aria-label="New package">
        <label>
          Package name <input required value={pack.name} onChange={(e) => setPack({ ...pack, name: e.target.value })} />
        </label>
        <label>
          Package price <input required inputMode="decimal" value={pack.price} onChange={(e) => setPack({ ...pack, price: e.target.value })} />
        </label>
        <label>
          Grants an amount <input inputMode="decimal" value={pack.grant} onChange={(e) => setPack({ ...pack, grant: e.target.value })} />
        </label>
        <label>
          Or grants credits <input inputMode="numeric" value={pack.credits} onChange={(e) => setPack({ ...pack, credits: e.target.value })} />
        </label>
        <label>
          Package currency <input maxLength={3} value={pack.currency} onChange={(e) => setPack({ ...pack, currency: e.target.value.toUpperCase() })} />
        </label>
        <button type="submit" disabled={act.busy}>
          Add package
        </button>
      </form>
      <h2>Bonus rules</h2>
      <table aria-label="Bonus rules">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Plan</th>
            <th scope="col">Grants</th>
            <th scope="col">Action</th>
          </tr>
        </thead>
        <tbody>
          {rules.map((r) => (
            <tr key={r.id}>
              <td>{r.trigger}</td>
              <td>{plans.find((p) => p.id === r.planId)?.name ?? r.planId ?? "any"}</td>
              <td>{r.grantAmount ? <Money amount={r.grantAmount.amount} currency={r.grantAmount.currency} /> : `${r.grantCredits} credits`}</td>
              <td>
                <button type="button" onClick={() => removeRule(r.id)} disabled={act.busy}>
                  Delete rule {r.id}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form onSubmit={addRule} className="stack" aria-label="New bonus rule">
        <label>
          When this plan is bought
          <select value={rule.planId} onChange={(e) => setRule({ ...rule, planId: e.target.value })}>
            <option value="">Any plan</option>
            {plans.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Grant credits <input required inputMode="numeric" value={rule.credits} onChange={(e) => setRule({ ...rule, credits: e.target.value })} />
        </label>
        <button type="submit" disabled={act.busy}>
          Add bonus rule
        </button>
      </form>
    </section>
  );
}
