import { z } from "zod";
import { ORDER_KIND_KEYS } from "../../rules/operations";

const Code = z.string().regex(/^\d{6}$/, "6-digit county code");
const Uuid = z.string().uuid();
/** What the phone names its records by: its own random ids. */
const LocalId = z.string().regex(/^[A-Za-z0-9-]{1,40}$/, "1–40 letters, digits or -");
const Instant = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?\+08:00$/, "YYYY-MM-DDTHH:mm:ss+08:00");
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "YYYY-MM-DD");

export const StationAccountParams = z.object({ code: Code, id: Uuid });

export const StationAccountCreateRequest = z.object({
  stationId: Uuid,
  username: z.string().regex(/^[A-Za-z0-9_.-]{3,40}$/, "3–40 letters, digits or _.-"),
  displayName: z.string().trim().min(1).max(40),
});

export const StationAccountResponse = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  countyCode: z.string(),
  stationId: z.string(),
  stationNo: z.string(),
  stationName: z.string(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
  sessions: z.number().int(),
});
export const StationAccountListResponse = z.object({ accounts: z.array(StationAccountResponse) });

export const SignInLinkResponse = z.object({
  account: StationAccountResponse,
  url: z.string(),
  qrDataUrl: z.string(),
  expiresAt: z.string(),
});

export const StationSignInRequest = z.object({ token: z.string().min(1).max(200) });
export const StationSignInResponse = z.object({ expiresAt: z.string() });

const Fen = z.number().int().min(0).max(100_000_000_000);

export const SyncRequest = z.object({
  orders: z
    .array(
      z.object({
        sourceId: LocalId,
        kind: z.enum(ORDER_KIND_KEYS as [string, ...string[]]),
        amountFen: Fen,
        at: Instant,
      }),
    )
    .max(2000)
    .default([]),
  parcels: z
    .array(
      z.object({
        sourceId: LocalId,
        waybill: z.string().trim().min(4).max(64),
        carrier: z.string().trim().min(1).max(50),
        direction: z.enum(["down", "up"]),
        at: Instant,
        dispatchedOn: Day.nullish(),
        feeFen: Fen.nullish(),
        weightGrams: z.number().int().min(0).max(1_000_000).nullish(),
      }),
    )
    .max(2000)
    .default([]),
  days: z
    .array(z.object({ sourceId: LocalId, day: Day, openedAt: Instant, closedAt: Instant }))
    .max(400)
    .default([]),
});

export const SyncResponse = z.object({
  outcomes: z.array(
    z.object({
      sourceId: z.string(),
      status: z.enum(["synced", "conflict", "rejected"]),
      message: z.string().nullable(),
    }),
  ),
  sessionExpiresAt: z.string(),
});

const MonthFigures = z.object({
  month: z.string(),
  orders: z.number().int(),
  amountFen: z.number().int(),
  onlineRateBp: z.number().int().nullable(),
  downShipments: z.number().int(),
  withinDaysBp: z.number().int(),
});

export const StationMeResponse = z.object({
  account: z.object({ username: z.string(), displayName: z.string() }),
  station: z.object({
    id: z.string(),
    stationNo: z.string(),
    name: z.string(),
    countyCode: z.string(),
    countyName: z.string(),
    villageName: z.string().nullable(),
    townshipName: z.string().nullable(),
  }),
  /** This month's figures as the county's KPI page counts them (records synced so far). */
  month: MonthFigures,
  sessionExpiresAt: z.string(),
  today: z.string(),
});
