import { useQueryClient } from "@tanstack/react-query";
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";

import { api, type WhoAmI } from "../api/client";
import { unwrap } from "../api/http";
import { clearApiKey, readApiKey, storeApiKey } from "./keyStore";

type AuthState =
  | { status: "checking" }
  | { status: "signed-out" }
  | { status: "signed-in"; me: WhoAmI };

interface AuthContextValue {
  state: AuthState;
  signIn: (key: string) => Promise<void>;
  signOut: () => void;
}

const AuthContext = createContext<AuthContextValue | null>(null);

async function fetchMe(): Promise<WhoAmI> {
  return unwrap(await api.GET("/api/v1/me"));
}

/** Holds who is signed in; a stored key is checked against `/me` once at start. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [state, setState] = useState<AuthState>(() => (readApiKey() ? { status: "checking" } : { status: "signed-out" }));

  useEffect(() => {
    if (state.status !== "checking") return;
    fetchMe()
      .then((me) => setState({ status: "signed-in", me }))
      .catch(() => {
        clearApiKey();
        setState({ status: "signed-out" });
      });
  }, [state.status]);

  const signIn = useCallback(async (key: string) => {
    storeApiKey(key);
    try {
      const me = await fetchMe();
      setState({ status: "signed-in", me });
    } catch (error) {
      clearApiKey();
      throw error;
    }
  }, []);

  const signOut = useCallback(() => {
    clearApiKey();
    queryClient.clear();
    setState({ status: "signed-out" });
  }, [queryClient]);

  const value = useMemo(() => ({ state, signIn, signOut }), [state, signIn, signOut]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error("useAuth must be used inside AuthProvider");
  return value;
}

/** What the signed-in key may do; the API enforces the same rules, the portal only hides. */
export function usePermissions() {
  const { state } = useAuth();
  const role = state.status === "signed-in" ? state.me.role : "viewer";
  return {
    role,
    canRun: role === "operator" || role === "admin",
    isAdmin: role === "admin",
  };
}
