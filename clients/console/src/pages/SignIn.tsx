import { useEffect, useState, type FormEvent } from "react";
import { devTokensAvailable } from "@cleanprepay/client";
import { devSignIn, origin, signIn } from "../api";
import { ProblemBanner, useAction } from "../components";

/** A pasted JWT; in Development the API also offers a dev admin token (POST /v1/dev/tokens exists only there). */
export function SignIn({ onSignedIn }: { onSignedIn: () => void }) {
  const [token, setToken] = useState("");
  const [devAvailable, setDevAvailable] = useState(false);
  const action = useAction();
  useEffect(() => {
    void devTokensAvailable(origin).then(setDevAvailable);
  }, []);

  function submit(event: FormEvent) {
    event.preventDefault();
    signIn(token);
    onSignedIn();
  }

  return (
    <main className="signin">
      <h1>CleanPrepay console</h1>
      <form onSubmit={submit} className="stack">
        <label>
          Staff token (JWT) <textarea required value={token} onChange={(e) => setToken(e.target.value)} />
        </label>
        <button type="submit">Sign in</button>
      </form>
      {devAvailable && (
        <button type="button" onClick={() => action.run(devSignIn).then(() => onSignedIn())} disabled={action.busy}>
          Use the dev admin token
        </button>
      )}
      <ProblemBanner problem={action.problem} />
      <p className="hint">The token is kept for this tab only.</p>
    </main>
  );
}
