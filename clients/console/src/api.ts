import { ApiException, CleanPrepayClient, requestDevToken, withBearerToken } from "@cleanprepay/client";

// The token lives in this tab's sessionStorage only: closing the tab signs out, and no other tab or
// later visit sees it (issue 16).
const TOKEN_KEY = "cleanprepay.console.token";

export const origin = window.location.origin;

export function currentToken(): string | null {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function signIn(token: string): void {
  sessionStorage.setItem(TOKEN_KEY, token.trim());
}

export function signOut(): void {
  sessionStorage.removeItem(TOKEN_KEY);
}

export async function devSignIn(): Promise<void> {
  signIn(await requestDevToken(origin, "admin"));
}

export const api = new CleanPrepayClient(origin, withBearerToken(() => currentToken() ?? ""));

/** What the API said, as staff should read it: the problem's detail and its stable code. */
export interface Problem {
  status: number;
  code: string;
  detail: string;
  errors?: Record<string, string[]>;
}

export function toProblem(error: unknown): Problem {
  if (ApiException.isApiException(error)) {
    try {
      const body = JSON.parse(error.response) as { code?: string; detail?: string; title?: string; errors?: Record<string, string[]> };
      return { status: error.status, code: body.code ?? `http_${error.status}`, detail: body.detail ?? body.title ?? error.message, errors: body.errors };
    } catch {
      return { status: error.status, code: `http_${error.status}`, detail: error.message };
    }
  }

  if (error instanceof InputError) {
    return { status: 0, code: "invalid_amount", detail: error.message };
  }

  return { status: 0, code: "network_error", detail: error instanceof Error ? error.message : String(error) };
}

/** An amount the console refuses before sending anything (too many decimals, not a number). */
export class InputError extends Error {}

/** A fresh Idempotency-Key for one intent to move money: kept across retries and double clicks of that intent. */
export function newKey(): string {
  return crypto.randomUUID();
}
