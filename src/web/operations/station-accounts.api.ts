/** Calls of the county's station accounts (站点管理员账号, the phone app's sign-in by QR code). */
import { api } from "../api/client";

export type StationAccount = {
  id: string;
  username: string;
  displayName: string;
  countyCode: string;
  stationId: string;
  stationNo: string;
  stationName: string;
  createdAt: string;
  revokedAt: string | null;
  sessions: number;
};

export type SignInLink = { account: StationAccount; url: string; qrDataUrl: string; expiresAt: string };

const base = (code: string) => `/counties/${code}/station-accounts`;

export const fetchStationAccounts = (code: string, signal?: AbortSignal) =>
  api.get<{ accounts: StationAccount[] }>(base(code), { signal });

export const createStationAccount = (
  code: string,
  body: { stationId: string; username: string; displayName: string },
) => api.post<SignInLink>(base(code), body);

export const newSignInLink = (code: string, id: string) =>
  api.post<SignInLink>(`${base(code)}/${id}/sign-in-link`);

export const revokeStationAccount = (code: string, id: string) =>
  api.post<StationAccount>(`${base(code)}/${id}/revoke`);
