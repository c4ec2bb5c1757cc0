import { ApiError, api } from "../api/client";
import type { SessionResponse, SessionUser } from "../api/types";

/** The signed-in user, or null when there is no session. */
export async function fetchSession(): Promise<SessionUser | null> {
  try {
    return (await api.get<SessionResponse>("/session", { allowUnauthenticated: true })).user;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

/** Signs in; a 401 (wrong credentials) or 423 (locked) comes back as ApiError with the server's message. */
export async function signIn(username: string, password: string): Promise<SessionUser> {
  return (await api.post<SessionResponse>("/session", { username, password }, { allowUnauthenticated: true }))
    .user;
}

export async function signOut(): Promise<void> {
  await api.delete("/session", { allowUnauthenticated: true });
}
