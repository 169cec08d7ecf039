/** An instant in the viewer's zone; the title attribute carries it in UTC. */
export function localTime(iso: string | null | undefined): string {
  return iso ? new Date(iso).toLocaleString() : "—";
}

export function utcTime(iso: string | null | undefined): string {
  return iso ? new Date(iso).toISOString().replace(".000Z", "Z") : "";
}
