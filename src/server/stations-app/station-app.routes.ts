/**
 * The phone's side: sign in with the QR link, read the station and its month, sync the records
 * made offline. Only an account bound to a station (and not revoked) gets past the check, and it
 * reaches only that station: every record is filed under the bound station, whatever is sent.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { listStationRecords } from "../network";
import { stationOperations } from "../operations";
import { requirePrincipal, SESSION_COOKIE } from "../platform/auth/http-auth";
import type { RouteContext } from "../platform/domain";
import { AppError, forbidden } from "../platform/http/errors";
import { chinaDate } from "../platform/time/china-time";
import { renewStationSession, signInWithLink } from "./sign-in-links";
import { findStationBinding, type StationBinding } from "./station-accounts.repository";
import { stationAppSettings } from "./station-app-settings";
import {
  StationMeResponse,
  StationSignInRequest,
  StationSignInResponse,
  SyncRequest,
  SyncResponse,
} from "./stations-app.schema";
import { syncStationRecords } from "./sync-station-records";

const httpsFromEnv = () => ["1", "true"].includes((process.env.SHIFAN_HTTPS ?? "").toLowerCase());

export async function stationAppRoutes(app: FastifyInstance, { db }: RouteContext): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const settings = stationAppSettings();
  const bindings = new WeakMap<FastifyRequest, StationBinding>();

  const setCookie = (request: FastifyRequest, reply: FastifyReply, token: string) =>
    reply.setCookie(SESSION_COOKIE, token, {
      path: "/",
      httpOnly: true,
      sameSite: "strict",
      secure: request.protocol === "https" || httpsFromEnv(),
      maxAge: settings.sessionDays * 86_400,
    });

  /** Before the body is read: a station account that is bound and not revoked, or 401/403. */
  const requireStation = async (request: FastifyRequest) => {
    const principal = requirePrincipal(request);
    const binding =
      principal.role === "station_manager" ? await findStationBinding(db.db, principal.id) : undefined;
    if (!binding) throw forbidden();
    bindings.set(request, binding);
  };
  const bindingOf = (request: FastifyRequest) => {
    const binding = bindings.get(request);
    if (!binding) throw forbidden();
    return binding;
  };
  /** Each contact from the phone keeps its session alive for another `sessionDays`. */
  const renew = async (request: FastifyRequest, reply: FastifyReply) => {
    const token = request.cookies[SESSION_COOKIE]!;
    const expiresAt = await renewStationSession(db.db, token, settings);
    setCookie(request, reply, token);
    return expiresAt;
  };

  api.post(
    "/api/v1/station-app/session",
    {
      schema: {
        tags: ["stations-app"],
        summary: "站点手机扫码登录（一次性二维码）",
        body: StationSignInRequest,
        response: { 200: StationSignInResponse },
      },
      config: { access: "public" },
    },
    async (request, reply) => {
      const session = await signInWithLink(db.db, request.body.token, settings);
      setCookie(request, reply, session.token);
      return { expiresAt: session.expiresAt };
    },
  );

  api.get(
    "/api/v1/station-app/me",
    {
      schema: {
        tags: ["stations-app"],
        summary: "本站点信息与本月数据",
        response: { 200: StationMeResponse },
      },
      config: { access: "station_account" },
      preValidation: requireStation,
    },
    async (request, reply) => {
      const binding = bindingOf(request);
      const principal = requirePrincipal(request);
      const [station] = await listStationRecords(db.db, {
        countyCode: binding.countyCode,
        id: binding.stationId,
      });
      if (!station) throw new AppError(404, "not_found", { zh: "站点已不存在", en: "The station is gone" });
      const county = await db.db
        .selectFrom("regions")
        .select("name")
        .where("code", "=", binding.countyCode)
        .executeTakeFirst();
      const today = chinaDate();
      const month = today.slice(0, 7);
      const empty = { month, orders: 0, amountFen: 0, downShipments: 0, withinDaysBp: 0 };
      let figures: typeof empty & { onlineRateBp: number | null } = { ...empty, onlineRateBp: null };
      try {
        const ops = await stationOperations({
          db,
          countyCode: binding.countyCode,
          stationCode: binding.stationNo,
          toMonth: month,
          asOf: today,
        });
        figures = ops.months.find((m) => m.month === month) ?? figures;
      } catch (error) {
        if (!(error instanceof AppError) || error.status !== 404) throw error; // no data yet
      }
      return {
        account: { username: principal.username, displayName: principal.displayName },
        station: {
          id: station.id,
          stationNo: station.stationNo,
          name: station.name,
          countyCode: binding.countyCode,
          countyName: county?.name ?? binding.countyCode,
          villageName: station.villageName,
          townshipName: station.townshipName,
        },
        month: {
          month,
          orders: figures.orders,
          amountFen: figures.amountFen,
          onlineRateBp: figures.onlineRateBp,
          downShipments: figures.downShipments,
          withinDaysBp: figures.withinDaysBp,
        },
        sessionExpiresAt: await renew(request, reply),
        today,
      };
    },
  );

  api.post(
    "/api/v1/station-app/sync",
    {
      schema: {
        tags: ["stations-app"],
        summary: "同步手机离线记录（订单、包裹、开门收摊）：按记录编号幂等，重试不会重复计数",
        body: SyncRequest,
        response: { 200: SyncResponse },
      },
      config: { access: "station_account" },
      preValidation: requireStation,
    },
    async (request, reply) => {
      const outcomes = await syncStationRecords(db, bindingOf(request), request.body);
      return { outcomes, sessionExpiresAt: await renew(request, reply) };
    },
  );
}
