import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { setPasswordChangeRequiredHandler, setUnauthenticatedHandler } from "../api/client";
import type { SessionUser } from "../api/types";
import { fetchSession, signIn, signOut } from "./session.api";

type Auth = {
  /** `loading` until the first session check answers. */
  status: "loading" | "ready";
  user: SessionUser | null;
  /** True after the user signed out here, so the login page does not send the next user back to their page. */
  hasSignedOut: boolean;
  /** A session check that failed for a reason other than 401 (server down). */
  error: Error | null;
  login: (username: string, password: string) => Promise<SessionUser>;
  logout: () => Promise<void>;
  retry: () => void;
  /** Asks the server who is signed in again (after the password changed). */
  reload: () => Promise<void>;
};

const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<Auth["status"]>("loading");
  const [user, setUser] = useState<SessionUser | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [hasSignedOut, setSignedOut] = useState(false);
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` re-runs the check on retry.
  useEffect(() => {
    let live = true;
    setStatus("loading");
    fetchSession()
      .then((found) => {
        if (!live) return;
        setUser(found);
        setError(null);
      })
      .catch((cause: Error) => live && setError(cause))
      .finally(() => live && setStatus("ready"));
    return () => {
      live = false;
    };
  }, [attempt]);

  // A 401 from any request means the session ended: forget the user and the guard shows the login page.
  useEffect(() => {
    setUnauthenticatedHandler(() => setUser(null));
    // A 403 password_change_required means the session may only change its password: the guard
    // then shows the change form instead of the app.
    setPasswordChangeRequiredHandler(() =>
      setUser((current) => (current ? { ...current, passwordChangeRequired: true } : current)),
    );
  }, []);

  const login = useCallback(async (username: string, password: string) => {
    const signedIn = await signIn(username, password);
    setUser(signedIn);
    setSignedOut(false);
    setError(null);
    return signedIn;
  }, []);

  const logout = useCallback(async () => {
    try {
      await signOut();
    } catch {
      // Even if the server cannot be told, the user asked to leave: show the login page.
    }
    setSignedOut(true);
    setUser(null);
  }, []);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);

  const reload = useCallback(async () => {
    setUser(await fetchSession());
  }, []);

  const value = useMemo<Auth>(
    () => ({ status, user, hasSignedOut, error, login, logout, retry, reload }),
    [status, user, hasSignedOut, error, login, logout, retry, reload],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const value = useContext(AuthContext);
  if (!value) throw new Error("useAuth outside AuthProvider");
  return value;
}

/** The signed-in user; only for pages behind RequireAuth. */
export function useUser(): SessionUser {
  const { user } = useAuth();
  if (!user) throw new Error("useUser without a signed-in user");
  return user;
}
