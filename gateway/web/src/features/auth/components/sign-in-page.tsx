import { useState, type SyntheticEvent } from "react";
import { Navigate, useSearchParams } from "react-router";
import { errorMessage } from "@/lib/problem";
import { useSession } from "../api/session";
import { useSignIn } from "../api/sign-in";

export function SignInPage() {
  const session = useSession();
  const signIn = useSignIn();
  const [params] = useSearchParams();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const next = safeNext(params.get("next"));

  if (session.data) {
    return <Navigate to={next} replace />;
  }

  const submit = (e: SyntheticEvent) => {
    e.preventDefault();
    signIn.mutate({ username: username.trim(), password });
  };

  return (
    <main className="sign-in" id="main">
      <h1>Jarvis</h1>
      {params.get("expired") === "1" && (
        <p role="status" className="notice">
          Your session has ended. Sign in again.
        </p>
      )}
      <form onSubmit={submit}>
        <label htmlFor="username">Username</label>
        <input id="username" name="username" autoComplete="username" required value={username} onChange={(e) => setUsername(e.target.value)} />
        <label htmlFor="password">Password</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        {signIn.error && (
          <p role="alert" className="notice notice-error">
            {errorMessage(signIn.error)}
          </p>
        )}
        <button type="submit" className="primary" disabled={signIn.isPending}>
          Sign in
        </button>
      </form>
    </main>
  );
}

/** Only a path of this app, never another origin (`//evil.example`). */
function safeNext(next: string | null): string {
  return next !== null && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\") ? next : "/chat";
}
