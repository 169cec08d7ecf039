import { useEffect, useState } from "react";
import type { MoneyDto, OverviewDto } from "@cleanprepay/client";
import { api } from "../api";
import { Money, ProblemBanner, useAction } from "../components";
import { formatMoney } from "../money";

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

export function Dashboard() {
  const [to, setTo] = useState(() => isoDay(new Date()));
  const [from, setFrom] = useState(() => isoDay(new Date(Date.now() - 29 * 86_400_000)));
  const [overview, setOverview] = useState<OverviewDto | null>(null);
  const load = useAction();
  useEffect(() => {
    void load.run(() => api.getOverview(from, to)).then((o) => o && setOverview(o));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [from, to]);

  const currencies = overview ? [...new Set(overview.days.flatMap((d) => [...d.topUps, ...d.orderRevenue].map((m) => m.currency as string)))].sort() : [];
  return (
    <section aria-labelledby="dashboard-title">
      <h1 id="dashboard-title">Dashboard</h1>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          From (UTC day) <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          To (UTC day) <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
      </form>
      <ProblemBanner problem={load.problem} />
      {overview && (
        <>
          <dl className="figures" aria-label="Figures">
            <dt>Top-ups</dt>
            <dd data-figure="top-ups">{totals(overview.topUpsTotal)}</dd>
            <dt>Order revenue</dt>
            <dd data-figure="order-revenue">{totals(overview.orderRevenueTotal)}</dd>
            <dt>Active subscriptions</dt>
            <dd>{overview.activeSubscriptions}</dd>
            <dt>Renewals due in the period</dt>
            <dd>{overview.renewalsDue}</dd>
            <dt>Renewals paid</dt>
            <dd>{overview.renewalsPaid}</dd>
            <dt>Renewals failed</dt>
            <dd>{overview.renewalsFailed}</dd>
          </dl>
          {currencies.map((currency) => (
            <figure key={currency}>
              <figcaption>
                {currency}: top-ups (dark) and order revenue (light) per day
              </figcaption>
              <Bars overview={overview} currency={currency} />
            </figure>
          ))}
        </>
      )}
    </section>
  );
}

function totals(list: MoneyDto[]) {
  return list.length === 0 ? "—" : list.map((m, i) => <span key={m.currency}>{i > 0 && ", "}<Money amount={m.amount} currency={m.currency} /></span>);
}

const amountIn = (list: MoneyDto[], currency: string) => list.find((m) => m.currency === currency)?.amount ?? 0;

/** Two bars a day, scaled to the period's largest; each bar's title gives the exact figure. SVG attributes only (the CSP allows no inline style). */
function Bars({ overview, currency }: { overview: OverviewDto; currency: string }) {
  const height = 160;
  const slot = 22;
  const max = Math.max(1, ...overview.days.flatMap((d) => [amountIn(d.topUps, currency), amountIn(d.orderRevenue, currency)]));
  return (
    <svg role="img" aria-label={`${currency} per day`} width={overview.days.length * slot + 10} height={height + 20}>
      {overview.days.map((d, i) => {
        const t = amountIn(d.topUps, currency);
        const r = amountIn(d.orderRevenue, currency);
        const th = Math.round((t / max) * height);
        const rh = Math.round((r / max) * height);
        return (
          <g key={d.date}>
            <rect x={i * slot + 4} y={height - th} width={8} height={th} fill="#12324a">
              <title>{`${d.date} top-ups ${formatMoney(t, currency)}`}</title>
            </rect>
            <rect x={i * slot + 13} y={height - rh} width={8} height={rh} fill="#7fb3d5">
              <title>{`${d.date} order revenue ${formatMoney(r, currency)}`}</title>
            </rect>
          </g>
        );
      })}
      <line x1={0} y1={height} x2={overview.days.length * slot + 10} y2={height} stroke="#555" />
    </svg>
  );
}
