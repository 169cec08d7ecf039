import { useState, type FormEvent } from "react";
import type { CouponCampaignDto, CouponCodeDto } from "@cleanprepay/client";
import { api, newKey } from "../api";
import { Money, ProblemBanner, saveFile, Time, useAction } from "../components";

/** One campaign's report (redemptions, discount granted per currency), its codes as a CSV, and more bulk codes. */
export function CampaignReport({ campaign, onChanged }: { campaign: CouponCampaignDto; onChanged: () => void }) {
  const [current, setCurrent] = useState(campaign);
  const [count, setCount] = useState("10");
  const [name, setName] = useState(campaign.name as string);
  const [cap, setCap] = useState(campaign.maxRedemptions == null ? "" : String(campaign.maxRedemptions));
  const act = useAction();

  async function rename(event: FormEvent) {
    event.preventDefault();
    // The body names every editable field: what is not changed here is sent as it is.
    const saved = await act.run(() =>
      api.updateCouponCampaign(current.id, { name, maxRedemptions: cap === "" ? null : Number(cap), redeemBy: current.redeemBy }),
    );
    if (saved) {
      setCurrent(saved);
      onChanged();
    }
  }

  async function generate(event: FormEvent) {
    event.preventDefault();
    if (await act.run(() => api.generateCouponCodes(current.id, { count: Number(count) }, newKey()))) {
      onChanged();
    }
  }

  async function download() {
    const codes = await act.run(async () => {
      const all: CouponCodeDto[] = [];
      for (let cursor: string | undefined; ; ) {
        const page = await api.listCouponCodes(current.id, undefined, 200, cursor);
        all.push(...page.items);
        if (!(cursor = page.nextCursor ?? undefined)) return all;
      }
    });
    if (!codes) return;
    const csv = ["code,redeemed_by,redeemed_at,created_at", ...codes.map((c) => [c.code, c.redeemedBy ?? "", c.redeemedAt ?? "", c.createdAt].join(","))].join("\n");
    saveFile(new Blob([csv + "\n"], { type: "text/csv" }), `${current.id}-codes.csv`);
  }

  return (
    <article aria-label={`Report of ${current.name}`} className="confirm">
      <h2>{current.name}</h2>
      <dl className="figures">
        <dt>Redemptions</dt>
        <dd data-figure="redemptions">
          {current.redemptions}
          {current.maxRedemptions != null ? ` of ${current.maxRedemptions}` : ""}
        </dd>
        <dt>Discount granted</dt>
        <dd>{current.discountGranted.length === 0 ? "—" : current.discountGranted.map((m) => <Money key={m.currency} amount={m.amount} currency={m.currency} />)}</dd>
        <dt>Redeem by</dt>
        <dd>{current.redeemBy ? <Time iso={current.redeemBy} /> : "no limit"}</dd>
      </dl>
      <form onSubmit={rename} className="filters">
        <label>
          Campaign name <input required value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label>
          Redemption cap (empty: none) <input inputMode="numeric" value={cap} onChange={(e) => setCap(e.target.value)} />
        </label>
        <button type="submit" disabled={act.busy}>
          Save campaign
        </button>
      </form>
      {current.bulk && (
        <form onSubmit={generate} className="filters">
          <label>
            More codes <input inputMode="numeric" value={count} onChange={(e) => setCount(e.target.value)} />
          </label>
          <button type="submit" disabled={act.busy}>
            Generate codes
          </button>
        </form>
      )}
      <button type="button" onClick={download} disabled={act.busy}>
        Download codes
      </button>
      <ProblemBanner problem={act.problem} />
    </article>
  );
}
