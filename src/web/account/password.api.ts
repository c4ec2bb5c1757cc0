import { api } from "../api/client";

/** Changes the signed-in user's password; the server's refusal (wrong, weak, reused) comes back as ApiError. */
export async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  await api.post<void>("/session/password", { currentPassword, newPassword });
}
