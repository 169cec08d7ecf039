// One formatter for the page: building an Intl formatter costs far more than using one, and a
// 200-row ledger would otherwise build hundreds.
const local = new Intl.DateTimeFormat(undefined, { dateStyle: "short", timeStyle: "medium" });

/** An instant in the viewer's zone; the title attribute carries it in UTC. */
export function localTime(iso: string | null | undefined): string {
  return iso ? local.format(new Date(iso)) : "—";
}

export function utcTime(iso: string | null | undefined): string {
  return iso ? new Date(iso).toISOString().replace(".000Z", "Z") : "";
}
