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
