import { useState, type ReactNode } from "react";
import { toProblem, type Problem } from "./api";
import { formatMoney } from "./money";
import { localTime, utcTime } from "./format";

export function ProblemBanner({ problem }: { problem: Problem | null }) {
  if (!problem) {
    return null;
  }

  return (
    <div role="alert" className="problem">
      <strong>{problem.detail}</strong> <code>{problem.code}</code>
      {problem.errors && (
        <ul>
          {Object.entries(problem.errors).map(([field, messages]) => (
            <li key={field}>
              <code>{field}</code>: {messages.join(" ")}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function Money({ amount, currency }: { amount: number; currency: string }) {
  return <span className="money">{formatMoney(amount, currency)}</span>;
}

export function Time({ iso }: { iso: string | null | undefined }) {
  return <time dateTime={iso ?? undefined} title={utcTime(iso)}>{localTime(iso)}</time>;
}

/** Runs an action once at a time and keeps its problem: the button it drives is disabled while it runs. */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  async function run<T>(action: () => Promise<T>): Promise<T | undefined> {
    setBusy(true);
    setProblem(null);
    try {
      return await action();
    } catch (error) {
      setProblem(toProblem(error));
      return undefined;
    } finally {
      setBusy(false);
    }
  }

  return { busy, problem, run, setProblem };
}

/** Hands a file to the browser as a download. */
export function saveFile(data: Blob, name: string): void {
  const url = URL.createObjectURL(data);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.click();
  URL.revokeObjectURL(url);
}

/** A confirmation step before anything that moves money or cannot be undone. */
export function Confirm({ message, onConfirm, onCancel, busy }: { message: ReactNode; onConfirm: () => void; onCancel: () => void; busy: boolean }) {
  return (
    <div role="dialog" aria-modal="true" aria-label="Confirm" className="confirm">
      <p>{message}</p>
      <button type="button" onClick={onConfirm} disabled={busy} autoFocus>
        Confirm
      </button>{" "}
      <button type="button" onClick={onCancel} disabled={busy}>
        Cancel
      </button>
    </div>
  );
}
