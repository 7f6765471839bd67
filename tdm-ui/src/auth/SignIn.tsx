import { type FormEvent, useState } from "react";

import { Button } from "../components/Button";
import { TextField } from "../components/Field";
import { ProblemAlert } from "../components/ProblemAlert";
import { useAuth } from "./AuthProvider";

export function SignIn() {
  const { signIn } = useAuth();
  const [key, setKey] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [touched, setTouched] = useState(false);
  const validation = key.trim() ? null : "Enter your API key.";

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (validation) return;
    setBusy(true);
    setError(null);
    try {
      await signIn(key.trim());
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="flex min-h-screen items-center justify-center bg-slate-100 px-4">
      <form onSubmit={submit} noValidate className="w-full max-w-sm space-y-4 rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
        <div className="flex items-center gap-2">
          <img src="/favicon.svg" alt="" className="size-8" />
          <div>
            <h1 className="text-lg font-semibold text-slate-900">TDM portal</h1>
            <p className="text-xs text-slate-500">Safe, small, realistic test data</p>
          </div>
        </div>
        <TextField
          label="API key"
          type="password"
          autoComplete="current-password"
          value={key}
          onChange={(e) => setKey(e.target.value)}
          error={touched ? validation : null}
          hint="Kept in this browser tab only. An admin creates keys with `tdm apikey create`."
          autoFocus
        />
        {error !== null && <ProblemAlert error={error} title="Sign-in failed" />}
        <Button type="submit" busy={busy} className="w-full">
          Sign in
        </Button>
      </form>
    </main>
  );
}
