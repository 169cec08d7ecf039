import { useEffect, useRef, useState, type FormEvent } from "react";
import type { CustomerDto } from "@cleanprepay/client";
import { api } from "../api";
import { ProblemBanner, saveFile, Time, useAction } from "../components";
import { navigate } from "../router";

type Filters = { q: string; status: string; newsletter: string; optIn: string };

const asBool = (v: string) => (v === "" ? undefined : v === "yes");

export function Customers() {
  const [filters, setFilters] = useState<Filters>({ q: "", status: "", newsletter: "", optIn: "" });
  const [rows, setRows] = useState<CustomerDto[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [lookup, setLookup] = useState("");
  const [creating, setCreating] = useState({ email: "", name: "", language: "en", country: "SE" });
  const list = useAction();
  const create = useAction();
  const exported = useAction();

  const latest = useRef(0);
  const [rowsFor, setRowsFor] = useState("");

  async function load(after: string | null, append: boolean) {
    // Searches race while staff type: only the answer to the last one asked is shown.
    const asked = ++latest.current;
    const page = await list.run(() => api.listCustomers(filters.q.trim() || undefined, filters.status || undefined, asBool(filters.newsletter), asBool(filters.optIn), 200, after ?? undefined));
    if (page && asked === latest.current) {
      setRowsFor(filters.q);
      setRows(append ? [...rows, ...page.items] : page.items);
      setCursor(page.nextCursor ?? null);
    }
  }

  useEffect(() => {
    void load(null, false);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [filters]);

  // The server searches (an exact email, or the start of an email or name); typing waits for a pause.
  useEffect(() => {
    const timer = setTimeout(() => setFilters((f) => (f.q === lookup ? f : { ...f, q: lookup })), 300);
    return () => clearTimeout(timer);
  }, [lookup]);

  async function download() {
    const file = await exported.run(() => api.exportCustomers(filters.q.trim() || undefined, filters.status || undefined, asBool(filters.newsletter), asBool(filters.optIn)));
    if (file) {
      saveFile(file.data, file.fileName ?? "customers.csv");
    }
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const made = await create.run(() => api.createCustomer(creating));
    if (made) {
      navigate(`/customers/${made.id}`);
    }
  }

  return (
    <section aria-labelledby="customers-title">
      <h1 id="customers-title">Customers</h1>
      <form
        className="filters"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setFilters({ ...filters, q: lookup });
        }}
      >
        <label>
          Find by email or name{" "}
          <input type="search" value={lookup} maxLength={254} placeholder="anna@example.com, ann, Anna S" onChange={(e) => setLookup(e.target.value)} />
        </label>
        <label>
          Status
          <select value={filters.status} onChange={(e) => setFilters({ ...filters, status: e.target.value })}>
            <option value="">Any</option>
            <option value="active">Active</option>
            <option value="inactive">Inactive</option>
          </select>
        </label>
        <label>
          Newsletter
          <select value={filters.newsletter} onChange={(e) => setFilters({ ...filters, newsletter: e.target.value })}>
            <option value="">Any</option>
            <option value="yes">Yes</option>
            <option value="no">No</option>
          </select>
        </label>
        <label>
          Opt-in
          <select value={filters.optIn} onChange={(e) => setFilters({ ...filters, optIn: e.target.value })}>
            <option value="">Any</option>
            <option value="yes">Yes</option>
            <option value="no">No</option>
          </select>
        </label>
        <button type="button" onClick={download} disabled={exported.busy}>
          Export CSV
        </button>
      </form>
      <ProblemBanner problem={list.problem ?? exported.problem} />
      <table aria-label="Customers" data-rows={rows.length} data-q={rowsFor} aria-busy={list.busy}>
        <thead>
          <tr>
            <th scope="col">Email</th>
            <th scope="col">Name</th>
            <th scope="col">Status</th>
            <th scope="col">Newsletter</th>
            <th scope="col">Registered</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((c) => (
            <tr key={c.id}>
              <td>
                <a href={`#/customers/${c.id}`}>{c.email}</a>
              </td>
              <td>{c.name}</td>
              <td>{c.status}</td>
              <td>{c.newsletter ? "yes" : "no"}</td>
              <td>
                <Time iso={c.registeredAt} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {cursor && (
        <button type="button" onClick={() => load(cursor, true)} disabled={list.busy}>
          More
        </button>
      )}
      <h2>New customer</h2>
      <form onSubmit={submit} className="stack">
        <label>
          Email <input type="email" required value={creating.email} onChange={(e) => setCreating({ ...creating, email: e.target.value })} />
        </label>
        <label>
          Name <input required value={creating.name} onChange={(e) => setCreating({ ...creating, name: e.target.value })} />
        </label>
        <label>
          Language <input value={creating.language} onChange={(e) => setCreating({ ...creating, language: e.target.value })} />
        </label>
        <label>
          Country <input value={creating.country} onChange={(e) => setCreating({ ...creating, country: e.target.value })} />
        </label>
        <button type="submit" disabled={create.busy}>
          Create customer
        </button>
        <ProblemBanner problem={create.problem} />
      </form>
    </section>
  );
}
