/** The station app's calls to the server; failures of the network are told apart from refusals. */
import type { DayData, OrderData, ParcelData } from "./store";

export type StationMe = {
  account: { username: string; displayName: string };
  station: {
    id: string;
    stationNo: string;
    name: string;
    countyCode: string;
    countyName: string;
    villageName: string | null;
    townshipName: string | null;
  };
  month: {
    month: string;
    orders: number;
    amountFen: number;
    onlineRateBp: number | null;
    downShipments: number;
    withinDaysBp: number;
  };
  sessionExpiresAt: string;
  today: string;
};

export type SyncOutcome = {
  sourceId: string;
  status: "synced" | "conflict" | "rejected";
  message: string | null;
};

/** The server answered with a refusal (401/403/4xx): not a network failure, so not retried blindly. */
export class Refused extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function call<T>(method: string, url: string, body?: unknown): Promise<T> {
  const res = await fetch(url, {
    method,
    credentials: "same-origin",
    headers: {
      "accept-language": "zh-CN",
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) {
    const text = await res.text();
    let message = `服务器返回 ${res.status}`;
    try {
      message = (JSON.parse(text) as { error?: { message?: string } }).error?.message ?? message;
    } catch {
      // not JSON: keep the status
    }
    throw new Refused(res.status, message);
  }
  return (await res.json()) as T;
}

export const signInWithToken = (token: string) =>
  call<{ expiresAt: string }>("POST", "/api/v1/station-app/session", { token });

export const loadMe = () => call<StationMe>("GET", "/api/v1/station-app/me");

export type SyncBody = {
  orders: (OrderData & { sourceId: string })[];
  parcels: (ParcelData & { sourceId: string })[];
  days: (DayData & { sourceId: string })[];
};

export const sendRecords = (body: SyncBody) =>
  call<{ outcomes: SyncOutcome[]; sessionExpiresAt: string }>("POST", "/api/v1/station-app/sync", body);
