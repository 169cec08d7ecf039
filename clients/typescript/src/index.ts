// Hand-written entry point: re-exports the NSwag-generated client (src/client.ts, do not edit
// it by hand: run `npm run generate`) and adds a fetch wrapper that sends a bearer token.
export * from "./client.js";

/** The `http` argument of the generated client's constructor. */
export interface FetchLike {
  fetch(url: RequestInfo, init?: RequestInit): Promise<Response>;
}

/** A token, or a function that returns the current one (called before every request). */
export type TokenSource = string | (() => string | Promise<string>);

/**
 * Wraps `fetch` so that every request carries `Authorization: Bearer <token>`.
 *
 * ```ts
 * const api = new CleanPrepayClient("https://api.example.com", withBearerToken(() => auth.token()));
 * ```
 */
export function withBearerToken(
  token: TokenSource,
  fetchImpl: typeof globalThis.fetch = globalThis.fetch,
): FetchLike {
  return {
    async fetch(url: RequestInfo, init?: RequestInit): Promise<Response> {
      const value = typeof token === "function" ? await token() : token;
      const headers = new Headers(init?.headers);
      headers.set("Authorization", `Bearer ${value}`);
      return fetchImpl(url, { ...init, headers });
    },
  };
}

/** Whether the API offers dev tokens (Development only): the route answers 404 everywhere else. Nothing is issued by asking. */
export async function devTokensAvailable(baseUrl: string, fetchImpl: typeof globalThis.fetch = globalThis.fetch): Promise<boolean> {
  try {
    const response = await fetchImpl(`${baseUrl.replace(/\/$/, "")}/v1/dev/tokens`, { method: "OPTIONS" });
    return response.status !== 404;
  } catch {
    return false;
  }
}

/**
 * Development only: asks the API's `POST /v1/dev/tokens` (mapped in the Development environment, 404
 * elsewhere) for a token, as the console's dev sign-in and the tests do.
 */
export async function requestDevToken(
  baseUrl: string,
  role: "admin" | "customer",
  customerId?: string,
  fetchImpl: typeof globalThis.fetch = globalThis.fetch,
): Promise<string> {
  const response = await fetchImpl(`${baseUrl.replace(/\/$/, "")}/v1/dev/tokens`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ role, customerId }),
  });
  if (!response.ok) {
    throw new Error(`No dev token (${response.status}): the API is not running in Development.`);
  }

  return ((await response.json()) as { token: string }).token;
}
